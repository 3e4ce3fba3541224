//! Options of `embedcheck claims`.

use clap::Args;

/// `embedcheck claims [ID ...] [--json] [--run] [--jobs J] [--root DIR]`.
#[derive(Clone, Debug, Args)]
#[command(after_help = "Example:\n  embedcheck claims p1.thm2 --run")]
pub struct ClaimsArgs {
    /// Claim ids (none: the whole ledger).
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// Re-run the evidence of each claim.
    #[arg(long)]
    pub run: bool,
    /// Worker threads for --run (default: the number of cores).
    #[arg(long, value_name = "J")]
    pub jobs: Option<u64>,
    /// The repository root (the directory holding proofs/).
    #[arg(long, value_name = "DIR")]
    pub root: Option<String>,
    /// Print the ledger as JSON.
    #[arg(long)]
    pub json: bool,
}
