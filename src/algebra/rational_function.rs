//! `RatFn`: the field Q(b) of rational functions in one indeterminate, as a [`Field`].
//!
//! Used to compute with the self-consistency equation (★) of the deep linear model symbolically
//! (spec B.3): solving (k b^{2D} A + γ I) x = m over Q(b) gives each component of x as a
//! rational function, and the numerator of b^{2D−2}‖x‖² − 1 is the polynomial whose positive
//! roots are the candidate scales b.
//!
//! Representation: n/d in lowest terms with d monic. The order (needed by the [`Field`] trait,
//! never by a decision in embedcheck) is the one at b → +∞: the sign of the leading coefficient.

use super::Poly;
use crate::scalar::{Exact, Field, Ring, Q};
use std::cmp::Ordering;

/// A rational function n(b)/d(b) in lowest terms, d monic.
#[derive(Clone, PartialEq, Debug)]
pub struct RatFn {
    num: Poly,
    den: Poly,
}

impl RatFn {
    /// n/d reduced to lowest terms.
    ///
    /// # Panics
    /// If `den` is the zero polynomial.
    pub fn new(num: Poly, den: Poly) -> RatFn {
        assert!(!den.is_zero(), "rational function with zero denominator");
        let g = num.gcd(&den);
        let (mut n, mut d) = if g.is_constant() { (num, den) } else { (num.div_rem(&g).0, den.div_rem(&g).0) };
        let c = d.leading().inv().expect("nonzero denominator");
        n = n.scale(&c);
        d = d.scale(&c);
        if n.is_zero() {
            d = Poly::constant(Q::one());
        }
        RatFn { num: n, den: d }
    }
    /// The polynomial h as a rational function.
    pub fn poly(h: Poly) -> RatFn {
        RatFn { num: h, den: Poly::constant(Q::one()) }
    }
    /// The indeterminate b.
    pub fn x() -> RatFn {
        RatFn::poly(Poly::x())
    }
    /// The numerator (lowest terms).
    pub fn numer(&self) -> &Poly {
        &self.num
    }
    /// The monic denominator (lowest terms).
    pub fn denom(&self) -> &Poly {
        &self.den
    }
}

impl Ring for RatFn {
    fn zero() -> RatFn {
        RatFn::poly(Poly::zero())
    }
    fn one() -> RatFn {
        RatFn::poly(Poly::constant(Q::one()))
    }
    fn from_i64(n: i64) -> RatFn {
        RatFn::poly(Poly::constant(Q::int(n)))
    }
    fn add(&self, rhs: &RatFn) -> RatFn {
        if self.den == rhs.den {
            return RatFn::new(self.num.add(&rhs.num), self.den.clone());
        }
        RatFn::new(self.num.mul(&rhs.den).add(&rhs.num.mul(&self.den)), self.den.mul(&rhs.den))
    }
    fn sub(&self, rhs: &RatFn) -> RatFn {
        self.add(&rhs.neg())
    }
    fn mul(&self, rhs: &RatFn) -> RatFn {
        RatFn::new(self.num.mul(&rhs.num), self.den.mul(&rhs.den))
    }
    fn neg(&self) -> RatFn {
        RatFn { num: self.num.neg(), den: self.den.clone() }
    }
    fn is_zero(&self) -> bool {
        self.num.is_zero()
    }
}

impl Field for RatFn {
    fn from_q(q: &Q) -> RatFn {
        RatFn::poly(Poly::constant(q.clone()))
    }
    fn inv(&self) -> Option<RatFn> {
        (!self.num.is_zero()).then(|| RatFn::new(self.den.clone(), self.num.clone()))
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        Some(self.num.leading().signum().cmp(&0))
    }
}

impl Exact for RatFn {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::{solve, Matrix};

    #[test]
    fn solving_over_q_of_b_gives_the_resolvent() {
        // (b² + 1) x = 3: x = 3/(b² + 1).
        let b = RatFn::x();
        let a = Matrix::from_rows(vec![vec![b.mul(&b).add(&RatFn::one())]], 1);
        let x = solve(&a, &[RatFn::from_i64(3)]).unwrap();
        assert_eq!(x[0], RatFn::new(Poly::from_i64s(&[3]), Poly::from_i64s(&[1, 0, 1])));
    }
}
