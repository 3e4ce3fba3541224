//! Generators of exact critical points (width-depth spec §2.6, "Test-generation recipe").

use super::output_jacobian;
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::embed::{Shape, Split};
use crate::linalg::{left_null_space, Matrix};
use crate::net::{evaluate, outputs, EvalError, Layer, Params};
use crate::rng::Rng;
use crate::scalar::{Ring, Q};

/// Which kind of exact critical point to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CriticalKind {
    /// Targets are the network's own outputs: zero loss.
    TeacherRealizable,
    /// Residuals form a nonzero vector of the left null space of J: positive loss.
    NonzeroLoss,
    /// Nonzero loss on a network where one hidden neuron has a zero outgoing column.
    ZeroOutgoing,
    /// Nonzero loss on a network with two hidden neurons with identical incoming weights.
    RepeatedNeuron,
}

impl CriticalKind {
    /// All kinds, in a fixed order.
    pub const ALL: [CriticalKind; 4] = [
        CriticalKind::TeacherRealizable,
        CriticalKind::NonzeroLoss,
        CriticalKind::ZeroOutgoing,
        CriticalKind::RepeatedNeuron,
    ];

    /// The command-line name: `teacher`, `nonzero-loss`, `zero-outgoing`, `repeated-neuron`.
    pub fn name(&self) -> &'static str {
        match self {
            CriticalKind::TeacherRealizable => "teacher",
            CriticalKind::NonzeroLoss => "nonzero-loss",
            CriticalKind::ZeroOutgoing => "zero-outgoing",
            CriticalKind::RepeatedNeuron => "repeated-neuron",
        }
    }

    /// The kind with this command-line name.
    pub fn parse(s: &str) -> Option<CriticalKind> {
        CriticalKind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// A network and a data set at which the network is an exact critical point.
#[derive(Clone, Debug, PartialEq)]
pub struct CriticalPoint {
    /// θ.
    pub params: Params<Q>,
    /// S, with targets built so that ∇R_S(θ) = 0.
    pub data: Dataset<Q>,
}

impl CriticalPoint {
    /// Whether `evaluate` gives an exactly zero gradient with no kinks (the proof of criticality).
    ///
    /// # Errors
    /// [`EvalError`] from the evaluation.
    pub fn verify(&self, act: &ExactActivation) -> Result<bool, EvalError> {
        let e = evaluate(&self.params, act, &self.data)?;
        Ok(e.gradient_is_zero() && e.kinks.is_empty())
    }
}

/// Random rational parameters of widths (m_0, …, m_L), with biases, entries p/q with
/// |p| ≤ `height` and 1 ≤ q ≤ 2.
///
/// # Panics
/// If fewer than two widths are given or a width is 0 (internal callers only).
pub fn random_params(rng: &mut Rng, widths: &[usize], height: i64) -> Params<Q> {
    let layers = widths
        .windows(2)
        .map(|w| Layer {
            weight: Matrix::from_vec(w[1], w[0], (0..w[0] * w[1]).map(|_| rng.small_q(height, 2)).collect()),
            bias: Some((0..w[1]).map(|_| rng.small_q(height, 2)).collect()),
        })
        .collect();
    Params::new(layers).expect("random_params: widths chain")
}

/// Targets y_i = f(x_i) − r_i with r a nonzero vector of the left null space of J (chosen by
/// `rng`), or `None` when J has full row rank (then only zero residuals are critical: use more
/// samples, n·m_L > rank J).
///
/// # Errors
/// [`EvalError::Pole`] at a pole of σ.
pub fn nonzero_loss_targets(
    params: &Params<Q>,
    act: &ExactActivation,
    inputs: &[Vec<Q>],
    rng: &mut Rng,
) -> Result<Option<Vec<Vec<Q>>>, EvalError> {
    let j = output_jacobian(params, act, inputs)?;
    let basis = left_null_space(&j);
    if basis.is_empty() {
        return Ok(None);
    }
    let r = &basis[rng.below(basis.len())];
    let scale = rng.small_nonzero_q(2, 2);
    let m_out = params.widths()[params.depth()];
    let mut targets = Vec::with_capacity(inputs.len());
    for (i, x) in inputs.iter().enumerate() {
        let f = outputs(params, act, x, i + 1)?;
        targets.push(f.iter().enumerate().map(|(k, fk)| fk.sub(&scale.mul(&r[i * m_out + k]))).collect());
    }
    Ok(Some(targets))
}

/// Draws for a kink-free point of a piecewise-linear σ before [`random_critical`] gives up.
pub const KINK_FREE_TRIES: usize = 50;

/// A random exact critical point of `kind` with widths `widths`, `samples` inputs and entries of
/// height ≤ `height`; `None` when the Jacobian leaves no room for a nonzero residual (too few
/// samples) or the kind needs a hidden layer the widths do not have.
///
/// For a piecewise-linear σ (ReLU, leaky ReLU) the point is redrawn until no pre-activation sits
/// on the kink (at most [`KINK_FREE_TRIES`] draws, else `None`): the construction makes the
/// gradient vanish with σ'(0) = 0, which at a kink is a convention, not a derivative, so a kink
/// point it produced need not be critical (`proofs/kink-stationarity.md`). Polynomial and
/// rational σ take the first draw, as before.
///
/// # Errors
/// [`EvalError::Pole`] at a pole of σ.
pub fn random_critical(
    rng: &mut Rng,
    widths: &[usize],
    act: &ExactActivation,
    kind: CriticalKind,
    samples: usize,
    height: i64,
) -> Result<Option<CriticalPoint>, EvalError> {
    let piecewise = matches!(act, ExactActivation::Piecewise(p) if !p.is_identity());
    for _ in 0..if piecewise { KINK_FREE_TRIES } else { 1 } {
        let Some(cp) = random_critical_draw(rng, widths, act, kind, samples, height)? else { return Ok(None) };
        if !piecewise || evaluate(&cp.params, act, &cp.data)?.kinks.is_empty() {
            return Ok(Some(cp));
        }
    }
    Ok(None)
}

fn random_critical_draw(
    rng: &mut Rng,
    widths: &[usize],
    act: &ExactActivation,
    kind: CriticalKind,
    samples: usize,
    height: i64,
) -> Result<Option<CriticalPoint>, EvalError> {
    let depth = widths.len() - 1;
    let mut params = random_params(rng, widths, height);
    match kind {
        CriticalKind::ZeroOutgoing if depth >= 2 => {
            let l = 1 + rng.below(depth - 1);
            let s = rng.below(widths[l]);
            for i in 0..widths[l + 1] {
                params.layer_mut(l + 1).weight.set(i, s, Q::zero());
            }
        }
        CriticalKind::RepeatedNeuron => {
            let Some(l) = (1..depth).find(|&l| widths[l] >= 2) else { return Ok(None) };
            let mut narrow = widths.to_vec();
            narrow[l] -= 1;
            let small = random_params(rng, &narrow, height);
            let split = Split::new(&Shape::of(&small), l, rng.below(narrow[l]), rng.small_q(2, 2))
                .expect("neuron drawn in range");
            params = split.apply(&small).expect("shape of `small`");
        }
        CriticalKind::ZeroOutgoing => return Ok(None),
        _ => {}
    }
    let inputs: Vec<Vec<Q>> = (0..samples).map(|_| (0..widths[0]).map(|_| rng.small_q(2, 2)).collect()).collect();
    let targets = match kind {
        CriticalKind::TeacherRealizable => {
            inputs.iter().enumerate().map(|(i, x)| outputs(&params, act, x, i + 1)).collect::<Result<_, _>>()?
        }
        _ => match nonzero_loss_targets(&params, act, &inputs, rng)? {
            Some(t) => t,
            None => return Ok(None),
        },
    };
    let data = Dataset::new(inputs, targets).expect("generated shapes fit");
    Ok(Some(CriticalPoint { params, data }))
}
