//! `linear.origin.inertia` and `linear.threshold.tie`: the origin's Hessian inertia and the tie
//! of two global minima at γ = γ_c (spec symmetry-linear B.4).

use super::super::analysis::analyse;
use super::super::model::{LinearModel, Moments};
use super::super::origin::{origin_inertia, predicted_origin_inertia};
use super::{case_json, fails, positive_q, read_case};
use crate::algebra::RealRoot;
use crate::linalg::{Inertia, Matrix};
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::theorem::stored::judge_stored;
use crate::theorem::stored::recheck_outcome;
use crate::theorem::{Evidence, Meta, Outcome, Recheck, Size, Theorem};
use serde_json::json;

/// The Hessian inertia at the origin: three D = 1 cases; positive definite for D ≥ 2.
pub(super) struct OriginInertia {
    pub(super) one_layer_formula_everywhere: bool,
}

impl Theorem for OriginInertia {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.one_layer_formula_everywhere {
                "linear.origin.inertia.control.one_layer_formula"
            } else {
                "linear.origin.inertia"
            },
            statement: "D = 1: inertia of ∇²L(0) is (d1 d0, d1, 0), (d1 d0, 0, d1), (d1(d0+1), 0, 0) as μ² >, =, < γ_uγ_w; D ≥ 2: positive definite",
            source: "Ziyin, Li, Meng 2022 (the origin as a bad minimum); the inertia at 0 derived",
            hypotheses: "squared loss with weight decay (the model of the statement); γ_u, γ_l > 0; any data moments and any s² ≥ 0",
            widths: super::ORIGIN_WIDTHS,
            loss: crate::theorem::LossUse::MseOnly,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let h = size.max_height.max(2);
        let depth = rng.range(1, 2) as usize;
        let d0 = rng.range(1, 2) as usize;
        // Hidden widths up to the width passed (the harness has applied `ORIGIN_WIDTHS`).
        let wmax = size.max_width.max(1) as i64;
        let widths: Vec<usize> = std::iter::once(d0).chain((0..depth).map(|_| rng.range(1, wmax) as usize)).collect();
        let gamma_u = positive_q(rng, h);
        let gammas: Vec<Q> = (0..depth).map(|_| positive_q(rng, h)).collect();
        let model = LinearModel::new(widths.clone(), Q::new(rng.range(0, h), h), gamma_u, gammas).expect("valid");
        let mut a = Matrix::zeros(d0, d0);
        for i in 0..d0 {
            a.set(i, i, positive_q(rng, h));
        }
        // Large signal half the time (μ² > γ_uγ_w: a saddle for D = 1).
        let scale = if rng.coin() { 3 * h } else { 1 };
        let m: Vec<Q> = (0..d0).map(|_| rng.small_q(h, h).mul(&Q::int(scale))).collect();
        let moments = Moments { a, m, eyy: Q::one() };
        self.judge(&model, &moments)
    }
    /// Reads the model and moments and judges again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, read_case(case)?, |(model, moments, _)| self.judge(&model, &moments)))
    }
}

impl OriginInertia {
    /// The exact inertia of ∇²L(0) against the predicted one.
    fn judge(&self, model: &LinearModel, moments: &Moments) -> Outcome {
        let (depth, widths) = (model.depth(), model.widths());
        let computed = origin_inertia(model, moments);
        let predicted = if self.one_layer_formula_everywhere && depth >= 2 {
            let n = model.num_params();
            let dd = widths[depth];
            match moments.mu2().cmp(&model.gamma_u().mul(&model.gammas()[depth - 1])) {
                std::cmp::Ordering::Greater => Inertia::new(n - dd, dd, 0),
                std::cmp::Ordering::Equal => Inertia::new(n - dd, 0, dd),
                std::cmp::Ordering::Less => Inertia::new(n, 0, 0),
            }
        } else {
            predicted_origin_inertia(model, moments)
        };
        if computed == predicted {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            fails(
                &format!("inertia {predicted}"),
                format!("inertia {computed}"),
                case_json(model, moments, json!(null)),
            )
        }
    }
}

