//! Symmetry-induced critical points (Şimşek et al., ICML 2021; symmetry spec A.5).
//!
//! **Lifting identity.** Let θ_r = (w_i, a_i) be any width-r point, π: {1..m} → {1..r}
//! surjective and β_j weights with Σ_{j∈π⁻¹(i)} β_j = 1. The lift θ_m has w_j = w_{π(j)},
//! a_j = β_j a_{π(j)}. Then f(·; θ_m) = f(·; θ_r) and, for every loss that depends on θ only
//! through f,
//!   ∂L/∂a_j(θ_m) = ∂L/∂a_{π(j)}(θ_r),  ∂L/∂w_j(θ_m) = β_j ∂L/∂w_{π(j)}(θ_r).
//! So a critical point lifts to an (m − r)-dimensional affine subspace of critical points (one per
//! surjection: G(r, m) of them). A null neuron (w, a) = (0, 0) adds ∂L/∂a = σ(0)·E\[δ\], so it keeps
//! criticality iff σ(0) = 0 or E\[δ\] = 0; a zero-type neuron (a = 0, w free) adds
//! ∂L/∂a = E\[δ σ(w·x)\], in general ≠ 0 at a nonzero residual δ.
//!
//! Caveat found while testing: E\[δ\] can vanish by force. With d = 1 and a cubic σ the gradient
//! directions σ(w_i x), σ′(w_i x)x of two neurons span every cubic in x, constants included, so
//! δ ⊥ 1 and null neurons stay critical whatever σ(0) is. Checks state E\[δ\] ≠ 0 as a hypothesis.

use super::shallow::{random_inputs, Shallow};
use crate::activation::{ExactActivation, Sigma};
use crate::data::Dataset;
use crate::linalg::{dot, left_null_space, Matrix};
use crate::net::EvalError;
use crate::rng::Rng;
use crate::scalar::{Ring, Q};

/// Why a lift is not well defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiftError {
    /// `pi` and `beta` have different lengths.
    Lengths {
        /// Length of π.
        pi: usize,
        /// Length of β.
        beta: usize,
    },
    /// π(j) is not a neuron of the base network (j 1-based).
    OutOfRange {
        /// Student neuron, 1-based.
        neuron: usize,
    },
    /// The β of the fibre of base neuron i (1-based) do not sum to 1 (β is not a splitting).
    FibreSum {
        /// Base neuron, 1-based.
        base: usize,
        /// The sum found.
        sum: Q,
    },
}

/// The lift of spec A.5 along a map `pi` into {0..r−1} (None = a null neuron (0, 0)) with
/// weights `beta` (ignored at null neurons): w_j = w_{π(j)}, a_j = β_j a_{π(j)}.
///
/// Every base neuron must be hit (π is surjective on the non-null neurons) and the β of each fibre
/// must sum to 1; otherwise the error names the first violation.
///
/// # Errors
/// [`LiftError`] as above.
pub fn lift(base: &Shallow, pi: &[Option<usize>], beta: &[Q]) -> Result<Shallow, LiftError> {
    if pi.len() != beta.len() {
        return Err(LiftError::Lengths { pi: pi.len(), beta: beta.len() });
    }
    let r = base.width();
    let mut sums = vec![Q::zero(); r];
    let mut hit = vec![false; r];
    for (j, (p, b)) in pi.iter().zip(beta).enumerate() {
        if let Some(i) = *p {
            if i >= r {
                return Err(LiftError::OutOfRange { neuron: j + 1 });
            }
            sums[i].add_assign(b);
            hit[i] = true;
        }
    }
    if let Some(i) = (0..r).find(|&i| !hit[i] || sums[i] != Q::one()) {
        return Err(LiftError::FibreSum { base: i + 1, sum: sums[i].clone() });
    }
    let d = base.input_dim();
    let (w, a) = pi
        .iter()
        .zip(beta)
        .map(|(p, b)| match *p {
            Some(i) => (base.w[i].clone(), b.mul(&base.a[i])),
            None => (vec![Q::zero(); d], Q::zero()),
        })
        .unzip();
    Ok(Shallow { w, a })
}

