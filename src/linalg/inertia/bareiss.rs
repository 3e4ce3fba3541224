//! Inertia of a symmetric rational matrix by *fraction-free* symmetric elimination (Bareiss).
//!
//! Two congruences reduce the work to integers without changing the inertia (Sylvester's law):
//! 1. **Clearing denominators**: A ↦ DAD with D = diag(d_i), d_i = lcm of the denominators in
//!    row i (positive), so every entry a_ij d_i d_j is an integer.
//! 2. **Symmetric Bareiss elimination** (Bareiss 1968, applied to principal pivots): after pivots
//!    k₁ … k_t every active entry is the integer minor det A\[{k₁…k_t, i}, {k₁…k_t, j}\], updated as
//!    a_ij ← (a_kk a_ij − a_ik a_kj) / Δ_prev with an exact division (Sylvester's identity). The
//!    LDLᵀ pivot of step t is Δ_t / Δ_{t−1}, so its sign is sign(Δ_t)·sign(Δ_{t−1}).
//!    When every active diagonal entry is 0 but a_ij ≠ 0, row/column j is added to row/column i
//!    (the congruence of width-depth spec §1): the active entries are minors that are linear in
//!    row i and column i of the original matrix, so the update commutes with elimination and the
//!    new diagonal entry is 2a_ij. A zero active block means a zero Schur complement: the rest of
//!    the inertia is zeros.
//!
//! No gcd is ever taken: the elimination runs on `Matrix<Z>`, with integer products and one
//! exact division per update ([`Z::bareiss_step`]).

use crate::linalg::inertia::next_pivot;
use crate::linalg::{Inertia, Matrix};
use crate::scalar::{Ring, Q, Z};

/// DAD with d_i = lcm of the denominators of row i (positive): an integer matrix, congruent to
/// `a` when `a` is square (so with the same inertia, by Sylvester's law).
///
/// # Panics
/// If `a` has more columns than rows (D is indexed by rows).
pub fn clear_denominators(a: &Matrix<Q>) -> Matrix<Z> {
    let n = a.rows();
    let d: Vec<Z> = (0..n).map(|i| Q::lcm_denominators(a.row(i)).numer_z()).collect();
    let mut out = Matrix::zeros(n, a.cols());
    for i in 0..n {
        for j in 0..a.cols() {
            let x = a.get(i, j);
            if !x.is_zero() {
                out.set(i, j, x.scale_to_z(&d[i]) * &d[j]);
            }
        }
    }
    out
}

/// An estimate of the work of [`inertia_bareiss`] on `a`, in 64-bit limb products: after t
/// pivots the active entries are t × t minors of the integer matrix DAD, of at most
/// t·(b + log₂ n) bits by Hadamard's inequality (b the largest entry's bit length), and step t
/// updates (n − t)² of them with two schoolbook products, so the estimate is
/// Σ_t 2 (n − t)² ⌈t (b + log₂ n) / 64⌉². An upper-bound style estimate, used only to refuse
/// hopeless eliminations up front; it never decides an inertia.
pub fn bareiss_cost(a: &Matrix<Q>) -> f64 {
    let n = a.rows();
    // The height of an integer as a rational (numerator bits plus 1 for the denominator 1).
    let b = clear_denominators(a).data().iter().map(|z| z.bits() + 1).max().unwrap_or(0) as f64;
    let per = b + (n.max(2) as f64).log2();
    (1..=n).map(|t| 2.0 * ((n - t) as f64).powi(2) * (t as f64 * per / 64.0).ceil().powi(2)).sum()
}

/// The inertia of the symmetric rational matrix `a` by fraction-free symmetric elimination on
/// the integer matrix [`clear_denominators`]`(a)` (module docs).
///
/// # Panics
/// If `a` is not square and symmetric.
pub fn inertia_bareiss(a: &Matrix<Q>) -> Inertia {
    assert!(a.is_symmetric(), "inertia of a non-symmetric matrix");
    let mut m = clear_denominators(a);
    let n = m.rows();
    let mut active: Vec<usize> = (0..n).collect();
    let mut prev = Z::one();
    let mut out = Inertia::default();
    while !active.is_empty() {
        let Some(k) = next_pivot(&mut m, &active) else {
            out.zero += active.len();
            break;
        };
        let pivot = m.get(k, k).clone();
        if pivot.signum() * prev.signum() > 0 {
            out.positive += 1;
        } else {
            out.negative += 1;
        }
        active.retain(|&t| t != k);
        for (x, &i) in active.iter().enumerate() {
            let aik = m.get(i, k).clone();
            for &j in &active[x..] {
                let (ajk, aij) = (m.get(j, k), m.get(i, j));
                let v = if aij.is_zero() && (aik.is_zero() || ajk.is_zero()) {
                    Z::zero()
                } else {
                    Z::bareiss_step(&pivot, aij, &aik, ajk, &prev)
                };
                m.set(j, i, v.clone());
                m.set(i, j, v);
            }
        }
        prev = pivot;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::inertia;

    #[test]
    fn clearing_denominators_scales_row_and_column_by_their_lcms() {
        // Row lcms d = (lcm(2, 3), lcm(3, 4)) = (6, 12): entries a_ij·d_i·d_j are
        // 1/2·36 = 18, 1/3·72 = 24 and 3/4·144 = 108.
        let a = Matrix::from_rows(vec![vec![Q::new(1, 2), Q::new(1, 3)], vec![Q::new(1, 3), Q::new(3, 4)]], 2);
        let z =
            Matrix::from_rows(vec![vec![Z::from_i64(18), Z::from_i64(24)], vec![Z::from_i64(24), Z::from_i64(108)]], 2);
        assert_eq!(clear_denominators(&a), z);
        let neg = Matrix::from_rows(vec![vec![Q::new(-5, 7), Q::zero()], vec![Q::zero(), Q::int(3)]], 2);
        assert_eq!(clear_denominators(&neg).get(0, 0), &Z::from_i64(-35));
    }

    #[test]
    fn fraction_free_inertia_agrees_with_congruence_on_rational_matrices() {
        // [[1/2, 1/3], [1/3, 3/4]]: det = 3/8 − 1/9 > 0 and trace > 0, so (2, 0, 0); the hyperbolic
        // plane needs the zero-diagonal step; [[1, 2], [2, 4]] is singular with trace 5.
        let cases = [
            (
                Matrix::from_rows(vec![vec![Q::new(1, 2), Q::new(1, 3)], vec![Q::new(1, 3), Q::new(3, 4)]], 2),
                Inertia::new(2, 0, 0),
            ),
            (Matrix::from_int_rows(&[&[0, 1], &[1, 0]]), Inertia::new(1, 1, 0)),
            (Matrix::from_int_rows(&[&[1, 2], &[2, 4]]), Inertia::new(1, 0, 1)),
            (Matrix::from_int_rows(&[&[0, 0, 1], &[0, 0, 0], &[1, 0, 0]]), Inertia::new(1, 1, 1)),
        ];
        for (a, want) in cases {
            assert_eq!(inertia_bareiss(&a), want, "{a:?}");
            assert_eq!(inertia(&a), want, "{a:?}");
        }
    }
}
