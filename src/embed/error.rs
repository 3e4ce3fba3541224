//! Errors of the embedding operators: a bad layer or neuron index, or an operator that does not
//! apply to this architecture. Every message names the argument and its valid range.

use std::fmt;

/// Why an embedding operator could not be built or applied.
///
/// Indices in messages are printed in the papers' 1-based numbering (layers l = 1 … L−1,
/// neurons s = 1 … m_l), which is also what the command line takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmbedError {
    /// Width embeddings act on hidden layers 1 … L−1; the network has L = `depth` layers.
    Layer {
        /// The layer asked for (1-based).
        layer: usize,
        /// L.
        depth: usize,
    },
    /// Neuron index out of range for hidden layer `layer`.
    Neuron {
        /// The layer (1-based).
        layer: usize,
        /// The neuron asked for (1-based).
        neuron: usize,
        /// m_l: valid neurons are 1 … m_l.
        width: usize,
    },
    /// The operator needs a bias in this layer and the layer has none.
    NoBias {
        /// The layer (1-based).
        layer: usize,
        /// What needed the bias.
        why: &'static str,
    },
    /// The parameters do not have the shape the operator was built for.
    Shape {
        /// What was expected and found.
        what: String,
    },
    /// A constructed object violates its invariant or a stated hypothesis.
    Invalid {
        /// Which condition failed and where.
        what: String,
    },
}

impl fmt::Display for EmbedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbedError::Layer { layer, depth } if *depth < 2 => {
                write!(f, "layer {layer}: a width embedding needs a hidden layer, but the network has L = {depth} layer (no hidden layers)")
            }
            EmbedError::Layer { layer, depth } => {
                write!(f, "layer {layer} is not a hidden layer: valid layers are 1 … {} (L = {depth})", depth - 1)
            }
            EmbedError::Neuron { layer, neuron, width } => {
                write!(f, "layer {layer}, neuron {neuron}: out of range, valid neurons are 1 … {width}")
            }
            EmbedError::NoBias { layer, why } => write!(f, "layer {layer} has no bias, which {why} needs"),
            EmbedError::Shape { what } => write!(f, "shape mismatch: {what}"),
            EmbedError::Invalid { what } => write!(f, "invalid embedding: {what}"),
        }
    }
}

impl std::error::Error for EmbedError {}
