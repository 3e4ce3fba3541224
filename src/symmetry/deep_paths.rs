//! Multi-layer connectivity (Şimşek et al., ICML 2021, abstract; symmetry spec A.3 item 6): with
//! one extra neuron per hidden layer, the permuted copies of a zero-loss point of a bias-free deep
//! net are joined by zero-loss paths.
//!
//! What is checked exactly here, for a given net and data: for every hidden layer l and every
//! adjacent pair (i, i+1) of its original neurons, an explicit polygonal path from θ (with a
//! *spare* neuron per hidden layer: zero incoming row, zero outgoing column) to the net with
//! neurons i and i+1 of layer l swapped, every segment of which has f(x; θ(t)) = f(x; θ) for all t
//! and every input. Along a segment θ(t) = (1−t)θ_a + tθ_b the output is a polynomial in t of
//! degree ≤ D_L, D_1 = 1, D_l = 1 + p·D_{l−1} (p = deg σ), so agreement at D_L + 1 values of t
//! proves it for all t. Because the loss is invariant under permuting hidden neurons, the path
//! from P θ to P τ θ is P applied to the path; adjacent transpositions generate each S_{r_l}, so
//! all Π r_l! permuted copies lie in one path component of the zero-loss set (on these data).
//!
//! Not established: that these copies are *isolated* at minimal width (false in general for
//! polynomial σ, spec A.3 item 2), or anything for non-polynomial σ.
//!
//! The swap uses the spare s in seven moves: s's row ← row_i; shift column i onto s; i's row ←
//! row_j; shift column j onto i; j's row ← row_s (= old row_i); shift column s onto j; s's row ← 0.
//! Each move changes only a neuron whose outgoing column is zero, or splits a column between two
//! neurons with equal incoming rows.

use crate::activation::Polynomial;
use crate::linalg::Matrix;
use crate::net::{outputs, Layer, Params};
use crate::scalar::{Ring, Q};

/// The net with one spare neuron appended to every hidden layer: zero incoming row, zero
/// outgoing column. Biases are dropped (the paper's nets are bias-free).
///
/// # Panics
/// If `p` has biases (an invariant of the callers).
pub fn with_spares(p: &Params<Q>) -> Params<Q> {
    assert!(p.layers().iter().all(|l| l.bias.is_none()), "bias-free nets only");
    let depth = p.depth();
    let layers = (1..=depth)
        .map(|l| {
            let w = &p.layer(l).weight;
            let extra_col = usize::from(l > 1);
            let extra_row = usize::from(l < depth);
            let mut out = Matrix::zeros(w.rows() + extra_row, w.cols() + extra_col);
            for i in 0..w.rows() {
                for j in 0..w.cols() {
                    out.set(i, j, w.get(i, j).clone());
                }
            }
            Layer { weight: out, bias: None }
        })
        .collect();
    Params::new(layers).expect("shapes chain")
}

/// The net with neurons `i` and `j` of hidden layer `l` swapped (rows of W^\[l\], columns of
/// W^\[l+1\]): the same function.
pub fn swap_neurons(p: &Params<Q>, l: usize, i: usize, j: usize) -> Params<Q> {
    let mut out = p.clone();
    let n_in = p.layer(l).weight.cols();
    for c in 0..n_in {
        let (a, b) = (p.layer(l).weight.get(i, c).clone(), p.layer(l).weight.get(j, c).clone());
        out.layer_mut(l).weight.set(i, c, b);
        out.layer_mut(l).weight.set(j, c, a);
    }
    let n_out = p.layer(l + 1).weight.rows();
    for r in 0..n_out {
        let (a, b) = (p.layer(l + 1).weight.get(r, i).clone(), p.layer(l + 1).weight.get(r, j).clone());
        out.layer_mut(l + 1).weight.set(r, i, b);
        out.layer_mut(l + 1).weight.set(r, j, a);
    }
    out
}

/// One move of a path, applied in place.
type Move<'a> = dyn Fn(&mut Params<Q>) + 'a;

fn set_row(p: &mut Params<Q>, l: usize, i: usize, row: &[Q]) {
    for (c, v) in row.iter().enumerate() {
        p.layer_mut(l).weight.set(i, c, v.clone());
    }
}

