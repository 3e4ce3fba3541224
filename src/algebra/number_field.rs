//! `AlgNum`: exact arithmetic in Q(α) for one real algebraic number α, as a [`Field`].
//!
//! An element is a fraction n(α)/d(α) with n, d ∈ Q\[b\] reduced modulo the defining square-free
//! polynomial p of α (so degrees stay below deg p) and d(α) ≠ 0. When gcd(d, p) = 1 the fraction
//! is folded into n·d⁻¹ mod p (extended Euclid), so in the usual case d = 1. p need not be
//! irreducible: Q\[b\]/(p) is then not a field, but every decision is made at α itself —
//! n(α) = 0 and the sign of n(α) are decided exactly by [`IsolatedRoot`] — so the arithmetic is
//! that of the field Q(α) (for h ∈ Q\[b\], h(α) depends only on h mod p).
//!
//! Constants (`zero`, `one`, `from_q`) carry no α; binary operations adopt the α of the other
//! operand. Mixing two different α in one computation is an internal error (it panics).
//!
//! This is what the exact proofs of spec B.6 item 3 run on: the loss, gradient and Hessian of
//! the deep linear model are evaluated with `S = AlgNum` (and duals over it), so "the gradient
//! vanishes at the root b = α of (★)" is an exact statement.

use super::{IsolatedRoot, Poly};
use crate::scalar::{simplest_in, Exact, Field, Ring, Q};
use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

/// An element n(α)/d(α) of Q(α) (see the module docs).
#[derive(Clone)]
pub struct AlgNum {
    alpha: Option<Arc<IsolatedRoot>>,
    num: Poly,
    den: Poly,
}

impl AlgNum {
    /// α itself.
    pub fn generator(alpha: &Arc<IsolatedRoot>) -> AlgNum {
        AlgNum::from_poly(alpha, &Poly::x())
    }
    /// h(α) for a polynomial h.
    pub fn from_poly(alpha: &Arc<IsolatedRoot>, h: &Poly) -> AlgNum {
        AlgNum { alpha: Some(alpha.clone()), num: h.rem(alpha.poly()), den: Poly::constant(Q::one()) }
    }
    /// The algebraic number this element lives over (`None` for a rational constant).
    pub fn alpha(&self) -> Option<&Arc<IsolatedRoot>> {
        self.alpha.as_ref()
    }
    /// The representation (n, d): the element is n(α)/d(α).
    pub fn parts(&self) -> (&Poly, &Poly) {
        (&self.num, &self.den)
    }
    /// The element as a rational, if it is recognised as one. A constant representation is
    /// returned directly; otherwise the simplest rational in a tight enclosure (width < 2⁻⁶⁰)
    /// is tried and accepted only if `self − c = 0` is proved exactly. `None` means "not
    /// recognised" (an irrational value, or a rational of very large height).
    pub fn as_rational(&self) -> Option<Q> {
        if self.num.is_constant() && self.den.is_constant() {
            return Some(self.num.coeff(0).mul(&self.den.coeff(0).inv()?));
        }
        let width = Q::new(1, 1 << 30).mul(&Q::new(1, 1 << 30));
        let (lo, hi) = self.enclose_within(&width);
        let c = simplest_in(&lo, &hi);
        self.sub(&AlgNum::from_q(&c)).is_zero().then_some(c)
    }
    /// A rational interval of width below `width` containing the value (exact, refines α's
    /// isolating interval as far as needed).
    ///
    /// # Panics
    /// If `width` is not positive.
    pub fn enclose_within(&self, width: &Q) -> (Q, Q) {
        assert!(width.signum() > 0, "enclosure width must be positive");
        (0..)
            .step_by(8)
            .find_map(|steps| self.enclose(steps).filter(|(lo, hi)| &hi.sub(lo) < width))
            .expect("enclosures shrink to the value")
    }
    /// A float approximation (display only; never used in a decision).
    pub fn approx_f64(&self) -> f64 {
        match &self.alpha {
            None => self.num.coeff(0).to_f64() / self.den.coeff(0).to_f64(),
            Some(a) => {
                let x = a.approx_f64();
                let ev = |p: &Poly| p.coeffs().iter().rev().fold(0.0, |acc, c| acc * x + c.to_f64());
                ev(&self.num) / ev(&self.den)
            }
        }
    }

