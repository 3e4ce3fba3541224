//! Refinement: damped Newton on F = ∇R_S = 0 for the reduced network, shared by the exact path
//! (gradient and Hessian over Q) and the smooth-σ path (both in f64). The iterates are kept as
//! doubles, so the refined point θ̃ is exact (dyadic rationals) whatever the arithmetic of the
//! steps; nothing here is part of the proof.

use super::gauge::restrict_matrix;
use super::Stage;
use crate::linalg::{symmetric_eigen, Matrix};
use crate::net::{EvalError, Params};
use crate::scalar::{f64_nearest, q_from_f64, Field, Ring, Q};

/// The refined point, the gradient and Hessian there (in the arithmetic of the caller), and the
/// number of accepted steps.
pub(super) struct Refined<G> {
    /// θ̃ (doubles, exact).
    pub theta: Params<Q>,
    /// ∇R_S(θ̃).
    pub g: Vec<G>,
    /// ∇²R_S(θ̃).
    pub h: Matrix<G>,
    /// Accepted Newton steps.
    pub steps: usize,
    /// ‖∇R_S‖_∞ at the start (approximate, for the report).
    pub gradient_before: f64,
}

/// A function of θ that may fail as the network evaluation does (gradient, Hessian).
pub(super) type Evaluator<'a, T> = dyn FnMut(&Params<Q>) -> Result<T, EvalError> + 'a;

/// Y ≈ H⁻¹ from the eigen-decomposition (eigenvalues below 1e-13·max|λ| are treated as
/// singular: `None`).
pub(super) fn approximate_inverse(h: &Matrix<f64>) -> Option<Matrix<f64>> {
    let e = symmetric_eigen(h);
    let n = h.rows();
    let max = e.values.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    if max == 0.0 || e.values.iter().any(|v| v.abs() <= 1e-13 * max) {
        return None;
    }
    let mut y = vec![0.0; n * n];
    for k in 0..n {
        let inv = 1.0 / e.values[k];
        for i in 0..n {
            let vik = e.vectors.get(i, k) * inv;
            for j in 0..n {
                y[i * n + j] += vik * e.vectors.get(j, k);
            }
        }
    }
    Some(Matrix::from_vec(n, n, y))
}

/// How many eigenvalues of `h` are at most 10⁻¹³·max|λ| (all of them when `h` is 0): the
/// numerical kernel dimension that makes [`approximate_inverse`] give up, for the report.
pub(super) fn kernel_estimate<G: Field>(h: &Matrix<G>, to_f64: fn(&G) -> f64) -> usize {
    let e = symmetric_eigen(&to_f64_matrix(h, to_f64));
    let max = e.values.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    e.values.iter().filter(|v| v.abs() <= 1e-13 * max).count()
}

/// [`approximate_inverse`] of a Hessian in any field, its entries rounded to doubles, returned
/// as exact rationals (doubles), ready for Krawczyk's exact decision.
pub(super) fn approximate_inverse_q<G: Field>(h: &Matrix<G>, to_f64: fn(&G) -> f64) -> Option<Matrix<Q>> {
    let y = approximate_inverse(&to_f64_matrix(h, to_f64))?;
    Some(Matrix::from_vec(
        y.rows(),
        y.cols(),
        y.data().iter().map(|v| q_from_f64(*v).unwrap_or_else(Q::zero)).collect(),
    ))
}

/// `h` with every entry mapped by `to_f64`.
fn to_f64_matrix<G: Field>(h: &Matrix<G>, to_f64: fn(&G) -> f64) -> Matrix<f64> {
    Matrix::from_vec(h.rows(), h.cols(), h.data().iter().map(to_f64).collect())
}

/// θ with every entry rounded to the nearest double.
pub(super) fn snap(theta: &Params<Q>) -> Params<Q> {
    theta.map(|v| q_from_f64(f64_nearest(v)).unwrap_or_else(|| v.clone()))
}

/// Damped Newton from `start` (snapped to doubles) on the partial derivatives of the `free`
/// coordinates, the others held fixed (a gauge, `gauge.rs`; all coordinates when none is
/// fixed): the full step first, halved until the merit ‖F_free‖₂² decreases (at most 40
/// halvings), so a far-off quadratic model cannot throw the iterate away; near the solution the
/// full step is taken and convergence is quadratic. Stops after `max_steps`, at an exact zero,
/// or when no step decreases the merit or H_free is singular.
///
/// # Errors
/// What `grad` or `hess` return.
pub(super) fn newton<G: Field>(
    start: &Params<Q>,
    free: &[usize],
    max_steps: usize,
    to_f64: fn(&G) -> f64,
    grad: &mut Evaluator<'_, Vec<G>>,
    hess: &mut Evaluator<'_, Matrix<G>>,
    observe: &mut dyn FnMut(Stage),
) -> Result<Refined<G>, EvalError> {
    let mut theta = snap(start);
    let mut g = grad(&theta)?;
    let mut h = hess(&theta)?;
    let mut steps = 0;
    let merit = |g: &[G]| free.iter().map(|&k| to_f64(&g[k]).powi(2)).sum::<f64>();
    let inf = |g: &[G]| free.iter().map(|&k| to_f64(&g[k]).abs()).fold(0.0, f64::max);
    let gradient_before = inf(&g);
    while steps < max_steps && free.iter().any(|&k| !g[k].is_zero()) {
        let Some(y) = approximate_inverse(&to_f64_matrix(&restrict_matrix(&h, free), to_f64)) else { break };
        let gf: Vec<f64> = free.iter().map(|&k| to_f64(&g[k])).collect();
        let n = gf.len();
        let mut delta = vec![0.0; g.len()];
        for (i, &k) in free.iter().enumerate() {
            delta[k] = (0..n).map(|j| y.get(i, j) * gf[j]).sum();
        }
        let current = merit(&g);
        let base: Vec<f64> = theta.flatten().iter().map(f64_nearest).collect();
        let mut t = 1.0;
        let mut accepted = None;
        for _ in 0..40 {
            // Fixed coordinates have δ = 0, so b − t·0 = b keeps them exactly.
            let flat: Vec<Q> =
                base.iter().zip(&delta).map(|(b, d)| q_from_f64(b - t * d).unwrap_or_else(Q::zero)).collect();
            let candidate = theta.with_flat(&flat);
            let gc = grad(&candidate)?;
            if merit(&gc) < current {
                accepted = Some((candidate, gc));
                break;
            }
            t *= 0.5;
        }
        let Some((next, gn)) = accepted else { break };
        theta = next;
        g = gn;
        h = hess(&theta)?;
        steps += 1;
        observe(Stage::Newton { step: steps, gradient: inf(&g) });
    }
    Ok(Refined { theta, g, h, steps, gradient_before })
}
