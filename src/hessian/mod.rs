//! Second order: the Hessian H_S = ∇²_θ R_S, exactly over Q and in f64, and what it says about a
//! critical point (width-depth spec §1 "Inertia", §2.5).
//!
//! - [`hessian`] (forward over reverse) and [`hessian_forward`] (forward over forward) compute H
//!   two independent ways; [`hessian_vector_product`] and [`second_directional_derivative`] give
//!   H v and uᵀHu without building H.

mod compute;
mod spectrum;
mod tangent;
mod witness;

pub use compute::{
    hessian, hessian_forward, hessian_vector_product, mixed_second_derivative, second_directional_derivative,
};
pub use spectrum::{frobenius, spectrum, Spectrum, ZERO_TOLERANCE_FACTOR};

pub mod certificate;
pub use witness::{negative_direction, null_vectors};
pub mod theorems;
pub use tangent::hessian_tangent;
