//! Closed intervals [lo, hi] with `f64` endpoints and outward rounding: every operation returns an
//! interval that contains every exact result of the operation on members of its operands.
//!
//! **Outward rounding without changing the rounding mode.** The processor rounds to nearest, and
//! a result r of a correctly rounded `+ − × ÷` satisfies |r − exact| ≤ ulp(r)/2 (for a subnormal or
//! zero r: at most half the subnormal spacing 2^{−1074}). So r.next_down() ≤ exact ≤ r.next_up()
//! ([`f64::next_down`], [`f64::next_up`]), also when r overflowed to ±∞ (next_down(+∞) is the largest
//! double, next_up(−∞) the most negative) — the functions of [`round`]. Sums and differences are
//! not widened when they are exact: Knuth's TwoSum gives the rounding error of a + b exactly, and
//! only its sign decides which way to step; likewise products, by Dekker's TwoProduct (Veltkamp's
//! split) where it is exact (no overflow in the split, no underflow).
//!
//! **Exact inputs.** [`Interval::from_q`] encloses a rational by the two doubles adjacent to it, or
//! by the point itself when the rational is a double (checked exactly in Q).
//!
//! **NaN.** An operation on a NaN endpoint, or an undefined one (0·∞, ∞ − ∞), gives NaN endpoints,
//! and NaN is kept through every later operation (the minima and maxima here do not drop a NaN as
//! `f64::min` does). A non-finite enclosure encloses nothing useful: [`Interval::is_finite`] is
//! what a verdict must check before it relies on one.
//!
//! Not crate `inari`: it needs a Haswell target CPU chosen at build time (this crate forbids
//! target-cpu flags and runs on any x86-64) and GMP/MPFR for its elementary functions.

use super::{f64_nearest, q_from_f64, Field, Ring, Q};
use std::cmp::Ordering;
use std::fmt;

