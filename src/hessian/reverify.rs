//! The independent path on which Hessian-theorem counterexamples are re-checked
//! ([`Theorem::reverify`](crate::theorem::Theorem::reverify)): it shares with the fast path of the
//! checks only parsing and the forward pass.
//!
//! - H by forward over forward ([`hessian_forward_with`], `Dual<Dual<Q>>` loss evaluations) instead of
//!   tangent propagation; inertia ([`inertia_independent`]) by Descartes' rule of signs on the exact
//!   characteristic polynomial (exact because a symmetric matrix has only real eigenvalues) up to
//!   size [`SMALL`], where the fast path uses congruence elimination, and by fraction-free Bareiss
//!   elimination above it, where the fast path normally uses the float-guided dominance certificate
//!   (the characteristic polynomial of a 19 × 19 Hessian took 21 s; Bareiss 6 ms);
//! - criticality by the forward-mode gradient instead of back-propagation;
//! - the embedded point by the sparse-map form of T^α_{l,s} / T^β_{l,0} instead of their direct
//!   row/column code;
//! - Theorem S's blocks A and B from δ_i = e^\[l+1\](x_i) = ∂ℓ_i/∂b^\[l+1\] computed by forward-mode
//!   directional derivatives of the one-sample loss, instead of back-propagated error vectors.

use super::hessian_forward_with;
use crate::activation::Sigma;
use crate::data::Dataset;
use crate::embed::{EmbedError, Null, Shape, Split};
use crate::io::case::{step_from_json, stored_step};
use crate::io::{parse_data_and_loss, parse_network};
use crate::linalg::{characteristic_polynomial, descartes_inertia, inertia_bareiss, Inertia, Matrix};
use crate::loss::ExactLoss;

/// Up to this size the characteristic polynomial is cheap; it is also the size up to which the
/// fast path's `inertia_certified` uses congruence elimination.
pub const SMALL: usize = 12;
use crate::net::{
    directional_derivative_with, forward, gradient_forward_mode_with, outputs, EvalError, Network, Params,
};
use crate::scalar::{Dual, Field, Ring, Q};
use crate::theorem::{CheckError, Inapplicable};
use serde_json::Value;

/// A one-step embedding as written in a counterexample's `operator` field (`embedding` in older
/// certificates; the encoding of [`crate::io::case`]), held as [`crate::embed::Step`] with
/// `neuron` 0-based.
/// Only the data type is shared: [`embed`] applies it through the sparse-map form.
pub type Step = crate::embed::Step<Q>;

/// Why Theorem S's or Theorem N's blocks cannot be computed on the independent path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockError {
    /// The network cannot be evaluated on the data (a float-only σ, shapes, a pole).
    Eval(EvalError),
    /// Layer l+1 has no bias, so δ = ∂ℓ/∂b^\[l+1\] does not exist.
    NoBias,
    /// σ has a pole at a pre-activation of neuron s.
    Pole,
    /// The data set is empty, so E_S is not defined.
    NoSamples,
}

impl std::fmt::Display for BlockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BlockError::Eval(e) => write!(f, "{e}"),
            BlockError::NoBias => f.write_str("layer l+1 has no bias"),
            BlockError::Pole => f.write_str("pole of σ"),
            BlockError::NoSamples => f.write_str("no samples"),
        }
    }
}

impl std::error::Error for BlockError {}

impl<E: Into<EvalError>> From<E> for BlockError {
    fn from(e: E) -> BlockError {
        BlockError::Eval(e.into())
    }
}

/// A counterexample's case: network, data and embedding step (if any).
pub type Case = (Network<Q>, Dataset<Q>, Option<Step>);

/// Reads `case.network`, `case.data` and `case.operator` (or `case.embedding`; no step when
/// absent or not a one-step embedding), for a case of ½-MSE (a data loss other than `mse` is an
/// error; [`parse_case_with_loss`] reads it).
///
/// # Errors
/// A message naming the field that cannot be read.
pub fn parse_case(case: &Value) -> Result<Case, CheckError> {
    let (c, loss) = parse_case_with_loss(case)?;
    if loss != ExactLoss::Mse {
        return Err("case.data.loss: this check is stated for ½-MSE".into());
    }
    Ok(c)
}

/// [`parse_case`] with the exact loss the data name (`"loss"`, ½-MSE when absent).
///
/// # Errors
/// As [`parse_case`], and a float-only loss.
pub fn parse_case_with_loss(case: &Value) -> Result<(Case, ExactLoss), CheckError> {
    let net = parse_network(&case["network"].to_string(), "case.network")?;
    let (data, loss) = parse_data_and_loss(&case["data"].to_string(), "case.data")?;
    let loss = loss.unwrap_or_default().as_exact().cloned().ok_or("case.data.loss: expected an exact loss")?;
    let step = match stored_step(case) {
        Some(e) if e.get("split").is_some() || e.get("null").is_some() => {
            Some(step_from_json(e).map_err(|e| CheckError::Malformed(format!("case: {e}")))?)
        }
        _ => None,
    };
    Ok(((net, data, step), loss))
}

