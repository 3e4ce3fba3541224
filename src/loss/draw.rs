//! Losses for generated critical points: at a point θ critical for ½-MSE with residuals
//! r_ij = f_j(x_i) − y_ij (so Σ_i J_iᵀ r_i = 0), a loss ℓ with ∇_f ℓ = s·r at every residual
//! (s ≠ 0) keeps θ critical, while ℓ'' may differ from 1 — which is what a statement "for every
//! loss" about second derivatives needs to be tested against.
//!
//! - ½-MSE itself (s = 1);
//! - Huber's loss with δ above every |r_ij| (its quadratic piece: ∇ℓ = r, ℓ'' = 1);
//! - the polynomial loss p with p'(t) = s·t + c·Π_{ρ ∈ R}(t − ρ) over the set R of distinct
//!   residual values: p'(ρ) = s·ρ at every residual, p''(ρ) = s + c·Π_{ρ' ≠ ρ}(ρ − ρ'), and p is
//!   not a multiple of ½t² when c ≠ 0 (degree |R| + 1, so at most [`MAX_INTERPOLATED`] residual
//!   values are interpolated);
//! - the squared hinge has no such construction (its targets are ±1).

use super::{ExactLoss, LossFamily};
use crate::activation::Polynomial;
use crate::data::Dataset;
use crate::rng::Rng;
use crate::scalar::{Field, Ring, Q};

/// Largest number of distinct residuals an interpolating polynomial loss is built for.
pub const MAX_INTERPOLATED: usize = 8;

/// p with p(0) = 0 and p'(t) = s·t + c·Π_{ρ ∈ roots}(t − ρ): p'(ρ) = s·ρ at every root (module
/// docs).
pub fn interpolating_loss(roots: &[Q], slope: &Q, c: &Q) -> Polynomial {
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
    // p'(t) = s·t + q(t); p(t) = Σ_k p'_k t^{k+1}/(k + 1).
    if q.len() < 2 {
        q.resize(2, Q::zero());
    }
    q[1] = q[1].add(slope);
    let mut p = vec![Q::zero()];
    p.extend(q.iter().enumerate().map(|(k, a)| a.mul(&Q::new(1, k as i64 + 1))));
    Polynomial::new(p)
}

/// Whether `family` has a loss that keeps a ½-MSE critical point with these distinct residual
/// values critical (module docs).
pub fn fits_critical(family: LossFamily, residuals: &[Q]) -> bool {
    match family {
        LossFamily::Mse | LossFamily::Huber => true,
        LossFamily::Poly => residuals.len() <= MAX_INTERPOLATED,
        LossFamily::SquaredHinge => false,
    }
}

