//! Irreversibility, Theorem N and Cooper as catalogue checks, each with a negative control (width-depth spec §2.5, §4).
//!
//! - `hessian.irreversibility` (\[P2\] Thm 6.2): n₊ and n₋ of H never decrease under a one-step
//!   splitting or null embedding, at any θ (critical or not).
//! - `hessian.theorem_n` (spec §2.5 Theorem N, derived): at a critical point,
//!   inertia(H_wide(T^β_{l,0}θ)) = inertia(H_narr(θ)) + (r, r, m_{l+1} + m_{l−1} + 1 − 2r) with
//!   r = rank(σ'(β)N), N = E_S\[e^\[l+1\](f^\[l−1\])ᵀ\].
//! - `hessian.cooper` (spec §4, \[Cooper-sum\] (3) in its exactly checkable form): at a zero-loss
//!   point, inertia(H) = (rank J, 0, M − rank J), J the output Jacobian.

use crate::activation::{Activation, Sigma};
use crate::critical::{output_jacobian, random_critical, random_params, CriticalKind};
use crate::data::Dataset;
use crate::embed::{Null, Shape, Split, Step};
use crate::hessian::hessian_exact_with;
use crate::io::case::{step_to_json, STEP_KEY};
use crate::io::{data_and_loss_to_json, network_to_json};
use crate::linalg::{inertia_certified, rank, Inertia, Matrix};
use crate::loss::draw::case_loss;
use crate::loss::{ExactLoss, Loss};
use crate::net::{backward_with, distinct_residuals, evaluate_with, forward, Network, Params};
use crate::rng::Rng;
use crate::scalar::{Field, Ring, Q};
use crate::theorem::{Counterexample, Evidence, Meta, Outcome, Recheck, Size, Theorem, WidthRule};
use serde_json::json;

/// The width rule of `hessian.irreversibility`, `hessian.theorem_n`, `hessian.cooper` and their
/// controls: hidden widths up to the request, capped where the exact Hessian inertia gets slow.
pub const WIDTHS: WidthRule = WidthRule::Capped {
    max: 6,
    reason: "exact Hessian inertia: at width 8 single cases take over 1 s (hessian.cooper 4.5 s per 100 cases)",
};

/// σ(t) = t + t²/2 (σ'(−1) = 0, which the Theorem N control needs) or t + t³ or t + t² + t³.
fn activation(rng: &mut Rng) -> Activation {
    let c: &[(i64, i64)] = match rng.below(3) {
        0 => &[(0, 1), (1, 1), (1, 2)],
        1 => &[(0, 1), (1, 1), (0, 1), (1, 1)],
        _ => &[(0, 1), (1, 1), (1, 1), (1, 1)],
    };
    Activation::poly(c.iter().map(|&(n, d)| Q::new(n, d)).collect())
}

/// (m_0, …, m_L): L ∈ {2, 3} (up to `size.max_depth`), m_0 ∈ {1, 2}, hidden widths
/// 1 ..= `size.max_width` (as passed: the harness has applied [`WIDTHS`]), m_L = 1.
fn widths(rng: &mut Rng, size: Size) -> Vec<usize> {
    let depth = 2 + rng.below(size.max_depth.clamp(2, 3) - 1);
    let mut w = vec![1 + rng.below(2)];
    w.extend((1..depth).map(|_| 1 + rng.below(size.max_width.max(1))));
    w.push(1);
    w
}

fn inertia_of(p: &Params<Q>, act: &Activation, ell: &ExactLoss, data: &Dataset<Q>) -> Inertia {
    inertia_certified(&hessian_exact_with(p, act.exact().expect("exact"), ell, data).expect("polynomial σ has no pole"))
        .0
}

fn fails(
    expected: String,
    computed: String,
    net: &Network<Q>,
    (data, ell): (&Dataset<Q>, &ExactLoss),
    op: serde_json::Value,
) -> Outcome {
    let data = data_and_loss_to_json(data, &Loss::Exact(ell.clone()));
    Outcome::Fails(Box::new(Counterexample {
        expected,
        computed,
        case: json!({"network": network_to_json(net), "data": data, STEP_KEY: op}),
    }))
}

/// A critical point (nonzero loss for `NonzeroLoss`, zero for `TeacherRealizable`).
fn critical_case(rng: &mut Rng, size: Size, kind: CriticalKind, extra: usize) -> Option<(Network<Q>, Dataset<Q>)> {
    let act = activation(rng);
    let w = widths(rng, size);
    let m = Shape::with_biases(&w).ok()?.num_params();
    let n = m / w[w.len() - 1] + 1 + extra;
    let cp = random_critical(rng, &w, act.exact().ok()?, kind, n, 2).ok()??;
    Some((Network { activation: act, params: cp.params }, cp.data))
}

