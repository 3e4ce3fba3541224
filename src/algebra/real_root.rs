//! Real roots of rational polynomials: isolation by Sturm bisection, refinement, and exact sign
//! decisions at a root.
//!
//! A real algebraic number α is held as a square-free p ∈ Q\[b\] and a rational interval (lo, hi)
//! with p(lo)·p(hi) < 0 and exactly one root of p in it (Sturm's theorem, see [`super::sturm`]).
//! No floating point enters any decision: f64 values are produced for display only.
//!
//! Exact decisions used here:
//! - q(α) = 0 iff g = gcd(p, q) changes sign on (lo, hi): g divides the square-free p, so its
//!   roots in the interval are among those of p, i.e. α or nothing, and they are simple.
//! - If q(α) ≠ 0, bisecting until q has no root in [lo, hi] (Sturm count zero) terminates, and
//!   then sign q(α) = sign q(lo).
//! - A rational root u/v (lowest terms) of an integer polynomial has v dividing the leading
//!   coefficient c (rational root theorem), so once hi − lo < 1/c at most one candidate multiple
//!   of 1/c lies in the interval, and evaluating p there decides whether α is rational.

use super::sturm::Sturm;
use super::Poly;
use crate::scalar::{Field, Ring, Q};
use std::cmp::Ordering;
use std::fmt;

/// One real root α of a square-free polynomial p, isolated in (lo, hi).
#[derive(Clone, PartialEq)]
pub struct IsolatedRoot {
    p: Poly,
    lo: Q,
    hi: Q,
}

/// A real root: rational (exactly known) or algebraic (isolated).
#[derive(Clone, PartialEq, Debug)]
pub enum RealRoot {
    /// A rational root.
    Rational(Q),
    /// An irrational root, or one not recognised as rational, in an isolating interval.
    Algebraic(IsolatedRoot),
}

/// An interval that does not isolate exactly one root of a square-free polynomial: the
/// candidate [`IsolatedRoot::new`] refused.
#[derive(Clone, Debug)]
pub struct NotIsolating(pub Box<IsolatedRoot>);

impl fmt::Display for NotIsolating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.0;
        write!(f, "({}, {}) does not isolate exactly one root of the square-free {}", r.lo, r.hi, r.p)
    }
}

impl std::error::Error for NotIsolating {}

