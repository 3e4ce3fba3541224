//! Eigenvalues and eigenvectors of a symmetric `f64` matrix by Householder reduction to
//! tridiagonal form followed by the implicit QL algorithm with Wilkinson shifts: the classical
//! `tred2`/`tql2` pair of Wilkinson & Reinsch, *Handbook for Automatic Computation II: Linear
//! Algebra* (1971), contributions II/2 and II/3; Golub & Van Loan, *Matrix Computations*, 4th ed.,
//! §8.3 (Householder tridiagonalisation, Algorithm 8.3.1; the symmetric QR step with Wilkinson
//! shift, Algorithm 8.3.2, here in its QL form, which chases from the bottom of the matrix up).
//!
//! Float only. About 9n³ flops with eigenvectors, all in row-major loops over contiguous memory:
//! the reduction keeps the lower triangle and walks it by rows, and the eigenvectors are
//! accumulated as the *rows* of Vᵀ so that every plane rotation combines two contiguous rows.

use crate::linalg::{Eigen, Matrix};

/// The most implicit QL steps spent on one eigenvalue. With Wilkinson shifts the iteration
/// converges globally on a tridiagonal matrix (Wilkinson, *Global convergence of tridiagonal QR
/// algorithm with origin shifts*, Linear Algebra Appl. 1 (1968)), in practice cubically and in
/// two or three steps per eigenvalue on average (Golub & Van Loan §8.3), so this is reached only
/// on pathological input (NaN).
const MAX_STEPS_PER_EIGENVALUE: usize = 60;

/// The eigen-decomposition A ≈ V diag(λ) Vᵀ of the symmetric matrix `a` (only its lower
/// triangle is read): eigenvalues in the order of the columns of `vectors`, not sorted.
///
/// Backward stable (Golub & Van Loan §8.3, Wilkinson & Reinsch II/2–II/3): the computed
/// eigenpairs are those of an exactly orthogonal V plus O(nε) and of A + E with
/// ‖E‖₂ ≤ c·n·ε·‖A‖₂ for a modest constant c, so (Weyl) each eigenvalue is within ‖E‖₂ of the
/// exact one. Accuracy is absolute, relative to ‖A‖: an eigenvalue much smaller than ‖A‖ is not
/// found to full relative accuracy in general.
///
/// If an eigenvalue has not converged after 60 QL steps (which input free of NaN does not do in
/// practice) the current diagonal entry is taken as it stands and the iteration moves on; the
/// result is then still an orthonormal V, with less accurate values. The function always
/// returns: callers on the exact path use the result only as a *guess* that is then checked
/// exactly ([`crate::linalg::dominance_certificate`]).
///
/// # Panics
/// If `a` is not square.
pub fn symmetric_eigen(a: &Matrix<f64>) -> Eigen {
    assert_eq!(a.rows(), a.cols(), "eigen-decomposition of a non-square matrix");
    let n = a.rows();
    let mut work = a.data().to_vec();
    let (mut diagonal, mut off, mut vt) = householder_tridiagonal(&mut work, n);
    implicit_ql(&mut diagonal, &mut off, &mut vt, n);
    let vectors = Matrix::from_vec(n, n, vt).transpose();
    Eigen { values: diagonal, vectors }
}

