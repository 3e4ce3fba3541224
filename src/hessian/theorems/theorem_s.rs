//! Theorem S (the splitting inertia formula) and \[P1\] Lemma 2 (degeneracy increment) as
//! catalogue checks, each with negative controls (width-depth spec §2.5).
//!
//! Notation (spec §2.5 "Theorem S"): θ* a critical point of the narrow net, T^α_{l,s} the splitting
//! of neuron s of hidden layer l, v* := W^\[l+1\]_{:,s} its outgoing column. Over the training set
//! h_i = (f^\[l−1\](x_i); 1), δ_i = e^\[l+1\](x_i), ε_i = v*·δ_i, and
//! - A = E_S\[ε σ''(p^\[l\]_s) h hᵀ\] ((m_{l−1}+1)-square),
//! - B = E_S\[δ σ'(p^\[l\]_s) hᵀ\] (m_{l+1} × (m_{l−1}+1)),
//! - B_U = the rows of B other than a row k with v*_k ≠ 0 (U = span of the other unit vectors, a
//!   complement of span(v*)),
//! - K_α = \[\[0, B_U\], \[B_Uᵀ, α(1−α)A\]\].
//!
//! Claims checked:
//! - `hessian.theorem_s`: inertia(H_wide(T^α_{l,s}θ*)) = inertia(H_narr(θ*)) + (0, 0, 1) + inertia(K_α);
//! - `hessian.degeneracy_increment` (\[P1\] Lemma 2): n₀(H_wide) ≥ n₀(H_narr) + 1.
//!
//! Both hold for every C² loss (δ carries ∂ℓ/∂f, H_narr carries ℓ''; the split's difference
//! directions leave the outputs unchanged to first order, so ℓ'' never meets them). Each case
//! draws its loss from the seed, or the family `check --loss` fixes, among those that keep the
//! generated ½-MSE critical point critical ([`crate::loss::draw`]).

use crate::activation::{Activation, ExactActivation};
use crate::critical::{nonzero_loss_targets, random_params, CriticalPoint};
use crate::data::Dataset;
use crate::embed::{Shape, Split, Step};
use crate::hessian::hessian_exact_with;
use crate::hessian::theorem_s::{k_matrix, splitting_blocks_with};
use crate::io::case::{step_to_json, STEP_KEY};
use crate::io::{data_and_loss_to_json, network_to_json};
use crate::linalg::{inertia, inertia_certified, Inertia};
use crate::loss::draw::{critical_loss, fits_critical, pick_family};
use crate::loss::{ExactLoss, Loss};
use crate::net::{distinct_residuals, Network, Params};
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::theorem::generated;
use crate::theorem::{Counterexample, Evidence, Meta, Outcome, Recheck, Size, Theorem, WidthRule};

/// The width rule of `hessian.theorem_s`, `hessian.degeneracy_increment` and their controls.
pub const WIDTHS: WidthRule = WidthRule::Capped {
    max: 3,
    reason:
        "exact Hessian inertia at width 4: eigenvalues span over 2^124 (σ of degree 3-4 through three layers), so the \
             dominance certificate fails and fraction-free elimination on ~900-digit entries takes up to 12 s per case",
};
use serde_json::json;

/// One generated split of an exact critical point: σ, θ*, S, (l, s, α) and T^α_{l,s}θ*.
struct SplitCase {
    net: Network<Q>,
    data: Dataset<Q>,
    loss: ExactLoss,
    l: usize,
    s: usize,
    alpha: Q,
    wide: Params<Q>,
}

impl SplitCase {
    fn op(&self) -> serde_json::Value {
        step_to_json(&Step::Split { layer: self.l, neuron: self.s, alpha: self.alpha.clone() })
    }

    fn fails(&self, expected: String, computed: String) -> Outcome {
        let data = data_and_loss_to_json(&self.data, &Loss::Exact(self.loss.clone()));
        let case = json!({"network": network_to_json(&self.net), "data": data, STEP_KEY: self.op()});
        Outcome::Fails(Box::new(Counterexample { expected, computed, case }))
    }
}

