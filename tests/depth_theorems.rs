//! The catalogue entries `depth.*` hold on generated cases (checked exactly), and each negative
//! control is caught: it fails on some generated case.

use embedcheck::depth::{controls, theorems};
use embedcheck::rng::Rng;
use embedcheck::theorem::{Outcome, Size, Theorem};

const SEEDS: u64 = 24;

fn run(t: &dyn Theorem) -> (usize, usize, Vec<String>) {
    let (mut holds, mut not_applicable, mut failures) = (0, 0, Vec::new());
    for seed in 0..SEEDS {
        match t.check(&mut Rng::new(seed), Size::default()) {
            Outcome::Holds(_) => holds += 1,
            Outcome::NotApplicable(_) => not_applicable += 1,
            Outcome::Fails(c) => {
                failures.push(format!("seed {seed}: expected {}, computed {}; case {}", c.expected, c.computed, c.case))
            }
        }
    }
    (holds, not_applicable, failures)
}

#[test]
fn every_depth_theorem_holds_on_generated_cases() {
    for t in theorems() {
        let (holds, na, failures) = run(t.as_ref());
        assert!(failures.is_empty(), "{} failed: {}", t.id(), failures.join("\n"));
        assert!(holds >= (SEEDS as usize) / 2, "{}: only {holds} cases held ({na} not applicable)", t.id());
    }
}

#[test]
fn every_depth_negative_control_is_caught() {
    for c in controls() {
        assert!(c.id().starts_with("depth.") && c.id().contains(".control."), "{}", c.id());
        let (_, _, failures) = run(c.as_ref());
        assert!(!failures.is_empty(), "negative control {} was not caught on {SEEDS} seeds", c.id());
    }
}

#[test]
fn the_v3_strict_saddle_claim_is_refuted_whenever_it_applies() {
    // Spec §3.3: at exact critical points lifting preserves n₋, so the v3 claim fails on every
    // applicable case (θ a local minimum in the Hessian sense), never holds.
    let v3 = controls().into_iter().find(|c| c.id() == "depth.lift.inertia.control.v3_strict_saddle").unwrap();
    let (holds, _, failures) = run(v3.as_ref());
    assert_eq!(holds, 0);
    assert!(!failures.is_empty());
}
