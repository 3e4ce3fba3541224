//! Finding the narrow network a trained wide one is embedded from (\[P1\] Def. 5, \[P2\] Def. 4.3–4.6).
//!
//! In hidden layer l, neurons whose incoming weights and bias agree within the tolerance are
//! *duplicates* (what a splitting embedding T^α makes), and a neuron whose incoming weights and
//! outgoing column are both negligible is a *null neuron* (what T^β_{l,0} adds: a constant
//! feature σ(β) that nothing reads). The reduced network keeps one representative per group of
//! duplicates with the sum of the group's outgoing columns, and drops null neurons; `steps`
//! are the embedding that maps it back to the input's width (splits with α fitted by least
//! squares to the outgoing columns, null steps with β the dropped neuron's bias), and `order`
//! says where each neuron of the embedded network sits in the input.

use crate::embed::{Composition, Shape, Step};
use crate::linalg::Matrix;
use crate::net::{Layer, Params};
use crate::scalar::{Field, Ring, Q};

/// The reduced network, the embedding back, and the neuron order of the embedded network.
#[derive(Clone, Debug, PartialEq)]
pub struct Reduction {
    /// The narrow network.
    pub reduced: Params<Q>,
    /// Steps of the embedding from `reduced` to the input's width, in order.
    pub steps: Vec<Step<Q>>,
    /// Per hidden layer l (index l − 1): for each neuron of the embedded network, in its order,
    /// the index (0-based) of the input neuron it stands for.
    pub order: Vec<Vec<usize>>,
    /// The absolute tolerance used per hidden layer (tolerance × the layer's largest |entry|).
    pub tolerances: Vec<Q>,
}

fn max_abs<'a>(values: impl IntoIterator<Item = &'a Q>) -> Q {
    values.into_iter().map(Q::abs).max().unwrap_or_else(Q::zero)
}

fn close(a: &[Q], b: &[Q], tol: &Q) -> bool {
    a.iter().zip(b).all(|(x, y)| x.sub(y).abs() <= *tol)
}

