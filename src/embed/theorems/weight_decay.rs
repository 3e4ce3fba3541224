//! Width embeddings under weight decay (`proofs/weight-decay-embeddings.md`): which embeddings send
//! critical points of F = R_S + (λ/2)‖θ‖² to critical points of the wide F.
//!
//! - `width.split.weight_decay.norm_preserving`: the norm-preserving split N^c of a positively
//!   homogeneous σ (ReLU, leaky ReLU) is critical with the same value of F; controls: the plain
//!   split T^{1/2} in its place, and N^c with a σ that is not homogeneous;
//! - `width.null.weight_decay.zero_neuron`: a neuron with zero incoming weights, bias and outgoing
//!   column is critical when σ(0) = 0; control: σ(0) ≠ 0.
//!
//! Cases: one hidden layer, λ > 0 drawn from the seed, an exact critical point of F with ½-MSE
//! (`critical::random_critical_with_decay`), and a loss drawn per case that keeps it critical
//! ([`case_loss`]: ∇ℓ = r at its residuals). The check evaluates the wide gradient by
//! back-propagation; [`Theorem::recheck`] re-judges a stored case by forward mode, after checking
//! that the stored θ is critical for F (the hypothesis the generator guarantees).

use crate::activation::{Activation, ExactActivation, Piecewise, Polynomial, RationalFunction, Sigma};
use crate::critical::random_critical_with_decay;
use crate::data::Dataset;
use crate::embed::{NormSplit, Shape, Split};
use crate::io::{data_and_loss_to_json, network_to_json, q_to_json};
use crate::loss::draw::{case_loss, refuses_critical};
use crate::loss::{ExactLoss, Loss, WeightDecay};
use crate::net::{
    distinct_residuals, evaluate, evaluate_with, gradient_forward_mode_with, loss_with, Layer, Network, Params,
};
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::theorem::stored::{data_and_loss, field, index, network, rational};
use crate::theorem::{Evidence, Meta, Outcome, Recheck, Size, Theorem, WidthRule};
use serde_json::{json, Value};

/// Which statement an entry checks, and which deliberately wrong variant a control uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Claim {
    /// N^c of a homogeneous σ is critical under decay (the theorem).
    NormPreserving,
    /// Control: the plain split T^{1/2} claimed critical under decay.
    PlainSplit,
    /// Control: N^c claimed critical for σ(t) = t/(1 + t²), not homogeneous.
    NonHomogeneous,
    /// A zero neuron is critical under decay when σ(0) = 0 (the theorem).
    ZeroNeuron,
    /// Control: a zero neuron claimed critical with σ(0) ≠ 0.
    SigmaNonzero,
}

/// The embedding a case applies.
#[derive(Clone, Debug, PartialEq)]
enum Op {
    Norm { neuron: usize, c: (Q, Q) },
    Plain { neuron: usize, alpha: Q },
    Zero,
}

struct Entry {
    meta: Meta,
    claim: Claim,
}

/// σ(t) = t/(1 + t²): smooth, odd (σ(0) = 0), not homogeneous.
fn odd_rational() -> ExactActivation {
    ExactActivation::Rational(RationalFunction {
        num: Polynomial::new(vec![Q::zero(), Q::one()]),
        den: Polynomial::new(vec![Q::one(), Q::zero(), Q::one()]),
    })
}

/// σ(t) = (1 + t)/(1 + t²): smooth with σ(0) = 1.
fn shifted_rational() -> ExactActivation {
    ExactActivation::Rational(RationalFunction {
        num: Polynomial::new(vec![Q::one(), Q::one()]),
        den: Polynomial::new(vec![Q::one(), Q::zero(), Q::one()]),
    })
}

impl Claim {
    fn activation(self, rng: &mut Rng) -> ExactActivation {
        match self {
            Claim::NormPreserving | Claim::PlainSplit => {
                if rng.below(2) == 0 {
                    ExactActivation::Piecewise(Piecewise::relu())
                } else {
                    ExactActivation::Piecewise(Piecewise::leaky(Q::new(1, 1 + rng.below(4) as i64 + 1)))
                }
            }
            Claim::NonHomogeneous | Claim::ZeroNeuron => odd_rational(),
            Claim::SigmaNonzero => shifted_rational(),
        }
    }
}

