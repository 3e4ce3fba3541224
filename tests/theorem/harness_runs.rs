//! The harness: each case is reproducible from its own case seed, failures are shrunk to the
//! smallest failing size, and certificates carry what re-verification needs.

use embedcheck::catalogue;
use embedcheck::theorem::certificate::{certificate, FORMAT};
use embedcheck::theorem::harness::{case_seeds, run, run_case, RunConfig};
use embedcheck::theorem::{Outcome, Size};

#[test]
fn case_i_is_reproducible_from_its_case_seed_alone() {
    let t = catalogue::find("width.split.control.swapped_alpha").unwrap();
    let config = RunConfig { cases: 12, seed: 9, ..RunConfig::default() };
    let tally = run(t.as_ref(), config, |_| {});
    let f = tally.failure.unwrap();
    assert_eq!(case_seeds(9).nth(f.case_index as usize), Some(f.case_seed));
    match run_case(t.as_ref(), f.case_seed, f.size) {
        Outcome::Fails(cx) => assert_eq!(*cx, f.counterexample),
        other => panic!("not reproduced: {other:?}"),
    }
}

#[test]
fn failures_are_shrunk_to_a_size_no_larger_than_the_run_and_minimal_among_smaller_sizes() {
    let t = catalogue::find("width.compatible.control.broken_forward").unwrap();
    let size = Size { max_width: 3, max_depth: 3, max_height: 4, loss: None };
    let tally = run(
        t.as_ref(),
        RunConfig { cases: 5, seed: 4, size, stop_at_first_failure: true, ..RunConfig::default() },
        |_| {},
    );
    let f = tally.failure.unwrap();
    assert!(f.size.max_width <= 3 && f.size.max_depth <= 3 && f.size.max_height <= 4);
    // Every strictly smaller size in the shrink order (depth, width, height) passes or is n/a.
    for d in 2..=f.size.max_depth {
        for w in 1..=3 {
            for h in 1..=4 {
                let s = Size { max_width: w, max_depth: d, max_height: h, loss: None };
                if (d, w, h) < (f.size.max_depth, f.size.max_width, f.size.max_height) {
                    assert!(!matches!(run_case(t.as_ref(), f.case_seed, s), Outcome::Fails(_)), "{s:?} fails too");
                }
            }
        }
    }
}

#[test]
fn certificate_has_the_documented_fields() {
    let t = catalogue::find("width.null.control.no_sigma_beta").unwrap();
    let tally =
        run(t.as_ref(), RunConfig { cases: 5, seed: 1, stop_at_first_failure: true, ..RunConfig::default() }, |_| {});
    let c = certificate(t.as_ref(), 1, &tally.failure.unwrap());
    assert_eq!(c["format"], FORMAT);
    assert_eq!(c["theorem"], "width.null.control.no_sigma_beta");
    assert_eq!(c["embedcheck_version"], env!("CARGO_PKG_VERSION"));
    for k in ["seed", "case_seed", "size", "expected", "computed"] {
        assert!(!c[k].is_null(), "{k}");
    }
    assert_eq!(c["case"]["network"]["format"], "embedcheck.net/1");
    assert!(c["case"]["operator"]["null"]["beta"].is_string());
}

#[test]
fn catalogue_ids_are_unique_and_controls_are_marked() {
    let all = catalogue::all();
    let mut ids: Vec<_> = all.iter().map(|t| t.id()).chain(catalogue::controls().iter().map(|t| t.id())).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
    assert!(catalogue::controls().iter().all(|t| t.id().contains(".control.")));
    assert!(all.iter().all(|t| !t.id().contains(".control.")));
}
