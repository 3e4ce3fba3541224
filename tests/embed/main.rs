//! Integration tests of src/embed/ (the width operators): one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod width_cli;
mod width_critical;
mod width_operators;
mod width_properties;
