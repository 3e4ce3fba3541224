//! The two ways a width claim is evaluated: the fast path (back-propagation, direct operators)
//! used by `check`, and the simple path (forward-mode duals, one pass per parameter, operators as
//! sparse maps) used to re-verify certificates. They share only the forward pass of σ.

use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::loss::ExactLoss;
use crate::net::{evaluate_with, gradient_forward_mode_with, loss_with, outputs, EvalError, Params};
use crate::scalar::{Ring, Q};

/// Which code path evaluates gradients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Path {
    /// Reverse mode ([`evaluate_with`]).
    Backprop,
    /// Forward mode ([`gradient_forward_mode_with`]).
    Duals,
}

pub(crate) use crate::theorem::Verdict;

pub(crate) fn show(v: &[Q]) -> String {
    format!("[{}]", v.iter().map(Q::to_canonical).collect::<Vec<_>>().join(", "))
}

/// Ok when equal, else the two vectors (and the first differing entry, 1-based flat index).
pub(crate) fn same(what: &str, expected: &[Q], computed: &[Q]) -> Verdict {
    if expected == computed {
        return Ok(());
    }
    let k = expected.iter().zip(computed).position(|(a, b)| a != b).unwrap_or(expected.len().min(computed.len()));
    Err((format!("{what} = {} (first difference at entry {})", show(expected), k + 1), show(computed)))
}

pub(crate) fn gradient(
    path: Path,
    p: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
) -> Result<Vec<Q>, EvalError> {
    match path {
        Path::Backprop => evaluate_with(p, act, ell, data).map(|e| e.gradient.flatten()),
        Path::Duals => gradient_forward_mode_with(p, act, ell, data).map(|g| g.flatten()),
    }
}

pub(crate) fn risk(
    path: Path,
    p: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
) -> Result<Q, EvalError> {
    match path {
        Path::Backprop => evaluate_with(p, act, ell, data).map(|e| e.loss),
        Path::Duals => loss_with(p, act, ell, data),
    }
}

/// f(x; θ) for every x, concatenated.
pub(crate) fn all_outputs(p: &Params<Q>, act: &ExactActivation, xs: &[Vec<Q>]) -> Result<Vec<Q>, EvalError> {
    let mut out = Vec::new();
    for (i, x) in xs.iter().enumerate() {
        out.extend(outputs(p, act, x, i + 1)?);
    }
    Ok(out)
}

/// H(θ) v, the Hessian-vector product: by back-propagation over duals θ + εv (fast path,
/// [`crate::hessian::hessian_vector_product_with`]) or, on the simple path, entry k as the mixed
/// second derivative e_kᵀHv by forward over forward ([`crate::hessian::mixed_second_derivative_with`]).
pub(crate) fn hessian_vector(
    path: Path,
    p: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
    v: &[Q],
) -> Result<Vec<Q>, EvalError> {
    match path {
        Path::Backprop => crate::hessian::hessian_vector_product_with(p, act, ell, data, v),
        Path::Duals => {
            let m = v.len();
            let mut e = vec![Q::zero(); m];
            let mut out = Vec::with_capacity(m);
            for k in 0..m {
                e[k] = Q::one();
                out.push(crate::hessian::mixed_second_derivative_with(p, act, ell, data, &e, v)?);
                e[k] = Q::zero();
            }
            Ok(out)
        }
    }
}
