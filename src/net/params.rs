//! Parameters θ = (W^\[1\], b^\[1\], …, W^\[L\], b^\[L\]) and the network (σ, θ).
//!
//! Flat order (`interface.md`, "Parameter order"): layer 1 to L; inside a layer the weight matrix
//! row by row, then the bias. M = Σ_l m_l (m_{l−1} + 1) when every layer has a bias.

use super::ShapeError;
use crate::activation::Activation;
use crate::linalg::Matrix;
use crate::scalar::{Field, Ring};

/// One layer: W^\[l\] (m_l × m_{l−1}) and b^\[l\] (length m_l; `None` for a bias-free layer,
/// which then has no bias coordinates at all).
#[derive(Clone, Debug, PartialEq)]
pub struct Layer<S> {
    /// W^\[l\].
    pub weight: Matrix<S>,
    /// b^\[l\], or `None` for a bias-free layer.
    pub bias: Option<Vec<S>>,
}

impl<S: Field> Layer<S> {
    /// m_l: number of neurons (rows of W^\[l\]).
    pub fn width(&self) -> usize {
        self.weight.rows()
    }
    /// m_{l−1}: number of inputs (columns of W^\[l\]).
    pub fn fan_in(&self) -> usize {
        self.weight.cols()
    }
    /// Number of parameters of this layer.
    pub fn num_params(&self) -> usize {
        self.weight.rows() * self.weight.cols() + self.bias.as_ref().map_or(0, Vec::len)
    }
    /// Entrywise map into another field.
    pub fn map<T: Field>(&self, mut f: impl FnMut(&S) -> T) -> Layer<T> {
        Layer { weight: self.weight.map(&mut f), bias: self.bias.as_ref().map(|b| b.iter().map(&mut f).collect()) }
    }
}

/// The parameters of a network whose layer shapes chain (checked on construction).
#[derive(Clone, Debug, PartialEq)]
pub struct Params<S> {
    layers: Vec<Layer<S>>,
}

/// One parameter's place, 1-based as in the papers: W^\[layer\]_{row, column} or b^\[layer\]_row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamSite {
    /// An entry of a weight matrix.
    Weight {
        /// l.
        layer: usize,
        /// Row (output neuron).
        row: usize,
        /// Column (input neuron).
        column: usize,
    },
    /// An entry of a bias vector.
    Bias {
        /// l.
        layer: usize,
        /// Row (neuron).
        row: usize,
    },
}

impl std::fmt::Display for ParamSite {
    /// `layer 2 weight row 1 column 3 (torch `2.weight[0, 2]`, numpy `W2[0, 2]`)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            ParamSite::Weight { layer, row, column } => write!(
                f,
                "layer {layer} weight row {row} column {column} (torch `{}.weight[{}, {}]`, numpy `W{layer}[{}, {}]`)",
                2 * (layer - 1),
                row - 1,
                column - 1,
                row - 1,
                column - 1
            ),
            ParamSite::Bias { layer, row } => write!(
                f,
                "layer {layer} bias row {row} (torch `{}.bias[{}]`, numpy `b{layer}[{}]`)",
                2 * (layer - 1),
                row - 1,
                row - 1
            ),
        }
    }
}

impl<S: Field> Params<S> {
    /// Parameters from layers 1 … L.
    ///
    /// # Errors
    /// [`ShapeError`] naming the first layer whose shape does not chain.
    pub fn new(layers: Vec<Layer<S>>) -> Result<Params<S>, ShapeError> {
        if layers.is_empty() {
            return Err(ShapeError::NoLayers);
        }
        for (k, layer) in layers.iter().enumerate() {
            let l = k + 1;
            if layer.weight.rows() == 0 || layer.weight.cols() == 0 {
                return Err(ShapeError::EmptyLayer { layer: l });
            }
            if k > 0 && layer.weight.cols() != layers[k - 1].weight.rows() {
                return Err(ShapeError::Columns {
                    layer: l,
                    expected: layers[k - 1].weight.rows(),
                    found: layer.weight.cols(),
                });
            }
            if let Some(b) = &layer.bias {
                if b.len() != layer.weight.rows() {
                    return Err(ShapeError::Bias { layer: l, expected: layer.weight.rows(), found: b.len() });
                }
            }
        }
        Ok(Params { layers })
    }

    /// The invariant checked by [`Params::new`]: shapes chain and biases fit.
    pub fn is_valid(&self) -> bool {
        Params::new(self.layers.clone()).is_ok()
    }

    /// L: the number of layers (hidden layers plus the linear output layer).
    pub fn depth(&self) -> usize {
        self.layers.len()
    }

    /// Layer l (1-based, as in the papers): W^\[l\] and b^\[l\].
    ///
    /// # Panics
    /// If l is 0 or greater than L.
    pub fn layer(&self, l: usize) -> &Layer<S> {
        &self.layers[l - 1]
    }

