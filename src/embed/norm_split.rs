//! The norm-preserving splitting N^c_{l,s} for a positively homogeneous σ (weight decay).
//!
//! Neuron s of hidden layer l, with incoming row w, bias b and outgoing column v, becomes two
//! neurons: s itself with (c₁w, c₁b, c₁v) and a new **last** neuron with (c₂w, c₂b, c₂v), where
//! c₁, c₂ > 0 and c₁² + c₂² = 1. When σ(ct) = cσ(t) for every c > 0 (ReLU, leaky ReLU, the
//! identity) the output is unchanged: c₁vσ(c₁z) + c₂vσ(c₂z) = (c₁² + c₂²)vσ(z) = vσ(z); and so is
//! ‖θ‖², since the neuron's squared weights are multiplied by c₁² + c₂² = 1.
//!
//! Under weight decay the plain split T^α is not critical (its copies keep w and get αv, so the
//! decay term λw is not matched by the scaled data gradient), while N^c is: the data gradient of
//! copy j's incoming weights is c_j times the narrow one (the outgoing weight c_jv scales the
//! back-propagated error), and so is λ·(c_jw); likewise for the outgoing weights. Statement and
//! proof: `proofs/weight-decay-embeddings.md`. Rational scales come from Pythagorean triples
//! ([`NormSplit::pythagorean`]).

use super::{EmbedError, Shape};
use crate::net::Params;
use crate::scalar::{Ring, Q};

/// One norm-preserving split of neuron `neuron` (0-based) of hidden layer `layer` (1-based) with
/// scales (c₁, c₂).
#[derive(Clone, Debug, PartialEq)]
pub struct NormSplit {
    narrow: Shape,
    layer: usize,
    neuron: usize,
    c: (Q, Q),
}

impl NormSplit {
    /// The split with scales `c` = (c₁, c₂).
    ///
    /// # Errors
    /// [`EmbedError::Layer`] / [`EmbedError::Neuron`] out of range; [`EmbedError::Invalid`] unless
    /// c₁, c₂ > 0 and c₁² + c₂² = 1.
    pub fn new(narrow: &Shape, layer: usize, neuron: usize, c: (Q, Q)) -> Result<NormSplit, EmbedError> {
        narrow.check_neuron(layer, neuron)?;
        if c.0.signum() <= 0 || c.1.signum() <= 0 || c.0.square().add(&c.1.square()) != Q::one() {
            return Err(EmbedError::Invalid {
                what: format!(
                    "norm-preserving scales need c1, c2 > 0 and c1² + c2² = 1, not ({}, {})",
                    c.0.to_canonical(),
                    c.1.to_canonical()
                ),
            });
        }
        Ok(NormSplit { narrow: narrow.clone(), layer, neuron, c })
    }

    /// The scales ((p² − q²)/(p² + q²), 2pq/(p² + q²)) of the Pythagorean triple of p > q ≥ 1.
    ///
    /// # Panics
    /// Unless p > q ≥ 1.
    pub fn pythagorean(p: i64, q: i64) -> (Q, Q) {
        assert!(p > q && q >= 1, "Pythagorean scales need p > q ≥ 1");
        let h = p * p + q * q;
        (Q::new(p * p - q * q, h), Q::new(2 * p * q, h))
    }

    /// The scales (c₁, c₂).
    pub fn scales(&self) -> &(Q, Q) {
        &self.c
    }

    /// The wide shape: one more neuron in layer l.
    pub fn wide(&self) -> Shape {
        self.narrow.widened(self.layer)
    }

    /// N^c applied to θ.
    ///
    /// # Errors
    /// [`EmbedError::Shape`] if `params` does not have the narrow shape.
    pub fn apply(&self, params: &Params<Q>) -> Result<Params<Q>, EmbedError> {
        self.narrow.check_params(params)?;
        let (l, s) = (self.layer, self.neuron);
        let (c1, c2) = &self.c;
        let mut out = self.wide().embed_leading(params);
        let (src, dst) = (params.layer(l), out.layer_mut(l));
        let m = src.width();
        for j in 0..src.fan_in() {
            let w = src.weight.get(s, j);
            dst.weight.set(s, j, c1.mul(w));
            dst.weight.set(m, j, c2.mul(w));
        }
        if let (Some(b), Some(bd)) = (&src.bias, dst.bias.as_mut()) {
            bd[s] = c1.mul(&b[s]);
            bd[m] = c2.mul(&b[s]);
        }
        let (src, dst) = (params.layer(l + 1), out.layer_mut(l + 1));
        for i in 0..src.width() {
            let v = src.weight.get(i, s);
            dst.weight.set(i, s, c1.mul(v));
            dst.weight.set(i, m, c2.mul(v));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pythagorean_scales_have_unit_norm_and_bad_scales_are_refused() {
        let c = NormSplit::pythagorean(2, 1);
        assert_eq!(c, (Q::new(3, 5), Q::new(4, 5)));
        let shape = Shape::with_biases(&[1, 2, 1]).unwrap();
        assert!(NormSplit::new(&shape, 1, 0, c).is_ok());
        assert!(NormSplit::new(&shape, 1, 0, (Q::new(1, 2), Q::new(1, 2))).is_err());
        assert!(NormSplit::new(&shape, 1, 0, (Q::new(-3, 5), Q::new(4, 5))).is_err());
        assert!(NormSplit::new(&shape, 2, 0, (Q::new(3, 5), Q::new(4, 5))).is_err());
    }
}
