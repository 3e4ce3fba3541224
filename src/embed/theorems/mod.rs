//! The width theorems of \[P1\] and \[P2\] (width-depth spec §2, checklist §6 items 1–5) as
//! [`Theorem`]s, each with negative controls.
//!
//! Every exact check generates a case from the seeded generator — a random rational network with
//! a polynomial σ (with σ(0) = 0 and σ(0) ≠ 0), and for criticality claims an exact critical point
//! (teacher-realizable, nonzero loss, zero outgoing column or repeated neuron; spec §2.6) — applies
//! the embedding and compares exact rationals. A failing case carries the whole case as JSON (fresh
//! inputs only for the output and representation claims, which evaluate them), which
//! [`Theorem::recheck`] judges again through forward-mode duals and the sparse-map form of the
//! operators (no back-propagation, no direct operator code), worded as the check words it.

macro_rules! hold {
    ($v:expr) => {
        if let Err(e) = $v {
            return Ok(Err(e));
        }
    };
}

mod case;
mod claim;
mod eval;
mod float;
pub(crate) mod float_bound;
mod generate;
mod judge_multi;
mod judge_one_step;
mod loss_draw;
mod representation;
mod weight_decay;

pub(crate) use float::float_params;

use crate::rng::Rng;
use crate::theorem::{Evidence, Meta, Outcome, Recheck, Size, Theorem};
use case::Case;
use claim::{Claim, Variant};
use eval::Path;

/// One width claim (or control) as a catalogue entry.
struct Entry {
    id: &'static str,
    statement: &'static str,
    source: &'static str,
    hypotheses: &'static str,
    claim: Claim,
    variant: Variant,
}

/// Judges `claim` (or its control `variant`) on `case` through `path`.
fn judge(claim: Claim, variant: Variant, case: &Case, path: Path) -> Recheck {
    use Claim::*;
    Recheck::of_verdict(match claim {
        SplitOutput | SplitFeatures | SplitTransfer | SplitAdjoint | SplitCriticality | SplitRepresentation => {
            judge_one_step::judge_split(claim, variant, case, path)
        }
        NullOutput | NullTransfer | NullCriticality => judge_one_step::judge_null(claim, variant, case, path),
        MultiTransfer | MultiCriticality => judge_multi::judge_multi(claim, variant, case, path),
        KNeuron => judge_multi::judge_k_neuron(variant, case, path),
        CompatibleOutput | CompatibleTransfer | CompatibleCriticality | CompatibleRepresentation => {
            judge_multi::judge_compatible(claim, variant, case, path)
        }
    })
}

impl Theorem for Entry {
    fn meta(&self) -> Meta {
        Meta {
            id: self.id,
            statement: self.statement,
            source: self.source,
            hypotheses: self.hypotheses,
            widths: crate::theorem::WidthRule::Requested,
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let mut case = match generate::generate(self.claim, self.variant, rng, size) {
            Ok(c) => c,
            Err(why) => return Outcome::NotApplicable(why.to_string()),
        };
        if let Err(why) = loss_draw::draw_loss(rng, size.loss, self.claim, &mut case) {
            return Outcome::NotApplicable(why.to_string());
        }
        judge(self.claim, self.variant, &case, Path::Backprop).outcome(Evidence::CheckedExactly, || {
            let mut json = case.to_json();
            if !self.claim.uses_fresh_inputs() {
                json.as_object_mut().expect("an object").remove("fresh_inputs");
            }
            json
        })
    }
    /// Judges the stored case on the simple path (forward-mode duals, operators as sparse maps),
    /// after checking the hypotheses the generator guarantees ([`stored_hypotheses`]).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let case = Case::from_json(case)?;
        if !self.claim.uses_fresh_inputs() && !case.fresh.is_empty() {
            return Err("`fresh_inputs`: this claim does not evaluate fresh inputs, so its case has none".into());
        }
        if let Err(why) = stored_hypotheses(self.claim, self.variant, &case) {
            return Ok(Recheck::NotApplicable(why.to_string()));
        }
        Ok(judge(self.claim, self.variant, &case, Path::Duals))
    }
    fn control_of(&self) -> Option<&'static str> {
        (self.variant != Variant::Correct).then(|| self.claim.theorem_id())
    }
}

/// The hypotheses the generator guarantees, checked on a stored case: σ a polynomial; for the
/// null transfer and criticality claims (not their no-next-bias control) a hidden layer l whose
/// next layer has a bias; for the compatible-embedding theorems Conditions 1–2 and c = σ(b*)
/// (criticality of θ, where claimed, and the K-neuron hypothesis are checked by the judgement).
fn stored_hypotheses(claim: Claim, variant: Variant, case: &Case) -> Result<(), crate::theorem::Inapplicable> {
    use crate::activation::{Activation, ExactActivation};
    if !matches!(case.net.activation, Activation::Exact(ExactActivation::Poly(_))) {
        return Err("σ is not a polynomial".into());
    }
    let p = &case.net.params;
    let null_hypothesis =
        matches!(claim, Claim::NullTransfer | Claim::NullCriticality) && variant != Variant::NoNextBias;
    match &case.op {
        case::Op::Null { layer, .. }
            if null_hypothesis && (*layer == 0 || *layer >= p.depth() || p.layer(layer + 1).bias.is_none()) =>
        {
            Err(format!("layer {layer} is not a hidden layer followed by a layer with a bias").into())
        }
        case::Op::Compatible(c) if variant == Variant::Correct => judge_multi::compatible_hypotheses(c, case.act())
            .map_err(|(expected, found)| {
                if expected.starts_with("Conditions") {
                    found.into()
                } else {
                    format!("{expected} fails: c = {found}").into()
                }
            }),
        _ => Ok(()),
    }
}

