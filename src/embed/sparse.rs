//! Sparse linear maps between flat parameter vectors, and affine maps built on them.
//!
//! The embedding operators of \[P1\] Def. 5 and \[P2\] Def. 4.3–5.2 are affine maps
//! θ ↦ Aθ + c of the flat parameter vector (contract order). Their linear parts are very sparse
//! (each wide coordinate copies or scales one narrow coordinate), so they are stored as lists of
//! (row, column, value) triples. The second-order work needs them as explicit matrices
//! (AᵀHA = H_narr, \[P2\] Thm 6.2), which [`SparseMap::to_matrix`] gives.

use crate::linalg::Matrix;
use crate::scalar::Field;

/// A linear map R^cols → R^rows stored as (row, column, value) triples; repeated positions add up.
#[derive(Clone, Debug, PartialEq)]
pub struct SparseMap<S> {
    rows: usize,
    cols: usize,
    entries: Vec<(usize, usize, S)>,
}

impl<S: Field> SparseMap<S> {
    /// The map with the given triples.
    ///
    /// # Panics
    /// If an entry lies outside `rows × cols` (an internal invariant of the operators).
    pub fn new(rows: usize, cols: usize, entries: Vec<(usize, usize, S)>) -> SparseMap<S> {
        let m = SparseMap { rows, cols, entries };
        assert!(m.is_valid(), "SparseMap entry out of range");
        m
    }

    /// The zero map.
    pub fn zero(rows: usize, cols: usize) -> SparseMap<S> {
        SparseMap { rows, cols, entries: Vec::new() }
    }

    /// The identity on R^n.
    pub fn identity(n: usize) -> SparseMap<S> {
        SparseMap { rows: n, cols: n, entries: (0..n).map(|i| (i, i, S::one())).collect() }
    }

    /// Invariant: every entry lies inside `rows × cols`.
    pub fn is_valid(&self) -> bool {
        self.entries.iter().all(|(r, c, _)| *r < self.rows && *c < self.cols)
    }

    /// Dimension of the target space.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Dimension of the source space.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The stored triples (row, column, value).
    pub fn entries(&self) -> &[(usize, usize, S)] {
        &self.entries
    }

    /// A x.
    ///
    /// # Panics
    /// If `x.len() != cols`.
    pub fn apply(&self, x: &[S]) -> Vec<S> {
        assert_eq!(x.len(), self.cols, "SparseMap::apply: wrong length");
        let mut y = vec![S::zero(); self.rows];
        for (r, c, v) in &self.entries {
            y[*r].add_assign(&v.mul(&x[*c]));
        }
        y
    }

    /// Aᵀ y.
    ///
    /// # Panics
    /// If `y.len() != rows`.
    pub fn apply_transpose(&self, y: &[S]) -> Vec<S> {
        assert_eq!(y.len(), self.rows, "SparseMap::apply_transpose: wrong length");
        let mut x = vec![S::zero(); self.cols];
        for (r, c, v) in &self.entries {
            x[*c].add_assign(&v.mul(&y[*r]));
        }
        x
    }

    /// The dense matrix (rows × cols).
    pub fn to_matrix(&self) -> Matrix<S> {
        let mut m = Matrix::<S>::zeros(self.rows, self.cols);
        for (r, c, v) in &self.entries {
            m.get_mut(*r, *c).add_assign(v);
        }
        m
    }

    /// A + k B (same dimensions).
    ///
    /// # Panics
    /// If the dimensions differ.
    pub fn add_scaled(&self, k: &S, other: &SparseMap<S>) -> SparseMap<S> {
        assert_eq!((self.rows, self.cols), (other.rows, other.cols), "SparseMap::add_scaled: dimensions");
        let mut entries = self.entries.clone();
        entries.extend(other.entries.iter().map(|(r, c, v)| (*r, *c, k.mul(v))));
        SparseMap { rows: self.rows, cols: self.cols, entries }
    }

