//! Integration tests of src/activation/: one module per file, each named after what it checks.

mod float_tails;
mod tanh_kernel;
