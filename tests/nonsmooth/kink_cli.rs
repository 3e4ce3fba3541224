//! What the commands say at ReLU kinks (`proofs/kink-stationarity.md`): `eval` never calls a kink
//! point critical on the convention σ'(0) = 0 alone, `hessian` classifies per piece, `critical`
//! generates ReLU points off the kinks, `truly-bad` refuses kink points.

use crate::common;

use common::{run, text};

fn tmp(name: &str) -> String {
    common::tmp("kink-cli", name)
}

const NET: &str = "examples/nets/kink_descent.net.json";
const DATA: &str = "examples/nets/kink_descent.data.json";

/// f(x) = relu(x + b) + 1/2 at b = 0 on (0, 1), (−1, 0): every convention-gradient entry is 0, but
/// R_S'(θ; e_b) = −1/4 (by hand: (1/2)(f(0) − 1)·1).
#[test]
fn eval_reports_the_kink_example_not_critical_with_its_descent_direction() {
    let o = run(&["eval", "--net", NET, "--data", DATA]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("critical: no (checked exactly at a kink"), "{t}");
    assert!(t.contains("R_S'(θ; d) = -1/4 < 0"), "{t}");
    assert!(!t.contains("critical: yes"), "{t}");
    let o = run(&["eval", "--net", NET, "--data", DATA, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["critical"], serde_json::json!(false));
    assert_eq!(v["stationarity"]["kind"], "descent");
    assert_eq!(v["stationarity"]["directional_derivative"], "-1/4");
    assert_eq!(v["stationarity"]["descent_direction"]["layers"][0]["bias"][0], "1");
    // Loss after the step, by hand: b = 1/2 makes sample 1 exact, sample 2 keeps 1/8: R = 1/16.
    assert_eq!(v["stationarity"]["loss_after_step"], "1/16");
}

#[test]
fn hessian_at_a_kink_classifies_per_piece_and_not_as_a_whole() {
    let o = run(&["hessian", "--net", NET, "--data", DATA, "--json"]);
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["critical"], serde_json::json!(false));
    assert!(v["inertia"].is_null(), "no single Hessian at a kink: {v}");
    let pieces = v["pieces"].as_array().unwrap();
    assert_eq!(pieces.len(), 2);
    // Left piece: only c enters the loss, ∂²/∂c² = 1, so inertia (1, 0, 3); θ is critical there.
    assert_eq!(pieces[0]["sides"], serde_json::json!(["left"]));
    assert_eq!(pieces[0]["stationary"], serde_json::json!(true));
    assert_eq!(pieces[0]["inertia"], serde_json::json!({"positive": 1, "negative": 0, "zero": 3}));
    // Right piece: ∂L/∂b = −1/4 ≠ 0, not critical there.
    assert_eq!(pieces[1]["stationary"], serde_json::json!(false));
}

#[test]
fn truly_bad_and_alpha_range_refuse_kink_points() {
    let o = run(&["truly-bad", "--net", NET, "--data", DATA]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("layer 1, neuron 1, sample 1"), "{}", text(&o));
    let o = run(&["alpha-range", "--net", NET, "--data", DATA, "--neuron", "1"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("kink"), "{}", text(&o));
}

/// Before, `critical --activation relu` wrote points with pre-activations on the kink, some of
/// them not critical at all (seed 2, zero-outgoing). Now every ReLU point it writes is kink-free
/// and `eval` proves it critical with the plain gradient.
#[test]
fn critical_writes_relu_points_off_every_kink() {
    let mut written = 0;
    for seed in 1..=8 {
        for kind in ["teacher", "nonzero-loss", "zero-outgoing"] {
            let prefix = tmp(&format!("relu-{seed}-{kind}"));
            let s = seed.to_string();
            let o = run(&[
                "critical",
                "--widths",
                "2,3,1",
                "--activation",
                "relu",
                "--kind",
                kind,
                "--samples",
                "12",
                "--seed",
                &s,
                "--out",
                &prefix,
            ]);
            if !o.status.success() {
                assert_eq!(o.status.code(), Some(2), "{}", text(&o));
                assert!(text(&o).contains("kink") || text(&o).contains("residual"), "{}", text(&o));
                continue;
            }
            written += 1;
            let (net, data) = (format!("{prefix}.net.json"), format!("{prefix}.data.json"));
            let o = run(&["eval", "--net", &net, "--data", &data, "--json"]);
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            assert_eq!(v["kinks"], serde_json::json!([]), "seed {seed} {kind}");
            assert_eq!(v["critical"], serde_json::json!(true), "seed {seed} {kind}");
        }
    }
    assert!(written >= 12, "most draws must succeed: {written}");
}
