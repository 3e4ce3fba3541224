//! Negative controls for the `symmetry.*` catalogue entries: deliberately wrong variants of the
//! statements, each of which must produce [`Outcome::Fails`] on some generated case (tests in
//! `tests/symmetry_catalogue.rs` prove they are caught).

use super::counts::Counts;
use super::enumerate::count_configurations;
use super::lifting::lifting_identity_holds;
use super::lifting_theorems::LIFT_WIDTHS;
use super::lifting_theorems::{case_json, identity_gradients, null_neuron_case, random_lift_case};
use super::manifold::Geometry;
use super::theorems::{fails, geometry_violation, random_manifold_point, small_r_m};
use super::theorems::{COUNTS_WIDTHS, GEOMETRY_WIDTHS, POINT_WIDTHS};
use crate::rng::Rng;
use crate::scalar::{Field, Q, Z};
use crate::theorem::{Evidence, Outcome, Size, Theorem, WidthRule};
use serde_json::json;

macro_rules! control {
    ($name:ident, $id:literal, $statement:literal, $source:literal, of $of:literal) => {
        #[doc = concat!("Negative control `", $id, "` of `", $of, "`: ", $statement)]
        pub struct $name;
        impl $name {
            const ID: &'static str = $id;
            const STATEMENT: &'static str = $statement;
            const SOURCE: &'static str = $source;
            const OF: &'static str = $of;
        }
    };
}

macro_rules! control_meta {
    () => {
        fn id(&self) -> &'static str {
            Self::ID
        }
        fn statement(&self) -> &'static str {
            Self::STATEMENT
        }
        fn source(&self) -> &'static str {
            Self::SOURCE
        }
        fn hypotheses(&self) -> &'static str {
            "as for the statement it breaks"
        }
        fn evidence(&self) -> Evidence {
            Evidence::CheckedExactly
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
    "wrong variant of symmetry spec A.4 (T1 < T once h ≥ 2)",
    of "symmetry.counts.closed_forms"
);

impl Theorem for TEqualsT1 {
    control_meta!();
    fn widths(&self) -> WidthRule {
        COUNTS_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (r, m) = small_r_m(rng, size);
        let claimed = Counts::up_to(m).t1(r, m);
        let brute = count_configurations(r, m, false);
        if claimed == Z::from_u64(brute) {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            fails(format!("{claimed}"), format!("{brute} configurations"), json!({"r": r, "m": m}))
        }
    }
}

control!(
    DimensionQd,
    "symmetry.manifold.control.dimension_qd",
    "(wrong) dim Γ_C = h + q·d (forgetting that a zero-type group's common vector is one d-vector less the sum constraint)",
    "wrong variant of symmetry spec A.3 item 3",
    of "symmetry.manifold.geometry"
);

impl Theorem for DimensionQd {
    control_meta!();
    fn widths(&self) -> WidthRule {
        GEOMETRY_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (r, m) = small_r_m(rng, size);
        let m = m.min(r + 2);
        let r = r.min(m);
        let d = rng.range(1, 2) as usize;
        let g = Geometry::new(r, m, d);
        match geometry_violation(&g, |q| m - r + q * d) {
            None => Outcome::Holds(Evidence::CheckedExactly),
            Some((e, c)) => fails(e, c, json!({"r": r, "m": m, "d": d})),
        }
    }
}

control!(
    ZeroGroupFreeVectors,
    "symmetry.manifold.control.zero_group_free_vectors",
    "(wrong) a zero-type group only needs Σa = 0, its incoming vectors may differ",
    "wrong variant of symmetry spec A.2 (zero-type group)",
    of "symmetry.manifold.zero_loss"
);

