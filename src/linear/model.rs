//! The deep linear model with stochastic neurons and weight decay (Ziyin, Li, Meng 2022, eq. 1;
//! spec symmetry-linear B.1) and its exact noise-averaged loss.
//!
//! Notation (the paper's): input x ∈ R^{d_0}, scalar target y, D hidden layers of widths
//! d_1, …, d_D, weights W_l ∈ R^{d_l × d_{l−1}} and output weights U ∈ R^{d_D}. Every hidden
//! unit's output is multiplied by an independent noise ε with E\[ε\] = 1, Var\[ε\] = s²:
//!
//!   f(x) = Uᵀ E_D W_D ⋯ E_1 W_1 x,   E_l = diag(ε_l),
//!   L = E_x E_ε (f(x) − y)² + γ_u ‖U‖² + Σ_l γ_l ‖W_l‖_F²   (no ½, and γ‖·‖², not γ/2).
//!
//! Exact noise average [spec B.1, derived and checked against enumeration in
//! `tests/linear/model.rs`]: with A = E\[xxᵀ\], m = E\[xy\],
//!
//!   L = Uᵀ C_D U − 2 Uᵀ W_D ⋯ W_1 m + E\[y²\] + regulariser,
//!   C_0 = A,  C_l = (W_l C_{l−1} W_lᵀ) ∘ (11ᵀ + s² I).
//!
//! Parameters are held as a bias-free [`Params`] with layers W_1, …, W_D and, last, Uᵀ as a
//! 1 × d_D matrix, so the flat order is that of the interface contract without biases:
//! W_1 row by row, …, W_D row by row, then U.

use crate::data::Dataset;
use crate::linalg::{dot, Matrix};
use crate::net::{Layer, Params};
use crate::scalar::{Field, Ring, Q};
use std::fmt;

/// Why a deep linear problem cannot be set up or analysed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinearError {
    /// The architecture or data do not have the required shape; the message says where.
    Shape(String),
    /// A hyperparameter is out of range (γ ≤ 0 or s² < 0); the message names it.
    Hyperparameter(String),
    /// The exact construction needs a square root that is not rational (a width that is not a
    /// perfect square with s² > 0, or unequal decays whose balance factors are irrational).
    Irrational(String),
}

impl fmt::Display for LinearError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinearError::Shape(s) => write!(f, "shape: {s}"),
            LinearError::Hyperparameter(s) => write!(f, "hyperparameter: {s}"),
            LinearError::Irrational(s) => write!(f, "not exactly representable: {s}"),
        }
    }
}

impl std::error::Error for LinearError {}

/// The architecture and regularisation: widths (d_0, d_1, …, d_D), noise variance s², decays.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearModel {
    widths: Vec<usize>,
    s2: Q,
    gamma_u: Q,
    gammas: Vec<Q>,
}

