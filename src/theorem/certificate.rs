//! Certificates: a counterexample as a self-contained JSON file, and its re-verification.
//!
//! Format `embedcheck.certificate/1`: the theorem id, statement and source; the run's seed, the
//! case index and the case seed that regenerates it; the size knobs; what was expected and what
//! was computed (exact values as canonical strings); the case itself (network and data in the
//! contract formats, operator parameters); the embedcheck version that wrote it; and `digest`,
//! the SHA-256 of all of that ([`super::digest`]). [`verify`] re-checks the stored case and
//! compares.

use super::harness::Failure;
use super::{CheckError, Recheck, Theorem};
use crate::io::{unknown_key, unknown_key_message};
use serde_json::{json, Value};
use std::fmt;

/// Format tag of certificate files.
pub const FORMAT: &str = "embedcheck.certificate/1";

/// The keys of a certificate's top-level object (what [`certificate`] writes); any other key is
/// an error when the certificate is read back.
const KEYS: [&str; 13] = [
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
    "digest",
];
/// The keys of `size`.
const SIZE_KEYS: [&str; 3] = ["max_width", "max_depth", "max_height"];

/// The certificate of a failure of `theorem` in a run with master seed `seed`, sealed by its
/// `digest` ([`super::digest`]).
pub fn certificate(theorem: &dyn Theorem, seed: u64, failure: &Failure) -> Value {
    let s = failure.size;
    let mut cert = json!({
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
    });
    seal(&mut cert);
    cert
}

/// Sets the certificate's `digest` to the digest of the rest of it ([`super::digest::digest`]).
pub fn seal(cert: &mut Value) {
    let d = digest_of(cert);
    cert.as_object_mut().expect("a certificate is an object").insert("digest".into(), Value::String(d));
}

/// The digest of a certificate without its `digest` key.
fn digest_of(cert: &Value) -> String {
    let mut rest = cert.clone();
    if let Some(o) = rest.as_object_mut() {
        o.remove("digest");
    }
    super::digest::digest(&rest)
}

/// Whether a certificate stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    /// Re-checked from the case it stores, the claim fails with exactly the stored `expected`
    /// and `computed` strings.
    Stands,
    /// It does not stand; the reason says which field differs, or that the claim holds on the
    /// stored case, or which hypothesis the stored case does not meet.
    DoesNotStand(String),
}

/// Why a file cannot be re-checked as a certificate ([`verify`]); each message names the field.
#[derive(Clone, Debug, PartialEq)]
pub enum CertificateError {
    /// The `format` field is not this format's.
    NotACertificate,
    /// A key the format does not define, at the top level or in `size`.
    UnknownKey {
        /// The key.
        key: String,
        /// Whether it is inside `size`.
        within_size: bool,
    },
    /// A required field is absent.
    Missing {
        /// The field.
        field: &'static str,
    },
    /// `theorem` names no theorem the catalogue has.
    UnknownTheorem {
        /// The id.
        id: String,
    },
    /// A field that must be a string is not one.
    NotAString {
        /// The field.
        field: &'static str,
    },
    /// The stored case cannot be read or re-checked.
    Case(CheckError),
}

impl fmt::Display for CertificateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CertificateError::NotACertificate => write!(f, "not a certificate: field `format` must be \"{FORMAT}\""),
            CertificateError::UnknownKey { key, within_size: false } => {
                f.write_str(&unknown_key_message(key, &KEYS, ""))
            }
            CertificateError::UnknownKey { key, within_size: true } => {
                write!(f, "field `size`: {}", unknown_key_message(key, &SIZE_KEYS, "size"))
            }
            CertificateError::Missing { field } => write!(f, "field `{field}`: missing"),
            CertificateError::UnknownTheorem { id } => write!(f, "field `theorem`: unknown theorem `{id}`"),
            CertificateError::NotAString { field } => write!(f, "field `{field}`: expected a string"),
            CertificateError::Case(e) => write!(f, "field `case`: {e}"),
        }
    }
}

