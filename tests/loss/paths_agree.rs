//! Every exact loss flows through every derivative path: back-propagation equals forward mode,
//! the tangent Hessian (ℓ'' as the output tangent) equals forward over forward and forward over
//! reverse, and one case per loss matches a hand derivation. Weight decay adds (λ/2)‖θ‖², λθ, λI.

use crate::common;

use common::{layer, q, qs};
use embedcheck::activation::{Activation, Polynomial};
use embedcheck::data::Dataset;
use embedcheck::hessian::{hessian_exact_with, hessian_forward_with, hessian_tangent_with, hessian_with};
use embedcheck::linalg::Matrix;
use embedcheck::loss::{ExactLoss, WeightDecay};
use embedcheck::net::{evaluate_with, gradient_forward_mode_with, loss_with, Layer, Params};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q};

fn losses() -> Vec<ExactLoss> {
    vec![
        ExactLoss::Mse,
        ExactLoss::Poly(Polynomial::new(qs(&["0", "1/3", "1/2", "0", "1/4"]))),
        ExactLoss::Huber(q("1/2")),
        ExactLoss::SquaredHinge,
    ]
}

fn random_net(rng: &mut Rng, hinge_targets: bool) -> (Params<Q>, Activation, Dataset<Q>) {
    let widths = [1 + rng.below(2), 1 + rng.below(3), 1 + rng.below(2)];
    let layers = (1..3)
        .map(|l| Layer {
            weight: Matrix::from_vec(
                widths[l],
                widths[l - 1],
                (0..widths[l] * widths[l - 1]).map(|_| rng.small_q(3, 3)).collect(),
            ),
            bias: Some((0..widths[l]).map(|_| rng.small_q(3, 3)).collect()),
        })
        .collect();
    let n = 1 + rng.below(3);
    let targets = (0..n)
        .map(|_| {
            (0..widths[2])
                .map(|_| if hinge_targets { Q::int(if rng.below(2) == 0 { 1 } else { -1 }) } else { rng.small_q(3, 2) })
                .collect()
        })
        .collect();
    let data =
        Dataset::new((0..n).map(|_| (0..widths[0]).map(|_| rng.small_q(3, 2)).collect()).collect(), targets).unwrap();
    let act = Activation::poly(vec![rng.small_q(2, 2), Q::one(), rng.small_q(2, 2)]);
    (Params::new(layers).unwrap(), act, data)
}

#[test]
fn back_propagation_equals_forward_mode_for_every_exact_loss() {
    for loss in losses() {
        for seed in 0..25 {
            let (params, act, data) = random_net(&mut Rng::new(seed), loss == ExactLoss::SquaredHinge);
            let a = act.exact().unwrap();
            let e = evaluate_with(&params, a, &loss, &data).unwrap();
            assert_eq!(e.loss, loss_with(&params, a, &loss, &data).unwrap(), "{loss:?} seed {seed}");
            assert_eq!(
                e.gradient,
                gradient_forward_mode_with(&params, a, &loss, &data).unwrap(),
                "{loss:?} seed {seed}"
            );
        }
    }
}

#[test]
fn the_tangent_hessian_carries_the_loss_curvature_and_equals_both_dual_paths() {
    for loss in losses() {
        for seed in 0..20 {
            let (params, act, data) = random_net(&mut Rng::new(100 + seed), loss == ExactLoss::SquaredHinge);
            let a = act.exact().unwrap();
            let h = hessian_tangent_with(&params, a, &loss, &data).unwrap();
            assert_eq!(h, hessian_forward_with(&params, a, &loss, &data).unwrap(), "{loss:?} seed {seed}");
            assert_eq!(h, hessian_with(&params, a, &loss, &data).unwrap(), "{loss:?} seed {seed}");
            assert_eq!(h, hessian_exact_with(&params, a, &loss, &data).unwrap(), "{loss:?} seed {seed}");
        }
    }
}

#[test]
fn a_non_mse_loss_changes_the_hessian_so_the_curvature_is_not_ignored() {
    // Negative control for the test above: with ℓ = r³ + … the Hessian differs from ½-MSE's.
    let (params, act, data) = random_net(&mut Rng::new(7), false);
    let a = act.exact().unwrap();
    let mse = hessian_tangent_with(&params, a, &ExactLoss::Mse, &data).unwrap();
    let poly = hessian_tangent_with(&params, a, &losses()[1], &data).unwrap();
    assert_ne!(mse, poly);
}

