//! How far a float lifting is from exact: bounds on the outputs and gradient of the deep tanh
//! (sigmoid, softplus) network against the *linearized* deep network, whose inserted layer applies
//! the tangent line ℓ(h) = λh + μ instead of σ (spec width-depth §6 item 12).
//!
//! The linearized deep network at θ'_* (θ' with the new bias c^new replaced by its real value
//! b − V(λb' + μ)) equals the narrow network composed with Ψ everywhere, so its outputs are those of
//! θ and its gradient is DΨᵀ∇R(θ) exactly (spec §3.2 items 3–5; when c is a power of two, W', b' and
//! V are exact and Ψ(θ'_*) = θ). The computed deep network differs from it in two places:
//! the inserted layer (σ against ℓ: |Δf| ≤ remainder(h), |Δσ'| ≤ slope_deviation(h), see
//! [`NearLinear`]) and the bias of the next layer (|Δp| ≤ `bias_error`, plus, when c is not a
//! power of two, γ₄λ|V||W'||f^\[q\]| for the rounded weights: V = fl(W/fl(cλ)) and W' = fl(cW) carry ≤ 4 roundings). [`deviation`] propagates these
//! rigorously, in real arithmetic, evaluated at the computed σ-trace:
//! - forward, above the inserted layer: Δp^\[l\] ≤ |W^\[l\]| Δf^\[l−1\], Δf^\[l\] ≤ sup|σ'| Δp^\[l\],
//!   Δσ'^\[l\] ≤ sup|σ''| Δp^\[l\] (global Lipschitz constants, so no linearization);
//! - backward: Δz^\[L\] = Δf^\[L\], Δz^\[l\] ≤ |W^\[l+1\]|ᵀ Δe^\[l+1\],
//!   Δe^\[l\] ≤ |z^\[l\]| Δσ'^\[l\] + |σ'^\[l\]| Δz^\[l\] + Δz^\[l\] Δσ'^\[l\] (|ab − a'b'| for products);
//! - gradient: ΔG_W\[r,c\] ≤ (1/n) Σ_i (|e_r| Δf_c + Δe_r |f_c| + Δe_r Δf_c), ΔG_b\[r\] ≤ (1/n) Σ_i Δe_r.
//!
//! [`forward_rounding`] is the first-order running error bound of a computed forward pass
//! (Higham, *Accuracy and Stability of Numerical Algorithms*, §3.1: a dot product of length k has
//! error ≤ γ_k |a|ᵀ|b|; σ evaluated with relative error ≤ 2u), used for the output comparison.

use super::{FloatLifted, NearLinear};
use crate::activation::Activation;
use crate::data::Dataset;
use crate::net::{backward, evaluate, forward, EvalError, Params};
use crate::scalar::gamma;

/// How far the computed outputs of a float lifting moved from those of the narrow network on the
/// data, against the derived bound (spec width-depth §6 item 12; *within tolerance*, not exact).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutputChange {
    /// The scale c of the lifting.
    pub scale: f64,
    /// max over samples i and outputs r of |fl(f_r(x_i; θ')) − fl(f_r(x_i; θ))|: the observed change.
    pub observed: f64,
    /// max over i, r of 2(D_ir + ρ'_ir + ρ_ir): D the propagated Taylor remainder ([`deviation`]),
    /// ρ', ρ the forward rounding bounds of the deep and narrow passes ([`forward_rounding`]).
    pub bound: f64,
    /// Whether every output's change is within its own bound 2(D_ir + ρ'_ir + ρ_ir) (and finite).
    pub within: bool,
    /// The largest |h| of an inserted pre-activation on the data.
    pub max_pre_activation: f64,
}

/// The observed output change of the float lifting `lifted` of `narrow` on the data and the
/// derived bound it must stay under ([`OutputChange`]).
///
/// # Errors
/// [`EvalError`] if the data do not fit the networks.
pub fn output_change(
    narrow: &Params<f64>,
    lifted: &FloatLifted,
    data: &Dataset<f64>,
) -> Result<OutputChange, EvalError> {
    let act = Activation::Float(lifted.lin.act);
    let dev = deviation(lifted, data)?;
    let (rd, rn) = (forward_rounding(&lifted.deep, &act, data)?, forward_rounding(narrow, &act, data)?);
    let (fd, fnar) = (evaluate(&lifted.deep, &act, data)?.outputs, evaluate(narrow, &act, data)?.outputs);
    let (mut observed, mut bound, mut within) = (0.0f64, 0.0f64, true);
    for i in 0..fd.len() {
        for r in 0..fd[i].len() {
            let tol = 2.0 * (dev.outputs[i][r] + rd[i][r] + rn[i][r]);
            let d = (fd[i][r] - fnar[i][r]).abs();
            within &= d <= tol;
            observed = observed.max(d);
            bound = bound.max(tol);
        }
    }
    Ok(OutputChange { scale: lifted.scale, observed, bound, within, max_pre_activation: dev.max_pre_activation })
}

/// Bounds of [`deviation`]: the computed-σ deep network against the linearized one.
#[derive(Clone, Debug, PartialEq)]
pub struct Deviation {
    /// Per sample and output: a bound on |f_σ(x_i; θ') − f(x_i; θ)| in real arithmetic.
    pub outputs: Vec<Vec<f64>>,
    /// Per deep parameter (flat order): a bound on |∇R^deep_σ(θ') − DΨᵀ∇R(θ)| in real arithmetic;
    /// valid when `exact_weights` (c a power of two), so that Ψ(θ'_*) = θ.
    pub gradient: Vec<f64>,
    /// The largest |h| of an inserted pre-activation on the data.
    pub max_pre_activation: f64,
}