/// Why the fixed family `f` does not fit a generated case.
/// Why no loss of the asked family can be drawn for a case.
#[derive(Clone, Debug, PartialEq)]
pub enum DrawError {
    /// The family `check --loss` fixes cannot keep the case's critical point critical.
    DoesNotFit(LossFamily),
    /// The drawn targets do not fit the data set's shape.
    Shape(crate::shape::ShapeError),
}

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DrawError::DoesNotFit(family) => write!(
                f,
                "the {} loss does not fit this case (generated critical points are critical for ℓ only where ∇ℓ is a \
                 multiple of the residual; a polynomial loss interpolates at most {MAX_INTERPOLATED} residual values; \
                 the squared hinge needs targets ±1)",
                family.name()
            ),
            DrawError::Shape(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DrawError {}

/// Why no generated critical point can be kept critical under the fixed family (the squared
/// hinge), before any work is spent generating one; `None` when one may fit.
pub fn refuses_critical(fixed: Option<LossFamily>) -> Option<DrawError> {
    fixed.filter(|&f| f == LossFamily::SquaredHinge).map(DrawError::DoesNotFit)
}

/// The family of a case: `fixed` when `check --loss` names one, else drawn from those that fit.
///
/// # Errors
/// A reason when the fixed family does not fit.
pub fn pick_family(
    rng: &mut Rng,
    fixed: Option<LossFamily>,
    fits: impl Fn(LossFamily) -> bool,
) -> Result<LossFamily, DrawError> {
    match fixed {
        Some(f) if fits(f) => Ok(f),
        Some(f) => Err(DrawError::DoesNotFit(f)),
        None => {
            let choices: Vec<LossFamily> = LossFamily::ALL.into_iter().filter(|&f| fits(f)).collect();
            Ok(choices[rng.below(choices.len())])
        }
    }
}

/// A loss of `family` that keeps a ½-MSE critical point with these distinct residuals critical,
/// with ∇_f ℓ = slope·r for the polynomial family (1 for the others). The polynomial's c is scaled
/// so that |p''(ρ) − s| ≤ |s|/4 at every residual ρ (c = c₀·|s|/(4·max(1, max_ρ |Π_{ρ'≠ρ}(ρ − ρ')|))
/// with 0 < |c₀| ≤ 1): ℓ'' differs from s·1, yet a point with a positive definite ½-MSE Hessian
/// keeps one far more often than with an unscaled c.
///
/// # Panics
/// For the squared hinge (check [`fits_critical`] first).
pub fn critical_loss(rng: &mut Rng, family: LossFamily, residuals: &[Q], slope: &Q) -> ExactLoss {
    match family {
        LossFamily::Mse => ExactLoss::Mse,
        LossFamily::Poly => {
            let spread = residuals
                .iter()
                .enumerate()
                .map(|(i, rho)| {
                    residuals.iter().enumerate().filter(|(j, _)| *j != i).fold(Q::one(), |a, (_, r)| a.mul(&rho.sub(r)))
                })
                .map(|p| p.abs())
                .fold(Q::one(), |a, p| if p > a { p } else { a });
            let c0 = rng.small_nonzero_q(2, 3).mul(&Q::new(1, 2));
            let c = c0.mul(&slope.abs()).mul(&spread.mul(&Q::int(4)).inv().expect("spread ≥ 1"));
            ExactLoss::Poly(interpolating_loss(residuals, slope, &c))
        }
        LossFamily::Huber => {
            let largest = residuals.iter().map(Q::abs).fold(Q::zero(), |a, r| if r > a { r } else { a });
            ExactLoss::Huber(largest.add(&Q::new(1, 1 + rng.below(3) as i64)))
        }
        LossFamily::SquaredHinge => panic!("the squared hinge keeps no ½-MSE critical point critical"),
    }
}

/// The loss of a generated case, of the family `fixed` names or one drawn from `rng`, and its
/// data (the squared hinge gets targets ±1 drawn from `rng`). With `critical` = the distinct
/// residuals of a ½-MSE critical point, a loss that keeps it critical ([`critical_loss`], slope 1);
/// without, any loss of the family: p(r) = c₀ + c₁r + r²/2 + c₃r³ + c₄r⁴, Huber with δ ∈ {3/7, 6/7, 9/7, 12/7} (denominator 7, so that few generated residuals sit on a break).
///
/// # Errors
/// A reason ("does not fit") when the fixed family cannot keep the critical point critical.
pub fn case_loss(
    rng: &mut Rng,
    fixed: Option<LossFamily>,
    critical: Option<&[Q]>,
    data: &Dataset<Q>,
) -> Result<(ExactLoss, Dataset<Q>), DrawError> {
    let family = pick_family(rng, fixed, |f| critical.is_none_or(|rs| fits_critical(f, rs)))?;
    if let Some(rs) = critical {
        return Ok((critical_loss(rng, family, rs, &Q::one()), data.clone()));
    }
    Ok(match family {
        LossFamily::Mse => (ExactLoss::Mse, data.clone()),
        LossFamily::Poly => {
            let c = [rng.small_q(2, 2), rng.small_q(2, 2), Q::new(1, 2), rng.small_q(2, 3), rng.small_q(1, 3)];
            (ExactLoss::Poly(Polynomial::new(c.to_vec())), data.clone())
        }
        LossFamily::Huber => (ExactLoss::Huber(Q::new(3 * (1 + rng.below(4) as i64), 7)), data.clone()),
        LossFamily::SquaredHinge => {
            let targets: Vec<Vec<Q>> = data
                .targets()
                .iter()
                .map(|y| y.iter().map(|_| Q::int(if rng.below(2) == 0 { 1 } else { -1 })).collect())
                .collect();
            (ExactLoss::SquaredHinge, data.with_targets(targets).map_err(DrawError::Shape)?)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interpolating_loss_has_the_given_slope_at_every_residual_and_is_not_mse() {
        let roots = [Q::new(1, 2), Q::new(-3, 1), Q::zero()];
        let p = interpolating_loss(&roots, &Q::one(), &Q::new(2, 3));
        for r in &roots {
            assert_eq!(p.d1(r), *r, "p'({r:?})");
        }
        // p'(1) = 1 + (2/3)(1/2)(4)(1) = 7/3 ≠ 1.
        assert_eq!(p.d1(&Q::one()), Q::new(7, 3));
        assert_eq!(p.value(&Q::zero()), Q::zero());
        let p3 = interpolating_loss(&roots, &Q::int(3), &Q::new(2, 3));
        for r in &roots {
            assert_eq!(p3.d1(r), r.mul(&Q::int(3)), "slope 3 at {r:?}");
        }
        // By hand: q(t) = (2/3)·t·(t − 1/2)(t + 3), q'(0) = (2/3)(−1/2)(3) = −1, p''(0) = 3 − 1 = 2.
        assert_eq!(p3.d2(&Q::zero()), Q::int(2));
    }
}
