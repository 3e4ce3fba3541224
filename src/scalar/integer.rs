//! `Z`: exact integers of any size, a thin wrapper over num-bigint's `BigInt`.
//!
//! Used for counts that overflow machine words (T(10, 40) of Şimşek et al. 2021 does not fit in
//! u128; symmetry spec A.4). Together with `rational.rs`, this is the only file that names
//! num-bigint.

use super::{Ring, Q};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::fmt;
use std::ops::{Add, Mul, Neg, Sub};

/// An exact integer.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Z(BigInt);

impl Z {
    /// 0.
    pub fn zero() -> Z {
        Z(BigInt::zero())
    }

    /// 1.
    pub fn one() -> Z {
        Z(BigInt::one())
    }

    /// The integer `n`.
    pub fn from_u64(n: u64) -> Z {
        Z(BigInt::from(n))
    }

    /// The integer `n`.
    pub fn from_i64(n: i64) -> Z {
        Z(BigInt::from(n))
    }

    /// n! (0! = 1).
    pub fn factorial(n: u64) -> Z {
        (1..=n).fold(Z::one(), |acc, k| acc * Z::from_u64(k))
    }

    /// The falling factorial (k)_r = k (k−1) ⋯ (k−r+1) (1 when r = 0, 0 when r > k).
    pub fn falling(k: u64, r: u64) -> Z {
        if r > k {
            return Z::zero();
        }
        ((k - r + 1)..=k).fold(Z::one(), |acc, j| acc * Z::from_u64(j))
    }

    /// The binomial coefficient C(n, k) (0 when k > n), by the multiplicative formula with exact
    /// division at every step (C(n, j+1) = C(n, j)·(n−j)/(j+1)).
    pub fn binomial(n: u64, k: u64) -> Z {
        if k > n {
            return Z::zero();
        }
        let k = k.min(n - k);
        let mut c = BigInt::one();
        for j in 0..k {
            c = c * BigInt::from(n - j) / BigInt::from(j + 1);
        }
        Z(c)
    }

    /// `self / rhs` when `rhs` divides `self`, otherwise `None` (also for `rhs = 0`).
    pub fn div_exact(&self, rhs: &Z) -> Option<Z> {
        if rhs.0.is_zero() {
            return None;
        }
        let (q, r) = self.0.div_rem(&rhs.0);
        r.is_zero().then_some(Z(q))
    }

    /// (a·d − b·c) / e, where e ≠ 0 divides a·d − b·c (Bareiss' fraction-free step: by
    /// Sylvester's identity the numerator is e times a minor of the original integer matrix).
    /// One exact division, skipped when e = ±1; the product b·c is skipped when b or c is 0.
    ///
    /// # Panics
    /// If e = 0. In debug builds, also if the division leaves a remainder (an invariant of the
    /// caller).
    pub fn bareiss_step(a: &Z, d: &Z, b: &Z, c: &Z, e: &Z) -> Z {
        let mut num = &a.0 * &d.0;
        if !b.0.is_zero() && !c.0.is_zero() {
            num -= &b.0 * &c.0;
        }
        if e.0.magnitude().is_one() {
            return if e.0.is_negative() { Z(-num) } else { Z(num) };
        }
        let q = &num / &e.0;
        debug_assert!(&q * &e.0 == num, "Bareiss division is not exact");
        Z(q)
    }

    /// `self^k`.
    pub fn pow(&self, k: u32) -> Z {
        Z(num_traits::pow(self.0.clone(), k as usize))
    }

    /// Whether the value is 0.
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    /// Whether the value is negative.
    pub fn is_negative(&self) -> bool {
        self.0.is_negative()
    }

    /// The value as a u64, if it fits.
    pub fn to_u64(&self) -> Option<u64> {
        self.0.to_u64()
    }

    /// The value as a u128, if it fits.
    pub fn to_u128(&self) -> Option<u128> {
        self.0.to_u128()
    }

    /// Number of bits of |self| (0 for 0).
    pub fn bits(&self) -> u64 {
        self.0.bits()
    }

