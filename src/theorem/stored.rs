//! Reading a stored case (a certificate's `case`) back, for [`Theorem::recheck`]: the pieces
//! several theorem families share. Every reader names the place of a problem (`case.<key>`);
//! exact numbers are read as rationals (canonical strings, integers or decimals), f64 numbers as
//! the JSON numbers `check` wrote (shortest round-trip form, so each reads back to the same f64).
//!
//! [`Theorem::recheck`]: super::Theorem::recheck

use super::{CheckError, Inapplicable, Outcome, Recheck};
use crate::activation::{Activation, ExactActivation, FloatActivation};
use crate::data::Dataset;
use crate::io::case::CaseError;
use crate::io::{number, parse_activation, parse_data, parse_data_and_loss, parse_network};
use crate::loss::{ExactLoss, Loss};
use crate::net::Network;
use crate::scalar::Q;
use serde_json::Value;

/// What reading a stored case gives: the outer error when a field is missing or malformed (the
/// certificate cannot be read), the inner error when the case is readable but not one the claim
/// applies to (a hypothesis the generator guarantees fails, or a derived part is not what the
/// others give).
pub(crate) type Read<T> = Result<Result<T, Inapplicable>, CheckError>;

/// The re-check of a stored case read by `read`: "not applicable" with the reader's reason when
/// the case does not meet the hypotheses, else `judge`'s outcome compared with the stored case
/// ([`recheck_outcome`]).
pub(crate) fn judge_stored<T>(
    case: &Value,
    read: Result<T, Inapplicable>,
    judge: impl FnOnce(T) -> Outcome,
) -> Recheck {
    match read {
        Ok(c) => recheck_outcome(case, judge(c)),
        Err(why) => Recheck::NotApplicable(why.to_string()),
    }
}

/// `case.<key>`.
pub(crate) fn field<'a>(case: &'a Value, key: &str) -> Result<&'a Value, CaseError> {
    case.get(key).ok_or_else(|| CaseError::Missing { key: key.to_string() })
}

/// A non-negative integer `case.<key>`.
pub(crate) fn index(case: &Value, key: &str) -> Result<usize, CaseError> {
    field(case, key)?
        .as_u64()
        .map(|k| k as usize)
        .ok_or_else(|| CaseError::Expected { place: key.to_string(), what: "a non-negative integer" })
}

/// The array at `place`.
fn array<'a>(v: &'a Value, place: &str, what: &'static str) -> Result<&'a Vec<Value>, CaseError> {
    v.as_array().ok_or_else(|| CaseError::Expected { place: place.to_string(), what })
}

/// An array of non-negative integers.
pub(crate) fn indices(v: &Value, place: &str) -> Result<Vec<usize>, CaseError> {
    array(v, place, "an array")?
        .iter()
        .enumerate()
        .map(|(k, x)| {
            x.as_u64().map(|i| i as usize).ok_or_else(|| CaseError::Entry {
                place: place.to_string(),
                entry: k + 1,
                what: "an integer",
            })
        })
        .collect()
}

/// An exact number at `place`.
pub(crate) fn rational(v: &Value, place: &str) -> Result<Q, CaseError> {
    Ok(number(v, "case", place)?)
}

/// Each element of the array at `place`, read by `read` at `<place>, <label> k` (k 1-based).
fn each<T>(
    v: &Value,
    place: &str,
    what: &'static str,
    label: &str,
    read: impl Fn(&Value, &str) -> Result<T, CaseError>,
) -> Result<Vec<T>, CaseError> {
    array(v, place, what)?.iter().enumerate().map(|(k, x)| read(x, &format!("{place}, {label} {}", k + 1))).collect()
}

/// An array of exact numbers.
pub(crate) fn rationals(v: &Value, place: &str) -> Result<Vec<Q>, CaseError> {
    each(v, place, "an array", "entry", rational)
}

/// An array of arrays of exact numbers (rows of equal length).
pub(crate) fn rational_rows(v: &Value, place: &str) -> Result<Vec<Vec<Q>>, CaseError> {
    let rows = each(v, place, "an array of rows", "row", rationals)?;
    if rows.windows(2).any(|w| w[0].len() != w[1].len()) {
        return Err(CaseError::RaggedRows { place: place.to_string() });
    }
    Ok(rows)
}

