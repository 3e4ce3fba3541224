//! The dominance certificate: the exact inertia of a nonsingular symmetric rational matrix A from
//! a float-guided congruence whose result is checked in exact integer arithmetic. Floats only
//! *propose* congruences; nothing that decides depends on a float comparison.
//!
//! 1. **Balance and round.** D = diag(2^{k_i}) brings the diagonal of DAD near 1 (k_i = 0 on a
//!    zero diagonal entry). With κ = 2^e such that |κ(DAD)_ij| < 2¹²⁴, Â = round(κDAD) is an
//!    integer matrix with |κDAD − Â| ≤ ½ entrywise, stored as Â = Â₁·2⁶² + Â₀ (two `i64`
//!    halves, so the products below are machine-word arithmetic).
//! 2. **Guess.** P = round(2⁵² V) with V the eigenvectors of the f64 rounding of Â
//!    ([`crate::linalg::symmetric_eigen`], Householder + QL); |p_ij| ≤ 2⁵².
//! 3. **Exact product with an error bound.** C' = PᵀÂP is computed exactly (`i128` partial sums,
//!    combined as big integers). With r_i = Σ_k |p_ki|, the matrix C = Pᵀ(κDAD)P satisfies
//!    C = C' + F, |f_ij| ≤ ½ r_i r_j (the rounding error of step 1 carried through P).
//! 4. **Check.** If, for every i, (2|c'_ii| − r_i²) w_i > Σ_{j≠i} (2|c'_ij| + r_i r_j) w_j with
//!    power-of-two weights w_i ≈ 1/√|c'_ii|, then WCW (W = diag(w)) is strictly diagonally
//!    dominant with the diagonal signs of C' (2|c'_ii| > r_i² ≥ 2|f_ii|). So
//!    C(t) = diag(C) + t·offdiag(C) is nonsingular for every t ∈ \[0, 1\] (Gershgorin), no
//!    eigenvalue crosses 0 along t, and inertia(C) = (#{c'_ii > 0}, #{c'_ii < 0}, 0). As
//!    det C = det(P)²κⁿ det(D)² det A ≠ 0, P is invertible, and by Sylvester's law of inertia
//!    inertia(A) = inertia(C).
//! 5. **Refine.** When some rows fail the check (eigenvalues of A below the f64 resolution
//!    ε‖A‖ leave their f64 eigenvectors mixed), the failing rows and the rows that weigh most
//!    in their sums form a block G; the eigenvectors of the f64 rounding of the balanced block
//!    C'\[G,G\] give an integer matrix Q_G (entries round(2⁵²·v)·2^{t_a} ≥ 0 powers of two
//!    balancing it), and C' ← Q̃ᵀC'Q̃ exactly with Q̃ = Q_G on G and the identity elsewhere. The
//!    bound follows along: C = C' + F with |f_ij| ≤ ½ r_i r_j for r_a ← Σ_b |q_ba| r_b on G
//!    (triangle inequality on Q̃ᵀFQ̃). Step 4 is repeated on the new C' and r, at most
//!    [`ROUNDS`] times; the total congruence is P·Q̃₁·Q̃₂⋯, invertible by the same det argument.
//!    Because C' holds A to 124 bits, a refinement resolves eigenvalues far below f64's ε‖A‖
//!    (the W1 benchmark Hessian's smallest are ~10⁻²² of its largest).

use crate::linalg::{symmetric_eigen, Inertia, Matrix};
use crate::scalar::{Q, Z};

/// Largest size handled by the `i128` products ([`congruence`]: for n ≤ 2¹¹ every partial sum
/// is below n·2⁵²·2⁶⁴ ≤ 2¹²⁷ − 2⁶³ in magnitude, inside `i128`).
const MAX_N: usize = 2048;

/// At most this many refinement rounds (module docs, step 5).
pub const ROUNDS: usize = 8;

/// Largest block re-diagonalised in one refinement round.
const MAX_BLOCK: usize = 96;

/// `Some(inertia(A))` when the dominance check (module docs) passes, possibly after refinement;
/// `None` when it does not (for instance, A singular) or when n > 2048. `a` must be symmetric.
pub fn dominance_certificate(a: &Matrix<Q>) -> Option<Inertia> {
    dominance_certificate_rounds(a).map(|(inertia, _)| inertia)
}

