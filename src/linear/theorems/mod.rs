//! Catalogue entries `linear.*` (spec symmetry-linear B.6) and their negative controls.
//!
//! Cases are generated small (d_0 ≤ 2, D ≤ 2) so the whole set runs in seconds. The entries on
//! balanced points need widths 1 or 4 (so that 1/√d_l is rational) and declare them fixed
//! (`SQUARE_WIDTHS`); the others draw hidden widths up to the width passed, capped where the
//! work grows fast (`NOISE_WIDTHS`, `ORIGIN_WIDTHS`).

mod minimiser;
mod noise;
mod origin;

use super::model::{LinearModel, Moments};
use crate::rng::Rng;
use crate::scalar::Q;
use crate::theorem::{Counterexample, Outcome, Theorem, WidthRule};

/// The width rule of `linear.minimiser.*`, `linear.threshold.tie` and their controls.
const SQUARE_WIDTHS: WidthRule = WidthRule::Fixed {
    max: 4,
    reason:
        "balanced points need perfect-square widths (1 or 4, so 1/√d_l is rational); hidden widths fixed at 1 and 4",
};

/// The width rule of `linear.noise.average` and its control.
const NOISE_WIDTHS: WidthRule = WidthRule::Capped {
    max: 6,
    reason: "exact average over all 2^(hidden units) noise patterns: at width 8 up to 0.5 s per case",
};

/// The width rule of `linear.origin.inertia` and its control.
const ORIGIN_WIDTHS: WidthRule =
    WidthRule::Capped { max: 8, reason: "exact Hessian inertia at the origin: at width 12 up to 1.4 s per case" };
use minimiser::{AlgebraicMinimiser, RationalMinimiser};
use noise::NoiseAverage;
use origin::{OriginInertia, TieAtGammaC};
use serde_json::json;

/// A failed check with its case.
fn fails(expected: &str, computed: String, case: serde_json::Value) -> Outcome {
    Outcome::Fails(Box::new(Counterexample { expected: expected.to_string(), computed, case }))
}

/// Canonical strings of rationals.
fn strs(v: &[Q]) -> Vec<String> {
    v.iter().map(Q::to_canonical).collect()
}

/// The model and moments of a case, as a counterexample's JSON.
fn case_json(model: &LinearModel, moments: &Moments, extra: serde_json::Value) -> serde_json::Value {
    json!({
        "widths": model.widths(),
        "s2": model.s2().to_canonical(),
        "gamma_u": model.gamma_u().to_canonical(),
        "gammas": strs(model.gammas()),
        "A": moments.a.to_rows().iter().map(|r| strs(r)).collect::<Vec<_>>(),
        "m": strs(&moments.m),
        "Eyy": moments.eyy.to_canonical(),
        "extra": extra,
    })
}

/// A stored case read back: the model and moments [`case_json`] wrote, and its `extra`.
type Stored = (LinearModel, Moments, serde_json::Value);

/// Reads a stored case. The outer error: a field is missing or malformed; the inner error: the
/// numbers do not make a model (a decay ≤ 0, s² < 0, …) or the moments do not fit it.
fn read_case(v: &serde_json::Value) -> crate::theorem::stored::Read<Stored> {
    use crate::theorem::stored::{field, indices, rational, rational_rows, rationals};
    let widths = indices(field(v, "widths")?, "widths")?;
    let s2 = rational(field(v, "s2")?, "s2")?;
    let gamma_u = rational(field(v, "gamma_u")?, "gamma_u")?;
    let gammas = rationals(field(v, "gammas")?, "gammas")?;
    let a = rational_rows(field(v, "A")?, "A")?;
    let m = rationals(field(v, "m")?, "m")?;
    let eyy = rational(field(v, "Eyy")?, "Eyy")?;
    let extra = field(v, "extra")?.clone();
    let model = match LinearModel::new(widths, s2, gamma_u, gammas) {
        Ok(model) => model,
        Err(e) => return Ok(Err(e.into())),
    };
    let d0 = model.widths()[0];
    if m.len() != d0 || a.len() != d0 || a.iter().any(|r| r.len() != d0) {
        return Ok(Err(format!("the moments A ({0} × {0}) and m ({0}) must fit d_0 = {d0}", m.len()).into()));
    }
    let a = crate::linalg::Matrix::from_rows(a, d0);
    if a.transpose() != a || crate::linalg::inertia(&a).negative > 0 || eyy.signum() < 0 {
        return Ok(Err("A = E[xxᵀ] must be symmetric positive semidefinite and E[y²] ≥ 0".into()));
    }
    Ok(Ok((model, Moments { a, m, eyy }, extra)))
}

/// A positive rational p/q with 1 ≤ p, q ≤ h.
fn positive_q(rng: &mut Rng, h: i64) -> Q {
    Q::new(rng.range(1, h), rng.range(1, h))
}

/// The catalogue entries of the deep linear model.
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(NoiseAverage { ignore_noise: false }),
        Box::new(RationalMinimiser { wrong_noise_factor: false }),
        Box::new(AlgebraicMinimiser { perturb: false }),
        Box::new(OriginInertia { one_layer_formula_everywhere: false }),
        Box::new(TieAtGammaC { shifted: false }),
    ]
}

/// Negative controls: deliberately wrong variants that must fail on some generated case.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(NoiseAverage { ignore_noise: true }),
        Box::new(RationalMinimiser { wrong_noise_factor: true }),
        Box::new(AlgebraicMinimiser { perturb: true }),
        Box::new(OriginInertia { one_layer_formula_everywhere: true }),
        Box::new(TieAtGammaC { shifted: true }),
    ]
}

/// A model that cannot be built is a case the claims do not apply to.
impl From<crate::linear::LinearError> for crate::theorem::Inapplicable {
    fn from(e: crate::linear::LinearError) -> crate::theorem::Inapplicable {
        crate::theorem::Inapplicable::operator(e)
    }
}
