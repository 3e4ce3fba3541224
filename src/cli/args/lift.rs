//! Options of `embedcheck lift`.

use super::{rational, NetData};
use crate::scalar::Q;
use clap::Args;

/// `embedcheck lift --net N --data D --after-layer q [--width m] [--construction identity|lemma]
/// [--segment positive|negative] [--scale c] [--out F] [--plot FILE.svg]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck lift --net examples/depth_ex_f/narrow.net.json \\\n    --data examples/depth_ex_f/ex_f.data.json --after-layer 1 --construction identity\n  embedcheck lift --net examples/depth_float/tanh.net.json \\\n    --data examples/depth_float/tanh.data.json --after-layer 1 --out deep.net.json --plot lift.svg"
)]
pub struct LiftArgs {
    /// The network and data.
    #[command(flatten)]
    pub input: NetData,
    /// Insert the new layer after layer q (0 is the input).
    #[arg(long, value_name = "q")]
    pub after_layer: u64,
    /// The width of the inserted layer (default min(m_q, m_{q+1}); m_q for identity).
    #[arg(long, value_name = "m")]
    pub width: Option<u64>,
    /// W' = I with a shifted bias, or the construction of Lemma 1/2 (default lemma).
    #[arg(long, value_name = "C", value_parser = ["identity", "lemma"])]
    pub construction: Option<String>,
    /// The affine segment of σ the new layer lives in (default: the one unbounded above).
    #[arg(long, value_name = "S", value_parser = ["positive", "negative"])]
    pub segment: Option<String>,
    /// The scale c of the float lifting (float nets only; default 1/1024).
    #[arg(long, value_name = "c", value_parser = rational, allow_hyphen_values = true)]
    pub scale: Option<Q>,
    /// Write the lifted network here instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// Also draw a picture to this SVG file (float nets): the output change and its derived bound against c = 2⁻¹…2⁻¹⁴.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<String>,
}
