//! The intersection graph of Θ_{r→r+1} (one extra neuron), spec A.3 item 5 and Fig. 4 of
//! Şimşek et al. (ICML 2021): it is bipartite between m·r! "zero-type singleton" subspaces (one
//! neuron ℓ with a_ℓ = 0, the others a labelling π) and C(m, 2)·r! "one duplicated pair" subspaces;
//! (ℓ zero, π) meets ({ℓ, p} → π(p), rest π) and nothing else, so zero-type nodes have degree
//! m − 1 and pair nodes degree 2.

use super::manifold::Geometry;
use super::Configuration;
use std::collections::HashSet;

/// What the structure check found (each field is an exact count or an exact comparison).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bipartite {
    /// Number of zero-type singleton subspaces (predicted m·r!).
    pub zero_nodes: usize,
    /// Number of duplicated-pair subspaces (predicted C(m, 2)·r!).
    pub pair_nodes: usize,
    /// Every subspace is one of the two kinds.
    pub every_node_classified: bool,
    /// The edge set equals the predicted one exactly (so the graph is bipartite with the stated
    /// degrees).
    pub edges_as_predicted: bool,
    /// Every zero-type node has degree m − 1 and every pair node degree 2.
    pub degrees_as_predicted: bool,
}

impl Bipartite {
    /// Whether every claim of spec A.3 item 5 for m = r + 1 holds.
    pub fn holds(&self, r: usize) -> bool {
        let m = r + 1;
        let rf: usize = (1..=r).product();
        self.zero_nodes == m * rf
            && self.pair_nodes == m * (m - 1) / 2 * rf
            && self.every_node_classified
            && self.edges_as_predicted
            && self.degrees_as_predicted
    }
}

/// The teacher label of each student neuron (None: zero type).
fn neuron_labels(c: &Configuration) -> Vec<Option<usize>> {
    let mut out = vec![None; c.width()];
    for (block, label) in c.blocks.iter().zip(&c.labels) {
        for &j in block {
            out[j] = *label;
        }
    }
    out
}

/// Checks the bipartite structure; `None` unless m = r + 1.
pub fn bipartite_structure(g: &Geometry) -> Option<Bipartite> {
    if g.m != g.r + 1 {
        return None;
    }
    let is_zero = |c: &Configuration| c.zero_type_groups() == 1;
    let is_pair = |c: &Configuration| c.zero_type_groups() == 0 && c.blocks.iter().any(|b| b.len() == 2);
    let zero_nodes = g.subspaces.iter().filter(|s| is_zero(&s.config)).count();
    let pair_nodes = g.subspaces.iter().filter(|s| is_pair(&s.config)).count();
    let every_node_classified = zero_nodes + pair_nodes == g.subspaces.len();
    // Predicted edges: a zero node and a pair node whose neuron labels agree except at the zero
    // neuron ℓ (which the pair node puts in its pair).
    let labels: Vec<Vec<Option<usize>>> = g.subspaces.iter().map(|s| neuron_labels(&s.config)).collect();
    let mut predicted = HashSet::new();
    for (i, li) in labels.iter().enumerate() {
        if !is_zero(&g.subspaces[i].config) {
            continue;
        }
        for (j, lj) in labels.iter().enumerate() {
            if !is_pair(&g.subspaces[j].config) {
                continue;
            }
            let differ: Vec<usize> = (0..g.m).filter(|&k| li[k] != lj[k]).collect();
            if differ.len() == 1 && li[differ[0]].is_none() {
                predicted.insert((i.min(j), i.max(j)));
            }
        }
    }
    let found: HashSet<(usize, usize)> = g.edges.iter().copied().collect();
    let deg = g.degrees();
    let degrees_as_predicted =
        g.subspaces.iter().zip(&deg).all(|(s, &k)| if is_zero(&s.config) { k == g.m - 1 } else { k == 2 });
    Some(Bipartite {
        zero_nodes,
        pair_nodes,
        every_node_classified,
        edges_as_predicted: found == predicted,
        degrees_as_predicted,
    })
}
