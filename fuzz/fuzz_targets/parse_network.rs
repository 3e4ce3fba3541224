//! cargo-fuzz target `parse_network`: the body is [`embedcheck::fuzzing::parse_network_roundtrip`], which panics exactly when
//! it has found a bug (see its doc comment).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| embedcheck::fuzzing::parse_network_roundtrip(data));
