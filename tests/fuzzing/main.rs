//! Integration tests of src/fuzzing/ (the fuzz targets replayed): one module per file, each named after what it checks.

mod targets;
