//! Catalogue entries `depth.*` and their negative controls.

use crate::theorem::Theorem;

/// The depth theorems of the catalogue.
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    Vec::new()
}

/// Negative controls: deliberately wrong variants that must fail on some generated case.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    Vec::new()
}
