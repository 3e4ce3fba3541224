//! Symmetry-induced critical subspaces of two-layer bias-free networks (Şimşek, Ged, Jacot,
//! Spadaro, Hongler, Gerstner, Brea, ICML 2021, arXiv 2105.12221; symmetry spec, Part A).
//!
//! The network is f(x; θ) = Σ_{j=1}^{m} a_j σ(w_j · x), θ = (w_1, …, w_m, a_1, …, a_m), built as
//! [`Params`](crate::net::Params) with two bias-free layers (W^\[1\] has rows w_j, W^\[2\] = (a_j)).
//! A teacher of width r has incoming vectors w*_i and output weights a*_i.
//!
//! - [`counts`]: T, T1, G, G0 in closed form with big integers (spec A.4);
//! - [`enumerate`]: brute-force enumeration of what they count (spec A.7, item 1);
//! - [`shallow`]: the two-layer bias-free network as [`Shallow`];
//! - [`lifting`]: symmetry-induced critical points, the lifting identity (spec A.5);
//! - [`manifold`]: the expansion manifold as subspaces Γ_C, their geometry by exact rank
//!   (spec A.3), [`bipartite`] for m = r + 1, [`zero_loss`] for the zero-loss check;
//! - [`theorems()`] and [`controls()`]: the catalogue entries `symmetry.*` and their negative
//!   controls (module [`mod@theorems`]);
//! - [`Configuration`]: a partition of the student neurons with labelled blocks (spec A.2).
//!
//! What is and is not established here:
//! - *checked exactly* (equalities in Q or Z): the closed forms against brute-force enumeration
//!   (r ≤ 4, m ≤ 8 in the tests); subspace counts, dimensions, distinctness, maximality and the
//!   intersection graph for the tested (r, m, d) with a symbolic (generic) teacher; zero loss and
//!   zero gradient at random points of every subspace; criticality of lifts, null and zero-type
//!   neurons at exact critical points;
//! - *not claimed*: completeness of the expansion manifold (false for polynomial σ, spec A.3
//!   item 2), anything about tanh's sign symmetries, and, for the multi-layer statement (spec A.3
//!   item 6), isolation of the minima at minimal width; [`deep_paths`] checks exactly, on given
//!   nets and data, that explicit zero-loss paths join the permuted copies once every hidden
//!   layer has one spare neuron.

pub mod bipartite;
pub mod configuration;
pub mod counts;
pub mod deep_paths;
pub mod enumerate;
pub mod integer_rank;
pub mod lifting;
pub mod manifold;
pub mod shallow;
pub mod theorems;
pub mod zero_loss;

pub use configuration::Configuration;
pub use counts::{crossover, Count, Counts, Stirling};
pub use lifting::{exact_saddle, lift, LiftError, Saddle};
pub use manifold::{Geometry, Subspace};
pub use shallow::{Shallow, ShallowEval};
pub use theorems::{controls, theorems};
