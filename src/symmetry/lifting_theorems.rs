//! Catalogue entries for symmetry-induced critical points (Şimşek et al., ICML 2021; symmetry
//! spec A.5): criticality of lifts along surjections, the lifting identity, null neurons.

use super::lifting::{as_lift_map, exact_saddle, lift, lifting_identity_holds, random_betas, Saddle};
use super::shallow::Shallow;
use super::theorems::{fails, random_sigma};
use crate::activation::ExactActivation;
use crate::rng::Rng;
use crate::scalar::{Field, Q};
use crate::theorem::{Evidence, Outcome, Size, Theorem, WidthRule};
use serde_json::json;

/// A random lifting case: an exact saddle of width r ≤ 2 on Q^d (d ≤ 2), a surjection π onto it
/// from m ≤ r + 2 neurons, and splitting weights β.
pub(crate) struct LiftCase {
    pub saddle: Saddle,
    pub sigma: ExactActivation,
    pub pi: Vec<usize>,
    pub beta: Vec<Q>,
}

/// The width rule (the base width r; the lift has m = r, r + 1 or r + 2 neurons) of
/// `symmetry.lifting.*` and their controls.
pub const LIFT_WIDTHS: WidthRule =
    WidthRule::Capped { max: 12, reason: "exact saddles of width 16 take up to 1.2 s per case" };

/// A random lift case: an exact saddle of width r ≤ `size.max_width` (as passed: the harness has
/// applied [`LIFT_WIDTHS`]), lifted to m ∈ {r, r + 1, r + 2} neurons.
pub(crate) fn random_lift_case(rng: &mut Rng, size: Size, c0: Option<Q>) -> Option<LiftCase> {
    let r = rng.range(1, size.max_width.max(1) as i64) as usize;
    let d = rng.range(1, 2) as usize;
    let m = r + rng.range(0, 2) as usize;
    let sigma = random_sigma(rng, c0);
    let saddle = exact_saddle(rng, r, d, &sigma).ok()?;
    let mut pi: Vec<usize> = (0..r).chain((r..m).map(|_| rng.below(r))).collect();
    for j in (1..m).rev() {
        pi.swap(j, rng.below(j + 1));
    }
    let beta = random_betas(rng, &as_lift_map(&pi), r);
    Some(LiftCase { saddle, sigma, pi, beta })
}

pub(crate) fn case_json(c: &LiftCase) -> serde_json::Value {
    let qs = |v: &[Q]| v.iter().map(Q::to_string).collect::<Vec<_>>();
    json!({
        "base": qs(&c.saddle.net.flatten()),
        "pi": c.pi.iter().map(|i| i + 1).collect::<Vec<_>>(),
        "beta": qs(&c.beta),
        "activation": c.sigma.to_string(),
    })
}

/// `symmetry.lifting.critical`: the lift of an exact critical point along any surjection, with any
/// splitting, is critical (with the same loss).
pub struct LiftCritical;

impl Theorem for LiftCritical {
    fn id(&self) -> &'static str {
        "symmetry.lifting.critical"
    }
    fn statement(&self) -> &'static str {
        "duplication (w_j = w_π(j), a_j = β_j a_π(j), Σ_fibre β = 1) maps a critical point to a critical point with the same loss"
    }
    fn source(&self) -> &'static str {
        "Şimşek et al. ICML 2021 (symmetry-induced critical points, G(r,m)); symmetry spec A.5"
    }
    fn hypotheses(&self) -> &'static str {
        "two-layer bias-free net; base point exactly critical (here with nonzero residual)"
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
    }
    fn widths(&self) -> WidthRule {
        LIFT_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let Some(c) = random_lift_case(rng, size, None) else {
            return Outcome::NotApplicable("σ has a pole on the data".into());
        };
        let base = c.saddle.net.evaluate(&c.sigma, &c.saddle.data);
        let lifted = lift(&c.saddle.net, &as_lift_map(&c.pi), &c.beta).map(|t| t.evaluate(&c.sigma, &c.saddle.data));
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
                case_json(&c),
            ),
            _ => Outcome::NotApplicable("evaluation error".into()),
        }
    }
}

