//! The catalogue: every theorem `embedcheck check` knows, and the negative controls.
//!
//! Each module contributes `theorems()` (catalogue entries) and `controls()` (deliberately wrong
//! variants, ids ending in `.control.<what>`, which must fail on some generated case). Every
//! theorem has at least one control; [`Theorem::control_of`] names the theorem a control breaks
//! and [`controls_of`] lists them per theorem.

use super::Theorem;

/// All catalogue theorems.
pub fn all() -> Vec<Box<dyn Theorem>> {
    let mut out = Vec::new();
    out.extend(super::width::theorems());
    out.extend(crate::symmetry::theorems());
    out.extend(crate::depth::theorems());
    out.extend(crate::linear::theorems());
    out.extend(crate::hessian::theorems::theorems());
    out
}

/// All negative controls.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    let mut out = Vec::new();
    out.extend(super::width::controls());
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
