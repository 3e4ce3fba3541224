//! numpy's `.npy` (one array: a magic string, a header with dtype, Fortran order and shape, then
//! the data) and `.npz` (a zip archive of `NAME.npy` members, as `np.savez` and
//! `np.savez_compressed` write it). `npyz` reads the headers; `zip` the container.

use super::{exact, Tensor, TensorFile, WriteError};
use crate::io::InputError;
use crate::scalar::{f64_nearest, Q};
use npyz::{DType, NpyFile, Order, TypeChar, WriterBuilder};
use std::io::{Cursor, Read, Write};

/// Reads every array of an `.npz` archive exactly; 0-d string arrays become metadata.
///
/// # Errors
/// [`InputError`] naming the file for a file that is not a zip archive, and the member for a
/// malformed `.npy`, a Fortran-order array, an unsupported dtype or a NaN/±∞ value.
pub fn read_npz(path: &str) -> Result<TensorFile, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::bad(path, "", format!("cannot read the file: {e}")))?;
    parse_npz(&bytes, path)
}

/// [`read_npz`] on bytes in memory (`file` names them in errors).
///
/// # Errors
/// As [`read_npz`].
pub fn parse_npz(bytes: &[u8], file: &str) -> Result<TensorFile, InputError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| InputError::bad(file, "", format!("not an npz file (a zip archive of .npy arrays): {e}")))?;
    let mut out = TensorFile::default();
    for k in 0..archive.len() {
        let mut member = archive
            .by_index(k)
            .map_err(|e| InputError::bad(file, format!("archive member {}", k + 1), format!("unreadable: {e}")))?;
        let member_name = member
            .name()
            .map_err(|e| InputError::bad(file, format!("archive member {}", k + 1), format!("bad name: {e}")))?
            .to_string();
        if member.is_dir() {
            continue;
        }
        let Some(name) = member_name.strip_suffix(".npy").map(str::to_string) else {
            return Err(InputError::bad(
                file,
                format!("archive member `{member_name}`"),
                "not a .npy array; an npz holds only NAME.npy members",
            ));
        };
        let mut data = Vec::new();
        member
            .read_to_end(&mut data)
            .map_err(|e| InputError::bad(file, format!("array `{name}`"), format!("cannot decompress: {e}")))?;
        match parse_npy(&data, file, &name)? {
            Parsed::Array(t) => {
                out.tensors.insert(name, t);
            }
            Parsed::Text(s) => {
                out.metadata.insert(name, s);
            }
        }
    }
    Ok(out)
}

/// Reads a single `.npy` array exactly.
///
/// # Errors
/// As [`read_npz`], naming the file.
pub fn read_npy(path: &str) -> Result<Tensor, InputError> {
    let bytes = std::fs::read(path).map_err(|e| InputError::bad(path, "", format!("cannot read the file: {e}")))?;
    match parse_npy(&bytes, path, "the array")? {
        Parsed::Array(t) => Ok(t),
        Parsed::Text(_) => Err(InputError::bad(path, "", "a string array, expected numbers")),
    }
}

enum Parsed {
    Array(Tensor),
    Text(String),
}

