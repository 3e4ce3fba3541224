//! Full-batch gradient descent in f64 with the loss and each hidden layer's MPC recorded: the
//! machinery of the float reproductions of \[P3\] Fig. 3 and Fig. 6 (`examples/p3_*.rs`, spec
//! width-depth §5, E6 and E9), plus the float merge of nearly linear layers.
//!
//! Everything here is *within tolerance*, not exact: the loss and gradient are
//! [`evaluate_f64`]'s (½-MSE averaged over the samples, forward and backward in f64, relative
//! error of order m·u per layer with u = 2⁻⁵³), and MPC is \[P3\] Eq. 1 computed by
//! [`crate::depth::mpc::mpc`] over f64. The experiments compare quantities that differ by orders
//! of magnitude more than that rounding (MPC thresholds 0.99, loss ratios of a few percent).

use crate::activation::Activation;
use crate::data::Dataset;
use crate::depth::mpc::{mpc, rho2, NeuronMpc};
use crate::depth::psi_with;
use crate::linalg::Matrix;
use crate::net::{evaluate_f64, forward, EvalError, Layer, Params};
use crate::rng::Rng;

/// One recorded point of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Gradient-descent step (the parameters before the update of that step).
    pub step: usize,
    /// R_S on the data the run is using at that step.
    pub loss: f64,
    /// ‖∇R_S‖₂.
    pub grad_norm: f64,
    /// MPC of each hidden layer (\[P3\] Eq. 1: min_j |ρ_j|), `None` when every neuron of the
    /// layer is constant on the data.
    pub mpc: Vec<Option<f64>>,
}

