//! Integration tests of src/depth/: one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod cli;
mod ex_f;
mod float;
mod membership;
mod residual;
mod theorems;
