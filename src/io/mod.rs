//! Files: the network (`*.net.json`) and data (`*.data.json`) formats of `interface.md`, read
//! exactly and written canonically.
//!
//! Every number may be a JSON integer, a string holding an integer, fraction or decimal, or a JSON
//! number with a fraction or exponent, read as the exact decimal it spells (`0.1` is 1/10).
//! Exact results are written as canonical lowest-terms strings. A malformed file is rejected with
//! an [`InputError`] naming the file and the place (layer, row, column, sample; 1-based).
//! Files are strict: a key the format does not define (a typo such as `"activations"`, a
//! per-layer `"activation"`) or a key repeated within one object is an error, never ignored.
//!
//! Extension (documented in `CHANGELOG.md`): `"bias": null` marks a bias-free layer, which has no
//! bias coordinates at all.

pub mod case;
mod data;
mod error;
mod json;
mod loss;
mod network;
pub mod tensors;

pub use data::{
    data_and_loss_to_json, data_to_json, mse_only, parse_data, parse_data_and_loss, read_data, read_data_and_loss,
};
pub use error::{InputError, InputErrorKind};
pub(crate) use json::parse_json;
pub use json::{
    check_keys, number, q_to_json, unknown_key, unknown_key_message, vector, vector_to_json, QText, VectorText,
};
pub use loss::{loss_from_text, parse_loss};
pub use network::{
    activation_to_json, network_to_json, params_to_json, parse_activation, parse_network, read_network, ParamsJson,
};
pub use tensors::WriteError;

/// Reads a network from a `.net.json`, `.safetensors` or `.npz` file (by extension; contract,
/// "Weights and data from other tools"). `activation`, when given (the `--activation` option),
/// wins over the file's own.
///
/// # Errors
/// [`InputError`] naming the file and the place of the first problem.
pub fn read_network_as(
    path: &str,
    activation: Option<&crate::activation::Activation>,
) -> Result<crate::net::Network<crate::scalar::Q>, InputError> {
    if tensors::TensorFormat::of_path(path).is_some() {
        return tensors::network_from_tensors(&tensors::read_tensor_file(path)?, path, activation);
    }
    let mut net = read_network(path)?;
    if let Some(a) = activation {
        net.activation = a.clone();
    }
    Ok(net)
}

/// Reads a data set from a `.data.json` or `.npz` (or `.safetensors`) file, by extension, for
/// ½-MSE (a data file naming another loss is refused: [`mse_only`]).
///
/// # Errors
/// [`InputError`] naming the file and the place of the first problem.
pub fn read_data_any(path: &str) -> Result<crate::data::Dataset<crate::scalar::Q>, InputError> {
    let (data, loss) = read_data_any_and_loss(path)?;
    mse_only(loss.as_ref(), path)?;
    Ok(data)
}

/// [`read_data_any`] with the loss a `.data.json` file names in its `"loss"` key (tensor files
/// name none).
///
/// # Errors
/// As [`read_data_any`], and a bad `"loss"` value.
pub fn read_data_any_and_loss(
    path: &str,
) -> Result<(crate::data::Dataset<crate::scalar::Q>, Option<crate::loss::Loss>), InputError> {
    if tensors::TensorFormat::of_path(path).is_some() {
        return Ok((tensors::data_from_tensors(&tensors::read_tensor_file(path)?, path)?, None));
    }
    read_data_and_loss(path)
}

/// Writes a network to `path` as `.safetensors` (torch names), `.npz` (`W1, b1, …`) or contract
/// JSON (anything else), all at once: nothing is left half-written on failure.
///
/// # Errors
/// A message naming the path.
pub fn write_network_as(path: &str, net: &crate::net::Network<crate::scalar::Q>) -> Result<(), WriteError> {
    match tensors::TensorFormat::of_path(path) {
        Some(tensors::TensorFormat::Safetensors) => {
            tensors::write_tensor_file(path, &tensors::network_to_tensors(net, true))
        }
        Some(tensors::TensorFormat::Npz) => tensors::write_tensor_file(path, &tensors::network_to_tensors(net, false)),
        None => tensors::write_atomically(
            path,
            (serde_json::to_string_pretty(&network_to_json(net)).expect("JSON") + "\n").as_bytes(),
        ),
    }
}

/// Writes a data set to `path` as `.npz`/`.safetensors` (`inputs`, `targets`) or contract JSON.
///
/// # Errors
/// A message naming the path.
pub fn write_data_as(path: &str, data: &crate::data::Dataset<crate::scalar::Q>) -> Result<(), WriteError> {
    match tensors::TensorFormat::of_path(path) {
        Some(_) => tensors::write_tensor_file(path, &tensors::data_to_tensors(data)),
        None => tensors::write_atomically(
            path,
            (serde_json::to_string_pretty(&data_to_json(data)).expect("JSON") + "\n").as_bytes(),
        ),
    }
}

/// Reads a file to a string, naming the file in the error.
///
/// # Errors
/// [`InputError`] when the file cannot be read.
pub fn read_text(path: &str) -> Result<String, InputError> {
    std::fs::read_to_string(path).map_err(|e| InputError::bad(path, "", format!("cannot read the file: {e}")))
}
