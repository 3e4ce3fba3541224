//! The prime field Z/p for word-size p: the one implementation of modular multiplication, power
//! and inverse that the modular filters (`linalg::modular`), the multimodular solves
//! (`linalg::multimodular`, `linalg::dixon`) and the residues of rationals ([`Q::residue`]) run
//! on.
//!
//! Residues stay raw `u64` values, so hot loops keep machine words; a [`Modulus`] says how to
//! multiply them. Three moduli share the trait:
//! - [`Mersenne61`]: p = 2⁶¹ − 1, reduced with shifts and masks (2⁶¹ ≡ 1 mod p);
//! - [`WordPrime`]: any p < 2⁶⁴, reduced with one u128 remainder;
//! - [`Montgomery`]: an odd p < 2⁶², values held in Montgomery form a·R mod p (R = 2⁶⁴), so a
//!   product needs three machine multiplications and no division (Montgomery 1985).
//!
//! `pow` (square and multiply) and `inv` (extended Euclid) are default methods written once on
//! top of `mul`. The word primes of the multimodular methods ([`is_prime`], [`primes`]) live here
//! too.
//!
//! [`Q::residue`]: crate::scalar::Q::residue

/// The Mersenne prime 2⁶¹ − 1.
pub const P61: u64 = (1 << 61) - 1;

/// Arithmetic modulo a word-size p on residues held as `u64` values in 0..p, in the modulus'
/// own representation (the residue itself, or its Montgomery form for [`Montgomery`]).
///
/// Statement relied on: Z/p is a commutative ring, a field when p is prime; `pow` and `inv` are
/// correct for any representation in which `one` is the unit and `mul` the product.
pub trait Modulus {
    /// The modulus p.
    fn modulus(&self) -> u64;

    /// The product of two represented residues, represented.
    fn mul(&self, a: u64, b: u64) -> u64;

    /// The representation of the residue of any `a` (the identity on 0..p for plain residues).
    #[inline]
    fn represent(&self, a: u64) -> u64 {
        a % self.modulus()
    }

    /// The plain residue (in 0..p) of a represented value.
    #[inline]
    fn residue(&self, a: u64) -> u64 {
        a
    }

    /// The representation of 1.
    #[inline]
    fn one(&self) -> u64 {
        1 % self.modulus()
    }

    /// a + b mod p for represented a, b (the representation is additive).
    #[inline]
    fn add(&self, a: u64, b: u64) -> u64 {
        let p = self.modulus();
        let (s, carry) = a.overflowing_add(b);
        if carry || s >= p {
            s.wrapping_sub(p)
        } else {
            s
        }
    }

    /// a − b mod p for represented a, b.
    #[inline]
    fn sub(&self, a: u64, b: u64) -> u64 {
        if a >= b {
            a - b
        } else {
            a.wrapping_sub(b).wrapping_add(self.modulus())
        }
    }

    /// aᵉ mod p by square and multiply (a⁰ = 1, also for a = 0).
    fn pow(&self, mut a: u64, mut e: u64) -> u64 {
        let mut r = self.one();
        while e > 0 {
            if e & 1 == 1 {
                r = self.mul(r, a);
            }
            a = self.mul(a, a);
            e >>= 1;
        }
        r
    }

    /// a⁻¹ mod p, or `None` when gcd(a, p) ≠ 1 (for a prime p: when a ≡ 0). By the extended
    /// Euclidean algorithm on the plain residue (Bézout: s·a ≡ gcd(a, p) mod p), so no
    /// primality is assumed.
    fn inv(&self, a: u64) -> Option<u64> {
        let p = self.modulus();
        // Invariant: r0 ≡ s0·a and r1 ≡ s1·a (mod p).
        let (mut r0, mut r1, mut s0, mut s1) = (p as i128, self.residue(a) as i128, 0i128, 1i128);
        while r1 != 0 {
            let q = r0 / r1;
            (r0, r1) = (r1, r0 - q * r1);
            (s0, s1) = (s1, s0 - q * s1);
        }
        (r0 == 1).then(|| self.represent(s0.rem_euclid(p as i128) as u64))
    }
}

/// Z/p for the Mersenne prime p = [`P61`] = 2⁶¹ − 1: since 2⁶¹ ≡ 1 (mod p), a product
/// z = hi·2⁶¹ + lo reduces to hi + lo with one conditional subtraction.
#[derive(Clone, Copy, Debug, Default)]
pub struct Mersenne61;

impl Modulus for Mersenne61 {
    #[inline]
    fn modulus(&self) -> u64 {
        P61
    }

    /// For a, b < p: z = a·b < 2¹²², lo = z mod 2⁶¹ ≤ p and hi = ⌊z / 2⁶¹⌋ ≤ p − 3, so
    /// hi + lo < 2p and one subtraction reduces it.
    #[inline]
    fn mul(&self, a: u64, b: u64) -> u64 {
        let z = a as u128 * b as u128;
        let s = ((z as u64) & P61) + (z >> 61) as u64;
        if s >= P61 {
            s - P61
        } else {
            s
        }
    }

    /// For any a < 2⁶⁴: (a mod 2⁶¹) + ⌊a / 2⁶¹⌋ ≤ p + 7 < 2p.
    #[inline]
    fn represent(&self, a: u64) -> u64 {
        let s = (a & P61) + (a >> 61);
        if s >= P61 {
            s - P61
        } else {
            s
        }
    }
}

/// Z/p for any modulus 1 ≤ p < 2⁶⁴ (prime for `inv` to succeed on every nonzero residue): a
/// product is reduced by one u128 remainder.
#[derive(Clone, Copy, Debug)]
pub struct WordPrime {
    p: u64,
}

