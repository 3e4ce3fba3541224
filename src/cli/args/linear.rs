//! Options of `embedcheck linear`.

use super::rational;
use crate::scalar::Q;
use clap::Args;

/// `embedcheck linear --widths d0,..,dD,1 --data D --gamma G [--gamma-layers ..] [--s2 S] [--point P] [--json] [--plot FILE.svg]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck linear --widths 2,4,1 --data examples/linear/b5.data.json --gamma 3 --s2 4\n  embedcheck linear --widths 2,4,1,1 --data examples/linear/b5.data.json --gamma 1 --s2 4 --plot linear.svg"
)]
pub struct LinearArgs {
    /// The widths d0,…,dD,1, comma-separated.
    #[arg(long, value_name = "d0,..,1")]
    pub widths: String,
    /// The data: .data.json or .npz.
    #[arg(long, value_name = "FILE")]
    pub data: String,
    /// The weight decay γ.
    #[arg(long, value_name = "G", value_parser = rational, allow_hyphen_values = true)]
    pub gamma: Q,
    /// A weight decay per layer, comma-separated (default: γ for every layer).
    #[arg(long, value_name = "g,..", allow_hyphen_values = true)]
    pub gamma_layers: Option<String>,
    /// The noise variance s² (default 0).
    #[arg(long, value_name = "S", value_parser = rational, allow_hyphen_values = true)]
    pub s2: Option<Q>,
    /// Check the point in this file instead of finding the minima.
    #[arg(long, value_name = "FILE")]
    pub point: Option<String>,
    /// Skip the Hessians.
    #[arg(long)]
    pub no_hessian: bool,
    /// Also draw a picture to this SVG file: the reduced loss along the scale b with the candidates marked.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