impl IsolatedRoot {
    /// The root of `p` in (lo, hi).
    ///
    /// # Errors
    /// A message if the invariant fails: `p` not square-free, an endpoint a root, or not
    /// exactly one root in (lo, hi).
    pub fn new(p: Poly, lo: Q, hi: Q) -> Result<IsolatedRoot, NotIsolating> {
        let r = IsolatedRoot { p: p.monic(), lo, hi };
        if r.is_valid() {
            Ok(r)
        } else {
            Err(NotIsolating(Box::new(r)))
        }
    }
    /// The invariant: p square-free and nonconstant, lo < hi, p(lo)·p(hi) < 0, one root inside.
    pub fn is_valid(&self) -> bool {
        !self.p.is_constant()
            && self.lo < self.hi
            && self.p.gcd(&self.p.derivative()).is_constant()
            && self.p.eval_q(&self.lo).signum() * self.p.eval_q(&self.hi).signum() < 0
            && Sturm::new(&self.p).count_open(&self.lo, &self.hi) == 1
    }
    /// The defining square-free polynomial (monic).
    pub fn poly(&self) -> &Poly {
        &self.p
    }
    /// Lower end of the isolating interval.
    pub fn lo(&self) -> &Q {
        &self.lo
    }
    /// Upper end of the isolating interval.
    pub fn hi(&self) -> &Q {
        &self.hi
    }
    /// Halves the isolating interval. If the midpoint is the root, returns it.
    pub fn bisect(&mut self) -> Option<Q> {
        let mid = self.lo.add(&self.hi).mul(&Q::new(1, 2));
        let s = self.p.eval_q(&mid).signum();
        if s == 0 {
            return Some(mid);
        }
        if s == self.p.eval_q(&self.lo).signum() {
            self.lo = mid;
        } else {
            self.hi = mid;
        }
        None
    }
    /// Bisects until hi − lo < `width`; returns the root if a midpoint hits it.
    pub fn refine_below(&mut self, width: &Q) -> Option<Q> {
        while &self.hi.sub(&self.lo) >= width {
            if let Some(r) = self.bisect() {
                return Some(r);
            }
        }
        None
    }
    /// Whether q(α) = 0 (exact: gcd and a sign change).
    pub fn is_root_of(&self, q: &Poly) -> bool {
        if q.is_zero() {
            return true;
        }
        let g = self.p.gcd(q);
        !g.is_constant() && g.eval_q(&self.lo).signum() * g.eval_q(&self.hi).signum() < 0
    }
    /// The sign of q(α), decided exactly.
    pub fn sign_of(&self, q: &Poly) -> Ordering {
        if self.is_root_of(q) {
            return Ordering::Equal;
        }
        let sturm = Sturm::new(&q.square_free());
        let mut iv = self.clone();
        loop {
            let (a, b) = (q.eval_q(&iv.lo), q.eval_q(&iv.hi));
            if a.signum() != 0 && b.signum() != 0 && sturm.count_open(&iv.lo, &iv.hi) == 0 {
                return a.signum().cmp(&0);
            }
            if let Some(r) = iv.bisect() {
                return q.eval_q(&r).signum().cmp(&0);
            }
        }
    }
    /// A float approximation (display only; never used in a decision).
    pub fn approx_f64(&self) -> f64 {
        let mut iv = self.clone();
        let scale = iv.hi.abs().add(&Q::one());
        let width = scale.mul(&Q::new(1, 1 << 30).mul(&Q::new(1, 1 << 25)));
        if let Some(r) = iv.refine_below(&width) {
            return r.to_f64();
        }
        iv.lo.add(&iv.hi).mul(&Q::new(1, 2)).to_f64()
    }
    /// If α is rational, returns it (rational root theorem, see the module docs).
    pub fn as_rational(&self) -> Option<Q> {
        let c = self.p.clear_denominators().leading().abs();
        let mut iv = self.clone();
        let width = c.inv().expect("leading coefficient is nonzero");
        if let Some(r) = iv.refine_below(&width) {
            return Some(r);
        }
        let cand = iv.lo.mul(&c).neg().floor().neg().mul(&width);
        (cand > iv.lo && cand < iv.hi && self.p.eval_q(&cand).is_zero()).then_some(cand)
    }
}

impl fmt::Debug for IsolatedRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "root of {} in ({}, {})", self.p, self.lo, self.hi)
    }
}

impl fmt::Display for IsolatedRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the root of {} in ({}, {}) (≈ {:.6})", self.p, self.lo, self.hi, self.approx_f64())
    }
}

impl RealRoot {
    /// A float approximation (display only).
    pub fn approx_f64(&self) -> f64 {
        match self {
            RealRoot::Rational(q) => q.to_f64(),
            RealRoot::Algebraic(r) => r.approx_f64(),
        }
    }
    /// The sign of q at this root, decided exactly.
    pub fn sign_of(&self, q: &Poly) -> Ordering {
        match self {
            RealRoot::Rational(x) => q.eval_q(x).signum().cmp(&0),
            RealRoot::Algebraic(r) => r.sign_of(q),
        }
    }
}

impl fmt::Display for RealRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RealRoot::Rational(q) => write!(f, "{q}"),
            RealRoot::Algebraic(r) => write!(f, "{r}"),
        }
    }
}

