//! Exact linear algebra over a field: matrices, rank, null spaces, determinants and the inertia of
//! symmetric matrices (Sylvester's law of inertia).
//!
//! Every routine here is exact when the field is [`Exact`](crate::scalar::Exact): pivots are
//! chosen by *being nonzero*, never by size, so over `f64` these routines are not numerically
//! stable and are not used on the float path.

mod elimination;
mod inertia;
mod matrix;

pub use elimination::{determinant, left_null_space, null_space, rank, rref, solve, Rref};
pub use inertia::{inertia, Inertia};
pub use matrix::{dot, Matrix};
