//! Exact linear algebra over a field: matrices, rank, null spaces, determinants and the inertia of
//! symmetric matrices (Sylvester's law of inertia).
//!
//! Every routine here is exact when the field is [`Exact`](crate::scalar::Exact): pivots are
//! chosen by *being nonzero*, never by size, so over `f64` these routines are not numerically
//! stable and are not used on the float path.

mod bareiss;
mod certified;
mod charpoly;
pub mod dixon;
mod dominance;
mod elimination;
mod inertia;
mod jacobi;
mod lp;
mod matrix;
pub mod modular;
pub mod multimodular;
mod singular;
mod tridiagonal;

pub use bareiss::{bareiss_cost, clear_denominators, inertia_bareiss};
pub use certified::{inertia_certified, inertia_certified_within, InertiaMethod, OverBudget};
pub use charpoly::{characteristic_polynomial, descartes_inertia};
pub use dominance::{dominance_certificate, dominance_certificate_rounds};
pub use elimination::{determinant, left_null_space, null_space, rank, rref, solve, Rref};
pub use inertia::{inertia, Inertia};
pub use jacobi::{jacobi_eigen, Eigen};
pub use lp::{minimise_on_cone, ConeOptimum};
pub use matrix::{dot, Matrix};
pub use singular::{
    null_certificate, null_certificate_within, principal_block, singular_certificate, singular_certificate_from_rows,
    verify_null, NullCertificate, MAX_LIFTING_STEPS,
};
pub use tridiagonal::symmetric_eigen;