impl Theorem for ZeroGroupFreeVectors {
    control_meta!();
    fn widths(&self) -> WidthRule {
        POINT_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let zero_pair = |s: &super::Subspace| {
            s.config.blocks.iter().zip(&s.config.labels).any(|(b, l)| l.is_none() && b.len() >= 2)
        };
        let Some((s, mut point, data, sigma)) = random_manifold_point(rng, size, zero_pair) else {
            return Outcome::NotApplicable("no zero-type group with two neurons (needs m ≥ r + 2)".into());
        };
        let block = s.config.blocks.iter().zip(&s.config.labels).find(|(b, l)| l.is_none() && b.len() >= 2);
        let block = block.expect("chosen for it").0;
        for &j in block {
            point.a[j] = Q::zero();
        }
        point.a[block[0]] = Q::one();
        point.a[block[1]] = Q::int(-1);
        let d = point.input_dim();
        point.w[block[1]] = (0..d).map(|_| rng.small_nonzero_q(5, 3)).collect();
        match point.evaluate(&sigma, &data) {
            Ok(e) if e.loss.is_zero() => Outcome::Holds(Evidence::CheckedExactly),
            Ok(e) => fails("loss 0", format!("loss {}", e.loss), json!({"config": s.config.to_string()})),
            Err(e) => Outcome::NotApplicable(e.to_string()),
        }
    }
}

control!(
    ZeroTypeNeuron,
    "symmetry.lifting.control.zero_type_neuron",
    "(wrong) a zero-type neuron (a = 0, w free) added to a critical point keeps it critical",
    "wrong variant of symmetry spec A.5 (true only at zero residual)",
    of "symmetry.lifting.critical"
);

impl Theorem for ZeroTypeNeuron {
    control_meta!();
    fn widths(&self) -> WidthRule {
        LIFT_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let Some(c) = random_lift_case(rng, size, None) else {
            return Outcome::NotApplicable("evaluation error".into());
        };
        let d = c.saddle.net.input_dim();
        let w = (0..d).map(|_| rng.small_nonzero_q(5, 3)).collect();
        match c.saddle.net.with_neuron(w, Q::zero()).evaluate(&c.sigma, &c.saddle.data) {
            Ok(e) if e.is_critical() => Outcome::Holds(Evidence::CheckedExactly),
            Ok(e) => fails(
                "critical",
                format!("∂L/∂a of the new neuron = {}", e.gradient.a[c.saddle.net.width()]),
                case_json(&c),
            ),
            Err(e) => Outcome::NotApplicable(e.to_string()),
        }
    }
}

control!(
    NoBetaFactor,
    "symmetry.lifting.control.no_beta_factor",
    "(wrong) the lifting identity without β: ∂L/∂w_j(θ_m) = ∂L/∂w_π(j)(θ_r)",
    "wrong variant of symmetry spec A.5 (lifting identity)",
    of "symmetry.lifting.identity"
);

impl Theorem for NoBetaFactor {
    control_meta!();
    fn widths(&self) -> WidthRule {
        LIFT_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let Some((c, base, lifted)) = identity_gradients(rng, size) else {
            return Outcome::NotApplicable("evaluation error".into());
        };
        let ones = vec![Q::one(); c.pi.len()];
        if lifting_identity_holds(&base, &lifted, &c.pi, &ones) {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            fails("∂L/∂w_j = ∂L/∂w_π(j)", "a mismatch", case_json(&c))
        }
    }
}

control!(
    NullAlwaysCritical,
    "symmetry.lifting.control.null_always_critical",
    "(wrong) a null neuron (0, 0) added to a critical point always keeps it critical",
    "wrong variant of symmetry spec A.5 (needs σ(0) = 0)",
    of "symmetry.lifting.null_neuron"
);

impl Theorem for NullAlwaysCritical {
    control_meta!();
    fn widths(&self) -> WidthRule {
        LIFT_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        match null_neuron_case(rng, size) {
            None => Outcome::NotApplicable("E[δ] = 0 or evaluation error".into()),
            Some((_, true, _)) => Outcome::Holds(Evidence::CheckedExactly),
            Some((c, false, _)) => fails("critical", "not critical", case_json(&c)),
        }
    }
}

/// The negative controls of this module (ids `symmetry.*.control.*`).
pub fn controls() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(TEqualsT1),
        Box::new(DimensionQd),
        Box::new(ZeroGroupFreeVectors),
        Box::new(ZeroTypeNeuron),
        Box::new(NoBetaFactor),
        Box::new(NullAlwaysCritical),
        Box::new(super::deep_theorems::UnalignedSpare),
    ]
}
