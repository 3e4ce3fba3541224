//! \[P2\] Thm 6.3 (T_global of a critical point with H^(2) ≠ 0 is a strict saddle) under a loss
//! other than ½-MSE, where H^(2) = (1/n) Σ_i Σ_k ∂ℓ/∂f_k(x_i) ∇²f_k(x_i).
//!
//! Spec Ex D is critical for ½-MSE; the polynomial loss with p'(r_i) = s·r_i at its residuals
//! keeps it critical with ∂ℓ/∂f = s·r_i, so H^(2)_p = s·H^(2)_mse exactly — although H_p and the
//! Gauss–Newton part (1/n)Σ J_iᵀ p''(r_i) J_i each differ from their ½-MSE values, their
//! difference must not. The T_global certificate's uᵀH_wide u is then s times the ½-MSE one
//! (−3/4 for Ex D), it verifies for the loss it records, and not for ½-MSE.

use crate::common;

use common::{distinct_residuals, loss_with_slope, tmp};
use embedcheck::hessian::certificate::verify;
use embedcheck::hessian::hessian_exact_with;
use embedcheck::hessian::truly_bad::{
    global_certificate, global_certificate_with, residual_hessian, residual_hessian_with,
};
use embedcheck::io::{read_data, read_network};
use embedcheck::loss::ExactLoss;
use embedcheck::scalar::{Ring, Q};
use std::process::Command;

const NET: &str = "examples/nets/ex_d.net.json";
const DATA: &str = "examples/nets/ex_d.data.json";

#[test]
fn the_residual_hessian_scales_with_the_loss_slope_and_the_global_saddle_follows() {
    let net = read_network(NET).unwrap();
    let data = read_data(DATA).unwrap();
    let act = net.activation.exact().unwrap();
    let s = Q::int(3);
    let ell = loss_with_slope(&distinct_residuals(&net, &data), &s, &Q::new(1, 7));
    let h2_mse = residual_hessian(&net.params, act, &data).unwrap();
    let h2 = residual_hessian_with(&net.params, act, &ell, &data).unwrap();
    assert_eq!(h2, h2_mse.map(|v| v.mul(&s)), "H^(2)_p = s·H^(2)_mse");
    let h_mse = hessian_exact_with(&net.params, act, &ExactLoss::Mse, &data).unwrap();
    let h = hessian_exact_with(&net.params, act, &ell, &data).unwrap();
    assert_ne!(h, h_mse.map(|v| v.mul(&s)), "the full Hessian does not scale (p'' ≠ s): the test is not trivial");
    let g_mse = global_certificate(&net, &data).unwrap().expect("Ex D: H^(2) ≠ 0");
    assert_eq!(g_mse.curvature, Q::new(-3, 4));
    let g = global_certificate_with(&net, &data, &ell).unwrap().expect("H^(2) ≠ 0");
    assert!(g.holds(), "computed {} = predicted {} < 0", g.curvature, g.direction.predicted);
    assert_eq!(g.curvature, Q::new(-9, 4), "s·(−3/4)");
    let cert = g.certificate(&data);
    assert_eq!(cert.loss, ell);
    verify(&cert).expect("verifies for its loss");
    let as_mse = embedcheck::hessian::certificate::Certificate { loss: ExactLoss::Mse, ..cert };
    assert!(verify(&as_mse).is_err(), "uᵀHu is −3/4, not −9/4, for ½-MSE");
}

#[test]
fn truly_bad_takes_a_loss_and_writes_a_certificate_that_verify_rechecks_with_it() {
    let net = read_network(NET).unwrap();
    let data = read_data(DATA).unwrap();
    let ExactLoss::Poly(p) = loss_with_slope(&distinct_residuals(&net, &data), &Q::int(3), &Q::new(1, 7)) else {
        unreachable!("a polynomial loss")
    };
    let coeffs: Vec<String> = p.coefficients().iter().map(Q::to_canonical).collect();
    let loss = serde_json::json!({ "poly": coeffs }).to_string();
    let cert = tmp("truly-bad-loss", "cert.json");
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["truly-bad", "--net", NET, "--data", DATA, "--json", "--no-search", "--loss", &loss])
        .args(["--certificate", &cert])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["global"]["curvature"], "-9/4");
    assert_eq!(v["global"]["holds"], true);
    assert!(v["loss_function"]["poly"].is_array());
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&cert).unwrap()).unwrap();
    assert_eq!(written["data"]["loss"]["poly"].as_array().map(Vec::len), Some(coeffs.len()));
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(["verify", &cert]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["truly-bad", "--net", NET, "--data", DATA, "--loss", "logistic"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "float-only loss (or targets it refuses): exit 2");
}
