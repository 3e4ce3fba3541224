//! Exact gradient and Hessian of the deep linear loss by forward-mode dual numbers.
//!
//! Statement relied on: for a polynomial L, L(θ + e_i ε) = L(θ) + ∂_i L(θ) ε with ε² = 0, and
//! with two nilpotents ε₁, ε₂ the ε₁ε₂ part of L(θ + e_i ε₁ + e_j ε₂) is ∂_i ∂_j L(θ)
//! (see [`crate::scalar::Dual`]). Over an exact field these are exact.

use super::model::{loss, LinearModel, Moments};
use crate::derivatives::{hessian_of, jacobian_of};
use crate::linalg::Matrix;
use crate::net::Params;
use crate::scalar::{Dual, Field, Ring};

/// ∇L(θ) in the flat order W_1, …, W_D (row by row), U.
///
/// # Panics
/// If `params` does not fit the model.
pub fn gradient<S: Field>(model: &LinearModel, moments: &Moments, params: &Params<S>) -> Vec<S> {
    let shape = params.map(|_| Dual::<S>::zero());
    jacobian_of(&params.flatten(), |theta| vec![loss(model, moments, &shape.with_flat(theta))]).row(0).to_vec()
}

/// ∇²L(θ), symmetric, rows and columns in the flat order W_1, …, W_D, U.
///
/// # Panics
/// If `params` does not fit the model.
pub fn hessian<S: Field>(model: &LinearModel, moments: &Moments, params: &Params<S>) -> Matrix<S> {
    let shape = params.map(|_| Dual::<Dual<S>>::zero());
    let r: Result<Matrix<S>, std::convert::Infallible> =
        hessian_of(&params.flatten(), |theta| Ok(loss(model, moments, &shape.with_flat(theta))));
    r.unwrap_or_else(|e| match e {})
}
