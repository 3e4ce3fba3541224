//! The embedding principle in depth: critical lifting, the merge map Ψ, layer linearization
//! (MPC) and batch normalization (\[P3\] Bai, Luo, Xu, Zhang, "Embedding principle in depth";
//! spec width-depth §3 and §5).
//!
//! - [`critical_lifting`] builds a member θ' of T_S(θ) (\[P3\] Def. 3): a hidden layer inserted
//!   after layer q that is affine on the training inputs and preserves the output on them;
//!   [`check_membership`] decides θ' ∈ T_S(θ) exactly and names the violated condition.
//! - [`psi`] and [`merge()`] are the merge map Ψ (deep → shallow), the left inverse of lifting.
//! - [`mpc`] measures layer linearization by \[P3\]'s Eq. 1, exactly as ρ² where possible.
//! - [`batchnorm`] states when a batch-normalized ReLU layer can be the inserted layer.
//! - [`theorems()`] and [`controls`] are the catalogue entries `depth.*` and their negative controls.
//!
//! Exactness needs an activation with an affine segment ([`segment`]): ReLU, leaky ReLU,
//! identity (and affine polynomials). tanh and other smooth activations have none; for them the
//! lifting is approximate and only float statements apply (spec §6 item 12): [`float`] builds the
//! float lifting into the near-linear region at 0 and derives the tolerances of the catalogue
//! entries `depth.lift.float.*`.

pub mod batchnorm;
pub mod float;
mod lift;
mod membership;
mod merge;
pub mod mpc;
pub mod residual;
pub mod second_order;
pub mod segment;
mod theorems;

pub use lift::{critical_lifting, insert_layer, lift_layers, Construction, Lifted};
pub use membership::{check_membership, Violation};
pub use merge::{merge, psi, psi_with, Merged};
pub use theorems::{controls, theorems};

use crate::net::EvalError;
use segment::NotAffine;
use std::fmt;

/// Why a lifting or a merge could not be built. Layers and neurons are 1-based, as in the papers.
#[derive(Clone, Debug, PartialEq)]
pub enum LiftError {
    /// q is not in 0 ..= L−1.
    Layer {
        /// The requested q.
        q: usize,
        /// L.
        depth: usize,
    },
    /// The requested inserted width is below what the construction needs.
    Width {
        /// Requested m_q̂.
        requested: usize,
        /// The smallest width the construction supports.
        min: usize,
        /// The construction.
        construction: Construction,
    },
    /// Layer q+1 has no bias; the lift needs b^\[q+1\] to absorb the inserted bias.
    BiasFree {
        /// Layer, 1-based.
        layer: usize,
    },
    /// σ has no affine segment (e.g. a polynomial of degree ≥ 2, or tanh): no exact lifting.
    NoAffineSegment(String),
    /// The construction does not apply (the message says why).
    Construction(String),
    /// The layers do not chain.
    Shape(crate::net::ShapeError),
    /// Merge: k is not a hidden layer 1 ..= L−1.
    MergeLayer {
        /// The requested k.
        k: usize,
        /// L − 1.
        hidden: usize,
    },
    /// Merge: hidden layer `layer` is not affine on the data.
    NotAffine {
        /// Layer, 1-based.
        layer: usize,
        /// The neuron and sample.
        cause: NotAffine,
    },
    /// The network could not be evaluated on the data.
    Eval(EvalError),
}

impl fmt::Display for LiftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiftError::Layer { q, depth } => {
                write!(f, "cannot insert after layer {q}: q must be in 0..={} (L = {depth})", depth - 1)
            }
            LiftError::Width { requested, min, construction } => {
                write!(
                    f,
                    "inserted width {requested} is below {min}, the least the {construction:?} construction needs"
                )
            }
            LiftError::BiasFree { layer } => write!(f, "layer {layer} has no bias; lifting needs one"),
            LiftError::NoAffineSegment(a) => {
                write!(
                    f,
                    "activation {a} has no affine segment, so no exact critical lifting exists ([P3] Assumption 1)"
                )
            }
            LiftError::Construction(s) => f.write_str(s),
            LiftError::Shape(e) => write!(f, "{e}"),
            LiftError::MergeLayer { k, hidden } => {
                write!(f, "cannot merge layer {k}: the hidden layers are 1..={hidden}")
            }
            LiftError::NotAffine { layer, cause } => {
                write!(f, "layer {layer} is not affine on the data: {cause}; merging would change the outputs")
            }
            LiftError::Eval(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LiftError {}