/// Moves column `from` of W^\[l+1\] onto column `to` (`to` must be zero there before).
fn shift_column(p: &mut Params<Q>, l: usize, from: usize, to: usize) {
    for r in 0..p.layer(l + 1).weight.rows() {
        let v = p.layer(l + 1).weight.get(r, from).clone();
        let sum = p.layer(l + 1).weight.get(r, to).add(&v);
        p.layer_mut(l + 1).weight.set(r, to, sum);
        p.layer_mut(l + 1).weight.set(r, from, Q::zero());
    }
}

/// The vertices of the seven-move path swapping neurons i and j of hidden layer l, starting at
/// `p` (which must have the spare of layer l, its last neuron, with zero row and column). With
/// `skip_first_move`, the spare's row is not first set to row_i: a deliberately wrong path (the
/// negative control), whose second segment changes the function.
pub fn swap_path(p: &Params<Q>, l: usize, i: usize, j: usize, skip_first_move: bool) -> Vec<Params<Q>> {
    let s = p.layer(l).weight.rows() - 1;
    let row = |q: &Params<Q>, k: usize| q.layer(l).weight.row(k).to_vec();
    let mut verts = vec![p.clone()];
    let mut cur = p.clone();
    let original_spare = row(p, s);
    let moves: [&Move; 7] = [
        &|q| {
            if !skip_first_move {
                let r = row(q, i);
                set_row(q, l, s, &r);
            }
        },
        &|q| shift_column(q, l, i, s),
        &|q| {
            let r = row(q, j);
            set_row(q, l, i, &r);
        },
        &|q| shift_column(q, l, j, i),
        &|q| {
            let r = row(q, s);
            set_row(q, l, j, &r);
        },
        &|q| shift_column(q, l, s, j),
        &|q| set_row(q, l, s, &original_spare),
    ];
    for mv in moves {
        mv(&mut cur);
        verts.push(cur.clone());
    }
    verts
}

/// D_L: a bound on the degree in t of the output along a segment of parameter space, for a
/// polynomial σ of degree `p` and L = `depth` layers (D_1 = 1, D_l = 1 + p·D_{l−1}).
pub fn output_degree_bound(p: usize, depth: usize) -> usize {
    (1..depth).fold(1, |d, _| 1 + p * d)
}

/// Whether f(x; (1−t)a + tb) = f(x; a) for every t and every input: checked at D_L + 1 values
/// t = 0, 1, …, D_L, which proves it because the difference is a polynomial in t of degree ≤ D_L.
pub fn segment_keeps_function(a: &Params<Q>, b: &Params<Q>, sigma: &Polynomial, inputs: &[Vec<Q>]) -> bool {
    let p = sigma.coefficients().len().saturating_sub(1);
    let bound = output_degree_bound(p, a.depth());
    let (fa, fb) = (a.flatten(), b.flatten());
    let act = crate::activation::ExactActivation::Poly(sigma.clone());
    inputs.iter().enumerate().all(|(n, x)| {
        let reference = outputs(a, &act, x, n + 1).expect("polynomials have no poles");
        (0..=bound).all(|k| {
            let t = Q::int(k as i64);
            let flat: Vec<Q> = fa.iter().zip(&fb).map(|(u, v)| u.add(&t.mul(&v.sub(u)))).collect();
            let point = a.with_flat(&flat);
            outputs(&point, &act, x, n + 1).expect("polynomials have no poles") == reference
        })
    })
}

/// The check of this module: for every hidden layer and adjacent pair of original neurons, the
/// swap path from `with_spares(p)` ends at the swapped net and keeps the function on every
/// segment. Returns the first failing (layer, i) or `None`.
pub fn check_adjacent_swaps(p: &Params<Q>, sigma: &Polynomial, inputs: &[Vec<Q>]) -> Option<(usize, usize)> {
    let spared = with_spares(p);
    for l in 1..p.depth() {
        for i in 0..p.layer(l).weight.rows().saturating_sub(1) {
            let path = swap_path(&spared, l, i, i + 1, false);
            let ok_end = path.last() == Some(&swap_neurons(&spared, l, i, i + 1));
            let ok_segments = path.windows(2).all(|w| segment_keeps_function(&w[0], &w[1], sigma, inputs));
            if !ok_end || !ok_segments {
                return Some((l, i));
            }
        }
    }
    None
}
