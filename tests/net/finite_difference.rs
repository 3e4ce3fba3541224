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
//! - δ_R = 2 γ_K R̃ with R̃ = (1/n) Σ_i ½ (‖M_i‖₁ + ‖f̂_i‖₁ + ‖y_i‖₁)², where M_i is the
//!   running-error majorant of the forward pass: M^\[0\] = 0,
//!   M^\[l\] = |W^\[l\]| (M^\[l−1\] + |f̂^\[l−1\]|) + |b^\[l\]| + |σ(p̂^\[l\])| (no σ term at the
//!   output). Since tanh, sigmoid and softplus are 1-Lipschitz and γ_a + γ_b ≤ γ_{a+b}, the
//!   computed output is within γ_K M_i of the exact one, so the residual r = f − y is within
//!   γ_K S_i (S_i = ‖M_i‖₁ + ‖f̂_i‖₁ + ‖y_i‖₁ ≥ ‖r_i‖₁) and ½‖r‖² within 2γ_K · ½S_i² to first
//!   order. M, not ‖f̂‖, is what matters when the output is a cancellation of large terms (a
//!   1-3-1 softplus net with f = −0.063 made of terms near 0.5 broke a bound built on ‖f̂‖).
//!   K = Σ_l (m_{l−1} + 3) + m_L + n + 4 roundings on the longest path (dot product and bias per
//!   layer, σ, residual, square, sums, and the factors ½ and 1/n); libm's tanh/exp/ln_1p are
//!   within 2 ulp, covered by the 3 per layer. δ_R is taken as the largest over the points
//!   θ ± h e_k where the loss is actually evaluated, not at θ alone (at θ = 0 with y = 0 the
//!   bound at θ is 0 while the evaluations at θ ± h e_k round).
//! - M₃ is *estimated*, not bounded: the third central difference
//!   Δ³ = (φ(2H) − 2φ(H) + 2φ(−H) − φ(−2H)) / (2H³) with H = ε^{1/5}·max(1, |θ_k|), plus its own
//!   rounding error 3δ_R/H³, doubled to cover its O(H²) truncation error.

use crate::engine_support;

use embedcheck::activation::Activation;
use embedcheck::data::Dataset;
use embedcheck::net::{evaluate_f64, forward, loss, Params};
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
    let depth = params.depth();
    let scale: f64 = data
        .inputs()
        .iter()
        .zip(data.targets())
        .enumerate()
        .map(|(i, (x, y))| {
            let trace = forward(params, act, x, i + 1).unwrap();
            let mut m = vec![0.0; x.len()];
            for l in 1..=depth {
                let layer = params.layer(l);
                m = (0..layer.width())
                    .map(|r| {
                        let mut s: f64 = (0..layer.fan_in())
                            .map(|c| layer.weight.get(r, c).abs() * (m[c] + trace.f[l - 1][c].abs()))
                            .sum();
                        if let Some(b) = &layer.bias {
                            s += b[r].abs();
                        }
                        if l < depth {
                            s += trace.f[l][r].abs();
                        }
                        s
                    })
                    .collect();
            }
            let s: f64 = m.iter().sum::<f64>()
                + trace.f[depth].iter().map(|v| v.abs()).sum::<f64>()
                + y.iter().map(|v| v.abs()).sum::<f64>();
            0.5 * s * s
        })
        .sum::<f64>()
        / data.len() as f64;
    2.0 * gamma(k) * scale
}

/// (D_h, τ_k) for every flat parameter k.
fn central_differences(params: &Params<f64>, act: &Activation, data: &Dataset<f64>) -> Vec<(f64, f64)> {
    let theta = params.flatten();
    let phi = |k: usize, t: f64| {
        let mut v = theta.clone();
        v[k] += t;
        loss(&params.with_flat(&v), act, data).unwrap()
    };
    let delta_at = |k: usize, ts: &[f64]| {
        ts.iter()
            .map(|&t| {
                let mut v = theta.clone();
                v[k] += t;
                loss_rounding(&params.with_flat(&v), act, data)
            })
            .fold(0.0, f64::max)
    };
    (0..theta.len())
        .map(|k| {
            let scale = theta[k].abs().max(1.0);
            let h = (theta[k] + f64::EPSILON.cbrt() * scale) - theta[k];
            let big = (theta[k] + f64::EPSILON.powf(0.2) * scale) - theta[k];
            let delta = delta_at(k, &[h, -h]);
            let delta_big = delta_at(k, &[2.0 * big, big, -big, -2.0 * big]);
            let d = (phi(k, h) - phi(k, -h)) / (2.0 * h);
            let third =
                (phi(k, 2.0 * big) - 2.0 * phi(k, big) + 2.0 * phi(k, -big) - phi(k, -2.0 * big)) / (2.0 * big.powi(3));
            let m3 = 2.0 * (third.abs() + 3.0 * delta_big / big.powi(3));
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

/// Regression (a CI failure): a 1-3-1 softplus net whose output −0.063 is a cancellation of
/// terms near 0.5. The true ∂R/∂W^\[2\]_{12} = f·softplus(3/2) = −0.10710959144409155…
/// (40-digit evaluation), and the difference must be within τ of it.
#[test]
fn cancellation_in_the_output_is_covered_by_the_running_error_majorant() {
    use embedcheck::linalg::Matrix;
    use embedcheck::net::Layer;
    let act = embedcheck::io::parse_activation(&serde_json::json!("softplus"), "test").unwrap();
    let params = Params::new(vec![
        Layer { weight: Matrix::from_vec(3, 1, vec![2.0 / 3.0, -1.0, -1.0 / 3.0]), bias: None },
        Layer { weight: Matrix::from_vec(1, 3, vec![-1.5, -1.0 / 3.0, 1.0]), bias: None },
    ])
    .unwrap();
    let data = Dataset::new(vec![vec![-1.5]], vec![vec![0.0]]).unwrap();
    let truth = -0.107_109_591_444_091_55_f64;
    let (d, tau) = central_differences(&params, &act, &data)[4];
    assert!((d - truth).abs() <= tau, "difference {d} vs {truth}, τ = {tau:e}");
    let grad = evaluate_f64(&params, &act, &data).unwrap().gradient.flatten();
    assert!((grad[4] - truth).abs() <= 1e-15, "gradient {}", grad[4]);
}
