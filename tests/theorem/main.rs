//! Integration tests of src/theorem/: one module per file, each named after what it checks.

mod catalogue;
mod certificate_recheck;
mod every_theorem_has_a_control;
mod harness_runs;
mod shards;
mod widths;