/// The real roots of `p` in the open interval (lo, hi), increasing, each exactly once; rational
/// roots are recognised and returned as [`RealRoot::Rational`].
///
/// # Panics
/// If `p` is the zero polynomial or `lo >= hi`.
pub fn roots_between(p: &Poly, lo: &Q, hi: &Q) -> Vec<RealRoot> {
    assert!(!p.is_zero() && lo < hi, "roots_between: zero polynomial or empty interval");
    let mut f = p.square_free();
    for x in [lo, hi] {
        if f.eval_q(x).is_zero() {
            f = f.div_rem(&Poly::new(vec![x.neg(), Q::one()])).0;
        }
    }
    let mut out = Vec::new();
    isolate(&f, lo.clone(), hi.clone(), &mut out);
    out.into_iter()
        .map(|r| match r {
            RealRoot::Algebraic(iv) => iv.as_rational().map_or(RealRoot::Algebraic(iv), RealRoot::Rational),
            rational => rational,
        })
        .collect()
}

/// Bisection on (lo, hi), where `f` is square-free and nonzero at both ends.
fn isolate(f: &Poly, lo: Q, hi: Q, out: &mut Vec<RealRoot>) {
    if f.is_constant() {
        return;
    }
    let n = Sturm::new(f).count_open(&lo, &hi);
    if n == 0 {
        return;
    }
    if n == 1 {
        out.push(RealRoot::Algebraic(IsolatedRoot { p: f.monic(), lo, hi }));
        return;
    }
    let mid = lo.add(&hi).mul(&Q::new(1, 2));
    if f.eval_q(&mid).is_zero() {
        let g = f.div_rem(&Poly::new(vec![mid.neg(), Q::one()])).0;
        isolate(&g, lo, mid.clone(), out);
        out.push(RealRoot::Rational(mid.clone()));
        isolate(&g, mid, hi, out);
    } else {
        isolate(f, lo, mid.clone(), out);
        isolate(f, mid, hi, out);
    }
}

/// Cauchy's bound 1 + max |c_i / c_n|: every complex root z has |z| < the bound.
pub fn root_bound(p: &Poly) -> Q {
    let lead = p.leading().inv().expect("nonzero polynomial");
    let n = p.degree().unwrap_or(0);
    p.coeffs()[..n].iter().map(|c| c.mul(&lead).abs()).max().unwrap_or_else(Q::zero).add(&Q::one())
}

/// The positive real roots of `p`, increasing (rational ones recognised).
///
/// # Panics
/// If `p` is the zero polynomial.
pub fn positive_roots(p: &Poly) -> Vec<RealRoot> {
    assert!(!p.is_zero(), "roots of the zero polynomial");
    if p.is_constant() {
        return Vec::new();
    }
    roots_between(p, &Q::zero(), &root_bound(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rational_roots_are_recognised_even_off_the_bisection_grid() {
        // (3b - 1)(b^2 - 2): roots 1/3 (rational) and √2 (isolated).
        let p = Poly::from_i64s(&[-1, 3]).mul(&Poly::from_i64s(&[-2, 0, 1]));
        let roots = positive_roots(&p);
        assert_eq!(roots.len(), 2);
        assert_eq!(roots[0], RealRoot::Rational(Q::new(1, 3)));
        let RealRoot::Algebraic(r) = &roots[1] else { panic!("√2 is irrational") };
        assert!(r.is_root_of(&Poly::from_i64s(&[-2, 0, 1])));
        assert_eq!(r.sign_of(&Poly::from_i64s(&[-141, 100])), Ordering::Greater); // √2 > 1.41
        assert_eq!(r.sign_of(&Poly::from_i64s(&[-142, 100])), Ordering::Less); // √2 < 1.42
    }

    #[test]
    fn signs_at_a_root_are_decided_when_the_other_polynomial_has_a_nearby_root() {
        // α = √2; q = b − 99/70 (99/70 ≈ 1.41428 > √2 ≈ 1.41421): q(α) < 0.
        let p = Poly::from_i64s(&[-2, 0, 1]);
        let r = IsolatedRoot::new(p, Q::int(1), Q::int(2)).unwrap();
        assert_eq!(r.sign_of(&Poly::new(vec![Q::new(-99, 70), Q::one()])), Ordering::Less);
        assert_eq!(r.sign_of(&Poly::new(vec![Q::new(-140, 99), Q::one()])), Ordering::Greater);
    }
}
