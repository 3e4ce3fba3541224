//! Grading another tool's floating-point loss, gradient or Hessian against the exact truth
//! (contract, "Grading another tool's numbers").
//!
//! For each entry k the truth t_k is exact (Q) and the bound is the forward error bound of a
//! standard binary64 evaluation of that entry: B_k = γ_{N'_k} · ỹ_k, where ỹ_k is the
//! absolute-value evaluation of the same chain-rule computation and N'_k = 2·N_k + 4 with N_k
//! the roundings along its worst term ([`crate::scalar::Tracked`]; derivation and the margin in
//! `proofs/compare-bound.md`). Every comparison |v_k − t_k| ≤ B_k is made in Q: the float values
//! read from the file are the dyadic rationals they are.

pub mod enclosed;

use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::hessian::{hessian_exact_with, hessian_with};
use crate::linalg::Matrix;
use crate::loss::{ExactLoss, WeightDecay};
use crate::net::{evaluate_exact, evaluate_with, forward, loss_with, EvalError, Params, Site};
use crate::scalar::{gamma_exact, q_from_f64, Field, Ring, Tracked, Q};

/// Which quantity is graded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// R_S(θ), one entry.
    Loss,
    /// ∇R_S(θ), M entries in the contract's order.
    Gradient,
    /// ∇²R_S(θ), M² entries row by row.
    Hessian,
}

impl Quantity {
    /// `loss`, `gradient`, `hessian`.
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Loss => "loss",
            Quantity::Gradient => "gradient",
            Quantity::Hessian => "hessian",
        }
    }
}

/// The exact truth of a quantity and, per entry, its absolute-value majorant and rounding count.
#[derive(Clone, Debug, PartialEq)]
pub struct Truth {
    /// Exact values, flat (row by row for the Hessian).
    pub values: Vec<Q>,
    /// ỹ_k (an upper bound, rounded upward).
    pub majorants: Vec<f64>,
    /// N_k.
    pub counts: Vec<u32>,
    /// Pre-activations of a piecewise-linear σ whose sign a binary64 evaluation may get wrong
    /// (|p| ≤ γ_N·p̃, or p = 0 exactly): there the bound assumes the float computation takes
    /// the same side as the exact one (at p = 0, σ'(0) = 0 as PyTorch does).
    pub uncertain_signs: Vec<Site>,
}

impl Truth {
    /// B_k = γ_{2N_k + 4}·ỹ_k exactly, or `None` where N is too large for any bound.
    pub fn bound(&self, k: usize) -> Option<Q> {
        let g = gamma_exact(2 * u64::from(self.counts[k]) + 4)?;
        Some(g.mul(&q_from_f64(self.majorants[k])?))
    }
}

/// The exact value of `quantity` at θ with its majorants and counts. A piecewise-linear σ runs
/// the counting over exact values (its branches need exact signs); every other σ counts over
/// `f64` approximations and takes the exact values from the fast exact paths (the same
/// numbers: the counting does not depend on the values there).
///
/// # Errors
/// [`EvalError`] when the data do not fit or σ has a pole.
pub fn truth(
    params: &Params<Q>,
    act: &ExactActivation,
    data: &Dataset<Q>,
    quantity: Quantity,
) -> Result<Truth, EvalError> {
    truth_with(params, act, &ExactLoss::Mse, &WeightDecay(Q::zero()), data, quantity)
}

