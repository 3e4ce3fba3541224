//! Hessians have M² entries: `embedcheck hessian` refuses an exact Hessian whose estimated memory
//! or time (from M, n and the entries' height) is beyond the machine, and M > 2048 in f64, and
//! `alpha-range` refuses a net whose Hessian it could not form, each with exit code 3 and a
//! message naming the file, M and the estimate, instead of aborting on a failed allocation (which
//! it did on workload W3, M = 76 810: a 47 GB request, exit 134).

use serde_json::json;
use std::path::PathBuf;
use std::process::Command;

/// A net file of the given widths (every weight 1/2, every bias 0) and activation, and a
/// one-sample data file; M = Σ m_l (m_{l−1} + 1).
fn files(name: &str, widths: &[usize], activation: serde_json::Value) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("embedcheck-size-limits-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let layers: Vec<_> =
        widths.windows(2).map(|w| json!({"weight": vec![vec!["1/2"; w[0]]; w[1]], "bias": vec!["0"; w[1]]})).collect();
    let net = json!({"format": "embedcheck.net/1", "activation": activation, "layers": layers});
    let data = json!({"format": "embedcheck.data/1", "inputs": [vec!["1"; widths[0]]], "targets": [vec!["0"; widths[widths.len() - 1]]]});
    let (n, d) = (dir.join("big.net.json"), dir.join("big.data.json"));
    std::fs::write(&n, net.to_string()).unwrap();
    std::fs::write(&d, data.to_string()).unwrap();
    (n, d)
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn an_exact_hessian_beyond_the_machine_is_refused_with_exit_code_3_and_the_estimate() {
    // 4·400 + 400 + 400·400 + 400 + 400 + 1 = 162 801 parameters: 2.65·10¹⁰ entries.
    let (n, d) = files("exact", &[4, 400, 400, 1], json!({"poly": ["0", "1", "1/2"]}));
    let (code, err) = run(&["hessian", "--net", n.to_str().unwrap(), "--data", d.to_str().unwrap()]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("big.net.json") && err.contains("M = 162801") && err.contains("GiB"), "{err}");
}

#[test]
fn an_exact_hessian_of_over_a_thousand_parameters_within_the_estimate_is_computed() {
    // 4·40 + 40 + 40·20 + 20 + 20 + 1 = 1041 parameters, one sample, small numbers: well within
    // the estimate, so the Hessian and its inertia are computed.
    let (n, d) = files("exact-ok", &[4, 40, 20, 1], json!({"poly": ["0", "1", "1/2"]}));
    let (code, err) = run(&["hessian", "--net", n.to_str().unwrap(), "--data", d.to_str().unwrap(), "--json"]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn an_f64_hessian_over_2048_parameters_is_refused_with_exit_code_3() {
    // 4·60 + 60 + 60·30 + 30 + 30 + 1 = 2161 parameters; tanh takes the f64 path by itself.
    let (n, d) = files("float", &[4, 60, 30, 1], json!("tanh"));
    let (code, err) = run(&["hessian", "--net", n.to_str().unwrap(), "--data", d.to_str().unwrap()]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("M = 2161") && err.contains("M ≤ 2048"), "{err}");
}

#[test]
fn alpha_range_refuses_a_net_whose_hessian_is_over_the_limit() {
    // 4·20000 + 20000 + 20000 + 1 = 120 001 parameters.
    let (n, d) = files("alpha", &[4, 20000, 1], json!({"poly": ["0", "1", "1/2"]}));
    let args =
        ["alpha-range", "--net", n.to_str().unwrap(), "--data", d.to_str().unwrap(), "--layer", "1", "--neuron", "1"];
    let (code, err) = run(&args);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("M = 120001"), "{err}");
}
