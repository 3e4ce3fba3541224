//! The f64 paths against each other and against the exact one, within derived tolerances.
//!
//! Two f64 code paths compute ∇R_S: the generic per-sample one (`net::evaluate` over `f64`)
//! and the batched one (`net::evaluate_f64`, samples as matrix rows). They evaluate the same
//! expressions with dot products summed in different orders.
//!
//! **Polynomial σ, dyadic data (reference: exact Q).** With dyadic parameters, data and
//! coefficients every leaf is a double, and the whole gradient is a straight-line program of
//! +, −, × (and one multiplication by fl(1/n)). For such a program, induction on the operations
//! gives |v̂ − v| ≤ γ_k ṽ for every computed value, where k is the number of roundings on the
//! longest path to v, γ_k = ku/(1 − ku), u = ε/2, and ṽ is the same program run exactly on the
//! absolute values of the leaves with − replaced by + (Higham, *Accuracy and Stability of
//! Numerical Algorithms*, §3.1 and Lemma 3.3: a product of computed values adds the path
//! lengths plus one, a sum takes the longer path plus one). ṽ for the gradient is itself a
//! gradient: that of the network with |θ|, |x|, σ̃(t) = Σ|c_k| t^k and targets −|y| (so the
//! residual becomes f̃ + |y|), computed exactly by `evaluate` over Q. The rounding depth K is
//! counted layer by layer in [`rounding_depth`].
//!
//! **tanh, sigmoid, softplus (no exact reference).** A first-order running error bound
//! ([`running_bound`]) that both paths satisfy, so they differ by at most twice it (doubled
//! again to absorb the O(u²) terms dropped by the first-order analysis).

use crate::engine_support;

use embedcheck::activation::{Activation, ExactActivation, FloatActivation, Polynomial};
use embedcheck::data::Dataset;
use embedcheck::net::{evaluate, evaluate_f64, Params};
use embedcheck::scalar::{Ring, Q};
use engine_support::*;
use proptest::prelude::*;

const U: f64 = f64::EPSILON / 2.0;

fn gamma(k: usize) -> f64 {
    let ku = k as f64 * U;
    ku / (1.0 - ku)
}

/// An upper bound on the number of roundings on any path to a gradient entry, for widths `w`,
/// polynomial degree `d` and n samples (see the module docs for the rules):
/// p^[l] = W f^[l−1] + b: k_f + m_{l−1} + 1; Horner of degree d on an input of depth k:
/// d·k + 2d (σ') and (d−1)·k + 2(d−1) (σ'); residual f − y: +1; z = Wᵀe: + m_{l+1};
/// e = z ∘ g: sum of the depths + 1; gradient Σ_i e f then × fl(1/n): + n + 2 more.
fn rounding_depth(w: &[usize], d: usize, n: usize) -> usize {
    let depth = w.len() - 1;
    let (mut kf, mut kg) = (vec![0usize; depth + 1], vec![0usize; depth + 1]);
    for l in 1..=depth {
        let kp = kf[l - 1] + w[l - 1] + 1;
        if l == depth {
            kf[l] = kp;
        } else {
            kf[l] = d * kp + 2 * d;
            kg[l] = d.saturating_sub(1) * kp + 2 * d.saturating_sub(1);
        }
    }
    let mut ke = kf[depth] + 1;
    let mut worst = ke + kf[depth - 1] + n + 3;
    for l in (1..depth).rev() {
        ke = ke + w[l + 1] + kg[l] + 1;
        worst = worst.max(ke + kf[l - 1] + n + 3);
    }
    worst
}

