//! Files: the network (`*.net.json`) and data (`*.data.json`) formats of `interface.md`, read
//! exactly and written canonically.
//!
//! Every number may be a JSON integer, a string holding an integer, fraction or decimal, or a JSON
//! number with a fraction or exponent, read as the exact decimal it spells (`0.1` is 1/10).
//! Exact results are written as canonical lowest-terms strings. A malformed file is rejected with
//! an [`InputError`] naming the file and the place (layer, row, column, sample; 1-based).
//!
//! Extension (documented in `CHANGELOG.md`): `"bias": null` marks a bias-free layer, which has no
//! bias coordinates at all.

mod data;
mod error;
mod json;
mod network;

pub use data::{data_to_json, parse_data, read_data};
pub use error::{InputError, InputErrorKind};
pub use json::{number, q_to_json, vector, vector_to_json};
pub use network::{activation_to_json, network_to_json, params_to_json, parse_activation, parse_network, read_network};

/// Reads a file to a string, naming the file in the error.
///
/// # Errors
/// [`InputError`] when the file cannot be read.
pub fn read_text(path: &str) -> Result<String, InputError> {
    std::fs::read_to_string(path).map_err(|e| InputError::bad(path, "", format!("cannot read the file: {e}")))
}
