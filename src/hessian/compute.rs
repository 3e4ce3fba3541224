//! The Hessian H_S = ∇²_θ R_S of the loss, computed two independent ways.
//!
//! - **Forward over reverse** ([`hessian`], [`hessian_vector_product`]): back-propagation run on
//!   `Dual<S>` parameters θ + εv. The gradient is a composition of field operations in θ, so by
//!   the dual-number rule f(a + bε) = f(a) + f'(a)bε its ε part is the directional derivative of
//!   ∇R_S along v, that is H v. With v = e_k this is column k of H: one pass per parameter.
//! - **Forward over forward** ([`hessian_forward`], [`second_directional_derivative`]): the loss
//!   alone, evaluated on `Dual<Dual<S>>` parameters θ + ε₁u + ε₂v, has ε₁ε₂ part uᵀHv. It shares
//!   nothing with back-propagation beyond the forward pass, which makes it the reference.
//!
//! Both are exact over an exact field (`Q`); over `f64` they are the float Hessian.

use crate::activation::Sigma;
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::loss::{ExactLoss, LossFn};
use crate::net::{evaluate_with, loss_with, EvalError, Params};
use crate::scalar::{Dual, Field, Ring};

/// θ + εv as `Dual<S>` parameters (v flat, in the contract's parameter order).
fn seeded<S: Field>(params: &Params<S>, v: &[S]) -> Params<Dual<S>> {
    let flat: Vec<Dual<S>> = params.flatten().into_iter().zip(v).map(|(t, vi)| Dual::new(t, vi.clone())).collect();
    params.map(|_| Dual::<S>::zero()).with_flat(&flat)
}

/// H v, the Hessian-vector product of R_S at θ, by back-propagation over `Dual<S>`
/// (the ε part of ∇R_S(θ + εv)).
///
/// # Errors
/// [`EvalError::Shape`] if the data do not fit the network, [`EvalError::Pole`] at a pole of σ.
///
/// # Panics
/// If `v.len() != M`.
pub fn hessian_vector_product<S: Field, A: Sigma<Dual<S>>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
    v: &[S],
) -> Result<Vec<S>, EvalError> {
    hessian_vector_product_with(params, act, &ExactLoss::Mse, data, v)
}

/// H v for the loss `ell` (as [`hessian_vector_product`]).
///
/// # Errors
/// As [`hessian_vector_product`].
///
/// # Panics
/// If `v.len() != M`.
pub fn hessian_vector_product_with<S: Field, A: Sigma<Dual<S>>, L: LossFn<Dual<S>> + ?Sized>(
    params: &Params<S>,
    act: &A,
    ell: &L,
    data: &Dataset<S>,
    v: &[S],
) -> Result<Vec<S>, EvalError> {
    assert_eq!(v.len(), params.num_params(), "direction of the wrong length");
    let dual_data = data.map(|x| Dual::constant(x.clone()));
    let eval = evaluate_with(&seeded(params, v), act, ell, &dual_data)?;
    Ok(eval.gradient.flatten().into_iter().map(|g| g.eps).collect())
}

/// The Hessian H_S(θ) (M × M, rows and columns in the contract's parameter order) by forward
/// over reverse: column k is H e_k ([`hessian_vector_product`]). Exactly symmetric over an exact
/// field (Schwarz); over `f64` it is symmetrised as (H + Hᵀ)/2.
///
/// # Errors
/// As [`hessian_vector_product`].
pub fn hessian<S: Field, A: Sigma<Dual<S>>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
) -> Result<Matrix<S>, EvalError> {
    hessian_with(params, act, &ExactLoss::Mse, data)
}

/// The Hessian for the loss `ell` by forward over reverse (as [`hessian`]).
///
/// # Errors
/// As [`hessian_vector_product`].
pub fn hessian_with<S: Field, A: Sigma<Dual<S>>, L: LossFn<Dual<S>> + ?Sized>(
    params: &Params<S>,
    act: &A,
    ell: &L,
    data: &Dataset<S>,
) -> Result<Matrix<S>, EvalError> {
    let m = params.num_params();
    let mut h = Matrix::zeros(m, m);
    let mut e = vec![S::zero(); m];
    for k in 0..m {
        e[k] = S::one();
        let col = hessian_vector_product_with(params, act, ell, data, &e)?;
        e[k] = S::zero();
        for (i, c) in col.into_iter().enumerate() {
            h.set(i, k, c);
        }
    }
    if !h.is_symmetric() {
        let half = S::from_i64(2).inv().expect("2 is invertible");
        for i in 0..m {
            for j in 0..i {
                let s = h.get(i, j).add(h.get(j, i)).mul(&half);
                h.set(i, j, s.clone());
                h.set(j, i, s);
            }
        }
    }
    Ok(h)
}

