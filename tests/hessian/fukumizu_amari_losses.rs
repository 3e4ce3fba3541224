//! The Fukumizu–Amari criterion (Theorem S for a scalar-output two-layer net) under a loss other
//! than ½-MSE: A carries ∂ℓ/∂f in place of the residual and H_narr carries ℓ''.
//!
//! Spec Ex C is critical for ½-MSE with residuals r_i. A polynomial loss with p'(t) = s·t at every
//! residual (p'(t) = s·t + c·Π_ρ(t − ρ) over the distinct residuals ρ) keeps it critical, with
//! ∂ℓ/∂f = s·r_i, so by linearity A_p = s·A_mse exactly, while p''(r_i) ≠ 1 changes H_narr. The
//! predicted inertia of the split is compared with the inertia of the wide Hessian computed by
//! forward over forward (a path independent of the tangent Hessian the prediction uses); the
//! negative control is the ½-MSE prediction, which s = −1 turns wrong.

use crate::common;

use common::{distinct_residuals, loss_with_slope};
use embedcheck::hessian::fukumizu_amari::Analysis;
use embedcheck::hessian::hessian_forward_with;
use embedcheck::io::{read_data, read_network};
use embedcheck::linalg::inertia;
use embedcheck::loss::ExactLoss;
use embedcheck::scalar::{Ring, Q};
use std::process::Command;

const NET: &str = "examples/nets/ex_c.net.json";
const DATA: &str = "examples/nets/ex_c.data.json";

fn ex_c_residuals() -> Vec<Q> {
    distinct_residuals(&read_network(NET).unwrap(), &read_data(DATA).unwrap())
}

fn alphas() -> Vec<Q> {
    vec![Q::new(1, 2), Q::new(1, 3), Q::int(2), Q::new(-1, 2), Q::int(0), Q::int(1)]
}

#[test]
fn theorem_s_predicts_the_split_inertia_under_a_polynomial_loss() {
    let net = read_network(NET).unwrap();
    let data = read_data(DATA).unwrap();
    let mse = Analysis::new(&net, &data, 0).unwrap();
    for s in [Q::int(3), Q::int(-1), Q::new(1, 2)] {
        let ell = loss_with_slope(&ex_c_residuals(), &s, &Q::new(1, 5));
        let an = Analysis::new_with(&net, &data, &ell, 0).expect("critical for the loss");
        assert_eq!(an.a, mse.a.map(|v| v.mul(&s)), "A_p = s·A_mse (s = {s})");
        for alpha in alphas() {
            let wide = an.wide(&alpha);
            let h = hessian_forward_with(&wide.params, wide.activation.exact().unwrap(), &ell, &data).unwrap();
            assert_eq!(inertia(&h), an.predicted_inertia(&alpha), "s = {s}, α = {alpha}");
        }
    }
}

#[test]
fn the_mse_prediction_is_wrong_under_a_loss_that_flips_the_slope() {
    let net = read_network(NET).unwrap();
    let data = read_data(DATA).unwrap();
    let mse = Analysis::new(&net, &data, 0).unwrap();
    let ell = loss_with_slope(&ex_c_residuals(), &Q::int(-1), &Q::new(1, 5));
    let an = Analysis::new_with(&net, &data, &ell, 0).unwrap();
    let caught = alphas().iter().any(|alpha| {
        let wide = an.wide(alpha);
        let h = hessian_forward_with(&wide.params, wide.activation.exact().unwrap(), &ell, &data).unwrap();
        inertia(&h) != mse.predicted_inertia(alpha)
    });
    assert!(caught, "the ½-MSE prediction must fail for some α under p'(r) = −r");
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_embedcheck"))
}

#[test]
fn alpha_range_takes_a_loss_and_refuses_weight_decay() {
    let ExactLoss::Poly(p) = loss_with_slope(&ex_c_residuals(), &Q::int(3), &Q::new(1, 5)) else {
        unreachable!("a polynomial loss")
    };
    let coeffs: Vec<String> = p.coefficients().iter().map(Q::to_canonical).collect();
    let loss = serde_json::json!({ "poly": coeffs }).to_string();
    let o = bin()
        .args(["alpha-range", "--net", NET, "--data", DATA, "--neuron", "1", "--alpha", "2", "--json", "--loss", &loss])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["loss"]["poly"].as_array().map(Vec::len), Some(coeffs.len()));
    assert_eq!(v["alpha"]["agree"], true);
    // Ex C is critical for ½-MSE, but not for Huber with δ = 1/1000 (residuals beyond δ have
    // slope ±δ, not r_i, and ±δ is not in the left null space of J).
    let o = bin()
        .args(["alpha-range", "--net", NET, "--data", DATA, "--neuron", "1", "--loss", r#"{"huber": "1/1000"}"#])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "not critical for that loss");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not a critical point"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = bin()
        .args(["alpha-range", "--net", NET, "--data", DATA, "--neuron", "1", "--weight-decay", "1/10"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
