//! tanh, sigmoid and softplus over a [`Real`] field, with closed-form derivatives written so that
//! each keeps a small *relative* error in the tails: with s(t) = 1/(1 + e^{−t}) and
//! 1 − s(t) = s(−t),
//! - tanh' = 1 − tanh² = sech² = 4 s(2t) s(−2t), tanh'' = −2 tanh · tanh';
//! - s' = s(t) s(−t), s'' = s' (s(−t) − s(t)) (= s'(1 − 2s));
//! - softplus' = s(t), softplus'' = s(t) s(−t).
//!
//! The textbook forms 1 − tanh² and s(1 − s) subtract two numbers near 1 for large |t|: at t = 20,
//! tanh(20) rounds to 1 and 1 − tanh² gives 0 instead of sech²(20) ≈ 1.7·10⁻¹⁷, and the float
//! tolerances (which assume each factor is within a few roundings of its value, relatively)
//! would not hold. The product of two sigmoids has a relative error of a few ulps for every t.

use super::{FloatActivation, Jet};
use crate::scalar::Real;

/// Evaluator for a [`FloatActivation`] over a [`Real`] field.
#[derive(Clone, Copy, Debug)]
pub struct Smooth(pub FloatActivation);

impl Smooth {
    /// σ(t).
    pub fn value<S: Real>(&self, t: &S) -> S {
        match self.0 {
            FloatActivation::Tanh => t.tanh(),
            FloatActivation::Sigmoid => t.sigmoid(),
            FloatActivation::Softplus => t.softplus(),
        }
    }
    /// σ, σ', σ''.
    pub fn jet<S: Real>(&self, t: &S) -> Jet<S> {
        match self.0 {
            FloatActivation::Tanh => {
                let th = t.tanh();
                let two_t = t.scale_i64(2);
                let d1 = two_t.sigmoid().mul(&two_t.neg().sigmoid()).scale_i64(4);
                let d2 = th.mul(&d1).scale_i64(-2);
                Jet { value: th, d1, d2, kink: false }
            }
            FloatActivation::Sigmoid => {
                let (s, s_neg) = (t.sigmoid(), t.neg().sigmoid());
                let d1 = s.mul(&s_neg);
                let d2 = d1.mul(&s_neg.sub(&s));
                Jet { value: s, d1, d2, kink: false }
            }
            FloatActivation::Softplus => {
                let s = t.sigmoid();
                let d2 = s.mul(&t.neg().sigmoid());
                Jet { value: t.softplus(), d1: s, d2, kink: false }
            }
        }
    }
}