/// Householder reduction of the symmetric n×n matrix `a` (row-major, lower triangle read and
/// overwritten) to the tridiagonal T = Qᵀ A Q. Returns the diagonal of T, its subdiagonal
/// (`off[i]` = T\[i+1, i\], `off[n-1]` = 0) and Qᵀ row-major.
///
/// Step i = n−1, …, 2 annihilates A\[i, 0..i−1\] by the reflector P = I − u uᵀ/h acting on the
/// indices 0..i, with u = x − g·e_{i−1} for x = A\[i, 0..i\] and g = −sign(x_{i−1})‖x‖, so that
/// P x = g·e_{i−1} and h = uᵀu/2 = ‖x‖² − x_{i−1}g. On the leading i×i block B, with p = B u/h
/// and q = p − (uᵀp/2h) u, the update is P B P = B − u qᵀ − q uᵀ (Golub & Van Loan §8.3).
/// x is divided by Σ|x_k| first (P does not change), which keeps ‖x‖² from overflowing or
/// underflowing.
fn householder_tridiagonal(a: &mut [f64], n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut off = vec![0.0; n];
    // h of each step (0 when no reflector was needed); u stays in row i of `a`.
    let mut hs = vec![0.0; n];
    let mut p = vec![0.0; n];
    for i in (1..n).rev() {
        let (block, row_i) = a.split_at_mut(i * n);
        let x = &mut row_i[..i];
        let scale: f64 = x.iter().map(|v| v.abs()).sum();
        if i == 1 || scale == 0.0 {
            // Already tridiagonal in this row (a reflector on one index is ±identity).
            off[i - 1] = x[i - 1];
            continue;
        }
        x.iter_mut().for_each(|v| *v /= scale);
        let norm2: f64 = x.iter().map(|v| v * v).sum();
        let f = x[i - 1];
        let g = if f >= 0.0 { -norm2.sqrt() } else { norm2.sqrt() };
        off[i - 1] = scale * g;
        let h = norm2 - f * g;
        x[i - 1] = f - g;
        hs[i] = h;
        let u = &*x;
        // p = B u / h from the lower triangle of B, by rows: row j contributes
        // B[j, 0..=j]·u[0..=j] to p_j and B[j, k]·u_j to p_k for k < j.
        let p = &mut p[..i];
        p.iter_mut().for_each(|v| *v = 0.0);
        for j in 0..i {
            let row = &block[j * n..j * n + j + 1];
            let uj = u[j];
            let mut s = 0.0;
            for ((pk, &b), &uk) in p[..j].iter_mut().zip(&row[..j]).zip(&u[..j]) {
                *pk += b * uj;
                s += b * uk;
            }
            p[j] += s + row[j] * uj;
        }
        p.iter_mut().for_each(|v| *v /= h);
        let k = u.iter().zip(p.iter()).map(|(a, b)| a * b).sum::<f64>() / (2.0 * h);
        // q = p − k u, kept in p.
        p.iter_mut().zip(u).for_each(|(pj, uj)| *pj -= k * uj);
        for j in 0..i {
            let row = &mut block[j * n..j * n + j + 1];
            let (uj, qj) = (u[j], p[j]);
            for ((b, &uk), &qk) in row.iter_mut().zip(&u[..=j]).zip(&p[..=j]) {
                *b -= uj * qk + qj * uk;
            }
        }
    }
    let diagonal = (0..n).map(|i| a[i * n + i]).collect();
    (diagonal, off, accumulate_transposed(a, &hs, n))
}

/// Qᵀ = P_1 P_2 ⋯ P_{n−1} (row-major) from the reflectors left by
/// [`householder_tridiagonal`] (T = P_1 ⋯ P_{n−1} A P_{n−1} ⋯ P_1, so A = Q T Qᵀ with
/// Q = P_{n−1} ⋯ P_1). Built from the left as M ← M P_i for i = 1, 2, …: M = P_1 ⋯ P_{i−1}
/// differs from the identity only in its leading (i−1)×(i−1) block, and M P_i = M − (M u) uᵀ/h
/// touches only the leading i×i block, row by row.
fn accumulate_transposed(a: &[f64], hs: &[f64], n: usize) -> Vec<f64> {
    let mut m = vec![0.0; n * n];
    for i in 0..n {
        m[i * n + i] = 1.0;
    }
    for i in 1..n {
        if hs[i] == 0.0 {
            continue;
        }
        let u = &a[i * n..i * n + i];
        for j in 0..i {
            let row = &mut m[j * n..j * n + i];
            let c = row.iter().zip(u).map(|(a, b)| a * b).sum::<f64>() / hs[i];
            row.iter_mut().zip(u).for_each(|(r, uk)| *r -= c * uk);
        }
    }
    m
}

