//! Linear algebra modulo word-size primes p < 2⁶² (any prime, not only 2⁶¹ − 1): modular solves
//! and the LU factorisation mod p ([`LuMod`]) on which the singular-inertia certificate
//! ([`super::singular_certificate`]) runs Dixon's p-adic lifting ([`super::dixon`]). The
//! arithmetic mod p ([`Montgomery`] in the factorisation) and the primes ([`primes`]) come from
//! `scalar::prime_field` and are re-exported here.
//!
//! Reduction mod p is a ring homomorphism from the p-integral rationals, so a matrix that is
//! nonsingular mod p is nonsingular over Q, and if A X = B over Q with A nonsingular mod p then
//! X mod p is the unique solution of the reduced system. Nothing computed here is trusted over
//! Q without an exact check by the caller.

use crate::scalar::{Modulus, Montgomery, WordPrime};

pub use crate::scalar::{is_prime, primes};

/// a·b mod p (p > 0; a, b < p): [`WordPrime`]'s product, for callers that hold a bare modulus.
pub fn mul_mod(a: u64, b: u64, p: u64) -> u64 {
    WordPrime::new(p).mul(a, b)
}

/// aᵉ mod p (p > 0; a < p) by square and multiply: [`WordPrime`]'s power.
pub fn pow_mod(a: u64, e: u64, p: u64) -> u64 {
    WordPrime::new(p).pow(a, e)
}

/// An LU factorisation PA = LU of a square matrix modulo an odd prime p < 2⁶² (Gaussian
/// elimination, first nonzero pivot in each column), kept to solve A x = b mod p for many
/// right-hand sides at r² products each (Dixon's lifting, [`super::dixon`]).
pub struct LuMod {
    mont: Montgomery,
    n: usize,
    /// Row-major n × n: below the diagonal the multipliers of L (unit diagonal), on and above it
    /// U, all in Montgomery form (times R), except the diagonal, which holds U_ii⁻¹·R.
    lu: Vec<u64>,
    /// Row t of PA is row `perm[t]` of A.
    perm: Vec<usize>,
}

impl LuMod {
    /// The factorisation of the n × n matrix `a` (entries in 0..p) mod p, or `None` when `a` is
    /// singular mod p.
    ///
    /// # Panics
    /// If p is even or not below 2⁶², or `a` is not square.
    pub fn factor(a: &[Vec<u64>], p: u64) -> Option<LuMod> {
        let mont = Montgomery::new(p);
        let n = a.len();
        assert!(a.iter().all(|row| row.len() == n), "LuMod needs a square matrix");
        let mut rows: Vec<Vec<u64>> = a.iter().map(|row| row.iter().map(|&v| mont.represent(v)).collect()).collect();
        let mut perm: Vec<usize> = (0..n).collect();
        for c in 0..n {
            let piv = (c..n).find(|&i| rows[i][c] != 0)?;
            rows.swap(c, piv);
            perm.swap(c, piv);
            // The inverse of u·R in Montgomery form is u⁻¹·R.
            let inv_r = mont.inv(rows[c][c]).expect("a nonzero residue modulo a prime is invertible");
            rows[c][c] = inv_r;
            let (top, rest) = rows.split_at_mut(c + 1);
            let pivot_row = &top[c];
            for row in rest.iter_mut() {
                if row[c] == 0 {
                    continue;
                }
                // f = a_ic / u_cc (Montgomery form); row_i ← row_i − f·row_c beyond column c.
                let f = mont.mul(row[c], inv_r);
                row[c] = f;
                for (x, &y) in row[c + 1..].iter_mut().zip(&pivot_row[c + 1..]) {
                    if y != 0 {
                        *x = mont.sub(*x, mont.mul(f, y));
                    }
                }
            }
        }
        Some(LuMod { mont, n, lu: rows.concat(), perm })
    }

    /// The solution x of A x = b mod p (entries of b in 0..p; x in 0..p).
    ///
    /// # Panics
    /// If `b` does not have n entries.
    pub fn solve(&self, b: &[u64]) -> Vec<u64> {
        let (n, mont) = (self.n, &self.mont);
        assert_eq!(b.len(), n, "right-hand side of the wrong length");
        let p = mont.modulus();
        // Forward: L y = P b. Plain residues times Montgomery-form factors give plain residues.
        let mut y: Vec<u64> = self.perm.iter().map(|&k| b[k] % p).collect();
        // Each row's sum of products is reduced once per four terms (`Montgomery::dot`).
        for i in 0..n {
            y[i] = mont.sub(y[i], mont.dot(&self.lu[i * n..i * n + i], &y[..i]));
        }
        // Back: U x = y.
        for i in (0..n).rev() {
            let row = &self.lu[i * n..(i + 1) * n];
            let s = mont.sub(y[i], mont.dot(&row[i + 1..], &y[i + 1..]));
            y[i] = mont.mul(row[i], s);
        }
        y
    }
}

/// The solution X of A X = B mod the odd prime p < 2⁶² (A square, B with any number of
/// columns) by [`LuMod`], or `None` when A is singular mod p. Entries are residues in 0..p.
pub fn solve_mod(a: &[Vec<u64>], b: &[Vec<u64>], p: u64) -> Option<Vec<Vec<u64>>> {
    let lu = LuMod::factor(a, p)?;
    let m = b.first().map_or(0, Vec::len);
    let columns: Vec<Vec<u64>> = (0..m).map(|j| lu.solve(&b.iter().map(|row| row[j]).collect::<Vec<_>>())).collect();
    Some((0..a.len()).map(|i| columns.iter().map(|c| c[i]).collect()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modular_solve_inverts_a_hand_system() {
        // [[2, 1], [1, 3]] x = [3, 4] has the solution x = (1, 1) over Q, hence mod any p.
        let p = primes().next().unwrap();
        let x = solve_mod(&[vec![2, 1], vec![1, 3]], &[vec![3], vec![4]], p).unwrap();
        assert_eq!(x, vec![vec![1], vec![1]]);
        assert!(solve_mod(&[vec![1, 2], vec![2, 4]], &[vec![1], vec![1]], p).is_none());
        // A 3×3 system that needs a row swap.
        let a = [vec![0, 1, 2], vec![1, 0, 0], vec![3, 1, 1]];
        // x = (1, 2, 1): rows give 0+2+2 = 4, 1, 3+2+1 = 6.
        let x = solve_mod(&a, &[vec![4], vec![1], vec![6]], p).unwrap();
        assert_eq!(x, vec![vec![1], vec![2], vec![1]]);
        assert_eq!(pow_mod(p - 1, 2, p), mul_mod(p - 1, p - 1, p));
        assert_eq!(mul_mod(p - 1, p - 1, p), 1);
    }

    #[test]
    fn rational_reconstruction_recovers_small_fractions_from_their_residues() {
        use crate::scalar::Z;
        // 1/3 ≡ 34 and −2/5 ≡ 40 (mod 101): 3·34 = 102, 5·40 = 200 = 2·101 − 2. Bound √50 → 7.
        let m = Z::from_u64(101);
        assert_eq!(Z::from_u64(34).rational_reconstruction(&m), Some((Z::from_i64(1), Z::from_i64(3))));
        assert_eq!(Z::from_u64(40).rational_reconstruction(&m), Some((Z::from_i64(-2), Z::from_i64(5))));
        // 8 ≡ a/b with |a|, b ≤ 7 has no solution: 8b mod 101 for b = 1..7 is 8, 16, …, 56, never
        // within 7 of a multiple of 101.
        assert_eq!(Z::from_u64(8).rational_reconstruction(&m), None);
    }
}
