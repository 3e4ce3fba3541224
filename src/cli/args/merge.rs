//! Options of `embedcheck merge`.

use super::NetData;
use clap::Args;

/// `embedcheck merge --net N --data D --layer k [--out F]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck merge --net examples/depth_ex_f/lift_q1_second.net.json \\\n    --data examples/depth_ex_f/ex_f.data.json --layer 2"
)]
pub struct MergeArgs {
    /// The network and data.
    #[command(flatten)]
    pub input: NetData,
    /// The hidden layer k to merge into k+1.
    #[arg(long, value_name = "k")]
    pub layer: u64,
    /// Write the merged network here instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
}
