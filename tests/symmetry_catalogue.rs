//! The `symmetry.*` catalogue entries hold on generated cases, and every negative control is
//! caught (produces `Outcome::Fails` on some seed).

use embedcheck::rng::Rng;
use embedcheck::symmetry::{controls, theorems};
use embedcheck::theorem::{Outcome, Size};
use std::collections::HashSet;

const SEEDS: u64 = 25;

#[test]
fn every_symmetry_theorem_holds_on_generated_cases() {
    for t in theorems() {
        let mut held = 0;
        for seed in 0..SEEDS {
            match t.check(&mut Rng::new(seed), Size::default()) {
                Outcome::Holds(_) => held += 1,
                Outcome::NotApplicable(_) => {}
                Outcome::Fails(c) => panic!("{} fails at seed {seed}: {c:?}", t.id()),
            }
        }
        assert!(held >= SEEDS as usize / 2, "{}: only {held} applicable cases", t.id());
    }
}

#[test]
fn every_symmetry_control_is_caught() {
    for c in controls() {
        let caught = (0..SEEDS).any(|seed| matches!(c.check(&mut Rng::new(seed), Size::default()), Outcome::Fails(_)));
        assert!(caught, "{} was never caught", c.id());
    }
}

#[test]
fn ids_are_unique_and_namespaced() {
    let all: Vec<_> = theorems().into_iter().chain(controls()).collect();
    let ids: HashSet<_> = all.iter().map(|t| t.id()).collect();
    assert_eq!(ids.len(), all.len());
    assert!(theorems().iter().all(|t| t.id().starts_with("symmetry.") && !t.id().contains(".control.")));
    assert!(controls().iter().all(|t| t.id().starts_with("symmetry.") && t.id().contains(".control.")));
}
