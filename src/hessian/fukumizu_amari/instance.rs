//! Generated instances for the criterion: exact **strict local minima** θ* of scalar-output
//! two-layer nets with A ≠ 0 (width-depth spec §2.6, "Test-generation recipe" with the residual
//! scale t shrunk until H_narr ≻ 0, and its "Pitfall").
//!
//! Recipe: random rational θ and distinct inputs; r ≠ 0 in the left null space of the output
//! Jacobian J; targets y_i = f(x_i) − t r_i make θ exactly critical for every t. For ½-MSE,
//! H_narr(t) = (1/n)JᵀJ + t H₂ with H₂ = (1/n) Σ r_i ∇²f_i, affine in t, so H(t) = H(0) + t(H(1) − H(0));
//! t is halved until the exact LDLᵀ pivots of H(t) are all positive (Sylvester's criterion), and
//! the chosen point is then re-checked directly (gradient exactly 0, LDLᵀ of its own Hessian).
//!
//! Pitfall (spec §2.6): with 1-D inputs the tangent space of NN(1, m_1, 1) with a degree-d σ can
//! contain every polynomial of the degree of A's entries, forcing A = 0. So: m_0 = 1 only with
//! m_1 = 1 and deg σ ∈ {4, 6} (M = 4 tangent functions among polynomials of degree ≤ d, A's
//! entries of degree d); m_0 = max(2, m_1) with σ of degree 3 or 4 (M = m_1(m_0 + 2) + 1 stays
//! below the number of cubics in m_0 variables, so J can have full column rank). A = 0 is
//! reported as not applicable.

use super::super::certificate::ldlt_pivots;
use super::super::hessian_exact;
use super::super::theorem_s::splitting_blocks;
use crate::activation::Activation;
use crate::critical::{output_jacobian, random_params, CriticalPoint};
use crate::data::Dataset;
use crate::linalg::{left_null_space, Matrix};
use crate::net::{outputs, Network, Params};
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::theorem::Size;

/// Halvings of the residual scale t tried before giving up.
pub const MAX_HALVINGS: usize = 16;

/// A strict local minimum θ* of a scalar-output two-layer net and a neuron s with v* ≠ 0, A ≠ 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    /// σ and θ*.
    pub net: Network<Q>,
    /// The training set (θ* exactly critical on it).
    pub data: Dataset<Q>,
    /// The neuron to split (0-based).
    pub neuron: usize,
    /// The positive LDLᵀ pivots of H_narr(θ*): the proof that H_narr ≻ 0.
    pub pivots: Vec<Q>,
}

fn poly(c: &[i64]) -> Activation {
    Activation::poly(c.iter().map(|&n| Q::int(n)).collect())
}

/// Widths and σ avoiding the pitfall (module docs).
fn architecture(rng: &mut Rng, size: Size) -> (Vec<usize>, Activation) {
    if rng.below(3) == 0 {
        let act = match rng.below(3) {
            0 => poly(&[0, 1, 0, 0, 1]),
            1 => poly(&[0, 1, 1, 0, 1]),
            _ => poly(&[0, 1, 0, 1, 0, 0, 1]),
        };
        (vec![1, 1, 1], act)
    } else {
        let act = match rng.below(3) {
            0 => poly(&[0, 1, 0, 1]),
            1 => poly(&[0, 1, 1, 1]),
            _ => poly(&[0, 1, 0, 0, 1]),
        };
        // m_1 ∈ 2 ..= max_width (M = 9, 13 after the split, at m_1 = 2) in a third of the 2-D
        // cases: the costly ones. `size.max_width` is taken as passed (the harness has applied
        // the theorem's width rule).
        let m1 = if size.max_width >= 2 && rng.below(3) == 0 { 2 + rng.below(size.max_width - 1) } else { 1 };
        // m_0 = max(2, m_1): the pitfall again. The M = m_1(m_0 + 2) + 1 tangent functions are
        // polynomials of degree ≤ deg σ in m_0 variables; with m_0 = 2 there are only 10 cubics,
        // so from m_1 = 3 on J never has full column rank and H_narr is never ≻ 0.
        (vec![m1.max(2), m1, 1], act)
    }
}

