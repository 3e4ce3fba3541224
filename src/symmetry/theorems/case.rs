//! The pieces the `symmetry.*` checks share: a failing outcome, a random σ, small (r, m).

use crate::activation::{Activation, ExactActivation};
use crate::rng::Rng;
use crate::theorem::{Counterexample, Outcome, Size};

/// A failing outcome.
pub(crate) fn fails(expected: impl Into<String>, computed: impl Into<String>, case: serde_json::Value) -> Outcome {
    Outcome::Fails(Box::new(Counterexample { expected: expected.into(), computed: computed.into(), case }))
}

/// A random polynomial σ of degree 3 with nonzero linear and cubic coefficients; σ(0) = `c0`, or
/// random when `None`.
pub(crate) fn random_sigma(rng: &mut Rng, c0: Option<crate::scalar::Q>) -> ExactActivation {
    let c0 = c0.unwrap_or_else(|| rng.small_q(3, 3));
    let c = vec![c0, rng.small_nonzero_q(3, 2), rng.small_q(3, 2), rng.small_nonzero_q(2, 3)];
    Activation::poly(c).exact().expect("polynomials are exact").clone()
}

/// (r, m) with 1 ≤ r ≤ min(m, 3), m ≤ `size.max_width` as passed (the harness has applied the
/// theorem's width rule: [`COUNTS_WIDTHS`](super::manifold::COUNTS_WIDTHS),
/// [`POINT_WIDTHS`](super::manifold::POINT_WIDTHS) or [`GEOMETRY_WIDTHS`](super::manifold::GEOMETRY_WIDTHS)).
pub(crate) fn small_r_m(rng: &mut Rng, size: Size) -> (usize, usize) {
    let m_max = size.max_width.max(1);
    let m = rng.range(1, m_max as i64) as usize;
    let r = rng.range(1, m.min(3) as i64) as usize;
    (r, m)
}
