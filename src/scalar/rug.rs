//! `QRug`: exact rationals on rug's `Rational`, that is GMP's `mpq_t` (feature `rug`), a third
//! exact back end beside [`Q`] for comparing bignum libraries on the same generic code.
//!
//! rug and GMP are LGPL-3.0-or-later, and rug builds GMP from its C sources (it needs a C
//! compiler and m4), so it is an optional dependency of this MIT/Apache crate and never a
//! default one. Everything written over [`Field`] runs over `QRug` unchanged. Conversions to and
//! from [`Q`] copy the 64-bit digits of numerator and denominator; GMP canonicalises on the way in.

use super::{Exact, Field, Ring, Q};
use num_bigint::{BigInt, BigUint, Sign};
use rug::integer::Order;
use rug::{Integer, Rational};
use std::cmp::Ordering;
use std::fmt;

/// An exact rational on GMP's `mpq_t` (always in lowest terms with a positive denominator).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct QRug(Rational);

/// A num-bigint integer as a GMP integer (digit for digit).
fn integer(sign: Sign, m: &BigUint) -> Integer {
    let i = Integer::from_digits(&m.to_u64_digits(), Order::Lsf);
    if sign == Sign::Minus {
        -i
    } else {
        i
    }
}

/// A GMP integer's magnitude as a num-bigint magnitude.
fn biguint(i: &Integer) -> BigUint {
    let mut digits = vec![0u64; i.significant_digits::<u64>()];
    i.write_digits(&mut digits, Order::Lsf);
    BigUint::new(digits.into_iter().flat_map(|l| [l as u32, (l >> 32) as u32]).collect())
}

impl QRug {
    /// The exact image of a [`Q`].
    pub fn from_q(q: &Q) -> QRug {
        let (n, d) = q.parts();
        QRug(Rational::from((integer(n.sign(), n.magnitude()), integer(Sign::Plus, d))))
    }

    /// The same rational as a [`Q`] (exact; no gcd, GMP's values are already reduced).
    pub fn to_q(&self) -> Q {
        let (n, d) = (self.0.numer(), self.0.denom());
        let sign = match n.cmp0() {
            Ordering::Less => Sign::Minus,
            Ordering::Equal => Sign::NoSign,
            Ordering::Greater => Sign::Plus,
        };
        Q::from_reduced(BigInt::from_biguint(sign, biguint(n)), biguint(d))
    }
}

/// Canonical text as for [`Q`]: `"0"`, `"5"`, `"-3/4"`.
impl fmt::Display for QRug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// The canonical text (as [`Q`]'s `Debug`).
impl fmt::Debug for QRug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// GMP's own operations: each result is canonicalised by GMP.
impl Ring for QRug {
    fn zero() -> QRug {
        QRug(Rational::new())
    }
    fn one() -> QRug {
        QRug(Rational::from(1))
    }
    fn from_i64(n: i64) -> QRug {
        QRug(Rational::from(n))
    }
    fn add(&self, rhs: &QRug) -> QRug {
        QRug(Rational::from(&self.0 + &rhs.0))
    }
    fn sub(&self, rhs: &QRug) -> QRug {
        QRug(Rational::from(&self.0 - &rhs.0))
    }
    fn mul(&self, rhs: &QRug) -> QRug {
        QRug(Rational::from(&self.0 * &rhs.0))
    }
    fn neg(&self) -> QRug {
        QRug(Rational::from(-&self.0))
    }
    fn is_zero(&self) -> bool {
        self.0.cmp0() == Ordering::Equal
    }
    fn add_assign(&mut self, rhs: &QRug) {
        self.0 += &rhs.0;
    }
}

impl Field for QRug {
    fn from_q(q: &Q) -> QRug {
        QRug::from_q(q)
    }
    fn inv(&self) -> Option<QRug> {
        (self.0.cmp0() != Ordering::Equal).then(|| QRug(Rational::from(self.0.recip_ref())))
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        Some(self.0.cmp0())
    }
}

impl Exact for QRug {}

#[cfg(test)]
mod tests {
    use super::QRug;
    use crate::scalar::back_end_tests::{conversions_round_trip, field_operations_agree};

    #[test]
    fn conversions_round_trip_exactly() {
        conversions_round_trip(QRug::from_q, QRug::to_q);
    }

    #[test]
    fn field_operations_agree_with_q() {
        field_operations_agree(QRug::from_q, QRug::to_q);
    }
}