    /// A rational interval containing the value, from the isolating interval of α bisected
    /// `bisections` times and interval Horner evaluation of n and d; `None` if the interval of
    /// d still contains 0 (refine more). Exact rational interval arithmetic.
    pub fn enclose(&self, bisections: usize) -> Option<(Q, Q)> {
        let Some(a) = &self.alpha else {
            let v = self.num.coeff(0).mul(&self.den.coeff(0).inv()?);
            return Some((v.clone(), v));
        };
        let mut iv = (**a).clone();
        for _ in 0..bisections {
            if let Some(r) = iv.bisect() {
                let v = self.num.eval_q(&r).mul(&self.den.eval_q(&r).inv()?);
                return Some((v.clone(), v));
            }
        }
        let (n, d) = (interval_eval(&self.num, iv.lo(), iv.hi()), interval_eval(&self.den, iv.lo(), iv.hi()));
        if d.0.signum() * d.1.signum() <= 0 {
            return None;
        }
        let (di0, di1) = (d.1.inv()?, d.0.inv()?);
        Some(interval_mul(&n, &(di0, di1)))
    }

    fn merge(&self, rhs: &AlgNum) -> Option<Arc<IsolatedRoot>> {
        match (&self.alpha, &rhs.alpha) {
            (Some(a), Some(b)) => {
                assert!(Arc::ptr_eq(a, b) || a == b, "AlgNum: two different algebraic numbers in one computation");
                Some(a.clone())
            }
            (Some(a), None) | (None, Some(a)) => Some(a.clone()),
            (None, None) => None,
        }
    }

    /// Reduces modulo p and folds an invertible denominator into the numerator.
    fn make(alpha: Option<Arc<IsolatedRoot>>, num: Poly, den: Poly) -> AlgNum {
        let Some(a) = alpha else {
            let c = den.coeff(0).inv().expect("denominator is nonzero at α");
            return AlgNum { alpha: None, num: num.scale(&c), den: Poly::constant(Q::one()) };
        };
        let p = a.poly();
        let (num, den) = (num.rem(p), den.rem(p));
        if num.is_zero() {
            return AlgNum { alpha: Some(a), num, den: Poly::constant(Q::one()) };
        }
        if den.is_constant() {
            let c = den.coeff(0).inv().expect("denominator is nonzero at α");
            return AlgNum { alpha: Some(a), num: num.scale(&c), den: Poly::constant(Q::one()) };
        }
        let (g, s, _) = den.ext_gcd(p);
        if g.is_constant() {
            // s·den ≡ 1 (mod p).
            let num = num.mul(&s).rem(p);
            AlgNum { alpha: Some(a), num, den: Poly::constant(Q::one()) }
        } else {
            AlgNum { alpha: Some(a), num, den }
        }
    }
}

fn interval_mul(x: &(Q, Q), y: &(Q, Q)) -> (Q, Q) {
    let p = [x.0.mul(&y.0), x.0.mul(&y.1), x.1.mul(&y.0), x.1.mul(&y.1)];
    (p.iter().min().expect("four products").clone(), p.iter().max().expect("four products").clone())
}

/// An interval containing {h(x) : lo ≤ x ≤ hi} (interval Horner scheme).
fn interval_eval(h: &Poly, lo: &Q, hi: &Q) -> (Q, Q) {
    h.coeffs().iter().rev().fold((Q::zero(), Q::zero()), |acc, c| {
        let (a, b) = interval_mul(&acc, &(lo.clone(), hi.clone()));
        (a.add(c), b.add(c))
    })
}

