//! Gauge fixing of the positive rescaling symmetry of ReLU, leaky-ReLU and linear networks
//! (`proofs/certify.md` §5).
//!
//! A piecewise-linear σ with its kink at 0 is positively homogeneous, σ(cx) = c·σ(x) for c > 0,
//! so scaling hidden neuron j's incoming weights and bias by c and its outgoing weights by 1/c
//! leaves R_S unchanged. Every critical point then lies on a family of critical points, one
//! dimension per hidden neuron, the Hessian has those directions in its kernel, and no box holds
//! exactly one critical point. The gauge fixes, for each hidden neuron, one incoming coordinate
//! (its largest in absolute value) at its value in θ̃; Newton and Krawczyk's test run on the
//! other coordinates. A zero of those partial derivatives is a critical point: Euler's identity
//! for neuron j, Σ_{i ∈ in(j)} θ_i ∂_iR − Σ_{o ∈ out(j)} θ_o ∂_oR = 0, taken from the last hidden
//! layer down, gives ∂R = 0 at j's fixed coordinate (its value is not 0). The inertia there is
//! the inertia of the principal submatrix on the free coordinates plus one zero per fixed
//! coordinate (Sylvester, in a basis of the free coordinates and the rescaling directions).

use crate::activation::ExactActivation;
use crate::linalg::Matrix;
use crate::net::{ParamSite, Params};
use crate::scalar::{Field, Ring, Q};

/// The coordinates held fixed (flat indices, contract order, 0-based, increasing); empty when σ
/// has no rescaling symmetry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gauge {
    fixed: Vec<usize>,
}

impl Gauge {
    /// No coordinate fixed.
    pub fn none() -> Gauge {
        Gauge::default()
    }

    /// The rescaling gauge of `params` when σ is positively homogeneous (ReLU, leaky ReLU, the
    /// identity): for each hidden neuron its incoming coordinate (weight or bias) of largest
    /// absolute value, the first on ties; neurons whose incoming coordinates are all 0 are left
    /// free. [`Gauge::none`] for any other σ.
    pub fn rescaling(params: &Params<Q>, act: &ExactActivation) -> Gauge {
        if !matches!(act, ExactActivation::Piecewise(_)) {
            return Gauge::none();
        }
        let mut fixed = Vec::new();
        for l in 1..params.depth() {
            let layer = params.layer(l);
            for j in 0..layer.width() {
                let mut best: Option<(usize, Q)> = None;
                let incoming = (0..layer.fan_in()).map(|c| (params.weight_index(l, j, c), layer.weight.get(j, c)));
                let bias = layer.bias.as_ref().map(|b| (params.bias_index(l, j).expect("a bias"), &b[j]));
                for (k, v) in incoming.chain(bias) {
                    let a = v.abs();
                    if !a.is_zero() && best.as_ref().is_none_or(|(_, b)| a > *b) {
                        best = Some((k, a));
                    }
                }
                fixed.extend(best.map(|(k, _)| k));
            }
        }
        fixed.sort_unstable();
        Gauge { fixed }
    }

    /// The gauge fixing `fixed` (0-based flat indices), checked to be sound for `params`: σ is
    /// positively homogeneous, each index is an incoming weight or bias of a hidden neuron, at
    /// most one per neuron, and its value is not 0.
    ///
    /// # Errors
    /// Why the gauge is not sound (1-based indices in the message).
    pub fn checked(params: &Params<Q>, act: &ExactActivation, fixed: &[usize]) -> Result<Gauge, GaugeError> {
        if fixed.is_empty() {
            return Ok(Gauge::none());
        }
        if !matches!(act, ExactActivation::Piecewise(_)) {
            return Err(GaugeError::NotHomogeneous(Box::new(act.clone())));
        }
        let flat = params.flatten();
        let mut neurons = Vec::new();
        for &k in fixed {
            let neuron = match params.locate(k) {
                Some(ParamSite::Weight { layer, row, .. } | ParamSite::Bias { layer, row })
                    if layer < params.depth() =>
                {
                    (layer, row)
                }
                Some(site) => return Err(GaugeError::NotIncoming { index: k + 1, site }),
                None => return Err(GaugeError::PastTheEnd { index: k + 1, params: flat.len() }),
            };
            if neurons.contains(&neuron) {
                return Err(GaugeError::Twice { index: k + 1, layer: neuron.0, neuron: neuron.1 });
            }
            if flat[k].is_zero() {
                return Err(GaugeError::Zero { index: k + 1 });
            }
            neurons.push(neuron);
        }
        let mut fixed = fixed.to_vec();
        fixed.sort_unstable();
        Ok(Gauge { fixed })
    }

