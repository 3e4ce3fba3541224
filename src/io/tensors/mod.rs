//! Named arrays of exact numbers from the files Python tools write: `.safetensors` (PyTorch's
//! `save_file(model.state_dict(), …)`) and `.npz`/`.npy` (numpy), and the same files written
//! back (contract, "Weights and data from other tools").
//!
//! Every value is read **exactly**: an F64/F32/F16/BF16 number is the dyadic rational it is
//! ([`crate::scalar::q_from_f64`]; F32, F16 and BF16 widen to f64 exactly first), an integer the
//! integer. NaN and ±∞ are refused with the tensor's name and the element's index. Writing rounds
//! each exact value to the nearest double ([`crate::scalar::f64_nearest`]).

mod layout;
mod npz;
mod safetensors;

pub use layout::{
    activation_from_text, activation_text, data_from_tensors, data_to_tensors, network_from_tensors,
    network_to_tensors, ACTIVATION_KEY,
};
pub use npz::{parse_npz, read_npy, read_npz, write_npz};
pub use safetensors::{parse_safetensors, read_safetensors, write_safetensors};

use super::InputError;
use crate::scalar::{q_from_f64, Q};
use std::collections::BTreeMap;

/// One named array: its shape (row-major, C order) and its values, exact.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    /// The shape, e.g. `[out, in]` for a torch Linear weight; `[]` for a scalar.
    pub shape: Vec<usize>,
    /// The values in row-major order (`shape.iter().product()` of them).
    pub values: Vec<Q>,
}

impl Tensor {
    /// A tensor of the given shape and values.
    ///
    /// # Panics
    /// If the number of values is not the product of the shape (an internal invariant).
    pub fn new(shape: Vec<usize>, values: Vec<Q>) -> Tensor {
        assert_eq!(shape.iter().product::<usize>(), values.len(), "tensor shape and values disagree");
        Tensor { shape, values }
    }
}

/// The arrays of one file by name, and its string metadata (safetensors `__metadata__`, or the
/// 0-d string arrays of an npz).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TensorFile {
    /// The arrays, by name.
    pub tensors: BTreeMap<String, Tensor>,
    /// String entries (e.g. [`ACTIVATION_KEY`]).
    pub metadata: BTreeMap<String, String>,
}

/// The formats a path's extension selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TensorFormat {
    /// `.safetensors`.
    Safetensors,
    /// `.npz`.
    Npz,
}

impl TensorFormat {
    /// The tensor format of `path` by its extension, or `None` (JSON and anything else).
    pub fn of_path(path: &str) -> Option<TensorFormat> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".safetensors") {
            Some(TensorFormat::Safetensors)
        } else if lower.ends_with(".npz") {
            Some(TensorFormat::Npz)
        } else {
            None
        }
    }
}

/// Reads a `.safetensors` or `.npz` file by its extension.
///
/// # Errors
/// [`InputError`] naming the file (and the tensor) for anything malformed.
pub fn read_tensor_file(path: &str) -> Result<TensorFile, InputError> {
    match TensorFormat::of_path(path) {
        Some(TensorFormat::Safetensors) => read_safetensors(path),
        Some(TensorFormat::Npz) => read_npz(path),
        None => Err(InputError::bad(path, "", "expected a .safetensors or .npz file")),
    }
}

/// Writes a tensor file by the extension of `path`, all at once (a temporary file renamed into
/// place, so a failure leaves nothing half-written).
///
/// # Errors
/// A message naming the path when it cannot be written or has another extension.
pub fn write_tensor_file(path: &str, file: &TensorFile) -> Result<(), WriteError> {
    let bytes = match TensorFormat::of_path(path) {
        Some(TensorFormat::Safetensors) => write_safetensors(file)?,
        Some(TensorFormat::Npz) => write_npz(file)?,
        None => return Err(WriteError::Extension { path: path.to_string() }),
    };
    write_atomically(path, &bytes)
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename.
///
/// # Errors
/// A message naming the path.
pub fn write_atomically(path: &str, bytes: &[u8]) -> Result<(), WriteError> {
    let tmp = format!("{path}.tmp-{}", std::process::id());
    let io = |source| WriteError::Io { path: path.to_string(), source };
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// Why a file could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output path's extension names no tensor format.
    Extension {
        /// The path.
        path: String,
    },
    /// The encoder of `format` refused the contents (it should not for well-formed input).
    Encode {
        /// `npz` or `safetensors`.
        format: &'static str,
        /// The encoder's message.
        why: String,
    },
    /// The output directory's path names a file that is not a directory.
    NotADirectory {
        /// The path.
        path: String,
    },
    /// The output directory cannot be created.
    CreateDirectory {
        /// The path.
        path: String,
        /// The system's error.
        source: std::io::Error,
    },
    /// The file system refused.
    Io {
        /// The path.
        path: String,
        /// The system's error.
        source: std::io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Extension { path } => write!(f, "{path}: expected a .safetensors or .npz output path"),
            WriteError::Encode { format, why } => write!(f, "cannot encode the {format} file: {why}"),
            WriteError::NotADirectory { path } => write!(f, "{path}: exists and is not a directory"),
            WriteError::CreateDirectory { path, source } => write!(f, "cannot create the directory {path}: {source}"),
            WriteError::Io { path, source } => write!(f, "cannot write {path}: {source}"),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { source, .. } | WriteError::CreateDirectory { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The exact value of element `index` of tensor `name`, refusing NaN and ±∞.
fn exact(x: f64, file: &str, name: &str, index: usize) -> Result<Q, InputError> {
    q_from_f64(x).ok_or_else(|| {
        InputError::bad(file, format!("tensor `{name}`, element {}", index + 1), format!("{x} is not a finite number"))
    })
}
