//! Random general compatible embeddings satisfying Conditions 1–2 exactly, for the harness.
//!
//! Construction (solving the linear Conditions 1–2 of \[P2\] §5 in closed form; spec §2.4):
//! - groups: every narrow neuron k gets ≥ 1 copies, the rest of the extra neurons are copies of
//!   random neurons or null; the order of wide neurons is shuffled;
//! - β on a group: random values with the last one chosen so the group sums to 1;
//! - non-null row i in group G_k, non-null column group G_s: α_ij = β_j + u_i w_j with
//!   Σ_{i∈G_k} β_i u_i = 0 and Σ_{j∈G_s} w_j = 0 (then the forward sums are 1 and the backward
//!   sums are β_j);
//! - non-null row, null column j: α_ij = u_i t_j with Σ β_i u_i = 0 (backward sum 0) and, for the
//!   literal Condition 2, Σ_j t_j c_j = 0;
//! - null row: α over each non-null column group sums to 0; α into null columns is free; α_b then
//!   makes the constant pre-activation equal to b*.

use super::{Compatible, Condition2, Shape};
use crate::linalg::Matrix;
use crate::rng::Rng;
use crate::scalar::{Field, Ring, Q};

/// A random u with Σ w_i u_i = 0 (random entries, one solved for; all zero if impossible).
fn perp(rng: &mut Rng, w: &[Q]) -> Vec<Q> {
    if w.len() == 1 {
        return vec![if w[0].is_zero() { rng.small_q(3, 2) } else { Q::zero() }];
    }
    let mut u: Vec<Q> = (0..w.len()).map(|_| rng.small_q(3, 2)).collect();
    if let Some(p) = w.iter().position(|x| !x.is_zero()) {
        let mut rest = Q::zero();
        for (k, (wk, uk)) in w.iter().zip(&u).enumerate() {
            if k != p {
                rest.add_assign(&wk.mul(uk));
            }
        }
        u[p] = rest.neg().div(&w[p]).expect("w_p ≠ 0");
    }
    u
}

/// A random general compatible embedding of `narrow` into hidden widths `wide_hidden`
/// (m'_1 … m'_{L−1}, each ≥ m_l), with σ given by `sigma` (for the null constants c = σ(b*)).
///
/// # Panics
/// If `wide_hidden` has the wrong length or a width smaller than the narrow one (internal
/// callers only; the harness generates consistent sizes).
pub fn random_compatible(
    rng: &mut Rng,
    narrow: &Shape,
    wide_hidden: &[usize],
    sigma: impl Fn(&Q) -> Q,
    reading: Condition2,
) -> Compatible<Q> {
    let depth = narrow.depth();
    assert_eq!(wide_hidden.len(), depth - 1, "one wide width per hidden layer");
    let w = narrow.widths();
    let mut index = vec![(1..=w[0]).collect::<Vec<_>>()];
    let mut beta = vec![vec![Q::one(); w[0]]];
    let mut bstar = vec![vec![Q::zero(); w[0]]];
    let mut consts = vec![vec![Q::zero(); w[0]]];
    for l in 1..depth {
        let (m, mw) = (w[l], wide_hidden[l - 1]);
        assert!(mw >= m, "wide width below narrow width");
        let nulls = rng.below(mw - m + 1);
        let mut idx: Vec<usize> = (1..=m).collect();
        idx.extend((0..mw - m - nulls).map(|_| 1 + rng.below(m)));
        idx.extend(std::iter::repeat_n(0, nulls));
        for k in (1..idx.len()).rev() {
            idx.swap(k, rng.below(k + 1));
        }
        let mut b = vec![Q::zero(); mw];
        for k in 1..=m {
            let g: Vec<usize> = (0..mw).filter(|&i| idx[i] == k).collect();
            let mut left = Q::one();
            for &i in &g[..g.len() - 1] {
                b[i] = rng.small_q(3, 2);
                left = left.sub(&b[i]);
            }
            b[*g.last().expect("onto")] = left;
        }
        let bs: Vec<Q> = idx.iter().map(|&k| if k == 0 { rng.small_q(3, 2) } else { Q::zero() }).collect();
        consts.push(idx.iter().zip(&bs).map(|(&k, x)| if k == 0 { sigma(x) } else { Q::zero() }).collect());
        index.push(idx);
        beta.push(b);
        bstar.push(bs);
    }
    index.push((1..=w[depth]).collect());
    beta.push(vec![Q::one(); w[depth]]);
    bstar.push(vec![Q::zero(); w[depth]]);
    consts.push(vec![Q::zero(); w[depth]]);

    let mut alpha = Vec::new();
    let mut alpha_b = Vec::new();
    for l in 1..=depth {
        let (rows, cols) = (&index[l], &index[l - 1]);
        let mut a = Matrix::<Q>::zeros(rows.len(), cols.len());
        let null_cols: Vec<usize> = (0..cols.len()).filter(|&j| cols[j] == 0).collect();
        let col_groups: Vec<Vec<usize>> =
            (1..=w[l - 1]).map(|s| (0..cols.len()).filter(|&j| cols[j] == s).collect()).collect();
        for k in 1..=w[l] {
            let g: Vec<usize> = (0..rows.len()).filter(|&i| rows[i] == k).collect();
            let bk: Vec<Q> = g.iter().map(|&i| if l == depth { Q::one() } else { beta[l][i].clone() }).collect();
            for gs in &col_groups {
                let u = perp(rng, &bk);
                let wv = perp(rng, &vec![Q::one(); gs.len()]);
                for (ui, &i) in u.iter().zip(&g) {
                    for (wj, &j) in wv.iter().zip(gs) {
                        a.set(i, j, beta[l - 1][j].add(&ui.mul(wj)));
                    }
                }
            }
            if !null_cols.is_empty() {
                let u = perp(rng, &bk);
                let cs: Vec<Q> = null_cols.iter().map(|&j| consts[l - 1][j].clone()).collect();
                let t = match reading {
                    Condition2::Literal => perp(rng, &cs),
                    Condition2::Compensated => cs.iter().map(|_| rng.small_q(3, 2)).collect(),
                };
                for (ui, &i) in u.iter().zip(&g) {
                    for (tj, &j) in t.iter().zip(&null_cols) {
                        a.set(i, j, ui.mul(tj));
                    }
                }
            }
        }
        for i in (0..rows.len()).filter(|&i| rows[i] == 0) {
            for gs in &col_groups {
                let wv = perp(rng, &vec![Q::one(); gs.len()]);
                for (wj, &j) in wv.iter().zip(gs) {
                    a.set(i, j, wj.clone());
                }
            }
            for &j in &null_cols {
                a.set(i, j, rng.small_q(3, 2));
            }
        }
        let ab = (0..rows.len())
            .map(|i| {
                let mut inflow = Q::zero();
                for &j in &null_cols {
                    inflow.add_assign(&a.get(i, j).mul(&consts[l - 1][j]));
                }
                match (rows[i], reading) {
                    (0, _) => bstar[l][i].sub(&inflow),
                    (_, Condition2::Compensated) => inflow.neg(),
                    (_, Condition2::Literal) => Q::zero(),
                }
            })
            .collect();
        alpha.push(a);
        alpha_b.push(ab);
    }
    Compatible {
        narrow: narrow.clone(),
        index,
        alpha,
        alpha_b,
        beta,
        effective_bias: bstar,
        constants: consts,
        reading,
    }
}
