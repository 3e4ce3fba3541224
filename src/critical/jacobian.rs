//! The output Jacobian J of a network on a set of inputs, exactly.
//!
//! Row i·m_L + k of J is ∇_θ f_k(x_i; θ) in the contract's parameter order. It is computed by
//! back-propagation with the output error set to the unit vector e_k (z^\[L\] = e_k), so that
//! e^\[l\] = ∂f_k/∂p^\[l\] and ∂f_k/∂W^\[l\] = e^\[l\] (f^\[l−1\])ᵀ, ∂f_k/∂b^\[l\] = e^\[l\]
//! (the identities of \[P2\] §3.2 applied to the loss ℓ = f_k).

use crate::activation::Sigma;
use crate::linalg::Matrix;
use crate::net::{backward, forward, EvalError, Params};
use crate::scalar::Field;

/// J ((n·m_L) × M): the derivatives of every output of every sample with respect to θ.
///
/// # Errors
/// [`EvalError::Pole`] at a pole of σ.
///
/// # Panics
/// If an input does not have length m_0 (inputs are validated before).
pub fn output_jacobian<S: Field, A: Sigma<S>>(
    params: &Params<S>,
    act: &A,
    inputs: &[Vec<S>],
) -> Result<Matrix<S>, EvalError> {
    let depth = params.depth();
    let m_out = params.widths()[depth];
    let mut rows = Vec::with_capacity(inputs.len() * m_out);
    for (i, x) in inputs.iter().enumerate() {
        let trace = forward(params, act, x, i + 1)?;
        let out = &trace.f[depth];
        for k in 0..m_out {
            // y = f − e_k makes the back-propagated output error z^[L] = f − y = e_k.
            let y: Vec<S> =
                out.iter().enumerate().map(|(c, o)| if c == k { o.sub(&S::one()) } else { o.clone() }).collect();
            let back = backward(params, &trace, &y);
            let mut row = vec![S::zero(); params.num_params()];
            for l in 1..=depth {
                for (r, er) in back.e[l].iter().enumerate() {
                    for (c, fc) in trace.f[l - 1].iter().enumerate() {
                        row[params.weight_index(l, r, c)] = er.mul(fc);
                    }
                    if let Some(b) = params.bias_index(l, r) {
                        row[b] = er.clone();
                    }
                }
            }
            rows.push(row);
        }
    }
    Ok(Matrix::from_rows(rows, params.num_params()))
}
