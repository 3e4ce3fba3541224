//! What a command may start on the second-order path, and what the inertia says about a point:
//! the budgets shared by `hessian`, `alpha-range` and the other commands (time and memory of an
//! exact Hessian, work of an exact inertia, size of an f64 Hessian), checked before the work
//! with typed errors ([`LimitError`]) that the command line turns into exit code 3 and a message.

use super::cost::{exact_hessian_cost, ExactCost};
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::linalg::{inertia_certified_within, Inertia, InertiaMethod, Matrix};
use crate::loss::ExactLoss;
use crate::net::{evaluate_exact, Params};
use crate::scalar::Q;

/// Largest estimated work of the fraction-free elimination an exact inertia may start, in 64-bit
/// limb products ([`crate::linalg::bareiss_cost`]): about a minute at the 0.4–1·10⁹ products per
/// second measured on the reference machine (README, Performance).
pub const BAREISS_BUDGET: f64 = 5e10;

/// Largest estimated wall time of an exact Hessian plus its certified inertia that a command
/// starts ([`super::cost`]): ten minutes.
pub const EXACT_SECONDS_BUDGET: f64 = 600.0;

/// Largest M for an f64 Hessian: 32 MiB of entries; a tanh net with M = 2037 and 16 samples
/// takes 18 s here (Hessian and Householder + QL spectrum).
pub const MAX_FLOAT_PARAMS: usize = 2048;

/// Memory assumed available when the system does not say (`MemAvailable` in `/proc/meminfo`).
const DEFAULT_AVAILABLE_BYTES: f64 = 4.0 * 1024.0 * 1024.0 * 1024.0;

/// Work over a budget of this module, with what the estimate was.
#[derive(Clone, Debug, PartialEq)]
pub enum LimitError {
    /// An f64 Hessian of `m` parameters, over [`MAX_FLOAT_PARAMS`].
    FloatTooLarge {
        /// M.
        m: usize,
    },
    /// An exact Hessian plus certified inertia estimated over the memory available or over
    /// [`EXACT_SECONDS_BUDGET`].
    ExactTooCostly {
        /// M.
        m: usize,
        /// n, the number of samples.
        n: usize,
        /// The height in bits of the exact gradient's largest entry (the entries' size).
        height: u64,
        /// The estimate.
        cost: ExactCost,
        /// The memory available, in bytes.
        available: f64,
    },
    /// An exact inertia of an `n` × `n` matrix for which only an elimination of about `cost`
    /// limb products (over [`BAREISS_BUDGET`]) is left.
    InertiaTooCostly {
        /// The matrix's order.
        n: usize,
        /// The elimination's estimated work.
        cost: f64,
    },
}

/// The classification of a point from criticality and the Hessian's inertia (\[P2\] Def. 6.1).
pub fn classify(critical: bool, i: &Inertia) -> &'static str {
    if !critical {
        "not critical"
    } else if i.negative > 0 {
        "strict saddle"
    } else if i.zero > 0 {
        "degenerate with no negative direction"
    } else {
        "positive definite, so a strict local minimum"
    }
}

/// [`LimitError::FloatTooLarge`] when an f64 Hessian of `m` parameters is over
/// [`MAX_FLOAT_PARAMS`].
///
/// # Errors
/// As said.
pub fn check_float_hessian_size(m: usize) -> Result<(), LimitError> {
    if m <= MAX_FLOAT_PARAMS {
        Ok(())
    } else {
        Err(LimitError::FloatTooLarge { m })
    }
}

/// The memory the system reports available, in bytes (`MemAvailable`, Linux), if it does.
fn available_bytes() -> Option<f64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0)
}

/// [`LimitError::ExactTooCostly`] when the exact Hessian of `params` on `data` plus its certified
/// inertia is estimated ([`exact_hessian_cost`], from M, n and the height of the exact
/// gradient's entries) to need more memory than the machine has available or more than
/// [`EXACT_SECONDS_BUDGET`].
///
/// # Errors
/// As said. (An evaluation error here, a pole or a shape, is left to the computation itself.)
pub fn check_exact_hessian_cost(
    params: &Params<Q>,
    act: &ExactActivation,
    data: &Dataset<Q>,
) -> Result<(), LimitError> {
    let (m, n) = (params.num_params(), data.len());
    let height = evaluate_exact(params, act, &ExactLoss::Mse, data)
        .map_or(64, |ev| ev.gradient.flatten().iter().map(Q::height_bits).max().unwrap_or(0));
    let cost = exact_hessian_cost(m, n, height);
    let available = available_bytes().unwrap_or(DEFAULT_AVAILABLE_BYTES);
    if cost.bytes <= available && cost.seconds <= EXACT_SECONDS_BUDGET {
        return Ok(());
    }
    Err(LimitError::ExactTooCostly { m, n, height, cost, available })
}

/// The certified exact inertia of `h` within [`BAREISS_BUDGET`] (`linalg::inertia_certified_within`).
///
/// # Errors
/// [`LimitError::InertiaTooCostly`] when only an elimination over the budget is left.
pub fn exact_inertia(h: &Matrix<Q>) -> Result<(Inertia, InertiaMethod), LimitError> {
    inertia_certified_within(h, BAREISS_BUDGET).map_err(|e| LimitError::InertiaTooCostly { n: h.rows(), cost: e.cost })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_follows_the_signs_of_the_inertia() {
        let i = |positive, negative, zero| Inertia { positive, negative, zero };
        assert_eq!(classify(false, &i(3, 0, 0)), "not critical");
        assert_eq!(classify(true, &i(3, 1, 1)), "strict saddle");
        assert_eq!(classify(true, &i(3, 0, 1)), "degenerate with no negative direction");
        assert_eq!(classify(true, &i(3, 0, 0)), "positive definite, so a strict local minimum");
    }

    #[test]
    fn f64_hessians_stop_past_the_size_limit() {
        assert_eq!(check_float_hessian_size(MAX_FLOAT_PARAMS), Ok(()));
        assert_eq!(check_float_hessian_size(MAX_FLOAT_PARAMS + 1), Err(LimitError::FloatTooLarge { m: 2049 }));
    }
}
