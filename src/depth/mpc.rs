//! Layer linearization measured by \[P3\]'s Eq. 1: MPC_l = min_j |ρ(σ(p_j), p_j)|, with ρ the
//! Pearson correlation over the training inputs between neuron j's output and pre-activation.
//!
//! Over Q embedcheck computes ρ² = cov² / (var_p · var_σ) exactly, so the paper's threshold
//! "MPC > 0.99" is decided as ρ² > 0.9801 with no square root. A neuron whose pre-activation or
//! output is constant on the data has ρ undefined (\[P3\] App. C removes such neurons); it is
//! reported in [`LayerMpc::constant`], never silently dropped. MPC = 1 exactly when every
//! non-constant neuron is affine on the data (e.g. the inserted layer of a critical lifting).

use crate::activation::Sigma;
use crate::net::{forward, EvalError, Params};
use crate::scalar::{Field, Q};
use std::cmp::Ordering;

/// ρ² of one neuron, or why it is undefined.
#[derive(Clone, Debug, PartialEq)]
pub enum NeuronMpc<S> {
    /// ρ² = cov(σ(p), p)² / (var(p) var(σ(p))).
    Rho2(S),
    /// The pre-activation is constant on the data.
    ConstantPre,
    /// The pre-activation varies but the output σ(p) is constant (e.g. a ReLU neuron dead on
    /// all inputs).
    ConstantOutput,
}

/// MPC of one hidden layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerMpc<S> {
    /// Hidden layer l, 1-based.
    pub layer: usize,
    /// ρ² (or why undefined) of each neuron, in order.
    pub neurons: Vec<NeuronMpc<S>>,
    /// MPC² = min_j ρ_j² over the neurons where ρ is defined (`None` if none is).
    pub min_rho2: Option<S>,
    /// Neurons (1-based) where ρ is undefined.
    pub constant: Vec<usize>,
}

/// 0.99² = 9801/10000: "MPC > 0.99" ⇔ MPC² > 9801/10000 (\[P3\] §4, "effectively linear").
pub fn threshold_rho2() -> Q {
    Q::new(9801, 10000)
}

impl LayerMpc<Q> {
    /// Whether MPC > 0.99, decided exactly as ρ² > 9801/10000 (`None` if every neuron is constant).
    pub fn effectively_linear(&self) -> Option<bool> {
        self.min_rho2.as_ref().map(|r| *r > threshold_rho2())
    }
}

fn mean<S: Field>(v: &[S]) -> S {
    let n = S::from_i64(v.len() as i64).inv().expect("n ≥ 1");
    v.iter().fold(S::zero(), |a, x| a.add(x)).mul(&n)
}

/// ρ² of the paired samples (p_i, s_i), or why undefined.
pub fn rho2<S: Field>(p: &[S], s: &[S]) -> NeuronMpc<S> {
    let (pm, sm) = (mean(p), mean(s));
    let (mut cov, mut vp, mut vs) = (S::zero(), S::zero(), S::zero());
    for (pi, si) in p.iter().zip(s) {
        let (dp, ds) = (pi.sub(&pm), si.sub(&sm));
        cov.add_assign(&dp.mul(&ds));
        vp.add_assign(&dp.square());
        vs.add_assign(&ds.square());
    }
    if vp.is_zero() {
        NeuronMpc::ConstantPre
    } else if vs.is_zero() {
        NeuronMpc::ConstantOutput
    } else {
        NeuronMpc::Rho2(cov.square().div(&vp.mul(&vs)).expect("variances nonzero"))
    }
}

