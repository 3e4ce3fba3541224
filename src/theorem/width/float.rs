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
use crate::theorem::{Counterexample, Evidence, Outcome, Size, Theorem};
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

impl Theorem for FloatTransfer {
    fn id(&self) -> &'static str {
        self.id
    }
    fn statement(&self) -> &'static str {
        self.statement
    }
    fn source(&self) -> &'static str {
        match self.kind {
            Kind::Null | Kind::NullNoSigmaBeta => "[P2] Lemma 4.1 (width-depth spec §2.2), float path",
            _ => "[P1] Prop. 1 (width-depth spec §2.1 item 4), float path",
        }
    }
    fn hypotheses(&self) -> &'static str {
        "tanh, sigmoid or softplus net in f64; any θ"
    }
    fn evidence(&self) -> Evidence {
        Evidence::WithinTolerance { tolerance: f64::NAN, why: WHY.into() }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (act, params, data) = random_float_case(rng, size);
        let w = params.widths();
        let l = 1 + rng.below(w.len() - 2);
        let shape = Shape::of(&params);
        let (wide, p): (Params<f64>, SparseMap<f64>) = match self.kind {
            Kind::Null | Kind::NullNoSigmaBeta => {
                let beta = rng.small_q(2, 2).to_f64();
                let null = Null::new(&shape, l, beta).expect("hidden layer with bias");
                let sb = if self.kind == Kind::NullNoSigmaBeta { 1.0 } else { act.value(&beta).expect("smooth σ") };
                (null.apply(&params).expect("shape"), null.transfer_map(&sb).expect("biases"))
            }
            Kind::Split | Kind::SplitSwapped => {
                let alpha = random_alpha(rng).to_f64();
                let s = rng.below(w[l]);
                let split = Split::new(&shape, l, s, alpha).expect("in range");
                let p_alpha = if self.kind == Kind::SplitSwapped { 1.0 - alpha } else { alpha };
                (
                    split.apply(&params).expect("shape"),
                    Split::new(&shape, l, s, p_alpha).expect("in range").transfer_map(),
                )
            }
        };
        let (Ok(en), Ok(ew)) = (evaluate(&params, &act, &data), evaluate(&wide, &act, &data)) else {
            return Outcome::NotApplicable("evaluation failed".into());
        };
        let predicted = p.apply(&en.gradient.flatten());
        let tn = p.map(|v| v.abs()).apply(&gradient_error_bound(&params, &act, &data, 0.0));
        let tw = gradient_error_bound(&wide, &act, &data, f64::EPSILON / 2.0);
        let gw = ew.gradient.flatten();
        let mut worst = 0.0f64;
        for k in 0..gw.len() {
            let tol = 2.0 * (tw[k] + tn[k] + f64::EPSILON * predicted[k].abs());
            worst = worst.max(tol);
            if (gw[k] - predicted[k]).abs() > tol || !gw[k].is_finite() {
                return Outcome::Fails(Box::new(Counterexample {
                    expected: format!("entry {}: {} ± {tol:e}", k + 1, predicted[k]),
                    computed: format!("{}", gw[k]),
                    case: json!({"activation": act.to_string(), "narrow": params.flatten(), "widths": w, "layer": l,
                                 "inputs": data.inputs(), "targets": data.targets(), "wide": wide.flatten()}),
                }));
            }
        }
        Outcome::Holds(Evidence::WithinTolerance { tolerance: worst, why: WHY.into() })
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
