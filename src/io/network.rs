//! The network file `*.net.json` (`interface.md`, "Network file").

use super::json::{
    check_format, check_keys, field, kind_of, number, parse_json, q_to_json, vector, vector_to_json, VectorText,
};
use super::{read_text, InputError};
use crate::activation::{Activation, ExactActivation, FloatActivation, Piecewise, Polynomial, RationalFunction};
use crate::linalg::Matrix;
use crate::net::{Layer, Network, Params};
use crate::scalar::{Ring, Q};
use serde_json::{json, Value};

/// The format tag of network files.
pub const NET_FORMAT: &str = "embedcheck.net/1";

/// The keys of a network file's top-level object; any other key is an error.
const NET_KEYS: [&str; 3] = ["format", "activation", "layers"];
/// The keys of a layer object (`layers[k]`); there is no per-layer activation.
const LAYER_KEYS: [&str; 2] = ["weight", "bias"];
/// The keys of a rational activation's body.
const RATIONAL_KEYS: [&str; 2] = ["num", "den"];

/// Reads and validates a network file.
///
/// # Errors
/// [`InputError`] naming the file and place of the first problem.
pub fn read_network(path: &str) -> Result<Network<Q>, InputError> {
    parse_network(&read_text(path)?, path)
}

fn polynomial(v: &Value, file: &str, place: &str) -> Result<Polynomial, InputError> {
    let c = vector(v, file, place, |k| format!("{place}, coefficient {k} (of x^{})", k - 1))?;
    if c.is_empty() {
        return Err(InputError::bad(file, place, "a polynomial needs at least one coefficient"));
    }
    Ok(Polynomial::new(c))
}

/// Reads the `activation` field.
///
/// # Errors
/// [`InputError`] for an unknown name or a malformed polynomial, rational or slope.
pub fn parse_activation(v: &Value, file: &str) -> Result<Activation, InputError> {
    let place = "activation";
    let known = "expected \"tanh\", \"sigmoid\", \"softplus\", \"relu\", \"identity\", {\"poly\": [...]}, \
                 {\"rational\": {\"num\": [...], \"den\": [...]}} or {\"leaky_relu\": slope}";
    match v {
        Value::String(s) => match s.as_str() {
            "tanh" => Ok(Activation::Float(FloatActivation::Tanh)),
            "sigmoid" => Ok(Activation::Float(FloatActivation::Sigmoid)),
            "softplus" => Ok(Activation::Float(FloatActivation::Softplus)),
            "relu" => Ok(Activation::Exact(ExactActivation::Piecewise(Piecewise::relu()))),
            "identity" => Ok(Activation::identity()),
            other => Err(InputError::bad(file, place, format!("unknown activation \"{other}\"; {known}"))),
        },
        Value::Object(obj) if obj.len() == 1 => {
            let (key, body) = obj.iter().next().expect("one entry");
            match key.as_str() {
                "poly" => Ok(Activation::Exact(ExactActivation::Poly(polynomial(body, file, "activation.poly")?))),
                "rational" => {
                    check_keys(body, &RATIONAL_KEYS, file, "activation.rational")?;
                    let num =
                        polynomial(field(body, "num", file, "activation.rational")?, file, "activation.rational.num")?;
                    let den =
                        polynomial(field(body, "den", file, "activation.rational")?, file, "activation.rational.den")?;
                    if den.coefficients().iter().all(Ring::is_zero) {
                        return Err(InputError::bad(
                            file,
                            "activation.rational.den",
                            "the denominator is the zero polynomial",
                        ));
                    }
                    Ok(Activation::Exact(ExactActivation::Rational(RationalFunction { num, den })))
                }
                "leaky_relu" => {
                    let slope = number(body, file, "activation.leaky_relu")?;
                    Ok(Activation::Exact(ExactActivation::Piecewise(Piecewise::leaky(slope))))
                }
                other => Err(InputError::bad(file, place, format!("unknown activation \"{other}\"; {known}"))),
            }
        }
        Value::Object(obj) => {
            let keys: Vec<String> = obj.keys().map(|k| format!("{k:?}")).collect();
            Err(InputError::bad(
                file,
                place,
                format!("an activation object has exactly one key, found {{{}}}; {known}", keys.join(", ")),
            ))
        }
        other => Err(InputError::bad(file, place, format!("found {}; {known}", kind_of(other)))),
    }
}

