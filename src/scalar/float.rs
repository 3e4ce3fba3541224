//! `f64` as a [`Field`] and [`Real`]: the float path for tanh, sigmoid and softplus networks.

use super::{Field, Real, Ring, Q};
use std::cmp::Ordering;

impl Ring for f64 {
    fn zero() -> f64 {
        0.0
    }
    fn one() -> f64 {
        1.0
    }
    fn from_i64(n: i64) -> f64 {
        n as f64
    }
    fn add(&self, rhs: &f64) -> f64 {
        self + rhs
    }
    fn sub(&self, rhs: &f64) -> f64 {
        self - rhs
    }
    fn mul(&self, rhs: &f64) -> f64 {
        self * rhs
    }
    fn neg(&self) -> f64 {
        -self
    }
    fn is_zero(&self) -> bool {
        *self == 0.0
    }
}

impl Field for f64 {
    fn from_q(q: &Q) -> f64 {
        q.to_f64()
    }
    fn inv(&self) -> Option<f64> {
        if *self == 0.0 {
            None
        } else {
            Some(1.0 / self)
        }
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        self.partial_cmp(&0.0)
    }
}

impl Real for f64 {
    fn tanh(&self) -> f64 {
        f64::tanh(*self)
    }
    fn sigmoid(&self) -> f64 {
        if *self >= 0.0 {
            1.0 / (1.0 + (-self).exp())
        } else {
            let e = self.exp();
            e / (1.0 + e)
        }
    }
    fn softplus(&self) -> f64 {
        self.max(0.0) + (-self.abs()).exp().ln_1p()
    }
    fn exp(&self) -> f64 {
        f64::exp(*self)
    }
    fn ln(&self) -> f64 {
        f64::ln(*self)
    }
    fn primal_f64(&self) -> f64 {
        *self
    }
}

/// Higham's γ_k = k·u / (1 − k·u) with u = ε/2 = 2⁻⁵³ the unit roundoff of f64 (round to
/// nearest): k successive roundings of a product or sum multiply its exact value by some
/// θ with |θ| ≤ γ_k (Higham, *Accuracy and Stability of Numerical Algorithms*, Lemma 3.1),
/// valid while k·u < 1. Every float tolerance in embedcheck is built from it.
pub fn gamma(k: usize) -> f64 {
    let ku = k as f64 * (f64::EPSILON / 2.0);
    ku / (1.0 - ku)
}
