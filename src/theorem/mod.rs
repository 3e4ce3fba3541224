//! Theorems as checks: the catalogue entries and what a check returns.
//!
//! A [`Theorem`] states one claim of the papers (or a derived statement of the specs), with its
//! source and hypotheses, and checks it on a case it generates from a seeded [`Rng`]. A check
//! answers [`Outcome::Holds`] with the kind of evidence ([`Evidence`]), [`Outcome::NotApplicable`]
//! when the generated case does not meet the hypotheses, or [`Outcome::Fails`] with a
//! counterexample.
//!
//! Evidence words mean one thing everywhere (STYLE.md, habit 7): *checked exactly* (an equality
//! in Q), *within tolerance* (float path; the tolerance and its derivation are stated), *proved*
//! (only for what a written proof in `proofs/` covers).

pub mod catalogue;
pub mod certificate;
pub mod harness;
pub mod width;

use crate::rng::Rng;
use std::fmt;

/// The kind of evidence a check produces.
#[derive(Clone, Debug, PartialEq)]
pub enum Evidence {
    /// An equality in Q, computed exactly.
    CheckedExactly,
    /// A float comparison; `tolerance` and why it is the right one.
    WithinTolerance {
        /// The tolerance used.
        tolerance: f64,
        /// Its derivation.
        why: String,
    },
    /// Covered by a written proof in `proofs/` (the file is named).
    Proved(String),
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::CheckedExactly => f.write_str("checked exactly"),
            Evidence::WithinTolerance { tolerance, why } => write!(f, "within tolerance {tolerance:e} ({why})"),
            Evidence::Proved(p) => write!(f, "proved ({p})"),
        }
    }
}

/// A counterexample: what was expected, what was computed, and the case as JSON (exact values as
/// canonical strings), enough to write a certificate.
#[derive(Clone, Debug, PartialEq)]
pub struct Counterexample {
    /// What the theorem predicts.
    pub expected: String,
    /// What was computed.
    pub computed: String,
    /// The case: network, data, operator parameters (contract formats where they apply).
    pub case: serde_json::Value,
}

/// The result of checking one generated case.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The claim held on this case.
    Holds(Evidence),
    /// The case does not meet the hypotheses; the reason says which.
    NotApplicable(String),
    /// The claim failed on this case.
    Fails(Box<Counterexample>),
}

/// Size knobs for generated cases, so that a failing case can be shrunk by retrying smaller ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Largest hidden width.
    pub max_width: usize,
    /// Largest number of layers L.
    pub max_depth: usize,
    /// Largest numerator/denominator of generated rationals.
    pub max_height: i64,
}

impl Default for Size {
    fn default() -> Size {
        Size { max_width: 3, max_depth: 3, max_height: 4 }
    }
}

/// One claim, checkable on generated cases.
pub trait Theorem: Send + Sync {
    /// Stable id, e.g. `width.split.criticality`.
    fn id(&self) -> &'static str;
    /// The statement in one sentence.
    fn statement(&self) -> &'static str;
    /// Paper and result number (or spec section for derived statements).
    fn source(&self) -> &'static str;
    /// The hypotheses, in words; [`Theorem::check`] answers "not applicable" when they fail.
    fn hypotheses(&self) -> &'static str;
    /// The evidence a holding case carries.
    fn evidence(&self) -> Evidence;
    /// Generates one case from `rng` within `size` and checks the claim on it.
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome;
    /// Re-checks the claim on a counterexample's `case` (as written in a certificate) through the
    /// simplest code path available (forward-mode duals), sharing no code with the fast path of
    /// [`Theorem::check`] beyond parsing and the forward pass. `Ok(true)`: the claim holds on the
    /// case; `Ok(false)`: it fails (the counterexample stands).
    ///
    /// # Errors
    /// When the theorem has no independent re-check or the case cannot be read.
    fn reverify(&self, case: &serde_json::Value) -> Result<bool, String> {
        let _ = case;
        Err(format!("`{}` has no independent re-check; re-run it with the certificate's case seed", self.id()))
    }
    /// For a negative control, the id of the catalogue theorem it is a deliberately wrong variant
    /// of; `None` for a theorem. By default the part of the id before `.control.` (ids
    /// `<theorem id>.control.<what>`); controls named after a family (`width.split.control.…`)
    /// override it. [`catalogue::controls_of`] lists a theorem's controls.
    fn control_of(&self) -> Option<&'static str> {
        self.id().split_once(".control.").map(|(theorem, _)| theorem)
    }
}
