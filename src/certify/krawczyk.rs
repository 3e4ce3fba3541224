//! The existence proof: Krawczyk's test for a zero of F = ∇R_S in a box (`proofs/certify.md`).
//!
//! For a box X = θ̃ + [−r, r]^M, a matrix Y and an interval matrix H(X) ⊇ {∇²R_S(θ) : θ ∈ X},
//! the Krawczyk operator is K = θ̃ − Y F(θ̃) + (I − Y H(X))(X − θ̃). If K ⊂ int X then F has
//! exactly one zero in X, and Y and every matrix of H(X) are nonsingular (Krawczyk 1969; Moore,
//! *SIAM J. Numer. Anal.* 14 (1977); Rump 1983 for the nonsingularity). With H(X) ⊂ Hc ± Hr
//! (midpoint and radius), (I − Y H(X))[−r, r]^M ⊂ [−r, r]·(|I − Y Hc| + |Y| Hr)·1, so the test is
//!
//! > |Y F(θ̃)|_i + r · Σ_j (|I − Y Hc| + |Y| Hr)_{ij} < r for every i,
//!
//! decided in exact rational arithmetic. H(X) comes from the Hessian evaluated over rational
//! intervals ([`crate::scalar::QInterval`]), for the loss ℓ: on a box where a piecewise σ keeps
//! its pattern and a piecewise loss (Huber, squared hinge) keeps its piece on every output, R_S
//! is one smooth function and its interval Hessian encloses every Hessian in the box.

use super::gauge::{restrict_matrix, Gauge};
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::hessian::hessian_with;
use crate::linalg::Matrix;
use crate::loss::ExactLoss;
use crate::net::{forward, EvalError, Params, Site};
use crate::scalar::{QInterval, Ring, Q};

/// What the test found for one radius.
#[derive(Clone, Debug, PartialEq)]
pub enum Krawczyk {
    /// K ⊂ int X: a unique critical point in the box of half-width r.
    Proved {
        /// The box's half-width r (the ∞-norm radius).
        r: Q,
        /// The interval Hessian over the box, as midpoint and radius matrices.
        hessian_mid: Matrix<Q>,
        /// Radius matrix Hr.
        hessian_rad: Matrix<Q>,
    },
    /// The inclusion fails at row `row` (0-based) by `excess` = lhs − r ≥ 0.
    Fails {
        /// The first failing row.
        row: usize,
        /// How much the left side exceeds r.
        excess: Q,
    },
    /// A pre-activation of a piecewise-linear σ can be 0 in the box: the activation pattern is
    /// not constant there, so R_S is not one polynomial on X.
    PatternChanges(Site),
    /// σ has a pole in the box.
    Pole(Site),
    /// An enclosure of the float path (gradient at θ̃ or Hessian over the box) is not finite:
    /// overflow, or an operation without a value; nothing is decided.
    NotFinite,
    /// The piecewise loss can change pieces in the box: output `output` (1-based) of sample
    /// `sample` (1-based) can reach a break.
    LossPieceChanges {
        /// The sample, 1-based.
        sample: usize,
        /// The output, 1-based.
        output: usize,
    },
}

/// The box θ̃ + [−r, r] on the free coordinates, the fixed ones (`gauge`) held at their values,
/// as a flat vector in the contract's order.
pub(super) fn ball_flat(theta: &Params<Q>, gauge: &Gauge, r: &Q) -> Vec<QInterval> {
    theta
        .flatten()
        .iter()
        .enumerate()
        .map(|(k, c)| if gauge.is_fixed(k) { QInterval::point(c) } else { QInterval::ball(c, r) })
        .collect()
}

/// An interval matrix as its midpoint and radius matrices (Hc, Hr): every member lies in
/// Hc ± Hr entrywise.
pub(super) fn mid_rad(h: &Matrix<QInterval>) -> (Matrix<Q>, Matrix<Q>) {
    let (rows, cols) = (h.rows(), h.cols());
    let mid = Matrix::from_vec(rows, cols, h.data().iter().map(QInterval::mid).collect());
    let rad = Matrix::from_vec(rows, cols, h.data().iter().map(|v| v.hi.sub(&v.lo).mul(&Q::new(1, 2))).collect());
    (mid, rad)
}

/// Runs the test on the box of half-width `r` around `theta` with the approximate inverse `y`
/// and the exact gradient `g` at `theta`, both on the free coordinates of `gauge` (F is then
/// the vector of those partial derivatives, over the box of the free coordinates with the fixed
/// ones held; `gauge.rs`). `loosen` scales the right-hand side (1 is the proof; tests use a
/// loosened test as a negative control).
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
#[allow(clippy::too_many_arguments)]
pub fn krawczyk(
    theta: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    gauge: &Gauge,
    g: &[Q],
    y: &Matrix<Q>,
    r: &Q,
    loosen: &Q,
) -> Result<Krawczyk, EvalError> {
    let x = theta.map(|_| QInterval::zero()).with_flat(&ball_flat(theta, gauge, r));
    let h = match box_hessian(&x, act, ell, data)? {
        Ok(h) => h,
        Err(NotSmooth::Pole(site)) => return Ok(Krawczyk::Pole(site)),
        Err(NotSmooth::PatternChanges(site)) => return Ok(Krawczyk::PatternChanges(site)),
        Err(NotSmooth::LossPieceChanges { sample, output }) => {
            return Ok(Krawczyk::LossPieceChanges { sample, output })
        }
    };
    let h = restrict_matrix(&h, &gauge.free(theta.num_params()));
    let (hc, hr) = mid_rad(&h);
    let residual: Vec<Q> = y.mul_vec(g).iter().map(Q::abs).collect();
    Ok(decide(y, &residual, hc, hr, r, loosen))
}

