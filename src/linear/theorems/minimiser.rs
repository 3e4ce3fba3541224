//! `linear.minimiser.rational` and `linear.minimiser.algebraic`: the balanced rank-one critical
//! points of spec symmetry-linear B.2–B.3, on rational and on algebraic b.

use super::super::analysis::gradient_vanishes_at;
use super::super::derivatives::gradient;
use super::super::minimiser::Design;
use super::super::model::{LinearModel, Moments};
use super::{case_json, fails, positive_q, read_case, strs};
use crate::algebra::RealRoot;
use crate::linalg::Matrix;
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::theorem::stored::recheck_outcome;
use crate::theorem::{Evidence, Meta, Outcome, Recheck, Size, Theorem};
use serde_json::json;

/// Rational-b designs (spec B.6 item 2): choose b, then γ so that b solves (★).
pub(super) struct RationalMinimiser {
    pub(super) wrong_noise_factor: bool,
}

impl Theorem for RationalMinimiser {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.wrong_noise_factor {
                "linear.minimiser.rational.control.noise_factor"
            } else {
                "linear.minimiser.rational"
            },
            statement: "the balanced rank-one point with w = b^D (k b^{2D} A + γI)^{-1} m and k = Π(1 + s²/d_l) is a critical point when b > 0 solves (★)",
            source: "Ziyin, Li, Meng 2022, Theorem 4 (in a derived form: the balanced rank-one point and (★))",
            hypotheses: "squared loss with weight decay; A = aI, μ = ‖m‖ rational, equal decays γ = μ b^{D−1} − k a b^{2D} > 0, widths perfect squares",
            widths: super::SQUARE_WIDTHS,
            loss: crate::theorem::LossUse::MseOnly,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let h = size.max_height.max(2);
        let depth = rng.range(1, 2) as usize;
        let d0 = rng.range(1, 2) as usize;
        let mut widths = vec![d0, 4];
        if depth == 2 {
            widths.push(if rng.coin() { 1 } else { 4 });
        }
        let s2 = positive_q(rng, h);
        let a = positive_q(rng, h);
        let mu = Q::int(rng.range(1, 3 * h));
        let m: Vec<Q> = if d0 == 1 { vec![mu.clone()] } else { vec![mu.mul(&Q::new(3, 5)), mu.mul(&Q::new(4, 5))] };
        let b = positive_q(rng, h);
        let probe = LinearModel::equal_decay(widths.clone(), s2.clone(), Q::one()).expect("valid");
        let k = probe.noise_factor();
        let d = depth as i32;
        let gamma = mu.mul(&b.pow(d - 1)).sub(&k.mul(&a).mul(&b.pow(2 * d)));
        if gamma.signum() <= 0 {
            return Outcome::NotApplicable(format!("γ = μ b^(D−1) − k a b^(2D) = {gamma} is not positive"));
        }
        let model = LinearModel::equal_decay(widths, s2.clone(), gamma).expect("valid");
        let moments = Moments::isotropic(a, m, Q::int(rng.range(0, h)));
        self.judge(&model, &moments, &b)
    }
    /// Reads the model, moments and b, checks the hypotheses (equal decays, A = aI, b > 0,
    /// γ = μb^(D−1) − k a b^(2D) > 0 with μ = ‖m‖ rational) and judges again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let (model, moments, extra) = match read_case(case)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let b = crate::theorem::stored::rational(crate::theorem::stored::field(&extra, "b")?, "extra.b")?;
        let (Some(a), Some(mu)) = (moments.isotropic_scale(), moments.mu2().nth_root_exact(2)) else {
            return Ok(Recheck::NotApplicable("A is not a multiple of the identity, or ‖m‖ is irrational".into()));
        };
        let d = model.depth() as i32;
        let gamma = mu.mul(&b.pow(d - 1)).sub(&model.noise_factor().mul(&a).mul(&b.pow(2 * d)));
        if !model.has_equal_decays() || b.signum() <= 0 || *model.gamma_u() != gamma || gamma.signum() <= 0 {
            return Ok(Recheck::NotApplicable("needs equal decays γ = μ b^(D−1) − k a b^(2D) > 0 and b > 0".into()));
        }
        if Design::new(&model).is_err() {
            return Ok(Recheck::NotApplicable("the hidden widths are not perfect squares".into()));
        }
        Ok(recheck_outcome(case, self.judge(&model, &moments, &b)))
    }
}

