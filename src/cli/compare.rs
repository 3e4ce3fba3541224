//! `embedcheck compare --net N --data D (--gradient F | --hessian F | --value x) [--json]
//! [--rtol R] [--atol A] [--activation A]`: grades another tool's float loss, gradient or Hessian
//! against the exact truth ([`crate::oracle`]; the bound: `proofs/compare-bound.md`).
//!
//! The float result may be `.npy` (flat `[M]` gradient, `[M, M]` Hessian, 0-d or `[1]` loss),
//! `.npz` (an array `gradient`/`hessian`/`loss` as the fixtures have, or the gradient one array
//! per layer under the torch names `0.weight`, `0.bias`, … or `W1, b1, …`), or JSON (a list in
//! contract order, a list of rows, `{"layers": [...]}` as `eval --json` prints, or a number).
//! JSON numbers are the doubles they denote (Python's `repr` round-trips); JSON strings are
//! exact rationals. Exit 0 when every entry is within its bound, 1 otherwise. A float-only σ or
//! loss is graded against a rigorous enclosure of the truth instead ([`super::compare_enclosed`]).

use super::args::CompareArgs;
use super::load::{eval_error, net_data_and_objective, Loaded};
use super::CliError;
use crate::activation::{Activation, ExactActivation};
use crate::io::tensors::{network_from_tensors, read_npy, read_tensor_file, Tensor};
use crate::loss::{ExactLoss, Loss};
use crate::net::{ParamSite, Params};
use crate::oracle::{exact_values, grade, truth_with, EntryGrade, Quantity, Tolerance, Truth};
use crate::scalar::{q_from_f64, Ring, Q};
use serde_json::{json, Value};

/// Runs `compare`.
///
/// # Errors
/// Exit code 2 for bad usage or input (naming the file and place).
pub fn run(args: &CompareArgs) -> Result<i32, CliError> {
    let as_json = args.json;
    let (loaded, objective) = net_data_and_objective(&args.input, &args.objective)?;
    let (quantity, source) = quantity_and_source(args)?;
    let tolerance = tolerance(args)?;
    let (Loss::Exact(ell), Ok(act)) = (&objective.loss, loaded.net.activation.exact()) else {
        // A float-only σ or loss has no exact truth: grade against its rigorous enclosure.
        return super::compare_enclosed::run(&loaded, &objective, quantity, &source, tolerance, as_json);
    };
    let decay = objective.decay();
    let params = &loaded.net.params;
    let m = params.num_params();
    let values = match quantity {
        Quantity::Loss => vec![parse_scalar(&source)?],
        _ => read_result(&source, quantity, params)?,
    };
    let t = match (&tolerance, act) {
        (Some(_), _) => exact_values(params, act, ell, &decay, &loaded.data, quantity),
        (None, _) if matches!(ell, ExactLoss::Huber(_) | ExactLoss::SquaredHinge) => {
            return Err(CliError::usage(format!(
                "the loss {} is piecewise: near a break a float evaluation may take the other piece, which the derived bound does not cover (proofs/compare-bound.md); give the tolerance yourself with --rtol/--atol",
                objective.loss.to_json()
            )))
        }
        (None, ExactActivation::Rational(_)) => {
            return Err(CliError::usage(format!(
                "{}: a rational activation divides, and the derived bound covers programs of +, −, × only (proofs/compare-bound.md); give the tolerance yourself with --rtol/--atol",
                loaded.net_path
            )))
        }
        (None, _) => truth_with(params, act, ell, &decay, &loaded.data, quantity),
    }
    .map_err(|e| eval_error(&loaded, e))?;
    let grades = grade(&values, &t, tolerance.as_ref());
    let outside = grades.iter().filter(|g| !g.within()).count();
    let worst = grades.iter().max_by(|a, b| a.ratio().total_cmp(&b.ratio())).expect("at least one entry");
    let max_abs = grades.iter().max_by(|a, b| a.error.cmp(&b.error)).expect("at least one entry");
    let max_rel = grades.iter().map(EntryGrade::relative).fold(0.0, f64::max);
    let max_ulp = grades.iter().map(EntryGrade::ulps).fold(0.0, f64::max);
    let rule = match &tolerance {
        Some(tol) => format!("|v - t| <= atol + rtol |t| with atol = {}, rtol = {} (given)", tol.atol, tol.rtol),
        None => "|v - t| <= gamma_N' * (absolute-value evaluation), N' = 2N + 4, N the roundings along the worst term (forward error bound of a standard binary64 evaluation; proofs/compare-bound.md)".to_string(),
    };
    let largest_n = t.counts.iter().max().copied().unwrap_or(0);
    if as_json {
        let out = json!({
            "objective": objective.to_json(),
            "quantity": quantity.name(),
            "entries": grades.len(),
            "within": grades.len() - outside,
            "outside": outside,
            "within_bound": outside == 0,
            "bound_rule": rule,
            "largest_rounding_count": largest_n,
            "max_abs_error": max_abs.error.to_f64(),
            "max_abs_error_at": place_json(quantity, params, max_abs.index),
            "max_rel_error": max_rel,
            "max_ulp": max_ulp,
            "worst": worst_json(quantity, params, worst),
            "uncertain_signs": t.uncertain_signs.iter().map(|s| json!({"layer": s.layer, "neuron": s.neuron, "sample": s.sample})).collect::<Vec<_>>(),
        });
        super::output::print_json(&out);
    } else {
        println!("objective: {objective}");
        print_text(&loaded, &source, quantity, m, &t, &grades, worst, max_abs, max_rel, max_ulp, &rule, outside);
    }
    Ok(if outside == 0 { 0 } else { 1 })
}