/// Why R_S is not one smooth function on an interval box (so its interval Hessian there
/// encloses nothing): a pole of σ, a pre-activation of a kinked σ that can be 0 (1-based site),
/// or an output that can reach a break of a piecewise loss (1-based sample and output).
pub(super) enum NotSmooth {
    /// σ has a pole in the box.
    Pole(Site),
    /// A pre-activation of a kinked σ can be 0.
    PatternChanges(Site),
    /// An output can reach a break of the loss.
    LossPieceChanges {
        /// The sample, 1-based.
        sample: usize,
        /// The output, 1-based.
        output: usize,
    },
}

/// The interval Hessian of R_S over the box `x`, after checking on every sample that R_S is one
/// smooth function there: for a kinked σ no pre-activation interval contains 0, for a piecewise
/// loss (Huber, squared hinge) no output interval reaches a break, and σ has no pole. It then
/// encloses ∇²R_S(θ) for every θ in the box.
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
pub(super) fn box_hessian(
    x: &Params<QInterval>,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
) -> Result<Result<Matrix<QInterval>, NotSmooth>, EvalError> {
    let d = data.map(QInterval::point);
    let kinked_sigma = matches!(act, ExactActivation::Piecewise(p) if !p.is_identity());
    let piecewise_loss = matches!(ell, ExactLoss::Huber(_) | ExactLoss::SquaredHinge);
    if kinked_sigma || piecewise_loss {
        for (i, (xi, yi)) in d.inputs().iter().zip(data.targets()).enumerate() {
            let trace = match forward(x, act, xi, i + 1) {
                Ok(t) => t,
                Err(EvalError::Pole(site)) => return Ok(Err(NotSmooth::Pole(site))),
                Err(e) => return Err(e),
            };
            if kinked_sigma {
                for (l, pre) in trace.pre.iter().enumerate().take(x.depth()).skip(1) {
                    if let Some(j) = pre.iter().position(QInterval::contains_zero) {
                        return Ok(Err(NotSmooth::PatternChanges(Site { layer: l, neuron: j + 1, sample: i + 1 })));
                    }
                }
            }
            let outputs = &trace.f[x.depth()];
            if let Some(j) = outputs.iter().zip(yi).position(|(f, y)| ell.piece_may_change(&f.lo, &f.hi, y)) {
                return Ok(Err(NotSmooth::LossPieceChanges { sample: i + 1, output: j + 1 }));
            }
        }
    }
    match hessian_with(x, act, ell, &d) {
        Ok(h) => Ok(Ok(h)),
        Err(EvalError::Pole(site)) => Ok(Err(NotSmooth::Pole(site))),
        Err(e) => Err(e),
    }
}

/// Krawczyk's inequality, decided exactly in Q: `residual`ᵢ ≥ |Y F(θ̃)|ᵢ (exactly |Y g| when
/// F(θ̃) = g is known exactly; |Y Fc| + |Y| Fr when only F(θ̃) ∈ Fc ± Fr is known), and every
/// Hessian over the box lies in `hc` ± `hr` (entrywise). [`Krawczyk::Proved`] when
/// `residual`ᵢ + r · Σ_j (|I − Y Hc| + |Y| Hr)_{ij} < r·`loosen` for every i (module docs).
pub(super) fn decide(y: &Matrix<Q>, residual: &[Q], hc: Matrix<Q>, hr: Matrix<Q>, r: &Q, loosen: &Q) -> Krawczyk {
    let m = residual.len();
    for (i, res) in residual.iter().enumerate() {
        let mut row_sum = Q::zero();
        for j in 0..m {
            let mut c = if i == j { Q::one() } else { Q::zero() };
            let mut spread = Q::zero();
            for k in 0..m {
                let yik = y.get(i, k);
                if yik.is_zero() {
                    continue;
                }
                c = c.sub(&yik.mul(hc.get(k, j)));
                spread = spread.add(&yik.abs().mul(hr.get(k, j)));
            }
            row_sum = row_sum.add(&c.abs()).add(&spread);
        }
        let lhs = res.add(&r.mul(&row_sum));
        if lhs >= r.mul(loosen) {
            return Krawczyk::Fails { row: i, excess: lhs.sub(r) };
        }
    }
    Krawczyk::Proved { r: r.clone(), hessian_mid: hc, hessian_rad: hr }
}
