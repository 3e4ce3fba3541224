//! `embedcheck claims [ID ...] [--json] [--run] [--jobs J] [--root DIR]`: the claims ledger
//! ([`crate::claims`]) — every claim of the five papers with its verdict and evidence. With
//! `--run`, the evidence is re-run (catalogue checks on the default run configuration, `verify` on
//! each certificate) and the table says what it found; exit 1 when any evidence fails.
//! `ID ...` restricts the ledger to those claims.

use super::args::ClaimsArgs;
use super::CliError;
use crate::claims::{self, Claim, ClaimRun, Paper};
use crate::theorem::harness::RunConfig;
use serde_json::json;
use std::path::PathBuf;

/// The repository root: `--root`, else the current directory when it has `proofs/`, else the
/// source tree embedcheck was built from.
fn root(given: Option<String>) -> Result<PathBuf, CliError> {
    if let Some(r) = given {
        let p = PathBuf::from(&r);
        return if p.join("proofs").is_dir() {
            Ok(p)
        } else {
            Err(CliError::usage(format!("--root {r}: no proofs/ directory there")))
        };
    }
    let here = PathBuf::from(".");
    if here.join("proofs").is_dir() {
        return Ok(here);
    }
    let built = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if built.join("proofs").is_dir() {
        return Ok(built);
    }
    Err(CliError::usage("no proofs/ directory here; run from the embedcheck repository or give --root DIR"))
}

/// Runs `claims`.
///
/// # Errors
/// Exit code 2 for unknown options or claim ids, or (with `--run`) no repository root.
pub fn run(args: &ClaimsArgs) -> Result<i32, CliError> {
    let (as_json, rerun, root_arg, ids) = (args.json, args.run, args.root.clone(), &args.ids);
    let jobs = args.jobs.map(|j| j as usize);
    let selected: Vec<Claim> = if ids.is_empty() {
        claims::ledger().to_vec()
    } else {
        ids.iter()
            .map(|id| {
                claims::find(id)
                    .copied()
                    .ok_or_else(|| CliError::usage(format!("unknown claim `{id}`; run `embedcheck claims`")))
            })
            .collect::<Result<_, _>>()?
    };
    let runs: Option<Vec<ClaimRun>> = if rerun {
        let root = root(root_arg)?;
        let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
        Some(claims::run(&selected, RunConfig::default(), &root, jobs))
    } else {
        None
    };
    let failed = runs.as_ref().is_some_and(|r| r.iter().any(|c| !c.ok()));
    if as_json {
        print_json(&selected, runs.as_deref());
    } else {
        print_text(&selected, runs.as_deref());
    }
    Ok(if failed { 1 } else { 0 })
}

fn print_json(selected: &[Claim], runs: Option<&[ClaimRun]>) {
    let list: Vec<_> = selected
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v = c.to_json();
            if let Some(r) = runs {
                v["run"] = r[i].to_json();
            }
            v
        })
        .collect();
    let claims::Counts { papers, verdicts } = claims::counts(selected);
    let mut out = json!({
        "claims": list,
        "counts": {
            "papers": papers.iter().map(|(p, n)| json!({"arxiv": p.arxiv(), "paper": p.label(), "claims": n})).collect::<Vec<_>>(),
            "verdicts": verdicts.iter().map(|(v, n)| (v.as_str().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
        },
    });
    if let Some(r) = runs {
        out["ok"] = json!(r.iter().all(ClaimRun::ok));
        out["run_config"] = json!({"cases": RunConfig::default().cases, "seed": RunConfig::default().seed});
    }
    super::output::print_json(&out);
}

fn join(items: &[&str]) -> String {
    items.join(", ")
}

fn print_text(selected: &[Claim], runs: Option<&[ClaimRun]>) {
    for paper in Paper::ALL {
        let of_paper: Vec<(usize, &Claim)> = selected.iter().enumerate().filter(|(_, c)| c.paper == paper).collect();
        if of_paper.is_empty() {
            continue;
        }
        println!("== {} arXiv {}: {}\n", paper.label(), paper.arxiv(), paper.citation());
        for (i, c) in of_paper {
            println!("{}  [{}]  arXiv {} {}", c.id, c.verdict, paper.arxiv(), c.result);
            println!("  statement: {}", c.statement_text().unwrap_or_else(|| "(linked theorem missing)".into()));
            if let Some(h) = c.hypothesis {
                println!("  extra hypothesis: {h}");
            }
            if let Some(n) = c.note {
                println!("  note: {n}");
            }
            let e = &c.evidence;
            let mut parts = Vec::new();
            if !e.theorems.is_empty() {
                parts.push(format!("theorems {}", join(e.theorems)));
            }
            if !e.tests.is_empty() {
                parts.push(format!("tests {}", join(e.tests)));
            }
            if !e.examples.is_empty() {
                parts.push(format!("examples {}", join(e.examples)));
            }
            if let Some(p) = e.proof {
                parts.push(format!("proof {p}"));
            }
            if !e.certificates.is_empty() {
                parts.push(format!("certificates {}", join(e.certificates)));
            }
            println!("  evidence: {}", if parts.is_empty() { "none yet".into() } else { parts.join("; ") });
            if let Some(cmd) = e.command {
                println!("  command: {cmd}");
            }
            if let Some(r) = runs {
                print_run(&r[i]);
            }
            println!();
        }
    }
    let claims::Counts { papers, verdicts } = claims::counts(selected);
    let per_paper: Vec<String> =
        papers.iter().filter(|(_, n)| *n > 0).map(|(p, n)| format!("{} {n}", p.label())).collect();
    let per_verdict: Vec<String> = verdicts.iter().filter(|(_, n)| *n > 0).map(|(v, n)| format!("{n} {v}")).collect();
    println!("{} claims ({}): {}", selected.len(), per_paper.join(", "), per_verdict.join(", "));
    if let Some(r) = runs {
        let bad: Vec<&str> = r.iter().filter(|c| !c.ok()).map(|c| c.id).collect();
        let checks: usize = r.iter().map(|c| c.theorems.len() + c.certificates.len()).sum();
        let cfg = RunConfig::default();
        if bad.is_empty() {
            println!(
                "--run: {checks} evidence items re-run ({} cases per theorem, seed {}): every theorem held and every certificate stands",
                cfg.cases, cfg.seed
            );
        } else {
            println!("--run: EVIDENCE FAILED for {}", bad.join(", "));
        }
    }
}

fn print_run(r: &ClaimRun) {
    if r.is_empty() {
        println!("  found: nothing to re-run");
        return;
    }
    let verdict = if r.ok() { "ok" } else { "FAILED" };
    println!("  found: {verdict}");
    for t in &r.theorems {
        println!("    {}{}", t.summary(), if t.ok() { "" } else { "  <- FAILED" });
    }
    for c in &r.certificates {
        println!("    {}: {}{}", c.path, c.result, if c.ok { "" } else { "  <- FAILED" });
    }
}