/// The quantity graded and where its float values come from (exactly one of the three flags).
fn quantity_and_source(args: &CompareArgs) -> Result<(Quantity, String), CliError> {
    match (args.gradient.clone(), args.hessian.clone(), args.value.clone()) {
        (Some(f), None, None) => Ok((Quantity::Gradient, f)),
        (None, Some(f), None) => Ok((Quantity::Hessian, f)),
        (None, None, Some(x)) => Ok((Quantity::Loss, x)),
        _ => Err(CliError::usage("give exactly one of --gradient FILE, --hessian FILE, --value x")),
    }
}

/// `--rtol`/`--atol` (each ≥ 0; a missing one is 0), or `None` when neither is given.
fn tolerance(args: &CompareArgs) -> Result<Option<Tolerance>, CliError> {
    match (args.rtol.clone(), args.atol.clone()) {
        (None, None) => Ok(None),
        (r, a) => {
            let (rtol, atol) = (r.unwrap_or_else(Q::zero), a.unwrap_or_else(Q::zero));
            if rtol.signum() < 0 || atol.signum() < 0 {
                return Err(CliError::usage("--rtol and --atol must be ≥ 0"));
            }
            Ok(Some(Tolerance { atol, rtol }))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn print_text(
    loaded: &Loaded,
    source: &str,
    quantity: Quantity,
    m: usize,
    t: &Truth,
    grades: &[EntryGrade],
    worst: &EntryGrade,
    max_abs: &EntryGrade,
    max_rel: f64,
    max_ulp: f64,
    rule: &str,
    outside: usize,
) {
    let params = &loaded.net.params;
    println!(
        "compare: {} of the objective for {} on {} (M = {m}) from {source}, against the exact truth (checked exactly over Q)",
        quantity.name(),
        loaded.net_path,
        loaded.data_path
    );
    println!("bound per entry: {rule}; largest N = {}", t.counts.iter().max().copied().unwrap_or(0));
    println!("entries {}: {} within the bound, {outside} outside", grades.len(), grades.len() - outside);
    println!("max |error| = {:.3e} at {}", max_abs.error.to_f64(), place(quantity, params, max_abs.index));
    println!("max relative error = {max_rel:.3e}; max error in ulps of the truth = {max_ulp:.3e}");
    println!(
        "worst error/bound = {:.3e} at {}: value {:.17e}, truth {} (≈ {:.17e}), error {:.3e}, bound {}, {:.3e} ulp",
        worst.ratio(),
        place(quantity, params, worst.index),
        worst.value.to_f64(),
        short(&worst.truth),
        worst.truth.to_f64(),
        worst.error.to_f64(),
        worst.bound.as_ref().map_or("none".to_string(), |b| format!("{:.3e}", b.to_f64())),
        worst.ulps()
    );
    if !t.uncertain_signs.is_empty() {
        println!(
            "note: {} pre-activation(s) are 0 or within rounding of 0 (first: {}); the bound assumes the float computation took the same side of the kink",
            t.uncertain_signs.len(),
            t.uncertain_signs[0]
        );
    }
    println!("verdict: {}", if outside == 0 { "every entry within the bound" } else { "OUTSIDE the bound" });
}

fn short(q: &Q) -> String {
    let s = q.to_canonical();
    if s.len() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s
    }
}

/// Where flat entry `k` of the quantity sits, with torch and numpy names.
pub(super) fn place(quantity: Quantity, params: &Params<Q>, k: usize) -> String {
    let name = |i: usize| params.locate(i).map_or(format!("parameter {}", i + 1), |s| s.to_string());
    match quantity {
        Quantity::Loss => "the loss".to_string(),
        Quantity::Gradient => name(k),
        Quantity::Hessian => {
            let m = params.num_params();
            format!(
                "Hessian row {} column {}: ∂²R/∂θ_a∂θ_b with a = {}, b = {}",
                k / m + 1,
                k % m + 1,
                name(k / m),
                name(k % m)
            )
        }
    }
}

fn site_json(s: Option<ParamSite>) -> Value {
    match s {
        Some(ParamSite::Weight { layer, row, column }) => {
            json!({"layer": layer, "kind": "weight", "row": row, "column": column, "torch": format!("{}.weight[{}, {}]", 2 * (layer - 1), row - 1, column - 1)})
        }
        Some(ParamSite::Bias { layer, row }) => {
            json!({"layer": layer, "kind": "bias", "row": row, "torch": format!("{}.bias[{}]", 2 * (layer - 1), row - 1)})
        }
        None => Value::Null,
    }
}

pub(super) fn place_json(quantity: Quantity, params: &Params<Q>, k: usize) -> Value {
    match quantity {
        Quantity::Loss => json!({"index": 1}),
        Quantity::Gradient => json!({"index": k + 1, "parameter": site_json(params.locate(k))}),
        Quantity::Hessian => {
            let m = params.num_params();
            json!({"row": k / m + 1, "column": k % m + 1, "row_parameter": site_json(params.locate(k / m)), "column_parameter": site_json(params.locate(k % m))})
        }
    }
}

fn worst_json(quantity: Quantity, params: &Params<Q>, g: &EntryGrade) -> Value {
    json!({
        "at": place_json(quantity, params, g.index),
        "value": g.value.to_f64(),
        "truth": g.truth.to_canonical(),
        "error": g.error.to_f64(),
        "bound": g.bound.as_ref().map(Q::to_f64),
        "ratio": g.ratio(),
        "ulp": g.ulps(),
    })
}

/// `--value x`: a decimal read as the double it denotes (as a float tool printed it), or a
/// fraction `p/q` read exactly.
pub(super) fn parse_scalar(text: &str) -> Result<Q, CliError> {
    if text.contains('/') {
        return Q::parse(text).map_err(|e| CliError::usage(format!("--value {text}: {e}")));
    }
    let x: f64 = text.parse().map_err(|_| CliError::usage(format!("--value {text}: not a number")))?;
    q_from_f64(x).ok_or_else(|| CliError::usage(format!("--value {text}: not a finite number")))
}

/// Reads a float gradient or Hessian as exact values in contract order, checking its shape.
pub(super) fn read_result(path: &str, quantity: Quantity, params: &Params<Q>) -> Result<Vec<Q>, CliError> {
    let m = params.num_params();
    let expected: Vec<usize> = if quantity == Quantity::Hessian { vec![m, m] } else { vec![m] };
    let check = |t: Tensor, name: &str| -> Result<Vec<Q>, CliError> {
        let ok = t.shape == expected
            || (quantity == Quantity::Gradient && t.shape.iter().product::<usize>() == m && t.shape.len() <= 2);
        if !ok {
            return Err(CliError::usage(format!(
                "{path}: {name} has shape {:?}, expected {expected:?} (M = {m} parameters of the network)",
                t.shape
            )));
        }
        Ok(t.values)
    };
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".npy") {
        return check(read_npy(path)?, "the array");
    }
    if lower.ends_with(".npz") || lower.ends_with(".safetensors") {
        let file = read_tensor_file(path)?;
        if let Some(t) = file.tensors.get(quantity.name()) {
            return check(t.clone(), &format!("array `{}`", quantity.name()));
        }
        if quantity == Quantity::Gradient {
            let identity = Activation::identity();
            let g = network_from_tensors(&file, path, Some(&identity))?;
            if g.params.widths() != params.widths()
                || g.params.layers().iter().zip(params.layers()).any(|(a, b)| a.bias.is_some() != b.bias.is_some())
            {
                return Err(CliError::usage(format!(
                    "{path}: the per-layer gradient has widths {:?}, the network {:?} (or a bias is missing or extra)",
                    g.params.widths(),
                    params.widths()
                )));
            }
            return Ok(g.params.flatten());
        }
        return Err(CliError::usage(format!("{path}: no array `hessian` (shape [M, M])")));
    }
    let text = crate::io::read_text(path)?;
    let v: Value = serde_json::from_str(&text).map_err(|e| CliError::usage(format!("{path}: not JSON: {e}")))?;
    let v = match (&v, quantity) {
        (Value::Object(o), Quantity::Gradient) => match o.get("gradient").or(Some(&v)).and_then(|g| g.get("layers")) {
            Some(layers) => flatten_layers(layers, path)?,
            None => return Err(CliError::usage(format!("{path}: expected a list, or an object with \"layers\""))),
        },
        _ => v,
    };
    let rows: Vec<&Value> = match (&v, quantity) {
        (Value::Array(rows), Quantity::Hessian) => rows.iter().collect(),
        _ => vec![&v],
    };
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let Value::Array(items) = row else {
            return Err(CliError::usage(format!("{path}: row {}: expected a list of numbers", r + 1)));
        };
        for (c, x) in items.iter().enumerate() {
            out.push(json_number(x).ok_or_else(|| {
                CliError::usage(format!("{path}: row {}, entry {}: expected a finite number", r + 1, c + 1))
            })?);
        }
    }
    let n = out.len();
    check(
        Tensor {
            shape: if quantity == Quantity::Hessian && rows.len() == m { vec![m, n / m.max(1)] } else { vec![n] },
            values: out,
        },
        "the list",
    )
}

fn json_number(x: &Value) -> Option<Q> {
    match x {
        Value::Number(n) => q_from_f64(n.to_string().parse::<f64>().ok()?),
        Value::String(s) => Q::parse(s).ok(),
        _ => None,
    }
}

/// `{"layers": [{"weight": [[..]], "bias": [..]}, ...]}` → a flat JSON list in contract order.
fn flatten_layers(layers: &Value, path: &str) -> Result<Value, CliError> {
    let Value::Array(ls) = layers else { return Err(CliError::usage(format!("{path}: \"layers\" must be a list"))) };
    let mut flat = Vec::new();
    for (l, layer) in ls.iter().enumerate() {
        let bad =
            || CliError::usage(format!("{path}: layer {}: expected {{\"weight\": [[...]], \"bias\": [...]}}", l + 1));
        let Some(Value::Array(rows)) = layer.get("weight") else { return Err(bad()) };
        for row in rows {
            let Value::Array(row) = row else { return Err(bad()) };
            flat.extend(row.iter().cloned());
        }
        match layer.get("bias") {
            Some(Value::Array(b)) => flat.extend(b.iter().cloned()),
            Some(Value::Null) | None => {}
            _ => return Err(bad()),
        }
    }
    Ok(Value::Array(flat))
}
