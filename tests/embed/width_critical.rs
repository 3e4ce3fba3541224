//! Exact critical points (spec §2.6 recipe) and criticality preservation under splitting
//! ([P1] Thm 1, [P2] Prop 4.2): split critical points stay exactly critical for every α, with
//! loss and outputs unchanged.

use crate::common;

use common::{q, qs};
use embedcheck::activation::Activation;
use embedcheck::critical::{output_jacobian, random_critical, CriticalKind};
use embedcheck::embed::{Null, Shape, Split};
use embedcheck::net::{evaluate, gradient_forward_mode};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q};

fn sigma() -> Activation {
    Activation::poly(qs(&["0", "1", "1/2"]))
}

#[test]
fn output_jacobian_rows_are_forward_mode_gradients_of_each_output() {
    // Independent path: ∂f/∂θ_k by duals equals J's row, using the loss ½(f − y)² with y = f − 1,
    // whose gradient is ∇f itself for a single sample.
    let (params, act, data) = common::ex_a();
    let j = output_jacobian(&params, act.exact().unwrap(), &data.inputs()[..1]).unwrap();
    let f = embedcheck::net::outputs(&params, act.exact().unwrap(), &data.inputs()[0], 1).unwrap();
    let one = embedcheck::data::Dataset::new(vec![data.inputs()[0].clone()], vec![vec![f[0].sub(&Q::one())]]).unwrap();
    let g = gradient_forward_mode(&params, act.exact().unwrap(), &one).unwrap();
    assert_eq!(j.row(0), g.flatten().as_slice());
}

#[test]
fn every_generated_kind_is_exactly_critical_and_nonzero_loss_is_positive() {
    let act = sigma();
    let exact = act.exact().unwrap();
    for (seed, kind) in CriticalKind::ALL.into_iter().enumerate() {
        let mut rng = Rng::new(seed as u64 + 10);
        let cp = random_critical(&mut rng, &[2, 3, 1], exact, kind, 14, 2).unwrap().expect("n·m_L > M");
        assert!(cp.verify(exact).unwrap(), "{kind:?}");
        let eval = evaluate(&cp.params, exact, &cp.data).unwrap();
        assert_eq!(eval.loss == Q::zero(), kind == CriticalKind::TeacherRealizable, "{kind:?}");
    }
}

#[test]
fn splitting_critical_points_stays_critical_for_every_alpha_with_loss_and_outputs_unchanged() {
    let act = sigma();
    let exact = act.exact().unwrap();
    for kind in [CriticalKind::TeacherRealizable, CriticalKind::NonzeroLoss] {
        let mut rng = Rng::new(7);
        let cp = random_critical(&mut rng, &[2, 3, 1], exact, kind, 14, 2).unwrap().unwrap();
        let narrow = evaluate(&cp.params, exact, &cp.data).unwrap();
        for alpha in ["0", "1/2", "1", "2", "-1/3"] {
            for s in 0..3 {
                let split = Split::new(&Shape::of(&cp.params), 1, s, q(alpha)).unwrap();
                let wide = split.apply(&cp.params).unwrap();
                let e = evaluate(&wide, exact, &cp.data).unwrap();
                assert!(e.gradient_is_zero(), "{kind:?} α = {alpha} s = {s}");
                assert_eq!(e.loss, narrow.loss);
                assert_eq!(e.outputs, narrow.outputs);
            }
        }
        for beta in ["0", "1", "-2"] {
            let null = Null::new(&Shape::of(&cp.params), 1, q(beta)).unwrap();
            let e = evaluate(&null.apply(&cp.params).unwrap(), exact, &cp.data).unwrap();
            assert!(e.gradient_is_zero() && e.loss == narrow.loss, "{kind:?} β = {beta}");
        }
    }
}