/// An f64 number at `place`.
pub(crate) fn float(v: &Value, place: &str) -> Result<f64, CaseError> {
    v.as_f64().ok_or_else(|| CaseError::Expected { place: place.to_string(), what: "a number" })
}

/// An array of f64 numbers.
pub(crate) fn floats(v: &Value, place: &str) -> Result<Vec<f64>, CaseError> {
    each(v, place, "an array", "entry", float)
}

/// An array of arrays of f64 numbers.
pub(crate) fn float_rows(v: &Value, place: &str) -> Result<Vec<Vec<f64>>, CaseError> {
    each(v, place, "an array of rows", "row", floats)
}

/// A float-only activation by its name (`tanh`, `sigmoid`, `softplus`).
pub(crate) fn float_activation(v: &Value, place: &str) -> Result<FloatActivation, CaseError> {
    match parse_activation(v, "case")? {
        Activation::Float(f) => Ok(f),
        Activation::Exact(_) => {
            Err(CaseError::Expected { place: place.to_string(), what: "tanh, sigmoid or softplus" })
        }
    }
}

/// An exact activation in the network format's notation.
pub(crate) fn exact_activation(v: &Value, place: &str) -> Result<ExactActivation, CaseError> {
    match parse_activation(v, "case")? {
        Activation::Exact(a) => Ok(a),
        Activation::Float(f) => Err(CaseError::NotExact { place: place.to_string(), name: f.name() }),
    }
}

/// An f64 data set from its input and target rows.
pub(crate) fn float_data(inputs: Vec<Vec<f64>>, targets: Vec<Vec<f64>>) -> Result<Dataset<f64>, CaseError> {
    Dataset::new(inputs, targets).map_err(CaseError::Data)
}

/// A network file (`embedcheck.net/1`) stored at `case.<key>`.
pub(crate) fn network(case: &Value, key: &str) -> Result<Network<Q>, CaseError> {
    Ok(parse_network(&field(case, key)?.to_string(), &format!("case.{key}"))?)
}

/// A data file (`embedcheck.data/1`) stored at `case.<key>`.
pub(crate) fn data(case: &Value, key: &str) -> Result<Dataset<Q>, CaseError> {
    Ok(parse_data(&field(case, key)?.to_string(), &format!("case.{key}"))?)
}

/// A data file stored at `case.<key>` with its exact loss (the data's `"loss"` key; ½-MSE when
/// absent).
pub(crate) fn data_and_loss(case: &Value, key: &str) -> Result<(Dataset<Q>, ExactLoss), CaseError> {
    let place = format!("case.{key}");
    let (data, loss) = parse_data_and_loss(&field(case, key)?.to_string(), &place)?;
    match loss.unwrap_or_default() {
        Loss::Exact(l) => Ok((data, l)),
        other => Err(CaseError::FloatLoss { place, loss: other.to_json().to_string() }),
    }
}

/// The answer of judging a stored case again with a judgement that writes its case: a failure
/// stands only when the case it writes, recomputed from the stored case's primary numbers, is
/// the stored case (so every derived number in it — moments of the data, k, (★), roots, a
/// perturbed point — is what the primary numbers give).
pub(crate) fn recheck_outcome(stored: &serde_json::Value, outcome: Outcome) -> Recheck {
    match outcome {
        Outcome::Fails(cx) if cx.case != *stored => Recheck::NotApplicable(format!(
            "the case recomputed from its primary numbers differs from the stored one: {}",
            first_difference(&cx.case, stored, "")
        )),
        other => Recheck::of(other),
    }
}

/// The first place where `a` and `b` differ (a JSON path), for messages.
pub(crate) fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> String {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) if w == v => {}
                    Some(w) => return first_difference(v, w, &format!("{at}.{k}")),
                    None => return format!("`{at}.{k}` missing"),
                }
            }
            y.keys().find(|k| !x.contains_key(*k)).map_or(format!("`{at}`"), |k| format!("`{at}.{k}` not expected"))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            let i = x.iter().zip(y).position(|(v, w)| v != w).unwrap_or(0);
            first_difference(&x[i], &y[i], &format!("{at}[{}]", i + 1))
        }
        _ => format!("`{}`: recomputed {a}, stored {b}", at.trim_start_matches('.')),
    }
}
