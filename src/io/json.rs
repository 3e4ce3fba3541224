//! Numbers and vectors in JSON, exactly.

use super::InputError;
use crate::scalar::Q;
use serde_json::Value;
use std::collections::HashSet;

/// Reads one number: a JSON integer, a string (`"3"`, `"-3/4"`, `"0.125"`, `"1e-3"`), or a JSON
/// number with fraction or exponent read as the exact decimal it spells.
///
/// # Errors
/// [`InputError`] at `place` in `file` for anything else, `"1/0"`, or a number past the limits.
pub fn number(v: &Value, file: &str, place: &str) -> Result<Q, InputError> {
    number_at(v, file, || place.to_string())
}

/// [`number`] with the place named only when there is an error (`place()` builds it), so
/// that reading a long array formats no place for the entries that are fine.
///
/// # Errors
/// As [`number`].
pub fn number_at(v: &Value, file: &str, place: impl FnOnce() -> String) -> Result<Q, InputError> {
    let text = match v {
        // With serde_json's `arbitrary_precision`, a Number keeps its source text.
        Value::Number(n) => n.as_str(),
        Value::String(s) => s.as_str(),
        other => {
            return Err(InputError::bad(file, place(), format!("expected a number, found {}", kind_of(other))));
        }
    };
    Q::parse(text).map_err(|e| InputError::number(file, place(), &e))
}

/// Reads an array of numbers; `place` names the array and each entry gets its 1-based index
/// appended through `entry` (e.g. `|k| format!("{place}, column {k}")`).
///
/// # Errors
/// [`InputError`] if `v` is not an array or an entry is not a number.
pub fn vector(v: &Value, file: &str, place: &str, entry: impl Fn(usize) -> String) -> Result<Vec<Q>, InputError> {
    let arr =
        v.as_array().ok_or_else(|| InputError::bad(file, place, format!("expected an array, found {}", kind_of(v))))?;
    arr.iter().enumerate().map(|(k, x)| number_at(x, file, || entry(k + 1))).collect()
}

/// A rational as its canonical JSON string.
pub fn q_to_json(q: &Q) -> Value {
    Value::String(q.to_canonical())
}

/// A vector of rationals as canonical JSON strings (the value of [`VectorText`]).
pub fn vector_to_json(v: &[Q]) -> Value {
    serde_json::to_value(VectorText(v)).expect("strings are JSON")
}

/// A rational serialised as its canonical string, as [`q_to_json`] writes it, but straight into
/// the serializer: no JSON tree is built for it.
pub struct QText<'a>(pub &'a Q);

impl serde::Serialize for QText<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_canonical())
    }
}

/// A vector of rationals serialised as an array of [`QText`] entries ([`vector_to_json`] is
/// its value).
pub struct VectorText<'a>(pub &'a [Q]);

impl serde::Serialize for VectorText<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(QText))
    }
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

/// Parses JSON text, naming the line and column of a syntax error or of a key that an object
/// repeats (which plain JSON parsers resolve silently by keeping the last value).
pub(crate) fn parse_json(text: &str, file: &str) -> Result<Value, InputError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() && text.trim().is_empty() {
            InputError::bad(file, "", "the file is empty (expected a JSON object)")
        } else {
            InputError::bad(file, format!("line {}, column {}", e.line(), e.column()), format!("not valid JSON: {e}"))
        }
    })?;
    if let Some((key, at)) = duplicate_key(text) {
        let before = text.get(..at).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        return Err(InputError::bad(
            file,
            format!("line {line}, column {column}"),
            format!("duplicate key {key:?} (a key may appear only once in an object)"),
        ));
    }
    Ok(value)
}

