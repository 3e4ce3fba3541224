//! `hessian.fukumizu_amari` as a catalogue check with two negative controls, and its independent
//! re-check of a counterexample (module docs of [`crate::hessian::fukumizu_amari`]; spec §2.5).
//!
//! A case: a generated strict local minimum θ* ([`strict_minimum`]), one α at each of the three
//! pieces ({0, 1}, (0, 1), off \[0, 1\]). At each α the check predicts from the inertia of A alone
//! (1) whether T^α_{1,s}θ* is a strict saddle and (2) its inertia, and compares with the exact
//! inertia of the Hessian computed directly at the wide point; where a strict saddle is predicted
//! it builds the certificate direction u, checks uᵀH_wide u < 0 and that it equals
//! α(1−α)ζᵀAζ, and runs the Hessian certificate through [`crate::hessian::certificate::verify`];
//! where none is predicted the computed inertia has n₋ = 0 (H_wide ⪰ 0, exactly).
//!
//! The loss of a case is drawn from the seed (or fixed by `check --loss`) among the exact losses
//! that keep the generated ½-MSE minimum critical ([`crate::loss::draw`]): ½-MSE, Huber above the
//! residuals, and polynomial losses with ∂ℓ/∂f = s·r at the residuals, for which A scales by s
//! while ℓ'' ≠ 1 changes H_narr (module docs of [`crate::hessian::fukumizu_amari`]: the criterion
//! uses ℓ only through ∂ℓ/∂f and ℓ'').
//!
//! Controls: `residual_sign` defines A with y − f in place of f − y (a source's other sign
//! convention, spec §2.5 "Sign convention"); `inside_range` claims the saddle range is (0, 1)
//! where A has a positive eigenvalue (exchanging the two sides, e.g. (0, 1) for A ≻ 0).

use crate::data::Dataset;
use crate::hessian::certificate::{verify, Certificate, Claim};
use crate::hessian::fukumizu_amari::{
    alpha_product, predicted_inertia, strict_minimum, zeta_direction, Analysis, SaddleSet,
};
use crate::hessian::{hessian_exact_with, hessian_forward_with, mixed_second_derivative_with, negative_direction};
use crate::io::{data_and_loss_to_json, network_to_json, parse_data_and_loss, parse_network};
use crate::linalg::{dot, inertia, inertia_certified, Inertia, Matrix};
use crate::loss::draw::{critical_loss, fits_critical, pick_family};
use crate::loss::{ExactLoss, Loss, LossFamily, LossFn};
use crate::net::{distinct_residuals, gradient_forward_mode_with, outputs, Layer, Network, Params};
use crate::rng::Rng;
use crate::scalar::{Field, Ring, Q};
use crate::theorem::generated;
use crate::theorem::{applies, Counterexample, Evidence, Meta, Outcome, Recheck, Size, Theorem, WidthRule};

/// The width rule of `hessian.fukumizu_amari` and its controls (m_1 ≤ the cap).
pub const WIDTHS: WidthRule = WidthRule::Capped {
    max: 4,
    reason: "strict-minimum search (exact Hessians at up to 17 residual scales, m_0 = m_1): at width 5 single cases \
             take up to 10 s",
};
use serde_json::{json, Value};

/// The theorem or one of its deliberately wrong controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaVariant {
    /// The criterion as stated.
    Theorem,
    /// Control: A defined with the residual y − f (A ↦ −A).
    ResidualSign,
    /// Control: the saddle range taken as (0, 1) where A has a positive eigenvalue and as the
    /// complement of \[0, 1\] where it has a negative one (the two sides exchanged).
    InsideRange,
}

/// `hessian.fukumizu_amari` and its controls.
pub struct FukumizuAmari {
    /// Theorem or control.
    pub variant: FaVariant,
}

/// Which computations a judgement uses: the fast path of [`Theorem::check`] or the independent
/// one of [`Theorem::recheck`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Path {
    /// A by back-propagation ([`Analysis`]), H by tangent propagation, inertia by congruence,
    /// T^α by [`crate::embed::Split`], the certificate through its verifier.
    Fast,
    /// A from its defining sum on forward outputs and σ'', H forward over forward, inertia by
    /// Descartes' rule on the exact characteristic polynomial, T^α built by hand.
    Independent,
}

fn flip(variant: FaVariant, a: &Matrix<Q>) -> Matrix<Q> {
    if variant == FaVariant::ResidualSign {
        a.map(Q::neg)
    } else {
        a.clone()
    }
}

