//! A faster forward-over-reverse Hessian: the primal forward and backward passes are computed
//! once per sample, and only the tangents of one coordinate direction e_k are propagated, with
//! structural zeros skipped, by the recurrences of [`super::tangent_pass`] over field values.
//! Column k is needed only in rows j ≥ k (symmetry), which never reach layers before the one
//! holding θ_k. Tests check it against [`super::hessian`] and [`super::hessian_forward`].

use super::tangent_pass::{tangent_columns, Layout, TangentPass};
use crate::activation::{ExactActivation, Sigma};
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::loss::{ExactLoss, LossFn};
use crate::net::{backward_with, forward, Backward, EvalError, Params, Trace};
use crate::scalar::{Field, Q};

/// Lower triangle (j ≥ k) of `acc` += that of `h` (both M × M, row-major).
fn add_lower<S: Field>(acc: &mut [S], h: &[S], m: usize) {
    for j in 0..m {
        for k in 0..=j {
            let v = &h[j * m + k];
            if !v.is_zero() {
                acc[j * m + k].add_assign(v);
            }
        }
    }
}

/// One sample's primal objects as field values: the forward trace, the back-propagated z and e,
/// the augmented inputs f̃^\[l−1\] and the curvature factors z^\[l\] ∘ σ''(p^\[l\]).
struct FieldPass<'a, S, L: ?Sized> {
    params: &'a Params<S>,
    trace: Trace<S>,
    back: Backward<S>,
    ell: &'a L,
    y: &'a [S],
    inputs: Vec<Vec<S>>,
    curvature: Vec<Vec<S>>,
}

impl<S: Field, L: LossFn<S> + ?Sized> TangentPass for FieldPass<'_, S, L> {
    type V = S;
    fn weight(&self, l: usize, v: &[S]) -> Vec<S> {
        self.params.layer(l).weight.mul_vec(v)
    }
    fn weight_tr(&self, l: usize, v: &[S]) -> Vec<S> {
        self.params.layer(l).weight.tr_mul_vec(v)
    }
    fn slope(&self, l: usize) -> &[S] {
        &self.trace.g[l]
    }
    fn back_slope(&self, l: usize) -> &[S] {
        &self.trace.g[l]
    }
    fn curvature(&self, l: usize) -> &[S] {
        &self.curvature[l]
    }
    fn output(&self, pdot: &[S]) -> Vec<S> {
        self.ell.curvature(&self.trace.f[self.trace.f.len() - 1], self.y, pdot)
    }
    fn input(&self, l: usize) -> &[S] {
        &self.inputs[l]
    }
    fn unit_bias(&self) -> bool {
        true
    }
    fn row_scale(&self, _l: usize) -> Option<&S> {
        None
    }
    fn e_row(&self, l: usize) -> &[S] {
        &self.back.e[l]
    }
}

/// The Hessian H_S(θ) by per-coordinate tangent propagation (module docs), layers with or
/// without biases.
///
/// # Errors
/// [`EvalError::Shape`] if the data do not fit, [`EvalError::Pole`] at a pole of σ.
pub fn hessian_tangent<S: Field, A: Sigma<S>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
) -> Result<Matrix<S>, EvalError> {
    hessian_tangent_with(params, act, &ExactLoss::Mse, data)
}

/// [`hessian_tangent`] for the loss `ell`: the output tangent is ė^\[L\] = ∇²_f ℓ · ṗ^\[L\].
///
/// # Errors
/// As [`hessian_tangent`].
pub fn hessian_tangent_with<S: Field, A: Sigma<S>, L: LossFn<S> + ?Sized>(
    params: &Params<S>,
    act: &A,
    ell: &L,
    data: &Dataset<S>,
) -> Result<Matrix<S>, EvalError> {
    data.check_fits(params)?;
    let layout = Layout::of(params);
    let (depth, m) = (layout.depth(), layout.m);
    // Per-sample Hessians are summed as a balanced tree (a binary counter of partial sums), so
    // exact additions meet operands of similar height: Σ_levels (n/2^l)(2^l s)² ≈ n²s² bit work
    // instead of ≈ n³s²/3 for a running sum of n terms of height s.
    let mut stack: Vec<(u32, Vec<S>)> = Vec::new();
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let trace = forward(params, act, x, i + 1)?;
        let back = backward_with(params, &trace, y, ell);
        let inputs = (0..=depth)
            .map(|l| {
                if l == 0 {
                    return Vec::new();
                }
                let mut f = trace.f[l - 1].clone();
                if layout.bias[l] {
                    f.push(S::one());
                }
                f
            })
            .collect();
        let curvature =
            (0..depth)
                .map(|l| {
                    if l == 0 {
                        Vec::new()
                    } else {
                        back.z[l].iter().zip(&trace.d2[l]).map(|(z, d)| z.mul(d)).collect()
                    }
                })
                .collect();
        let pass = FieldPass { params, trace, back, ell, y, inputs, curvature };
        let mut h = vec![S::zero(); m * m];
        for l0 in 1..=depth {
            tangent_columns(&pass, &layout, l0, &mut h);
        }
        stack.push((0, h));
        while stack.len() >= 2 && stack[stack.len() - 1].0 == stack[stack.len() - 2].0 {
            let (level, top) = stack.pop().expect("two entries");
            let below = &mut stack.last_mut().expect("two entries").1;
            add_lower(below, &top, m);
            stack.last_mut().expect("two entries").0 = level + 1;
        }
    }
    let mut h = stack.pop().expect("n ≥ 1").1;
    while let Some((_, below)) = stack.pop() {
        add_lower(&mut h, &below, m);
    }
    let inv = S::from_i64(data.len() as i64).inv().expect("n ≥ 1");
    let mut out = Matrix::zeros(m, m);
    for j in 0..m {
        for k in 0..=j {
            let v = h[j * m + k].mul(&inv);
            out.set(k, j, v.clone());
            out.set(j, k, v);
        }
    }
    Ok(out)
}

/// The exact Hessian H_S(θ) over Q by the fastest applicable path: [`super::hessian_polynomial`]
/// (fraction-free, integers over common denominators) for a polynomial σ, and
/// [`hessian_tangent`] for rational and piecewise-linear σ (so a pole of a rational σ is still
/// reported with its place). All paths are equal exactly (tests).
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
    match act {
        ExactActivation::Poly(p) if *ell == ExactLoss::Mse => super::hessian_polynomial(params, p, data),
        _ => hessian_tangent_with(params, act, ell, data),
    }
}
