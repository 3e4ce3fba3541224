//! The architecture of a network without its values: widths (m_0, …, m_L) and which layers
//! carry a bias. Flat indices follow the contract's parameter order (`interface.md`): layer 1 to
//! L; inside a layer the weight matrix row by row, then the bias.

use super::EmbedError;
use crate::linalg::Matrix;
use crate::net::{Layer, Params};
use crate::scalar::Field;

/// Widths (m_0, …, m_L) and, per layer l = 1 … L, whether b^\[l\] exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    widths: Vec<usize>,
    bias: Vec<bool>,
}

impl Shape {
    /// The shape of `params`.
    pub fn of<S: Field>(params: &Params<S>) -> Shape {
        Shape { widths: params.widths(), bias: params.layers().iter().map(|l| l.bias.is_some()).collect() }
    }

    /// A shape with a bias in every layer.
    ///
    /// # Errors
    /// [`EmbedError::Shape`] if fewer than two widths are given or a width is 0.
    pub fn with_biases(widths: &[usize]) -> Result<Shape, EmbedError> {
        if widths.len() < 2 || widths.contains(&0) {
            return Err(EmbedError::Shape { what: format!("widths {widths:?}: need at least two, all ≥ 1") });
        }
        Ok(Shape { widths: widths.to_vec(), bias: vec![true; widths.len() - 1] })
    }

    /// Widths (m_0, …, m_L).
    pub fn widths(&self) -> &[usize] {
        &self.widths
    }

    /// L.
    pub fn depth(&self) -> usize {
        self.widths.len() - 1
    }

    /// Whether layer l (1-based) has a bias.
    pub fn has_bias(&self, l: usize) -> bool {
        self.bias[l - 1]
    }

    /// Number of parameters of layer l (1-based).
    pub fn layer_params(&self, l: usize) -> usize {
        self.widths[l] * self.widths[l - 1] + if self.bias[l - 1] { self.widths[l] } else { 0 }
    }

    /// M: the number of parameters.
    pub fn num_params(&self) -> usize {
        (1..=self.depth()).map(|l| self.layer_params(l)).sum()
    }

    /// Flat index where layer l (1-based) starts.
    pub fn offset(&self, l: usize) -> usize {
        (1..l).map(|k| self.layer_params(k)).sum()
    }

    /// Flat index of W^\[l\]_{ij} (l 1-based, i and j 0-based).
    pub fn weight_index(&self, l: usize, i: usize, j: usize) -> usize {
        self.offset(l) + i * self.widths[l - 1] + j
    }

    /// Flat index of b^\[l\]_i (l 1-based, i 0-based), `None` for a bias-free layer.
    pub fn bias_index(&self, l: usize, i: usize) -> Option<usize> {
        self.bias[l - 1].then(|| self.offset(l) + self.widths[l] * self.widths[l - 1] + i)
    }

    /// The same architecture with one more neuron (appended last) in hidden layer l.
    pub fn widened(&self, l: usize) -> Shape {
        let mut s = self.clone();
        s.widths[l] += 1;
        s
    }

    /// Zero parameters of this shape.
    pub fn zeros<S: Field>(&self) -> Params<S> {
        let layers = (1..=self.depth())
            .map(|l| Layer {
                weight: Matrix::zeros(self.widths[l], self.widths[l - 1]),
                bias: self.bias[l - 1].then(|| vec![S::zero(); self.widths[l]]),
            })
            .collect();
        Params::new(layers).expect("a Shape has chaining widths ≥ 1")
    }

    /// Parameters of this (wider) shape that hold `narrow` in the leading rows and columns of
    /// every layer and zeros in the appended neurons' rows, columns and bias entries: the common
    /// start of every one-step embedding (new neurons are appended last).
    ///
    /// # Panics
    /// If `narrow` has a layer wider than this shape (an internal invariant of the embeddings).
    pub fn embed_leading<S: Field>(&self, narrow: &Params<S>) -> Params<S> {
        let mut out = self.zeros::<S>();
        for k in 1..=narrow.depth() {
            let (src, dst) = (narrow.layer(k), out.layer_mut(k));
            for i in 0..src.width() {
                for j in 0..src.fan_in() {
                    dst.weight.set(i, j, src.weight.get(i, j).clone());
                }
            }
            if let (Some(b), Some(bd)) = (&src.bias, dst.bias.as_mut()) {
                bd[..b.len()].clone_from_slice(b);
            }
        }
        out
    }

    /// Parameters of this shape with values from a flat vector.
    ///
    /// # Panics
    /// If `flat.len() != M` (an internal invariant).
    pub fn params<S: Field>(&self, flat: &[S]) -> Params<S> {
        self.zeros::<S>().with_flat(flat)
    }

    /// Checks that `l` is a hidden layer (1 … L−1) and `s` (0-based) a neuron of it.
    ///
    /// # Errors
    /// [`EmbedError::Layer`] or [`EmbedError::Neuron`], naming the valid range (1-based).
    pub fn check_neuron(&self, l: usize, s: usize) -> Result<(), EmbedError> {
        self.check_hidden_layer(l)?;
        if s >= self.widths[l] {
            return Err(EmbedError::Neuron { layer: l, neuron: s + 1, width: self.widths[l] });
        }
        Ok(())
    }

    /// Checks that `l` is a hidden layer (1 … L−1).
    ///
    /// # Errors
    /// [`EmbedError::Layer`] naming the valid range.
    pub fn check_hidden_layer(&self, l: usize) -> Result<(), EmbedError> {
        if l == 0 || l >= self.depth() {
            return Err(EmbedError::Layer { layer: l, depth: self.depth() });
        }
        Ok(())
    }

    /// Checks that `params` has this shape.
    ///
    /// # Errors
    /// [`EmbedError::Shape`] saying what differs.
    pub fn check_params<S: Field>(&self, params: &Params<S>) -> Result<(), EmbedError> {
        let found = Shape::of(params);
        if &found != self {
            return Err(EmbedError::Shape {
                what: format!("expected widths {:?}, found {:?} (or biases differ)", self.widths, found.widths),
            });
        }
        Ok(())
    }
}