/// The first key that an object in `text` repeats, with the byte offset of its second
/// occurrence. `text` is valid JSON (it has been parsed); keys are compared after unescaping.
fn duplicate_key(text: &str) -> Option<(String, usize)> {
    let b = text.as_bytes();
    // One entry per open object (`Some`, the keys seen so far) or array (`None`).
    let mut open: Vec<Option<HashSet<String>>> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'{' => {
                open.push(Some(HashSet::new()));
                expect_key = true;
            }
            b'[' => {
                open.push(None);
                expect_key = false;
            }
            b'}' | b']' => {
                open.pop();
                expect_key = false;
            }
            b',' => expect_key = matches!(open.last(), Some(Some(_))),
            b'"' => {
                // `"` and `\` are ASCII, so they never occur inside a multi-byte character and
                // both ends of the string are character boundaries.
                let start = i;
                i += 1;
                while *b.get(i)? != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key {
                    let key: String = serde_json::from_str(text.get(start..=i)?).ok()?;
                    if let Some(Some(keys)) = open.last_mut() {
                        if !keys.insert(key.clone()) {
                            return Some((key, start));
                        }
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The first key of the object `v` that is not in `known` (`None` when there is none, or when
/// `v` is not an object).
pub fn unknown_key<'a>(v: &'a Value, known: &[&str]) -> Option<&'a str> {
    v.as_object()?.keys().map(String::as_str).find(|k| !known.contains(k))
}

/// The message for an unknown key: `unknown key "activation" (known: weight, bias)`
/// (`unknown top-level key …` when `place` is empty).
pub fn unknown_key_message(key: &str, known: &[&str], place: &str) -> String {
    let level = if place.is_empty() { "top-level " } else { "" };
    format!("unknown {level}key {key:?} (known: {})", known.join(", "))
}

/// Rejects an object with a key outside `known`: a misspelt or unsupported key is an error
/// naming `file`, `place` and the key, never silently ignored.
///
/// # Errors
/// [`InputError`] (exit code 2) at `place` in `file` for the first unknown key.
pub fn check_keys(v: &Value, known: &[&str], file: &str, place: &str) -> Result<(), InputError> {
    match unknown_key(v, known) {
        Some(key) => Err(InputError::bad(file, place, unknown_key_message(key, known, place))),
        None => Ok(()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_found_per_object_after_unescaping() {
        assert_eq!(duplicate_key(r#"{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}"#), None);
        // Strings holding braces, commas, colons and escaped quotes are skipped as a whole.
        assert_eq!(duplicate_key(r#"{"a": "{\"a\": 1, ", "b\"": "}", "x": ["a", "a"]}"#), None);
        let text = r#"{"a": 1, "b": {"k\"": 1, "k\u0022": 2}}"#;
        assert_eq!(duplicate_key(text), Some(("k\"".to_string(), text.find(r#""k\u0022""#).unwrap())));
        // A key after a nested object in the same object still counts.
        assert_eq!(duplicate_key(r#"{"a": {"b": 1}, "a": 2}"#).map(|d| d.0), Some("a".to_string()));
        assert_eq!(duplicate_key(r#"{"é": 1, "\u00e9": 2}"#).map(|d| d.0), Some("é".to_string()));
    }

    #[test]
    fn a_repeated_key_is_located_by_line_and_character_column() {
        let e = parse_json("{\"ü\": 1,\n  \"ü\": 2}", "f.json").unwrap_err();
        assert_eq!(e.place, "line 2, column 3");
        assert!(e.message.contains("duplicate key \"ü\""), "{e}");
    }

    #[test]
    fn unknown_keys_name_the_key_the_place_and_the_known_keys() {
        let v: Value = serde_json::from_str(r#"{"weight": [], "activation": "relu"}"#).unwrap();
        let e = check_keys(&v, &["weight", "bias"], "n.json", "layer 2").unwrap_err();
        assert_eq!(e.to_string(), r#"n.json: layer 2: unknown key "activation" (known: weight, bias)"#);
        assert_eq!(e.exit_code(), 2);
        assert!(check_keys(&v, &["weight", "bias", "activation"], "n.json", "").is_ok());
        let e = check_keys(&v, &["weight"], "n.json", "").unwrap_err();
        assert_eq!(e.message, r#"unknown top-level key "activation" (known: weight)"#);
    }
}