/// Directed rounding of single operations on doubles, by next_up/next_down of the round-to-nearest
/// result (module docs). `up` results are ≥ the exact value, `down` results ≤ it; NaN stays NaN.
pub mod round {
    /// The rounded sum s = fl(a + b) and its exact error a + b − s (Knuth's TwoSum, exact in round
    /// to nearest when s is finite).
    #[inline]
    pub fn two_sum(a: f64, b: f64) -> (f64, f64) {
        let s = a + b;
        let bb = s - a;
        (s, (a - (s - bb)) + (b - bb))
    }
    /// An upper bound of the exact a + b.
    #[inline]
    pub fn add_up(a: f64, b: f64) -> f64 {
        let (s, e) = two_sum(a, b);
        // A non-finite sum has a NaN error: step anyway.
        if e > 0.0 || !s.is_finite() {
            s.next_up()
        } else {
            s
        }
    }
    /// A lower bound of the exact a + b.
    #[inline]
    pub fn add_down(a: f64, b: f64) -> f64 {
        let (s, e) = two_sum(a, b);
        if e < 0.0 || !s.is_finite() {
            s.next_down()
        } else {
            s
        }
    }
    /// An upper bound of the exact a − b.
    #[inline]
    pub fn sub_up(a: f64, b: f64) -> f64 {
        add_up(a, -b)
    }
    /// A lower bound of the exact a − b.
    #[inline]
    pub fn sub_down(a: f64, b: f64) -> f64 {
        add_down(a, -b)
    }
    /// Veltkamp's split of a into hi + lo, each with at most 26 significant bits (exact for
    /// |a| < 2^995, where 2^27·a cannot overflow).
    #[inline]
    fn split(a: f64) -> (f64, f64) {
        let c = 134_217_729.0 * a; // 2^27 + 1
        let hi = c - (c - a);
        (hi, a - hi)
    }
    /// The exact error a·b − p of p = fl(a·b) (Dekker's TwoProduct), when it is sure to be exact:
    /// |a|, |b| < 2^995 (no overflow in the split) and |p| ≥ 2^−900 (no partial product
    /// underflows, so the error is a double); `None` otherwise.
    #[inline]
    pub(super) fn product_error(a: f64, b: f64, p: f64) -> Option<f64> {
        const LIMIT: f64 = f64::from_bits((995 + 1023) << 52); // 2^995
        const TINY: f64 = f64::from_bits((1023 - 900) << 52); // 2^−900
        if !(a.abs() < LIMIT && b.abs() < LIMIT && p.abs() >= TINY && p.is_finite()) {
            return None;
        }
        let ((ah, al), (bh, bl)) = (split(a), split(b));
        Some(((ah * bh - p) + ah * bl + al * bh) + al * bl)
    }
    /// An upper bound of the exact a·b (the product itself when it is exact: a zero factor, or
    /// TwoProduct's error is 0).
    #[inline]
    pub fn mul_up(a: f64, b: f64) -> f64 {
        let r = a * b;
        if (a == 0.0 && b.is_finite()) || (b == 0.0 && a.is_finite()) {
            return 0.0;
        }
        match product_error(a, b, r) {
            Some(e) if e <= 0.0 => r,
            _ => r.next_up(),
        }
    }
    /// A lower bound of the exact a·b (the product itself when it is exact, as for [`mul_up`]).
    #[inline]
    pub fn mul_down(a: f64, b: f64) -> f64 {
        let r = a * b;
        if (a == 0.0 && b.is_finite()) || (b == 0.0 && a.is_finite()) {
            return 0.0;
        }
        match product_error(a, b, r) {
            Some(e) if e >= 0.0 => r,
            _ => r.next_down(),
        }
    }
    /// An upper bound of the exact a / b (b ≠ 0; a zero numerator gives 0 exactly).
    #[inline]
    pub fn div_up(a: f64, b: f64) -> f64 {
        if a == 0.0 && b != 0.0 && !b.is_nan() {
            0.0
        } else {
            (a / b).next_up()
        }
    }
    /// A lower bound of the exact a / b (b ≠ 0; a zero numerator gives 0 exactly).
    #[inline]
    pub fn div_down(a: f64, b: f64) -> f64 {
        if a == 0.0 && b != 0.0 && !b.is_nan() {
            0.0
        } else {
            (a / b).next_down()
        }
    }
    /// min(a, b), NaN if either is NaN (unlike `f64::min`, which drops a NaN).
    #[inline]
    pub fn min(a: f64, b: f64) -> f64 {
        if a.is_nan() || b.is_nan() {
            f64::NAN
        } else {
            a.min(b)
        }
    }
    /// max(a, b), NaN if either is NaN (unlike `f64::max`, which drops a NaN).
    #[inline]
    pub fn max(a: f64, b: f64) -> f64 {
        if a.is_nan() || b.is_nan() {
            f64::NAN
        } else {
            a.max(b)
        }
    }
    /// An upper bound of Higham's γ_k = k·u/(1 − k·u), u = 2^{−53} (k·u < ½), the relative error
    /// bound of k successive roundings.
    pub fn gamma_up(k: usize) -> f64 {
        let ku = k as f64 * (f64::EPSILON / 2.0);
        assert!(ku < 0.25, "gamma_up: k·u = {ku} is not small");
        // k·u and 1 − k·u are exact for k < 2^51 (multiples of 2^−53 below 1); one division.
        div_up(ku, 1.0 - ku)
    }
}

use round::{add_down, add_up, div_down, div_up, max, min, mul_down, mul_up, sub_down, sub_up};

/// A closed interval [lo, hi] of reals with double endpoints, an enclosure of an unknown exact
/// value (module docs). Endpoints may be ±∞; NaN endpoints mean "nothing is known".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    lo: f64,
    hi: f64,
}

