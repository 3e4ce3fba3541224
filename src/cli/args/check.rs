//! Options of `embedcheck check`.

use crate::loss::LossFamily;
use crate::theorem::shard::Shard;
use clap::Args;

/// `embedcheck check [ID ...|--all] [--cases N] [--seed S] [--max-width W] [--json|--jsonl]
/// [--cert-dir D] [--jobs J] [--shard K/N]`.
#[derive(Clone, Debug, Args)]
#[command(after_help = "Examples:\n  embedcheck check width.split.output --cases 50 --seed 7 --cert-dir /tmp\n  \
    embedcheck check --all --shard 2/8 --json > shard2.json   # then: embedcheck merge-reports shard*.json")]
pub struct CheckArgs {
    /// Theorem or negative-control ids (`embedcheck theorems` lists them); none means all.
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// Run the whole catalogue.
    #[arg(long)]
    pub all: bool,
    /// Cases per theorem.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub cases: u64,
    /// The master seed (printed in every report).
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The largest width of generated networks (1 to 64).
    #[arg(long, value_name = "W")]
    pub max_width: Option<u64>,
    /// Where counterexample certificates are written.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub cert_dir: String,
    /// Worker threads (default: the number of cores).
    #[arg(long, value_name = "J")]
    pub jobs: Option<u64>,
    /// Print the table as JSON.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Print one JSON line per theorem as it finishes (with the shard and campaign).
    #[arg(long)]
    pub jsonl: bool,
    /// Run only shard K of N: the case indices i with i mod N = K − 1 of every theorem. The
    /// reports of shards 1/N … N/N merge (`embedcheck merge-reports`) into the unsharded report.
    #[arg(long, value_name = "K/N", default_value = "1/1")]
    pub shard: Shard,
    /// The loss family of the cases of the theorems that hold for every loss (`theorems` lists
    /// them as "loss: every loss"): mse, poly, huber, squared_hinge; without it each case draws
    /// one from its seed. Loss-free theorems run unchanged; those stated for ½-MSE are then not
    /// applicable.
    #[arg(long, value_name = "L", value_parser = loss_family)]
    pub loss: Option<LossFamily>,
}

/// A loss family name.
fn loss_family(s: &str) -> Result<LossFamily, String> {
    LossFamily::parse(s).ok_or_else(|| format!("unknown loss family `{s}` (mse, poly, huber, squared_hinge)"))
}
