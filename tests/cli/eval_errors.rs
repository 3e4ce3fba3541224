//! `embedcheck eval` on bad input, through the real binary: every malformed file ends with exit
//! code 2 (3 for numbers past the size limit) and a message naming the file and the place
//! (issue 3, item 6; `interface.md`, "Exit codes"). Also: JSON decimals are read exactly.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The contract's example network (widths (2, 2, 1), σ(x) = x + x²/2); each test breaks one
/// thing in a copy of it.
const GOOD_NET: &str = include_str!("../data/small.net.json");
/// The contract's example data (n = 2).
const GOOD_DATA: &str = include_str!("../data/small.data.json");

/// A fresh directory for one test's files.
fn dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("embedcheck-cli-eval-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(d: &Path, name: &str, text: &str) -> String {
    let p = d.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

/// Runs `embedcheck eval` with `args`; returns (exit code, stdout, stderr).
fn eval(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_embedcheck")).arg("eval").args(args).output().unwrap();
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// Evaluates `net` on `data` (file texts) and asserts the exit code and that stderr contains
/// the offending file's path and every `place` fragment.
fn rejects(test: &str, net: &str, data: &str, code: i32, bad_file: &str, place: &[&str]) {
    let d = dir(test);
    let n = write(&d, "n.net.json", net);
    let t = write(&d, "d.data.json", data);
    let (got, _, err) = eval(&["--net", &n, "--data", &t]);
    assert_eq!(got, code, "{test}: exit code; stderr: {err}");
    let file = if bad_file == "net" { &n } else { &t };
    assert!(err.contains(file.as_str()), "{test}: message does not name {file}: {err}");
    for p in place {
        assert!(err.contains(p), "{test}: message does not say `{p}`: {err}");
    }
    assert!(!err.contains("panicked"), "{test}: panic: {err}");
}

#[test]
fn the_good_files_evaluate() {
    let d = dir("good");
    let (code, out, err) = eval(&["--net", &write(&d, "n.json", GOOD_NET), "--data", &write(&d, "d.json", GOOD_DATA)]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("loss"));
}

#[test]
fn bad_json_names_line_and_column() {
    rejects("json", "{\"format\": \"embedcheck.net/1\",\n  \"layers\": [", GOOD_DATA, 2, "net", &["line 2"]);
}

#[test]
fn a_non_number_names_layer_row_and_column() {
    let net = GOOD_NET.replace(r#"["3/4", "0"]"#, r#"["3/4", "zero"]"#);
    rejects("nonnumber", &net, GOOD_DATA, 2, "net", &["layer 1, row 2, column 2", "zero"]);
    let net = GOOD_NET.replace(r#"["3/4", "0"]"#, r#"["3/4", true]"#);
    rejects("boolean", &net, GOOD_DATA, 2, "net", &["layer 1, row 2, column 2"]);
}

#[test]
fn a_zero_denominator_names_the_place() {
    let net = GOOD_NET.replace(r#""bias": ["1/5"]"#, r#""bias": ["1/0"]"#);
    rejects("zeroden", &net, GOOD_DATA, 2, "net", &["layer 2, bias entry 1", "denominator zero"]);
    let data = GOOD_DATA.replace(r#"["-1/2"]"#, r#"["-1/0"]"#);
    rejects("zeroden_data", GOOD_NET, &data, 2, "data", &["sample 2, target entry 1"]);
}

#[test]
fn columns_that_do_not_chain_name_the_layer() {
    let net = GOOD_NET.replace(r#"[["2", "-1"]]"#, r#"[["2", "-1", "5"]]"#);
    rejects("columns", &net, GOOD_DATA, 2, "net", &["layer 2", "3 columns"]);
}

#[test]
fn a_ragged_weight_row_names_the_row() {
    let net = GOOD_NET.replace(r#"["3/4", "0"]"#, r#"["3/4"]"#);
    rejects("ragged", &net, GOOD_DATA, 2, "net", &["layer 1, row 2"]);
}

#[test]
fn a_bias_of_the_wrong_length_names_the_layer() {
    let net = GOOD_NET.replace(r#""bias": ["0", "1/3"]"#, r#""bias": ["0"]"#);
    rejects("bias", &net, GOOD_DATA, 2, "net", &["layer 1", "bias has 1 entries"]);
}

#[test]
fn inputs_and_targets_of_the_wrong_length_name_the_sample() {
    let data = GOOD_DATA.replace(r#"["0", "1"]"#, r#"["0", "1", "2"]"#);
    rejects("ragged_inputs", GOOD_NET, &data, 2, "data", &["sample 2"]);
    let data = GOOD_DATA.replace(r#"[["1", "0"], ["0", "1"]]"#, r#"[["1", "0", "0"], ["0", "1", "0"]]"#);
    rejects("input_len", GOOD_NET, &data, 2, "data", &["sample 1", "m_0 = 2"]);
    let data = GOOD_DATA.replace(r#"[["1"], ["-1/2"]]"#, r#"[["1", "2"], ["-1/2", "0"]]"#);
    rejects("target_len", GOOD_NET, &data, 2, "data", &["sample 1", "m_L = 1"]);
    let data = GOOD_DATA.replace(r#"[["1"], ["-1/2"]]"#, r#"[["1"]]"#);
    rejects("sample_count", GOOD_NET, &data, 2, "data", &["2 inputs but 1 targets"]);
}

#[test]
fn missing_fields_are_named() {
    rejects("no_layers", r#"{"format": "embedcheck.net/1", "activation": "relu"}"#, GOOD_DATA, 2, "net", &["`layers`"]);
    // (A misspelt `"bais"` is reported as the unknown key it is: tests/io/strict_files.rs.)
    let net = GOOD_NET.replace(r#", "bias": ["1/5"]"#, "");
    assert_ne!(net, GOOD_NET);
    rejects("no_bias", &net, GOOD_DATA, 2, "net", &["layer 2", "`bias`"]);
    rejects(
        "no_targets",
        GOOD_NET,
        r#"{"format": "embedcheck.data/1", "inputs": [["1", "0"]]}"#,
        2,
        "data",
        &["`targets`"],
    );
    let net = GOOD_NET.replace(r#""format": "embedcheck.net/1", "#, "");
    rejects("no_format", &net, GOOD_DATA, 2, "net", &["`format`"]);
}

#[test]
fn an_unknown_activation_is_named() {
    let net = GOOD_NET.replace(r#"{"poly": ["0", "1", "1/2"]}"#, r#""swish""#);
    rejects("unknown_act", &net, GOOD_DATA, 2, "net", &["activation", "swish"]);
}

/// σ(t) = 1/t; layer 1, neuron 1 has pre-activation 1·x₁ − ½·x₂ + 0, which is 0 at the
/// sample (1, 2) — sample 2 here.
#[test]
fn a_vanishing_rational_denominator_names_layer_neuron_and_sample() {
    let net = GOOD_NET.replace(r#"{"poly": ["0", "1", "1/2"]}"#, r#"{"rational": {"num": ["1"], "den": ["0", "1"]}}"#);
    let data = GOOD_DATA.replace(r#"["0", "1"]"#, r#"["1", "2"]"#);
    rejects("pole", &net, &data, 2, "net", &["layer 1, neuron 1, sample 2", "denominator"]);
}

/// A float-only σ takes the f64 path without `--float`, and the report says its evidence is
/// within tolerance and why (issue 17, item 5); an exact σ stays on the exact path.
#[test]
fn a_float_only_activation_takes_the_float_path_and_says_within_tolerance() {
    let d = dir("float_only");
    let net = GOOD_NET.replace(r#"{"poly": ["0", "1", "1/2"]}"#, r#""tanh""#);
    let (n, t) = (write(&d, "n.net.json", &net), write(&d, "d.data.json", GOOD_DATA));
    let (code, out, err) = eval(&["--net", &n, "--data", &t]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("within tolerance") && out.contains("tanh is float only"), "{out}");
    let (code, out, err) = eval(&["--net", &n, "--data", &t, "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["exact"], false);
    assert_eq!(v["evidence"], "within tolerance");
    let (code, out, _) = eval(&["--net", &write(&d, "e.net.json", GOOD_NET), "--data", &t]);
    assert_eq!(code, 0);
    assert!(out.contains("checked exactly") && !out.contains("within tolerance"), "{out}");
}

#[test]
fn numbers_past_the_size_limit_exit_with_3() {
    let net = GOOD_NET.replace(r#""bias": ["1/5"]"#, r#""bias": ["1e5000"]"#);
    rejects("too_big", &net, GOOD_DATA, 3, "net", &["layer 2, bias entry 1", "too big"]);
    let digits = "9".repeat(10_001);
    let data = GOOD_DATA.replace(r#"["-1/2"]"#, &format!(r#"["{digits}"]"#));
    rejects("too_many_digits", GOOD_NET, &data, 3, "data", &["sample 2, target entry 1"]);
    let net = GOOD_NET.replace(r#""bias": ["1/5"]"#, r#""bias": [1e-5000]"#);
    rejects("too_small_json_number", &net, GOOD_DATA, 3, "net", &["layer 2, bias entry 1"]);
}

#[test]
fn a_missing_file_is_named() {
    let d = dir("missing");
    let data = write(&d, "d.json", GOOD_DATA);
    let missing = d.join("nope.net.json").to_string_lossy().into_owned();
    let (code, _, err) = eval(&["--net", &missing, "--data", &data]);
    assert_eq!(code, 2);
    assert!(err.contains(&missing) && err.contains("cannot read"), "{err}");
}

#[test]
fn an_unknown_option_and_a_missing_option_are_usage_errors() {
    let d = dir("options");
    let (n, t) = (write(&d, "n.json", GOOD_NET), write(&d, "d.json", GOOD_DATA));
    let (code, _, err) = eval(&["--net", &n, "--data", &t, "--frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("--frobnicate"), "{err}");
    let (code, _, err) = eval(&["--net", &n]);
    assert_eq!(code, 2);
    assert!(err.contains("--data"), "{err}");
}

/// `0.1` as a JSON number is 1/10 exactly: the one-layer net f(x) = 0.1·x + 0.25 at x = 1,
/// y = 0 has output 7/20 and loss ½·(7/20)² = 49/800, gradient (r·x, r) = (7/20, 7/20).
/// A binary double 0.1 would give a denominator that is a power of two.
#[test]
fn json_decimals_are_read_as_the_exact_decimal_they_spell() {
    let d = dir("decimal");
    let net = r#"{"format": "embedcheck.net/1", "activation": "identity", "layers": [{"weight": [[0.1]], "bias": [2.5e-1]}]}"#;
    let data = r#"{"format": "embedcheck.data/1", "inputs": [[1]], "targets": [[0]]}"#;
    let (code, out, err) = eval(&["--net", &write(&d, "n.json", net), "--data", &write(&d, "d.json", data), "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["outputs"][0][0], "7/20");
    assert_eq!(v["loss"], "49/800");
    assert_eq!(v["gradient"]["layers"][0]["weight"][0][0], "7/20");
    assert_eq!(v["gradient"]["layers"][0]["bias"][0], "7/20");
    assert_eq!(v["critical"], false);
}

#[test]
fn the_exact_report_is_the_same_for_every_jobs_count_and_zero_jobs_means_one() {
    // The contract's polynomial example takes the fraction-free path, which splits samples and
    // rows over the threads; every sum keeps its order, so the printed rationals are identical.
    let d = dir("jobs");
    let (n, t) = (write(&d, "n.json", GOOD_NET), write(&d, "d.json", GOOD_DATA));
    let (code, one, err) = eval(&["--json", "--jobs", "1", "--net", &n, "--data", &t]);
    assert_eq!(code, 0, "{err}");
    assert!(one.contains("\"gradient\""), "{one}");
    for jobs in ["0", "2", "7"] {
        let (code, out, err) = eval(&["--json", "--jobs", jobs, "--net", &n, "--data", &t]);
        assert_eq!((code, out.as_str()), (0, one.as_str()), "--jobs {jobs}: {err}");
    }
    let (code, _, err) = eval(&["--jobs", "-1", "--net", &n, "--data", &t]);
    assert_eq!(code, 2, "a negative job count is a usage error: {err}");
}
