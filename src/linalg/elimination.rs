//! Gauss–Jordan elimination: reduced row echelon form, rank, null spaces, solving, determinant.

use super::Matrix;
use crate::scalar::Exact;
#[cfg(test)]
use crate::scalar::Ring;

/// The reduced row echelon form of a matrix and its pivot columns.
#[derive(Clone, Debug)]
pub struct Rref<S> {
    /// The reduced matrix (pivot entries 1, zeros above and below).
    pub matrix: Matrix<S>,
    /// Column of the pivot of each nonzero row, increasing.
    pub pivots: Vec<usize>,
}

/// The reduced row echelon form of `a` (pivot = first nonzero entry in the column).
pub fn rref<S: Exact>(a: &Matrix<S>) -> Rref<S> {
    let mut m = a.clone();
    let (rows, cols) = (m.rows(), m.cols());
    let mut pivots = Vec::new();
    let mut r = 0;
    for c in 0..cols {
        if r == rows {
            break;
        }
        let Some(p) = (r..rows).find(|&i| !m.get(i, c).is_zero()) else { continue };
        if p != r {
            for j in 0..cols {
                let t = m.get(p, j).clone();
                m.set(p, j, m.get(r, j).clone());
                m.set(r, j, t);
            }
        }
        let inv = m.get(r, c).inv().expect("nonzero pivot has an inverse");
        for j in c..cols {
            let v = m.get(r, j).mul(&inv);
            m.set(r, j, v);
        }
        let pivot_row: Vec<S> = m.row(r).to_vec();
        for i in 0..rows {
            if i == r {
                continue;
            }
            let f = m.get(i, c).clone();
            if f.is_zero() {
                continue;
            }
            for (j, pj) in pivot_row.iter().enumerate().skip(c) {
                if !pj.is_zero() {
                    let v = m.get(i, j).sub(&f.mul(pj));
                    m.set(i, j, v);
                }
            }
        }
        pivots.push(c);
        r += 1;
    }
    Rref { matrix: m, pivots }
}

/// The rank of `a`.
pub fn rank<S: Exact>(a: &Matrix<S>) -> usize {
    rref(a).pivots.len()
}

/// A basis of {v : a v = 0}, one vector per free column (1 at the free column).
pub fn null_space<S: Exact>(a: &Matrix<S>) -> Vec<Vec<S>> {
    let Rref { matrix, pivots } = rref(a);
    let cols = a.cols();
    let mut is_pivot = vec![false; cols];
    for &p in &pivots {
        is_pivot[p] = true;
    }
    (0..cols)
        .filter(|&c| !is_pivot[c])
        .map(|free| {
            let mut v = vec![S::zero(); cols];
            v[free] = S::one();
            for (row, &p) in pivots.iter().enumerate() {
                v[p] = matrix.get(row, free).neg();
            }
            v
        })
        .collect()
}

/// A basis of {r : aᵀ r = 0} (the left null space).
pub fn left_null_space<S: Exact>(a: &Matrix<S>) -> Vec<Vec<S>> {
    null_space(&a.transpose())
}

/// One solution of `a x = b`, or `None` if the system is inconsistent.
///
/// # Panics
/// If `b.len() != a.rows()`.
pub fn solve<S: Exact>(a: &Matrix<S>, b: &[S]) -> Option<Vec<S>> {
    assert_eq!(b.len(), a.rows());
    let cols = a.cols();
    let aug = Matrix::from_rows(
        (0..a.rows()).map(|i| a.row(i).iter().cloned().chain([b[i].clone()]).collect()).collect(),
        cols + 1,
    );
    let Rref { matrix, pivots } = rref(&aug);
    if pivots.last() == Some(&cols) {
        return None;
    }
    let mut x = vec![S::zero(); cols];
    for (row, &p) in pivots.iter().enumerate() {
        x[p] = matrix.get(row, cols).clone();
    }
    Some(x)
}

/// The determinant of a square matrix.
///
/// # Panics
/// If `a` is not square.
pub fn determinant<S: Exact>(a: &Matrix<S>) -> S {
    assert_eq!(a.rows(), a.cols(), "determinant of a non-square matrix");
    let n = a.rows();
    let mut m = a.clone();
    let mut det = S::one();
    for c in 0..n {
        let Some(p) = (c..n).find(|&i| !m.get(i, c).is_zero()) else { return S::zero() };
        if p != c {
            for j in 0..n {
                let t = m.get(p, j).clone();
                m.set(p, j, m.get(c, j).clone());
                m.set(c, j, t);
            }
            det = det.neg();
        }
        let d = m.get(c, c).clone();
        det = det.mul(&d);
        let inv = d.inv().expect("nonzero pivot");
        for i in c + 1..n {
            let f = m.get(i, c).mul(&inv);
            if f.is_zero() {
                continue;
            }
            for j in c..n {
                let v = m.get(i, j).sub(&f.mul(m.get(c, j)));
                m.set(i, j, v);
            }
        }
    }
    det
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::Q;

    fn m(rows: &[&[i64]]) -> Matrix<Q> {
        Matrix::from_int_rows(rows)
    }

    #[test]
    fn rank_and_null_space_of_a_rank_two_matrix() {
        // Row 3 = row 1 + row 2, so rank 2 and a one-dimensional null space.
        let a = m(&[&[1, 2, 3], &[4, 5, 6], &[5, 7, 9]]);
        assert_eq!(rank(&a), 2);
        let ns = null_space(&a);
        assert_eq!(ns.len(), 1);
        assert!(a.mul_vec(&ns[0]).iter().all(Ring::is_zero));
        assert_eq!(ns[0], vec![Q::int(1), Q::int(-2), Q::int(1)]);
        let lns = left_null_space(&a);
        assert_eq!(lns, vec![vec![Q::int(-1), Q::int(-1), Q::int(1)]]);
    }

    #[test]
    fn determinant_matches_the_cofactor_expansion() {
        // det = 2(3·1 − 0·4) − 1(1·1 − 0·0) + 5(1·4 − 3·0) = 6 − 1 + 20 = 25.
        let a = m(&[&[2, 1, 5], &[1, 3, 0], &[0, 4, 1]]);
        assert_eq!(determinant(&a), Q::int(25));
        assert_eq!(determinant(&m(&[&[0, 1], &[1, 0]])), Q::int(-1));
        assert_eq!(determinant(&m(&[&[1, 2], &[2, 4]])), Q::int(0));
    }

    #[test]
    fn solve_finds_a_solution_or_reports_inconsistency() {
        let a = m(&[&[1, 1], &[1, -1]]);
        assert_eq!(solve(&a, &[Q::int(3), Q::int(1)]), Some(vec![Q::int(2), Q::int(1)]));
        let b = m(&[&[1, 1], &[2, 2]]);
        assert_eq!(solve(&b, &[Q::int(1), Q::int(3)]), None);
    }
}
