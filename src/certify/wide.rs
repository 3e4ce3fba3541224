//! Step 5's second half: the inertia of the Hessian of the input's width at the embedded critical
//! point T θ*, bounded from below (`proofs/certify.md` §6).
//!
//! θ* is only known to lie in Krawczyk's box X, so T θ* lies in the interval box T(X) (T is
//! affine: each wide coordinate is Σ_c A_rc θ_c + c_r, enclosed in interval arithmetic), and the
//! wide Hessian at T θ* lies in the interval Hessian over T(X), Hc ± Hr. With δ ≥ ‖Hr‖_F, Weyl's
//! inequality gives n₊(H_wide(Tθ*)) ≥ n₊(Hc − δI) and n₋(H_wide(Tθ*)) ≥ n₋(Hc + δI), both exact
//! inertias of rational matrices. The embedding's degenerate directions (\[P1\] Thm 2, \[P2\]
//! Thm 6.2) are zeros that no interval bound can certify, so only these two lower bounds are
//! claimed; n₋ ≥ 1 proves that the wide point is a strict saddle (the Fukumizu–Amari case of a
//! split minimum), whatever the narrow inertia.

use super::cost::estimated_seconds;
use super::krawczyk::{ball_flat, box_hessian, mid_rad, NotSmooth};
use super::Gauge;
use super::Reduction;
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::loss::ExactLoss;
use crate::net::Site;
use crate::net::{EvalError, Params};
use crate::scalar::{QInterval, Ring, Q};

/// Lower bounds on the inertia of the wide Hessian at the embedded critical point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WideInertia {
    /// The number of wide parameters.
    pub params: usize,
    /// n₊ is at least this.
    pub positive_at_least: usize,
    /// n₋ is at least this (≥ 1: a strict saddle).
    pub negative_at_least: usize,
}

/// Why no inertia bounds at the input's width were found (the `wide` field of a certify report).
#[derive(Clone, Debug, PartialEq)]
pub enum NoWideBounds {
    /// The input is already the reduced network: there is no wider one.
    Reduced,
    /// The estimated run exceeds the budget.
    OverBudget {
        /// The estimate, in seconds.
        seconds: f64,
        /// M, the input's number of parameters.
        params: usize,
        /// n, the number of samples.
        samples: usize,
    },
    /// σ has a pole in the wide box.
    Pole(Site),
    /// A pre-activation of the wide network can be 0 in the box (a kinked σ).
    PatternChanges(Site),
    /// An output can reach a break of the loss on the wide box.
    LossPieceChanges {
        /// The sample, 1-based.
        sample: usize,
        /// The output, 1-based.
        output: usize,
    },
    /// The wide interval Hessian is not finite.
    NotFinite,
    /// The certified inertia of the wide matrices was too costly.
    TooCostly,
}

impl std::fmt::Display for NoWideBounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoWideBounds::Reduced => f.write_str("the input is the reduced network"),
            NoWideBounds::OverBudget { seconds, params, samples } => write!(
                f,
                "skipped: the wide Hessian over the box would take about {seconds:.0} s (M = {params}, n = {samples})"
            ),
            NoWideBounds::Pole(site) => write!(f, "σ has a pole in the wide box ({site})"),
            NoWideBounds::PatternChanges(site) => {
                write!(f, "a pre-activation of the wide network can be 0 in the box ({site})")
            }
            NoWideBounds::LossPieceChanges { sample, output } => {
                write!(f, "the loss can change pieces on the wide box (output {output} of sample {sample})")
            }
            NoWideBounds::NotFinite => f.write_str("the wide interval Hessian is not finite"),
            NoWideBounds::TooCostly => f.write_str("the certified inertia of the wide matrices was too costly"),
        }
    }
}

impl std::error::Error for NoWideBounds {}

/// The longest estimated run of the wide bounds, in seconds (beyond it they are skipped).
pub(super) const WIDE_BUDGET_SECONDS: f64 = 60.0;

/// The bounds of the module docs for the box `theta` ± `r` (the coordinates `gauge` fixes held),
/// or why there are none.
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
#[allow(clippy::too_many_arguments)]
pub(super) fn wide_inertia(
    reduction: &Reduction,
    input: &Params<Q>,
    theta: &Params<Q>,
    gauge: &Gauge,
    r: &Q,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
) -> Result<Result<WideInertia, NoWideBounds>, EvalError> {
    let template = reduction.permute_input(input);
    let m = template.num_params();
    if reduction.steps.is_empty() {
        return Ok(Err(NoWideBounds::Reduced));
    }
    let seconds = estimated_seconds(m, data.len(), true);
    if seconds > WIDE_BUDGET_SECONDS {
        return Ok(Err(NoWideBounds::OverBudget { seconds, params: m, samples: data.len() }));
    }
    let map = reduction.embedding().map();
    let narrow = ball_flat(theta, gauge, r);
    let mut wide: Vec<QInterval> = map.offset.iter().map(QInterval::point).collect();
    for (row, col, a) in map.linear.entries() {
        wide[*row] = wide[*row].add(&QInterval::point(a).mul(&narrow[*col]));
    }
    let x = template.map(|_| QInterval::zero()).with_flat(&wide);
    let h = match box_hessian(&x, act, ell, data)? {
        Ok(h) => h,
        Err(NotSmooth::Pole(site)) => return Ok(Err(NoWideBounds::Pole(site))),
        Err(NotSmooth::PatternChanges(site)) => return Ok(Err(NoWideBounds::PatternChanges(site))),
        Err(NotSmooth::LossPieceChanges { sample, output }) => {
            return Ok(Err(NoWideBounds::LossPieceChanges { sample, output }))
        }
    };
    let (center, spread) = mid_rad(&h);
    Ok(match super::weyl_bounds(&center, &spread) {
        (_, Some((p, n))) => Ok(WideInertia { params: m, positive_at_least: p, negative_at_least: n }),
        (delta, None) if !delta.is_finite() => Err(NoWideBounds::NotFinite),
        _ => Err(NoWideBounds::TooCostly),
    })
}
