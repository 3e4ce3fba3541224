//! # embedcheck
//!
//! Exact checks of theorems about the loss landscapes of neural networks: the embedding
//! principle in width and depth, symmetry-induced critical subspaces and deep linear networks.
//!
//! Networks with polynomial, rational or piecewise-linear activations and rational parameters are
//! evaluated in exact rational arithmetic ([`scalar::Q`]) and with dual numbers
//! ([`scalar::Dual`]), so "the gradient at this point is zero" is a proof, not an approximation.
//! tanh, sigmoid and softplus networks go through an `f64` path with stated tolerances.
//!
//! ```
//! use embedcheck::activation::Activation;
//! use embedcheck::data::Dataset;
//! use embedcheck::linalg::Matrix;
//! use embedcheck::net::{evaluate, Layer, Params};
//! use embedcheck::scalar::{Field, Q};
//!
//! // σ(t) = t + t², widths (1, 2, 1): spec Ex A.
//! let q = |n, d| Q::new(n, d);
//! let params = Params::new(vec![
//!     Layer { weight: Matrix::from_rows(vec![vec![q(1, 1)], vec![q(-1, 1)]], 1), bias: Some(vec![q(0, 1), q(1, 1)]) },
//!     Layer { weight: Matrix::from_rows(vec![vec![q(2, 1), q(1, 1)]], 2), bias: Some(vec![q(0, 1)]) },
//! ]).unwrap();
//! let sigma = Activation::poly(vec![q(0, 1), q(1, 1), q(1, 1)]);
//! let data = Dataset::new(
//!     vec![vec![q(1, 1)], vec![q(-1, 1)], vec![q(2, 1)]],
//!     vec![vec![q(1, 1)], vec![q(0, 1)], vec![q(1, 1)]],
//! ).unwrap();
//! let eval = evaluate(&params, sigma.exact().unwrap(), &data).unwrap();
//! assert_eq!(eval.loss, q(83, 3));
//! assert_eq!(eval.gradient.flatten()[0], q(250, 3));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod activation;
pub mod algebra;
pub mod catalogue;
pub mod certify;
pub mod claims;
pub mod cli;
pub mod critical;
pub mod data;
pub mod depth;
pub mod derivatives;
pub mod embed;
pub mod fixtures;
pub mod fuzzing;
pub mod hessian;
pub mod io;
pub mod linalg;
pub mod linear;
pub mod loss;
pub mod net;
pub mod nonsmooth;
pub mod oracle;
pub mod parallel;
pub mod rng;
pub mod scalar;
pub mod shape;
pub mod symmetry;
pub mod theorem;
