//! Catalogue entries `depth.*` (\[P3\]; spec width-depth §3.2–3.3, §6 item 10) and their negative
//! controls, *checked exactly* over Q on generated ReLU, leaky-ReLU and identity networks, and the
//! float entries `depth.lift.float.*` (tanh, sigmoid, softplus; *within tolerance*, see [`float`]).

mod batchnorm;
mod case;
mod checks;
mod float;
mod stored;

pub use case::{generate, Case};

use crate::rng::Rng;
use crate::theorem::generated;
use crate::theorem::{Evidence, LossUse, Meta, Outcome, Recheck, Size, Theorem, WidthRule};

use stored::Choice;

/// The width rule of the exact `depth.*` entries and their controls (the narrow network's hidden
/// widths; the inserted layer is wider).
pub const WIDTHS: WidthRule = WidthRule::Capped {
    max: 4,
    reason:
        "shared generator; at width 5 the lifted network's exact Hessian inertia and the kink-free critical points \
             take up to 5 s per case (depth.lift.inertia 13 s per 100 cases)",
};

/// The random choice a depth claim makes on a generated case (stored with the case).
type Choose = fn(&Case, &mut Rng) -> Choice;

/// How a depth claim is judged on a case and its choice.
type Run = fn(&Case, &Choice) -> Recheck;

/// A depth claim: metadata plus the check of [`checks`].
struct DepthClaim {
    id: &'static str,
    statement: &'static str,
    source: &'static str,
    hypotheses: &'static str,
    critical: bool,
    loss: LossUse,
    choose: Choose,
    run: Run,
}

/// No choice.
fn nothing(_: &Case, _: &mut Rng) -> Choice {
    Choice::Nothing
}

impl Theorem for DepthClaim {
    fn meta(&self) -> Meta {
        Meta {
            id: self.id,
            statement: self.statement,
            source: self.source,
            hypotheses: self.hypotheses,
            widths: WIDTHS,
            // The lifting identities hold for every loss (\[P3\] states them for any differentiable ℓ:
            // ℓ enters only through z^\[L\] = ∇_f ℓ and ∇²_f ℓ on outputs the lift keeps); the merge map,
            // T_S and the MPC involve no loss.
            loss: self.loss,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let case = generated!(generate(rng, size, self.critical));
        let choice = (self.choose)(&case, rng);
        (self.run)(&case, &choice).outcome(Evidence::CheckedExactly, || case.to_json_with(&choice))
    }
    /// Reads the stored case ([`stored::read`]: θ' ∈ T_S(θ) and no kink required) and its choice,
    /// and runs the same judgement.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let (case, choice) = match stored::read(case)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        Ok((self.run)(&case, &choice))
    }
}

const LIFT_HYP: &str = "sigma has an affine segment (ReLU, leaky ReLU, identity); no pre-activation of theta on S_x at a kink; theta' in T_S(theta)";
const CRIT_HYP: &str = "as for lifting, and theta exactly critical (left-null-space recipe, spec §2.6)";

fn claim(
    id: &'static str,
    statement: &'static str,
    source: &'static str,
    critical: bool,
    loss: LossUse,
    run: Run,
) -> Box<dyn Theorem> {
    claim_choosing(id, statement, source, critical, loss, nothing, run)
}

fn claim_choosing(
    id: &'static str,
    statement: &'static str,
    source: &'static str,
    critical: bool,
    loss: LossUse,
    choose: Choose,
    run: Run,
) -> Box<dyn Theorem> {
    let hypotheses = if critical { CRIT_HYP } else { LIFT_HYP };
    Box::new(DepthClaim { id, statement, source, hypotheses, critical, loss, choose, run })
}

