//! The Hessian theorems hold on generated cases and each negative control is caught.

use embedcheck::hessian::theorems::{controls, theorems};
use embedcheck::rng::Rng;
use embedcheck::theorem::{Outcome, Size};

const SEEDS: u64 = 30;

#[test]
fn hessian_theorems_hold_on_generated_cases() {
    for t in theorems() {
        let mut held = 0;
        for seed in 0..SEEDS {
            match t.check(&mut Rng::new(seed), Size::default()) {
                Outcome::Holds(_) => held += 1,
                Outcome::NotApplicable(_) => {}
                Outcome::Fails(c) => panic!("{} fails at seed {seed}: {} vs {}", t.id(), c.expected, c.computed),
            }
        }
        assert!(held >= 5, "{}: only {held} applicable cases", t.id());
    }
}

#[test]
fn every_hessian_control_is_caught() {
    for t in controls() {
        let caught = (0..SEEDS).any(|seed| matches!(t.check(&mut Rng::new(seed), Size::default()), Outcome::Fails(_)));
        assert!(caught, "control {} was never caught", t.id());
    }
}
