//! Theorems as checks: what a catalogue entry is and what a check returns.
//!
//! This module is domain-free: each domain states its theorems next to its mathematics
//! (`embed::theorems`, `symmetry::theorems`, `depth::theorems`, `linear::theorems`,
//! `hessian::theorems`), and [`crate::catalogue`], above them all, assembles the list.
//!
//! A [`Theorem`] states one claim of the papers (or a derived statement of the specs), with its
//! source and hypotheses, and checks it on a case it generates from a seeded [`Rng`]. A check
//! answers [`Outcome::Holds`] with the kind of evidence ([`Evidence`]), [`Outcome::NotApplicable`]
//! when the generated case does not meet the hypotheses, or [`Outcome::Fails`] with a
//! counterexample.
//!
//! A failing case is written as a certificate ([`certificate`]) holding every number the check
//! used; [`Theorem::recheck`] judges such a stored case again — reading it, checking the
//! hypotheses the generator guarantees, through an independent path where the family has one —
//! and [`certificate::verify`] compares the re-checked `expected` and `computed` strings with the
//! stored ones.
//!
//! Evidence words mean one thing everywhere (STYLE.md, habit 7): *checked exactly* (an equality
//! in Q), *within tolerance* (float path; the tolerance and its derivation are stated), *proved*
//! (only for what a written proof in `proofs/` covers).

pub mod certificate;
pub mod digest;
pub mod harness;
mod inapplicable;
pub mod report;
pub mod shard;
pub(crate) mod stored;

pub use inapplicable::Inapplicable;

use crate::io::case::CaseError;
use crate::loss::LossFamily;
use crate::net::EvalError;
use crate::rng::Rng;

/// `applies!(result)`: the value of a computation a judgement needs; on an error the enclosing
/// function (which returns a [`Recheck`]) answers [`Recheck::NotApplicable`] with the error as
/// the reason.
macro_rules! applies {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return $crate::theorem::Recheck::NotApplicable(e.to_string()),
        }
    };
}
pub(crate) use applies;

/// `generated!(result)`: the case a generator produced; when it could not produce one meeting the
/// hypotheses, the enclosing check (which returns an [`Outcome`]) answers
/// [`Outcome::NotApplicable`] with the generator's reason.
macro_rules! generated {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(why) => return $crate::theorem::Outcome::NotApplicable(why.to_string()),
        }
    };
}
pub(crate) use generated;
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

/// A judgement's answer before it becomes an [`Outcome`] or a [`Recheck`]: `Ok(())` when the
/// claim holds on the case, `Err((expected, computed))` when it fails, worded as the check words
/// it (exact values as canonical strings).
pub type Verdict = Result<(), (String, String)>;

/// What re-checking a counterexample's stored case gives ([`Theorem::recheck`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recheck {
    /// The claim holds on the case: it is no counterexample.
    Holds,
    /// The case does not meet the claim's hypotheses, or a part of it derived from the others (an
    /// embedded or lifted network, a moment matrix, …) is not what they give; the reason says which.
    NotApplicable(String),
    /// The claim fails on the case, with what the theorem predicts and what was computed, worded
    /// exactly as [`Theorem::check`] words them (exact values as canonical strings).
    Fails {
        /// What the theorem predicts.
        expected: String,
        /// What was computed.
        computed: String,
    },
}

impl Recheck {
    /// The answer a check's [`Outcome`] gives (a failure's case dropped).
    pub fn of(outcome: Outcome) -> Recheck {
        match outcome {
            Outcome::Holds(_) => Recheck::Holds,
            Outcome::NotApplicable(why) => Recheck::NotApplicable(why),
            Outcome::Fails(cx) => Recheck::Fails { expected: cx.expected, computed: cx.computed },
        }
    }

    /// The outcome of a check whose judgement is this verdict: a holding case carries `evidence`,
    /// a failing one the case `case()` gives (called only on a failure).
    pub fn outcome(self, evidence: Evidence, case: impl FnOnce() -> serde_json::Value) -> Outcome {
        match self {
            Recheck::Holds => Outcome::Holds(evidence),
            Recheck::NotApplicable(why) => Outcome::NotApplicable(why),
            Recheck::Fails { expected, computed } => {
                Outcome::Fails(Box::new(Counterexample { expected, computed, case: case() }))
            }
        }
    }

    /// The answer of a judgement written as `Ok(())` (holds), `Ok(Err((expected, computed)))`
    /// (fails) or `Err(reason)` (not applicable): the form the width judgements compose with `?`
    /// internally, converted at their boundary.
    pub fn of_verdict(verdict: Result<Verdict, Inapplicable>) -> Recheck {
        match verdict {
            Ok(Ok(())) => Recheck::Holds,
            Ok(Err((expected, computed))) => Recheck::Fails { expected, computed },
            Err(why) => Recheck::NotApplicable(why.to_string()),
        }
    }
}

