//! The `depth.*` controls are namespaced, and the v3 strict-saddle claim is refuted on every
//! applicable case (that every entry holds on generated cases and every control is caught is
//! tested for the whole catalogue in `tests/theorem/catalogue.rs`).

use embedcheck::depth::controls;
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
fn depth_controls_are_namespaced_and_marked() {
    for c in controls() {
        assert!(c.id().starts_with("depth.") && c.id().contains(".control."), "{}", c.id());
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