/// F's gradient at `params` (back-propagation or forward mode) with decay λ.
fn objective_gradient(
    params: &Params<Q>,
    act: &ExactActivation,
    (d, ell): (&Dataset<Q>, &ExactLoss),
    lambda: &Q,
    forward: bool,
) -> Result<Vec<Q>, crate::theorem::Inapplicable> {
    let decay = WeightDecay(lambda.clone());
    let theta = params.flatten();
    let g = if forward {
        gradient_forward_mode_with(params, act, ell, d)?.flatten()
    } else {
        let ev = evaluate_with(params, act, ell, d)?;
        if let Some(site) = ev.kinks.first() {
            return Err(format!("a pre-activation sits on the kink ({site})").into());
        }
        ev.gradient.flatten()
    };
    Ok(g.iter().zip(decay.gradient(&theta)).map(|(a, b)| a.add(&b)).collect())
}

fn objective_value(
    params: &Params<Q>,
    act: &ExactActivation,
    (d, ell): (&Dataset<Q>, &ExactLoss),
    lambda: &Q,
) -> Result<Q, crate::theorem::Inapplicable> {
    let r = loss_with(params, act, ell, d)?;
    Ok(r.add(&WeightDecay(lambda.clone()).value(&params.flatten())))
}

/// The wide network the case's operation gives.
fn apply(op: &Op, p: &Params<Q>) -> Result<Params<Q>, crate::theorem::Inapplicable> {
    let shape = Shape::of(p);
    match op {
        Op::Norm { neuron, c } => NormSplit::new(&shape, 1, *neuron, c.clone()).and_then(|s| s.apply(p)),
        Op::Plain { neuron, alpha } => Split::new(&shape, 1, *neuron, alpha.clone()).and_then(|s| s.apply(p)),
        Op::Zero => {
            let mut layers: Vec<Layer<Q>> = p.layers().to_vec();
            let (m0, m1) = (p.widths()[0], p.widths()[1]);
            let mut w = layers[0].weight.to_rows();
            w.push(vec![Q::zero(); m0]);
            layers[0].weight = crate::linalg::Matrix::from_rows(w, m0);
            if let Some(b) = layers[0].bias.as_mut() {
                b.push(Q::zero());
            }
            let rows = layers[1].weight.to_rows().into_iter().map(|mut r| {
                r.push(Q::zero());
                r
            });
            layers[1].weight = crate::linalg::Matrix::from_rows(rows.collect(), m1 + 1);
            return Params::new(layers).map_err(Into::into);
        }
    }
    .map_err(Into::into)
}

/// The judgement: the wide gradient of F is 0 and F is unchanged.
fn judge(op: &Op, net: &Network<Q>, d: (&Dataset<Q>, &ExactLoss), lambda: &Q, forward: bool) -> Recheck {
    let Ok(act) = net.activation.exact() else { return Recheck::NotApplicable("σ is float only".into()) };
    let wide = match apply(op, &net.params) {
        Ok(w) => w,
        Err(e) => return Recheck::NotApplicable(e.to_string()),
    };
    let g = match objective_gradient(&wide, act, d, lambda, forward) {
        Ok(g) => g,
        Err(e) => return Recheck::NotApplicable(format!("wide network: {e}")),
    };
    if let Some(k) = g.iter().position(|x| !x.is_zero()) {
        return Recheck::Fails {
            expected: "∇F_wide = 0 at the embedded point (F = R_S + (λ/2)‖θ‖²)".into(),
            computed: format!("entry {} of ∇F_wide is {}", k + 1, g[k].to_canonical()),
        };
    }
    match (objective_value(&net.params, act, d, lambda), objective_value(&wide, act, d, lambda)) {
        (Ok(a), Ok(b)) if a == b => Recheck::Holds,
        (Ok(a), Ok(b)) => Recheck::Fails {
            expected: format!("F_wide = F_narrow = {}", a.to_canonical()),
            computed: format!("F_wide = {}", b.to_canonical()),
        },
        (Err(e), _) | (_, Err(e)) => Recheck::NotApplicable(e.to_string()),
    }
}

fn op_json(op: &Op) -> Value {
    match op {
        Op::Norm { neuron, c } => {
            json!({"kind": "norm_split", "layer": 1, "neuron": neuron + 1, "c1": q_to_json(&c.0), "c2": q_to_json(&c.1)})
        }
        Op::Plain { neuron, alpha } => {
            json!({"kind": "split", "layer": 1, "neuron": neuron + 1, "alpha": q_to_json(alpha)})
        }
        Op::Zero => json!({"kind": "zero_neuron", "layer": 1}),
    }
}