/// The tie at γ = γ_c on rational designs (spec B.5 row 4 generalised): b = 0 and b = β are
/// both global minima.
pub(super) struct TieAtGammaC {
    pub(super) shifted: bool,
}

impl Theorem for TieAtGammaC {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.shifted {
                "linear.threshold.tie.control.shifted_gamma"
            } else {
                "linear.threshold.tie"
            },
            statement: "isotropic D ≥ 2 at γ = γ_c: L(θ(β)) = L(0) with ∇L(θ(β)) = 0, β^{D+1} = (D−1)μ/(Dka): two global minima",
            source: "Ziyin, Li, Meng 2022 (the phase transition at the origin); the first-order tie at γ_c derived",
            hypotheses: "squared loss with weight decay; A = aI, equal decays, β rational (μ = D k a β^{D+1}/(D−1)), γ = γ_c = (μ/D) β^{D−1}",
            widths: super::SQUARE_WIDTHS,
            loss: crate::theorem::LossUse::MseOnly,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let h = size.max_height.clamp(2, 4);
        let beta = positive_q(rng, h);
        let a = positive_q(rng, h);
        let widths = vec![1, 1, if rng.coin() { 1 } else { 4 }];
        let s2 = Q::new(rng.range(0, h), h);
        let k = LinearModel::equal_decay(widths.clone(), s2.clone(), Q::one()).expect("valid").noise_factor();
        let mu = Q::int(2).mul(&k).mul(&a).mul(&beta.pow(3));
        let mut gamma_c = mu.mul(&beta).mul(&Q::new(1, 2));
        if self.shifted {
            gamma_c = gamma_c.mul(&Q::new(101, 100));
        }
        let model = LinearModel::equal_decay(widths, s2, gamma_c).expect("valid");
        let moments = Moments::isotropic(a, vec![mu], Q::int(rng.range(0, h)));
        self.judge(&model, &moments, &beta)
    }
    /// Reads the model, moments and β, checks the hypotheses that make β a tie (A = aI with
    /// d_0 = 1, D = 2, equal decays, μ = 2kaβ³ and γ = γ_c = μβ/2, times 101/100 for the control)
    /// and judges again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let (model, moments, extra) = match read_case(case)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        use crate::theorem::stored::{field, rational};
        let beta = rational(field(&extra, "beta")?, "extra.beta")?;
        let Some(a) = moments.isotropic_scale() else {
            return Ok(Recheck::NotApplicable("A is not a multiple of the identity".into()));
        };
        if model.widths().len() != 3 || model.widths()[0] != 1 || !model.has_equal_decays() || beta.signum() <= 0 {
            return Ok(Recheck::NotApplicable("the tie needs d_0 = 1, D = 2, equal decays and β > 0".into()));
        }
        let mu = Q::int(2).mul(&model.noise_factor()).mul(&a).mul(&beta.pow(3));
        let mut gamma_c = mu.mul(&beta).mul(&Q::new(1, 2));
        if self.shifted {
            gamma_c = gamma_c.mul(&Q::new(101, 100));
        }
        if moments.m != [mu] || *model.gamma_u() != gamma_c {
            return Ok(Recheck::NotApplicable("m ≠ 2kaβ³ or γ ≠ γ_c = μβ/2 (× 101/100 for the control)".into()));
        }
        Ok(recheck_outcome(case, self.judge(&model, &moments, &beta)))
    }
}

impl TieAtGammaC {
    /// Whether b = 0 and b = β are the two global minima.
    fn judge(&self, model: &LinearModel, moments: &Moments, beta: &Q) -> Outcome {
        let an = match analyse(model, moments, false) {
            Ok(an) => an,
            Err(e) => return Outcome::NotApplicable(e.to_string()),
        };
        let tie = an.candidates.iter().any(|c| c.b == Some(RealRoot::Rational(beta.clone())) && c.gradient_vanishes)
            && an.global.len() == 2
            && an.global[0] == 0;
        if tie {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            fails(
                "two global minima, b = 0 and b = β",
                format!("global candidates {:?}", an.global),
                case_json(model, moments, json!({"beta": beta.to_canonical()})),
            )
        }
    }
}
