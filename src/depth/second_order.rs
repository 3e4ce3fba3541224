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
use crate::linalg::Matrix;
use crate::net::{loss, EvalError, Params};
use crate::scalar::{Dual, Field, Q};

/// x + u ε₁ + v ε₂ for coordinates with seeds u, v ∈ {0, 1}.
fn seeded<S: Field>(x: &[S], j: usize, k: usize) -> Vec<Dual<Dual<S>>> {
    x.iter()
        .enumerate()
        .map(|(i, xi)| {
            let u = if i == j { S::one() } else { S::zero() };
            let v = if i == k { S::one() } else { S::zero() };
            Dual::new(Dual::new(xi.clone(), v), Dual::constant(u))
        })
        .collect()
}

/// ∇²f(x) of a scalar function, entry (j, k) = ∂²f/∂x_j∂x_k from the ε₁ε₂ part of f at
/// x + ε₁e_j + ε₂e_k (symmetric; only j ≤ k is evaluated).
///
/// # Errors
/// The first error of `f`.
pub fn hessian_of<S: Field, E>(
    x: &[S],
    f: impl Fn(&[Dual<Dual<S>>]) -> Result<Dual<Dual<S>>, E>,
) -> Result<Matrix<S>, E> {
    let n = x.len();
    let mut h = Matrix::zeros(n, n);
    for j in 0..n {
        for k in j..n {
            let v = f(&seeded(x, j, k))?.eps.eps;
            h.set(k, j, v.clone());
            h.set(j, k, v);
        }
    }
    Ok(h)
}

/// The Hessians ∇²f_r(x) of every component of a vector function, from one pass per pair j ≤ k
/// (as [`hessian_of`]).
///
/// # Errors
/// The first error of `f`.
pub fn hessians_of<S: Field, E>(
    x: &[S],
    outputs: usize,
    f: impl Fn(&[Dual<Dual<S>>]) -> Result<Vec<Dual<Dual<S>>>, E>,
) -> Result<Vec<Matrix<S>>, E> {
    let n = x.len();
    let mut h = vec![Matrix::zeros(n, n); outputs];
    for j in 0..n {
        for k in j..n {
            for (r, v) in f(&seeded(x, j, k))?.into_iter().enumerate() {
                h[r].set(k, j, v.eps.eps.clone());
                h[r].set(j, k, v.eps.eps);
            }
        }
    }
    Ok(h)
}

/// The Jacobian of a vector function: row r, column k = ∂f_r/∂x_k, from one dual pass per k.
pub fn jacobian_of<S: Field>(x: &[S], f: impl Fn(&[Dual<S>]) -> Vec<Dual<S>>) -> Matrix<S> {
    let n = x.len();
    let mut cols = Vec::with_capacity(n);
    for k in 0..n {
        let v: Vec<Dual<S>> = x
            .iter()
            .enumerate()
            .map(|(i, xi)| Dual::new(xi.clone(), if i == k { S::one() } else { S::zero() }))
            .collect();
        cols.push(f(&v).into_iter().map(|d| d.eps).collect::<Vec<S>>());
    }
    let rows = cols.first().map_or(0, Vec::len);
    Matrix::from_rows((0..rows).map(|r| cols.iter().map(|c| c[r].clone()).collect()).collect(), n)
}

/// H = ∇²R_S(θ), M × M in the contract's parameter order, by [`hessian_of`] through
/// [`crate::net::loss`]. (The `hessian` module of embedcheck computes the same matrix by another
/// route; this one is kept as the depth module's independent path.)
///
/// # Errors
/// [`EvalError`] if the data do not fit or σ has a pole.
pub fn loss_hessian(params: &Params<Q>, act: &ExactActivation, data: &Dataset<Q>) -> Result<Matrix<Q>, EvalError> {
    let shape = params.map(|_| Dual::<Dual<Q>>::zero());
    let data = data.map(|x| Dual::constant(Dual::constant(x.clone())));
    hessian_of(&params.flatten(), |theta| loss(&shape.with_flat(theta), act, &data))
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
