//! Polynomial activations σ(x) = Σ_k c_k x^k with rational coefficients, on [`Poly`]: σ, σ' and
//! σ'' are three `Poly`s evaluated by Horner's scheme ([`Poly::eval`]).

use super::Jet;
use crate::algebra::Poly;
use crate::scalar::{Field, Q};
use std::fmt;

/// A polynomial activation with rational coefficients c_0, c_1, …, c_d (lowest degree first), as
/// written (trailing zeros kept, so that it prints as given).
#[derive(Clone, Debug, PartialEq)]
pub struct Polynomial {
    c: Vec<Q>,
    p: Poly,
    dp: Poly,
    ddp: Poly,
}

impl Polynomial {
    /// The polynomial with coefficients `c` (c\[k\] multiplies x^k); trailing zeros are kept
    /// as given (they do not change values).
    pub fn new(c: Vec<Q>) -> Polynomial {
        let p = Poly::new(c.clone());
        let dp = p.derivative();
        let ddp = dp.derivative();
        Polynomial { c, p, dp, ddp }
    }
    /// The coefficients c_0, c_1, … as given.
    pub fn coefficients(&self) -> &[Q] {
        &self.c
    }
    /// σ as an element of Q\[x\].
    pub fn poly(&self) -> &Poly {
        &self.p
    }
    /// p(t).
    pub fn value<S: Field>(&self, t: &S) -> S {
        self.p.eval(t)
    }
    /// p'(t).
    pub fn d1<S: Field>(&self, t: &S) -> S {
        self.dp.eval(t)
    }
    /// p''(t).
    pub fn d2<S: Field>(&self, t: &S) -> S {
        self.ddp.eval(t)
    }
    /// p, p', p'' at t.
    pub fn jet<S: Field>(&self, t: &S) -> Jet<S> {
        Jet { value: self.value(t), d1: self.d1(t), d2: self.d2(t), kink: false }
    }
}

impl fmt::Display for Polynomial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.c.iter().map(|q| q.to_canonical()).collect();
        write!(f, "[{}]", parts.join(", "))
    }
}
