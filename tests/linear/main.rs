//! Integration tests of src/linear/: one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod cli;
mod minimiser;
mod model;
mod origin;
mod theorems;
