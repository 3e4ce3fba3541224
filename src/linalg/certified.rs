//! Fast exact inertia of a symmetric rational matrix: a float-guided congruence whose result is
//! checked exactly, with exact fallbacks. The answer never depends on a float comparison.
//!
//! 1. **Filter** (mod p, [`super::modular`]): if rank_p(A) < n the matrix may be singular; try
//!    the null-space certificate [`super::singular_certificate`] (exact, reduces A to a
//!    nonsingular principal block), else go to the fraction-free elimination
//!    [`super::inertia_bareiss`].
//! 2. **Guess** a congruence: eigenvectors V of the f64 rounding of A (Jacobi), rounded to the
//!    integer matrix P = round(2⁵² V) (|p_ij| ≤ 2⁵²).
//! 3. **Check exactly** on a rounding of A with a proven error bound: with κ = 2^e chosen so that
//!    |κa_ij| < 2⁶², let Â = round(κA) (integers, |κA − Â| ≤ ½ entrywise), C' = PᵀÂP (exact, in
//!    `i128` limbs) and r_i = Σ_k |p_ki|. Then C = Pᵀ(κA)P = C' + F with |f_ij| ≤ ½ r_i r_j. If
//!    (2|c'_ii| − r_i²) w_i > Σ_{j≠i} (2|c'_ij| + r_i r_j) w_j for every i, with power-of-two
//!    weights w_i, then C is *strictly generalized diagonally dominant* with diagonal signs those
//!    of C', so WCW is strictly diagonally dominant, C(t) = diag(C) + t·offdiag(C) is
//!    nonsingular for all t ∈ \[0, 1\] (Gershgorin) and its eigenvalues cannot cross 0:
//!    inertia(C) = the signs of c'_ii. C nonsingular implies P nonsingular
//!    (det C = det(P)² κⁿ det A), so by Sylvester's law inertia(A) = inertia(C). Every comparison
//!    here is between exact integers; the rounding of A costs no exactness, only the margin
//!    r_i r_j, and makes the two n³ products machine-word arithmetic.
//! 4. If the check fails (an ill-conditioned A), fall back to [`super::inertia_bareiss`].

use super::{
    bareiss::{bareiss_cost, inertia_bareiss},
    inertia,
    jacobi::jacobi_eigen,
    modular, singular_certificate, Inertia, Matrix,
};
use crate::scalar::{Field, Q};

/// Below this size the plain congruence elimination ([`super::inertia()`]) is used directly.
pub const SMALL: usize = 12;

/// How an inertia was obtained (all are exact).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InertiaMethod {
    /// Congruence elimination over Q (small matrices).
    Congruence,
    /// Float-guided congruence checked exactly by generalized diagonal dominance.
    DominanceCertificate,
    /// Fraction-free symmetric elimination on integers.
    Bareiss,
    /// A verified null-space certificate reducing a singular matrix to a principal block, whose
    /// inertia is certified by dominance ([`super::singular_certificate`]).
    SingularCertificate,
}

/// The exact inertia of the symmetric rational matrix `a`, choosing the fastest exact method
/// (module docs), and which method gave it.
///
/// # Panics
/// If `a` is not square and symmetric.
pub fn inertia_certified(a: &Matrix<Q>) -> (Inertia, InertiaMethod) {
    inertia_certified_within(a, f64::INFINITY).expect("no work limit")
}

/// [`inertia_certified`], but when the fast certificates do not apply and the fraction-free
/// elimination's estimated work ([`super::bareiss_cost`]) exceeds `max_cost` limb products,
/// `Err(estimate)` instead of starting it (for commands that must end: exit code 3).
///
/// # Errors
/// The cost estimate, when it is over `max_cost`.
///
/// # Panics
/// If `a` is not square and symmetric.
pub fn inertia_certified_within(a: &Matrix<Q>, max_cost: f64) -> Result<(Inertia, InertiaMethod), f64> {
    assert!(a.is_symmetric(), "inertia of a non-symmetric matrix");
    let n = a.rows();
    if n <= SMALL {
        return Ok((inertia(a), InertiaMethod::Congruence));
    }
    let full_rank = modular::reduce(a).is_some_and(|m| modular::independent_rows_mod_p(&m).len() == n);
    if full_rank {
        if let Some(i) = dominance_certificate(a) {
            return Ok((i, InertiaMethod::DominanceCertificate));
        }
    } else if let Some(i) = singular_certificate(a) {
        return Ok((i, InertiaMethod::SingularCertificate));
    }
    if max_cost.is_finite() {
        let cost = bareiss_cost(a);
        if cost > max_cost {
            return Err(cost);
        }
    }
    Ok((inertia_bareiss(a), InertiaMethod::Bareiss))
}

