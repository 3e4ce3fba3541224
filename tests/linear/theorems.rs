//! The `linear.*` catalogue ids are namespaced (that every entry holds on generated cases and
//! every negative control is caught, spec symmetry-linear B.6, is tested for the whole catalogue
//! in `tests/theorem/catalogue.rs`).

use embedcheck::linear::{controls, theorems};

#[test]
fn linear_ids_are_namespaced_and_controls_are_marked() {
    for t in theorems() {
        assert!(t.id().starts_with("linear."), "{}", t.id());
    }
    for c in controls() {
        assert!(c.id().contains(".control."), "{}", c.id());
    }
}