/// f(x) = w x + b (L = 1) at w = 1, b = 0 on (1, 0), (2, 1): f = (1, 2), r = f − y = (1, 1),
/// and ∂f/∂(w, b) = (x, 1), so ∇R = (1/n) Σ_i ℓ'(r_i) (x_i, 1) and
/// H = (1/n) Σ_i ℓ''(r_i) [[x_i², x_i], [x_i, 1]].
fn line() -> (Params<Q>, Dataset<Q>) {
    let params = Params::new(vec![layer(&[&["1"]], &["0"])]).unwrap();
    let data = Dataset::new(vec![qs(&["1"]), qs(&["2"])], vec![qs(&["0"]), qs(&["1"])]).unwrap();
    (params, data)
}

fn sym(a: &str, b: &str, c: &str) -> Matrix<Q> {
    Matrix::from_rows(vec![qs(&[a, b]), qs(&[b, c])], 2)
}

#[test]
fn hand_derived_loss_gradient_and_hessian_for_each_exact_loss() {
    let (params, data) = line();
    let act = Activation::poly(qs(&["0", "1"]));
    let a = act.exact().unwrap();
    // (loss, R, ∇R, H) by hand:
    // mse: ℓ = ½r²: R = ½, ∇ = ½(1·1 + 1·2, 1 + 1) = (3/2, 1), H = ½([[1,1],[1,1]] + [[4,2],[2,1]]).
    // poly r³: R = ½(1 + 1) = 1, ℓ' = 3, ∇ = (9/2, 3), ℓ'' = 6: H = 3([[1,1],[1,1]] + [[4,2],[2,1]]).
    // huber δ = 1/2: |r| = 1 > δ: ℓ = δ(1 − δ/2) = 3/8, ℓ' = δ: ∇ = (3/4, 1/2), H = 0.
    let cases = [
        (ExactLoss::Mse, "1/2", ["3/2", "1"], sym("5/2", "3/2", "1")),
        (ExactLoss::Poly(Polynomial::new(qs(&["0", "0", "0", "1"]))), "1", ["9/2", "3"], sym("15", "9", "6")),
        (ExactLoss::Huber(q("1/2")), "3/8", ["3/4", "1/2"], sym("0", "0", "0")),
    ];
    for (loss, r, g, h) in cases {
        let e = evaluate_with(&params, a, &loss, &data).unwrap();
        assert_eq!(e.loss, q(r), "{loss:?}");
        assert_eq!(e.gradient.flatten(), qs(&g), "{loss:?}");
        assert_eq!(hessian_tangent_with(&params, a, &loss, &data).unwrap(), h, "{loss:?}");
        assert!(e.loss_breaks.is_empty());
    }
    // Squared hinge, targets ±1: w = 1/4, b = 0 on (1, 1), (2, −1): f = (1/4, 1/2),
    // u = 1 − y f = (3/4, 3/2), both active: R = ½(9/16 + 9/4) = 45/32,
    // ℓ' = −2y u = (−3/2, 3), ∇ = ½(−3/2·1 + 3·2, −3/2 + 3) = (9/4, 3/4), ℓ'' = 2y² = 2:
    // H = [[1,1],[1,1]] + [[4,2],[2,1]].
    let params = Params::new(vec![layer(&[&["1/4"]], &["0"])]).unwrap();
    let data = Dataset::new(vec![qs(&["1"]), qs(&["2"])], vec![qs(&["1"]), qs(&["-1"])]).unwrap();
    let e = evaluate_with(&params, a, &ExactLoss::SquaredHinge, &data).unwrap();
    assert_eq!(e.loss, q("45/32"));
    assert_eq!(e.gradient.flatten(), qs(&["9/4", "3/4"]));
    assert_eq!(hessian_tangent_with(&params, a, &ExactLoss::SquaredHinge, &data).unwrap(), sym("5", "3", "2"));
}

#[test]
fn points_on_a_break_of_huber_are_reported_by_sample_and_output() {
    // w = 1/2, b = 0 on (1, 0), (2, 1): r = (1/2, 0); δ = 1/2 puts sample 1 on the break.
    let params = Params::new(vec![layer(&[&["1/2"]], &["0"])]).unwrap();
    let (_, data) = line();
    let act = Activation::poly(qs(&["0", "1"]));
    let e = evaluate_with(&params, act.exact().unwrap(), &ExactLoss::Huber(q("1/2")), &data).unwrap();
    assert_eq!(e.loss_breaks, vec![(1, 1)]);
}

#[test]
fn weight_decay_adds_half_lambda_norm_squared_and_lambda_theta() {
    let wd = WeightDecay(q("1/3"));
    let theta = qs(&["1", "-2", "1/2"]);
    // (1/6)(1 + 4 + 1/4) = 7/8.
    assert_eq!(wd.value(&theta), q("7/8"));
    assert_eq!(wd.gradient(&theta), qs(&["1/3", "-2/3", "1/6"]));
}
