//! The bodies of the cargo-fuzz targets (`fuzz/fuzz_targets/`), kept in the library so that the
//! test suite runs them too (on the checked-in corpus and on pseudo-random bytes) and they cannot
//! rot. Each function takes the fuzzer's bytes and **panics exactly when it has found a bug**:
//! a parser that accepts what its writer cannot round-trip, an input error with an exit code other
//! than 2 or 3, two independent gradient paths that disagree, or a counterexample to a catalogue
//! theorem. Everything else (bytes that decode to an unusable case) returns quietly.
//!
//! See `fuzz/README.md` for how to run them (`cargo fuzz run <target> --sanitizer none`).

pub mod bytes;

use crate::activation::{ExactActivation, Piecewise, Polynomial};
use crate::catalogue;
use crate::data::Dataset;
use crate::embed::{Shape, Split};
use crate::io::{data_to_json, network_to_json, parse_data, parse_network, InputError};
use crate::linalg::{inertia_certified, Inertia, Matrix};
use crate::net::{evaluate, gradient_forward_mode, outputs, Params};
use crate::scalar::{Ring, Q};
use crate::theorem::{harness, Outcome, Size};
use bytes::Bytes;

/// A fuzz-target body: takes the fuzzer's bytes, panics on a bug.
pub type Body = fn(&[u8]);

/// Names of the targets, as in `fuzz/Cargo.toml`, with their bodies.
pub const TARGETS: [(&str, Body); 6] = [
    ("parse_network", parse_network_roundtrip),
    ("parse_data", parse_data_roundtrip),
    ("split_identities", split_identities),
    ("catalogue", catalogue_case),
    ("inertia", inertia_certified_is_sylvesters_count),
    ("parse_tensors", parse_tensors_roundtrip),
];

fn assert_exit_code(e: &InputError) {
    let code = e.exit_code();
    assert!(code == 2 || code == 3, "input error with exit code {code}: {e}");
}

/// Network files: any text either fails with a located input error (exit code 2 or 3) or parses
/// to a network that the contract writer writes and the parser reads back to the same network.
pub fn parse_network_roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_network(text, "fuzz.net.json") {
        Err(e) => assert_exit_code(&e),
        Ok(net) => {
            let written = network_to_json(&net).to_string();
            let again = parse_network(&written, "rewritten.net.json")
                .unwrap_or_else(|e| panic!("the writer's output does not parse: {e}\n{written}"));
            assert_eq!(again, net, "round trip changed the network:\n{written}");
        }
    }
}

/// Data files: the same round-trip property as [`parse_network_roundtrip`].
pub fn parse_data_roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_data(text, "fuzz.data.json") {
        Err(e) => assert_exit_code(&e),
        Ok(d) => {
            let written = data_to_json(&d).to_string();
            let again = parse_data(&written, "rewritten.data.json")
                .unwrap_or_else(|e| panic!("the writer's output does not parse: {e}\n{written}"));
            assert_eq!(again, d, "round trip changed the data:\n{written}");
        }
    }
}

/// An exact activation chosen by one byte: a polynomial of degree ≤ 3, ReLU, leaky ReLU or the
/// identity (rational activations are left out: their poles make most cases unusable).
fn activation(b: &mut Bytes) -> ExactActivation {
    match b.below(4) {
        0 => ExactActivation::Piecewise(Piecewise::relu()),
        1 => ExactActivation::Piecewise(Piecewise::leaky(b.small_nonzero_q())),
        2 => ExactActivation::Piecewise(Piecewise::identity()),
        _ => {
            let degree = b.count(1, 3);
            ExactActivation::Poly(Polynomial::new(b.vector(degree + 1)))
        }
    }
}

/// Splitting identities on a small net decoded from the bytes, each against an independent path
/// (\[P1\] Lemma 1, Prop. 1; spec width-depth §2.1):
/// back-propagation equals forward mode on the narrow net; the split net has the same outputs on
/// the data and on a fresh input; ∇R_wide(T^α θ) = P_α ∇R_narr(θ); (T^α)ᵀ ∇R_wide = ∇R_narr.
pub fn split_identities(data: &[u8]) {
    split_check(data, false);
}

