//! Is a critical point truly bad (\[P2\] Def. 6.2)? A report for small networks (width-depth spec
//! §2.5 "Truly-bad critical points").
//!
//! \[P2\] Def. 6.2: θ_c is *truly bad* if it is critical, not a strict saddle, and T(θ_c) is not a
//! strict saddle for **every** critical embedding T. No finite computation decides the "every";
//! [`analyse`] checks what can be checked exactly:
//! 1. criticality (gradient exactly 0) and the inertia of H_S(θ_c) (a strict saddle already?);
//! 2. the T_global certificate of \[P2\] Thm 6.3 ([`global_certificate_with`]), present iff H^(2) ≠ 0;
//! 3. every one-step embedding of a small set: every split T^α_{l,s} (all hidden l, s) at α in
//!    [`SearchOptions::alphas`] (by default −1, 1/3, 1/2, 2: inside and outside \[0, 1\]) and every
//!    null embedding T^β_{l,0} at β in [`SearchOptions::betas`] (default 0, 1, −1, 1/2), each with
//!    the exact inertia of the wide Hessian.
//!
//! The [`Verdict`] is "not critical", "already a strict saddle", "escapes" (with the embedding
//! and a Hessian certificate of the wide strict saddle), or "candidate truly bad": H^(2) = 0 and
//! none of the one-step embeddings tried is a strict saddle. The last is a **necessary-condition
//! report, not a proof**: Thm 6.3 and Theorems S/N (spec §2.5) only say that a point failing these
//! tests is not truly bad. One exception is exact: at zero loss every embedded point is a global
//! minimum of the wider network (R ≥ 0), so no embedding gives a strict saddle
//! ([`Report::zero_loss`]).

use super::global::{global_certificate_with, residual_hessian_with, GlobalCertificate, TrulyBadError};
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::embed::{global_splitting, Shape};
use crate::hessian::certificate::{Certificate, Claim};
use crate::hessian::{hessian_exact_with, negative_direction};
use crate::linalg::{inertia_certified, Inertia, Matrix};
use crate::loss::ExactLoss;
use crate::net::{evaluate_with, EvalError, Network, Params};
use crate::scalar::{Field, Ring, Q};

/// The α and β values tried by the one-step search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchOptions {
    /// Splitting coefficients α.
    pub alphas: Vec<Q>,
    /// Null-neuron biases β.
    pub betas: Vec<Q>,
    /// Whether to run the one-step search at all.
    pub search: bool,
    /// The loss ℓ of R_S (½-MSE by default); H^(2) carries ∂ℓ/∂f and the Hessians ℓ''.
    pub loss: ExactLoss,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            alphas: vec![Q::int(-1), Q::new(1, 3), Q::new(1, 2), Q::int(2)],
            betas: vec![Q::zero(), Q::one(), Q::int(-1), Q::new(1, 2)],
            search: true,
            loss: ExactLoss::Mse,
        }
    }
}

/// A one-step embedding (\[P1\] Def. 5, \[P2\] Def. 4.3): [`crate::embed::Step`] over Q
/// (`neuron` 0-based, printed 1-based; `apply` gives T(θ)).
pub type OneStep = crate::embed::Step<Q>;

/// One embedding tried by the search and the exact inertia of H_wide at T(θ_c).
#[derive(Clone, Debug, PartialEq)]
pub struct OneStepResult {
    /// The embedding.
    pub embedding: OneStep,
    /// inertia(H_wide(T(θ_c))).
    pub inertia: Inertia,
}

/// The verdict of [`analyse`] (module docs).
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// ∇R_S(θ) ≠ 0: the coordinate (1-based, contract order) of the first nonzero entry.
    NotCritical {
        /// Flat coordinate, 1-based.
        coordinate: usize,
        /// ∂R/∂θ there.
        value: Q,
    },
    /// n₋(H_S) ≥ 1 at θ_c; a certificate when a rational negative direction was found.
    AlreadyStrictSaddle {
        /// A strict-saddle certificate of θ_c itself.
        certificate: Option<Certificate>,
    },
    /// An embedding makes θ_c a strict saddle: which one and a certificate of the wide point.
    Escapes {
        /// "T_global (\[P2\] Thm 6.3, Lemma 6.x)" or the one-step embedding.
        via: String,
        /// A strict-saddle certificate of the wide point, when a rational direction was found.
        certificate: Option<Certificate>,
    },
    /// H^(2) = 0 and no one-step embedding tried is a strict saddle (necessary conditions only).
    CandidateTrulyBad {
        /// How many one-step embeddings were tried (0 when the search was skipped).
        one_step_tried: usize,
    },
}

impl Verdict {
    /// The one-line verdict.
    pub fn summary(&self) -> String {
        match self {
            Verdict::NotCritical { coordinate, value } => format!("not critical (∂R/∂θ_{coordinate} = {value})"),
            Verdict::AlreadyStrictSaddle { .. } => "already a strict saddle".into(),
            Verdict::Escapes { via, .. } => format!("escapes: {via}"),
            Verdict::CandidateTrulyBad { one_step_tried: 0 } => {
                "candidate truly bad (H^(2) = 0; the one-step search was skipped; a necessary-condition report, not a proof)"
                    .into()
            }
            Verdict::CandidateTrulyBad { one_step_tried } => format!(
                "candidate truly bad (H^(2) = 0 and none of the {one_step_tried} one-step embeddings tried gives a strict \
                 saddle; a necessary-condition report, not a proof)"
            ),
        }
    }