    /// The fixed coordinates (0-based, increasing).
    pub fn fixed(&self) -> &[usize] {
        &self.fixed
    }

    /// How many coordinates are fixed (the dimension of the rescaling family they remove).
    pub fn len(&self) -> usize {
        self.fixed.len()
    }

    /// Whether nothing is fixed.
    pub fn is_empty(&self) -> bool {
        self.fixed.is_empty()
    }

    /// Whether coordinate `k` (0-based) is fixed.
    pub fn is_fixed(&self, k: usize) -> bool {
        self.fixed.binary_search(&k).is_ok()
    }

    /// The free coordinates among `0..m`, increasing.
    pub fn free(&self, m: usize) -> Vec<usize> {
        (0..m).filter(|&k| !self.is_fixed(k)).collect()
    }
}

/// The entries of `v` at `idx`.
pub(super) fn restrict<T: Clone>(v: &[T], idx: &[usize]) -> Vec<T> {
    idx.iter().map(|&k| v[k].clone()).collect()
}

/// The principal submatrix of `h` on `idx`.
pub(super) fn restrict_matrix<T: Field>(h: &Matrix<T>, idx: &[usize]) -> Matrix<T> {
    let n = idx.len();
    let mut data = Vec::with_capacity(n * n);
    for &i in idx {
        data.extend(idx.iter().map(|&j| h.get(i, j).clone()));
    }
    Matrix::from_vec(n, n, data)
}

/// Why a stored gauge is not sound ([`Gauge::checked`]); indices 1-based.
#[derive(Clone, Debug, PartialEq)]
pub enum GaugeError {
    /// σ is not positively homogeneous, so rescaling is no symmetry.
    NotHomogeneous(Box<ExactActivation>),
    /// The index is not an incoming weight or bias of a hidden neuron.
    NotIncoming {
        /// The index.
        index: usize,
        /// The parameter it names.
        site: ParamSite,
    },
    /// The index is past the last parameter.
    PastTheEnd {
        /// The index.
        index: usize,
        /// M.
        params: usize,
    },
    /// A second coordinate of a neuron already fixed.
    Twice {
        /// The index.
        index: usize,
        /// The neuron's layer.
        layer: usize,
        /// The neuron.
        neuron: usize,
    },
    /// The fixed coordinate is 0 (Euler's identity divides by it).
    Zero {
        /// The index.
        index: usize,
    },
}

impl std::fmt::Display for GaugeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GaugeError::NotHomogeneous(act) => {
                write!(f, "a gauge needs a positively homogeneous σ (relu, leaky_relu, identity), not {act}")
            }
            GaugeError::NotIncoming { index, site } => {
                write!(f, "index {index} ({site}) is not an incoming coordinate of a hidden neuron")
            }
            GaugeError::PastTheEnd { index, params } => write!(f, "index {index} is past the {params} parameters"),
            GaugeError::Twice { index, layer, neuron } => {
                write!(f, "index {index}: layer {layer} neuron {neuron} is fixed twice")
            }
            GaugeError::Zero { index } => {
                write!(f, "index {index}: a fixed coordinate must not be 0 (Euler's identity divides by it)")
            }
        }
    }
}

impl std::error::Error for GaugeError {}
