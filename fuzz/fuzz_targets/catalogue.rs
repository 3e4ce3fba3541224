//! cargo-fuzz target `catalogue`: the body is [`embedcheck::fuzzing::catalogue_case`], which panics exactly when
//! it has found a bug (see its doc comment).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| embedcheck::fuzzing::catalogue_case(data));
