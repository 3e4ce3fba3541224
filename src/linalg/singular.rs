//! Exact inertia of a large *singular* symmetric rational matrix: a null-space certificate that
//! reduces it to a nonsingular principal block. Everything that decides is an exact check over
//! Q; primes and floats only propose.
//!
//! 1. **Independent rows** (mod p = 2⁶¹ − 1, [`super::modular`]): a maximal set I of r rows of
//!    A that are independent mod p, r = rank_p(A), J = the other n − r indices.
//!    *Claim*: for a symmetric A over any field with r = rank(A), r independent rows I give a
//!    nonsingular principal block A\[I,I\]. *Proof*: rows I span the row space, so
//!    A\[J,:\] = B·A\[I,:\] for some B; hence A\[J,I\] = B·A\[I,I\] and, by symmetry,
//!    A\[I,J\] = A\[J,I\]ᵀ = A\[I,I\]·Bᵀ, so A\[I,:\] = A\[I,I\]·\[1 | Bᵀ\] has rank
//!    ≤ rank A\[I,I\]; it has rank r, so A\[I,I\] (r × r) is nonsingular. ∎ Over F_p this makes
//!    the modular solves of step 2 possible; nothing below relies on it over Q.
//! 2. **Null vectors**: X (r × (n−r)) with A\[I,I\]·X = −A\[I,J\], solved mod several word-size
//!    primes ([`super::multimodular`]), combined by the Chinese remainder theorem and lifted to
//!    Q by rational reconstruction. Then the n − r vectors x_j = \[X_j; e_j\] are *checked
//!    exactly*: A·x_j = 0 over Q. If no candidate passes within [`MAX_PRIMES`] primes, give up
//!    (`None`): a failed reconstruction is never taken for an answer.
//! 3. **Congruence**: with P = \[\[1, X\], \[0, 1\]\] (rows and columns ordered I, J; P is
//!    unit upper triangular, hence invertible), the exact identity A·\[X; 1\] = 0 gives
//!    A\[I,I\]X + A\[I,J\] = 0 and A\[J,I\]X + A\[J,J\] = 0, so
//!    PᵀAP = diag(A\[I,I\], S) with S = A\[J,J\] + A\[J,I\]X + Xᵀ(A\[I,I\]X + A\[I,J\]) = 0.
//!    By Sylvester's law of inertia, inertia(A) = inertia(A\[I,I\]) + (0, 0, n − r). This step
//!    uses only the verified identity, not step 1's claim.
//! 4. **The block**: inertia(A\[I,I\]) by the dominance certificate
//!    ([`super::dominance_certificate`]). The certificate also proves A\[I,I\] nonsingular, so
//!    the zero count n − r is exact. If it fails, `None`.

use super::{dominance_certificate, modular, multimodular, Inertia, Matrix};
use crate::scalar::{Field, Q, Z};

/// At most this many primes (about 62 bits each) are combined before the null-vector
/// reconstruction gives up: numerators and denominators up to about 64·62/2 ≈ 1980 bits are
/// reconstructed (W1's Hessian needs about 1400-bit ones, 45 primes).
pub const MAX_PRIMES: usize = 64;

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
pub fn verify_null(a: &Matrix<Q>, independent: &[usize], dependent: &[usize], x: &Matrix<Q>) -> bool {
    (0..dependent.len()).all(|j| {
        (0..a.rows()).all(|k| {
            let row = a.row(k);
            let mut s = row[dependent[j]].clone();
            for (t, &i) in independent.iter().enumerate() {
                let xij = x.get(t, j);
                if !xij.is_zero() && !row[i].is_zero() {
                    s.add_assign(&row[i].mul(xij));
                }
            }
            s.is_zero()
        })
    })
}

/// Steps 1–2 of the module docs: a verified null-space certificate when rank_p(A) < n, or `None`
/// when A has full rank mod p, when p divides a denominator, or when no reconstruction verifies
/// within [`MAX_PRIMES`] primes.
pub fn null_certificate(a: &Matrix<Q>) -> Option<NullCertificate> {
    null_certificate_within(a, MAX_PRIMES)
}

/// [`null_certificate`] with at most `max_primes` primes.
pub fn null_certificate_within(a: &Matrix<Q>, max_primes: usize) -> Option<NullCertificate> {
    let n = a.rows();
    let independent = modular::independent_rows_mod_p(&modular::reduce(a)?);
    if independent.len() == n {
        return None;
    }
    let dependent: Vec<usize> = (0..n).filter(|k| !independent.contains(k)).collect();
    let (r, m) = (independent.len(), dependent.len());
    // Residues of X combined so far (row-major, r × m) and their modulus.
    let mut crt: Vec<Z> = vec![Z::zero(); r * m];
    let mut modulus = Z::one();
    let mut rejected: Option<Vec<Q>> = None;
    for p in multimodular::primes().take(max_primes) {
        // Rows I of A mod p; an unlucky prime (p divides a denominator or det A[I,I]) is skipped.
        let Some(rows) = multimodular::residues(independent.iter().flat_map(|&i| a.row(i)), p) else {
            continue;
        };
        let block: Vec<Vec<u64>> = (0..r).map(|t| independent.iter().map(|&k| rows[t * n + k]).collect()).collect();
        let rhs: Vec<Vec<u64>> =
            (0..r).map(|t| dependent.iter().map(|&k| (p - rows[t * n + k]) % p).collect()).collect();
        let Some(xp) = multimodular::solve_mod(&block, &rhs, p) else {
            continue;
        };
        // Garner's step: x ≡ old (mod M), x ≡ v (mod p) ⇒ x = old + M·((v − old)·M⁻¹ mod p).
        let m_mod = modulus.residue(p);
        let m_inv = multimodular::pow_mod(m_mod, p - 2, p);
        for (c, v) in crt.iter_mut().zip(xp.iter().flatten()) {
            let diff = (v + p - c.residue(p)) % p;
            let t = multimodular::mul_mod(diff, m_inv, p);
            *c = c.clone() + modulus.clone() * Z::from_u64(t);
        }
        modulus = modulus * Z::from_u64(p);
        // Early termination: reconstruct everything only once a probe (the first entry that is
        // not 0 mod M) reconstructs.
        if crt.iter().find(|c| !c.is_zero()).is_some_and(|c| c.rational_reconstruction(&modulus).is_none()) {
            continue;
        }
        let candidate: Option<Vec<Q>> = crt
            .iter()
            .map(|c| c.rational_reconstruction(&modulus).map(|(num, den)| Q::from_ratio(&num, &den)))
            .collect();
        let Some(candidate) = candidate else { continue };
        if rejected.as_ref() == Some(&candidate) {
            continue; // the same wrong candidate: more primes are needed
        }
        let x = Matrix::from_vec(r, m, candidate);
        if verify_null(a, &independent, &dependent, &x) {
            return Some(NullCertificate { independent, dependent, x });
        }
        rejected = Some(x.data().to_vec());
    }
    None
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
    let cert = null_certificate(a)?;
    let block = dominance_certificate(&principal_block(a, &cert.independent))?;
    Some(block.plus(&Inertia::new(0, 0, cert.dependent.len())))
}
