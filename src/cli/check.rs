//! `embedcheck check [ID ...|--all] [--cases N] [--seed S] [--max-width W] [--json|--jsonl]
//! [--cert-dir D] [--jobs J] [--shard K/N]`: runs catalogue theorems (or named negative controls)
//! on generated cases and prints a table: theorem, cases, held, not applicable, failed, time, and,
//! where a theorem's declared [`WidthRule`](crate::theorem::WidthRule) runs it at another width
//! than `--max-width`, the width used and why (`max_width_used`, `cap_reason` in `--json`). Every
//! counterexample is shrunk and written as a certificate `D/<id>.cert.json` (default D = `.`;
//! `D/<id>.shard-K-of-N.cert.json` in a shard, so shards may share D). Exit 0 when everything
//! held, 1 when a counterexample was found. Theorems run on `J` threads (default: the number of
//! cores); each theorem's cases come from its own seeds, so results do not depend on `J`, and a
//! shard ([`Shard`]) runs its part of every theorem's cases with the seeds they have in the whole
//! run. `--jsonl` prints each theorem's line as soon as it finishes
//! ([`TheoremResult::to_json_line`]).

use super::args::CheckArgs;
use super::progress::Progress;
use super::report::{print_json, print_table};
use super::CliError;
use crate::catalogue;
use crate::theorem::certificate::certificate;
use crate::theorem::harness::{run as run_theorem, RunConfig, Tally};
use crate::theorem::report::{Campaign, Report, TheoremResult};
use crate::theorem::shard::Shard;
use crate::theorem::{Size, Theorem};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs `check`.
///
/// # Errors
/// Exit code 2 for bad usage, an unknown theorem id or a certificate that cannot be written.
pub fn run(args: &CheckArgs, quiet: bool) -> Result<i32, CliError> {
    let (cases, seed, shard) = (args.cases, args.seed, args.shard);
    let max_width = args.max_width.unwrap_or(Size::default().max_width as u64).clamp(1, 64) as usize;
    let ids = &args.ids;
    let theorems: Vec<Box<dyn Theorem>> = if args.all || ids.is_empty() {
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
    let config = RunConfig { cases, seed, size, stop_at_first_failure: false, shard };
    let campaign = Campaign { seed, cases, max_width: max_width as u64, loss: loss_label(size.loss) };
    let progress = Progress::new(config.shard_cases() * theorems.len() as u64, "cases", quiet);
    let default_jobs = std::thread::available_parallelism().map_or(1, usize::from);
    let jobs = args.jobs.map_or(default_jobs, |j| j as usize).clamp(1, theorems.len().max(1));
    let count = theorems.len();
    let finish = |k: usize, t: &dyn Theorem, tally: Tally| -> Result<TheoremResult, CliError> {
        let cert = match &tally.failure {
            Some(f) => Some(write_certificate(&args.cert_dir, shard, t, seed, f)?),
            None => None,
        };
        let result = TheoremResult::from_tally(&tally, &t.evidence().to_string(), cert);
        if args.jsonl {
            let line = result.to_json_line(&campaign, shard, k, count).to_string();
            let mut out = std::io::stdout().lock();
            writeln!(out, "{line}").and_then(|()| out.flush()).expect("failed printing to stdout");
        }
        Ok(result)
    };
    let results = run_parallel(&theorems, config, jobs, &progress, &finish);
    progress.finish();
    let report = Report { campaign: campaign.clone(), shard, theorems: results.into_iter().collect::<Result<_, _>>()? };
    if args.json {
        print_json(&report);
    } else if !args.jsonl {
        print_table(&report);
    }
    Ok(if report.any_failed() { 1 } else { 0 })
}

/// How the report names the loss of the generated cases.
fn loss_label(fixed: Option<crate::loss::LossFamily>) -> String {
    match fixed {
        Some(f) => format!("{} (theorems that hold for every loss; loss-free ones unchanged; ½-MSE ones not applicable)", f.name()),
        None => "drawn per case among mse, poly, huber, squared_hinge (theorems that hold for every loss; the others ½-MSE or loss-free)"
            .into(),
    }
}

/// Writes the certificate of `failure` to `dir/<id>.cert.json` (`dir/<id>.shard-K-of-N.cert.json`
/// in a shard) and returns the path.
fn write_certificate(
    dir: &str,
    shard: Shard,
    t: &dyn Theorem,
    seed: u64,
    failure: &crate::theorem::harness::Failure,
) -> Result<String, CliError> {
    let path = if shard == Shard::WHOLE {
        format!("{dir}/{}.cert.json", t.id())
    } else {
        format!("{dir}/{}.shard-{}-of-{}.cert.json", t.id(), shard.k(), shard.n())
    };
    let text = serde_json::to_string_pretty(&certificate(t, seed, failure)).expect("JSON") + "\n";
    std::fs::write(&path, text).map_err(|e| CliError::usage(format!("cannot write {path}: {e}")))?;
    Ok(path)
}

/// What [`run_parallel`] does with a finished theorem (its position, the theorem, its tally).
type Finish<'a> = dyn Fn(usize, &dyn Theorem, Tally) -> Result<TheoremResult, CliError> + Sync + 'a;

/// Runs every theorem on `jobs` worker threads, hands each tally to `finish` as soon as it is
/// done, and returns what `finish` made of them in catalogue order, counting cases on `progress`.
fn run_parallel(
    theorems: &[Box<dyn Theorem>],
    config: RunConfig,
    jobs: usize,
    progress: &Progress,
    finish: &Finish<'_>,
) -> Vec<Result<TheoremResult, CliError>> {
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<TheoremResult, CliError>>>> =
        Mutex::new((0..theorems.len()).map(|_| None).collect());
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
                progress.inc(config.shard_cases().saturating_sub(counted));
                let result = finish(k, t.as_ref(), tally);
                results.lock().expect("no worker panicked")[k] = Some(result);
                let done = finished.fetch_add(1, Ordering::SeqCst) + 1;
                progress.message(format!("{done}/{} theorems done", theorems.len()));
            });
        }
    });
    results.into_inner().expect("no worker panicked").into_iter().map(|t| t.expect("every theorem ran")).collect()
}
