//! Why a case is not one a claim applies to: the error side of generating a case and of judging
//! one ([`Inapplicable`]). It ends as the reason of [`Outcome::NotApplicable`] or
//! [`Recheck::NotApplicable`], worded by its `Display`.
//!
//! [`Outcome::NotApplicable`]: super::Outcome::NotApplicable
//! [`Recheck::NotApplicable`]: super::Recheck::NotApplicable

use crate::embed::EmbedError;
use crate::net::{EvalError, ShapeError};
use std::fmt;
use std::sync::Arc;

/// Why a generated or stored case is not one the claim applies to.
#[derive(Clone, Debug)]
pub enum Inapplicable {
    /// A hypothesis of the claim fails on the case (or the generator could not draw a case meeting
    /// it); the words say which.
    Hypothesis(String),
    /// The case's network cannot be evaluated on its data (shapes, a pole, a float-only σ).
    Eval(EvalError),
    /// A width embedding of the case cannot be built or applied.
    Embed(EmbedError),
    /// Another operator of the case (a depth lifting, a symmetry, a linear model, …) cannot be
    /// built: that domain's own error.
    Operator(Arc<dyn std::error::Error + Send + Sync>),
}

impl Inapplicable {
    /// A domain operator's own error.
    pub fn operator(e: impl std::error::Error + Send + Sync + 'static) -> Inapplicable {
        Inapplicable::Operator(Arc::new(e))
    }
}

impl fmt::Display for Inapplicable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Inapplicable::Hypothesis(why) => f.write_str(why),
            Inapplicable::Eval(e) => write!(f, "{e}"),
            Inapplicable::Embed(e) => write!(f, "{e}"),
            Inapplicable::Operator(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Inapplicable {}

/// Compared by wording: two reasons are the same when they read the same.
impl PartialEq for Inapplicable {
    fn eq(&self, other: &Inapplicable) -> bool {
        self.to_string() == other.to_string()
    }
}

impl From<EvalError> for Inapplicable {
    fn from(e: EvalError) -> Inapplicable {
        Inapplicable::Eval(e)
    }
}

impl From<crate::activation::FloatOnly> for Inapplicable {
    fn from(e: crate::activation::FloatOnly) -> Inapplicable {
        Inapplicable::Eval(EvalError::FloatOnly(e))
    }
}

impl From<ShapeError> for Inapplicable {
    fn from(e: ShapeError) -> Inapplicable {
        Inapplicable::Eval(EvalError::Shape(e))
    }
}

impl From<EmbedError> for Inapplicable {
    fn from(e: EmbedError) -> Inapplicable {
        Inapplicable::Embed(e)
    }
}

/// A loss family that does not fit the case.
impl From<crate::loss::draw::DrawError> for Inapplicable {
    fn from(e: crate::loss::draw::DrawError) -> Inapplicable {
        Inapplicable::Operator(Arc::new(e))
    }
}

/// A hypothesis written in place.
impl From<&str> for Inapplicable {
    fn from(why: &str) -> Inapplicable {
        Inapplicable::Hypothesis(why.to_string())
    }
}

/// A hypothesis written in place.
impl From<String> for Inapplicable {
    fn from(why: String) -> Inapplicable {
        Inapplicable::Hypothesis(why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_reads_as_its_source_error() {
        let pole = EvalError::Pole(crate::net::Site { layer: 2, neuron: 1, sample: 3 });
        assert_eq!(Inapplicable::from(pole.clone()).to_string(), pole.to_string());
        assert_eq!(Inapplicable::from("σ is not a polynomial").to_string(), "σ is not a polynomial");
        assert_ne!(Inapplicable::from("a"), Inapplicable::from("b"));
    }
}
