//! Options of `embedcheck certify`.

use super::{rational, NetData, ObjectiveOpts};
use crate::scalar::Q;
use clap::Args;

/// `embedcheck certify --net N --data D [--activation A] [--loss L] [--json] [--out PREFIX] [--tolerance T]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck certify --net examples/certify/split_trained.net.json \\\n    --data examples/certify/teacher20.data.json\n  embedcheck certify --net examples/certify/split_trained.net.json \\\n    --data examples/certify/teacher20.data.json --loss '{\"huber\": \"1\"}'\n  embedcheck certify --net examples/certify/tanh_trained.net.json \\\n    --data examples/certify/tanh_teacher.data.json   # tanh: proved with rigorous enclosures"
)]
pub struct CertifyArgs {
    /// The trained network and its data.
    #[command(flatten)]
    pub input: NetData,
    /// The loss (any exact loss; weight decay is refused: the embedding back to the input's width
    /// is not critical under it).
    #[command(flatten)]
    pub objective: ObjectiveOpts,
    /// Write the reduced network (PREFIX.net.json, PREFIX.safetensors) and PREFIX.certificate.json.
    #[arg(long, value_name = "PREFIX")]
    pub out: Option<String>,
    /// The relative tolerance for duplicated and null neurons.
    #[arg(long, value_name = "T", value_parser = rational, allow_hyphen_values = true)]
    pub tolerance: Option<Q>,
    /// The largest number of Newton steps in the refinement (the refinement stops earlier at an
    /// exact zero or when no step lowers the gradient; nothing it does is part of the proof).
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub max_newton_steps: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
