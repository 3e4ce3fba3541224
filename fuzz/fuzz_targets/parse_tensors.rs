//! cargo-fuzz target `parse_tensors`: the body is [`embedcheck::fuzzing::parse_tensors_roundtrip`], which panics
//! exactly when it has found a bug (see its doc comment).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| embedcheck::fuzzing::parse_tensors_roundtrip(data));
