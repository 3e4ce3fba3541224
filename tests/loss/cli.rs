//! `eval` and `hessian` with `--loss` and `--weight-decay`: exact values against hand
//! derivations, the float-only losses on the f64 path, loss breaks, and bad options.
//!
//! The case: f(x) = w x + b (L = 1) at w = 1, b = 0 on (x, y) = (1, 0), (2, 1), so f = (1, 2),
//! r = f − y = (1, 1), ∂f/∂(w, b) = (x, 1); ∇R = (1/n) Σ ℓ'(r_i)(x_i, 1) and
//! H = (1/n) Σ ℓ''(r_i) [[x_i², x_i], [x_i, 1]] (= ℓ''·[[5/2, 3/2], [3/2, 1]] when ℓ'' is constant).

use crate::common;
use common::{run, text, tmp};
use serde_json::Value;

const NET: &str = r#"{"format": "embedcheck.net/1", "activation": {"poly": ["0", "1"]},
  "layers": [{"weight": [["1"]], "bias": ["0"]}]}"#;
const DATA: &str = r#"{"format": "embedcheck.data/1", "inputs": [["1"], ["2"]], "targets": [["0"], ["1"]]}"#;

fn files(tag: &str, net: &str, data: &str) -> (String, String) {
    let (n, d) = (tmp("loss-cli", &format!("{tag}.net.json")), tmp("loss-cli", &format!("{tag}.data.json")));
    std::fs::write(&n, net).unwrap();
    std::fs::write(&d, data).unwrap();
    (n, d)
}