impl Interval {
    /// [lo, hi]; NaN endpoints are kept (a NaN interval).
    ///
    /// # Panics
    /// If lo > hi.
    pub fn new(lo: f64, hi: f64) -> Interval {
        assert!(lo.partial_cmp(&hi) != Some(Ordering::Greater), "Interval::new: lower end {lo} above upper end {hi}");
        Interval { lo, hi }
    }
    /// The point interval [x, x].
    pub fn point(x: f64) -> Interval {
        Interval { lo: x, hi: x }
    }
    /// The interval with both ends NaN: nothing is known.
    pub fn nan() -> Interval {
        Interval { lo: f64::NAN, hi: f64::NAN }
    }
    /// The lower end.
    pub fn lo(&self) -> f64 {
        self.lo
    }
    /// The upper end.
    pub fn hi(&self) -> f64 {
        self.hi
    }
    /// Whether both ends are finite (so the interval is a bounded enclosure).
    pub fn is_finite(&self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }
    /// Whether the interval is a single double.
    pub fn is_point(&self) -> bool {
        self.lo == self.hi
    }
    /// Whether 0 lies in [lo, hi] (false for a NaN interval).
    pub fn contains_zero(&self) -> bool {
        self.lo <= 0.0 && 0.0 <= self.hi
    }
    /// Whether the double `x` lies in [lo, hi].
    pub fn contains(&self, x: f64) -> bool {
        self.lo <= x && x <= self.hi
    }
    /// Whether the rational `q` lies in [lo, hi], compared exactly in Q (false unless the interval
    /// is finite at the ends that matter: −∞ below and +∞ above contain everything).
    pub fn contains_q(&self, q: &Q) -> bool {
        let above_lo = match q_from_f64(self.lo) {
            Some(lo) => lo <= *q,
            None => self.lo == f64::NEG_INFINITY,
        };
        let below_hi = match q_from_f64(self.hi) {
            Some(hi) => *q <= hi,
            None => self.hi == f64::INFINITY,
        };
        above_lo && below_hi
    }
    /// The magnitude max(|lo|, |hi|): every member x has |x| ≤ it.
    pub fn mag(&self) -> f64 {
        max(self.lo.abs(), self.hi.abs())
    }
    /// The mignitude: 0 if the interval contains 0, else min(|lo|, |hi|), a lower bound of |x|
    /// for every member x.
    pub fn mig(&self) -> f64 {
        if self.contains_zero() {
            0.0
        } else {
            min(self.lo.abs(), self.hi.abs())
        }
    }
    /// An upper bound of the half-width (hi − lo)/2.
    pub fn half_width(&self) -> f64 {
        let d = sub_up(self.hi, self.lo);
        let h = d * 0.5;
        if h * 2.0 == d {
            h
        } else {
            h.next_up()
        }
    }
    /// A double inside the interval (near its midpoint), for display.
    pub fn midpoint(&self) -> f64 {
        if self.lo == self.hi {
            self.lo
        } else {
            0.5 * self.lo + 0.5 * self.hi
        }
    }
    /// The smallest interval containing both.
    pub fn hull(&self, other: &Interval) -> Interval {
        Interval { lo: min(self.lo, other.lo), hi: max(self.hi, other.hi) }
    }
    /// The intersection with [lo, hi] (a known range of the exact value, such as [−1, 1] for
    /// tanh); an empty intersection (impossible for a true enclosure) gives NaN.
    pub fn clamp(&self, lo: f64, hi: f64) -> Interval {
        let (l, h) = (max(self.lo, lo), min(self.hi, hi));
        if l > h {
            Interval::nan()
        } else {
            Interval { lo: l, hi: h }
        }
    }
    /// An enclosure of the rational `q`: the point when q is a double, otherwise the two doubles
    /// adjacent to it (with ±∞ beyond the largest double). Every comparison is exact, in Q.
    pub fn from_q(q: &Q) -> Interval {
        if let Some(i) = enclose_small(q) {
            return i;
        }
        enclose_near(q, q.to_f64()).unwrap_or_else(|| {
            enclose_near(q, f64_nearest(q)).expect("the nearest double is adjacent to q (scalar::f64_nearest)")
        })
    }
    /// {x²: x ∈ self}, enclosed.
    pub fn sqr(&self) -> Interval {
        if self.lo >= 0.0 {
            Interval { lo: mul_down(self.lo, self.lo), hi: mul_up(self.hi, self.hi) }
        } else if self.hi <= 0.0 {
            Interval { lo: mul_down(self.hi, self.hi), hi: mul_up(self.lo, self.lo) }
        } else if self.is_nan() {
            Interval::nan()
        } else {
            Interval { lo: 0.0, hi: max(mul_up(self.lo, self.lo), mul_up(self.hi, self.hi)) }
        }
    }
    /// {x·c: x ∈ self} for a double c, enclosed.
    pub fn scale(&self, c: f64) -> Interval {
        self.mul(&Interval::point(c))
    }
    /// {x/d: x ∈ self} for a double d > 0, enclosed.
    ///
    /// # Panics
    /// If d is not positive.
    pub fn div_positive(&self, d: f64) -> Interval {
        assert!(d > 0.0, "div_positive: {d} is not positive");
        Interval { lo: div_down(self.lo, d), hi: div_up(self.hi, d) }
    }
    fn is_nan(&self) -> bool {
        self.lo.is_nan() || self.hi.is_nan()
    }
}

