//! The `linear.*` catalogue entries hold on generated cases, and every negative control is
//! caught (spec symmetry-linear B.6).

use embedcheck::linear::{controls, theorems};
use embedcheck::rng::Rng;
use embedcheck::theorem::{Outcome, Size};

const SEEDS: u64 = 12;

#[test]
fn every_linear_theorem_holds_on_generated_cases() {
    for t in theorems() {
        assert!(t.id().starts_with("linear."));
        let mut held = 0;
        for seed in 0..SEEDS {
            match t.check(&mut Rng::new(seed), Size::default()) {
                Outcome::Holds(_) => held += 1,
                Outcome::NotApplicable(_) => {}
                Outcome::Fails(c) => panic!("{} failed on seed {seed}: {c:?}", t.id()),
            }
        }
        assert!(held > 0, "{} never applied", t.id());
    }
}

#[test]
fn every_linear_negative_control_is_caught() {
    for c in controls() {
        assert!(c.id().contains(".control."));
        let caught = (0..SEEDS).any(|seed| matches!(c.check(&mut Rng::new(seed), Size::default()), Outcome::Fails(_)));
        assert!(caught, "control {} was never caught", c.id());
    }
}
