//! The residual variant of critical lifting (\[P3\] Def. 5; spec width-depth §3.1).
//!
//! The inserted block after layer q outputs h = f^\[q\] + σ(W' f^\[q\] + b') (so m_q̂ = m_q), and
//! the next layer computes V h + c. Condition (ii) is unchanged; (iii) becomes
//! V D W' + V = W^\[q+1\] and V(D b' + μ) + c = b^\[q+1\], because on S_x
//! V h + c = (V + V D W') f^\[q\] + V(D b' + μ) + c. A residual network is not a plain
//! fully-connected network, so the block is given by its parts rather than as `Params`.

use super::membership::Violation;
use super::segment::{linearize, AffineSegment};
use crate::activation::{ExactActivation, Sigma};
use crate::data::Dataset;
use crate::net::{forward, Layer, Params};
use crate::scalar::{Ring, Q};

/// A residual block (W', b') inserted after layer q, followed by (V, c) replacing layer q+1.
#[derive(Clone, Debug, PartialEq)]
pub struct ResidualLift {
    /// q: the block sits between layer q and layer q+1 of θ.
    pub q: usize,
    /// (W', b'), W' of size m_q × m_q.
    pub block: Layer<Q>,
    /// (V, c), V of size m_{q+1} × m_q.
    pub next: Layer<Q>,
}

fn zeros(n: usize) -> Vec<Q> {
    vec![Q::zero(); n]
}

/// Checks that `lift` is a residual critical lifting of θ on S (\[P3\] Def. 5): shapes, (ii) and
/// the residual (iii). Returns the segment of each block neuron.
///
/// # Errors
/// The first [`Violation`]: shape, (ii) naming neuron and sample, (iii) naming the entry.
pub fn check_residual_membership(
    params: &Params<Q>,
    lift: &ResidualLift,
    act: &ExactActivation,
    data: &Dataset<Q>,
) -> Result<Vec<AffineSegment>, Violation> {
    let (w, q) = (params.widths(), lift.q);
    if q >= params.depth() {
        return Err(Violation::Shape(format!("q = {q} is out of range 0..={}", params.depth() - 1)));
    }
    let (m_q, m_next) = (w[q], w[q + 1]);
    let (wb, nx) = (&lift.block, &lift.next);
    if wb.weight.rows() != m_q || wb.weight.cols() != m_q || nx.weight.rows() != m_next || nx.weight.cols() != m_q {
        return Err(Violation::Shape(format!("the residual block needs W' {m_q} x {m_q} and V {m_next} x {m_q}")));
    }
    data.check_fits(params).map_err(|e| Violation::Eval(e.into()))?;
    let b_hat = wb.bias.clone().unwrap_or_else(|| zeros(m_q));
    let mut pre = Vec::with_capacity(data.len());
    for (i, x) in data.inputs().iter().enumerate() {
        let t = forward(params, act, x, i + 1).map_err(Violation::Eval)?;
        let mut p = wb.weight.mul_vec(&t.f[q]);
        p.iter_mut().zip(&b_hat).for_each(|(a, b)| a.add_assign(b));
        pre.push(p);
    }
    let segs = linearize(act, &pre).map_err(Violation::Linearization)?;
    let old = params.layer(q + 1);
    for r in 0..m_next {
        for c in 0..m_q {
            let vdw = (0..m_q)
                .fold(Q::zero(), |a, t| a.add(&nx.weight.get(r, t).mul(&segs[t].lambda).mul(wb.weight.get(t, c))));
            if vdw.add(nx.weight.get(r, c)) != *old.weight.get(r, c) {
                return Err(Violation::OutputWeight { row: r + 1, col: c + 1 });
            }
        }
    }
    let shift: Vec<Q> = b_hat.iter().zip(&segs).map(|(b, s)| s.lambda.mul(b).add(&s.mu)).collect();
    let mut bias = nx.weight.mul_vec(&shift);
    bias.iter_mut().zip(nx.bias.clone().unwrap_or_else(|| zeros(m_next))).for_each(|(a, c)| a.add_assign(&c));
    let old_b = old.bias.clone().unwrap_or_else(|| zeros(m_next));
    if let Some(r) = (0..m_next).find(|&r| bias[r] != old_b[r]) {
        return Err(Violation::OutputBias { row: r + 1 });
    }
    Ok(segs)
}

fn affine(layer: &Layer<Q>, v: &[Q]) -> Vec<Q> {
    let mut p = layer.weight.mul_vec(v);
    if let Some(b) = &layer.bias {
        p.iter_mut().zip(b).for_each(|(a, c)| a.add_assign(c));
    }
    p
}

/// The output of the residual deep network at x: layers 1..q of θ, the block
/// h = f^\[q\] + σ(W'f^\[q\] + b'), then (V, c) in place of layer q+1 and the layers after it.
///
/// # Errors
/// [`crate::net::EvalError`] at a pole of σ.
pub fn residual_output(
    params: &Params<Q>,
    lift: &ResidualLift,
    act: &ExactActivation,
    x: &[Q],
) -> Result<Vec<Q>, crate::net::EvalError> {
    let (q, depth) = (lift.q, params.depth());
    let t = forward(params, act, x, 1)?;
    let mut h = t.f[q].clone();
    for (hj, pj) in h.iter_mut().zip(affine(&lift.block, &t.f[q])) {
        hj.add_assign(&act.value(&pj).expect("ReLU-type and polynomial sigma have no poles"));
    }
    let sigma = |v: Vec<Q>| -> Vec<Q> { v.iter().map(|p| act.value(p).expect("no poles")).collect() };
    let mut cur = affine(&lift.next, &h);
    for l in q + 2..=depth {
        cur = affine(params.layer(l), &sigma(cur));
    }
    Ok(cur)
}