/// `Ok` when σ is a polynomial (the Hessian theorems' hypothesis: C², no kink, no pole).
///
/// # Errors
/// Why it is not.
pub fn polynomial(net: &Network<Q>) -> Result<(), Inapplicable> {
    match &net.activation {
        crate::activation::Activation::Exact(crate::activation::ExactActivation::Poly(_)) => Ok(()),
        _ => Err("σ is not a polynomial".into()),
    }
}

/// The embedded parameters, through the sparse-map form of the operator.
///
/// # Errors
/// When the indices do not fit the network.
pub fn embed(params: &Params<Q>, step: &Step) -> Result<Params<Q>, EmbedError> {
    let shape = Shape::of(params);
    let (flat, wide) = match step {
        Step::Split { layer, neuron, alpha } => {
            let t = Split::new(&shape, *layer, *neuron, alpha.clone())?;
            (t.map().apply(&params.flatten()), t.wide())
        }
        Step::Null { layer, beta } => {
            let t = Null::new(&shape, *layer, beta.clone())?;
            (t.map().apply(&params.flatten()), shape.widened(*layer))
        }
    };
    Ok(wide.params(&flat))
}

/// inertia(H) with H forward over forward and the inertia by Descartes' rule.
///
/// # Errors
/// When σ is float only or has a pole on the data.
pub fn inertia_forward(net: &Network<Q>, params: &Params<Q>, data: &Dataset<Q>) -> Result<Inertia, EvalError> {
    inertia_forward_with(net, params, &ExactLoss::Mse, data)
}

/// [`inertia_forward`] for the loss `ell`.
///
/// # Errors
/// As [`inertia_forward`].
pub fn inertia_forward_with(
    net: &Network<Q>,
    params: &Params<Q>,
    ell: &ExactLoss,
    data: &Dataset<Q>,
) -> Result<Inertia, EvalError> {
    let act = net.activation.exact()?;
    let h = hessian_forward_with(params, act, ell, data)?;
    Ok(inertia_independent(&h))
}

/// The exact inertia of a symmetric matrix by a method other than the fast path's (module docs).
pub fn inertia_independent(h: &Matrix<Q>) -> Inertia {
    if h.rows() <= SMALL {
        descartes_inertia(&characteristic_polynomial(h))
    } else {
        inertia_bareiss(h)
    }
}

/// Whether the forward-mode gradient is exactly zero.
///
/// # Errors
/// As [`inertia_forward`].
pub fn critical_forward(net: &Network<Q>, data: &Dataset<Q>) -> Result<bool, EvalError> {
    critical_forward_with(net, &ExactLoss::Mse, data)
}

/// [`critical_forward`] for the loss `ell`.
///
/// # Errors
/// As [`inertia_forward`].
pub fn critical_forward_with(net: &Network<Q>, ell: &ExactLoss, data: &Dataset<Q>) -> Result<bool, EvalError> {
    let act = net.activation.exact()?;
    Ok(gradient_forward_mode_with(&net.params, act, ell, data)?.is_zero())
}

/// δ_i = e^\[l+1\](x_i) = ∂ℓ_i/∂b^\[l+1\] for every sample, by forward-mode directional
/// derivatives of the one-sample loss.
///
/// # Errors
/// When layer l+1 has no bias, or σ has a pole on the data.
pub fn deltas_forward(net: &Network<Q>, data: &Dataset<Q>, l: usize) -> Result<Vec<Vec<Q>>, BlockError> {
    deltas_forward_with(net, &ExactLoss::Mse, data, l)
}

/// [`deltas_forward`] for the loss `ell` (δ carries ∂ℓ/∂f).
///
/// # Errors
/// As [`deltas_forward`].
pub fn deltas_forward_with(
    net: &Network<Q>,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    l: usize,
) -> Result<Vec<Vec<Q>>, BlockError> {
    let (p, act) = (&net.params, net.activation.exact()?);
    let mut dir = vec![Q::zero(); p.num_params()];
    let mut out = Vec::with_capacity(data.len());
    for (x, y) in data.inputs().iter().zip(data.targets()) {
        let one = Dataset::new(vec![x.clone()], vec![y.clone()])?;
        let mut delta = Vec::with_capacity(p.widths()[l + 1]);
        for j in 0..p.widths()[l + 1] {
            let k = p.bias_index(l + 1, j).ok_or(BlockError::NoBias)?;
            dir[k] = Q::one();
            delta.push(directional_derivative_with(p, act, ell, &one, &dir)?);
            dir[k] = Q::zero();
        }
        out.push(delta);
    }
    Ok(out)
}

/// Theorem S's A and B (spec §2.5) for neuron `s` (0-based) of hidden layer `l`, with δ from
/// [`deltas_forward`].
///
/// # Errors
/// When layer l+1 has no bias, or σ has a pole on the data.
pub fn splitting_blocks_forward(
    net: &Network<Q>,
    data: &Dataset<Q>,
    l: usize,
    s: usize,
) -> Result<(Matrix<Q>, Matrix<Q>), BlockError> {
    splitting_blocks_forward_with(net, &ExactLoss::Mse, data, l, s)
}

