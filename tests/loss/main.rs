//! Integration tests of src/loss/: one module per file, each named after what it checks.

mod catalogue;
mod cli;
#[path = "../common/mod.rs"]
mod common;
mod paths_agree;
