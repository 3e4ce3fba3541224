//! Spec width-depth §3.4, Ex F: exact critical lifting of a ReLU net, reproduced from the files
//! under `examples/depth_ex_f/`. Expected values are the spec's (hand-derived there and checked by
//! its independent Python script), not this crate's output.

use crate::common;

use common::{q, qs};
use embedcheck::activation::ExactActivation;
use embedcheck::data::Dataset;
use embedcheck::depth::second_order::loss_hessian;
use embedcheck::depth::segment::NotAffine;
use embedcheck::depth::{check_membership, critical_lifting, merge, Construction, LiftError, Violation};
use embedcheck::io::{read_data, read_network};
use embedcheck::linalg::{inertia, Inertia};
use embedcheck::loss::ExactLoss;
use embedcheck::net::{evaluate, outputs, Network};
use embedcheck::scalar::{Ring, Q};

const DIR: &str = "examples/depth_ex_f";

fn net(name: &str) -> Network<Q> {
    read_network(&format!("{DIR}/{name}")).unwrap()
}

fn data(name: &str) -> Dataset<Q> {
    read_data(&format!("{DIR}/{name}")).unwrap()
}

fn relu(n: &Network<Q>) -> ExactActivation {
    n.activation.exact().unwrap().clone()
}

fn critical_with_inertia(n: &Network<Q>, d: &Dataset<Q>, want: Inertia) {
    let act = relu(n);
    let ev = evaluate(&n.params, &act, d).unwrap();
    assert!(ev.kinks.is_empty(), "no pre-activation at ReLU's kink");
    assert!(ev.gradient_is_zero(), "exactly critical");
    assert_eq!(ev.loss, q("1/7"), "R_S = 1/7 for every member of T_S(θ)");
    assert_eq!(inertia(&loss_hessian(&n.params, &act, &ExactLoss::Mse, d).unwrap()), want);
}

#[test]
fn ex_f_narrow_net_is_critical_with_inertia_5_0_2() {
    let (n, d) = (net("narrow.net.json"), data("ex_f.data.json"));
    let ev = evaluate(&n.params, &relu(&n), &d).unwrap();
    let residuals: Vec<Q> = ev.outputs.iter().zip(d.targets()).map(|(f, y)| f[0].sub(&y[0])).collect();
    assert_eq!(residuals, qs(&["-1", "1", "0", "0", "0", "0", "0"]));
    critical_with_inertia(&n, &d, Inertia::new(5, 0, 2));
}

#[test]
fn ex_f_identity_lift_after_layer_1_is_the_spec_net_with_inertia_5_0_8() {
    let (n, d) = (net("narrow.net.json"), data("ex_f.data.json"));
    let lifted = critical_lifting(&n.params, &relu(&n), &d, 1, None, Construction::Identity, None).unwrap();
    let expected = net("lift_q1.net.json");
    assert_eq!(lifted.deep, expected.params, "W' = I, b' = (1/2, 1/2), V = (−1, 2), c = −1/2");
    assert_eq!(expected.params.num_params() - n.params.num_params(), 6, "M' − M = 6");
    critical_with_inertia(&expected, &d, Inertia::new(5, 0, 8));
}

#[test]
fn ex_f_identity_lift_after_the_input_is_the_spec_net_with_inertia_5_0_4() {
    let (n, d) = (net("narrow.net.json"), data("ex_f.data.json"));
    let lifted = critical_lifting(&n.params, &relu(&n), &d, 0, None, Construction::Identity, None).unwrap();
    let expected = net("lift_q0.net.json");
    assert_eq!(lifted.deep, expected.params, "W' = 1, b' = 7/2, V = W^[1], c = (−3, −9/2)");
    critical_with_inertia(&expected, &d, Inertia::new(5, 0, 4));
}

#[test]
fn ex_f_second_member_is_critical_with_inertia_5_0_8_and_merges_back() {
    let (n, d) = (net("narrow.net.json"), data("ex_f.data.json"));
    let second = net("lift_q1_second.net.json");
    let segs = check_membership(&n.params, &second.params, &relu(&n), &d, 1).unwrap();
    assert!(segs.iter().all(|s| s.lambda == q("1")));
    critical_with_inertia(&second, &d, Inertia::new(5, 0, 8));
    for name in ["lift_q1.net.json", "lift_q1_second.net.json"] {
        assert_eq!(merge(&net(name).params, &relu(&n), &d, 2).unwrap().params, n.params, "Ψ(θ') = θ");
    }
    assert_eq!(merge(&net("lift_q0.net.json").params, &relu(&n), &d, 1).unwrap().params, n.params);
}