    /// The nearest `f64` (for display only, never for a check).
    pub fn to_f64(&self) -> f64 {
        self.0.to_f64().unwrap_or(f64::INFINITY)
    }

    /// The residue of `self` modulo `p` (in 0..p; p > 0).
    pub fn residue(&self, p: u64) -> u64 {
        self.0.mod_floor(&BigInt::from(p)).to_u64().expect("a residue below p fits in u64")
    }

    /// The digits of `self` in base 2^`bits` (1 ≤ bits ≤ 62), least significant first, each
    /// carrying the sign of `self`: self = Σ_l d_l·2^(bits·l) with |d_l| < 2^bits (empty for 0).
    /// For products of a big integer by words in machine arithmetic (`linalg::dixon`).
    ///
    /// # Panics
    /// If `bits` is outside 1..=62.
    pub fn signed_digits(&self, bits: u32) -> Vec<i64> {
        assert!((1..=62).contains(&bits), "signed_digits needs 1 ≤ bits ≤ 62");
        let mask = (1u128 << bits) - 1;
        let sign = if self.0.is_negative() { -1 } else { 1 };
        let mut out = Vec::with_capacity(self.0.bits().div_ceil(bits as u64) as usize);
        // `window` holds the `held` low bits of the magnitude not yet emitted.
        let (mut window, mut held) = (0u128, 0u32);
        for limb in self.0.magnitude().iter_u64_digits() {
            window |= (limb as u128) << held;
            held += 64;
            while held >= bits {
                out.push(sign * (window & mask) as i64);
                window >>= bits;
                held -= bits;
            }
        }
        if window != 0 {
            out.push(sign * window as i64);
        }
        while out.last() == Some(&0) {
            out.pop();
        }
        out
    }

    /// The integer Σ_l c_l·2^(bits·l) (the inverse of [`Z::signed_digits`] when the c_l are
    /// its digits, but any i128 coefficients are allowed).
    pub fn from_scaled_sum(coefficients: &[i128], bits: u32) -> Z {
        let mut v = BigInt::zero();
        for &c in coefficients.iter().rev() {
            v <<= bits as usize;
            v += c;
        }
        Z(v)
    }

    /// ⌊√(m/2)⌋, the bound on |numerator| and denominator in [`Z::rational_reconstruction`]
    /// modulo m (m ≥ 0).
    pub fn reconstruction_bound(m: &Z) -> Z {
        Z((&m.0 >> 1usize).sqrt())
    }

    /// |self|.
    pub fn abs(&self) -> Z {
        Z(self.0.abs())
    }

    /// The residue of `self` modulo m > 0 in the symmetric range (−m/2, m/2].
    pub fn symmetric_mod(&self, m: &Z) -> Z {
        let r = self.0.mod_floor(&m.0);
        if &r + &r > m.0 {
            Z(r - &m.0)
        } else {
            Z(r)
        }
    }

    /// Rational reconstruction (Wang 1981; von zur Gathen and Gerhard, *Modern Computer
    /// Algebra*, §5.10): the fraction a/b with b > 0, |a|, b ≤ √(m/2) and a ≡ b·self (mod m),
    /// found by the extended Euclidean algorithm on (m, self mod m), or `None` when there is
    /// none. Such a fraction is unique when it exists (ibid., Theorem 5.26). Returns (a, b).
    pub fn rational_reconstruction(&self, m: &Z) -> Option<(Z, Z)> {
        let bound = Z::reconstruction_bound(m).0;
        // Invariant: r_k ≡ t_k · self (mod m).
        let (mut r0, mut r1) = (m.0.clone(), self.0.mod_floor(&m.0));
        let (mut t0, mut t1) = (BigInt::zero(), BigInt::one());
        while r1 > bound {
            let (q, r) = r0.div_rem(&r1);
            (r0, r1) = (r1, r);
            let t = &t0 - &q * &t1;
            (t0, t1) = (t1, t);
        }
        if t1.is_zero() || t1.abs() > bound || !r1.gcd(&t1).is_one() {
            return None;
        }
        let s = if t1.is_negative() { -BigInt::one() } else { BigInt::one() };
        Some((Z(r1 * &s), Z(t1 * s)))
    }

