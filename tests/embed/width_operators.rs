//! The width operators on the spec's hand-checked vectors (width-depth spec §2.6 Ex A, Ex B),
//! the sparse maps against the direct operations, and the located errors for bad indices.

use crate::common;

use common::{ex_a, q, qs};
use embedcheck::embed::{Composition, EmbedError, KNeuronSubspace, Null, Shape, Split, Step};
use embedcheck::net::evaluate;
use embedcheck::scalar::{Ring, Q};

#[test]
fn ex_a_split_one_third_gives_the_spec_parameters_and_gradient() {
    // Spec §2.6 Ex A: T^{1/3}_{1,1} θ and ∇R_wide there = P_{1/3} ∇R_narr.
    let (params, act, data) = ex_a();
    let split = Split::new(&Shape::of(&params), 1, 0, q("1/3")).unwrap();
    let wide = split.apply(&params).unwrap();
    assert_eq!(wide.flatten(), qs(&["1", "-1", "1", "0", "1", "0", "4/3", "1", "2/3", "0"]));
    let eval = evaluate(&wide, act.exact().unwrap(), &data).unwrap();
    let expected = qs(&["500/9", "-49/3", "250/9", "232/9", "22/3", "116/9", "24", "12", "24", "20/3"]);
    assert_eq!(eval.gradient.flatten(), expected);
    assert_eq!(eval.loss, q("83/3"));
    let narrow = evaluate(&params, act.exact().unwrap(), &data).unwrap();
    assert_eq!(split.transfer(&narrow.gradient).unwrap().flatten(), expected);
}

#[test]
fn ex_b_null_embedding_beta_one_gives_the_spec_parameters_and_gradient() {
    // Spec §2.6 Ex B: T^{β=1}_{1,0} θ; the new column's gradient is σ(1)·∂R/∂b^[2] = 2·20/3.
    let (params, act, data) = ex_a();
    let null = Null::new(&Shape::of(&params), 1, q("1")).unwrap();
    let wide = null.apply(&params).unwrap();
    assert_eq!(wide.flatten(), qs(&["1", "-1", "0", "0", "1", "1", "2", "1", "0", "0"]));
    let eval = evaluate(&wide, act.exact().unwrap(), &data).unwrap();
    let expected = qs(&["250/3", "-49/3", "0", "116/3", "22/3", "0", "24", "12", "40/3", "20/3"]);
    assert_eq!(eval.gradient.flatten(), expected);
    let narrow = evaluate(&params, act.exact().unwrap(), &data).unwrap();
    assert_eq!(null.transfer(&narrow.gradient, &q("2")).unwrap().flatten(), expected);
}

#[test]
fn split_sparse_map_equals_direct_application_and_t_plus_alpha_v() {
    let (params, _, _) = ex_a();
    let shape = Shape::of(&params);
    for alpha in ["0", "1/2", "1", "2", "-1/3"] {
        let split = Split::new(&shape, 1, 1, q(alpha)).unwrap();
        assert!(split.is_valid());
        let direct = split.apply(&params).unwrap().flatten();
        assert_eq!(split.map().apply(&params.flatten()), direct);
        let mut tv = split.t_map().apply(&params.flatten());
        for (x, v) in tv.iter_mut().zip(split.v_map().apply(&params.flatten())) {
            x.add_assign(&q(alpha).mul(&v));
        }
        assert_eq!(tv, direct);
    }
}

#[test]
fn split_transfer_is_a_left_inverse_of_t_transposed() {
    // (T^α)ᵀ P_α = I (spec §2.1, identity 5), checked as a dense matrix product.
    let (params, _, _) = ex_a();
    let split = Split::new(&Shape::of(&params), 1, 1, q("-1/3")).unwrap();
    let prod = split.map().to_matrix().transpose().mul(&split.transfer_map().to_matrix());
    assert_eq!(prod, embedcheck::linalg::Matrix::<Q>::identity(params.num_params()));
}

#[test]
fn null_affine_map_equals_direct_application() {
    let (params, _, _) = ex_a();
    let null = Null::new(&Shape::of(&params), 1, q("-2")).unwrap();
    assert_eq!(null.map().apply(&params.flatten()), null.apply(&params).unwrap().flatten());
}

#[test]
fn composition_map_equals_stepwise_application() {
    let (params, _, _) = ex_a();
    let steps = vec![
        Step::Split { layer: 1, neuron: 0, alpha: q("1/3") },
        Step::Null { layer: 1, beta: q("2") },
        Step::Split { layer: 1, neuron: 3, alpha: q("-1") },
    ];
    let comp = Composition::new(&Shape::of(&params), &steps).unwrap();
    assert!(comp.is_valid());
    assert_eq!(comp.wide().widths(), &[1, 5, 1]);
    assert_eq!(comp.map().apply(&params.flatten()), comp.apply(&params).unwrap().flatten());
}

#[test]
fn bad_indices_are_errors_naming_the_valid_range() {
    let (params, _, _) = ex_a();
    let shape = Shape::of(&params);
    let e = Split::new(&shape, 2, 0, q("1")).unwrap_err();
    assert_eq!(e, EmbedError::Layer { layer: 2, depth: 2 });
    assert!(e.to_string().contains("valid layers are 1 … 1"), "{e}");
    let e = Split::new(&shape, 1, 2, q("1")).unwrap_err();
    assert!(e.to_string().contains("neuron 3") && e.to_string().contains("1 … 2"), "{e}");
    assert!(Null::new(&shape, 0, q("0")).is_err());
    let e = Composition::new(&shape, &[Step::Split { layer: 1, neuron: 5, alpha: q("0") }]).unwrap_err();
    assert!(e.to_string().starts_with("invalid embedding: step 1"), "{e}");
}

