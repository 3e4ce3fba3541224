//! Options of `embedcheck split` and `embedcheck null`.

use super::rational;
use crate::scalar::Q;
use clap::Args;

/// `embedcheck split --net N --layer l --neuron s --alpha a [--out F]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck split --net examples/nets/ex_a.net.json --layer 1 --neuron 2 --alpha -1/3 \\\n    --out /tmp/wide.net.json"
)]
pub struct SplitArgs {
    /// The network: .net.json, .safetensors or .npz.
    #[arg(long, value_name = "FILE")]
    pub net: String,
    /// The hidden layer l (1-based).
    #[arg(long, value_name = "l")]
    pub layer: usize,
    /// The neuron s to split (1-based); the new neuron is appended last.
    #[arg(long, value_name = "s")]
    pub neuron: usize,
    /// The split ratio α (exact: `1/3`, `-2`, `0.25`).
    #[arg(long, value_name = "a", value_parser = rational, allow_hyphen_values = true)]
    pub alpha: Q,
    /// Write the embedded network here (format from the extension) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// The activation for tensor files: contract JSON or a bare name.
    #[arg(long, value_name = "A")]
    pub activation: Option<String>,
}

/// `embedcheck null --net N --layer l [--beta b] [--out F]`.
#[derive(Clone, Debug, Args)]
#[command(after_help = "Example:\n  embedcheck null --net examples/nets/ex_a.net.json --layer 1 --beta 1/2")]
pub struct NullArgs {
    /// The network: .net.json, .safetensors or .npz.
    #[arg(long, value_name = "FILE")]
    pub net: String,
    /// The hidden layer l (1-based) that gets the new neuron.
    #[arg(long, value_name = "l")]
    pub layer: usize,
    /// The new neuron's incoming weights β (all equal; default 0).
    #[arg(long, value_name = "b", value_parser = rational, allow_hyphen_values = true)]
    pub beta: Option<Q>,
    /// Write the embedded network here instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// The activation for tensor files: contract JSON or a bare name.
    #[arg(long, value_name = "A")]
    pub activation: Option<String>,
}
