//! Reverse mode: back-propagation in the F/G/Z form of \[P2\] §3.2 (width-depth spec §1).
//!
//! z^\[L\] = ∇_f ℓ (f − y for ½-MSE; any [`LossFn`] through [`evaluate_with`]), z^\[l\] = (W^\[l+1\])ᵀ e^\[l+1\], e^\[l\] = z^\[l\] ∘ g^\[l\],
//! ∇_{W^\[l\]} R_S = E_S\[e^\[l\] (f^\[l−1\])ᵀ\], ∇_{b^\[l\]} R_S = E_S\[e^\[l\]\]
//! (proof: `proofs/gradient-identities.md`).

use super::{forward, EvalError, Params, Site, Trace};
use crate::activation::Sigma;
use crate::data::Dataset;
use crate::loss::{ExactLoss, LossFn, WeightDecay};
use crate::scalar::Field;

/// Error vectors of one sample, indexed by layer l = 1 … L (index 0 is an empty placeholder).
#[derive(Clone, Debug, PartialEq)]
pub struct Backward<S> {
    /// z^\[l\].
    pub z: Vec<Vec<S>>,
    /// e^\[l\] = z^\[l\] ∘ g^\[l\] = ∂ℓ/∂p^\[l\].
    pub e: Vec<Vec<S>>,
}

/// The backward pass of one sample from its forward [`Trace`] and target `y`.
///
/// # Panics
/// If `y.len() != m_L`.
pub fn backward<S: Field>(params: &Params<S>, trace: &Trace<S>, y: &[S]) -> Backward<S> {
    backward_with(params, trace, y, &ExactLoss::Mse)
}

/// The backward pass of one sample for the loss `loss`: z^\[L\] = ∇_f ℓ(f, y).
///
/// # Panics
/// If `y.len() != m_L`.
pub fn backward_with<S: Field, L: LossFn<S> + ?Sized>(
    params: &Params<S>,
    trace: &Trace<S>,
    y: &[S],
    loss: &L,
) -> Backward<S> {
    let depth = params.depth();
    let mut z = vec![Vec::new(); depth + 1];
    let mut e = vec![Vec::new(); depth + 1];
    z[depth] = loss.gradient(&trace.f[depth], y);
    e[depth] = z[depth].clone();
    for l in (1..depth).rev() {
        z[l] = params.layer(l + 1).weight.tr_mul_vec(&e[l + 1]);
        e[l] = z[l].iter().zip(&trace.g[l]).map(|(zi, gi)| zi.mul(gi)).collect();
    }
    Backward { z, e }
}

/// Outputs, loss, gradient and kink sites of a network on a data set.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation<S> {
    /// f(x_i; θ) for each sample.
    pub outputs: Vec<Vec<S>>,
    /// R_S(θ) = (1/n) Σ_i ℓ(f(x_i), y_i) (½‖f(x_i) − y_i‖² unless another loss was given).
    pub loss: S,
    /// ∇_θ R_S, shaped like θ.
    pub gradient: Params<S>,
    /// Pre-activations on a kink of σ, where σ'(0) = 0 was used.
    pub kinks: Vec<Site>,
    /// Outputs exactly on a break of a piecewise loss ([`LossFn::breaks`]), as (sample, output),
    /// both 1-based: ℓ'' jumps there (ℓ itself is C¹, so the gradient is unaffected).
    pub loss_breaks: Vec<(usize, usize)>,
}

impl<S: Field> Evaluation<S> {
    /// Adds the weight-decay term of `decay` at θ = `params`: (λ/2)‖θ‖² to the loss and λθ to the
    /// gradient, so that the evaluation is that of R_S(θ) + (λ/2)‖θ‖².
    pub fn add_weight_decay(&mut self, params: &Params<S>, decay: &WeightDecay) {
        if decay.is_zero() {
            return;
        }
        let theta = params.flatten();
        self.loss.add_assign(&decay.value(&theta));
        let g: Vec<S> = self.gradient.flatten().iter().zip(decay.gradient(&theta)).map(|(a, b)| a.add(&b)).collect();
        self.gradient = params.with_flat(&g);
    }

    /// Whether every gradient entry is exactly zero (for exact fields: a proof of criticality,
    /// provided there are no kinks).
    pub fn gradient_is_zero(&self) -> bool {
        self.gradient.is_zero()
    }
}

/// Outputs, loss and the reverse-mode gradient of R_S at θ.
///
/// # Errors
/// [`EvalError::Shape`] if the data do not fit the network, [`EvalError::Pole`] at a pole of σ.
pub fn evaluate<S: Field, A: Sigma<S>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
) -> Result<Evaluation<S>, EvalError> {
    evaluate_with(params, act, &ExactLoss::Mse, data)
}

/// Outputs, loss and the reverse-mode gradient of R_S at θ for the loss `loss`.
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_with<S: Field, A: Sigma<S>, L: LossFn<S> + ?Sized>(
    params: &Params<S>,
    act: &A,
    loss: &L,
    data: &Dataset<S>,
) -> Result<Evaluation<S>, EvalError> {
    data.check_fits(params)?;
    let mut loss_breaks = Vec::new();
    let n = data.len();
    let mut grad = params.zeros_like();
    let mut outputs = Vec::with_capacity(n);
    let mut total = S::zero();
    let mut kinks = Vec::new();
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let trace = forward(params, act, x, i + 1)?;
        let back = backward_with(params, &trace, y, loss);
        let out = &trace.f[params.depth()];
        total.add_assign(&loss.value(out, y));
        loss_breaks.extend(loss.breaks(out, y).into_iter().map(|j| (i + 1, j + 1)));
        for l in 1..=params.depth() {
            let layer = grad.layer_mut(l);
            let fin = &trace.f[l - 1];
            for (r, er) in back.e[l].iter().enumerate() {
                if er.is_zero() {
                    continue;
                }
                for (c, fc) in fin.iter().enumerate() {
                    layer.weight.get_mut(r, c).add_assign(&er.mul(fc));
                }
                if let Some(b) = layer.bias.as_mut() {
                    b[r].add_assign(er);
                }
            }
        }
        kinks.extend(trace.kinks.iter().copied());
        outputs.push(trace.f[params.depth()].clone());
    }
    let inv_n = S::from_i64(n as i64).inv().expect("n ≥ 1");
    Ok(Evaluation { outputs, loss: total.mul(&inv_n), gradient: grad.map(|v| v.mul(&inv_n)), kinks, loss_breaks })
}
