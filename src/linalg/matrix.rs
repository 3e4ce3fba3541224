//! A dense row-major matrix over any [`Ring`]: storage and access need no bound, products and
//! identities need a ring (no method here divides), so integer matrices (`Matrix<Z>`, for
//! fraction-free elimination) share the type with matrices over a field.

use crate::scalar::Ring;

/// A dense `rows × cols` matrix stored row by row.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix<S> {
    rows: usize,
    cols: usize,
    data: Vec<S>,
}

/// Storage and access: no bound on the entries.
impl<S> Matrix<S> {
    /// A matrix from its rows.
    ///
    /// # Panics
    /// If the rows do not all have length `cols` (an internal invariant: user input is
    /// validated by `io` before it gets here).
    pub fn from_rows(rows: Vec<Vec<S>>, cols: usize) -> Matrix<S> {
        let r = rows.len();
        let mut data = Vec::with_capacity(r * cols);
        for row in rows {
            assert_eq!(row.len(), cols, "Matrix::from_rows: ragged rows");
            data.extend(row);
        }
        Matrix { rows: r, cols, data }
    }
    /// A matrix from row-major data of length `rows * cols`.
    ///
    /// # Panics
    /// If the length does not match.
    pub fn from_vec(rows: usize, cols: usize, data: Vec<S>) -> Matrix<S> {
        assert_eq!(data.len(), rows * cols, "Matrix::from_vec: wrong length");
        Matrix { rows, cols, data }
    }
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }
    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }
    /// Entry (i, j), 0-based.
    pub fn get(&self, i: usize, j: usize) -> &S {
        &self.data[i * self.cols + j]
    }
    /// Mutable entry (i, j), 0-based.
    pub fn get_mut(&mut self, i: usize, j: usize) -> &mut S {
        &mut self.data[i * self.cols + j]
    }
    /// Sets entry (i, j), 0-based.
    pub fn set(&mut self, i: usize, j: usize, v: S) {
        self.data[i * self.cols + j] = v;
    }
    /// Row i as a slice.
    pub fn row(&self, i: usize) -> &[S] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }
    /// All entries row by row.
    pub fn data(&self) -> &[S] {
        &self.data
    }
    /// All entries row by row, mutably.
    pub fn data_mut(&mut self) -> &mut [S] {
        &mut self.data
    }
    /// Entrywise map into another entry type.
    pub fn map<T>(&self, f: impl FnMut(&S) -> T) -> Matrix<T> {
        Matrix { rows: self.rows, cols: self.cols, data: self.data.iter().map(f).collect() }
    }
}

/// Copies of rows, columns and the transpose: entries that can be cloned.
impl<S: Clone> Matrix<S> {
    /// Column j as a vector.
    pub fn col(&self, j: usize) -> Vec<S> {
        (0..self.rows).map(|i| self.get(i, j).clone()).collect()
    }
    /// The rows as vectors.
    pub fn to_rows(&self) -> Vec<Vec<S>> {
        (0..self.rows).map(|i| self.row(i).to_vec()).collect()
    }
    /// The transpose.
    pub fn transpose(&self) -> Matrix<S> {
        let data =
            (0..self.cols).flat_map(|j| (0..self.rows).map(move |i| (i, j))).map(|(i, j)| self.get(i, j).clone());
        Matrix { rows: self.cols, cols: self.rows, data: data.collect() }
    }
}

/// Symmetry: entries that can be compared.
impl<S: PartialEq> Matrix<S> {
    /// Whether the matrix equals its transpose.
    pub fn is_symmetric(&self) -> bool {
        self.rows == self.cols && (0..self.rows).all(|i| (0..i).all(|j| self.get(i, j) == self.get(j, i)))
    }
}

/// Ring operations: sums and products of entries, never a division.
impl<S: Ring> Matrix<S> {
    /// The zero matrix.
    pub fn zeros(rows: usize, cols: usize) -> Matrix<S> {
        Matrix { rows, cols, data: vec![S::zero(); rows * cols] }
    }
    /// The identity matrix.
    pub fn identity(n: usize) -> Matrix<S> {
        let mut m = Matrix::zeros(n, n);
        for i in 0..n {
            m.set(i, i, S::one());
        }
        m
    }
    /// The matrix with integer entries `rows` (for examples and tests).
    ///
    /// # Panics
    /// If `rows` is empty or ragged.
    pub fn from_int_rows(rows: &[&[i64]]) -> Matrix<S> {
        Matrix::from_rows(rows.iter().map(|r| r.iter().map(|&v| S::from_i64(v)).collect()).collect(), rows[0].len())
    }
    /// `self · v`.
    ///
    /// # Panics
    /// If `v.len() != cols`.
    pub fn mul_vec(&self, v: &[S]) -> Vec<S> {
        assert_eq!(v.len(), self.cols);
        (0..self.rows).map(|i| dot(self.row(i), v)).collect()
    }
    /// `selfᵀ · v`.
    ///
    /// # Panics
    /// If `v.len() != rows`.
    pub fn tr_mul_vec(&self, v: &[S]) -> Vec<S> {
        assert_eq!(v.len(), self.rows);
        let mut out = vec![S::zero(); self.cols];
        for (i, vi) in v.iter().enumerate() {
            if vi.is_zero() {
                continue;
            }
            for (o, a) in out.iter_mut().zip(self.row(i)) {
                o.add_assign(&a.mul(vi));
            }
        }
        out
    }
    /// `self · rhs`.
    ///
    /// # Panics
    /// If the inner dimensions differ.
    pub fn mul(&self, rhs: &Matrix<S>) -> Matrix<S> {
        assert_eq!(self.cols, rhs.rows);
        let mut out: Matrix<S> = Matrix::zeros(self.rows, rhs.cols);
        for i in 0..self.rows {
            for k in 0..self.cols {
                let a = self.get(i, k);
                if a.is_zero() {
                    continue;
                }
                for j in 0..rhs.cols {
                    let v = a.mul(rhs.get(k, j));
                    out.get_mut(i, j).add_assign(&v);
                }
            }
        }
        out
    }
    /// Whether every entry is zero.
    pub fn is_zero(&self) -> bool {
        self.data.iter().all(Ring::is_zero)
    }
}

/// Σ a_i b_i.
///
/// # Panics
/// If the lengths differ.
pub fn dot<S: Ring>(a: &[S], b: &[S]) -> S {
    assert_eq!(a.len(), b.len());
    let mut acc = S::zero();
    for (x, y) in a.iter().zip(b) {
        acc.add_assign(&x.mul(y));
    }
    acc
}
