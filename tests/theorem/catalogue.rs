//! The whole catalogue in one place: every theorem holds on its generated cases, and every
//! negative control is caught ("a checker that cannot fail is a defect", width-depth spec §6).
//! Both run through the harness, as `embedcheck check` does (each theorem's width rule applied,
//! failures shrunk), so a theorem added to its domain's `theorems()` or `controls()` is tested
//! here without touching this file.

use embedcheck::catalogue;
use embedcheck::theorem::harness::{run, RunConfig};

/// Cases per theorem (as in `embedcheck check --cases 30`); seed 1 is the default run's.
const CASES: u64 = 30;

#[test]
fn every_catalogue_theorem_holds_on_its_generated_cases() {
    let config = RunConfig { cases: CASES, seed: 1, ..RunConfig::default() };
    for t in catalogue::all() {
        let tally = run(t.as_ref(), config, |_| {});
        if let Some(f) = &tally.failure {
            panic!(
                "{} fails (case {}, case seed {}): expected {}, computed {}; case {}",
                t.id(),
                f.case_index,
                f.case_seed,
                f.counterexample.expected,
                f.counterexample.computed,
                f.counterexample.case
            );
        }
        // At least half the cases meet the hypotheses, so "holds" is not vacuous.
        assert!(
            2 * tally.held >= CASES,
            "{}: only {} of {CASES} cases applicable ({:?})",
            t.id(),
            tally.held,
            tally.example_not_applicable
        );
    }
}

#[test]
fn every_control_is_caught_in_the_default_run() {
    let config = RunConfig { stop_at_first_failure: true, ..RunConfig::default() };
    assert_eq!((config.cases, config.seed), (100, 1));
    let missed: Vec<&str> = catalogue::controls()
        .iter()
        .filter(|c| run(c.as_ref(), config, |_| {}).failure.is_none())
        .map(|c| c.id())
        .collect();
    assert!(missed.is_empty(), "controls not caught in 100 cases at seed 1: {missed:?}");
}
