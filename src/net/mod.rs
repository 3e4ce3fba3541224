//! The fully-connected network of the papers, its parameters, forward pass and derivatives.
//!
//! Notation (\[P1\] §4.2, \[P2\] §3.2; width-depth spec §1), used throughout embedcheck:
//! - widths (m_0, …, m_L); parameters θ = (W^\[1\], b^\[1\], …, W^\[L\], b^\[L\]) with
//!   W^\[l\] ∈ R^{m_l × m_{l−1}}, b^\[l\] ∈ R^{m_l};
//! - pre-activations p^\[l\] = W^\[l\] f^\[l−1\] + b^\[l\]; features f^\[0\] = x,
//!   f^\[l\] = σ(p^\[l\]) for 1 ≤ l ≤ L−1, and the linear output f = f^\[L\] = p^\[L\];
//! - feature gradients g^\[l\] = σ'(p^\[l\]) (g^\[L\] = 1);
//! - error vectors z^\[L\] = ∇_f ℓ, z^\[l\] = (W^\[l+1\])ᵀ (z^\[l+1\] ∘ g^\[l+1\]), and
//!   e^\[l\] = z^\[l\] ∘ g^\[l\] = ∂ℓ/∂p^\[l\];
//! - then ∇_{W^\[l\]} R_S = E_S\[e^\[l\] (f^\[l−1\])ᵀ\] and ∇_{b^\[l\]} R_S = E_S\[e^\[l\]\]
//!   (proof: `proofs/gradient-identities.md`).
//!
//! The gradient has two independent exact paths that the tests compare: back-propagation
//! ([`evaluate`], with [`evaluate_polynomial`] its fraction-free form for polynomial σ and ½-MSE,
//! chosen by [`evaluate_exact`]) and forward mode ([`gradient_forward_mode`]).
//!
//! Layers are numbered 1 … L and neurons 1 … m_l in everything a user sees (errors, reports);
//! vectors inside the code are 0-based.

mod backward;
mod enclosure;
mod error;
mod float;
mod forward;
mod forward_mode;
mod fraction_free;
mod params;
mod scratch;
pub(crate) mod zform;

pub use backward::{backward, backward_with, evaluate, evaluate_with, Backward, Evaluation};
pub use enclosure::{
    enclose_gradient, enclose_gradient_with, enclose_objective_gradient, verdict, GradientEnclosure, Undecided, Verdict,
};
pub use error::{EvalError, ShapeError, Site};
pub use float::{evaluate_f64, evaluate_f64_with, FloatEvaluation};
pub use forward::{distinct_residuals, forward, outputs, Trace};
pub use forward_mode::{
    directional_derivative, directional_derivative_with, gradient_forward_mode, gradient_forward_mode_with, loss,
    loss_with,
};
pub use fraction_free::{evaluate_exact, evaluate_exact_jobs, evaluate_polynomial, evaluate_polynomial_jobs};
pub use params::{Layer, Network, ParamSite, Params};
