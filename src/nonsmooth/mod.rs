//! Stationarity at kink points of piecewise-linear networks (ReLU, leaky ReLU), decided exactly.
//!
//! Where a pre-activation of a piecewise-linear σ is exactly 0, the loss is not differentiable in
//! general, and the convention σ'(0) = 0 makes the "gradient" a number that need not be a
//! derivative. Around such a point θ the loss is piecewise polynomial: one polynomial L_s per
//! choice s of side at each kink site ([`Piece`]). [`stationarity`] decides, with exact rational
//! arithmetic only:
//! - whether θ is stationary on every adjacent piece (∇L_s(θ) = 0 for all 2^K pieces), so that
//!   every one-sided directional derivative R_S'(θ; d) is 0;
//! - otherwise whether θ is d-stationary (R_S'(θ; d) ≥ 0 for every direction d), by one exact
//!   linear program per piece ([`crate::linalg::minimise_on_cone`]);
//! - otherwise a descent direction d with R_S'(θ; d) < 0, confirmed by one-sided forward mode
//!   ([`OneSided`]) and by an exact step t with R_S(θ + td) < R_S(θ).
//!
//! The statement and its proof: `proofs/kink-stationarity.md`.

mod piece;

pub use piece::{OneSided, Piece, PieceActivation, Side};

use crate::activation::{ExactActivation, Piecewise, Site};
use crate::data::Dataset;
use crate::linalg::minimise_on_cone;
use crate::loss::ExactLoss;
use crate::net::{directional_derivative_with, evaluate_with, forward, loss_with, EvalError, Params, Trace};
use crate::scalar::{Ring, Q};

/// At most this many kink sites are enumerated (2^12 = 4096 pieces); beyond it only the
/// convention's and the two uniform pieces' descent candidates are tried.
pub const MAX_KINK_SITES: usize = 12;

/// What the exact analysis found at θ.
#[derive(Clone, Debug, PartialEq)]
pub enum Stationarity {
    /// No pre-activation on a kink: R_S is a polynomial near θ and its gradient decides.
    Smooth,
    /// Every one of the `pieces` = 2^K adjacent pieces has ∇L_s(θ) = 0.
    EveryPiece {
        /// 2^K.
        pieces: u64,
    },
    /// Some piece has a nonzero gradient, but no direction of first-order descent exists.
    DStationary {
        /// 2^K.
        pieces: u64,
        /// How many of them have ∇L_s(θ) ≠ 0.
        nonstationary_pieces: u64,
    },
    /// A direction of first-order descent.
    Descent(Descent),
    /// Too many kink sites to enumerate the pieces, and no descent candidate worked.
    Undecided {
        /// K.
        sites: usize,
    },
}

/// A certificate that θ is not a local minimum and not d-stationary.
#[derive(Clone, Debug, PartialEq)]
pub struct Descent {
    /// The direction d (contract order), with ‖d‖_∞ ≤ 1.
    pub direction: Vec<Q>,
    /// R_S'(θ; d) < 0, computed by one-sided forward mode.
    pub derivative: Q,
    /// A step t = 2^−j with R_S(θ + td) < R_S(θ), if one was found with j ≤ 256.
    pub step: Option<(Q, Q)>,
}

/// The kink sites and the verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct KinkAnalysis {
    /// The kink sites, in the order of the evaluation.
    pub sites: Vec<Site>,
    /// The verdict.
    pub verdict: Stationarity,
}

impl KinkAnalysis {
    /// Whether θ is critical in the sense the verdict states: smooth with zero gradient is
    /// decided by the caller; here: stationary on every piece, or d-stationary.
    pub fn is_stationary(&self) -> Option<bool> {
        match self.verdict {
            Stationarity::Smooth | Stationarity::Undecided { .. } => None,
            Stationarity::EveryPiece { .. } | Stationarity::DStationary { .. } => Some(true),
            Stationarity::Descent(_) => Some(false),
        }
    }
}

