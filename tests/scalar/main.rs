//! Integration tests of src/scalar/: one module per file, each named after what it checks.

mod rational_arithmetic;
