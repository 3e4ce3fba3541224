//! Integration tests of src/loss/: one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod catalogue;
mod cli;
mod paths_agree;
