//! Integration tests of src/symmetry/: one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod catalogue;
mod cli;
mod counts;
mod deep_paths;
mod lifting;
mod manifold;
