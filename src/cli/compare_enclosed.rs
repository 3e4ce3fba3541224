//! `compare` for a float-only σ (tanh, sigmoid, softplus) or loss (cross_entropy, logistic): the
//! float loss or gradient graded against a rigorous enclosure of the truth with a stated
//! tolerance ([`crate::oracle::enclosed`]). Exit 0 when every entry is within, 1 when some entry
//! is outside or undecided (the report says which), 2 without a tolerance or for a Hessian.

use super::compare::{parse_scalar, place, place_json, read_result};
use super::load::Loaded;
use super::CliError;
use crate::loss::Objective;
use crate::oracle::enclosed::{enclose_truth, grade_enclosed, EnclosedGrade, Standing};
use crate::oracle::{Quantity, Tolerance};
use serde_json::json;

/// Runs the enclosure grading (module docs).
///
/// # Errors
/// Exit code 2 for a Hessian, a missing tolerance, or bad input.
pub fn run(
    loaded: &Loaded,
    objective: &Objective,
    quantity: Quantity,
    source: &str,
    tolerance: Option<Tolerance>,
    as_json: bool,
) -> Result<i32, CliError> {
    let what = match loaded.net.activation.exact() {
        Err(f) => format!("activation `{}`", f.0.name()),
        Ok(_) => format!("the loss {}", objective.loss),
    };
    if quantity == Quantity::Hessian {
        return Err(CliError::usage(format!(
            "{what} is float only: there is no exact Hessian, and `compare` encloses only the loss and the gradient"
        )));
    }
    let Some(tol) = tolerance else {
        return Err(CliError::usage(format!(
            "{what} is float only: the truth is known only as a rigorous enclosure, and no rounding bound of your float \
             computation is derived here; give the tolerance with --rtol/--atol (e.g. --rtol 1e-12 --atol 1e-15)"
        )));
    };
    let params = &loaded.net.params;
    let values = match quantity {
        Quantity::Loss => vec![parse_scalar(source)?],
        _ => read_result(source, quantity, params)?,
    };
    let (enclosure, kinks) =
        enclose_truth(params, &loaded.net.activation, objective, &loaded.data, quantity).map_err(|e| {
            CliError::usage(format!("{}: {}", loaded.data_path, e.map_or("no enclosure".into(), |e| e.to_string())))
        })?;
    let grades = grade_enclosed(&values, &enclosure, &tol, !kinks.is_empty());
    let count = |s: Standing| grades.iter().filter(|g| g.standing == s).count();
    let (within, outside, undecided) = (count(Standing::Within), count(Standing::Outside), count(Standing::Undecided));
    let rule = format!(
        "|v - t| <= atol + rtol |t| with atol = {}, rtol = {} (given), for every t in a rigorous enclosure of the truth \
         (outward-rounded interval arithmetic)",
        tol.atol, tol.rtol
    );
    let first = |s: Standing| grades.iter().find(|g| g.standing == s);
    if as_json {
        let entry = |g: &EnclosedGrade| {
            json!({
                "at": place_json(quantity, params, g.index),
                "value": g.value.to_f64(),
                "enclosure": g.enclosure.as_ref().map(|(lo, hi)| [lo.to_f64(), hi.to_f64()]),
            })
        };
        let out = json!({
            "objective": objective.to_json(),
            "quantity": quantity.name(),
            "truth": "enclosure",
            "entries": grades.len(),
            "within": within,
            "outside": outside,
            "undecided": undecided,
            "within_bound": within == grades.len(),
            "bound_rule": rule,
            "first_outside": first(Standing::Outside).map(entry),
            "first_undecided": first(Standing::Undecided).map(entry),
            "possible_kinks": kinks.iter().map(|s| json!({"layer": s.layer, "neuron": s.neuron, "sample": s.sample})).collect::<Vec<_>>(),
        });
        super::output::print_json(&out);
    } else {
        println!(
            "compare: {} of the objective for {} on {} from {source}, against a rigorous enclosure of the truth ({what} is float only)",
            quantity.name(),
            loaded.net_path,
            loaded.data_path
        );
        println!("objective: {objective}");
        println!("tolerance: {rule}");
        println!("entries {}: {within} within, {outside} outside, {undecided} undecided", grades.len());
        for s in [Standing::Outside, Standing::Undecided] {
            if let Some(g) = first(s) {
                let enc = g
                    .enclosure
                    .as_ref()
                    .map_or("not finite".into(), |(lo, hi)| format!("[{:.17e}, {:.17e}]", lo.to_f64(), hi.to_f64()));
                println!(
                    "first {}: {}: value {:.17e}, truth in {enc}",
                    s.name(),
                    place(quantity, params, g.index),
                    g.value.to_f64()
                );
            }
        }
        if !kinks.is_empty() {
            println!(
                "note: a ReLU pre-activation may sit on its kink ({}): R_S need not be differentiable there",
                kinks[0]
            );
        }
        println!(
            "verdict: {}",
            if within == grades.len() {
                "every entry within the tolerance (proved for every point of the enclosure)"
            } else if outside > 0 {
                "OUTSIDE the tolerance"
            } else {
                "UNDECIDED (the enclosure is too wide for this tolerance)"
            }
        );
    }
    Ok(if within == grades.len() { 0 } else { 1 })
}
