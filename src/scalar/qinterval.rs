//! `QInterval`: closed intervals [lo, hi] with rational endpoints, for enclosures that must be
//! proofs (the existence certificate of `certify`).
//!
//! Arithmetic is exact interval arithmetic over Q (the sum, difference and product of intervals
//! contain every sum, difference and product of their members; Moore, *Interval Analysis*, 1966),
//! followed by an outward rounding of both endpoints to a dyadic grid of [`PRECISION_BITS`] bits
//! relative to their size, so endpoint sizes stay bounded: rounding lo down and hi up only
//! enlarges the interval, so every enclosure stays an enclosure. Every endpoint an operation
//! returns is dyadic (a non-dyadic one is rounded even when short), so later operations are on
//! dyadic numbers, whose gcds are powers of two; point intervals ([`QInterval::point`]) keep any
//! rational exactly.

use super::{Field, Ring, Q};
use std::cmp::Ordering;

/// Bits kept below the leading bit of an endpoint when it is rounded outward.
pub const PRECISION_BITS: i64 = 160;

/// The interval [lo, hi] (lo ≤ hi).
#[derive(Clone, Debug, PartialEq)]
pub struct QInterval {
    /// Lower endpoint.
    pub lo: Q,
    /// Upper endpoint.
    pub hi: Q,
}

/// x rounded toward −∞ (`down`) or +∞ to a multiple of 2^(e − PRECISION_BITS), e ≈ log2 |x|.
fn round(x: &Q, down: bool) -> Q {
    if x.is_zero() || x.dyadic_bits().is_some_and(|b| b < 2 * PRECISION_BITS as u64) {
        return x.clone();
    }
    let e = x.abs().log2_upper().expect("nonzero") - PRECISION_BITS;
    x.round_to_power_of_two(e, down)
}

impl QInterval {
    /// [lo, hi].
    ///
    /// # Panics
    /// If lo > hi (an internal invariant).
    pub fn new(lo: Q, hi: Q) -> QInterval {
        assert!(lo <= hi, "QInterval with lo > hi");
        QInterval { lo: round(&lo, true), hi: round(&hi, false) }
    }
    /// The point interval [x, x].
    pub fn point(x: &Q) -> QInterval {
        QInterval { lo: x.clone(), hi: x.clone() }
    }
    /// [c − r, c + r].
    pub fn ball(c: &Q, r: &Q) -> QInterval {
        QInterval::new(c.sub(r), c.add(r))
    }
    /// The midpoint.
    pub fn mid(&self) -> Q {
        self.lo.add(&self.hi).mul(&Q::new(1, 2))
    }
    /// max(|lo|, |hi|).
    pub fn mag(&self) -> Q {
        let (a, b) = (self.lo.abs(), self.hi.abs());
        if a > b {
            a
        } else {
            b
        }
    }
    /// Whether 0 ∈ [lo, hi].
    pub fn contains_zero(&self) -> bool {
        self.lo.signum() <= 0 && self.hi.signum() >= 0
    }
    /// Whether this interval lies in the open interval (−r, r).
    pub fn strictly_inside(&self, r: &Q) -> bool {
        self.lo > r.neg() && self.hi < *r
    }
}

impl Ring for QInterval {
    fn zero() -> Self {
        QInterval::point(&Q::zero())
    }
    fn one() -> Self {
        QInterval::point(&Q::one())
    }
    fn from_i64(n: i64) -> Self {
        QInterval::point(&Q::int(n))
    }
    fn add(&self, rhs: &Self) -> Self {
        QInterval::new(self.lo.add(&rhs.lo), self.hi.add(&rhs.hi))
    }
    fn sub(&self, rhs: &Self) -> Self {
        QInterval::new(self.lo.sub(&rhs.hi), self.hi.sub(&rhs.lo))
    }
    fn mul(&self, rhs: &Self) -> Self {
        if self.lo == self.hi && rhs.lo == rhs.hi {
            let p = self.lo.mul(&rhs.lo);
            return QInterval::new(p.clone(), p);
        }
        let c = [self.lo.mul(&rhs.lo), self.lo.mul(&rhs.hi), self.hi.mul(&rhs.lo), self.hi.mul(&rhs.hi)];
        let lo = c.iter().min().expect("four").clone();
        let hi = c.iter().max().expect("four").clone();
        QInterval::new(lo, hi)
    }
    fn neg(&self) -> Self {
        QInterval { lo: self.hi.neg(), hi: self.lo.neg() }
    }
    fn is_zero(&self) -> bool {
        self.lo.is_zero() && self.hi.is_zero()
    }
}

impl Field for QInterval {
    fn from_q(q: &Q) -> Self {
        QInterval::point(q)
    }
    /// 1/[lo, hi] = [1/hi, 1/lo] when 0 ∉ [lo, hi]; `None` otherwise.
    fn inv(&self) -> Option<Self> {
        if self.contains_zero() {
            return None;
        }
        Some(QInterval::new(self.hi.inv()?, self.lo.inv()?))
    }
    /// The sign when the whole interval has one; `None` when it contains 0 and is not {0}.
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        if self.lo.signum() > 0 {
            Some(Ordering::Greater)
        } else if self.hi.signum() < 0 {
            Some(Ordering::Less)
        } else if self.is_zero() {
            Some(Ordering::Equal)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_of_intervals_contain_every_product() {
        let a = QInterval::new(Q::int(-1), Q::int(2));
        let b = QInterval::new(Q::int(3), Q::int(5));
        let p = a.mul(&b);
        assert_eq!((p.lo.clone(), p.hi.clone()), (Q::int(-5), Q::int(10)));
        assert_eq!(a.sub(&a), QInterval::new(Q::int(-3), Q::int(3)), "no dependency tracking: a − a ≠ 0");
        assert!(a.inv().is_none());
        assert_eq!(b.inv().unwrap(), QInterval::new(Q::new(1, 5), Q::new(1, 3)));
    }

    #[test]
    fn outward_rounding_only_enlarges() {
        let x = Q::new(1, 3).pow(200);
        let i = QInterval::new(x.clone(), x.clone());
        assert!(i.lo <= x && x <= i.hi);
        // Both endpoints are dyadic with at most PRECISION_BITS + 1 significant bits.
        let bits = |q: &Q| q.dyadic_bits().expect("dyadic");
        assert!(bits(&i.lo) <= 161 && bits(&i.hi) <= 161, "{} {}", bits(&i.lo), bits(&i.hi));
    }

    #[test]
    fn short_dyadic_endpoints_stay_exact_and_others_become_dyadic() {
        let third = QInterval::new(Q::new(1, 3), Q::new(1, 3));
        assert!(third.lo < Q::new(1, 3) && Q::new(1, 3) < third.hi, "1/3 is not dyadic: enclosed strictly");
        assert!(third.hi.sub(&third.lo) < Q::int(2).pow(-150));
        assert!(third.lo.dyadic_bits().is_some() && third.hi.dyadic_bits().is_some());
        let eighth = QInterval::new(Q::new(-3, 8), Q::new(5, 8));
        assert_eq!((eighth.lo, eighth.hi), (Q::new(-3, 8), Q::new(5, 8)), "short dyadics are kept");
        assert_eq!(Q::new(7, 3).round_to_power_of_two(-2, true), Q::new(9, 4));
        assert_eq!(Q::new(7, 3).round_to_power_of_two(-2, false), Q::new(10, 4));
        assert_eq!(Q::new(-7, 3).round_to_power_of_two(-2, true), Q::new(-10, 4));
        assert_eq!(Q::int(37).round_to_power_of_two(3, false), Q::int(40));
    }
}
