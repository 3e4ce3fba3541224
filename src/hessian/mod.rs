//! Second order: the Hessian H_S = ∇²_θ R_S, exactly over Q and in f64, and what it says about a
//! critical point (width-depth spec §1 "Inertia", §2.5).
//!
//! - [`hessian`] (forward over reverse, one `Dual` back-propagation per parameter),
//!   [`hessian_forward`] (forward over forward, `Dual<Dual>` loss evaluations) and
//!   [`hessian_tangent`] (per-coordinate tangent propagation, the fast path) compute H three
//!   ways that the tests show agree exactly; [`hessian_exact`] dispatches a polynomial σ to
//!   the fraction-free [`hessian_polynomial`] (integers over common denominators, no gcd inside
//!   the passes) and everything else to [`hessian_tangent`]. These two run the same tangent
//!   recurrences, written once in `tangent_pass` over field values or integer numerators (a
//!   strategy, not a copy); [`hessian_vector_product`] and
//!   [`second_directional_derivative`] give H v and uᵀHu without building H.
//! - [`cost`]: the memory and time an exact Hessian plus its certified inertia will take,
//!   estimated from M, n and the entries' height, so commands refuse only what the machine
//!   cannot do.
//! - [`policy`]: the budgets a command checks before an exact or f64 Hessian or an exact
//!   inertia (typed [`policy::LimitError`]s), and [`policy::classify`].
//! - [`spectrum()`]: the f64 eigenvalues with the tolerance used to call one zero, and why.
//! - [`negative_direction`], [`null_vectors`]: witnesses; [`certificate`]: strict-saddle,
//!   degeneracy and positive-definiteness certificates re-checked through the simple path.
//! - [`theorem_s`]: the blocks A, B and K_α of the splitting inertia formula (Theorem S).
//! - [`theorems`]: the catalogue checks `hessian.*` with their controls (irreversibility, Theorem N,
//!   Cooper, Theorem S, the degeneracy increment, truly-bad points, Fukumizu–Amari).
//! - [`fukumizu_amari`]: the Fukumizu–Amari criterion (which splittings of a strict local minimum
//!   are strict saddles), with certificate directions.

pub mod certificate;
mod compute;
pub mod cost;
pub mod fukumizu_amari;
mod integer;
pub mod policy;
pub mod reverify;
mod spectrum;
mod tangent;
mod tangent_pass;
pub mod theorem_s;
pub mod theorems;
pub mod truly_bad;
mod witness;

pub use compute::{
    hessian, hessian_forward, hessian_forward_with, hessian_vector_product, hessian_vector_product_with, hessian_with,
    mixed_second_derivative, mixed_second_derivative_with, second_directional_derivative,
};
pub use integer::hessian_polynomial;
pub use spectrum::{frobenius, spectrum, Spectrum, ZERO_TOLERANCE_FACTOR};
pub use tangent::{hessian_exact, hessian_exact_with, hessian_tangent, hessian_tangent_with};
pub use witness::{negative_direction, null_vectors};
