//! The one-step splitting embedding T^α_{l,s} = T_{l,s} + α V_{l,s} (\[P1\] Def. 5 = \[P2\] Def. 4.4;
//! width-depth spec §2.1) and its gradient-transfer map P_α (spec §2.1, identity 4).
//!
//! Neuron s of hidden layer l is copied as a new **last** neuron m_l + 1 of layer l (same incoming
//! weights and bias); in layer l+1 the outgoing column s becomes (1−α) times itself and the new
//! last column α times the old column s. In the flat vector (contract order) this adds one row at
//! the end of W^\[l\], one entry at the end of b^\[l\], and one last column in every row of
//! W^\[l+1\].
//!
//! - T_{l,s}: copy row s (and b_s) as the new row; W^\[l+1\] gets a zero last column.
//! - V_{l,s}: zero except in W^\[l+1\]: column s holds −W^\[l+1\]_{:,s}, the new column +W^\[l+1\]_{:,s}.
//! - P_α (narrow gradient → wide gradient): row s of G_W^\[l\] and G_b^\[l\]_s scaled by (1−α), α
//!   times them appended; a copy of column s of G_W^\[l+1\] appended. Then
//!   ∇R_wide(T^α θ) = P_α ∇R_narr(θ) at every θ (\[P1\] Lemma 1, Prop. 1), and (T^α)ᵀ P_α = I.
//!
//! Index convention: `layer` is 1-based as in the papers and [`Params::layer`]; `neuron` is
//! 0-based like every vector index inside the library (the command line and error messages use
//! 1-based neurons).

use super::{EmbedError, Shape, SparseMap};
use crate::net::Params;
use crate::scalar::Field;

/// One splitting step T^α_{l,s}: hidden layer `layer` (1-based), neuron `neuron` (0-based), α.
#[derive(Clone, Debug, PartialEq)]
pub struct Split<S> {
    narrow: Shape,
    layer: usize,
    neuron: usize,
    alpha: S,
}

impl<S: Field> Split<S> {
    /// The splitting of neuron `neuron` (0-based) of hidden layer `layer` (1-based) of a network
    /// of shape `narrow`, with outgoing coefficients (1−α, α).
    ///
    /// # Errors
    /// [`EmbedError::Layer`] / [`EmbedError::Neuron`] naming the valid range.
    pub fn new(narrow: &Shape, layer: usize, neuron: usize, alpha: S) -> Result<Split<S>, EmbedError> {
        narrow.check_neuron(layer, neuron)?;
        Ok(Split { narrow: narrow.clone(), layer, neuron, alpha })
    }

    /// Hidden layer l (1-based).
    pub fn layer(&self) -> usize {
        self.layer
    }
    /// Neuron s (0-based).
    pub fn neuron(&self) -> usize {
        self.neuron
    }
    /// α.
    pub fn alpha(&self) -> &S {
        &self.alpha
    }
    /// The narrow shape.
    pub fn narrow(&self) -> &Shape {
        &self.narrow
    }
    /// The wide shape: one more neuron in layer l.
    pub fn wide(&self) -> Shape {
        self.narrow.widened(self.layer)
    }

    /// Invariant: the indices are in range and the two outgoing coefficients (1−α) + α sum to 1.
    pub fn is_valid(&self) -> bool {
        let (a, b) = self.coefficients();
        self.narrow.check_neuron(self.layer, self.neuron).is_ok() && a.add(&b) == S::one()
    }

    /// The outgoing coefficients (1−α, α) of neuron s and of its copy.
    pub fn coefficients(&self) -> (S, S) {
        (S::one().sub(&self.alpha), self.alpha.clone())
    }

    /// Applies T^α_{l,s} to θ directly (rows and columns of the matrices, not the sparse map).
    ///
    /// # Errors
    /// [`EmbedError::Shape`] if `params` does not have the narrow shape.
    pub fn apply(&self, params: &Params<S>) -> Result<Params<S>, EmbedError> {
        self.narrow.check_params(params)?;
        let (l, s) = (self.layer, self.neuron);
        let mut out = self.wide().embed_leading(params);
        let (keep, moved) = self.coefficients();
        // Layer l: the copy of neuron s (its row and bias) becomes the new last neuron.
        let (src, dst) = (params.layer(l), out.layer_mut(l));
        let m = src.width();
        for j in 0..src.fan_in() {
            dst.weight.set(m, j, src.weight.get(s, j).clone());
        }
        if let (Some(b), Some(bd)) = (&src.bias, dst.bias.as_mut()) {
            bd[m] = b[s].clone();
        }
        // Layer l+1: outgoing column s split as (1−α) and α into columns s and m.
        let (src, dst) = (params.layer(l + 1), out.layer_mut(l + 1));
        for i in 0..src.width() {
            let w = src.weight.get(i, s);
            dst.weight.set(i, s, keep.mul(w));
            dst.weight.set(i, m, moved.mul(w));
        }
        Ok(out)
    }

