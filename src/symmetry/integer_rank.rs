//! Exact rank of small integer matrices by fraction-free elimination, for the many rank tests of
//! the expansion-manifold geometry (symmetry spec A.7, item 2).
//!
//! Rows are eliminated over the integers (row_i ← p·row_i − a_ic·row_pivot) and divided by the gcd
//! of their entries, so every step is exact; arithmetic is checked i128 and an overflow falls back
//! to the rational rank of [`crate::linalg::rank`]. The rank over Z equals the rank over Q.

use crate::linalg::{rank, Matrix};
use crate::scalar::{Ring, Q};

/// The rank over Q of an integer matrix given by its rows (all of one length).
pub fn integer_rank(rows: &[Vec<i64>]) -> usize {
    let mut a: Vec<Vec<i128>> = rows.iter().map(|r| r.iter().map(|&x| i128::from(x)).collect()).collect();
    match eliminate(&mut a) {
        Some(r) => r,
        None => {
            let cols = rows.first().map_or(0, Vec::len);
            let m = Matrix::from_rows(rows.iter().map(|r| r.iter().map(|&x| Q::from_i64(x)).collect()).collect(), cols);
            rank(&m)
        }
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Row echelon elimination in place; `None` on i128 overflow.
fn eliminate(a: &mut [Vec<i128>]) -> Option<usize> {
    let rows = a.len();
    let cols = a.first().map_or(0, Vec::len);
    let mut r = 0;
    for c in 0..cols {
        if r == rows {
            break;
        }
        let Some(p) = (r..rows).find(|&i| a[i][c] != 0) else { continue };
        a.swap(p, r);
        let (top, rest) = a.split_at_mut(r + 1);
        let pivot_row = &top[r];
        let pv = pivot_row[c];
        for row in rest.iter_mut() {
            let f = row[c];
            if f == 0 {
                continue;
            }
            let mut g = 0i128;
            for j in c..cols {
                let v = pv.checked_mul(row[j])?.checked_sub(f.checked_mul(pivot_row[j])?)?;
                row[j] = v;
                g = gcd(g, v);
            }
            if g > 1 {
                for v in row[c..].iter_mut() {
                    *v /= g;
                }
            }
        }
        r += 1;
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn integer_rank_agrees_with_the_rational_rank_on_random_matrices() {
        let mut rng = Rng::new(3);
        for _ in 0..300 {
            let (rows, cols) = (rng.range(1, 7) as usize, rng.range(1, 7) as usize);
            // Low-rank on purpose: products of thin factors, plus a few plain random ones.
            let k = rng.range(1, 3) as usize;
            let u: Vec<Vec<i64>> = (0..rows).map(|_| (0..k).map(|_| rng.range(-3, 3)).collect()).collect();
            let v: Vec<Vec<i64>> = (0..k).map(|_| (0..cols).map(|_| rng.range(-3, 3)).collect()).collect();
            let m: Vec<Vec<i64>> =
                (0..rows).map(|i| (0..cols).map(|j| (0..k).map(|t| u[i][t] * v[t][j]).sum()).collect()).collect();
            let q = Matrix::from_rows(m.iter().map(|r| r.iter().map(|&x| Q::from_i64(x)).collect()).collect(), cols);
            assert_eq!(integer_rank(&m), rank(&q), "{m:?}");
        }
    }

    #[test]
    fn overflow_falls_back_to_the_rational_rank() {
        let big = i64::MAX / 2;
        let m = vec![vec![big, big - 1, 3], vec![big - 3, big, 5], vec![7, big, big - 11]];
        let q = Matrix::from_rows(m.iter().map(|r| r.iter().map(|&x| Q::from_i64(x)).collect()).collect(), 3);
        assert_eq!(integer_rank(&m), rank(&q));
    }
}