/// Reduces `params` with relative tolerance `rel_tol` (module docs).
pub fn reduce(params: &Params<Q>, rel_tol: &Q) -> Reduction {
    let depth = params.depth();
    let mut current = params.clone();
    let mut steps_by_layer = Vec::new();
    let mut order = Vec::new();
    let mut tolerances = Vec::new();
    for l in 1..depth {
        let layer = current.layer(l).clone();
        let next = current.layer(l + 1).clone();
        let m = layer.width();
        let incoming: Vec<Vec<Q>> = (0..m)
            .map(|j| {
                let mut row = layer.weight.row(j).to_vec();
                row.extend(layer.bias.as_ref().map(|b| b[j].clone()));
                row
            })
            .collect();
        let column = |j: usize| -> Vec<Q> { (0..next.width()).map(|i| next.weight.get(i, j).clone()).collect() };
        let scale = max_abs(incoming.iter().flatten()).max(Q::one());
        let tol = rel_tol.mul(&scale);
        let out_scale = max_abs(next.weight.data()).max(Q::one());
        let out_tol = rel_tol.mul(&out_scale);
        let fan_in = layer.fan_in();
        let is_null = |j: usize| {
            layer.bias.is_some()
                && incoming[j][..fan_in].iter().all(|v| v.abs() <= tol)
                && column(j).iter().all(|v| v.abs() <= out_tol)
        };
        let mut assigned = vec![false; m];
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut nulls = Vec::new();
        for j in 0..m {
            if assigned[j] {
                continue;
            }
            assigned[j] = true;
            if is_null(j) && m - nulls.len() > 1 {
                nulls.push(j);
                continue;
            }
            let mut g = vec![j];
            for k in j + 1..m {
                if !assigned[k] && !is_null(k) && close(&incoming[j], &incoming[k], &tol) {
                    assigned[k] = true;
                    g.push(k);
                }
            }
            groups.push(g);
        }
        // Narrow layer l: representatives with summed outgoing columns; W^[l+1] columns merged.
        let reps: Vec<usize> = groups.iter().map(|g| g[0]).collect();
        let new_layer = Layer {
            weight: Matrix::from_rows(reps.iter().map(|&j| layer.weight.row(j).to_vec()).collect(), fan_in),
            bias: layer.bias.as_ref().map(|b| reps.iter().map(|&j| b[j].clone()).collect()),
        };
        let sums: Vec<Vec<Q>> = groups
            .iter()
            .map(|g| {
                (0..next.width()).map(|i| g.iter().fold(Q::zero(), |acc, &j| acc.add(next.weight.get(i, j)))).collect()
            })
            .collect();
        let new_next = Layer {
            weight: Matrix::from_rows(
                (0..next.width()).map(|i| sums.iter().map(|c| c[i].clone()).collect()).collect(),
                groups.len(),
            ),
            bias: next.bias.clone(),
        };
        // Steps: peel the members off each representative in turn; α by least squares.
        let mut steps = Vec::new();
        let mut wide_order: Vec<usize> = reps.clone();
        for (gi, g) in groups.iter().enumerate() {
            let mut remaining = sums[gi].clone();
            for &k in &g[1..] {
                let ck = column(k);
                let denom = remaining.iter().fold(Q::zero(), |a, v| a.add(&v.mul(v)));
                let alpha = if denom.is_zero() {
                    Q::zero()
                } else {
                    ck.iter()
                        .zip(&remaining)
                        .fold(Q::zero(), |a, (x, v)| a.add(&x.mul(v)))
                        .div(&denom)
                        .expect("nonzero")
                };
                steps.push(Step::Split { layer: l, neuron: gi, alpha: alpha.clone() });
                remaining = remaining.iter().map(|v| v.mul(&Q::one().sub(&alpha))).collect();
                wide_order.push(k);
            }
        }
        for &j in &nulls {
            let beta = layer.bias.as_ref().map_or_else(Q::zero, |b| b[j].clone());
            steps.push(Step::Null { layer: l, beta });
            wide_order.push(j);
        }
        let mut layers = current.clone().into_layers();
        layers[l - 1] = new_layer;
        layers[l] = new_next;
        current = Params::new(layers).expect("reduced shapes chain");
        steps_by_layer.push(steps);
        order.push(wide_order);
        tolerances.push(tol);
    }
    Reduction { reduced: current, steps: steps_by_layer.into_iter().flatten().collect(), order, tolerances }
}

impl Reduction {
    /// The embedding as a composition on the reduced shape.
    ///
    /// # Panics
    /// If the steps do not fit the reduced shape (an internal invariant of [`reduce`]).
    pub fn embedding(&self) -> Composition<Q> {
        Composition::new(&Shape::of(&self.reduced), &self.steps).expect("reduction steps fit the reduced shape")
    }

    /// The input network with its hidden neurons put in the embedded network's order, so it can
    /// be compared coordinate by coordinate with the embedding of the reduced net.
    pub fn permute_input(&self, input: &Params<Q>) -> Params<Q> {
        let mut layers = input.clone().into_layers();
        for (li, ord) in self.order.iter().enumerate() {
            let (a, b) = layers.split_at_mut(li + 1);
            let (layer, next) = (&mut a[li], &mut b[0]);
            let fan_in = layer.fan_in();
            layer.weight = Matrix::from_rows(ord.iter().map(|&j| layer.weight.row(j).to_vec()).collect(), fan_in);
            if let Some(bias) = layer.bias.as_mut() {
                *bias = ord.iter().map(|&j| bias[j].clone()).collect();
            }
            next.weight = Matrix::from_rows(
                (0..next.width()).map(|i| ord.iter().map(|&j| next.weight.get(i, j).clone()).collect()).collect(),
                ord.len(),
            );
        }
        Params::new(layers).expect("a permutation keeps the shapes")
    }
}