/// [`dominance_certificate`] with the number of refinement rounds (step 5) it took.
pub fn dominance_certificate_rounds(a: &Matrix<Q>) -> Option<(Inertia, usize)> {
    let n = a.rows();
    if n > MAX_N {
        return None;
    }
    if n == 0 {
        return Some((Inertia::new(0, 0, 0), 0));
    }
    // Step 1: k_i = −⌊L_i/2⌋ with |a_ii| < 2^{L_i}; then e so that |2^e (DAD)_ij| < 2¹²⁴.
    let k: Vec<i64> = (0..n).map(|i| a.get(i, i).log2_upper().map_or(0, |l| -l.div_euclid(2))).collect();
    let top = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .filter_map(|(i, j)| a.get(i, j).log2_upper().map(|l| l + k[i] + k[j]))
        .max()?;
    let e = 124 - top;
    let mut hi = vec![0i64; n * n];
    let mut lo = vec![0i64; n * n];
    let mut rounded = vec![0f64; n * n];
    for i in 0..n {
        for j in 0..n {
            let x = a.get(i, j).round_scaled_z(e + k[i] + k[j]).to_i128()?;
            let h = (x + (1 << 61)) >> 62; // |x| ≤ 2¹²⁴ ⇒ |h| ≤ 2⁶², |x − h·2⁶²| ≤ 2⁶¹
            hi[i * n + j] = h as i64;
            lo[i * n + j] = (x - (h << 62)) as i64;
            rounded[i * n + j] = x as f64;
        }
    }
    // Step 2.
    let eig = symmetric_eigen(&Matrix::from_vec(n, n, rounded));
    let scale = (1u64 << 52) as f64;
    // pt[j·n + l] = P_lj (columns of P contiguous).
    let mut pt = vec![0i64; n * n];
    for l in 0..n {
        for j in 0..n {
            // Clamped to |p| ≤ 2⁵² (a unit vector's entries can round a few ulps over 1): any
            // P is a valid guess, and the bounds of `congruence` need this one.
            pt[j * n + l] = ((eig.vectors.get(l, j) * scale).round() as i64).clamp(-(1 << 52), 1 << 52);
        }
    }
    // Step 3.
    let c = congruence(&hi, &lo, &pt, n);
    let r: Vec<Z> =
        (0..n).map(|j| Z::from_i128(pt[j * n..(j + 1) * n].iter().map(|p| p.unsigned_abs() as i128).sum())).collect();
    refine(c, r, n)
}

/// C' = PᵀÂP exactly (module docs, step 3), row-major, from Â = Â₁·2⁶² + Â₀ and the columns
/// of P. Bounds for n ≤ 2¹¹ ([`MAX_N`]), with |Â₁| ≤ 2⁶², |Â₀| ≤ 2⁶¹, |p| ≤ 2⁵²:
/// |(ÂₓP)_kj| ≤ n·2⁶²·2⁵² ≤ 2¹²⁵; each of the four partial sums over k below is a sum of n
/// products of p and a high part (|a >> 64| ≤ 2⁶¹) or a low part (0 ≤ a mod 2⁶⁴ < 2⁶⁴), so its
/// magnitude is below n·2⁵²·2⁶⁴ ≤ 2¹²⁷ − 2⁶³ < 2¹²⁷ (the `i128` range).
fn congruence(hi: &[i64], lo: &[i64], pt: &[i64], n: usize) -> Vec<Z> {
    // tt[j·n + k] = (Â P)_kj for each half.
    let product = |half: &[i64]| -> Vec<i128> {
        let mut tt = vec![0i128; n * n];
        for j in 0..n {
            let col = &pt[j * n..(j + 1) * n];
            for k in 0..n {
                let row = &half[k * n..(k + 1) * n];
                tt[j * n + k] = row.iter().zip(col).map(|(&u, &v)| u as i128 * v as i128).sum();
            }
        }
        tt
    };
    let (t1, t0) = (product(hi), product(lo));
    let mut c = vec![Z::zero(); n * n];
    for i in 0..n {
        let pi = &pt[i * n..(i + 1) * n];
        for j in i..n {
            let mut s = [0i128; 4];
            for (k, &p) in pi.iter().enumerate() {
                let (p, a, b) = (p as i128, t1[j * n + k], t0[j * n + k]);
                s[0] += p * (a >> 64);
                s[1] += p * (a as u64 as i128);
                s[2] += p * (b >> 64);
                s[3] += p * (b as u64 as i128);
            }
            let high = Z::from_i128(s[0]).shl(64) + Z::from_i128(s[1]);
            let low = Z::from_i128(s[2]).shl(64) + Z::from_i128(s[3]);
            let v = high.shl(62) + low;
            c[j * n + i] = v.clone();
            c[i * n + j] = v;
        }
    }
    c
}