fn saddle_set(variant: FaVariant, narrow: Inertia, a: Inertia) -> SaddleSet {
    let mut set = SaddleSet::predict(narrow, a);
    if variant == FaVariant::InsideRange {
        std::mem::swap(&mut set.inside, &mut set.outside);
    }
    set
}

/// The exact inertia by a method other than the fast path's (Descartes' rule of signs on the
/// characteristic polynomial for small matrices, [`crate::hessian::reverify::inertia_independent`]).
fn inertia_descartes(h: &Matrix<Q>) -> Inertia {
    crate::hessian::reverify::inertia_independent(h)
}

/// A = (1/n) Σ_i r_i v* σ''(w*·x_i + b*) x̃_i x̃_iᵀ straight from the definition, r_i = ∂ℓ/∂f at
/// (f(x_i), y_i).
fn a_by_definition(
    net: &Network<Q>,
    data: &Dataset<Q>,
    ell: &ExactLoss,
    s: usize,
) -> Result<Matrix<Q>, crate::theorem::Inapplicable> {
    let act = net.activation.exact()?;
    let (l1, v) = (net.params.layer(1), net.params.layer(2).weight.get(0, s));
    let bias = l1.bias.as_ref().ok_or("hidden layer without bias")?[s].clone();
    let d = l1.fan_in() + 1;
    let mut a = Matrix::<Q>::zeros(d, d);
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let f = outputs(&net.params, act, x, i + 1)?;
        let r = LossFn::<Q>::gradient(ell, &f, y)[0].clone();
        let mut xt = x.clone();
        xt.push(Q::one());
        let p = dot(l1.weight.row(s), x).add(&bias);
        let d2 = crate::activation::Sigma::<Q>::jet(act, &p).map_err(|_| "pole")?.d2;
        let c = r.mul(v).mul(&d2);
        for j in 0..d {
            for k in 0..d {
                let e = a.get(j, k).add(&c.mul(&xt[j]).mul(&xt[k]));
                a.set(j, k, e);
            }
        }
    }
    let inv = Q::from_i64(data.len() as i64).inv().ok_or("no samples")?;
    Ok(a.map(|e| e.mul(&inv)))
}

/// T^α_{1,s} of a two-layer net by hand (spec §2.1): row s and b_s appended, outgoing column s
/// scaled by (1−α), α·v* appended.
fn split_by_hand(p: &Params<Q>, s: usize, alpha: &Q) -> Params<Q> {
    let (l1, l2) = (p.layer(1), p.layer(2));
    let mut rows = l1.weight.to_rows();
    rows.push(l1.weight.row(s).to_vec());
    let mut b = l1.bias.clone().expect("bias checked");
    b.push(b[s].clone());
    let mut v = l2.weight.row(0).to_vec();
    let vs = v[s].clone();
    v[s] = Q::one().sub(alpha).mul(&vs);
    v.push(alpha.mul(&vs));
    let (m0, m1) = (l1.fan_in(), v.len());
    Params::new(vec![
        Layer { weight: Matrix::from_rows(rows, m0), bias: Some(b) },
        Layer { weight: Matrix::from_rows(vec![v], m1), bias: l2.bias.clone() },
    ])
    .expect("widths chain")
}

fn describe(saddle: bool) -> &'static str {
    if saddle {
        "a strict saddle"
    } else {
        "not a strict saddle (H_wide ⪰ 0)"
    }
}

/// What a judgement needs about θ*, computed once per case through one path.
struct Narrow {
    net: Network<Q>,
    data: Dataset<Q>,
    loss: ExactLoss,
    s: usize,
    narrow: Inertia,
    a: Matrix<Q>,
    analysis: Option<Analysis>,
}

/// Checks the hypotheses (θ* critical with H_narr ≻ 0, two layers, scalar output, v* ≠ 0) and
/// computes inertia(H_narr) and A through `path`; `Err` says which hypothesis fails.
fn prepare(
    net: &Network<Q>,
    data: &Dataset<Q>,
    ell: &ExactLoss,
    s: usize,
    path: Path,
) -> Result<Narrow, crate::theorem::Inapplicable> {
    let act = net.activation.exact()?;
    let (narrow, a, analysis) = match path {
        Path::Fast => {
            let an = Analysis::new_with(net, data, ell, s)?;
            (an.narrow_inertia, an.a.clone(), Some(an))
        }
        Path::Independent => {
            let p = &net.params;
            if p.depth() != 2 || p.widths()[2] != 1 || s >= p.widths()[1] || p.layer(2).weight.get(0, s).is_zero() {
                return Err("not a two-layer scalar-output net with v* ≠ 0 at neuron s".into());
            }
            let g = gradient_forward_mode_with(p, act, ell, data)?;
            if !g.is_zero() {
                return Err("the case is not a critical point".into());
            }
            let h = hessian_forward_with(p, act, ell, data)?;
            (inertia_descartes(&h), a_by_definition(net, data, ell, s)?, None)
        }
    };
    if narrow.positive != net.params.num_params() {
        return Err(format!("H_narr has inertia {narrow}, not ≻ 0").into());
    }
    Ok(Narrow { net: net.clone(), data: data.clone(), loss: ell.clone(), s, narrow, a, analysis })
}

