//! Catalogue entries `linear.*` (spec symmetry-linear B.6) and their negative controls.
//!
//! Cases are generated small (d_0 ≤ 2, D ≤ 2, widths 1 or 4 so that 1/√d_l is rational) so the
//! whole set runs in seconds.

use super::analysis::{analyse, gradient_vanishes_at};
use super::derivatives::gradient;
use super::minimiser::Design;
use super::model::{loss, LinearModel, Moments};
use super::origin::{origin_inertia, predicted_origin_inertia};
use crate::algebra::RealRoot;
use crate::linalg::{Inertia, Matrix};
use crate::net::{Layer, Params};
use crate::rng::Rng;
use crate::scalar::{Field, Q};
use crate::theorem::{Counterexample, Evidence, Outcome, Size, Theorem};
use serde_json::json;

fn fails(expected: &str, computed: String, case: serde_json::Value) -> Outcome {
    Outcome::Fails(Box::new(Counterexample { expected: expected.to_string(), computed, case }))
}

fn strs(v: &[Q]) -> Vec<String> {
    v.iter().map(Q::to_canonical).collect()
}

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

fn positive_q(rng: &mut Rng, h: i64) -> Q {
    Q::new(rng.range(1, h), rng.range(1, h))
}

// ---------------------------------------------------------------------------------------------
// linear.noise.average

/// The C_l recursion equals enumeration of a two-point noise law ε ∈ {1 − s, 1 + s}.
struct NoiseAverage {
    ignore_noise: bool,
}