/// Steps 4–5: check, and refine the failing rows at most [`ROUNDS`] times.
fn refine(mut c: Vec<Z>, mut r: Vec<Z>, n: usize) -> Option<(Inertia, usize)> {
    for round in 0..=ROUNDS {
        let check = Check::new(&c, n);
        let failing: Vec<usize> = (0..n).filter(|&i| !check.row_holds(&c, &r, i)).collect();
        if failing.is_empty() {
            let positive = (0..n).filter(|&i| c[i * n + i].signum() > 0).count();
            return Some((Inertia::new(positive, n - positive, 0), round));
        }
        if round == ROUNDS {
            return None;
        }
        let block = check.coupled_block(&c, &r, &failing)?;
        rotate(&mut c, &mut r, n, &block)?;
    }
    None
}

/// The weights of step 4 for the current C': w_i = 2^{s_i}, s_i = ⌊(max_k bits(c'_kk) −
/// bits(c'_ii))/2⌋, so that w_i² |c'_ii| is about the same for every i.
struct Check {
    n: usize,
    shift: Vec<u64>,
    /// max_k bits(c'_kk): the scale of the float estimates in [`Check::coupled_block`].
    top: u64,
}

impl Check {
    fn new(c: &[Z], n: usize) -> Check {
        let bits: Vec<u64> = (0..n).map(|i| c[i * n + i].bits()).collect();
        let top = bits.iter().copied().max().unwrap_or(0);
        Check { n, shift: bits.iter().map(|&b| (top - b) / 2).collect(), top }
    }

    /// (2|c'_ii| − r_i²) w_i > Σ_{j≠i} (2|c'_ij| + r_i r_j) w_j, exactly.
    fn row_holds(&self, c: &[Z], r: &[Z], i: usize) -> bool {
        let n = self.n;
        let diag = c[i * n + i].abs().shl(1) - &r[i] * &r[i];
        if diag.signum() <= 0 {
            return false;
        }
        let mut rhs = Z::zero();
        for j in (0..n).filter(|&j| j != i) {
            let term = c[i * n + j].abs().shl(1) + &r[i] * &r[j];
            rhs += &term.shl(self.shift[j]);
        }
        diag.shl(self.shift[i]) > rhs
    }

    /// Step 5's block (a heuristic: any block is sound): the failing rows and, for each, the
    /// rows with the largest terms of its sum until the rest is below half its diagonal term.
    /// `None` when the block would exceed [`MAX_BLOCK`] rows.
    fn coupled_block(&self, c: &[Z], r: &[Z], failing: &[usize]) -> Option<Vec<usize>> {
        let n = self.n;
        let mut inside = vec![false; n];
        for &i in failing {
            inside[i] = true;
        }
        for &i in failing {
            let approx = |z: &Z, s: u64| z.to_f64_scaled(s as i64 - self.top as i64);
            let diag = approx(&(c[i * n + i].abs().shl(1)), self.shift[i]);
            let mut terms: Vec<(f64, usize)> = (0..n)
                .filter(|&j| j != i)
                .map(|j| (approx(&(c[i * n + j].abs().shl(1) + &r[i] * &r[j]), self.shift[j]), j))
                .collect();
            terms.sort_by(|a, b| b.0.total_cmp(&a.0));
            let mut rest: f64 = terms.iter().map(|t| t.0).sum();
            for (t, j) in terms {
                if rest < diag / 2.0 {
                    break;
                }
                inside[j] = true;
                rest -= t;
            }
        }
        let block: Vec<usize> = (0..n).filter(|&i| inside[i]).collect();
        (block.len() <= MAX_BLOCK).then_some(block)
    }
}

