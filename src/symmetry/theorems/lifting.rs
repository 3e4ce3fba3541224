//! Catalogue entries for symmetry-induced critical points (Şimşek et al., ICML 2021; symmetry
//! spec A.5): criticality of lifts along surjections, the lifting identity, null neurons.

use super::case::{fails, random_sigma};
use super::stored::{LiftCase, LiftParts};
use crate::activation::Sigma;
use crate::loss::draw::case_loss;
use crate::net::distinct_residuals;
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::symmetry::lifting::{as_lift_map, exact_saddle, lift, lifting_identity_holds, random_betas, Saddle};
use crate::symmetry::shallow::Shallow;
use crate::theorem::generated;
use crate::theorem::stored::judge_stored;
use crate::theorem::stored::recheck_outcome;
use crate::theorem::{Evidence, Meta, Outcome, Recheck, Size, Theorem, WidthRule};

/// The width rule (the base width r; the lift has m = r, r + 1 or r + 2 neurons) of
/// `symmetry.lifting.*` and their controls.
pub const LIFT_WIDTHS: WidthRule =
    WidthRule::Capped { max: 12, reason: "exact saddles of width 16 take up to 1.2 s per case" };

/// A random lift case: an exact saddle of width r ≤ `size.max_width` (as passed: the harness has
/// applied [`LIFT_WIDTHS`]), lifted to m ∈ {r, r + 1, r + 2} neurons.
///
/// The loss is drawn last ([`case_loss`] within `size.loss`): one that keeps the saddle critical
/// when `critical`, any loss of the family otherwise.
///
/// # Errors
/// Why there is no case: σ has a pole on the data, or the fixed loss family does not fit.
pub(crate) fn random_lift_case(
    rng: &mut Rng,
    size: Size,
    c0: Option<Q>,
    critical: bool,
) -> Result<LiftCase, crate::theorem::Inapplicable> {
    let r = rng.range(1, size.max_width.max(1) as i64) as usize;
    let d = rng.range(1, 2) as usize;
    let m = r + rng.range(0, 2) as usize;
    let sigma = random_sigma(rng, c0);
    let saddle = exact_saddle(rng, r, d, &sigma)?;
    let mut pi: Vec<usize> = (0..r).chain((r..m).map(|_| rng.below(r))).collect();
    for j in (1..m).rev() {
        pi.swap(j, rng.below(j + 1));
    }
    let beta = random_betas(rng, &as_lift_map(&pi), r);
    let residuals =
        if critical { Some(distinct_residuals(&saddle.net.to_params(), &sigma, &saddle.data)?) } else { None };
    let (loss, data) = case_loss(rng, size.loss, residuals.as_deref(), &saddle.data)?;
    let saddle = Saddle { data, ..saddle };
    Ok(LiftCase { saddle, sigma, pi, beta, loss })
}

/// `symmetry.lifting.critical`: the lift of an exact critical point along any surjection, with any
/// splitting, is critical (with the same loss).
pub struct LiftCritical;

impl Theorem for LiftCritical {
    fn meta(&self) -> Meta {
        Meta {
            id: "symmetry.lifting.critical",
            statement: "duplication (w_j = w_π(j), a_j = β_j a_π(j), Σ_fibre β = 1) maps a critical point to a critical point with the same loss",
            source: "Şimşek et al. ICML 2021, abstract (symmetry-induced critical points, G(r, m))",
            hypotheses: "two-layer bias-free net; base point exactly critical (here with nonzero residual)",
            widths: LIFT_WIDTHS,
            // Lifting acts on θ only: the statement holds for every loss of f (each case draws one).
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let c = generated!(random_lift_case(rng, size, None, true));
        lift_critical(&c)
    }
    /// Reads σ, the data, the base point, π and β, requires an exactly critical base point, and
    /// evaluates again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let c = match LiftCase::read(case, LiftParts::Map)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        if !c.base_is_critical()? {
            return Ok(Recheck::NotApplicable("the base point is not exactly critical".into()));
        }
        Ok(recheck_outcome(case, lift_critical(&c)))
    }
}

