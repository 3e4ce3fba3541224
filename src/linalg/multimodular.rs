//! Linear algebra modulo word-size primes p < 2⁶² (any prime, not only 2⁶¹ − 1): the primes,
//! modular solves and the LU factorisation mod p ([`LuMod`]) on which the singular-inertia
//! certificate ([`super::singular_certificate`]) runs Dixon's p-adic lifting ([`super::dixon`]).
//!
//! Reduction mod p is a ring homomorphism from the p-integral rationals, so a matrix that is
//! nonsingular mod p is nonsingular over Q, and if A X = B over Q with A nonsingular mod p then
//! X mod p is the unique solution of the reduced system. Nothing computed here is trusted over
//! Q without an exact check by the caller.

/// a·b mod p.
pub fn mul_mod(a: u64, b: u64, p: u64) -> u64 {
    ((a as u128 * b as u128) % p as u128) as u64
}

/// aᵉ mod p.
pub fn pow_mod(mut a: u64, mut e: u64, p: u64) -> u64 {
    let mut r = 1 % p;
    while e > 0 {
        if e & 1 == 1 {
            r = mul_mod(r, a, p);
        }
        a = mul_mod(a, a, p);
        e >>= 1;
    }
    r
}

/// Whether n < 2⁶⁴ is prime: Miller–Rabin with the first twelve primes as bases, which is a
/// deterministic test below 3.3·10²⁴ > 2⁶⁴ (Sorenson and Webster 2015).
pub fn is_prime(n: u64) -> bool {
    const BASES: [u64; 12] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
    if n < 2 {
        return false;
    }
    for &b in &BASES {
        if n.is_multiple_of(b) {
            return n == b;
        }
    }
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    BASES.iter().all(|&a| {
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            return true;
        }
        for _ in 1..s {
            x = mul_mod(x, x, n);
            if x == n - 1 {
                return true;
            }
        }
        false
    })
}

/// The primes below 2⁶², in decreasing order.
pub fn primes() -> impl Iterator<Item = u64> {
    ((1u64 << 61) + 1..(1u64 << 62)).rev().step_by(2).filter(|&n| is_prime(n))
}

/// Montgomery multiplication modulo an odd p < 2⁶² with R = 2⁶⁴: `mul(a, b)` = a·b·R⁻¹ mod p
/// for a, b < p (Montgomery 1985). With one factor pre-multiplied by R it is the plain product
/// mod p, in three machine multiplications and no division.
struct Montgomery {
    p: u64,
    /// −p⁻¹ mod 2⁶⁴.
    neg_inv: u64,
    /// R² mod p.
    r2: u64,
}

impl Montgomery {
    fn new(p: u64) -> Montgomery {
        // Newton's iteration doubles the correct low bits of p⁻¹ mod 2⁶⁴ (p odd: p·p ≡ 1 mod 8).
        let mut inv = p;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(p.wrapping_mul(inv)));
        }
        let r = ((1u128 << 64) % p as u128) as u64;
        Montgomery { p, neg_inv: inv.wrapping_neg(), r2: mul_mod(r, r, p) }
    }

    /// a·b·R⁻¹ mod p: t + m·p ≡ 0 (mod R) with m = t·(−p⁻¹) mod R, and (t + m·p)/R < 2p.
    fn mul(&self, a: u64, b: u64) -> u64 {
        let t = a as u128 * b as u128;
        let m = (t as u64).wrapping_mul(self.neg_inv);
        let u = ((t + m as u128 * self.p as u128) >> 64) as u64;
        if u >= self.p {
            u - self.p
        } else {
            u
        }
    }

    /// a·R mod p, so that `mul(to_mont(a), b)` = a·b mod p.
    fn to_mont(&self, a: u64) -> u64 {
        self.mul(a, self.r2)
    }

    /// a·R⁻¹ mod p: the plain residue of a Montgomery-form value.
    fn plain(&self, a: u64) -> u64 {
        self.mul(a, 1)
    }

    /// a − b mod p for a, b < p.
    fn sub(&self, a: u64, b: u64) -> u64 {
        if a >= b {
            a - b
        } else {
            a + self.p - b
        }
    }
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
        assert!(p % 2 == 1 && p < 1 << 62, "LuMod needs an odd modulus below 2⁶²");
        let mont = Montgomery::new(p);
        let n = a.len();
        assert!(a.iter().all(|row| row.len() == n), "LuMod needs a square matrix");
        let mut rows: Vec<Vec<u64>> = a.iter().map(|row| row.iter().map(|&v| mont.to_mont(v % p)).collect()).collect();
        let mut perm: Vec<usize> = (0..n).collect();
        for c in 0..n {
            let piv = (c..n).find(|&i| rows[i][c] != 0)?;
            rows.swap(c, piv);
            perm.swap(c, piv);
            // In Montgomery form u·R, so (u·R)⁻¹·R³ = u⁻¹·R: the inverse, again in Montgomery form.
            let u = mont.plain(rows[c][c]);
            let inv_r = mont.to_mont(pow_mod(u, p - 2, p));
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
        let p = mont.p;
        // Forward: L y = P b. Plain residues times Montgomery-form factors give plain residues.
        let mut y: Vec<u64> = self.perm.iter().map(|&k| b[k] % p).collect();
        for i in 0..n {
            let row = &self.lu[i * n..i * n + i];
            let s =
                row.iter().zip(&y[..i]).fold(y[i], |s, (&l, &v)| if l == 0 { s } else { mont.sub(s, mont.mul(l, v)) });
            y[i] = s;
        }
        // Back: U x = y.
        for i in (0..n).rev() {
            let row = &self.lu[i * n..(i + 1) * n];
            let s =
                row[i + 1..]
                    .iter()
                    .zip(&y[i + 1..])
                    .fold(y[i], |s, (&u, &v)| if u == 0 { s } else { mont.sub(s, mont.mul(u, v)) });
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
    fn miller_rabin_agrees_with_trial_division_below_ten_thousand() {
        let trial = |n: u64| n >= 2 && (2..n).take_while(|d| d * d <= n).all(|d| !n.is_multiple_of(d));
        assert!((0..10_000).all(|n| is_prime(n) == trial(n)));
        // 2⁶¹ − 1 is a Mersenne prime; 2⁶² − 1 = 3·715827883·2147483647 is not.
        assert!(is_prime((1 << 61) - 1));
        assert!(!is_prime((1 << 62) - 1));
    }

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
        let m = Montgomery::new(p);
        assert_eq!(m.mul(m.to_mont(p - 1), p - 1), 1);
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