/// `hessian.irreversibility` and its control (`reversed`: claims n₊, n₋ never *increase*).
pub struct Irreversibility {
    reversed: bool,
}

impl Theorem for Irreversibility {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.reversed { "hessian.irreversibility.control.reversed" } else { "hessian.irreversibility" },
            statement: "n₊ and n₋ of the Hessian never decrease under a one-step splitting or null embedding, at any θ",
            source: "[P2] Thm 6.2",
            hypotheses: "exact σ (polynomial), any θ, any data",
            widths: WIDTHS,
            // R_wide ∘ T = R_narr for every loss, so H_narr = Tᵀ H_wide T whatever ℓ is.
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let act = activation(rng);
        let w = widths(rng, size);
        let params = random_params(rng, &w, size.max_height.clamp(1, 3));
        let n = 1 + rng.below(3);
        let data = Dataset::new(
            (0..n).map(|_| (0..w[0]).map(|_| rng.small_q(2, 2)).collect()).collect(),
            (0..n).map(|_| vec![rng.small_q(2, 2)]).collect(),
        )
        .expect("shapes fit");
        let (ell, data) = match case_loss(rng, size.loss, None, &data) {
            Ok(c) => c,
            Err(why) => return Outcome::NotApplicable(why.to_string()),
        };
        match evaluate_with(&params, act.exact().expect("exact"), &ell, &data) {
            Ok(e) if e.loss_breaks.is_empty() => {}
            _ => return Outcome::NotApplicable("an output sits on a break of the loss".into()),
        }
        let shape = Shape::of(&params);
        let l = 1 + rng.below(w.len() - 2);
        let (wide, op) = if rng.coin() {
            let s = rng.below(w[l]);
            let alpha = rng.small_q(3, 2);
            let op = step_to_json(&Step::Split { layer: l, neuron: s, alpha: alpha.clone() });
            (Split::new(&shape, l, s, alpha).and_then(|t| t.apply(&params)), op)
        } else {
            let beta = rng.small_q(2, 2);
            let op = step_to_json(&Step::Null { layer: l, beta: beta.clone() });
            (Null::new(&shape, l, beta).and_then(|t| t.apply(&params)), op)
        };
        let Ok(wide) = wide else { return Outcome::NotApplicable("embedding not defined".into()) };
        let (a, b) = (inertia_of(&params, &act, &ell, &data), inertia_of(&wide, &act, &ell, &data));
        let ok = if self.reversed {
            b.positive <= a.positive && b.negative <= a.negative
        } else {
            b.positive >= a.positive && b.negative >= a.negative
        };
        if ok {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            fails(
                format!("n₊, n₋ of {a} not decreasing"),
                format!("wide inertia {b}"),
                &Network { activation: act, params },
                (&data, &ell),
                op,
            )
        }
    }
    /// Re-checks the stored case on the independent path of [`crate::hessian::reverify`] (H forward over
    /// forward, inertia by Descartes' rule or Bareiss, T by its sparse map).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        use crate::hessian::reverify as r;
        let ((net, data, step), ell) = r::parse_case_with_loss(case)?;
        let step = step.ok_or("`embedding`: expected a split or a null step")?;
        if let Err(why) = r::polynomial(&net) {
            return Ok(Recheck::NotApplicable(why.to_string()));
        }
        let wide = match r::embed(&net.params, &step) {
            Ok(w) => w,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let a = r::inertia_forward_with(&net, &net.params, &ell, &data)?;
        let b = r::inertia_forward_with(&net, &wide, &ell, &data)?;
        let ok = if self.reversed {
            b.positive <= a.positive && b.negative <= a.negative
        } else {
            b.positive >= a.positive && b.negative >= a.negative
        };
        Ok(if ok {
            Recheck::Holds
        } else {
            Recheck::Fails {
                expected: format!("n₊, n₋ of {a} not decreasing"), computed: format!("wide inertia {b}")
            }
        })
    }
}

