//! Options of `embedcheck fixtures`.

use clap::Args;

/// `embedcheck fixtures --out DIR [--seed S] [--cases N] [--activation A] [--max-width W] [--loss L]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck fixtures --out /tmp/fixtures --seed 1 --cases 6\n  embedcheck fixtures --out /tmp/huber --loss '{\"huber\": \"1/2\"}'"
)]
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
    /// The loss of every case (an exact loss: mse by default, poly, huber, squared_hinge, as
    /// names or contract JSON).
    #[arg(long, value_name = "L")]
    pub loss: Option<String>,
    /// The largest hidden width.
    #[arg(long, value_name = "W", default_value_t = 3)]
    pub max_width: u64,
}
