//! Options of `embedcheck critical`.

use clap::Args;

/// `embedcheck critical --widths 2,3,1 --activation A --kind K [--samples n] [--seed S] --out PREFIX`.
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck critical --widths 2,3,1 --activation '{\"poly\":[\"0\",\"1\",\"1/2\"]}' --kind nonzero-loss \\\n    --samples 12 --seed 3 --out /tmp/crit"
)]
pub struct CriticalArgs {
    /// The widths m_0,…,m_L, comma-separated.
    #[arg(long, value_name = "W0,..,WL")]
    pub widths: String,
    /// The activation: contract JSON or a bare name (exact activations only).
    #[arg(long, value_name = "A")]
    pub activation: String,
    /// The kind of critical point.
    #[arg(long, value_name = "K", default_value = "nonzero-loss",
          value_parser = ["teacher", "nonzero-loss", "zero-outgoing", "repeated-neuron"])]
    pub kind: String,
    /// The number of samples n.
    #[arg(long, value_name = "n")]
    pub samples: Option<u64>,
    /// The seed of the random choices.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The largest |numerator| of the generated parameters (1 to 1000).
    #[arg(long, value_name = "H", default_value_t = 2)]
    pub height: u64,
    /// Writes PREFIX.net.json and PREFIX.data.json.
    #[arg(long, value_name = "PREFIX")]
    pub out: String,
}
