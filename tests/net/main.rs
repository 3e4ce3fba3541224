//! Integration tests of src/net/ (evaluation, gradients, enclosures): one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod enclosure;
#[path = "../engine_support/mod.rs"]
mod engine_support;
mod finite_difference;
mod float_agree;
mod gradient_fraction_free;
mod gradient_hand_derived;
mod hand_derived;
mod modes_agree;