/// C' ← Q̃ᵀC'Q̃ and r ← |Q̃|ᵀr for the refinement congruence Q̃ on `block` (module docs,
/// step 5). `None` if the block's float rounding is not finite.
fn rotate(c: &mut [Z], r: &mut [Z], n: usize, block: &[usize]) -> Option<()> {
    let g = block.len();
    // Balance: row a scaled by 2^{−h_a}, h_a ≈ half the bits of the row's largest entry.
    let h: Vec<i64> =
        block.iter().map(|&i| block.iter().map(|&j| c[i * n + j].bits()).max().unwrap_or(0) as i64 / 2).collect();
    let mut m = vec![0f64; g * g];
    for (a, &i) in block.iter().enumerate() {
        for (b, &j) in block.iter().enumerate() {
            m[a * g + b] = c[i * n + j].to_f64_scaled(-h[a] - h[b]);
        }
    }
    if m.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let eig = symmetric_eigen(&Matrix::from_vec(g, g, m));
    // The balanced congruence is diag(2^{−h}) V; times 2^{max h} it is an integer matrix.
    let hmax = h.iter().copied().max().unwrap_or(0);
    let scale = (1u64 << 52) as f64;
    let q: Vec<Z> = (0..g * g)
        .map(|x| {
            let (b, a) = (x / g, x % g); // q[b·g + a] = Q_G[b][a]: row b of the block, new column a
            Z::from_i64((eig.vectors.get(b, a) * scale).round() as i64).shl((hmax - h[b]) as u64)
        })
        .collect();
    // Rows G of C' (every column), then columns G of the result.
    let mut rows: Vec<Vec<Z>> = vec![vec![Z::zero(); n]; g];
    for (a, row) in rows.iter_mut().enumerate() {
        for (b, &i) in block.iter().enumerate() {
            let qba = &q[b * g + a];
            if qba.is_zero() {
                continue;
            }
            for (out, v) in row.iter_mut().zip(&c[i * n..(i + 1) * n]) {
                if !v.is_zero() {
                    *out += &(qba * v);
                }
            }
        }
    }
    for (a, row) in rows.iter().enumerate() {
        let i = block[a];
        for j in 0..n {
            c[i * n + j] = row[j].clone();
        }
    }
    // Now columns: c[:, G_a] ← Σ_b c[:, G_b] q_ba for every row (rows G already transformed).
    for k in 0..n {
        let old: Vec<Z> = block.iter().map(|&j| c[k * n + j].clone()).collect();
        for (a, &j) in block.iter().enumerate() {
            let mut s = Z::zero();
            for (b, v) in old.iter().enumerate() {
                if !v.is_zero() {
                    s += &(&q[b * g + a] * v);
                }
            }
            c[k * n + j] = s;
        }
    }
    let old: Vec<Z> = block.iter().map(|&i| r[i].clone()).collect();
    for (a, &i) in block.iter().enumerate() {
        let mut s = Z::zero();
        for (b, v) in old.iter().enumerate() {
            s += &(q[b * g + a].abs() * v);
        }
        r[i] = s;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::Ring;

    #[test]
    fn a_diagonal_matrix_is_certified_with_its_signs() {
        let a = Matrix::from_rows(
            vec![
                vec![Q::int(3), Q::zero(), Q::zero()],
                vec![Q::zero(), Q::int(-2), Q::zero()],
                vec![Q::zero(), Q::zero(), Q::int(7).pow(-1)],
            ],
            3,
        );
        assert_eq!(dominance_certificate(&a), Some(Inertia::new(2, 1, 0)));
    }

    #[test]
    fn a_singular_matrix_is_never_certified() {
        // [[1, 1], [1, 1]] is singular: no congruence can make it strictly dominant.
        let a = Matrix::from_rows(vec![vec![Q::one(), Q::one()], vec![Q::one(), Q::one()]], 2);
        assert_eq!(dominance_certificate(&a), None);
    }
}