/// Why a stored case could not be re-checked ([`Theorem::recheck`], [`Theorem::reverify`]).
#[derive(Clone, Debug, PartialEq)]
pub enum CheckError {
    /// The theorem has no re-check from a stored case.
    NotRecheckable {
        /// The theorem's id.
        id: &'static str,
    },
    /// A field of the case is missing or malformed (the place is in the error).
    Case(CaseError),
    /// The stored network cannot be evaluated on the stored data (shapes, a pole, a float-only σ).
    Eval(EvalError),
    /// The case is malformed in a way its family's reader words itself (an index out of range, a
    /// part that does not fit another, …).
    Malformed(String),
    /// The case is readable but does not meet the claim's hypotheses ([`Theorem::reverify`]
    /// only; [`Theorem::recheck`] answers [`Recheck::NotApplicable`]).
    NotApplicable(Inapplicable),
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckError::NotRecheckable { id } => write!(f, "`{id}` cannot be re-checked from a stored case"),
            CheckError::Case(e) => write!(f, "{e}"),
            CheckError::Eval(e) => write!(f, "{e}"),
            CheckError::Malformed(why) => f.write_str(why),
            CheckError::NotApplicable(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for CheckError {}

impl From<EvalError> for CheckError {
    fn from(e: EvalError) -> CheckError {
        CheckError::Eval(e)
    }
}

impl From<Inapplicable> for CheckError {
    fn from(e: Inapplicable) -> CheckError {
        CheckError::NotApplicable(e)
    }
}

impl From<crate::io::InputError> for CheckError {
    fn from(e: crate::io::InputError) -> CheckError {
        CheckError::Case(CaseError::Input(e))
    }
}

impl From<crate::activation::FloatOnly> for CheckError {
    fn from(e: crate::activation::FloatOnly) -> CheckError {
        CheckError::Eval(EvalError::FloatOnly(e))
    }
}

impl From<CaseError> for CheckError {
    fn from(e: CaseError) -> CheckError {
        CheckError::Case(e)
    }
}

/// A family reader's own message about a malformed case.
impl From<String> for CheckError {
    fn from(why: String) -> CheckError {
        CheckError::Malformed(why)
    }
}

/// A family reader's own message about a malformed case.
impl From<&str> for CheckError {
    fn from(why: &str) -> CheckError {
        CheckError::Malformed(why.to_string())
    }
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
    /// The loss family of the generated cases, for the theorems that draw a loss per case (the
    /// width embeddings); `None`: drawn from the case seed among the applicable families.
    pub loss: Option<LossFamily>,
}

impl Default for Size {
    fn default() -> Size {
        Size { max_width: 3, max_depth: 3, max_height: 4, loss: None }
    }
}

/// How a theorem's statement involves the loss ℓ of R_S, which decides what `check --loss F` does
/// with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossUse {
    /// The statement involves no loss (a map between parameter spaces, a set defined by outputs on
    /// the data, a count): its cases are the same under every family.
    Free,
    /// The statement holds for every loss of the exact families: each case draws its loss from
    /// [`Size::loss`] (or from the case seed when none is fixed) and records it.
    Drawn,
    /// The statement (or its generator) assumes ½-MSE: "not applicable" under another family.
    MseOnly,
}

impl LossUse {
    /// The word the reports use.
    pub fn name(self) -> &'static str {
        match self {
            LossUse::Free => "loss-free",
            LossUse::Drawn => "every loss",
            LossUse::MseOnly => "½-MSE",
        }
    }
}

/// How a theorem's generator uses the requested [`Size::max_width`]: a declared property of the
/// theorem ([`Theorem::widths`]), applied by the harness, which passes
/// [`WidthRule::width_used`] to [`Theorem::check`]; the generator then draws hidden widths up to
/// exactly that value (operators such as splitting or depth lifting may widen it further).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidthRule {
    /// Hidden widths 1 ..= the requested `max_width`, whatever it is.
    Requested,
    /// Hidden widths up to min(requested, `max`); `reason` says why wider cases are not run.
    Capped {
        /// The largest width run.
        max: usize,
        /// Why (e.g. the cost of the exact back end above it).
        reason: &'static str,
    },
    /// Hidden widths that do not depend on the request, at most `max` (and `max` is reached);
    /// `reason` says why.
    Fixed {
        /// The largest hidden width of every run.
        max: usize,
        /// Why the widths are fixed.
        reason: &'static str,
    },
}

impl WidthRule {
    /// The `max_width` the harness passes to [`Theorem::check`] when `requested` is asked for.
    pub fn width_used(&self, requested: usize) -> usize {
        match *self {
            WidthRule::Requested => requested,
            WidthRule::Capped { max, .. } => requested.min(max),
            WidthRule::Fixed { max, .. } => max,
        }
    }

    /// Why the width used differs from `requested`; `None` when it does not.
    pub fn reason(&self, requested: usize) -> Option<&'static str> {
        match *self {
            WidthRule::Requested => None,
            WidthRule::Capped { reason, .. } | WidthRule::Fixed { reason, .. } => {
                (self.width_used(requested) != requested).then_some(reason)
            }
        }
    }
}

