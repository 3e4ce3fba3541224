//! The origin of the deep linear model (spec symmetry-linear B.4): Hessian inertia for one
//! versus two or more hidden layers, and the thresholds γ_c, γ_e of the isotropic case.

use crate::common;

use common::{q, qs};
use embedcheck::algebra::{Poly, RealRoot};
use embedcheck::linalg::{Inertia, Matrix};
use embedcheck::linear::origin::{origin_inertia, predicted_origin_inertia, Phase, Thresholds};
use embedcheck::linear::{analyse, LinearModel, Moments};
use std::cmp::Ordering;

fn anisotropic(m: &[&str]) -> Moments {
    Moments { a: Matrix::from_rows(vec![qs(&["2", "1/2"]), qs(&["1/2", "1"])], 2), m: qs(m), eyy: q("1") }
}

#[test]
fn one_hidden_layer_origin_inertia_follows_mu_squared_versus_gamma_u_gamma_w() {
    // d_0 = 2, d_1 = 3, γ_u = 1/2, γ_w = 2 (γ_u γ_w = 1), s² = 1/3. Expected from the 2×2
    // blocks [[2γ_u, −2μ], [−2μ, 2γ_w]] plus d_1(d_0 − 1) = 3 eigenvalues 2γ_w:
    // μ = 2: (6, 3, 0); μ = 1: (6, 0, 3); μ = 1/2: (9, 0, 0).
    let model = LinearModel::new(vec![2, 3], q("1/3"), q("1/2"), vec![q("2")]).unwrap();
    for (m, expected) in [
        (["6/5", "8/5"], Inertia::new(6, 3, 0)),
        (["3/5", "4/5"], Inertia::new(6, 0, 3)),
        (["3/10", "2/5"], Inertia::new(9, 0, 0)),
    ] {
        let moments = anisotropic(&m);
        assert_eq!(origin_inertia(&model, &moments), expected, "m = {m:?}");
        assert_eq!(predicted_origin_inertia(&model, &moments), expected, "m = {m:?}");
    }
}

#[test]
fn two_hidden_layers_make_the_origin_a_strict_local_minimum_even_with_a_strong_signal() {
    // ‖E[xy]‖ = √74 ≫ γ = 1/10, yet D = 2 gives inertia (M, 0, 0).
    let model = LinearModel::equal_decay(vec![2, 2, 2], q("1/3"), q("1/10")).unwrap();
    let moments = anisotropic(&["5", "7"]);
    assert_eq!(origin_inertia(&model, &moments), Inertia::new(10, 0, 0));
}

/// The rational design point of spec B.5 row 4 with decay γ: D = 2, k a = 1, μ = 2.
fn design(gamma: &str) -> (LinearModel, Moments) {
    let model = LinearModel::equal_decay(vec![2, 1, 1], q("0"), q(gamma)).unwrap();
    (model, Moments::isotropic(q("1"), qs(&["6/5", "8/5"]), q("7")))
}

#[test]
fn thresholds_at_the_design_point_are_gamma_c_1_and_gamma_e_cubed_27_over_16() {
    // β³ = (D−1)μ/(D k a) = 1, γ_c = (μ/D)β = 1; β_e³ = 1/2, γ_e = (3/4)·2·β_e, γ_e³ = 27/16.
    let t = Thresholds::new(2, &q("1"), &q("1"), &q("4"));
    assert_eq!(t.gamma_c(), RealRoot::Rational(q("1")));
    assert_eq!(t.gamma_e_pow, q("27/16"));
    let RealRoot::Algebraic(ge) = t.gamma_e() else { panic!("γ_e = 3/(2·2^(1/3)) is irrational") };
    assert!(ge.is_root_of(&Poly::new(vec![q("-27/16"), q("0"), q("0"), q("1")])));
    assert_eq!(ge.sign_of(&Poly::new(vec![q("-1"), q("1")])), Ordering::Greater); // γ_c < γ_e
    assert_eq!(t.phase(&q("99/100")), Phase::NonzeroGlobal);
    assert_eq!(t.phase(&q("1")), Phase::Tie);
    assert_eq!(t.phase(&q("11/10")), Phase::Metastable);
    assert_eq!(t.phase(&q("2")), Phase::OriginOnly);
}

#[test]
fn first_order_transition_the_global_minimum_jumps_from_nonzero_to_the_origin_at_gamma_c() {
    // Below γ_c a nonzero candidate is the unique global minimum (the origin is a bad minimum);
    // at γ_c both; between γ_c and γ_e the nonzero minimum is only local; above γ_e there are
    // no nonzero critical points.
    let (m, mo) = design("99/100");
    let an = analyse(&m, &mo, false).unwrap();
    assert!(an.origin_is_bad_minimum() && an.global.len() == 1 && an.global[0] != 0);
    let (m, mo) = design("1");
    assert_eq!(analyse(&m, &mo, false).unwrap().global.len(), 2);
    let (m, mo) = design("11/10");
    let an = analyse(&m, &mo, false).unwrap();
    assert_eq!(an.candidates.len(), 3);
    assert_eq!(an.global, vec![0]);
    assert!(an.candidates[1..].iter().all(|c| c.gradient_vanishes && c.vs_origin == Ordering::Greater));
    let (m, mo) = design("2");
    assert_eq!(analyse(&m, &mo, false).unwrap().candidates.len(), 1);
}

#[test]
fn one_hidden_layer_thresholds_coincide_at_mu() {
    // D = 1: γ_c = γ_e = μ (second-order transition); μ = 5.
    let t = Thresholds::new(1, &q("2"), &q("1"), &q("25"));
    assert_eq!(t.gamma_c(), RealRoot::Rational(q("5")));
    assert_eq!(t.gamma_e(), RealRoot::Rational(q("5")));
    assert_eq!(t.phase(&q("5")), Phase::OriginOnly);
    assert_eq!(t.phase(&q("3")), Phase::NonzeroGlobal);
}

#[test]
fn quartic_instance_has_an_irrational_gamma_c_above_its_decay() {
    // Spec B.5 row 5: k = 10, a = 1, μ = 5, D = 2: γ_c³ = (1/8)·5⁴·(1/20) = 125/32, γ = 1 < γ_c.
    let t = Thresholds::new(2, &q("10"), &q("1"), &q("25"));
    assert_eq!(t.gamma_c_pow, q("125/32"));
    assert!(matches!(t.gamma_c(), RealRoot::Algebraic(_)));
    assert_eq!(t.phase(&q("1")), Phase::NonzeroGlobal);
}