/// A failure of the criterion: what it predicts and what was computed.
fn fails(expected: String, computed: String) -> Recheck {
    Recheck::Fails { expected, computed }
}

/// Judges the criterion at one α through `path` (module docs).
fn judge(variant: FaVariant, c: &Narrow, alpha: &Q, path: Path) -> Recheck {
    let act = applies!(c.net.activation.exact());
    let (data, narrow, ell) = (&c.data, c.narrow, &c.loss);
    let a = flip(variant, &c.a);
    let a_in = if path == Path::Fast { inertia(&a) } else { inertia_descartes(&a) };
    let set = saddle_set(variant, narrow, a_in);
    let want = predicted_inertia(narrow, a_in, c.net.params.widths()[0], alpha);
    let wide = match &c.analysis {
        Some(an) => an.wide(alpha),
        None => Network { activation: c.net.activation.clone(), params: split_by_hand(&c.net.params, c.s, alpha) },
    };
    let h = applies!(match path {
        Path::Fast => hessian_exact_with(&wide.params, act, ell, data),
        Path::Independent => hessian_forward_with(&wide.params, act, ell, data),
    });
    let got = if path == Path::Fast { inertia_certified(&h).0 } else { inertia_descartes(&h) };
    let at = format!("at α = {alpha} (A {a_in}, H_narr {narrow})");
    if got != want {
        return fails(format!("inertia {want} {at}"), format!("inertia {got}"));
    }
    let predicted = set.contains(alpha);
    if predicted != (got.negative > 0) {
        return fails(format!("{} {at}", describe(predicted)), format!("{} (inertia {got})", describe(!predicted)));
    }
    if !predicted {
        return Recheck::Holds;
    }
    let found = match &c.analysis {
        Some(an) => an.direction_with(&a, alpha),
        None => negative_direction(&a.map(|x| x.mul(&alpha_product(alpha))))
            .map(|(z, v)| (zeta_direction(&c.net.params, c.s, alpha, &z), v)),
    };
    let Some((u, value)) = found else {
        return fails(format!("a certificate direction {at}"), "none found from A".into());
    };
    let curvature = match path {
        Path::Fast => applies!(mixed_second_derivative_with(&wide.params, act, ell, data, &u, &u)),
        Path::Independent => dot(&u, &h.mul_vec(&u)),
    };
    if curvature != value || curvature.signum() >= 0 {
        return fails(format!("uᵀH_wide u = α(1−α)ζᵀAζ = {value} < 0 {at}"), format!("uᵀH_wide u = {curvature}"));
    }
    if path == Path::Fast {
        let claim = Claim::StrictSaddle { direction: u, curvature };
        let cert = Certificate { network: wide, data: data.clone(), loss: ell.clone(), claim, note: String::new() };
        if let Err(e) = verify(&cert) {
            return fails(format!("a certificate that verifies {at}"), e.to_string());
        }
    }
    Recheck::Holds
}

