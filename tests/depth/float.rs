//! The float lifting of tanh, sigmoid and softplus networks (spec width-depth §6 item 12):
//! the Taylor constants hold against f64 σ on a grid, the construction matches a hand derivation,
//! the derived output bound matches the hand-derived remainder, and through the harness every
//! `depth.lift.float.*` theorem holds while every control is caught.

use embedcheck::activation::{Activation, FloatActivation, Sigma};
use embedcheck::catalogue;
use embedcheck::data::Dataset;
use embedcheck::depth::float::bound::deviation;
use embedcheck::depth::float::inertia::{balanced_scale, nonlinearity_norm};
use embedcheck::depth::float::{float_lifting, NearLinear};
use embedcheck::depth::{Construction, LiftError};
use embedcheck::linalg::Matrix;
use embedcheck::net::{evaluate, Layer, Params};
use embedcheck::theorem::harness::{run, RunConfig};

const ALL: [FloatActivation; 3] = [FloatActivation::Tanh, FloatActivation::Sigmoid, FloatActivation::Softplus];

fn jet(act: FloatActivation, h: f64) -> (f64, f64, f64) {
    let j = Activation::Float(act).jet(&h).unwrap();
    (j.value, j.d1, j.d2)
}

#[test]
fn taylor_bounds_of_sigma_at_zero_hold_on_a_grid() {
    // The constants of NearLinear (its doc comment derives them from sup|σ'''| or sup|σ''|),
    // checked against the f64 σ, σ', σ'' at 4001 points of [-4, 4].
    for act in ALL {
        let lin = NearLinear::at_zero(act);
        let (s0, d0, _) = jet(act, 0.0);
        assert_eq!((lin.lambda, lin.mu), (d0, s0), "{act:?}: the tangent line at 0");
        for i in 0..=4000 {
            let h = -4.0 + i as f64 * 0.002;
            let (s, d1, d2) = jet(act, h);
            let slack = 4.0 * f64::EPSILON * (1.0 + s.abs() + h.abs());
            assert!((s - lin.lambda * h - lin.mu).abs() <= lin.remainder(h) + slack, "{act:?} remainder at {h}");
            assert!((d1 - lin.lambda).abs() <= lin.slope_deviation(h) + slack, "{act:?} slope at {h}");
            assert!(d2.abs() <= lin.curvature(h) + slack, "{act:?} curvature at {h}");
            assert!(
                d1.abs() <= lin.lipschitz() + slack && d2.abs() <= lin.slope_lipschitz() + slack,
                "{act:?} sup at {h}"
            );
        }
    }
}

fn scalar_net(a: f64, b: f64) -> Params<f64> {
    Params::new(vec![Layer { weight: Matrix::from_vec(1, 1, vec![a]), bias: Some(vec![b]) }]).unwrap()
}

#[test]
fn sigmoid_lifting_divides_the_next_layer_by_c_times_one_quarter() {
    // Hand derivation: narrow f(x) = 3x + 1 (L = 1), identity construction with c = 1/8:
    // W' = [1/8], b' = 0, V = 3/(c/4) = 96, c_new = 1 − V·(λ·0 + 1/2) = 1 − 48 = −47.
    let l =
        float_lifting(&scalar_net(3.0, 1.0), FloatActivation::Sigmoid, 0, None, Construction::Identity, 0.125).unwrap();
    assert_eq!(l.deep.layer(1).weight.data(), &[0.125]);
    assert_eq!(l.deep.layer(1).bias.as_deref(), Some(&[0.0][..]));
    assert_eq!(l.deep.layer(2).weight.data(), &[96.0]);
    assert_eq!(l.deep.layer(2).bias.as_deref(), Some(&[-47.0][..]));
    assert!(l.exact_weights);
}