    /// The underlying big integer (for `Q`'s constructors in this module).
    pub(super) fn inner(&self) -> &BigInt {
        &self.0
    }

    /// The same integer as an exact rational.
    pub fn to_q(&self) -> Q {
        Q::parse(&self.0.to_string()).expect("the decimal text of an integer is a rational")
    }
}

/// Crate-internal access for the rational back end (`rational.rs`), which shares num-bigint.
impl Z {
    pub(super) fn from_big(n: BigInt) -> Z {
        Z(n)
    }

    pub(super) fn as_big(&self) -> &BigInt {
        &self.0
    }
}

/// Word-size conversions, signs and shifts (used by the certified inertia, `linalg::certified`).
impl Z {
    /// The integer `n`.
    pub fn from_i128(n: i128) -> Z {
        Z(BigInt::from(n))
    }

    /// The value, if it fits in an `i64`.
    pub fn to_i64(&self) -> Option<i64> {
        self.0.to_i64()
    }

    /// The value, if it fits in an `i128`.
    pub fn to_i128(&self) -> Option<i128> {
        self.0.to_i128()
    }

    /// −1, 0 or 1: the sign.
    pub fn signum(&self) -> i32 {
        match self.0.sign() {
            num_bigint::Sign::Minus => -1,
            num_bigint::Sign::NoSign => 0,
            num_bigint::Sign::Plus => 1,
        }
    }

    /// self · 2^k.
    pub fn shl(&self, k: u64) -> Z {
        Z(&self.0 << k)
    }

    /// self · 2^e as an `f64` (about 53 correct bits; ±∞ or 0 beyond the exponent range), for
    /// guesses only: the top 64 bits are converted, then scaled.
    pub fn to_f64_scaled(&self, e: i64) -> f64 {
        let drop = self.0.bits().saturating_sub(64);
        let top = (&self.0 >> drop).to_f64().unwrap_or(0.0);
        let exp = (e + drop as i64).clamp(-2200, 2200) as i32;
        // Two steps so that neither factor over- or underflows on its own.
        top * 2f64.powi(exp / 2) * 2f64.powi(exp - exp / 2)
    }
}

impl Z {
    /// The sign (true when negative) and the magnitude's little-endian 64-bit limbs (no high zero
    /// limb; none for 0), for [`super::limbs`].
    pub(crate) fn to_sign_limbs(&self) -> (bool, Vec<u64>) {
        (self.0.is_negative(), self.0.magnitude().iter_u64_digits().collect())
    }

    /// Appends |self|'s limbs (little-endian, no high zero limb) to `out`; returns whether self
    /// is negative.
    pub(crate) fn extend_magnitude(&self, out: &mut Vec<u64>) -> bool {
        out.extend(self.0.magnitude().iter_u64_digits());
        self.0.is_negative()
    }

    /// The integer ±Σ_k limbs\[k\]·2^(64k) (high zero limbs allowed).
    pub(crate) fn from_sign_limbs(negative: bool, limbs: &[u64]) -> Z {
        let sign = if negative { num_bigint::Sign::Minus } else { num_bigint::Sign::Plus };
        Z(BigInt::from_biguint(sign, magnitude_from_limbs(limbs)))
    }
}

/// Σ_k limbs\[k\]·2^(64k) (little-endian 64-bit limbs, high zero limbs allowed). Up to 16 limbs
/// the 32-bit halves go through a buffer on the stack, so the result is the only allocation.
#[inline]
pub(super) fn magnitude_from_limbs(limbs: &[u64]) -> num_bigint::BigUint {
    let halves = |l: &u64| [*l as u32, (*l >> 32) as u32];
    if limbs.len() <= 16 {
        let mut buf = [0u32; 32];
        for (pair, l) in buf.chunks_exact_mut(2).zip(limbs) {
            pair.copy_from_slice(&halves(l));
        }
        return num_bigint::BigUint::from_slice(&buf[..2 * limbs.len()]);
    }
    num_bigint::BigUint::new(limbs.iter().flat_map(halves).collect())
}