/// [`truth`] for the objective R_S + (λ/2)‖θ‖² with the exact loss `ell`: the loss and the decay
/// run through the same counting (a piecewise loss's branches, like σ's kinks, are taken on the
/// values the counting carries).
///
/// # Errors
/// As [`truth`].
pub fn truth_with(
    params: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    decay: &WeightDecay,
    data: &Dataset<Q>,
    quantity: Quantity,
) -> Result<Truth, EvalError> {
    let piecewise = matches!(act, ExactActivation::Piecewise(s) if !s.is_identity());
    if piecewise {
        let (p, d) = (params.map(Tracked::<Q>::exact), data.map(Tracked::<Q>::exact));
        let entries = tracked_entries(&p, act, ell, decay, &d, quantity)?;
        return Ok(Truth {
            values: entries.iter().map(|t| t.value.clone()).collect(),
            majorants: entries.iter().map(|t| t.majorant).collect(),
            counts: entries.iter().map(|t| t.count).collect(),
            uncertain_signs: uncertain_signs(&p, act, &d)?,
        });
    }
    let (p, d) = (params.map(Tracked::<f64>::exact), data.map(Tracked::<f64>::exact));
    let entries = tracked_entries(&p, act, ell, decay, &d, quantity)?;
    let values = exact_entries(params, act, ell, decay, data, quantity)?;
    Ok(Truth {
        values,
        majorants: entries.iter().map(|t| t.majorant).collect(),
        counts: entries.iter().map(|t| t.count).collect(),
        uncertain_signs: Vec::new(),
    })
}

/// The exact value of `quantity` alone, for grading with a given tolerance (no majorants: they are
/// `+∞` and the counts 0, so [`Truth::bound`] is not used).
///
/// # Errors
/// [`EvalError`] when the data do not fit or σ has a pole.
pub fn exact_values(
    params: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    decay: &WeightDecay,
    data: &Dataset<Q>,
    quantity: Quantity,
) -> Result<Truth, EvalError> {
    let values = exact_entries(params, act, ell, decay, data, quantity)?;
    let n = values.len();
    Ok(Truth { values, majorants: vec![f64::INFINITY; n], counts: vec![0; n], uncertain_signs: Vec::new() })
}

/// H + λI.
fn with_decay_diagonal<S: Field>(mut h: Matrix<S>, decay: &WeightDecay) -> Matrix<S> {
    decay.add_to_hessian(&mut h);
    h
}

/// The exact entries of `quantity` for the objective, by the fast exact paths.
fn exact_entries(
    params: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    decay: &WeightDecay,
    data: &Dataset<Q>,
    quantity: Quantity,
) -> Result<Vec<Q>, EvalError> {
    Ok(match quantity {
        Quantity::Loss => vec![loss_with(params, act, ell, data)?.add(&decay.value(&params.flatten()))],
        Quantity::Gradient => {
            let mut ev = evaluate_exact(params, act, ell, data)?;
            ev.add_weight_decay(params, decay);
            ev.gradient.flatten()
        }
        Quantity::Hessian => with_decay_diagonal(hessian_exact_with(params, act, ell, data)?, decay).data().to_vec(),
    })
}

fn tracked_entries<V: Field>(
    p: &Params<Tracked<V>>,
    act: &ExactActivation,
    ell: &ExactLoss,
    decay: &WeightDecay,
    d: &Dataset<Tracked<V>>,
    quantity: Quantity,
) -> Result<Vec<Tracked<V>>, EvalError> {
    Ok(match quantity {
        Quantity::Loss => vec![loss_with(p, act, ell, d)?.add(&decay.value(&p.flatten()))],
        Quantity::Gradient => {
            let mut ev = evaluate_with(p, act, ell, d)?;
            ev.add_weight_decay(p, decay);
            ev.gradient.flatten()
        }
        Quantity::Hessian => with_decay_diagonal(hessian_with(p, act, ell, d)?, decay).data().to_vec(),
    })
}

fn uncertain_signs(
    p: &Params<Tracked<Q>>,
    act: &ExactActivation,
    d: &Dataset<Tracked<Q>>,
) -> Result<Vec<Site>, EvalError> {
    let ExactActivation::Piecewise(sigma) = act else { return Ok(Vec::new()) };
    if sigma.is_identity() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (i, x) in d.inputs().iter().enumerate() {
        let trace = forward(p, act, x, i + 1)?;
        for (l, pre) in trace.pre.iter().enumerate().take(p.depth()).skip(1) {
            for (j, v) in pre.iter().enumerate() {
                let bound = gamma_exact(2 * u64::from(v.count) + 4).zip(q_from_f64(v.majorant)).map(|(g, m)| g.mul(&m));
                if bound.is_none_or(|b| v.value.abs() <= b) {
                    out.push(Site { layer: l, neuron: j + 1, sample: i + 1 });
                }
            }
        }
    }
    Ok(out)
}

