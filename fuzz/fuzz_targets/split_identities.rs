//! cargo-fuzz target `split_identities`: the body is [`embedcheck::fuzzing::split_identities`], which panics exactly when
//! it has found a bug (see its doc comment).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| embedcheck::fuzzing::split_identities(data));
