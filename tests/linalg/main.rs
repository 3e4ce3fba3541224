//! Integration tests of src/linalg/: one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod dominance_large;
mod dominance_refinement;
mod singular_inertia;
mod tridiagonal;
