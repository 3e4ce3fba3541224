//! The width subcommands end to end: `critical` writes a pair that `eval` reports critical,
//! `split` keeps it critical (both `--alpha=-1/3` and `--alpha -1/3`), bad indices exit 2 naming
//! the range, and a control's counterexample is written by `check` (exit 1) and confirmed by
//! `verify` (exit 0).

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn tmp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("embedcheck-width-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_str().unwrap().to_string()
}

#[test]
fn critical_then_split_stays_critical_for_both_alpha_syntaxes() {
    let prefix = tmp("cp");
    let o = run(&[
        "critical",
        "--widths",
        "2,3,1",
        "--activation",
        r#"{"poly":["0","1","1/2"]}"#,
        "--kind",
        "nonzero-loss",
        "--samples",
        "12",
        "--seed",
        "3",
        "--out",
        &prefix,
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let (net, data) = (format!("{prefix}.net.json"), format!("{prefix}.data.json"));
    assert!(text(&run(&["eval", "--net", &net, "--data", &data])).contains("critical: yes"));
    for alpha in [vec!["--alpha=-1/3"], vec!["--alpha", "-1/3"]] {
        let wide = tmp("wide.net.json");
        let mut args = vec!["split", "--net", &net, "--layer", "1", "--neuron", "2", "--out", &wide];
        args.extend(alpha);
        let o = run(&args);
        assert!(o.status.success(), "{}", text(&o));
        assert!(text(&run(&["eval", "--net", &wide, "--data", &data])).contains("critical: yes"));
    }
    let o = run(&["split", "--net", &net, "--layer", "1", "--neuron", "4", "--alpha", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("valid neurons are 1 … 3"), "{}", text(&o));
    let o = run(&["null", "--net", &net, "--layer", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("valid layers are 1 … 1"), "{}", text(&o));
}

#[test]
fn check_writes_a_certificate_for_a_control_and_verify_confirms_it() {
    let dir = tmp("");
    let o = run(&["check", "width.null.control.no_sigma_beta", "--cases", "10", "--cert-dir", &dir]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let cert = format!("{dir}/width.null.control.no_sigma_beta.cert.json");
    let o = run(&["verify", &cert]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("stands"));
    let o = run(&["check", "width.split.output", "width.null.output", "--cases", "5", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["theorems"][0]["held"], 5);
    assert_eq!(run(&["check", "no.such.theorem"]).status.code(), Some(2));
}