/// `symmetry.lifting.identity`: ∂L/∂a_j(θ_m) = ∂L/∂a_π(j)(θ_r), ∂L/∂w_j(θ_m) = β_j ∂L/∂w_π(j)(θ_r)
/// at any (non-critical) θ_r.
pub struct LiftIdentity;

/// The gradients of a random non-critical base point and of its lift (for the identity and its
/// control).
pub(crate) fn identity_gradients(rng: &mut Rng, size: Size) -> Option<(LiftCase, Shallow, Shallow)> {
    let mut c = random_lift_case(rng, size, None)?;
    let d = c.saddle.net.input_dim();
    c.saddle.net = Shallow::random_irreducible(rng, c.saddle.net.width(), d, 4);
    let base = c.saddle.net.evaluate(&c.sigma, &c.saddle.data).ok()?;
    let lifted = lift(&c.saddle.net, &as_lift_map(&c.pi), &c.beta).ok()?.evaluate(&c.sigma, &c.saddle.data).ok()?;
    Some((c, base.gradient, lifted.gradient))
}

impl Theorem for LiftIdentity {
    fn id(&self) -> &'static str {
        "symmetry.lifting.identity"
    }
    fn statement(&self) -> &'static str {
        "for any width-r point and its lift: ∂L/∂a_j = ∂L/∂a_π(j) and ∂L/∂w_j = β_j ∂L/∂w_π(j)"
    }
    fn source(&self) -> &'static str {
        "Şimşek et al. ICML 2021; symmetry spec A.5 (lifting identity)"
    }
    fn hypotheses(&self) -> &'static str {
        "two-layer bias-free net, loss depending on θ only through f"
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
    }
    fn widths(&self) -> WidthRule {
        LIFT_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let Some((c, base, lifted)) = identity_gradients(rng, size) else {
            return Outcome::NotApplicable("evaluation error".into());
        };
        if lifting_identity_holds(&base, &lifted, &c.pi, &c.beta) {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            fails("the lifting identity", "a mismatching gradient entry", case_json(&c))
        }
    }
}

/// `symmetry.lifting.null_neuron`: appending a null neuron (0, 0) to an exact critical point with
/// E\[δ\] ≠ 0 keeps it critical iff σ(0) = 0.
pub struct NullNeuron;

/// Whether the saddle plus a null neuron is critical, with E\[δ\] ≠ 0 (None otherwise).
pub(crate) fn null_neuron_case(rng: &mut Rng, size: Size) -> Option<(LiftCase, bool, bool)> {
    let c0 = if rng.coin() { Q::zero() } else { rng.small_nonzero_q(3, 3) };
    let c = random_lift_case(rng, size, Some(c0.clone()))?;
    if c.saddle.residual.iter().fold(Q::zero(), |s, x| s.add(x)).is_zero() {
        return None;
    }
    let d = c.saddle.net.input_dim();
    let e = c.saddle.net.with_neuron(vec![Q::zero(); d], Q::zero()).evaluate(&c.sigma, &c.saddle.data).ok()?;
    Some((c, e.is_critical(), c0.is_zero()))
}

impl Theorem for NullNeuron {
    fn id(&self) -> &'static str {
        "symmetry.lifting.null_neuron"
    }
    fn statement(&self) -> &'static str {
        "a null neuron (w, a) = (0, 0) added to a critical point keeps it critical iff σ(0) = 0 (its ∂L/∂a is σ(0)·E[δ])"
    }
    fn source(&self) -> &'static str {
        "Şimşek et al. ICML 2021 (G0 only when σ(0) = 0); symmetry spec A.5"
    }
    fn hypotheses(&self) -> &'static str {
        "exact critical point with mean residual E[δ] ≠ 0"
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
    }
    fn widths(&self) -> WidthRule {
        LIFT_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        match null_neuron_case(rng, size) {
            None => Outcome::NotApplicable("E[δ] = 0 or evaluation error".into()),
            Some((_, critical, zero_at_0)) if critical == zero_at_0 => Outcome::Holds(Evidence::CheckedExactly),
            Some((c, critical, zero_at_0)) => {
                fails(format!("critical = {zero_at_0}"), format!("critical = {critical}"), case_json(&c))
            }
        }
    }
}
