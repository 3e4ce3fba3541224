//! Integer kernels on [`Q`] and [`Z`] that skip the general field operations' normalisation:
//! numerator/denominator conversions and gcd/lcm for the fraction-free Hessian
//! (`hessian::integer`), the integer matrix DAD of fraction-free elimination ([`Q::scale_to_z`],
//! `linalg::inertia::bareiss`, whose steps are [`Z::bareiss_step`]), and residues modulo a
//! prime for the modular filters (`linalg::modular`, `linalg::singular`; the arithmetic mod p is
//! `scalar::prime_field`'s).
//! A child of `rational` because it works on `Q`'s num-rational representation.

use super::{gcd, mul_sign, quo, signed, Ring, Q, Z};
use crate::scalar::gcd::rem_u64;
use crate::scalar::{Modulus, WordPrime};
use num_bigint::Sign;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

/// Conversions between `Q` and numerator/denominator pairs of [`Z`], and gcd/lcm on `Z` with
/// this file's Lehmer gcd (for fraction-free kernels such as `hessian::integer`).
impl Q {
    /// The numerator as a [`Z`].
    pub fn numer_z(&self) -> Z {
        Z::from_big(self.0.numer().clone())
    }

    /// The (positive) denominator as a [`Z`].
    pub fn denom_z(&self) -> Z {
        Z::from_big(self.0.denom().clone())
    }

    /// [`Q::scale_to_z`] in machine words: numer · (l / denom) when the numerator fits an i64 and
    /// `l` a u64 (the product then fits an i128); `None` otherwise.
    ///
    /// # Panics
    /// If the denominator does not divide `l`.
    pub fn scale_to_word(&self, l: &Z) -> Option<i128> {
        let (n, den) = (self.0.numer().to_i64()?, self.0.denom().to_u64()?);
        let lw = l.as_big().to_u64()?;
        assert!(lw % den == 0, "{l} is not a multiple of the denominator {den}");
        Some(i128::from(n) * i128::from(lw / den))
    }

    /// n/d in lowest terms (one gcd).
    ///
    /// # Panics
    /// If `d` is 0.
    pub fn from_z_ratio(n: &Z, d: &Z) -> Q {
        let (n, d) = (n.as_big(), d.as_big());
        assert!(!d.is_zero(), "zero denominator");
        if n.is_zero() {
            return Q::zero();
        }
        let g = gcd(n.magnitude(), d.magnitude());
        let sign = mul_sign(n.sign(), d.sign());
        Q::from_reduced(signed(sign, quo(n.magnitude(), &g).into_owned()), quo(d.magnitude(), &g).into_owned())
    }
}

impl Z {
    /// gcd(|self|, |rhs|) ≥ 0 (gcd(0, 0) = 0).
    pub fn gcd(&self, rhs: &Z) -> Z {
        Z::from_big(signed(Sign::Plus, gcd(self.as_big().magnitude(), rhs.as_big().magnitude())))
    }

    /// lcm(|self|, |rhs|) for nonzero operands.
    pub fn lcm(&self, rhs: &Z) -> Z {
        if self == rhs {
            return Z::from_big(signed(Sign::Plus, self.as_big().magnitude().clone()));
        }
        let (x, y) = (self.as_big().magnitude(), rhs.as_big().magnitude());
        let g = gcd(x, y);
        // One divides the other (an lcm over samples that share their denominators): no division.
        if &g == y {
            return Z::from_big(signed(Sign::Plus, x.clone()));
        }
        if &g == x {
            return Z::from_big(signed(Sign::Plus, y.clone()));
        }
        Z::from_big(signed(Sign::Plus, quo(x, &g).into_owned() * y))
    }
}

/// Integer kernels for fraction-free linear algebra (`linalg::fast`): they skip the gcd
/// normalisation of general rational arithmetic, which dominates on large integers.
impl Q {
    /// `self · l` where `l` is an integer multiple of `self`'s denominator: an integer, computed
    /// as numer · (l / denom) with one exact division and no gcd.
    ///
    /// # Panics
    /// If `l` is not an integer (an internal invariant of the caller).
    pub fn scale_to_integer(&self, l: &Q) -> Q {
        assert!(l.0.is_integer(), "scale_to_integer by a non-integer");
        let k = l.0.numer() / self.0.denom();
        Q(BigRational::from_integer(self.0.numer() * k))
    }

    /// `self · l` as a [`Z`], where the integer `l` is a multiple of `self`'s denominator:
    /// numer · (l / denom), with one exact division and no gcd (in words when they suffice,
    /// [`Q::scale_to_word`]).
    ///
    /// # Panics
    /// If the denominator does not divide `l` (an internal invariant): always when both fit
    /// machine words ([`Q::scale_to_word`]), in debug builds otherwise.
    pub fn scale_to_z(&self, l: &Z) -> Z {
        if let Some(v) = self.scale_to_word(l) {
            return Z::from_big(num_bigint::BigInt::from(v));
        }
        let k = l.as_big() / self.0.denom();
        debug_assert!((&k * self.0.denom()) == *l.as_big(), "scale_to_z by a non-multiple of the denominator");
        Z::from_big(self.0.numer() * k)
    }

    /// The residue of `self` modulo the prime `p` (p < 2⁶³), or `None` when p divides the
    /// denominator.
    pub fn residue(&self, p: u64) -> Option<u64> {
        assert!(p > 1 && p < 1 << 63, "residue modulo p outside 2..2⁶³");
        let d = rem_u64(self.den().iter_u64_digits(), p);
        let n = rem_u64(self.0.numer().magnitude().iter_u64_digits(), p);
        let n = if self.0.numer().is_negative() && n != 0 { p - n } else { n };
        if d == 1 {
            return Some(n);
        }
        let z = WordPrime::new(p);
        Some(z.mul(n, z.inv(d)?))
    }
}
