//! Activations σ, with their first and second derivatives.
//!
//! The contract (`interface.md`, "Activations") names polynomial and rational activations
//! (exact), ReLU and identity (exact away from a kink), tanh, sigmoid and softplus (float only);
//! leaky ReLU with a rational slope is embedcheck's documented extension.
//!
//! Exactness is a type: [`ExactActivation`] implements [`Sigma<S>`] for every [`Field`] `S`,
//! while [`Activation`] (which may be tanh) implements it only for [`Real`] `S`. An exact
//! computation therefore cannot evaluate tanh: it does not compile.

mod interval;
mod piecewise;
mod polynomial;
mod rational;
mod smooth;
mod tanh_kernel;

pub(crate) use interval::enclose_value_slope;
pub use interval::{enclose_jet, Enclosing};
pub use piecewise::Piecewise;
pub use polynomial::Polynomial;
pub use rational::RationalFunction;
pub use smooth::Smooth;
pub use tanh_kernel::{tanh_with_slope, TANH_KERNEL_ULPS};

use crate::scalar::{Field, Real, Q};
use std::fmt;

/// σ(t), σ'(t) and σ''(t) at one point, and whether t sits on a kink of a piecewise σ
/// (ReLU at 0), where embedcheck takes σ' = σ'' = 0 and reports the site.
#[derive(Clone, Debug, PartialEq)]
pub struct Jet<S> {
    /// σ(t).
    pub value: S,
    /// σ'(t) (0 at a kink).
    pub d1: S,
    /// σ''(t) (0 at a kink and on the linear pieces).
    pub d2: S,
    /// True when t is a kink of a piecewise-linear σ: derivatives there are a convention.
    pub kink: bool,
}

/// The denominator of a rational activation vanished: σ is not defined at this pre-activation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pole;

/// A place in an evaluation: hidden layer `layer` (1 … L−1), neuron `neuron` (1 … m_l),
/// sample `sample` (1 … n). All 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Site {
    /// Layer l, 1-based.
    pub layer: usize,
    /// Neuron s, 1-based.
    pub neuron: usize,
    /// Sample i, 1-based.
    pub sample: usize,
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "layer {}, neuron {}, sample {}", self.layer, self.neuron, self.sample)
    }
}

/// An activation that can be evaluated over the scalar field `S`.
pub trait Sigma<S: Field> {
    /// σ(t) only.
    ///
    /// # Errors
    /// [`Pole`] when a rational activation's denominator vanishes at `t`.
    fn value(&self, t: &S) -> Result<S, Pole>;
    /// σ(t), σ'(t), σ''(t) and the kink flag.
    ///
    /// # Errors
    /// [`Pole`] when a rational activation's denominator vanishes at `t`.
    fn jet(&self, t: &S) -> Result<Jet<S>, Pole>;
    /// σ(t) at the pre-activation of neuron `site`. The same as [`Sigma::value`] unless the
    /// activation depends on the place, as a polynomial piece of a piecewise-linear loss does
    /// (it fixes the side of each kink it was built for).
    ///
    /// # Errors
    /// [`Pole`] as for [`Sigma::value`].
    fn value_at(&self, t: &S, site: Site) -> Result<S, Pole> {
        let _ = site;
        self.value(t)
    }
    /// σ's jet at the pre-activation of neuron `site`; the same as [`Sigma::jet`] unless the
    /// activation depends on the place (see [`Sigma::value_at`]).
    ///
    /// # Errors
    /// [`Pole`] as for [`Sigma::jet`].
    fn jet_at(&self, t: &S, site: Site) -> Result<Jet<S>, Pole> {
        let _ = site;
        self.jet(t)
    }
    /// Whether σ is tanh, so that batched f64 code may use the vectorised [`tanh_with_slope`]
    /// in place of one [`Sigma::jet`] per entry. False unless an implementation says otherwise.
    fn is_tanh(&self) -> bool {
        false
    }
}

/// The activations that are exact over any field: polynomial, rational, ReLU, leaky ReLU, identity.
#[derive(Clone, Debug, PartialEq)]
pub enum ExactActivation {
    /// σ(x) = Σ c_k x^k.
    Poly(Polynomial),
    /// σ(x) = p(x)/q(x).
    Rational(RationalFunction),
    /// ReLU, leaky ReLU and identity (`Piecewise` with slopes 0, a and 1 left of 0).
    Piecewise(Piecewise),
}

