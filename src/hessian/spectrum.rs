//! The f64 spectrum of a symmetric matrix (Householder tridiagonalisation + implicit QL) and the
//! tolerance used to call an eigenvalue zero: the float path for tanh, sigmoid and softplus
//! networks.
//!
//! Householder reduction to tridiagonal form followed by the implicit QL iteration (Golub & Van
//! Loan, *Matrix Computations*, §8.3; [`crate::linalg::symmetric_eigen`]) is backward stable: the
//! computed eigenvalues are the exact eigenvalues of H + E with ‖E‖₂ ≤ c·M·ε·‖H‖_F for a modest
//! constant c (ibid., §8.3; on the tests and on W1's Hessian the residuals stay below 1·M·ε·‖H‖).
//! By Weyl's inequality every eigenvalue then moves by at most ‖E‖₂, so an eigenvalue of size at
//! most that bound cannot be told from zero. Forming H in f64 adds a perturbation of the same
//! order per entry (each entry is a sum of n·depth-many rounded products), which the safety
//! factor below covers. (It replaced the cyclic Jacobi method, as backward stable but ~70× slower
//! at M = 369: seconds instead of milliseconds.)

use crate::linalg::{symmetric_eigen, Inertia, Matrix};

/// Safety factor c in the zero tolerance c·M·ε·‖H‖_F (covers the eigensolver's backward error and the
/// rounding of forming H).
pub const ZERO_TOLERANCE_FACTOR: f64 = 16.0;

/// Eigenvalues of a symmetric f64 matrix, increasing, with the tolerance used to classify them.
#[derive(Clone, Debug, PartialEq)]
pub struct Spectrum {
    /// The eigenvalues, sorted increasingly.
    pub eigenvalues: Vec<f64>,
    /// |λ| ≤ `tolerance` counts as zero.
    pub tolerance: f64,
    /// Why the tolerance is what it is, in words with the numbers.
    pub why: String,
}

impl Spectrum {
    /// (n₊, n₋, n₀) with |λ| ≤ tolerance counted as zero: *within tolerance*, not exact.
    pub fn inertia(&self) -> Inertia {
        let mut out = Inertia::default();
        for &l in &self.eigenvalues {
            if l > self.tolerance {
                out.positive += 1;
            } else if l < -self.tolerance {
                out.negative += 1;
            } else {
                out.zero += 1;
            }
        }
        out
    }
}

/// Frobenius norm ‖H‖_F.
pub fn frobenius(h: &Matrix<f64>) -> f64 {
    h.data().iter().map(|x| x * x).sum::<f64>().sqrt()
}

/// Eigenvalues of the symmetric matrix `h` (Householder + QL), with the zero tolerance
/// [`ZERO_TOLERANCE_FACTOR`]·M·ε·‖H‖_F (module docs: backward stability plus Weyl).
///
/// # Panics
/// If `h` is not square.
pub fn spectrum(h: &Matrix<f64>) -> Spectrum {
    assert_eq!(h.rows(), h.cols(), "spectrum of a non-square matrix");
    let n = h.rows();
    let norm = frobenius(h);
    let mut eigenvalues = symmetric_eigen(h).values;
    eigenvalues.sort_by(f64::total_cmp);
    let tolerance = ZERO_TOLERANCE_FACTOR * n as f64 * f64::EPSILON * norm;
    let why = format!(
        "{ZERO_TOLERANCE_FACTOR}·M·ε·‖H‖_F with M = {n}, ε = {:e}, ‖H‖_F = {norm:e}: Householder + QL is backward stable \
         (perturbation ≤ c·M·ε·‖H‖_F) and Weyl's inequality moves each eigenvalue by at most that",
        f64::EPSILON
    );
    Spectrum { eigenvalues, tolerance, why }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eigenvalues_of_a_known_symmetric_matrix_are_found() {
        // [[2,1,0],[1,2,0],[0,0,-3]]: eigenvalues 1, 3 (the 2×2 block) and −3.
        let h = Matrix::from_rows(vec![vec![2.0, 1.0, 0.0], vec![1.0, 2.0, 0.0], vec![0.0, 0.0, -3.0]], 3);
        let s = spectrum(&h);
        for (got, want) in s.eigenvalues.iter().zip([-3.0, 1.0, 3.0]) {
            assert!((got - want).abs() <= s.tolerance, "{got} vs {want}");
        }
        assert_eq!(s.inertia(), Inertia::new(2, 1, 0));
    }

    #[test]
    fn a_rank_one_matrix_has_zeros_within_tolerance() {
        // v vᵀ with v = (1, 2, 3): eigenvalues 14, 0, 0.
        let v = [1.0, 2.0, 3.0];
        let h = Matrix::from_vec(3, 3, (0..9).map(|k| v[k / 3] * v[k % 3]).collect());
        assert_eq!(spectrum(&h).inertia(), Inertia::new(1, 0, 2));
    }
}