/// Random splitting weights for π: small rationals, the last β of each fibre chosen so that the
/// fibre sums to exactly 1 (null neurons get β = 0).
pub fn random_betas(rng: &mut Rng, pi: &[Option<usize>], r: usize) -> Vec<Q> {
    let mut beta: Vec<Q> = pi.iter().map(|p| if p.is_some() { rng.small_q(7, 4) } else { Q::zero() }).collect();
    for i in 0..r {
        let fibre: Vec<usize> = (0..pi.len()).filter(|&j| pi[j] == Some(i)).collect();
        if let Some((&last, rest)) = fibre.split_last() {
            let s = rest.iter().fold(Q::zero(), |s, &j| s.add(&beta[j]));
            beta[last] = Q::one().sub(&s);
        }
    }
    beta
}

/// The lifting identity of spec A.5 between the gradient of the base point and of its lift.
pub fn lifting_identity_holds(base_grad: &Shallow, lifted_grad: &Shallow, pi: &[usize], beta: &[Q]) -> bool {
    pi.iter().enumerate().all(|(j, &i)| {
        lifted_grad.a[j] == base_grad.a[i]
            && lifted_grad.w[j].iter().zip(&base_grad.w[i]).all(|(g, h)| *g == beta[j].mul(h))
    })
}

/// An exact critical point with nonzero residual (a saddle or a non-global critical point), spec
/// A.7 item 4.
#[derive(Clone, Debug, PartialEq)]
pub struct Saddle {
    /// θ_r.
    pub net: Shallow,
    /// Inputs x_μ and targets y_μ = f(x_μ; θ_r) − δ_μ.
    pub data: Dataset<Q>,
    /// The residual δ_μ = f(x_μ) − y_μ (nonzero, so the loss is positive).
    pub residual: Vec<Q>,
}

/// Builds an exact critical point of width r on Q^d with nonzero residual (spec A.7, item 4):
/// random θ_r and n = r(d+1) + 2 random inputs; the n × r(d+1) matrix D of gradient directions
/// (σ(w_i·x_μ), σ′(w_i·x_μ) x_μ) has a nonzero left null space; δ ∈ it (δᵀD = 0) and
/// y_μ = f(x_μ) − δ_μ. Then ∂L/∂a_i = E\[δ σ(w_i·x)\] = 0 and ∂L/∂w_i = a_i E\[δ σ′(w_i·x) x\] = 0.
///
/// # Errors
/// [`EvalError`] if σ has a pole at a pre-activation.
pub fn exact_saddle(rng: &mut Rng, r: usize, d: usize, sigma: &ExactActivation) -> Result<Saddle, EvalError> {
    let net = Shallow::random_irreducible(rng, r, d, 4);
    let n = r * (d + 1) + 2;
    let inputs = random_inputs(rng, n, d, 5);
    let mut directions = Matrix::zeros(n, r * (d + 1));
    for (mu, x) in inputs.iter().enumerate() {
        for (i, w) in net.w.iter().enumerate() {
            let jet = sigma.jet(&dot(w, x)).map_err(|_| pole(i, mu))?;
            directions.set(mu, i * (d + 1), jet.value);
            for (c, xc) in x.iter().enumerate() {
                directions.set(mu, i * (d + 1) + 1 + c, jet.d1.mul(xc));
            }
        }
    }
    let null = left_null_space(&directions);
    let mut residual = vec![Q::zero(); n];
    for (k, v) in null.iter().enumerate() {
        for (rm, vm) in residual.iter_mut().zip(v) {
            rm.add_assign(&vm.mul(&Q::int(k as i64 + 1)));
        }
    }
    let data = Dataset::new(inputs, vec![vec![Q::zero()]; n])?;
    let outputs = net.evaluate(sigma, &data)?.outputs;
    let targets = outputs.iter().zip(&residual).map(|(f, dl)| vec![f.sub(dl)]).collect();
    Ok(Saddle { data: data.with_targets(targets)?, net, residual })
}

fn pole(neuron: usize, sample: usize) -> EvalError {
    EvalError::Pole(crate::net::Site { layer: 1, neuron: neuron + 1, sample: sample + 1 })
}

/// All surjections as maps with no null neuron (`Some(i)` everywhere), for [`lift`].
pub fn as_lift_map(pi: &[usize]) -> Vec<Option<usize>> {
    pi.iter().map(|&i| Some(i)).collect()
}
