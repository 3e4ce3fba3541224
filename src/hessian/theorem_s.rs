//! The blocks of Theorem S (the splitting inertia formula, width-depth spec §2.5): A and B from
//! exact forward/backward traces, and the matrix K_α whose inertia the formula adds. The
//! catalogue checks `hessian.theorem_s` and `hessian.degeneracy_increment` are in
//! [`crate::hessian::theorems::theorem_s`].
//!
//! Notation: θ* a critical point of the narrow net, T^α_{l,s} the splitting of neuron s of hidden
//! layer l, v* := W^\[l+1\]_{:,s} its outgoing column. Over the training set
//! h_i = (f^\[l−1\](x_i); 1), δ_i = e^\[l+1\](x_i), ε_i = v*·δ_i, and
//! - A = E_S\[ε σ''(p^\[l\]_s) h hᵀ\] ((m_{l−1}+1)-square),
//! - B = E_S\[δ σ'(p^\[l\]_s) hᵀ\] (m_{l+1} × (m_{l−1}+1)),
//! - B_U = the rows of B other than a row k with v*_k ≠ 0 (U = span of the other unit vectors, a
//!   complement of span(v*)),
//! - K_α = \[\[0, B_U\], \[B_Uᵀ, α(1−α)A\]\].

use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::loss::ExactLoss;
use crate::net::{backward_with, forward, Params};
use crate::scalar::{Field, Ring, Q};

/// The blocks A and B of Theorem S for neuron `s` (0-based) of hidden layer `l` (1-based) at
/// `params` on `data` (module docs; spec §2.5), from exact forward/backward traces; `None` when
/// layer l has no bias (then h has no constant 1 and the formula is not the one stated), σ has a
/// pole or a kink on the data.
pub fn splitting_blocks(
    params: &Params<Q>,
    act: &ExactActivation,
    data: &Dataset<Q>,
    l: usize,
    s: usize,
) -> Option<(Matrix<Q>, Matrix<Q>)> {
    splitting_blocks_with(params, act, &ExactLoss::Mse, data, l, s)
}

/// [`splitting_blocks`] for the loss `ell`: the back-propagated error δ = e^\[l+1\] carries
/// ∇_f ℓ in place of the residual. Theorem S holds for every C² loss: along the split's
/// difference directions the outputs' first derivatives vanish, so the Gauss–Newton part
/// Jᵀ∇²_fℓ J contributes nothing to K, and what remains is Σ_i ∇_fℓ_i · ∇²f_i, which is what A and
/// B collect (the narrow block H_narr carries ℓ'' through its own Hessian).
pub fn splitting_blocks_with(
    params: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    l: usize,
    s: usize,
) -> Option<(Matrix<Q>, Matrix<Q>)> {
    params.layer(l).bias.as_ref()?;
    let w = params.widths();
    let (d, m) = (w[l - 1] + 1, w[l + 1]);
    let v: Vec<Q> = params.layer(l + 1).weight.col(s);
    let (mut a, mut b) = (Matrix::<Q>::zeros(d, d), Matrix::<Q>::zeros(m, d));
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let t = forward(params, act, x, i + 1).ok()?;
        if !t.kinks.is_empty() {
            return None;
        }
        let delta = backward_with(params, &t, y, ell).e[l + 1].clone();
        let mut h = t.f[l - 1].clone();
        h.push(Q::one());
        let eps = v.iter().zip(&delta).fold(Q::zero(), |acc, (vi, di)| acc.add(&vi.mul(di)));
        let (g1, g2) = (&t.g[l][s], &t.d2[l][s]);
        let c = eps.mul(g2);
        for r in 0..d {
            for k in 0..d {
                let e = a.get(r, k).add(&c.mul(&h[r]).mul(&h[k]));
                a.set(r, k, e);
            }
            for (j, dj) in delta.iter().enumerate() {
                let e = b.get(j, r).add(&dj.mul(g1).mul(&h[r]));
                b.set(j, r, e);
            }
        }
    }
    let inv = Q::from_i64(data.len() as i64).inv().expect("n ≥ 1");
    Some((a.map(|e| e.mul(&inv)), b.map(|e| e.mul(&inv))))
}

/// K = \[\[0, B_U\], \[B_Uᵀ, c·A\]\] with B_U the rows of `b` except the first row k with
/// `v[k] ≠ 0` (Theorem S takes c = α(1−α)); `keep_bu = false` puts 0 in place of B_U (the
/// `no_bu` control). `None` when v = 0 (no complement basis of this form; Theorem S excludes it).
pub fn k_matrix(a: &Matrix<Q>, b: &Matrix<Q>, v: &[Q], c: &Q, keep_bu: bool) -> Option<Matrix<Q>> {
    let k = v.iter().position(|x| !x.is_zero())?;
    let rows: Vec<usize> = (0..b.rows()).filter(|&r| r != k).collect();
    let (q, d) = (rows.len(), a.rows());
    let mut out = Matrix::<Q>::zeros(q + d, q + d);
    for (i, &r) in rows.iter().enumerate() {
        for j in 0..d {
            let e = if keep_bu { b.get(r, j).clone() } else { Q::zero() };
            out.set(i, q + j, e.clone());
            out.set(q + j, i, e);
        }
    }
    for i in 0..d {
        for j in 0..d {
            out.set(q + i, q + j, c.mul(a.get(i, j)));
        }
    }
    Some(out)
}