/// The depth theorems of the catalogue.
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![
        claim(
            "depth.lift.identities",
            "On S_x every theta' in T_S(theta) has the features, error vectors and outputs of theta; the inserted layer has features D(W'f+b')+mu, feature gradient lambda and error V^T(z o g)",
            "[P3] Lemma 3",
            false,
            LossUse::Drawn,
            |c, _| checks::identities(c),
        ),
        claim(
            "depth.merge.left_inverse",
            "The merge map Psi, with the affine segments found on S_x, maps theta' in T_S(theta) back to theta",
            "[P3] §4 (merging by multiplying weights)",
            false,
            LossUse::Free,
            |c, _| checks::merge_inverse(c, false),
        ),
        claim(
            "depth.lift.gradient_transfer",
            "grad R_deep(theta') = DPsi(theta')^T grad R(theta) at every theta, critical or not",
            "[P3] Prop. 2 (its proof)",
            false,
            LossUse::Drawn,
            |c, _| checks::gradient_transfer(c, false),
        ),
        claim(
            "depth.lift.hessian_identity",
            "H_deep(theta') = DPsi^T H(theta) DPsi + sum_k (dR/dtheta_k) Hess Psi_k, exactly, at every theta",
            "derived from [P3] Lemma 3 and Prop. 2 (second order)",
            false,
            LossUse::Drawn,
            |c, _| checks::hessian_identity(c, false),
        ),
        claim_choosing(
            "depth.lift.criticality",
            "Critical lifting preserves criticality and outputs on S_x, for one and for two inserted layers (embedding principle in depth)",
            "[P3] Prop. 2 and Thm 1",
            true,
            LossUse::Drawn,
            checks::second_lift,
            |c, choice| match choice {
                Choice::SecondLift(q2) => checks::criticality(c, *q2),
                _ => Recheck::NotApplicable("the case stores no `second_after_layer`".into()),
            },
        ),
        claim(
            "depth.lift.inertia",
            "At an exact critical point, lifting never increases n+ or n-; if DPsi is onto, inertia(H_deep) = (n+, n-, n0 + M' - M): a local minimum is never lifted to a strict saddle",
            "derived (proofs/depth-inertia.md); refutes [P3] v3 abstract / Fig. 4 at exact critical points",
            true,
            LossUse::Drawn,
            |c, _| checks::inertia_under_lifting(c, false),
        ),
        claim_choosing(
            "depth.lift.data_dependence",
            "If S' is a subset of S then T_S(theta) is contained in T_S'(theta)",
            "[P3] Prop. 3",
            false,
            LossUse::Free,
            checks::subset,
            |c, choice| match choice {
                Choice::Subset(_) => checks::data_dependence(c, choice),
                _ => Recheck::NotApplicable("the case stores no `subset`".into()),
            },
        ),
        claim(
            "depth.mpc.inserted_layer",
            "The inserted layer of an exact lift has MPC = 1 on S_x (rho^2 = 1 for every non-constant neuron)",
            "[P3] Eq. 1 and Def. 3 (ii)",
            false,
            LossUse::Free,
            |c, _| checks::inserted_layer_mpc(c),
        ),
        batchnorm::zero_shift(),
    ]
    .into_iter()
    .chain(float::theorems())
    .collect()
}

/// Negative controls: deliberately wrong variants that must fail on some generated case.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    vec![
        claim_choosing(
            "depth.lift.identities.control.off_data",
            "WRONG: theta' and theta have equal outputs at every input, not only on S_x",
            "negative control of [P3] Lemma 3 (a lifted layer affine off the data)",
            false,
            LossUse::Free,
            checks::far_input,
            checks::outputs_everywhere,
        ),
        claim(
            "depth.merge.left_inverse.control.unit_slope",
            "WRONG: Psi with lambda = 1 (ignoring the slope of the segment) inverts lifting",
            "negative control of [P3] §4 (merging)",
            false,
            LossUse::Free,
            |c, _| checks::merge_inverse(c, true),
        ),
        claim(
            "depth.lift.gradient_transfer.control.unit_slope",
            "WRONG: gradient transfer through DPsi computed with lambda = 1",
            "negative control of [P3] Prop. 2 (its proof)",
            false,
            LossUse::Drawn,
            |c, _| checks::gradient_transfer(c, true),
        ),
        claim(
            "depth.lift.hessian_identity.control.no_curvature",
            "WRONG: H_deep = DPsi^T H DPsi without the gradient-curvature term",
            "negative control of the derived second-order identity ([P3] Lemma 3, Prop. 2)",
            false,
            LossUse::Drawn,
            |c, _| checks::hessian_identity(c, true),
        ),
        claim(
            "depth.lift.inertia.control.v3_strict_saddle",
            "WRONG ([P3] v3): a local minimum (n- = 0) is lifted to a strict saddle (n- > 0)",
            "[P3] v3 abstract and Fig. 4; refuted at exact critical points (proofs/depth-inertia.md)",
            true,
            LossUse::Drawn,
            |c, _| checks::inertia_under_lifting(c, true),
        ),
        claim_choosing(
            "depth.lift.data_dependence.control.added_input",
            "WRONG: T_S(theta) is contained in T_{S + far input}(theta) (more data never expels)",
            "negative control of [P3] Prop. 3 (Ex F, x = 6)",
            false,
            LossUse::Free,
            checks::far_input,
            |c, choice| match choice {
                Choice::FarInput(_) => checks::data_dependence(c, choice),
                _ => Recheck::NotApplicable("the case stores no `far_input`".into()),
            },
        ),
        claim(
            "depth.lift.criticality.control.doubled_outgoing",
            "WRONG: a critical point stays critical, with its outputs on S_x, when the lift's outgoing weights V are doubled (condition (iii) broken)",
            "negative control of [P3] Prop. 2: condition (iii) of Def. 3 broken, so theta' is not in T_S(theta)",
            true,
            LossUse::Drawn,
            |c, _| checks::criticality_doubled_outgoing(c),
        ),
        claim(
            "depth.mpc.inserted_layer.control.straddling_kink",
            "WRONG: an inserted layer whose biases put the pre-activations on both sides of the kink still has MPC = 1 on S_x",
            "negative control of [P3] Eq. 1: the inserted neurons are not affine on S_x, so rho^2 < 1",
            false,
            LossUse::Free,
            |c, _| checks::straddling_layer_mpc(c),
        ),
        batchnorm::control_unit_shift(),
    ]
    .into_iter()
    .chain(float::controls())
    .collect()
}
