//! Critical embeddings in width: the maps of \[P1\] and \[P2\] that send a network to a wider one with
//! the same output function and send critical points to critical points (width-depth spec §2).
//!
//! - [`Split`]: the one-step splitting embedding T^α_{l,s} = T_{l,s} + αV_{l,s} (\[P1\] Def. 5) and
//!   its gradient-transfer map P_α;
//! - [`Null`]: the one-step null embedding T^β_{l,0} (\[P2\] Def. 4.3);
//! - [`NormSplit`]: the norm-preserving split of a positively homogeneous σ, critical under
//!   weight decay;
//! - [`Composition`]: multi-step embeddings (\[P2\] Def. 4.6);
//! - [`KNeuronSubspace`]: the K-dimensional critical affine subspace θ_B + Σ α_i v_i (\[P1\] Thm 2);
//! - [`Compatible`]: general compatible embeddings (\[P2\] Def. 5.1–5.2);
//! - [`global_splitting`]: the three-fold global splitting T_global (\[P2\] Ex. 5.1, §6.3);
//! - [`theorems`](mod@theorems): the catalogue entries `width.*` and their negative controls.
//!
//! Every operator is an affine map of the flat parameter vector (contract order) and is available
//! both as a direct operation on [`Params`](crate::net::Params) and as an explicit sparse map
//! ([`SparseMap`], [`AffineMap`]), whose linear part A satisfies Aᵀ∇R_wide(Aθ + c) = ∇R_narr(θ).
//! New neurons are always appended **last** in their layer. Layers are 1-based (as in the papers),
//! neurons 0-based inside the library; errors print 1-based neurons and name the valid range.
//!
//! ```
//! use embedcheck::embed::{Shape, Split};
//! use embedcheck::linalg::Matrix;
//! use embedcheck::net::{Layer, Params};
//! use embedcheck::scalar::Q;
//!
//! // Widths (1, 2, 1); split neuron 1 (index 0) of layer 1 with α = 1/3 (spec §2.6 Ex A).
//! let q = |n, d| Q::new(n, d);
//! let theta = Params::new(vec![
//!     Layer { weight: Matrix::from_rows(vec![vec![q(1, 1)], vec![q(-1, 1)]], 1), bias: Some(vec![q(0, 1), q(1, 1)]) },
//!     Layer { weight: Matrix::from_rows(vec![vec![q(2, 1), q(1, 1)]], 2), bias: Some(vec![q(0, 1)]) },
//! ]).unwrap();
//! let split = Split::new(&Shape::of(&theta), 1, 0, q(1, 3)).unwrap();
//! let wide = split.apply(&theta).unwrap();
//! assert_eq!(wide.layer(2).weight.row(0), &[q(4, 3), q(1, 1), q(2, 3)]);
//! // The same map as an explicit sparse matrix (T + αV) on the flat vector:
//! assert_eq!(split.map().apply(&theta.flatten()), wide.flatten());
//! ```

mod compatible;
mod compatible_random;
mod compose;
mod error;
mod global;
mod kneuron;
mod norm_split;
mod null;
mod shape;
mod sparse;
mod split;
pub mod theorems;

pub use compatible::{Compatible, Condition2};
pub use compatible_random::random_compatible;
pub use compose::{Composition, Step};
pub use error::EmbedError;
pub use global::{global_copy, global_splitting, GLOBAL_SIGNS};
pub use kneuron::KNeuronSubspace;
pub use norm_split::NormSplit;
pub use null::Null;
pub use shape::Shape;
pub use sparse::{AffineMap, SparseMap};
pub use split::Split;
