//! The fraction-free gradient (`evaluate_polynomial`, through `evaluate_exact`) equals
//! back-propagation over Q (`evaluate`) and forward mode (`gradient_forward_mode`) exactly
//! (\[P2\] §3.2; `proofs/gradient-identities.md`): on the example nets, on generated nets of
//! depths 2–4 with biases present and absent, σ of degrees 0–4 and inputs with big denominators;
//! other activations and losses keep the generic path.

use embedcheck::activation::{Activation, ExactActivation, Piecewise};
use embedcheck::data::Dataset;
use embedcheck::io::{read_data, read_network};
use embedcheck::linalg::Matrix;
use embedcheck::loss::ExactLoss;
use embedcheck::net::{
    evaluate, evaluate_exact, evaluate_exact_jobs, evaluate_polynomial, evaluate_with, gradient_forward_mode,
    EvalError, Layer, Params,
};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q, Z};

fn assert_paths_agree(params: &Params<Q>, act: &Activation, data: &Dataset<Q>, what: &str) {
    let a = act.exact().unwrap();
    let fast = evaluate_exact(params, a, &ExactLoss::Mse, data).unwrap();
    assert_eq!(fast, evaluate(params, a, data).unwrap(), "{what}: against back-propagation over Q");
    assert_eq!(fast.gradient, gradient_forward_mode(params, a, data).unwrap(), "{what}: against forward mode");
    // Splitting the samples and the rows over threads changes no value (each sum keeps its order).
    for jobs in [2, 3, 5] {
        assert_eq!(evaluate_exact_jobs(params, a, &ExactLoss::Mse, data, jobs).unwrap(), fast, "{what}: {jobs} jobs");
    }
}

/// A rational with a numerator and denominator of up to `bits` bits (denominator ≥ 1).
fn big_q(rng: &mut Rng, bits: u32) -> Q {
    let word = |rng: &mut Rng| Z::from_u64(rng.next_u64() >> (64 - bits.min(64)));
    let (n, d) = (word(rng), word(rng));
    let d = if d.is_zero() { Z::one() } else { d };
    let q = Q::from_ratio(&n, &d);
    if rng.coin() {
        Q::zero().sub(&q)
    } else {
        q
    }
}

/// A net of depth 2–4, widths 1–4, some layers bias-free, rational weights of varied
/// denominators, and 1–4 samples whose inputs have denominators of up to 60 bits.
fn random_net(rng: &mut Rng, act: Activation) -> (Params<Q>, Activation, Dataset<Q>) {
    let depth = 2 + rng.below(3);
    let widths: Vec<usize> = (0..=depth).map(|_| 1 + rng.below(4)).collect();
    let layers = (1..widths.len())
        .map(|l| Layer {
            weight: Matrix::from_vec(
                widths[l],
                widths[l - 1],
                (0..widths[l] * widths[l - 1]).map(|_| rng.small_q(5, 9)).collect(),
            ),
            bias: rng.coin().then(|| (0..widths[l]).map(|_| rng.small_q(4, 7)).collect()),
        })
        .collect();
    let n = 1 + rng.below(4);
    let (m0, ml) = (widths[0], widths[depth]);
    let data = Dataset::new(
        (0..n).map(|_| (0..m0).map(|_| big_q(rng, 60)).collect()).collect(),
        (0..n).map(|_| (0..ml).map(|_| rng.small_q(3, 11)).collect()).collect(),
    )
    .unwrap();
    (Params::new(layers).unwrap(), act, data)
}

fn activation(rng: &mut Rng, degree: usize) -> Activation {
    match degree {
        0 => Activation::poly(vec![rng.small_q(2, 3)]),
        1 => Activation::poly(vec![Q::zero(), Q::one()]),
        2 => Activation::poly(vec![Q::zero(), Q::one(), Q::new(1, 2)]),
        3 => Activation::poly(vec![rng.small_q(2, 2), Q::one(), rng.small_q(2, 3), rng.small_q(1, 5), Q::zero()]),
        _ => Activation::poly(vec![rng.small_q(1, 3), rng.small_q(2, 3), Q::zero(), rng.small_q(1, 7), Q::new(-1, 24)]),
    }
}

#[test]
fn fraction_free_gradient_equals_back_propagation_and_forward_mode_on_generated_polynomial_nets() {
    for seed in 0..60 {
        let mut rng = Rng::new(seed);
        let act = activation(&mut rng, (seed % 5) as usize);
        let (params, act, data) = random_net(&mut rng, act);
        assert_paths_agree(&params, &act, &data, &format!("seed {seed}"));
    }
}

#[test]
fn fraction_free_gradient_equals_both_paths_on_the_example_nets() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/nets");
    for name in ["ex_a", "ex_c", "ex_d", "ex_e", "pitfall"] {
        let net = read_network(&format!("{dir}/{name}.net.json")).unwrap();
        let data = read_data(&format!("{dir}/{name}.data.json")).unwrap();
        if matches!(net.activation.exact(), Ok(ExactActivation::Poly(_))) {
            assert_paths_agree(&net.params, &net.activation, &data, name);
        }
    }
}

#[test]
fn fraction_free_gradient_is_zero_exactly_at_an_interpolating_point() {
    // Targets y_i = f(x_i; θ): every residual is 0, so R_S = 0 and ∇R_S = 0 exactly.
    let mut rng = Rng::new(7);
    let (params, act, data) = {
        let a = activation(&mut rng, 2);
        random_net(&mut rng, a)
    };
    let a = act.exact().unwrap();
    let ev = evaluate(&params, a, &data).unwrap();
    let fitted = Dataset::new(data.inputs().to_vec(), ev.outputs.clone()).unwrap();
    let fast = evaluate_exact(&params, a, &ExactLoss::Mse, &fitted).unwrap();
    assert!(fast.gradient_is_zero() && fast.loss.is_zero());
}

#[test]
fn other_losses_and_activations_keep_the_generic_path() {
    for seed in 0..10 {
        let mut rng = Rng::new(seed);
        let (params, act, data) = {
            let a = activation(&mut rng, 2);
            random_net(&mut rng, a)
        };
        let a = act.exact().unwrap();
        let huber = ExactLoss::Huber(Q::new(1, 3));
        assert_eq!(
            evaluate_exact(&params, a, &huber, &data).unwrap(),
            evaluate_with(&params, a, &huber, &data).unwrap(),
            "seed {seed}: Huber"
        );
        let r = &ExactActivation::Piecewise(Piecewise::relu());
        assert_eq!(
            evaluate_exact(&params, r, &ExactLoss::Mse, &data).unwrap(),
            evaluate(&params, r, &data).unwrap(),
            "seed {seed}: ReLU"
        );
    }
}

#[test]
fn data_that_do_not_fit_are_a_shape_error_not_a_panic() {
    let mut rng = Rng::new(3);
    let (params, act, _) = {
        let a = activation(&mut rng, 2);
        random_net(&mut rng, a)
    };
    let m0 = params.widths()[0];
    let data =
        Dataset::new(vec![vec![Q::one(); m0 + 1]], vec![vec![Q::zero(); params.widths()[params.depth()]]]).unwrap();
    let Ok(ExactActivation::Poly(p)) = act.exact() else { panic!("polynomial") };
    assert!(matches!(evaluate_polynomial(&params, p, &data), Err(EvalError::Shape(_))));
}
