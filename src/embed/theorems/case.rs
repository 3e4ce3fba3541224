//! Generated cases for the width theorems: an exact network, a data set, fresh inputs and the
//! embedding operator, with their JSON form for certificates (contract network and data formats;
//! neurons 1-based as on the command line).

use crate::activation::{Activation, ExactActivation};
use crate::critical::{random_critical, random_params, CriticalKind};
use crate::data::Dataset;
use crate::embed::{Compatible, Condition2, Shape, Step};
use crate::io::case::{step_from_json, step_layer, step_neuron, step_to_json, stored_step, STEP_KEY};
use crate::io::{data_and_loss_to_json, network_to_json, parse_data_and_loss, parse_network, vector_to_json};
use crate::linalg::Matrix;
use crate::loss::{ExactLoss, Loss};
use crate::net::Network;
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::theorem::Size;
use serde_json::{json, Value};

/// The embedding a case applies (neurons 0-based here, 1-based in JSON).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    Split { layer: usize, neuron: usize, alpha: Q },
    Null { layer: usize, beta: Q },
    Steps(Vec<Step<Q>>),
    KNeuron { steps: Vec<(usize, usize)>, alphas: Vec<Q> },
    Compatible(Box<Compatible<Q>>),
}

/// One case: θ (with σ), S with its loss ℓ, fresh inputs for output checks, and the operator.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Case {
    pub net: Network<Q>,
    pub data: Dataset<Q>,
    pub fresh: Vec<Vec<Q>>,
    pub op: Op,
    /// ℓ (written in the data's `"loss"` key when it is not ½-MSE).
    pub loss: ExactLoss,
}

impl Case {
    pub fn act(&self) -> &ExactActivation {
        self.net.activation.exact().expect("width cases are exact")
    }
    pub fn shape(&self) -> Shape {
        Shape::of(&self.net.params)
    }
}

/// σ for exact cases: polynomials of degree ≤ 3, with σ(0) = 0 and σ(0) ≠ 0.
pub(crate) fn random_activation(rng: &mut Rng) -> Activation {
    let choices: [&[(i64, i64)]; 4] = [
        &[(0, 1), (1, 1), (1, 1)],
        &[(0, 1), (1, 1), (1, 2)],
        &[(1, 1), (1, 1), (1, 2)],
        &[(0, 1), (1, 1), (0, 1), (1, 1)],
    ];
    let c = choices[rng.below(choices.len())];
    Activation::poly(c.iter().map(|&(n, d)| Q::new(n, d)).collect())
}

/// Widths (m_0, …, m_L) with 2 ≤ L ≤ max_depth, hidden widths 1 … max_width, m_0, m_L ∈ {1, 2}.
pub(crate) fn random_widths(rng: &mut Rng, size: Size) -> Vec<usize> {
    let depth = 2 + rng.below(size.max_depth.max(2) - 1);
    let mut w = vec![1 + rng.below(2)];
    w.extend((1..depth).map(|_| 1 + rng.below(size.max_width.max(1))));
    w.push(1 + rng.below(2));
    w
}

pub(crate) fn random_inputs(rng: &mut Rng, m0: usize, n: usize) -> Vec<Vec<Q>> {
    (0..n).map(|_| (0..m0).map(|_| rng.small_q(2, 2)).collect()).collect()
}

/// A network, its data set and fresh inputs.
pub(crate) type NetData = (Network<Q>, Dataset<Q>, Vec<Vec<Q>>);

/// A random (generally non-critical) network with random targets.
pub(crate) fn random_net(rng: &mut Rng, size: Size) -> NetData {
    let activation = random_activation(rng);
    let w = random_widths(rng, size);
    let params = random_params(rng, &w, size.max_height.max(1));
    let n = 1 + rng.below(3);
    let inputs = random_inputs(rng, w[0], n);
    let targets = random_inputs(rng, w[w.len() - 1], n);
    let fresh = random_inputs(rng, w[0], 6);
    (Network { activation, params }, Dataset::new(inputs, targets).expect("shapes fit"), fresh)
}

/// A random exact critical point (any kind), or the reason none was built.
pub(crate) fn critical_net(rng: &mut Rng, size: Size) -> Result<NetData, crate::theorem::Inapplicable> {
    let activation = random_activation(rng);
    let w = random_widths(rng, size);
    let kind = CriticalKind::ALL[rng.below(CriticalKind::ALL.len())];
    let m = Shape::with_biases(&w).expect("widths ≥ 1").num_params();
    let n = m / w[w.len() - 1] + 1 + rng.below(2);
    let act = activation.exact().expect("exact");
    let cp = random_critical(rng, &w, act, kind, n, size.max_height.clamp(1, 2))?
        .ok_or_else(|| format!("no {} critical point for widths {w:?}", kind.name()))?;
    let fresh = random_inputs(rng, w[0], 6);
    Ok((Network { activation, params: cp.params }, cp.data, fresh))
}