/// σ with σ'' ≢ 0 and degree ≥ 3 (so A can be nonzero despite the polynomial-degeneracy
/// pitfall of spec §2.6): t + t³, t + t² + t³ or t + t⁴.
fn activation(rng: &mut Rng) -> Activation {
    let c: &[i64] = match rng.below(3) {
        0 => &[0, 1, 0, 1],
        1 => &[0, 1, 1, 1],
        _ => &[0, 1, 0, 0, 1],
    };
    Activation::poly(c.iter().map(|&n| Q::int(n)).collect())
}

/// A nonzero-loss exact critical point (m_0 = 2 against the polynomial-degeneracy pitfall, hidden
/// widths ≤ `size.max_width` (after [`WIDTHS`]), L ≤ 3, m_L ∈ {1, 2} so that m_{l+1} ≥ 2 occurs), a hidden neuron and
/// α ∈ {2, −1, 1/3, 1}, split; `Err` names the hypothesis that failed. α = 2 (sign of α(1−α) ≠ sign
/// of α) and α = 1 (α(1−α) = 0 ≠ α) are where the `alpha_not_product` control can fail.
fn split_case(rng: &mut Rng, size: Size) -> Result<SplitCase, crate::theorem::Inapplicable> {
    let act = activation(rng);
    let depth = 2 + rng.below(size.max_depth.clamp(2, 3) - 1);
    let mut w = vec![2];
    w.extend((1..depth).map(|_| 1 + rng.below(size.max_width.max(1))));
    w.push(1 + rng.below(2));
    let m = Shape::with_biases(&w)?.num_params();
    let n = m / w[depth] + 1;
    let exact = act.exact().expect("polynomial σ is exact");
    let params = random_params(rng, &w, size.max_height.clamp(1, 2));
    // Distinct inputs: with a repeated input, r_i = −r_j on the pair is a trivial left-null
    // residual that makes A = B = 0 (and the controls uncatchable).
    let mut inputs: Vec<Vec<Q>> = Vec::with_capacity(n);
    while inputs.len() < n {
        let x: Vec<Q> = (0..w[0]).map(|_| rng.small_q(3, 2)).collect();
        if !inputs.contains(&x) {
            inputs.push(x);
        }
    }
    let targets =
        nonzero_loss_targets(&params, exact, &inputs, rng)?.ok_or("no nonzero-loss critical point for these widths")?;
    let data = Dataset::new(inputs, targets)?;
    let cp = CriticalPoint { params, data };
    if !cp.verify(exact)? {
        return Err("generated point is not exactly critical".into());
    }
    let l = 1 + rng.below(depth - 1);
    let s = rng.below(w[l]);
    let alpha = [Q::int(2), Q::int(-1), Q::new(1, 3), Q::one()][rng.below(4)].clone();
    if cp.params.layer(l + 1).weight.col(s).iter().all(|x| x.is_zero()) {
        return Err("v* = W^[l+1]_{:,s} = 0".into());
    }
    let wide = Split::new(&Shape::of(&cp.params), l, s, alpha.clone()).and_then(|t| t.apply(&cp.params))?;
    let rs = distinct_residuals(&cp.params, exact, &cp.data)?;
    let family = pick_family(rng, size.loss, |f| fits_critical(f, &rs))?;
    let slope = [Q::new(1, 2), Q::one(), Q::int(2), Q::int(-1)][rng.below(4)].clone();
    let loss = critical_loss(rng, family, &rs, &slope);
    Ok(SplitCase { net: Network { activation: act, params: cp.params }, data: cp.data, loss, l, s, alpha, wide })
}

fn hessian_inertia(p: &Params<Q>, act: &ExactActivation, ell: &ExactLoss, data: &Dataset<Q>) -> Inertia {
    inertia_certified(&hessian_exact_with(p, act, ell, data).expect("polynomial σ has no pole")).0
}

/// Which variant of Theorem S: the theorem or one of its deliberately wrong controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SVariant {
    /// The formula as stated.
    Theorem,
    /// Control: α in place of α(1−α) (caught e.g. at α = 2, where the two differ in sign).
    AlphaNotProduct,
    /// Control: the B_U block dropped (caught when m_{l+1} ≥ 2 and B ≠ 0).
    NoBu,
}

