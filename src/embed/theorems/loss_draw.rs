//! The loss of a width case, drawn from the case seed: the width theorems hold for every loss ℓ
//! that is C¹ in the outputs (\[P1\]'s abstract: "independent of loss function"; the transfer
//! identities use ℓ only through ∇_f ℓ), so each case draws one of the exact families, or the
//! family `check --loss` fixes.
//!
//! What each family needs:
//! - identity claims (output, features, transfer, adjoint, representation) hold at every θ: any
//!   family; the squared hinge gets targets ±1;
//! - criticality claims need θ critical **for ℓ**. The generated points are critical for ½-MSE
//!   (residuals r_i in the left null space of J), so ℓ must have ∇_f ℓ = r there: ½-MSE itself;
//!   Huber's loss with δ above every |r_ij| (the quadratic piece, where ∇ℓ = r); a polynomial loss
//!   with p'(t) = t + c·Π_{ρ ∈ R}(t − ρ) over the set R of the case's residual values (so
//!   p'(r_ij) = r_ij at every residual, while p is not ½t² when c ≠ 0: degree |R| + 1, at most 9);
//!   the squared hinge has no generated critical points here (the constructions live in
//!   [`crate::loss::draw`]).

use super::case::Case;
use super::claim::Claim;
use crate::loss::draw::case_loss;
use crate::loss::LossFamily;
use crate::net::distinct_residuals;
use crate::rng::Rng;

/// Whether the claim is about critical points (θ must be critical for the case's loss).
fn about_critical_points(claim: Claim) -> bool {
    use Claim::*;
    matches!(claim, SplitCriticality | NullCriticality | MultiCriticality | KNeuron | CompatibleCriticality)
}

/// Sets `case.loss` (and, for the squared hinge, targets ±1) from `rng`, within `fixed` when
/// `check --loss` names a family ([`case_loss`]).
///
/// # Errors
/// "not applicable" when the fixed family does not fit the claim's case (the reason says why).
pub(super) fn draw_loss(
    rng: &mut Rng,
    fixed: Option<LossFamily>,
    claim: Claim,
    case: &mut Case,
) -> Result<(), crate::theorem::Inapplicable> {
    let rs = if about_critical_points(claim) {
        Some(distinct_residuals(&case.net.params, case.act(), &case.data)?)
    } else {
        None
    };
    let (loss, data) = case_loss(rng, fixed, rs.as_deref(), &case.data)?;
    (case.loss, case.data) = (loss, data);
    Ok(())
}
