//! `embedcheck truly-bad` on the shipped examples: spec Ex D (width-depth §2.6: T_global inertia
//! (7, 2, 4), uᵀH_wide u = −3/4, a certificate `verify` accepts), the Pitfall point (§2.6: H^(2) = 0,
//! a candidate), a zero-loss point, a non-critical one, and bad input (located messages, exit 2;
//! exit 3 over the size limit).

use std::path::PathBuf;
use std::process::{Command, Output};

fn example(name: &str) -> String {
    format!("{}/examples/nets/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn embedcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = embedcheck(args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("embedcheck-truly-bad-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn ex_d_escapes_through_t_global_with_minus_three_quarters_and_a_verifiable_certificate() {
    let cert = tmp("ex_d.cert.json");
    let (net, data) = (example("ex_d.net.json"), example("ex_d.data.json"));
    let r = json(&["truly-bad", "--net", &net, "--data", &data, "--json", "--certificate", cert.to_str().unwrap()]);
    assert_eq!(r["verdict"], "escapes");
    assert_eq!(r["loss"], "11/32");
    assert_eq!(r["inertia"], serde_json::json!({"positive": 5, "zero": 0, "negative": 0}));
    assert_eq!(r["global_inertia"], serde_json::json!({"positive": 7, "zero": 4, "negative": 2}));
    assert_eq!(r["global"]["lemma"], "Lemma 6.1");
    assert_eq!(r["global"]["value"], "3/2");
    assert_eq!(r["global"]["coefficients"], serde_json::json!(["1/2", "1/2", "1"]));
    assert_eq!(r["global"]["curvature"], "-3/4");
    assert_eq!(r["one_step"].as_array().unwrap().len(), 8);
    let out = embedcheck(&["verify", cert.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn pitfall_point_is_reported_as_a_candidate_with_the_caveat() {
    let r =
        json(&["truly-bad", "--net", &example("pitfall.net.json"), "--data", &example("pitfall.data.json"), "--json"]);
    assert_eq!(r["verdict"], "candidate truly bad");
    assert_eq!(r["residual_hessian_zero"], true);
    assert_eq!(r["loss"], "7");
    assert!(r["caveat"].as_str().unwrap().contains("necessary conditions only"));
}

#[test]
fn zero_loss_and_non_critical_points_get_their_verdicts_in_text() {
    let out = embedcheck(&[
        "truly-bad",
        "--net",
        &example("ex_a.net.json"),
        "--data",
        &example("teacher.data.json"),
        "--no-search",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("verdict: candidate truly bad (H^(2) = 0; the one-step search was skipped"), "{text}");
    assert!(text.contains("global minimum"), "{text}");
    let out = embedcheck(&["truly-bad", "--net", &example("ex_a.net.json"), "--data", &example("ex_a.data.json")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("verdict: not critical (∂R/∂θ_1 = 250/3)"));
}

#[test]
fn bad_input_is_located_and_exits_2() {
    let (net, data) = (example("ex_d.net.json"), example("ex_d.data.json"));
    let out = embedcheck(&["truly-bad", "--net", &net, "--data", &data, "--alphas", "1/2,x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("option --alphas, entry 2 (`x`)"));
    let out = embedcheck(&["truly-bad", "--net", &net]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("required") && err.contains("--data"), "{err}");
    // A network without a hidden layer: T_global is not defined.
    let flat = tmp("flat.net.json");
    std::fs::write(&flat, r#"{"format": "embedcheck.net/1", "activation": "identity", "layers": [{"weight": [["1", "1"]], "bias": ["0"]}]}"#)
        .unwrap();
    let out = embedcheck(&["truly-bad", "--net", flat.to_str().unwrap(), "--data", &data]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hidden layer"));
    // A float-only activation.
    let tanh = tmp("tanh.net.json");
    std::fs::write(
        &tanh,
        std::fs::read_to_string(&net).unwrap().replace(r#"{"poly": ["0", "1", "0", "1"]}"#, r#""tanh""#),
    )
    .unwrap();
    let out = embedcheck(&["truly-bad", "--net", tanh.to_str().unwrap(), "--data", &data]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("float only"));
}

#[test]
fn a_network_over_the_size_limit_exits_3() {
    // Widths (2, 60, 1): M = 3·60 + 61 = 241 > 150.
    let row = r#"["1", "1"]"#;
    let rows = vec![row; 60].join(", ");
    let net = format!(
        r#"{{"format": "embedcheck.net/1", "activation": {{"poly": ["0", "1"]}}, "layers": [{{"weight": [{rows}], "bias": [{}]}}, {{"weight": [[{}]], "bias": ["0"]}}]}}"#,
        vec![r#""0""#; 60].join(", "),
        vec![r#""1""#; 60].join(", ")
    );
    let path = tmp("big.net.json");
    std::fs::write(&path, net).unwrap();
    let out = embedcheck(&["truly-bad", "--net", path.to_str().unwrap(), "--data", &example("ex_d.data.json")]);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
}