fn parse_npy(bytes: &[u8], file: &str, name: &str) -> Result<Parsed, InputError> {
    let place = format!("array `{name}`");
    let bad = |m: String| InputError::bad(file, place.clone(), m);
    let npy = NpyFile::new(bytes).map_err(|e| bad(format!("not a valid .npy array: {e}")))?;
    if npy.order() == Order::Fortran && npy.shape().len() > 1 {
        return Err(bad("Fortran-order array: save it with np.ascontiguousarray(a) first".into()));
    }
    let shape: Vec<usize> = npy
        .shape()
        .iter()
        .map(|&d| usize::try_from(d).map_err(|_| bad(format!("dimension {d} too large"))))
        .collect::<Result<_, _>>()?;
    let count =
        shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).ok_or_else(|| bad("shape too large".into()))?;
    let DType::Plain(ts) = npy.dtype() else {
        return Err(bad("structured or sub-array dtype; expected a plain numeric array".into()));
    };
    let size = ts.num_bytes().unwrap_or(0);
    let short = |e: std::io::Error| bad(format!("data shorter than its shape {shape:?} says, or unreadable: {e}"));
    let floats = |v: Vec<f64>| -> Result<Vec<Q>, InputError> {
        v.into_iter().enumerate().map(|(i, x)| exact(x, file, name, i)).collect()
    };
    let values: Vec<Q> = match (ts.type_char(), size) {
        (TypeChar::Float, 8) => floats(npy.into_vec::<f64>().map_err(short)?)?,
        (TypeChar::Float, 4) => floats(npy.into_vec::<f32>().map_err(short)?.into_iter().map(f64::from).collect())?,
        (TypeChar::Int, 8) => {
            npy.into_vec::<i64>().map_err(short)?.into_iter().map(|v| Q::from_i128(v.into())).collect()
        }
        (TypeChar::Int, 4) => npy.into_vec::<i32>().map_err(short)?.into_iter().map(|v| Q::int(v.into())).collect(),
        (TypeChar::Int, 2) => npy.into_vec::<i16>().map_err(short)?.into_iter().map(|v| Q::int(v.into())).collect(),
        (TypeChar::Int, 1) => npy.into_vec::<i8>().map_err(short)?.into_iter().map(|v| Q::int(v.into())).collect(),
        (TypeChar::Uint, 1) => npy.into_vec::<u8>().map_err(short)?.into_iter().map(|v| Q::int(v.into())).collect(),
        (TypeChar::UnicodeStr | TypeChar::ByteStr, _) if count == 1 => {
            let mut s = npy.into_vec::<String>().map_err(short)?;
            return Ok(Parsed::Text(s.pop().unwrap_or_default()));
        }
        _ => {
            return Err(bad(format!(
                "dtype `{ts}` is not supported (float64, float32, or an integer type; a 0-d string for metadata)"
            )))
        }
    };
    if values.len() != count {
        return Err(bad(format!("holds {} values, its shape {shape:?} says {count}", values.len())));
    }
    Ok(Parsed::Array(Tensor::new(shape, values)))
}

/// The bytes of an `.npz` archive (stored, uncompressed, as `np.savez` writes) holding every
/// tensor of `file` as float64 (values rounded to nearest) and each metadata entry as a 0-d
/// unicode array.
///
/// # Errors
/// A message if an array cannot be encoded (it should not for well-formed input).
pub fn write_npz(file: &TensorFile) -> Result<Vec<u8>, WriteError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let err = |e: std::io::Error| WriteError::Encode { format: "npz", why: e.to_string() };
    let zerr = |e: zip::result::ZipError| WriteError::Encode { format: "npz", why: e.to_string() };
    for (name, t) in &file.tensors {
        let mut buf = Vec::new();
        let shape: Vec<u64> = t.shape.iter().map(|&d| d as u64).collect();
        let mut w =
            npyz::WriteOptions::<f64>::new().default_dtype().shape(&shape).writer(&mut buf).begin_nd().map_err(err)?;
        w.extend(t.values.iter().map(f64_nearest)).map_err(err)?;
        w.finish().map_err(err)?;
        zip.start_file(format!("{name}.npy"), options).map_err(zerr)?;
        zip.write_all(&buf).map_err(err)?;
    }
    for (name, text) in &file.metadata {
        let mut buf = Vec::new();
        let dtype = DType::Plain(
            format!("<U{}", text.chars().count().max(1))
                .parse()
                .map_err(|e| WriteError::Encode { format: "npz", why: format!("{e}") })?,
        );
        let mut w =
            npyz::WriteOptions::<String>::new().dtype(dtype).shape(&[]).writer(&mut buf).begin_nd().map_err(err)?;
        w.push(text).map_err(err)?;
        w.finish().map_err(err)?;
        zip.start_file(format!("{name}.npy"), options).map_err(zerr)?;
        zip.write_all(&buf).map_err(err)?;
    }
    Ok(zip.finish().map_err(zerr)?.into_inner())
}