impl std::ops::AddAssign<&Z> for Z {
    fn add_assign(&mut self, rhs: &Z) {
        self.0 += &rhs.0;
    }
}

impl fmt::Display for Z {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Z {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<u64> for Z {
    fn from(n: u64) -> Z {
        Z::from_u64(n)
    }
}

macro_rules! binop {
    ($tr:ident, $f:ident) => {
        impl $tr<Z> for Z {
            type Output = Z;
            fn $f(self, rhs: Z) -> Z {
                Z(self.0.$f(rhs.0))
            }
        }
        impl $tr<&Z> for Z {
            type Output = Z;
            fn $f(self, rhs: &Z) -> Z {
                Z(self.0.$f(&rhs.0))
            }
        }
        impl $tr<&Z> for &Z {
            type Output = Z;
            fn $f(self, rhs: &Z) -> Z {
                Z((&self.0).$f(&rhs.0))
            }
        }
    };
}

binop!(Add, add);
binop!(Sub, sub);
binop!(Mul, mul);

impl Neg for Z {
    type Output = Z;
    fn neg(self) -> Z {
        Z(-self.0)
    }
}

/// Z is the initial ring: its ring operations are the integer ones (by reference, so `Z` can
/// stand wherever a [`Ring`] is asked for, e.g. in fraction-free elimination).
impl Ring for Z {
    fn zero() -> Z {
        Z::zero()
    }
    fn one() -> Z {
        Z::one()
    }
    fn from_i64(n: i64) -> Z {
        Z::from_i64(n)
    }
    fn add(&self, rhs: &Z) -> Z {
        self + rhs
    }
    fn sub(&self, rhs: &Z) -> Z {
        self - rhs
    }
    fn mul(&self, rhs: &Z) -> Z {
        self * rhs
    }
    fn neg(&self) -> Z {
        Z(-&self.0)
    }
    fn is_zero(&self) -> bool {
        Z::is_zero(self)
    }
}

impl std::iter::Sum for Z {
    fn sum<I: Iterator<Item = Z>>(iter: I) -> Z {
        iter.fold(Z::zero(), |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Z's ring operations agree with Q's on integers (the ring map Z → Q is a homomorphism),
    /// across the word boundary.
    #[test]
    fn ring_operations_of_z_agree_with_q_on_integers() {
        let xs = [0i128, 1, -1, 7, -(1 << 64), (1 << 64) + 3, i64::MAX as i128];
        for &x in &xs {
            for &y in &xs {
                let (a, b) = (Z::from_i128(x), Z::from_i128(y));
                let (p, q) = (a.to_q(), b.to_q());
                assert_eq!(Ring::add(&a, &b).to_q(), Ring::add(&p, &q));
                assert_eq!(Ring::sub(&a, &b).to_q(), Ring::sub(&p, &q));
                assert_eq!(Ring::mul(&a, &b).to_q(), Ring::mul(&p, &q));
                assert_eq!(Ring::neg(&a).to_q(), Ring::neg(&p));
                assert_eq!(Ring::is_zero(&a), Ring::is_zero(&p));
            }
        }
        assert_eq!(<Z as Ring>::one().to_q(), Q::one());
        assert_eq!(<Z as Ring>::from_i64(-5).scale_i64(3), Z::from_i64(-15));
    }

    #[test]
    fn factorials_binomials_and_falling_factorials_match_hand_values() {
        assert_eq!(Z::factorial(0), Z::one());
        assert_eq!(Z::factorial(5).to_u64(), Some(120));
        // 25! = 15511210043330985984000000 (overflows u64).
        assert_eq!(Z::factorial(25).to_string(), "15511210043330985984000000");
        assert_eq!(Z::binomial(10, 3).to_u64(), Some(120));
        assert_eq!(Z::binomial(3, 5), Z::zero());
        assert_eq!(Z::falling(5, 2).to_u64(), Some(20));
        assert_eq!(Z::falling(2, 3), Z::zero());
        assert_eq!(Z::falling(4, 0), Z::one());
    }

    #[test]
    fn signed_digits_rebuild_the_integer_and_symmetric_residues_are_centred() {
        // −(2⁷⁰ + 5) in base 2³¹: digits −5, 0, −2⁸ (70 = 2·31 + 8).
        let v = -(Z::from_u64(2).pow(70) + Z::from_u64(5));
        assert_eq!(v.signed_digits(31), vec![-5, 0, -(1 << 8)]);
        let wide: Vec<i128> = v.signed_digits(31).into_iter().map(i128::from).collect();
        assert_eq!(Z::from_scaled_sum(&wide, 31), v);
        assert!(Z::zero().signed_digits(31).is_empty());
        // Any i128 coefficients: 3·2⁶² − 1·2³¹ + 7.
        let w = Z::from_u64(3) * Z::from_u64(2).pow(62) - Z::from_u64(1 << 31) + Z::from_u64(7);
        assert_eq!(Z::from_scaled_sum(&[7, -1, 3], 31), w);
        // Residues mod 7 in (−7/2, 7/2]: 10 → 3, 11 → −3, −11 → 3.
        let seven = Z::from_u64(7);
        assert_eq!(Z::from_i64(10).symmetric_mod(&seven), Z::from_i64(3));
        assert_eq!(Z::from_i64(11).symmetric_mod(&seven), Z::from_i64(-3));
        assert_eq!(Z::from_i64(-11).symmetric_mod(&seven), Z::from_i64(3));
        // ⌊√(101/2)⌋ = 7.
        assert_eq!(Z::reconstruction_bound(&Z::from_u64(101)), Z::from_u64(7));
    }

    #[test]
    fn bareiss_steps_give_the_minors_of_a_hand_matrix() {
        // A = [[2, 1, 3], [4, 5, 6], [1, 7, 8]]. After pivot a₀₀ = 2 the active entries are the
        // 2 × 2 minors with row and column 0: det [[2, 1], [4, 5]] = 6, det [[2, 3], [4, 6]] = 0,
        // det [[2, 1], [1, 7]] = 13, det [[2, 3], [1, 8]] = 13. The next step divides by
        // a₀₀ = 2 and gives det A = 2(40 − 42) − 1(32 − 6) + 3(28 − 5) = −4 − 26 + 69 = 39.
        let z = Z::from_i64;
        let one = Z::one();
        let m11 = Z::bareiss_step(&z(2), &z(5), &z(4), &z(1), &one);
        let m12 = Z::bareiss_step(&z(2), &z(6), &z(4), &z(3), &one);
        let m21 = Z::bareiss_step(&z(2), &z(7), &z(1), &z(1), &one);
        let m22 = Z::bareiss_step(&z(2), &z(8), &z(1), &z(3), &one);
        assert_eq!([&m11, &m12, &m21, &m22].map(|v| v.to_i64().unwrap()), [6, 0, 13, 13]);
        assert_eq!(Z::bareiss_step(&m11, &m22, &m12, &m21, &z(2)), z(39));
        // Division by −1 and a zero off-diagonal pair.
        assert_eq!(Z::bareiss_step(&z(3), &z(5), &z(0), &z(9), &z(-1)), z(-15));
        // A big divisor: (2¹⁰⁰·3 − 2¹⁰⁰) / 2¹⁰⁰ = 2.
        let big = Z::from_u64(2).pow(100);
        assert_eq!(Z::bareiss_step(&big, &z(3), &big, &one, &big), z(2));
        assert_eq!(Z::bareiss_step(&big, &z(-3), &z(0), &z(0), &big), z(-3));
    }

    #[test]
    fn exact_division_refuses_a_remainder() {
        assert_eq!(Z::from_u64(12).div_exact(&Z::from_u64(4)), Some(Z::from_u64(3)));
        assert_eq!(Z::from_u64(12).div_exact(&Z::from_u64(5)), None);
        assert_eq!(Z::from_u64(12).div_exact(&Z::zero()), None);
        assert_eq!(Z::from_i64(-7).to_q(), Q::int(-7));
    }
}
