//! A faster forward-over-reverse Hessian: the primal forward and backward passes are computed
//! once per sample, and only the tangents of one coordinate direction e_k are propagated, with
//! structural zeros skipped. Column k is needed only in rows j ≥ k (symmetry), which never reach
//! layers before the one holding θ_k.
//!
//! Tangent equations (differentiate \[P2\] §3.2's back-propagation along e_k, θ_k in layer l₀):
//! ṗ^\[l\] = 0 (l < l₀); ṗ^\[l₀\] = Ẇ f^\[l₀−1\] + ḃ; ṗ^\[l\] = W^\[l\] ḟ^\[l−1\] (l > l₀);
//! ḟ^\[l\] = g^\[l\] ∘ ṗ^\[l\] (hidden), ż^\[L\] = ∇²_f ℓ · ṗ^\[L\] (= ṗ^\[L\] for ½-MSE), ė^\[l\] = ż^\[l\] ∘ g^\[l\] + z^\[l\] ∘ σ''(p^\[l\]) ∘ ṗ^\[l\],
//! ż^\[l\] = (W^\[l+1\])ᵀ ė^\[l+1\] + (Ẇ^\[l+1\])ᵀ e^\[l+1\]; and Ḣe_k = (ė^\[l\](f^\[l−1\])ᵀ + e^\[l\](ḟ^\[l−1\])ᵀ, ė^\[l\])_l
//! averaged over the samples. Tests check it against [`super::hessian`] and [`super::hessian_forward`].

use crate::activation::{ExactActivation, Sigma};
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::loss::{ExactLoss, LossFn};
use crate::net::{backward_with, forward, EvalError, Params};
use crate::scalar::{Field, Q};

/// Lower triangle (j ≥ k) of `acc` += that of `h`.
fn add_lower<S: Field>(acc: &mut Matrix<S>, h: &Matrix<S>) {
    for j in 0..h.rows() {
        for k in 0..=j {
            let v = h.get(j, k);
            if !v.is_zero() {
                acc.get_mut(j, k).add_assign(v);
            }
        }
    }
}

fn is_zero_vec<S: Field>(v: &[S]) -> bool {
    v.iter().all(Field::is_zero)
}

/// The Hessian H_S(θ) by per-coordinate tangent propagation (module docs); layers must have
/// biases (the contract's format).
///
/// # Errors
/// [`EvalError::Shape`] if the data do not fit, [`EvalError::Pole`] at a pole of σ.
///
/// # Panics
/// If a layer has no bias.
// Indices s, q, j are the papers' neuron and parameter indices; iterators would hide them.
#[allow(clippy::needless_range_loop)]
pub fn hessian_tangent<S: Field, A: Sigma<S>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
) -> Result<Matrix<S>, EvalError> {
    hessian_tangent_with(params, act, &ExactLoss::Mse, data)
}

