//! Forward mode: derivatives of R_S through dual numbers, independent of back-propagation.
//!
//! R_S(θ + tv) evaluated at t = ε over `Dual<S>` gives R_S(θ) + ε ∂_v R_S(θ) exactly (see
//! [`Dual`]); with v = e_k this is ∂R_S/∂θ_k. One pass per parameter: slow, simple, and shares
//! no code with back-propagation beyond the forward pass, which makes it the reference.

use super::{outputs, EvalError, Params};
use crate::activation::Sigma;
use crate::data::Dataset;
use crate::loss::{ExactLoss, LossFn};
use crate::scalar::{Dual, Field, Ring};

/// R_S(θ) = (1/n) Σ_i ½‖f(x_i; θ) − y_i‖² (the default loss), by forward passes only.
///
/// # Errors
/// [`EvalError::Shape`] if the data do not fit, [`EvalError::Pole`] at a pole of σ.
pub fn loss<S: Field, A: Sigma<S>>(params: &Params<S>, act: &A, data: &Dataset<S>) -> Result<S, EvalError> {
    loss_with(params, act, &ExactLoss::Mse, data)
}

/// R_S(θ) = (1/n) Σ_i ℓ(f(x_i; θ), y_i) for the loss `ell`, by forward passes only.
///
/// # Errors
/// As [`loss`](fn@loss).
pub fn loss_with<S: Field, A: Sigma<S>, L: LossFn<S> + ?Sized>(
    params: &Params<S>,
    act: &A,
    ell: &L,
    data: &Dataset<S>,
) -> Result<S, EvalError> {
    data.check_fits(params)?;
    let mut total = S::zero();
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        total.add_assign(&ell.value(&outputs(params, act, x, i + 1)?, y));
    }
    Ok(total.mul(&S::from_i64(data.len() as i64).inv().expect("n ≥ 1")))
}

/// The directional derivative ∂_v R_S(θ) (v flat, in the contract's parameter order).
///
/// # Errors
/// As [`loss`](fn@loss).
///
/// # Panics
/// If `v.len() != M`.
pub fn directional_derivative<S: Field, A: Sigma<Dual<S>>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
    v: &[S],
) -> Result<S, EvalError> {
    directional_derivative_with(params, act, &ExactLoss::Mse, data, v)
}

/// ∂_v R_S(θ) for the loss `ell` (as [`directional_derivative`]).
///
/// # Errors
/// As [`loss`](fn@loss).
///
/// # Panics
/// If `v.len() != M`.
pub fn directional_derivative_with<S: Field, A: Sigma<Dual<S>>, L: LossFn<Dual<S>> + ?Sized>(
    params: &Params<S>,
    act: &A,
    ell: &L,
    data: &Dataset<S>,
    v: &[S],
) -> Result<S, EvalError> {
    let theta = params.flatten();
    assert_eq!(v.len(), theta.len(), "direction of the wrong length");
    let flat: Vec<Dual<S>> = theta.into_iter().zip(v).map(|(t, vi)| Dual::new(t, vi.clone())).collect();
    let dual_params = params.map(|_| Dual::<S>::zero()).with_flat(&flat);
    let dual_data = data.map(|x| Dual::constant(x.clone()));
    Ok(loss_with(&dual_params, act, ell, &dual_data)?.eps)
}

/// ∇_θ R_S by forward mode, one dual pass per parameter, shaped like θ.
///
/// # Errors
/// As [`loss`](fn@loss).
pub fn gradient_forward_mode<S: Field, A: Sigma<Dual<S>>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
) -> Result<Params<S>, EvalError> {
    gradient_forward_mode_with(params, act, &ExactLoss::Mse, data)
}

/// ∇_θ R_S by forward mode for the loss `ell` (as [`gradient_forward_mode`]).
///
/// # Errors
/// As [`loss`](fn@loss).
pub fn gradient_forward_mode_with<S: Field, A: Sigma<Dual<S>>, L: LossFn<Dual<S>> + ?Sized>(
    params: &Params<S>,
    act: &A,
    ell: &L,
    data: &Dataset<S>,
) -> Result<Params<S>, EvalError> {
    let m = params.num_params();
    let mut grad = Vec::with_capacity(m);
    let mut v = vec![S::zero(); m];
    for k in 0..m {
        v[k] = S::one();
        grad.push(directional_derivative_with(params, act, ell, data, &v)?);
        v[k] = S::zero();
    }
    Ok(params.with_flat(&grad))
}
