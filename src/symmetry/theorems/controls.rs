//! Negative controls for the `symmetry.*` catalogue entries: deliberately wrong variants of the
//! statements, each of which must produce [`Outcome::Fails`] on some generated case (tests in
//! `tests/theorem/catalogue.rs` prove they are caught).

use super::case::{fails, small_r_m};
use super::lifting::LIFT_WIDTHS;
use super::lifting::{identity_case, identity_gradients, null_neuron_case, random_lift_case};
use super::lifting::{read_null_neuron_case, with_null_neuron_is_critical};
use super::manifold::{geometry, random_manifold_point, read_r_m, read_r_m_d};
use super::manifold::{COUNTS_WIDTHS, GEOMETRY_WIDTHS, MAX_COUNT_M, POINT_WIDTHS};
use super::stored::{LiftCase, LiftParts, ManifoldCase};
use crate::io::vector_to_json;
use crate::rng::Rng;
use crate::scalar::{Ring, Q, Z};
use crate::symmetry::counts::Counts;
use crate::symmetry::enumerate::count_configurations;
use crate::symmetry::lifting::lifting_identity_holds;
use crate::theorem::generated;
use crate::theorem::stored::judge_stored;
use crate::theorem::stored::recheck_outcome;
use crate::theorem::{Evidence, LossUse, Meta, Outcome, Recheck, Size, Theorem, WidthRule};
use serde_json::json;

/// A control's metadata, stated once: id, statement, source, the theorem it breaks, and the
/// widths and loss rules it runs under (those of that theorem).
macro_rules! control {
    ($name:ident, $id:literal, $statement:literal, $source:literal, of $of:literal, $widths:expr, $loss:expr) => {
        #[doc = concat!("Negative control `", $id, "` of `", $of, "`: ", $statement)]
        pub struct $name;
        impl $name {
            const ID: &'static str = $id;
            const STATEMENT: &'static str = $statement;
            const SOURCE: &'static str = $source;
            const OF: &'static str = $of;
            const WIDTHS: WidthRule = $widths;
            const LOSS: LossUse = $loss;
        }
    };
}

macro_rules! control_meta {
    () => {
        fn meta(&self) -> Meta {
            Meta {
                id: Self::ID,
                statement: Self::STATEMENT,
                source: Self::SOURCE,
                hypotheses: "as for the statement it breaks",
                widths: Self::WIDTHS,
                loss: Self::LOSS,
                evidence: Evidence::CheckedExactly,
            }
        }
        fn control_of(&self) -> Option<&'static str> {
            Some(Self::OF)
        }
    };
}

control!(
    TEqualsT1,
    "symmetry.counts.control.t_equals_t1",
    "(wrong) the number of configurations is r!·S(m+1, r+1), i.e. zero-type groups need not be counted",
    "wrong variant of Şimşek et al. ICML 2021, abstract (closed forms of T; T1 < T once h ≥ 2)",
    of "symmetry.counts.closed_forms",
    COUNTS_WIDTHS,
    LossUse::Free
);

impl Theorem for TEqualsT1 {
    control_meta!();
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (r, m) = small_r_m(rng, size);
        t_equals_t1(r, m)
    }
    /// Reads r and m and counts again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, read_r_m(case, MAX_COUNT_M)?, |(r, m)| t_equals_t1(r, m)))
    }
}

/// The wrong count T1 against the enumerated T at (r, m).
fn t_equals_t1(r: usize, m: usize) -> Outcome {
    let claimed = Counts::up_to(m).t1(r, m);
    let brute = count_configurations(r, m, false);
    if claimed == Z::from_u64(brute) {
        Outcome::Holds(Evidence::CheckedExactly)
    } else {
        fails(format!("{claimed}"), format!("{brute} configurations"), json!({"r": r, "m": m}))
    }
}