/// ∇_θ p^\[l\]_j on a trace whose g^\[·\] already carries the piece's slopes (flat, contract
/// order): back-propagation started from the unit error at (l, j).
fn pre_activation_gradient(params: &Params<Q>, trace: &Trace<Q>, l: usize, j: usize) -> Vec<Q> {
    let mut grad = vec![Q::zero(); params.num_params()];
    let mut e = vec![Q::zero(); params.widths()[l]];
    e[j] = Q::one();
    for layer in (1..=l).rev() {
        let fin = &trace.f[layer - 1];
        for (r, er) in e.iter().enumerate() {
            if er.is_zero() {
                continue;
            }
            for (c, fc) in fin.iter().enumerate() {
                grad[params.weight_index(layer, r, c)] = er.mul(fc);
            }
            if let Some(k) = params.bias_index(layer, r) {
                grad[k] = er.clone();
            }
        }
        if layer > 1 {
            let z = params.layer(layer).weight.tr_mul_vec(&e);
            e = z.iter().zip(&trace.g[layer - 1]).map(|(zi, gi)| zi.mul(gi)).collect();
        }
    }
    grad
}

/// Decides stationarity at θ exactly (module docs). `kinks` are the sites an evaluation found
/// on the kink (e.g. [`crate::net::Evaluation::kinks`]).
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
pub fn stationarity(
    params: &Params<Q>,
    sigma: &Piecewise,
    data: &Dataset<Q>,
    kinks: &[Site],
) -> Result<KinkAnalysis, EvalError> {
    stationarity_with(params, sigma, &ExactLoss::Mse, data, kinks)
}

/// [`stationarity`] for the exact loss `ell`. The argument needs only that ℓ is C¹ in the
/// outputs (every exact loss is): each piece's gradient at θ is then ℓ'(f(θ)) times the piece's
/// output derivative, and one-sided directional derivatives follow by the chain rule.
///
/// # Errors
/// As [`stationarity`].
pub fn stationarity_with(
    params: &Params<Q>,
    sigma: &Piecewise,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    kinks: &[Site],
) -> Result<KinkAnalysis, EvalError> {
    let sites = kinks.to_vec();
    let verdict = if sites.is_empty() || sigma.is_identity() {
        Stationarity::Smooth
    } else if sites.len() > MAX_KINK_SITES {
        let mut found = None;
        for side in [Side::Left, Side::Right] {
            let piece = Piece::uniform(&sites, side);
            let g = evaluate_with(params, &piece.activation(sigma), ell, data)?.gradient.flatten();
            let d: Vec<Q> = g.iter().map(Q::neg).collect();
            if let Some(descent) = confirm_descent(params, sigma, ell, data, d)? {
                found = Some(descent);
                break;
            }
        }
        found.map_or(Stationarity::Undecided { sites: sites.len() }, Stationarity::Descent)
    } else {
        enumerate_pieces(params, sigma, ell, data, &sites)?
    };
    Ok(KinkAnalysis { sites, verdict })
}

fn enumerate_pieces(
    params: &Params<Q>,
    sigma: &Piecewise,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    sites: &[Site],
) -> Result<Stationarity, EvalError> {
    let pieces = 1u64 << sites.len();
    let mut nonstationary = Vec::new();
    for bits in 0..pieces {
        let piece = Piece::from_bits(sites, bits);
        let g = evaluate_with(params, &piece.activation(sigma), ell, data)?.gradient.flatten();
        if g.iter().any(|v| !v.is_zero()) {
            nonstationary.push((piece, g));
        }
    }
    if nonstationary.is_empty() {
        return Ok(Stationarity::EveryPiece { pieces });
    }
    let nonstationary_pieces = nonstationary.len() as u64;
    for (piece, g) in nonstationary {
        // The cone D_s: s(k)·∇p_k(θ)·d ≥ 0 for every site, gradients taken on the piece.
        let act = piece.activation(sigma);
        let mut rows = Vec::with_capacity(sites.len());
        for site in sites {
            let trace = forward(params, &act, &data.inputs()[site.sample - 1], site.sample)?;
            let a = pre_activation_gradient(params, &trace, site.layer, site.neuron - 1);
            let sign = Q::int(piece.sides[site].sign());
            rows.push(a.iter().map(|v| v.mul(&sign)).collect::<Vec<_>>());
        }
        let opt = minimise_on_cone(&g, &rows);
        if opt.value.signum() < 0 {
            let descent = confirm_descent(params, sigma, ell, data, opt.direction)?
                .expect("a feasible direction of negative slope on its piece is a descent direction (proofs/kink-stationarity.md)");
            return Ok(Stationarity::Descent(descent));
        }
    }
    Ok(Stationarity::DStationary { pieces, nonstationary_pieces })
}

