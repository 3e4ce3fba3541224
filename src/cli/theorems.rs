//! `embedcheck theorems [--json]`: the catalogue (id, statement, source, hypotheses, evidence kind).

use super::{Args, CliError};
use crate::theorem::{catalogue, Evidence};
use serde_json::json;

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
/// Exit code 2 for unknown options.
pub fn run(args: &mut Args) -> Result<i32, CliError> {
    let as_json = args.flag("--json");
    args.clone().finish_empty()?;
    let all = catalogue::all();
    if as_json {
        let list: Vec<_> = all
            .iter()
            .map(|t| {
                json!({"id": t.id(), "statement": t.statement(), "source": t.source(), "hypotheses": t.hypotheses(),
                       "evidence": evidence_kind(&t.evidence())})
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&list).expect("JSON"));
    } else {
        for t in &all {
            println!(
                "{}  [{}]\n  {}\n  source: {}\n  hypotheses: {}\n",
                t.id(),
                evidence_kind(&t.evidence()),
                t.statement(),
                t.source(),
                t.hypotheses()
            );
        }
    }
    Ok(0)
}
