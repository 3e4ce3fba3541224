//! Catalogue entries `depth.lift.float.*` (spec width-depth §6 item 12): the depth statements for
//! tanh, sigmoid and softplus networks lifted into the near-linear region of σ by
//! [`float_lifting`], *within tolerance*, each tolerance derived in `depth::float` (Taylor remainder
//! of σ at 0 propagated through the layers above, plus f64 rounding, plus the gradient term).
//!
//! Cases: σ ∈ {tanh, sigmoid, softplus}, L ∈ {1, 2}, m_0, m_L ≤ 2, hidden widths up to the
//! width passed (the harness applies [`FLOAT_WIDTHS`]), 2–4 samples, rational entries of
//! height ≤ 2 rounded to f64; targets random, teacher (the narrow net's own outputs: zero loss) or,
//! for L = 1, exactly critical with nonzero loss (left-null-space targets, spec §2.6). The scale is c = 2⁻ᵏ, k ∈ {3, 4, 5} (so W', b', V are exact; see
//! [`FloatLifted::exact_weights`]); the controls use c = 1/2, where the nonlinearity is not small.

use super::super::float::bound::{deviation, forward_rounding};
use super::super::float::inertia::{balanced_scale, coupling_norm, nonlinearity_norm};
use super::super::float::{float_lifting, FloatLifted};
use super::super::psi_with;
use super::super::second_order::jacobian_of;
use super::super::Construction;
use crate::activation::{Activation, ExactActivation, FloatActivation, Piecewise};
use crate::critical::{nonzero_loss_targets, random_params};
use crate::data::Dataset;
use crate::embed::theorems::float_bound::gradient_error_bound;
use crate::hessian::{hessian, spectrum};
use crate::linalg::Matrix;
use crate::net::{evaluate, Params};
use crate::rng::Rng;
use crate::scalar::{gamma, Dual, Ring, Q};
use crate::theorem::generated;
use crate::theorem::{Counterexample, Evidence, Meta, Outcome, Recheck, Size, Theorem, WidthRule};

/// The width rule of `depth.lift.float.*` and their controls.
pub const FLOAT_WIDTHS: WidthRule = WidthRule::Capped {
    max: 12,
    reason: "f64 Hessian spectra of the lifted network: at width 16 single cases take over 0.5 s",
};
use serde_json::{json, Value};

/// One generated float case.
struct FloatCase {
    narrow: Params<f64>,
    act: FloatActivation,
    data: Dataset<f64>,
    construction: Construction,
    lifted: FloatLifted,
}

impl FloatCase {
    fn to_json(&self) -> Value {
        let construction = match self.construction {
            Construction::Lemma => "lemma",
            Construction::Identity => "identity",
        };
        json!({"activation": self.act.name(), "narrow": self.narrow.flatten(), "widths": self.narrow.widths(),
               "inputs": self.data.inputs(), "targets": self.data.targets(), "after_layer": self.lifted.q,
               "construction": construction, "scale": self.lifted.scale, "deep": self.lifted.deep.flatten(),
               "deep_widths": self.lifted.deep.widths()})
    }

