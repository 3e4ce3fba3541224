//! Gradients on hand-derived cases (derivations in `proofs/gradient-identities.md`, §Examples).

use crate::common;
use common::*;
use embedcheck::net::{evaluate, gradient_forward_mode};

/// Spec Ex A: outputs 4, 6, 12; R = 83/3; ∇R = [250/3, −49/3, 116/3, 22/3, 24, 12, 20/3].
#[test]
fn ex_a_gradient_matches_the_hand_derivation_in_both_modes() {
    let (params, sigma, data) = ex_a();
    let act = sigma.exact().unwrap();
    let eval = evaluate(&params, act, &data).unwrap();
    assert_eq!(eval.outputs, vec![qs(&["4"]), qs(&["6"]), qs(&["12"])]);
    assert_eq!(eval.loss, q("83/3"));
    let expected = qs(&["250/3", "-49/3", "116/3", "22/3", "24", "12", "20/3"]);
    assert_eq!(eval.gradient.flatten(), expected);
    assert!(eval.kinks.is_empty());
    let fwd = gradient_forward_mode(&params, act, &data).unwrap();
    assert_eq!(fwd.flatten(), expected);
}
