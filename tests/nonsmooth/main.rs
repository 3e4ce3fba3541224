//! Integration tests of src/nonsmooth/: one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod kink_cli;
mod kink_stationarity;