impl Size {
    /// These knobs as they are run for `theorem`: `max_width` replaced by the width its
    /// [`WidthRule`] uses for this request.
    pub fn for_theorem(self, theorem: &dyn Theorem) -> Size {
        Size { max_width: theorem.widths().width_used(self.max_width), ..self }
    }
}

/// What a catalogue entry states about itself, given once per theorem ([`Theorem::meta`]); the
/// accessors [`Theorem::id`], [`Theorem::statement`], [`Theorem::source`],
/// [`Theorem::hypotheses`], [`Theorem::widths`], [`Theorem::loss_use`] and [`Theorem::evidence`]
/// read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Stable id, e.g. `width.split.criticality`; a negative control's ends in `.control.<what>`.
    pub id: &'static str,
    /// The statement in one sentence.
    pub statement: &'static str,
    /// Paper and result number (e.g. "\[P1\] Thm 1"); "negative control" for a control.
    pub source: &'static str,
    /// The hypotheses, in words; [`Theorem::check`] answers "not applicable" when they fail.
    pub hypotheses: &'static str,
    /// How the generator uses `Size::max_width` ([`WidthRule`]).
    pub widths: WidthRule,
    /// How the statement involves the loss ℓ ([`LossUse`]).
    pub loss: LossUse,
    /// The evidence a holding case carries.
    pub evidence: Evidence,
}

/// One claim, checkable on generated cases.
pub trait Theorem: Send + Sync {
    /// The claim's id, statement, source, hypotheses and kind of evidence, stated once.
    fn meta(&self) -> Meta;
    /// Stable id, e.g. `width.split.criticality` ([`Meta::id`]).
    fn id(&self) -> &'static str {
        self.meta().id
    }
    /// The statement in one sentence ([`Meta::statement`]).
    fn statement(&self) -> &'static str {
        self.meta().statement
    }
    /// Paper and result number ([`Meta::source`]).
    fn source(&self) -> &'static str {
        self.meta().source
    }
    /// The hypotheses, in words ([`Meta::hypotheses`]); [`Theorem::check`] answers "not
    /// applicable" when they fail.
    fn hypotheses(&self) -> &'static str {
        self.meta().hypotheses
    }
    /// The evidence a holding case carries ([`Meta::evidence`]).
    fn evidence(&self) -> Evidence {
        self.meta().evidence
    }
    /// How the generator uses `Size::max_width` ([`Meta::widths`]): every requested width, a
    /// declared cap with its reason, or fixed widths. The harness applies it
    /// ([`Size::for_theorem`]) and reports the width used.
    fn widths(&self) -> WidthRule {
        self.meta().widths
    }
    /// How the statement involves the loss ℓ ([`Meta::loss`]): the harness runs a
    /// [`LossUse::MseOnly`] theorem only when `check --loss` fixes no other family.
    fn loss_use(&self) -> LossUse {
        self.meta().loss
    }
    /// Generates one case from `rng` within `size` and checks the claim on it. The hidden widths
    /// are drawn up to `size.max_width` as given (the harness has already applied
    /// [`Theorem::widths`]).
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome;
    /// Re-checks the claim on a counterexample's stored `case` (as written in a certificate): reads
    /// every number from it — nothing is regenerated from a seed — checks the hypotheses the
    /// generator guarantees and that the parts derived from other parts (embedded or lifted
    /// networks, moments, …) are what those give, and judges the claim, through an independent
    /// code path where the family has one (forward-mode duals, the operators as sparse maps,
    /// another inertia method) and otherwise through the check's own judgement. A failure is
    /// worded exactly as [`Theorem::check`] words it, so that [`certificate::verify`] can compare
    /// the strings with the stored `expected` and `computed`.
    ///
    /// # Errors
    /// [`CheckError::NotRecheckable`] when the theorem has no re-check from a stored case, else
    /// why the case cannot be read (a missing field, a value of the wrong type, an index out of
    /// range).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, CheckError> {
        let _ = case;
        Err(CheckError::NotRecheckable { id: self.id() })
    }
    /// [`Theorem::recheck`] as a yes/no answer: `Ok(true)` when the claim holds on the case,
    /// `Ok(false)` when it fails (the counterexample stands, whatever its wording).
    ///
    /// # Errors
    /// As [`Theorem::recheck`], and [`CheckError::NotApplicable`] with the reason when the case
    /// does not meet the hypotheses.
    fn reverify(&self, case: &serde_json::Value) -> Result<bool, CheckError> {
        match self.recheck(case)? {
            Recheck::Holds => Ok(true),
            Recheck::Fails { .. } => Ok(false),
            Recheck::NotApplicable(why) => Err(CheckError::NotApplicable(Inapplicable::Hypothesis(why))),
        }
    }
    /// For a negative control, the id of the catalogue theorem it is a deliberately wrong variant
    /// of; `None` for a theorem. By default the part of the id before `.control.` (ids
    /// `<theorem id>.control.<what>`); controls named after a family (`width.split.control.…`)
    /// override it. [`crate::catalogue::controls_of`] lists a theorem's controls.
    fn control_of(&self) -> Option<&'static str> {
        self.id().split_once(".control.").map(|(theorem, _)| theorem)
    }
}
