//! The cases of the `symmetry.*` checks as JSON and back, for certificates and
//! [`Theorem::recheck`](crate::theorem::Theorem::recheck): every number a check uses is stored
//! (σ, data, teacher, points, maps, splitting weights) and read back, and the hypotheses its
//! generator guarantees (a point on Γ_C, teacher targets, an exactly critical base point with
//! E\[δ\] ≠ 0) are checked on the stored numbers before judging again.

use crate::activation::{Activation, ExactActivation};
use crate::data::Dataset;
use crate::io::{activation_to_json, data_and_loss_to_json, data_to_json, vector_to_json};
use crate::loss::{ExactLoss, Loss, LossFn};
use crate::net::EvalError;
use crate::scalar::{Field, Ring, Q};
use crate::symmetry::lifting::{as_lift_map, lift, Saddle};
use crate::symmetry::shallow::{teacher_data, Shallow, ShallowEval};
use crate::symmetry::Configuration;
use crate::theorem::stored::{data, data_and_loss, exact_activation, field, indices, rationals};
use serde_json::{json, Value};

/// σ in the network format's notation.
pub(crate) fn sigma_json(sigma: &ExactActivation) -> Value {
    activation_to_json(&Activation::Exact(sigma.clone()))
}

/// A two-layer network as its flat vector (w_1, …, w_m, a_1, …, a_m).
pub(crate) fn shallow_json(net: &Shallow) -> Value {
    vector_to_json(&net.flatten())
}

/// A flat (w_1, …, w_m, a_1, …, a_m) on inputs of dimension `d`.
pub(crate) fn read_shallow(v: &Value, place: &str, d: usize) -> Result<Shallow, crate::theorem::CheckError> {
    let flat = rationals(v, place)?;
    if d == 0 || flat.is_empty() || flat.len() % (d + 1) != 0 {
        return Err(format!("`{place}`: {} numbers is not m(d + 1) for d = {d}", flat.len()).into());
    }
    Ok(Shallow::from_flat(&flat, flat.len() / (d + 1), d))
}

/// Reads a configuration written by its `Display` (`{1,2}→w*1 {3}→0`).
pub(crate) fn parse_config(s: &str) -> Result<Configuration, crate::theorem::CheckError> {
    let bad = || format!("`config`: cannot read \"{s}\" (expected blocks like {{1,2}}→w*1 {{3}}→0)");
    let (mut blocks, mut labels) = (Vec::new(), Vec::new());
    for part in s.split_whitespace() {
        let (block, label) = part.split_once('→').ok_or_else(bad)?;
        let inner = block.strip_prefix('{').and_then(|b| b.strip_suffix('}')).ok_or_else(bad)?;
        let b: Vec<usize> = inner
            .split(',')
            .map(|k| k.parse::<usize>().ok().and_then(|k| k.checked_sub(1)).ok_or_else(bad))
            .collect::<Result<_, _>>()?;
        let l = match label {
            "0" => None,
            t => Some(
                t.strip_prefix("w*")
                    .and_then(|k| k.parse::<usize>().ok())
                    .and_then(|k| k.checked_sub(1))
                    .ok_or_else(bad)?,
            ),
        };
        blocks.push(b);
        labels.push(l);
    }
    Ok(Configuration { blocks, labels })
}

/// A point of (or near) an expansion manifold: configuration C, student θ, teacher, teacher
/// data and σ.
pub(crate) struct ManifoldCase {
    pub config: Configuration,
    pub point: Shallow,
    pub teacher: Shallow,
    pub data: Dataset<Q>,
    pub sigma: ExactActivation,
}

impl ManifoldCase {
    /// The case as JSON.
    pub(crate) fn to_json(&self) -> Value {
        json!({"config": self.config.to_string(), "point": shallow_json(&self.point),
               "teacher": shallow_json(&self.teacher), "activation": sigma_json(&self.sigma),
               "data": data_to_json(&self.data)})
    }

    /// Reads a stored case: the outer error when a field is malformed, the inner one when the
    /// configuration is not one of (r, m) or the targets are not the teacher's outputs.
    pub(crate) fn read(v: &Value) -> crate::theorem::stored::Read<ManifoldCase> {
        let data = data(v, "data")?;
        let d = data.inputs()[0].len();
        let sigma = exact_activation(field(v, "activation")?, "activation")?;
        let point = read_shallow(field(v, "point")?, "point", d)?;
        let teacher = read_shallow(field(v, "teacher")?, "teacher", d)?;
        let config = parse_config(field(v, "config")?.as_str().ok_or("`config`: expected a string")?)?;
        if !config.is_valid(teacher.width(), point.width()) {
            return Ok(Err(format!(
                "`config` is not a configuration of r = {}, m = {}",
                teacher.width(),
                point.width()
            )
            .into()));
        }
        match teacher_data(&teacher, &sigma, data.inputs().to_vec()) {
            Ok(t) if t == data => {}
            Ok(_) => return Ok(Err("the targets are not the teacher's outputs".into())),
            Err(e) => return Ok(Err(e.into())),
        }
        Ok(Ok(ManifoldCase { config, point, teacher, data, sigma }))
    }

