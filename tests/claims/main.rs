//! Integration tests of src/claims/: one module per file, each named after what it checks.

#[path = "../hessian_common/mod.rs"]
mod hessian_common;
mod ledger;
mod p3_experiments;