/// `hessian.theorem_s` (spec §2.5 Theorem S) and its controls.
pub struct TheoremS {
    /// Theorem or control.
    pub variant: SVariant,
}

impl Theorem for TheoremS {
    fn meta(&self) -> Meta {
        Meta {
            id: match self.variant {
                SVariant::Theorem => "hessian.theorem_s",
                SVariant::AlphaNotProduct => "hessian.theorem_s.control.alpha_not_product",
                SVariant::NoBu => "hessian.theorem_s.control.no_bu",
            },
            statement: "at a critical point with v* ≠ 0, inertia(H_wide(T^α_{l,s}θ*)) = inertia(H_narr(θ*)) + (0, 0, 1) + inertia(K_α), K_α = [[0, B_U], [B_Uᵀ, α(1−α)A]]",
            source: "derived from [P1] Def. 5 and Lemma 2 (splitting inertia formula, not in the papers)",
            hypotheses: "θ* an exact critical point of R_S for a C² exact loss ℓ (½-MSE, Huber off its breaks, polynomial), σ polynomial (C², no kinks), layer l has a bias, v* ≠ 0",
            widths: WIDTHS,
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let case = generated!(split_case(rng, size));
        let act = case.net.activation.exact().expect("exact");
        let Some((a, b)) = splitting_blocks_with(&case.net.params, act, &case.loss, &case.data, case.l, case.s) else {
            return Outcome::NotApplicable("layer without bias, or a kink".into());
        };
        let one_minus = Q::one().sub(&case.alpha);
        let c = match self.variant {
            SVariant::AlphaNotProduct => case.alpha.clone(),
            _ => case.alpha.mul(&one_minus),
        };
        let v = case.net.params.layer(case.l + 1).weight.col(case.s);
        if self.variant == SVariant::NoBu && v.len() < 2 {
            return Outcome::NotApplicable("the no_bu control needs m_{l+1} ≥ 2".into());
        }
        let k = k_matrix(&a, &b, &v, &c, self.variant != SVariant::NoBu).expect("v* ≠ 0 checked");
        let narrow = hessian_inertia(&case.net.params, act, &case.loss, &case.data);
        let want = narrow.plus(&Inertia::new(0, 0, 1)).plus(&inertia(&k));
        let got = hessian_inertia(&case.wide, act, &case.loss, &case.data);
        if got == want {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            case.fails(format!("inertia {want}"), format!("inertia {got}"))
        }
    }
    /// Re-checks the stored case on the independent path of [`crate::hessian::reverify`] (A, B
    /// from forward-mode δ, H forward over forward, T^α by its sparse map).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        use crate::hessian::reverify as r;
        let (net, data, ell, layer, neuron, alpha, wide) = match split_case_stored(case)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let (a, b) = match r::splitting_blocks_forward_with(&net, &ell, &data, layer, neuron) {
            Ok(ab) => ab,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let c = match self.variant {
            SVariant::AlphaNotProduct => alpha.clone(),
            _ => alpha.mul(&Q::one().sub(&alpha)),
        };
        let v = net.params.layer(layer + 1).weight.col(neuron);
        if self.variant == SVariant::NoBu && v.len() < 2 {
            return Ok(Recheck::NotApplicable("the no_bu control needs m_{l+1} ≥ 2".into()));
        }
        let k = k_matrix(&a, &b, &v, &c, self.variant != SVariant::NoBu).expect("v* ≠ 0 checked");
        let want = r::inertia_forward_with(&net, &net.params, &ell, &data)?
            .plus(&Inertia::new(0, 0, 1))
            .plus(&r::inertia_independent(&k));
        let got = r::inertia_forward_with(&net, &wide, &ell, &data)?;
        Ok(if got == want {
            Recheck::Holds
        } else {
            Recheck::Fails { expected: format!("inertia {want}"), computed: format!("inertia {got}") }
        })
    }
}

/// A stored split case read on the independent path: σ, θ*, S, ℓ, l, s (0-based), α and T^α θ*
/// (by its sparse map). The inner error when a hypothesis fails: σ not a polynomial, θ* not
/// exactly critical for ℓ (forward-mode gradient), layer l without a bias, v* = 0, or the split
/// not defined.
type StoredSplit = (Network<Q>, Dataset<Q>, ExactLoss, usize, usize, Q, Params<Q>);

fn split_case_stored(case: &serde_json::Value) -> crate::theorem::stored::Read<StoredSplit> {
    use crate::hessian::reverify as r;
    let ((net, data, step), ell) = r::parse_case_with_loss(case)?;
    let Some(r::Step::Split { layer, neuron, alpha }) = step.clone() else {
        return Err("`embedding`: expected a split".into());
    };
    if let Err(why) = r::polynomial(&net) {
        return Ok(Err(why));
    }
    let wide = match r::embed(&net.params, &step.expect("split")) {
        Ok(w) => w,
        Err(why) => return Ok(Err(why.into())),
    };
    if net.params.layer(layer).bias.is_none() {
        return Ok(Err(format!("layer {layer} has no bias").into()));
    }
    if net.params.layer(layer + 1).weight.col(neuron).iter().all(Ring::is_zero) {
        return Ok(Err("v* = W^[l+1]_{:,s} = 0".into()));
    }
    if !r::critical_forward_with(&net, &ell, &data)? {
        return Ok(Err("the case is not a critical point".into()));
    }
    Ok(Ok((net, data, ell, layer, neuron, alpha, wide)))
}

/// `hessian.degeneracy_increment` (\[P1\] Lemma 2) and its control.
///
/// The control `hessian.degeneracy_increment.control.zero_outgoing_strict` claims n₀ grows by ≥ 2
/// at every split. It must fail: by Theorem S the increment is exactly 1 + n₀(K_α), which is 1
/// whenever K_α is nonsingular (spec Ex E at α = 2: (4, 0, 0) → (4, 2, 1)).
pub struct DegeneracyIncrement {
    /// Claimed lower bound on the increase of n₀ (1 for the lemma, 2 for the control).
    pub claimed: usize,
}

impl Theorem for DegeneracyIncrement {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.claimed == 1 {
                "hessian.degeneracy_increment"
            } else {
                "hessian.degeneracy_increment.control.zero_outgoing_strict"
            },
            statement: "splitting a neuron with nonzero outgoing column at a critical point raises n₀(H) by at least 1",
            source: "[P1] Lemma 2",
            hypotheses: "θ* an exact critical point of R_S for a C² exact loss ℓ, σ polynomial (C²), v* ≠ 0",
            widths: WIDTHS,
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let case = generated!(split_case(rng, size));
        let act = case.net.activation.exact().expect("exact");
        let narrow = hessian_inertia(&case.net.params, act, &case.loss, &case.data);
        let got = hessian_inertia(&case.wide, act, &case.loss, &case.data);
        if got.zero >= narrow.zero + self.claimed {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            case.fails(
                format!("n₀ ≥ {} (narrow inertia {narrow})", narrow.zero + self.claimed),
                format!("inertia {got}"),
            )
        }
    }
    /// Re-checks the stored case on the independent path of [`crate::hessian::reverify`] (H
    /// forward over forward, inertia by Descartes' rule or Bareiss, T^α by its sparse map).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        use crate::hessian::reverify as r;
        let (net, data, ell, wide) = match split_case_stored(case)? {
            Ok((net, data, ell, _, _, _, wide)) => (net, data, ell, wide),
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let narrow = r::inertia_forward_with(&net, &net.params, &ell, &data)?;
        let got = r::inertia_forward_with(&net, &wide, &ell, &data)?;
        Ok(if got.zero >= narrow.zero + self.claimed {
            Recheck::Holds
        } else {
            Recheck::Fails {
                expected: format!("n₀ ≥ {} (narrow inertia {narrow})", narrow.zero + self.claimed),
                computed: format!("inertia {got}"),
            }
        })
    }
}

/// The catalogue entries of this module.
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![Box::new(TheoremS { variant: SVariant::Theorem }), Box::new(DegeneracyIncrement { claimed: 1 })]
}

/// Their negative controls.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(TheoremS { variant: SVariant::AlphaNotProduct }),
        Box::new(TheoremS { variant: SVariant::NoBu }),
        Box::new(DegeneracyIncrement { claimed: 2 }),
    ]
}
