//! Options of `embedcheck hessian`.

use super::{NetData, ObjectiveOpts};
use clap::Args;

/// `embedcheck hessian --net N --data D [--json] [--matrix] [--blocks] [--float] [--plot FILE.svg]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck hessian --net examples/nets/ex_c.net.json --data examples/nets/ex_c.data.json --blocks\n  embedcheck hessian --net examples/nets/ex_c.net.json --data examples/nets/ex_c.data.json --plot ex_c.svg"
)]
pub struct HessianArgs {
    /// The network and data.
    #[command(flatten)]
    pub input: NetData,
    /// The loss and weight decay.
    #[command(flatten)]
    pub objective: ObjectiveOpts,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also print the Hessian matrix (rows and columns in the contract's parameter order).
    #[arg(long)]
    pub matrix: bool,
    /// Also print the inertia of each layer's diagonal block.
    #[arg(long)]
    pub blocks: bool,
    /// Use the f64 spectrum with its printed tolerance (taken anyway for tanh, sigmoid, softplus).
    #[arg(long)]
    pub float: bool,
    /// Also draw a picture to this SVG file: the sorted eigenvalues (symlog axis), the inertia and the f64 zero band.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<String>,
}
