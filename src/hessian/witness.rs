//! Finding the witnesses that certificates carry: a rational direction of negative curvature, an
//! exact null-space basis. Finding may use floats (to *choose* a direction); what is returned
//! is checked exactly.

use crate::linalg::{dot, jacobi_eigen, null_space, Matrix};
use crate::scalar::{Ring, Q};

/// A rational u with uᵀHu < 0 and the exact value uᵀHu, or `None` if none was found (in which
/// case H may still have a negative eigenvalue: use the inertia to decide). Tries basis vectors
/// e_i, then e_i ± e_j, then f64 eigenvectors of negative eigenvalues rounded to denominators
/// 2^k, keeping the first whose *exact* quadratic form is negative.
pub fn negative_direction(h: &Matrix<Q>) -> Option<(Vec<Q>, Q)> {
    let n = h.rows();
    let quad = |u: &[Q]| dot(u, &h.mul_vec(u));
    if let Some(i) = (0..n).find(|&i| h.get(i, i).signum() < 0) {
        let mut u = vec![Q::zero(); n];
        u[i] = Q::one();
        return Some((u, h.get(i, i).clone()));
    }
    for i in 0..n {
        for j in i + 1..n {
            for s in [1, -1] {
                // (e_i + s e_j)ᵀH(e_i + s e_j) = h_ii + h_jj + 2 s h_ij.
                let v = h.get(i, i).add(h.get(j, j)).add(&h.get(i, j).scale_i64(2 * s));
                if v.signum() < 0 {
                    let mut u = vec![Q::zero(); n];
                    u[i] = Q::one();
                    u[j] = Q::from_i64(s);
                    return Some((u, v));
                }
            }
        }
    }
    let eig = jacobi_eigen(&h.map(Q::to_f64));
    for (k, &l) in eig.values.iter().enumerate() {
        if l >= 0.0 {
            continue;
        }
        let col = eig.vectors.col(k);
        for bits in [4, 8, 16, 24, 32, 40, 50] {
            let scale = (1u64 << bits) as f64;
            let u: Vec<Q> = col.iter().map(|x| Q::new((x * scale).round() as i64, 1 << bits)).collect();
            let v = quad(&u);
            if v.signum() < 0 {
                return Some((u, v));
            }
        }
    }
    None
}

/// An exact basis of ker H (k = n₀(H) vectors).
pub fn null_vectors(h: &Matrix<Q>) -> Vec<Vec<Q>> {
    null_space(h)
}
