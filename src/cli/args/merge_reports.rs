//! Options of `embedcheck merge-reports`.

use clap::Args;

/// `embedcheck merge-reports FILE... [--json]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  for k in 1 2 3; do embedcheck check --all --shard $k/3 --json > shard$k.json; done\n  \
    embedcheck merge-reports shard1.json shard2.json shard3.json"
)]
pub struct MergeReportsArgs {
    /// Shard reports: the output of `check --json` or the lines of `check --jsonl`, one file each.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// Print the merged report as JSON (as `check --json` prints it).
    #[arg(long)]
    pub json: bool,
}
