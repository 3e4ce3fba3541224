//! The command line's own surface (issue 17, item 1): every subcommand has a `--help` with a
//! worked example (exit 0), a typo gets a did-you-mean and exit code 2, `completions` prints a
//! script, `--quiet` is accepted everywhere, and progress bars never reach a captured stderr.

use std::process::{Command, Output};

fn embedcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap()
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

/// Every subcommand, as `embedcheck --help` lists it.
const COMMANDS: &[&str] = &[
    "eval",
    "hessian",
    "alpha-range",
    "split",
    "null",
    "critical",
    "convert",
    "compare",
    "fixtures",
    "certify",
    "theorems",
    "check",
    "verify",
    "claims",
    "truly-bad",
    "count",
    "manifold",
    "lift",
    "merge",
    "mpc",
    "linear",
    "completions",
];

#[test]
fn every_subcommand_has_help_with_an_example() {
    let overview = text(&embedcheck(&["--help"]).stdout);
    for cmd in COMMANDS {
        assert!(overview.contains(&format!("  {cmd} ")), "`embedcheck --help` does not list {cmd}");
        for help in [&[*cmd, "--help"][..], &[*cmd, "-h"], &["help", cmd]] {
            let o = embedcheck(help);
            assert_eq!(o.status.code(), Some(0), "{help:?}: {}", text(&o.stderr));
            let out = text(&o.stdout);
            assert!(out.contains("Usage: embedcheck"), "{help:?}: {out}");
            assert!(out.contains("Example") && out.contains("\n  embedcheck "), "{help:?} has no example: {out}");
        }
    }
}

#[test]
fn help_and_no_arguments_print_the_overview() {
    let o = embedcheck(&["help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    assert!(out.contains("Commands:") && out.contains("hessian") && out.contains("completions"), "{out}");
    let o = embedcheck(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("Commands:"), "{}", text(&o.stderr));
    let o = embedcheck(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).starts_with("embedcheck "), "{}", text(&o.stdout));
}

#[test]
fn a_typo_gets_a_did_you_mean_and_exit_code_2() {
    let o = embedcheck(&["hesian"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("'hessian'"), "{}", text(&o.stderr));
    let o = embedcheck(&["eval", "--nett", "a.net.json", "--data", "d.data.json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("--nett") && err.contains("'--net'"), "{err}");
}

#[test]
fn usage_errors_name_the_option_and_exit_2() {
    let ex = ["--net", "examples/nets/ex_a.net.json"];
    let cases: &[(&[&str], &str)] = &[
        (&["split", ex[0], ex[1], "--layer", "1", "--neuron", "1"], "--alpha"),
        (&["split", ex[0], ex[1], "--layer", "1", "--neuron", "1", "--alpha", "x"], "--alpha"),
        (&["split", ex[0], ex[1], ex[0], ex[1], "--layer", "1", "--neuron", "1", "--alpha", "1"], "--net"),
        (&["split", ex[0], ex[1], "--layer", "one", "--neuron", "1", "--alpha", "1"], "--layer"),
        (&["check", "--cases"], "--cases"),
        (&["verify"], "CERT.json"),
        (&["theorems", "extra"], "extra"),
    ];
    for (args, needle) in cases {
        let o = embedcheck(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        assert!(text(&o.stderr).contains(needle), "{args:?}: {}", text(&o.stderr));
    }
    // Past the size limit of numbers: a resource limit, exit code 3.
    let o = embedcheck(&["split", ex[0], ex[1], "--layer", "1", "--neuron", "1", "--alpha", "1e5000"]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
}

#[test]
fn values_may_start_with_a_minus_and_use_either_spelling() {
    for alpha in [&["--alpha", "-1/3"][..], &["--alpha=-1/3"]] {
        let mut args = vec!["split", "--net", "examples/nets/ex_a.net.json", "--layer", "1", "--neuron", "2"];
        args.extend_from_slice(alpha);
        let o = embedcheck(&args);
        assert_eq!(o.status.code(), Some(0), "{alpha:?}: {}", text(&o.stderr));
        assert!(text(&o.stdout).contains("embedcheck.net/1"));
    }
}

#[test]
fn completions_print_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let o = embedcheck(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", text(&o.stderr));
        let out = text(&o.stdout);
        for cmd in ["hessian", "alpha-range", "truly-bad", "completions"] {
            assert!(out.contains(cmd), "{shell} script does not mention {cmd}");
        }
    }
    assert_eq!(embedcheck(&["completions", "tcsh"]).status.code(), Some(2));
}

/// Progress bars are drawn only on a terminal: a captured stderr stays empty, with or without
/// `--quiet` (which every command accepts, before or after the command name).
#[test]
fn progress_never_reaches_a_captured_stderr() {
    for quiet in [&[][..], &["--quiet"]] {
        let mut args = vec!["check", "width.split.output", "--cases", "3"];
        args.extend_from_slice(quiet);
        let o = embedcheck(&args);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert_eq!(text(&o.stderr), "", "{quiet:?}");
    }
    let dir = std::env::temp_dir().join(format!("embedcheck-cli-help-{}", std::process::id()));
    let o = embedcheck(&["-q", "fixtures", "--out", dir.to_str().unwrap(), "--cases", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "");
    let _ = std::fs::remove_dir_all(&dir);
    // The phase spinners of hessian and certify.
    let (net, data) = ("examples/certify/split_trained.net.json", "examples/certify/teacher20.data.json");
    for cmd in ["hessian", "certify"] {
        let o = embedcheck(&[cmd, "--net", net, "--data", data]);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{cmd}: {}", text(&o.stderr));
        assert_eq!(text(&o.stderr), "", "{cmd}");
    }
}
