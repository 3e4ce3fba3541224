//! The forward pass, keeping the objects the proofs are written in: p^\[l\], f^\[l\], g^\[l\].

use super::{EvalError, Params, Site};
use crate::activation::Sigma;
use crate::scalar::Field;

/// Everything the forward pass computes for one sample. Vectors are indexed by the papers'
/// layer number l (index 0 of `pre`, `g` and `d2` is an empty placeholder).
#[derive(Clone, Debug, PartialEq)]
pub struct Trace<S> {
    /// p^\[l\] = W^\[l\] f^\[l−1\] + b^\[l\], l = 1 … L.
    pub pre: Vec<Vec<S>>,
    /// f^\[l\], l = 0 … L (f^\[0\] = x, f^\[L\] = the output).
    pub f: Vec<Vec<S>>,
    /// g^\[l\] = σ'(p^\[l\]), l = 1 … L (g^\[L\] = 1).
    pub g: Vec<Vec<S>>,
    /// σ''(p^\[l\]), l = 1 … L (0 for the linear output layer).
    pub d2: Vec<Vec<S>>,
    /// Hidden neurons whose pre-activation sits on a kink of σ (ReLU at 0).
    pub kinks: Vec<Site>,
}

fn affine<S: Field>(params: &Params<S>, l: usize, input: &[S]) -> Vec<S> {
    let layer = params.layer(l);
    let mut p = layer.weight.mul_vec(input);
    if let Some(b) = &layer.bias {
        for (pi, bi) in p.iter_mut().zip(b) {
            pi.add_assign(bi);
        }
    }
    p
}

/// The forward pass on input `x` (sample number `sample`, 1-based, used only to name places).
///
/// # Errors
/// [`EvalError::Pole`] when a rational σ has a vanishing denominator at some pre-activation.
///
/// # Panics
/// If `x.len() != m_0` (data are validated against the network before evaluation).
pub fn forward<S: Field, A: Sigma<S>>(
    params: &Params<S>,
    act: &A,
    x: &[S],
    sample: usize,
) -> Result<Trace<S>, EvalError> {
    assert_eq!(x.len(), params.widths()[0], "input length");
    let depth = params.depth();
    let mut t = Trace {
        pre: vec![Vec::new()],
        f: vec![x.to_vec()],
        g: vec![Vec::new()],
        d2: vec![Vec::new()],
        kinks: Vec::new(),
    };
    for l in 1..=depth {
        let p = affine(params, l, &t.f[l - 1]);
        if l == depth {
            t.g.push(vec![S::one(); p.len()]);
            t.d2.push(vec![S::zero(); p.len()]);
            t.f.push(p.clone());
        } else {
            let (mut f, mut g, mut d2) =
                (Vec::with_capacity(p.len()), Vec::with_capacity(p.len()), Vec::with_capacity(p.len()));
            for (s, pi) in p.iter().enumerate() {
                let site = Site { layer: l, neuron: s + 1, sample };
                let jet = act.jet_at(pi, site).map_err(|_| EvalError::Pole(site))?;
                if jet.kink {
                    t.kinks.push(site);
                }
                f.push(jet.value);
                g.push(jet.d1);
                d2.push(jet.d2);
            }
            t.f.push(f);
            t.g.push(g);
            t.d2.push(d2);
        }
        t.pre.push(p);
    }
    Ok(t)
}

/// Only the output f(x; θ) (no derivatives of σ): the cheapest evaluation.
///
/// # Errors
/// [`EvalError::Pole`] when a rational σ has a vanishing denominator at some pre-activation.
///
/// # Panics
/// If `x.len() != m_0`.
pub fn outputs<S: Field, A: Sigma<S>>(
    params: &Params<S>,
    act: &A,
    x: &[S],
    sample: usize,
) -> Result<Vec<S>, EvalError> {
    assert_eq!(x.len(), params.widths()[0], "input length");
    let depth = params.depth();
    let mut cur = x.to_vec();
    for l in 1..=depth {
        let p = affine(params, l, &cur);
        cur = if l == depth {
            p
        } else {
            p.iter()
                .enumerate()
                .map(|(s, pi)| {
                    let site = Site { layer: l, neuron: s + 1, sample };
                    act.value_at(pi, site).map_err(|_| EvalError::Pole(site))
                })
                .collect::<Result<_, _>>()?
        };
    }
    Ok(cur)
}

/// The distinct residual values f_j(x_i) − y_ij of the network on `data`, in order of first
/// appearance (what a loss built to keep a ½-MSE critical point critical interpolates;
/// [`crate::loss::draw`]).
///
/// # Errors
/// As [`outputs`].
pub fn distinct_residuals<S: Field, A: Sigma<S>>(
    params: &Params<S>,
    act: &A,
    data: &crate::data::Dataset<S>,
) -> Result<Vec<S>, EvalError> {
    let mut out: Vec<S> = Vec::new();
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        for (fj, yj) in outputs(params, act, x, i + 1)?.iter().zip(y) {
            let r = fj.sub(yj);
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    Ok(out)
}
