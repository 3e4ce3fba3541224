//! Losses ℓ(f, y) of one sample and the empirical risk R_S(θ) = (1/n) Σ_i ℓ(f(x_i; θ), y_i)
//! (+ (λ/2)‖θ‖² with weight decay), as the contract's "Losses" section defines them.
//!
//! Every path that differentiates R_S (back-propagation, forward mode, the tangent Hessian, the
//! float path) meets the loss only through [`LossFn`]: its value, its gradient ∇_f ℓ in the
//! outputs, and its curvature ∇²_f ℓ · v. The chain rule through the network does not depend on
//! ℓ, which is why the papers' embedding statements hold for any differentiable loss: the loss
//! enters ∇R_S only as the output error z^\[L\] = ∇_f ℓ and H_S only through ∇²_f ℓ in the
//! Gauss–Newton part.
//!
//! - [`ExactLoss`]: `mse` (½‖f − y‖², the default), `poly` (Σ_j p(f_j − y_j)), `huber` and
//!   `squared_hinge`, over any [`Field`] (exact over Q). The last two are C¹ and piecewise
//!   polynomial: at a point *on a break* (|f_j − y_j| = δ, or 1 − y_j f_j = 0) ℓ'' jumps, and
//!   [`LossFn::breaks`] names the outputs there, as ReLU kinks are named.
//! - [`FloatLoss`]: `cross_entropy` (softmax over the outputs) and `logistic` (one output), over
//!   [`Real`](crate::scalar::Real) only.

pub mod draw;
mod exact;
mod float;
mod interval;
pub mod mse;

use crate::activation::Polynomial;
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::scalar::{Field, Ring, Q};
use std::fmt;

pub use interval::enclose_loss;
pub use mse::{mse_output_gradient, mse_sample};

/// ℓ and its first two derivatives in the outputs f, for one sample.
pub trait LossFn<S: Field> {
    /// ℓ(f, y).
    fn value(&self, f: &[S], y: &[S]) -> S;
    /// ∇_f ℓ(f, y) (for ½-MSE the residual f − y).
    fn gradient(&self, f: &[S], y: &[S]) -> Vec<S>;
    /// ∇²_f ℓ(f, y) · v (for ½-MSE, v itself). At a break of a piecewise loss, the second
    /// derivative of the piece named in [`ExactLoss`]'s docs.
    fn curvature(&self, f: &[S], y: &[S], v: &[S]) -> Vec<S>;
    /// The outputs j (0-based) at which f sits exactly on a break of ℓ'' (empty for smooth ℓ).
    fn breaks(&self, f: &[S], y: &[S]) -> Vec<usize>;
}

/// A loss that is exact over Q: every value is a rational function of f and y.
///
/// At a break the piecewise losses use the piece whose inequality includes the break:
/// Huber's quadratic piece at |r| = δ and the active piece (1 − y f)² at 1 − y f = 0. Both
/// losses are C¹, so values and gradients do not depend on the choice; ℓ'' does, and such points
/// are reported ([`LossFn::breaks`]).
#[derive(Clone, Debug, PartialEq)]
pub enum ExactLoss {
    /// ℓ = ½‖f − y‖² (the contract's default `mse`).
    Mse,
    /// ℓ = Σ_j p(f_j − y_j), p(r) = Σ_k c_k r^k.
    Poly(Polynomial),
    /// ℓ = Σ_j h_δ(f_j − y_j) with h_δ(r) = ½r² for |r| ≤ δ and δ(|r| − ½δ) otherwise (δ > 0).
    Huber(Q),
    /// ℓ = Σ_j max(0, 1 − y_j f_j)², targets ±1.
    SquaredHinge,
}

/// A loss computed in floating point only (it needs exp and log).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatLoss {
    /// ℓ = log Σ_j e^{f_j} − Σ_j y_j f_j: cross-entropy of the softmax of f against a target
    /// row of probabilities (one-hot for class labels).
    CrossEntropy,
    /// ℓ = log(1 + e^f) − y f: logistic loss of one output (a logit) against y ∈ {0, 1}.
    Logistic,
}

/// The exact loss families the catalogue draws from (parameters drawn per case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossFamily {
    /// ½-MSE.
    Mse,
    /// A polynomial residual loss.
    Poly,
    /// Huber's loss.
    Huber,
    /// The squared hinge (targets ±1).
    SquaredHinge,
}

impl LossFamily {
    /// Every family, in a fixed order.
    pub const ALL: [LossFamily; 4] = [LossFamily::Mse, LossFamily::Poly, LossFamily::Huber, LossFamily::SquaredHinge];

