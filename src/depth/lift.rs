//! One-layer critical lifting (\[P3\] Def. 1, 3; Lemma 1/2): insert a hidden layer q̂ between layer
//! q and layer q+1 (0 ≤ q ≤ L−1) so that the new layer is affine on the data and the output is
//! preserved.
//!
//! Notation (spec width-depth §3.1): the inserted layer has weights W' (m_q̂ × m_q) and bias b';
//! the old layer q+1 becomes (V, c) with V of size m_{q+1} × m_q̂. With D = diag(λ) the slopes of
//! the affine segments used, condition (iii) reads V D W' = W^\[q+1\] and V(D b' + μ) + c = b^\[q+1\].
//! In the deep network's flat vector the inserted layer is layer q+1 and the old layer q+1 is
//! layer q+2. Multi-layer lifting is composition of one-layer liftings.

use super::segment::{affine_segments, AffineSegment};
use super::LiftError;
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::net::{forward, Layer, Params};
use crate::scalar::{Field, Ring, Q};

/// Which constructive lift of the spec (§3.1, "Existence") to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Construction {
    /// \[P3\] Lemma 1/2: W' = ξ W^\[q+1\] (if m_{q+1} ≤ m_q) or W' = ξ I (if m_q < m_{q+1}), with the
    /// data squeezed into [x_low, x_up] of one affine segment.
    Lemma,
    /// The experiments' lift (\[P3\] §4): W' = I, a bias shifting every inserted pre-activation
    /// into the segment (needs m_q̂ ≥ m_q and a segment unbounded above, e.g. ReLU's (0, ∞)).
    Identity,
}

impl Construction {
    /// The least inserted width the construction needs: m_q (identity) or min(m_q, m_{q+1}) (lemma).
    pub fn base_width(self, m_q: usize, m_next: usize) -> usize {
        match self {
            Construction::Identity => m_q,
            Construction::Lemma => m_q.min(m_next),
        }
    }

    /// m_q̂: the requested `width`, or [`Construction::base_width`] by default.
    ///
    /// # Errors
    /// [`LiftError::Width`] when the requested width is below the base width.
    pub fn inserted_width(self, m_q: usize, m_next: usize, width: Option<usize>) -> Result<usize, LiftError> {
        let base = self.base_width(m_q, m_next);
        match width {
            Some(m) if m < base => Err(LiftError::Width { requested: m, min: base, construction: self }),
            Some(m) => Ok(m),
            None => Ok(base),
        }
    }
}

/// A deep network built by one-layer lifting, with the segment used by each inserted neuron.
#[derive(Clone, Debug, PartialEq)]
pub struct Lifted {
    /// θ' of the deep network NN' (L + 1 layers).
    pub deep: Params<Q>,
    /// The layer q after which the new layer was inserted (0 = right after the input).
    pub q: usize,
    /// The affine segment of σ of each inserted neuron (its λ_j, μ_j enter (iii) and Ψ).
    pub segments: Vec<AffineSegment>,
}

/// Inserts the layer (W', b') = `inserted` after layer q of θ and replaces layer q+1 by
/// (V, c) = `next`: the parameter vector of NN' in \[P3\] Def. 1, with every other layer kept
/// (condition (i) of Def. 3).
///
/// # Errors
/// [`LiftError::Layer`] if q > L − 1, [`LiftError::Shape`] if the new layers do not chain.
pub fn insert_layer<S: Field>(
    params: &Params<S>,
    q: usize,
    inserted: Layer<S>,
    next: Layer<S>,
) -> Result<Params<S>, LiftError> {
    let depth = params.depth();
    if q >= depth {
        return Err(LiftError::Layer { q, depth });
    }
    let mut layers: Vec<Layer<S>> = params.layers()[..q].to_vec();
    layers.push(inserted);
    layers.push(next);
    layers.extend(params.layers()[q + 1..].iter().cloned());
    Params::new(layers).map_err(LiftError::Shape)
}

/// The first affine segment of σ that is unbounded above, else the first one.
fn default_segment(act: &ExactActivation, identity: bool) -> Result<AffineSegment, LiftError> {
    let segs = affine_segments(act);
    let pick = segs.iter().find(|s| s.unbounded_above()).or(if identity { None } else { segs.first() });
    pick.cloned().ok_or_else(|| LiftError::NoAffineSegment(act.to_string()))
}