const P1_SPLIT: &str = "[P1] Def. 5, Lemma 1, Prop. 1";

/// The width theorems (catalogue entries).
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    use Claim::*;
    let e = |id, statement, source, hypotheses, claim| -> Box<dyn Theorem> {
        Box::new(Entry { id, statement, source, hypotheses, claim, variant: Variant::Correct })
    };
    let mut out = vec![
        e("width.split.output", "The splitting embedding T^α_{l,s} preserves the output function: f_{T^α θ}(x) = f_θ(x) for every x.", P1_SPLIT, "any θ, any σ, any α; hidden layer l, neuron s", SplitOutput),
        e("width.split.features", "After splitting, features and feature gradients repeat neuron s and error vectors split as (1−α) z_s, α z_s; all other layers are unchanged.", "[P1] Lemma 1", "any θ, any data, any σ, any α", SplitFeatures),
        e("width.split.transfer", "Gradient transfer: ∇R_wide(T^α θ) = P_α ∇R_narr(θ) at every θ.", "[P1] Prop. 1", "any θ (critical or not), any σ, any α", SplitTransfer),
        e("width.split.adjoint", "Adjoint identity: (T^α)ᵀ ∇R_wide(T^α θ) = ∇R_narr(θ) at every θ.", "derived from [P1] Prop. 1 (chain rule on R_wide∘T^α = R_narr)", "any θ, any σ, any α", SplitAdjoint),
        e("width.split.representation", "Splitting preserves representations: for every hidden layer, span of the features and the constant 1 is the same for narrow and wide net (compared on data and fresh inputs by exact ranks).", "[P2] Def. 4.2 (ii), Prop. 4.2", "any θ, σ, α", SplitRepresentation),
        e("width.split.criticality", "Splitting preserves criticality for every α: ∇R_narr(θ) = 0 ⇒ ∇R_wide(T^α θ) = 0, with the same loss.", "[P1] Thm 1, [P2] Prop. 4.2", "θ an exact critical point; any σ, any α", SplitCriticality),
        e("width.null.output", "The null embedding T^β_{l,0} preserves the output function for every x.", "[P2] Def. 4.3, Lemma 4.1", "any θ, σ, β", NullOutput),
        e("width.null.transfer", "Null-embedding transfer: ∇R_wide(T^β θ) is ∇R_narr(θ) padded with zeros and with new column σ(β)∇_{b^[l+1]}R_narr; T_{l,0}ᵀ∇R_wide = ∇R_narr.", "[P2] Lemma 4.1", "any θ, σ, β; layer l+1 has a bias", NullTransfer),
        e("width.null.criticality", "The null embedding preserves criticality for every β.", "[P2] Prop. 4.1", "θ critical; layer l+1 has a bias (no condition on σ(0))", NullCriticality),
        e("width.multistep.transfer", "A composition of splitting and null steps transfers gradients by the product of the one-step transfer maps, and Aᵀ∇R_wide = ∇R_narr.", "[P2] Def. 4.6, Thm 4.2", "any θ; each step's indices refer to the net after the previous steps", MultiTransfer),
        e("width.multistep.criticality", "A composition of splitting and null steps is a critical embedding: critical points map to critical points with the same loss.", "[P2] Thm 4.2", "θ critical", MultiCriticality),
        e("width.k_neuron.subspace", "For K splits of neurons with nonzero outgoing columns, θ_B + Σα_i v_i is critical with loss R(θ_A) for every α, H(θ_B)v_i = 0, and dim span{v_i} = K.", "[P1] Thm 2 = [P2] Thm 6.1 (hypothesis of proofs/k-neuron-subspace.md)", "θ_A critical; each split neuron has a nonzero outgoing column at its step (the hypothesis the proof needs)", KNeuron),
        e("width.compatible.output", "A general compatible embedding (Conditions 1–2) preserves the output function for every x.", "[P2] Def. 5.1–5.2, Lemma 5.1", "index maps onto, Σβ = 1 per group, Conditions 1–2 (literal or bias-compensated reading)", CompatibleOutput),
        e("width.compatible.transfer", "General compatible embeddings transfer gradients by β_i ∂R/∂W_{I(i),I(j)}, β_i c_j ∂R/∂b_{I(i)}, 0 on null rows; and Aᵀ∇R_wide = ∇R_narr.", "derived from [P2] Lemma 5.1, Thm 5.1", "as width.compatible.output; any θ", CompatibleTransfer),
        e("width.compatible.representation", "General compatible embeddings preserve representations (feature spans with the constant 1, by exact ranks on data and fresh inputs).", "[P2] Def. 4.2 (ii), Thm 5.1", "Conditions 1–2", CompatibleRepresentation),
        e("width.compatible.criticality", "General compatible embeddings are critical embeddings.", "[P2] Thm 5.1", "θ critical; Conditions 1–2", CompatibleCriticality),
    ];
    out.extend(float::theorems());
    out.extend(weight_decay::theorems());
    out
}

