//! Printing into a pipe the reader has closed (`embedcheck eval … | head -1`) ends the run
//! quietly with status 141 (a Unix tool killed by SIGPIPE), never a panic message.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Runs `eval` on a 1-300-300-1 identity net (a gradient of 90 901 entries, far more than a pipe
/// buffers) with `extra` options, reads one line of its output and closes the pipe.
fn eval_into_a_closed_pipe(extra: &[&str]) {
    let dir = std::env::temp_dir().join(format!("embedcheck-pipe-{}-{}", std::process::id(), extra.len()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let row = |n: usize| format!("[{}]", vec!["1"; n].join(","));
    let matrix = |r: usize, c: usize| format!("[{}]", vec![row(c); r].join(","));
    let net = format!(
        r#"{{"format": "embedcheck.net/1", "activation": "identity", "layers": [{{"weight": {}, "bias": {}}}, {{"weight": {}, "bias": {}}}, {{"weight": {}, "bias": ["0"]}}]}}"#,
        matrix(300, 1),
        row(300),
        matrix(300, 300),
        row(300),
        matrix(1, 300)
    );
    let data = r#"{"format": "embedcheck.data/1", "inputs": [["1"]], "targets": [["0"]]}"#;
    std::fs::write(dir.join("net.json"), net).expect("write net");
    std::fs::write(dir.join("data.json"), data).expect("write data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["eval", "--net"])
        .arg(dir.join("net.json"))
        .arg("--data")
        .arg(dir.join("data.json"))
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("embedcheck runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("piped")).read_line(&mut first).expect("one line");
    // The reader is dropped here: the pipe is closed while embedcheck still has lines to print.
    let out = child.wait_with_output().expect("embedcheck ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!first.is_empty());
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(matches!(out.status.code(), Some(0) | Some(141)), "status {:?}", out.status);
}

#[test]
fn a_closed_stdout_pipe_ends_quietly_without_a_panic() {
    eval_into_a_closed_pipe(&[]);
}

#[test]
fn a_closed_stdout_pipe_ends_a_json_report_quietly_too() {
    // JSON reports are written through a buffered writer, not `println!`: the same quiet end.
    eval_into_a_closed_pipe(&["--json"]);
}
