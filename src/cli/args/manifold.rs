//! Options of `embedcheck manifold`.

use clap::Args;

/// `embedcheck manifold --r R --m M [--d D] [--activation A] [--seed S] [--json]`.
#[derive(Clone, Debug, Args)]
#[command(after_help = "Example:\n  embedcheck manifold --r 2 --m 3 --d 2 --seed 3")]
pub struct ManifoldArgs {
    /// The narrow width r.
    #[arg(long, value_name = "R")]
    pub r: u64,
    /// The wide width m.
    #[arg(long, value_name = "M")]
    pub m: u64,
    /// The input dimension d.
    #[arg(long, value_name = "D", default_value_t = 2)]
    pub d: u64,
    /// An exact activation: contract JSON, a name, or poly:c0,c1,… (default: the spec's quartic).
    #[arg(long, value_name = "A")]
    pub activation: Option<String>,
    /// The seed of the random choices.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
