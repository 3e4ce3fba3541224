//! Exact inertia of a large *singular* symmetric rational matrix: a null-space certificate that
//! reduces it to a nonsingular principal block. Everything that decides is an exact check over
//! Q; primes and floats only propose.
//!
//! 1. **Independent rows** (mod p = 2⁶¹ − 1, [`crate::linalg::modular`]): a maximal set I of r rows of
//!    A that are independent mod p, r = rank_p(A), J = the other n − r indices.
//!    *Claim*: for a symmetric A over any field with r = rank(A), r independent rows I give a
//!    nonsingular principal block A\[I,I\]. *Proof*: rows I span the row space, so
//!    A\[J,:\] = B·A\[I,:\] for some B; hence A\[J,I\] = B·A\[I,I\] and, by symmetry,
//!    A\[I,J\] = A\[J,I\]ᵀ = A\[I,I\]·Bᵀ, so A\[I,:\] = A\[I,I\]·\[1 | Bᵀ\] has rank
//!    ≤ rank A\[I,I\]; it has rank r, so A\[I,I\] (r × r) is nonsingular. ∎ Over F_p this
//!    makes A\[I,I\] nonsingular mod p, hence over Q (a minor nonzero mod p is nonzero), so the
//!    system of step 2 has one solution and its lifting prime fails only if it divides det Â
//!    (then the next prime is tried). Nothing below relies on it for correctness.
//! 2. **Null vectors**: X (r × (n−r)) with A\[I,I\]·X = −A\[I,J\]. Each row t of this system
//!    is multiplied by d_t, the lcm of the denominators in row I_t of A, which leaves X unchanged
//!    and gives an integer system Â·X = B̂ (Â = D·A\[I,I\], B̂ = −D·A\[I,J\]). It is solved by
//!    Dixon's p-adic lifting ([`crate::linalg::dixon`]): one LU factorisation of Â mod a prime p ≈ 2⁶²,
//!    then steps that keep Â·X_K ≡ B̂ (mod p^K), each followed by a rational reconstruction of
//!    X_K mod p^K. A reconstructed candidate is only a proposal: the n − r vectors
//!    x_j = \[X_j; e_j\] are *checked exactly*, A·x_j = 0 over Q (all n rows, not only I), and
//!    the first candidate that passes is taken. If none passes within [`MAX_LIFTING_STEPS`]
//!    steps, give up (`None`): a failed reconstruction is never taken for an answer.
//! 3. **Congruence**: with P = \[\[1, X\], \[0, 1\]\] (rows and columns ordered I, J; P is
//!    unit upper triangular, hence invertible), the exact identity A·\[X; 1\] = 0 gives
//!    A\[I,I\]X + A\[I,J\] = 0 and A\[J,I\]X + A\[J,J\] = 0, so
//!    PᵀAP = diag(A\[I,I\], S) with S = A\[J,J\] + A\[J,I\]X + Xᵀ(A\[I,I\]X + A\[I,J\]) = 0.
//!    By Sylvester's law of inertia, inertia(A) = inertia(A\[I,I\]) + (0, 0, n − r). This step
//!    uses only the verified identity, not step 1's claim.
//! 4. **The block**: inertia(A\[I,I\]) by the dominance certificate
//!    ([`crate::linalg::dominance_certificate`]). The certificate also proves A\[I,I\] nonsingular, so
//!    the zero count n − r is exact. If it fails, `None`.

use crate::linalg::{dixon, dominance_certificate, modular, Inertia, Matrix};
use crate::scalar::{Q, Z};

/// At most this many lifting steps modulo p ≈ 2⁶² (module docs, step 2) before the null-vector
/// reconstruction gives up: the modulus p^K reaches about 2^(64·62), so numerators and
/// denominators up to about 64·62/2 ≈ 1980 bits are reconstructed (W1's Hessian has null
/// vectors with ~675-bit numerators and denominators: 23 steps). The same reach as the 64
/// word-size primes of the multimodular solve that the lifting replaced.
pub const MAX_LIFTING_STEPS: usize = 64;

/// A verified null-space certificate of a symmetric matrix (module docs, steps 1–3).
#[derive(Clone, Debug)]
pub struct NullCertificate {
    /// The indices I (increasing): A\[I,I\] is the reduced block.
    pub independent: Vec<usize>,
    /// The other indices J (increasing).
    pub dependent: Vec<usize>,
    /// X (|I| × |J|) with A·\[X; 1\] = 0 exactly (rows of X indexed like `independent`).
    pub x: Matrix<Q>,
}

/// Whether A·x_j = 0 exactly over Q for every column j of the candidate X (module docs,
/// step 2), where x_j has the entries of X's column j at the indices `independent`, 1 at
/// `dependent[j]` and 0 elsewhere.
///
/// Checked over Z: with D = diag(d_k), d_k > 0 the lcm of the denominators of row k of A, and
/// δ_j > 0 the lcm of the denominators of X's column j, A·x_j = 0 if and only if
/// (DA)·(δ_j x_j) = 0, a product of integer vectors (no gcd per operation).
pub fn verify_null(a: &Matrix<Q>, independent: &[usize], dependent: &[usize], x: &Matrix<Q>) -> bool {
    verify_null_integer(&integer_rows(a), independent, dependent, x.data())
}

