//! The candidates {0} ∪ {positive roots of (★)}, the exact proof that each is a critical point,
//! and the exact choice of the global minimiser (spec symmetry-linear B.3, B.6 items 3–5).
//!
//! For each positive root b of the self-consistency polynomial the balanced point θ(b) is built
//! in Q (rational b) or in Q(α) ([`AlgNum`], algebraic b), and ∇L(θ(b)) = 0 is checked exactly
//! there. The sign of L(θ(b)) − L(0) is an exact sign decision in Q(α); when several nonzero
//! candidates beat the origin they are compared by exact rational interval enclosures, refined
//! until they separate (a tie between two irrational candidates would not separate and is
//! reported as undecided). Optionally the Hessian inertia at each candidate is computed exactly
//! (LDLᵀ in Q(α) with exact pivot signs).

use super::derivatives::{gradient, hessian};
use super::minimiser::Design;
use super::model::{loss, LinearError, LinearModel, Moments};
use super::origin::{origin_inertia, predicted_origin_inertia};
use crate::algebra::{positive_roots, AlgNum, Poly, RealRoot};
use crate::linalg::{inertia, Inertia};
use crate::net::Params;
use crate::scalar::{Exact, Field, Ring, Q};
use std::cmp::Ordering;
use std::sync::Arc;

/// One candidate b ≥ 0 and what was proved about θ(b).
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The root t of (★) in the design's scale variable (t = b for equal decays, see
    /// [`super::ScaleVariable`]); `None` for the origin.
    pub b: Option<RealRoot>,
    /// ∇L(θ(b)) = 0, decided exactly.
    pub gradient_vanishes: bool,
    /// The sign of L(θ(b)) − L(0), decided exactly.
    pub vs_origin: Ordering,
    /// L(θ(b)) when it is rational.
    pub loss_exact: Option<Q>,
    /// L(θ(b)) as a float (display only).
    pub loss_approx: f64,
    /// A rational interval of width < 10⁻⁹ containing L(θ(b)) − L(0) (a point if rational).
    pub gap_enclosure: (Q, Q),
    /// Inertia of ∇²L(θ(b)), if asked for.
    pub inertia: Option<Inertia>,
}

impl Candidate {
    /// A strict local minimum (positive definite Hessian), if the inertia was computed.
    pub fn is_strict_local_min(&self) -> Option<bool> {
        self.inertia.map(|i| i.negative == 0 && i.zero == 0)
    }
    /// A saddle (a negative Hessian eigenvalue), if the inertia was computed.
    pub fn is_saddle(&self) -> Option<bool> {
        self.inertia.map(|i| i.negative > 0)
    }
}

/// The full analysis of one problem.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The balanced design (k, γ_eff, balance factors, directions).
    pub design: Design,
    /// The self-consistency polynomial (★), cleared of denominators.
    pub star: Poly,
    /// Candidate 0 is the origin; then the positive roots of (★), increasing.
    pub candidates: Vec<Candidate>,
    /// Indices of the global minimisers among the candidates (two or more: a tie).
    pub global: Vec<usize>,
    /// Whether the choice of the global minimisers was decided exactly (false only if two
    /// irrational candidates did not separate under refinement).
    pub decided: bool,
    /// Inertia of ∇²L(0), computed exactly.
    pub origin_inertia: Inertia,
    /// Inertia of ∇²L(0) predicted by spec B.4.
    pub origin_predicted: Inertia,
}

impl Analysis {
    /// The origin is a strict local minimum but not a global one (spec B.4, "bad minimum").
    pub fn origin_is_bad_minimum(&self) -> bool {
        let i = self.origin_inertia;
        i.negative == 0 && i.zero == 0 && !self.global.contains(&0)
    }
}

/// Examines θ(b) over an exact field: gradient, loss and (optionally) Hessian inertia.
fn examine<S: Exact>(
    model: &LinearModel,
    moments: &Moments,
    theta: &Params<S>,
    with_hessian: bool,
) -> (bool, S, Option<Inertia>) {
    let grad_zero = gradient(model, moments, theta).iter().all(Ring::is_zero);
    let l = loss(model, moments, theta);
    let inertia = with_hessian.then(|| inertia(&hessian(model, moments, theta)));
    (grad_zero, l, inertia)
}

/// Whether ∇L vanishes at the balanced point at scale `root + perturb`, decided exactly (in Q or
/// Q(α)); `perturb` is 0 except in negative controls.
pub fn gradient_vanishes_at(
    design: &Design,
    model: &LinearModel,
    moments: &Moments,
    root: &RealRoot,
    perturb: &Q,
) -> bool {
    match root {
        RealRoot::Rational(b) => {
            gradient(model, moments, &design.point(moments, &b.add(perturb))).iter().all(Ring::is_zero)
        }
        RealRoot::Algebraic(iso) => {
            let b = AlgNum::generator(&Arc::new(iso.clone())).add(&AlgNum::from_q(perturb));
            gradient(model, moments, &design.point(moments, &b)).iter().all(Ring::is_zero)
        }
    }
}

