//! `Poly`: univariate polynomials with exact rational coefficients, Q\[b\].
//!
//! Dense representation, lowest degree first, no trailing zero coefficients (so the zero
//! polynomial has no coefficients). Division with remainder, the Euclidean algorithm, the
//! derivative and the square-free part are the textbook ones (e.g. von zur Gathen & Gerhard,
//! *Modern Computer Algebra*, ch. 3 and 14); everything is exact.

use crate::scalar::{Field, Ring, Q};
use std::fmt;

/// A polynomial c_0 + c_1 b + … + c_n b^n over Q (no trailing zero coefficients).
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Poly {
    coeffs: Vec<Q>,
}

impl Poly {
    /// The polynomial with coefficients `coeffs` (lowest degree first); trailing zeros are dropped.
    pub fn new(mut coeffs: Vec<Q>) -> Poly {
        while coeffs.last().is_some_and(Ring::is_zero) {
            coeffs.pop();
        }
        Poly { coeffs }
    }
    /// The polynomial with integer coefficients (lowest degree first).
    pub fn from_i64s(coeffs: &[i64]) -> Poly {
        Poly::new(coeffs.iter().map(|&c| Q::int(c)).collect())
    }
    /// The zero polynomial.
    pub fn zero() -> Poly {
        Poly { coeffs: Vec::new() }
    }
    /// The constant polynomial `c`.
    pub fn constant(c: Q) -> Poly {
        Poly::new(vec![c])
    }
    /// The monomial `c·b^k`.
    pub fn monomial(c: Q, k: usize) -> Poly {
        let mut coeffs = vec![Q::zero(); k + 1];
        coeffs[k] = c;
        Poly::new(coeffs)
    }
    /// The variable `b`.
    pub fn x() -> Poly {
        Poly::monomial(Q::one(), 1)
    }
    /// The coefficients, lowest degree first.
    pub fn coeffs(&self) -> &[Q] {
        &self.coeffs
    }
    /// Coefficient of b^k (zero past the degree).
    pub fn coeff(&self, k: usize) -> Q {
        self.coeffs.get(k).cloned().unwrap_or_else(Q::zero)
    }
    /// Whether this is the zero polynomial.
    pub fn is_zero(&self) -> bool {
        self.coeffs.is_empty()
    }
    /// The degree, or `None` for the zero polynomial.
    pub fn degree(&self) -> Option<usize> {
        self.coeffs.len().checked_sub(1)
    }
    /// Whether the degree is 0 or the polynomial is zero.
    pub fn is_constant(&self) -> bool {
        self.coeffs.len() <= 1
    }
    /// The leading coefficient (zero for the zero polynomial).
    pub fn leading(&self) -> Q {
        self.coeffs.last().cloned().unwrap_or_else(Q::zero)
    }
    /// `self + rhs`.
    pub fn add(&self, rhs: &Poly) -> Poly {
        let n = self.coeffs.len().max(rhs.coeffs.len());
        Poly::new((0..n).map(|i| self.coeff(i).add(&rhs.coeff(i))).collect())
    }
    /// `self − rhs`.
    pub fn sub(&self, rhs: &Poly) -> Poly {
        let n = self.coeffs.len().max(rhs.coeffs.len());
        Poly::new((0..n).map(|i| self.coeff(i).sub(&rhs.coeff(i))).collect())
    }
    /// `−self`.
    pub fn neg(&self) -> Poly {
        Poly { coeffs: self.coeffs.iter().map(Ring::neg).collect() }
    }
    /// `self · rhs`.
    pub fn mul(&self, rhs: &Poly) -> Poly {
        if self.is_zero() || rhs.is_zero() {
            return Poly::zero();
        }
        let mut out = vec![Q::zero(); self.coeffs.len() + rhs.coeffs.len() - 1];
        for (i, a) in self.coeffs.iter().enumerate() {
            if a.is_zero() {
                continue;
            }
            for (j, c) in rhs.coeffs.iter().enumerate() {
                out[i + j].add_assign(&a.mul(c));
            }
        }
        Poly::new(out)
    }
    /// `c · self`.
    pub fn scale(&self, c: &Q) -> Poly {
        Poly::new(self.coeffs.iter().map(|a| a.mul(c)).collect())
    }
    /// `self^k`.
    pub fn pow(&self, k: u32) -> Poly {
        (0..k).fold(Poly::constant(Q::one()), |acc, _| acc.mul(self))
    }
    /// The value at `x` (Horner's scheme from the leading coefficient, so no product with a
    /// zero accumulator is formed: an f64 ±∞ argument gives ±∞, not NaN), in any field
    /// containing Q.
    pub fn eval<S: Field>(&self, x: &S) -> S {
        let mut it = self.coeffs.iter().rev();
        let Some(top) = it.next() else { return S::zero() };
        it.fold(S::from_q(top), |acc, c| acc.mul(x).add(&S::from_q(c)))
    }
    /// The value at a rational `x`.
    pub fn eval_q(&self, x: &Q) -> Q {
        self.eval(x)
    }
    /// The formal derivative.
    pub fn derivative(&self) -> Poly {
        Poly::new(self.coeffs.iter().enumerate().skip(1).map(|(i, c)| c.scale_i64(i as i64)).collect())
    }
    /// Quotient and remainder of division by `d`: `self = q·d + r` with deg r < deg d.
    ///
    /// # Panics
    /// If `d` is the zero polynomial.
    pub fn div_rem(&self, d: &Poly) -> (Poly, Poly) {
        let dd = d.degree().expect("division by the zero polynomial");
        let lead_inv = d.leading().inv().expect("leading coefficient is nonzero");
        let mut r = self.coeffs.clone();
        if r.len() <= dd {
            return (Poly::zero(), self.clone());
        }
        let mut q = vec![Q::zero(); r.len() - dd];
        for k in (0..q.len()).rev() {
            let c = r[k + dd].mul(&lead_inv);
            if c.is_zero() {
                continue;
            }
            for (j, dj) in d.coeffs.iter().enumerate() {
                let v = r[k + j].sub(&c.mul(dj));
                r[k + j] = v;
            }
            q[k] = c;
        }
        r.truncate(dd);
        (Poly::new(q), Poly::new(r))
    }
    /// The remainder of division by `d`.
    ///
    /// # Panics
    /// If `d` is the zero polynomial.
    pub fn rem(&self, d: &Poly) -> Poly {
        self.div_rem(d).1
    }
    /// The monic multiple of `self` (the zero polynomial stays zero).
    pub fn monic(&self) -> Poly {
        match self.leading().inv() {
            Some(c) => self.scale(&c),
            None => Poly::zero(),
        }
    }
    /// The monic greatest common divisor (zero only if both are zero).
    pub fn gcd(&self, rhs: &Poly) -> Poly {
        let (mut a, mut b) = (self.clone(), rhs.clone());
        while !b.is_zero() {
            let r = a.rem(&b);
            a = b;
            b = r;
        }
        a.monic()
    }
    /// Extended Euclid: `(g, s, t)` with `s·self + t·rhs = g`, `g` the monic gcd.
    pub fn ext_gcd(&self, rhs: &Poly) -> (Poly, Poly, Poly) {
        let one = Poly::constant(Q::one());
        let (mut r0, mut r1) = (self.clone(), rhs.clone());
        let (mut s0, mut s1) = (one.clone(), Poly::zero());
        let (mut t0, mut t1) = (Poly::zero(), one);
        while !r1.is_zero() {
            let (q, r) = r0.div_rem(&r1);
            let s = s0.sub(&q.mul(&s1));
            let t = t0.sub(&q.mul(&t1));
            (r0, r1, s0, s1, t0, t1) = (r1, r, s1, s, t1, t);
        }
        match r0.leading().inv() {
            Some(c) => (r0.scale(&c), s0.scale(&c), t0.scale(&c)),
            None => (r0, s0, t0),
        }
    }
    /// The square-free part p / gcd(p, p′), made monic: the same roots, each simple.
    pub fn square_free(&self) -> Poly {
        if self.is_constant() {
            return self.monic();
        }
        let g = self.gcd(&self.derivative());
        self.div_rem(&g).0.monic()
    }
    /// The positive integer multiple of `self` with integer coefficients and the smallest common
    /// denominator cleared (coefficients multiplied by the lcm of their denominators).
    pub fn clear_denominators(&self) -> Poly {
        self.scale(&Q::lcm_denominators(&self.coeffs))
    }
    /// `self(b^k)`: substitutes b^k for b.
    pub fn compose_power(&self, k: usize) -> Poly {
        let mut out = vec![Q::zero(); self.coeffs.len().saturating_sub(1) * k + 1];
        for (i, c) in self.coeffs.iter().enumerate() {
            out[i * k] = c.clone();
        }
        Poly::new(out)
    }
    /// Text with the variable called `var`, highest degree first: `10b^4 - 5b + 1`.
    pub fn display(&self, var: &str) -> String {
        if self.is_zero() {
            return "0".to_string();
        }
        let mut s = String::new();
        for (k, c) in self.coeffs.iter().enumerate().rev() {
            if c.is_zero() {
                continue;
            }
            let neg = c.signum() < 0;
            let a = c.abs();
            if s.is_empty() {
                s.push_str(if neg { "-" } else { "" });
            } else {
                s.push_str(if neg { " - " } else { " + " });
            }
            let one = a == Q::one();
            let coef = if a.is_integer() { a.to_string() } else { format!("({a})") };
            match k {
                0 => s.push_str(&a.to_string()),
                1 => s.push_str(&format!("{}{var}", if one { String::new() } else { coef })),
                _ => s.push_str(&format!("{}{var}^{k}", if one { String::new() } else { coef })),
            }
        }
        s
    }
}

