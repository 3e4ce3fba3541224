//! Numbers and vectors in JSON, exactly.

use super::InputError;
use crate::scalar::Q;
use serde_json::Value;

/// Reads one number: a JSON integer, a string (`"3"`, `"-3/4"`, `"0.125"`, `"1e-3"`), or a JSON
/// number with fraction or exponent read as the exact decimal it spells.
///
/// # Errors
/// [`InputError`] at `place` in `file` for anything else, `"1/0"`, or a number past the limits.
pub fn number(v: &Value, file: &str, place: &str) -> Result<Q, InputError> {
    let text = match v {
        // With serde_json's `arbitrary_precision`, a Number keeps its source text.
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => {
            return Err(InputError::bad(file, place, format!("expected a number, found {}", kind_of(other))));
        }
    };
    Q::parse(&text).map_err(|e| InputError::number(file, place, &e))
}

/// Reads an array of numbers; `place` names the array and each entry gets its 1-based index
/// appended through `entry` (e.g. `|k| format!("{place}, column {k}")`).
///
/// # Errors
/// [`InputError`] if `v` is not an array or an entry is not a number.
pub fn vector(v: &Value, file: &str, place: &str, entry: impl Fn(usize) -> String) -> Result<Vec<Q>, InputError> {
    let arr =
        v.as_array().ok_or_else(|| InputError::bad(file, place, format!("expected an array, found {}", kind_of(v))))?;
    arr.iter().enumerate().map(|(k, x)| number(x, file, &entry(k + 1))).collect()
}

/// A rational as its canonical JSON string.
pub fn q_to_json(q: &Q) -> Value {
    Value::String(q.to_canonical())
}

/// A vector of rationals as canonical JSON strings.
pub fn vector_to_json(v: &[Q]) -> Value {
    Value::Array(v.iter().map(q_to_json).collect())
}

/// A short description of a JSON value's kind, for error messages.
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses JSON text, naming the line and column of a syntax error.
pub(crate) fn parse_json(text: &str, file: &str) -> Result<Value, InputError> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_eof() && text.trim().is_empty() {
            InputError::bad(file, "", "the file is empty (expected a JSON object)")
        } else {
            InputError::bad(file, format!("line {}, column {}", e.line(), e.column()), format!("not valid JSON: {e}"))
        }
    })
}

/// Checks the `format` field of a top-level object.
pub(crate) fn check_format(root: &Value, file: &str, expected: &str) -> Result<(), InputError> {
    let obj = root
        .as_object()
        .ok_or_else(|| InputError::bad(file, "", format!("expected a JSON object, found {}", kind_of(root))))?;
    match obj.get("format") {
        Some(Value::String(s)) if s == expected => Ok(()),
        Some(other) => Err(InputError::bad(file, "field `format`", format!("expected \"{expected}\", found {other}"))),
        None => Err(InputError::bad(file, "", format!("missing field `format` (expected \"{expected}\")"))),
    }
}

/// A required field of an object.
pub(crate) fn field<'a>(root: &'a Value, name: &str, file: &str, place: &str) -> Result<&'a Value, InputError> {
    root.get(name).ok_or_else(|| InputError::bad(file, place, format!("missing field `{name}`")))
}
