//! Options of `embedcheck mpc`.

use super::NetData;
use clap::Args;

/// `embedcheck mpc --net N --data D [--json] [--plot FILE.svg]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck mpc --net examples/depth_ex_f/lift_q1.net.json \\\n    --data examples/depth_ex_f/ex_f.data.json\n  embedcheck mpc --net examples/depth_ex_f/lift_q1.net.json \\\n    --data examples/depth_ex_f/ex_f.data.json --plot mpc.svg"
)]
pub struct MpcArgs {
    /// The network and data.
    #[command(flatten)]
    pub input: NetData,
    /// Also draw a picture to this SVG file: MPC and every neuron's |ρ| per hidden layer, with the threshold 0.99.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