fn abs_mul(w: &crate::linalg::Matrix<f64>, v: &[f64]) -> Vec<f64> {
    (0..w.rows()).map(|r| w.row(r).iter().zip(v).map(|(a, b)| a.abs() * b).sum()).collect()
}

fn abs_tr_mul(w: &crate::linalg::Matrix<f64>, v: &[f64]) -> Vec<f64> {
    (0..w.cols()).map(|c| (0..w.rows()).map(|r| w.get(r, c).abs() * v[r]).sum()).collect()
}

/// The propagated deviation of a float lifting on the data (module docs).
///
/// # Errors
/// [`EvalError`] if the data do not fit the deep network.
pub fn deviation(lifted: &FloatLifted, data: &Dataset<f64>) -> Result<Deviation, EvalError> {
    data.check_fits(&lifted.deep)?;
    let deep = &lifted.deep;
    let lin: NearLinear = lifted.lin;
    let act = Activation::Float(lin.act);
    let (top, k) = (deep.depth(), lifted.q + 1);
    let n = data.len() as f64;
    let mut grad = vec![0.0; deep.num_params()];
    let mut outputs = Vec::with_capacity(data.len());
    let mut max_h = 0.0f64;
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let t = forward(deep, &act, x, i + 1)?;
        let b = backward(deep, &t, y);
        let mut df: Vec<Vec<f64>> = t.f.iter().map(|f| vec![0.0; f.len()]).collect();
        let mut dg: Vec<Vec<f64>> = t.f.iter().map(|f| vec![0.0; f.len()]).collect();
        max_h = t.pre[k].iter().fold(max_h, |m, h| m.max(h.abs()));
        df[k] = t.pre[k].iter().map(|h| lin.remainder(*h)).collect();
        dg[k] = t.pre[k].iter().map(|h| lin.slope_deviation(*h)).collect();
        for l in k + 1..=top {
            let mut dp = abs_mul(&deep.layer(l).weight, &df[l - 1]);
            if l == k + 1 {
                // |W'||f^[q]|: the weight rounding term when c is not a power of two.
                let fq: Vec<f64> = t.f[k - 1].iter().map(|v| v.abs()).collect();
                let wf = abs_mul(&deep.layer(k).weight, &fq);
                let vwf = abs_mul(&deep.layer(l).weight, &wf);
                for (r, d) in dp.iter_mut().enumerate() {
                    *d += lifted.bias_error[r];
                    if !lifted.exact_weights {
                        *d += gamma(4) * lin.lambda * vwf[r];
                    }
                }
            }
            if l < top {
                df[l] = dp.iter().map(|d| lin.lipschitz() * d).collect();
                dg[l] = dp.iter().map(|d| lin.slope_lipschitz() * d).collect();
            } else {
                df[l] = dp;
            }
        }
        // Backward: Δe per layer (Δσ' = 0 on the output layer and below the inserted layer).
        let mut de = vec![Vec::new(); top + 1];
        de[top] = df[top].clone();
        for l in (1..top).rev() {
            let dz = abs_tr_mul(&deep.layer(l + 1).weight, &de[l + 1]);
            de[l] = (0..dz.len())
                .map(|c| b.z[l][c].abs() * dg[l][c] + t.g[l][c].abs() * dz[c] + dz[c] * dg[l][c])
                .collect();
        }
        for l in 1..=top {
            for (r, er) in b.e[l].iter().enumerate() {
                for (c, fc) in t.f[l - 1].iter().enumerate() {
                    let d = er.abs() * df[l - 1][c] + de[l][r] * fc.abs() + de[l][r] * df[l - 1][c];
                    grad[deep.weight_index(l, r, c)] += d / n;
                }
                if let Some(bi) = deep.bias_index(l, r) {
                    grad[bi] += de[l][r] / n;
                }
            }
        }
        outputs.push(df[top].clone());
    }
    Ok(Deviation { outputs, gradient: grad, max_pre_activation: max_h })
}

/// Per sample and output: a first-order bound on |fl(f(x_i)) − f(x_i)| for the f64 forward pass
/// (module docs): δp^\[l\] = γ_{m_{l−1}+1}(|W||f| + |b|) + |W|δf^\[l−1\], δf^\[l\] = |σ'|δp^\[l\] + 2u|f|.
///
/// # Errors
/// [`EvalError`] if the data do not fit.
pub fn forward_rounding(
    params: &Params<f64>,
    act: &Activation,
    data: &Dataset<f64>,
) -> Result<Vec<Vec<f64>>, EvalError> {
    data.check_fits(params)?;
    let u = f64::EPSILON / 2.0;
    let top = params.depth();
    let mut out = Vec::with_capacity(data.len());
    for (i, x) in data.inputs().iter().enumerate() {
        let t = forward(params, act, x, i + 1)?;
        let mut df = vec![0.0; x.len()];
        for l in 1..=top {
            let layer = params.layer(l);
            let fabs: Vec<f64> = t.f[l - 1].iter().map(|v| v.abs()).collect();
            let mut dp: Vec<f64> = abs_mul(&layer.weight, &fabs)
                .into_iter()
                .zip(abs_mul(&layer.weight, &df))
                .enumerate()
                .map(|(r, (wf, wd))| {
                    let b = layer.bias.as_ref().map_or(0.0, |b| b[r].abs());
                    gamma(layer.fan_in() + 1) * (wf + b) + wd
                })
                .collect();
            if l < top {
                dp = dp.iter().zip(&t.g[l]).zip(&t.f[l]).map(|((d, g), f)| g.abs() * d + 2.0 * u * f.abs()).collect();
            }
            df = dp;
        }
        out.push(df);
    }
    Ok(out)
}
