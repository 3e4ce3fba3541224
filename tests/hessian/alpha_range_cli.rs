//! `embedcheck alpha-range` end to end on the shipped Ex C files (width-depth spec §2.6 Ex C:
//! A = [[6, 12], [12, 24]] of inertia (1, 0, 1), saddles exactly for α ∉ [0, 1], inertias
//! (5, 0, 2) inside, (4, 1, 2) outside, (4, 0, 3) at the endpoints), its certificate accepted by
//! `embedcheck verify`, and exit code 2 with a located message on bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

const NET: &str = "examples/nets/ex_c.net.json";
const DATA: &str = "examples/nets/ex_c.data.json";

fn embedcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("embedcheck-alpha-range-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The JSON inertia object; arguments in the key order of `hessian --json` (positive, zero,
/// negative), not the spec's (n₊, n₋, n₀).
fn inertia(p: usize, z: usize, n: usize) -> serde_json::Value {
    serde_json::json!({"positive": p, "zero": z, "negative": n})
}

#[test]
fn alpha_range_reports_ex_c_and_writes_a_certificate_that_verify_accepts() {
    let cert = temp("ex_c_alpha_-1.json");
    let out = embedcheck(&[
        "alpha-range",
        "--net",
        NET,
        "--data",
        DATA,
        "--neuron",
        "1",
        "--json",
        "--alpha",
        "-1",
        "--certificate",
        cert.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["a"], serde_json::json!([["6", "12"], ["12", "24"]]));
    assert_eq!(v["a_inertia"], inertia(1, 1, 0));
    assert_eq!(v["narrow_inertia"], inertia(4, 0, 0));
    assert_eq!(v["strict_saddle_alpha"], serde_json::json!(["(-inf, 0)", "(1, inf)"]));
    assert_eq!(v["inertia_by_alpha"]["inside"], inertia(5, 2, 0));
    assert_eq!(v["inertia_by_alpha"]["outside"], inertia(4, 2, 1));
    assert_eq!(v["inertia_by_alpha"]["endpoints"], inertia(4, 3, 0));
    assert_eq!(v["alpha"]["strict_saddle"], true);
    assert_eq!(v["alpha"]["computed_inertia"], inertia(4, 2, 1));
    let check = embedcheck(&["verify", cert.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
}

#[test]
fn alpha_range_text_names_the_saddle_set_and_the_inside_alpha_is_not_a_saddle() {
    let out = embedcheck(&["alpha-range", "--net", NET, "--data", DATA, "--neuron", "1", "--alpha", "1/3"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("strict saddle for α in: (-inf, 0) ∪ (1, inf)"), "{text}");
    assert!(text.contains("α = 1/3: predicted (5, 0, 2), computed directly (5, 0, 2): not a strict saddle"), "{text}");
}

fn fails_with(args: &[&str], needle: &str) {
    let out = embedcheck(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: `{err}` should contain `{needle}`");
}

#[test]
fn alpha_range_rejects_bad_input_with_exit_2_and_a_located_message() {
    // A certificate at a non-saddle α, and --certificate without --alpha.
    let c = temp("never.json");
    let c = c.to_str().unwrap();
    fails_with(
        &["alpha-range", "--net", NET, "--data", DATA, "--neuron", "1", "--alpha", "1/2", "--certificate", c],
        "outside the strict-saddle set",
    );
    fails_with(&["alpha-range", "--net", NET, "--data", DATA, "--neuron", "1", "--certificate", c], "needs --alpha");
    fails_with(&["alpha-range", "--net", NET, "--data", DATA, "--neuron", "2"], "out of range 1..=1");
    fails_with(
        &["alpha-range", "--net", NET, "--data", DATA, "--neuron", "1", "--layer", "2"],
        "only hidden layer is 1",
    );
    // Spec Ex A is not critical.
    let (a_net, a_data) = ("examples/nets/ex_a.net.json", "examples/nets/ex_a.data.json");
    fails_with(&["alpha-range", "--net", a_net, "--data", a_data, "--neuron", "1"], "not a critical point");
    // v* = 0, three layers, two outputs.
    let write = |name: &str, layers: &str| {
        let p = temp(name);
        let text = format!(
            r#"{{"format": "embedcheck.net/1", "activation": {{"poly": ["0", "1", "0", "0", "1"]}}, "layers": {layers}}}"#
        );
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let zero = write("zero.net.json", r#"[{"weight": [["-1"]], "bias": ["1/2"]}, {"weight": [["0"]], "bias": ["0"]}]"#);
    fails_with(&["alpha-range", "--net", &zero, "--data", DATA, "--neuron", "1"], "v* = W^[2]_{1,1} = 0");
    let deep = write(
        "deep.net.json",
        r#"[{"weight": [["1"]], "bias": ["0"]}, {"weight": [["1"]], "bias": ["0"]}, {"weight": [["1"]], "bias": ["0"]}]"#,
    );
    fails_with(&["alpha-range", "--net", &deep, "--data", DATA, "--neuron", "1"], "L = 3");
    let wide_out = write(
        "two_out.net.json",
        r#"[{"weight": [["1"]], "bias": ["0"]}, {"weight": [["1"], ["2"]], "bias": ["0", "0"]}]"#,
    );
    let two = temp("two.data.json");
    std::fs::write(&two, r#"{"format": "embedcheck.data/1", "inputs": [["1"]], "targets": [["1", "2"]]}"#).unwrap();
    fails_with(&["alpha-range", "--net", &wide_out, "--data", two.to_str().unwrap(), "--neuron", "1"], "2 outputs");
}
