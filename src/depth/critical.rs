//! Exact critical points to lift: the left-null-space recipe of spec width-depth §2.6.
//!
//! With J the (n·m_L × M) Jacobian of the stacked outputs f(x_i; θ) with respect to θ,
//! ∇R_S(θ) = (1/n) Jᵀ r for the stacked residuals r_i = f(x_i) − y_i. Choosing r in the left null
//! space of J and y_i = f(x_i) − r_i makes θ an exact critical point (with loss ½‖r‖²/n; r = 0
//! gives a zero-loss global minimum). This is a small local generator for the depth checks; the
//! general generators live with the width checks.

use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::linalg::{left_null_space, Matrix};
use crate::net::{forward, outputs, EvalError, Layer, Params};
use crate::rng::Rng;
use crate::scalar::{Dual, Field, Q};

/// J: row i·m_L + r, column k = ∂f_r(x_i; θ)/∂θ_k, one dual forward pass per parameter.
///
/// # Errors
/// [`EvalError`] if σ has a pole.
pub fn output_jacobian(params: &Params<Q>, act: &ExactActivation, inputs: &[Vec<Q>]) -> Result<Matrix<Q>, EvalError> {
    let theta = params.flatten();
    let m = theta.len();
    let shape = params.map(|_| Dual::<Q>::zero());
    let mut cols = Vec::with_capacity(m);
    for k in 0..m {
        let flat: Vec<Dual<Q>> = theta
            .iter()
            .enumerate()
            .map(|(i, t)| Dual::new(t.clone(), if i == k { Q::one() } else { Q::zero() }))
            .collect();
        let p = shape.with_flat(&flat);
        let mut col = Vec::new();
        for (i, x) in inputs.iter().enumerate() {
            let xd: Vec<Dual<Q>> = x.iter().map(|v| Dual::constant(v.clone())).collect();
            col.extend(outputs(&p, act, &xd, i + 1)?.into_iter().map(|d| d.eps));
        }
        cols.push(col);
    }
    let rows = cols.first().map_or(0, Vec::len);
    Ok(Matrix::from_rows((0..rows).map(|r| cols.iter().map(|c| c[r].clone()).collect()).collect(), m))
}

/// Targets y_i = f(x_i) − r_i with r a random combination (coefficients from `rng`) of a basis
/// of the left null space of J, so that θ is exactly critical on the returned data set; r = 0
/// (zero loss) when the left null space is trivial.
///
/// # Errors
/// [`EvalError`] if σ has a pole.
pub fn critical_data(
    params: &Params<Q>,
    act: &ExactActivation,
    inputs: &[Vec<Q>],
    rng: &mut Rng,
) -> Result<Dataset<Q>, EvalError> {
    let m_l = *params.widths().last().expect("L ≥ 1");
    let j = output_jacobian(params, act, inputs)?;
    let mut r = vec![Q::zero(); inputs.len() * m_l];
    for v in left_null_space(&j) {
        let c = rng.small_q(2, 2);
        r.iter_mut().zip(&v).for_each(|(ri, vi)| ri.add_assign(&c.mul(vi)));
    }
    let mut targets = Vec::with_capacity(inputs.len());
    for (i, x) in inputs.iter().enumerate() {
        let f = outputs(params, act, x, i + 1)?;
        targets.push(f.iter().enumerate().map(|(s, fs)| fs.sub(&r[i * m_l + s])).collect());
    }
    Ok(Dataset::new(inputs.to_vec(), targets).expect("targets have length m_L"))
}

/// Random parameters of the given widths, entries p/q with |p| ≤ `height`, 1 ≤ q ≤ 2.
pub fn random_params(rng: &mut Rng, widths: &[usize], height: i64) -> Params<Q> {
    let layers = widths
        .windows(2)
        .map(|w| Layer {
            weight: Matrix::from_vec(w[1], w[0], (0..w[0] * w[1]).map(|_| rng.small_nonzero_q(height, 2)).collect()),
            bias: Some((0..w[1]).map(|_| rng.small_q(height, 2)).collect()),
        })
        .collect();
    Params::new(layers).expect("widths chain")
}

/// Whether some hidden pre-activation of θ on the inputs sits on a kink of σ (ReLU at 0), where
/// σ is not differentiable and the exact identities do not apply.
///
/// # Errors
/// [`EvalError`] if σ has a pole.
pub fn has_kink(params: &Params<Q>, act: &ExactActivation, inputs: &[Vec<Q>]) -> Result<bool, EvalError> {
    for (i, x) in inputs.iter().enumerate() {
        if !forward(params, act, x, i + 1)?.kinks.is_empty() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A random exactly critical (θ, S) of the given widths with n samples and no kinks, or `None`
/// after 20 tries.
pub fn random_critical(
    rng: &mut Rng,
    widths: &[usize],
    n: usize,
    act: &ExactActivation,
) -> Option<(Params<Q>, Dataset<Q>)> {
    for _ in 0..20 {
        let params = random_params(rng, widths, 3);
        let inputs: Vec<Vec<Q>> = (0..n).map(|_| (0..widths[0]).map(|_| rng.small_q(4, 2)).collect()).collect();
        if has_kink(&params, act, &inputs).ok()? {
            continue;
        }
        return critical_data(&params, act, &inputs, rng).ok().map(|d| (params, d));
    }
    None
}