/// Builds a member of T_S(θ) (\[P3\] Def. 3) by the chosen [`Construction`], inserting a layer of
/// width `width` (default min(m_q, m_{q+1}) for [`Construction::Lemma`], m_q for
/// [`Construction::Identity`]) after layer q, using the affine segment `segment` (default: the
/// first segment unbounded above, ReLU's (0, ∞)). Extra neurons beyond the construction's width
/// get zero input and output weights and a bias inside the segment (spec §3.1).
///
/// The result is validated by [`super::check_membership`] before it is returned.
///
/// # Errors
/// [`LiftError`] naming the problem: q out of range, width below min(m_q, m_{q+1}) (or below m_q
/// for the identity lift), a bias-free layer q+1, σ without an affine segment, an evaluation error.
pub fn critical_lifting(
    params: &Params<Q>,
    act: &ExactActivation,
    data: &Dataset<Q>,
    q: usize,
    width: Option<usize>,
    construction: Construction,
    segment: Option<&AffineSegment>,
) -> Result<Lifted, LiftError> {
    let depth = params.depth();
    if q >= depth {
        return Err(LiftError::Layer { q, depth });
    }
    let w = params.widths();
    let (m_q, m_next) = (w[q], w[q + 1]);
    let old = params.layer(q + 1);
    let Some(b) = old.bias.clone() else { return Err(LiftError::BiasFree { layer: q + 1 }) };
    let identity = construction == Construction::Identity;
    let seg = match segment {
        Some(s) => s.clone(),
        None => default_segment(act, identity)?,
    };
    if identity && !seg.unbounded_above() {
        return Err(LiftError::Construction(format!(
            "the identity lift needs an affine segment unbounded above; {seg} is bounded"
        )));
    }
    let m_hat = construction.inserted_width(m_q, m_next, width)?;
    data.check_fits(params).map_err(|e| LiftError::Eval(e.into()))?;
    let mut f_q = Vec::with_capacity(data.len());
    let mut p_next = Vec::with_capacity(data.len());
    for (i, x) in data.inputs().iter().enumerate() {
        let t = forward(params, act, x, i + 1).map_err(LiftError::Eval)?;
        f_q.push(t.f[q].clone());
        p_next.push(t.pre[q + 1].clone());
    }
    let (lambda, mu) = (seg.lambda.clone(), seg.mu.clone());
    let (x_low, x_up) = seg.interior();
    // (W', b', V) of the construction's base width; c follows from (iii).
    let (w_in, b_in, v) = match construction {
        Construction::Identity => {
            let lower = seg.lower.clone();
            let shift: Vec<Q> = (0..m_q)
                .map(|j| match &lower {
                    None => Q::zero(),
                    Some(a) => {
                        let min = f_q.iter().map(|f| f[j].clone()).min().expect("n ≥ 1");
                        let gap = a.sub(&min);
                        let gap = if gap > Q::zero() { gap } else { Q::zero() };
                        gap.add(&Q::new(1, 2))
                    }
                })
                .collect();
            let inv = lambda.inv().expect("λ ≠ 0");
            (Matrix::identity(m_q), shift, old.weight.map(|x| x.mul(&inv)))
        }
        Construction::Lemma => {
            let squeeze = |values: &[Vec<Q>]| {
                let all = values.iter().flatten();
                let min = all.clone().min().expect("n ≥ 1").clone();
                let max = all.max().expect("n ≥ 1").clone();
                let xi = if max == min { Q::one() } else { x_up.sub(&x_low).div(&max.sub(&min)).expect("max > min") };
                let shift = x_low.sub(&xi.mul(&min));
                (xi, shift)
            };
            if m_next <= m_q {
                let (xi, shift) = squeeze(&p_next);
                let w_in = old.weight.map(|x| x.mul(&xi));
                let b_in = b.iter().map(|bi| bi.mul(&xi).add(&shift)).collect();
                let s = lambda.mul(&xi).inv().expect("λξ ≠ 0");
                (w_in, b_in, Matrix::<Q>::identity(m_next).map(|x| x.mul(&s)))
            } else {
                let (xi, shift) = squeeze(&f_q);
                let s = lambda.mul(&xi).inv().expect("λξ ≠ 0");
                (Matrix::<Q>::identity(m_q).map(|x| x.mul(&xi)), vec![shift; m_q], old.weight.map(|x| x.mul(&s)))
            }
        }
    };
    let base = w_in.rows();
    let mut w_rows = w_in.to_rows();
    let mut b_hat = b_in;
    let mut v_rows = v.to_rows();
    for _ in base..m_hat {
        w_rows.push(vec![Q::zero(); m_q]);
        b_hat.push(x_low.clone());
        for row in &mut v_rows {
            row.push(Q::zero());
        }
    }
    let v = Matrix::from_rows(v_rows, m_hat);
    let segments = vec![seg; m_hat];
    let shifted: Vec<Q> = b_hat.iter().map(|bj| lambda.mul(bj).add(&mu)).collect();
    let c: Vec<Q> = b.iter().zip(v.mul_vec(&shifted)).map(|(bi, vi)| bi.sub(&vi)).collect();
    let inserted = Layer { weight: Matrix::from_rows(w_rows, m_q), bias: Some(b_hat) };
    let deep = insert_layer(params, q, inserted, Layer { weight: v, bias: Some(c) })?;
    let lifted = Lifted { deep, q, segments };
    super::check_membership(params, &lifted.deep, act, data, q)
        .map_err(|v| LiftError::Construction(format!("internal: the constructed lift violates {v}")))?;
    Ok(lifted)
}

/// Composition of one-layer liftings (\[P3\] Thm 1): lifts after layer q_1, then (in the deeper
/// network) after q_2, and so on, each by [`critical_lifting`] with default width and segment.
///
/// # Errors
/// As [`critical_lifting`], for the first step that fails.
pub fn lift_layers(
    params: &Params<Q>,
    act: &ExactActivation,
    data: &Dataset<Q>,
    after: &[usize],
    construction: Construction,
) -> Result<Params<Q>, LiftError> {
    let mut cur = params.clone();
    for &q in after {
        cur = critical_lifting(&cur, act, data, q, None, construction, None)?.deep;
    }
    Ok(cur)
}
