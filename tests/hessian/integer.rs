//! The fraction-free polynomial Hessian (`hessian_polynomial`, through `hessian_exact`) equals
//! forward over reverse (`hessian`) and forward over forward (`hessian_forward`) exactly: on the
//! spec's examples, on generated nets with biases and bias-free layers, several outputs and
//! depths 2–4; rational σ goes to the old path and still reports its pole with the place.

use crate::hessian_common;

use embedcheck::activation::{Activation, ExactActivation};
use embedcheck::data::Dataset;
use embedcheck::hessian::{hessian, hessian_exact, hessian_forward, hessian_polynomial};
use embedcheck::io::{parse_network, read_data, read_network};
use embedcheck::linalg::Matrix;
use embedcheck::net::{EvalError, Layer, Params, Site};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q};
use hessian_common::{ex_c, ex_d, ex_e, ex_g, null, q, split};

fn assert_paths_agree(params: &Params<Q>, act: &Activation, data: &Dataset<Q>, what: &str) {
    let a = act.exact().unwrap();
    let fast = hessian_exact(params, a, data).unwrap();
    assert_eq!(fast, hessian(params, a, data).unwrap(), "{what}: against forward over reverse");
    assert_eq!(fast, hessian_forward(params, a, data).unwrap(), "{what}: against forward over forward");
}

#[test]
fn fraction_free_hessian_equals_both_dual_paths_on_the_spec_examples() {
    for ex in [ex_c(), ex_d(), ex_e(), ex_g(), split(&ex_e(), 0, &q("2")), null(&ex_d(), &q("1/2"))] {
        assert_paths_agree(&ex.params, &ex.act, &ex.data, "hessian_common example");
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/nets");
    for name in ["ex_a", "ex_c", "ex_d", "ex_e", "pitfall", "relu_kink"] {
        let net = read_network(&format!("{dir}/{name}.net.json")).unwrap();
        let data = read_data(&format!("{dir}/{name}.data.json")).unwrap();
        if net.activation.is_exact() {
            assert_paths_agree(&net.params, &net.activation, &data, name);
        }
    }
}

/// A net of depth 2–4, widths 1–3, some layers bias-free, with rational weights of varied
/// denominators, and data with 1–3 samples.
fn random_net(rng: &mut Rng, act: Activation) -> (Params<Q>, Activation, Dataset<Q>) {
    let depth = 2 + rng.below(3);
    let widths: Vec<usize> = (0..=depth).map(|_| 1 + rng.below(3)).collect();
    let layers = (1..widths.len())
        .map(|l| Layer {
            weight: Matrix::from_vec(
                widths[l],
                widths[l - 1],
                (0..widths[l] * widths[l - 1]).map(|_| rng.small_q(4, 7)).collect(),
            ),
            bias: (rng.below(3) > 0).then(|| (0..widths[l]).map(|_| rng.small_q(4, 5)).collect()),
        })
        .collect();
    let n = 1 + rng.below(3);
    let (m0, ml) = (widths[0], widths[depth]);
    let data = Dataset::new(
        (0..n).map(|_| (0..m0).map(|_| rng.small_q(3, 9)).collect()).collect(),
        (0..n).map(|_| (0..ml).map(|_| rng.small_q(3, 4)).collect()).collect(),
    )
    .unwrap();
    (Params::new(layers).unwrap(), act, data)
}

#[test]
fn fraction_free_hessian_equals_both_dual_paths_on_generated_polynomial_nets() {
    for seed in 0..40 {
        let mut rng = Rng::new(seed);
        // Degrees 0 to 3 (a constant σ, the identity, σ = x + x²/2, a cubic with rational coefficients).
        let act = match seed % 4 {
            0 => Activation::poly(vec![rng.small_q(2, 3)]),
            1 => Activation::poly(vec![Q::zero(), Q::one()]),
            2 => Activation::poly(vec![Q::zero(), Q::one(), q("1/2")]),
            _ => Activation::poly(vec![rng.small_q(2, 2), Q::one(), rng.small_q(2, 3), rng.small_q(1, 5), Q::zero()]),
        };
        let (params, act, data) = random_net(&mut rng, act);
        assert_paths_agree(&params, &act, &data, &format!("seed {seed}"));
    }
}

#[test]
fn piecewise_linear_activations_go_to_the_old_paths_and_agree_with_or_without_biases() {
    for seed in 0..10 {
        let mut rng = Rng::new(seed);
        let (params, act, data) = random_net(&mut rng, Activation::identity());
        assert_paths_agree(&params, &act, &data, &format!("identity, seed {seed}"));
    }
}

#[test]
fn rational_activation_is_dispatched_to_the_old_path_and_agrees() {
    let text = r#"{"format":"embedcheck.net/1","activation":{"rational":{"num":["0","1"],"den":["1","0","1"]}},
        "layers":[{"weight":[["1/2"],["-2/3"]],"bias":["1/3","0"]},{"weight":[["2","1/5"]],"bias":["1/7"]}]}"#;
    let net = parse_network(text, "r.net.json").unwrap();
    for seed in 0..10 {
        let mut rng = Rng::new(seed);
        let data = Dataset::new(
            (0..2).map(|_| vec![rng.small_q(3, 4)]).collect(),
            (0..2).map(|_| vec![rng.small_q(3, 4)]).collect(),
        )
        .unwrap();
        assert_paths_agree(&net.params, &net.activation, &data, &format!("rational, seed {seed}"));
    }
}

#[test]
fn a_pole_of_a_rational_activation_is_still_located() {
    // σ(x) = 1/(x − 1): p^[1] = 2·(1/2) = 1 at sample 2 is a pole.
    let text = r#"{"format":"embedcheck.net/1","activation":{"rational":{"num":["1"],"den":["-1","1"]}},
        "layers":[{"weight":[["2"]],"bias":["0"]},{"weight":[["1"]],"bias":["0"]}]}"#;
    let net = parse_network(text, "p.net.json").unwrap();
    let data = Dataset::new(vec![vec![q("0")], vec![q("1/2")]], vec![vec![q("0")], vec![q("1")]]).unwrap();
    let err = hessian_exact(&net.params, net.activation.exact().unwrap(), &data).unwrap_err();
    assert_eq!(err, EvalError::Pole(Site { layer: 1, neuron: 1, sample: 2 }));
}

#[test]
fn data_that_do_not_fit_are_a_shape_error_not_a_panic() {
    let ex = ex_c();
    let data = Dataset::new(vec![vec![q("1"), q("2")]], vec![vec![q("0")]]).unwrap();
    let Activation::Exact(ExactActivation::Poly(p)) = &ex.act else { panic!("Ex C is polynomial") };
    assert!(matches!(hessian_polynomial(&ex.params, p, &data), Err(EvalError::Shape(_))));
}
