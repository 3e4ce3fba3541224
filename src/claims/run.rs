//! Re-running a claim's evidence: each distinct catalogue theorem once, through the harness, on
//! as many threads as asked; each certificate through its verifier.

use super::Claim;
use crate::catalogue;
use crate::catalogue::verify;
use crate::hessian::certificate as hcert;
use crate::theorem::certificate::Verification;
use crate::theorem::harness::{self, RunConfig, Tally};
use crate::theorem::Theorem;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// What re-running one catalogue theorem found.
#[derive(Clone, Debug, PartialEq)]
pub struct TheoremResult {
    /// The theorem id.
    pub id: &'static str,
    /// The harness tally; `None` when the theorem could not be run (it is not in the catalogue).
    pub tally: Option<Tally>,
}

impl TheoremResult {
    /// The theorem held: no case failed, and at least one case met the hypotheses and held.
    pub fn ok(&self) -> bool {
        matches!(&self.tally, Some(t) if t.failed == 0 && t.held > 0)
    }

    /// One line: id, cases, held, not applicable, failed.
    pub fn summary(&self) -> String {
        match &self.tally {
            Some(t) => format!(
                "{}: {} held, {} n/a, {} failed of {} cases{}",
                self.id,
                t.held,
                t.not_applicable,
                t.failed,
                t.cases,
                if t.held == 0 && t.failed == 0 { " (no case met the hypotheses)" } else { "" }
            ),
            None => format!("{}: not run: not in the catalogue", self.id),
        }
    }

    fn to_json(&self) -> Value {
        match &self.tally {
            Some(t) => json!({"id": self.id, "ok": self.ok(), "cases": t.cases, "held": t.held,
                            "not_applicable": t.not_applicable, "failed": t.failed,
                            "seconds": t.elapsed.as_secs_f64()}),
            None => json!({"id": self.id, "ok": false, "error": "not in the catalogue"}),
        }
    }
}

/// What re-checking one certificate found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateResult {
    /// The certificate's path, relative to the repository root.
    pub path: &'static str,
    /// Whether it stands.
    pub ok: bool,
    /// The verifier's answer in words.
    pub result: String,
}

/// What re-running one claim's evidence found.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimRun {
    /// The claim's id.
    pub id: &'static str,
    /// One result per catalogue theorem of the claim.
    pub theorems: Vec<TheoremResult>,
    /// One result per certificate of the claim.
    pub certificates: Vec<CertificateResult>,
}

impl ClaimRun {
    /// Every theorem held and every certificate stands.
    pub fn ok(&self) -> bool {
        self.theorems.iter().all(TheoremResult::ok) && self.certificates.iter().all(|c| c.ok)
    }

    /// Whether there was anything to re-run (an unreproduced empirical claim has nothing).
    pub fn is_empty(&self) -> bool {
        self.theorems.is_empty() && self.certificates.is_empty()
    }

    /// The run as JSON: `ok`, `theorems` (id, ok, cases, held, not_applicable, failed, seconds)
    /// and `certificates` (path, ok, result).
    pub fn to_json(&self) -> Value {
        json!({
            "ok": self.ok(),
            "theorems": self.theorems.iter().map(TheoremResult::to_json).collect::<Vec<_>>(),
            "certificates": self.certificates.iter()
                .map(|c| json!({"path": c.path, "ok": c.ok, "result": c.result}))
                .collect::<Vec<_>>(),
        })
    }
}

/// Re-runs the evidence of `claims`: every distinct catalogue theorem once through
/// [`harness::run`] with `config` (on `jobs` threads; each theorem's cases come from its own
/// seeds, so results do not depend on `jobs`), and every certificate (paths relative to `root`)
/// through `verify`'s library functions. Results come back in the order of `claims`.
pub fn run(claims: &[Claim], config: RunConfig, root: &Path, jobs: usize) -> Vec<ClaimRun> {
    let mut ids: Vec<&'static str> = Vec::new();
    for c in claims {
        for id in c.evidence.theorems {
            if !ids.contains(id) {
                ids.push(id);
            }
        }
    }
    let catalogue = catalogue::all();
    let theorems: Vec<Option<&dyn Theorem>> =
        ids.iter().map(|id| catalogue.iter().find(|t| t.id() == *id).map(|t| t.as_ref())).collect();
    let tallies = run_parallel(&theorems, config, jobs);
    let results: Vec<TheoremResult> = ids.iter().zip(tallies).map(|(&id, tally)| TheoremResult { id, tally }).collect();
    claims
        .iter()
        .map(|c| ClaimRun {
            id: c.id,
            theorems: c
                .evidence
                .theorems
                .iter()
                .map(|id| results.iter().find(|r| r.id == *id).expect("every id was run").clone())
                .collect(),
            certificates: c.evidence.certificates.iter().map(|p| check_certificate(root, p)).collect(),
        })
        .collect()
}

fn run_parallel(theorems: &[Option<&dyn Theorem>], config: RunConfig, jobs: usize) -> Vec<Option<Tally>> {
    let next = AtomicUsize::new(0);
    let out: Mutex<Vec<Option<Tally>>> = Mutex::new(vec![None; theorems.len()]);
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, theorems.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(t) = theorems.get(i) else { break };
                if let Some(t) = t {
                    let tally = harness::run(*t, config, |_| {});
                    out.lock().expect("no thread panicked holding the lock")[i] = Some(tally);
                }
            });
        }
    });
    out.into_inner().expect("no thread panicked holding the lock")
}

/// Re-checks the certificate at `root/path`: a Hessian certificate through
/// [`hcert::verify`], a counterexample certificate through [`verify`].
pub fn check_certificate(root: &Path, path: &'static str) -> CertificateResult {
    let fail = |result: String| CertificateResult { path, ok: false, result };
    let text = match std::fs::read_to_string(root.join(path)) {
        Ok(t) => t,
        Err(e) => return fail(format!("cannot read: {e}")),
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return fail(format!("not JSON: {e}")),
    };
    if value.get("format").and_then(Value::as_str) == Some(hcert::CERTIFICATE_FORMAT) {
        let cert = match hcert::from_json(&text, path) {
            Ok(c) => c,
            Err(e) => return fail(e.to_string()),
        };
        return match hcert::verify(&cert) {
            Ok(()) => CertificateResult {
                path,
                ok: true,
                result: "stands (Hessian certificate, checked exactly through the simple path)".into(),
            },
            Err(e) => fail(format!("does not stand: {e}")),
        };
    }
    match verify(&value) {
        Ok(Verification::Stands) => CertificateResult {
            path,
            ok: true,
            result: "stands (re-checked from the stored case: the same expected and computed values)".into(),
        },
        Ok(Verification::DoesNotStand(why)) => fail(format!("does not stand: {why}")),
        Err(e) => fail(e.to_string()),
    }
}
