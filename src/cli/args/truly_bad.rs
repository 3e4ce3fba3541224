//! Options of `embedcheck truly-bad`.

use super::{NetData, ObjectiveOpts};
use clap::Args;

/// `embedcheck truly-bad --net N --data D [--json] [--certificate F] [--no-search] [--alphas a,..] [--betas b,..]`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck truly-bad --net examples/nets/ex_d.net.json --data examples/nets/ex_d.data.json"
)]
pub struct TrulyBadArgs {
    /// The network (at a critical point) and data.
    #[command(flatten)]
    pub input: NetData,
    /// The loss (any exact loss: H^(2) carries ∂ℓ/∂f, the Hessians ℓ''; weight decay is refused).
    #[command(flatten)]
    pub objective: ObjectiveOpts,
    /// Write the T_global certificate here.
    #[arg(long, value_name = "FILE")]
    pub certificate: Option<String>,
    /// Skip the one-step embedding search.
    #[arg(long)]
    pub no_search: bool,
    /// Split ratios α to try, comma-separated.
    #[arg(long, value_name = "a,..", allow_hyphen_values = true)]
    pub alphas: Option<String>,
    /// Null-embedding weights β to try, comma-separated.
    #[arg(long, value_name = "b,..", allow_hyphen_values = true)]
    pub betas: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}
