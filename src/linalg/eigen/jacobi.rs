//! Eigenvalues and eigenvectors of a symmetric `f64` matrix by the cyclic Jacobi method
//! (Golub & Van Loan, *Matrix Computations*, 4th ed., §8.5). Float only: used for the float
//! spectrum and, on the exact path, only to *choose* a congruence whose result is then checked
//! exactly ([`crate::linalg::inertia_certified`]).

use crate::linalg::Matrix;

/// A symmetric eigen-decomposition A ≈ V diag(λ) Vᵀ.
#[derive(Clone, Debug, PartialEq)]
pub struct Eigen {
    /// Eigenvalues λ_k (in the order of the columns of `vectors`, not sorted).
    pub values: Vec<f64>,
    /// Orthonormal eigenvectors as the columns of an n × n matrix.
    pub vectors: Matrix<f64>,
}

/// The eigen-decomposition of the symmetric matrix `a` by cyclic Jacobi sweeps until the
/// off-diagonal mass is below ε·‖A‖_F/n, or below 10⁻⁸‖A‖_F and no longer halving per sweep
/// (rounding has then taken over from the quadratic convergence), at most 60 sweeps.
///
/// # Panics
/// If `a` is not square.
pub fn jacobi_eigen(a: &Matrix<f64>) -> Eigen {
    assert_eq!(a.rows(), a.cols(), "eigen-decomposition of a non-square matrix");
    let n = a.rows();
    let mut m = a.data().to_vec();
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    let norm = m.iter().map(|x| x * x).sum::<f64>().sqrt();
    let mut prev_off = f64::INFINITY;
    for _ in 0..60 {
        let off: f64 = (0..n).map(|i| (0..n).filter(|&j| j != i).map(|j| m[i * n + j].powi(2)).sum::<f64>()).sum();
        if off == 0.0
            || off.sqrt() <= f64::EPSILON * norm / n as f64
            || (off.sqrt() <= 1e-8 * norm && off > prev_off / 2.0)
        {
            break;
        }
        prev_off = off;
        for p in 0..n {
            for q in p + 1..n {
                let apq = m[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (m[q * n + q] - m[p * n + p]) / (2.0 * apq);
                let t = if theta == 0.0 { 1.0 } else { theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt()) };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (m[k * n + p], m[k * n + q]);
                    m[k * n + p] = c * akp - s * akq;
                    m[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (m[p * n + k], m[q * n + k]);
                    m[p * n + k] = c * apk - s * aqk;
                    m[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    Eigen { values: (0..n).map(|i| m[i * n + i]).collect(), vectors: Matrix::from_vec(n, n, v) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_diagonalises_a_known_matrix() {
        // [[2,1],[1,2]] = V diag(1,3) Vᵀ with V = (1,∓1)/√2.
        let a = Matrix::from_rows(vec![vec![2.0, 1.0], vec![1.0, 2.0]], 2);
        let e = jacobi_eigen(&a);
        let mut vals = e.values.clone();
        vals.sort_by(f64::total_cmp);
        assert!((vals[0] - 1.0).abs() < 1e-14 && (vals[1] - 3.0).abs() < 1e-14);
        // A v_k = λ_k v_k.
        for k in 0..2 {
            let vk = e.vectors.col(k);
            let av = a.mul_vec(&vk);
            for i in 0..2 {
                assert!((av[i] - e.values[k] * vk[i]).abs() < 1e-14);
            }
        }
    }
}