/// The rows of DA (module docs, step 2): row k of A times d_k, the lcm of its denominators.
fn integer_rows(a: &Matrix<Q>) -> Vec<Vec<Z>> {
    (0..a.rows())
        .map(|k| {
            let row = a.row(k);
            let d = Q::lcm_denominators(row);
            row.iter().map(|v| v.scale_to_integer(&d).numer_z()).collect()
        })
        .collect()
}

/// [`verify_null`] on the integer rows `da` of DA, with X row-major (|I| × |J|).
fn verify_null_integer(da: &[Vec<Z>], independent: &[usize], dependent: &[usize], x: &[Q]) -> bool {
    let m = dependent.len();
    (0..m).all(|j| {
        let column: Vec<&Q> = x.iter().skip(j).step_by(m).collect();
        let delta = Q::lcm_denominators(column.iter().copied());
        let scaled: Vec<Z> = column.iter().map(|v| v.scale_to_integer(&delta).numer_z()).collect();
        let delta = delta.numer_z();
        da.iter().all(|row| {
            let mut s = &row[dependent[j]] * &delta;
            for (nt, &i) in scaled.iter().zip(independent) {
                if !nt.is_zero() && !row[i].is_zero() {
                    s += &(&row[i] * nt);
                }
            }
            s.is_zero()
        })
    })
}

/// Steps 1–2 of the module docs: a verified null-space certificate when rank_p(A) < n, or `None`
/// when A has full rank mod p, when p divides a denominator, or when no reconstruction verifies
/// within [`MAX_LIFTING_STEPS`] lifting steps.
pub fn null_certificate(a: &Matrix<Q>) -> Option<NullCertificate> {
    null_certificate_within(a, MAX_LIFTING_STEPS)
}

/// [`null_certificate`] with at most `max_steps` lifting steps.
pub fn null_certificate_within(a: &Matrix<Q>, max_steps: usize) -> Option<NullCertificate> {
    null_certificate_from_rows(a, modular::independent_rows_mod_p(&modular::reduce(a)?), max_steps)
}

/// Step 2 of the module docs, given step 1's rows I (independent mod p): `None` when |I| = n or
/// when no reconstruction verifies within `max_steps` lifting steps.
fn null_certificate_from_rows(a: &Matrix<Q>, independent: Vec<usize>, max_steps: usize) -> Option<NullCertificate> {
    let n = a.rows();
    if independent.len() == n {
        return None;
    }
    let dependent: Vec<usize> = (0..n).filter(|k| !independent.contains(k)).collect();
    let (r, m) = (independent.len(), dependent.len());
    // Â = D·A[I,I] and B̂ = −D·A[I,J], from the integer rows DA that the exact check uses too.
    let da = integer_rows(a);
    let block = |cols: &[usize], sign: bool| -> Vec<Z> {
        let entry = |i: usize, k: usize| if sign { -da[i][k].clone() } else { da[i][k].clone() };
        independent.iter().flat_map(|&i| cols.iter().map(move |&k| entry(i, k))).collect()
    };
    let (a_hat, b_hat) = (block(&independent, false), block(&dependent, true));
    let x = dixon::solve_rational(&a_hat, &b_hat, r, m, max_steps, |candidate| {
        verify_null_integer(&da, &independent, &dependent, candidate)
    })?;
    Some(NullCertificate { independent, dependent, x: Matrix::from_vec(r, m, x) })
}

/// The principal block A\[I,I\].
pub fn principal_block(a: &Matrix<Q>, indices: &[usize]) -> Matrix<Q> {
    let r = indices.len();
    Matrix::from_vec(r, r, indices.iter().flat_map(|&i| indices.iter().map(move |&k| a.get(i, k).clone())).collect())
}

/// The exact inertia of the symmetric matrix `a` by the singular certificate (module docs):
/// `Some` only when a null-space certificate verifies and the reduced block's inertia is
/// certified; `None` otherwise (including when `a` has full rank mod p).
pub fn singular_certificate(a: &Matrix<Q>) -> Option<Inertia> {
    singular_certificate_from_rows(a, modular::independent_rows_mod_p(&modular::reduce(a)?))
}

/// [`singular_certificate`] given step 1's rows I, independent mod p (for a caller that has
/// already computed them to decide that A is singular mod p).
pub fn singular_certificate_from_rows(a: &Matrix<Q>, independent: Vec<usize>) -> Option<Inertia> {
    let cert = null_certificate_from_rows(a, independent, MAX_LIFTING_STEPS)?;
    let block = dominance_certificate(&principal_block(a, &cert.independent))?;
    Some(block.plus(&Inertia::new(0, 0, cert.dependent.len())))
}