impl Theorem for FukumizuAmari {
    fn meta(&self) -> Meta {
        Meta {
            id: match self.variant {
                FaVariant::Theorem => "hessian.fukumizu_amari",
                FaVariant::ResidualSign => "hessian.fukumizu_amari.control.residual_sign",
                FaVariant::InsideRange => "hessian.fukumizu_amari.control.inside_range",
            },
            statement: "at a strict local minimum θ* of a scalar-output two-layer net, T^α_{1,s}θ* is a strict saddle exactly for α ∈ (0,1) if A has a negative eigenvalue and for α ∉ [0,1] if A has a positive one, A = E_S[∂ℓ/∂f · v* σ''(w*·x+b*) x̃x̃ᵀ] (∂ℓ/∂f = f−y for ½-MSE); inertia(H_wide) = inertia(H_narr) + (0,0,1) + inertia(α(1−α)A), and + (0,0,m_0+2) at α ∈ {0,1}",
            source: "Fukumizu, Amari, Neural Networks 13 (2000), abstract (splitting criterion); derived from the splitting inertia formula",
            hypotheses: "θ* exactly critical with H_narr ≻ 0 (exact LDLᵀ), L = 2, m_2 = 1, σ polynomial, ℓ a C² exact loss (½-MSE, Huber off its breaks, polynomial), v* ≠ 0, A ≠ 0",
            widths: WIDTHS,
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let inst = generated!(strict_minimum(rng, size));
        let ell = generated!(draw_loss(rng, size.loss, &inst.net, &inst.data));
        let inside = [Q::new(1, 3), Q::new(1, 2), Q::new(2, 3), Q::new(1, 4)];
        let outside = [Q::int(2), Q::int(-1), Q::new(3, 2), Q::new(-1, 2), Q::int(3)];
        let alphas = [
            if rng.coin() { Q::zero() } else { Q::one() },
            inside[rng.below(inside.len())].clone(),
            outside[rng.below(outside.len())].clone(),
        ];
        let narrow = generated!(prepare(&inst.net, &inst.data, &ell, inst.neuron, Path::Fast));
        for alpha in alphas {
            match judge(self.variant, &narrow, &alpha, Path::Fast) {
                Recheck::NotApplicable(why) => return Outcome::NotApplicable(why),
                Recheck::Holds => {}
                Recheck::Fails { expected, computed } => {
                    let case = json!({
                        "network": network_to_json(&inst.net),
                        "data": data_and_loss_to_json(&inst.data, &Loss::Exact(ell.clone())),
                        "split": {"layer": 1, "neuron": inst.neuron + 1, "alpha": alpha.to_canonical()},
                    });
                    return Outcome::Fails(Box::new(Counterexample { expected, computed, case }));
                }
            }
        }
        Outcome::Holds(Evidence::CheckedExactly)
    }
    /// Re-checks the stored case on the independent path (A from its defining sum, H forward
    /// over forward, inertia by Descartes' rule, T^α built by hand).
    fn recheck(&self, case: &Value) -> Result<Recheck, crate::theorem::CheckError> {
        let net = parse_network(&case["network"].to_string(), "case.network")?;
        let (data, loss) = parse_data_and_loss(&case["data"].to_string(), "case.data")?;
        let Some(ell) = loss.unwrap_or_default().as_exact().cloned() else {
            return Err("case.data.loss: the criterion is checked for exact losses".into());
        };
        let split = &case["split"];
        let s = split["neuron"].as_u64().filter(|&k| k >= 1).ok_or("case.split.neuron: expected a positive integer")?;
        if split["layer"].as_u64() != Some(1) {
            return Err("case.split.layer: expected 1 (the hidden layer of a two-layer net)".into());
        }
        let alpha = crate::io::number(&split["alpha"], "case", "split.alpha")?;
        if !matches!(net.activation, crate::activation::Activation::Exact(crate::activation::ExactActivation::Poly(_)))
        {
            return Ok(Recheck::NotApplicable("σ is not a polynomial".into()));
        }
        let narrow = match prepare(&net, &data, &ell, s as usize - 1, Path::Independent) {
            Ok(n) => n,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        Ok(judge(self.variant, &narrow, &alpha, Path::Independent))
    }
}

/// The case's loss: drawn from `rng` (or the family `fixed`) among the exact losses that keep the
/// generated ½-MSE minimum critical, with slope s ∈ {1/2, 1, 2, 3} for the polynomial family
/// ([`crate::loss::draw`]).
///
/// # Errors
/// A reason (not applicable) when the fixed family does not fit.
fn draw_loss(
    rng: &mut Rng,
    fixed: Option<LossFamily>,
    net: &Network<Q>,
    data: &Dataset<Q>,
) -> Result<ExactLoss, crate::theorem::Inapplicable> {
    let act = net.activation.exact()?;
    let rs = distinct_residuals(&net.params, act, data)?;
    let family = pick_family(rng, fixed, |f| fits_critical(f, &rs))?;
    let slope = [Q::new(1, 2), Q::one(), Q::int(2), Q::int(3)][rng.below(4)].clone();
    Ok(critical_loss(rng, family, &rs, &slope))
}

/// The catalogue entry.
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![Box::new(FukumizuAmari { variant: FaVariant::Theorem })]
}

/// Its negative controls.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(FukumizuAmari { variant: FaVariant::ResidualSign }),
        Box::new(FukumizuAmari { variant: FaVariant::InsideRange }),
    ]
}