    /// The case [`FloatCase::to_json`] wrote: the lifting is rebuilt from `narrow`, `after_layer`,
    /// `construction`, the inserted width of `deep_widths` and `scale`, and must be the stored
    /// `deep`, bit for bit (the inner error otherwise).
    fn from_json(v: &Value) -> crate::theorem::stored::Read<FloatCase> {
        use crate::embed::theorems::float_params;
        use crate::theorem::stored::{field, float, float_activation, float_data, float_rows, floats};
        use crate::theorem::stored::{index, indices};
        let act = float_activation(field(v, "activation")?, "activation")?;
        let widths = indices(field(v, "widths")?, "widths")?;
        let narrow = float_params(&widths, &floats(field(v, "narrow")?, "narrow")?, "narrow")?;
        let data =
            float_data(float_rows(field(v, "inputs")?, "inputs")?, float_rows(field(v, "targets")?, "targets")?)?;
        let q = index(v, "after_layer")?;
        let construction = match field(v, "construction")?.as_str() {
            Some("lemma") => Construction::Lemma,
            Some("identity") => Construction::Identity,
            _ => return Err("`construction`: expected \"lemma\" or \"identity\"".into()),
        };
        let scale = float(field(v, "scale")?, "scale")?;
        let deep_widths = indices(field(v, "deep_widths")?, "deep_widths")?;
        let deep = float_params(&deep_widths, &floats(field(v, "deep")?, "deep")?, "deep")?;
        let Some(&m_hat) = deep_widths.get(q + 1) else { return Err("`deep_widths`: no inserted layer".into()) };
        let lifted = match float_lifting(&narrow, act, q, Some(m_hat), construction, scale) {
            Ok(l) => l,
            Err(e) => return Ok(Err(format!("the float lifting of `narrow` is not defined: {e}").into())),
        };
        let same = |a: &Params<f64>, b: &Params<f64>| {
            a.widths() == b.widths() && a.flatten().iter().zip(b.flatten()).all(|(x, y)| x.to_bits() == y.to_bits())
        };
        if !same(&lifted.deep, &deep) {
            return Ok(Err("`deep` is not the float lifting of `narrow` (recomputed in f64)".into()));
        }
        Ok(Ok(FloatCase { narrow, act, data, construction, lifted }))
    }
}

fn generate(
    rng: &mut Rng,
    size: Size,
    before_output: bool,
    large: bool,
) -> Result<FloatCase, crate::theorem::Inapplicable> {
    let act = [FloatActivation::Tanh, FloatActivation::Sigmoid, FloatActivation::Softplus][rng.below(3)];
    let depth = 1 + rng.below(size.max_depth.clamp(1, 2));
    let widths = super::case::layer_widths(rng, size, depth);
    let params = random_params(rng, &widths, 2);
    let n = 2 + rng.below(3);
    let inputs: Vec<Vec<Q>> = (0..n).map(|_| (0..widths[0]).map(|_| rng.small_q(2, 2)).collect()).collect();
    let mut targets: Vec<Vec<Q>> = (0..n).map(|_| (0..widths[depth]).map(|_| rng.small_q(2, 2)).collect()).collect();
    let kind = rng.below(3);
    if depth == 1 && kind == 1 {
        // L = 1 is affine whatever σ: exact critical points from the left null space (spec §2.6).
        let id = ExactActivation::Piecewise(Piecewise::identity());
        if let Some(t) = nonzero_loss_targets(&params, &id, &inputs, rng)? {
            targets = t;
        }
    }
    let narrow = params.map(Q::to_f64);
    let mut data = Dataset::new(inputs, targets).expect("shapes fit").map(Q::to_f64);
    if kind == 2 {
        // Teacher targets: the narrow net's own f64 outputs (zero loss up to rounding).
        let teacher = evaluate(&narrow, &Activation::Float(act), &data)?.outputs;
        data = data.with_targets(teacher).expect("same shapes");
    }
    let q = if before_output { depth - 1 } else { rng.below(depth) };
    let construction = if rng.coin() { Construction::Identity } else { Construction::Lemma };
    let base = construction.base_width(widths[q], widths[q + 1]);
    let scale = if large { 0.5 } else { 2f64.powi(-3 - rng.below(3) as i32) };
    let lifted = float_lifting(&narrow, act, q, Some(base + rng.below(2)), construction, scale)
        .map_err(|e| format!("lifting failed: {e}"))?;
    Ok(FloatCase { narrow, act, data, construction, lifted })
}

/// What is checked, and the wrong variants.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Outputs,
    OutputsNoRescale,
    Merge,
    MergeUnitSlope,
    Gradient,
    GradientRoundingOnly,
    Inertia,
    InertiaRoundingOnly,
    Balanced,
    BalancedRoundingOnly,
}

