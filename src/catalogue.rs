//! The catalogue: every theorem `embedcheck check` knows, and the negative controls.
//!
//! Each domain states its theorems next to its mathematics and exposes them as `theorems()`
//! (catalogue entries) and `controls()` (deliberately wrong variants, ids ending in
//! `.control.<what>`, which must fail on some generated case): [`crate::embed::theorems`]
//! (`width.*`), [`crate::symmetry::theorems`](mod@crate::symmetry::theorems) (`symmetry.*`),
//! [`crate::depth`] (`depth.*`), [`crate::linear::theorems`](mod@crate::linear::theorems)
//! (`linear.*`) and [`crate::hessian::theorems`] (`hessian.*`). This module sits above them all
//! and assembles the list, so that [`crate::theorem`] (the trait, the harness, certificates)
//! imports no domain. Every theorem has at least one control; [`Theorem::control_of`] names the
//! theorem a control breaks and [`controls_of`] lists them per theorem.

use crate::theorem::certificate::{self, Verification};
use crate::theorem::Theorem;

/// All catalogue theorems, in catalogue order (width, symmetry, depth, linear, Hessian).
pub fn all() -> Vec<Box<dyn Theorem>> {
    let mut out = Vec::new();
    out.extend(crate::embed::theorems::theorems());
    out.extend(crate::symmetry::theorems());
    out.extend(crate::depth::theorems());
    out.extend(crate::linear::theorems());
    out.extend(crate::hessian::theorems::theorems());
    out
}

/// All negative controls, in catalogue order.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    let mut out = Vec::new();
    out.extend(crate::embed::theorems::controls());
    out.extend(crate::symmetry::controls());
    out.extend(crate::depth::controls());
    out.extend(crate::linear::controls());
    out.extend(crate::hessian::theorems::controls());
    out
}

/// The theorem or control with this id.
pub fn find(id: &str) -> Option<Box<dyn Theorem>> {
    all().into_iter().chain(controls()).find(|t| t.id() == id)
}

/// The ids of the negative controls of the theorem `theorem_id` (those whose
/// [`Theorem::control_of`] is `theorem_id`), in catalogue order; empty for an unknown id.
pub fn controls_of(theorem_id: &str) -> Vec<&'static str> {
    controls().iter().filter(|c| c.control_of() == Some(theorem_id)).map(|c| c.id()).collect()
}

/// Re-checks a certificate of any catalogue theorem or control ([`certificate::verify`] with the
/// theorem looked up by [`find`]).
///
/// # Errors
/// As [`certificate::verify`], and when the certificate names a theorem the catalogue does not have.
pub fn verify(cert: &serde_json::Value) -> Result<Verification, certificate::CertificateError> {
    certificate::verify(cert, find)
}