    /// The certificate the verdict carries, if any.
    pub fn certificate(&self) -> Option<&Certificate> {
        match self {
            Verdict::AlreadyStrictSaddle { certificate } | Verdict::Escapes { certificate, .. } => certificate.as_ref(),
            _ => None,
        }
    }
}

/// Everything [`analyse`] found.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// R_S(θ).
    pub loss: Q,
    /// inertia(H_S(θ)).
    pub inertia: Inertia,
    /// Whether H^(2)(θ) = 0 exactly.
    pub residual_hessian_zero: bool,
    /// The T_global certificate (critical points with H^(2) ≠ 0).
    pub global: Option<GlobalCertificate>,
    /// inertia(H_wide(T_global(θ))) (critical points only).
    pub global_inertia: Option<Inertia>,
    /// The one-step embeddings tried (critical points that are not strict saddles).
    pub one_step: Vec<OneStepResult>,
    /// The verdict.
    pub verdict: Verdict,
}

impl Report {
    /// Whether the loss is exactly 0: then θ is a global minimum of every wider network too, so
    /// no embedding gives a strict saddle and a "candidate" is truly bad in Def. 6.2's sense.
    pub fn zero_loss(&self) -> bool {
        self.loss.is_zero()
    }
}

/// An exact rational u with uᵀHu < 0 whenever n₋(H) ≥ 1: the congruence diagonalisation of
/// [`crate::linalg::inertia`] (spec §1) with the transformation P tracked, so that the current
/// matrix is PᵀHP; its first negative diagonal entry d_kk = (Pe_k)ᵀH(Pe_k) gives u = Pe_k.
/// The fallback when [`negative_direction`]'s cheap candidates all fail.
fn congruence_negative_direction(h: &Matrix<Q>) -> Option<(Vec<Q>, Q)> {
    let n = h.rows();
    let (mut m, mut p) = (h.clone(), Matrix::<Q>::identity(n));
    let mut active: Vec<usize> = (0..n).collect();
    while !active.is_empty() {
        if let Some(&k) = active.iter().find(|&&k| m.get(k, k).signum() < 0) {
            let value = m.get(k, k).clone();
            return Some((p.col(k), value));
        }
        let k = match active.iter().copied().find(|&k| !m.get(k, k).is_zero()) {
            Some(k) => k,
            None => {
                // Every active diagonal entry is 0: add column/row j to i for some a_ij ≠ 0.
                let (i, j) = active
                    .iter()
                    .flat_map(|&i| active.iter().map(move |&j| (i, j)))
                    .find(|&(i, j)| i != j && !m.get(i, j).is_zero())?;
                for t in 0..n {
                    let (v, w) = (m.get(t, i).add(m.get(t, j)), p.get(t, i).add(p.get(t, j)));
                    m.set(t, i, v);
                    p.set(t, i, w);
                }
                for t in 0..n {
                    let v = m.get(i, t).add(m.get(j, t));
                    m.set(i, t, v);
                }
                i
            }
        };
        let dinv = m.get(k, k).inv().expect("nonzero pivot");
        active.retain(|&t| t != k);
        for &i in &active {
            let f = m.get(i, k).mul(&dinv);
            if f.is_zero() {
                continue;
            }
            // Column i −= f·column k, then row i −= f·row k (a congruence), and P's column i too.
            for t in 0..n {
                let (v, w) = (m.get(t, i).sub(&f.mul(m.get(t, k))), p.get(t, i).sub(&f.mul(p.get(t, k))));
                m.set(t, i, v);
                p.set(t, i, w);
            }
            for t in 0..n {
                let v = m.get(i, t).sub(&f.mul(m.get(k, t)));
                m.set(i, t, v);
            }
        }
    }
    None
}

fn saddle_certificate(
    net: Network<Q>,
    data: &Dataset<Q>,
    ell: &ExactLoss,
    h: &Matrix<Q>,
    note: String,
) -> Option<Certificate> {
    let (direction, curvature) = negative_direction(h).or_else(|| congruence_negative_direction(h))?;
    Some(Certificate {
        network: net,
        data: data.clone(),
        loss: ell.clone(),
        claim: Claim::StrictSaddle { direction, curvature },
        note,
    })
}

