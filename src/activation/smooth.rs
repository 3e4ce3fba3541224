//! tanh, sigmoid and softplus over a [`Real`] field, with closed-form derivatives:
//! tanh' = 1 − tanh², tanh'' = −2 tanh (1 − tanh²); s' = s(1 − s), s'' = s(1 − s)(1 − 2s) for the
//! sigmoid s; softplus' = s, softplus'' = s(1 − s).

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
        let one = S::one();
        match self.0 {
            FloatActivation::Tanh => {
                let th = t.tanh();
                let d1 = one.sub(&th.square());
                let d2 = th.mul(&d1).scale_i64(-2);
                Jet { value: th, d1, d2, kink: false }
            }
            FloatActivation::Sigmoid => {
                let s = t.sigmoid();
                let d1 = s.mul(&one.sub(&s));
                let d2 = d1.mul(&one.sub(&s.scale_i64(2)));
                Jet { value: s, d1, d2, kink: false }
            }
            FloatActivation::Softplus => {
                let s = t.sigmoid();
                let d2 = s.mul(&one.sub(&s));
                Jet { value: t.softplus(), d1: s, d2, kink: false }
            }
        }
    }
}
