//! Float versions of the splitting and null transfer identities for tanh, sigmoid and softplus
//! networks (f64), with a derived tolerance.
//!
//! **Tolerance.** [`gradient_error_bound`] gives, for every gradient entry k, a first-order
//! running error bound δ_k on |fl(g_k) − g_k| (forward, backward and summation errors propagated
//! with absolute values; see its module). The wide net's parameters are the rounded values of
//! T^α θ̂ (relative error ≤ u each), which enters its bound as a parameter error. The predicted
//! wide gradient P ĝ_narr applies one multiplication by a rounded coefficient per entry, so
//! whenever the identity holds in exact arithmetic,
//!   |ĝ_wide,k − (P ĝ_narr)_k| ≤ τ_k := 2 (δ^wide_k + (|P| δ^narr)_k + 2u |(P ĝ_narr)_k|),
//! the factor 2 covering the neglected second-order terms. (A bound built from the computed error
//! vectors alone is not enough: an entry of size 1e−5 produced by cancellation of O(1) terms
//! carries an error of order u·O(1), which only the absolute-value propagation sees.) The check
//! passes when every entry meets τ_k; the reported tolerance is the largest τ_k.

use super::case::random_alpha;
use super::float_bound::gradient_error_bound;
use crate::activation::{Activation, FloatActivation, Sigma};
use crate::critical::random_params;
use crate::data::Dataset;
use crate::embed::{Null, Shape, SparseMap, Split};
use crate::net::{evaluate, Params};
use crate::rng::Rng;
use crate::scalar::Q;
use crate::theorem::{Counterexample, Evidence, Meta, Outcome, Recheck, Size, Theorem};
use serde_json::json;

const WHY: &str = "|g_wide − P g_narr| ≤ 2(δ_wide + |P|δ_narr + 2u|P g_narr|) entrywise, δ a first-order running error bound of the f64 gradient (forward, backward and sums propagated in absolute value)";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Split,
    SplitSwapped,
    Null,
    /// Control: the null transfer with σ(β) taken as 1. For tanh, sigmoid and softplus σ(β) ≠ 1 at
    /// every rational β (|tanh| < 1, sigmoid < 1, softplus(β) = 1 only at β = ln(e − 1), which is
    /// irrational), so the predicted new column ∇_{b^\[l+1\]}R misses the true σ(β)∇_{b^\[l+1\]}R
    /// by (1 − σ(β))∇_{b^\[l+1\]}R, far above the rounding tolerance unless that gradient is tiny.
    NullNoSigmaBeta,
}

struct FloatTransfer {
    id: &'static str,
    statement: &'static str,
    kind: Kind,
}

fn random_float_case(rng: &mut Rng, size: Size) -> (Activation, Params<f64>, Dataset<f64>) {
    let act = [FloatActivation::Tanh, FloatActivation::Sigmoid, FloatActivation::Softplus][rng.below(3)];
    let w = super::case::random_widths(rng, size);
    let params = random_params(rng, &w, size.max_height.max(1)).map(Q::to_f64);
    let n = 1 + rng.below(4);
    let xs = super::case::random_inputs(rng, w[0], n);
    let ys = super::case::random_inputs(rng, w[w.len() - 1], n);
    let data = Dataset::new(xs, ys).expect("fits").map(Q::to_f64);
    (Activation::Float(act), params, data)
}

/// The embedding of a float case: split neuron `s` (0-based) with α, or a null neuron with β
/// (exact rationals, applied in f64).
enum FloatOp {
    Split { s: usize, alpha: Q },
    Null { beta: Q },
}

/// A float case: σ, θ̂ (f64), S (f64), the hidden layer l and the embedding.
struct FloatCase {
    act: Activation,
    params: Params<f64>,
    data: Dataset<f64>,
    l: usize,
    op: FloatOp,
}

impl FloatCase {
    fn to_json(&self, wide: &Params<f64>) -> serde_json::Value {
        let op = match &self.op {
            FloatOp::Split { s, alpha } => json!({"split": {"neuron": s + 1, "alpha": alpha.to_canonical()}}),
            FloatOp::Null { beta } => json!({"null": {"beta": beta.to_canonical()}}),
        };
        json!({"activation": self.act.to_string(), "narrow": self.params.flatten(), "widths": self.params.widths(),
               "layer": self.l, crate::io::case::STEP_KEY: op, "inputs": self.data.inputs(), "targets": self.data.targets(),
               "wide": wide.flatten()})
    }