/// A float depth claim's answer: `Ok((worst tolerance, why))` when it holds within the tolerance, or
/// `Err((expected, computed))` as in [`crate::theorem::Verdict`].
type Graded = Result<(f64, &'static str), (String, String)>;

const WHY_OUTPUTS: &str = "|f_deep - f| <= 2(D + rho_deep + rho_narrow): D the Taylor remainder of sigma at 0 on the inserted pre-activations, propagated with |W| and sup|sigma'| through the layers above, plus the bias rounding; rho the first-order forward rounding bounds (depth::float::bound)";
const WHY_MERGE: &str = "|Psi(theta') - theta| <= 2 gamma_{m+4} (|V| lambda |W'| for weights, |V||lambda b' + mu| + |c| for biases) + 2 bias_error: the rounding of the construction and of the merge";
const WHY_GRADIENT: &str = "|grad R_deep - DPsi^T grad R| <= 2(D + delta_deep + |DPsi|^T delta_narrow + gamma_{M+1}|DPsi|^T|g|): D the nonlinearity deviation propagated forward and backward (depth::float::bound), delta first-order running bounds of the f64 gradients";
const WHY_BALANCED: &str = "the same count for S H_deep S (S = c on W', b', 1/c on V: the unit-scale coordinates; Sylvester keeps the inertia), with |S E S|_F = O(c^2) for tanh, O(c) for sigmoid, O(1) for softplus (depth::float::inertia::balanced_scale)";
const WHY_INERTIA: &str = "#{eig(H_deep) < -(|lambda| |grad R| + |E|_F + tau_deep)} <= #{eig(H) < tau_narrow}: Weyl with H_deep = DPsi^T H DPsi + sum g_k Hess Psi_k + E, |E|_F from the Taylor bounds of sigma (depth::float::inertia), tau = 16 M eps |H|_F the spectrum tolerances";

fn outputs_claim(case: &FloatCase, no_rescale: bool) -> Graded {
    let act = Activation::Float(case.act);
    let mut lifted = case.lifted.clone();
    if no_rescale {
        // V = W/c: forgets the 1/σ'(0) factor; c^new recomputed from (iii) with this V.
        let (k, lin) = (lifted.q + 1, lifted.lin);
        let shift: Vec<f64> =
            lifted.deep.layer(k).bias.clone().expect("bias").iter().map(|b| lin.lambda * b + lin.mu).collect();
        let b = case.narrow.layer(lifted.q + 1).bias.clone().expect("bias");
        let next = lifted.deep.layer_mut(k + 1);
        next.weight = next.weight.map(|v| v * lin.lambda);
        let vs = next.weight.mul_vec(&shift);
        next.bias = Some(b.iter().zip(vs).map(|(bi, s)| bi - s).collect());
    }
    let dev = deviation(&lifted, &case.data).map_err(|e| ("evaluates".into(), e.to_string()))?;
    let rd = forward_rounding(&lifted.deep, &act, &case.data).map_err(|e| ("evaluates".into(), e.to_string()))?;
    let rn = forward_rounding(&case.narrow, &act, &case.data).map_err(|e| ("evaluates".into(), e.to_string()))?;
    let fd = evaluate(&lifted.deep, &act, &case.data).map_err(|e| ("evaluates".into(), e.to_string()))?.outputs;
    let fnar = evaluate(&case.narrow, &act, &case.data).map_err(|e| ("evaluates".into(), e.to_string()))?.outputs;
    let mut worst = 0.0f64;
    for i in 0..fd.len() {
        for r in 0..fd[i].len() {
            let tol = 2.0 * (dev.outputs[i][r] + rd[i][r] + rn[i][r]);
            worst = worst.max(tol);
            if (fd[i][r] - fnar[i][r]).abs() > tol || !fd[i][r].is_finite() {
                return Err((
                    format!("sample {}, output {}: {} ± {tol:e}", i + 1, r + 1, fnar[i][r]),
                    fd[i][r].to_string(),
                ));
            }
        }
    }
    Ok((worst, WHY_OUTPUTS))
}

fn merge_claim(case: &FloatCase, unit_slope: bool) -> Graded {
    let (deep, k, lin) = (&case.lifted.deep, case.lifted.q + 1, case.lifted.lin);
    let m_hat = deep.layer(k).width();
    let (lambda, mu) = if unit_slope { (1.0, 0.0) } else { (lin.lambda, lin.mu) };
    let merged = psi_with(deep, k, &vec![lambda; m_hat], &vec![mu; m_hat]);
    // Entry bounds: the same sums with absolute values.
    let abs = deep.map(|x| x.abs());
    let sizes = psi_with(&abs, k, &vec![lin.lambda.abs(); m_hat], &vec![lin.mu.abs(); m_hat]);
    let g = 2.0 * gamma(m_hat + 4);
    let extra: Vec<f64> = {
        let mut e = vec![0.0; merged.num_params()];
        for (r, be) in case.lifted.bias_error.iter().enumerate() {
            e[merged.bias_index(case.lifted.q + 1, r).expect("merged layer has a bias")] = 2.0 * be;
        }
        e
    };
    let (got, want, size) = (merged.flatten(), case.narrow.flatten(), sizes.flatten());
    let mut worst = 0.0f64;
    for j in 0..got.len() {
        let tol = g * size[j] + extra[j];
        worst = worst.max(tol);
        if (got[j] - want[j]).abs() > tol {
            return Err((format!("entry {}: {} ± {tol:e}", j + 1, want[j]), got[j].to_string()));
        }
    }
    Ok((worst, WHY_MERGE))
}

fn gradient_claim(case: &FloatCase, rounding_only: bool) -> Graded {
    let act = Activation::Float(case.act);
    let (deep, k, lin) = (&case.lifted.deep, case.lifted.q + 1, case.lifted.lin);
    let m_hat = deep.layer(k).width();
    let err = |e: crate::net::EvalError| ("evaluates".to_string(), e.to_string());
    let g = evaluate(&case.narrow, &act, &case.data).map_err(err)?.gradient.flatten();
    let gd = evaluate(deep, &act, &case.data).map_err(err)?.gradient.flatten();
    let shape = deep.map(|_| Dual::<f64>::zero());
    let (lam, mu) = (vec![Dual::constant(lin.lambda); m_hat], vec![Dual::constant(lin.mu); m_hat]);
    let dpsi = jacobian_of(&deep.flatten(), |t| psi_with(&shape.with_flat(t), k, &lam, &mu).flatten());
    let abs = dpsi.map(|x| x.abs());
    let predicted = dpsi.tr_mul_vec(&g);
    let dn = abs.tr_mul_vec(&gradient_error_bound(&case.narrow, &act, &case.data, 0.0));
    let size = abs.tr_mul_vec(&g.iter().map(|x| x.abs()).collect::<Vec<_>>());
    let dd = gradient_error_bound(deep, &act, &case.data, 0.0);
    let dev = deviation(&case.lifted, &case.data).map_err(err)?.gradient;
    let gm = gamma(g.len() + 1);
    let mut worst = 0.0f64;
    for j in 0..gd.len() {
        let nonlinear = if rounding_only { 0.0 } else { dev[j] };
        let tol = 2.0 * (nonlinear + dd[j] + dn[j] + gm * size[j]);
        worst = worst.max(tol);
        if (gd[j] - predicted[j]).abs() > tol || !gd[j].is_finite() {
            return Err((format!("entry {}: {} ± {tol:e}", j + 1, predicted[j]), gd[j].to_string()));
        }
    }
    Ok((worst, WHY_GRADIENT))
}

fn inertia_claim(case: &FloatCase, rounding_only: bool, balanced: bool) -> Graded {
    let act = Activation::Float(case.act);
    let err = |e: crate::net::EvalError| ("evaluates".to_string(), e.to_string());
    let h = spectrum(&hessian(&case.narrow, &act, &case.data).map_err(err)?);
    let scale = if balanced { balanced_scale(&case.lifted) } else { vec![1.0; case.lifted.deep.num_params()] };
    let mut hd = hessian(&case.lifted.deep, &act, &case.data).map_err(err)?;
    let m = hd.rows();
    // S H' S: exact, the scales being powers of two.
    hd = Matrix::from_vec(m, m, hd.data().iter().enumerate().map(|(e, x)| x * scale[e / m] * scale[e % m]).collect());
    let hd = spectrum(&hd);
    let g = evaluate(&case.narrow, &act, &case.data).map_err(err)?.gradient.flatten();
    let dg = gradient_error_bound(&case.narrow, &act, &case.data, 0.0);
    let b = coupling_norm(&case.lifted, &case.narrow, &g, &dg);
    let e = if rounding_only { 0.0 } else { nonlinearity_norm(&case.lifted, &case.data, &scale).map_err(err)? };
    let tol = b + e + hd.tolerance;
    let below = hd.eigenvalues.iter().filter(|m| **m < -tol).count();
    let allowed = h.eigenvalues.iter().filter(|m| **m < h.tolerance).count();
    if below > allowed {
        return Err((
            format!("at most {allowed} eigenvalues below -{tol:e} (n- of the narrow Hessian)"),
            format!("{below}: smallest {:e}", hd.eigenvalues[0]),
        ));
    }
    Ok((tol, if balanced { WHY_BALANCED } else { WHY_INERTIA }))
}

struct FloatDepthClaim {
    id: &'static str,
    statement: &'static str,
    kind: Kind,
}

impl Theorem for FloatDepthClaim {
    fn meta(&self) -> Meta {
        Meta {
            id: self.id,
            statement: self.statement,
            source: "[P3] Def. 3 and Lemma 3 for tanh-like σ ('approximately' linear); tolerances derived (proofs/depth-inertia.md, float path)",
            hypotheses: "tanh, sigmoid or softplus net in f64, ½-MSE (the derived tolerances assume it); float lifting with scale c = 2^-k (c = 1/2 in controls); inertia: inserted right before the output layer",
            widths: FLOAT_WIDTHS,
            loss: crate::theorem::LossUse::MseOnly,
            evidence: Evidence::WithinTolerance { tolerance: f64::NAN, why: "derived per case, see the report".into() },
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        use Kind::*;
        let before_output = matches!(self.kind, Inertia | InertiaRoundingOnly | Balanced | BalancedRoundingOnly);
        let large = matches!(self.kind, GradientRoundingOnly | InertiaRoundingOnly | BalancedRoundingOnly);
        let case = generated!(generate(rng, size, before_output, large));
        match self.judge(&case) {
            Ok((tolerance, why)) => Outcome::Holds(Evidence::WithinTolerance { tolerance, why: why.into() }),
            Err((expected, computed)) => {
                Outcome::Fails(Box::new(Counterexample { expected, computed, case: case.to_json() }))
            }
        }
    }
    /// Reads every f64 number of the stored case, rebuilds the float lifting (it must be the
    /// stored `deep`, bit for bit; inserted right before the output layer for the inertia claims;
    /// scale c = 2^-k, so that W', b' and V are exact, and c = 1/2 for the rounding-only controls)
    /// and judges again on the same f64 path (there is no other).
    fn recheck(&self, case: &Value) -> Result<Recheck, crate::theorem::CheckError> {
        use Kind::*;
        let case = match FloatCase::from_json(case)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let before_output = matches!(self.kind, Inertia | InertiaRoundingOnly | Balanced | BalancedRoundingOnly);
        if before_output && case.lifted.q + 1 != case.narrow.depth() {
            return Ok(Recheck::NotApplicable("the inertia claims insert the layer right before the output".into()));
        }
        let c = case.lifted.scale;
        let power_of_two = c.is_normal() && c.to_bits() & ((1u64 << 52) - 1) == 0 && c > 0.0 && c <= 0.5;
        let large = matches!(self.kind, GradientRoundingOnly | InertiaRoundingOnly | BalancedRoundingOnly);
        if !power_of_two || (large && c != 0.5) {
            return Ok(Recheck::NotApplicable(format!(
                "the scale c = {c} is not 2^-k ≤ 1/2 (exactly 1/2 for the rounding-only controls)"
            )));
        }
        Ok(match self.judge(&case) {
            Ok(_) => Recheck::Holds,
            Err((expected, computed)) => Recheck::Fails { expected, computed },
        })
    }
}

impl FloatDepthClaim {
    fn judge(&self, case: &FloatCase) -> Graded {
        use Kind::*;
        match self.kind {
            Outputs => outputs_claim(case, false),
            OutputsNoRescale => outputs_claim(case, true),
            Merge => merge_claim(case, false),
            MergeUnitSlope => merge_claim(case, true),
            Gradient => gradient_claim(case, false),
            GradientRoundingOnly => gradient_claim(case, true),
            Inertia => inertia_claim(case, false, false),
            InertiaRoundingOnly => inertia_claim(case, true, false),
            Balanced => inertia_claim(case, false, true),
            BalancedRoundingOnly => inertia_claim(case, true, true),
        }
    }
}

fn entry(id: &'static str, statement: &'static str, kind: Kind) -> Box<dyn Theorem> {
    Box::new(FloatDepthClaim { id, statement, kind })
}

/// The float depth theorems.
pub(super) fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![
        entry(
            "depth.lift.float.outputs",
            "A float lifting (inserted layer c*identity-like, next layer over c*sigma'(0)) preserves the outputs on S_x within the Taylor remainder of sigma at 0 propagated through the layers above, plus rounding",
            Kind::Outputs,
        ),
        entry(
            "depth.lift.float.merge",
            "The merge map Psi with the tangent line of sigma at 0 maps a float lifting back to theta, within rounding",
            Kind::Merge,
        ),
        entry(
            "depth.lift.float.gradient_transfer",
            "grad R_deep(theta') = DPsi^T grad R(theta) for a float lifting, within the propagated nonlinearity deviation plus rounding",
            Kind::Gradient,
        ),
        entry(
            "depth.lift.float.inertia",
            "A float lifting (inserted before the output) has no more eigenvalues below -(|lambda||grad R| + |E|_F + eps-term) than the narrow Hessian has below its zero tolerance: no strict saddle beyond the tolerance",
            Kind::Inertia,
        ),
        entry(
            "depth.lift.float.inertia.balanced",
            "In the unit-scale coordinates of a float lifting (W', b' times 1/c, V times c) the lifted Hessian has no more eigenvalues below -(|lambda||grad R| + |S E S|_F + eps-term) than the narrow Hessian below its zero tolerance; |S E S|_F = O(c^2) for tanh, O(c) for sigmoid",
            Kind::Balanced,
        ),
    ]
}

/// Their negative controls.
pub(super) fn controls() -> Vec<Box<dyn Theorem>> {
    vec![
        entry(
            "depth.lift.float.outputs.control.no_rescale",
            "WRONG: the next layer rescaled by 1/c only (forgetting 1/sigma'(0)) still preserves the outputs",
            Kind::OutputsNoRescale,
        ),
        entry(
            "depth.lift.float.merge.control.unit_slope",
            "WRONG: Psi with lambda = 1, mu = 0 (ignoring the tangent line) inverts a float lifting",
            Kind::MergeUnitSlope,
        ),
        entry(
            "depth.lift.float.gradient_transfer.control.rounding_only",
            "WRONG: at c = 1/2 the float gradient transfer holds within rounding alone (nonlinearity term dropped)",
            Kind::GradientRoundingOnly,
        ),
        entry(
            "depth.lift.float.inertia.control.rounding_only",
            "WRONG: at c = 1/2 the lifted Hessian has no extra eigenvalue below -(|lambda||grad R| + eps-term) (nonlinearity term dropped)",
            Kind::InertiaRoundingOnly,
        ),
        entry(
            "depth.lift.float.inertia.balanced.control.rounding_only",
            "WRONG: at c = 1/2, in unit-scale coordinates, no extra eigenvalue below -(|lambda||grad R| + eps-term) (nonlinearity term dropped)",
            Kind::BalancedRoundingOnly,
        ),
    ]
}
