//! The exact characteristic polynomial of a square rational matrix and Descartes' rule of signs:
//! an inertia computation independent of elimination, used to cross-check [`crate::linalg::inertia()`].
//!
//! For a symmetric matrix every root of det(xI − A) is real, so Descartes' rule of signs is exact:
//! the number of positive roots (with multiplicity) equals the number of sign changes in the
//! coefficient sequence, the number of negative roots equals the sign changes of p(−x), and the
//! multiplicity of the root 0 is the index of the lowest nonzero coefficient (width-depth spec §1).

use crate::linalg::{Inertia, Matrix};
use crate::scalar::{Field, Ring, Q};

/// Coefficients c_0, …, c_n of det(xI − A) = Σ c_k x^k (c_n = 1), by the Faddeev–LeVerrier
/// recurrence M_0 = 0, c_n = 1, M_k = A M_{k−1} + c_{n−k+1} I, c_{n−k} = −tr(A M_k)/k
/// (exact over Q; O(n⁴), for tests and small matrices).
///
/// # Panics
/// If `a` is not square.
pub fn characteristic_polynomial(a: &Matrix<Q>) -> Vec<Q> {
    assert_eq!(a.rows(), a.cols(), "characteristic polynomial of a non-square matrix");
    let n = a.rows();
    let mut c = vec![Q::zero(); n + 1];
    c[n] = Q::one();
    let mut mk: Matrix<Q> = Matrix::zeros(n, n);
    for k in 1..=n {
        let mut next = a.mul(&mk);
        for i in 0..n {
            let v = next.get(i, i).add(&c[n - k + 1]);
            next.set(i, i, v);
        }
        let am = a.mul(&next);
        let tr = (0..n).fold(Q::zero(), |acc, i| acc.add(am.get(i, i)));
        c[n - k] = tr.neg().mul(&Q::from_i64(k as i64).inv().expect("k ≥ 1"));
        mk = next;
    }
    c
}

fn sign_changes(c: impl Iterator<Item = i32>) -> usize {
    let signs: Vec<i32> = c.filter(|&s| s != 0).collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count()
}

/// The inertia of a polynomial with only real roots read off its coefficients c_0, …, c_n by
/// Descartes' rule of signs (exact when all roots are real, e.g. a symmetric matrix's
/// characteristic polynomial).
pub fn descartes_inertia(c: &[Q]) -> Inertia {
    let zero = c.iter().position(|x| !x.is_zero()).unwrap_or(c.len().saturating_sub(1));
    let positive = sign_changes(c.iter().map(Q::signum));
    let negative = sign_changes(c.iter().enumerate().map(|(k, x)| if k % 2 == 1 { -x.signum() } else { x.signum() }));
    Inertia::new(positive, negative, zero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characteristic_polynomial_of_a_two_by_two() {
        // [[2,1],[1,2]]: x² − 4x + 3 = (x−1)(x−3).
        let a = Matrix::from_rows(vec![vec![Q::int(2), Q::int(1)], vec![Q::int(1), Q::int(2)]], 2);
        assert_eq!(characteristic_polynomial(&a), vec![Q::int(3), Q::int(-4), Q::int(1)]);
        assert_eq!(descartes_inertia(&characteristic_polynomial(&a)), Inertia::new(2, 0, 0));
    }

    #[test]
    fn descartes_counts_zero_and_negative_roots() {
        // x²(x − 2)(x + 1) = x⁴ − x³ − 2x²: coefficients (0, 0, −2, −1, 1).
        let c = vec![Q::zero(), Q::zero(), Q::int(-2), Q::int(-1), Q::one()];
        assert_eq!(descartes_inertia(&c), Inertia::new(1, 1, 2));
    }
}