/// The enclosure of q = n/d when |n| < 2^53 and d < 2^53 (so both are doubles), in a few
/// floating-point operations: x = fl(n/d) is correctly rounded, so q lies between x and its
/// neighbour on the side of the sign of n − d·x, which is exact: d·x = p + e exactly (Dekker's
/// TwoProduct; |p| ≈ |n| ≥ 1, no underflow), n − p is exact by Sterbenz's lemma (p is within a
/// factor 2 of n), so n − d·x = (n − p) − e has the sign of the comparison of two doubles.
/// `None` for other rationals.
fn enclose_small(q: &Q) -> Option<Interval> {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    let (n, d) = (q.numer().to_f64(), q.denom().to_f64());
    if !(n.abs() < LIMIT && d < LIMIT) {
        return None;
    }
    if d == 1.0 {
        return Some(Interval::point(n));
    }
    let x = n / d;
    let p = d * x;
    let e = round::product_error(d, x, p)?;
    Some(match (n - p).partial_cmp(&e)? {
        Ordering::Equal => Interval::point(x),
        Ordering::Greater => Interval { lo: x, hi: x.next_up() },
        Ordering::Less => Interval { lo: x.next_down(), hi: x },
    })
}

/// [x, x], [x⁻, x] or [x, x⁺] when the double x is q or adjacent to it (checked exactly in Q),
/// else `None` (x is not a faithful rounding of q).
fn enclose_near(q: &Q, x: f64) -> Option<Interval> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        // q lies beyond the largest double on x's side.
        let max = q_from_f64(f64::MAX).expect("finite");
        return if x > 0.0 && *q > max {
            Some(Interval { lo: f64::MAX, hi: f64::INFINITY })
        } else if x < 0.0 && *q < max.neg() {
            Some(Interval { lo: f64::NEG_INFINITY, hi: -f64::MAX })
        } else {
            None
        };
    }
    let xq = q_from_f64(x).expect("finite");
    match q.cmp(&xq) {
        Ordering::Equal => Some(Interval::point(x)),
        Ordering::Less => {
            let lo = x.next_down();
            q_from_f64(lo).map_or(lo == f64::NEG_INFINITY, |l| l <= *q).then_some(Interval { lo, hi: x })
        }
        Ordering::Greater => {
            let hi = x.next_up();
            q_from_f64(hi).map_or(hi == f64::INFINITY, |h| *q <= h).then_some(Interval { lo: x, hi })
        }
    }
}

