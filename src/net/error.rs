//! Errors of network construction and evaluation, naming the place (1-based, as in the papers).

use crate::activation::FloatOnly;
use std::fmt;

pub use crate::activation::Site;
pub use crate::shape::ShapeError;

/// Why an evaluation could not be carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalError {
    /// Shapes do not fit.
    Shape(ShapeError),
    /// A rational activation's denominator vanished at this pre-activation.
    Pole(Site),
    /// A float-only activation was asked for an exact result.
    FloatOnly(FloatOnly),
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Shape(e) => write!(f, "{e}"),
            EvalError::Pole(site) => {
                write!(f, "the rational activation's denominator vanishes at the pre-activation of {site}")
            }
            EvalError::FloatOnly(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for EvalError {}

impl From<ShapeError> for EvalError {
    fn from(e: ShapeError) -> EvalError {
        EvalError::Shape(e)
    }
}

impl From<FloatOnly> for EvalError {
    fn from(e: FloatOnly) -> EvalError {
        EvalError::FloatOnly(e)
    }
}