impl RationalMinimiser {
    /// Whether the balanced rank-one point at b is critical and b solves (★).
    fn judge(&self, model: &LinearModel, moments: &Moments, b: &Q) -> Outcome {
        let mut design = Design::new(model).expect("square widths, equal decays");
        if self.wrong_noise_factor {
            design.k = Q::one().add(model.s2()).pow(model.depth() as i32);
        }
        let theta = design.point(moments, b);
        let grad = gradient(model, moments, &theta);
        let star_at_b = Design::new(model).expect("valid").star(moments).eval_q(b);
        if grad.iter().all(Ring::is_zero) && star_at_b.is_zero() {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            let case = case_json(model, moments, json!({"b": b.to_canonical(), "k_used": design.k.to_canonical()}));
            fails("∇L = 0 and (★) holds at b", format!("∇L = {:?}, (★) residual {star_at_b}", strs(&grad)), case)
        }
    }
}

/// Every positive root of (★) gives a critical point, proved exactly in Q(α).
pub(super) struct AlgebraicMinimiser {
    pub(super) perturb: bool,
}

impl Theorem for AlgebraicMinimiser {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.perturb {
                "linear.minimiser.algebraic.control.perturbed_root"
            } else {
                "linear.minimiser.algebraic"
            },
            statement: "at every positive root b of (★) the balanced rank-one point has ∇L = 0 (exactly, in Q(b))",
            source: "Ziyin, Li, Meng 2022, Theorem 4",
            hypotheses: "squared loss with weight decay; A diagonal positive definite, equal decays, widths perfect squares; (★) has a positive root",
            widths: super::SQUARE_WIDTHS,
            loss: crate::theorem::LossUse::MseOnly,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let h = size.max_height.clamp(2, 4);
        let depth = rng.range(1, 2) as usize;
        let widths = if depth == 1 { vec![2, 4] } else { vec![2, 4, 1] };
        let s2 = Q::new(rng.range(0, h), rng.range(1, h));
        let gamma = Q::new(1, rng.range(1, h));
        let model = LinearModel::equal_decay(widths, s2, gamma).expect("valid");
        let m = vec![Q::int(rng.range(1, 2 * h)), Q::int(rng.range(-2 * h, 2 * h))];
        let moments = if depth == 1 {
            let mut a = Matrix::zeros(2, 2);
            a.set(0, 0, positive_q(rng, h));
            a.set(1, 1, positive_q(rng, h));
            Moments { a, m, eyy: Q::int(10) }
        } else {
            Moments::isotropic(positive_q(rng, h), m, Q::int(10))
        };
        self.judge(&model, &moments)
    }
    /// Reads the model and moments, checks the hypotheses (equal decays, A diagonal positive
    /// definite, square widths) and judges again: (★), its roots and the root that fails are
    /// recomputed and must be the stored ones.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let (model, moments, _) = match read_case(case)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let n = moments.dim();
        let diagonal_pd = (0..n).all(|i| (0..n).all(|j| (i == j) == (moments.a.get(i, j).signum() > 0)));
        if !model.has_equal_decays() || !diagonal_pd || Design::new(&model).is_err() {
            return Ok(Recheck::NotApplicable(
                "needs equal decays, A diagonal positive definite and perfect-square widths".into(),
            ));
        }
        Ok(recheck_outcome(case, self.judge(&model, &moments)))
    }
}

impl AlgebraicMinimiser {
    /// Whether the balanced rank-one point is critical at every positive root of (★) (at the
    /// root plus 10⁻⁶ for the control).
    fn judge(&self, model: &LinearModel, moments: &Moments) -> Outcome {
        let design = Design::new(model).expect("square widths, equal decays");
        let star = design.star(moments);
        let roots = crate::algebra::positive_roots(&star);
        if roots.is_empty() {
            return Outcome::NotApplicable(format!("(★) = {star} has no positive root"));
        }
        let perturb = if self.perturb { Q::new(1, 1_000_000) } else { Q::zero() };
        for r in &roots {
            // The control moves to a rational point: the root (to within 10⁻¹²) plus 10⁻⁶;
            // arithmetic in Q(α) with a perturbed generator is needlessly slow.
            let r = match r {
                RealRoot::Algebraic(iso) if self.perturb => {
                    let mut iso = iso.clone();
                    let mid = iso.refine_below(&Q::new(1, 1_000_000_000_000)).unwrap_or_else(|| iso.lo().clone());
                    &RealRoot::Rational(mid.add(&perturb))
                }
                RealRoot::Rational(b) if self.perturb => &RealRoot::Rational(b.add(&perturb)),
                other => other,
            };
            if !gradient_vanishes_at(&design, model, moments, r, &Q::zero()) {
                let case = case_json(
                    model,
                    moments,
                    json!({"star": star.to_string(), "root": r.to_string(), "perturbation": perturb.to_canonical()}),
                );
                return fails("∇L = 0 at the root", "∇L ≠ 0 (decided exactly in Q(α))".to_string(), case);
            }
        }
        Outcome::Holds(Evidence::CheckedExactly)
    }
}
