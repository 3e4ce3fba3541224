//! How a critical point was proved to exist: the label reports carry (STYLE: evidence words).

use crate::activation::FloatActivation;

/// The arithmetic of the existence proof of a [`Report`](super::Report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proof {
    /// Everything in exact rational (interval) arithmetic: polynomial, rational and
    /// piecewise-linear σ.
    Exact,
    /// tanh, sigmoid, softplus: F(θ̃) and the Hessian over the box are enclosed by outward-rounded
    /// f64 interval arithmetic with σ, σ', σ'' from [`crate::activation::enclose_jet`]; the
    /// enclosures' endpoints (doubles, so exact rationals) then enter Krawczyk's inequality, which
    /// is decided exactly in Q.
    Enclosures(FloatActivation),
}

impl Proof {
    /// The short key of the JSON report and certificate: `"exact"` or `"enclosures"`.
    pub fn key(&self) -> &'static str {
        match self {
            Proof::Exact => "exact",
            Proof::Enclosures(_) => "enclosures",
        }
    }

    /// A sentence for human reports.
    pub fn describe(&self) -> &'static str {
        match self {
            Proof::Exact => "proved, exact rational interval arithmetic",
            Proof::Enclosures(_) => {
                "proved with rigorous enclosures: σ, σ', σ'' enclosed in outward-rounded f64 interval arithmetic, Krawczyk's inequality decided exactly in Q"
            }
        }
    }

    /// The assumption the proof rests on beyond written proofs, if any: softplus's value
    /// enclosure assumes libm's `exp` and `ln_1p` are within 4 ulps (module docs of
    /// `activation/interval.rs`); tanh and sigmoid rest on the proved kernel bound alone.
    pub fn assumption(&self) -> Option<&'static str> {
        match self {
            Proof::Enclosures(FloatActivation::Softplus) => Some(
                "softplus's value enclosure assumes libm's exp and ln_1p are each within 4 ulps (documented by libm implementations, not proved here)",
            ),
            _ => None,
        }
    }
}
