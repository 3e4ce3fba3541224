//! The cargo-fuzz target bodies (`embedcheck::fuzzing`) run in the ordinary test suite: on every
//! file of the checked-in corpus `fuzz/corpus/<target>/` and on pseudo-random byte strings, so a
//! target that panics on a known input, or stops compiling, fails here and not only under
//! cargo-fuzz.

use embedcheck::fuzzing::{self, TARGETS};
use embedcheck::rng::Rng;
use std::path::Path;

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|f| f.expect("readable corpus entry").path())
        .collect();
    files.sort();
    files.into_iter().map(|p| std::fs::read(p).expect("readable corpus file")).collect()
}

fn random_bytes(rng: &mut Rng, max_len: usize) -> Vec<u8> {
    let len = rng.below(max_len + 1);
    (0..len).map(|_| rng.next_u64() as u8).collect()
}

#[test]
fn every_target_accepts_its_checked_in_corpus() {
    for (name, body) in TARGETS {
        let seeds = corpus(name);
        assert!(!seeds.is_empty(), "fuzz/corpus/{name} is empty");
        for seed in seeds {
            body(&seed);
        }
    }
}

#[test]
fn split_identities_hold_on_random_byte_strings() {
    let mut rng = Rng::new(0x5eed);
    for _ in 0..300 {
        fuzzing::split_identities(&random_bytes(&mut rng, 96));
    }
}

#[test]
fn parsers_round_trip_or_fail_with_exit_code_2_or_3_on_mutated_files() {
    // Byte flips of valid files reach deeper into the parsers than uniform random bytes.
    let mut rng = Rng::new(7);
    for (name, body) in [("parse_network", TARGETS[0].1), ("parse_data", TARGETS[1].1)] {
        for seed in corpus(name) {
            for _ in 0..100 {
                let mut m = seed.clone();
                for _ in 0..=rng.below(3) {
                    let k = rng.below(m.len());
                    m[k] = b"0123456789-/.,:[]{}\"e ".get(rng.below(22)).copied().unwrap_or(b'x');
                }
                body(&m);
            }
        }
    }
}

#[test]
fn catalogue_target_runs_cases_without_counterexamples() {
    let mut rng = Rng::new(11);
    for _ in 0..40 {
        fuzzing::catalogue_case(&random_bytes(&mut rng, 16));
    }
}

#[test]
fn split_target_catches_a_transfer_map_with_alpha_and_one_minus_alpha_swapped() {
    // Negative control: the checks must bite. The wrong variant predicts ∇R_wide with P_{1−α};
    // on random cases (α ≠ ½, nonzero gradient at the split neuron) it must panic.
    let mut rng = Rng::new(13);
    let caught = (0..200)
        .filter(|_| {
            let bytes = random_bytes(&mut rng, 96);
            std::panic::catch_unwind(|| fuzzing::split_identities_with_wrong_alpha(&bytes)).is_err()
        })
        .count();
    assert!(caught > 0, "the wrong transfer map was never caught");
}

#[test]
fn certified_inertia_is_sylvesters_count_on_random_byte_strings() {
    let mut rng = Rng::new(0x1e57);
    for _ in 0..60 {
        fuzzing::inertia_certified_is_sylvesters_count(&random_bytes(&mut rng, 200));
    }
}

#[test]
fn tensor_integers_beyond_2_pow_53_read_exactly_and_write_back_as_the_nearest_double() {
    // Found by the fuzz campaign (`parse_tensors`): an I64 bias of 2^53 + 1 is read exactly, and
    // the F64 writer stores the nearest double, 2^53 (interface: "exact values rounded to
    // nearest"), so the round trip is rounding, not the identity. Seed:
    // fuzz/corpus/parse_tensors/seed-i64-beyond-2pow53 (a first byte 0, then a .safetensors file).
    use embedcheck::io::tensors::{parse_safetensors, write_safetensors};
    use embedcheck::scalar::Q;
    let seed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/parse_tensors/seed-i64-beyond-2pow53"))
            .expect("the seed is checked in");
    let read = parse_safetensors(&seed[1..], "seed.safetensors").expect("a valid file");
    let two_53 = Q::from_i128(1 << 53);
    let bias = |f: &embedcheck::io::tensors::TensorFile| f.tensors["0.bias"].values[0].clone();
    assert_eq!(bias(&read), Q::from_i128((1 << 53) + 1), "read exactly");
    let written =
        parse_safetensors(&write_safetensors(&read).expect("writes"), "rewritten.safetensors").expect("reads");
    assert_eq!(bias(&written), two_53, "written as the nearest double");
    fuzzing::parse_tensors_roundtrip(&seed);
}
