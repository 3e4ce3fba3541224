//! Options of `embedcheck convert`.

use super::rational;
use crate::scalar::Q;
use clap::Args;

/// `embedcheck convert --net IN [--data D] --out OUT [--data-out F] [--activation A] [--rationalize EPS]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck convert --net examples/nets/ex_a.net.json --data examples/nets/ex_a.data.json \\\n    --out /tmp/ex_a.safetensors --data-out /tmp/ex_a.npz"
)]
pub struct ConvertArgs {
    /// The network to read: .net.json, .safetensors or .npz.
    #[arg(long, value_name = "FILE")]
    pub net: String,
    /// A data file to convert along with it.
    #[arg(long, value_name = "FILE")]
    pub data: Option<String>,
    /// The network to write; the format follows the extension.
    #[arg(long, value_name = "FILE")]
    pub out: String,
    /// Where to write the data (needs --data).
    #[arg(long, value_name = "FILE")]
    pub data_out: Option<String>,
    /// The activation for tensor files: contract JSON or a bare name.
    #[arg(long, value_name = "A")]
    pub activation: Option<String>,
    /// Replace each value by the shortest fraction within relative distance EPS.
    #[arg(long, value_name = "EPS", value_parser = rational, allow_hyphen_values = true)]
    pub rationalize: Option<Q>,
}
