//! The five test vectors of spec symmetry-linear B.5, reproduced exactly: the balanced rank-one
//! minimiser, the self-consistency equation (★), and the exact choice of the global minimiser.

use crate::common;

use common::{q, qs};
use embedcheck::algebra::{Poly, RealRoot};
use embedcheck::linalg::{Inertia, Matrix};
use embedcheck::linear::{analyse, hessian, LinearModel, Moments, ScaleVariable};
use std::cmp::Ordering;

fn isotropic_34(eyy: &str) -> Moments {
    Moments::isotropic(q("1"), qs(&["3", "4"]), q(eyy))
}

#[test]
fn row_1_rational_b_is_the_global_minimum_with_loss_28() {
    // d_0 = 2, A = I, m = (3, 4), E[y²] = 30, s² = 4, d_1 = 4 (k = 2), γ = 3: b = 1, L = 28.
    let model = LinearModel::equal_decay(vec![2, 4], q("4"), q("3")).unwrap();
    let an = analyse(&model, &isotropic_34("30"), true).unwrap();
    assert_eq!(an.candidates.len(), 2);
    let c = &an.candidates[1];
    assert_eq!(c.b, Some(RealRoot::Rational(q("1"))));
    assert!(c.gradient_vanishes);
    assert_eq!(c.loss_exact, Some(q("28")));
    assert_eq!(c.inertia, Some(Inertia::new(12, 0, 0)));
    assert_eq!(an.global, vec![1]);
    assert!(an.decided);
}

#[test]
fn row_2_b_is_sqrt6_over_2_and_the_gradient_vanishes_in_q_sqrt6() {
    // γ = 2: b² = (μ − γ)/(k a) = 3/2, b = √6/2, L = 51/2.
    let model = LinearModel::equal_decay(vec![2, 4], q("4"), q("2")).unwrap();
    let an = analyse(&model, &isotropic_34("30"), false).unwrap();
    assert_eq!(an.candidates.len(), 2);
    let c = &an.candidates[1];
    let Some(RealRoot::Algebraic(root)) = &c.b else { panic!("√6/2 is irrational") };
    assert!(root.is_root_of(&Poly::new(vec![q("-3/2"), q("0"), q("1")])));
    assert!(c.gradient_vanishes);
    assert_eq!(c.loss_exact, Some(q("51/2")));
    assert_eq!(c.vs_origin, Ordering::Less);
    assert_eq!(an.global, vec![1]);
}

#[test]
fn row_3_unequal_decays_balance_with_gamma_eff_1_and_b_squared_2() {
    // γ_u = 1/2, γ_w = 2: γ_eff = 1, b² = (μ − γ_eff)/(k a) = 2; the point is written in
    // t = ‖U‖ = √(γ_eff/γ_u)·b = √2·√2 = 2, which is rational.
    let model = LinearModel::new(vec![2, 4], q("4"), q("1/2"), vec![q("2")]).unwrap();
    let an = analyse(&model, &isotropic_34("30"), true).unwrap();
    assert_eq!(an.design.gamma_eff, q("1"));
    assert_eq!(an.design.variable, ScaleVariable::UNorm);
    assert_eq!(an.design.kappa, q("1/2")); // b² = t²/2
    assert_eq!(an.candidates.len(), 2);
    let c = &an.candidates[1];
    assert_eq!(c.b, Some(RealRoot::Rational(q("2"))));
    assert!(c.gradient_vanishes);
    assert_eq!(c.is_strict_local_min(), Some(true));
}