impl LinearModel {
    /// Widths (d_0, …, d_D) with D ≥ 1, noise variance s², output decay γ_u and layer decays
    /// γ_1, …, γ_D.
    ///
    /// # Errors
    /// [`LinearError::Shape`] for D = 0, a zero width or a wrong number of decays;
    /// [`LinearError::Hyperparameter`] for a decay ≤ 0 or s² < 0.
    pub fn new(widths: Vec<usize>, s2: Q, gamma_u: Q, gammas: Vec<Q>) -> Result<LinearModel, LinearError> {
        if widths.len() < 2 {
            return Err(LinearError::Shape(format!(
                "need widths d_0, d_1, …, d_D with D ≥ 1 hidden layers, got {} width(s)",
                widths.len()
            )));
        }
        if let Some(l) = widths.iter().position(|&d| d == 0) {
            return Err(LinearError::Shape(format!("width d_{l} is zero")));
        }
        if gammas.len() != widths.len() - 1 {
            return Err(LinearError::Shape(format!(
                "{} hidden layers need {} layer decays γ_1…γ_D, got {}",
                widths.len() - 1,
                widths.len() - 1,
                gammas.len()
            )));
        }
        if s2.signum() < 0 {
            return Err(LinearError::Hyperparameter(format!("s² = {s2} is negative")));
        }
        if gamma_u.signum() <= 0 {
            return Err(LinearError::Hyperparameter(format!("γ_u = {gamma_u} is not positive")));
        }
        if let Some(l) = gammas.iter().position(|g| g.signum() <= 0) {
            return Err(LinearError::Hyperparameter(format!("γ_{} = {} is not positive", l + 1, gammas[l])));
        }
        Ok(LinearModel { widths, s2, gamma_u, gammas })
    }
    /// The same decay γ on every layer and on U.
    ///
    /// # Errors
    /// As [`LinearModel::new`].
    pub fn equal_decay(widths: Vec<usize>, s2: Q, gamma: Q) -> Result<LinearModel, LinearError> {
        let d = widths.len().saturating_sub(1);
        LinearModel::new(widths, s2, gamma.clone(), vec![gamma; d])
    }
    /// The invariant checked by [`LinearModel::new`].
    pub fn is_valid(&self) -> bool {
        LinearModel::new(self.widths.clone(), self.s2.clone(), self.gamma_u.clone(), self.gammas.clone()).is_ok()
    }
    /// D: the number of hidden layers.
    pub fn depth(&self) -> usize {
        self.widths.len() - 1
    }
    /// (d_0, d_1, …, d_D).
    pub fn widths(&self) -> &[usize] {
        &self.widths
    }
    /// s², the variance of each neuron's noise.
    pub fn s2(&self) -> &Q {
        &self.s2
    }
    /// γ_u, the decay on U.
    pub fn gamma_u(&self) -> &Q {
        &self.gamma_u
    }
    /// (γ_1, …, γ_D), the decays on W_1, …, W_D.
    pub fn gammas(&self) -> &[Q] {
        &self.gammas
    }
    /// Whether γ_u = γ_1 = … = γ_D.
    pub fn has_equal_decays(&self) -> bool {
        self.gammas.iter().all(|g| g == &self.gamma_u)
    }
    /// k = Π_{l=1}^{D} (1 + s²/d_l): the noise factor of a balanced rank-one point whose hidden
    /// directions have entries ±1/√d_l (spec B.2 item 2; B.7: not (1 + s²)^D).
    pub fn noise_factor(&self) -> Q {
        self.widths[1..].iter().fold(Q::one(), |k, &d| k.mul(&Q::one().add(&self.s2.mul(&Q::new(1, d as i64)))))
    }
    /// M = Σ_l d_l d_{l−1} + d_D: the number of parameters.
    pub fn num_params(&self) -> usize {
        self.widths.windows(2).map(|w| w[0] * w[1]).sum::<usize>() + self.widths[self.depth()]
    }
    /// The zero parameters θ = 0 (the origin), with the shapes of this model.
    pub fn zero_params<S: Field>(&self) -> Params<S> {
        let mut layers: Vec<Layer<S>> =
            self.widths.windows(2).map(|w| Layer { weight: Matrix::zeros(w[1], w[0]), bias: None }).collect();
        layers.push(Layer { weight: Matrix::zeros(1, self.widths[self.depth()]), bias: None });
        Params::new(layers).expect("widths chain by construction")
    }
    /// Whether `params` has this model's shapes (bias-free W_1, …, W_D, then Uᵀ).
    pub fn fits(&self, params: &Params<impl Field>) -> bool {
        let mut w = self.widths.clone();
        w.push(1);
        params.widths() == w && params.layers().iter().all(|l| l.bias.is_none())
    }
}

/// The data moments the loss depends on: A = E\[xxᵀ\], m = E\[xy\], E\[y²\] (spec B.1).
#[derive(Clone, Debug, PartialEq)]
pub struct Moments {
    /// A = E\[xxᵀ\] (d_0 × d_0, symmetric positive semidefinite).
    pub a: Matrix<Q>,
    /// m = E\[xy\].
    pub m: Vec<Q>,
    /// E\[y²\].
    pub eyy: Q,
}

