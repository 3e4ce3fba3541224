//! Options of `embedcheck count`.

use clap::Args;

/// `embedcheck count [T|T1|G|G0|all] --r R --m M [--json]` (also `--table RMAX MMAX`, `--crossover R*`).
#[derive(Clone, Debug, Args)]
#[command(
    after_help = "Example:\n  embedcheck count all --r 10 --m 20\n  embedcheck count --table 4 8 T G\n  embedcheck count --crossover 6 --plot crossover.svg"
)]
pub struct CountArgs {
    /// Which counts: T, T1, G, G0 or all (default all); after --table, also M_MAX.
    #[arg(value_name = "KIND")]
    pub positionals: Vec<String>,
    /// The narrow width r.
    #[arg(long, value_name = "R")]
    pub r: Option<u64>,
    /// The wide width m.
    #[arg(long, value_name = "M")]
    pub m: Option<u64>,
    /// A table for r ≤ R_MAX (M_MAX follows as a positional).
    #[arg(long, value_name = "R_MAX")]
    pub table: Option<u64>,
    /// The first h with T(r*, r*+h) > G(r*−1, r*+h).
    #[arg(long, value_name = "R*")]
    pub crossover: Option<u64>,
    /// The largest h searched by --crossover.
    #[arg(long, value_name = "H")]
    pub h_max: Option<u64>,
    /// Also draw a picture to this SVG file (with --crossover): T, T1 and G against h and the crossover.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<String>,
    /// Print the counts as JSON.
    #[arg(long)]
    pub json: bool,
}
