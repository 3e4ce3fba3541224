//! Integration tests of src/cli/ (the command line as a user runs it): one module per file, each named after what it checks.

mod closed_pipe;
mod eval_errors;
mod help;
mod json_reports;
mod plots;
mod verify_hessian_certificates;