    /// P_α applied to a narrow gradient (shaped like θ), giving the predicted wide gradient.
    ///
    /// # Errors
    /// [`EmbedError::Shape`] if `grad` does not have the narrow shape.
    pub fn transfer(&self, grad: &Params<S>) -> Result<Params<S>, EmbedError> {
        self.narrow.check_params(grad)?;
        let wide = self.wide();
        Ok(wide.params(&self.transfer_map().apply(&grad.flatten())))
    }

    /// T_{l,s} as a sparse map R^M → R^{M'}.
    pub fn t_map(&self) -> SparseMap<S> {
        let (n, w) = (&self.narrow, self.wide());
        let (l, s) = (self.layer, self.neuron);
        let mut e = copy_unchanged(n, &w);
        let m = n.widths()[l];
        for j in 0..n.widths()[l - 1] {
            e.push((w.weight_index(l, m, j), n.weight_index(l, s, j), S::one()));
        }
        if let (Some(dst), Some(src)) = (w.bias_index(l, m), n.bias_index(l, s)) {
            e.push((dst, src, S::one()));
        }
        SparseMap::new(w.num_params(), n.num_params(), e)
    }

    /// V_{l,s} as a sparse map R^M → R^{M'}.
    pub fn v_map(&self) -> SparseMap<S> {
        let (n, w) = (&self.narrow, self.wide());
        let (l, s) = (self.layer, self.neuron);
        let m = n.widths()[l];
        let mut e = Vec::new();
        for i in 0..n.widths()[l + 1] {
            let src = n.weight_index(l + 1, i, s);
            e.push((w.weight_index(l + 1, i, s), src, S::one().neg()));
            e.push((w.weight_index(l + 1, i, m), src, S::one()));
        }
        SparseMap::new(w.num_params(), n.num_params(), e)
    }

    /// T^α_{l,s} = T_{l,s} + α V_{l,s} as a sparse map.
    pub fn map(&self) -> SparseMap<S> {
        self.t_map().add_scaled(&self.alpha, &self.v_map())
    }

    /// P_α as a sparse map R^M → R^{M'} (narrow gradient → wide gradient).
    pub fn transfer_map(&self) -> SparseMap<S> {
        let (n, w) = (&self.narrow, self.wide());
        let (l, s) = (self.layer, self.neuron);
        let (keep, moved) = self.coefficients();
        let m = n.widths()[l];
        let mut e: Vec<(usize, usize, S)> = Vec::new();
        // Row s of layer l (weights and bias) is split between s and its copy, not copied.
        let row_s = n.weight_index(l, s, 0)..n.weight_index(l, s, 0) + n.widths()[l - 1];
        let bias_s = n.bias_index(l, s);
        for (dst, src, v) in copy_unchanged(n, &w) {
            let split = row_s.contains(&src) || Some(src) == bias_s;
            e.push((dst, src, if split { keep.clone() } else { v }));
        }
        for j in 0..n.widths()[l - 1] {
            e.push((w.weight_index(l, m, j), n.weight_index(l, s, j), moved.clone()));
        }
        if let (Some(dst), Some(src)) = (w.bias_index(l, m), n.bias_index(l, s)) {
            e.push((dst, src, moved.clone()));
        }
        for i in 0..n.widths()[l + 1] {
            e.push((w.weight_index(l + 1, i, m), n.weight_index(l + 1, i, s), S::one()));
        }
        SparseMap::new(w.num_params(), n.num_params(), e)
    }
}

/// The identity part shared by T and P: every narrow coordinate copied to its place in the wide
/// vector (rows 0 … m_l − 1 of layer l, columns 0 … m_l − 1 of layer l+1; every other layer whole).
pub(crate) fn copy_unchanged<S: Field>(n: &Shape, w: &Shape) -> Vec<(usize, usize, S)> {
    let mut e = Vec::with_capacity(n.num_params());
    for k in 1..=n.depth() {
        let (rows, cols) = (n.widths()[k], n.widths()[k - 1]);
        for i in 0..rows {
            for j in 0..cols {
                e.push((w.weight_index(k, i, j), n.weight_index(k, i, j), S::one()));
            }
            if let (Some(dst), Some(src)) = (w.bias_index(k, i), n.bias_index(k, i)) {
                e.push((dst, src, S::one()));
            }
        }
    }
    e
}
