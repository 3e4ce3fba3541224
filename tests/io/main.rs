//! Integration tests of src/io/: one module per file, each named after what it checks.

#[path = "../common/mod.rs"]
mod common;
mod multibyte_text;
mod no_panic;
mod strict_files;
mod tensor_files;