/// [`splitting_blocks_forward`] for the loss `ell` (δ from [`deltas_forward_with`]).
///
/// # Errors
/// As [`splitting_blocks_forward`].
pub fn splitting_blocks_forward_with(
    net: &Network<Q>,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    l: usize,
    s: usize,
) -> Result<(Matrix<Q>, Matrix<Q>), BlockError> {
    let (p, act) = (&net.params, net.activation.exact()?);
    let w = p.widths();
    let (d, m) = (w[l - 1] + 1, w[l + 1]);
    let v = p.layer(l + 1).weight.col(s);
    let (mut a, mut b) = (Matrix::<Q>::zeros(d, d), Matrix::<Q>::zeros(m, d));
    let deltas = deltas_forward_with(net, ell, data, l)?;
    for (i, (x, delta)) in data.inputs().iter().zip(&deltas).enumerate() {
        let t = forward(p, act, x, i + 1)?;
        let jet = Sigma::<Q>::jet(act, &t.pre[l][s]).map_err(|_| BlockError::Pole)?;
        let mut h = t.f[l - 1].clone();
        h.push(Q::one());
        let eps = v.iter().zip(delta).fold(Q::zero(), |acc, (vi, di)| acc.add(&vi.mul(di)));
        let c = eps.mul(&jet.d2);
        for r in 0..d {
            for k in 0..d {
                let e = a.get(r, k).add(&c.mul(&h[r]).mul(&h[k]));
                a.set(r, k, e);
            }
            for (j, dj) in delta.iter().enumerate() {
                let e = b.get(j, r).add(&dj.mul(&jet.d1).mul(&h[r]));
                b.set(j, r, e);
            }
        }
    }
    let inv = Q::from_i64(data.len() as i64).inv().ok_or(BlockError::NoSamples)?;
    Ok((a.map(|e| e.mul(&inv)), b.map(|e| e.mul(&inv))))
}

/// Theorem N's N = E_S\[e^\[l+1\](f^\[l−1\])ᵀ\] with δ from [`deltas_forward`].
///
/// # Errors
/// As [`deltas_forward`].
pub fn null_block_forward(net: &Network<Q>, data: &Dataset<Q>, l: usize) -> Result<Matrix<Q>, BlockError> {
    null_block_forward_with(net, &ExactLoss::Mse, data, l)
}

/// [`null_block_forward`] for the loss `ell` (δ carries ∂ℓ/∂f).
///
/// # Errors
/// As [`deltas_forward`].
pub fn null_block_forward_with(
    net: &Network<Q>,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    l: usize,
) -> Result<Matrix<Q>, BlockError> {
    let (p, act) = (&net.params, net.activation.exact()?);
    let w = p.widths();
    let mut n = Matrix::<Q>::zeros(w[l + 1], w[l - 1]);
    let deltas = deltas_forward_with(net, ell, data, l)?;
    for (i, (x, delta)) in data.inputs().iter().zip(&deltas).enumerate() {
        let t = forward(p, act, x, i + 1)?;
        for (r, dr) in delta.iter().enumerate() {
            for (c, fc) in t.f[l - 1].iter().enumerate() {
                let e = n.get(r, c).add(&dr.mul(fc));
                n.set(r, c, e);
            }
        }
    }
    let inv = Q::from_i64(data.len() as i64).inv().ok_or(BlockError::NoSamples)?;
    Ok(n.map(|e| e.mul(&inv)))
}

/// Whether every output equals its target exactly (R_S = 0), by the plain forward pass.
///
/// # Errors
/// When σ is float only or has a pole on the data.
pub fn zero_loss(net: &Network<Q>, data: &Dataset<Q>) -> Result<bool, EvalError> {
    let act = net.activation.exact()?;
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        if outputs(&net.params, act, x, i + 1)? != *y {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The output Jacobian J (n·m_L × M; row (i, k) holds ∂f_k(x_i)/∂θ, samples in order) by forward
/// mode: the outputs evaluated at `Dual<Q>` parameters θ + εe_j give column j, where the fast
/// path ([`crate::critical::output_jacobian`]) back-propagates one row at a time.
///
/// # Errors
/// As [`zero_loss`].
pub fn output_jacobian_forward(net: &Network<Q>, data: &Dataset<Q>) -> Result<Matrix<Q>, EvalError> {
    let act = net.activation.exact()?;
    let (theta, m) = (net.params.flatten(), net.params.num_params());
    let m_out = net.params.widths()[net.params.depth()];
    let mut j = Matrix::<Q>::zeros(data.len() * m_out, m);
    for c in 0..m {
        let flat: Vec<Dual<Q>> =
            theta.iter().enumerate().map(|(k, t)| Dual::new(t.clone(), Q::from_i64((k == c) as i64))).collect();
        let p = net.params.map(|_| Dual::<Q>::zero()).with_flat(&flat);
        for (i, x) in data.inputs().iter().enumerate() {
            let xd: Vec<Dual<Q>> = x.iter().map(|v| Dual::constant(v.clone())).collect();
            for (k, o) in outputs(&p, act, &xd, i + 1)?.into_iter().enumerate() {
                j.set(i * m_out + k, c, o.eps);
            }
        }
    }
    Ok(j)
}
