//! Krawczyk's test for tanh, sigmoid and softplus (`proofs/certify.md`, "Smooth σ"): the same
//! inequality as [`super::krawczyk()`], decided exactly in Q by [`super::krawczyk::decide`], with
//! F(θ̃) and the Hessian over the box X = θ̃ + [−r, r]^M known only through rigorous f64
//! enclosures:
//!
//! - F(θ̃) ∈ Fc ± Fr from [`enclose_gradient_with`] (outward-rounded batched interval arithmetic
//!   at the point θ̃, whose entries are doubles, with the data enclosed by
//!   [`Interval::from_q`]), so |Y F(θ̃)| ≤ |Y Fc| + |Y| Fr;
//! - every ∇²R_S(θ), θ ∈ X, lies in the interval matrix that [`hessian_tangent_with`] computes
//!   over [`Interval`] with σ as [`Enclosing`] (each operation of the tangent recursion is an
//!   outward-rounded interval operation, σ, σ', σ'' come from
//!   [`enclose_jet`](crate::activation::enclose_jet), so the result contains the value of the
//!   same recursion at every θ ∈ X and every data point inside the data's enclosure).
//!
//! For Huber and squared-hinge losses, every output's loss piece must be decided by definite
//! signs over the box ([`ExactLoss::piece_is_decided`] on the same forward enclosures the Hessian
//! uses), else [`Krawczyk::LossPieceChanges`].
//!
//! The box X is enclosed outward: its ends θ̃ ± r are rationals rounded outward to doubles.
//! Every endpoint that reaches the decision is a finite double, hence an exact rational; a
//! non-finite endpoint gives [`Krawczyk::NotFinite`]. What this rests on is what
//! [`enclose_jet`](crate::activation::enclose_jet) rests on: the proved tanh kernel bound for
//! tanh and sigmoid, and libm's accuracy for softplus's value (module docs there).

use super::krawczyk::{decide, Krawczyk};
use crate::activation::{Activation, Enclosing, FloatActivation};
use crate::data::Dataset;
use crate::hessian::hessian_tangent_with;
use crate::linalg::Matrix;
use crate::loss::{ExactLoss, Loss};
use crate::net::{enclose_gradient_with, forward, EvalError, Params};
use crate::scalar::{q_from_f64, Interval, Ring, Q};

/// The part of Krawczyk's test that depends only on θ̃: the approximate inverse Y (doubles) and
/// a bound `residual` ≥ |Y F(θ̃)| (entrywise, exact rationals).
pub(super) struct Anchor {
    /// Y ≈ H(θ̃)⁻¹.
    pub y: Matrix<Q>,
    /// |Y Fc| + |Y| Fr.
    pub residual: Vec<Q>,
}

/// The midpoint and radius (exact rationals) of an interval with finite double ends.
fn mid_rad(v: &Interval) -> Option<(Q, Q)> {
    let (lo, hi) = (q_from_f64(v.lo())?, q_from_f64(v.hi())?);
    let half = Q::new(1, 2);
    Some((lo.add(&hi).mul(&half), hi.sub(&lo).mul(&half)))
}

/// The [`Anchor`] at `theta` for the approximate inverse `y`; `None` when the gradient
/// enclosure at θ̃ is not finite.
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
pub(super) fn anchor(
    theta: &Params<Q>,
    act: FloatActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    y: Matrix<Q>,
) -> Result<Option<Anchor>, EvalError> {
    let point = theta.map(Interval::from_q);
    let enc =
        enclose_gradient_with(&point, &Activation::Float(act), &Loss::Exact(ell.clone()), &data.map(Interval::from_q))?;
    let Some(grad) = enc.gradient else { return Ok(None) };
    let Some(parts) = grad.flatten().iter().map(mid_rad).collect::<Option<Vec<_>>>() else { return Ok(None) };
    let (fc, fr): (Vec<Q>, Vec<Q>) = parts.into_iter().unzip();
    let yfc = y.mul_vec(&fc);
    let residual = (0..fc.len())
        .map(|i| {
            let spread = (0..fr.len()).fold(Q::zero(), |a, j| a.add(&y.get(i, j).abs().mul(&fr[j])));
            yfc[i].abs().add(&spread)
        })
        .collect();
    Ok(Some(Anchor { y, residual }))
}

/// The box θ̃ + [−r, r]^M, each end rounded outward to a double.
fn ball(theta: &Params<Q>, r: &Q) -> Params<Interval> {
    theta.map(|c| Interval::new(Interval::from_q(&c.sub(r)).lo(), Interval::from_q(&c.add(r)).hi()))
}

/// Krawczyk's test on the box of half-width `r` around `theta` (module docs); `loosen` scales
/// the right-hand side as in [`super::krawczyk()`].
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
pub(super) fn krawczyk_enclosed(
    theta: &Params<Q>,
    act: FloatActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    anchor: &Anchor,
    r: &Q,
    loosen: &Q,
) -> Result<Krawczyk, EvalError> {
    let x = ball(theta, r);
    let d = data.map(Interval::from_q);
    let sigma = Activation::Float(act);
    let enclosing = Enclosing(&sigma);
    if matches!(ell, ExactLoss::Huber(_) | ExactLoss::SquaredHinge) {
        // The same forward pass as the Hessian's, so the same output enclosures: the piece each
        // output's loss term takes there must be decided for every point of the box.
        for (i, (xi, yi)) in d.inputs().iter().zip(d.targets()).enumerate() {
            let trace = forward(&x, &enclosing, xi, i + 1)?;
            if let Some(j) = trace.f[x.depth()].iter().zip(yi).position(|(f, y)| !ell.piece_is_decided(f, y)) {
                return Ok(Krawczyk::LossPieceChanges { sample: i + 1, output: j + 1 });
            }
        }
    }
    let h = hessian_tangent_with(&x, &enclosing, ell, &d)?;
    let Some(parts) = h.data().iter().map(mid_rad).collect::<Option<Vec<_>>>() else {
        return Ok(Krawczyk::NotFinite);
    };
    let m = h.rows();
    let (hc, hr): (Vec<Q>, Vec<Q>) = parts.into_iter().unzip();
    Ok(decide(&anchor.y, &anchor.residual, Matrix::from_vec(m, m, hc), Matrix::from_vec(m, m, hr), r, loosen))
}