/// The truly-bad report of θ (module docs).
///
/// # Errors
/// [`TrulyBadError`] if the network cannot be evaluated exactly on the data or has no hidden
/// layer / a layer without bias (T_global and the one-step embeddings need them).
pub fn analyse(net: &Network<Q>, data: &Dataset<Q>, options: &SearchOptions) -> Result<Report, TrulyBadError> {
    let act: &ExactActivation = net.activation.exact().map_err(EvalError::FloatOnly)?;
    let params = &net.params;
    let shape = Shape::of(params);
    global_splitting::<Q>(&shape)?;
    let ell = &options.loss;
    let eval = evaluate_with(params, act, ell, data)?;
    let h = hessian_exact_with(params, act, ell, data)?;
    let (inertia, _) = inertia_certified(&h);
    let residual_hessian_zero = residual_hessian_with(params, act, ell, data)?.is_zero();
    let mut report = Report {
        loss: eval.loss.clone(),
        inertia,
        residual_hessian_zero,
        global: None,
        global_inertia: None,
        one_step: Vec::new(),
        verdict: Verdict::CandidateTrulyBad { one_step_tried: 0 },
    };
    let grad = eval.gradient.flatten();
    if let Some((k, v)) = grad.iter().enumerate().find(|(_, v)| !v.is_zero()) {
        report.verdict = Verdict::NotCritical { coordinate: k + 1, value: v.clone() };
        return Ok(report);
    }
    if inertia.negative > 0 {
        let note = format!("critical point with Hessian inertia {inertia}: already a strict saddle");
        report.verdict =
            Verdict::AlreadyStrictSaddle { certificate: saddle_certificate(net.clone(), data, ell, &h, note) };
        return Ok(report);
    }
    report.global = global_certificate_with(net, data, ell)?;
    let wide = global_splitting::<Q>(&shape)?.apply(params)?;
    report.global_inertia = Some(inertia_certified(&hessian_exact_with(&wide, act, ell, data)?).0);
    let mut first_escape: Option<(OneStep, Params<Q>, Matrix<Q>)> = None;
    if options.search {
        for step in one_step_embeddings(&shape, options) {
            let wide = step.apply(params)?;
            let hw = hessian_exact_with(&wide, act, ell, data)?;
            let (i, _) = inertia_certified(&hw);
            if i.negative > 0 && first_escape.is_none() {
                first_escape = Some((step.clone(), wide, hw));
            }
            report.one_step.push(OneStepResult { embedding: step, inertia: i });
        }
    }
    report.verdict = if let Some(g) = &report.global {
        Verdict::Escapes {
            via: format!("T_global ([P2] Thm 6.3, {}), uᵀH_wide u = {}", g.direction.lemma.name(), g.curvature),
            certificate: Some(g.certificate(data)),
        }
    } else if let Some((step, wide, hw)) = first_escape {
        let note = format!("{step} of a critical point that is not a strict saddle gives a strict saddle");
        let wide_net = Network { activation: net.activation.clone(), params: wide };
        Verdict::Escapes { via: step.to_string(), certificate: saddle_certificate(wide_net, data, ell, &hw, note) }
    } else {
        Verdict::CandidateTrulyBad { one_step_tried: report.one_step.len() }
    };
    Ok(report)
}

/// Every split (l, s, α) and null (l, β) of the search, in a fixed order (layers, then neurons,
/// then the values in `options`).
pub fn one_step_embeddings(shape: &Shape, options: &SearchOptions) -> Vec<OneStep> {
    let mut out = Vec::new();
    for layer in 1..shape.depth() {
        for neuron in 0..shape.widths()[layer] {
            out.extend(options.alphas.iter().map(|a| OneStep::Split { layer, neuron, alpha: a.clone() }));
        }
        out.extend(options.betas.iter().map(|b| OneStep::Null { layer, beta: b.clone() }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::dot;

    fn m(rows: &[&[i64]]) -> Matrix<Q> {
        Matrix::from_int_rows(rows)
    }

    fn check(a: &Matrix<Q>) {
        let (u, v) = congruence_negative_direction(a).expect("n₋ ≥ 1");
        assert_eq!(dot(&u, &a.mul_vec(&u)), v);
        assert!(v.signum() < 0);
    }

    #[test]
    fn congruence_direction_is_negative_on_matrices_with_a_negative_eigenvalue() {
        // A hyperbolic plane (zero diagonal), PᵀDP with D = diag(3, 0, 5, −2), and one hidden
        // behind positive pivots: [[1, 2], [2, 1]] has eigenvalues 3 and −1.
        check(&m(&[&[0, 1], &[1, 0]]));
        let p = m(&[&[1, 2, 0, 1], &[0, 1, 3, 0], &[2, 0, 1, 1], &[0, 0, 1, 1]]);
        let d = m(&[&[3, 0, 0, 0], &[0, 0, 0, 0], &[0, 0, 5, 0], &[0, 0, 0, -2]]);
        check(&p.transpose().mul(&d).mul(&p));
        check(&m(&[&[1, 2], &[2, 1]]));
    }

    #[test]
    fn congruence_direction_is_none_on_positive_semidefinite_matrices() {
        assert!(congruence_negative_direction(&m(&[&[1, 1], &[1, 1]])).is_none());
        assert!(congruence_negative_direction(&m(&[&[0, 0], &[0, 0]])).is_none());
        assert!(congruence_negative_direction(&m(&[&[2, 1, 0], &[1, 2, 1], &[0, 1, 2]])).is_none());
    }
}
