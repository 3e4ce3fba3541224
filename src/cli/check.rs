//! `embedcheck check [ID ...|--all] [--cases N] [--seed S] [--max-width W] [--json]
//! [--cert-dir D]`: runs catalogue theorems (or named negative controls) on generated cases and
//! prints a table: theorem, cases, held, not applicable, failed, time. Every counterexample is
//! shrunk and written as a certificate `D/<id>.cert.json` (default D = `.`). Exit 0 when
//! everything held, 1 when a counterexample was found.

use super::{Args, CliError};
use crate::theorem::certificate::certificate;
use crate::theorem::harness::{run as run_theorem, RunConfig};
use crate::theorem::{catalogue, Size, Theorem};
use serde_json::json;
use std::io::{IsTerminal, Write};

/// Runs `check`.
///
/// # Errors
/// Exit code 2 for bad usage or an unknown theorem id.
pub fn run(args: &mut Args) -> Result<i32, CliError> {
    let all = args.flag("--all");
    let as_json = args.flag("--json");
    let cases = args.count("--cases")?.unwrap_or(100);
    let seed = args.count("--seed")?.unwrap_or(1);
    let max_width = args.count("--max-width")?.unwrap_or(Size::default().max_width as u64).clamp(1, 64) as usize;
    let cert_dir = args.value("--cert-dir")?.unwrap_or_else(|| ".".into());
    let ids = args.clone().finish()?;
    let theorems: Vec<Box<dyn Theorem>> = if all || ids.is_empty() {
        if !ids.is_empty() {
            return Err(CliError::usage("give theorem ids or --all, not both"));
        }
        catalogue::all()
    } else {
        ids.iter()
            .map(|id| {
                catalogue::find(id)
                    .ok_or_else(|| CliError::usage(format!("unknown theorem `{id}`; run `embedcheck theorems`")))
            })
            .collect::<Result<_, _>>()?
    };
    let size = Size { max_width, ..Size::default() };
    let config = RunConfig { cases, seed, size, stop_at_first_failure: false };
    let progress = std::io::stderr().is_terminal();
    let mut rows = Vec::new();
    let mut any_failed = false;
    for (k, t) in theorems.iter().enumerate() {
        let tally = run_theorem(t.as_ref(), config, |done| {
            if progress {
                eprint!("\r[{}/{}] {} {done}/{cases}   ", k + 1, theorems.len(), t.id());
                let _ = std::io::stderr().flush();
            }
        });
        let mut cert_path = None;
        if let Some(f) = &tally.failure {
            any_failed = true;
            let path = format!("{cert_dir}/{}.cert.json", t.id());
            let text = serde_json::to_string_pretty(&certificate(t.as_ref(), seed, f)).expect("JSON") + "\n";
            std::fs::write(&path, text).map_err(|e| CliError::usage(format!("cannot write {path}: {e}")))?;
            cert_path = Some(path);
        }
        rows.push((tally, t.evidence().to_string(), cert_path));
    }
    if progress {
        eprint!("\r{:80}\r", "");
    }
    if as_json {
        let list: Vec<_> = rows
            .iter()
            .map(|(t, ev, cert)| {
                json!({"id": t.id, "cases": t.cases, "held": t.held, "not_applicable": t.not_applicable, "failed": t.failed,
                       "seconds": t.elapsed.as_secs_f64(), "evidence": ev, "certificate": cert})
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"seed": seed, "cases": cases, "max_width": max_width, "theorems": list})
            )
            .expect("JSON")
        );
    } else {
        println!(
            "embedcheck check: seed {seed}, {cases} cases per theorem, max width {max_width}, depth ≤ {}, heights ≤ {}",
            size.max_depth, size.max_height
        );
        println!("{:42} {:>6} {:>6} {:>6} {:>7} {:>9}", "theorem", "cases", "held", "n/a", "failed", "time");
        for (t, _, cert) in &rows {
            println!(
                "{:42} {:>6} {:>6} {:>6} {:>7} {:>8.2}s",
                t.id,
                t.cases,
                t.held,
                t.not_applicable,
                t.failed,
                t.elapsed.as_secs_f64()
            );
            if let Some(p) = cert {
                println!("  counterexample (shrunk) written to {p}; re-check with `embedcheck verify {p}`");
            }
        }
        let total: u64 = rows.iter().map(|r| r.0.held).sum();
        println!(
            "{} theorems, {total} cases held{}",
            rows.len(),
            if any_failed { "; COUNTEREXAMPLES FOUND" } else { ", no counterexample" }
        );
    }
    Ok(if any_failed { 1 } else { 0 })
}