/// Tolerances γ_K ṽ_k per flat gradient entry (module docs).
fn exact_path_tolerance(params: &Params<Q>, coefficients: &[Q], data: &Dataset<Q>) -> Vec<f64> {
    let abs_params = params.map(Q::abs);
    let abs_sigma = ExactActivation::Poly(Polynomial::new(coefficients.iter().map(Q::abs).collect()));
    let abs_data = Dataset::new(
        data.inputs().iter().map(|x| x.iter().map(Q::abs).collect()).collect(),
        data.targets().iter().map(|y| y.iter().map(|v| v.abs().neg()).collect()).collect(),
    )
    .unwrap();
    let scale = evaluate(&abs_params, &abs_sigma, &abs_data).unwrap().gradient.flatten();
    let k = rounding_depth(&params.widths(), coefficients.len() - 1, data.len());
    scale.iter().map(|v| gamma(k) * v.to_f64() * (1.0 + 4.0 * U)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    /// Both f64 paths are within γ_K ṽ_k of the exact gradient (polynomial σ, dyadic numbers).
    #[test]
    fn float_paths_are_within_the_rounding_bound_of_the_exact_gradient(
        (params, data) in net_and_data(4, 5, 4, dyadic_q(4)),
        coefficients in prop::collection::vec(dyadic_q(2), 1..=3),
    ) {
        let act = ExactActivation::Poly(Polynomial::new(coefficients.clone()));
        let exact = evaluate(&params, &act, &data).unwrap().gradient.flatten();
        let tol = exact_path_tolerance(&params, &coefficients, &data);
        let (pf, df) = (params.map(Q::to_f64), data.map(Q::to_f64));
        let per_sample = evaluate(&pf, &act, &df).unwrap().gradient.flatten();
        let batched = evaluate_f64(&pf, &act, &df).unwrap().gradient.flatten();
        for k in 0..exact.len() {
            // |fl − exact| ≤ tol: the exact value is rounded once for the comparison, so compare
            // the exact rational error bound instead of an f64 difference near cancellation.
            let reference = exact[k].to_f64();
            let slack = tol[k] + U * reference.abs();
            prop_assert!((per_sample[k] - reference).abs() <= slack,
                "per-sample entry {k}: {} vs exact {} (tolerance {slack:e})", per_sample[k], exact[k]);
            prop_assert!((batched[k] - reference).abs() <= slack,
                "batched entry {k}: {} vs exact {} (tolerance {slack:e})", batched[k], exact[k]);
        }
    }

    /// tanh/sigmoid/softplus: per-sample and batched gradients differ by at most 4× the
    /// running error bound.
    #[test]
    fn per_sample_and_batched_float_gradients_agree_within_the_running_bound(
        (params, data) in net_and_data(4, 5, 6, small_q(4, 4)),
        act in float_activation(),
    ) {
        let (pf, df) = (params.map(Q::to_f64), data.map(Q::to_f64));
        let per_sample = evaluate(&pf, &act, &df).unwrap();
        let batched = evaluate_f64(&pf, &act, &df).unwrap();
        let bound = running_bound(&pf, &act, &df);
        let (a, b) = (per_sample.gradient.flatten(), batched.gradient.flatten());
        for k in 0..a.len() {
            prop_assert!((a[k] - b[k]).abs() <= 4.0 * bound[k],
                "entry {k}: per-sample {} vs batched {} (bound {:e})", a[k], b[k], bound[k]);
        }
        let out_ok = per_sample.outputs.iter().flatten().zip(batched.outputs.iter()).all(|(x, y)| (x - y).abs() <= 1e-12 * (1.0 + x.abs()));
        prop_assert!(out_ok, "outputs differ");
    }
}

/// sup |σ'| and sup |σ''| of the float activations: tanh (1, 4/(3√3) < 0.7699),
/// sigmoid (1/4, √3/18 < 0.0963), softplus (1, 1/4).
fn lipschitz(act: FloatActivation) -> (f64, f64) {
    match act {
        FloatActivation::Tanh => (1.0, 0.7699),
        FloatActivation::Sigmoid => (0.25, 0.0963),
        FloatActivation::Softplus => (1.0, 0.25),
    }
}

/// First-order running error bound B_k ≥ |ĝ_k − g_k| for either f64 path, per flat entry.
///
/// Rules, with values taken as computed (first order in u):
/// p_s = Σ_j W_sj f_j + b_s: B(p) = Σ|W| B(f) + γ_{m+1}(Σ|W||f| + |b|);
/// f = σ(p): B(f) = sup|σ'| B(p) + 8u|f| (libm's tanh/exp/ln_1p are within 1–2 ulp, the batched
/// path's tanh kernel within 6.13u and its sech² within 7.49u ≤ 24u, and the sigmoid/softplus
/// formulas add at most three roundings of nonnegative terms);
/// g = σ'(p) ∈ [0, 1] computed from σ(p) in at most three operations: B(g) = sup|σ''| B(p) + 24u;
/// output residual r = f − y: B(r) = B(f) + u|r|; z = Wᵀe: B(z) = Σ|W| B(e) + γ_m Σ|W||e|;
/// e = z g: B(e) = |g| B(z) + |z| B(g) + u|z g|;
/// ∇W_rc = (1/n) Σ_i e_r f_c: B = (1/n) Σ_i (|e_r| B(f_c) + |f_c| B(e_r)) + γ_{n+2} (1/n) Σ_i |e_r f_c|.
fn running_bound(params: &Params<f64>, act: &Activation, data: &Dataset<f64>) -> Vec<f64> {
    let Activation::Float(kind) = act else { panic!("float activations only") };
    let (l1, l2) = lipschitz(*kind);
    let depth = params.depth();
    let n = data.len() as f64;
    let mut bound = params.zeros_like();
    for (x, y) in data.inputs().iter().zip(data.targets()) {
        // Forward: values and bounds of f^[l], g^[l].
        let (mut f, mut bf) = (vec![x.clone()], vec![vec![0.0; x.len()]]);
        let (mut g, mut bg) = (vec![vec![]], vec![vec![]]);
        for l in 1..=depth {
            let layer = params.layer(l);
            let (m, fan_in) = (layer.width(), layer.fan_in());
            let (mut fl, mut bfl, mut gl, mut bgl) = (vec![], vec![], vec![], vec![]);
            for s in 0..m {
                let b = layer.bias.as_ref().map_or(0.0, |b| b[s]);
                let p: f64 = (0..fan_in).map(|j| layer.weight.get(s, j) * f[l - 1][j]).sum::<f64>() + b;
                let mag: f64 = (0..fan_in).map(|j| (layer.weight.get(s, j) * f[l - 1][j]).abs()).sum::<f64>() + b.abs();
                let prop: f64 = (0..fan_in).map(|j| layer.weight.get(s, j).abs() * bf[l - 1][j]).sum();
                let bp = prop + gamma(fan_in + 1) * mag;
                if l == depth {
                    fl.push(p);
                    bfl.push(bp);
                    gl.push(1.0);
                    bgl.push(0.0);
                } else {
                    let jet = embedcheck::activation::Sigma::<f64>::jet(act, &p).unwrap();
                    bfl.push(l1 * bp + 8.0 * U * jet.value.abs());
                    bgl.push(l2 * bp + 24.0 * U);
                    fl.push(jet.value);
                    gl.push(jet.d1);
                }
            }
            f.push(fl);
            bf.push(bfl);
            g.push(gl);
            bg.push(bgl);
        }
        // Backward: e^[L] = f − y, e^[l] = (Wᵀ e^[l+1]) ∘ g^[l].
        let mut e: Vec<f64> = f[depth].iter().zip(y).map(|(a, b)| a - b).collect();
        let mut be: Vec<f64> = bf[depth].iter().zip(&e).map(|(b, r)| b + U * r.abs()).collect();
        for l in (1..=depth).rev() {
            let gl = bound.layer_mut(l);
            for r in 0..e.len() {
                for c in 0..f[l - 1].len() {
                    let v = (e[r].abs() * bf[l - 1][c]
                        + f[l - 1][c].abs() * be[r]
                        + gamma(data.len() + 2) * (e[r] * f[l - 1][c]).abs())
                        / n;
                    *gl.weight.get_mut(r, c) += v;
                }
                if let Some(b) = gl.bias.as_mut() {
                    b[r] += (be[r] + gamma(data.len() + 2) * e[r].abs()) / n;
                }
            }
            if l > 1 {
                let w = &params.layer(l).weight;
                let (mut ne, mut nbe) = (vec![], vec![]);
                for j in 0..w.cols() {
                    let z: f64 = (0..w.rows()).map(|s| w.get(s, j) * e[s]).sum();
                    let zmag: f64 = (0..w.rows()).map(|s| (w.get(s, j) * e[s]).abs()).sum();
                    let bz: f64 =
                        (0..w.rows()).map(|s| w.get(s, j).abs() * be[s]).sum::<f64>() + gamma(w.rows()) * zmag;
                    let gj = g[l - 1][j];
                    ne.push(z * gj);
                    nbe.push(gj.abs() * bz + z.abs() * bg[l - 1][j] + U * (z * gj).abs());
                }
                e = ne;
                be = nbe;
            }
        }
    }
    bound.flatten()
}

/// Negative control: the running bound is tight enough to notice a gradient entry that is off
/// by one part in 10⁶ (so the agreement test above is not vacuous).
#[test]
fn a_perturbed_float_gradient_exceeds_the_running_bound() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (params, data) = net_and_data(3, 4, 4, small_q(4, 4)).new_tree(&mut runner).unwrap().current();
    let act = Activation::Float(FloatActivation::Tanh);
    let (pf, df) = (params.map(Q::to_f64), data.map(Q::to_f64));
    let batched = evaluate_f64(&pf, &act, &df).unwrap().gradient.flatten();
    let bound = running_bound(&pf, &act, &df);
    let k = (0..batched.len()).max_by(|&a, &b| batched[a].abs().total_cmp(&batched[b].abs())).unwrap();
    assert!(batched[k] != 0.0);
    assert!(1e-6 * batched[k].abs() > 4.0 * bound[k], "bound {:e} too loose for entry {:e}", bound[k], batched[k]);
}