    /// The contract name: `mse`, `poly`, `huber`, `squared_hinge`.
    pub fn name(self) -> &'static str {
        match self {
            LossFamily::Mse => "mse",
            LossFamily::Poly => "poly",
            LossFamily::Huber => "huber",
            LossFamily::SquaredHinge => "squared_hinge",
        }
    }

    /// The family with this name.
    pub fn parse(name: &str) -> Option<LossFamily> {
        LossFamily::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The family of an exact loss.
    pub fn of(loss: &ExactLoss) -> LossFamily {
        match loss {
            ExactLoss::Mse => LossFamily::Mse,
            ExactLoss::Poly(_) => LossFamily::Poly,
            ExactLoss::Huber(_) => LossFamily::Huber,
            ExactLoss::SquaredHinge => LossFamily::SquaredHinge,
        }
    }
}

/// Any loss of the contract.
#[derive(Clone, Debug, PartialEq)]
pub enum Loss {
    /// Exact over any field.
    Exact(ExactLoss),
    /// Float only.
    Float(FloatLoss),
}

impl Default for Loss {
    fn default() -> Loss {
        Loss::Exact(ExactLoss::Mse)
    }
}

impl Loss {
    /// The exact loss, if it is one.
    pub fn as_exact(&self) -> Option<&ExactLoss> {
        match self {
            Loss::Exact(e) => Some(e),
            Loss::Float(_) => None,
        }
    }

    /// Whether this is the default ½-MSE.
    pub fn is_mse(&self) -> bool {
        matches!(self, Loss::Exact(ExactLoss::Mse))
    }

    /// The contract's JSON form: `"mse"`, `{"poly": [c0, …]}`, `{"huber": "δ"}`,
    /// `"squared_hinge"`, `"cross_entropy"`, `"logistic"`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Loss::Exact(ExactLoss::Mse) => json!("mse"),
            Loss::Exact(ExactLoss::Poly(p)) => {
                json!({ "poly": p.coefficients().iter().map(Q::to_canonical).collect::<Vec<_>>() })
            }
            Loss::Exact(ExactLoss::Huber(d)) => json!({ "huber": d.to_canonical() }),
            Loss::Exact(ExactLoss::SquaredHinge) => json!("squared_hinge"),
            Loss::Float(FloatLoss::CrossEntropy) => json!("cross_entropy"),
            Loss::Float(FloatLoss::Logistic) => json!("logistic"),
        }
    }

    /// Checks that the targets are ones this loss is defined for: ±1 for `squared_hinge`, rows
    /// of nonnegative numbers summing to 1 for `cross_entropy`, one output in {0, 1} for
    /// `logistic`; every target for the others.
    ///
    /// # Errors
    /// A message naming the first sample (1-based) and output that does not fit.
    pub fn check_targets(&self, data: &Dataset<Q>) -> Result<(), TargetError> {
        for (i, y) in data.targets().iter().enumerate() {
            let sample = i + 1;
            match self {
                Loss::Exact(ExactLoss::SquaredHinge) => {
                    if let Some(j) = y.iter().position(|t| *t != Q::one() && *t != Q::int(-1)) {
                        return Err(TargetError::NotSign { sample, entry: j + 1, value: y[j].clone() });
                    }
                }
                Loss::Float(FloatLoss::CrossEntropy) => {
                    if let Some(j) = y.iter().position(|t| t.primal_cmp_zero() == Some(std::cmp::Ordering::Less)) {
                        return Err(TargetError::Negative { sample, entry: j + 1 });
                    }
                    let sum = y.iter().fold(Q::zero(), |a, t| a.add(t));
                    if sum != Q::one() {
                        return Err(TargetError::NotSummingToOne { sample, sum });
                    }
                }
                Loss::Float(FloatLoss::Logistic) => {
                    if y.len() != 1 {
                        return Err(TargetError::NotOneOutput { sample, outputs: y.len() });
                    }
                    if y[0] != Q::zero() && y[0] != Q::one() {
                        return Err(TargetError::NotZeroOne { sample, value: y[0].clone() });
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// A target a loss is not defined for ([`Loss::check_targets`]); samples and entries 1-based.
#[derive(Clone, Debug, PartialEq)]
pub enum TargetError {
    /// The squared hinge needs targets ±1.
    NotSign {
        /// The sample.
        sample: usize,
        /// The target entry.
        entry: usize,
        /// Its value.
        value: Q,
    },
    /// Cross-entropy needs rows of probabilities; this entry is negative.
    Negative {
        /// The sample.
        sample: usize,
        /// The target entry.
        entry: usize,
    },
    /// Cross-entropy needs rows summing to 1.
    NotSummingToOne {
        /// The sample.
        sample: usize,
        /// The row's sum.
        sum: Q,
    },
    /// The logistic loss needs one output.
    NotOneOutput {
        /// The sample.
        sample: usize,
        /// The number of targets it has.
        outputs: usize,
    },
    /// The logistic loss needs targets 0 or 1.
    NotZeroOne {
        /// The sample.
        sample: usize,
        /// Its target.
        value: Q,
    },
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetError::NotSign { sample, entry, value } => write!(
                f,
                "squared_hinge needs targets ±1; sample {sample}, target entry {entry} is {}",
                value.to_canonical()
            ),
            TargetError::Negative { sample, entry } => write!(
                f,
                "cross_entropy needs target rows of probabilities; sample {sample}, target entry {entry} is negative"
            ),
            TargetError::NotSummingToOne { sample, sum } => write!(
                f,
                "cross_entropy needs target rows summing to 1 (one-hot for class labels); sample {sample} sums to {}",
                sum.to_canonical()
            ),
            TargetError::NotOneOutput { sample, outputs } => {
                write!(f, "logistic needs one output; sample {sample} has {outputs} targets")
            }
            TargetError::NotZeroOne { sample, value } => {
                write!(f, "logistic needs targets 0 or 1; sample {sample} has {}", value.to_canonical())
            }
        }
    }
}

impl std::error::Error for TargetError {}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loss::Exact(ExactLoss::Mse) => f.write_str("mse (½‖f − y‖²)"),
            Loss::Exact(ExactLoss::Poly(p)) => write!(f, "poly (Σ_j p(f_j − y_j), coefficients of p {p})"),
            Loss::Exact(ExactLoss::Huber(d)) => write!(f, "huber (δ = {})", d.to_canonical()),
            Loss::Exact(ExactLoss::SquaredHinge) => f.write_str("squared_hinge (Σ_j max(0, 1 − y_j f_j)²)"),
            Loss::Float(FloatLoss::CrossEntropy) => f.write_str("cross_entropy (softmax, float only)"),
            Loss::Float(FloatLoss::Logistic) => f.write_str("logistic (float only)"),
        }
    }
}

