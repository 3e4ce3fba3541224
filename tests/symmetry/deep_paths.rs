//! Multi-layer connectivity (Şimşek et al. 2021, abstract; symmetry spec A.3 item 6): with one
//! spare neuron per hidden layer, explicit paths that keep the function exactly (a polynomial in t
//! of bounded degree vanishing at enough points) join θ to each adjacent swap of hidden neurons.

use crate::common;

use common::qs;
use embedcheck::activation::Polynomial;
use embedcheck::linalg::Matrix;
use embedcheck::net::{Layer, Params};
use embedcheck::rng::Rng;
use embedcheck::scalar::Q;
use embedcheck::symmetry::deep_paths::{
    check_adjacent_swaps, output_degree_bound, segment_keeps_function, swap_neurons, swap_path, with_spares,
};

fn random_deep(rng: &mut Rng, widths: &[usize]) -> Params<Q> {
    let layers = widths
        .windows(2)
        .map(|w| {
            let data = (0..w[0] * w[1]).map(|_| rng.small_nonzero_q(4, 3)).collect();
            Layer { weight: Matrix::from_vec(w[1], w[0], data), bias: None }
        })
        .collect();
    Params::new(layers).unwrap()
}

fn sigma() -> Polynomial {
    Polynomial::new(qs(&["1/3", "1", "1/2"]))
}

#[test]
fn degree_bound_follows_the_layer_recursion() {
    // Hand: L = 2, p = 2: output W2(t)σ(W1(t)x) has degree 1 + 2·1 = 3; L = 3: 1 + 2·3 = 7.
    assert_eq!(output_degree_bound(2, 2), 3);
    assert_eq!(output_degree_bound(2, 3), 7);
    assert_eq!(output_degree_bound(3, 1), 1);
}

#[test]
fn one_spare_per_hidden_layer_connects_every_adjacent_swap_in_three_layer_nets() {
    let mut rng = Rng::new(2);
    for widths in [vec![2, 2, 2, 1], vec![1, 3, 2, 1], vec![2, 2, 3, 1]] {
        let teacher = random_deep(&mut rng, &widths);
        let inputs: Vec<Vec<Q>> = (0..4).map(|_| (0..widths[0]).map(|_| rng.small_q(4, 3)).collect()).collect();
        assert_eq!(check_adjacent_swaps(&teacher, &sigma(), &inputs), None, "widths {widths:?}");
        // The swaps are genuine moves: the swapped net differs from the original parameters.
        let spared = with_spares(&teacher);
        assert_ne!(swap_neurons(&spared, 1, 0, 1), spared);
    }
}

/// Negative control: without first aligning the spare's incoming row with neuron i, shifting the
/// outgoing column onto the spare changes the function.
#[test]
fn path_without_aligning_the_spare_changes_the_function() {
    let mut rng = Rng::new(5);
    let teacher = random_deep(&mut rng, &[2, 2, 2, 1]);
    let inputs: Vec<Vec<Q>> = (0..4).map(|_| (0..2).map(|_| rng.small_nonzero_q(4, 3)).collect()).collect();
    let path = swap_path(&with_spares(&teacher), 1, 0, 1, true);
    assert!(!path.windows(2).all(|w| segment_keeps_function(&w[0], &w[1], &sigma(), &inputs)));
}
