//! Integration tests of src/linear/: one module per file, each named after what it checks.

mod cli;
#[path = "../common/mod.rs"]
mod common;
mod minimiser;
mod model;
mod origin;
mod theorems;