    /// The case [`FloatCase::to_json`] wrote, with the stored wide network (which must be the
    /// embedding of the narrow one, recomputed).
    fn from_json(v: &serde_json::Value) -> Result<(FloatCase, Vec<f64>), crate::theorem::CheckError> {
        use crate::theorem::stored::{field, float_activation, float_data, float_rows, floats, index};
        let act = Activation::Float(float_activation(field(v, "activation")?, "activation")?);
        let widths = crate::theorem::stored::indices(field(v, "widths")?, "widths")?;
        let params = float_params(&widths, &floats(field(v, "narrow")?, "narrow")?, "narrow")?;
        let data =
            float_data(float_rows(field(v, "inputs")?, "inputs")?, float_rows(field(v, "targets")?, "targets")?)?;
        let l = index(v, "layer")?;
        let op = field(v, crate::io::case::STEP_KEY)?;
        let q =
            |o: &serde_json::Value, k: &str| crate::theorem::stored::rational(field(o, k)?, &format!("operator.{k}"));
        let op = if let Some(o) = op.get("split") {
            let s = index(o, "neuron")?.checked_sub(1).ok_or("`operator.split.neuron`: numbered from 1")?;
            FloatOp::Split { s, alpha: q(o, "alpha")? }
        } else if let Some(o) = op.get("null") {
            FloatOp::Null { beta: q(o, "beta")? }
        } else {
            return Err("`operator`: expected `split` or `null`".into());
        };
        let wide = floats(field(v, "wide")?, "wide")?;
        Ok((FloatCase { act, params, data, l, op }, wide))
    }
}

impl FloatTransfer {
    /// The wide network and the transfer map P of `case` (errors name the part that does not fit).
    fn embed(&self, case: &FloatCase) -> Result<(Params<f64>, SparseMap<f64>), crate::theorem::Inapplicable> {
        let shape = Shape::of(&case.params);
        Ok(match &case.op {
            FloatOp::Null { beta } => {
                let beta = beta.to_f64();
                let null = Null::new(&shape, case.l, beta)?;
                let sb = if self.kind == Kind::NullNoSigmaBeta {
                    1.0
                } else {
                    case.act.value(&beta).map_err(|_| "σ has a pole at β")?
                };
                (null.apply(&case.params)?, null.transfer_map(&sb)?)
            }
            FloatOp::Split { s, alpha } => {
                let alpha = alpha.to_f64();
                let split = Split::new(&shape, case.l, *s, alpha)?;
                let p_alpha = if self.kind == Kind::SplitSwapped { 1.0 - alpha } else { alpha };
                (split.apply(&case.params)?, Split::new(&shape, case.l, *s, p_alpha)?.transfer_map())
            }
        })
    }

    /// Compares ∇R_wide with P ∇R_narr within the derived tolerance (module docs):
    /// `Ok(Ok(worst tolerance))`, `Ok(Err((expected, computed)))` at the first entry outside it, or
    /// `Err(reason)` when the networks cannot be evaluated.
    fn judge(
        &self,
        case: &FloatCase,
        wide: &Params<f64>,
        p: &SparseMap<f64>,
    ) -> Result<Result<f64, (String, String)>, crate::theorem::Inapplicable> {
        let (act, params, data) = (&case.act, &case.params, &case.data);
        let (Ok(en), Ok(ew)) = (evaluate(params, act, data), evaluate(wide, act, data)) else {
            return Err("evaluation failed".into());
        };
        let predicted = p.apply(&en.gradient.flatten());
        let tn = p.map(|v| v.abs()).apply(&gradient_error_bound(params, act, data, 0.0));
        let tw = gradient_error_bound(wide, act, data, f64::EPSILON / 2.0);
        let gw = ew.gradient.flatten();
        let mut worst = 0.0f64;
        for k in 0..gw.len() {
            let tol = 2.0 * (tw[k] + tn[k] + f64::EPSILON * predicted[k].abs());
            worst = worst.max(tol);
            if (gw[k] - predicted[k]).abs() > tol || !gw[k].is_finite() {
                return Ok(Err((format!("entry {}: {} ± {tol:e}", k + 1, predicted[k]), format!("{}", gw[k]))));
            }
        }
        Ok(Ok(worst))
    }
}

