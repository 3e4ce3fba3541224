//! Deep linear networks with weight decay and stochastic neurons: exact global minima, algebraic
//! roots, and the origin as a bad minimum (Ziyin, Li, Meng, NeurIPS 2022; spec
//! symmetry-linear Part B).
//!
//! This model is not the contract's network: it has no biases, and its loss is the paper's
//! E(f − y)² + γ‖θ‖² (no ½). Spec B.7: (½·MSE + (γ/2)‖θ‖²) has the same minimisers, so a
//! contract-loss user halves γ to compare.
//!
//! - [`model`]: the model, the data moments and the exact noise-averaged loss (B.1);
//! - [`derivatives`]: exact gradient and Hessian (dual numbers);
//! - [`minimiser`]: the balanced rank-one point and the self-consistency polynomial (★) (B.2–B.3);
//! - [`analysis`]: candidates {0} ∪ {positive roots of (★)}, exact proofs of criticality in Q or
//!   Q(α), exact choice of the global minimiser, Hessian inertia (B.3, B.6);
//! - [`origin`]: inertia at θ = 0 and the thresholds γ_c, γ_e (B.4);
//! - [`reduced`]: the reduced loss ℓ(t) = L(θ(t)) along the balanced family (for plots);
//! - [`theorems`](mod@theorems): catalogue entries `linear.*` and their negative controls.

pub mod analysis;
pub mod derivatives;
pub mod minimiser;
pub mod model;
pub mod origin;
pub mod reduced;
pub mod theorems;

pub use analysis::{analyse, gradient_vanishes_at, Analysis, Candidate};
pub use derivatives::{gradient, hessian};
pub use minimiser::{Design, ScaleVariable};
pub use model::{loss, LinearError, LinearModel, Moments};
pub use reduced::{reduced_loss, reduced_loss_range, reduced_loss_samples};
pub use theorems::{controls, theorems};
