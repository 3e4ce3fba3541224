//! Linear algebra modulo the Mersenne prime p = 2⁶¹ − 1: a fast filter for exact rank.
//!
//! Reduction mod p is a ring homomorphism from the p-integral rationals, so every minor that is
//! nonzero mod p is nonzero over Q: rank_p(A) ≤ rank_Q(A), and a principal block that is
//! nonsingular mod p is nonsingular over Q. A full rank mod p is therefore a *certificate* of full
//! rank; a smaller rank mod p is only a lower bound (an "unlucky" prime), which callers confirm
//! over Q.

use super::Matrix;
use crate::scalar::{Mersenne61, Modulus, Q};

pub use crate::scalar::P61;

/// `a` reduced mod 2⁶¹ − 1, or `None` if p divides some denominator (then no conclusion).
pub fn reduce(a: &Matrix<Q>) -> Option<Vec<Vec<u64>>> {
    (0..a.rows()).map(|i| a.row(i).iter().map(|q| q.residue(P61)).collect()).collect()
}

/// Row echelon reduction mod p of the rows of `m`: the indices of a maximal set of rows that are
/// independent mod p (in increasing order). Their number is rank_p.
pub fn independent_rows_mod_p(m: &[Vec<u64>]) -> Vec<usize> {
    let rows = m.len();
    let cols = m.first().map_or(0, Vec::len);
    let mut basis: Vec<(usize, Vec<u64>)> = Vec::new(); // (pivot column, reduced row)
    let mut chosen = Vec::new();
    for (i, row) in m.iter().enumerate().take(rows) {
        let mut r = row.clone();
        for (pc, b) in &basis {
            let f = r[*pc];
            if f != 0 {
                for c in 0..cols {
                    if b[c] != 0 {
                        r[c] = Mersenne61.sub(r[c], Mersenne61.mul(f, b[c]));
                    }
                }
            }
        }
        if let Some(pc) = (0..cols).find(|&c| r[c] != 0) {
            let inv = Mersenne61.inv(r[pc]).expect("a nonzero residue modulo a prime is invertible");
            for x in r.iter_mut() {
                *x = Mersenne61.mul(*x, inv);
            }
            basis.push((pc, r));
            chosen.push(i);
        }
    }
    chosen
}

/// rank_p(A) ≤ rank_Q(A), or `None` when p divides a denominator of A.
pub fn rank_mod_p(a: &Matrix<Q>) -> Option<usize> {
    Some(independent_rows_mod_p(&reduce(a)?).len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::rank;

    #[test]
    fn rank_mod_p_matches_exact_rank_on_small_matrices() {
        let a = Matrix::from_rows(
            vec![
                vec![Q::new(1, 2), Q::int(2), Q::int(3)],
                vec![Q::int(4), Q::new(-5, 3), Q::int(6)],
                vec![Q::new(9, 2), Q::new(1, 3), Q::int(9)],
            ],
            3,
        );
        // Row 3 = row 1 + row 2: rank 2, rows {0, 1} independent.
        assert_eq!(rank(&a), 2);
        assert_eq!(rank_mod_p(&a), Some(2));
        assert_eq!(independent_rows_mod_p(&reduce(&a).unwrap()), vec![0, 1]);
    }
}