fn matrix_json(m: &Matrix<Q>) -> Value {
    Value::Array(m.to_rows().iter().map(|r| vector_to_json(r)).collect())
}

impl Op {
    pub fn to_json(&self) -> Value {
        match self {
            Op::Split { layer, neuron, alpha } => {
                step_to_json(&Step::Split { layer: *layer, neuron: *neuron, alpha: alpha.clone() })
            }
            Op::Null { layer, beta } => step_to_json(&Step::Null { layer: *layer, beta: beta.clone() }),
            Op::Steps(steps) => json!({"steps": steps.iter().map(step_to_json).collect::<Vec<_>>()}),
            Op::KNeuron { steps, alphas } => json!({"k_neuron": {
                "splits": steps.iter().map(|(l, s)| json!({"layer": l, "neuron": s + 1})).collect::<Vec<_>>(),
                "alphas": vector_to_json(alphas)}}),
            Op::Compatible(c) => json!({"compatible": {
                "index": c.index, "alpha": c.alpha.iter().map(matrix_json).collect::<Vec<_>>(),
                "alpha_b": c.alpha_b.iter().map(|v| vector_to_json(v)).collect::<Vec<_>>(),
                "beta": c.beta.iter().map(|v| vector_to_json(v)).collect::<Vec<_>>(),
                "effective_bias": c.effective_bias.iter().map(|v| vector_to_json(v)).collect::<Vec<_>>(),
                "constants": c.constants.iter().map(|v| vector_to_json(v)).collect::<Vec<_>>(),
                "reading": match c.reading { Condition2::Literal => "literal", Condition2::Compensated => "compensated" }}}),
        }
    }
}

impl Case {
    /// The case as JSON: network, data, fresh inputs and operator (neurons 1-based).
    pub fn to_json(&self) -> Value {
        let inputs: Vec<Value> = self.fresh.iter().map(|x| vector_to_json(x)).collect();
        let data = data_and_loss_to_json(&self.data, &Loss::Exact(self.loss.clone()));
        json!({"network": network_to_json(&self.net), "data": data, "fresh_inputs": inputs, STEP_KEY: self.op.to_json()})
    }

    /// The case [`Case::to_json`] wrote (`fresh_inputs` may be absent: no fresh inputs).
    pub fn from_json(v: &Value) -> Result<Case, crate::theorem::CheckError> {
        let get = |k: &str| v.get(k).ok_or_else(|| format!("case: missing `{k}`"));
        let net = parse_network(&get("network")?.to_string(), "certificate")?;
        let (data, loss) = parse_data_and_loss(&get("data")?.to_string(), "certificate")?;
        let loss = match loss {
            None => ExactLoss::Mse,
            Some(Loss::Exact(l)) => l,
            Some(other) => return Err(format!("case: the loss {} is float only", other.to_json()).into()),
        };
        let fresh = match v.get("fresh_inputs") {
            None => Vec::new(),
            Some(f) => f.as_array().ok_or("fresh_inputs: not an array")?.iter().map(qvec).collect::<Result<_, _>>()?,
        };
        let mut op = op_from_json(stored_step(v).ok_or("case: missing `operator`")?)?;
        if let Op::Compatible(c) = &mut op {
            c.narrow = Shape::of(&net.params);
            compatible_shapes(c)?;
        }
        Ok(Case { net, data, fresh, op, loss })
    }
}

/// The shapes of a stored compatible embedding fit its narrow network (biases in every layer,
/// I_0 … I_L into 1 … m_l or 0, β, b*, c one entry per wide neuron, α^\[l\] m'_l × m'_{l−1}),
/// so that its maps can be built; Conditions 1–2 are the claims' business.
fn compatible_shapes(c: &Compatible<Q>) -> Result<(), crate::theorem::CheckError> {
    let (n, depth) = (&c.narrow, c.narrow.depth());
    let bad = |what: String| Err(format!("operator.compatible: {what}").into());
    if (1..=depth).any(|l| !n.has_bias(l)) {
        return bad("the network needs a bias in every layer".into());
    }
    if c.index.len() != depth + 1 || c.alpha.len() != depth || c.alpha_b.len() != depth {
        return bad(format!("needs I_0 … I_L and α^[1] … α^[L] for L = {depth}"));
    }
    if [&c.beta, &c.effective_bias, &c.constants].iter().any(|v| v.len() != depth + 1) {
        return bad(format!("β, b* and c need L + 1 = {} layers", depth + 1));
    }
    for l in 0..=depth {
        let (idx, m) = (&c.index[l], n.widths()[l]);
        if idx.is_empty() || idx.iter().any(|&v| v > m) {
            return bad(format!("I_{l} must map into 1 … {m} (0 for null neurons)"));
        }
        if [&c.beta[l], &c.effective_bias[l], &c.constants[l]].iter().any(|v| v.len() != idx.len()) {
            return bad(format!("layer {l}: β, b* and c need {} entries", idx.len()));
        }
        if l >= 1 {
            let (a, ab) = (&c.alpha[l - 1], &c.alpha_b[l - 1]);
            if a.rows() != idx.len() || a.cols() != c.index[l - 1].len() || ab.len() != idx.len() {
                return bad(format!("layer {l}: α must be {} × {}", idx.len(), c.index[l - 1].len()));
            }
        }
    }
    Ok(())
}