fn op_from_json(v: &Value, claim: Claim) -> Result<Op, crate::theorem::CheckError> {
    let kind = field(v, "kind")?.as_str().ok_or("`operation.kind`: expected a string")?;
    let neuron = || -> Result<usize, crate::theorem::CheckError> {
        let s = index(v, "neuron")?;
        if s == 0 {
            return Err("`operation.neuron`: neurons are numbered from 1".into());
        }
        Ok(s - 1)
    };
    let op = match kind {
        "norm_split" => Op::Norm {
            neuron: neuron()?,
            c: (rational(field(v, "c1")?, "operation.c1")?, rational(field(v, "c2")?, "operation.c2")?),
        },
        "split" => Op::Plain { neuron: neuron()?, alpha: rational(field(v, "alpha")?, "operation.alpha")? },
        "zero_neuron" => Op::Zero,
        other => return Err(format!("`operation.kind`: unknown operation `{other}`").into()),
    };
    let expected = match claim {
        Claim::NormPreserving | Claim::NonHomogeneous => "norm_split",
        Claim::PlainSplit => "split",
        Claim::ZeroNeuron | Claim::SigmaNonzero => "zero_neuron",
    };
    if kind != expected {
        return Err(format!("`operation.kind`: this claim applies `{expected}`, not `{kind}`").into());
    }
    Ok(op)
}

/// The widths of the weight-decay cases.
const WIDTHS: WidthRule = WidthRule::Capped {
    max: 4,
    reason: "exact critical points of F need n·m_L ≥ M samples and an exact solve of Jᵀr = −nλθ",
};

impl Theorem for Entry {
    fn meta(&self) -> Meta {
        self.meta.clone()
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        if let Some(why) = refuses_critical(size.loss) {
            return Outcome::NotApplicable(why.to_string());
        }
        let act = self.claim.activation(rng);
        let h = 1 + rng.below(size.max_width.max(1));
        let widths = [1 + rng.below(2), h, 1 + rng.below(2)];
        let m = (widths[0] + 1) * h + (h + 1) * widths[2];
        let samples = m.div_ceil(widths[2]) + 2;
        let lambda = Q::new(1, 2 + rng.below(8) as i64);
        let cp = match random_critical_with_decay(rng, &widths, &act, &lambda, samples, 2) {
            Ok(Some(cp)) => cp,
            Ok(None) => return Outcome::NotApplicable("no exact critical point of F was found for this draw".into()),
            Err(e) => return Outcome::NotApplicable(e.to_string()),
        };
        let neuron = rng.below(h);
        let op = match self.claim {
            Claim::NormPreserving | Claim::NonHomogeneous => {
                let p = 2 + rng.below(3) as i64;
                Op::Norm { neuron, c: NormSplit::pythagorean(p, 1 + rng.below(p as usize - 1) as i64) }
            }
            Claim::PlainSplit => Op::Plain { neuron, alpha: Q::new(1, 2) },
            Claim::ZeroNeuron | Claim::SigmaNonzero => Op::Zero,
        };
        let residuals = match distinct_residuals(&cp.params, &act, &cp.data) {
            Ok(r) => r,
            Err(e) => return Outcome::NotApplicable(e.to_string()),
        };
        let (ell, data) = match case_loss(rng, size.loss, Some(&residuals), &cp.data) {
            Ok(c) => c,
            Err(why) => return Outcome::NotApplicable(why.to_string()),
        };
        let net = Network { activation: Activation::Exact(act), params: cp.params };
        judge(&op, &net, (&data, &ell), &lambda, false).outcome(Evidence::CheckedExactly, || {
            json!({
                "network": network_to_json(&net),
                "data": data_and_loss_to_json(&data, &Loss::Exact(ell.clone())),
                "weight_decay": q_to_json(&lambda),
                "operation": op_json(&op),
            })
        })
    }
    fn recheck(&self, case: &Value) -> Result<Recheck, crate::theorem::CheckError> {
        let net = network(case, "network")?;
        let (d, ell) = data_and_loss(case, "data")?;
        let lambda = rational(field(case, "weight_decay")?, "weight_decay")?;
        let op = op_from_json(field(case, "operation")?, self.claim)?;
        if net.params.depth() != 2 {
            return Ok(Recheck::NotApplicable("the cases have one hidden layer".into()));
        }
        let Ok(act) = net.activation.exact() else { return Ok(Recheck::NotApplicable("σ is float only".into())) };
        // The hypotheses on σ: positively homogeneous for the split, smooth with σ(0) = 0 for the
        // zero neuron (the controls break them on purpose).
        let piecewise = matches!(act, ExactActivation::Piecewise(_));
        match self.claim {
            Claim::NormPreserving if !piecewise => {
                return Ok(Recheck::NotApplicable("σ is not positively homogeneous (ReLU, leaky ReLU)".into()))
            }
            Claim::ZeroNeuron if piecewise || act.value(&Q::zero()).map_or(true, |v| !v.is_zero()) => {
                return Ok(Recheck::NotApplicable("σ is not smooth with σ(0) = 0".into()))
            }
            _ => {}
        }
        if !evaluate(&net.params, act, &d)?.kinks.is_empty() {
            return Ok(Recheck::NotApplicable("a pre-activation of θ sits on the kink".into()));
        }
        // The hypothesis the generator guarantees: θ is critical for F (checked by forward mode).
        match objective_gradient(&net.params, act, (&d, &ell), &lambda, true) {
            Ok(g) if g.iter().all(Ring::is_zero) => {}
            Ok(_) => return Ok(Recheck::NotApplicable("the stored θ is not a critical point of F".into())),
            Err(e) => return Ok(Recheck::NotApplicable(e.to_string())),
        }
        Ok(judge(&op, &net, (&d, &ell), &lambda, true))
    }
    fn control_of(&self) -> Option<&'static str> {
        match self.claim {
            Claim::PlainSplit | Claim::NonHomogeneous => Some("width.split.weight_decay.norm_preserving"),
            Claim::SigmaNonzero => Some("width.null.weight_decay.zero_neuron"),
            _ => None,
        }
    }
}

