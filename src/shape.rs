//! Shapes of networks and data sets: the error when a network's layers do not chain or a data
//! set does not fit the network (places 1-based, as in the papers). Below both `net` and `data`,
//! which report it (`net::ShapeError` is this type).

use std::fmt;

/// Parameters whose shapes do not chain, or data that does not fit the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShapeError {
    /// The network has no layers.
    NoLayers,
    /// A layer with zero rows or zero columns.
    EmptyLayer {
        /// Layer, 1-based.
        layer: usize,
    },
    /// W^\[l\] has `found` columns but layer l−1 has `expected` neurons.
    Columns {
        /// Layer, 1-based.
        layer: usize,
        /// m_{l−1}.
        expected: usize,
        /// Columns of W^\[l\].
        found: usize,
    },
    /// b^\[l\] has `found` entries but W^\[l\] has `expected` rows.
    Bias {
        /// Layer, 1-based.
        layer: usize,
        /// m_l.
        expected: usize,
        /// Length of b^\[l\].
        found: usize,
    },
    /// An input of the wrong length.
    Input {
        /// Sample, 1-based.
        sample: usize,
        /// m_0.
        expected: usize,
        /// Length found.
        found: usize,
    },
    /// A target of the wrong length.
    Target {
        /// Sample, 1-based.
        sample: usize,
        /// m_L.
        expected: usize,
        /// Length found.
        found: usize,
    },
    /// Inputs and targets have different numbers of samples.
    SampleCount {
        /// Number of inputs.
        inputs: usize,
        /// Number of targets.
        targets: usize,
    },
    /// A data set without samples (the loss averages over n ≥ 1 samples).
    NoSamples,
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::NoLayers => write!(f, "the network has no layers (need L ≥ 1)"),
            ShapeError::EmptyLayer { layer } => write!(f, "layer {layer}: weight matrix has no rows or no columns"),
            ShapeError::Columns { layer, expected, found } => {
                write!(f, "layer {layer}: weight has {found} columns but the previous layer has {expected} neurons")
            }
            ShapeError::Bias { layer, expected, found } => {
                write!(f, "layer {layer}: bias has {found} entries but the weight has {expected} rows")
            }
            ShapeError::Input { sample, expected, found } => {
                write!(f, "sample {sample}: input has length {found}, the network expects m_0 = {expected}")
            }
            ShapeError::Target { sample, expected, found } => {
                write!(f, "sample {sample}: target has length {found}, the network outputs m_L = {expected}")
            }
            ShapeError::SampleCount { inputs, targets } => {
                write!(f, "{inputs} inputs but {targets} targets")
            }
            ShapeError::NoSamples => write!(f, "the data set has no samples"),
        }
    }
}

impl std::error::Error for ShapeError {}
