//! The `embedcheck` command line: one file per subcommand.
//!
//! Exit codes (`interface.md`): 0 done and every check held; 1 a check failed; 2 bad usage or bad
//! input (the message names the file and place); 3 a resource limit was hit.

mod args;
mod error;
mod eval;
mod hessian;
mod load;

pub use args::Args;
pub use error::CliError;
pub use load::{eval_error, net_and_data, Loaded};

/// What `embedcheck` with no or unknown subcommand prints.
pub const USAGE: &str = "\
embedcheck: exact checks of loss-landscape theorems for neural networks

usage: embedcheck <command> [options]

commands:
  eval      --net N --data D [--json] [--float]    outputs, loss, gradient, criticality
  hessian   --net N --data D [--json] [--matrix] [--blocks] [--float]   rank, inertia, classification
  help                                            this text

Exit codes: 0 done (every check held), 1 a check failed, 2 bad usage or input, 3 resource limit.";

/// Runs the command line on `argv` (without the program name) and returns the exit code.
pub fn run(argv: Vec<String>) -> i32 {
    let mut args = Args::new(argv);
    let Some(cmd) = args.subcommand() else {
        eprintln!("{USAGE}");
        return 2;
    };
    let result = match cmd.as_str() {
        "eval" => eval::run(&mut args),
        "hessian" => hessian::run(&mut args),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(0)
        }
        other => Err(CliError::usage(format!("unknown command `{other}`; run `embedcheck help`"))),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("embedcheck {cmd}: {}", e.message);
            e.code
        }
    }
}