/// The base point and its lift critical, with equal loss?
fn lift_critical(c: &LiftCase) -> Outcome {
    let base = c.eval(&c.saddle.net);
    let lifted = lift(&c.saddle.net, &as_lift_map(&c.pi), &c.beta).map(|t| c.eval(&t));
    match (base, lifted) {
        (Ok(b), Ok(Ok(l))) if b.is_critical() && l.is_critical() && l.loss == b.loss => {
            Outcome::Holds(Evidence::CheckedExactly)
        }
        (Ok(b), Ok(Ok(l))) => fails(
            "base and lift critical, equal loss",
            format!(
                "base critical {}, lift critical {}, losses {} / {}",
                b.is_critical(),
                l.is_critical(),
                b.loss,
                l.loss
            ),
            c.to_json(LiftParts::Map),
        ),
        _ => Outcome::NotApplicable("evaluation error".into()),
    }
}

/// `symmetry.lifting.identity`: ∂L/∂a_j(θ_m) = ∂L/∂a_π(j)(θ_r), ∂L/∂w_j(θ_m) = β_j ∂L/∂w_π(j)(θ_r)
/// at any (non-critical) θ_r.
pub struct LiftIdentity;

/// A random lifting case with a random (non-critical) base point (for the identity and its
/// control).
pub(crate) fn identity_case(rng: &mut Rng, size: Size) -> Result<LiftCase, crate::theorem::Inapplicable> {
    let mut c = random_lift_case(rng, size, None, false)?;
    let d = c.saddle.net.input_dim();
    c.saddle.net = Shallow::random_irreducible(rng, c.saddle.net.width(), d, 4);
    Ok(c)
}

/// The gradients of the base point and of its lift (`None` on an evaluation error or when π, β
/// define no lift).
pub(crate) fn identity_gradients(c: &LiftCase) -> Option<(Shallow, Shallow)> {
    let base = c.eval(&c.saddle.net).ok()?;
    let lifted = c.eval(&c.lifted()?).ok()?;
    Some((base.gradient, lifted.gradient))
}

impl Theorem for LiftIdentity {
    fn meta(&self) -> Meta {
        Meta {
            id: "symmetry.lifting.identity",
            statement: "for any width-r point and its lift: ∂L/∂a_j = ∂L/∂a_π(j) and ∂L/∂w_j = β_j ∂L/∂w_π(j)",
            source:
                "Şimşek et al. ICML 2021, abstract (symmetry-induced critical points); the lifting identity derived",
            hypotheses: "two-layer bias-free net, loss depending on θ only through f",
            widths: LIFT_WIDTHS,
            // Lifting acts on θ only: the statement holds for every loss of f (each case draws one).
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let c = generated!(identity_case(rng, size));
        lift_identity(&c)
    }
    /// Reads σ, the data, the base point, π and β and evaluates again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, LiftCase::read(case, LiftParts::Map)?, |c| lift_identity(&c)))
    }
}

/// The lifting identity between the gradients of the base point and of its lift.
fn lift_identity(c: &LiftCase) -> Outcome {
    let Some((base, lifted)) = identity_gradients(c) else {
        return Outcome::NotApplicable("evaluation error, or π, β do not define a lift".into());
    };
    if lifting_identity_holds(&base, &lifted, &c.pi, &c.beta) {
        Outcome::Holds(Evidence::CheckedExactly)
    } else {
        fails("the lifting identity", "a mismatching gradient entry", c.to_json(LiftParts::Map))
    }
}

/// `symmetry.lifting.null_neuron`: appending a null neuron (0, 0) to an exact critical point with
/// E\[δ\] ≠ 0 keeps it critical iff σ(0) = 0.
pub struct NullNeuron;

