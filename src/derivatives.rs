//! Exact derivatives of functions of a flat vector by nested dual numbers: Jacobians, Hessians of
//! scalar functions and of every component of a vector function.
//!
//! Statement relied on: for f built from field operations, f(x + ε₁u + ε₂v) over
//! `Dual<Dual<S>>` (ε₁² = ε₂² = 0) has ε₁ε₂ part uᵀ∇²f(x)v, and f(x + εu) over `Dual<S>` has ε
//! part ∇f(x)·u, exactly over an exact field (see [`Dual`]). These are the simple, independent
//! paths the depth identities and the deep linear model are checked with.

use crate::linalg::Matrix;
use crate::scalar::{Dual, Field};

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
