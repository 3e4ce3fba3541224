//! Options of `embedcheck theorems`.

use clap::Args;

/// `embedcheck theorems [--json]`.
#[derive(Clone, Debug, Args)]
#[command(after_help = "Example:\n  embedcheck theorems --json")]
pub struct TheoremsArgs {
    /// Print the catalogue as JSON.
    #[arg(long)]
    pub json: bool,
}
