//! The f64 path, batched: all samples at once through matrix products.
//!
//! Same mathematics as [`evaluate`](super::evaluate) (width-depth spec §1) with the samples as the
//! rows of matrices: P^\[l\] = F^\[l−1\] (W^\[l\])ᵀ + 1 b^\[l\]ᵀ, F^\[l\] = σ(P^\[l\]),
//! E^\[L\] = F^\[L\] − Y, E^\[l\] = (E^\[l+1\] W^\[l+1\]) ∘ σ'(P^\[l\]),
//! ∇W^\[l\] = (E^\[l\])ᵀ F^\[l−1\] / n, ∇b^\[l\] = 1ᵀ E^\[l\] / n.
//!
//! **Tolerance for "the gradient is zero".** Entry (r, c) of ∇W^\[l\] is a dot product of length
//! n of computed quantities; the standard forward error bound for a dot product is
//! |fl(eᵀf) − eᵀf| ≤ γ_n |e|ᵀ|f| with γ_n = nε/(1 − nε), and |e|ᵀ|f| ≤ ‖e‖₂‖f‖₂ (Cauchy–Schwarz).
//! The factors e and f themselves carry relative errors of at most γ_K with K = Σ_l (m_{l−1} + 2)
//! (one dot product per layer on the way in and out, plus the activation). So an entry whose
//! magnitude is at most τ_rc = 2 γ_{n+K} ‖E_{:,r}‖₂ ‖F_{:,c}‖₂ / n cannot be told apart from
//! zero in double precision; the factor 2 covers the rounding of the parameters and data to
//! doubles. Bias entries use ‖E_{:,r}‖₂ √n in place of the product.

use super::{EvalError, Params, Site};
use crate::activation::Sigma;
use crate::data::Dataset;
use ndarray::{Array1, Array2, Axis};

/// The result of a batched f64 evaluation.
#[derive(Clone, Debug)]
pub struct FloatEvaluation {
    /// f(x_i; θ) for each sample (rows).
    pub outputs: Array2<f64>,
    /// R_S(θ).
    pub loss: f64,
    /// ∇_θ R_S, shaped like θ.
    pub gradient: Params<f64>,
    /// τ for each gradient entry (same shape), see the module docs.
    pub tolerance: Params<f64>,
    /// Kinks of piecewise σ (pre-activation exactly 0.0).
    pub kinks: Vec<Site>,
}

impl FloatEvaluation {
    /// Whether every gradient entry is within its tolerance of zero.
    pub fn within_tolerance_of_critical(&self) -> bool {
        self.gradient.flatten().iter().zip(self.tolerance.flatten()).all(|(g, t)| g.abs() <= t)
    }
    /// The largest ratio |g_k| / τ_k (≤ 1 means critical within tolerance).
    pub fn worst_ratio(&self) -> f64 {
        self.gradient
            .flatten()
            .iter()
            .zip(self.tolerance.flatten())
            .map(|(g, t)| g.abs() / t.max(f64::MIN_POSITIVE))
            .fold(0.0, f64::max)
    }
}

fn gamma(k: usize) -> f64 {
    let u = f64::EPSILON / 2.0;
    let ku = k as f64 * u;
    ku / (1.0 - ku)
}

fn weight(params: &Params<f64>, l: usize) -> Array2<f64> {
    let w = &params.layer(l).weight;
    Array2::from_shape_vec((w.rows(), w.cols()), w.data().to_vec()).expect("shape")
}

/// Outputs, loss, gradient and per-entry tolerances of an f64 network on a data set.
///
/// # Errors
/// [`EvalError::Shape`] if the data do not fit; [`EvalError::Pole`] at a pole of a rational σ.
pub fn evaluate_f64<A: Sigma<f64>>(
    params: &Params<f64>,
    act: &A,
    data: &Dataset<f64>,
) -> Result<FloatEvaluation, EvalError> {
    data.check_fits(params)?;
    let n = data.len();
    let depth = params.depth();
    let m0 = params.widths()[0];
    let x = Array2::from_shape_vec((n, m0), data.inputs().concat()).expect("shape");
    let ml = params.widths()[depth];
    let y = Array2::from_shape_vec((n, ml), data.targets().concat()).expect("shape");
    let mut feats = vec![x];
    let mut slopes: Vec<Array2<f64>> = vec![Array2::zeros((0, 0))];
    let mut kinks = Vec::new();
    for l in 1..=depth {
        let mut p = feats[l - 1].dot(&weight(params, l).t());
        if let Some(b) = &params.layer(l).bias {
            p += &Array1::from_vec(b.clone());
        }
        if l == depth {
            slopes.push(Array2::ones(p.raw_dim()));
            feats.push(p);
            break;
        }
        let mut f = Array2::zeros(p.raw_dim());
        let mut g = Array2::zeros(p.raw_dim());
        for ((i, s), pv) in p.indexed_iter() {
            let jet = act.jet(pv).map_err(|_| EvalError::Pole(Site { layer: l, neuron: s + 1, sample: i + 1 }))?;
            if jet.kink {
                kinks.push(Site { layer: l, neuron: s + 1, sample: i + 1 });
            }
            f[[i, s]] = jet.value;
            g[[i, s]] = jet.d1;
        }
        feats.push(f);
        slopes.push(g);
    }
    let out = feats[depth].clone();
    let resid = &out - &y;
    let loss = resid.iter().map(|r| r * r).sum::<f64>() / (2.0 * n as f64);
    let k: usize = params.widths()[..depth].iter().map(|m| m + 2).sum();
    let g = gamma(n + k);
    let inv_n = 1.0 / n as f64;
    let mut grad = params.zeros_like();
    let mut tol = params.zeros_like();
    let mut e = resid;
    for l in (1..=depth).rev() {
        let gw = e.t().dot(&feats[l - 1]) * inv_n;
        let enorm: Vec<f64> = e.axis_iter(Axis(1)).map(|c| c.dot(&c).sqrt()).collect();
        let fnorm: Vec<f64> = feats[l - 1].axis_iter(Axis(1)).map(|c| c.dot(&c).sqrt()).collect();
        let (gl, tl) = (grad.layer_mut(l), tol.layer_mut(l));
        for r in 0..gw.nrows() {
            for c in 0..gw.ncols() {
                gl.weight.set(r, c, gw[[r, c]]);
                tl.weight.set(r, c, 2.0 * g * enorm[r] * fnorm[c] * inv_n);
            }
        }
        if let (Some(gb), Some(tb)) = (gl.bias.as_mut(), tl.bias.as_mut()) {
            let sums = e.sum_axis(Axis(0));
            for r in 0..gb.len() {
                gb[r] = sums[r] * inv_n;
                tb[r] = 2.0 * g * enorm[r] * (n as f64).sqrt() * inv_n;
            }
        }
        if l > 1 {
            e = e.dot(&weight(params, l)) * &slopes[l - 1];
        }
    }
    Ok(FloatEvaluation { outputs: out, loss, gradient: grad, tolerance: tol, kinks })
}
