//! Integration tests of src/depth/: one module per file, each named after what it checks.

mod cli;
#[path = "../common/mod.rs"]
mod common;
mod ex_f;
mod float;
mod membership;
mod residual;
mod theorems;