/// Negative control for the exact reference: perturbing one parameter by 2⁻²⁰ moves the
/// gradient outside γ_K ṽ on Ex A-like data, so the tolerance is not vacuous either.
#[test]
fn the_rounding_bound_is_far_below_a_real_gradient_change() {
    let coefficients = vec![Q::zero(), Q::one(), Q::new(1, 2)];
    let act = ExactActivation::Poly(Polynomial::new(coefficients.clone()));
    let params = Params::new(vec![
        embedcheck::net::Layer {
            weight: embedcheck::linalg::Matrix::from_vec(2, 1, vec![Q::one(), Q::int(-1)]),
            bias: Some(vec![Q::zero(), Q::one()]),
        },
        embedcheck::net::Layer {
            weight: embedcheck::linalg::Matrix::from_vec(1, 2, vec![Q::int(2), Q::one()]),
            bias: Some(vec![Q::zero()]),
        },
    ])
    .unwrap();
    let data = Dataset::new(vec![vec![Q::one()], vec![Q::int(-1)]], vec![vec![Q::one()], vec![Q::zero()]]).unwrap();
    let tol = exact_path_tolerance(&params, &coefficients, &data);
    let g0 = evaluate(&params, &act, &data).unwrap().gradient.flatten();
    let mut theta = params.flatten();
    theta[0] = theta[0].add(&Q::new(1, 1 << 20));
    let g1 = evaluate(&params.with_flat(&theta), &act, &data).unwrap().gradient.flatten();
    assert!(g0.iter().zip(&g1).zip(&tol).any(|((a, b), t)| (a.sub(b)).abs().to_f64() > *t));
}

