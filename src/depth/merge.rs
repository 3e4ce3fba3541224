//! The merge map Ψ (deep → shallow; also layer pruning), spec width-depth §3.2 item 4.
//!
//! Ψ replaces the hidden layer k of the deep network, (W', b'), and the following layer (V, c)
//! by one layer W = V D W', b = V(D b' + μ) + c, with D = diag(λ), and keeps every other layer.
//! It is the left inverse of lifting: Ψ(θ') = θ for θ' ∈ T_S(θ) (by condition (iii)); near θ',
//! where the inserted layer stays in its affine segments on S_x, R_S^deep = R_S ∘ Ψ.

use super::segment::{linearize, AffineSegment};
use super::LiftError;
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::net::{forward, Layer, Params};
use crate::scalar::{Field, Q};

/// Ψ_{λ,μ}(θ''): merges hidden layer k (1-based, 1 ≤ k ≤ L'−1) of `deep` into layer k+1 with the
/// given slopes λ and intercepts μ (one per neuron of layer k), over any field, so that dual
/// numbers give DΨ and ∇²Ψ. A missing bias counts as zero; the merged layer always has a bias.
///
/// # Panics
/// If k is not a hidden layer of `deep` or λ, μ do not have m_k entries (internal invariants; user
/// input goes through [`merge`]).
pub fn psi<S: Field>(deep: &Params<S>, k: usize, lambda: &[Q], mu: &[Q]) -> Params<S> {
    let lambda: Vec<S> = lambda.iter().map(S::from_q).collect();
    let mu: Vec<S> = mu.iter().map(S::from_q).collect();
    psi_with(deep, k, &lambda, &mu)
}

/// [`psi`] with λ and μ in the field itself: the float lifting's tangent line of softplus has
/// μ = ln 2, which is not rational (spec width-depth §3.2 item 4, used by `depth::float`).
///
/// # Panics
/// As [`psi`].
pub fn psi_with<S: Field>(deep: &Params<S>, k: usize, lambda: &[S], mu: &[S]) -> Params<S> {
    assert!(k >= 1 && k < deep.depth(), "Ψ merges a hidden layer");
    let (inserted, next) = (deep.layer(k), deep.layer(k + 1));
    let m_hat = inserted.width();
    assert!(lambda.len() == m_hat && mu.len() == m_hat, "one (λ, μ) per merged neuron");
    let d_w = Matrix::from_rows(
        (0..m_hat).map(|t| inserted.weight.row(t).iter().map(|w| w.mul(&lambda[t])).collect()).collect(),
        inserted.fan_in(),
    );
    let weight = next.weight.mul(&d_w);
    let shift: Vec<S> = (0..m_hat)
        .map(|t| {
            let b = inserted.bias.as_ref().map_or_else(S::zero, |b| b[t].clone());
            b.mul(&lambda[t]).add(&mu[t])
        })
        .collect();
    let mut bias = next.weight.mul_vec(&shift);
    if let Some(c) = &next.bias {
        bias.iter_mut().zip(c).for_each(|(bi, ci)| bi.add_assign(ci));
    }
    let mut layers: Vec<Layer<S>> = deep.layers()[..k - 1].to_vec();
    layers.push(Layer { weight, bias: Some(bias) });
    layers.extend(deep.layers()[k + 1..].iter().cloned());
    Params::new(layers).expect("merging two chained layers keeps the shapes chained")
}

/// The merged network and the affine segment each merged neuron was found in.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// Ψ(θ''): one layer fewer.
    pub params: Params<Q>,
    /// The segment (λ_j, μ_j) of neuron j of the merged layer on S_x.
    pub segments: Vec<AffineSegment>,
}

/// Ψ on data: finds, for each neuron of hidden layer k (1-based) of `deep`, the affine segment of
/// σ that contains its pre-activation on every input of `data`, and merges layer k into layer
/// k+1 with those (λ, μ) (\[P3\] §4, layer merging "by multiplying weights"; spec §3.2 item 4).
///
/// # Errors
/// [`LiftError::MergeLayer`] if k is not a hidden layer; [`LiftError::NotAffine`] naming the
/// neuron and sample when layer k is not affine on the data; [`LiftError::Eval`] on evaluation.
pub fn merge(deep: &Params<Q>, act: &ExactActivation, data: &Dataset<Q>, k: usize) -> Result<Merged, LiftError> {
    if k == 0 || k >= deep.depth() {
        return Err(LiftError::MergeLayer { k, hidden: deep.depth() - 1 });
    }
    data.check_fits(deep).map_err(|e| LiftError::Eval(e.into()))?;
    let mut pre = Vec::with_capacity(data.len());
    for (i, x) in data.inputs().iter().enumerate() {
        pre.push(forward(deep, act, x, i + 1).map_err(LiftError::Eval)?.pre[k].clone());
    }
    let segments = linearize(act, &pre).map_err(|e| LiftError::NotAffine { layer: k, cause: e })?;
    let lambda: Vec<Q> = segments.iter().map(|s| s.lambda.clone()).collect();
    let mu: Vec<Q> = segments.iter().map(|s| s.mu.clone()).collect();
    Ok(Merged { params: psi(deep, k, &lambda, &mu), segments })
}
