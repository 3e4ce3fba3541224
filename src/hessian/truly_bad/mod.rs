//! Truly-bad critical points (\[P2\] §6.3, Def. 6.2, Thm 6.3, Lemmas 6.1–6.2; width-depth spec
//! §2.5, §6 item 9).
//!
//! - [`global`]: the residual-weighted Hessian H^(2) ([`residual_hessian`]) and the explicit
//!   negative direction of T_global(θ_c) whenever H^(2)(θ_c) ≠ 0 ([`global_certificate`]), as a
//!   Hessian certificate that [`verify`](crate::hessian::certificate::verify) accepts;
//! - [`search`]: the report on one point ([`analyse`]): criticality, the T_global certificate and
//!   a search over one-step embeddings, ending in a [`Verdict`];
//! - [`theorems`]: the catalogue checks `hessian.truly_bad.*` and their negative controls.

pub mod global;
pub mod search;
pub mod theorems;

pub use global::{
    global_certificate, global_certificate_with, global_direction, lift_to_global, residual_hessian, GlobalCertificate,
    GlobalDirection, GlobalLemma, TrulyBadError,
};
pub use search::{analyse, one_step_embeddings, OneStep, OneStepResult, Report, SearchOptions, Verdict};
