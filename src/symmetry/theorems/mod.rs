//! The catalogue entries `symmetry.*` (Şimşek et al., ICML 2021; symmetry spec Part A) and their
//! negative controls. The mathematics they check lives in the modules above this one
//! ([`crate::symmetry`]); here are the generated cases, the judgements and the re-checks of
//! stored cases.
//!
//! - [`manifold`]: `symmetry.counts.closed_forms`, `symmetry.manifold.geometry`,
//!   `symmetry.manifold.zero_loss`;
//! - [`lifting`]: `symmetry.lifting.critical`, `symmetry.lifting.identity`,
//!   `symmetry.lifting.null_neuron`;
//! - [`deep`]: `symmetry.deep.swap_paths` and its control;
//! - [`mod@controls`]: the other negative controls;
//! - `case` and `stored`: the pieces the checks share and the cases as JSON and back.

mod case;
pub mod controls;
pub mod deep;
pub mod lifting;
pub mod manifold;
mod stored;

use crate::theorem::Theorem;
use controls::{DimensionQd, NoBetaFactor, NullAlwaysCritical, TEqualsT1, ZeroGroupFreeVectors, ZeroTypeNeuron};
use deep::{SwapPaths, UnalignedSpare};
use lifting::{LiftCritical, LiftIdentity, NullNeuron};
use manifold::{ClosedForms, ManifoldGeometry, ManifoldZeroLoss};

/// The `symmetry.*` theorems of the catalogue, in catalogue order.
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(ClosedForms),
        Box::new(ManifoldGeometry),
        Box::new(ManifoldZeroLoss),
        Box::new(LiftCritical),
        Box::new(LiftIdentity),
        Box::new(NullNeuron),
        Box::new(SwapPaths),
    ]
}

/// Their negative controls (ids `symmetry.*.control.*`), in catalogue order.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(TEqualsT1),
        Box::new(DimensionQd),
        Box::new(ZeroGroupFreeVectors),
        Box::new(ZeroTypeNeuron),
        Box::new(NoBetaFactor),
        Box::new(NullAlwaysCritical),
        Box::new(UnalignedSpare),
    ]
}
