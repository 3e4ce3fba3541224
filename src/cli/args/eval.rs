//! Options of `embedcheck eval`.

use super::{NetData, ObjectiveOpts};
use clap::Args;

/// `embedcheck eval --net N --data D [--loss L] [--weight-decay λ] [--json] [--float] [--jobs J]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Examples:\n  embedcheck eval --net examples/nets/ex_a.net.json --data examples/nets/ex_a.data.json\n  embedcheck eval --net examples/nets/ex_a.net.json --data examples/nets/ex_a.data.json --loss '{\"huber\": \"1\"}' --weight-decay 1/10"
)]
pub struct EvalArgs {
    /// The network and data.
    #[command(flatten)]
    pub input: NetData,
    /// The loss and weight decay.
    #[command(flatten)]
    pub objective: ObjectiveOpts,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Evaluate in f64 with a rigorous gradient enclosure (taken anyway for tanh, sigmoid, softplus).
    #[arg(long)]
    pub float: bool,
    /// Worker threads for the exact fraction-free gradient (default: one for small problems,
    /// samples × parameters below 50 000, else the number of cores; the result is the same exact
    /// value for every J).
    #[arg(long, value_name = "J")]
    pub jobs: Option<u64>,
}
