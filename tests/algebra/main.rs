//! Integration tests of src/algebra/: one module per file, each named after what it checks.

mod roots;