fn q(v: &Value) -> Result<Q, crate::theorem::CheckError> {
    crate::io::number(v, "certificate", "operator").map_err(Into::into)
}
fn qvec(v: &Value) -> Result<Vec<Q>, crate::theorem::CheckError> {
    v.as_array().ok_or("expected an array of numbers")?.iter().map(q).collect()
}
fn qmat(v: &Value) -> Result<Matrix<Q>, crate::theorem::CheckError> {
    let rows: Vec<Vec<Q>> = v.as_array().ok_or("expected a matrix")?.iter().map(qvec).collect::<Result<_, _>>()?;
    let cols = rows.first().map_or(0, Vec::len);
    if rows.iter().any(|r| r.len() != cols) {
        return Err("ragged matrix".into());
    }
    Ok(Matrix::from_rows(rows, cols))
}
fn op_from_json(v: &Value) -> Result<Op, crate::theorem::CheckError> {
    if let Some(steps) = v.get("steps") {
        let steps =
            steps.as_array().ok_or("steps: not an array")?.iter().map(step_from_json).collect::<Result<_, _>>()?;
        return Ok(Op::Steps(steps));
    }
    if let Some(k) = v.get("k_neuron") {
        let splits = k.get("splits").and_then(Value::as_array).ok_or("k_neuron: missing splits")?;
        let steps = splits
            .iter()
            .map(|s| Ok((step_layer(s)?, step_neuron(s)?)))
            .collect::<Result<_, crate::theorem::CheckError>>()?;
        return Ok(Op::KNeuron { steps, alphas: qvec(k.get("alphas").ok_or("k_neuron: missing alphas")?)? });
    }
    if let Some(c) = v.get("compatible") {
        let f = |k: &str| c.get(k).ok_or_else(|| format!("compatible: missing `{k}`"));
        let vecs = |k: &str| -> Result<Vec<Vec<Q>>, crate::theorem::CheckError> {
            f(k)?.as_array().ok_or("not an array")?.iter().map(qvec).collect()
        };
        let index: Vec<Vec<usize>> = serde_json::from_value(f("index")?.clone())
            .map_err(|e| crate::theorem::CheckError::Malformed(e.to_string()))?;
        // The narrow shape is the network's; `Case::from_json` sets it.
        let narrow = Shape::with_biases(&[1, 1]).expect("placeholder");
        let reading = match f("reading")?.as_str() {
            Some("literal") => Condition2::Literal,
            Some("compensated") => Condition2::Compensated,
            _ => return Err("compatible: reading must be `literal` or `compensated`".into()),
        };
        let alpha = f("alpha")?.as_array().ok_or("alpha: not an array")?.iter().map(qmat).collect::<Result<_, _>>()?;
        let comp = Compatible {
            narrow,
            index,
            alpha,
            alpha_b: vecs("alpha_b")?,
            beta: vecs("beta")?,
            effective_bias: vecs("effective_bias")?,
            constants: vecs("constants")?,
            reading,
        };
        return Ok(Op::Compatible(Box::new(comp)));
    }
    match step_from_json(v)? {
        Step::Split { layer, neuron, alpha } => Ok(Op::Split { layer, neuron, alpha }),
        Step::Null { layer, beta } => Ok(Op::Null { layer, beta }),
    }
}

/// A random α: one of the special values 0, 1, 1/2, 2, −1/3 or a small random rational.
pub(crate) fn random_alpha(rng: &mut Rng) -> Q {
    match rng.below(6) {
        0 => Q::zero(),
        1 => Q::one(),
        2 => Q::new(1, 2),
        3 => Q::int(2),
        4 => Q::new(-1, 3),
        _ => rng.small_q(3, 3),
    }
}
