//! cargo-fuzz target `parse_data`: the body is [`embedcheck::fuzzing::parse_data_roundtrip`], which panics exactly when
//! it has found a bug (see its doc comment).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| embedcheck::fuzzing::parse_data_roundtrip(data));
