//! Generated cases for the depth checks: a ReLU, leaky-ReLU or identity network θ with data S
//! (exactly critical when asked, by the left-null-space recipe), and a member θ' of T_S(θ)
//! built by a random construction, segment and width, then moved inside T_S(θ) by a random
//! positive rescaling of inserted neurons (row j of (W', b') times κ_j, column j of V over κ_j:
//! V D W' and V D b' are unchanged, and κ_j > 0 keeps a pre-activation in a segment with end 0).

use super::super::segment::affine_segments;
use super::super::{check_membership, critical_lifting, Construction, Lifted};
use crate::activation::{Activation, ExactActivation, Piecewise};
use crate::critical::{random_critical, random_params, CriticalKind};
use crate::data::Dataset;
use crate::io::{data_and_loss_to_json, network_to_json};
use crate::loss::draw::case_loss;
use crate::loss::{ExactLoss, Loss};
use crate::net::{distinct_residuals, evaluate, Network, Params};
use crate::rng::Rng;
use crate::scalar::{Field, Ring, Q};
use crate::theorem::Size;
use serde_json::{json, Value};

/// One generated case: θ, σ, S, q and θ' ∈ T_S(θ).
#[derive(Clone, Debug)]
pub struct Case {
    /// θ.
    pub narrow: Params<Q>,
    /// σ (ReLU, leaky ReLU or identity).
    pub act: ExactActivation,
    /// S.
    pub data: Dataset<Q>,
    /// ℓ, drawn per case ([`case_loss`]; for critical cases one that keeps θ critical).
    pub loss: ExactLoss,
    /// The layer after which the new layer is inserted.
    pub q: usize,
    /// θ' and its segments.
    pub lifted: Lifted,
}

impl Case {
    /// The case as JSON: narrow and deep network files, the data file and q.
    pub fn to_json(&self) -> Value {
        let net = |p: &Params<Q>| {
            network_to_json(&Network { activation: Activation::Exact(self.act.clone()), params: p.clone() })
        };
        let data = data_and_loss_to_json(&self.data, &Loss::Exact(self.loss.clone()));
        json!({ "narrow": net(&self.narrow), "deep": net(&self.lifted.deep), "data": data, "after_layer": self.q })
    }
}

fn random_activation(rng: &mut Rng) -> ExactActivation {
    ExactActivation::Piecewise(match rng.below(4) {
        0 | 1 => Piecewise::relu(),
        2 => Piecewise::leaky(Q::new(1, 2)),
        _ => Piecewise::identity(),
    })
}

/// Generates a case; `critical` asks for ∇R_S(θ) = 0 exactly (for ½-MSE by the recipe, and for
/// the case's loss ℓ, drawn last, by [`case_loss`]). Hidden widths are at most
/// `size.max_width` as passed (the harness has applied the theorem's width rule,
/// [`super::WIDTHS`]), m_0 and m_L at most min(size.max_width, 2), and L at most
/// min(size.max_depth, 3).
///
/// # Errors
/// A reason when no kink-free case was found (the check is then "not applicable").
pub fn generate(rng: &mut Rng, size: Size, critical: bool) -> Result<Case, crate::theorem::Inapplicable> {
    let act = random_activation(rng);
    let depth = 2 + rng.below(size.max_depth.clamp(2, 3) - 1);
    let widths = layer_widths(rng, size, depth);
    let (narrow, data) = if critical {
        let m: usize = widths.windows(2).map(|w| w[1] * (w[0] + 1)).sum();
        let n = m / widths[depth] + 2;
        kink_free_critical(rng, &widths, n, &act)?
    } else {
        let params = random_params(rng, &widths, size.max_height.clamp(1, 3));
        let n = 2 + rng.below(4);
        let inputs: Vec<Vec<Q>> = (0..n).map(|_| (0..widths[0]).map(|_| rng.small_q(4, 2)).collect()).collect();
        let targets = (0..n).map(|_| (0..widths[depth]).map(|_| rng.small_q(3, 2)).collect()).collect();
        let data = Dataset::new(inputs, targets).expect("shapes fit");
        if !evaluate(&params, &act, &data)?.kinks.is_empty() {
            return Err("a pre-activation sits on the kink of sigma".into());
        }
        (params, data)
    };
    let q = rng.below(depth);
    let segs = affine_segments(&act);
    let seg = segs[rng.below(segs.len())].clone();
    let construction = if seg.unbounded_above() && rng.coin() { Construction::Identity } else { Construction::Lemma };
    let base = construction.base_width(widths[q], widths[q + 1]);
    let width = base + rng.below(2);
    let mut lifted = critical_lifting(&narrow, &act, &data, q, Some(width), construction, Some(&seg))
        .map_err(|e| format!("lifting failed: {e}"))?;
    rescale_inserted(&mut lifted, rng);
    check_membership(&narrow, &lifted.deep, &act, &data, q)
        .map_err(|v| format!("internal: the rescaled lift left T_S: {v}"))?;
    let residuals = if critical { Some(distinct_residuals(&narrow, &act, &data)?) } else { None };
    let (loss, data) = case_loss(rng, size.loss, residuals.as_deref(), &data)?;
    Ok(Case { narrow, act, data, loss, q, lifted })
}