const PROOF: &str = "derived (proofs/weight-decay-embeddings.md); weight decay is not treated in [P1]–[P2]";

fn entry(
    id: &'static str,
    statement: &'static str,
    source: &'static str,
    hypotheses: &'static str,
    claim: Claim,
) -> Box<dyn Theorem> {
    let meta = Meta {
        id,
        statement,
        source,
        hypotheses,
        widths: WIDTHS,
        // Every C¹ loss (proofs/weight-decay-embeddings.md): the loss of each case is drawn so
        // that the generated critical point of F stays critical (∇ℓ = r at its residuals).
        loss: crate::theorem::LossUse::Drawn,
        evidence: Evidence::CheckedExactly,
    };
    Box::new(Entry { meta, claim })
}

/// The weight-decay embedding theorems.
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![
        entry(
            "width.split.weight_decay.norm_preserving",
            "For σ positively homogeneous (ReLU, leaky ReLU), the norm-preserving split N^c (copies (c_j w, c_j b, c_j v), c₁² + c₂² = 1) sends a critical point of R_S + (λ/2)‖θ‖² to a critical point of the wide objective with the same value.",
            PROOF,
            "θ an exact critical point of R_S + (λ/2)‖θ‖² (ℓ drawn per case) off every kink; σ(ct) = cσ(t) for c > 0; one hidden layer; c from a Pythagorean triple",
            Claim::NormPreserving,
        ),
        entry(
            "width.null.weight_decay.zero_neuron",
            "Adding a neuron with zero incoming weights, bias and outgoing column keeps a critical point of R_S + (λ/2)‖θ‖² critical when σ(0) = 0.",
            PROOF,
            "θ an exact critical point of R_S + (λ/2)‖θ‖² (ℓ drawn per case); σ smooth with σ(0) = 0; one hidden layer",
            Claim::ZeroNeuron,
        ),
    ]
}

/// Their negative controls.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    let c = |id, statement, claim| entry(id, statement, "negative control", "none (deliberately wrong)", claim);
    vec![
        c(
            "width.split.weight_decay.control.plain_split",
            "Wrong: the plain split T^{1/2} keeps critical points of R_S + (λ/2)‖θ‖² critical.",
            Claim::PlainSplit,
        ),
        c(
            "width.split.weight_decay.control.non_homogeneous",
            "Wrong: the norm-preserving split keeps criticality under weight decay for σ(t) = t/(1 + t²).",
            Claim::NonHomogeneous,
        ),
        c(
            "width.null.weight_decay.control.sigma_zero_nonzero",
            "Wrong: a zero neuron keeps criticality under weight decay for σ(t) = (1 + t)/(1 + t²), σ(0) = 1.",
            Claim::SigmaNonzero,
        ),
    ]
}
