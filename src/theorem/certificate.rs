//! Certificates: a counterexample as a self-contained JSON file, and its re-verification.
//!
//! Format `embedcheck.certificate/1`: the theorem id, statement and source; the run's seed, the
//! case index and the case seed that regenerates it; the size knobs; what was expected and what
//! was computed (exact values as canonical strings); the case itself (network and data in the
//! contract formats, operator parameters); and the embedcheck version that wrote it.

use super::harness::{run_case, Failure};
use super::{catalogue, Outcome, Size, Theorem};
use crate::io::{unknown_key, unknown_key_message};
use serde_json::{json, Value};

/// Format tag of certificate files.
pub const FORMAT: &str = "embedcheck.certificate/1";

/// The keys of a certificate's top-level object (what [`certificate`] writes); any other key is
/// an error when the certificate is read back.
const KEYS: [&str; 12] = [
    "format",
    "theorem",
    "statement",
    "source",
    "seed",
    "case_index",
    "case_seed",
    "size",
    "expected",
    "computed",
    "case",
    "embedcheck_version",
];
/// The keys of `size`.
const SIZE_KEYS: [&str; 3] = ["max_width", "max_depth", "max_height"];

/// The certificate of a failure of `theorem` in a run with master seed `seed`.
pub fn certificate(theorem: &dyn Theorem, seed: u64, failure: &Failure) -> Value {
    let s = failure.size;
    json!({
        "format": FORMAT,
        "theorem": theorem.id(),
        "statement": theorem.statement(),
        "source": theorem.source(),
        "seed": seed,
        "case_index": failure.case_index,
        "case_seed": failure.case_seed.to_string(),
        "size": {"max_width": s.max_width, "max_depth": s.max_depth, "max_height": s.max_height},
        "expected": failure.counterexample.expected,
        "computed": failure.counterexample.computed,
        "case": failure.counterexample.case,
        "embedcheck_version": env!("CARGO_PKG_VERSION"),
    })
}

/// How a certificate was re-checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    /// The independent re-check (forward-mode duals) confirms the claim fails on the case.
    Stands,
    /// The independent re-check finds that the claim holds: the certificate does not stand.
    Refuted,
    /// No independent re-check exists; re-running the check from the case seed reproduced the
    /// failure (weaker evidence: same code path).
    Reproduced,
    /// No independent re-check, and re-running did not reproduce the failure.
    NotReproduced,
}

/// Re-checks a certificate.
///
/// # Errors
/// A message when the file is not a certificate, has a key the format does not define (at the
/// top level or in `size`), names an unknown theorem, or its case cannot be read.
pub fn verify(cert: &Value) -> Result<Verification, String> {
    if cert.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(format!("not a certificate: field `format` must be \"{FORMAT}\""));
    }
    if let Some(k) = unknown_key(cert, &KEYS) {
        return Err(unknown_key_message(k, &KEYS, ""));
    }
    if let Some(k) = cert.get("size").and_then(|size| unknown_key(size, &SIZE_KEYS)) {
        return Err(format!("field `size`: {}", unknown_key_message(k, &SIZE_KEYS, "size")));
    }
    let id = cert.get("theorem").and_then(Value::as_str).ok_or("field `theorem`: missing")?;
    let theorem = catalogue::find(id).ok_or_else(|| format!("field `theorem`: unknown theorem `{id}`"))?;
    let case = cert.get("case").ok_or("field `case`: missing")?;
    match theorem.reverify(case) {
        Ok(false) => Ok(Verification::Stands),
        Ok(true) => Ok(Verification::Refuted),
        Err(_) => {
            let seed: u64 = cert
                .get("case_seed")
                .and_then(Value::as_str)
                .and_then(|s| s.parse().ok())
                .ok_or("field `case_seed`: expected an integer string")?;
            let size = cert.get("size").ok_or("field `size`: missing")?;
            let get = |k: &str| size.get(k).and_then(Value::as_u64).ok_or(format!("field `size.{k}`: missing"));
            let size = Size {
                max_width: get("max_width")? as usize,
                max_depth: get("max_depth")? as usize,
                max_height: get("max_height")? as i64,
            };
            Ok(match run_case(theorem.as_ref(), seed, size) {
                Outcome::Fails(_) => Verification::Reproduced,
                _ => Verification::NotReproduced,
            })
        }
    }
}