    /// The composition `self ∘ inner` (first `inner`, then `self`).
    ///
    /// # Panics
    /// If `self.cols != inner.rows`.
    pub fn compose(&self, inner: &SparseMap<S>) -> SparseMap<S> {
        assert_eq!(self.cols, inner.rows, "SparseMap::compose: dimensions");
        let mut by_row: Vec<Vec<(usize, &S)>> = vec![Vec::new(); inner.rows];
        for (r, c, v) in &inner.entries {
            by_row[*r].push((*c, v));
        }
        let mut entries = Vec::new();
        for (r, j, a) in &self.entries {
            for (c, b) in &by_row[*j] {
                entries.push((*r, *c, a.mul(b)));
            }
        }
        // Repeated positions are added up here, so that a chain of K compositions (an embedding
        // of K splits, each T + αV with two triples at some positions) keeps one triple per
        // position instead of doubling them at every step.
        entries.sort_by_key(|(r, c, _)| (*r, *c));
        let mut merged: Vec<(usize, usize, S)> = Vec::with_capacity(entries.len());
        for (r, c, v) in entries {
            match merged.last_mut() {
                Some((lr, lc, lv)) if (*lr, *lc) == (r, c) => lv.add_assign(&v),
                _ => merged.push((r, c, v)),
            }
        }
        merged.retain(|(_, _, v)| !v.is_zero());
        SparseMap { rows: self.rows, cols: inner.cols, entries: merged }
    }

    /// Entrywise map of the values into another field.
    pub fn map<T: Field>(&self, mut f: impl FnMut(&S) -> T) -> SparseMap<T> {
        SparseMap {
            rows: self.rows,
            cols: self.cols,
            entries: self.entries.iter().map(|(r, c, v)| (*r, *c, f(v))).collect(),
        }
    }
}

/// An affine map θ ↦ Aθ + c between flat parameter vectors.
#[derive(Clone, Debug, PartialEq)]
pub struct AffineMap<S> {
    /// A, the linear part (the one that enters Aᵀ∇R_wide = ∇R_narr and AᵀH_wide A = H_narr).
    pub linear: SparseMap<S>,
    /// c, the constant part (nonzero only for null neurons).
    pub offset: Vec<S>,
}

impl<S: Field> AffineMap<S> {
    /// A linear map seen as affine (c = 0).
    pub fn linear(a: SparseMap<S>) -> AffineMap<S> {
        let offset = vec![S::zero(); a.rows()];
        AffineMap { linear: a, offset }
    }

    /// Invariant: the linear part is valid and c has one entry per row.
    pub fn is_valid(&self) -> bool {
        self.linear.is_valid() && self.offset.len() == self.linear.rows()
    }

    /// Aθ + c.
    ///
    /// # Panics
    /// If `theta.len()` is not the source dimension.
    pub fn apply(&self, theta: &[S]) -> Vec<S> {
        let mut y = self.linear.apply(theta);
        for (yi, ci) in y.iter_mut().zip(&self.offset) {
            yi.add_assign(ci);
        }
        y
    }

    /// `self ∘ inner`: θ ↦ A(A'θ + c') + c.
    ///
    /// # Panics
    /// If the dimensions do not chain.
    pub fn compose(&self, inner: &AffineMap<S>) -> AffineMap<S> {
        AffineMap { linear: self.linear.compose(&inner.linear), offset: self.apply(&inner.offset) }
    }

    /// Entrywise map of the values into another field.
    pub fn map<T: Field>(&self, mut f: impl FnMut(&S) -> T) -> AffineMap<T> {
        AffineMap { linear: self.linear.map(&mut f), offset: self.offset.iter().map(f).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::{Ring, Q};

    /// A chain of compositions of a map with a repeated position (as T + αV of a split has)
    /// keeps one triple per position and the value of the dense product.
    #[test]
    fn composing_a_chain_keeps_one_triple_per_position() {
        let a = SparseMap::new(2, 2, vec![(0, 0, Q::one()), (0, 0, Q::one()), (1, 1, Q::new(1, 3)), (1, 0, Q::zero())]);
        let mut acc = SparseMap::identity(2);
        let mut dense = Matrix::<Q>::identity(2);
        for _ in 0..40 {
            acc = a.compose(&acc);
            dense = a.to_matrix().mul(&dense);
        }
        assert_eq!(acc.entries().len(), 2, "{:?}", acc.entries().len());
        assert_eq!(acc.to_matrix(), dense);
        assert_eq!(acc.entries()[0].2, Q::int(2).pow(40));
    }
}