#[test]
fn k_neuron_subspace_splitting_a_neuron_twice_has_dimension_two() {
    // Spec §2.1: split neuron 1 twice (never its copy); both outgoing columns nonzero in Ex A.
    let (params, _, _) = ex_a();
    let sub = KNeuronSubspace::new(&params, &[(1, 0), (1, 0)]).unwrap();
    assert!(sub.hypothesis().is_ok());
    assert_eq!(sub.dimension(), 2);
    // Splitting the copy (index 2, created with a zero outgoing column) violates the hypothesis.
    let bad = KNeuronSubspace::new(&params, &[(1, 0), (1, 2)]).unwrap();
    assert!(bad.hypothesis().is_err());
    assert_eq!(bad.dimension(), 1);
}

#[test]
fn t_beta_transposed_inverts_p_alpha_for_every_beta() {
    // Derived: P_α copies columns of the W^[l+1] block and T^β's coefficients on that column pair
    // sum to 1, and rows are copied by T independently of β; so (T^β)ᵀ P_α = I for all α, β.
    // This is why "α swapped in T" is no negative control for the adjoint identity.
    let (params, _, _) = ex_a();
    let shape = Shape::of(&params);
    let p = Split::new(&shape, 1, 0, q("1/3")).unwrap().transfer_map().to_matrix();
    for beta in ["2/3", "5", "-1"] {
        let t = Split::new(&shape, 1, 0, q(beta)).unwrap().map().to_matrix();
        assert_eq!(t.transpose().mul(&p), embedcheck::linalg::Matrix::<Q>::identity(params.num_params()));
    }
}

fn three_fold_global(reading: embedcheck::embed::Condition2) -> embedcheck::embed::Compatible<Q> {
    // [P2] Ex. 5.1 on Ex A's widths (1, 2, 1): three copies of each hidden neuron with
    // β = (1, 1, −1) per copy; output layer [W, W, −W], bias kept.
    use embedcheck::linalg::Matrix;
    let ones = |n| vec![Q::one(); n];
    let beta = qs(&["1", "1", "1", "1", "-1", "-1"]);
    embedcheck::embed::Compatible {
        narrow: Shape::with_biases(&[1, 2, 1]).unwrap(),
        index: vec![vec![1], vec![1, 2, 1, 2, 1, 2], vec![1]],
        alpha: vec![Matrix::from_rows(vec![ones(1); 6], 1), Matrix::from_rows(vec![beta.clone()], 6)],
        alpha_b: vec![vec![Q::zero(); 6], vec![Q::zero()]],
        beta: vec![ones(1), beta, ones(1)],
        effective_bias: vec![vec![Q::zero()], vec![Q::zero(); 6], vec![Q::zero()]],
        constants: vec![vec![Q::zero()], vec![Q::zero(); 6], vec![Q::zero()]],
        reading,
    }
}

#[test]
fn three_fold_global_splitting_is_a_valid_compatible_embedding_preserving_loss_and_transfer() {
    // [P2] Ex. 5.1; transfer formula of spec §2.4 checked against back-propagation on Ex A.
    let (params, act, data) = ex_a();
    let g = three_fold_global(embedcheck::embed::Condition2::Literal);
    g.check().unwrap();
    let wide = g.apply(&params).unwrap();
    assert_eq!(wide.layer(2).weight.row(0), qs(&["2", "1", "2", "1", "-2", "-1"]).as_slice());
    let (en, ew) = (
        evaluate(&params, act.exact().unwrap(), &data).unwrap(),
        evaluate(&wide, act.exact().unwrap(), &data).unwrap(),
    );
    assert_eq!(ew.loss, en.loss);
    assert_eq!(g.transfer_map().apply(&en.gradient.flatten()), ew.gradient.flatten());
}

#[test]
fn compatible_check_names_the_broken_condition() {
    let mut g = three_fold_global(embedcheck::embed::Condition2::Literal);
    g.alpha[1].set(0, 0, q("2"));
    let e = g.check().unwrap_err().to_string();
    assert!(e.contains("Condition 1 (forward), layer 2"), "{e}");
    let mut g = three_fold_global(embedcheck::embed::Condition2::Literal);
    g.beta[1][4] = q("0");
    assert!(g.check().unwrap_err().to_string().contains("β sums to"));
}

#[test]
fn random_compatible_embeddings_satisfy_both_readings_of_condition_2() {
    use embedcheck::embed::{random_compatible, Condition2};
    let shape = Shape::with_biases(&[2, 2, 3, 1]).unwrap();
    let sigma = |x: &Q| Q::one().add(x).add(&x.mul(x)); // σ(t) = 1 + t + t², σ(0) ≠ 0
    for seed in 0..20 {
        for reading in [Condition2::Literal, Condition2::Compensated] {
            let c = random_compatible(&mut embedcheck::rng::Rng::new(seed), &shape, &[4, 5], sigma, reading);
            c.check().unwrap_or_else(|e| panic!("seed {seed} {reading:?}: {e}"));
        }
    }
}