impl Theorem for NoiseAverage {
    fn id(&self) -> &'static str {
        if self.ignore_noise {
            "linear.noise.average.control.noise_ignored"
        } else {
            "linear.noise.average"
        }
    }
    fn statement(&self) -> &'static str {
        "E_x E_ε (f(x) − y)² = Uᵀ C_D U − 2 Uᵀ W_D⋯W_1 m + E[y²] with C_l = (W_l C_{l−1} W_lᵀ)∘(11ᵀ + s²I)"
    }
    fn source(&self) -> &'static str {
        "Ziyin, Li, Meng 2022, eq. 1; spec symmetry-linear B.1"
    }
    fn hypotheses(&self) -> &'static str {
        "independent unit noise with mean 1 and variance s², here two-point ε ∈ {1 − s, 1 + s}"
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let h = size.max_height.max(2);
        let d0 = rng.range(1, 2) as usize;
        let widths: Vec<usize> =
            std::iter::once(d0).chain((0..rng.range(1, 2)).map(|_| rng.range(1, 2) as usize)).collect();
        let s = Q::new(rng.range(1, 3), 4);
        let n = rng.range(1, 3) as usize;
        let xs: Vec<Vec<Q>> = (0..n).map(|_| (0..d0).map(|_| rng.small_q(h, h)).collect()).collect();
        let ys: Vec<Q> = (0..n).map(|_| rng.small_q(h, h)).collect();
        let mut layers: Vec<Layer<Q>> = widths
            .windows(2)
            .map(|w| Layer {
                weight: Matrix::from_vec(w[1], w[0], (0..w[0] * w[1]).map(|_| rng.small_q(h, h)).collect()),
                bias: None,
            })
            .collect();
        let dd = widths[widths.len() - 1];
        layers
            .push(Layer { weight: Matrix::from_vec(1, dd, (0..dd).map(|_| rng.small_q(h, h)).collect()), bias: None });
        let params = Params::new(layers).expect("shapes chain");
        let depth = widths.len() - 1;
        let units: usize = widths[1..].iter().sum();
        let mut total = Q::zero();
        for pattern in 0..(1u64 << units) {
            for (x, y) in xs.iter().zip(&ys) {
                let mut v = x.clone();
                let mut bit = 0;
                for l in 1..=depth {
                    v = params.layer(l).weight.mul_vec(&v);
                    for t in v.iter_mut() {
                        let e = if pattern >> bit & 1 == 1 { Q::one().add(&s) } else { Q::one().sub(&s) };
                        *t = t.mul(&e);
                        bit += 1;
                    }
                }
                let f = params.layer(depth + 1).weight.mul_vec(&v)[0].clone();
                total.add_assign(&f.sub(y).square());
            }
        }
        let enumerated = total.mul(&Q::new(1, (n as i64) << units));
        let s2 = if self.ignore_noise { Q::zero() } else { s.square() };
        let tiny = Q::new(1, 1_000_000);
        let model = LinearModel::equal_decay(widths.clone(), s2, tiny.clone()).expect("valid model");
        let data = crate::data::Dataset::new(xs, ys.iter().map(|y| vec![y.clone()]).collect()).expect("valid data");
        let moments = Moments::from_data(&data).expect("scalar targets");
        let reg = params.flatten().iter().fold(Q::zero(), |acc, x| acc.add(&x.square())).mul(&tiny);
        let formula = loss(&model, &moments, &params).sub(&reg);
        if formula == enumerated {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            let case = case_json(&model, &moments, json!({"params": strs(&params.flatten()), "s": s.to_canonical()}));
            fails(&format!("enumeration = {enumerated}"), format!("C_l formula = {formula}"), case)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// linear.minimiser.rational

/// Rational-b designs (spec B.6 item 2): choose b, then γ so that b solves (★).
struct RationalMinimiser {
    wrong_noise_factor: bool,
}

impl Theorem for RationalMinimiser {
    fn id(&self) -> &'static str {
        if self.wrong_noise_factor {
            "linear.minimiser.rational.control.noise_factor"
        } else {
            "linear.minimiser.rational"
        }
    }
    fn statement(&self) -> &'static str {
        "the balanced rank-one point with w = b^D (k b^{2D} A + γI)^{-1} m and k = Π(1 + s²/d_l) is a critical point when b > 0 solves (★)"
    }
    fn source(&self) -> &'static str {
        "Ziyin, Li, Meng 2022, Theorem 4 (as derived in spec symmetry-linear B.2–B.3)"
    }
    fn hypotheses(&self) -> &'static str {
        "A = aI, μ = ‖m‖ rational, equal decays γ = μ b^{D−1} − k a b^{2D} > 0, widths perfect squares"
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
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
        let mut design = Design::new(&model).expect("square widths, equal decays");
        if self.wrong_noise_factor {
            design.k = Q::one().add(&s2).pow(d);
        }
        let theta = design.point(&moments, &b);
        let grad = gradient(&model, &moments, &theta);
        let star_at_b = Design::new(&model).expect("valid").star(&moments).eval_q(&b);
        if grad.iter().all(Field::is_zero) && star_at_b.is_zero() {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            let case = case_json(&model, &moments, json!({"b": b.to_canonical(), "k_used": design.k.to_canonical()}));
            fails("∇L = 0 and (★) holds at b", format!("∇L = {:?}, (★) residual {star_at_b}", strs(&grad)), case)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// linear.minimiser.algebraic

/// Every positive root of (★) gives a critical point, proved exactly in Q(α).
struct AlgebraicMinimiser {
    perturb: bool,
}

impl Theorem for AlgebraicMinimiser {
    fn id(&self) -> &'static str {
        if self.perturb {
            "linear.minimiser.algebraic.control.perturbed_root"
        } else {
            "linear.minimiser.algebraic"
        }
    }
    fn statement(&self) -> &'static str {
        "at every positive root b of (★) the balanced rank-one point has ∇L = 0 (exactly, in Q(b))"
    }
    fn source(&self) -> &'static str {
        "Ziyin, Li, Meng 2022, Theorem 4; spec symmetry-linear B.3, B.6 item 3"
    }
    fn hypotheses(&self) -> &'static str {
        "A diagonal positive definite, equal decays, widths perfect squares; (★) has a positive root"
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
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
        let design = Design::new(&model).expect("square widths, equal decays");
        let star = design.star(&moments);
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
            if !gradient_vanishes_at(&design, &model, &moments, r, &Q::zero()) {
                let case = case_json(
                    &model,
                    &moments,
                    json!({"star": star.to_string(), "root": r.to_string(), "perturbation": perturb.to_canonical()}),
                );
                return fails("∇L = 0 at the root", "∇L ≠ 0 (decided exactly in Q(α))".to_string(), case);
            }
        }
        Outcome::Holds(Evidence::CheckedExactly)
    }
}

