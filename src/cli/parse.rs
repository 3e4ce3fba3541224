//! Parsing the command line, with a short cut for the commands that other programs call in loops
//! (`eval`, `hessian`): their options are first parsed against that subcommand's own definition
//! alone, which skips building the whole command tree (about a third of a millisecond at start,
//! most of it first-touch page faults of clap's code and data).
//!
//! Why the short cut gives what the full parser gives: the lone subcommand has exactly the
//! options the subcommand has in the full tree (the same derive, `Args::augment_args`) and none
//! of the full tree's additions (the global `--quiet`, `--help`, `--version`, inferred or
//! abbreviated names: none is enabled). So an argument list it accepts is one the full parser
//! accepts with the same values and `quiet` false; anything else (an error, a request for help,
//! `-q`) goes to the full parser, which words it as always. A test compares both on many lists.

use super::args::{Cli, Command, EvalArgs, HessianArgs};
use clap::{Args, CommandFactory, FromArgMatches};

/// The parsed command line and the subcommand's name, or clap's error (usage, help, version).
///
/// # Errors
/// The full parser's error for an argument list it rejects (or answers with help or version).
pub fn parse(argv: Vec<String>) -> Result<(Cli, String), clap::Error> {
    if let Some(command) = alone(&argv) {
        let name = argv[0].clone();
        return Ok((Cli { quiet: false, command }, name));
    }
    let matches = Cli::command().try_get_matches_from(std::iter::once("embedcheck".to_string()).chain(argv))?;
    let name = matches.subcommand_name().unwrap_or("").to_string();
    Ok((Cli::from_arg_matches(&matches)?, name))
}

/// `argv` parsed against its subcommand's definition alone, for `eval` and `hessian`; `None`
/// for other subcommands or when that parse fails (module docs).
fn alone(argv: &[String]) -> Option<Command> {
    let (name, rest) = argv.split_first()?;
    match name.as_str() {
        "eval" => lone::<EvalArgs>("eval", rest).map(Command::Eval),
        "hessian" => lone::<HessianArgs>("hessian", rest).map(Command::Hessian),
        _ => None,
    }
}

fn lone<A: Args + FromArgMatches>(name: &'static str, rest: &[String]) -> Option<A> {
    let command = A::augment_args(clap::Command::new(name)).disable_help_flag(true).no_binary_name(true);
    let matches = command.try_get_matches_from(rest).ok()?;
    A::from_arg_matches(&matches).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(argv: &[&str]) -> Option<String> {
        let argv = std::iter::once("embedcheck").chain(argv.iter().copied());
        let matches = Cli::command().try_get_matches_from(argv).ok()?;
        Cli::from_arg_matches(&matches).ok().map(|c| format!("{c:?}"))
    }

    #[test]
    fn the_short_cut_accepts_only_what_the_full_parser_accepts_and_reads_it_alike() {
        let lists: &[&[&str]] = &[
            &["eval", "--net", "n.json", "--data", "d.json", "--json"],
            &["eval", "--net=n.json", "--data", "d.json", "--loss", "huber:1/2", "--weight-decay", "1/10"],
            &["eval", "--data", "d.json", "--net", "n.json", "--float", "--jobs", "2"],
            &["eval", "--net", "n.json"],
            &["eval", "--net", "n.json", "--data", "d.json", "-q"],
            &["eval", "-q", "--net", "n.json", "--data", "d.json"],
            &["eval", "--net", "n.json", "--data", "d.json", "--help"],
            &["eval", "-h"],
            &["eval", "--net", "n.json", "--data", "d.json", "--jsn"],
            &["eval", "--net", "n.json", "--data", "d.json", "--weight-decay", "1/0"],
            &["eval", "--net", "n.json", "--data", "d.json", "--json", "--json"],
            &["eval", "--net", "n.json", "--data", "d.json", "--version"],
            &["hessian", "--net", "n.json", "--data", "d.json", "--json"],
            &["hessian", "--net", "n.json", "--data", "d.json", "--matrix", "--float"],
            &["hessian", "--net", "n.json", "--data", "d.json", "--out", "h.npz", "--quiet"],
            &["hessian"],
            &["eval"],
            &["split", "--net", "n.json"],
        ];
        let mut taken = 0;
        for list in lists {
            let argv: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            if let Some(command) = alone(&argv) {
                taken += 1;
                let cli = Cli { quiet: false, command };
                assert_eq!(Some(format!("{cli:?}")), full(list), "{list:?}");
            }
        }
        // The control: the short cut was taken for the plain lists, not only refused.
        assert!(taken >= 5, "the short cut was taken {taken} times");
        for list in
            [&["eval", "-q", "--net", "n.json", "--data", "d.json"][..], &["eval", "--help"], &["split", "--net", "n"]]
        {
            let argv: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            assert!(alone(&argv).is_none(), "{list:?} must go to the full parser");
        }
    }
}
