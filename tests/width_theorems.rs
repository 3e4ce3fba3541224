//! Every width theorem holds on every applicable generated case, and every negative control is
//! caught (spec §6 items 1–5: "a checker that cannot fail is a defect").

use embedcheck::catalogue::verify;
use embedcheck::embed::theorems::{controls, theorems};
use embedcheck::theorem::certificate::{certificate, Verification};
use embedcheck::theorem::harness::{run, RunConfig};

#[test]
fn every_width_theorem_holds_on_generated_cases() {
    for t in theorems() {
        let tally = run(t.as_ref(), RunConfig { cases: 30, seed: 1, ..RunConfig::default() }, |_| {});
        eprintln!(
            "{:40} held {:3} n/a {:3} failed {:3} {:?} {:?}",
            tally.id, tally.held, tally.not_applicable, tally.failed, tally.elapsed, tally.example_not_applicable
        );
        assert_eq!(tally.failed, 0, "{}: {:?}", tally.id, tally.failure);
        assert!(tally.held >= 10, "{}: only {} cases held", tally.id, tally.held);
    }
}

#[test]
fn every_width_control_is_caught_and_its_shrunk_certificate_stands() {
    for t in controls() {
        let config = RunConfig { cases: 60, seed: 2, stop_at_first_failure: true, ..RunConfig::default() };
        let tally = run(t.as_ref(), config, |_| {});
        let failure = tally.failure.unwrap_or_else(|| panic!("{}: control not caught in 60 cases", t.id()));
        let cert = certificate(t.as_ref(), 2, &failure);
        let v = verify(&cert).unwrap();
        eprintln!("{:45} caught at case {} size {:?}: {v:?}", t.id(), failure.case_index, failure.size);
        assert_eq!(v, Verification::Stands, "{}", t.id());
    }
}