/// R_S'(θ; d) by one-sided forward mode; when it is negative, a [`Descent`] with an exact step.
fn confirm_descent(
    params: &Params<Q>,
    sigma: &Piecewise,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    direction: Vec<Q>,
) -> Result<Option<Descent>, EvalError> {
    let derivative = directional_derivative_with(params, &OneSided(sigma), ell, data, &direction)?;
    if derivative.signum() >= 0 {
        return Ok(None);
    }
    let act = ExactActivation::Piecewise(sigma.clone());
    let base = loss_with(params, &act, ell, data)?;
    let theta = params.flatten();
    let mut t = Q::one();
    let mut step = None;
    for _ in 0..=256 {
        let moved: Vec<Q> = theta.iter().zip(&direction).map(|(x, d)| x.add(&t.mul(d))).collect();
        let after = loss_with(&params.with_flat(&moved), &act, ell, data)?;
        if after < base {
            step = Some((t.clone(), after));
            break;
        }
        t = t.mul(&Q::new(1, 2));
    }
    Ok(Some(Descent { direction, derivative, step }))
}

/// At most this many kink sites get a Hessian per piece (2^6 = 64 Hessians).
pub const MAX_PIECE_HESSIAN_SITES: usize = 6;

/// One polynomial piece L_s around a kink point, with its derivatives at θ.
#[derive(Clone, Debug, PartialEq)]
pub struct PieceDerivatives {
    /// The side taken at each kink site.
    pub piece: Piece,
    /// Whether ∇L_s(θ) = 0 (checked exactly).
    pub stationary: bool,
    /// ∇²L_s(θ), the Hessian of the polynomial piece (contract order).
    pub hessian: crate::linalg::Matrix<Q>,
}

/// Gradient test and Hessian of every piece adjacent to θ, or `None` beyond
/// [`MAX_PIECE_HESSIAN_SITES`] sites. θ is a critical point of the polynomial L_s exactly when
/// `stationary`, and then the inertia of `hessian` classifies it as a critical point of L_s (a
/// statement about the piece, not about R_S at the kink).
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
pub fn piece_derivatives(
    params: &Params<Q>,
    sigma: &Piecewise,
    data: &Dataset<Q>,
    sites: &[Site],
) -> Result<Option<Vec<PieceDerivatives>>, EvalError> {
    piece_derivatives_with(params, sigma, &ExactLoss::Mse, data, sites)
}

/// [`piece_derivatives`] for the exact loss `ell` (the pieces' Hessians carry ℓ'').
///
/// # Errors
/// As [`piece_derivatives`].
pub fn piece_derivatives_with(
    params: &Params<Q>,
    sigma: &Piecewise,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    sites: &[Site],
) -> Result<Option<Vec<PieceDerivatives>>, EvalError> {
    if sites.len() > MAX_PIECE_HESSIAN_SITES {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(1 << sites.len());
    for bits in 0..1u64 << sites.len() {
        let piece = Piece::from_bits(sites, bits);
        let act = piece.activation(sigma);
        let stationary = evaluate_with(params, &act, ell, data)?.gradient_is_zero();
        let hessian = if params.layers().iter().all(|l| l.bias.is_some()) {
            crate::hessian::hessian_tangent_with(params, &act, ell, data)?
        } else {
            crate::hessian::hessian_with(params, &act, ell, data)?
        };
        out.push(PieceDerivatives { piece, stationary, hessian });
    }
    Ok(Some(out))
}
