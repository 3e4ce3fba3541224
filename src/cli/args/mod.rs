//! The command-line surface as clap derive structs: one [`Cli`] with a [`Command`] per
//! subcommand, each command's options in its own file (with a doc line per option, which is its
//! `--help` text, and a worked example). The command files in `src/cli/` read these structs.

mod alpha_range;
mod certify;
mod check;
mod claims;
mod compare;
mod convert;
mod count;
mod critical;
mod eval;
mod fixtures;
mod hessian;
mod lift;
mod linear;
mod manifold;
mod merge;
mod merge_reports;
mod mpc;
mod split;
mod theorems;
mod truly_bad;
mod verify;

pub use alpha_range::AlphaRangeArgs;
pub use certify::CertifyArgs;
pub use check::CheckArgs;
pub use claims::ClaimsArgs;
pub use compare::CompareArgs;
pub use convert::ConvertArgs;
pub use count::CountArgs;
pub use critical::CriticalArgs;
pub use eval::EvalArgs;
pub use fixtures::FixturesArgs;
pub use hessian::HessianArgs;
pub use lift::LiftArgs;
pub use linear::LinearArgs;
pub use manifold::ManifoldArgs;
pub use merge::MergeArgs;
pub use merge_reports::MergeReportsArgs;
pub use mpc::MpcArgs;
pub use split::{NullArgs, SplitArgs};
pub use theorems::TheoremsArgs;
pub use truly_bad::TrulyBadArgs;
pub use verify::VerifyArgs;

use crate::scalar::{NumberError, Q};
use clap::{Args, Parser, Subcommand};

/// Printed under the command list of `embedcheck --help`.
const OVERVIEW: &str = "\
Every --net may be .net.json, .safetensors (a torch nn.Sequential state dict) or .npz (W1, b1, …),
and every --data .data.json or .npz (inputs, targets); tensor files need --activation A unless
their metadata names it (embedcheck.activation).

`embedcheck <command> --help` shows a command's options and a worked example;
`embedcheck completions <shell>` prints a completion script (bash, zsh, fish, elvish, powershell).

Exit codes: 0 done (every check held), 1 a check failed, 2 bad usage or input, 3 resource limit.";

/// `embedcheck`: exact checks of loss-landscape theorems for neural networks.
#[derive(Debug, Parser)]
#[command(
    name = "embedcheck",
    version,
    about = "embedcheck: exact checks of loss-landscape theorems for neural networks",
    after_help = OVERVIEW,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Draw no progress bars (they are drawn only when stderr is a terminal).
    #[arg(long, short, global = true, display_order = 900)]
    pub quiet: bool,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// One subcommand of `embedcheck` with its options.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Outputs, loss, gradient and criticality at the network's parameters.
    Eval(EvalArgs),
    /// Hessian rank, inertia and classification of the point.
    Hessian(HessianArgs),
    /// Fukumizu–Amari: the α where splitting neuron s is a strict saddle (two-layer, scalar output).
    AlphaRange(AlphaRangeArgs),
    /// Splitting embedding T^α_{l,s}: duplicate neuron s of layer l.
    Split(SplitArgs),
    /// Null embedding T^β_{l,0}: add a neuron with zero outgoing weights.
    Null(NullArgs),
    /// Generate an exact critical point of a chosen kind.
    Critical(CriticalArgs),
    /// Convert between .net.json, .safetensors (PyTorch) and .npz (numpy); values read exactly.
    Convert(ConvertArgs),
    /// Grade another tool's float loss, gradient or Hessian against the exact truth.
    Compare(CompareArgs),
    /// Golden cases: exact and f64 loss, gradient, Hessian, inertia, H·v.
    Fixtures(FixturesArgs),
    /// Trained net → narrow origin, a proved nearby exact critical point and its inertia.
    Certify(CertifyArgs),
    /// List the theorem catalogue.
    Theorems(TheoremsArgs),
    /// Run catalogue theorems on generated cases; counterexamples become certificates.
    Check(CheckArgs),
    /// Re-check a certificate (theorem counterexample, Hessian or critical point).
    Verify(VerifyArgs),
    /// Combine the reports of `check --shard K/N` runs into the report of the whole campaign.
    MergeReports(MergeReportsArgs),
    /// The claims ledger of the five papers: verdict and evidence per claim.
    Claims(ClaimsArgs),
    /// The T_global certificate and a one-step search: is the critical point truly bad?
    #[command(about = "T_global certificate ([P2] Thm 6.3) and one-step search: is the critical point truly bad?")]
    TrulyBad(TrulyBadArgs),
    /// Symmetry counts T, T1, G, G0 (also tables and the crossover).
    Count(CountArgs),
    /// Expansion-manifold geometry.
    Manifold(ManifoldArgs),
    /// Insert a layer after layer q (exact; float for tanh, sigmoid, softplus).
    Lift(LiftArgs),
    /// Merge hidden layer k (affine on the data) into layer k+1.
    Merge(MergeArgs),
    /// Layer linearization (MPC) per hidden layer.
    #[command(about = "Layer linearization (MPC, [P3] Eq. 1) per hidden layer")]
    Mpc(MpcArgs),
    /// Deep linear net with weight decay: exact global minima and the origin.
    Linear(LinearArgs),
    /// Print a shell completion script to stdout.
    #[command(
        after_help = "Example:\n  embedcheck completions bash > ~/.local/share/bash-completion/completions/embedcheck"
    )]
    Completions(CompletionsArgs),
}

