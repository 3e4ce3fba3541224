//! Float lifting for tanh, sigmoid and softplus networks (spec width-depth §3.1 remark on tanh,
//! §6 item 12): an inserted layer that is only *nearly* affine on the data.
//!
//! These activations have no affine segment, so \[P3\] Def. 3 (ii) never holds exactly. Near
//! t₀ = 0 each is close to its tangent line ℓ(t) = λt + μ (λ = σ'(0), μ = σ(0)): the float lifting
//! inserts after layer q a layer whose pre-activations h = W'f^\[q\] + b' are scaled by a small c into
//! that neighbourhood, and divides the next layer by cλ so that the output is preserved up to the
//! Taylor remainder of σ at 0 (see [`NearLinear`]):
//! - *identity* construction: W' = c I (m_q̂ ≥ m_q), b' = 0, V = W^\[q+1\]/(cλ);
//! - *lemma* construction (\[P3\] Lemma 1/2 with ξ = c): if m_{q+1} ≤ m_q, W' = c W^\[q+1\],
//!   b' = c b^\[q+1\], V = I/(cλ); otherwise as the identity construction;
//! - c^new = b^\[q+1\] − V(λb' + μ) (condition (iii) of Def. 3 for the tangent line), and extra
//!   inserted neurons with zero weights and bias 0.
//!
//! With ℓ in place of σ on the inserted layer the deep net would be exactly R∘Ψ (the merge map with
//! slopes λ and intercepts μ, [`super::psi_with`]); [`bound`] propagates the difference σ − ℓ
//! through the layers above and [`inertia`] bounds its effect on the Hessian. The catalogue
//! entries `depth.lift.float.*` use these bounds; they are *within tolerance*, not exact.
//!
//! [`train`] (gradient descent with MPC records, the float merge of nearly linear layers) and
//! [`batchnorm`] (a batch-normalized tanh net) run \[P3\]'s training experiments (Fig. 3, 5, 6) in
//! f64; `examples/p3_*.rs` use them.

pub mod batchnorm;
pub mod bound;
pub mod inertia;
pub mod train;

use super::{insert_layer, Construction, LiftError};
use crate::activation::FloatActivation;
use crate::linalg::Matrix;
use crate::net::{Layer, Params};
use crate::scalar::gamma;

/// σ near t₀ = 0 against its tangent line λt + μ, with the constants of the Taylor bounds.
///
/// Derivation (h the pre-activation; the constants are the suprema of the derivatives on R):
/// - tanh: λ = 1, μ = 0, σ''(0) = 0 and sup|σ'''| = 2 (σ''' = sech²(6 tanh² − 2)), so
///   |σ(h) − h| ≤ |h|³/3, |σ'(h) − 1| = tanh² h ≤ h², |σ''(h)| = 2|tanh h| sech² h ≤ 2|h|;
///   sup|σ'| = 1, sup|σ''| = 4/(3√3).
/// - sigmoid s: λ = 1/4, μ = 1/2, σ''(0) = 0 and sup|σ'''| = 1/8 (σ''' = v(1 − 6v), v = s(1 − s) ≤ 1/4),
///   so |σ(h) − ℓ(h)| ≤ |h|³/48, |σ'(h) − 1/4| ≤ h²/16, |σ''(h)| ≤ |h|/8; sup|σ'| = 1/4,
///   sup|σ''| = √3/18.
/// - softplus: λ = 1/2, μ = fl(ln 2) (|ln 2 − μ| ≤ u = 2⁻⁵³), σ'' = s(1 − s) ≤ 1/4 everywhere (no
///   inflection point), so |σ(h) − ℓ(h)| ≤ h²/8 + u, |σ'(h) − 1/2| ≤ |h|/4, |σ''(h)| ≤ 1/4;
///   sup|σ'| = 1, sup|σ''| = 1/4.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NearLinear {
    /// σ.
    pub act: FloatActivation,
    /// λ = σ'(0).
    pub lambda: f64,
    /// μ = σ(0) (rounded to f64 for softplus).
    pub mu: f64,
}

impl NearLinear {
    /// The tangent line of σ at 0.
    pub fn at_zero(act: FloatActivation) -> NearLinear {
        match act {
            FloatActivation::Tanh => NearLinear { act, lambda: 1.0, mu: 0.0 },
            FloatActivation::Sigmoid => NearLinear { act, lambda: 0.25, mu: 0.5 },
            FloatActivation::Softplus => NearLinear { act, lambda: 0.5, mu: std::f64::consts::LN_2 },
        }
    }

    /// Bound on |σ(h) − λh − μ| (Taylor remainder, see the type's docs).
    pub fn remainder(&self, h: f64) -> f64 {
        let a = h.abs();
        match self.act {
            FloatActivation::Tanh => a * a * a / 3.0,
            FloatActivation::Sigmoid => a * a * a / 48.0,
            FloatActivation::Softplus => a * a / 8.0 + f64::EPSILON / 2.0,
        }
    }

    /// Bound on |σ'(h) − λ|.
    pub fn slope_deviation(&self, h: f64) -> f64 {
        let a = h.abs();
        match self.act {
            FloatActivation::Tanh => a * a,
            FloatActivation::Sigmoid => a * a / 16.0,
            FloatActivation::Softplus => a / 4.0,
        }
    }

