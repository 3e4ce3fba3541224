//! `embedcheck theorems [--json]`: the catalogue (id, statement, source, hypotheses, evidence kind,
//! which losses the statement covers)
//! and, for each theorem, its negative controls (the deliberately wrong variants that `check` must
//! catch; [`Theorem::control_of`](crate::theorem::Theorem::control_of)).

use super::args::TheoremsArgs;
use super::CliError;
use crate::catalogue;
use crate::theorem::Evidence;
use serde_json::{json, Value};

fn evidence_kind(e: &Evidence) -> &'static str {
    match e {
        Evidence::CheckedExactly => "checked exactly",
        Evidence::WithinTolerance { .. } => "within tolerance",
        Evidence::Proved(_) => "proved",
    }
}

/// Runs `theorems`.
///
/// # Errors
/// None in practice: unknown options are refused while parsing (exit code 2).
pub fn run(args: &TheoremsArgs) -> Result<i32, CliError> {
    let as_json = args.json;
    let all = catalogue::all();
    let controls = catalogue::controls();
    let controls_of = |id: &str| -> Vec<&'static str> {
        controls.iter().filter(|c| c.control_of() == Some(id)).map(|c| c.id()).collect()
    };
    if as_json {
        let list: Value = all
            .iter()
            .map(|t| {
                json!({"id": t.id(), "statement": t.statement(), "source": t.source(), "hypotheses": t.hypotheses(),
                       "evidence": evidence_kind(&t.evidence()), "loss": t.loss_use().name(), "controls": controls_of(t.id())})
            })
            .collect();
        super::output::print_json(&list);
    } else {
        for t in &all {
            let ids = controls_of(t.id());
            let listed = if ids.is_empty() { String::new() } else { format!(" ({})", ids.join(", ")) };
            println!(
                "{}  [{}]\n  {}\n  source: {}\n  hypotheses: {}\n  loss: {}\n  negative controls: {}{listed}\n",
                t.id(),
                evidence_kind(&t.evidence()),
                t.statement(),
                t.source(),
                t.hypotheses(),
                t.loss_use().name(),
                ids.len()
            );
        }
    }
    Ok(0)
}
