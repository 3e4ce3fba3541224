//! Symmetry-induced critical points (Şimşek et al., ICML 2021; symmetry spec A.5 and A.7 item 4):
//! an exact critical point with nonzero residual, lifted along surjections, null and zero-type
//! neurons, and the lifting identity at non-critical points. All checks are equalities in Q.

use crate::common;

use common::{q, qs};
use embedcheck::activation::{Activation, ExactActivation};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Field, Ring, Q};
use embedcheck::symmetry::enumerate::{for_each_map, surjections};
use embedcheck::symmetry::lifting::{as_lift_map, lifting_identity_holds, random_betas};
use embedcheck::symmetry::{exact_saddle, lift, LiftError, Shallow};

fn sigma(c0: &str) -> ExactActivation {
    // The spec's σ(t) = c0 + t + t²/2 − t³/3 (A.7 script, section D).
    Activation::poly(qs(&[c0, "1", "1/2", "-1/3"])).exact().unwrap().clone()
}

fn mean(v: &[Q]) -> Q {
    v.iter().fold(Q::zero(), |s, x| s.add(x)).div(&Q::int(v.len() as i64)).unwrap()
}

#[test]
fn exact_saddle_is_critical_with_positive_loss() {
    for (seed, c0) in [(1, "0"), (2, "1/4"), (3, "0"), (4, "-2")] {
        let s = exact_saddle(&mut Rng::new(seed), 2, 2, &sigma(c0)).unwrap();
        let e = s.net.evaluate(&sigma(c0), &s.data).unwrap();
        assert!(e.is_critical(), "seed {seed}");
        assert!(e.loss.primal_cmp_zero() == Some(std::cmp::Ordering::Greater), "seed {seed}: loss {}", e.loss);
        assert!(s.residual.iter().any(|x| !x.is_zero()));
    }
}

/// Spec A.5: duplication with βs 2/3, −5/4, 19/12 (neuron 1 into three) and 7/2, −5/2 (neuron 2
/// into two) keeps the gradient exactly zero, for σ(0) = 0 and σ(0) ≠ 0. (The spec's text prints
/// the third β as 7/12, but 2/3 − 5/4 + 7/12 = 0; its script computes 1 − 2/3 + 5/4 = 19/12.)
#[test]
fn duplication_with_the_spec_betas_keeps_the_saddle_critical() {
    let pi = [0, 0, 0, 1, 1];
    let beta = qs(&["2/3", "-5/4", "19/12", "7/2", "-5/2"]);
    for c0 in ["0", "1/4"] {
        let s = exact_saddle(&mut Rng::new(7), 2, 2, &sigma(c0)).unwrap();
        let lifted = lift(&s.net, &as_lift_map(&pi), &beta).unwrap();
        let e = lifted.evaluate(&sigma(c0), &s.data).unwrap();
        assert!(e.is_critical());
        let base = s.net.evaluate(&sigma(c0), &s.data).unwrap();
        assert_eq!(e.outputs, base.outputs, "the lift computes the same function");
        assert_eq!(e.loss, base.loss);
    }
}

/// Spec A.5: every one of the G(2, 4) = 14 surjections, with random splittings, lifts the saddle
/// to a critical point.
#[test]
fn every_surjection_lifts_the_saddle_to_a_critical_point() {
    let mut rng = Rng::new(11);
    let s = exact_saddle(&mut rng, 2, 2, &sigma("1/4")).unwrap();
    let all = surjections(4, 2);
    assert_eq!(all.len(), 14);
    for pi in all {
        let map = as_lift_map(&pi);
        let beta = random_betas(&mut rng, &map, 2);
        let e = lift(&s.net, &map, &beta).unwrap().evaluate(&sigma("1/4"), &s.data).unwrap();
        assert!(e.is_critical(), "π = {pi:?}, β = {beta:?}");
    }
}

/// Spec A.5, the lifting identity at a non-critical point: ∂L/∂a_j = ∂L/∂a_π(j),
/// ∂L/∂w_j = β_j ∂L/∂w_π(j).
#[test]
fn lifting_identity_holds_at_non_critical_points() {
    let pi = [0, 0, 0, 1, 1];
    let beta = qs(&["2/3", "-5/4", "19/12", "7/2", "-5/2"]);
    let mut rng = Rng::new(5);
    let s = exact_saddle(&mut rng, 2, 2, &sigma("1/4")).unwrap();
    let other = Shallow::random_irreducible(&mut rng, 2, 2, 5);
    let base = other.evaluate(&sigma("1/4"), &s.data).unwrap();
    assert!(!base.is_critical(), "the test needs a non-critical point");
    let lifted = lift(&other, &as_lift_map(&pi), &beta).unwrap().evaluate(&sigma("1/4"), &s.data).unwrap();
    assert!(lifting_identity_holds(&base.gradient, &lifted.gradient, &pi, &beta));
    // Negative control: without the β factor on ∂L/∂w the identity is false here.
    let ones = vec![Q::one(); 5];
    assert!(!lifting_identity_holds(&base.gradient, &lifted.gradient, &pi, &ones));
}