/// The weight-decay term (λ/2)‖θ‖² of the objective R_S(θ) + (λ/2)‖θ‖²: its value, its gradient
/// λθ and its Hessian λI are added by the callers that evaluate the objective.
#[derive(Clone, Debug, PartialEq)]
pub struct WeightDecay(pub Q);

impl WeightDecay {
    /// (λ/2)‖θ‖² for the flat parameter vector θ.
    pub fn value<S: Field>(&self, theta: &[S]) -> S {
        let sq = theta.iter().fold(S::zero(), |acc, t| acc.add(&t.square()));
        sq.mul(&S::from_q(&self.0)).mul(&S::from_q(&Q::new(1, 2)))
    }

    /// λθ.
    pub fn gradient<S: Field>(&self, theta: &[S]) -> Vec<S> {
        let l = S::from_q(&self.0);
        theta.iter().map(|t| t.mul(&l)).collect()
    }

    /// Whether λ = 0 (no decay).
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    /// H + λI: adds the decay term's Hessian to `h` (the Hessian of R_S).
    pub fn add_to_hessian<S: Field>(&self, h: &mut Matrix<S>) {
        if self.is_zero() {
            return;
        }
        let lambda = S::from_q(&self.0);
        for k in 0..h.rows() {
            h.get_mut(k, k).add_assign(&lambda);
        }
    }
}

/// What a command minimises: R_S(θ) for `loss` plus (λ/2)‖θ‖² for `weight_decay` = λ.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Objective {
    /// ℓ.
    pub loss: Loss,
    /// λ ≥ 0.
    pub weight_decay: Q,
}

impl Objective {
    /// The term (λ/2)‖θ‖².
    pub fn decay(&self) -> WeightDecay {
        WeightDecay(self.weight_decay.clone())
    }

    /// Whether this is the contract's default, ½-MSE without weight decay.
    pub fn is_default(&self) -> bool {
        self.loss.is_mse() && self.weight_decay.is_zero()
    }

    /// `{"loss": …, "weight_decay": "λ"}` for reports and certificates.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "loss": self.loss.to_json(), "weight_decay": self.weight_decay.to_canonical() })
    }
}

impl fmt::Display for Objective {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "loss {}", self.loss)?;
        if !self.weight_decay.is_zero() {
            write!(f, " + (λ/2)‖θ‖² with λ = {}", self.weight_decay.to_canonical())?;
        }
        Ok(())
    }
}