/// Activations that need transcendental functions, so exist only on the float path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatActivation {
    /// tanh.
    Tanh,
    /// 1/(1+e^{-x}).
    Sigmoid,
    /// ln(1+e^x).
    Softplus,
}

/// Any activation of the network file: exact or float only.
#[derive(Clone, Debug, PartialEq)]
pub enum Activation {
    /// Exact over any field.
    Exact(ExactActivation),
    /// Float only.
    Float(FloatActivation),
}

/// A float-only activation was asked for an exact result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FloatOnly(pub FloatActivation);

impl fmt::Display for FloatOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "activation `{}` is float only; use the float path (`--float`) for it", self.0.name())
    }
}

impl std::error::Error for FloatOnly {}

impl FloatActivation {
    /// The contract's name: `tanh`, `sigmoid`, `softplus`.
    pub fn name(&self) -> &'static str {
        match self {
            FloatActivation::Tanh => "tanh",
            FloatActivation::Sigmoid => "sigmoid",
            FloatActivation::Softplus => "softplus",
        }
    }
}

impl Activation {
    /// The exact activation, or [`FloatOnly`] for tanh, sigmoid and softplus.
    ///
    /// # Errors
    /// [`FloatOnly`] when the activation has no exact evaluation.
    pub fn exact(&self) -> Result<&ExactActivation, FloatOnly> {
        match self {
            Activation::Exact(a) => Ok(a),
            Activation::Float(f) => Err(FloatOnly(*f)),
        }
    }

    /// Whether σ can be evaluated exactly.
    pub fn is_exact(&self) -> bool {
        matches!(self, Activation::Exact(_))
    }

    /// The identity activation σ(x) = x.
    pub fn identity() -> Activation {
        Activation::Exact(ExactActivation::Piecewise(Piecewise::identity()))
    }

    /// The polynomial activation with the given coefficients c0, c1, ….
    pub fn poly(coefficients: Vec<Q>) -> Activation {
        Activation::Exact(ExactActivation::Poly(Polynomial::new(coefficients)))
    }
}

impl<S: Field> Sigma<S> for ExactActivation {
    fn value(&self, t: &S) -> Result<S, Pole> {
        match self {
            ExactActivation::Poly(p) => Ok(p.value(t)),
            ExactActivation::Rational(r) => r.value(t),
            ExactActivation::Piecewise(p) => Ok(p.value(t)),
        }
    }
    fn jet(&self, t: &S) -> Result<Jet<S>, Pole> {
        match self {
            ExactActivation::Poly(p) => Ok(p.jet(t)),
            ExactActivation::Rational(r) => r.jet(t),
            ExactActivation::Piecewise(p) => Ok(p.jet(t)),
        }
    }
}

impl<S: Real> Sigma<S> for FloatActivation {
    fn value(&self, t: &S) -> Result<S, Pole> {
        Ok(Smooth(*self).value(t))
    }
    fn jet(&self, t: &S) -> Result<Jet<S>, Pole> {
        Ok(Smooth(*self).jet(t))
    }
    fn is_tanh(&self) -> bool {
        *self == FloatActivation::Tanh
    }
}

impl<S: Real> Sigma<S> for Activation {
    fn value(&self, t: &S) -> Result<S, Pole> {
        match self {
            Activation::Exact(a) => a.value(t),
            Activation::Float(f) => f.value(t),
        }
    }
    fn jet(&self, t: &S) -> Result<Jet<S>, Pole> {
        match self {
            Activation::Exact(a) => a.jet(t),
            Activation::Float(f) => f.jet(t),
        }
    }
    fn is_tanh(&self) -> bool {
        *self == Activation::Float(FloatActivation::Tanh)
    }
}

impl fmt::Display for ExactActivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExactActivation::Poly(p) => write!(f, "poly {p}"),
            ExactActivation::Rational(r) => write!(f, "rational {r}"),
            ExactActivation::Piecewise(p) => write!(f, "{p}"),
        }
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Activation::Exact(a) => write!(f, "{a}"),
            Activation::Float(a) => f.write_str(a.name()),
        }
    }
}
