//! Catalogue entries `symmetry.counts.*` and `symmetry.manifold.*` (Şimşek et al., ICML 2021;
//! symmetry spec Part A) as [`Theorem`]s. Each check is small (widths ≤ 4), so `check --all`
//! stays fast. The negative controls are in [`mod@super::controls`].

use super::case::{fails, random_sigma, small_r_m};
use super::stored::ManifoldCase;
use crate::rng::Rng;
use crate::scalar::{Ring, Z};
use crate::symmetry::counts::Counts;
use crate::symmetry::enumerate::{configurations, count_configurations, count_maps_with_null, count_surjections};
use crate::symmetry::manifold::{predicted_dim, Geometry, Subspace};
use crate::symmetry::shallow::{random_inputs, teacher_data, Shallow};
use crate::symmetry::Count;
use crate::theorem::stored::judge_stored;
use crate::theorem::stored::recheck_outcome;
use crate::theorem::{Evidence, Meta, Outcome, Recheck, Size, Theorem, Verdict, WidthRule};

/// The width rule (the student width m) of `symmetry.counts.closed_forms` and its control.
pub const COUNTS_WIDTHS: WidthRule = WidthRule::Capped {
    max: 10,
    reason: "brute-force enumeration of the configurations (Bell-number growth): at m = 12 single cases take over 7 s",
};

/// The width rule (the student width m) of `symmetry.manifold.zero_loss` and its control.
pub const POINT_WIDTHS: WidthRule = WidthRule::Capped {
    max: 6,
    reason: "enumerates every configuration to pick Γ_C: at m = 8 single cases take up to 1.8 s",
};

/// The width rule (the student width m) of `symmetry.manifold.geometry` and its control.
pub const GEOMETRY_WIDTHS: WidthRule = WidthRule::Capped {
    max: 4,
    reason:
        "the exact geometry of Θ_{r→m} (every configuration subspace and their intersections) takes ≈ 1 s per case \
             at m = 5",
};
use serde_json::json;

/// `symmetry.counts.closed_forms`: both closed forms of T, T1, G, G0 equal brute-force counts.
pub struct ClosedForms;

impl Theorem for ClosedForms {
    fn meta(&self) -> Meta {
        Meta {
            id: "symmetry.counts.closed_forms",
            statement: "T = Σ_k S(m,k)(k)_r = Σ_j C(m,j) r! S(m−j,r) B_j, T1 = G0 = r! S(m+1,r+1), G = r! S(m,r) count the configurations, singleton-zero configurations, surjections and maps with null neurons",
            source: "Şimşek et al. ICML 2021, abstract (T and G in closed form via combinatorics); the forms derived, checked against enumeration",
            hypotheses: "1 ≤ r ≤ m",
            widths: COUNTS_WIDTHS,
            // Counts of maps: no loss.
            loss: crate::theorem::LossUse::Free,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (r, m) = small_r_m(rng, size);
        closed_forms(r, m)
    }
    /// Reads r and m and counts again (the stored count name must be the one that differs).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, read_r_m(case, MAX_COUNT_M)?, |(r, m)| closed_forms(r, m)))
    }
}

/// The largest m a re-check enumerates for the counts (brute force grows like Bell numbers).
pub(crate) const MAX_COUNT_M: usize = 12;

/// Reads `r` and `m` of a stored case: the inner error unless 1 ≤ r ≤ m ≤ `max_m`.
pub(crate) fn read_r_m(case: &serde_json::Value, max_m: usize) -> crate::theorem::stored::Read<(usize, usize)> {
    use crate::theorem::stored::index;
    let (r, m) = (index(case, "r")?, index(case, "m")?);
    Ok(if 1 <= r && r <= m && m <= max_m { Ok((r, m)) } else { Err(format!("needs 1 ≤ r ≤ m ≤ {max_m}").into()) })
}

