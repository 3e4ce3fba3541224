//! The Hessian theorems of the catalogue (`hessian.*`), each with negative controls (width-depth
//! spec §2.5, §4). The mathematics they check lives in the modules above this one
//! ([`crate::hessian`], [`crate::hessian::theorem_s`], [`crate::hessian::truly_bad`],
//! [`crate::hessian::fukumizu_amari`]); here are the generated cases, the judgements and the
//! re-checks of stored cases.
//!
//! - [`inertia`] checks `hessian.irreversibility`, `hessian.theorem_n`, `hessian.cooper`;
//! - [`mod@theorem_s`] checks `hessian.theorem_s`, `hessian.degeneracy_increment`;
//! - [`truly_bad`] checks `hessian.truly_bad.global_saddle`, `hessian.truly_bad.zero_loss`;
//! - [`mod@fukumizu_amari`] checks `hessian.fukumizu_amari`.

pub mod fukumizu_amari;
pub mod inertia;
pub mod theorem_s;
pub mod truly_bad;

pub use inertia::{null_block, Cooper, Irreversibility, TheoremN, WIDTHS};

use crate::theorem::{Inapplicable, Theorem};

/// A Fukumizu–Amari analysis that cannot be carried out is a case the claims do not apply to.
impl From<crate::hessian::fukumizu_amari::FaError> for Inapplicable {
    fn from(e: crate::hessian::fukumizu_amari::FaError) -> Inapplicable {
        Inapplicable::operator(e)
    }
}

/// The Hessian theorems of the catalogue, in catalogue order.
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    let mut out = inertia::theorems();
    out.extend(truly_bad::theorems());
    out.extend(theorem_s::theorems());
    out.extend(fukumizu_amari::theorems());
    out
}

/// Their negative controls (each must fail on some generated case), in catalogue order.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    let mut out = inertia::controls();
    out.extend(truly_bad::controls());
    out.extend(theorem_s::controls());
    out.extend(fukumizu_amari::controls());
    out
}