/// Largest size handled by the `i128` products of step 3 (n·2¹¹⁶ < 2¹²⁷).
const MAX_N: usize = 1024;

/// Steps 2–3 of the module docs: `Some(inertia)` when the exact dominance check passes.
pub fn dominance_certificate(a: &Matrix<Q>) -> Option<Inertia> {
    let n = a.rows();
    if n > MAX_N {
        return None;
    }
    let eig = jacobi_eigen(&a.map(Q::to_f64));
    let scale = (1u64 << 52) as f64;
    // p[k·n + i] = P_ki, |P_ki| ≤ 2⁵² since |V_ki| ≤ 1.
    let p: Vec<i64> = eig.vectors.data().iter().map(|v| (v * scale).round() as i64).collect();
    // κ = 2^e with |κ a_ij| < 2⁶²; Â = round(κA).
    let e = 62 - a.data().iter().filter_map(Q::log2_upper).max()?;
    let ah: Vec<i64> = a.data().iter().map(|x| x.round_scaled(e)).collect::<Option<_>>()?;
    // T = ÂP: |t_kj| ≤ n·2⁶²·2⁵² < 2¹²⁷. Stored by columns of P for contiguous access.
    let pt: Vec<i64> = (0..n * n).map(|x| p[(x % n) * n + x / n]).collect(); // pt[j·n + l] = P_lj
    let t: Vec<i128> = (0..n * n)
        .map(|x| {
            let (k, j) = (x / n, x % n);
            let (row, col) = (&ah[k * n..(k + 1) * n], &pt[j * n..(j + 1) * n]);
            row.iter().zip(col).map(|(&u, &v)| u as i128 * v as i128).sum()
        })
        .collect();
    // C' = PᵀT with t = t₁·2⁶⁴ + t₀ (t₀ < 2⁶⁴): Σ p·t₁ and Σ p·t₀ each stay below n·2¹¹⁶.
    let two64 = Q::int(2).pow(64);
    let mut c: Matrix<Q> = Matrix::zeros(n, n);
    for i in 0..n {
        for j in i..n {
            let (mut hi, mut lo) = (0i128, 0i128);
            for k in 0..n {
                let (pk, tk) = (p[k * n + i] as i128, t[k * n + j]);
                hi += pk * (tk >> 64);
                lo += pk * (tk as u64 as i128);
            }
            let v = Q::from_i128(hi).mul(&two64).add(&Q::from_i128(lo));
            c.set(j, i, v.clone());
            c.set(i, j, v);
        }
    }
    let r: Vec<Q> = (0..n).map(|i| Q::from_i128((0..n).map(|k| p[k * n + i].unsigned_abs() as i128).sum())).collect();
    generalized_dominant(&c, &r).then(|| {
        let positive = (0..n).filter(|&i| c.get(i, i).signum() > 0).count();
        Inertia::new(positive, n - positive, 0)
    })
}

/// Whether (2|c_ii| − r_i²) w_i > Σ_{j≠i} (2|c_ij| + r_i r_j) w_j for every i (module docs,
/// step 3) with w_i = 2^{e_i}, e_i ≈ (max_k bits(c_kk) − bits(c_ii))/2 (w_i ≈ const/√|c_ii|, so
/// the test is invariant under diagonal rescaling of the problem). `c` is an integer matrix.
fn generalized_dominant(c: &Matrix<Q>, r: &[Q]) -> bool {
    let n = c.rows();
    let bits: Vec<u64> = (0..n).map(|i| c.get(i, i).height_bits()).collect();
    let top = bits.iter().copied().max().unwrap_or(0);
    let w: Vec<Q> = bits.iter().map(|&b| Q::int(2).pow(((top - b) / 2) as i32)).collect();
    let two = Q::int(2);
    (0..n).all(|i| {
        let diag = c.get(i, i).abs().mul(&two).sub(&r[i].mul(&r[i]));
        if diag.signum() <= 0 {
            return false;
        }
        let mut rhs = Q::zero();
        for j in (0..n).filter(|&j| j != i) {
            rhs.add_assign(&c.get(i, j).abs().mul(&two).add(&r[i].mul(&r[j])).mul(&w[j]));
        }
        diag.mul(&w[i]) > rhs
    })
}
