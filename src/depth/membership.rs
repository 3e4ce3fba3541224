//! Membership in T_S(θ) (\[P3\] Def. 3): is a given deep network a one-layer critical lifting of θ
//! on the data S? Checked exactly; a failure names the violated condition and the place.

use super::segment::{linearize, AffineSegment, NotAffine};
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::net::{forward, EvalError, Params};
use crate::scalar::{Ring, Q};
use std::fmt;

/// The condition of \[P3\] Def. 1/3 that a candidate θ' violates, with the place (1-based).
#[derive(Clone, Debug, PartialEq)]
pub enum Violation {
    /// Def. 1: the deep widths are not (m_0, …, m_q, m_q̂, m_{q+1}, …, m_L) with
    /// m_q̂ ≥ min(m_q, m_{q+1}), or q is out of range.
    Shape(String),
    /// (i) local in layer: this layer of θ' (numbered in the deep network) differs from θ.
    Local {
        /// Layer of the deep network, 1-based.
        deep_layer: usize,
        /// The corresponding layer of θ.
        layer: usize,
    },
    /// (ii) layer linearization: an inserted neuron is not in one affine segment on S_x.
    Linearization(NotAffine),
    /// (iii) output preserving, weights: (V D W')_{row,col} ≠ W^\[q+1\]_{row,col}.
    OutputWeight {
        /// Row, 1-based.
        row: usize,
        /// Column, 1-based.
        col: usize,
    },
    /// (iii) output preserving, bias: (V(D b' + μ) + c)_row ≠ b^\[q+1\]_row.
    OutputBias {
        /// Row, 1-based.
        row: usize,
    },
    /// The narrow network could not be evaluated on the data.
    Eval(EvalError),
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::Shape(s) => write!(f, "Def. 1 (shape): {s}"),
            Violation::Local { deep_layer, layer } => write!(
                f,
                "condition (i) local in layer: layer {deep_layer} of the deep network differs from layer {layer} of the narrow one"
            ),
            Violation::Linearization(e) => write!(f, "condition (ii) layer linearization: inserted {e}"),
            Violation::OutputWeight { row, col } => {
                write!(f, "condition (iii) output preserving: (V diag(lambda) W')[{row},{col}] != W[{row},{col}]")
            }
            Violation::OutputBias { row } => {
                write!(f, "condition (iii) output preserving: (V (diag(lambda) b' + mu) + c)[{row}] != b[{row}]")
            }
            Violation::Eval(e) => write!(f, "evaluation: {e}"),
        }
    }
}

/// Checks θ' = `deep` ∈ T_S(θ) for θ = `params`, the new layer inserted after layer q, exactly
/// (\[P3\] Def. 3 (i)–(iii)). Returns the affine segment (λ_j, μ_j) of each inserted neuron.
///
/// # Errors
/// The first [`Violation`] found, checked in the order Def. 1, (i), (ii), (iii).
pub fn check_membership(
    params: &Params<Q>,
    deep: &Params<Q>,
    act: &ExactActivation,
    data: &Dataset<Q>,
    q: usize,
) -> Result<Vec<AffineSegment>, Violation> {
    let (w, wd) = (params.widths(), deep.widths());
    let depth = params.depth();
    if q >= depth {
        return Err(Violation::Shape(format!("q = {q} is out of range 0..={}", depth - 1)));
    }
    let m_hat = wd.get(q + 1).copied().unwrap_or(0);
    let mut expect: Vec<usize> = w[..=q].to_vec();
    expect.push(m_hat);
    expect.extend_from_slice(&w[q + 1..]);
    if wd != expect {
        return Err(Violation::Shape(format!(
            "deep widths {wd:?}, expected {expect:?} (one layer inserted after layer {q})"
        )));
    }
    if m_hat < w[q].min(w[q + 1]) {
        return Err(Violation::Shape(format!("inserted width {m_hat} < min(m_q, m_(q+1)) = {}", w[q].min(w[q + 1]))));
    }
    for l in (1..=depth).filter(|&l| l != q + 1) {
        let dl = if l <= q { l } else { l + 1 };
        if deep.layer(dl) != params.layer(l) {
            return Err(Violation::Local { deep_layer: dl, layer: l });
        }
    }
    let (inserted, next, old) = (deep.layer(q + 1), deep.layer(q + 2), params.layer(q + 1));
    let zeros = |n| vec![Q::zero(); n];
    let b_hat = inserted.bias.clone().unwrap_or_else(|| zeros(m_hat));
    let mut pre = Vec::with_capacity(data.len());
    data.check_fits(params).map_err(|e| Violation::Eval(e.into()))?;
    for (i, x) in data.inputs().iter().enumerate() {
        let t = forward(params, act, x, i + 1).map_err(Violation::Eval)?;
        let mut p = inserted.weight.mul_vec(&t.f[q]);
        p.iter_mut().zip(&b_hat).for_each(|(pj, bj)| pj.add_assign(bj));
        pre.push(p);
    }
    let segments = linearize(act, &pre).map_err(Violation::Linearization)?;
    let lambda: Vec<Q> = segments.iter().map(|s| s.lambda.clone()).collect();
    let v_d = crate::linalg::Matrix::from_rows(
        next.weight.to_rows().into_iter().map(|r| r.iter().zip(&lambda).map(|(v, l)| v.mul(l)).collect()).collect(),
        m_hat,
    );
    let merged = v_d.mul(&inserted.weight);
    for r in 0..w[q + 1] {
        for c in 0..w[q] {
            if merged.get(r, c) != old.weight.get(r, c) {
                return Err(Violation::OutputWeight { row: r + 1, col: c + 1 });
            }
        }
    }
    let shift: Vec<Q> = b_hat.iter().zip(&segments).map(|(b, s)| s.lambda.mul(b).add(&s.mu)).collect();
    let mut bias = next.weight.mul_vec(&shift);
    if let Some(c) = &next.bias {
        bias.iter_mut().zip(c).for_each(|(bi, ci)| bi.add_assign(ci));
    }
    let old_b = old.bias.clone().unwrap_or_else(|| zeros(w[q + 1]));
    if let Some(r) = (0..w[q + 1]).find(|&r| bias[r] != old_b[r]) {
        return Err(Violation::OutputBias { row: r + 1 });
    }
    Ok(segments)
}
