//! `certify_observed` reports its stages in the order the proof runs them (what `certify`'s
//! progress display shows): the reduction, each Newton step with a gradient that ends tiny, at
//! least one Krawczyk box, and the inertia only once a box is proved.

use embedcheck::certify::{certify_observed, Options, Stage, Verdict};
use embedcheck::io::{read_data, read_network};
use embedcheck::scalar::{Ring, Q};

#[test]
fn certify_reports_reduction_newton_krawczyk_and_inertia_in_order() {
    let net = read_network("examples/certify/split_trained.net.json").unwrap();
    let data = read_data("examples/certify/teacher20.data.json").unwrap();
    let mut stages = Vec::new();
    let r = certify_observed(&net.params, net.activation.exact().unwrap(), &data, &Options::default(), &mut |s| {
        stages.push(s)
    })
    .unwrap();
    assert!(matches!(r.verdict, Verdict::Certified { .. }));
    assert_eq!(stages.first(), Some(&Stage::Reduced(vec![1, 1, 1])));
    let newton: Vec<f64> = stages
        .iter()
        .filter_map(|s| if let Stage::Newton { gradient, .. } = s { Some(*gradient) } else { None })
        .collect();
    assert_eq!(newton.len(), r.newton_steps);
    assert!(newton.last().is_some_and(|g| *g < 1e-12), "{newton:?}");
    let first_box = stages.iter().position(|s| matches!(s, Stage::Krawczyk { .. })).expect("a Krawczyk box");
    assert!(stages[1..first_box].iter().all(|s| matches!(s, Stage::Newton { .. })), "{stages:?}");
    assert_eq!(stages.last(), Some(&Stage::Inertia));
    assert_eq!(stages.iter().filter(|s| **s == Stage::Inertia).count(), 1);
}

#[test]
fn a_point_that_is_not_certified_never_reaches_the_inertia_stage() {
    let net = read_network("examples/certify/split_trained.net.json").unwrap();
    let data = read_data("examples/certify/teacher20.data.json").unwrap();
    let far = net.params.map(|v| v.add(&Q::int(3)));
    let opts = Options { newton_steps: 0, ..Options::default() };
    let mut stages = Vec::new();
    let r = certify_observed(&far, net.activation.exact().unwrap(), &data, &opts, &mut |s| stages.push(s)).unwrap();
    assert!(matches!(r.verdict, Verdict::NotCertified(_)), "{:?}", r.verdict);
    assert!(!stages.contains(&Stage::Inertia), "{stages:?}");
}