/// Negative control for [`split_identities`]: the same checks with the gradient predicted by
/// P_{1−α} instead of P_α. It must panic on some inputs (any case with α ≠ ½ and a nonzero
/// gradient at the split neuron), which the tests require, so the checks are shown to bite.
pub fn split_identities_with_wrong_alpha(data: &[u8]) {
    split_check(data, true);
}

fn split_check(data: &[u8], wrong_alpha: bool) {
    let mut b = Bytes::new(data);
    let act = activation(&mut b);
    let depth = b.count(2, 3);
    let mut widths = vec![b.count(1, 2)];
    widths.extend((1..depth).map(|_| b.count(1, 3)));
    widths.push(b.count(1, 2));
    let shape = Shape::with_biases(&widths).expect("widths are positive");
    let theta: Params<Q> = shape.params(&b.vector(shape.num_params()));
    let n = b.count(1, 3);
    let inputs: Vec<Vec<Q>> = (0..n).map(|_| b.vector(widths[0])).collect();
    let targets: Vec<Vec<Q>> = (0..n).map(|_| b.vector(widths[depth])).collect();
    let set = Dataset::new(inputs, targets).expect("shapes agree by construction");
    let fresh = b.vector(widths[0]);
    let (l, alpha) = (b.count(1, depth - 1), b.small_q());
    let s = b.below(widths[l]);
    let split = Split::new(&shape, l, s, alpha.clone()).expect("indices in range");
    let claimed =
        if wrong_alpha { Split::new(&shape, l, s, Q::one().sub(&alpha)).expect("in range") } else { split.clone() };

    let narrow = evaluate(&theta, &act, &set).expect("polynomial and piecewise σ have no poles");
    let forward = gradient_forward_mode(&theta, &act, &set).expect("no poles");
    assert_eq!(narrow.gradient, forward, "back-propagation and forward mode disagree");

    let wide_theta = split.apply(&theta).expect("narrow shape");
    let wide = evaluate(&wide_theta, &act, &set).expect("no poles");
    assert_eq!(wide.outputs, narrow.outputs, "splitting changed an output on the data");
    assert_eq!(
        outputs(&wide_theta, &act, &fresh, 1).expect("no poles"),
        outputs(&theta, &act, &fresh, 1).expect("no poles"),
        "splitting changed the output at a fresh input"
    );
    let predicted = claimed.transfer(&narrow.gradient).expect("narrow shape");
    assert_eq!(wide.gradient, predicted, "gradient transfer ∇R_wide(Tθ) = P_α ∇R_narr(θ) fails");
    let pulled = split.map().apply_transpose(&wide.gradient.flatten());
    assert_eq!(pulled, narrow.gradient.flatten(), "adjoint identity Tᵀ∇R_wide = ∇R_narr fails");
}

/// One catalogue case: a theorem chosen by the first byte, its case seed from the next eight,
/// and small sizes from the rest. Panics with the counterexample if the theorem fails.
pub fn catalogue_case(data: &[u8]) {
    let mut b = Bytes::new(data);
    let theorems = catalogue::all();
    let theorem = &theorems[b.below(theorems.len())];
    let seed = b.u64();
    let size =
        Size { max_width: b.count(1, 3), max_depth: b.count(2, 3), max_height: b.count(1, 5) as i64, loss: None };
    if let Outcome::Fails(c) = harness::run_case(theorem.as_ref(), seed, size) {
        panic!(
            "counterexample to {} (case seed {seed}, {size:?}): expected {}, computed {}\ncase: {}",
            theorem.id(),
            c.expected,
            c.computed,
            c.case
        );
    }
}

