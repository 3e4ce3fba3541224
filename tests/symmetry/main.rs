//! Integration tests of src/symmetry/: one module per file, each named after what it checks.

mod catalogue;
mod cli;
#[path = "../common/mod.rs"]
mod common;
mod counts;
mod deep_paths;
mod lifting;
mod manifold;