/// (m_0, …, m_L): m_0 and m_L in 1 ..= min(max_width, 2), hidden widths in 1 ..= max_width (one
/// draw per layer, so at max_width ≤ 2 the widths are those of earlier versions).
pub(super) fn layer_widths(rng: &mut Rng, size: Size, depth: usize) -> Vec<usize> {
    let hidden = size.max_width.max(1);
    let io = hidden.min(2);
    (0..=depth).map(|l| 1 + rng.below(if l == 0 || l == depth { io } else { hidden })).collect()
}

/// An exactly critical (θ, S) with nonzero loss from the shared generator (spec §2.6,
/// [`crate::critical::random_critical`]), retried until no pre-activation sits on a kink of σ
/// (where the exact identities do not apply); [`CriticalPoint::verify`](crate::critical::CriticalPoint::verify)
/// is the proof of criticality.
fn kink_free_critical(
    rng: &mut Rng,
    widths: &[usize],
    n: usize,
    act: &ExactActivation,
) -> Result<(Params<Q>, Dataset<Q>), crate::theorem::Inapplicable> {
    for _ in 0..20 {
        let cp = random_critical(rng, widths, act, CriticalKind::NonzeroLoss, n, 3)?;
        if let Some(cp) = cp.filter(|cp| cp.verify(act) == Ok(true)) {
            return Ok((cp.params, cp.data));
        }
    }
    Err("no kink-free critical point found in 20 tries".into())
}

/// Moves θ' inside T_S(θ): κ_j ∈ {1/2, 1, 2, 3} on the inserted neurons whose segment has an end
/// at 0 or none (all segments of ReLU, leaky ReLU and identity).
fn rescale_inserted(lifted: &mut Lifted, rng: &mut Rng) {
    let l = lifted.q + 1;
    let m_hat = lifted.deep.layer(l).width();
    let kappas: Vec<Q> =
        (0..m_hat).map(|_| [Q::new(1, 2), Q::one(), Q::int(2), Q::int(3)][rng.below(4)].clone()).collect();
    let inserted = lifted.deep.layer_mut(l);
    for (j, k) in kappas.iter().enumerate() {
        for c in 0..inserted.fan_in() {
            let v = inserted.weight.get(j, c).mul(k);
            inserted.weight.set(j, c, v);
        }
        if let Some(b) = inserted.bias.as_mut() {
            b[j] = b[j].mul(k);
        }
    }
    let next = lifted.deep.layer_mut(l + 1);
    for r in 0..next.width() {
        for (j, k) in kappas.iter().enumerate() {
            let v = next.weight.get(r, j).div(k).expect("κ ≠ 0");
            next.weight.set(r, j, v);
        }
    }
}