/// `embedcheck completions SHELL`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The network and data files most commands read.
#[derive(Clone, Debug, Args)]
pub struct NetData {
    /// The network: .net.json, .safetensors or .npz.
    #[arg(long, value_name = "FILE")]
    pub net: String,
    /// The data: .data.json or .npz (inputs, targets).
    #[arg(long, value_name = "FILE")]
    pub data: String,
    /// The activation for tensor files: contract JSON or a bare name (tanh, relu, …).
    #[arg(long, value_name = "A")]
    pub activation: Option<String>,
}

/// The objective options of the commands that evaluate R_S (contract, "Losses").
#[derive(Clone, Debug, Args)]
pub struct ObjectiveOpts {
    /// The loss: mse (default), squared_hinge, cross_entropy, logistic, or contract JSON such as
    /// '{"huber": "1/2"}' or '{"poly": [0, 0, "1/2"]}'; without it, the data file's "loss".
    #[arg(long, value_name = "L")]
    pub loss: Option<String>,
    /// Weight decay λ ≥ 0: the objective becomes R_S + (λ/2)‖θ‖² (exact rational).
    #[arg(long, value_name = "λ", value_parser = rational, allow_hyphen_values = true)]
    pub weight_decay: Option<Q>,
}

/// An exact rational option value (`3`, `-1/3`, `0.125`, `1e-3`); a number past the size limit
/// is reported with exit code 3 by [`crate::cli::run`].
///
/// # Errors
/// The [`NumberError`] of [`Q::parse`].
pub fn rational(s: &str) -> Result<Q, NumberError> {
    Q::parse(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn values_may_be_negative_and_use_either_spelling() {
        let cli =
            Cli::try_parse_from(["embedcheck", "null", "--net", "n.net.json", "--layer", "1", "--beta=-2"]).unwrap();
        let Command::Null(a) = cli.command else { panic!("null") };
        assert_eq!(a.beta, Some(Q::int(-2)));
        let cli = Cli::try_parse_from([
            "embedcheck",
            "split",
            "--net",
            "n",
            "--layer",
            "1",
            "--neuron",
            "1",
            "--alpha",
            "-1/3",
        ])
        .unwrap();
        let Command::Split(a) = cli.command else { panic!("split") };
        assert_eq!(a.alpha, Q::new(-1, 3));
    }

    #[test]
    fn missing_values_duplicates_and_unknown_options_are_usage_errors() {
        for argv in [
            &["embedcheck", "eval", "--net"][..],
            &["embedcheck", "eval", "--net", "a", "--net=b", "--data", "d"],
            &["embedcheck", "theorems", "--bogus"],
            &["embedcheck", "split", "--net", "n", "--layer", "1", "--neuron", "1", "--alpha", "1/0"],
        ] {
            let e = Cli::try_parse_from(argv).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{argv:?}");
        }
    }
}
