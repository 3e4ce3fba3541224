//! The expansion manifold Θ_{r→m} of Şimşek et al. (ICML 2021), symmetry spec A.2–A.3: subspaces
//! Γ_C by exact rank with a symbolic teacher (distinct, maximal, dimension h + q(d−1), intersection
//! graph and components, the bipartite structure for m = r + 1), and zero loss and zero gradient at
//! random exact points of every Γ_C (σ polynomial; completeness is never claimed).

use crate::common;

use common::qs;
use embedcheck::activation::{Activation, ExactActivation};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Z};
use embedcheck::symmetry::bipartite::bipartite_structure;
use embedcheck::symmetry::shallow::{random_inputs, teacher_data};
use embedcheck::symmetry::zero_loss::check_zero_loss;
use embedcheck::symmetry::{Counts, Geometry, Shallow};

/// The spec's degree-4 σ with σ(0) ≠ 0 (A.7 script, section C): 1/3 + t + t²/2 + t³/5 − t⁴/7.
fn sigma() -> ExactActivation {
    Activation::poly(qs(&["1/3", "1", "1/2", "1/5", "-1/7"])).exact().unwrap().clone()
}

fn factorial(n: usize) -> usize {
    (1..=n).product()
}

/// Spec A.3 items 3–5 for one (r, m, d).
fn assert_geometry(r: usize, m: usize, d: usize) -> Geometry {
    let g = Geometry::new(r, m, d);
    let t = Counts::up_to(m).t(r, m);
    assert_eq!(Z::from_u64(g.subspaces.len() as u64), t, "({r},{m},{d}): one subspace per configuration, T of them");
    assert!(g.all_consistent, "({r},{m},{d}): every Γ_C nonempty");
    assert!(g.dimension_formula_holds, "({r},{m},{d}): dim Γ_C = h + q(d − 1)");
    assert_eq!(g.min_dim(), m - r, "({r},{m},{d}): smallest dimension is h");
    assert!(g.distinct_and_maximal, "({r},{m},{d}): no Γ_C contains another");
    let expected = if m == r { factorial(r) } else { 1 };
    assert_eq!(g.components, expected, "({r},{m},{d}): components");
    g
}

#[test]
fn minimal_width_gives_r_factorial_isolated_points() {
    for (r, d) in [(1, 1), (2, 2), (3, 2)] {
        let g = assert_geometry(r, r, d);
        assert!(g.edges.is_empty());
        assert!(g.subspaces.iter().all(|s| s.dim() == 0));
    }
}

/// Fig. 4(a) of the paper: r = 1, m = 2 is the path Γ0 — (w1, w1, βa1, (1−β)a1) — P(1,2)Γ0.
#[test]
fn one_teacher_neuron_in_width_two_is_a_path_of_three_subspaces() {
    let g = assert_geometry(1, 2, 1);
    assert_eq!(g.subspaces.len(), 3);
    assert_eq!(g.edges.len(), 2);
    let deg = g.degrees();
    let middle = (0..3).find(|&i| deg[i] == 2).unwrap();
    assert_eq!(g.subspaces[middle].config.blocks, vec![vec![0, 1]], "the middle is the duplicated pair");
    assert!(bipartite_structure(&g).unwrap().holds(1));
}

/// Intersecting-pair counts printed by the spec's Python script (`symmetry_counts.py --quick`,
/// section B), an independent implementation: 2, 30, 12, 12, 300, 300, 72.
#[test]
fn intersection_graph_edge_counts_match_the_reference_script() {
    for ((r, m, d), edges) in [
        ((1, 2, 1), 2),
        ((1, 3, 1), 30),
        ((2, 3, 1), 12),
        ((2, 3, 2), 12),
        ((2, 4, 1), 300),
        ((2, 4, 2), 300),
        ((3, 4, 2), 72),
    ] {
        assert_eq!(Geometry::new(r, m, d).edges.len(), edges, "({r},{m},{d})");
    }
}

#[test]
fn geometry_of_1_3_1() {
    assert_geometry(1, 3, 1);
}

#[test]
fn geometry_of_2_3_2_is_connected_and_bipartite() {
    let g = assert_geometry(2, 3, 2);
    let b = bipartite_structure(&g).unwrap();
    assert_eq!((b.zero_nodes, b.pair_nodes), (3 * 2, 3 * 2));
    assert!(b.holds(2), "{b:?}");
}

#[test]
fn geometry_of_2_4_2() {
    let g = assert_geometry(2, 4, 2);
    assert!(bipartite_structure(&g).is_none());
}

#[test]
fn geometry_of_3_4_2_is_bipartite() {
    let g = assert_geometry(3, 4, 2);
    assert!(bipartite_structure(&g).unwrap().holds(3));
}

#[test]
fn geometry_of_3_5_2() {
    let g = assert_geometry(3, 5, 2);
    assert_eq!(g.subspaces.len(), 450);
}

/// Spec A.3 item 1 on every subspace, the spec's four geometry cases, σ(0) ≠ 0.
#[test]
fn every_subspace_has_zero_loss_and_zero_gradient() {
    let mut rng = Rng::new(1);
    for (r, m, d) in [(1, 3, 1), (2, 3, 2), (2, 4, 2), (3, 5, 2)] {
        let g = Geometry::new(r, m, d);
        let rep = check_zero_loss(&g.subspaces, r, d, &sigma(), 6, &mut rng).unwrap();
        assert!(rep.holds(), "({r},{m},{d}): failures {:?}", rep.failures);
        assert_eq!(rep.checked, g.subspaces.len());
    }
}

/// Negative control: a zero-type pair whose incoming vectors differ (the mistake of reading
/// "Σa = 0" without "common w") does not reproduce the teacher.
#[test]
fn zero_type_pair_without_a_common_vector_has_positive_loss() {
    let mut rng = Rng::new(4);
    let (r, m, d) = (1, 3, 2);
    let g = Geometry::new(r, m, d);
    let teacher = Shallow::random_irreducible(&mut rng, r, d, 5);
    let data = teacher_data(&teacher, &sigma(), random_inputs(&mut rng, 6, d, 5)).unwrap();
    let zero_pair = |s: &&embedcheck::symmetry::Subspace| {
        s.config.blocks.iter().zip(&s.config.labels).any(|(b, l)| l.is_none() && b.len() == 2)
    };
    let s = g.subspaces.iter().find(zero_pair).unwrap();
    let zero_block = s.config.blocks.iter().zip(&s.config.labels).find(|(_, l)| l.is_none()).unwrap().0;
    assert_eq!(zero_block.len(), 2);
    let mut point = s.random_point(&teacher, &mut rng);
    point.a[zero_block[0]] = common::q("1");
    point.a[zero_block[1]] = common::q("-1");
    assert!(point.evaluate(&sigma(), &data).unwrap().loss.is_zero(), "control baseline: on Γ_C");
    point.w[zero_block[1]] = qs(&["7/3", "-2"]);
    assert!(!point.evaluate(&sigma(), &data).unwrap().loss.is_zero());
}
