//! Every `--json` report is printed exactly as serde_json prints its own value: keys sorted,
//! two-space indents, one trailing newline. The reports are streamed into stdout (the exact
//! `eval` report without a tree of strings), so this checks that the streamed text is the text
//! of the JSON value it denotes.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap()
}

/// `stdout` parsed and printed again, as `serde_json::to_string_pretty` prints a value.
fn reprinted(stdout: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(stdout).expect("a JSON report");
    serde_json::to_string_pretty(&v).expect("JSON") + "\n"
}

fn write(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("embedcheck-json-reports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("UTF-8 path").to_string()
}

#[test]
fn json_reports_print_as_the_text_of_their_json_value() {
    let poly = write(
        "poly.net.json",
        r#"{"format": "embedcheck.net/1", "activation": {"poly": ["0", "1", "1/2"]},
            "layers": [{"weight": [["1", "-1/2"], ["3/4", "0"]], "bias": ["0", "1/3"]}, {"weight": [["2", "-1"]], "bias": ["1/5"]}]}"#,
    );
    let poly_data = write(
        "poly.data.json",
        r#"{"format": "embedcheck.data/1", "inputs": [["1", "2"], ["-1/3", "0"]], "targets": [["1"], ["0"]]}"#,
    );
    // A ReLU net with both hidden pre-activations of sample 1 on the kink: the report carries
    // the kinks and a descent direction (parameters again).
    let relu = write(
        "relu.net.json",
        r#"{"format": "embedcheck.net/1", "activation": "relu",
            "layers": [{"weight": [["1"], ["-1"]], "bias": ["0", "0"]}, {"weight": [["1", "2"]], "bias": ["0"]}]}"#,
    );
    let relu_data = write(
        "relu.data.json",
        r#"{"format": "embedcheck.data/1", "inputs": [["0"], ["1"]], "targets": [["1"], ["1/2"]]}"#,
    );
    let runs: [&[&str]; 6] = [
        &["eval", "--net", &poly, "--data", &poly_data, "--json"],
        &["eval", "--net", &poly, "--data", &poly_data, "--weight-decay", "2/3", "--json"],
        &["eval", "--net", &poly, "--data", &poly_data, "--float", "--json"],
        &["eval", "--net", &relu, "--data", &relu_data, "--json"],
        &["hessian", "--net", &poly, "--data", &poly_data, "--json"],
        &["theorems", "--json"],
    ];
    for args in runs {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        assert_eq!(stdout, reprinted(&stdout), "{args:?}");
    }
    // The ReLU report does carry the parts named above.
    let v: serde_json::Value = serde_json::from_slice(&run(runs[3]).stdout).unwrap();
    assert_eq!(v["kinks"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["stationarity"]["kind"], "descent");
    assert_eq!(v["stationarity"]["descent_direction"]["layers"][1]["bias"], serde_json::json!(["1"]));
}