#[test]
fn row_4_design_point_at_gamma_c_ties_with_the_origin() {
    // D = 2, A = I, m = (6/5, 8/5) (μ = 2), E[y²] = 7, s² = 0, d_1 = d_2 = 1, γ = 1 = γ_c:
    // b = 1, W_1 = (3/5, 4/5), W_2 = (1), U = (1); L = 7 = L(0); Hessian = 4I at b = 1.
    let model = LinearModel::equal_decay(vec![2, 1, 1], q("0"), q("1")).unwrap();
    let moments = Moments::isotropic(q("1"), qs(&["6/5", "8/5"]), q("7"));
    let an = analyse(&model, &moments, true).unwrap();
    let at_one = an.candidates.iter().position(|c| c.b == Some(RealRoot::Rational(q("1")))).expect("b = 1 is a root");
    let c = &an.candidates[at_one];
    assert!(c.gradient_vanishes);
    assert_eq!(c.loss_exact, Some(q("7")));
    assert_eq!(c.vs_origin, Ordering::Equal);
    assert_eq!(an.global, vec![0, at_one]);
    let theta = an.design.point(&moments, &q("1"));
    assert_eq!(theta.flatten(), qs(&["3/5", "4/5", "1", "1"]));
    let h = hessian(&model, &moments, &theta);
    let mut four = Matrix::zeros(4, 4);
    for i in 0..4 {
        four.set(i, i, q("4"));
    }
    assert_eq!(h, four, "spec B.5 row 4: Hessian = 4I at b = 1");
    // Origin: D = 2, Hessian 2γI positive definite, so a strict local min (here also global).
    assert_eq!(an.origin_inertia, Inertia::new(4, 0, 0));
    assert!(!an.origin_is_bad_minimum());
}

#[test]
fn row_5_quartic_roots_are_a_saddle_and_the_global_minimum() {
    // D = 2, A = I, m = (3, 4) (μ = 5), s² = 4, widths (4, 1) (k = 10), γ = 1, E[y²] = 30:
    // positive roots of 10b⁴ − 5b + 1, b ≈ 0.2034 (saddle) and b ≈ 0.7109 (global,
    // ℓ − ℓ(0) ≈ −0.7858).
    let model = LinearModel::equal_decay(vec![2, 4, 1], q("4"), q("1")).unwrap();
    assert_eq!(model.noise_factor(), q("10"));
    let an = analyse(&model, &isotropic_34("30"), true).unwrap();
    let quartic = Poly::from_i64s(&[1, -5, 0, 0, 10]);
    assert_eq!(an.candidates.len(), 3);
    let (small, large) = (&an.candidates[1], &an.candidates[2]);
    for c in [small, large] {
        let Some(RealRoot::Algebraic(root)) = &c.b else { panic!("the quartic has no rational roots") };
        assert!(root.is_root_of(&quartic));
        assert!(c.gradient_vanishes);
    }
    // The two roots separate at 1/2: 10/16 − 5/2 + 1 < 0.
    let Some(RealRoot::Algebraic(r_small)) = &small.b else { unreachable!() };
    assert_eq!(r_small.sign_of(&Poly::new(vec![q("-1/2"), q("1")])), Ordering::Less);
    assert_eq!(small.is_saddle(), Some(true));
    assert_eq!(large.is_strict_local_min(), Some(true));
    assert_eq!(large.vs_origin, Ordering::Less);
    // ℓ − ℓ(0) ∈ (−0.786, −0.785), by the exact enclosure.
    assert!(large.gap_enclosure.0 > q("-0.786") && large.gap_enclosure.1 < q("-0.785"));
    assert_eq!(an.global, vec![2]);
    assert!(an.origin_is_bad_minimum());
}

#[test]
fn row_1_every_sign_choice_of_the_hidden_direction_is_also_critical_with_loss_28() {
    // Spec B.7: for s² > 0 the hidden directions have entries ±1/√d_l, 2^{d_1} sign choices.
    use embedcheck::linear::{gradient, loss, Design};
    use embedcheck::scalar::Ring;
    let model = LinearModel::equal_decay(vec![2, 4], q("4"), q("3")).unwrap();
    let moments = isotropic_34("30");
    for mask in 0..16u32 {
        let signs = vec![(0..4).map(|j| mask >> j & 1 == 1).collect::<Vec<_>>()];
        let theta = Design::with_signs(&model, &signs).unwrap().point(&moments, &q("1"));
        assert!(gradient(&model, &moments, &theta).iter().all(Ring::is_zero), "signs {mask:04b}");
        assert_eq!(loss(&model, &moments, &theta), q("28"));
    }
}