impl Moments {
    /// The moments of a finite training set: A = (1/n) Σ x_i x_iᵀ, m = (1/n) Σ x_i y_i,
    /// E\[y²\] = (1/n) Σ y_i² (E_x is the average over the training set).
    ///
    /// # Errors
    /// [`LinearError::Shape`] if some target is not a scalar (the model has one output).
    pub fn from_data(data: &Dataset<Q>) -> Result<Moments, LinearError> {
        let d0 = data.inputs()[0].len();
        let n = Q::new(1, data.len() as i64);
        let mut a: Matrix<Q> = Matrix::zeros(d0, d0);
        let mut m = vec![Q::zero(); d0];
        let mut eyy = Q::zero();
        for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
            if y.len() != 1 {
                return Err(LinearError::Shape(format!(
                    "sample {}: the deep linear model has one output, the target has length {}",
                    i + 1,
                    y.len()
                )));
            }
            let y = &y[0];
            for r in 0..d0 {
                m[r].add_assign(&x[r].mul(y).mul(&n));
                for c in 0..d0 {
                    a.get_mut(r, c).add_assign(&x[r].mul(&x[c]).mul(&n));
                }
            }
            eyy.add_assign(&y.mul(y).mul(&n));
        }
        Ok(Moments { a, m, eyy })
    }
    /// A = a·I with the given m and E\[y²\] (the isotropic case of spec B.3).
    pub fn isotropic(a: Q, m: Vec<Q>, eyy: Q) -> Moments {
        let d0 = m.len();
        let mut mat = Matrix::zeros(d0, d0);
        for i in 0..d0 {
            mat.set(i, i, a.clone());
        }
        Moments { a: mat, m, eyy }
    }
    /// d_0.
    pub fn dim(&self) -> usize {
        self.m.len()
    }
    /// ‖m‖² = ‖E\[xy\]‖² (μ² in the spec).
    pub fn mu2(&self) -> Q {
        dot(&self.m, &self.m)
    }
    /// If A = a·I, returns a.
    pub fn isotropic_scale(&self) -> Option<Q> {
        let a = self.a.get(0, 0).clone();
        let n = self.dim();
        (0..n).all(|i| (0..n).all(|j| self.a.get(i, j) == &if i == j { a.clone() } else { Q::zero() })).then_some(a)
    }
}

/// The paper's loss L(θ) (spec B.1), exactly noise-averaged through the C_l recursion, in any
/// field (Q, Q(α), duals over them for derivatives).
///
/// # Panics
/// If `params` does not fit the model or `moments` has the wrong dimension (internal invariants;
/// callers check [`LinearModel::fits`]).
pub fn loss<S: Field>(model: &LinearModel, moments: &Moments, params: &Params<S>) -> S {
    assert!(model.fits(params) && moments.dim() == model.widths[0], "linear loss: shapes do not fit");
    let d = model.depth();
    let noise = S::one().add(&S::from_q(&model.s2));
    let mut c: Matrix<S> = moments.a.map(S::from_q);
    let mut pm: Vec<S> = moments.m.iter().map(S::from_q).collect();
    for l in 1..=d {
        let w = &params.layer(l).weight;
        c = w.mul(&c).mul(&w.transpose());
        for i in 0..c.rows() {
            let v = c.get(i, i).mul(&noise);
            c.set(i, i, v);
        }
        pm = w.mul_vec(&pm);
    }
    let u = params.layer(d + 1).weight.row(0).to_vec();
    let data = dot(&u, &c.mul_vec(&u)).sub(&dot(&u, &pm).scale_i64(2)).add(&S::from_q(&moments.eyy));
    let sq = |m: &Matrix<S>| m.data().iter().fold(S::zero(), |acc, x| acc.add(&x.square()));
    let mut reg = S::from_q(&model.gamma_u).mul(&sq(&params.layer(d + 1).weight));
    for l in 1..=d {
        reg = reg.add(&S::from_q(&model.gammas[l - 1]).mul(&sq(&params.layer(l).weight)));
    }
    data.add(&reg)
}
