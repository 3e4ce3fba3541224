//! `QMal`: exact rationals on malachite's `Rational` (feature `malachite`), a second exact back
//! end beside [`Q`] for comparing bignum libraries on the same generic code.
//!
//! malachite (pure Rust; algorithms after GMP and FLINT) is licensed LGPL-3.0-only, so it is an
//! optional dependency of this MIT/Apache crate and never a default one. Everything written over
//! [`Field`] runs over `QMal` unchanged: the back-propagation `net::evaluate_with`, the Hessians
//! `hessian::hessian_with` and `hessian::hessian_tangent_with`, with the exact activations and
//! losses (which are generic over the field). Conversions to and from [`Q`] copy the 64-bit
//! limbs of numerator and denominator, so they are exact and need no gcd.

use super::{Exact, Field, Ring, Q};
use malachite_base::num::arithmetic::traits::{Reciprocal, Sign};
use malachite_base::num::basic::traits::{One, Zero};
use malachite_nz::natural::Natural;
use malachite_q::Rational;
use num_bigint::{BigInt, BigUint, Sign as BigSign};
use std::cmp::Ordering;
use std::fmt;

/// An exact rational on malachite's `Rational` (always in lowest terms with a positive
/// denominator, as malachite keeps it).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct QMal(Rational);

/// A num-bigint magnitude as a malachite `Natural` (limb for limb; malachite's limbs are 64-bit
/// unless its `32_bit_limbs` feature is on, which this crate does not enable).
fn natural(m: &BigUint) -> Natural {
    Natural::from_owned_limbs_asc(m.to_u64_digits())
}

/// A malachite `Natural` as a num-bigint magnitude.
fn biguint(n: &Natural) -> BigUint {
    BigUint::new(n.limbs().flat_map(|l| [l as u32, (l >> 32) as u32]).collect())
}

impl QMal {
    /// The exact image of a [`Q`] (numerator and denominator copied limb for limb).
    pub fn from_q(q: &Q) -> QMal {
        let (n, d) = q.parts();
        QMal(Rational::from_sign_and_naturals(n.sign() != BigSign::Minus, natural(n.magnitude()), natural(d)))
    }

    /// The same rational as a [`Q`] (exact; no gcd, malachite's values are already reduced).
    pub fn to_q(&self) -> Q {
        let (n, d) = self.0.numerator_and_denominator_ref();
        let sign = match self.0.sign() {
            Ordering::Less => BigSign::Minus,
            Ordering::Equal => BigSign::NoSign,
            Ordering::Greater => BigSign::Plus,
        };
        Q::from_reduced(BigInt::from_biguint(sign, biguint(n)), biguint(d))
    }

    /// The wrapped malachite `Rational`.
    pub fn inner(&self) -> &Rational {
        &self.0
    }

    /// Wraps a malachite `Rational`.
    pub fn from_rational(r: Rational) -> QMal {
        QMal(r)
    }
}

/// Canonical text as for [`Q`]: `"0"`, `"5"`, `"-3/4"`.
impl fmt::Display for QMal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// The canonical text (as [`Q`]'s `Debug`).
impl fmt::Debug for QMal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// malachite's own operations: each result is reduced by malachite (its gcds follow GMP's).
impl Ring for QMal {
    fn zero() -> QMal {
        QMal(Rational::ZERO)
    }
    fn one() -> QMal {
        QMal(Rational::ONE)
    }
    fn from_i64(n: i64) -> QMal {
        QMal(Rational::from(n))
    }
    fn add(&self, rhs: &QMal) -> QMal {
        QMal(&self.0 + &rhs.0)
    }
    fn sub(&self, rhs: &QMal) -> QMal {
        QMal(&self.0 - &rhs.0)
    }
    fn mul(&self, rhs: &QMal) -> QMal {
        QMal(&self.0 * &rhs.0)
    }
    fn neg(&self) -> QMal {
        QMal(-&self.0)
    }
    fn is_zero(&self) -> bool {
        self.0 == Rational::ZERO
    }
    fn add_assign(&mut self, rhs: &QMal) {
        self.0 += &rhs.0;
    }
}

impl Field for QMal {
    fn from_q(q: &Q) -> QMal {
        QMal::from_q(q)
    }
    fn inv(&self) -> Option<QMal> {
        (self.0 != Rational::ZERO).then(|| QMal((&self.0).reciprocal()))
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        Some(self.0.sign())
    }
}

impl Exact for QMal {}

#[cfg(test)]
mod tests {
    use super::QMal;
    use crate::scalar::back_end_tests::{conversions_round_trip, field_operations_agree};

    #[test]
    fn conversions_round_trip_exactly() {
        conversions_round_trip(QMal::from_q, QMal::to_q);
    }

    #[test]
    fn field_operations_agree_with_q() {
        field_operations_agree(QMal::from_q, QMal::to_q);
    }
}