impl Ring for Interval {
    fn zero() -> Interval {
        Interval::point(0.0)
    }
    fn one() -> Interval {
        Interval::point(1.0)
    }
    fn from_i64(n: i64) -> Interval {
        if n.unsigned_abs() <= 1 << 53 {
            Interval::point(n as f64)
        } else {
            Interval::from_q(&Q::int(n))
        }
    }
    fn add(&self, rhs: &Interval) -> Interval {
        Interval { lo: add_down(self.lo, rhs.lo), hi: add_up(self.hi, rhs.hi) }
    }
    fn sub(&self, rhs: &Interval) -> Interval {
        Interval { lo: sub_down(self.lo, rhs.hi), hi: sub_up(self.hi, rhs.lo) }
    }
    fn mul(&self, rhs: &Interval) -> Interval {
        let (a, b, c, d) = (self.lo, self.hi, rhs.lo, rhs.hi);
        // Neither factor straddles 0: the ends are products of known ends (Moore's table).
        let ends = match (a >= 0.0, b <= 0.0, c >= 0.0, d <= 0.0) {
            (true, _, true, _) => Some(((a, c), (b, d))),
            (true, _, _, true) => Some(((b, c), (a, d))),
            (_, true, true, _) => Some(((a, d), (b, c))),
            (_, true, _, true) => Some(((b, d), (a, c))),
            _ => None,
        };
        if let Some(((l1, l2), (h1, h2))) = ends {
            return Interval { lo: mul_down(l1, l2), hi: mul_up(h1, h2) };
        }
        let lo = min(min(mul_down(a, c), mul_down(a, d)), min(mul_down(b, c), mul_down(b, d)));
        let hi = max(max(mul_up(a, c), mul_up(a, d)), max(mul_up(b, c), mul_up(b, d)));
        Interval { lo, hi }
    }
    fn neg(&self) -> Interval {
        Interval { lo: -self.hi, hi: -self.lo }
    }
    fn is_zero(&self) -> bool {
        self.lo == 0.0 && self.hi == 0.0
    }
}