fn parse_layer(v: &Value, l: usize, file: &str) -> Result<Layer<Q>, InputError> {
    let place = format!("layer {l}");
    if !v.is_object() {
        return Err(InputError::bad(
            file,
            &place,
            format!("expected an object with `weight` and `bias`, found {}", kind_of(v)),
        ));
    }
    check_keys(v, &LAYER_KEYS, file, &place)?;
    let w = field(v, "weight", file, &place)?;
    let rows = w.as_array().ok_or_else(|| {
        InputError::bad(file, format!("{place}, weight"), format!("expected an array of rows, found {}", kind_of(w)))
    })?;
    if rows.is_empty() {
        return Err(InputError::bad(file, format!("{place}, weight"), "the weight matrix has no rows"));
    }
    let mut data = Vec::new();
    let mut cols = None;
    for (i, row) in rows.iter().enumerate() {
        let r =
            vector(row, file, &format!("{place}, row {}", i + 1), |j| format!("{place}, row {}, column {j}", i + 1))?;
        match cols {
            None if r.is_empty() => {
                return Err(InputError::bad(file, format!("{place}, row 1"), "a weight row is empty"))
            }
            None => cols = Some(r.len()),
            Some(c) if c != r.len() => {
                return Err(InputError::bad(
                    file,
                    format!("{place}, row {}", i + 1),
                    format!("has {} entries but row 1 has {c}", r.len()),
                ))
            }
            _ => {}
        }
        data.extend(r);
    }
    let cols = cols.expect("at least one row");
    let weight = Matrix::from_vec(rows.len(), cols, data);
    let bias = match field(v, "bias", file, &place)? {
        Value::Null => None,
        b => Some(vector(b, file, &format!("{place}, bias"), |i| format!("{place}, bias entry {i}"))?),
    };
    Ok(Layer { weight, bias })
}

/// Parses network JSON text; `file` names the source in errors.
///
/// # Errors
/// [`InputError`] naming the place of the first problem: bad JSON, wrong format tag, missing
/// fields, an unknown key (top level, layer, rational activation), a repeated key, a non-number,
/// `"1/0"`, an unknown activation, shapes that do not chain.
pub fn parse_network(text: &str, file: &str) -> Result<Network<Q>, InputError> {
    let root = parse_json(text, file)?;
    check_format(&root, file, NET_FORMAT)?;
    check_keys(&root, &NET_KEYS, file, "")?;
    let activation = parse_activation(field(&root, "activation", file, "")?, file)?;
    let layers_v = field(&root, "layers", file, "")?;
    let arr = layers_v.as_array().ok_or_else(|| {
        InputError::bad(file, "field `layers`", format!("expected an array, found {}", kind_of(layers_v)))
    })?;
    if arr.is_empty() {
        return Err(InputError::bad(file, "field `layers`", "the network needs at least one layer"));
    }
    let layers = arr.iter().enumerate().map(|(k, v)| parse_layer(v, k + 1, file)).collect::<Result<Vec<_>, _>>()?;
    let params = Params::new(layers).map_err(|e| InputError::bad(file, "", e.to_string()))?;
    Ok(Network { activation, params })
}

/// The activation as contract JSON.
pub fn activation_to_json(a: &Activation) -> Value {
    match a {
        Activation::Float(f) => Value::String(f.name().to_string()),
        Activation::Exact(ExactActivation::Poly(p)) => json!({ "poly": vector_to_json(p.coefficients()) }),
        Activation::Exact(ExactActivation::Rational(r)) => {
            json!({ "rational": { "num": vector_to_json(r.num.coefficients()), "den": vector_to_json(r.den.coefficients()) } })
        }
        Activation::Exact(ExactActivation::Piecewise(p)) if p.is_identity() => Value::String("identity".into()),
        Activation::Exact(ExactActivation::Piecewise(p)) if p.is_relu() => Value::String("relu".into()),
        Activation::Exact(ExactActivation::Piecewise(p)) => json!({ "leaky_relu": q_to_json(p.negative_slope()) }),
    }
}

/// Parameters shaped like the network file's `layers` (used for gradients too):
/// `[{"weight": [[..]], "bias": [..] | null}, ...]` with canonical strings.
pub fn params_to_json(p: &Params<Q>) -> Value {
    serde_json::to_value(ParamsJson(p)).expect("strings, arrays and objects are JSON")
}

/// Parameters serialised as [`params_to_json`]'s value, `[{"bias": […] or null, "weight":
/// [[…], …]}, …]` (keys in the order a JSON object value prints them), straight into the
/// serializer: a large gradient is printed without a tree of strings.
pub struct ParamsJson<'a>(pub &'a Params<Q>);

impl serde::Serialize for ParamsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.layers().iter().map(LayerJson))
    }
}

/// One layer of [`ParamsJson`].
struct LayerJson<'a>(&'a Layer<Q>);

impl serde::Serialize for LayerJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let w = &self.0.weight;
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("bias", &self.0.bias.as_deref().map(VectorText))?;
        map.serialize_entry("weight", &Rows(w))?;
        map.end()
    }
}

/// A matrix as an array of rows of [`VectorText`].
struct Rows<'a>(&'a Matrix<Q>);

impl serde::Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((0..self.0.rows()).map(|i| VectorText(self.0.row(i))))
    }
}

/// A network as a contract network file.
pub fn network_to_json(n: &Network<Q>) -> Value {
    json!({ "format": NET_FORMAT, "activation": activation_to_json(&n.activation), "layers": params_to_json(&n.params) })
}