/// [`hessian_tangent`] for the loss `ell`: the output tangent is ż^\[L\] = ∇²_f ℓ · ṗ^\[L\].
///
/// # Errors
/// As [`hessian_tangent`].
///
/// # Panics
/// If a layer has no bias.
#[allow(clippy::needless_range_loop)]
pub fn hessian_tangent_with<S: Field, A: Sigma<S>, L: LossFn<S> + ?Sized>(
    params: &Params<S>,
    act: &A,
    ell: &L,
    data: &Dataset<S>,
) -> Result<Matrix<S>, EvalError> {
    assert!(params.layers().iter().all(|l| l.bias.is_some()), "hessian_tangent needs a bias in every layer");
    data.check_fits(params)?;
    let depth = params.depth();
    let w = params.widths();
    let m = params.num_params();
    // Per-sample Hessians are summed as a balanced tree (a binary counter of partial sums), so
    // exact additions meet operands of similar height: Σ_levels (n/2^l)(2^l s)² ≈ n²s² bit work
    // instead of ≈ n³s²/3 for a running sum of n terms of height s.
    let mut stack: Vec<(u32, Matrix<S>)> = Vec::new();
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let mut h: Matrix<S> = Matrix::zeros(m, m);
        let t = forward(params, act, x, i + 1)?;
        let b = backward_with(params, &t, y, ell);
        for l0 in 1..=depth {
            let (rows, cols) = (w[l0], w[l0 - 1]);
            for k_local in 0..rows * (cols + 1) {
                let (r, c) = if k_local < rows * cols {
                    (k_local / cols, Some(k_local % cols))
                } else {
                    (k_local - rows * cols, None)
                };
                let k = params.offset(l0) + k_local;
                // Forward tangents ṗ, ḟ for l ≥ l0.
                let mut pdot: Vec<Vec<S>> = vec![Vec::new(); depth + 1];
                let mut fdot: Vec<Vec<S>> = vec![Vec::new(); depth + 1];
                let mut p0 = vec![S::zero(); rows];
                p0[r] = match c {
                    Some(c) => t.f[l0 - 1][c].clone(),
                    None => S::one(),
                };
                pdot[l0] = p0;
                for l in l0..=depth {
                    if l > l0 {
                        pdot[l] = params.layer(l).weight.mul_vec(&fdot[l - 1]);
                    }
                    fdot[l] = if l == depth {
                        pdot[l].clone()
                    } else {
                        pdot[l]
                            .iter()
                            .zip(&t.g[l])
                            .map(|(a, g)| if a.is_zero() { S::zero() } else { a.mul(g) })
                            .collect()
                    };
                }
                // Backward tangents ė for l ≥ l0.
                let mut edot: Vec<Vec<S>> = vec![Vec::new(); depth + 1];
                edot[depth] = ell.curvature(&t.f[depth], y, &pdot[depth]);
                for l in (l0..depth).rev() {
                    // (Ẇ^[l+1])ᵀ e^[l+1] vanishes here: Ẇ lives in layer l0 ≤ l < l + 1.
                    let zdot = if is_zero_vec(&edot[l + 1]) {
                        vec![S::zero(); w[l]]
                    } else {
                        params.layer(l + 1).weight.tr_mul_vec(&edot[l + 1])
                    };
                    edot[l] = (0..w[l])
                        .map(|s| {
                            let mut v = if zdot[s].is_zero() { S::zero() } else { zdot[s].mul(&t.g[l][s]) };
                            if !pdot[l][s].is_zero() && !b.z[l][s].is_zero() && !t.d2[l][s].is_zero() {
                                v.add_assign(&b.z[l][s].mul(&t.d2[l][s]).mul(&pdot[l][s]));
                            }
                            v
                        })
                        .collect();
                }
                // (Ẇ^[l0])ᵀ e^[l0] only feeds layers < l0, whose rows j < k are filled by symmetry.
                // Gradient tangents, rows j ≥ k: layers l ≥ l0.
                for l in l0..=depth {
                    let off = params.offset(l);
                    let (rl, cl) = (w[l], w[l - 1]);
                    for s in 0..rl {
                        let (ed, e) = (&edot[l][s], &b.e[l][s]);
                        for q in 0..cl {
                            let j = off + s * cl + q;
                            if j < k {
                                continue;
                            }
                            let mut v = if ed.is_zero() { S::zero() } else { ed.mul(&t.f[l - 1][q]) };
                            if l > l0 && !e.is_zero() && !fdot[l - 1][q].is_zero() {
                                v.add_assign(&e.mul(&fdot[l - 1][q]));
                            }
                            // In layer l0 itself f^[l0−1] does not depend on θ_k, so only ė contributes.
                            if !v.is_zero() {
                                h.get_mut(j, k).add_assign(&v);
                            }
                        }
                        let j = off + rl * cl + s;
                        if j >= k && !ed.is_zero() {
                            h.get_mut(j, k).add_assign(ed);
                        }
                    }
                }
            }
        }
        stack.push((0, h));
        while stack.len() >= 2 && stack[stack.len() - 1].0 == stack[stack.len() - 2].0 {
            let (level, top) = stack.pop().expect("two entries");
            let below = &mut stack.last_mut().expect("two entries").1;
            add_lower(below, &top);
            stack.last_mut().expect("two entries").0 = level + 1;
        }
    }
    let mut h = stack.pop().expect("n ≥ 1").1;
    while let Some((_, below)) = stack.pop() {
        add_lower(&mut h, &below);
    }
    let inv = S::from_i64(data.len() as i64).inv().expect("n ≥ 1");
    for j in 0..m {
        for k in 0..=j {
            let v = h.get(j, k).mul(&inv);
            h.set(k, j, v.clone());
            h.set(j, k, v);
        }
    }
    Ok(h)
}

/// The exact Hessian H_S(θ) over Q by the fastest applicable path: [`super::hessian_polynomial`]
/// (fraction-free, integers over common denominators) for a polynomial σ, and
/// [`hessian_tangent`] for rational and piecewise-linear σ (so a pole of a rational σ is still
/// reported with its place), or forward over reverse ([`super::hessian`]) when a layer is
/// bias-free, which [`hessian_tangent`] does not handle. All paths are equal exactly (tests).
///
/// # Errors
/// As [`hessian_tangent`].
pub fn hessian_exact(params: &Params<Q>, act: &ExactActivation, data: &Dataset<Q>) -> Result<Matrix<Q>, EvalError> {
    hessian_exact_with(params, act, &ExactLoss::Mse, data)
}

/// [`hessian_exact`] for the exact loss `ell`: the fraction-free path serves ½-MSE with a
/// polynomial σ, the tangent path every other loss (ℓ'' enters as the output tangent).
///
/// # Errors
/// As [`hessian_tangent`].
pub fn hessian_exact_with(
    params: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
) -> Result<Matrix<Q>, EvalError> {
    let biases = params.layers().iter().all(|l| l.bias.is_some());
    match act {
        ExactActivation::Poly(p) if *ell == ExactLoss::Mse => super::hessian_polynomial(params, p, data),
        _ if biases => hessian_tangent_with(params, act, ell, data),
        _ => super::compute::hessian_with(params, act, ell, data),
    }
}