#[test]
fn ex_f_outputs_differ_off_the_data_at_x_4() {
    // Negative control of "output preserved": only on S_x (and near it), not on all of R.
    let (n, second) = (net("narrow.net.json"), net("lift_q1_second.net.json"));
    let act = relu(&n);
    assert_eq!(outputs(&n.params, &act, &qs(&["4"]), 1).unwrap(), qs(&["3/2"]));
    assert_eq!(outputs(&second.params, &act, &qs(&["4"]), 1).unwrap(), qs(&["1"]));
}

#[test]
fn ex_f_adding_x_6_expels_the_second_member_from_t_s() {
    // [P3] Prop. 3 as a negative control: S' = S ∪ {6} ⊋ S, and the second member is not in T_{S'}(θ):
    // its first inserted pre-activation at x = 6 is
    // W'_1 f^[1](6) + b'_1 = σ(6 + 1/2) − 2σ(6 − 1) + 1 = 13/2 − 10 + 1 = −5/2.
    let (n, second) = (net("narrow.net.json"), net("lift_q1_second.net.json"));
    let bigger = data("ex_f_plus_x6.data.json");
    let v = check_membership(&n.params, &second.params, &relu(&n), &bigger, 1).unwrap_err();
    match v {
        Violation::Linearization(NotAffine { neuron, sample, pre, .. }) => {
            assert_eq!((neuron, sample, pre), (1, 8, q("-5/2")));
        }
        other => panic!("expected a condition (ii) violation, got {other}"),
    }
    let refused = merge(&second.params, &relu(&n), &bigger, 2).unwrap_err();
    assert!(matches!(refused, LiftError::NotAffine { layer: 2, cause: NotAffine { neuron: 1, sample: 8, .. } }));
}

#[test]
fn ex_f_lemma_lifts_are_critical_members_in_both_width_cases() {
    // q = 1: m_2 = 1 ≤ m_1 = 2 (first case); q = 0: m_0 = 1 ≤ m_1 = 2 (second case).
    let (n, d) = (net("narrow.net.json"), data("ex_f.data.json"));
    let act = relu(&n);
    // M' − M = m_q̂ (m_q + m_{q+1} + 1) − m_q m_{q+1} (spec §3.3); DΨ is onto for these lifts, so the
    // inertia is (5, 0, 2 + M' − M).
    for (q_layer, width, m_hat, m_q, m_next) in [(1, None, 1, 2, 1), (0, None, 1, 1, 2), (1, Some(3), 3, 2, 1)] {
        let lifted = critical_lifting(&n.params, &act, &d, q_layer, width, Construction::Lemma, None).unwrap();
        check_membership(&n.params, &lifted.deep, &act, &d, q_layer).unwrap();
        let deep = Network { activation: n.activation.clone(), params: lifted.deep.clone() };
        let extra = m_hat * (m_q + m_next + 1) - m_q * m_next;
        assert_eq!(deep.params.num_params() - n.params.num_params(), extra);
        critical_with_inertia(&deep, &d, Inertia::new(5, 0, 2 + extra));
    }
}

#[test]
fn near_critical_ex_f_lift_gains_negative_eigenvalues_that_exact_criticality_removes() {
    // Spec §3.3 ("likely source of the v3 observation"): at a non-critical point the term
    // Σ_k g_k ∇²Ψ_k is an indefinite coupling, so the lift has more negative eigenvalues than the
    // narrow point; at the exact critical point (δ = 0) n₋ is preserved (tested above).
    let (n, d) = (net("narrow.net.json"), data("ex_f.data.json"));
    let act = relu(&n);
    let v = [1, -1, 2, 0, 1, -2, 1];
    let targets = d.targets().iter().zip(v).map(|(y, vi)| vec![y[0].add(&Q::new(vi, 10_000))]).collect();
    let near = d.with_targets(targets).unwrap();
    assert!(!evaluate(&n.params, &act, &near).unwrap().gradient_is_zero());
    let lifted = critical_lifting(&n.params, &act, &near, 1, None, Construction::Identity, None).unwrap();
    let narrow_neg = inertia(&loss_hessian(&n.params, &act, &ExactLoss::Mse, &near).unwrap()).negative;
    let lifted_neg = inertia(&loss_hessian(&lifted.deep, &act, &ExactLoss::Mse, &near).unwrap()).negative;
    assert!(lifted_neg > narrow_neg, "n₋ {narrow_neg} → {lifted_neg}");
}

#[test]
fn ex_f_hessians_agree_with_the_hessian_module() {
    // Two independent routes: nested duals through the loss (depth::second_order) and the hessian
    // module's forward-over-reverse Hessian.
    let d = data("ex_f.data.json");
    for name in ["narrow.net.json", "lift_q1.net.json", "lift_q1_second.net.json", "lift_q0.net.json"] {
        let n = net(name);
        let act = relu(&n);
        assert_eq!(
            loss_hessian(&n.params, &act, &ExactLoss::Mse, &d).unwrap(),
            embedcheck::hessian::hessian(&n.params, &act, &d).unwrap(),
            "{name}"
        );
    }
}
