//! `embedcheck manifold --r R --m M --d D [--activation A] [--seed S] [--json]`: the expansion
//! manifold Θ_{r→m} of Şimşek et al. (ICML 2021), symmetry spec A.2–A.3. Counts, dimensions,
//! components and the exact checks: every Γ_C nonempty, of dimension h + q(d−1), none inside
//! another, the intersection graph's components (and bipartite structure for m = r + 1), and zero
//! loss with zero gradient at a random exact point of every Γ_C. Completeness (that nothing else
//! has zero loss) is not claimed: it fails for polynomial σ (spec A.3 item 2).

use super::args::ManifoldArgs;
use super::CliError;
use crate::activation::{Activation, ExactActivation};
use crate::io::parse_activation;
use crate::rng::Rng;
use crate::scalar::Q;
use crate::symmetry::bipartite::bipartite_structure;
use crate::symmetry::manifold::predicted_dim;
use crate::symmetry::zero_loss::check_zero_loss;
use crate::symmetry::{Counts, Geometry};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Largest T(r, m) accepted: the pairwise checks cost T²/2 exact ranks.
const SUBSPACE_LIMIT: u64 = 1000;
/// Number of random inputs for the zero-loss check.
const SAMPLES: usize = 6;

/// Reads `--activation`: a contract activation as JSON (`'{"poly": ["1/3", "1"]}'`), a name
/// (`relu`, `identity`), or `poly:c0,c1,…`. Default: the spec's σ(t) = 1/3 + t + t²/2 + t³/5 − t⁴/7.
fn activation(arg: Option<String>) -> Result<ExactActivation, CliError> {
    let act = match arg {
        None => {
            Activation::poly(["1/3", "1", "1/2", "1/5", "-1/7"].iter().map(|s| Q::parse(s).expect("literal")).collect())
        }
        Some(s) => {
            let v: Value = if let Some(list) = s.strip_prefix("poly:") {
                json!({ "poly": list.split(',').map(str::trim).collect::<Vec<_>>() })
            } else if s.starts_with('{') || s.starts_with('"') {
                serde_json::from_str(&s).map_err(|e| CliError::usage(format!("--activation: not JSON: {e}")))?
            } else {
                Value::String(s.clone())
            };
            parse_activation(&v, "--activation")?
        }
    };
    act.exact().cloned().map_err(|e| {
        CliError::usage(format!(
            "--activation: {e}; the manifold checks are exact (and tanh's sign symmetry is not counted by T, spec A.6)"
        ))
    })
}

/// Runs `manifold`.
///
/// # Errors
/// Exit code 2 for bad usage, 3 when T(r, m) is past the size limit.
pub fn run(args: &ManifoldArgs) -> Result<i32, CliError> {
    let (as_json, r, m, d, seed) = (args.json, args.r as usize, args.m as usize, args.d as usize, args.seed);
    let sigma = activation(args.activation.clone())?;
    if r == 0 || m < r || d == 0 {
        return Err(CliError::usage(format!("need 1 ≤ r ≤ m and d ≥ 1, got r = {r}, m = {m}, d = {d}")));
    }
    if m > 12 {
        return Err(CliError::limit(format!("m = {m}: at most 12 student neurons")));
    }
    let t = Counts::up_to(m).t(r, m);
    if t.to_u64().is_none_or(|t| t > SUBSPACE_LIMIT) {
        return Err(CliError::limit(format!("T({r}, {m}) = {t} subspaces is past the limit {SUBSPACE_LIMIT}")));
    }
    let g = Geometry::new(r, m, d);
    let bip = bipartite_structure(&g);
    let mut rng = Rng::new(seed);
    let zl = check_zero_loss(&g.subspaces, r, d, &sigma, SAMPLES, &mut rng)
        .map_err(|e| CliError::usage(format!("--activation: {e}")))?;
    let mut dims: BTreeMap<usize, usize> = BTreeMap::new();
    for s in &g.subspaces {
        *dims.entry(s.dim()).or_default() += 1;
    }
    let count_ok = t.to_u64() == Some(g.subspaces.len() as u64);
    let components_ok = g.components == g.expected_components();
    let bip_ok = bip.as_ref().is_none_or(|b| b.holds(r));
    let all = count_ok
        && g.all_consistent
        && g.dimension_formula_holds
        && g.distinct_and_maximal
        && components_ok
        && bip_ok
        && zl.holds();
    if as_json {
        let out = json!({
            "r": r, "m": m, "d": d, "h": m - r, "seed": seed, "activation": sigma.to_string(),
            "subspaces": g.subspaces.len(), "T": t.to_string(),
            "dimensions": dims.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
            "min_dimension": g.min_dim(),
            "checks": {
                "count_equals_T": count_ok,
                "all_nonempty": g.all_consistent,
                "dimension_is_h_plus_q_d_minus_1": g.dimension_formula_holds,
                "distinct_and_maximal": g.distinct_and_maximal,
                "components": g.components, "expected_components": g.expected_components(),
                "bipartite_m_eq_r_plus_1": bip.as_ref().map(|b| json!({
                    "zero_type_nodes": b.zero_nodes, "pair_nodes": b.pair_nodes, "holds": b.holds(r)})),
                "zero_loss_zero_gradient": {"checked": zl.checked, "samples": zl.samples,
                    "failures": zl.failures.iter().map(ToString::to_string).collect::<Vec<_>>()},
            },
            "intersecting_pairs": g.edges.len(),
            "evidence": "checked exactly",
            "completeness": "not claimed (fails for polynomial σ; spec A.3 item 2)",
            "all_hold": all,
        });
        super::output::print_json(&out);
    } else {
        let mark = |b: bool| if b { "holds" } else { "FAILS" };
        println!("expansion manifold Θ_{{{r}→{m}}}, inputs in Q^{d}, h = {}, σ = {sigma}, seed {seed}", m - r);
        println!("  subspaces Γ_C: {} (T({r}, {m}) = {t}): {}", g.subspaces.len(), mark(count_ok));
        let dims_text: Vec<String> = dims.iter().map(|(k, v)| format!("{v} of dim {k}")).collect();
        println!("  dimensions: {} (smallest {} = h)", dims_text.join(", "), g.min_dim());
        println!("  every Γ_C nonempty for a generic teacher: {}", mark(g.all_consistent));
        println!(
            "  dim Γ_C = h + q(d−1) for every C (q = number of zero-type groups; q = 0 gives {}): {}",
            predicted_dim(r, m, d, 0),
            mark(g.dimension_formula_holds)
        );
        println!("  pairwise distinct, none contains another: {}", mark(g.distinct_and_maximal));
        println!(
            "  intersection graph: {} intersecting pairs, {} component(s), expected {}: {}",
            g.edges.len(),
            g.components,
            g.expected_components(),
            mark(components_ok)
        );
        if let Some(b) = &bip {
            println!(
                "  m = r + 1: {} zero-type-singleton and {} duplicated-pair subspaces, bipartite with degrees m−1 and 2: {}",
                b.zero_nodes,
                b.pair_nodes,
                mark(b.holds(r))
            );
        }
        println!(
            "  zero loss and zero gradient at a random point of each of {} subspaces ({} samples): {}",
            zl.checked,
            zl.samples,
            mark(zl.holds())
        );
        for c in zl.failures.iter().take(5) {
            println!("    failed at C = {c}");
        }
        println!("evidence: checked exactly (ranks over Q with a symbolic teacher; points and gradients in Q)");
        println!("not claimed: that nothing else has zero loss (false for polynomial σ, spec A.3 item 2)");
    }
    Ok(if all { 0 } else { 1 })
}