control!(
    DimensionQd,
    "symmetry.manifold.control.dimension_qd",
    "(wrong) dim Γ_C = h + q·d (forgetting that a zero-type group's common vector is one d-vector less the sum constraint)",
    "wrong variant of Şimşek et al. ICML 2021, abstract (subspace dimensions)",
    of "symmetry.manifold.geometry",
    GEOMETRY_WIDTHS,
    LossUse::Free
);

impl Theorem for DimensionQd {
    control_meta!();
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (r, m) = small_r_m(rng, size);
        let m = m.min(r + 2);
        let r = r.min(m);
        let d = rng.range(1, 2) as usize;
        geometry(r, m, d, |q| m - r + q * d)
    }
    /// Reads r, m and d and computes the geometry again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, read_r_m_d(case)?, |(r, m, d)| geometry(r, m, d, |q| m - r + q * d)))
    }
}

control!(
    ZeroGroupFreeVectors,
    "symmetry.manifold.control.zero_group_free_vectors",
    "(wrong) a zero-type group only needs Σa = 0, its incoming vectors may differ",
    "wrong variant of Şimşek et al. ICML 2021, Fig. 4 caption (the zero-type group)",
    of "symmetry.manifold.zero_loss",
    POINT_WIDTHS,
    LossUse::Free
);

impl Theorem for ZeroGroupFreeVectors {
    control_meta!();
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let zero_pair = |s: &crate::symmetry::Subspace| {
            s.config.blocks.iter().zip(&s.config.labels).any(|(b, l)| l.is_none() && b.len() >= 2)
        };
        let Some((s, mut case)) = random_manifold_point(rng, size, zero_pair) else {
            return Outcome::NotApplicable("no zero-type group with two neurons (needs m ≥ r + 2)".into());
        };
        let block = s.config.blocks.iter().zip(&s.config.labels).find(|(b, l)| l.is_none() && b.len() >= 2);
        let block = block.expect("chosen for it").0;
        let point = &mut case.point;
        for &j in block {
            point.a[j] = Q::zero();
        }
        point.a[block[0]] = Q::one();
        point.a[block[1]] = Q::int(-1);
        let d = point.input_dim();
        point.w[block[1]] = (0..d).map(|_| rng.small_nonzero_q(5, 3)).collect();
        zero_loss_free_vectors(&case)
    }
    /// Reads C, θ, the teacher, σ and the data, requires θ to satisfy the control's reading of
    /// Γ_C (zero-type groups: Σa = 0 only) and teacher targets, and evaluates again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(match ManifoldCase::read(case)? {
            Ok(c) if c.on_manifold(true) => recheck_outcome(case, zero_loss_free_vectors(&c)),
            Ok(_) => Recheck::NotApplicable("the point does not satisfy Γ_C with free zero-type vectors".into()),
            Err(why) => Recheck::NotApplicable(why.to_string()),
        })
    }
}

/// Zero loss at the case's point (the control's claim).
fn zero_loss_free_vectors(case: &ManifoldCase) -> Outcome {
    match case.point.evaluate(&case.sigma, &case.data) {
        Ok(e) if e.loss.is_zero() => Outcome::Holds(Evidence::CheckedExactly),
        Ok(e) => fails("loss 0", format!("loss {}", e.loss), case.to_json()),
        Err(e) => Outcome::NotApplicable(e.to_string()),
    }
}

control!(
    ZeroTypeNeuron,
    "symmetry.lifting.control.zero_type_neuron",
    "(wrong) a zero-type neuron (a = 0, w free) added to a critical point keeps it critical",
    "wrong variant of Şimşek et al. ICML 2021, abstract (symmetry-induced critical points; true only at zero residual)",
    of "symmetry.lifting.critical",
    LIFT_WIDTHS,
    LossUse::Drawn
);

