//! Exact univariate algebra over Q: polynomials, Sturm sequences, isolated real roots, the
//! number field Q(α) of one real algebraic number and the rational functions Q(b).
//!
//! Built for the deep linear model (spec symmetry-linear B.3, B.6): the self-consistency
//! equation (★) is a polynomial in b; its positive roots are isolated exactly, and the loss,
//! gradient and Hessian at a root are computed in Q(α), so every claim is decided without
//! floating point.

mod number_field;
mod poly;
mod rational_function;
mod real_root;
mod sturm;

pub use number_field::AlgNum;
pub use poly::Poly;
pub use rational_function::RatFn;
pub use real_root::{positive_roots, root_bound, roots_between, IsolatedRoot, RealRoot};
pub use sturm::{count_roots_closed, Sturm};