/// N = E_S\[e^\[l+1\](f^\[l−1\])ᵀ\] (m_{l+1} × m_{l−1}) at θ, the errors e back-propagated
/// from ∂ℓ/∂f for the loss `ell`.
pub fn null_block<A: Sigma<Q>>(params: &Params<Q>, act: &A, ell: &ExactLoss, data: &Dataset<Q>, l: usize) -> Matrix<Q> {
    let w = params.widths();
    let mut n: Matrix<Q> = Matrix::zeros(w[l + 1], w[l - 1]);
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let t = forward(params, act, x, i + 1).expect("polynomial σ has no pole");
        let b = backward_with(params, &t, y, ell);
        for r in 0..w[l + 1] {
            for c in 0..w[l - 1] {
                let v = n.get(r, c).add(&b.e[l + 1][r].mul(&t.f[l - 1][c]));
                n.set(r, c, v);
            }
        }
    }
    let inv = Q::from_i64(data.len() as i64).inv().expect("n ≥ 1");
    n.map(|v| v.mul(&inv))
}

/// `hessian.theorem_n` and its control (`no_sigma_prime`: uses rank N instead of rank σ'(β)N).
pub struct TheoremN {
    drop_sigma_prime: bool,
}

impl Theorem for TheoremN {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.drop_sigma_prime {
                "hessian.theorem_n.control.no_sigma_prime"
            } else {
                "hessian.theorem_n"
            },
            statement: "at a critical point, inertia(H(T^β_{l,0}θ)) = inertia(H(θ)) + (r, r, m_{l+1} + m_{l−1} + 1 − 2r), r = rank(σ'(β)N), for every loss (ℓ'' does not enter the new block)",
            source: "derived from [P2] Def. 4.3 and Prop. 4.1 (null-embedding inertia, not in the papers)",
            hypotheses: "θ an exact critical point of R_S for ℓ, σ polynomial (C²); N = E[e^[l+1] (f^[l−1])ᵀ] with the errors back-propagated from ∂ℓ/∂f",
            widths: WIDTHS,
            // The new block [[0, B], [Bᵀ, 0]] carries ∂ℓ/∂f only; ℓ'' stays in the narrow part (derived).
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let Some((net, data)) = critical_case(rng, size, CriticalKind::NonzeroLoss, 0) else {
            return Outcome::NotApplicable("no critical point for these widths".into());
        };
        let act = net.activation.exact().expect("exact").clone();
        let residuals = distinct_residuals(&net.params, &act, &data).expect("polynomial σ has no pole");
        let (ell, data) = match case_loss(rng, size.loss, Some(&residuals), &data) {
            Ok(c) => c,
            Err(why) => return Outcome::NotApplicable(why.to_string()),
        };
        let w = net.params.widths();
        let l = 1 + rng.below(w.len() - 2);
        let beta = if rng.coin() { Q::int(-1) } else { rng.small_q(2, 2) };
        let Ok(wide) = Null::new(&Shape::of(&net.params), l, beta.clone()).and_then(|t| t.apply(&net.params)) else {
            return Outcome::NotApplicable("null embedding not defined".into());
        };
        let n = null_block(&net.params, &act, &ell, &data, l);
        let d1 = act.jet(&beta).expect("no pole").d1;
        let r = if self.drop_sigma_prime { rank(&n) } else { rank(&n.map(|v| v.mul(&d1))) };
        let narrow = inertia_of(&net.params, &net.activation, &ell, &data);
        let want = narrow.plus(&Inertia::new(r, r, w[l + 1] + w[l - 1] + 1 - 2 * r));
        let got = inertia_of(&wide, &net.activation, &ell, &data);
        if got == want {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            let op = step_to_json(&Step::Null { layer: l, beta: beta.clone() });
            fails(format!("inertia {want}"), format!("inertia {got}"), &net, (&data, &ell), op)
        }
    }
    /// Re-checks the stored case on the independent path of [`crate::hessian::reverify`] (N from
    /// forward-mode δ, H forward over forward, T^β by its sparse map).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        use crate::hessian::reverify as r;
        let ((net, data, step), ell) = r::parse_case_with_loss(case)?;
        let Some(r::Step::Null { layer, beta }) = step.clone() else {
            return Err("`embedding`: expected a null step".into());
        };
        if let Err(why) = r::polynomial(&net) {
            return Ok(Recheck::NotApplicable(why.to_string()));
        }
        let wide = match r::embed(&net.params, &step.expect("null")) {
            Ok(w) => w,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        if !r::critical_forward_with(&net, &ell, &data)? {
            return Ok(Recheck::NotApplicable("the case is not a critical point".into()));
        }
        let n = match r::null_block_forward_with(&net, &ell, &data, layer) {
            Ok(n) => n,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let act = net.activation.exact()?;
        let d1 = act.jet(&beta).map_err(|_| "pole of σ at β")?.d1;
        let rk = if self.drop_sigma_prime { rank(&n) } else { rank(&n.map(|v| v.mul(&d1))) };
        let w = net.params.widths();
        let narrow = r::inertia_forward_with(&net, &net.params, &ell, &data)?;
        let want = narrow.plus(&Inertia::new(rk, rk, w[layer + 1] + w[layer - 1] + 1 - 2 * rk));
        let got = r::inertia_forward_with(&net, &wide, &ell, &data)?;
        Ok(if got == want {
            Recheck::Holds
        } else {
            Recheck::Fails { expected: format!("inertia {want}"), computed: format!("inertia {got}") }
        })
    }
}