#[test]
fn tanh_output_bound_is_the_hand_derived_remainder() {
    // f(x) = 2x − 1 lifted with c = 1/16: the deep output is (2/c) tanh(cx) − 1, so
    // |f_deep − f| = (2/c)|tanh(cx) − cx| ≤ (2/c)(c|x|)³/3 = 2c²|x|³/3; bias rounding is 0 here.
    let c = 1.0 / 16.0;
    let l = float_lifting(&scalar_net(2.0, -1.0), FloatActivation::Tanh, 0, None, Construction::Identity, c).unwrap();
    let xs = [-2.0, -0.5, 1.0, 3.0];
    let data = Dataset::new(xs.iter().map(|x| vec![*x]).collect(), xs.iter().map(|_| vec![0.0]).collect()).unwrap();
    let d = deviation(&l, &data).unwrap();
    let act = Activation::Float(FloatActivation::Tanh);
    let out = evaluate(&l.deep, &act, &data).unwrap().outputs;
    for (i, x) in xs.iter().enumerate() {
        let hand = 2.0 * c * c * x.abs().powi(3) / 3.0;
        assert!((d.outputs[i][0] - hand).abs() <= 1e-15 * hand.max(1.0), "bound {} vs {hand}", d.outputs[i][0]);
        let exact = (2.0 / c) * (c * x).tanh() - 1.0;
        assert_eq!(out[i][0], exact, "the deep net computes (2/c) tanh(cx) − 1");
        assert!((out[i][0] - (2.0 * x - 1.0)).abs() <= hand * (1.0 + 1e-12));
    }
    assert_eq!(d.max_pre_activation, 3.0 * c);
}

#[test]
fn bad_scales_and_layers_are_errors() {
    let net = scalar_net(1.0, 0.0);
    for c in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            float_lifting(&net, FloatActivation::Tanh, 0, None, Construction::Identity, c),
            Err(LiftError::Construction(_))
        ));
    }
    assert!(matches!(
        float_lifting(&net, FloatActivation::Tanh, 1, None, Construction::Identity, 0.5),
        Err(LiftError::Layer { q: 1, depth: 1 })
    ));
}

#[test]
fn float_depth_theorems_hold_through_the_harness() {
    for id in [
        "depth.lift.float.outputs",
        "depth.lift.float.merge",
        "depth.lift.float.gradient_transfer",
        "depth.lift.float.inertia",
        "depth.lift.float.inertia.balanced",
    ] {
        let t = catalogue::find(id).unwrap();
        let tally = run(t.as_ref(), RunConfig { cases: 40, seed: 3, ..RunConfig::default() }, |_| {});
        assert!(tally.failure.is_none(), "{id}: {:?}", tally.failure);
    }
}

#[test]
fn float_depth_controls_are_caught_through_the_harness() {
    for id in [
        "depth.lift.float.outputs.control.no_rescale",
        "depth.lift.float.merge.control.unit_slope",
        "depth.lift.float.gradient_transfer.control.rounding_only",
        "depth.lift.float.inertia.control.rounding_only",
        "depth.lift.float.inertia.balanced.control.rounding_only",
    ] {
        let t = catalogue::find(id).unwrap();
        let tally = run(
            t.as_ref(),
            RunConfig { cases: 40, seed: 3, stop_at_first_failure: true, ..RunConfig::default() },
            |_| {},
        );
        assert!(tally.failure.is_some(), "control {id} was not caught in 40 cases");
    }
}

#[test]
fn tanh_hessian_nonlinearity_bound_shrinks_like_c_squared_in_unit_scale_coordinates() {
    // depth::float::inertia: in the coordinates S (c on W', b', 1/c on V) every entry of the bound
    // on S E S carries K₁(h) = h² or K₂(h)·|∂h|² ~ c·c², against 1/c from V: O(c²) overall for tanh
    // (σ(0) = 0). Halving c three times must shrink it by about 4³ = 64; we ask for 32.
    let net = Params::new(vec![
        Layer { weight: Matrix::from_vec(2, 1, vec![1.0, -0.5]), bias: Some(vec![0.25, 0.5]) },
        Layer { weight: Matrix::from_vec(1, 2, vec![2.0, -1.0]), bias: Some(vec![0.5]) },
    ])
    .unwrap();
    let xs = [-1.0, 0.5, 2.0];
    let data = Dataset::new(xs.iter().map(|x| vec![*x]).collect(), vec![vec![1.0], vec![0.0], vec![-1.0]]).unwrap();
    let norm = |c: f64| {
        let l = float_lifting(&net, FloatActivation::Tanh, 1, None, Construction::Identity, c).unwrap();
        nonlinearity_norm(&l, &data, &balanced_scale(&l)).unwrap()
    };
    let (coarse, fine) = (norm(1.0 / 16.0), norm(1.0 / 128.0));
    assert!(fine > 0.0 && coarse / fine >= 32.0, "{coarse:e} -> {fine:e}");
}