/// Distinct inputs of dimension `m0` with integer entries in −3 … 3 (small numbers keep the exact
/// Hessians cheap; a repeated input gives a trivial left-null residual r_i = −r_j with A = 0).
fn inputs(rng: &mut Rng, m0: usize, n: usize) -> Vec<Vec<Q>> {
    let mut out: Vec<Vec<Q>> = Vec::with_capacity(n);
    while out.len() < n {
        let x: Vec<Q> = (0..m0).map(|_| Q::int(rng.range(-3, 3))).collect();
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

fn dataset(params: &Params<Q>, act: &Activation, xs: &[Vec<Q>], r: &[Q], t: &Q) -> Dataset<Q> {
    let exact = act.exact().expect("polynomial σ");
    let ys = xs
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let f = outputs(params, exact, x, i + 1).expect("polynomial σ has no pole");
            vec![f[0].sub(&t.mul(&r[i]))]
        })
        .collect();
    Dataset::new(xs.to_vec(), ys).expect("shapes fit")
}

fn positive_definite(h: &Matrix<Q>) -> Option<Vec<Q>> {
    ldlt_pivots(h).filter(|d| d.iter().all(|x| x.signum() > 0))
}

/// A generated instance (module docs); `Err` names the step that found no suitable case.
///
/// # Errors
/// A reason (for [`Outcome::NotApplicable`](crate::theorem::Outcome::NotApplicable)).
pub fn strict_minimum(rng: &mut Rng, size: Size) -> Result<Instance, crate::theorem::Inapplicable> {
    let (w, act) = architecture(rng, size);
    let exact = act.exact().expect("polynomial σ").clone();
    let mut params = random_params(rng, &w, size.max_height.clamp(1, 2));
    let neuron = rng.below(w[1]);
    if params.layer(2).weight.get(0, neuron).is_zero() {
        // The criterion needs v* ≠ 0 (spec §2.5).
        params.layer_mut(2).weight.set(0, neuron, rng.small_nonzero_q(2, 2));
    }
    let m = params.num_params();
    let n = m + 1 + rng.below(3);
    let xs = inputs(rng, w[0], n);
    let j = output_jacobian(&params, &exact, &xs).expect("no pole");
    let basis = left_null_space(&j);
    if basis.is_empty() {
        return Err("J has full row rank: no nonzero-loss critical point".into());
    }
    let r = basis[rng.below(basis.len())].clone();
    let h0 = hessian_exact(&params, &exact, &dataset(&params, &act, &xs, &r, &Q::zero())).expect("no pole");
    let h1 = hessian_exact(&params, &exact, &dataset(&params, &act, &xs, &r, &Q::one())).expect("no pole");
    let n = h0.rows();
    // H(t) = H(0) + t (H(1) − H(0)), entrywise.
    let at = |t: &Q| {
        let e = h0.data().iter().zip(h1.data()).map(|(a, b)| a.add(&t.mul(&b.sub(a)))).collect();
        Matrix::from_vec(n, n, e)
    };
    let half = Q::new(1, 2);
    let mut t = rng.small_nonzero_q(2, 2);
    let mut found = false;
    for _ in 0..=MAX_HALVINGS {
        if positive_definite(&at(&t)).is_some() {
            found = true;
            break;
        }
        t = t.mul(&half);
    }
    if !found {
        return Err(format!("H_narr not ≻ 0 for any residual scale down to 2^-{MAX_HALVINGS}").into());
    }
    let data = dataset(&params, &act, &xs, &r, &t);
    let cp = CriticalPoint { params, data };
    if !cp.verify(&exact).expect("no pole") {
        return Err("generated point is not exactly critical".into());
    }
    let pivots = positive_definite(&hessian_exact(&cp.params, &exact, &cp.data).expect("no pole"))
        .ok_or("H_narr(θ*) recomputed is not ≻ 0")?;
    let (a, _) = splitting_blocks(&cp.params, &exact, &cp.data, 1, neuron).ok_or("no bias")?;
    if a.data().iter().all(Q::is_zero) {
        return Err("A = 0 (spec §2.6 pitfall): nothing to predict".into());
    }
    Ok(Instance { net: Network { activation: act, params: cp.params }, data: cp.data, neuron, pivots })
}
