//! The two-layer bias-free scalar-output network of Şimşek et al. (ICML 2021), spec A.1:
//! f(x; θ) = Σ_{j=1}^{m} a_j σ(w_j · x), θ = (w_1, …, w_m, a_1, …, a_m), w_j ∈ Q^d, a_j ∈ Q.
//!
//! As [`Params`] it is two bias-free layers: W^\[1\] (m × d) has rows w_j and W^\[2\] (1 × m) is
//! (a_1, …, a_m). The flat parameter order of the contract is then exactly (w_1, …, w_m, a), the
//! order of spec A.7.

use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::loss::ExactLoss;
use crate::net::{evaluate_with, EvalError, Layer, Params};
use crate::rng::Rng;
use crate::scalar::{Ring, Q};

/// θ of a two-layer bias-free network: incoming vectors `w[j]` and output weights `a[j]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Shallow {
    /// w_j ∈ Q^d, one per hidden neuron.
    pub w: Vec<Vec<Q>>,
    /// a_j ∈ Q, one per hidden neuron.
    pub a: Vec<Q>,
}

impl Shallow {
    /// m: the hidden width.
    pub fn width(&self) -> usize {
        self.a.len()
    }

    /// d: the input dimension.
    pub fn input_dim(&self) -> usize {
        self.w.first().map_or(0, Vec::len)
    }

    /// The invariant: m ≥ 1, as many w_j as a_j, all of the same length d ≥ 1.
    pub fn is_valid(&self) -> bool {
        let d = self.input_dim();
        !self.a.is_empty() && self.w.len() == self.a.len() && d >= 1 && self.w.iter().all(|v| v.len() == d)
    }

    /// From the flat vector (w_1, …, w_m, a_1, …, a_m) of length m(d+1).
    ///
    /// # Panics
    /// If the length is not m(d+1).
    pub fn from_flat(flat: &[Q], m: usize, d: usize) -> Shallow {
        assert_eq!(flat.len(), m * (d + 1), "flat θ of the wrong length");
        Shallow { w: flat[..m * d].chunks(d).map(<[Q]>::to_vec).collect(), a: flat[m * d..].to_vec() }
    }

    /// The flat vector (w_1, …, w_m, a_1, …, a_m).
    pub fn flatten(&self) -> Vec<Q> {
        self.w.iter().flatten().chain(&self.a).cloned().collect()
    }

    /// The same network as [`Params`] with two bias-free layers.
    ///
    /// # Panics
    /// If [`Shallow::is_valid`] fails (an internal invariant).
    pub fn to_params(&self) -> Params<Q> {
        assert!(self.is_valid(), "Shallow: ragged or empty parameters");
        let (m, d) = (self.width(), self.input_dim());
        Params::new(vec![
            Layer { weight: Matrix::from_rows(self.w.clone(), d), bias: None },
            Layer { weight: Matrix::from_rows(vec![self.a.clone()], m), bias: None },
        ])
        .expect("shapes chain by construction")
    }

    /// Reads back the two layers of a gradient (or any θ-shaped [`Params`]) produced from
    /// [`Shallow::to_params`].
    pub fn from_params(p: &Params<Q>) -> Shallow {
        Shallow { w: p.layer(1).weight.to_rows(), a: p.layer(2).weight.row(0).to_vec() }
    }

    /// The network with one more neuron (w, a) appended.
    pub fn with_neuron(&self, w: Vec<Q>, a: Q) -> Shallow {
        let mut out = self.clone();
        out.w.push(w);
        out.a.push(a);
        out
    }

    /// f(x) = Σ_j a_j σ(w_j · x) at each input of `data`, the loss R_S and ∇R_S (½-MSE,
    /// `interface.md`), through the core's exact reverse mode.
    ///
    /// # Errors
    /// [`EvalError`] if `data` does not fit or σ has a pole.
    pub fn evaluate(&self, sigma: &ExactActivation, data: &Dataset<Q>) -> Result<ShallowEval, EvalError> {
        self.evaluate_with(sigma, &ExactLoss::Mse, data)
    }

    /// As [`Shallow::evaluate`], for the loss ℓ (R_S = (1/n) Σ ℓ(f(x_μ), y_μ)).
    ///
    /// # Errors
    /// As [`Shallow::evaluate`].
    pub fn evaluate_with(
        &self,
        sigma: &ExactActivation,
        ell: &ExactLoss,
        data: &Dataset<Q>,
    ) -> Result<ShallowEval, EvalError> {
        let e = evaluate_with(&self.to_params(), sigma, ell, data)?;
        Ok(ShallowEval {
            outputs: e.outputs.into_iter().map(|o| o[0].clone()).collect(),
            loss: e.loss,
            gradient: Shallow::from_params(&e.gradient),
        })
    }

    /// A random network of width m on Q^d with small nonzero rationals (heights ≤ `h`), distinct
    /// nonzero w_j and nonzero a_j (the irreducibility of spec A.1, up to linear independence).
    pub fn random_irreducible(rng: &mut Rng, m: usize, d: usize, h: i64) -> Shallow {
        loop {
            let w: Vec<Vec<Q>> = (0..m).map(|_| (0..d).map(|_| rng.small_q(h, h)).collect()).collect();
            let a = (0..m).map(|_| rng.small_nonzero_q(h, h)).collect();
            let nonzero = w.iter().all(|v| v.iter().any(|x| !x.is_zero()));
            let distinct = (0..m).all(|i| (0..i).all(|k| w[i] != w[k]));
            if nonzero && distinct {
                return Shallow { w, a };
            }
        }
    }
}

/// Outputs, loss and gradient of a [`Shallow`] network, the gradient shaped like θ.
#[derive(Clone, Debug, PartialEq)]
pub struct ShallowEval {
    /// f(x_μ) for each sample.
    pub outputs: Vec<Q>,
    /// R_S(θ).
    pub loss: Q,
    /// (∂R_S/∂w_j, ∂R_S/∂a_j).
    pub gradient: Shallow,
}

impl ShallowEval {
    /// Whether the gradient is exactly zero.
    pub fn is_critical(&self) -> bool {
        self.gradient.flatten().iter().all(Q::is_zero)
    }
}

/// n random inputs in Q^d with heights ≤ `h`.
pub fn random_inputs(rng: &mut Rng, n: usize, d: usize, h: i64) -> Vec<Vec<Q>> {
    (0..n).map(|_| (0..d).map(|_| rng.small_nonzero_q(h, h)).collect()).collect()
}

/// The data set (x_μ, f(x_μ; teacher)): zero loss exactly when a student reproduces the teacher
/// on these inputs.
///
/// # Errors
/// [`EvalError`] if σ has a pole at a teacher pre-activation.
pub fn teacher_data(teacher: &Shallow, sigma: &ExactActivation, inputs: Vec<Vec<Q>>) -> Result<Dataset<Q>, EvalError> {
    let placeholder = vec![vec![Q::zero()]; inputs.len()];
    let data = Dataset::new(inputs, placeholder)?;
    let out = teacher.evaluate(sigma, &data)?.outputs;
    Ok(data.with_targets(out.into_iter().map(|y| vec![y]).collect())?)
}