    /// Bound on |σ''(h)| (the tangent line has σ'' = 0).
    pub fn curvature(&self, h: f64) -> f64 {
        let a = h.abs();
        match self.act {
            FloatActivation::Tanh => 2.0 * a,
            FloatActivation::Sigmoid => a / 8.0,
            FloatActivation::Softplus => 0.25,
        }
    }

    /// sup|σ'| on R: the Lipschitz constant of σ.
    pub fn lipschitz(&self) -> f64 {
        match self.act {
            FloatActivation::Sigmoid => 0.25,
            _ => 1.0,
        }
    }

    /// sup|σ''| on R: the Lipschitz constant of σ'.
    pub fn slope_lipschitz(&self) -> f64 {
        match self.act {
            FloatActivation::Tanh => 4.0 / (3.0 * 3f64.sqrt()),
            FloatActivation::Sigmoid => 3f64.sqrt() / 18.0,
            FloatActivation::Softplus => 0.25,
        }
    }
}

/// A deep network built by [`float_lifting`].
#[derive(Clone, Debug, PartialEq)]
pub struct FloatLifted {
    /// θ' (L + 1 layers, f64).
    pub deep: Params<f64>,
    /// The layer q after which the new layer was inserted.
    pub q: usize,
    /// The scale c of the inserted pre-activations.
    pub scale: f64,
    /// σ and its tangent line at 0.
    pub lin: NearLinear,
    /// Whether W', b' and V are exact (c a power of two: then c, cλ and their quotients are exact
    /// binary scalings); otherwise each carries up to four roundings (V = fl(W/fl(cλ)), W' = fl(cW)).
    pub exact_weights: bool,
    /// Per neuron r of the new layer q+1: a bound on |c^new_r − (b_r − (V(λb' + μ))_r)|, the rounding
    /// of the computed bias against its real value (γ_{m_q̂+2}(|b_r| + |V|·|λb' + μ|), Higham §3.1).
    pub bias_error: Vec<f64>,
}

/// Inserts after layer q of θ a layer whose pre-activations are c·(identity-like) and rescales the
/// next layer by 1/(cλ) (module docs; spec width-depth §6 item 12), with m_q̂ = `width` (default
/// m_q for the identity construction, min(m_q, m_{q+1}) for the lemma construction).
///
/// # Errors
/// [`LiftError`] when q is out of range, the width is too small, layer q+1 has no bias, or c is
/// not a positive finite number.
pub fn float_lifting(
    params: &Params<f64>,
    act: FloatActivation,
    q: usize,
    width: Option<usize>,
    construction: Construction,
    scale: f64,
) -> Result<FloatLifted, LiftError> {
    let depth = params.depth();
    if q >= depth {
        return Err(LiftError::Layer { q, depth });
    }
    if !(scale.is_finite() && scale > 0.0) {
        return Err(LiftError::Construction(format!("the scale c must be a positive finite number, not {scale}")));
    }
    let lin = NearLinear::at_zero(act);
    let w = params.widths();
    let (m_q, m_next) = (w[q], w[q + 1]);
    let old = params.layer(q + 1);
    let Some(b) = old.bias.clone() else { return Err(LiftError::BiasFree { layer: q + 1 }) };
    let m_hat = construction.inserted_width(m_q, m_next, width)?;
    let inv = 1.0 / (scale * lin.lambda);
    let output_side = construction == Construction::Lemma && m_next <= m_q;
    let (w_in, b_in, v) = if output_side {
        let v = Matrix::from_vec(
            m_next,
            m_next,
            (0..m_next * m_next).map(|k| if k % (m_next + 1) == 0 { inv } else { 0.0 }).collect(),
        );
        (old.weight.map(|x| x * scale), b.iter().map(|x| x * scale).collect(), v)
    } else {
        let w_in =
            Matrix::from_vec(m_q, m_q, (0..m_q * m_q).map(|k| if k % (m_q + 1) == 0 { scale } else { 0.0 }).collect());
        (w_in, vec![0.0; m_q], old.weight.map(|x| x * inv))
    };
    let mut w_rows = w_in.to_rows();
    let mut b_hat: Vec<f64> = b_in;
    let mut v_rows = v.to_rows();
    for _ in w_rows.len()..m_hat {
        w_rows.push(vec![0.0; m_q]);
        b_hat.push(0.0);
        v_rows.iter_mut().for_each(|row| row.push(0.0));
    }
    let shift: Vec<f64> = b_hat.iter().map(|bt| lin.lambda * bt + lin.mu).collect();
    let v = Matrix::from_rows(v_rows, m_hat);
    let vs = v.mul_vec(&shift);
    let c: Vec<f64> = b.iter().zip(&vs).map(|(bi, si)| bi - si).collect();
    let g = gamma(m_hat + 2);
    let bias_error = (0..m_next)
        .map(|r| g * (b[r].abs() + v.row(r).iter().zip(&shift).map(|(a, s)| a.abs() * s.abs()).sum::<f64>()))
        .collect();
    let inserted = Layer { weight: Matrix::from_rows(w_rows, m_q), bias: Some(b_hat) };
    let deep = insert_layer(params, q, inserted, Layer { weight: v, bias: Some(c) })?;
    let exact_weights = scale == 2f64.powi(scale.log2().round() as i32);
    Ok(FloatLifted { deep, q, scale, lin, exact_weights, bias_error })
}