/// The batched f64 path names the first pole of a rational σ like the exact path does:
/// σ(t) = 1/t, one neuron with w = 1, b = −2, inputs 1, 2, 2 → p = 0 first at sample 2.
#[test]
fn the_batched_float_path_names_the_first_pole() {
    use embedcheck::activation::RationalFunction;
    use embedcheck::net::{EvalError, Layer, Site};
    let act = ExactActivation::Rational(RationalFunction {
        num: Polynomial::new(vec![Q::one()]),
        den: Polynomial::new(vec![Q::zero(), Q::one()]),
    });
    let layer =
        |w: f64, b: f64| Layer { weight: embedcheck::linalg::Matrix::from_vec(1, 1, vec![w]), bias: Some(vec![b]) };
    let params = Params::new(vec![layer(1.0, -2.0), layer(1.0, 0.0)]).unwrap();
    let data = Dataset::new(vec![vec![1.0], vec![2.0], vec![2.0]], vec![vec![0.0]; 3]).unwrap();
    let site = Site { layer: 1, neuron: 1, sample: 2 };
    assert_eq!(evaluate_f64(&params, &act, &data).unwrap_err(), EvalError::Pole(site));
    assert_eq!(evaluate(&params, &act, &data).unwrap_err(), EvalError::Pole(site));
}