/// A random exact critical point with E\[∂ℓ/∂f\] ≠ 0 (E\[δ\] for ½-MSE; the reason otherwise), for the null-neuron claims
/// (σ(0) = 0 on half the cases).
pub(crate) fn null_neuron_case(rng: &mut Rng, size: Size) -> Result<LiftCase, crate::theorem::Inapplicable> {
    let c0 = if rng.coin() { Q::zero() } else { rng.small_nonzero_q(3, 3) };
    let c = random_lift_case(rng, size, Some(c0), true)?;
    if mean_residual_is_zero(&c) {
        return Err("E[∂ℓ/∂f] = 0 at the base point".into());
    }
    Ok(c)
}

/// E\[∂ℓ/∂f\] = 0 at the base point (E\[δ\] = 0 for ½-MSE); an evaluation error counts as zero.
fn mean_residual_is_zero(c: &LiftCase) -> bool {
    c.mean_loss_gradient().map_or(true, |m| m.is_zero())
}

/// Reads a stored null-neuron case: σ, the data and the base point, which must be exactly
/// critical with E\[δ\] ≠ 0 (the inner error otherwise).
pub(crate) fn read_null_neuron_case(case: &serde_json::Value) -> crate::theorem::stored::Read<LiftCase> {
    let c = match LiftCase::read(case, LiftParts::BaseOnly)? {
        Ok(c) => c,
        Err(why) => return Ok(Err(why)),
    };
    Ok(if !c.base_is_critical()? {
        Err("the base point is not exactly critical".into())
    } else if mean_residual_is_zero(&c) {
        Err("E[∂ℓ/∂f] = 0 at the base point".into())
    } else {
        Ok(c)
    })
}

/// Whether the base point plus a null neuron (0, 0) is critical (`None` on an evaluation error).
pub(crate) fn with_null_neuron_is_critical(c: &LiftCase) -> Option<bool> {
    let d = c.saddle.net.input_dim();
    let e = c.eval(&c.saddle.net.with_neuron(vec![Q::zero(); d], Q::zero())).ok()?;
    Some(e.is_critical())
}

/// Null neuron critical iff σ(0) = 0?
fn null_neuron(c: &LiftCase) -> Outcome {
    let Some(critical) = with_null_neuron_is_critical(c) else {
        return Outcome::NotApplicable("evaluation error".into());
    };
    let zero_at_0 = c.sigma.value(&Q::zero()).is_ok_and(|v| v.is_zero());
    if critical == zero_at_0 {
        Outcome::Holds(Evidence::CheckedExactly)
    } else {
        fails(format!("critical = {zero_at_0}"), format!("critical = {critical}"), c.to_json(LiftParts::BaseOnly))
    }
}

impl Theorem for NullNeuron {
    fn meta(&self) -> Meta {
        Meta {
            id: "symmetry.lifting.null_neuron",
            statement: "a null neuron (w, a) = (0, 0) added to a critical point keeps it critical iff σ(0) = 0 (its ∂L/∂a is σ(0)·E[∂ℓ/∂f], σ(0)·E[δ] for ½-MSE)",
            source: "Şimşek et al. ICML 2021, abstract (symmetry-induced critical points; G0 only when σ(0) = 0, derived)",
            hypotheses: "exact critical point with E[∂ℓ/∂f] ≠ 0 (the mean residual E[δ] for ½-MSE)",
            widths: LIFT_WIDTHS,
            // Lifting acts on θ only: the statement holds for every loss of f (each case draws one).
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        match null_neuron_case(rng, size) {
            Err(why) => Outcome::NotApplicable(why.to_string()),
            Ok(c) => null_neuron(&c),
        }
    }
    /// Reads σ, the data and the base point, requires it exactly critical with E\[δ\] ≠ 0, and
    /// evaluates again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, read_null_neuron_case(case)?, |c| null_neuron(&c)))
    }
}