/// Examines the balanced point at one root; `perturb` is added to b (0 except in controls).
pub fn candidate_at(
    design: &Design,
    model: &LinearModel,
    moments: &Moments,
    root: &RealRoot,
    perturb: &Q,
    with_hessian: bool,
) -> Candidate {
    let eyy = &moments.eyy;
    match root {
        RealRoot::Rational(b) => {
            let theta = design.point(moments, &b.add(perturb));
            let (g, l, i) = examine(model, moments, &theta, with_hessian);
            let gap = l.sub(eyy);
            Candidate {
                b: Some(root.clone()),
                gradient_vanishes: g,
                vs_origin: gap.signum().cmp(&0),
                loss_approx: l.to_f64(),
                loss_exact: Some(l),
                gap_enclosure: (gap.clone(), gap),
                inertia: i,
            }
        }
        RealRoot::Algebraic(iso) => {
            let alpha = Arc::new(iso.clone());
            let b = AlgNum::generator(&alpha).add(&AlgNum::from_q(perturb));
            let theta = design.point(moments, &b);
            let (g, l, i) = examine(model, moments, &theta, with_hessian);
            let gap = l.sub(&AlgNum::from_q(eyy));
            let enclosure = gap.enclose_within(&Q::new(1, 1_000_000_000));
            Candidate {
                b: Some(root.clone()),
                gradient_vanishes: g,
                vs_origin: gap.primal_cmp_zero().expect("exact sign"),
                loss_exact: l.as_rational(),
                loss_approx: l.approx_f64(),
                gap_enclosure: enclosure,
                inertia: i,
            }
        }
    }
}

/// Candidates, exact proofs and the global choice for `model` on `moments`.
///
/// # Errors
/// [`LinearError::Irrational`] when the balanced point is not exactly representable (see
/// [`Design`]); [`LinearError::Shape`] if the moments do not match d_0.
pub fn analyse(model: &LinearModel, moments: &Moments, with_hessian: bool) -> Result<Analysis, LinearError> {
    if moments.dim() != model.widths()[0] {
        return Err(LinearError::Shape(format!(
            "the data have d_0 = {}, the widths say {}",
            moments.dim(),
            model.widths()[0]
        )));
    }
    let design = Design::new(model)?;
    analyse_with(model, moments, design, with_hessian)
}

/// As [`analyse`] with a given design (controls pass a deliberately wrong one).
///
/// # Errors
/// As [`analyse`].
pub fn analyse_with(
    model: &LinearModel,
    moments: &Moments,
    design: Design,
    with_hessian: bool,
) -> Result<Analysis, LinearError> {
    let star = design.star(moments);
    let zero = model.zero_params::<Q>();
    let (g0, l0, i0) = examine(model, moments, &zero, with_hessian);
    let mut candidates = vec![Candidate {
        b: None,
        gradient_vanishes: g0,
        vs_origin: Ordering::Equal,
        loss_approx: l0.to_f64(),
        loss_exact: Some(l0),
        gap_enclosure: (Q::zero(), Q::zero()),
        inertia: i0,
    }];
    let roots = if star.is_zero() { Vec::new() } else { positive_roots(&star) };
    for r in &roots {
        candidates.push(candidate_at(&design, model, moments, r, &Q::zero(), with_hessian));
    }
    let (global, decided) = choose_global(&design, model, moments, &candidates);
    Ok(Analysis {
        design,
        star,
        candidates,
        global,
        decided,
        origin_inertia: origin_inertia(model, moments),
        origin_predicted: predicted_origin_inertia(model, moments),
    })
}

/// The candidates of least loss: exact signs against the origin, then interval comparison.
fn choose_global(design: &Design, model: &LinearModel, moments: &Moments, c: &[Candidate]) -> (Vec<usize>, bool) {
    let below: Vec<usize> = (1..c.len()).filter(|&i| c[i].vs_origin == Ordering::Less).collect();
    if below.is_empty() {
        let ties = (0..c.len()).filter(|&i| c[i].vs_origin == Ordering::Equal).collect();
        return (ties, true);
    }
    if below.len() == 1 {
        return (below, true);
    }
    // Several nonzero candidates beat the origin: refine their enclosures until they separate.
    let mut encl: Vec<(Q, Q)> = below.iter().map(|&i| c[i].gap_enclosure.clone()).collect();
    for round in 1..=12 {
        let best_hi = encl.iter().map(|e| e.1.clone()).min().expect("nonempty");
        let survivors: Vec<usize> = (0..below.len()).filter(|&j| encl[j].0 <= best_hi).collect();
        if survivors.len() == 1 {
            return (vec![below[survivors[0]]], true);
        }
        let all_rational = survivors.iter().all(|&j| encl[j].0 == encl[j].1);
        if all_rational {
            return (survivors.iter().map(|&j| below[j]).collect(), true);
        }
        for &j in &survivors {
            if let Some(RealRoot::Algebraic(iso)) = &c[below[j]].b {
                let alpha = Arc::new(iso.clone());
                let theta = design.point(moments, &AlgNum::generator(&alpha));
                let gap = loss(model, moments, &theta).sub(&AlgNum::from_q(&moments.eyy));
                if let Some(e) = gap.enclose(16 * round) {
                    encl[j] = e;
                }
            }
        }
    }
    let best_hi = encl.iter().map(|e| e.1.clone()).min().expect("nonempty");
    ((0..below.len()).filter(|&j| encl[j].0 <= best_hi).map(|j| below[j]).collect(), false)
}
