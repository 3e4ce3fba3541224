//! The tangent recurrences of the forward-over-reverse Hessian, written once.
//!
//! Differentiating \[P2\] §3.2's back-propagation along e_k (θ_k in layer l₀) gives, for l ≥ l₀:
//! ṗ^\[l₀\] = Ẇ f̃^\[l₀−1\] (f̃ = (f, 1): a bias is a weight on a constant input),
//! ṗ^\[l\] = W^\[l\] ḟ^\[l−1\] (l > l₀); ḟ^\[l\] = g^\[l\] ∘ ṗ^\[l\] (hidden), ḟ^\[L\] = ṗ^\[L\];
//! ė^\[L\] = ∇²_f ℓ · ṗ^\[L\]; ė^\[l\] = ż^\[l\] ∘ g^\[l\] + (z^\[l\] ∘ σ''(p^\[l\])) ∘ ṗ^\[l\] with
//! ż^\[l\] = (W^\[l+1\])ᵀ ė^\[l+1\] (the (Ẇ^\[l+1\])ᵀ e^\[l+1\] term vanishes: Ẇ lives in layer l₀ ≤ l);
//! and column k of the per-sample Hessian, rows j ≥ k (the others follow by symmetry), is
//! ∂θ_j of the gradient blocks (ė^\[l\] (f̃^\[l−1\])ᵀ + e^\[l\] (ḟ^\[l−1\])ᵀ) for l ≥ l₀ — the second
//! term only for l > l₀, since f^\[l₀−1\] does not depend on θ_k.
//!
//! [`tangent_columns`] runs these recurrences for every k of layer l₀ over a [`TangentPass`],
//! which supplies the primal objects of one sample in its own representation (any [`Ring`]: the
//! recurrences only add and multiply): values in a field
//! ([`super::hessian_tangent`]) or integer numerators over block-wise common denominators
//! ([`super::hessian_polynomial`], the fraction-free strategy), where the pass also supplies the
//! factors (`row_scale`, `e_row`) that bring the two terms of a block to one denominator.

use crate::net::Params;
use crate::scalar::{Field, Ring};

/// The primal objects of one sample, for θ_k in layer l₀, in the representation of a strategy
/// (module docs). Layers are indexed 1 … L as in the papers.
pub(super) trait TangentPass {
    /// The numbers the pass runs on.
    type V: Ring;
    /// W^\[l\] v.
    fn weight(&self, l: usize, v: &[Self::V]) -> Vec<Self::V>;
    /// (W^\[l\])ᵀ v.
    fn weight_tr(&self, l: usize, v: &[Self::V]) -> Vec<Self::V>;
    /// The factor of ṗ^\[l\] in ḟ^\[l\] (hidden l): g^\[l\] = σ'(p^\[l\]).
    fn slope(&self, l: usize) -> &[Self::V];
    /// The factor of ż^\[l\] in ė^\[l\] (hidden l ≥ l₀): g^\[l\], rescaled by the strategy.
    fn back_slope(&self, l: usize) -> &[Self::V];
    /// The factor of ṗ^\[l\] in ė^\[l\] (hidden l ≥ l₀): z^\[l\] ∘ σ''(p^\[l\]), rescaled.
    fn curvature(&self, l: usize) -> &[Self::V];
    /// ė^\[L\] from ṗ^\[L\]: ∇²_f ℓ · ṗ^\[L\].
    fn output(&self, pdot: &[Self::V]) -> Vec<Self::V>;
    /// f̃^\[l−1\]: f^\[l−1\] followed by the bias's constant input when layer l has a bias.
    fn input(&self, l: usize) -> &[Self::V];
    /// Whether the bias's constant input is exactly the unit (then ė itself is the bias entry).
    fn unit_bias(&self) -> bool;
    /// The factor of ė^\[l\] in block l (`None`: 1).
    fn row_scale(&self, l: usize) -> Option<&Self::V>;
    /// The factor e^\[l\] of ḟ^\[l−1\] in block l > l₀, rescaled by the strategy.
    fn e_row(&self, l: usize) -> &[Self::V];
}

/// Where each layer's parameters sit in θ (the contract's order: W^\[l\] row by row, then b^\[l\]).
pub(super) struct Layout {
    /// Widths n_0 … n_L.
    pub widths: Vec<usize>,
    /// The offset of layer l's parameters (index 0 unused).
    pub offsets: Vec<usize>,
    /// Whether layer l has a bias (index 0 unused).
    pub bias: Vec<bool>,
    /// M, the number of parameters.
    pub m: usize,
}

