//! Which arrays make a network or a data set (contract, "Weights and data from other tools").
//!
//! A network is either PyTorch's `nn.Sequential` state dict — `<k>.weight` (`[out, in]`) and
//! `<k>.bias` (`[out]`) for the Linear modules, in increasing k (0, 2, 4, … with activations
//! between them), with an optional common prefix such as `model.` — or numpy arrays `W1, b1, W2,
//! b2, …`. A missing bias is a bias-free layer. The activation comes from the caller (the
//! `--activation` option), else from the metadata key [`ACTIVATION_KEY`]. A data set is the
//! arrays `inputs` (`[n, m_0]`) and `targets` (`[n, m_L]`; `[n]` for one output), or `X`, `Y`.

use super::{Tensor, TensorFile};
use crate::activation::Activation;
use crate::data::Dataset;
use crate::io::{activation_to_json, parse_activation, InputError};
use crate::linalg::Matrix;
use crate::net::{Layer, Network, Params};
use crate::scalar::Q;
use serde_json::Value;
use std::collections::BTreeMap;

/// The metadata key (safetensors `__metadata__`, or a 0-d string array in an npz) that names
/// the activation, in the contract's activation JSON or as a bare name such as `tanh`.
pub const ACTIVATION_KEY: &str = "embedcheck.activation";

/// Parses an activation given as contract JSON (`{"poly": [...]}`, `"relu"`) or a bare name
/// (`relu`, `tanh`); `source` names where it came from in errors.
///
/// # Errors
/// [`InputError`] for an unknown activation.
pub fn activation_from_text(text: &str, source: &str) -> Result<Activation, InputError> {
    let v = serde_json::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.trim().to_string()));
    parse_activation(&v, source)
}

/// The text [`ACTIVATION_KEY`] holds for `a`: a bare name for named activations, JSON otherwise.
pub fn activation_text(a: &Activation) -> String {
    match activation_to_json(a) {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// An array with its name in the file.
type Named<'a> = (&'a str, &'a Tensor);

/// One Linear layer's arrays as found in the file, with their names for messages.
struct LayerArrays<'a> {
    weight: (&'a str, &'a Tensor),
    bias: Option<(&'a str, &'a Tensor)>,
}

/// Groups the arrays into layers, in order, by the torch or the numpy naming.
fn layers<'a>(file: &'a TensorFile, path: &str) -> Result<Vec<LayerArrays<'a>>, InputError> {
    let numpy_style = file.tensors.keys().any(|k| k == "W1");
    let mut by_index: BTreeMap<u64, (Option<Named<'a>>, Option<Named<'a>>)> = BTreeMap::new();
    let mut prefix: Option<&str> = None;
    for (name, t) in &file.tensors {
        let parsed = if numpy_style { numpy_key(name) } else { torch_key(name) };
        let Some((pre, index, is_weight)) = parsed else {
            let expected =
                if numpy_style { "W1, b1, W2, b2, …" } else { "<k>.weight and <k>.bias of nn.Linear modules" };
            return Err(InputError::bad(
                path,
                format!("tensor `{name}`"),
                format!("not a layer's weight or bias (expected {expected}; a network file holds only Linear layers)"),
            ));
        };
        match prefix {
            None => prefix = Some(pre),
            Some(p) if p != pre => {
                return Err(InputError::bad(
                    path,
                    format!("tensor `{name}`"),
                    format!("prefix `{pre}` differs from `{p}` of the other layers"),
                ))
            }
            _ => {}
        }
        let slot = by_index.entry(index).or_default();
        if is_weight {
            slot.0 = Some((name.as_str(), t));
        } else {
            slot.1 = Some((name.as_str(), t));
        }
    }
    by_index
        .into_iter()
        .map(|(_, (w, b))| match w {
            Some(weight) => Ok(LayerArrays { weight, bias: b }),
            None => {
                let name = b.map_or("?", |b| b.0);
                Err(InputError::bad(path, format!("tensor `{name}`"), "a bias without the weight of its layer"))
            }
        })
        .collect()
}

/// `model.0.weight` → (`model.`, 0, true).
fn torch_key(name: &str) -> Option<(&str, u64, bool)> {
    let (stem, is_weight) =
        if let Some(s) = name.strip_suffix(".weight") { (s, true) } else { (name.strip_suffix(".bias")?, false) };
    let digits = stem.len() - stem.bytes().rev().take_while(u8::is_ascii_digit).count();
    let index = stem[digits..].parse().ok()?;
    let pre = &stem[..digits];
    (pre.is_empty() || pre.ends_with('.')).then_some((pre, index, is_weight))
}

/// `W3` → ("", 3, true), `b3` → ("", 3, false).
fn numpy_key(name: &str) -> Option<(&str, u64, bool)> {
    let (is_weight, digits) = match name.as_bytes().first()? {
        b'W' => (true, &name[1..]),
        b'b' => (false, &name[1..]),
        _ => return None,
    };
    let index: u64 = digits.parse().ok().filter(|&i| i >= 1)?;
    (!digits.starts_with('0')).then_some(("", index, is_weight))
}

