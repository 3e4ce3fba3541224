//! Rational activations σ(x) = p(x)/q(x).
//!
//! Derivatives by the quotient rule: σ' = (p'q − pq')/q², σ'' = (p''q − pq'')/q² − 2q'σ'/q.

use super::{Jet, Pole, Polynomial};
use crate::scalar::Field;
use std::fmt;

/// σ = num/den with rational coefficients; undefined where `den` vanishes.
#[derive(Clone, Debug, PartialEq)]
pub struct RationalFunction {
    /// The numerator p.
    pub num: Polynomial,
    /// The denominator q (not the zero polynomial).
    pub den: Polynomial,
}

impl RationalFunction {
    /// p(t)/q(t).
    ///
    /// # Errors
    /// [`Pole`] when q(t) has zero primal value.
    pub fn value<S: Field>(&self, t: &S) -> Result<S, Pole> {
        self.num.value(t).div(&self.den.value(t)).ok_or(Pole)
    }
    /// σ, σ', σ'' at t.
    ///
    /// # Errors
    /// [`Pole`] when q(t) has zero primal value.
    pub fn jet<S: Field>(&self, t: &S) -> Result<Jet<S>, Pole> {
        let (p, p1, p2) = (self.num.value(t), self.num.d1(t), self.num.d2(t));
        let (q, q1, q2) = (self.den.value(t), self.den.d1(t), self.den.d2(t));
        let qi = q.inv().ok_or(Pole)?;
        let value = p.mul(&qi);
        // σ' = (p' − σ q')/q
        let d1 = p1.sub(&value.mul(&q1)).mul(&qi);
        // σ'' = (p'' − σ q'' − 2 σ' q')/q
        let d2 = p2.sub(&value.mul(&q2)).sub(&d1.mul(&q1).scale_i64(2)).mul(&qi);
        Ok(Jet { value, d1, d2, kink: false })
    }
}

impl fmt::Display for RationalFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}
