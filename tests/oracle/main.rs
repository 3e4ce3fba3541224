//! Integration tests of src/oracle/: one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod compare;
mod compare_enclosed;
