//! One encoding of an embedding step in a stored case (a certificate's `case`), shared by the
//! width and Hessian theorem families: `{"split": {"layer": l, "neuron": s, "alpha": α}}` or
//! `{"null": {"layer": l, "beta": β}}`, layers 1-based as in the papers, neurons 1-based as on the
//! command line, numbers as canonical exact strings; stored under the case key [`STEP_KEY`].
//! Reading also accepts the key [`LEGACY_STEP_KEY`], which Hessian certificates written before
//! the encodings were unified use.

use super::{number, q_to_json, InputError};
use crate::embed::Step;
use crate::scalar::Q;
use crate::shape::ShapeError;
use serde_json::{json, Value};
use std::fmt;

/// Why a stored case (a certificate's `case`) cannot be read, with the place: the key or the
/// path inside the case (`alpha`, `inputs, row 2`, …).
#[derive(Clone, Debug, PartialEq)]
pub enum CaseError {
    /// `case.<key>` is absent.
    Missing {
        /// The key.
        key: String,
    },
    /// The value at `place` is not of the expected kind.
    Expected {
        /// Where.
        place: String,
        /// What it should be ("a non-negative integer", "an array", …).
        what: &'static str,
    },
    /// Entry `entry` (1-based) of the array at `place` is not of the expected kind.
    Entry {
        /// The array.
        place: String,
        /// The entry, 1-based.
        entry: usize,
        /// What it should be.
        what: &'static str,
    },
    /// The rows at `place` have different lengths.
    RaggedRows {
        /// Where.
        place: String,
    },
    /// The activation at `place` is float only where an exact one is needed.
    NotExact {
        /// Where.
        place: String,
        /// Its name.
        name: &'static str,
    },
    /// A number or a part in a contract format (network, data, activation) that does not read;
    /// the reader's error names the place.
    Input(InputError),
    /// Stored inputs and targets that do not form a data set.
    Data(ShapeError),
    /// A stored exact case whose data name a float-only loss.
    FloatLoss {
        /// Where the data are stored (`case.<key>`).
        place: String,
        /// The loss as JSON text.
        loss: String,
    },
    /// The integer `key` of an embedding step is missing or not a non-negative integer.
    StepIndex {
        /// `layer` or `neuron`.
        key: &'static str,
    },
    /// An embedding step's neuron 0 (neurons are numbered from 1).
    StepNeuronZero,
    /// A split or null step without its coefficient.
    StepCoefficient {
        /// `split` or `null`.
        kind: &'static str,
        /// `alpha` or `beta`.
        name: &'static str,
    },
    /// An embedding step that is neither `split` nor `null`.
    StepKind,
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseError::Missing { key } => write!(f, "`{key}`: missing"),
            CaseError::Expected { place, what } => write!(f, "`{place}`: expected {what}"),
            CaseError::Entry { place, entry, what } => write!(f, "`{place}`, entry {entry}: expected {what}"),
            CaseError::RaggedRows { place } => write!(f, "`{place}`: rows of different lengths"),
            CaseError::NotExact { place, name } => write!(f, "`{place}`: `{name}` is not an exact activation"),
            CaseError::Input(e) => write!(f, "{e}"),
            CaseError::Data(e) => write!(f, "`inputs`, `targets`: {e}"),
            CaseError::FloatLoss { place, loss } => {
                write!(f, "{place}.loss: {loss} is float only; a stored exact case needs an exact loss")
            }
            CaseError::StepIndex { key } => write!(f, "operator: missing integer `{key}`"),
            CaseError::StepNeuronZero => write!(f, "operator: neurons are numbered from 1"),
            CaseError::StepCoefficient { kind, name } => write!(f, "{kind}: missing {name}"),
            CaseError::StepKind => write!(f, "operator: expected `split` or `null`"),
        }
    }
}

impl std::error::Error for CaseError {}

impl From<InputError> for CaseError {
    fn from(e: InputError) -> CaseError {
        CaseError::Input(e)
    }
}

/// The key of a case's embedding step (or other embedding operator).
pub const STEP_KEY: &str = "operator";

/// The key older Hessian certificates store their embedding step under; read, never written.
pub const LEGACY_STEP_KEY: &str = "embedding";

/// The embedding part of a stored case: `case.operator`, or `case.embedding` in an older
/// certificate; `None` when the case has neither.
pub fn stored_step(case: &Value) -> Option<&Value> {
    case.get(STEP_KEY).or_else(|| case.get(LEGACY_STEP_KEY))
}

/// A one-step embedding as JSON (neuron 1-based).
pub fn step_to_json(step: &Step<Q>) -> Value {
    match step {
        Step::Split { layer, neuron, alpha } => {
            json!({"split": {"layer": layer, "neuron": neuron + 1, "alpha": q_to_json(alpha)}})
        }
        Step::Null { layer, beta } => json!({"null": {"layer": layer, "beta": q_to_json(beta)}}),
    }
}

/// A non-negative integer `v.<key>`.
fn index(v: &Value, key: &'static str) -> Result<usize, CaseError> {
    v.get(key).and_then(Value::as_u64).map(|x| x as usize).ok_or(CaseError::StepIndex { key })
}

/// The 0-based neuron of a step written 1-based.
///
/// # Errors
/// When `v.neuron` is missing, not an integer, or 0.
pub fn step_neuron(v: &Value) -> Result<usize, CaseError> {
    index(v, "neuron")?.checked_sub(1).ok_or(CaseError::StepNeuronZero)
}

/// The layer `v.layer` of a step.
///
/// # Errors
/// When it is missing or not a non-negative integer.
pub fn step_layer(v: &Value) -> Result<usize, CaseError> {
    index(v, "layer")
}

/// The one-step embedding [`step_to_json`] wrote.
///
/// # Errors
/// A [`CaseError`] naming the missing or malformed field.
pub fn step_from_json(v: &Value) -> Result<Step<Q>, CaseError> {
    let q = |x: &Value| number(x, "certificate", "operator").map_err(CaseError::Input);
    let coefficient = |s: &Value, kind: &'static str, name: &'static str| {
        q(s.get(name).ok_or(CaseError::StepCoefficient { kind, name })?)
    };
    if let Some(s) = v.get("split") {
        Ok(Step::Split { layer: step_layer(s)?, neuron: step_neuron(s)?, alpha: coefficient(s, "split", "alpha")? })
    } else if let Some(s) = v.get("null") {
        Ok(Step::Null { layer: step_layer(s)?, beta: coefficient(s, "null", "beta")? })
    } else {
        Err(CaseError::StepKind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_steps_are_case_errors_naming_the_field() {
        let cases = [
            (json!({"split": {"layer": 1, "neuron": 0, "alpha": "1/2"}}), "operator: neurons are numbered from 1"),
            (json!({"split": {"layer": 1, "neuron": 1}}), "split: missing alpha"),
            (json!({"null": {"beta": "2"}}), "operator: missing integer `layer`"),
            (json!({"merge": {}}), "operator: expected `split` or `null`"),
        ];
        for (v, message) in cases {
            assert_eq!(step_from_json(&v).unwrap_err().to_string(), message, "{v}");
        }
        let good = Step::Split { layer: 2, neuron: 0, alpha: Q::new(1, 3) };
        assert_eq!(step_from_json(&step_to_json(&good)).unwrap(), good);
    }
}
