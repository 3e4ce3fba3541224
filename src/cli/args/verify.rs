//! Options of `embedcheck verify`.

use clap::Args;

/// `embedcheck verify CERT.json`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example (a negative control fails, so `check` writes its counterexample, which stands):\n  embedcheck check width.split.control.no_rescale --cert-dir /tmp\n  embedcheck verify /tmp/width.split.control.no_rescale.cert.json"
)]
pub struct VerifyArgs {
    /// The certificate: a theorem counterexample, a Hessian or a critical-point certificate.
    #[arg(value_name = "CERT.json")]
    pub cert: String,
}