impl Field for Interval {
    fn from_q(q: &Q) -> Interval {
        Interval::from_q(q)
    }
    /// {1/x: x ∈ self} enclosed, or `None` when the interval contains 0 (some member has no
    /// inverse). A NaN interval gives a NaN interval.
    fn inv(&self) -> Option<Interval> {
        if self.is_nan() {
            Some(Interval::nan())
        } else if self.lo > 0.0 || self.hi < 0.0 {
            Some(Interval { lo: div_down(1.0, self.hi), hi: div_up(1.0, self.lo) })
        } else {
            None
        }
    }
    /// The sign shared by every member: `None` when the interval contains 0 and another number
    /// (the sign is not known) or is NaN.
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        if self.lo > 0.0 {
            Some(Ordering::Greater)
        } else if self.hi < 0.0 {
            Some(Ordering::Less)
        } else if self.is_zero() {
            Some(Ordering::Equal)
        } else {
            None
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:e}, {:e}]", self.lo, self.hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn q(x: f64) -> Q {
        q_from_f64(x).unwrap()
    }

    #[test]
    fn a_rational_is_enclosed_by_its_adjacent_doubles_or_is_a_point() {
        assert_eq!(Interval::from_q(&Q::new(-5, 2)), Interval::point(-2.5));
        let third = Interval::from_q(&Q::new(1, 3));
        assert_eq!(third.hi(), third.lo().next_up());
        assert!(third.contains_q(&Q::new(1, 3)) && !third.is_point());
        let huge = Q::int(2).pow(1100);
        assert_eq!(Interval::from_q(&huge), Interval::new(f64::MAX, f64::INFINITY));
        assert_eq!(Interval::from_q(&huge.neg()), Interval::new(f64::NEG_INFINITY, -f64::MAX));
        let tiny = Q::int(2).pow(-1100);
        assert_eq!(Interval::from_q(&tiny), Interval::new(0.0, 5e-324));
        let mut rng = Rng::new(5);
        for _ in 0..2000 {
            let v = Q::new(rng.range(-1 << 40, 1 << 40), rng.range(1, 1 << 30));
            let i = Interval::from_q(&v);
            assert!(i.contains_q(&v) && (i.is_point() || i.hi() == i.lo().next_up()), "{v} in {i}");
        }
    }

    #[test]
    fn operations_enclose_the_exact_results() {
        // Random doubles and rationals: every result contains the exact rational result.
        let mut rng = Rng::new(9);
        let draw = |rng: &mut Rng| {
            let v = Q::new(rng.range(-1 << 20, 1 << 20), rng.range(1, 1000));
            let scale = Q::int(2).pow(rng.range(-60, 60) as i32);
            v.mul(&scale)
        };
        for _ in 0..3000 {
            let (a, b) = (draw(&mut rng), draw(&mut rng));
            let (ia, ib) = (Interval::from_q(&a), Interval::from_q(&b));
            assert!(ia.add(&ib).contains_q(&a.add(&b)));
            assert!(ia.sub(&ib).contains_q(&a.sub(&b)));
            assert!(ia.mul(&ib).contains_q(&a.mul(&b)));
            assert!(ia.sqr().contains_q(&a.square()));
            if let (Some(inv), Some(qinv)) = (ib.inv(), b.inv()) {
                assert!(inv.contains_q(&qinv));
                assert!(ia.div(&ib).unwrap().contains_q(&a.div(&b).unwrap()));
            }
        }
    }

    #[test]
    fn exact_sums_stay_points_and_inexact_ones_step_the_right_way() {
        let one = Interval::point(1.0);
        assert_eq!(one.add(&Interval::point(2.0)), Interval::point(3.0));
        assert_eq!(one.mul(&Interval::zero()), Interval::zero());
        let tiny = Interval::point(2f64.powi(-60));
        let s = one.add(&tiny);
        assert_eq!((s.lo(), s.hi()), (1.0, 1.0f64.next_up()));
        let d = one.sub(&tiny);
        assert!(d.contains_q(&q(1.0).sub(&q(2f64.powi(-60)))) && d.hi() == 1.0);
    }

    #[test]
    fn exact_products_stay_points_and_inexact_ones_enclose() {
        assert_eq!(Interval::point(-0.25).mul(&Interval::point(-2.0)), Interval::point(0.5));
        // fl(1/3) < 1/3, so 3·fl(1/3) < 1 rounds up to 1: the lower end steps down.
        let p = Interval::point(3.0).mul(&Interval::point(1.0 / 3.0));
        assert_eq!((p.lo(), p.hi()), (1.0f64.next_down(), 1.0));
        let mut rng = Rng::new(17);
        for _ in 0..5000 {
            let x = f64::from_bits(rng.next_u64() >> 2) * if rng.coin() { 1.0 } else { -1.0 };
            let y = (rng.range(-1 << 40, 1 << 40) as f64) * 2f64.powi(rng.range(-80, 80) as i32);
            if !x.is_finite() || (x * y).abs() > 1e300 || (x * y).abs() < 1e-300 {
                continue;
            }
            let p = Interval::point(x).mul(&Interval::point(y));
            let exact = q(x).mul(&q(y));
            assert!(p.contains_q(&exact), "{x} * {y}");
            assert_eq!(p.is_point(), q_from_f64(x * y).unwrap() == exact, "{x} * {y}");
        }
    }

    #[test]
    fn overflow_and_nan_are_kept_not_dropped() {
        let big = Interval::point(f64::MAX);
        let s = big.add(&big);
        assert_eq!((s.lo(), s.hi()), (f64::MAX, f64::INFINITY));
        assert!(!s.is_finite());
        // 0·∞ is undefined: NaN, and NaN survives a later sum, product and hull.
        let nan = Interval::point(0.0).mul(&Interval::new(1.0, f64::INFINITY).add(&Interval::point(f64::INFINITY)));
        assert!(!nan.is_finite());
        let n = Interval::nan().mul(&Interval::point(2.0)).add(&Interval::point(1.0));
        assert!(n.lo().is_nan() && n.hi().is_nan());
        assert!(Interval::nan().hull(&Interval::point(1.0)).lo().is_nan());
    }

    #[test]
    fn signs_and_inverses_of_intervals_around_zero() {
        assert_eq!(Interval::new(-1.0, 1.0).inv(), None);
        assert_eq!(Interval::new(-1.0, 1.0).primal_cmp_zero(), None);
        assert_eq!(Interval::new(0.5, 1.0).primal_cmp_zero(), Some(Ordering::Greater));
        assert_eq!(Interval::new(-2.0, 3.0).sqr(), Interval::new(0.0, 9.0));
        assert_eq!(Interval::new(-2.0, 3.0).mig(), 0.0);
        assert_eq!(Interval::new(-2.0, -0.5).mig(), 0.5);
    }
}
