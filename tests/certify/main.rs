//! Integration tests of src/certify/: one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod gauge;
mod losses;
mod smooth;
mod stages;
mod trained;
mod trained_run;
mod wide;