/// Both closed forms of T, T1, G, G0 against brute-force counts at (r, m).
fn closed_forms(r: usize, m: usize) -> Outcome {
    let counts = Counts::up_to(m);
    let brute = [
        (Count::T, count_configurations(r, m, false)),
        (Count::T1, count_configurations(r, m, true)),
        (Count::G, count_surjections(m, r)),
        (Count::G0, count_maps_with_null(m, r)),
    ];
    for (count, b) in brute {
        let (first, second) = (counts.get(count, r, m), counts.get_second(count, r, m));
        if first != Z::from_u64(b) || second != Z::from_u64(b) {
            return fails(
                format!("{}({r}, {m}) = {b} (enumerated)", count.name()),
                format!("closed forms {first} and {second}"),
                json!({"r": r, "m": m, "count": count.name()}),
            );
        }
    }
    Outcome::Holds(Evidence::CheckedExactly)
}

/// `symmetry.manifold.geometry`: T(r, m) subspaces, nonempty, dimension h + q(d−1), none
/// containing another, r! components at m = r and one component for m > r.
pub struct ManifoldGeometry;

/// The geometry claims of spec A.3 items 3–5 on one (r, m, d), as a [`Verdict`].
pub(crate) fn geometry_verdict(g: &Geometry, dim_of: impl Fn(usize) -> usize) -> Verdict {
    let t = Counts::up_to(g.m).t(g.r, g.m);
    if Z::from_u64(g.subspaces.len() as u64) != t {
        return Err((format!("T = {t} subspaces"), format!("{}", g.subspaces.len())));
    }
    if !g.all_consistent {
        return Err(("every Γ_C nonempty".into(), "an inconsistent system".into()));
    }
    if let Some(s) = g.subspaces.iter().find(|s| s.dim() != dim_of(s.config.zero_type_groups())) {
        return Err((
            format!("dim Γ_C = {} for C = {}", dim_of(s.config.zero_type_groups()), s.config),
            format!("{}", s.dim()),
        ));
    }
    if !g.distinct_and_maximal {
        return Err(("no Γ_C inside another".into(), "a containment".into()));
    }
    if g.components != g.expected_components() {
        return Err((format!("{} components", g.expected_components()), format!("{}", g.components)));
    }
    if let Some(b) = crate::symmetry::bipartite::bipartite_structure(g) {
        if !b.holds(g.r) {
            return Err(("the bipartite structure of spec A.3 item 5".into(), format!("{b:?}")));
        }
    }
    Ok(())
}

impl Theorem for ManifoldGeometry {
    fn meta(&self) -> Meta {
        Meta {
            id: "symmetry.manifold.geometry",
            statement: "Θ_{r→m} is a union of T(r,m) distinct maximal affine subspaces of dimension h + q(d−1); r! isolated points at m = r, connected for m > r, bipartite for m = r + 1",
            source: "Şimşek et al. ICML 2021, abstract and Fig. 4 (expansion manifold: T(r*, m) subspaces, each of dimension ≥ h); derived for a generic teacher",
            hypotheses: "two-layer bias-free net, scalar output; generic (symbolic) teacher",
            widths: GEOMETRY_WIDTHS,
            // A set of parameters with the teacher's outputs on the data (f = y): the zero set of every
            // loss that vanishes exactly at zero residual, so no particular loss.
            loss: crate::theorem::LossUse::Free,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (r, m) = small_r_m(rng, size);
        let m = m.min(r + 2);
        let r = r.min(m);
        let d = rng.range(1, 2) as usize;
        geometry(r, m, d, |q| predicted_dim(r, m, d, q))
    }
    /// Reads r, m and d and computes the geometry again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, read_r_m_d(case)?, |(r, m, d)| geometry(r, m, d, |q| predicted_dim(r, m, d, q))))
    }
}

/// Reads `r`, `m` and `d` of a stored geometry case: the inner error unless 1 ≤ r ≤ m ≤ 6 and
/// 1 ≤ d ≤ 3 (the exact geometry grows fast).
pub(crate) fn read_r_m_d(case: &serde_json::Value) -> crate::theorem::stored::Read<(usize, usize, usize)> {
    let d = crate::theorem::stored::index(case, "d")?;
    Ok(match read_r_m(case, 6)? {
        Ok((r, m)) if (1..=3).contains(&d) => Ok((r, m, d)),
        Ok(_) => Err("needs 1 ≤ d ≤ 3".into()),
        Err(why) => Err(why),
    })
}

