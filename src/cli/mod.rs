//! The `embedcheck` command line: one file per subcommand, its options a clap derive struct in
//! [`args`] (the single source of flags, `--help` text and shell completions), and progress bars
//! for long runs in `progress.rs`. The library below knows nothing of the command line.
//!
//! Exit codes (`interface.md`): 0 done and every check held; 1 a check failed; 2 bad usage or bad
//! input (the message names the file and place); 3 a resource limit was hit.

mod alpha_range;
pub mod args;
mod certify;
mod check;
mod claims;
mod compare;
mod compare_enclosed;
mod convert;
mod count;
mod critical;
mod error;
mod eval;
mod fixtures;
mod hessian;
mod lift;
mod linear;
mod load;
mod manifold;
mod merge;
mod merge_reports;
mod mpc;
mod output;
mod parse;
mod plot;
mod progress;
mod report;
mod split;
mod theorems;
mod truly_bad;
mod verify;

pub use args::{Cli, Command};
pub use error::CliError;
pub use load::{eval_error, net_and_data, Loaded};

use clap::CommandFactory;

/// Runs the command line on `argv` (without the program name) and returns the exit code.
pub fn run(argv: Vec<String>) -> i32 {
    let (cli, name) = match parse::parse(argv) {
        Ok(parsed) => parsed,
        Err(e) => return usage_error(&e),
    };
    let quiet = cli.quiet;
    let result = match &cli.command {
        Command::Eval(a) => eval::run(a),
        Command::Hessian(a) => hessian::run(a, quiet),
        Command::AlphaRange(a) => alpha_range::run(a),
        Command::Split(a) => split::run_split(a),
        Command::Null(a) => split::run_null(a),
        Command::Critical(a) => critical::run(a),
        Command::Convert(a) => convert::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Fixtures(a) => fixtures::run(a, quiet),
        Command::Certify(a) => certify::run(a, quiet),
        Command::Theorems(a) => theorems::run(a),
        Command::Check(a) => check::run(a, quiet),
        Command::Verify(a) => verify::run(a),
        Command::MergeReports(a) => merge_reports::run(a),
        Command::Claims(a) => claims::run(a),
        Command::TrulyBad(a) => truly_bad::run(a),
        Command::Count(a) => count::run(a),
        Command::Manifold(a) => manifold::run(a),
        Command::Lift(a) => lift::run(a),
        Command::Merge(a) => merge::run(a),
        Command::Mpc(a) => mpc::run(a),
        Command::Linear(a) => linear::run(a),
        Command::Completions(a) => {
            clap_complete::generate(a.shell, &mut Cli::command(), "embedcheck", &mut std::io::stdout());
            Ok(0)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("embedcheck {name}: {}", e.message);
            e.code
        }
    }
}

/// Prints a clap error (or the `--help`/`--version` text) and returns its exit code: 0 for help
/// and version, 2 for bad usage, 3 when an option's number is past the size limit.
fn usage_error(e: &clap::Error) -> i32 {
    let _ = e.print();
    let too_big = std::error::Error::source(e)
        .and_then(|s| s.downcast_ref::<crate::scalar::NumberError>())
        .is_some_and(|n| matches!(n, crate::scalar::NumberError::TooBig(_)));
    if too_big {
        3
    } else {
        e.exit_code()
    }
}
