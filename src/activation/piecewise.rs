//! Piecewise-linear activations with one kink at 0: ReLU, leaky ReLU, identity.
//!
//! σ(x) = x for x > 0 and σ(x) = a·x for x < 0, with a = 0 (ReLU), a rational slope (leaky ReLU)
//! or a = 1 (identity, no kink). At x = 0 (a kink when a ≠ 1) embedcheck takes σ'(0) = 0, as the
//! contract says, and flags the point so that reports can name it.

use super::Jet;
use crate::scalar::{Field, Ring, Q};
use std::cmp::Ordering;
use std::fmt;

/// σ(x) = max-like piecewise-linear map with slope 1 right of 0 and `negative_slope` left of 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Piecewise {
    negative_slope: Q,
}

impl Piecewise {
    /// ReLU: slope 0 left of 0.
    pub fn relu() -> Piecewise {
        Piecewise { negative_slope: Q::zero() }
    }
    /// Leaky ReLU with the given slope left of 0.
    pub fn leaky(slope: Q) -> Piecewise {
        Piecewise { negative_slope: slope }
    }
    /// The identity σ(x) = x.
    pub fn identity() -> Piecewise {
        Piecewise { negative_slope: Q::one() }
    }
    /// The slope left of 0.
    pub fn negative_slope(&self) -> &Q {
        &self.negative_slope
    }
    /// Whether this is the identity (no kink).
    pub fn is_identity(&self) -> bool {
        self.negative_slope == Q::one()
    }
    /// Whether this is ReLU.
    pub fn is_relu(&self) -> bool {
        self.negative_slope.is_zero()
    }
    fn slope_at<S: Field>(&self, t: &S) -> (S, bool) {
        if self.is_identity() {
            return (S::one(), false);
        }
        match t.primal_cmp_zero() {
            Some(Ordering::Greater) => (S::one(), false),
            Some(Ordering::Less) => (S::from_q(&self.negative_slope), false),
            _ => (S::zero(), true),
        }
    }
    /// σ(t).
    pub fn value<S: Field>(&self, t: &S) -> S {
        let (slope, kink) = self.slope_at(t);
        if kink {
            // σ(0) = 0 for every member of the family; keep the tangent part on the
            // convention σ'(0) = 0.
            S::zero()
        } else {
            slope.mul(t)
        }
    }
    /// σ, σ', σ'' (σ'' = 0 everywhere, by convention at the kink).
    pub fn jet<S: Field>(&self, t: &S) -> Jet<S> {
        let (slope, kink) = self.slope_at(t);
        let value = if kink { S::zero() } else { slope.mul(t) };
        Jet { value, d1: slope, d2: S::zero(), kink }
    }
}

impl fmt::Display for Piecewise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_identity() {
            f.write_str("identity")
        } else if self.is_relu() {
            f.write_str("relu")
        } else {
            write!(f, "leaky_relu {}", self.negative_slope)
        }
    }
}
