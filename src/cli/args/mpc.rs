//! Options of `embedcheck mpc`.

use super::NetData;
use clap::Args;

/// `embedcheck mpc --net N --data D [--json]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck mpc --net examples/depth_ex_f/lift_q1.net.json \\\n    --data examples/depth_ex_f/ex_f.data.json"
)]
pub struct MpcArgs {
    /// The network and data.
    #[command(flatten)]
    pub input: NetData,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