fn json_of(args: &[&str]) -> Value {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn grad(v: &Value) -> Vec<String> {
    let l = &v["gradient"]["layers"][0];
    vec![l["weight"][0][0].as_str().unwrap().to_string(), l["bias"][0].as_str().unwrap().to_string()]
}

#[test]
fn eval_gives_the_hand_derived_loss_and_gradient_for_each_exact_loss() {
    let (n, d) = files("line", NET, DATA);
    // (--loss, R, ∇R): mse ½r²: ½, (3/2, 1); poly r³: 1, (9/2, 3); huber δ = 1/2: 3/8, (3/4, 1/2);
    // poly ½r² (the same as mse): ½, (3/2, 1).
    for (loss, r, g) in [
        ("mse", "1/2", ["3/2", "1"]),
        (r#"{"poly": ["0", "0", "0", "1"]}"#, "1", ["9/2", "3"]),
        (r#"{"huber": "1/2"}"#, "3/8", ["3/4", "1/2"]),
        (r#"{"poly": [0, 0, "1/2"]}"#, "1/2", ["3/2", "1"]),
    ] {
        let v = json_of(&["eval", "--net", &n, "--data", &d, "--loss", loss, "--json"]);
        assert_eq!(v["exact"], true, "{loss}");
        assert_eq!(v["loss"], r, "{loss}");
        assert_eq!(grad(&v), g, "{loss}");
        // The report names the loss it computed, in the contract's canonical JSON.
        let named = &v["objective"]["loss"];
        assert!(named == "mse" || named["poly"].is_array() || named["huber"] == "1/2", "{loss}: {named}");
        assert_eq!(v["objective"]["weight_decay"], "0");
    }
}

#[test]
fn weight_decay_adds_half_lambda_theta_squared_and_lambda_theta_exactly() {
    // θ = (1, 0), λ = 2/3: R + (λ/2)‖θ‖² = ½ + 1/3 = 5/6, ∇ = (3/2 + 2/3, 1 + 0) = (13/6, 1).
    let (n, d) = files("decay", NET, DATA);
    let v = json_of(&["eval", "--net", &n, "--data", &d, "--weight-decay", "2/3", "--json"]);
    assert_eq!(v["loss"], "5/6");
    assert_eq!(grad(&v), ["13/6", "1"]);
    assert_eq!(v["objective"]["weight_decay"], "2/3");
    // The Hessian gains λI: ½-MSE's [[5/2, 3/2], [3/2, 1]] + (2/3)I.
    let h = json_of(&["hessian", "--net", &n, "--data", &d, "--weight-decay", "2/3", "--matrix", "--json"]);
    assert_eq!(h["matrix"], serde_json::json!([["19/6", "3/2"], ["3/2", "5/3"]]));
}

#[test]
fn hessian_carries_the_loss_curvature() {
    // poly r³: ℓ'' = 6r = 6 at both samples: H = 6·[[5/2, 3/2], [3/2, 1]] = [[15, 9], [9, 6]].
    let (n, d) = files("curv", NET, DATA);
    let h = json_of(&[
        "hessian",
        "--net",
        &n,
        "--data",
        &d,
        "--loss",
        r#"{"poly": ["0", "0", "0", "1"]}"#,
        "--matrix",
        "--json",
    ]);
    assert_eq!(h["matrix"], serde_json::json!([["15", "9"], ["9", "6"]]));
    assert_eq!(h["objective"]["loss"]["poly"][3], "1");
    // huber δ = 1/2 with |r| = 1 > δ: ℓ'' = 0, so H = 0.
    let h = json_of(&["hessian", "--net", &n, "--data", &d, "--loss", r#"{"huber": "1/2"}"#, "--matrix", "--json"]);
    assert_eq!(h["matrix"], serde_json::json!([["0", "0"], ["0", "0"]]));
}

#[test]
fn a_point_on_a_huber_break_has_an_exact_gradient_and_no_hessian() {
    // δ = 1: r = (1, 1) sits on the break |r| = δ at both samples.
    let (n, d) = files("break", NET, DATA);
    let v = json_of(&["eval", "--net", &n, "--data", &d, "--loss", r#"{"huber": "1"}"#, "--json"]);
    assert_eq!(v["loss_breaks"].as_array().unwrap().len(), 2);
    assert_eq!(grad(&v), ["3/2", "1"]);
    let o = run(&["hessian", "--net", &n, "--data", &d, "--loss", r#"{"huber": "1"}"#]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("break of the piecewise loss"), "{}", text(&o));
}

#[test]
fn squared_hinge_by_hand_and_its_targets_checked() {
    // w = 1/4 on (1, 1), (2, −1): u = 1 − y f = (3/4, 3/2): R = ½(9/16 + 9/4) = 45/32,
    // ℓ' = −2yu = (−3/2, 3): ∇ = ½(−3/2 + 6, −3/2 + 3) = (9/4, 3/4).
    let net = NET.replace(r#"[["1"]]"#, r#"[["1/4"]]"#);
    let (n, d) = files("hinge", &net, &DATA.replace(r#"[["0"], ["1"]]"#, r#"[["1"], ["-1"]]"#));
    let v = json_of(&["eval", "--net", &n, "--data", &d, "--loss", "squared_hinge", "--json"]);
    assert_eq!(v["loss"], "45/32");
    assert_eq!(grad(&v), ["9/4", "3/4"]);
    let (n, d) = files("hinge_bad", NET, DATA);
    let o = run(&["eval", "--net", &n, "--data", &d, "--loss", "squared_hinge"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains(&d) && text(&o).contains("sample 1, target entry 1 is 0"), "{}", text(&o));
}

#[test]
fn float_only_losses_take_the_f64_path_with_a_rigorous_verdict() {
    // Logistic at f = w x + b with w = b = 0 on x = 1, y = 1: ℓ = ln 2, ∂ℓ/∂b = σ(0) − 1 = −1/2.
    let net = NET.replace(r#"[["1"]]"#, r#"[["0"]]"#);
    let (n, d) = files("logistic", &net, r#"{"format": "embedcheck.data/1", "inputs": [["1"]], "targets": [["1"]]}"#);
    let v = json_of(&["eval", "--net", &n, "--data", &d, "--loss", "logistic", "--json"]);
    assert_eq!(v["exact"], false);
    // f64 values: ln 2 and −1/2 are computed to within a few ulps (one exp, one log1p).
    assert!((v["loss"].as_f64().unwrap() - std::f64::consts::LN_2).abs() < 1e-15, "{v}");
    assert_eq!(v["gradient"]["layers"][0]["bias"][0].as_f64().unwrap(), -0.5);
    assert_eq!(v["critical"], false, "the enclosure excludes 0 for ∂b = −1/2: {v}");
    let enc = &v["enclosure"]["loss"];
    assert!(enc[0].as_f64().unwrap() <= std::f64::consts::LN_2 && std::f64::consts::LN_2 <= enc[1].as_f64().unwrap());
    // Cross-entropy over two outputs at f = (0, 0), y = (1, 0): ℓ = ln 2, ∂ℓ/∂b = (−1/2, 1/2).
    let net2 = r#"{"format": "embedcheck.net/1", "activation": {"poly": ["0", "1"]},
      "layers": [{"weight": [["0"], ["0"]], "bias": ["0", "0"]}]}"#;
    let (n, d) = files("ce", net2, r#"{"format": "embedcheck.data/1", "inputs": [["1"]], "targets": [["1", "0"]]}"#);
    let v = json_of(&["eval", "--net", &n, "--data", &d, "--loss", "cross_entropy", "--json"]);
    assert!((v["loss"].as_f64().unwrap() - std::f64::consts::LN_2).abs() < 1e-15, "{v}");
    assert_eq!(v["gradient"]["layers"][0]["bias"], serde_json::json!([-0.5, 0.5]));
    assert_eq!(v["critical"], false);
    // A uniform target row makes f = (0, 0) critical: the enclosure contains 0 everywhere.
    let (n, d) =
        files("ce0", net2, r#"{"format": "embedcheck.data/1", "inputs": [["1"]], "targets": [["1/2", "1/2"]]}"#);
    let v = json_of(&["eval", "--net", &n, "--data", &d, "--loss", "cross_entropy", "--json"]);
    assert_eq!(v["critical"], true, "{v}");
}

#[test]
fn bad_loss_options_are_exit_2_with_a_message() {
    let (n, d) = files("bad", NET, DATA);
    for (extra, part) in [
        (vec!["--loss", "hinge"], "unknown loss `hinge`"),
        (vec!["--loss", r#"{"huber": "0"}"#], "must be positive"),
        (vec!["--weight-decay", "-1"], "λ must be ≥ 0"),
        (vec!["--weight-decay", "1/0"], "--weight-decay"),
        (vec!["--loss", "cross_entropy"], "sums to 0"),
    ] {
        let mut args = vec!["eval", "--net", &n, "--data", &d];
        args.extend(extra.iter().copied());
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", text(&o));
        assert!(text(&o).contains(part), "{extra:?}: {}", text(&o));
        assert!(!text(&o).contains("panicked"));
    }
}
