//! The exact Hessian and its inertia on the spec's worked examples (width-depth §2.6 Ex C–E,
//! §4 Ex G): expected inertias are the spec's [checked] values.

use crate::hessian_common;

use embedcheck::hessian::{hessian, hessian_forward};
use embedcheck::linalg::{
    characteristic_polynomial, descartes_inertia, inertia, inertia_bareiss, inertia_certified, Inertia,
};
use embedcheck::net::evaluate;
use hessian_common::{ex_c, ex_d, ex_e, ex_g, null, q, split, Example};

/// The inertia of H at the example, after checking that the two Hessian paths agree exactly
/// and that four inertia methods agree (congruence, Bareiss, certified, Descartes).
fn checked_inertia(ex: &Example) -> Inertia {
    let act = ex.act.exact().unwrap();
    let h = hessian(&ex.params, act, &ex.data).unwrap();
    assert_eq!(h, hessian_forward(&ex.params, act, &ex.data).unwrap(), "forward-over-reverse ≠ forward-over-forward");
    let i = inertia(&h);
    assert_eq!(i, inertia_bareiss(&h));
    assert_eq!(i, inertia_certified(&h).0);
    assert_eq!(i, descartes_inertia(&characteristic_polynomial(&h)));
    i
}

fn critical(ex: &Example) -> bool {
    evaluate(&ex.params, ex.act.exact().unwrap(), &ex.data).unwrap().gradient_is_zero()
}

#[test]
fn ex_c_minimum_splits_into_a_strict_saddle_outside_zero_one() {
    // Spec §2.6 Ex C: (4,0,0); α ∈ {1/3, 1/2} → (5,0,2); α ∈ {2, −1} → (4,1,2); α = 0 → (4,0,3).
    let ex = ex_c();
    assert!(critical(&ex));
    assert_eq!(checked_inertia(&ex), Inertia::new(4, 0, 0));
    for (alpha, want) in [("1/3", (5, 0, 2)), ("1/2", (5, 0, 2)), ("2", (4, 1, 2)), ("-1", (4, 1, 2)), ("0", (4, 0, 3))]
    {
        let wide = split(&ex, 0, &q(alpha));
        assert!(critical(&wide), "α = {alpha}");
        assert_eq!(checked_inertia(&wide), Inertia::new(want.0, want.1, want.2), "α = {alpha}");
    }
}

#[test]
fn ex_d_indefinite_a_gives_a_saddle_for_every_alpha_outside_zero_one() {
    // Spec §2.6 Ex D: (5,0,0); α ∈ {1/2, 2} → (6,1,2); α ∈ {0, 1} → (5,0,4); null β = 0 → (5,0,4).
    let ex = ex_d();
    assert!(critical(&ex));
    assert_eq!(checked_inertia(&ex), Inertia::new(5, 0, 0));
    for (alpha, want) in [("1/2", (6, 1, 2)), ("2", (6, 1, 2)), ("0", (5, 0, 4)), ("1", (5, 0, 4))] {
        assert_eq!(checked_inertia(&split(&ex, 0, &q(alpha))), Inertia::new(want.0, want.1, want.2), "α = {alpha}");
    }
    assert_eq!(checked_inertia(&null(&ex, &q("0"))), Inertia::new(5, 0, 4));
}

#[test]
fn ex_e_positive_definite_a_is_the_fukumizu_amari_picture() {
    // Spec §2.6 Ex E: (4,0,0); α = 1/2 → (6,0,1); α ∈ {2, −1} → (4,2,1); null β = 0 → (5,1,1).
    let ex = ex_e();
    assert!(critical(&ex));
    assert_eq!(checked_inertia(&ex), Inertia::new(4, 0, 0));
    for (alpha, want) in [("1/2", (6, 0, 1)), ("2", (4, 2, 1)), ("-1", (4, 2, 1))] {
        assert_eq!(checked_inertia(&split(&ex, 0, &q(alpha))), Inertia::new(want.0, want.1, want.2), "α = {alpha}");
    }
    let wide = null(&ex, &q("0"));
    assert!(critical(&wide));
    assert_eq!(checked_inertia(&wide), Inertia::new(5, 1, 1));
}

#[test]
fn cooper_zero_loss_inertia_is_rank_j_zero_rest_on_ex_g() {
    // Spec §4 Ex G: zero loss, rank J = n = 3, M = 7: inertia (3, 0, 4).
    let ex = ex_g();
    assert!(critical(&ex));
    assert_eq!(checked_inertia(&ex), Inertia::new(3, 0, 4));
}
