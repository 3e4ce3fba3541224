//! The data file `*.data.json` (`interface.md`, "Data file").

use super::json::{check_format, check_keys, field, kind_of, parse_json, vector, vector_to_json};
use super::loss::parse_loss;
use super::{read_text, InputError};
use crate::data::Dataset;
use crate::loss::Loss;
use crate::scalar::Q;
use serde_json::{json, Value};

/// The format tag of data files.
pub const DATA_FORMAT: &str = "embedcheck.data/1";

/// The keys of a data file's object; any other key is an error.
const DATA_KEYS: [&str; 4] = ["format", "inputs", "targets", "loss"];

/// Reads and validates a data file.
///
/// # Errors
/// [`InputError`] naming the file and place (sample, entry) of the first problem.
pub fn read_data(path: &str) -> Result<Dataset<Q>, InputError> {
    parse_data(&read_text(path)?, path)
}

/// Reads a data file and the loss its optional `"loss"` key names.
///
/// # Errors
/// As [`read_data`].
pub fn read_data_and_loss(path: &str) -> Result<(Dataset<Q>, Option<Loss>), InputError> {
    parse_data_and_loss(&read_text(path)?, path)
}

fn rows(root: &Value, name: &str, file: &str) -> Result<Vec<Vec<Q>>, InputError> {
    let v = field(root, name, file, "")?;
    let arr = v.as_array().ok_or_else(|| {
        InputError::bad(file, format!("field `{name}`"), format!("expected an array, found {}", kind_of(v)))
    })?;
    let what = if name == "inputs" { "input" } else { "target" };
    arr.iter()
        .enumerate()
        .map(|(i, row)| {
            vector(row, file, &format!("sample {}, {what}", i + 1), |k| format!("sample {}, {what} entry {k}", i + 1))
        })
        .collect()
}

/// Parses data JSON text for ½-MSE; `file` names the source in errors. The optional key `loss`
/// must then be `"mse"`: another loss is refused rather than silently replaced ([`mse_only`]);
/// [`parse_data_and_loss`] reads any loss of the contract. Any other key is an error.
///
/// # Errors
/// [`InputError`] naming the place of the first problem.
pub fn parse_data(text: &str, file: &str) -> Result<Dataset<Q>, InputError> {
    let (data, loss) = parse_data_and_loss(text, file)?;
    mse_only(loss.as_ref(), file)?;
    Ok(data)
}

/// Refuses a loss other than ½-MSE, for the readers and commands that compute ½-MSE only.
///
/// # Errors
/// [`InputError`] at the file's `loss` field.
pub fn mse_only(loss: Option<&Loss>, file: &str) -> Result<(), InputError> {
    match loss {
        Some(l) if !l.is_mse() => Err(InputError::bad(
            file,
            "field `loss`",
            format!(
                "the loss {} is not supported here: this reads the data for ½·MSE only (\"mse\", the default); \
                 eval, hessian, compare, certify, alpha-range, truly-bad and fixtures take other losses",
                l.to_json()
            ),
        )),
        _ => Ok(()),
    }
}

/// [`parse_data`] with the loss of the optional `"loss"` key, any loss of the contract
/// ("Losses"), which commands that evaluate R_S use unless `--loss` is given.
///
/// # Errors
/// As [`parse_data`].
pub fn parse_data_and_loss(text: &str, file: &str) -> Result<(Dataset<Q>, Option<Loss>), InputError> {
    let root = parse_json(text, file)?;
    check_format(&root, file, DATA_FORMAT)?;
    check_keys(&root, &DATA_KEYS, file, "")?;
    let loss = root.get("loss").map(|v| parse_loss(v, file, "field `loss`")).transpose()?;
    let inputs = rows(&root, "inputs", file)?;
    let targets = rows(&root, "targets", file)?;
    let data = Dataset::new(inputs, targets).map_err(|e| InputError::bad(file, "", e.to_string()))?;
    Ok((data, loss))
}

/// A data set as a contract data file.
pub fn data_to_json(d: &Dataset<Q>) -> Value {
    let conv = |v: &[Vec<Q>]| Value::Array(v.iter().map(|r| vector_to_json(r)).collect());
    json!({ "format": DATA_FORMAT, "inputs": conv(d.inputs()), "targets": conv(d.targets()) })
}

/// [`data_to_json`] with the loss in the `"loss"` key (omitted for ½-MSE, the default), so that
/// [`parse_data_and_loss`] reads both back.
pub fn data_and_loss_to_json(d: &Dataset<Q>, loss: &Loss) -> Value {
    let mut v = data_to_json(d);
    if !loss.is_mse() {
        v["loss"] = loss.to_json();
    }
    v
}
