//! Membership in T_S(θ) ([P3] Def. 3) names the violated condition, and the lifting constructions
//! refuse inputs they cannot handle with a located error. Cases are Ex F (spec §3.4) edited by hand.

use crate::common;

use common::{ex_a, q};
use embedcheck::depth::{check_membership, critical_lifting, Construction, LiftError, Violation};
use embedcheck::io::{read_data, read_network};

const D: &str = "examples/depth_ex_f";

#[test]
fn membership_names_conditions_i_and_iii_and_the_place() {
    let n = read_network(&format!("{D}/narrow.net.json")).unwrap();
    let d = read_data(&format!("{D}/ex_f.data.json")).unwrap();
    let act = n.activation.exact().unwrap();
    let good = read_network(&format!("{D}/lift_q1.net.json")).unwrap().params;

    let mut bad = good.clone();
    bad.layer_mut(1).bias.as_mut().unwrap()[1] = q("-2");
    assert_eq!(check_membership(&n.params, &bad, act, &d, 1), Err(Violation::Local { deep_layer: 1, layer: 1 }));

    let mut bad = good.clone();
    bad.layer_mut(3).weight.set(0, 1, q("3"));
    assert_eq!(check_membership(&n.params, &bad, act, &d, 1), Err(Violation::OutputWeight { row: 1, col: 2 }));

    let mut bad = good.clone();
    bad.layer_mut(3).bias.as_mut().unwrap()[0] = q("0");
    assert_eq!(check_membership(&n.params, &bad, act, &d, 1), Err(Violation::OutputBias { row: 1 }));

    // Read as a lift after the input (q = 0) the widths (1, 2, 2, 1) fit Def. 1, but deep layer 3
    // must then equal narrow layer 2, and its bias is −1/2, not 0: condition (i).
    assert_eq!(check_membership(&n.params, &good, act, &d, 0), Err(Violation::Local { deep_layer: 3, layer: 2 }));
    let q0 = read_network(&format!("{D}/lift_q0.net.json")).unwrap().params;
    assert!(matches!(check_membership(&n.params, &q0, act, &d, 1), Err(Violation::Shape(_))));

    // Condition (ii): shift the first inserted bias so that x = −3 (f^[1] = (0, 0)) sits on the kink.
    let mut bad = good.clone();
    bad.layer_mut(2).bias.as_mut().unwrap()[0] = q("0");
    match check_membership(&n.params, &bad, act, &d, 1) {
        Err(Violation::Linearization(e)) => assert_eq!((e.neuron, e.sample, e.pre), (1, 1, q("0"))),
        other => panic!("expected condition (ii), got {other:?}"),
    }
}

#[test]
fn lifting_refuses_activations_without_an_affine_segment_and_too_narrow_layers() {
    // Ex A: σ(t) = t + t² has no affine segment ([P3] Assumption 1 fails).
    let (params, act, data) = ex_a();
    let e = critical_lifting(&params, act.exact().unwrap(), &data, 1, None, Construction::Lemma, None).unwrap_err();
    assert!(matches!(e, LiftError::NoAffineSegment(_)), "{e}");

    let n = read_network(&format!("{D}/narrow.net.json")).unwrap();
    let d = read_data(&format!("{D}/ex_f.data.json")).unwrap();
    let act = n.activation.exact().unwrap();
    // The identity lift after hidden layer 1 needs m_q̂ ≥ m_1 = 2.
    let e = critical_lifting(&n.params, act, &d, 1, Some(1), Construction::Identity, None).unwrap_err();
    assert!(matches!(e, LiftError::Width { requested: 1, min: 2, .. }), "{e}");
    let e = critical_lifting(&n.params, act, &d, 2, None, Construction::Lemma, None).unwrap_err();
    assert!(matches!(e, LiftError::Layer { q: 2, depth: 2 }), "{e}");
}
