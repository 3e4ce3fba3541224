//! `certify`'s bounds on the inertia at the input's width (`proofs/certify.md` §6), checked
//! against Fukumizu and Amari's sign structure for a split two-layer net: splitting a strict
//! minimum of the width-1 net (the σ5 plateau point of `train_condense`) with α ∈ (0, 1) adds a
//! block α(1−α)·a·B on the difference directions and one exact zero (the line of α's), so the
//! wide point has n₊ = 4 + 2 and one zero; with α = 2 the factor α(1−α) < 0 flips the block, and
//! the wide point is a strict saddle with n₋ = 2. The inputs are that minimum split both ways
//! with a 10⁻⁹ jitter.

use embedcheck::certify::{certify, Options, Verdict, WideInertia};
use embedcheck::io::{read_data, read_network};
use std::process::Command;

const DATA: &str = "examples/certify/teacher_tanh3.data.json";

fn wide(net: &str) -> WideInertia {
    let net = read_network(net).unwrap();
    let data = read_data(DATA).unwrap();
    let r = certify(&net.params, net.activation.exact().unwrap(), &data, &Options::default()).unwrap();
    let Verdict::Certified { inertia, .. } = r.verdict else { panic!("{:?}", r.verdict) };
    assert_eq!(inertia.map(|i| (i.positive, i.negative, i.zero)), Some((4, 0, 0)), "the narrow minimum");
    r.wide.expect("computed").expect("bounds")
}

#[test]
fn a_split_with_alpha_inside_the_unit_interval_keeps_the_minimum_positive_on_the_split_block() {
    let w = wide("examples/certify/plateau_split_inside.net.json");
    assert_eq!((w.params, w.positive_at_least, w.negative_at_least), (7, 6, 0));
}

/// Negative control on soundness: the direction along the line of α's is an exact zero of the
/// wide Hessian, so no sound bound can count all seven eigenvalues.
#[test]
fn the_exact_zero_of_the_alpha_line_is_never_counted() {
    let w = wide("examples/certify/plateau_split_inside.net.json");
    assert!(w.positive_at_least + w.negative_at_least < w.params);
}

#[test]
fn a_split_with_alpha_outside_the_unit_interval_is_a_proved_strict_saddle() {
    let w = wide("examples/certify/plateau_split_outside.net.json");
    assert_eq!((w.params, w.positive_at_least, w.negative_at_least), (7, 4, 2));
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["certify", "--net", "examples/certify/plateau_split_outside.net.json", "--data", DATA, "--json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["wide_inertia"]["negative_at_least"], 2);
    assert!(report["wide_classification"].as_str().unwrap().starts_with("strict saddle"));
    assert_eq!(report["classification"], "strict local minimum (positive definite Hessian)", "the narrow point");
}

/// Nothing to embed back: no wide bounds, and the reason says so.
#[test]
fn a_net_with_nothing_to_merge_has_no_wide_bounds() {
    let net = read_network("examples/certify/narrow_trained.net.json").unwrap();
    let data = read_data("examples/certify/teacher20.data.json").unwrap();
    let r = certify(&net.params, net.activation.exact().unwrap(), &data, &Options::default()).unwrap();
    assert!(
        matches!(r.wide, Some(Err(why)) if why == embedcheck::certify::NoWideBounds::Reduced && why.to_string().contains("reduced network"))
    );
}
