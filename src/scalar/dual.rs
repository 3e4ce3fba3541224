//! `Dual<S>`: dual numbers a + bε (ε² = 0) over any [`Field`], for forward-mode derivatives.
//!
//! embedcheck has its own dual number because the crates `dual_num` and `num-dual` accept only
//! `Copy` or float inner types, and exact derivatives need `Dual<Q>` (first derivatives) and
//! `Dual<Dual<Q>>` (second derivatives) over big rationals.
//!
//! Statement relied on: for a function built from field operations, f(a + bε) = f(a) + f'(a)bε
//! (Taylor expansion truncated at ε² = 0), so the ε part of the output is the directional
//! derivative, exactly when the field is exact.

use super::{Exact, Field, Real, Ring, Q};
use std::cmp::Ordering;

/// The dual number `re + eps·ε` with ε² = 0.
#[derive(Clone, PartialEq, Debug)]
pub struct Dual<S> {
    /// The primal (real) part.
    pub re: S,
    /// The tangent (ε) part: a directional derivative.
    pub eps: S,
}

impl<S: Field> Dual<S> {
    /// `re + eps·ε`.
    pub fn new(re: S, eps: S) -> Self {
        Dual { re, eps }
    }
    /// A constant: `re + 0ε`.
    pub fn constant(re: S) -> Self {
        Dual { re, eps: S::zero() }
    }
    /// A variable seeded with unit tangent: `re + 1ε`.
    pub fn variable(re: S) -> Self {
        Dual { re, eps: S::one() }
    }
    /// Applies a function with known value `f(re)` and derivative `f'(re)` (chain rule).
    pub fn chain(&self, value: S, derivative: S) -> Self {
        Dual { re: value, eps: derivative.mul(&self.eps) }
    }
}

impl<S: Field> Ring for Dual<S> {
    fn zero() -> Self {
        Dual::constant(S::zero())
    }
    fn one() -> Self {
        Dual::constant(S::one())
    }
    fn from_i64(n: i64) -> Self {
        Dual::constant(S::from_i64(n))
    }
    fn add(&self, rhs: &Self) -> Self {
        Dual { re: self.re.add(&rhs.re), eps: self.eps.add(&rhs.eps) }
    }
    fn sub(&self, rhs: &Self) -> Self {
        Dual { re: self.re.sub(&rhs.re), eps: self.eps.sub(&rhs.eps) }
    }
    /// (a + bε)(c + dε) = ac + (ad + bc)ε, skipping the products with an exactly zero tangent
    /// part (constants, and most parameters of a coordinate direction).
    fn mul(&self, rhs: &Self) -> Self {
        let eps = match (self.eps.is_zero(), rhs.eps.is_zero()) {
            (true, true) => S::zero(),
            (true, false) => self.re.mul(&rhs.eps),
            (false, true) => self.eps.mul(&rhs.re),
            (false, false) => self.re.mul(&rhs.eps).add(&self.eps.mul(&rhs.re)),
        };
        Dual { re: self.re.mul(&rhs.re), eps }
    }
    fn neg(&self) -> Self {
        Dual { re: self.re.neg(), eps: self.eps.neg() }
    }
    fn is_zero(&self) -> bool {
        self.re.is_zero() && self.eps.is_zero()
    }
}

impl<S: Field> Field for Dual<S> {
    fn from_q(q: &Q) -> Self {
        Dual::constant(S::from_q(q))
    }
    /// (a + bε)⁻¹ = a⁻¹ − b a⁻² ε; `None` when the primal part `a` is not invertible.
    fn inv(&self) -> Option<Self> {
        let r = self.re.inv()?;
        let eps = self.eps.mul(&r).mul(&r).neg();
        Some(Dual { re: r, eps })
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        self.re.primal_cmp_zero()
    }
}

impl<S: Exact> Exact for Dual<S> {}

impl<S: Real> Real for Dual<S> {
    fn tanh(&self) -> Self {
        let t = self.re.tanh();
        let d = S::one().sub(&t.square());
        self.chain(t, d)
    }
    fn sigmoid(&self) -> Self {
        let s = self.re.sigmoid();
        let d = s.mul(&S::one().sub(&s));
        self.chain(s, d)
    }
    fn softplus(&self) -> Self {
        let v = self.re.softplus();
        let d = self.re.sigmoid();
        self.chain(v, d)
    }
    fn exp(&self) -> Self {
        let e = self.re.exp();
        self.chain(e.clone(), e)
    }
    fn ln(&self) -> Self {
        let d = self.re.inv().unwrap_or_else(S::zero);
        self.chain(self.re.ln(), d)
    }
    fn primal_f64(&self) -> f64 {
        self.re.primal_f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dual_of_dual_gives_exact_second_derivative_of_a_cubic() {
        // f(x) = x^3 at x = 2/3: f' = 3x^2 = 4/3, f'' = 6x = 4.
        let x = Dual::new(Dual::new(Q::new(2, 3), Q::one()), Dual::new(Q::one(), Q::zero()));
        let f = x.mul(&x).mul(&x);
        assert_eq!(f.re.re, Q::new(8, 27));
        assert_eq!(f.re.eps, Q::new(4, 3));
        assert_eq!(f.eps.re, Q::new(4, 3));
        assert_eq!(f.eps.eps, Q::int(4));
    }

    #[test]
    fn dual_inverse_is_the_derivative_of_reciprocal() {
        // d/dx (1/x) at x = -2 is -1/4.
        let x = Dual::variable(Q::int(-2));
        let r = x.inv().unwrap();
        assert_eq!(r, Dual::new(Q::new(-1, 2), Q::new(-1, 4)));
        assert!(Dual::variable(Q::zero()).inv().is_none());
    }
}
