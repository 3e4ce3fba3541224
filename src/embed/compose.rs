//! Multi-step (composition) embeddings (\[P2\] Def. 4.6, Thm 4.2; width-depth spec §2.3): K
//! one-step embeddings (splitting or null) applied in sequence, each adding one neuron (appended
//! last) to a chosen hidden layer. Each step's indices refer to the network produced by the steps
//! before it.

use super::{AffineMap, EmbedError, Null, Shape, SparseMap, Split};
use crate::net::Params;
use crate::scalar::Field;
use std::fmt;

/// One step of a composition.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<S> {
    /// T^α_{l,s}: split neuron `neuron` (0-based) of hidden layer `layer` (1-based).
    Split {
        /// l, 1-based.
        layer: usize,
        /// s, 0-based.
        neuron: usize,
        /// α.
        alpha: S,
    },
    /// T^β_{l,0}: add a null neuron with bias β to hidden layer `layer` (1-based).
    Null {
        /// l, 1-based.
        layer: usize,
        /// β.
        beta: S,
    },
}

impl<S: Field> Step<S> {
    /// T(θ) for this one step, by the direct row/column code of [`Split`] / [`Null`].
    ///
    /// # Errors
    /// [`EmbedError`] if the step is not defined for θ's shape.
    pub fn apply(&self, params: &Params<S>) -> Result<Params<S>, EmbedError> {
        let shape = Shape::of(params);
        match self {
            Step::Split { layer, neuron, alpha } => Split::new(&shape, *layer, *neuron, alpha.clone())?.apply(params),
            Step::Null { layer, beta } => Null::new(&shape, *layer, beta.clone())?.apply(params),
        }
    }
}

/// `split T^α_{l,s} with l = …, s = …, α = …` (s printed 1-based) or `null T^β_{l,0} with …`.
impl<S: fmt::Display> fmt::Display for Step<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Split { layer, neuron, alpha } => {
                write!(f, "split T^α_{{l,s}} with l = {layer}, s = {}, α = {alpha}", neuron + 1)
            }
            Step::Null { layer, beta } => write!(f, "null T^β_{{l,0}} with l = {layer}, β = {beta}"),
        }
    }
}

/// One step, validated against the shape it acts on.
#[derive(Clone, Debug, PartialEq)]
enum Built<S> {
    Split(Split<S>),
    Null(Null<S>),
}

/// A validated sequence of one-step embeddings T_K ∘ ⋯ ∘ T_1.
#[derive(Clone, Debug, PartialEq)]
pub struct Composition<S> {
    narrow: Shape,
    steps: Vec<Built<S>>,
}

impl<S: Field> Composition<S> {
    /// Validates `steps` in order, starting from the shape `narrow`.
    ///
    /// # Errors
    /// [`EmbedError::Invalid`] naming the step (1-based) and the underlying range error.
    pub fn new(narrow: &Shape, steps: &[Step<S>]) -> Result<Composition<S>, EmbedError> {
        let mut shape = narrow.clone();
        let mut built = Vec::with_capacity(steps.len());
        for (k, step) in steps.iter().enumerate() {
            let b = match step {
                Step::Split { layer, neuron, alpha } => {
                    Split::new(&shape, *layer, *neuron, alpha.clone()).map(Built::Split)
                }
                Step::Null { layer, beta } => Null::new(&shape, *layer, beta.clone()).map(Built::Null),
            }
            .map_err(|e| EmbedError::Invalid { what: format!("step {}: {e}", k + 1) })?;
            shape = match &b {
                Built::Split(s) => s.wide(),
                Built::Null(n) => n.wide(),
            };
            built.push(b);
        }
        Ok(Composition { narrow: narrow.clone(), steps: built })
    }

    /// Number of steps K.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there are no steps (the identity).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The wide shape after all steps.
    pub fn wide(&self) -> Shape {
        self.steps.last().map_or_else(
            || self.narrow.clone(),
            |b| match b {
                Built::Split(s) => s.wide(),
                Built::Null(n) => n.wide(),
            },
        )
    }

    /// Invariant: every step is valid and each step's shape is the previous step's wide shape.
    pub fn is_valid(&self) -> bool {
        let mut shape = self.narrow.clone();
        for b in &self.steps {
            let (ok, from, to) = match b {
                Built::Split(s) => (s.is_valid(), s.narrow().clone(), s.wide()),
                Built::Null(n) => (n.is_valid(), n.narrow().clone(), n.wide()),
            };
            if !ok || from != shape {
                return false;
            }
            shape = to;
        }
        true
    }

    /// T_K ⋯ T_1 θ, step by step on the matrices.
    ///
    /// # Errors
    /// [`EmbedError::Shape`] if `params` does not have the narrow shape.
    pub fn apply(&self, params: &Params<S>) -> Result<Params<S>, EmbedError> {
        let mut cur = params.clone();
        for b in &self.steps {
            cur = match b {
                Built::Split(s) => s.apply(&cur)?,
                Built::Null(n) => n.apply(&cur)?,
            };
        }
        Ok(cur)
    }

    /// The composed affine map on flat vectors.
    pub fn map(&self) -> AffineMap<S> {
        let mut acc = AffineMap::linear(SparseMap::identity(self.narrow.num_params()));
        for b in &self.steps {
            let step = match b {
                Built::Split(s) => AffineMap::linear(s.map()),
                Built::Null(n) => n.map(),
            };
            acc = step.compose(&acc);
        }
        acc
    }

    /// The composed gradient-transfer map P_K ⋯ P_1 (narrow gradient → wide gradient at the
    /// embedded point); `sigma` gives σ(β) for the null steps.
    ///
    /// # Errors
    /// [`EmbedError::NoBias`] from a null step whose next layer has no bias.
    pub fn transfer_map(&self, sigma: impl Fn(&S) -> S) -> Result<SparseMap<S>, EmbedError> {
        let mut acc = SparseMap::identity(self.narrow.num_params());
        for b in &self.steps {
            let p = match b {
                Built::Split(s) => s.transfer_map(),
                Built::Null(n) => n.transfer_map(&sigma(n.beta()))?,
            };
            acc = p.compose(&acc);
        }
        Ok(acc)
    }
}
