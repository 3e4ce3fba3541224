//! Spec A.3 item 1: every point of every Γ_C reproduces the teacher exactly, so it has zero loss
//! and zero gradient, for any σ and any data (Σ_{j∈B} a_j σ(w*_i·x) = a*_i σ(w*_i·x) and
//! Σ_{j∈Z} a_j σ(w·x) = 0). Checked at random exact points; this is the direction that always
//! holds. Completeness (nothing else has zero loss) is *not* checked and not claimed: it fails for
//! polynomial σ once there are many distinct vectors (spec A.3 item 2).

use super::manifold::Subspace;
use super::shallow::{random_inputs, teacher_data, Shallow};
use super::Configuration;
use crate::activation::ExactActivation;
use crate::net::EvalError;
use crate::rng::Rng;
use crate::scalar::Ring;

/// The outcome of the zero-loss / zero-gradient check over a list of subspaces.
#[derive(Clone, Debug, PartialEq)]
pub struct ZeroLossReport {
    /// The teacher θ* used (random, irreducible).
    pub teacher: Shallow,
    /// Number of input samples.
    pub samples: usize,
    /// Number of subspaces checked (one random point each).
    pub checked: usize,
    /// Configurations whose point had nonzero loss or nonzero gradient (empty when the claim holds).
    pub failures: Vec<Configuration>,
}

impl ZeroLossReport {
    /// Whether every checked point had loss 0 and gradient 0, exactly.
    pub fn holds(&self) -> bool {
        self.failures.is_empty() && self.checked > 0
    }
}

/// Picks a random irreducible teacher of width r on Q^d and `samples` random inputs, then checks
/// one random point of each subspace: f = teacher on every input, loss 0, gradient 0 (exactly).
///
/// # Errors
/// [`EvalError`] if σ has a pole at some pre-activation.
pub fn check_zero_loss(
    subspaces: &[Subspace],
    r: usize,
    d: usize,
    sigma: &ExactActivation,
    samples: usize,
    rng: &mut Rng,
) -> Result<ZeroLossReport, EvalError> {
    let teacher = Shallow::random_irreducible(rng, r, d, 5);
    let data = teacher_data(&teacher, sigma, random_inputs(rng, samples, d, 5))?;
    let mut failures = Vec::new();
    for s in subspaces {
        let point = s.random_point(&teacher, rng);
        let e = point.evaluate(sigma, &data)?;
        if !e.loss.is_zero() || !e.is_critical() {
            failures.push(s.config.clone());
        }
    }
    Ok(ZeroLossReport { teacher, samples, checked: subspaces.len(), failures })
}
