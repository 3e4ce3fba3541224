//! Fast exact inertia of a symmetric rational matrix: a float-guided congruence whose result is
//! checked exactly, with exact fallbacks. The answer never depends on a float comparison.
//!
//! 1. **Filter** (mod p, [`super::modular`]): if rank_p(A) < n the matrix may be singular; go to
//!    the fraction-free elimination [`super::inertia_bareiss`].
//! 2. **Guess** a congruence: eigenvectors V of the f64 rounding of A (Jacobi), rounded to the
//!    integer matrix P = round(2⁵² V).
//! 3. **Check exactly**: with L the lcm of A's denominators, C = Pᵀ(LA)P is an integer matrix
//!    congruent to A up to the positive factor L. If C is *strictly generalized diagonally
//!    dominant* with power-of-two weights w_i (|c_ii| w_i > Σ_{j≠i} |c_ij| w_j for every i), then
//!    WCW is strictly diagonally dominant, so C(t) = diag(C) + t·offdiag(C) is nonsingular for all
//!    t ∈ \[0, 1\] (Gershgorin) and its eigenvalues cannot cross 0: inertia(C) = the signs of
//!    c_ii. C nonsingular implies P nonsingular (det C = det(P)² Lⁿ det A), so by Sylvester's law
//!    inertia(A) = inertia(C). Every comparison here is between exact integers.
//! 4. If the check fails (an ill-conditioned A), fall back to [`super::inertia_bareiss`].

use super::{bareiss::inertia_bareiss, inertia, jacobi::jacobi_eigen, modular, Inertia, Matrix};
use crate::scalar::{Field, Q};

/// Below this size the plain congruence elimination ([`super::inertia`]) is used directly.
pub const SMALL: usize = 12;

/// How an inertia was obtained (all three are exact).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InertiaMethod {
    /// Congruence elimination over Q (small matrices).
    Congruence,
    /// Float-guided congruence checked exactly by generalized diagonal dominance.
    DominanceCertificate,
    /// Fraction-free symmetric elimination on integers.
    Bareiss,
}

/// The exact inertia of the symmetric rational matrix `a`, choosing the fastest exact method
/// (module docs), and which method gave it.
///
/// # Panics
/// If `a` is not square and symmetric.
pub fn inertia_certified(a: &Matrix<Q>) -> (Inertia, InertiaMethod) {
    assert!(a.is_symmetric(), "inertia of a non-symmetric matrix");
    let n = a.rows();
    if n <= SMALL {
        return (inertia(a), InertiaMethod::Congruence);
    }
    let full_rank = modular::reduce(a).is_some_and(|m| modular::independent_rows_mod_p(&m).len() == n);
    if full_rank {
        if let Some(i) = dominance_certificate(a) {
            return (i, InertiaMethod::DominanceCertificate);
        }
    }
    (inertia_bareiss(a), InertiaMethod::Bareiss)
}

/// Steps 2–3 of the module docs: `Some(inertia)` when the exact dominance check passes.
pub fn dominance_certificate(a: &Matrix<Q>) -> Option<Inertia> {
    let n = a.rows();
    let eig = jacobi_eigen(&a.map(Q::to_f64));
    let scale = (1u64 << 52) as f64;
    let p: Matrix<Q> = eig.vectors.map(|v| Q::int((v * scale).round() as i64));
    let l = Q::lcm_denominators(a.data());
    let al: Matrix<Q> = a.map(|x| if x.is_zero() { Q::zero() } else { x.scale_to_integer(&l) });
    let pt = p.transpose();
    // T = (LA) P, stored by columns: t_cols[j] = (LA) p_j.
    let t_cols: Vec<Vec<Q>> = (0..n).map(|j| (0..n).map(|i| Q::int_dot(al.row(i), pt.row(j))).collect()).collect();
    let mut c: Matrix<Q> = Matrix::zeros(n, n);
    for i in 0..n {
        for (j, tj) in t_cols.iter().enumerate().skip(i) {
            let v = Q::int_dot(pt.row(i), tj);
            c.set(j, i, v.clone());
            c.set(i, j, v);
        }
    }
    if (0..n).any(|i| c.get(i, i).is_zero()) {
        return None;
    }
    generalized_dominant(&c).then(|| {
        let positive = (0..n).filter(|&i| c.get(i, i).signum() > 0).count();
        Inertia::new(positive, n - positive, 0)
    })
}

/// Whether the integer symmetric matrix `c` (nonzero diagonal) satisfies
/// |c_ii| w_i > Σ_{j≠i} |c_ij| w_j with w_i = 2^{e_i}, e_i ≈ (max_k bits(c_kk) − bits(c_ii))/2
/// (w_i ≈ const/√|c_ii|, so the test is invariant under diagonal rescaling of the problem).
fn generalized_dominant(c: &Matrix<Q>) -> bool {
    let n = c.rows();
    let bits: Vec<u64> = (0..n).map(|i| c.get(i, i).height_bits()).collect();
    let top = bits.iter().copied().max().unwrap_or(0);
    let w: Vec<Q> = bits.iter().map(|&b| Q::int(2).pow(((top - b) / 2) as i32)).collect();
    (0..n).all(|i| {
        let lhs = c.get(i, i).abs().int_mul(&w[i]);
        let mut rhs = Q::zero();
        for j in (0..n).filter(|&j| j != i) {
            let cij = c.get(i, j);
            if !cij.is_zero() {
                rhs = rhs.int_add(&cij.abs().int_mul(&w[j]));
            }
        }
        lhs > rhs
    })
}