impl Layout {
    /// The layout of `params`.
    pub fn of<T: Field>(params: &Params<T>) -> Layout {
        let depth = params.depth();
        Layout {
            widths: params.widths(),
            offsets: std::iter::once(0).chain((1..=depth).map(|l| params.offset(l))).collect(),
            bias: std::iter::once(false).chain(params.layers().iter().map(|x| x.bias.is_some())).collect(),
            m: params.num_params(),
        }
    }

    /// L.
    pub fn depth(&self) -> usize {
        self.widths.len() - 1
    }

    /// The number of parameters of layer l.
    fn layer_params(&self, l: usize) -> usize {
        let (rows, cols) = (self.widths[l], self.widths[l - 1]);
        rows * cols + if self.bias[l] { rows } else { 0 }
    }
}

fn all_zero<V: Ring>(v: &[V]) -> bool {
    v.iter().all(V::is_zero)
}

/// Adds column k (rows j ≥ k) of one sample's Hessian contribution to `acc` (M × M, row-major),
/// for every θ_k of layer `l0`, by the recurrences of the module docs over `pass`.
// s, q, r, c, t, j, k are the papers' neuron and parameter indices; iterators would hide them.
#[allow(clippy::needless_range_loop)]
pub(super) fn tangent_columns<P: TangentPass>(pass: &P, layout: &Layout, l0: usize, acc: &mut [P::V]) {
    let depth = layout.depth();
    let (w, m) = (&layout.widths, layout.m);
    let zero = P::V::zero;
    let (rows, cols) = (w[l0], w[l0 - 1]);
    for kl in 0..layout.layer_params(l0) {
        // θ_k = W^[l0]_{rc}, or b^[l0]_r (the input column c = cols of f̃).
        let (r, c) = if kl < rows * cols { (kl / cols, kl % cols) } else { (kl - rows * cols, cols) };
        let k = layout.offsets[l0] + kl;
        // Forward tangents ṗ, ḟ for l ≥ l0.
        let mut pdot: Vec<Vec<P::V>> = vec![Vec::new(); depth + 1];
        let mut fdot: Vec<Vec<P::V>> = vec![Vec::new(); depth + 1];
        pdot[l0] = vec![zero(); rows];
        pdot[l0][r] = pass.input(l0)[c].clone();
        for l in l0..=depth {
            if l > l0 {
                pdot[l] = pass.weight(l, &fdot[l - 1]);
            }
            fdot[l] = if l == depth {
                pdot[l].clone()
            } else {
                pdot[l].iter().zip(pass.slope(l)).map(|(a, g)| if a.is_zero() { zero() } else { a.mul(g) }).collect()
            };
        }
        // Backward tangents ė for l ≥ l0.
        let mut edot: Vec<Vec<P::V>> = vec![Vec::new(); depth + 1];
        edot[depth] = pass.output(&pdot[depth]);
        for l in (l0..depth).rev() {
            let zdot = if all_zero(&edot[l + 1]) { vec![zero(); w[l]] } else { pass.weight_tr(l + 1, &edot[l + 1]) };
            let (g, u) = (pass.back_slope(l), pass.curvature(l));
            edot[l] = (0..w[l])
                .map(|s| {
                    let mut v = if zdot[s].is_zero() { zero() } else { zdot[s].mul(&g[s]) };
                    if !pdot[l][s].is_zero() && !u[s].is_zero() {
                        v.add_assign(&u[s].mul(&pdot[l][s]));
                    }
                    v
                })
                .collect();
        }
        // Rows j ≥ k of column k: blocks l ≥ l0.
        for l in l0..=depth {
            let (off, rl, cl) = (layout.offsets[l], w[l], w[l - 1]);
            let fin = pass.input(l);
            let erow = if l > l0 { pass.e_row(l) } else { &[] };
            for q in 0..rl {
                let ed = match pass.row_scale(l) {
                    Some(a) => edot[l][q].mul(a),
                    None => edot[l][q].clone(),
                };
                for (t, ft) in fin.iter().enumerate() {
                    let j = if t < cl { off + q * cl + t } else { off + rl * cl + q };
                    if j < k {
                        continue;
                    }
                    let mut v = if ed.is_zero() || ft.is_zero() {
                        zero()
                    } else if t == cl && pass.unit_bias() {
                        ed.clone()
                    } else {
                        ed.mul(ft)
                    };
                    if l > l0 && t < cl && !fdot[l - 1][t].is_zero() && !erow[q].is_zero() {
                        v.add_assign(&erow[q].mul(&fdot[l - 1][t]));
                    }
                    if !v.is_zero() {
                        acc[j * m + k].add_assign(&v);
                    }
                }
            }
        }
    }
}
