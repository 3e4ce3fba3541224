//! Fast exact inertia of a symmetric rational matrix: a float-guided congruence whose result is
//! checked exactly, with exact fallbacks. The answer never depends on a float comparison.
//!
//! 1. **Filter** (mod p, [`crate::linalg::modular`]): if rank_p(A) < n the matrix may be singular; try
//!    the null-space certificate [`crate::linalg::singular_certificate`] (exact, reduces A to a
//!    nonsingular principal block), else go to the fraction-free elimination
//!    [`crate::linalg::inertia_bareiss`].
//! 2. **Certify** by a float-guided congruence checked exactly in integer arithmetic, refined
//!    on the rows that fail ([`crate::linalg::dominance_certificate`], whose module docs give the proof).
//! 3. If the check fails (an ill-conditioned A), fall back to [`crate::linalg::inertia_bareiss`].

use crate::linalg::{
    bareiss_cost, dominance_certificate, inertia, inertia_bareiss, modular, singular_certificate_from_rows, Inertia,
    Matrix,
};
use crate::scalar::Q;

/// Below this size the plain congruence elimination ([`crate::linalg::inertia()`]) is used directly.
pub const SMALL: usize = 12;

/// How an inertia was obtained (all are exact).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InertiaMethod {
    /// Congruence elimination over Q (small matrices).
    Congruence,
    /// Float-guided congruence checked exactly by generalized diagonal dominance.
    DominanceCertificate,
    /// Fraction-free symmetric elimination on integers.
    Bareiss,
    /// A verified null-space certificate reducing a singular matrix to a principal block, whose
    /// inertia is certified by dominance ([`crate::linalg::singular_certificate`]).
    SingularCertificate,
}

/// The exact inertia of the symmetric rational matrix `a`, choosing the fastest exact method
/// (module docs), and which method gave it.
///
/// # Panics
/// If `a` is not square and symmetric.
pub fn inertia_certified(a: &Matrix<Q>) -> (Inertia, InertiaMethod) {
    inertia_certified_within(a, f64::INFINITY).expect("no work limit")
}

/// Why [`inertia_certified_within`] gave no inertia: the fast certificates did not apply and the
/// fraction-free elimination's estimated work ([`crate::linalg::bareiss_cost`]) is over the budget.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OverBudget {
    /// The estimated work of the elimination, in limb products.
    pub cost: f64,
    /// The budget it exceeds, in limb products.
    pub max_cost: f64,
}

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the exact elimination would cost about {:.3e} limb products, over the budget of {:.3e}",
            self.cost, self.max_cost
        )
    }
}

impl std::error::Error for OverBudget {}

/// [`inertia_certified`], but when the fast certificates do not apply and the fraction-free
/// elimination's estimated work ([`crate::linalg::bareiss_cost`]) exceeds `max_cost` limb products,
/// an [`OverBudget`] error instead of starting it (for commands that must end: exit code 3).
///
/// # Errors
/// [`OverBudget`] with the cost estimate, when it is over `max_cost`.
///
/// # Panics
/// If `a` is not square and symmetric.
pub fn inertia_certified_within(a: &Matrix<Q>, max_cost: f64) -> Result<(Inertia, InertiaMethod), OverBudget> {
    assert!(a.is_symmetric(), "inertia of a non-symmetric matrix");
    let n = a.rows();
    if n <= SMALL {
        return Ok((inertia(a), InertiaMethod::Congruence));
    }
    // Rows independent mod p (`None`: p divides a denominator; neither certificate applies).
    match modular::reduce(a).map(|m| modular::independent_rows_mod_p(&m)) {
        Some(rows) if rows.len() == n => {
            if let Some(i) = dominance_certificate(a) {
                return Ok((i, InertiaMethod::DominanceCertificate));
            }
        }
        Some(rows) => {
            if let Some(i) = singular_certificate_from_rows(a, rows) {
                return Ok((i, InertiaMethod::SingularCertificate));
            }
        }
        None => {}
    }
    if max_cost.is_finite() {
        let cost = bareiss_cost(a);
        if cost > max_cost {
            return Err(OverBudget { cost, max_cost });
        }
    }
    Ok((inertia_bareiss(a), InertiaMethod::Bareiss))
}
