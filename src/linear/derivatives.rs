//! Exact gradient and Hessian of the deep linear loss by forward-mode dual numbers.
//!
//! Statement relied on: for a polynomial L, L(θ + e_i ε) = L(θ) + ∂_i L(θ) ε with ε² = 0, and
//! with two nilpotents ε₁, ε₂ the ε₁ε₂ part of L(θ + e_i ε₁ + e_j ε₂) is ∂_i ∂_j L(θ)
//! (see [`crate::scalar::Dual`]). Over an exact field these are exact.

use super::model::{loss, LinearModel, Moments};
use crate::linalg::Matrix;
use crate::net::Params;
use crate::scalar::{Dual, Field};

/// ∇L(θ) in the flat order W_1, …, W_D (row by row), U.
///
/// # Panics
/// If `params` does not fit the model.
pub fn gradient<S: Field>(model: &LinearModel, moments: &Moments, params: &Params<S>) -> Vec<S> {
    let flat = params.flatten();
    let lifted: Params<Dual<S>> = params.map(|x| Dual::constant(x.clone()));
    (0..flat.len())
        .map(|i| {
            let seeded: Vec<Dual<S>> = flat
                .iter()
                .enumerate()
                .map(|(j, x)| if i == j { Dual::variable(x.clone()) } else { Dual::constant(x.clone()) })
                .collect();
            loss(model, moments, &lifted.with_flat(&seeded)).eps
        })
        .collect()
}

/// ∇²L(θ), symmetric, rows and columns in the flat order W_1, …, W_D, U.
///
/// # Panics
/// If `params` does not fit the model.
pub fn hessian<S: Field>(model: &LinearModel, moments: &Moments, params: &Params<S>) -> Matrix<S> {
    let flat = params.flatten();
    let n = flat.len();
    let lifted: Params<Dual<Dual<S>>> = params.map(|x| Dual::constant(Dual::constant(x.clone())));
    let mut h = Matrix::zeros(n, n);
    for i in 0..n {
        for j in i..n {
            let seeded: Vec<Dual<Dual<S>>> = flat
                .iter()
                .enumerate()
                .map(|(t, x)| {
                    let inner = if t == j { Dual::variable(x.clone()) } else { Dual::constant(x.clone()) };
                    let outer = if t == i { Dual::constant(S::one()) } else { Dual::constant(S::zero()) };
                    Dual::new(inner, outer)
                })
                .collect();
            let v = loss(model, moments, &lifted.with_flat(&seeded)).eps.eps;
            h.set(j, i, v.clone());
            h.set(i, j, v);
        }
    }
    h
}