/// uᵀ H v at θ by forward over forward: R_S at θ + ε₁u + ε₂v over `Dual<Dual<S>>`, whose ε₁ε₂
/// part is the mixed second derivative ∂²R_S/∂s∂t (θ + su + tv) at 0 = uᵀHv. Does not build H.
///
/// # Errors
/// As [`hessian_vector_product`].
///
/// # Panics
/// If `u` or `v` does not have length M.
pub fn mixed_second_derivative<S: Field, A: Sigma<Dual<Dual<S>>>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
    u: &[S],
    v: &[S],
) -> Result<S, EvalError> {
    mixed_second_derivative_with(params, act, &ExactLoss::Mse, data, u, v)
}

/// uᵀ H v for the loss `ell` (as [`mixed_second_derivative`]).
///
/// # Errors
/// As [`hessian_vector_product`].
///
/// # Panics
/// If `u` or `v` does not have length M.
pub fn mixed_second_derivative_with<S: Field, A: Sigma<Dual<Dual<S>>>, L: LossFn<Dual<Dual<S>>> + ?Sized>(
    params: &Params<S>,
    act: &A,
    ell: &L,
    data: &Dataset<S>,
    u: &[S],
    v: &[S],
) -> Result<S, EvalError> {
    let theta = params.flatten();
    assert_eq!(u.len(), theta.len(), "direction u of the wrong length");
    assert_eq!(v.len(), theta.len(), "direction v of the wrong length");
    let flat: Vec<Dual<Dual<S>>> = theta
        .into_iter()
        .zip(u.iter().zip(v))
        .map(|(t, (ui, vi))| Dual::new(Dual::new(t, ui.clone()), Dual::new(vi.clone(), S::zero())))
        .collect();
    let dd_params = params.map(|_| Dual::<Dual<S>>::zero()).with_flat(&flat);
    let dd_data = data.map(|x| Dual::constant(Dual::constant(x.clone())));
    Ok(loss_with(&dd_params, act, ell, &dd_data)?.eps.eps)
}

/// uᵀ H u: the second derivative of t ↦ R_S(θ + tu) at 0, by forward over forward
/// ([`mixed_second_derivative`] with v = u). The simple path certificates are re-checked on.
///
/// # Errors
/// As [`hessian_vector_product`].
///
/// # Panics
/// If `u.len() != M`.
pub fn second_directional_derivative<S: Field, A: Sigma<Dual<Dual<S>>>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
    u: &[S],
) -> Result<S, EvalError> {
    mixed_second_derivative(params, act, data, u, u)
}

/// The Hessian by forward over forward: entry (j, k) = e_jᵀ H e_k from one `Dual<Dual<S>>` loss
/// evaluation (M(M+1)/2 passes; for small nets and tests, independent of back-propagation).
///
/// # Errors
/// As [`hessian_vector_product`].
pub fn hessian_forward<S: Field, A: Sigma<Dual<Dual<S>>>>(
    params: &Params<S>,
    act: &A,
    data: &Dataset<S>,
) -> Result<Matrix<S>, EvalError> {
    hessian_forward_with(params, act, &ExactLoss::Mse, data)
}

/// The Hessian for the loss `ell` by forward over forward (as [`hessian_forward`]).
///
/// # Errors
/// As [`hessian_vector_product`].
pub fn hessian_forward_with<S: Field, A: Sigma<Dual<Dual<S>>>, L: LossFn<Dual<Dual<S>>> + ?Sized>(
    params: &Params<S>,
    act: &A,
    ell: &L,
    data: &Dataset<S>,
) -> Result<Matrix<S>, EvalError> {
    let m = params.num_params();
    let mut h = Matrix::zeros(m, m);
    let (mut ej, mut ek) = (vec![S::zero(); m], vec![S::zero(); m]);
    for j in 0..m {
        ej[j] = S::one();
        for k in j..m {
            ek[k] = S::one();
            let v = mixed_second_derivative_with(params, act, ell, data, &ej, &ek)?;
            ek[k] = S::zero();
            h.set(j, k, v.clone());
            h.set(k, j, v);
        }
        ej[j] = S::zero();
    }
    Ok(h)
}
