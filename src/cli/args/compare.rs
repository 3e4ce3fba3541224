//! Options of `embedcheck compare`.

use super::{rational, NetData, ObjectiveOpts};
use crate::scalar::Q;
use clap::Args;

/// `embedcheck compare --net N --data D (--gradient F | --hessian F | --value x) [--json] [--rtol R] [--atol A]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck compare --net examples/nets/ex_a.net.json --data examples/nets/ex_a.data.json \\\n    --value 27.666666666666668"
)]
pub struct CompareArgs {
    /// The network and data.
    #[command(flatten)]
    pub input: NetData,
    /// The loss and weight decay.
    #[command(flatten)]
    pub objective: ObjectiveOpts,
    /// A float gradient to grade (.npy, .npz or a JSON list in contract order).
    #[arg(long, value_name = "FILE")]
    pub gradient: Option<String>,
    /// A float Hessian to grade (.npy, .npz or JSON).
    #[arg(long, value_name = "FILE")]
    pub hessian: Option<String>,
    /// A float loss value to grade.
    #[arg(long, value_name = "x", allow_hyphen_values = true)]
    pub value: Option<String>,
    /// Relative tolerance instead of the derived f64 bound.
    #[arg(long, value_name = "R", value_parser = rational, allow_hyphen_values = true)]
    pub rtol: Option<Q>,
    /// Absolute tolerance instead of the derived f64 bound.
    #[arg(long, value_name = "A", value_parser = rational, allow_hyphen_values = true)]
    pub atol: Option<Q>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
