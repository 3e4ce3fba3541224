//! Exact critical points over Q, to embed (width-depth spec §2.6, "Test-generation recipe").
//!
//! Theorems about critical points are only tested honestly at critical points. For ½-MSE,
//! ∇R_S(θ) = (1/n) Jᵀ r with J the output Jacobian and r the stacked residuals f(x_i) − y_i, so
//! - **teacher-realizable**: y_i = f(x_i; θ) gives r = 0 and a zero-loss critical point;
//! - **nonzero loss**: any nonzero r in the left null space of J (Jᵀr = 0; it exists when
//!   n·m_L > rank J) and y_i = f(x_i) − r_i give ∇R = 0 exactly with R = ‖r‖²/(2n) > 0;
//! - **degenerate**: the same on networks with a zero outgoing column or a repeated neuron (the
//!   boundary cases of the hypotheses of \[P1\] Lemma 2 and Thm 2).
//!
//! - **weight decay**: targets solving (1/n)Jᵀr = −λθ make θ critical for R_S + (λ/2)‖θ‖²
//!   ([`random_critical_with_decay`]).
//!
//! Criticality is proved by [`evaluate`](crate::net::evaluate) returning an exactly zero
//! gradient, which [`CriticalPoint::verify`] does.

mod generate;
mod jacobian;
mod weight_decay;

pub use generate::{
    nonzero_loss_targets, random_critical, random_params, CriticalKind, CriticalPoint, KINK_FREE_TRIES,
};
pub use jacobian::output_jacobian;
pub use weight_decay::random_critical_with_decay;