/// Implicit QL with Wilkinson shifts on the symmetric tridiagonal matrix with diagonal `d` and
/// subdiagonal `e` (`e[i]` couples i and i+1; `e[n−1]` unused), overwriting `d` with its
/// eigenvalues; every plane rotation G applied to T (T ← Gᵀ T G) is also applied to the rows
/// of `vt` (Vᵀ ← Gᵀ Vᵀ).
///
/// For each l, find the first m ≥ l with e\[m\] negligible (|e\[m\]| ≤ ε(|d\[m\]| + |d\[m+1\]|),
/// Golub & Van Loan §8.3); if m = l, d\[l\] is an eigenvalue. Otherwise take the shift σ, the
/// eigenvalue of the leading 2×2 block \[\[d_l, e_l\], \[e_l, d_{l+1}\]\] nearer d_l, and chase
/// the bulge of one QL step on T − σI from row m up to row l by rotations in the planes
/// (i, i+1), i = m−1, …, l. The running sum p of the diagonal changes so far is what the
/// implicit step subtracts from each d\[i+1\] it finishes.
fn implicit_ql(d: &mut [f64], e: &mut [f64], vt: &mut [f64], n: usize) {
    for l in 0..n {
        for _ in 0..MAX_STEPS_PER_EIGENVALUE {
            let m = (l..n)
                .find(|&m| m + 1 == n || e[m].abs() <= f64::EPSILON * (d[m].abs() + d[m + 1].abs()))
                .unwrap_or(n - 1);
            if m == l {
                break;
            }
            ql_step(d, e, vt, n, l, m);
        }
    }
}

/// One implicit QL step with Wilkinson shift on the unreduced block l..=m (see [`implicit_ql`]).
fn ql_step(d: &mut [f64], e: &mut [f64], vt: &mut [f64], n: usize, l: usize, m: usize) {
    // Shift: σ = d_l − e_l / (t + sign(t)·√(t² + 1)), t = (d_{l+1} − d_l)/(2 e_l).
    let t = (d[l + 1] - d[l]) / (2.0 * e[l]);
    let r = t.hypot(1.0);
    let root = if t >= 0.0 { t + r } else { t - r };
    // g = d_m − σ: the first entry the bottom rotation has to annihilate against.
    let mut g = d[m] - d[l] + e[l] / root;
    let (mut s, mut c, mut p) = (1.0, 1.0, 0.0);
    for i in (l..m).rev() {
        let f = s * e[i];
        let b = c * e[i];
        let r = f.hypot(g);
        e[i + 1] = r;
        if r == 0.0 {
            // Underflow: T split at i+1; undo the pending shift there and start again.
            d[i + 1] -= p;
            e[m] = 0.0;
            return;
        }
        s = f / r;
        c = g / r;
        let gi = d[i + 1] - p;
        let r = (d[i] - gi) * s + 2.0 * c * b;
        p = s * r;
        d[i + 1] = gi + p;
        g = c * r - b;
        rotate_rows(vt, n, i, c, s);
    }
    d[l] -= p;
    e[l] = g;
    e[m] = 0.0;
}

/// Rows i and i+1 of the row-major n×n `vt` ← \[\[c, −s\], \[s, c\]\] applied to them.
fn rotate_rows(vt: &mut [f64], n: usize, i: usize, c: f64, s: f64) {
    let (upper, lower) = vt.split_at_mut((i + 1) * n);
    let row_i = &mut upper[i * n..];
    let row_next = &mut lower[..n];
    for (zi, zn) in row_i.iter_mut().zip(row_next.iter_mut()) {
        let (a, b) = (*zi, *zn);
        *zn = s * a + c * b;
        *zi = c * a - s * b;
    }
}