impl std::error::Error for CertificateError {}

/// Re-checks a certificate from the case it stores, its theorem looked up by id with `find`
/// (the catalogue's lookup, which [`crate::catalogue::verify`] passes) ([`Theorem::recheck`]: every number read from
/// the file, nothing regenerated from the case seed, through the family's independent path where
/// it has one) and compares the recomputed `expected` and `computed` with the stored strings
/// exactly. It stands only when the claim fails on the stored case with both strings equal, when
/// `statement` and `source` are the catalogue's for the theorem id, and when its `digest` seals
/// its contents (so that no number was changed, also one the outcome does not depend on). The
/// case seed and size are not used to re-check: they say how `check` found the case.
///
/// # Errors
/// A message when the file is not a certificate, has a key the format does not define (at the
/// top level or in `size`), names a theorem `find` does not know, lacks a field, or its case cannot be read.
pub fn verify(cert: &Value, find: impl Fn(&str) -> Option<Box<dyn Theorem>>) -> Result<Verification, CertificateError> {
    if cert.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(CertificateError::NotACertificate);
    }
    if let Some(k) = unknown_key(cert, &KEYS) {
        return Err(CertificateError::UnknownKey { key: k.to_string(), within_size: false });
    }
    if let Some(k) = cert.get("size").and_then(|size| unknown_key(size, &SIZE_KEYS)) {
        return Err(CertificateError::UnknownKey { key: k.to_string(), within_size: true });
    }
    let id = cert.get("theorem").and_then(Value::as_str).ok_or(CertificateError::Missing { field: "theorem" })?;
    let theorem = find(id).ok_or_else(|| CertificateError::UnknownTheorem { id: id.to_string() })?;
    let text = |k: &'static str| cert.get(k).and_then(Value::as_str).ok_or(CertificateError::NotAString { field: k });
    let (expected, computed) = (text("expected")?, text("computed")?);
    let case = cert.get("case").ok_or(CertificateError::Missing { field: "case" })?;
    let mut differ = Vec::new();
    for (k, catalogue) in [("statement", theorem.statement()), ("source", theorem.source())] {
        if text(k)? != catalogue {
            differ.push(format!("field `{k}` is not the catalogue's for `{id}` (\"{catalogue}\")"));
        }
    }
    let recheck = theorem.recheck(case).map_err(CertificateError::Case)?;
    let (e, c) = match recheck {
        Recheck::Fails { expected, computed } => (expected, computed),
        Recheck::Holds => {
            differ.push("re-checked from the stored case, the claim holds: no counterexample".into());
            differ.extend(digest_difference(cert));
            return Ok(Verification::DoesNotStand(differ.join("; ")));
        }
        Recheck::NotApplicable(why) => {
            differ.push(format!("the stored case does not meet the claim's hypotheses: {why}"));
            differ.extend(digest_difference(cert));
            return Ok(Verification::DoesNotStand(differ.join("; ")));
        }
    };
    for (k, stored, again) in [("expected", expected, &e), ("computed", computed, &c)] {
        if stored != again {
            differ
                .push(format!("field `{k}` differs: stored \"{stored}\", re-checked from the stored case \"{again}\""));
        }
    }
    differ.extend(digest_difference(cert));
    Ok(if differ.is_empty() { Verification::Stands } else { Verification::DoesNotStand(differ.join("; ")) })
}

/// Why the certificate's `digest` does not seal it (`None` when it does).
fn digest_difference(cert: &Value) -> Option<String> {
    let again = digest_of(cert);
    match cert.get("digest").and_then(Value::as_str) {
        Some(d) if d == again => None,
        Some(d) => Some(format!(
            "field `digest` differs: stored \"{d}\", the certificate's contents give \"{again}\" (a field was changed after `check` wrote it)"
        )),
        None => Some(format!("field `digest`: missing (`check` seals every certificate; its contents give \"{again}\")")),
    }
}