/// The negative controls: deliberately wrong variants that must fail on some generated case.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    use Claim::*;
    let c = |id, statement, claim, variant| -> Box<dyn Theorem> {
        Box::new(Entry {
            id,
            statement,
            source: "negative control",
            hypotheses: "none (deliberately wrong)",
            claim,
            variant,
        })
    };
    let mut out = vec![
        c(
            "width.split.control.no_rescale",
            "Wrong: splitting without rescaling the outgoing column s preserves the output.",
            SplitOutput,
            Variant::NoRescale,
        ),
        c(
            "width.split.control.error_unscaled",
            "Wrong: the error vector of neuron s is unchanged by splitting.",
            SplitFeatures,
            Variant::ErrorUnscaled,
        ),
        c(
            "width.split.control.perturbed_copy",
            "Wrong: a copy with a shifted bias keeps the representation.",
            SplitRepresentation,
            Variant::PerturbedCopy,
        ),
        c(
            "width.split.control.swapped_alpha",
            "Wrong: gradient transfer with α and 1−α swapped in P.",
            SplitTransfer,
            Variant::SwappedAlpha,
        ),
        c(
            "width.split.control.wrong_column",
            "Wrong: the copied gradient column comes from neuron s+1.",
            SplitTransfer,
            Variant::WrongColumn,
        ),
        c(
            "width.split.control.adjoint_uses_p",
            "Wrong: adjoint identity with P_α in place of T^α.",
            SplitAdjoint,
            Variant::TransposeOfP,
        ),
        c(
            "width.split.control.criticality_no_rescale",
            "Wrong: splitting without rescaling preserves criticality.",
            SplitCriticality,
            Variant::NoRescale,
        ),
        c(
            "width.null.control.no_sigma_beta",
            "Wrong: null transfer without the σ(β) factor.",
            NullTransfer,
            Variant::NoSigmaBeta,
        ),
        c(
            "width.null.control.no_next_bias",
            "Wrong: null embedding preserves criticality when layer l+1 has no bias and σ(β) ≠ 0.",
            NullCriticality,
            Variant::NoNextBias,
        ),
        // Fails wherever σ(β) ≠ 0: every pre-activation of layer l+1 moves by the constant σ(β)·1,
        // so the outputs move (by exactly σ(β)·1 when l+1 = L).
        c(
            "width.null.output.control.nonzero_outgoing",
            "Wrong: a null neuron with outgoing column 1 instead of 0 preserves the output.",
            NullOutput,
            Variant::NullOutgoingOnes,
        ),
        // The wide net computes W^[l+1] + v e_sᵀ in place of W^[l+1] (v the column of neuron s):
        // another function, so a changed loss or a nonzero gradient wherever v ≠ 0.
        c(
            "width.multistep.criticality.control.split_sum_two",
            "Wrong: a composition whose last split has outgoing coefficients (1−α, 1+α) is a critical embedding.",
            MultiCriticality,
            Variant::SplitSumTwo,
        ),
        c(
            "width.multistep.control.no_sigma_beta",
            "Wrong: composed transfer with σ(β) taken as 1.",
            MultiTransfer,
            Variant::NoSigmaBeta,
        ),
        c(
            "width.k_neuron.control.zero_outgoing",
            "Wrong: splitting a neuron with a zero outgoing column still gives dimension K.",
            KNeuron,
            Variant::ZeroOutgoing,
        ),
        c(
            "width.compatible.control.broken_forward",
            "Wrong: an embedding with one forward sum of Condition 1 ≠ 1 preserves the output.",
            CompatibleOutput,
            Variant::BrokenForward,
        ),
        c(
            "width.compatible.control.beta_ignored",
            "Wrong: compatible transfer with β taken as 1.",
            CompatibleTransfer,
            Variant::BetaIgnored,
        ),
        c(
            "width.compatible.control.uncancelled_null",
            "Wrong: constant null inputs left uncancelled keep criticality.",
            CompatibleCriticality,
            Variant::UncancelledNull,
        ),
        // The copy's pre-activation gains W_{k,j} f_j, a direction its group does not have: for
        // σ of degree ≥ 2 its feature leaves span{f^[l], 1} and the exact ranks differ.
        c(
            "width.compatible.representation.control.perturbed_coefficient",
            "Wrong: a compatible embedding with one incoming coefficient α^[l]_{ij} of a hidden layer increased by 1 keeps the representation.",
            CompatibleRepresentation,
            Variant::PerturbedCoefficient,
        ),
    ];
    out.extend(float::controls());
    out.extend(weight_decay::controls());
    out
}
