//! The f64 gradient of tanh, sigmoid and softplus nets against central finite differences of
//! the loss, with a tolerance derived from the step h and the f64 unit roundoff.
//!
//! **Derivation.** For the one-variable function φ(t) = R_S(θ + t e_k), Taylor's theorem with
//! the mean-value remainder gives, in real arithmetic,
//! (φ(h) − φ(−h)) / (2h) = φ'(0) + h² φ'''(ξ)/6 for some |ξ| ≤ h,
//! so the truncation error is at most h² M₃/6 with M₃ = max |φ'''| near 0. Each computed loss
//! is φ(±h) + δ with |δ| ≤ δ_R, which adds at most δ_R/h. So
//! |D_h − ∂_k R_S| ≤ τ_k = h² M₃/6 + δ_R/h,
//! minimised when h ∝ (δ_R/M₃)^{1/3}; with δ_R ≈ ε·scale this is h = ε^{1/3}·max(1, |θ_k|)
//! (the step actually taken is (θ_k + h) − θ_k, exact in binary). τ is then O(ε^{2/3}) ≈ 4·10⁻¹¹
//! relative, far below any real error in a gradient formula.
//! - δ_R = γ_K R̃ with R̃ = (1/n) Σ_i ½ (‖f̂_i‖₁ + ‖y_i‖₁)² (a majorant of the terms summed) and
//!   K = Σ_l (m_{l−1} + 3) + m_L + n + 4 roundings on the longest path (dot product and bias per
//!   layer, σ, residual, square, sums, and the factors ½ and 1/n); libm's tanh/exp/ln_1p are
//!   within 2 ulp, covered by the 3 per layer.
//! - M₃ is *estimated*, not bounded: the third central difference
//!   Δ³ = (φ(2H) − 2φ(H) + 2φ(−H) − φ(−2H)) / (2H³) with H = ε^{1/5}·max(1, |θ_k|), plus its own
//!   rounding error 3δ_R/H³, doubled to cover its O(H²) truncation error.

mod engine_support;

use embedcheck::activation::Activation;
use embedcheck::data::Dataset;
use embedcheck::net::{evaluate_f64, loss, Params};
use embedcheck::scalar::Q;
use engine_support::*;
use proptest::prelude::*;

fn gamma(k: usize) -> f64 {
    let ku = k as f64 * f64::EPSILON / 2.0;
    ku / (1.0 - ku)
}

/// δ_R for the loss at `params` (module docs).
fn loss_rounding(params: &Params<f64>, act: &Activation, data: &Dataset<f64>) -> f64 {
    let w = params.widths();
    let k: usize = w[..w.len() - 1].iter().map(|m| m + 3).sum::<usize>() + w[w.len() - 1] + data.len() + 4;
    let ev = evaluate_f64(params, act, data).unwrap();
    let scale: f64 = ev
        .outputs
        .outer_iter()
        .zip(data.targets())
        .map(|(f, y)| {
            let s = f.iter().map(|v| v.abs()).sum::<f64>() + y.iter().map(|v| v.abs()).sum::<f64>();
            0.5 * s * s
        })
        .sum::<f64>()
        / data.len() as f64;
    gamma(k) * scale
}

/// (D_h, τ_k) for every flat parameter k.
fn central_differences(params: &Params<f64>, act: &Activation, data: &Dataset<f64>) -> Vec<(f64, f64)> {
    let theta = params.flatten();
    let phi = |k: usize, t: f64| {
        let mut v = theta.clone();
        v[k] += t;
        loss(&params.with_flat(&v), act, data).unwrap()
    };
    let delta = loss_rounding(params, act, data);
    (0..theta.len())
        .map(|k| {
            let scale = theta[k].abs().max(1.0);
            let h = (theta[k] + f64::EPSILON.cbrt() * scale) - theta[k];
            let big = (theta[k] + f64::EPSILON.powf(0.2) * scale) - theta[k];
            let d = (phi(k, h) - phi(k, -h)) / (2.0 * h);
            let third =
                (phi(k, 2.0 * big) - 2.0 * phi(k, big) + 2.0 * phi(k, -big) - phi(k, -2.0 * big)) / (2.0 * big.powi(3));
            let m3 = 2.0 * (third.abs() + 3.0 * delta / big.powi(3));
            (d, h * h * m3 / 6.0 + delta / h)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(32), ..ProptestConfig::default() })]

    /// |∂_k R_S (batched f64) − D_h| ≤ τ_k for every parameter k.
    #[test]
    fn float_gradient_matches_central_differences_within_the_derived_tolerance(
        (params, data) in net_and_data(3, 4, 4, small_q(3, 3)),
        act in float_activation(),
    ) {
        let (pf, df) = (params.map(Q::to_f64), data.map(Q::to_f64));
        let grad = evaluate_f64(&pf, &act, &df).unwrap().gradient.flatten();
        for (k, (d, tau)) in central_differences(&pf, &act, &df).into_iter().enumerate() {
            prop_assert!((grad[k] - d).abs() <= tau, "entry {k}: gradient {} vs difference {d} (τ = {tau:e})", grad[k]);
        }
    }
}

/// Negative control: a gradient with one entry off by one part in 10⁴ is caught.
#[test]
fn a_perturbed_float_gradient_fails_the_finite_difference_check() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for act in ["tanh", "sigmoid", "softplus"] {
        let act = embedcheck::io::parse_activation(&serde_json::json!(act), "test").unwrap();
        let (params, data) = net_and_data(3, 4, 4, small_q(3, 3)).new_tree(&mut runner).unwrap().current();
        let (pf, df) = (params.map(Q::to_f64), data.map(Q::to_f64));
        let grad = evaluate_f64(&pf, &act, &df).unwrap().gradient.flatten();
        let fd = central_differences(&pf, &act, &df);
        let k = (0..grad.len()).max_by(|&a, &b| grad[a].abs().total_cmp(&grad[b].abs())).unwrap();
        let wrong = grad[k] * (1.0 + 1e-4);
        assert!((wrong - fd[k].0).abs() > fd[k].1, "{act}: τ = {:e} does not catch 1e-4 of {:e}", fd[k].1, grad[k]);
    }
}
