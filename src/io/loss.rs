//! The loss as the contract writes it ("Losses"): `"mse"`, `{"poly": [c0, c1, …]}`,
//! `{"huber": "δ"}`, `"squared_hinge"`, `"cross_entropy"`, `"logistic"`; on the command line
//! (`--loss`) as that JSON or a bare name.

use super::json::{kind_of, number, vector};
use super::InputError;
use crate::activation::Polynomial;
use crate::loss::{ExactLoss, FloatLoss, Loss};
use crate::scalar::Ring;
use serde_json::Value;

/// The names a loss may have.
const NAMES: &str = "mse, {\"poly\": [c0, c1, …]}, {\"huber\": \"δ\"}, squared_hinge, cross_entropy, logistic";

/// Reads a loss from its JSON value; `file` and `place` name it in errors.
///
/// # Errors
/// [`InputError`] for an unknown name, a malformed coefficient list, or δ ≤ 0.
pub fn parse_loss(v: &Value, file: &str, place: &str) -> Result<Loss, InputError> {
    let bad = |msg: String| InputError::bad(file, place, msg);
    match v {
        Value::String(name) => match name.as_str() {
            "mse" => Ok(Loss::Exact(ExactLoss::Mse)),
            "squared_hinge" => Ok(Loss::Exact(ExactLoss::SquaredHinge)),
            "cross_entropy" => Ok(Loss::Float(FloatLoss::CrossEntropy)),
            "logistic" => Ok(Loss::Float(FloatLoss::Logistic)),
            "poly" | "huber" => Err(bad(format!("the loss `{name}` needs a parameter: {NAMES}"))),
            other => Err(bad(format!("unknown loss `{other}`; the losses are {NAMES}"))),
        },
        Value::Object(map) if map.len() == 1 => {
            let (key, arg) = map.iter().next().expect("one entry");
            match key.as_str() {
                "poly" => {
                    let c = vector(arg, file, &format!("{place}, poly"), |k| {
                        format!("{place}, poly coefficient c{}", k - 1)
                    })?;
                    if c.iter().all(Ring::is_zero) {
                        return Err(bad("the poly loss needs a nonzero coefficient".into()));
                    }
                    Ok(Loss::Exact(ExactLoss::Poly(Polynomial::new(c))))
                }
                "huber" => {
                    let d = number(arg, file, &format!("{place}, huber δ"))?;
                    if d.signum() <= 0 {
                        return Err(bad(format!("the huber δ must be positive, not {}", d.to_canonical())));
                    }
                    Ok(Loss::Exact(ExactLoss::Huber(d)))
                }
                other => Err(bad(format!("unknown loss `{other}`; the losses are {NAMES}"))),
            }
        }
        other => Err(bad(format!("expected a loss ({NAMES}), found {}", kind_of(other)))),
    }
}

/// Reads the `--loss` option's text: contract JSON, or a bare name such as `squared_hinge`.
///
/// # Errors
/// As [`parse_loss`], naming `source`.
pub fn loss_from_text(text: &str, source: &str) -> Result<Loss, InputError> {
    let v = serde_json::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.trim().to_string()));
    parse_loss(&v, source, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::Q;

    #[test]
    fn every_contract_loss_reads_and_writes_back_the_same_json() {
        for text in [
            "mse",
            "squared_hinge",
            "cross_entropy",
            "logistic",
            r#"{"huber": "1/2"}"#,
            r#"{"poly": ["0", "0", "1/2"]}"#,
        ] {
            let loss = loss_from_text(text, "--loss").unwrap();
            let back = loss.to_json();
            assert_eq!(loss_from_text(&back.to_string(), "--loss").unwrap(), loss, "{text}");
        }
        assert_eq!(loss_from_text(r#"{"huber": 2}"#, "x").unwrap(), Loss::Exact(ExactLoss::Huber(Q::int(2))));
    }

    #[test]
    fn bad_losses_are_errors_naming_the_problem() {
        for (text, part) in [
            ("hinge", "unknown loss `hinge`"),
            ("huber", "needs a parameter"),
            (r#"{"huber": "0"}"#, "must be positive"),
            (r#"{"huber": "1/0"}"#, "huber"),
            (r#"{"poly": []}"#, "nonzero"),
            (r#"{"poly": ["a"]}"#, "poly coefficient c0"),
            ("[1]", "expected a loss"),
        ] {
            let e = loss_from_text(text, "--loss").unwrap_err().to_string();
            assert!(e.contains(part), "{text}: {e}");
        }
    }
}
