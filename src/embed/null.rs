//! The one-step null embedding T^β_{l,0} (\[P2\] Def. 4.3; width-depth spec §2.2) and its
//! gradient transfer (\[P2\] Lemma 4.1).
//!
//! A new last neuron m_l + 1 is added to hidden layer l with incoming weights 0, bias β and
//! outgoing column 0 in W^\[l+1\]. The map is affine in θ: T^β θ = T_{l,0} θ + c_β, where T_{l,0}
//! places every narrow coordinate at its wide position and c_β is β at the new bias entry.
//! Identities at every θ: the output is preserved for all x; the new feature is the constant
//! σ(β); ∇R_wide(T^β θ) is ∇R_narr(θ) padded with zeros for the new row and bias entry of layer
//! l, and with new last column of W^\[l+1\]'s block equal to σ(β) ∇_{b^\[l+1\]} R_narr(θ). This
//! last formula needs layer l+1 to have a bias (spec §2.2: in a bias-free layer the new column's
//! gradient is σ(β) E_S\[e^\[l+1\]\], which the narrow gradient does not contain).

use super::split::copy_unchanged;
use super::{AffineMap, EmbedError, Shape, SparseMap};
use crate::net::Params;
use crate::scalar::Field;

/// One null-embedding step T^β_{l,0}: hidden layer `layer` (1-based) gets a constant neuron with
/// bias β.
#[derive(Clone, Debug, PartialEq)]
pub struct Null<S> {
    narrow: Shape,
    layer: usize,
    beta: S,
}

impl<S: Field> Null<S> {
    /// The null embedding adding a neuron with bias `beta` to hidden layer `layer` (1-based).
    ///
    /// # Errors
    /// [`EmbedError::Layer`] naming the valid range; [`EmbedError::NoBias`] if layer l has no bias
    /// (the new neuron's β lives there).
    pub fn new(narrow: &Shape, layer: usize, beta: S) -> Result<Null<S>, EmbedError> {
        narrow.check_hidden_layer(layer)?;
        if !narrow.has_bias(layer) {
            return Err(EmbedError::NoBias { layer, why: "a null neuron (its constant output σ(β))" });
        }
        Ok(Null { narrow: narrow.clone(), layer, beta })
    }

    /// Hidden layer l (1-based).
    pub fn layer(&self) -> usize {
        self.layer
    }
    /// β.
    pub fn beta(&self) -> &S {
        &self.beta
    }
    /// The narrow shape.
    pub fn narrow(&self) -> &Shape {
        &self.narrow
    }
    /// The wide shape: one more neuron in layer l.
    pub fn wide(&self) -> Shape {
        self.narrow.widened(self.layer)
    }

    /// Invariant: l is a hidden layer with a bias.
    pub fn is_valid(&self) -> bool {
        self.narrow.check_hidden_layer(self.layer).is_ok() && self.narrow.has_bias(self.layer)
    }

    /// T^β_{l,0} θ, computed directly on the matrices.
    ///
    /// # Errors
    /// [`EmbedError::Shape`] if `params` does not have the narrow shape.
    pub fn apply(&self, params: &Params<S>) -> Result<Params<S>, EmbedError> {
        self.narrow.check_params(params)?;
        let mut out = self.wide().embed_leading(params);
        let l = self.layer;
        if let Some(bd) = out.layer_mut(l).bias.as_mut() {
            bd[params.layer(l).width()] = self.beta.clone();
        }
        Ok(out)
    }

    /// The affine map T^β θ = T_{l,0} θ + c_β on flat vectors.
    pub fn map(&self) -> AffineMap<S> {
        let (n, w) = (&self.narrow, self.wide());
        let linear = SparseMap::new(w.num_params(), n.num_params(), copy_unchanged(n, &w));
        let mut offset = vec![S::zero(); w.num_params()];
        let new_bias = w.bias_index(self.layer, n.widths()[self.layer]).expect("checked in Null::new");
        offset[new_bias] = self.beta.clone();
        AffineMap { linear, offset }
    }

    /// The gradient-transfer map (narrow gradient → wide gradient) given `sigma_beta` = σ(β).
    ///
    /// # Errors
    /// [`EmbedError::NoBias`] if layer l+1 has no bias (then no such map exists).
    pub fn transfer_map(&self, sigma_beta: &S) -> Result<SparseMap<S>, EmbedError> {
        let (n, w, l) = (&self.narrow, self.wide(), self.layer);
        if !n.has_bias(l + 1) {
            return Err(EmbedError::NoBias { layer: l + 1, why: "the null embedding's gradient transfer" });
        }
        let mut e = copy_unchanged(n, &w);
        let m = n.widths()[l];
        for i in 0..n.widths()[l + 1] {
            let src = n.bias_index(l + 1, i).expect("checked above");
            e.push((w.weight_index(l + 1, i, m), src, sigma_beta.clone()));
        }
        Ok(SparseMap::new(w.num_params(), n.num_params(), e))
    }

    /// The predicted wide gradient from a narrow gradient and σ(β).
    ///
    /// # Errors
    /// As [`Null::transfer_map`], or [`EmbedError::Shape`] for a gradient of the wrong shape.
    pub fn transfer(&self, grad: &Params<S>, sigma_beta: &S) -> Result<Params<S>, EmbedError> {
        self.narrow.check_params(grad)?;
        Ok(self.wide().params(&self.transfer_map(sigma_beta)?.apply(&grad.flatten())))
    }
}
