//! The K-neuron-wider critical affine subspace (\[P1\] Thm 2 = \[P2\] Thm 6.1; width-depth spec
//! §2.1, "Theorem (K-neuron wider)").
//!
//! Given K splitting steps (l_i, s_i), θ_B = T_{l_K,s_K} ⋯ T_{l_1,s_1} θ_A (all α = 0) and
//! v_i = T_{l_K,s_K} ⋯ V_{l_i,s_i} ⋯ T_{l_1,s_1} θ_A (V in position i). If θ_A is critical, every
//! point θ_B + Σ α_i v_i is critical with loss R(θ_A).
//!
//! Hypothesis the proof needs (spec §2.1, derived; weaker than the stated "W^\[l\] ≠ 0"): each
//! split neuron has a nonzero outgoing column at the step where it is split in the α = 0
//! composition; this is what makes v_1, …, v_K independent, so the subspace has dimension K.
//! Copies are created with a zero outgoing column (α = 0), so steps must split neurons of the
//! narrow net (indices of original neurons do not move because copies are appended last).

use super::{EmbedError, Shape, Split};
use crate::linalg::{rank, Matrix};
use crate::net::Params;
use crate::scalar::{Exact, Field, Ring};

/// θ_B and the directions v_1 … v_K, in the wide net's flat order.
#[derive(Clone, Debug, PartialEq)]
pub struct KNeuronSubspace<S> {
    wide: Shape,
    base: Vec<S>,
    directions: Vec<Vec<S>>,
    violations: Vec<ZeroOutgoing>,
}

/// A split step whose neuron has a zero outgoing column in the α = 0 composition, so the
/// K-neuron theorem's hypothesis fails (indices 1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZeroOutgoing {
    /// The step, 1-based.
    pub step: usize,
    /// The neuron, 1-based.
    pub neuron: usize,
    /// The hidden layer.
    pub layer: usize,
}

impl std::fmt::Display for ZeroOutgoing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "step {}: neuron {} of layer {} has a zero outgoing column in the α = 0 composition",
            self.step, self.neuron, self.layer
        )
    }
}

impl<S: Field> KNeuronSubspace<S> {
    /// Builds θ_B and v_i for the splits `steps` = \[(l_i, s_i)\] (l 1-based, s 0-based), each
    /// step's indices referring to the network after the previous steps.
    ///
    /// # Errors
    /// [`EmbedError::Invalid`] naming the step whose layer or neuron is out of range.
    pub fn new(theta_a: &Params<S>, steps: &[(usize, usize)]) -> Result<KNeuronSubspace<S>, EmbedError> {
        let mut shape = Shape::of(theta_a);
        let mut base = theta_a.flatten();
        let mut directions: Vec<Vec<S>> = Vec::new();
        let mut violations = Vec::new();
        for (k, &(l, s)) in steps.iter().enumerate() {
            let split = Split::new(&shape, l, s, S::zero())
                .map_err(|e| EmbedError::Invalid { what: format!("step {}: {e}", k + 1) })?;
            let current = shape.params(&base);
            if current.layer(l + 1).weight.col(s).iter().all(Ring::is_zero) {
                violations.push(ZeroOutgoing { step: k + 1, neuron: s + 1, layer: l });
            }
            let (t, v) = (split.t_map(), split.v_map());
            for d in directions.iter_mut() {
                *d = t.apply(d);
            }
            directions.push(v.apply(&base));
            base = t.apply(&base);
            shape = split.wide();
        }
        Ok(KNeuronSubspace { wide: shape, base, directions, violations })
    }

    /// The wide shape.
    pub fn wide(&self) -> &Shape {
        &self.wide
    }
    /// θ_B (flat).
    pub fn base(&self) -> &[S] {
        &self.base
    }
    /// v_1 … v_K (flat).
    pub fn directions(&self) -> &[Vec<S>] {
        &self.directions
    }

    /// Whether the proof's hypothesis holds (every split neuron has a nonzero outgoing column at
    /// its step); `Err` lists the violating steps.
    ///
    /// # Errors
    /// The violating steps, in order.
    pub fn hypothesis(&self) -> Result<(), Vec<ZeroOutgoing>> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(self.violations.clone())
        }
    }

    /// θ_B + Σ α_i v_i as parameters of the wide net.
    ///
    /// # Panics
    /// If `alphas.len() != K` (an internal invariant).
    pub fn point(&self, alphas: &[S]) -> Params<S> {
        assert_eq!(alphas.len(), self.directions.len(), "one α per direction");
        let mut p = self.base.clone();
        for (a, v) in alphas.iter().zip(&self.directions) {
            for (pi, vi) in p.iter_mut().zip(v) {
                pi.add_assign(&a.mul(vi));
            }
        }
        self.wide.params(&p)
    }
}

impl<S: Exact> KNeuronSubspace<S> {
    /// The dimension of span{v_1, …, v_K}, by exact rank.
    pub fn dimension(&self) -> usize {
        if self.directions.is_empty() {
            return 0;
        }
        rank(&Matrix::from_rows(self.directions.clone(), self.base.len()))
    }
}