/// A uniform number in \[0, 1) from 53 random bits.
pub fn uniform(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A standard normal number (Box–Muller on two [`uniform`] draws).
pub fn normal(rng: &mut Rng) -> f64 {
    let u = 1.0 - uniform(rng); // in (0, 1], so ln u is finite
    let v = uniform(rng);
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// A fully connected network of the given widths with every weight and bias drawn from
/// N(0, std²) (\[P3\] App. C: "initialization variance"), in the order layer 1 weights
/// row by row, layer 1 biases, layer 2 weights, …
///
/// # Panics
/// If fewer than two widths are given (an internal invariant of the experiments).
pub fn gaussian_init(widths: &[usize], std: f64, rng: &mut Rng) -> Params<f64> {
    assert!(widths.len() >= 2, "a network has an input and an output layer");
    let layers = widths
        .windows(2)
        .map(|w| {
            let rows = (0..w[1]).map(|_| (0..w[0]).map(|_| std * normal(rng)).collect()).collect();
            let bias = (0..w[1]).map(|_| std * normal(rng)).collect();
            Layer { weight: Matrix::from_rows(rows, w[0]), bias: Some(bias) }
        })
        .collect();
    Params::new(layers).expect("consecutive widths chain")
}

/// MPC of every hidden layer of θ on the inputs (f64 path of [`mpc`]), as min_j |ρ_j| (the
/// square root of min ρ²).
///
/// # Errors
/// [`EvalError`] as [`mpc`].
pub fn layer_mpc(params: &Params<f64>, act: &Activation, inputs: &[Vec<f64>]) -> Result<Vec<Option<f64>>, EvalError> {
    Ok(mpc(params, act, inputs)?.into_iter().map(|l| l.min_rho2.map(f64::sqrt)).collect())
}

/// `steps` steps of full-batch gradient descent θ ← θ − lr ∇R_S(θ) on `data`, recording a
/// [`Record`] every `every` steps (step numbers continue from `start`) and once more after the
/// last update. Returns the records; θ is updated in place.
///
/// # Errors
/// [`EvalError`] if the data do not fit θ (σ = tanh has no pole).
pub fn descend(
    theta: &mut Params<f64>,
    act: &Activation,
    data: &Dataset<f64>,
    lr: f64,
    steps: usize,
    every: usize,
    start: usize,
) -> Result<Vec<Record>, EvalError> {
    let mut records = Vec::new();
    for step in 0..=steps {
        let e = evaluate_f64(theta, act, data)?;
        let g = e.gradient.flatten();
        if step % every.max(1) == 0 || step == steps {
            let grad_norm = g.iter().map(|v| v * v).sum::<f64>().sqrt();
            let mpc = layer_mpc(theta, act, data.inputs())?;
            records.push(Record { step: start + step, loss: e.loss, grad_norm, mpc });
        }
        if step < steps {
            let flat: Vec<f64> = theta.flatten().iter().zip(&g).map(|(t, gi)| t - lr * gi).collect();
            *theta = theta.with_flat(&flat);
        }
    }
    Ok(records)
}

/// The first recorded step at or after `from` whose loss is below `level` (the end of a
/// stagnation at a loss above `level`), if any.
pub fn first_below(records: &[Record], from: usize, level: f64) -> Option<usize> {
    records.iter().find(|r| r.step >= from && r.loss < level).map(|r| r.step)
}

/// The regression line of σ(p) on p of each neuron of hidden layer k (1-based) over the inputs:
/// λ_j = cov(p_j, σ(p_j)) / var(p_j), μ_j = mean σ(p_j) − λ_j mean p_j (λ_j = 0, μ_j = σ(p_j)
/// for a neuron constant on the data). When |ρ_j| = 1 the neuron *is* this line on the data.
///
/// # Errors
/// [`EvalError`] as [`forward`].
///
/// # Panics
/// If k is not a hidden layer (internal invariant).
pub fn regression_lines(
    params: &Params<f64>,
    act: &Activation,
    inputs: &[Vec<f64>],
    k: usize,
) -> Result<(Vec<f64>, Vec<f64>), EvalError> {
    assert!(k >= 1 && k < params.depth(), "k is a hidden layer");
    let traces =
        inputs.iter().enumerate().map(|(i, x)| forward(params, act, x, i + 1)).collect::<Result<Vec<_>, _>>()?;
    let n = inputs.len() as f64;
    let (mut lambda, mut mu) = (Vec::new(), Vec::new());
    for j in 0..params.layer(k).width() {
        let p: Vec<f64> = traces.iter().map(|t| t.pre[k][j]).collect();
        let s: Vec<f64> = traces.iter().map(|t| t.f[k][j]).collect();
        let (pm, sm) = (p.iter().sum::<f64>() / n, s.iter().sum::<f64>() / n);
        let (mut cov, mut var) = (0.0, 0.0);
        for (pi, si) in p.iter().zip(&s) {
            cov += (pi - pm) * (si - sm);
            var += (pi - pm) * (pi - pm);
        }
        let l = if matches!(rho2(&p, &s), NeuronMpc::ConstantPre) { 0.0 } else { cov / var };
        lambda.push(l);
        mu.push(sm - l * pm);
    }
    Ok((lambda, mu))
}

/// Merges the hidden layers `layers` (1-based) of θ into the layers above by multiplying weights
/// (\[P3\] §4, the map Ψ of [`psi_with`]), each neuron replaced by its [`regression_lines`] on the
/// inputs. The lines are taken from θ itself and the layers are merged from the highest index
/// down, so every merge uses pre-activations that the earlier merges did not change. On the data
/// the merged network's output differs from θ's only by the neurons' deviation from their lines,
/// which is small exactly when their MPC is close to 1.
///
/// # Errors
/// [`EvalError`] as [`forward`].
///
/// # Panics
/// If a layer in `layers` is not hidden.
pub fn merge_linearized(
    params: &Params<f64>,
    act: &Activation,
    inputs: &[Vec<f64>],
    layers: &[usize],
) -> Result<Params<f64>, EvalError> {
    let mut order = layers.to_vec();
    order.sort_unstable_by(|a, b| b.cmp(a));
    order.dedup();
    let lines = order.iter().map(|&k| regression_lines(params, act, inputs, k)).collect::<Result<Vec<_>, _>>()?;
    let mut merged = params.clone();
    for (&k, (lambda, mu)) in order.iter().zip(&lines) {
        merged = psi_with(&merged, k, lambda, mu);
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::FloatActivation;

    #[test]
    fn merging_an_exactly_linear_layer_keeps_outputs() {
        // Identity activation: every neuron is its own regression line (λ = 1, μ = 0 up to
        // rounding of a few ulps), so merging any hidden layer keeps the outputs to ~1e-15.
        let id = Activation::poly(vec![crate::scalar::Q::int(0), crate::scalar::Q::int(1)]);
        let mut rng = Rng::new(3);
        let theta = gaussian_init(&[1, 3, 3, 1], 1.0, &mut rng);
        let inputs: Vec<Vec<f64>> = (0..5).map(|i| vec![f64::from(i) - 2.0]).collect();
        let merged = merge_linearized(&theta, &id, &inputs, &[1, 2]).unwrap();
        assert_eq!(merged.widths(), vec![1, 1]);
        for (i, x) in inputs.iter().enumerate() {
            let a = crate::net::outputs(&theta, &id, x, i + 1).unwrap()[0];
            let b = crate::net::outputs(&merged, &id, x, i + 1).unwrap()[0];
            assert!((a - b).abs() < 1e-12 * (1.0 + a.abs()), "{a} vs {b}");
        }
        let tanh = Activation::Float(FloatActivation::Tanh);
        let mpc = layer_mpc(&theta, &tanh, &inputs).unwrap();
        assert_eq!(mpc.len(), 2);
    }
}