impl Ring for AlgNum {
    fn zero() -> AlgNum {
        AlgNum { alpha: None, num: Poly::zero(), den: Poly::constant(Q::one()) }
    }
    fn one() -> AlgNum {
        AlgNum::from_q(&Q::one())
    }
    fn from_i64(n: i64) -> AlgNum {
        AlgNum::from_q(&Q::int(n))
    }
    fn add(&self, rhs: &AlgNum) -> AlgNum {
        let a = self.merge(rhs);
        if self.den == rhs.den {
            return AlgNum::make(a, self.num.add(&rhs.num), self.den.clone());
        }
        AlgNum::make(a, self.num.mul(&rhs.den).add(&rhs.num.mul(&self.den)), self.den.mul(&rhs.den))
    }
    fn sub(&self, rhs: &AlgNum) -> AlgNum {
        self.add(&rhs.neg())
    }
    fn mul(&self, rhs: &AlgNum) -> AlgNum {
        AlgNum::make(self.merge(rhs), self.num.mul(&rhs.num), self.den.mul(&rhs.den))
    }
    fn neg(&self) -> AlgNum {
        AlgNum { alpha: self.alpha.clone(), num: self.num.neg(), den: self.den.clone() }
    }
    fn is_zero(&self) -> bool {
        match &self.alpha {
            _ if self.num.is_zero() => true,
            _ if self.num.is_constant() => false,
            None => false,
            Some(a) => a.is_root_of(&self.num),
        }
    }
}

impl Field for AlgNum {
    fn from_q(q: &Q) -> AlgNum {
        AlgNum { alpha: None, num: Poly::constant(q.clone()), den: Poly::constant(Q::one()) }
    }
    fn inv(&self) -> Option<AlgNum> {
        if self.is_zero() {
            return None;
        }
        Some(AlgNum::make(self.alpha.clone(), self.den.clone(), self.num.clone()))
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        let sign = |p: &Poly| match &self.alpha {
            _ if p.is_constant() => p.coeff(0).signum().cmp(&0),
            None => p.coeff(0).signum().cmp(&0),
            Some(a) => a.sign_of(p),
        };
        let (n, d) = (sign(&self.num), sign(&self.den));
        Some(if d == Ordering::Less { n.reverse() } else { n })
    }
}

impl PartialEq for AlgNum {
    /// Equality of the values in Q(α) (not of the representations).
    fn eq(&self, rhs: &AlgNum) -> bool {
        self.sub(rhs).is_zero()
    }
}

impl Exact for AlgNum {}

impl fmt::Debug for AlgNum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den.is_constant() {
            write!(f, "[{}]", self.num.display("α"))
        } else {
            write!(f, "[({}) / ({})]", self.num.display("α"), self.den.display("α"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_in_q_sqrt2_is_exact() {
        // α = √2: (1 + α)(α − 1) = 1, (1 + α)⁻¹ = α − 1, α² = 2.
        let alpha = Arc::new(IsolatedRoot::new(Poly::from_i64s(&[-2, 0, 1]), Q::int(1), Q::int(2)).unwrap());
        let a = AlgNum::generator(&alpha);
        let one = AlgNum::one();
        assert_eq!(one.add(&a).mul(&a.sub(&one)), one);
        assert_eq!(one.add(&a).inv().unwrap(), a.sub(&one));
        assert_eq!(a.mul(&a), AlgNum::from_i64(2));
        assert_eq!(a.sub(&AlgNum::from_q(&Q::new(3, 2))).primal_cmp_zero(), Some(Ordering::Less));
    }

    #[test]
    fn reducible_modulus_decides_at_the_chosen_root() {
        // p = (b − 1)(b² − 2), α = √2 ∈ (5/4, 2): b − 1 is not invertible mod p but is at α.
        let p = Poly::from_i64s(&[-1, 1]).mul(&Poly::from_i64s(&[-2, 0, 1]));
        let alpha = Arc::new(IsolatedRoot::new(p, Q::new(5, 4), Q::int(2)).unwrap());
        let a = AlgNum::generator(&alpha);
        let t = a.sub(&AlgNum::one());
        assert!(!t.is_zero());
        let ti = t.inv().unwrap();
        assert_eq!(ti.mul(&t), AlgNum::one());
        assert_eq!(ti, a.add(&AlgNum::one())); // 1/(√2 − 1) = √2 + 1
        assert!(a.mul(&a).sub(&AlgNum::from_i64(2)).is_zero());
    }
}