impl WordPrime {
    /// Arithmetic modulo p.
    ///
    /// # Panics
    /// If p is 0.
    pub fn new(p: u64) -> WordPrime {
        assert!(p > 0, "modulus 0");
        WordPrime { p }
    }
}

impl Modulus for WordPrime {
    #[inline]
    fn modulus(&self) -> u64 {
        self.p
    }

    #[inline]
    fn mul(&self, a: u64, b: u64) -> u64 {
        ((a as u128 * b as u128) % self.p as u128) as u64
    }
}

/// Z/p in Montgomery form for an odd p < 2⁶² with R = 2⁶⁴ (Montgomery 1985): the residue a is
/// held as a·R mod p, and `mul(a·R, b·R)` = a·b·R mod p, in three machine multiplications and
/// no division. A plain residue times a Montgomery-form value is the plain product, which
/// `linalg::multimodular` uses to keep right-hand sides plain.
#[derive(Clone, Copy, Debug)]
pub struct Montgomery {
    p: u64,
    /// −p⁻¹ mod 2⁶⁴.
    neg_inv: u64,
    /// R² mod p.
    r2: u64,
    /// R mod p: the representation of 1.
    r: u64,
}

impl Montgomery {
    /// Montgomery arithmetic modulo p.
    ///
    /// # Panics
    /// If p is even or not below 2⁶².
    pub fn new(p: u64) -> Montgomery {
        assert!(p % 2 == 1 && p < 1 << 62, "Montgomery form needs an odd modulus below 2⁶²");
        // Newton's iteration doubles the correct low bits of p⁻¹ mod 2⁶⁴ (p odd: p·p ≡ 1 mod 8).
        let mut inv = p;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(p.wrapping_mul(inv)));
        }
        let plain = WordPrime::new(p);
        let r = ((1u128 << 64) % p as u128) as u64;
        Montgomery { p, neg_inv: inv.wrapping_neg(), r2: plain.mul(r, r), r }
    }

    /// t·R⁻¹ mod p for t < p·R (Montgomery's REDC): t + m·p ≡ 0 (mod R) with
    /// m = t·(−p⁻¹) mod R, and (t + m·p)/R < 2p, so one subtraction brings it below p.
    #[inline]
    pub fn reduce(&self, t: u128) -> u64 {
        debug_assert!(t < (self.p as u128) << 64, "REDC needs t < p·R");
        let m = (t as u64).wrapping_mul(self.neg_inv);
        // t + m·p < p·R + R·p = 2p·R < 2¹²⁷ (p < 2⁶²): no overflow.
        let u = ((t + m as u128 * self.p as u128) >> 64) as u64;
        if u >= self.p {
            u - self.p
        } else {
            u
        }
    }

    /// Σ_k a_k·b_k·R⁻¹ mod p for residues a_k, b_k < p (so, with the a_k in Montgomery form and
    /// the b_k plain, the plain Σ a_k b_k), with one REDC per four products instead of one per
    /// product: each product is below p² < p·2⁶², so four of them sum below p·R, within
    /// [`Montgomery::reduce`]'s bound; and REDC is additive mod p, as it multiplies by R⁻¹.
    ///
    /// # Panics
    /// In debug builds, if the lengths differ.
    #[inline]
    pub fn dot(&self, a: &[u64], b: &[u64]) -> u64 {
        debug_assert_eq!(a.len(), b.len(), "dot: lengths");
        let product = |x: u64, y: u64| x as u128 * y as u128;
        let (a4, b4) = (a.chunks_exact(4), b.chunks_exact(4));
        let (a_rest, b_rest) = (a4.remainder(), b4.remainder());
        let total = a4.zip(b4).fold(0, |acc, (x, y)| {
            let t = product(x[0], y[0]) + product(x[1], y[1]) + product(x[2], y[2]) + product(x[3], y[3]);
            self.add(acc, self.reduce(t))
        });
        let rest = a_rest.iter().zip(b_rest).map(|(&x, &y)| product(x, y)).sum::<u128>();
        self.add(total, self.reduce(rest))
    }
}

impl Modulus for Montgomery {
    #[inline]
    fn modulus(&self) -> u64 {
        self.p
    }

    /// a·b·R⁻¹ mod p: REDC of a·b < p² < p·R ([`Montgomery::reduce`]).
    #[inline]
    fn mul(&self, a: u64, b: u64) -> u64 {
        self.reduce(a as u128 * b as u128)
    }

    /// a·R mod p, as `mul(a mod p, R²)`.
    #[inline]
    fn represent(&self, a: u64) -> u64 {
        self.mul(a % self.p, self.r2)
    }

    /// a·R⁻¹ mod p, as `mul(a, 1)`.
    #[inline]
    fn residue(&self, a: u64) -> u64 {
        self.mul(a, 1)
    }

    #[inline]
    fn one(&self) -> u64 {
        self.r
    }
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
    let z = WordPrime::new(n);
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    BASES.iter().all(|&a| {
        let mut x = z.pow(a, d);
        if x == 1 || x == n - 1 {
            return true;
        }
        for _ in 1..s {
            x = z.mul(x, x);
            if x == n - 1 {
                return true;
            }
        }
        false
    })
}

/// The primes below 2⁶², in decreasing order (Miller–Rabin, [`is_prime`]).
pub fn primes() -> impl Iterator<Item = u64> {
    ((1u64 << 61) + 1..(1u64 << 62)).rev().step_by(2).filter(|&n| is_prime(n))
}

#[cfg(test)]
mod tests;