/// The network the arrays of `file` describe (module docs). `activation` overrides the file's
/// metadata.
///
/// # Errors
/// [`InputError`] naming the file and the tensor: no layers, a tensor that is not a layer's,
/// shapes that do not chain, no activation.
pub fn network_from_tensors(
    file: &TensorFile,
    path: &str,
    activation: Option<&Activation>,
) -> Result<Network<Q>, InputError> {
    let arrays = layers(file, path)?;
    if arrays.is_empty() {
        return Err(InputError::bad(path, "", "no layers: expected tensors <k>.weight (torch) or W1, W2, … (numpy)"));
    }
    let mut out = Vec::with_capacity(arrays.len());
    let mut fan_in: Option<(usize, &str)> = None;
    for a in &arrays {
        let (wname, w) = a.weight;
        let [rows, cols] = w.shape[..] else {
            return Err(InputError::bad(
                path,
                format!("tensor `{wname}`"),
                format!("shape {:?}, expected [out, in]", w.shape),
            ));
        };
        if rows == 0 || cols == 0 {
            return Err(InputError::bad(path, format!("tensor `{wname}`"), format!("empty shape {:?}", w.shape)));
        }
        if let Some((m, prev)) = fan_in {
            if cols != m {
                return Err(InputError::bad(
                    path,
                    format!("tensor `{wname}`"),
                    format!("shape [{rows}, {cols}] does not chain: the layer before (`{prev}`) has {m} outputs"),
                ));
            }
        }
        let bias = match a.bias {
            None => None,
            Some((bname, b)) => {
                if b.shape != [rows] {
                    return Err(InputError::bad(
                        path,
                        format!("tensor `{bname}`"),
                        format!("shape {:?}, expected [{rows}] (the rows of `{wname}`)", b.shape),
                    ));
                }
                Some(b.values.clone())
            }
        };
        out.push(Layer { weight: Matrix::from_vec(rows, cols, w.values.clone()), bias });
        fan_in = Some((rows, wname));
    }
    let params = Params::new(out).map_err(|e| InputError::bad(path, "", e.to_string()))?;
    let activation = match (activation, file.metadata.get(ACTIVATION_KEY)) {
        (Some(a), _) => a.clone(),
        (None, Some(text)) => activation_from_text(text, &format!("{path}: metadata `{ACTIVATION_KEY}`"))?,
        (None, None) => {
            return Err(InputError::bad(
                path,
                "",
                format!("no activation: pass --activation (e.g. `--activation relu`) or store it under the metadata key `{ACTIVATION_KEY}`"),
            ))
        }
    };
    Ok(Network { activation, params })
}

/// The data set of arrays `inputs`/`targets` (or `X`/`Y`).
///
/// # Errors
/// [`InputError`] naming the file and the array: a missing array, a bad shape, a mismatch in n.
pub fn data_from_tensors(file: &TensorFile, path: &str) -> Result<Dataset<Q>, InputError> {
    let get = |names: [&'static str; 2]| {
        names
            .iter()
            .find_map(|n| file.tensors.get(*n).map(|t| (*n, t)))
            .ok_or_else(|| InputError::bad(path, "", format!("no array `{}` (or `{}`)", names[0], names[1])))
    };
    let (xn, x) = get(["inputs", "X"])?;
    let (yn, y) = get(["targets", "Y"])?;
    for name in file.tensors.keys() {
        if name != xn && name != yn {
            return Err(InputError::bad(
                path,
                format!("array `{name}`"),
                "unknown array in a data file (expected inputs and targets)",
            ));
        }
    }
    let rows = |name: &str, t: &Tensor| -> Result<Vec<Vec<Q>>, InputError> {
        match t.shape[..] {
            [n, m] if m > 0 => Ok(t.values.chunks(m).take(n).map(<[Q]>::to_vec).collect()),
            [_] => Ok(t.values.iter().map(|v| vec![v.clone()]).collect()),
            _ => Err(InputError::bad(
                path,
                format!("array `{name}`"),
                format!("shape {:?}, expected [n, width]", t.shape),
            )),
        }
    };
    let (xs, ys) = (rows(xn, x)?, rows(yn, y)?);
    if xs.len() != ys.len() {
        return Err(InputError::bad(
            path,
            format!("array `{yn}`"),
            format!("{} rows, but `{xn}` has {} samples", ys.len(), xs.len()),
        ));
    }
    Dataset::new(xs, ys).map_err(|e| InputError::bad(path, "", e.to_string()))
}

/// A network as arrays: torch names (`0.weight`, `0.bias`, `2.weight`, …) when `torch_names`,
/// else `W1, b1, …`; the activation in the metadata.
pub fn network_to_tensors(net: &Network<Q>, torch_names: bool) -> TensorFile {
    let mut file = TensorFile::default();
    for (l, layer) in net.params.layers().iter().enumerate() {
        let (w, b) = if torch_names {
            (format!("{}.weight", 2 * l), format!("{}.bias", 2 * l))
        } else {
            (format!("W{}", l + 1), format!("b{}", l + 1))
        };
        file.tensors
            .insert(w, Tensor::new(vec![layer.weight.rows(), layer.weight.cols()], layer.weight.data().to_vec()));
        if let Some(bias) = &layer.bias {
            file.tensors.insert(b, Tensor::new(vec![bias.len()], bias.clone()));
        }
    }
    file.metadata.insert(ACTIVATION_KEY.to_string(), activation_text(&net.activation));
    file
}

/// A data set as arrays `inputs` (`[n, m_0]`) and `targets` (`[n, m_L]`).
pub fn data_to_tensors(data: &Dataset<Q>) -> TensorFile {
    let mut file = TensorFile::default();
    for (name, rows) in [("inputs", data.inputs()), ("targets", data.targets())] {
        let width = rows.first().map_or(0, Vec::len);
        file.tensors.insert(name.to_string(), Tensor::new(vec![rows.len(), width], rows.concat()));
    }
    file
}