/// `hessian.cooper` and its control (`full_rank_assumed`: claims (n·m_L, 0, M − n·m_L) without
/// the full-rank hypothesis).
pub struct Cooper {
    assume_full_rank: bool,
}

impl Theorem for Cooper {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.assume_full_rank {
                "hessian.cooper.control.full_rank_assumed"
            } else {
                "hessian.cooper"
            },
            statement: "at a zero-loss point, inertia(H) = (rank J, 0, M − rank J); = (n·m_L, 0, M − n·m_L) when J has full row rank",
            source: "Cooper, arXiv 1804.10200, statement (3) (in its exactly checkable form: H = (s/n)JᵀJ at zero loss)",
            hypotheses: "zero loss (targets = outputs); at zero residual ∇ℓ = 0 and ∇²ℓ = s·I, s > 0 (½-MSE, Huber, the drawn polynomial losses); σ polynomial",
            widths: WIDTHS,
            // Every loss with ∇ℓ = 0 and ∇²ℓ = s·I ≻ 0 at zero residual (drawn per case; not the squared hinge).
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let extra = rng.below(4);
        let Some((net, data)) = critical_case(rng, size, CriticalKind::TeacherRealizable, extra) else {
            return Outcome::NotApplicable("no zero-loss point for these widths".into());
        };
        let (ell, data) = match case_loss(rng, size.loss, Some(&[Q::zero()]), &data) {
            Ok(c) => c,
            Err(why) => return Outcome::NotApplicable(why.to_string()),
        };
        let act = net.activation.exact().expect("exact");
        let j = output_jacobian(&net.params, act, data.inputs()).expect("no pole");
        let m = net.params.num_params();
        let rows = if self.assume_full_rank { j.rows() } else { rank(&j) };
        let want = Inertia::new(rows, 0, m.saturating_sub(rows));
        let got = inertia_of(&net.params, &net.activation, &ell, &data);
        if got == want {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            fails(format!("inertia {want}"), format!("inertia {got}"), &net, (&data, &ell), json!(null))
        }
    }
    /// Independent path: zero loss by the plain forward pass, J by forward mode, H forward over
    /// forward and its inertia by Descartes/Bareiss (`hessian::reverify`).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        use crate::hessian::reverify as r;
        let ((net, data, step), ell) = r::parse_case_with_loss(case)?;
        if step.is_some() {
            return Err("`embedding`: expected null (the claim embeds nothing)".into());
        }
        if let Err(why) = r::polynomial(&net) {
            return Ok(Recheck::NotApplicable(why.to_string()));
        }
        if ell.zero_residual_curvature().is_none() {
            return Ok(Recheck::NotApplicable("the loss has no positive curvature s·I at zero residual".into()));
        }
        if !r::zero_loss(&net, &data)? {
            return Ok(Recheck::NotApplicable("the case does not have zero loss".into()));
        }
        let j = r::output_jacobian_forward(&net, &data)?;
        let rows = if self.assume_full_rank { j.rows() } else { rank(&j) };
        let m = net.params.num_params();
        let want = Inertia::new(rows, 0, m.saturating_sub(rows));
        let got = r::inertia_forward_with(&net, &net.params, &ell, &data)?;
        Ok(if got == want {
            Recheck::Holds
        } else {
            Recheck::Fails { expected: format!("inertia {want}"), computed: format!("inertia {got}") }
        })
    }
}

/// The catalogue entries of this module.
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(Irreversibility { reversed: false }),
        Box::new(TheoremN { drop_sigma_prime: false }),
        Box::new(Cooper { assume_full_rank: false }),
    ]
}

/// Their negative controls.
pub fn controls() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(Irreversibility { reversed: true }),
        Box::new(TheoremN { drop_sigma_prime: true }),
        Box::new(Cooper { assume_full_rank: true }),
    ]
}
