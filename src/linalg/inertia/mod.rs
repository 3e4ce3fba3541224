//! Inertia (n₊, n₋, n₀) of a symmetric matrix by congruence diagonalisation (Sylvester's law).
//!
//! Method (width-depth spec §1, "Inertia"): pivot on a nonzero diagonal entry and eliminate its
//! row and column symmetrically; if every remaining diagonal entry is zero but some a_ij ≠ 0, add
//! row and column j to row and column i, which makes the new diagonal entry 2a_ij ≠ 0; if the
//! remaining block is zero, the rest of the inertia is zeros. Every step is a congruence
//! A ↦ PᵀAP with P invertible, so the signs of the pivots are the inertia.

mod bareiss;
mod certified;
mod charpoly;
mod dominance;
mod singular;

pub use bareiss::{bareiss_cost, clear_denominators, inertia_bareiss};
pub use certified::{inertia_certified, inertia_certified_within, InertiaMethod, OverBudget};
pub use charpoly::{characteristic_polynomial, descartes_inertia};
pub use dominance::{dominance_certificate, dominance_certificate_rounds};
pub use singular::{
    null_certificate, null_certificate_within, principal_block, singular_certificate, singular_certificate_from_rows,
    verify_null, NullCertificate, MAX_LIFTING_STEPS,
};

use crate::linalg::Matrix;
use crate::scalar::{Exact, Ring};
use std::cmp::Ordering;
use std::fmt;

/// The numbers of positive, negative and zero eigenvalues of a symmetric matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Inertia {
    /// n₊: positive eigenvalues.
    pub positive: usize,
    /// n₋: negative eigenvalues.
    pub negative: usize,
    /// n₀: zero eigenvalues (the corank, or degree of degeneracy).
    pub zero: usize,
}

impl Inertia {
    /// (n₊, n₋, n₀) in the spec's order.
    pub fn new(positive: usize, negative: usize, zero: usize) -> Inertia {
        Inertia { positive, negative, zero }
    }
    /// n₊ + n₋ + n₀.
    pub fn dim(&self) -> usize {
        self.positive + self.negative + self.zero
    }
    /// Componentwise sum.
    pub fn plus(&self, other: &Inertia) -> Inertia {
        Inertia::new(self.positive + other.positive, self.negative + other.negative, self.zero + other.zero)
    }
}

impl fmt::Display for Inertia {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {}, {})", self.positive, self.negative, self.zero)
    }
}

/// The inertia of the symmetric matrix `a`.
///
/// # Panics
/// If `a` is not square and symmetric (an internal invariant: Hessians are symmetric).
pub fn inertia<S: Exact>(a: &Matrix<S>) -> Inertia {
    assert!(a.is_symmetric(), "inertia of a non-symmetric matrix");
    let n = a.rows();
    let mut m = a.clone();
    let mut active: Vec<usize> = (0..n).collect();
    let mut out = Inertia::default();
    while !active.is_empty() {
        let Some(k) = next_pivot(&mut m, &active) else {
            out.zero += active.len();
            break;
        };
        let d = m.get(k, k).clone();
        match d.primal_cmp_zero() {
            Some(Ordering::Greater) => out.positive += 1,
            Some(Ordering::Less) => out.negative += 1,
            _ => unreachable!("pivot is nonzero"),
        }
        let dinv = d.inv().expect("nonzero pivot");
        active.retain(|&t| t != k);
        let col: Vec<(usize, S)> =
            active.iter().map(|&i| (i, m.get(i, k).clone())).filter(|(_, v)| !v.is_zero()).collect();
        for (i, aik) in &col {
            let f = aik.mul(&dinv);
            for (j, ajk) in &col {
                let v = m.get(*i, *j).sub(&f.mul(ajk));
                m.set(*i, *j, v);
            }
        }
    }
    out
}

/// The next pivot among the `active` indices of the symmetric matrix `m`: one with a nonzero
/// diagonal entry; if every active diagonal entry is zero but some a_ij (i ≠ j) is not, row and
/// column j are added to row and column i (a congruence), which makes the new a_ii = 2a_ij ≠ 0
/// the pivot. `None` when the active block is zero. Over any [`Ring`] in which 2a ≠ 0 for a ≠ 0
/// (Q for [`inertia`], Z for the fraction-free [`inertia_bareiss`]).
pub(super) fn next_pivot<S: Ring>(m: &mut Matrix<S>, active: &[usize]) -> Option<usize> {
    if let Some(k) = active.iter().copied().find(|&k| !m.get(k, k).is_zero()) {
        return Some(k);
    }
    let (i, j) = active
        .iter()
        .flat_map(|&i| active.iter().map(move |&j| (i, j)))
        .find(|&(i, j)| i != j && !m.get(i, j).is_zero())?;
    for &t in active {
        let v = m.get(i, t).add(m.get(j, t));
        m.set(i, t, v);
    }
    for &t in active {
        let v = m.get(t, i).add(m.get(t, j));
        m.set(t, i, v);
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::Q;

    fn m(rows: &[&[i64]]) -> Matrix<Q> {
        Matrix::from_int_rows(rows)
    }

    #[test]
    fn inertia_of_a_hyperbolic_plane_needs_the_zero_diagonal_step() {
        // [[0,1],[1,0]] has eigenvalues ±1.
        assert_eq!(inertia(&m(&[&[0, 1], &[1, 0]])), Inertia::new(1, 1, 0));
    }

    #[test]
    fn inertia_of_pt_d_p_is_the_sign_count_of_d() {
        // Sylvester: PᵀDP has the inertia of D for invertible P.
        let p = m(&[&[1, 2, 0, 1], &[0, 1, 3, 0], &[2, 0, 1, 1], &[0, 0, 1, 1]]);
        assert!(!crate::linalg::determinant(&p).is_zero());
        let d = m(&[&[3, 0, 0, 0], &[0, -2, 0, 0], &[0, 0, 0, 0], &[0, 0, 0, 5]]);
        let a = p.transpose().mul(&d).mul(&p);
        assert_eq!(inertia(&a), Inertia::new(2, 1, 1));
    }

    #[test]
    fn inertia_of_zero_and_singular_blocks() {
        assert_eq!(inertia(&m(&[&[0, 0], &[0, 0]])), Inertia::new(0, 0, 2));
        assert_eq!(inertia(&m(&[&[1, 1], &[1, 1]])), Inertia::new(1, 0, 1));
        assert_eq!(inertia(&m(&[&[0, 0, 1], &[0, 0, 0], &[1, 0, 0]])), Inertia::new(1, 1, 1));
    }
}
