//! One encoding of an embedding step in a stored case (a certificate's `case`), shared by the
//! width and Hessian theorem families: `{"split": {"layer": l, "neuron": s, "alpha": α}}` or
//! `{"null": {"layer": l, "beta": β}}`, layers 1-based as in the papers, neurons 1-based as on the
//! command line, numbers as canonical exact strings; stored under the case key [`STEP_KEY`].
//! Reading also accepts the key [`LEGACY_STEP_KEY`], which Hessian certificates written before
//! the encodings were unified use.

use super::{number, q_to_json};
use crate::embed::Step;
use crate::scalar::Q;
use serde_json::{json, Value};

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
fn index(v: &Value, key: &str) -> Result<usize, String> {
    v.get(key).and_then(Value::as_u64).map(|x| x as usize).ok_or_else(|| format!("operator: missing integer `{key}`"))
}

/// The 0-based neuron of a step written 1-based.
///
/// # Errors
/// When `v.neuron` is missing, not an integer, or 0.
pub fn step_neuron(v: &Value) -> Result<usize, String> {
    index(v, "neuron")?.checked_sub(1).ok_or_else(|| "operator: neurons are numbered from 1".to_string())
}

/// The layer `v.layer` of a step.
///
/// # Errors
/// When it is missing or not a non-negative integer.
pub fn step_layer(v: &Value) -> Result<usize, String> {
    index(v, "layer")
}

/// The one-step embedding [`step_to_json`] wrote.
///
/// # Errors
/// A message naming the missing or malformed field.
pub fn step_from_json(v: &Value) -> Result<Step<Q>, String> {
    let q = |x: &Value| number(x, "certificate", "operator").map_err(|e| e.to_string());
    if let Some(s) = v.get("split") {
        Ok(Step::Split {
            layer: step_layer(s)?,
            neuron: step_neuron(s)?,
            alpha: q(s.get("alpha").ok_or("split: missing alpha")?)?,
        })
    } else if let Some(s) = v.get("null") {
        Ok(Step::Null { layer: step_layer(s)?, beta: q(s.get("beta").ok_or("null: missing beta")?)? })
    } else {
        Err("operator: expected `split` or `null`".into())
    }
}
