//! The data file `*.data.json` (`interface.md`, "Data file").

use super::json::{check_format, check_keys, field, kind_of, parse_json, vector, vector_to_json};
use super::{read_text, InputError};
use crate::data::Dataset;
use crate::scalar::Q;
use serde_json::{json, Value};

/// The format tag of data files.
pub const DATA_FORMAT: &str = "embedcheck.data/1";

/// The keys of a data file's object; any other key is an error.
const DATA_KEYS: [&str; 4] = ["format", "inputs", "targets", "loss"];
/// The only value the optional key `loss` may take: the loss every command computes.
const SUPPORTED_LOSS: &str = "mse";

/// Reads and validates a data file.
///
/// # Errors
/// [`InputError`] naming the file and place (sample, entry) of the first problem.
pub fn read_data(path: &str) -> Result<Dataset<Q>, InputError> {
    parse_data(&read_text(path)?, path)
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

/// Parses data JSON text; `file` names the source in errors. The optional key `loss`
/// (contract, "Losses") is accepted only as `"mse"`, the loss every command computes; any other
/// loss, and any other key, is an error rather than silently ignored.
///
/// # Errors
/// [`InputError`] naming the place of the first problem.
pub fn parse_data(text: &str, file: &str) -> Result<Dataset<Q>, InputError> {
    let root = parse_json(text, file)?;
    check_format(&root, file, DATA_FORMAT)?;
    check_keys(&root, &DATA_KEYS, file, "")?;
    match root.get("loss") {
        None => {}
        Some(Value::String(s)) if s == SUPPORTED_LOSS => {}
        Some(other) => {
            return Err(InputError::bad(
                file,
                "field `loss`",
                format!("the loss {other} is not supported (only \"{SUPPORTED_LOSS}\", which is also the default)"),
            ))
        }
    }
    let inputs = rows(&root, "inputs", file)?;
    let targets = rows(&root, "targets", file)?;
    Dataset::new(inputs, targets).map_err(|e| InputError::bad(file, "", e.to_string()))
}

/// A data set as a contract data file.
pub fn data_to_json(d: &Dataset<Q>) -> Value {
    let conv = |v: &[Vec<Q>]| Value::Array(v.iter().map(|r| vector_to_json(r)).collect());
    json!({ "format": DATA_FORMAT, "inputs": conv(d.inputs()), "targets": conv(d.targets()) })
}
