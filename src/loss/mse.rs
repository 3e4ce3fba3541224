//! The loss `mse` of the contract: R_S(θ) = (1/n) Σ_i ℓ(f(x_i; θ), y_i) with ℓ(f, y) = ½‖f − y‖².
//! Its gradient in f is the residual f − y and its Hessian in f is the identity.

use crate::scalar::Field;

/// ℓ(f, y) = ½‖f − y‖² for one sample.
///
/// # Panics
/// If the lengths differ.
pub fn mse_sample<S: Field>(f: &[S], y: &[S]) -> S {
    assert_eq!(f.len(), y.len(), "output and target lengths");
    let mut acc = S::zero();
    for (fi, yi) in f.iter().zip(y) {
        acc.add_assign(&fi.sub(yi).square());
    }
    acc.mul(&S::from_i64(2).inv().expect("2 is invertible"))
}

/// ∇_f ℓ = f − y (the residual r).
///
/// # Panics
/// If the lengths differ.
pub fn mse_output_gradient<S: Field>(f: &[S], y: &[S]) -> Vec<S> {
    assert_eq!(f.len(), y.len(), "output and target lengths");
    f.iter().zip(y).map(|(fi, yi)| fi.sub(yi)).collect()
}