    /// Whether θ satisfies the equations of Γ_C: w_j = w*_i and Σ_B a = a*_i on a block B
    /// duplicating teacher neuron i; Σ_Z a = 0 on a zero-type block Z, with equal incoming
    /// vectors unless `free_zero_vectors` (the wrong reading of the control).
    pub(crate) fn on_manifold(&self, free_zero_vectors: bool) -> bool {
        let (p, t) = (&self.point, &self.teacher);
        self.config.blocks.iter().zip(&self.config.labels).all(|(b, l)| {
            let sum = b.iter().fold(Q::zero(), |s, &j| s.add(&p.a[j]));
            match l {
                Some(i) => b.iter().all(|&j| p.w[j] == t.w[*i]) && sum == t.a[*i],
                None => sum.is_zero() && (free_zero_vectors || b.iter().all(|&j| p.w[j] == p.w[b[0]])),
            }
        })
    }
}

/// What a lifting case stores beyond the base point, σ and the data.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum LiftParts {
    /// The surjection π and the splitting weights β (lifting claims).
    Map,
    /// Nothing else (null-neuron claims).
    BaseOnly,
}

/// A random lifting case: an exact saddle of width r ≤ 2 on Q^d (d ≤ 2), a surjection π onto it
/// from m ≤ r + 2 neurons, and splitting weights β.
pub(crate) struct LiftCase {
    pub saddle: Saddle,
    pub sigma: ExactActivation,
    pub pi: Vec<usize>,
    pub beta: Vec<Q>,
    /// ℓ (for a critical base point one with ∇ℓ = δ at its residuals, [`crate::loss::draw`]).
    pub loss: ExactLoss,
}

impl LiftCase {
    /// The lift of the base point along π with β (`None` when π, β do not define one).
    pub(crate) fn lifted(&self) -> Option<Shallow> {
        lift(&self.saddle.net, &as_lift_map(&self.pi), &self.beta).ok()
    }

    /// Outputs, R_S and ∇R_S of `net` on the case's data for its loss.
    pub(crate) fn eval(&self, net: &Shallow) -> Result<ShallowEval, EvalError> {
        net.evaluate_with(&self.sigma, &self.loss, &self.saddle.data)
    }

    /// E\[∂ℓ/∂f\] over the samples at the base point (for ½-MSE the mean residual E\[δ\]): a null
    /// neuron's ∂R/∂a is σ(0) times it.
    pub(crate) fn mean_loss_gradient(&self) -> Result<Q, EvalError> {
        let out = self.eval(&self.saddle.net)?.outputs;
        let sum = out
            .iter()
            .zip(self.saddle.data.targets())
            .fold(Q::zero(), |s, (f, y)| s.add(&self.loss.gradient(std::slice::from_ref(f), y)[0]));
        Ok(sum.div(&Q::int(out.len() as i64)).expect("n ≥ 1"))
    }
}

impl LiftCase {
    /// The case as JSON: σ, data, base point, and π (1-based) and β when `parts` says so.
    pub(crate) fn to_json(&self, parts: LiftParts) -> Value {
        let data = data_and_loss_to_json(&self.saddle.data, &Loss::Exact(self.loss.clone()));
        let mut v = json!({"activation": sigma_json(&self.sigma), "data": data,
                           "base": shallow_json(&self.saddle.net)});
        if parts == LiftParts::Map {
            let o = v.as_object_mut().expect("an object");
            o.insert("pi".into(), json!(self.pi.iter().map(|i| i + 1).collect::<Vec<_>>()));
            o.insert("beta".into(), vector_to_json(&self.beta));
        }
        v
    }

    /// Reads a stored lifting case (residual δ = f − y recomputed; π 0-based).
    pub(crate) fn read(v: &Value, parts: LiftParts) -> crate::theorem::stored::Read<LiftCase> {
        let (data, loss) = data_and_loss(v, "data")?;
        let d = data.inputs()[0].len();
        let sigma = exact_activation(field(v, "activation")?, "activation")?;
        let net = read_shallow(field(v, "base")?, "base", d)?;
        let (pi, beta) = match parts {
            LiftParts::Map => {
                let pi = indices(field(v, "pi")?, "pi")?;
                if pi.iter().any(|&i| i == 0 || i > net.width()) {
                    return Err(format!("`pi`: neurons of the base point are numbered 1 ..= {}", net.width()).into());
                }
                (pi.into_iter().map(|i| i - 1).collect(), rationals(field(v, "beta")?, "beta")?)
            }
            LiftParts::BaseOnly => (Vec::new(), Vec::new()),
        };
        let outputs = match net.evaluate(&sigma, &data) {
            Ok(e) => e.outputs,
            Err(e) => return Ok(Err(e.into())),
        };
        let residual = outputs.iter().zip(data.targets()).map(|(f, y)| f.sub(&y[0])).collect();
        Ok(Ok(LiftCase { saddle: Saddle { net, data, residual }, sigma, pi, beta, loss }))
    }

    /// Whether the base point is exactly critical for the case's loss (`Err` when it cannot be evaluated).
    pub(crate) fn base_is_critical(&self) -> Result<bool, crate::theorem::Inapplicable> {
        Ok(self.eval(&self.saddle.net)?.is_critical())
    }
}
