//! Options of `embedcheck eval`.

use super::NetData;
use clap::Args;

/// `embedcheck eval --net N --data D [--json] [--float]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck eval --net examples/nets/ex_a.net.json --data examples/nets/ex_a.data.json"
)]
pub struct EvalArgs {
    /// The network and data.
    #[command(flatten)]
    pub input: NetData,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Evaluate in f64 with a rigorous gradient enclosure (taken anyway for tanh, sigmoid, softplus).
    #[arg(long)]
    pub float: bool,
}