/// The exact inertia on a matrix of known inertia decoded from the bytes: A = PᵀDP with
/// n ∈ 13..=28 (above the size where plain elimination answers, so the certificates do), P unit
/// upper triangular with up to 3n small rational entries above the diagonal (det P = 1), and
/// D diagonal with small rationals (zeros allowed, so A may be singular) each times 2^{−k},
/// k ≤ 96 (so A's eigenvalues span far more than f64 resolves). By Sylvester's law of inertia
/// A has the inertia of D, its signs; [`inertia_certified`] (dominance certificate with
/// refinement, singular null-space certificate by Dixon lifting, or Bareiss) must say the same.
pub fn inertia_certified_is_sylvesters_count(data: &[u8]) {
    let mut b = Bytes::new(data);
    let n = b.count(13, 28);
    let d: Vec<Q> = (0..n).map(|_| b.small_q().mul(&Q::int(2).pow(-(i32::from(b.byte() % 97))))).collect();
    let mut p: Matrix<Q> = Matrix::identity(n);
    for _ in 0..b.count(0, 3 * n) {
        let (i, j) = (b.below(n), b.below(n));
        if i < j {
            p.set(i, j, b.small_q());
        }
    }
    let mut dm: Matrix<Q> = Matrix::zeros(n, n);
    for (i, x) in d.iter().enumerate() {
        dm.set(i, i, x.clone());
    }
    let a = p.transpose().mul(&dm).mul(&p);
    let count = |s: i32| d.iter().filter(|x| x.signum() == s).count();
    let want = Inertia::new(count(1), count(-1), count(0));
    let (got, method) = inertia_certified(&a);
    assert_eq!(got, want, "inertia by {method:?} differs from Sylvester's count (d = {d:?})");
}

/// Tensor files (`.safetensors` when the first byte is even, `.npz` when odd, the rest the file):
/// any bytes either fail with a located input error (exit code 2 or 3) or give arrays; arrays
/// that make a network (activation `relu`) or a data set are written back as F64 and must read
/// back as the same network or data set with every value rounded to the nearest double (what the
/// contract's writer stores). Values read from a float dtype are doubles, so for them the round
/// trip is the identity; only an integer of a 64-bit dtype beyond 2^53 may change.
pub fn parse_tensors_roundtrip(data: &[u8]) {
    use crate::io::tensors::{
        data_from_tensors, data_to_tensors, network_from_tensors, network_to_tensors, parse_npz, parse_safetensors,
        write_npz, write_safetensors,
    };
    let Some((&first, body)) = data.split_first() else { return };
    let (parsed, file) = if first % 2 == 0 {
        (parse_safetensors(body, "fuzz.safetensors"), "fuzz.safetensors")
    } else {
        (parse_npz(body, "fuzz.npz"), "fuzz.npz")
    };
    let tensors = match parsed {
        Err(e) => return assert_exit_code(&e),
        Ok(t) => t,
    };
    let relu = crate::activation::Activation::Exact(ExactActivation::Piecewise(Piecewise::relu()));
    match network_from_tensors(&tensors, file, Some(&relu)) {
        Err(e) => assert_exit_code(&e),
        Ok(net) => {
            let as_written = net.params.with_flat(&net.params.flatten().iter().map(nearest_double).collect::<Vec<_>>());
            for torch in [true, false] {
                let arrays = network_to_tensors(&net, torch);
                let again = if torch {
                    parse_safetensors(&write_safetensors(&arrays).expect("writes"), "rewritten.safetensors")
                } else {
                    parse_npz(&write_npz(&arrays).expect("writes"), "rewritten.npz")
                }
                .unwrap_or_else(|e| panic!("the writer's output does not parse: {e}"));
                let back =
                    network_from_tensors(&again, "rewritten", None).unwrap_or_else(|e| panic!("no network: {e}"));
                assert_eq!(back.params, as_written, "round trip is not rounding to the nearest double");
            }
        }
    }
    match data_from_tensors(&tensors, file) {
        Err(e) => assert_exit_code(&e),
        Ok(d) => {
            let again = parse_npz(&write_npz(&data_to_tensors(&d)).expect("writes"), "rewritten.npz").expect("reads");
            let as_written = d.map(nearest_double);
            let back = data_from_tensors(&again, "rewritten.npz").expect("data");
            assert_eq!(back, as_written, "round trip is not rounding to the nearest double");
        }
    }
}

/// The value the contract's F64 writer stores for `q`: the nearest double, as the rational it is.
fn nearest_double(q: &Q) -> Q {
    crate::scalar::q_from_f64(crate::scalar::f64_nearest(q)).expect("tensor values are below 2^64, so finite")
}
