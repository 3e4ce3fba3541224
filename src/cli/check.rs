//! `embedcheck check [ID ...|--all] [--cases N] [--seed S] [--max-width W] [--json]
//! [--cert-dir D] [--jobs J]`: runs catalogue theorems (or named negative controls) on generated cases and
//! prints a table: theorem, cases, held, not applicable, failed, time, and, where a theorem's
//! declared [`WidthRule`](crate::theorem::WidthRule) runs it at another width than `--max-width`,
//! the width used and why (`max_width_used`, `cap_reason` in `--json`). Every counterexample is
//! shrunk and written as a certificate `D/<id>.cert.json` (default D = `.`). Exit 0 when
//! everything held, 1 when a counterexample was found. Theorems run on `J` threads (default: the
//! number of cores); each theorem's cases come from its own seeds, so results do not depend on `J`.

use super::args::CheckArgs;
use super::progress::Progress;
use super::CliError;
use crate::catalogue;
use crate::theorem::certificate::certificate;
use crate::theorem::harness::Tally;
use crate::theorem::harness::{run as run_theorem, RunConfig};
use crate::theorem::{Size, Theorem};
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs `check`.
///
/// # Errors
/// Exit code 2 for bad usage or an unknown theorem id.
pub fn run(args: &CheckArgs, quiet: bool) -> Result<i32, CliError> {
    let (all, as_json, cases, seed) = (args.all, args.json, args.cases, args.seed);
    let max_width = args.max_width.unwrap_or(Size::default().max_width as u64).clamp(1, 64) as usize;
    let cert_dir = args.cert_dir.clone();
    let args_jobs = args.jobs.map(|j| j as usize);
    let ids = &args.ids;
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
    let size = Size { max_width, loss: args.loss, ..Size::default() };
    let config = RunConfig { cases, seed, size, stop_at_first_failure: false };
    let progress = Progress::new(cases * theorems.len() as u64, "cases", quiet);
    let default_jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let jobs = args_jobs.unwrap_or(default_jobs).clamp(1, theorems.len().max(1));
    let tallies = run_parallel(&theorems, config, jobs, &progress);
    progress.finish();
    let mut rows = Vec::new();
    let mut any_failed = false;
    for (t, tally) in theorems.iter().zip(tallies) {
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
    if as_json {
        let list: Vec<_> = rows
            .iter()
            .map(|(t, ev, cert)| {
                json!({"id": t.id, "cases": t.cases, "held": t.held, "not_applicable": t.not_applicable, "failed": t.failed,
                       "seconds": t.elapsed.as_secs_f64(), "evidence": ev, "certificate": cert,
                       "max_width_used": t.max_width_used, "cap_reason": t.cap_reason})
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(
                &json!({"seed": seed, "cases": cases, "max_width": max_width, "loss": loss_label(size.loss), "theorems": list})
            )
            .expect("JSON")
        );
    } else {
        println!(
            "embedcheck check: seed {seed}, {cases} cases per theorem, max width {max_width}, depth ≤ {}, heights ≤ {}, loss {}",
            size.max_depth,
            size.max_height,
            loss_label(size.loss)
        );
        println!("{:42} {:>6} {:>6} {:>6} {:>7} {:>9}", "theorem", "cases", "held", "n/a", "failed", "time");
        for (t, _, cert) in &rows {
            let width = match t.cap_reason {
                Some(why) => format!("  max width {} ({why})", t.max_width_used),
                None => String::new(),
            };
            println!(
                "{:42} {:>6} {:>6} {:>6} {:>7} {:>8.2}s{width}",
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

/// How the report names the loss of the generated cases.
fn loss_label(fixed: Option<crate::loss::LossFamily>) -> String {
    match fixed {
        Some(f) => format!("{} (width theorems; the others ½-MSE)", f.name()),
        None => "drawn per case among mse, poly, huber, squared_hinge (width theorems; the others ½-MSE)".into(),
    }
}

/// Runs every theorem on `jobs` worker threads and returns the tallies in catalogue order,
/// counting cases on `progress`.
fn run_parallel(theorems: &[Box<dyn Theorem>], config: RunConfig, jobs: usize, progress: &Progress) -> Vec<Tally> {
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Tally>>> = Mutex::new((0..theorems.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                let Some(t) = theorems.get(k) else { break };
                progress.message(format!("running {}", t.id()));
                let mut counted = 0;
                let tally = run_theorem(t.as_ref(), config, |done| {
                    progress.inc(done - counted);
                    counted = done;
                });
                progress.inc(config.cases.saturating_sub(counted));
                results.lock().expect("no worker panicked")[k] = Some(tally);
                let done = finished.fetch_add(1, Ordering::SeqCst) + 1;
                progress.message(format!("{done}/{} theorems done", theorems.len()));
            });
        }
    });
    results.into_inner().expect("no worker panicked").into_iter().map(|t| t.expect("every theorem ran")).collect()
}