impl fmt::Display for Poly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display("b"))
    }
}

impl fmt::Debug for Poly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Poly({})", self.display("b"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horner_from_the_leading_coefficient_keeps_infinities_and_values() {
        // p(b) = b² − 3b + 2 = (b − 1)(b − 2): p(5) = 12 by hand, p(±∞) = +∞ (no 0·∞ formed).
        let p = Poly::from_i64s(&[2, -3, 1]);
        assert_eq!(p.eval_q(&Q::int(5)), Q::int(12));
        assert_eq!(p.eval(&f64::INFINITY), f64::INFINITY);
        assert_eq!(p.eval(&f64::NEG_INFINITY), f64::INFINITY);
        assert_eq!(Poly::x().eval(&f64::INFINITY), f64::INFINITY);
        assert_eq!(Poly::zero().eval(&3.0_f64), 0.0);
    }

    #[test]
    fn division_with_remainder_reconstructs_the_dividend() {
        // (b^3 - 2b + 5) = (b^2 + b - 1)(b - 1) + (-1 ... ) checked by recombination.
        let a = Poly::from_i64s(&[5, -2, 0, 1]);
        let d = Poly::from_i64s(&[-1, 1, 1]);
        let (q, r) = a.div_rem(&d);
        assert_eq!(q.mul(&d).add(&r), a);
        assert!(r.degree().unwrap() < 2);
    }

    #[test]
    fn gcd_of_products_is_the_common_factor() {
        // (b - 1)(b + 2) and (b - 1)(2b + 3): gcd b - 1.
        let f = Poly::from_i64s(&[-1, 1]);
        let a = f.mul(&Poly::from_i64s(&[2, 1]));
        let b = f.mul(&Poly::from_i64s(&[3, 2]));
        assert_eq!(a.gcd(&b), f);
        let (g, s, t) = a.ext_gcd(&b);
        assert_eq!(s.mul(&a).add(&t.mul(&b)), g);
    }

    #[test]
    fn square_free_part_removes_repeated_factors() {
        // (b - 1)^3 (b + 1) -> (b - 1)(b + 1) = b^2 - 1.
        let p = Poly::from_i64s(&[-1, 1]).pow(3).mul(&Poly::from_i64s(&[1, 1]));
        assert_eq!(p.square_free(), Poly::from_i64s(&[-1, 0, 1]));
    }

    #[test]
    fn display_writes_highest_degree_first() {
        assert_eq!(Poly::from_i64s(&[1, -5, 0, 0, 10]).to_string(), "10b^4 - 5b + 1");
        assert_eq!(Poly::new(vec![Q::new(-3, 2), Q::zero(), Q::one()]).to_string(), "b^2 - 3/2");
    }
}
