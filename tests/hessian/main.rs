//! Integration tests of src/hessian/: one module per file, each named after what it checks.

mod alpha_range_cli;
mod certificates;
mod cli;
#[path = "../common/mod.rs"]
mod common;
mod examples;
mod fukumizu_amari;
mod fukumizu_amari_losses;
#[path = "../hessian_common/mod.rs"]
mod hessian_common;
mod integer;
mod paths_agree;
mod reverify;
mod size_limits_cli;
mod tangent;
mod theorem_s;
mod truly_bad;
mod truly_bad_cli;
mod truly_bad_losses;
