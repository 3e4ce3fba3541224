//! Options of `embedcheck fixtures`.

use clap::Args;

/// `embedcheck fixtures --out DIR [--seed S] [--cases N] [--activation A] [--max-width W]`.
#[derive(Clone, Debug, Args)]
#[command(after_help = "Example:\n  embedcheck fixtures --out /tmp/fixtures --seed 1 --cases 6")]
pub struct FixturesArgs {
    /// The directory to write (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: String,
    /// The seed of the random choices.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The number of cases (default: one per kind).
    #[arg(long, value_name = "N")]
    pub cases: Option<u64>,
    /// Use this exact activation in every case.
    #[arg(long, value_name = "A")]
    pub activation: Option<String>,
    /// The largest hidden width.
    #[arg(long, value_name = "W", default_value_t = 3)]
    pub max_width: u64,
}
