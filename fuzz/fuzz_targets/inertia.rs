//! cargo-fuzz target `inertia`: the body is [`embedcheck::fuzzing::inertia_certified_is_sylvesters_count`], which
//! panics exactly when it has found a bug (see its doc comment).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| embedcheck::fuzzing::inertia_certified_is_sylvesters_count(data));