    /// Mutable access to layer l (1-based). Changing shapes through it breaks the invariant;
    /// only values should be changed.
    ///
    /// # Panics
    /// If l is 0 or greater than L.
    pub fn layer_mut(&mut self, l: usize) -> &mut Layer<S> {
        &mut self.layers[l - 1]
    }

    /// Layers 1 … L in order.
    pub fn layers(&self) -> &[Layer<S>] {
        &self.layers
    }

    /// The layers, consumed.
    pub fn into_layers(self) -> Vec<Layer<S>> {
        self.layers
    }

    /// Widths (m_0, m_1, …, m_L).
    pub fn widths(&self) -> Vec<usize> {
        std::iter::once(self.layers[0].fan_in()).chain(self.layers.iter().map(Layer::width)).collect()
    }

    /// M: the number of parameters.
    pub fn num_params(&self) -> usize {
        self.layers.iter().map(Layer::num_params).sum()
    }

    /// Index in the flat vector where layer l (1-based) starts.
    pub fn offset(&self, l: usize) -> usize {
        self.layers[..l - 1].iter().map(Layer::num_params).sum()
    }

    /// Flat index of W^\[l\]_{ij} (l 1-based; i, j 0-based).
    pub fn weight_index(&self, l: usize, i: usize, j: usize) -> usize {
        self.offset(l) + i * self.layers[l - 1].fan_in() + j
    }

    /// Flat index of b^\[l\]_i (l 1-based; i 0-based), or `None` for a bias-free layer.
    pub fn bias_index(&self, l: usize, i: usize) -> Option<usize> {
        let layer = &self.layers[l - 1];
        layer.bias.as_ref().map(|_| self.offset(l) + layer.width() * layer.fan_in() + i)
    }

    /// Where flat index `k` (0-based, contract order) sits, or `None` past M.
    pub fn locate(&self, k: usize) -> Option<ParamSite> {
        let mut start = 0;
        for (l, layer) in self.layers.iter().enumerate() {
            let (w, n) = (layer.width() * layer.fan_in(), layer.num_params());
            if k < start + n {
                let r = k - start;
                return Some(if r < w {
                    ParamSite::Weight { layer: l + 1, row: r / layer.fan_in() + 1, column: r % layer.fan_in() + 1 }
                } else {
                    ParamSite::Bias { layer: l + 1, row: r - w + 1 }
                });
            }
            start += n;
        }
        None
    }

    /// θ as a flat vector in the contract's order.
    pub fn flatten(&self) -> Vec<S> {
        let mut out = Vec::with_capacity(self.num_params());
        out.extend(self.values().cloned());
        out
    }

    /// The entries of θ by reference, in the contract's order (as [`Params::flatten`], without
    /// copying them).
    pub fn values(&self) -> impl Iterator<Item = &S> {
        self.layers.iter().flat_map(|layer| layer.weight.data().iter().chain(layer.bias.iter().flatten()))
    }

    /// Parameters of the same shape as `self` with values from a flat vector.
    ///
    /// # Panics
    /// If `flat.len() != self.num_params()`.
    pub fn with_flat(&self, flat: &[S]) -> Params<S> {
        assert_eq!(flat.len(), self.num_params(), "flat vector of the wrong length");
        let mut it = flat.iter().cloned();
        let layers = self
            .layers
            .iter()
            .map(|layer| {
                let (r, c) = (layer.width(), layer.fan_in());
                let weight = Matrix::from_vec(r, c, it.by_ref().take(r * c).collect());
                let bias = layer.bias.as_ref().map(|_| it.by_ref().take(r).collect());
                Layer { weight, bias }
            })
            .collect();
        Params { layers }
    }

    /// Zero parameters of the same shape.
    pub fn zeros_like(&self) -> Params<S> {
        self.map(|_| S::zero())
    }

    /// Entrywise map into another field (shapes are kept, so the invariant holds).
    pub fn map<T: Field>(&self, mut f: impl FnMut(&S) -> T) -> Params<T> {
        Params { layers: self.layers.iter().map(|l| l.map(&mut f)).collect() }
    }

    /// Whether every parameter is zero.
    pub fn is_zero(&self) -> bool {
        self.values().all(Ring::is_zero)
    }
}

/// A network: one activation σ for all hidden layers and parameters θ.
#[derive(Clone, Debug, PartialEq)]
pub struct Network<S> {
    /// σ, shared by the hidden layers; the output layer is linear.
    pub activation: Activation,
    /// θ.
    pub params: Params<S>,
}

impl<S: Field> Network<S> {
    /// Entrywise map of the parameters into another field.
    pub fn map<T: Field>(&self, f: impl FnMut(&S) -> T) -> Network<T> {
        Network { activation: self.activation.clone(), params: self.params.map(f) }
    }
}

/// The widths data must match: (m_0, m_L).
impl<S: Field> crate::data::Ends for Params<S> {
    fn ends(&self) -> (usize, usize) {
        (self.layers[0].fan_in(), self.layers[self.layers.len() - 1].width())
    }
}