impl Theorem for ZeroTypeNeuron {
    control_meta!();
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let c = generated!(random_lift_case(rng, size, None, true));
        let d = c.saddle.net.input_dim();
        let w: Vec<Q> = (0..d).map(|_| rng.small_nonzero_q(5, 3)).collect();
        zero_type_neuron(&c, &w)
    }
    /// Reads σ, the data, the base point and the new neuron's w, requires an exactly critical
    /// base point, and evaluates again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let c = match LiftCase::read(case, LiftParts::BaseOnly)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let w = crate::theorem::stored::rationals(crate::theorem::stored::field(case, "new_w")?, "new_w")?;
        if w.len() != c.saddle.net.input_dim() {
            return Err("`new_w`: one entry per input dimension".into());
        }
        if !c.base_is_critical()? {
            return Ok(Recheck::NotApplicable("the base point is not exactly critical".into()));
        }
        Ok(recheck_outcome(case, zero_type_neuron(&c, &w)))
    }
}

/// The base point plus the zero-type neuron (w, 0): still critical?
fn zero_type_neuron(c: &LiftCase, w: &[Q]) -> Outcome {
    match c.eval(&c.saddle.net.with_neuron(w.to_vec(), Q::zero())) {
        Ok(e) if e.is_critical() => Outcome::Holds(Evidence::CheckedExactly),
        Ok(e) => {
            let mut case = c.to_json(LiftParts::BaseOnly);
            case.as_object_mut().expect("an object").insert("new_w".into(), vector_to_json(w));
            fails("critical", format!("∂L/∂a of the new neuron = {}", e.gradient.a[c.saddle.net.width()]), case)
        }
        Err(e) => Outcome::NotApplicable(e.to_string()),
    }
}

control!(
    NoBetaFactor,
    "symmetry.lifting.control.no_beta_factor",
    "(wrong) the lifting identity without β: ∂L/∂w_j(θ_m) = ∂L/∂w_π(j)(θ_r)",
    "wrong variant of Şimşek et al. ICML 2021, abstract (symmetry-induced critical points: the lifting identity)",
    of "symmetry.lifting.identity",
    LIFT_WIDTHS,
    LossUse::Drawn
);

impl Theorem for NoBetaFactor {
    control_meta!();
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let c = generated!(identity_case(rng, size));
        no_beta_factor(&c)
    }
    /// Reads σ, the data, the base point, π and β and evaluates again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, LiftCase::read(case, LiftParts::Map)?, |c| no_beta_factor(&c)))
    }
}

/// The lifting identity without β.
fn no_beta_factor(c: &LiftCase) -> Outcome {
    let Some((base, lifted)) = identity_gradients(c) else {
        return Outcome::NotApplicable("evaluation error, or π, β do not define a lift".into());
    };
    let ones = vec![Q::one(); c.pi.len()];
    if lifting_identity_holds(&base, &lifted, &c.pi, &ones) {
        Outcome::Holds(Evidence::CheckedExactly)
    } else {
        fails("∂L/∂w_j = ∂L/∂w_π(j)", "a mismatch", c.to_json(LiftParts::Map))
    }
}

control!(
    NullAlwaysCritical,
    "symmetry.lifting.control.null_always_critical",
    "(wrong) a null neuron (0, 0) added to a critical point always keeps it critical",
    "wrong variant of Şimşek et al. ICML 2021, abstract (symmetry-induced critical points; needs σ(0) = 0)",
    of "symmetry.lifting.null_neuron",
    LIFT_WIDTHS,
    LossUse::Drawn
);

impl Theorem for NullAlwaysCritical {
    control_meta!();
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        match null_neuron_case(rng, size) {
            Err(why) => Outcome::NotApplicable(why.to_string()),
            Ok(c) => null_always_critical(&c),
        }
    }
    /// Reads σ, the data and the base point, requires it exactly critical with E\[δ\] ≠ 0, and
    /// evaluates again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, read_null_neuron_case(case)?, |c| null_always_critical(&c)))
    }
}

/// The base point plus a null neuron: still critical? (The control claims always.)
fn null_always_critical(c: &LiftCase) -> Outcome {
    match with_null_neuron_is_critical(c) {
        None => Outcome::NotApplicable("evaluation error".into()),
        Some(true) => Outcome::Holds(Evidence::CheckedExactly),
        Some(false) => fails("critical", "not critical", c.to_json(LiftParts::BaseOnly)),
    }
}