// ---------------------------------------------------------------------------------------------
// linear.origin.inertia

/// The Hessian inertia at the origin: three D = 1 cases; positive definite for D ≥ 2.
struct OriginInertia {
    one_layer_formula_everywhere: bool,
}

impl Theorem for OriginInertia {
    fn id(&self) -> &'static str {
        if self.one_layer_formula_everywhere {
            "linear.origin.inertia.control.one_layer_formula"
        } else {
            "linear.origin.inertia"
        }
    }
    fn statement(&self) -> &'static str {
        "D = 1: inertia of ∇²L(0) is (d1 d0, d1, 0), (d1 d0, 0, d1), (d1(d0+1), 0, 0) as μ² >, =, < γ_uγ_w; D ≥ 2: positive definite"
    }
    fn source(&self) -> &'static str {
        "Ziyin, Li, Meng 2022 (the origin as a bad minimum); spec symmetry-linear B.4"
    }
    fn hypotheses(&self) -> &'static str {
        "γ_u, γ_l > 0; any data moments and any s² ≥ 0"
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let h = size.max_height.max(2);
        let depth = rng.range(1, 2) as usize;
        let d0 = rng.range(1, 2) as usize;
        let widths: Vec<usize> = std::iter::once(d0).chain((0..depth).map(|_| rng.range(1, 2) as usize)).collect();
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
        let computed = origin_inertia(&model, &moments);
        let predicted = if self.one_layer_formula_everywhere && depth >= 2 {
            let n = model.num_params();
            let dd = widths[depth];
            match moments.mu2().cmp(&model.gamma_u().mul(&model.gammas()[depth - 1])) {
                std::cmp::Ordering::Greater => Inertia::new(n - dd, dd, 0),
                std::cmp::Ordering::Equal => Inertia::new(n - dd, 0, dd),
                std::cmp::Ordering::Less => Inertia::new(n, 0, 0),
            }
        } else {
            predicted_origin_inertia(&model, &moments)
        };
        if computed == predicted {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            fails(
                &format!("inertia {predicted}"),
                format!("inertia {computed}"),
                case_json(&model, &moments, json!(null)),
            )
        }
    }
}

/// The tie at γ = γ_c on rational designs (spec B.5 row 4 generalised): b = 0 and b = β are
/// both global minima.
struct TieAtGammaC {
    shifted: bool,
}

impl Theorem for TieAtGammaC {
    fn id(&self) -> &'static str {
        if self.shifted {
            "linear.threshold.tie.control.shifted_gamma"
        } else {
            "linear.threshold.tie"
        }
    }
    fn statement(&self) -> &'static str {
        "isotropic D ≥ 2 at γ = γ_c: L(θ(β)) = L(0) with ∇L(θ(β)) = 0, β^{D+1} = (D−1)μ/(Dka): two global minima"
    }
    fn source(&self) -> &'static str {
        "spec symmetry-linear B.4 (derived); Ziyin, Li, Meng 2022 first-order transition"
    }
    fn hypotheses(&self) -> &'static str {
        "A = aI, equal decays, β rational (μ = D k a β^{D+1}/(D−1)), γ = γ_c = (μ/D) β^{D−1}"
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
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
        let an = match analyse(&model, &moments, false) {
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
                case_json(&model, &moments, json!({"beta": beta.to_canonical()})),
            )
        }
    }
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