/// MPC of every hidden layer of θ on the inputs, over the field `S` (exact for `Q` with an exact
/// σ; `f64` with any σ, e.g. tanh, on the float path, where "constant" means a variance that is
/// exactly 0.0).
///
/// # Errors
/// [`EvalError`] if σ has a pole.
pub fn mpc<S: Field, A: Sigma<S>>(
    params: &Params<S>,
    act: &A,
    inputs: &[Vec<S>],
) -> Result<Vec<LayerMpc<S>>, EvalError> {
    let depth = params.depth();
    let mut traces = Vec::with_capacity(inputs.len());
    for (i, x) in inputs.iter().enumerate() {
        traces.push(forward(params, act, x, i + 1)?);
    }
    let mut out = Vec::new();
    for l in 1..depth {
        let width = params.layer(l).width();
        let mut neurons = Vec::with_capacity(width);
        let (mut min, mut constant): (Option<S>, Vec<usize>) = (None, Vec::new());
        for j in 0..width {
            let p: Vec<S> = traces.iter().map(|t| t.pre[l][j].clone()).collect();
            let s: Vec<S> = traces.iter().map(|t| t.f[l][j].clone()).collect();
            let r = rho2(&p, &s);
            match &r {
                NeuronMpc::Rho2(v) => {
                    if min.as_ref().is_none_or(|m| v.sub(m).primal_cmp_zero() == Some(Ordering::Less)) {
                        min = Some(v.clone());
                    }
                }
                _ => constant.push(j + 1),
            }
            neurons.push(r);
        }
        out.push(LayerMpc { layer: l, neurons, min_rho2: min, constant });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::Ring;

    #[test]
    fn relu_correlation_is_exact_rational() {
        // ReLU, p = (−1, 0, 1, 2), σ(p) = (0, 0, 1, 2): p̄ = 1/2, s̄ = 3/4, by hand:
        // dp = (−3/2, −1/2, 1/2, 3/2), ds = (−3/4, −3/4, 1/4, 5/4):
        // cov = 9/8 + 3/8 + 1/8 + 15/8 = 7/2, var_p = 5, var_s = 9/16·2 + 1/16 + 25/16 = 11/4,
        // ρ² = (49/4) / (55/4) = 49/55.
        let p: Vec<Q> = [-1, 0, 1, 2].iter().map(|&v| Q::int(v)).collect();
        let s: Vec<Q> = [0, 0, 1, 2].iter().map(|&v| Q::int(v)).collect();
        assert_eq!(rho2(&p, &s), NeuronMpc::Rho2(Q::new(49, 55)));
    }

    #[test]
    fn constant_neurons_are_reported_not_hidden() {
        let p: Vec<Q> = [-1, -2].iter().map(|&v| Q::int(v)).collect();
        assert_eq!(rho2(&p, &[Q::zero(), Q::zero()]), NeuronMpc::ConstantOutput);
        assert_eq!(rho2(&[Q::one(), Q::one()], &[Q::one(), Q::one()]), NeuronMpc::<Q>::ConstantPre);
    }

    #[test]
    fn float_path_tanh_layer_is_effectively_linear_only_near_zero() {
        // tanh(p) = p − p³/3 + O(p⁵): for |p| ≤ 1/100 the correlation defect 1 − ρ² is O(p⁴) ~ 1e−8,
        // far inside the threshold 1 − 0.9801; for p spread over [−3, 3] tanh saturates and ρ² drops
        // well below it (the gap, ~0.1, dwarfs f64 rounding of ~1e−15 relative).
        use crate::activation::{Activation, FloatActivation};
        use crate::linalg::Matrix;
        use crate::net::Layer;
        let net = |scale: f64| {
            Params::new(vec![
                Layer { weight: Matrix::from_rows(vec![vec![scale]], 1), bias: Some(vec![0.0]) },
                Layer { weight: Matrix::from_rows(vec![vec![1.0]], 1), bias: Some(vec![0.0]) },
            ])
            .unwrap()
        };
        let inputs: Vec<Vec<f64>> = (-10..=10).map(|k| vec![f64::from(k) / 10.0]).collect();
        let tanh = Activation::Float(FloatActivation::Tanh);
        let small = mpc(&net(0.01), &tanh, &inputs).unwrap()[0].min_rho2.unwrap();
        let large = mpc(&net(3.0), &tanh, &inputs).unwrap()[0].min_rho2.unwrap();
        assert!(small > 0.9801 && small <= 1.0 + 1e-12, "{small}");
        assert!(large < 0.9801, "{large}");
    }
}
