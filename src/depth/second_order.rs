//! Exact first and second derivatives by nested dual numbers, for the depth identities:
//! the loss Hessian H, the Jacobian DΨ of the merge map and the curvature term Σ_k g_k ∇²Ψ_k.
//!
//! Statement relied on: for f built from field operations, f(x + ε₁u + ε₂v) over
//! `Dual<Dual<Q>>` (ε₁² = ε₂² = 0) has ε₁ε₂ part uᵀ∇²f(x)v, exactly (see [`Dual`]). On a ReLU net
//! this is the Hessian wherever no pre-activation sits at a kink. This path shares nothing with
//! back-propagation, which makes it an independent check of the identities of spec §3.2.

use super::psi;
use crate::activation::ExactActivation;
use crate::data::Dataset;
pub use crate::derivatives::{hessian_of, hessians_of, jacobian_of};
use crate::linalg::Matrix;
use crate::loss::ExactLoss;
use crate::net::{EvalError, Params};
use crate::scalar::{Dual, Ring, Q};

/// H = ∇²R_S(θ) for the loss ℓ, M × M in the contract's parameter order, by forward over forward
/// ([`crate::hessian::hessian_forward`], which shares nothing with back-propagation): the depth
/// module's independent path.
///
/// # Errors
/// [`EvalError`] if the data do not fit or σ has a pole.
pub fn loss_hessian(
    params: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
) -> Result<Matrix<Q>, EvalError> {
    crate::hessian::hessian_forward_with(params, act, ell, data)
}

/// DΨ(θ''): the M × M' Jacobian of [`psi`] (merging hidden layer k with slopes λ, intercepts μ).
pub fn psi_jacobian(deep: &Params<Q>, k: usize, lambda: &[Q], mu: &[Q]) -> Matrix<Q> {
    let shape = deep.map(|_| Dual::<Q>::zero());
    jacobian_of(&deep.flatten(), |theta| psi(&shape.with_flat(theta), k, lambda, mu).flatten())
}

/// Σ_k g_k ∇²Ψ_k(θ'') (M' × M'): the Hessian of θ'' ↦ ⟨g, Ψ(θ'')⟩, the curvature term of the
/// Hessian identity (spec §3.2 item 6).
pub fn psi_curvature(deep: &Params<Q>, k: usize, lambda: &[Q], mu: &[Q], g: &[Q]) -> Matrix<Q> {
    let shape = deep.map(|_| Dual::<Dual<Q>>::zero());
    let g: Vec<Dual<Dual<Q>>> = g.iter().map(|x| Dual::constant(Dual::constant(x.clone()))).collect();
    let r: Result<Matrix<Q>, std::convert::Infallible> = hessian_of(&deep.flatten(), |theta| {
        let flat = psi(&shape.with_flat(theta), k, lambda, mu).flatten();
        Ok(flat.iter().zip(&g).fold(Dual::zero(), |acc, (p, gk)| acc.add(&p.mul(gk))))
    });
    r.unwrap_or_else(|e| match e {})
}

/// AᵀBA for A (r × c) and symmetric B (r × r).
pub fn congruence(a: &Matrix<Q>, b: &Matrix<Q>) -> Matrix<Q> {
    a.transpose().mul(&b.mul(a))
}
