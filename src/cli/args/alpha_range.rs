//! Options of `embedcheck alpha-range`.

use super::{rational, NetData, ObjectiveOpts};
use crate::scalar::Q;
use clap::Args;

/// `embedcheck alpha-range --net N --data D --neuron s [--json] [--alpha a [--certificate F]]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck alpha-range --net examples/nets/ex_c.net.json --data examples/nets/ex_c.data.json \\\n    --neuron 1 --alpha 2 --certificate /tmp/saddle.json\n  embedcheck alpha-range --net examples/nets/ex_c.net.json --data examples/nets/ex_c.data.json \\\n    --neuron 1 --plot alpha.svg"
)]
pub struct AlphaRangeArgs {
    /// The network and data (a two-layer net with scalar output at a critical point).
    #[command(flatten)]
    pub input: NetData,
    /// The loss (any exact loss: A carries ∂ℓ/∂f, H_narr carries ℓ''; weight decay is refused).
    #[command(flatten)]
    pub objective: ObjectiveOpts,
    /// The hidden layer (two-layer nets have only layer 1).
    #[arg(long, value_name = "l", default_value_t = 1)]
    pub layer: u64,
    /// The neuron s to split (1-based).
    #[arg(long, value_name = "s")]
    pub neuron: u64,
    /// Also check the split at this α against the predicted inertia.
    #[arg(long, value_name = "a", value_parser = rational, allow_hyphen_values = true)]
    pub alpha: Option<Q>,
    /// Write a strict-saddle certificate for the split at --alpha to this file.
    #[arg(long, value_name = "FILE")]
    pub certificate: Option<String>,
    /// Also draw a picture to this SVG file: the predicted inertia of each piece along α.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
