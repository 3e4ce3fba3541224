//! `.safetensors`: an 8-byte little-endian header length, a JSON header (dtype, shape and byte
//! offsets of each tensor, and an optional `__metadata__` string map), then the raw bytes. The
//! `safetensors` crate validates the header, offsets and sizes; this module turns the bytes into
//! exact numbers.

use super::{exact, Tensor, TensorFile, WriteError};
use crate::io::InputError;
use crate::scalar::{f64_nearest, Q};
use safetensors::tensor::{Dtype, TensorView};
use safetensors::SafeTensors;
use std::collections::HashMap;

/// Reads every tensor of a `.safetensors` file exactly (module docs of [`super`]).
///
/// # Errors
/// [`InputError`] naming the file for a malformed header or offsets, and the tensor for an
/// unsupported dtype or a NaN/±∞ value.
pub fn read_safetensors(path: &str) -> Result<TensorFile, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::bad(path, "", format!("cannot read the file: {e}")))?;
    parse_safetensors(&bytes, path)
}

/// [`read_safetensors`] on bytes already in memory (`file` names them in errors).
///
/// # Errors
/// As [`read_safetensors`].
pub fn parse_safetensors(bytes: &[u8], file: &str) -> Result<TensorFile, InputError> {
    let bad = |e: safetensors::SafeTensorError| InputError::bad(file, "", format!("not a valid safetensors file: {e}"));
    let (_, meta) = SafeTensors::read_metadata(bytes).map_err(bad)?;
    let st = SafeTensors::deserialize(bytes).map_err(bad)?;
    let mut out = TensorFile::default();
    if let Some(m) = meta.metadata() {
        out.metadata = m.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    }
    for (name, view) in st.iter() {
        let values = decode(&view, file, name)?;
        out.tensors.insert(name.to_string(), Tensor::new(view.shape().to_vec(), values));
    }
    Ok(out)
}

fn decode(view: &TensorView<'_>, file: &str, name: &str) -> Result<Vec<Q>, InputError> {
    let data = view.data();
    let floats = |width: usize, to_f64: &dyn Fn(&[u8]) -> f64| -> Result<Vec<Q>, InputError> {
        data.chunks_exact(width).enumerate().map(|(i, c)| exact(to_f64(c), file, name, i)).collect()
    };
    let ints = |width: usize, to_i128: &dyn Fn(&[u8]) -> i128| -> Vec<Q> {
        data.chunks_exact(width).map(|c| Q::from_i128(to_i128(c))).collect()
    };
    Ok(match view.dtype() {
        Dtype::F64 => floats(8, &|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))?,
        Dtype::F32 => floats(4, &|c| f32::from_le_bytes(c.try_into().expect("4 bytes")) as f64)?,
        Dtype::F16 => floats(2, &|c| half::f16::from_le_bytes(c.try_into().expect("2 bytes")).to_f64())?,
        Dtype::BF16 => floats(2, &|c| half::bf16::from_le_bytes(c.try_into().expect("2 bytes")).to_f64())?,
        Dtype::I64 => ints(8, &|c| i64::from_le_bytes(c.try_into().expect("8 bytes")) as i128),
        Dtype::I32 => ints(4, &|c| i32::from_le_bytes(c.try_into().expect("4 bytes")) as i128),
        Dtype::I16 => ints(2, &|c| i16::from_le_bytes(c.try_into().expect("2 bytes")) as i128),
        Dtype::I8 => ints(1, &|c| c[0] as i8 as i128),
        Dtype::U8 => ints(1, &|c| c[0] as i128),
        other => {
            return Err(InputError::bad(
                file,
                format!("tensor `{name}`"),
                format!("dtype {other} is not supported (F64, F32, F16, BF16 or an integer type)"),
            ))
        }
    })
}

/// The bytes of a `.safetensors` file holding every tensor of `file` as F64 (values rounded to
/// nearest) and its metadata.
///
/// # Errors
/// A message when the crate refuses the tensors (it should not for well-formed input).
pub fn write_safetensors(file: &TensorFile) -> Result<Vec<u8>, WriteError> {
    let err = |e: safetensors::SafeTensorError| WriteError::Encode { format: "safetensors", why: e.to_string() };
    let buffers: Vec<(String, Vec<usize>, Vec<u8>)> = file
        .tensors
        .iter()
        .map(|(name, t)| {
            (name.clone(), t.shape.clone(), t.values.iter().flat_map(|v| f64_nearest(v).to_le_bytes()).collect())
        })
        .collect();
    let views = buffers
        .iter()
        .map(|(name, shape, bytes)| {
            TensorView::new(Dtype::F64, shape.clone(), bytes).map(|v| (name.clone(), v)).map_err(err)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let metadata: HashMap<String, String> = file.metadata.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    safetensors::serialize(views, (!metadata.is_empty()).then_some(metadata)).map_err(err)
}