/// Spec A.5: a null neuron (0, 0) keeps criticality iff σ(0) = 0 (its ∂L/∂a is σ(0)·E[δ]).
#[test]
fn null_neuron_is_critical_iff_sigma_at_zero_vanishes() {
    for (c0, expect) in [("0", true), ("1/4", false), ("-2", false)] {
        // d = 2: see the G0 test for why d = 1 with a cubic σ forces E[δ] = 0.
        let s = exact_saddle(&mut Rng::new(3), 2, 2, &sigma(c0)).unwrap();
        assert!(!mean(&s.residual).is_zero(), "E[δ] ≠ 0 for this case");
        let with_null = s.net.with_neuron(vec![Q::zero(); 2], Q::zero());
        let e = with_null.evaluate(&sigma(c0), &s.data).unwrap();
        assert_eq!(e.is_critical(), expect, "σ(0) = {c0}");
        // ∂L/∂a of the null neuron is exactly σ(0)·E[δ].
        assert_eq!(e.gradient.a[2], q(c0).mul(&mean(&s.residual)));
    }
}

/// Spec A.5, the negative control: a zero-type neuron (a = 0, w free) at nonzero residual is not
/// critical, since ∂L/∂a = E[δ σ(w·x)] ≠ 0.
#[test]
fn zero_type_neuron_at_nonzero_residual_is_not_critical() {
    let mut rng = Rng::new(9);
    for c0 in ["0", "1/4"] {
        let s = exact_saddle(&mut rng, 2, 2, &sigma(c0)).unwrap();
        let e = s.net.with_neuron(qs(&["3/2", "-1"]), Q::zero()).evaluate(&sigma(c0), &s.data).unwrap();
        assert!(!e.is_critical());
        assert!(!e.gradient.a[2].is_zero());
    }
}

/// G0 (spec A.4/A.5): maps {1..m} → {null, 1..r} hitting every base neuron give critical points iff
/// there is no null neuron or σ(0) = 0 (given E[δ] ≠ 0, asserted). Input dimension 2: with d = 1
/// and a cubic σ the gradient directions span every cubic in x, constants included, which forces
/// E[δ] = 0 and makes null neurons critical for any σ(0).
#[test]
fn g0_lifts_are_critical_iff_no_null_neuron_or_sigma_at_zero_vanishes() {
    let mut rng = Rng::new(21);
    for c0 in ["0", "1/4"] {
        let s = exact_saddle(&mut rng, 2, 2, &sigma(c0)).unwrap();
        assert!(!mean(&s.residual).is_zero());
        let mut checked = 0;
        for_each_map(4, 3, |m| {
            let map: Vec<Option<usize>> = m.iter().map(|&k| k.checked_sub(1)).collect();
            if !(0..2).all(|i| map.contains(&Some(i))) {
                return;
            }
            let beta = random_betas(&mut rng, &map, 2);
            let e = lift(&s.net, &map, &beta).unwrap().evaluate(&sigma(c0), &s.data).unwrap();
            let has_null = map.contains(&None);
            assert_eq!(e.is_critical(), !has_null || c0 == "0", "map {map:?}, σ(0) = {c0}");
            checked += 1;
        });
        assert_eq!(checked, 50, "G0(2, 4) = 2!·S(5, 3) = 50");
    }
}

#[test]
fn lift_rejects_betas_that_do_not_split() {
    // The spec's printed βs 2/3, −5/4, 7/12 sum to 0, not 1: not a splitting.
    let two = Shallow { w: vec![qs(&["1", "0"]), qs(&["0", "1"])], a: qs(&["1", "1"]) };
    let printed = qs(&["2/3", "-5/4", "7/12", "7/2", "-5/2"]);
    assert_eq!(
        lift(&two, &as_lift_map(&[0, 0, 0, 1, 1]), &printed).unwrap_err(),
        LiftError::FibreSum { base: 1, sum: q("0") }
    );
    let net = Shallow { w: vec![qs(&["1"]), qs(&["2"])], a: qs(&["1", "1"]) };
    let err = lift(&net, &as_lift_map(&[0, 0, 1]), &qs(&["1/2", "1/3", "1"])).unwrap_err();
    assert_eq!(err, LiftError::FibreSum { base: 1, sum: q("5/6") });
    assert_eq!(
        lift(&net, &as_lift_map(&[0, 0]), &qs(&["1/2", "1/2"])).unwrap_err(),
        LiftError::FibreSum { base: 2, sum: q("0") }
    );
}
