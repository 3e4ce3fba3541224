//! Polynomial activations σ(x) = Σ_k c_k x^k with rational coefficients.

use super::Jet;
use crate::scalar::{Field, Ring, Q};
use std::fmt;

/// A polynomial with rational coefficients c_0, c_1, …, c_d (lowest degree first).
#[derive(Clone, Debug, PartialEq)]
pub struct Polynomial {
    c: Vec<Q>,
    dc: Vec<Q>,
    ddc: Vec<Q>,
}

fn derivative(c: &[Q]) -> Vec<Q> {
    c.iter().enumerate().skip(1).map(|(k, ck)| ck.scale_i64(k as i64)).collect()
}

/// Horner's rule: Σ c_k t^k over the field `S`.
pub(crate) fn horner<S: Field>(c: &[Q], t: &S) -> S {
    let mut it = c.iter().rev();
    let Some(top) = it.next() else { return S::zero() };
    let mut acc = S::from_q(top);
    for ck in it {
        acc = acc.mul(t).add(&S::from_q(ck));
    }
    acc
}

impl Polynomial {
    /// The polynomial with coefficients `c` (c\[k\] multiplies x^k); trailing zeros are kept
    /// as given (they do not change values).
    pub fn new(c: Vec<Q>) -> Polynomial {
        let dc = derivative(&c);
        let ddc = derivative(&dc);
        Polynomial { c, dc, ddc }
    }
    /// The coefficients c_0, c_1, ….
    pub fn coefficients(&self) -> &[Q] {
        &self.c
    }
    /// p(t).
    pub fn value<S: Field>(&self, t: &S) -> S {
        horner(&self.c, t)
    }
    /// p'(t).
    pub fn d1<S: Field>(&self, t: &S) -> S {
        horner(&self.dc, t)
    }
    /// p''(t).
    pub fn d2<S: Field>(&self, t: &S) -> S {
        horner(&self.ddc, t)
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
