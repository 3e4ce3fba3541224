//! Exact linear algebra over a field: matrices, rank, null spaces, determinants and the inertia of
//! symmetric matrices (Sylvester's law of inertia).
//!
//! The exact inertia methods live in `inertia/` (congruence elimination, fraction-free Bareiss,
//! the characteristic polynomial with Descartes' rule, the dominance and singular certificates,
//! and the certified dispatcher over them); the float eigen-solvers in `eigen/` (Householder + QL,
//! and Jacobi, whose eigenvectors the Hessian witnesses use).
//!
//! Every routine here is exact when the field is [`Exact`](crate::scalar::Exact): pivots are
//! chosen by *being nonzero*, never by size, so over `f64` these routines are not numerically
//! stable and are not used on the float path.

pub mod dixon;
mod eigen;
mod elimination;
mod inertia;
mod lp;
mod matrix;
pub mod modular;
pub mod multimodular;

pub use eigen::symmetric_eigen;
pub use eigen::{jacobi_eigen, Eigen};
pub use elimination::{determinant, left_null_space, null_space, rank, rref, solve, Rref};
pub use inertia::{bareiss_cost, clear_denominators, inertia_bareiss};
pub use inertia::{characteristic_polynomial, descartes_inertia};
pub use inertia::{dominance_certificate, dominance_certificate_rounds};
pub use inertia::{inertia, Inertia};
pub use inertia::{inertia_certified, inertia_certified_within, InertiaMethod, OverBudget};
pub use inertia::{
    null_certificate, null_certificate_within, principal_block, singular_certificate, singular_certificate_from_rows,
    verify_null, NullCertificate, MAX_LIFTING_STEPS,
};
pub use lp::{minimise_on_cone, ConeOptimum};
pub use matrix::{dot, Matrix};
