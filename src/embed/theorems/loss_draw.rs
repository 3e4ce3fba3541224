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
//!   the squared hinge has no generated critical points here.

use super::case::Case;
use super::claim::Claim;
use crate::activation::Polynomial;
use crate::loss::{ExactLoss, LossFamily};
use crate::net::outputs;
use crate::rng::Rng;
use crate::scalar::{Field, Q};

/// Whether the claim is about critical points (θ must be critical for the case's loss).
fn about_critical_points(claim: Claim) -> bool {
    use Claim::*;
    matches!(claim, SplitCriticality | NullCriticality | MultiCriticality | KNeuron | CompatibleCriticality)
}

/// The distinct residual values f_j(x_i) − y_ij of the case.
fn residuals(case: &Case) -> Result<Vec<Q>, String> {
    let mut out: Vec<Q> = Vec::new();
    for (i, (x, y)) in case.data.inputs().iter().zip(case.data.targets()).enumerate() {
        let f = outputs(&case.net.params, case.act(), x, i + 1).map_err(|e| e.to_string())?;
        for (fj, yj) in f.iter().zip(y) {
            let r = fj.sub(yj);
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// Largest number of distinct residuals an interpolating polynomial loss is built for.
const MAX_INTERPOLATED: usize = 8;

/// p with p'(t) = t + c·Π_{ρ ∈ roots}(t − ρ) and p(0) = 0: p'(ρ) = ρ at every root.
fn interpolating_loss(roots: &[Q], c: &Q) -> Polynomial {
    // q(t) = c·Π(t − ρ), coefficients from the constant term up.
    let mut q = vec![c.clone()];
    for rho in roots {
        let mut next = vec![Q::zero(); q.len() + 1];
        for (k, a) in q.iter().enumerate() {
            next[k + 1] = next[k + 1].add(a);
            next[k] = next[k].sub(&a.mul(rho));
        }
        q = next;
    }
    // p'(t) = t + q(t); p(t) = Σ_k p'_k t^{k+1}/(k + 1).
    if q.len() < 2 {
        q.resize(2, Q::zero());
    }
    q[1] = q[1].add(&Q::one());
    let mut p = vec![Q::zero()];
    p.extend(q.iter().enumerate().map(|(k, a)| a.mul(&Q::new(1, k as i64 + 1))));
    Polynomial::new(p)
}

/// Sets `case.loss` (and, for the squared hinge, targets ±1) from `rng`, within `fixed` when
/// `check --loss` names a family.
///
/// # Errors
/// "not applicable" when the fixed family does not fit the claim's case (the reason says why).
pub(super) fn draw_loss(rng: &mut Rng, fixed: Option<LossFamily>, claim: Claim, case: &mut Case) -> Result<(), String> {
    let critical = about_critical_points(claim);
    let rs = residuals(case)?;
    let residual = rs.iter().map(Q::abs).fold(Q::zero(), |a, r| if r > a { r } else { a });
    let fits = |f: LossFamily| match f {
        LossFamily::Mse | LossFamily::Huber => true,
        LossFamily::Poly => !critical || rs.len() <= MAX_INTERPOLATED,
        LossFamily::SquaredHinge => !critical,
    };
    let family = match fixed {
        Some(f) if fits(f) => f,
        Some(f) => {
            return Err(format!(
                "the {} loss does not fit this case (generated critical points are critical for ℓ only where ∇ℓ = r; \
                 a polynomial loss interpolates at most {MAX_INTERPOLATED} residual values)",
                f.name()
            ))
        }
        None => {
            let choices: Vec<LossFamily> = LossFamily::ALL.into_iter().filter(|&f| fits(f)).collect();
            choices[rng.below(choices.len())]
        }
    };
    case.loss = match family {
        LossFamily::Mse => ExactLoss::Mse,
        LossFamily::Poly if critical => ExactLoss::Poly(interpolating_loss(&rs, &rng.small_nonzero_q(2, 3))),
        LossFamily::Poly => {
            // p(r) = c0 + c1 r + r²/2 + c3 r³ + c4 r⁴.
            let c = [rng.small_q(2, 2), rng.small_q(2, 2), Q::new(1, 2), rng.small_q(2, 3), rng.small_q(1, 3)];
            ExactLoss::Poly(Polynomial::new(c.to_vec()))
        }
        LossFamily::Huber => {
            if critical {
                ExactLoss::Huber(residual.add(&Q::new(1, 1 + rng.below(3) as i64)))
            } else {
                ExactLoss::Huber(Q::new(1 + rng.below(4) as i64, 2))
            }
        }
        LossFamily::SquaredHinge => {
            let targets: Vec<Vec<Q>> = case
                .data
                .targets()
                .iter()
                .map(|y| y.iter().map(|_| Q::int(if rng.below(2) == 0 { 1 } else { -1 })).collect())
                .collect();
            case.data = case.data.with_targets(targets).map_err(|e| e.to_string())?;
            ExactLoss::SquaredHinge
        }
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interpolating_loss_has_unit_slope_at_every_residual_and_is_not_mse() {
        let roots = [Q::new(1, 2), Q::new(-3, 1), Q::zero()];
        let p = interpolating_loss(&roots, &Q::new(2, 3));
        for r in &roots {
            assert_eq!(p.d1(r), *r, "p'({r:?})");
        }
        // p'(1) = 1 + (2/3)(1/2)(4)(1) = 7/3 ≠ 1.
        assert_eq!(p.d1(&Q::one()), Q::new(7, 3));
        assert_eq!(p.value(&Q::zero()), Q::zero());
    }
}