impl Theorem for FloatTransfer {
    fn meta(&self) -> Meta {
        Meta {
            id: self.id,
            statement: self.statement,
            source: match self.kind {
                Kind::Null | Kind::NullNoSigmaBeta => "[P2] Lemma 4.1, float path",
                _ => "[P1] Prop. 1, float path",
            },
            hypotheses: "tanh, sigmoid or softplus net in f64, ½-MSE (the derived tolerances assume it); any θ",
            widths: crate::theorem::WidthRule::Requested,
            loss: crate::theorem::LossUse::MseOnly,
            evidence: Evidence::WithinTolerance { tolerance: f64::NAN, why: WHY.into() },
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (act, params, data) = random_float_case(rng, size);
        let w = params.widths();
        let l = 1 + rng.below(w.len() - 2);
        let op = match self.kind {
            Kind::Null | Kind::NullNoSigmaBeta => FloatOp::Null { beta: rng.small_q(2, 2) },
            Kind::Split | Kind::SplitSwapped => {
                let alpha = random_alpha(rng);
                FloatOp::Split { s: rng.below(w[l]), alpha }
            }
        };
        let case = FloatCase { act, params, data, l, op };
        let (wide, p) = self.embed(&case).expect("generated embeddings are defined");
        match self.judge(&case, &wide, &p) {
            Err(why) => Outcome::NotApplicable(why.to_string()),
            Ok(Ok(worst)) => Outcome::Holds(Evidence::WithinTolerance { tolerance: worst, why: WHY.into() }),
            Ok(Err((expected, computed))) => {
                Outcome::Fails(Box::new(Counterexample { expected, computed, case: case.to_json(&wide) }))
            }
        }
    }
    /// Reads every f64 number of the stored case, recomputes the wide network (it must be the
    /// stored one, bit for bit) and judges again on the same f64 path (there is no other).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let (case, stored_wide) = FloatCase::from_json(case)?;
        let (wide, p) = self.embed(&case)?;
        let same = wide.flatten().iter().zip(&stored_wide).all(|(a, b)| a.to_bits() == b.to_bits());
        if !same || stored_wide.len() != wide.num_params() {
            return Ok(Recheck::NotApplicable("`wide` is not the embedding of `narrow` (recomputed in f64)".into()));
        }
        Ok(match self.judge(&case, &wide, &p) {
            Err(why) => Recheck::NotApplicable(why.to_string()),
            Ok(Ok(_)) => Recheck::Holds,
            Ok(Err((expected, computed))) => Recheck::Fails { expected, computed },
        })
    }
    fn control_of(&self) -> Option<&'static str> {
        match self.kind {
            Kind::Split | Kind::Null => None,
            Kind::SplitSwapped => Some("width.split.transfer.float"),
            Kind::NullNoSigmaBeta => Some("width.null.transfer.float"),
        }
    }
}

/// Float transfer theorems.
pub(crate) fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(FloatTransfer {
            id: "width.split.transfer.float",
            statement:
                "∇R_wide(T^α θ) = P_α ∇R_narr(θ) for tanh/sigmoid/softplus nets, within the derived f64 tolerance.",
            kind: Kind::Split,
        }),
        Box::new(FloatTransfer {
            id: "width.null.transfer.float",
            statement:
                "The null-embedding transfer identity for tanh/sigmoid/softplus nets, within the derived f64 tolerance.",
            kind: Kind::Null,
        }),
    ]
}

/// Float controls.
pub(crate) fn controls() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(FloatTransfer {
            id: "width.split.control.float_swapped_alpha",
            statement: "Wrong: float transfer with α and 1−α swapped.",
            kind: Kind::SplitSwapped,
        }),
        Box::new(FloatTransfer {
            id: "width.null.transfer.float.control.no_sigma_beta",
            statement: "Wrong: float null transfer with σ(β) taken as 1.",
            kind: Kind::NullNoSigmaBeta,
        }),
    ]
}

/// f64 parameters with a bias in every layer from their widths and flat vector as a stored case
/// holds them (layer by layer, each weight matrix row by row, then its bias: the order of
/// [`Params::flatten`]); shared with the depth family's float cases.
pub(crate) fn float_params(
    widths: &[usize],
    flat: &[f64],
    place: &str,
) -> Result<Params<f64>, crate::theorem::CheckError> {
    let shape = crate::embed::Shape::with_biases(widths).map_err(|e| format!("`{place}`: {e}"))?;
    if flat.len() != shape.num_params() {
        return Err(format!("`{place}`: {} numbers, widths {widths:?} need {}", flat.len(), shape.num_params()).into());
    }
    Ok(shape.params(flat))
}
