//! The `symmetry.*` catalogue ids are unique and namespaced (that every entry holds on generated
//! cases and every control is caught is tested for the whole catalogue in `tests/theorem/catalogue.rs`).

use embedcheck::symmetry::{controls, theorems};
use std::collections::HashSet;

#[test]
fn ids_are_unique_and_namespaced() {
    let all: Vec<_> = theorems().into_iter().chain(controls()).collect();
    let ids: HashSet<_> = all.iter().map(|t| t.id()).collect();
    assert_eq!(ids.len(), all.len());
    assert!(theorems().iter().all(|t| t.id().starts_with("symmetry.") && !t.id().contains(".control.")));
    assert!(controls().iter().all(|t| t.id().starts_with("symmetry.") && t.id().contains(".control.")));
}