/// One graded entry.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryGrade {
    /// Flat index (row-major for the Hessian).
    pub index: usize,
    /// The value read from the file (exact dyadic).
    pub value: Q,
    /// The exact truth.
    pub truth: Q,
    /// |value − truth|.
    pub error: Q,
    /// The bound (or the `--atol`/`--rtol` tolerance); `None` when there is none.
    pub bound: Option<Q>,
}

impl EntryGrade {
    /// Whether |value − truth| ≤ bound (false without a bound only if the error is nonzero).
    pub fn within(&self) -> bool {
        match &self.bound {
            Some(b) => self.error <= *b,
            None => true,
        }
    }
    /// error / bound as a float for display (∞ for a nonzero error and a zero bound).
    pub fn ratio(&self) -> f64 {
        match &self.bound {
            Some(b) if !b.is_zero() => self.error.div(b).map_or(f64::INFINITY, |r| r.to_f64()),
            Some(_) if self.error.is_zero() => 0.0,
            Some(_) => f64::INFINITY,
            None => 0.0,
        }
    }
    /// |value − truth| / |truth| for display (∞ when the truth is 0 and the error is not).
    pub fn relative(&self) -> f64 {
        if self.truth.is_zero() {
            return if self.error.is_zero() { 0.0 } else { f64::INFINITY };
        }
        self.error.div(&self.truth.abs()).map_or(f64::INFINITY, |r| r.to_f64())
    }
    /// The error in units in the last place of the truth: |v − t| / ulp(t), with
    /// ulp(t) = 2^(⌊log2 |t|⌋ − 52) (2^−1074 for t = 0 and in the subnormal range).
    pub fn ulps(&self) -> f64 {
        let e = if self.truth.is_zero() { -1074 } else { floor_log2(&self.truth.abs()).saturating_sub(52).max(-1074) };
        self.error.mul(&Q::int(2).pow(-(e as i32))).to_f64()
    }
}

fn floor_log2(a: &Q) -> i64 {
    let mut k = a.log2_upper().expect("nonzero") - 1;
    while *a < Q::int(2).pow(k as i32) {
        k -= 1;
    }
    k
}

/// A tolerance that replaces the bound: |v − t| ≤ atol + rtol·|t| (numpy's `allclose`).
#[derive(Clone, Debug, PartialEq)]
pub struct Tolerance {
    /// Absolute part.
    pub atol: Q,
    /// Relative part.
    pub rtol: Q,
}

/// Grades `values` (flat, as read) against `truth`, with the derived bound or `tolerance`.
///
/// # Panics
/// If `values.len()` differs from the truth's (the caller checks shapes first).
pub fn grade(values: &[Q], truth: &Truth, tolerance: Option<&Tolerance>) -> Vec<EntryGrade> {
    assert_eq!(values.len(), truth.values.len(), "graded values must match the truth's shape");
    let mut gammas: std::collections::BTreeMap<u32, Option<Q>> = std::collections::BTreeMap::new();
    let mut bound = |k: usize| -> Option<Q> {
        let g = gammas.entry(truth.counts[k]).or_insert_with(|| gamma_exact(2 * u64::from(truth.counts[k]) + 4));
        Some(g.as_ref()?.mul(&q_from_f64(truth.majorants[k])?))
    };
    values
        .iter()
        .zip(&truth.values)
        .enumerate()
        .map(|(k, (v, t))| EntryGrade {
            index: k,
            value: v.clone(),
            truth: t.clone(),
            error: v.sub(t).abs(),
            bound: match tolerance {
                Some(tol) => Some(tol.atol.add(&tol.rtol.mul(&t.abs()))),
                None => bound(k),
            },
        })
        .collect()
}