/// The geometry claims on (r, m, d) with dimension formula `dim_of` (q zero-type groups ↦ dim).
pub(crate) fn geometry(r: usize, m: usize, d: usize, dim_of: impl Fn(usize) -> usize) -> Outcome {
    let g = Geometry::new(r, m, d);
    match geometry_verdict(&g, dim_of) {
        Ok(()) => Outcome::Holds(Evidence::CheckedExactly),
        Err((e, c)) => fails(e, c, json!({"r": r, "m": m, "d": d})),
    }
}

/// `symmetry.manifold.zero_loss`: a random point of a random Γ_C has zero loss and zero gradient.
pub struct ManifoldZeroLoss;

/// A random (r, m, d), teacher, data, configuration and point of its Γ_C, for the zero-loss
/// theorem and its control.
pub(crate) fn random_manifold_point(
    rng: &mut Rng,
    size: Size,
    want: impl Fn(&Subspace) -> bool,
) -> Option<(Subspace, ManifoldCase)> {
    let (r, m) = small_r_m(rng, size);
    let d = rng.range(1, 2) as usize;
    let sigma = random_sigma(rng, None);
    let candidates: Vec<Subspace> =
        configurations(r, m, false).into_iter().map(|c| Subspace::new(c, r, m, d)).filter(|s| want(s)).collect();
    if candidates.is_empty() {
        return None;
    }
    let s = candidates[rng.below(candidates.len())].clone();
    let teacher = Shallow::random_irreducible(rng, r, d, 4);
    let data = teacher_data(&teacher, &sigma, random_inputs(rng, 5, d, 4)).ok()?;
    let point = s.random_point(&teacher, rng);
    let case = ManifoldCase { config: s.config.clone(), point, teacher, data, sigma };
    Some((s, case))
}

impl Theorem for ManifoldZeroLoss {
    fn meta(&self) -> Meta {
        Meta {
            id: "symmetry.manifold.zero_loss",
            statement:
                "every point of every Γ_C reproduces the teacher: zero loss and zero gradient, for any σ and data",
            source: "Şimşek et al. ICML 2021, abstract (the expansion manifold is a global-minimum manifold)",
            hypotheses:
                "two-layer bias-free net, polynomial σ, irreducible rational teacher (completeness is not claimed)",
            widths: POINT_WIDTHS,
            // Zero loss here means f = y on the data (checked as ½-MSE = 0, which holds exactly then): the
            // zero set of every loss that vanishes exactly at zero residual.
            loss: crate::theorem::LossUse::Free,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let Some((_, case)) = random_manifold_point(rng, size, |_| true) else {
            return Outcome::NotApplicable("no configuration".into());
        };
        zero_loss(&case)
    }
    /// Reads C, θ, the teacher, σ and the data, requires θ ∈ Γ_C and teacher targets, and
    /// evaluates again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(match ManifoldCase::read(case)? {
            Ok(c) if c.on_manifold(false) => recheck_outcome(case, zero_loss(&c)),
            Ok(_) => Recheck::NotApplicable("the point is not on Γ_C".into()),
            Err(why) => Recheck::NotApplicable(why.to_string()),
        })
    }
}

/// Zero loss and zero gradient at the case's point.
fn zero_loss(case: &ManifoldCase) -> Outcome {
    match case.point.evaluate(&case.sigma, &case.data) {
        Ok(e) if e.loss.is_zero() && e.is_critical() => Outcome::Holds(Evidence::CheckedExactly),
        Ok(e) => fails("loss 0 and gradient 0", format!("loss {}", e.loss), case.to_json()),
        Err(e) => Outcome::NotApplicable(e.to_string()),
    }
}
