//! `embedcheck hessian --net N --data D [--loss L] [--weight-decay λ] [--json] [--matrix] [--blocks]
//! [--float]`: the Hessian of the objective R_S (+ (λ/2)‖θ‖², which adds λI) at θ, its rank, corank (degree of degeneracy, \[P1\] Def. 3), inertia (n₊, n₋, n₀) and a
//! classification (\[P2\] Def. 6.1) — *checked exactly* over Q, or *within tolerance* on the f64
//! path (the eigenvalue tolerance and its derivation are printed; criticality comes from the
//! interval enclosure of the gradient of `eval --float`, where *not critical* is a proof).

use super::args::HessianArgs;
use super::load::{eval_error, net_data_and_objective, Loaded};
use super::progress::Progress;
use super::CliError;
use crate::activation::{ExactActivation, Piecewise, Site};
use crate::hessian::policy::{
    check_exact_hessian_cost, check_float_hessian_size, classify, exact_inertia, LimitError, BAREISS_BUDGET,
    EXACT_SECONDS_BUDGET, MAX_FLOAT_PARAMS,
};
use crate::hessian::{hessian_exact_with, hessian_with, spectrum};
use crate::linalg::{Inertia, Matrix};
use crate::loss::{ExactLoss, Loss, Objective};
use crate::net::{enclose_objective_gradient, evaluate, evaluate_exact, Params};
use crate::nonsmooth::{piece_derivatives_with, stationarity_with, Side, Stationarity, MAX_PIECE_HESSIAN_SITES};
use crate::scalar::{Field, Interval, Ring, Q};
use serde_json::{json, Value};

fn inertia_json(i: &Inertia) -> Value {
    json!({"positive": i.positive, "zero": i.zero, "negative": i.negative})
}

/// Principal blocks of H, one per layer l = 1 … L (the layer's parameters in contract order).
fn blocks<S: Field>(h: &Matrix<S>, params: &Params<S>) -> Vec<Matrix<S>> {
    (1..=params.depth())
        .map(|l| {
            let (o, k) = (params.offset(l), params.layer(l).num_params());
            Matrix::from_vec(k, k, (0..k * k).map(|t| h.get(o + t / k, o + t % k).clone()).collect())
        })
        .collect()
}

/// Exit code 3 with the message for a [`LimitError`]; `what` names the file or the network
/// built (or, for an inertia, the matrix).
pub fn limit_error(e: LimitError, what: &str) -> CliError {
    CliError::limit(match e {
        LimitError::FloatTooLarge { m } => format!(
            "{what}: M = {m} parameters, so the Hessian has {m}² = {} entries; f64 Hessians are computed for \
             M ≤ {MAX_FLOAT_PARAMS}",
            m * m
        ),
        LimitError::ExactTooCostly { m, n, height, cost, available } => format!(
            "{what}: the exact Hessian (M = {m} parameters, so {} entries of about {height} bits, n = {n} samples) and its \
             certified inertia would need about {:.1} GiB and {:.0} s; this machine has {:.1} GiB available and the \
             limit is {EXACT_SECONDS_BUDGET:.0} s; `--float` gives the f64 Hessian for M ≤ {MAX_FLOAT_PARAMS}",
            m * m,
            cost.bytes / 1024f64.powi(3),
            cost.seconds,
            available / 1024f64.powi(3),
        ),
        LimitError::InertiaTooCostly { n, cost } => format!(
            "the exact inertia of {what} ({n} × {n}) is beyond the limits: the fast certificates \
             (dominance, singular null-space) do not apply and fraction-free elimination would take \
             about {cost:.1e} limb products (limit {BAREISS_BUDGET:.0e}, about a minute); `--float` \
             gives the f64 spectrum with its tolerance"
        ),
    })
}

/// Exit code 2 when a piecewise-linear σ has a pre-activation exactly on its kink at the loaded
/// point: `command`'s analysis assumes a twice-differentiable loss, which R_S is not there
/// (`proofs/kink-stationarity.md`). Off the kinks (or for smooth σ) it passes.
pub fn refuse_kinks(loaded: &Loaded, command: &str) -> Result<(), CliError> {
    let Ok(ExactActivation::Piecewise(sigma)) = loaded.net.activation.exact() else { return Ok(()) };
    if sigma.is_identity() {
        return Ok(());
    }
    let act = ExactActivation::Piecewise(sigma.clone());
    let ev = evaluate(&loaded.net.params, &act, &loaded.data).map_err(|e| eval_error(loaded, e))?;
    match ev.kinks.first() {
        None => Ok(()),
        Some(site) => Err(CliError::usage(format!(
            "{}: a pre-activation sits exactly on the kink of {sigma} ({site}{}), where R_S is not twice differentiable; \
             `{command}` needs a point off every kink (`embedcheck eval` decides stationarity at kinks exactly, \
             `embedcheck hessian` classifies per adjacent piece)",
            loaded.net_path,
            if ev.kinks.len() > 1 { format!(", and {} more", ev.kinks.len() - 1) } else { String::new() }
        ))),
    }
}

/// Exit code 2 when an output sits exactly on a break of a piecewise loss (Huber, squared
/// hinge): ℓ'' jumps there, so R_S has no Hessian at θ.
fn refuse_loss_breaks(loaded: &Loaded, breaks: &[(usize, usize)]) -> Result<(), CliError> {
    match breaks.first() {
        None => Ok(()),
        Some((i, j)) => Err(CliError::usage(format!(
            "{}: output {j} of sample {i} sits exactly on a break of the piecewise loss ({} such output(s)), where ℓ'' \
             jumps and R_S has no Hessian; `embedcheck eval` gives the exact (C¹) gradient there",
            loaded.data_path,
            breaks.len()
        ))),
    }
}

/// Runs `hessian`.
///
/// # Errors
/// Exit code 2 for bad usage or input (naming file and place), 3 for oversized numbers.
pub fn run(args: &HessianArgs, quiet: bool) -> Result<i32, CliError> {
    let (as_json, matrix, show_blocks, float) = (args.json, args.matrix, args.blocks, args.float);
    if let Some(p) = &args.plot {
        super::plot::check_path(p)?;
    }
    let (loaded, objective) = net_data_and_objective(&args.input, &args.objective)?;
    let ell = match &objective.loss {
        Loss::Exact(ell) if !float && loaded.net.activation.is_exact() => ell,
        _ => {
            check_float_hessian_size(loaded.net.params.num_params()).map_err(|e| limit_error(e, &loaded.net_path))?;
            return run_float(&loaded, &objective, as_json, matrix, show_blocks, args.plot.as_deref());
        }
    };
    let act = loaded.net.activation.exact().map_err(|e| eval_error(&loaded, e.into()))?;
    check_exact_hessian_cost(&loaded.net.params, act, &loaded.data).map_err(|e| limit_error(e, &loaded.net_path))?;
    let params = &loaded.net.params;
    let mut ev = evaluate_exact(params, act, ell, &loaded.data).map_err(|e| eval_error(&loaded, e))?;
    refuse_loss_breaks(&loaded, &ev.loss_breaks)?;
    if let ExactActivation::Piecewise(sigma) = act {
        if !ev.kinks.is_empty() && !sigma.is_identity() {
            if !objective.weight_decay.is_zero() {
                return Err(CliError::usage(format!(
                    "{}: a pre-activation sits exactly on a kink ({}); the per-piece analysis covers R_S without \
                     weight decay only",
                    loaded.net_path, ev.kinks[0]
                )));
            }
            if args.plot.is_some() {
                return Err(CliError::usage(format!(
                    "{}: --plot draws one Hessian's spectrum; at a kink each adjacent piece has its own",
                    loaded.net_path
                )));
            }
            return run_kink(&loaded, sigma, ell, &ev.kinks, as_json);
        }
    }
    ev.add_weight_decay(params, &objective.decay());
    let critical = ev.gradient_is_zero();
    let m = params.num_params();
    let progress = Progress::phases("hessian", quiet);
    progress.message(format!("exact Hessian ({m} × {m})"));
    let mut h = hessian_exact_with(params, act, ell, &loaded.data).map_err(|e| eval_error(&loaded, e))?;
    objective.decay().add_to_hessian(&mut h);
    progress.message("certified inertia".into());
    let (i, _) = exact_inertia(&h).map_err(|e| limit_error(e, "the Hessian"))?;
    progress.finish();
    if let Some(path) = &args.plot {
        let s = spectrum(&h.map(Q::to_f64));
        super::plot::hessian_spectrum(&loaded.net_path, &s, i, true, path)?;
    }
    let block_inertia: Vec<Inertia> = if show_blocks {
        blocks(&h, params)
            .iter()
            .enumerate()
            .map(|(l, b)| {
                exact_inertia(b).map_err(|e| limit_error(e, &format!("the layer-{} block", l + 1))).map(|r| r.0)
            })
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    if as_json {
        let mut out = summary_json(true, m, &i, critical);
        out["objective"] = objective.to_json();
        if matrix {
            out["matrix"] = Value::Array(h.to_rows().iter().map(|r| crate::io::vector_to_json(r)).collect());
        }
        if show_blocks {
            out["blocks"] = blocks_json(&block_inertia);
        }
        out["plot"] = json!(args.plot);
        super::output::print_json(&out);
    } else {
        println!("network {}, data {}: M = {m} parameters (checked exactly over Q)", loaded.net_path, loaded.data_path);
        super::plot::hessian_plot_line(args.plot.as_deref());
        println!("objective: {objective}");
        println!("critical: {}", if critical { "yes (gradient exactly 0)" } else { "no" });
        println!("rank {}, corank (degree of degeneracy) {}", i.positive + i.negative, i.zero);
        println!("inertia (n+, n-, n0) = {i}");
        println!("classification: {}", classify(critical, &i));
        if show_blocks {
            for (l, b) in block_inertia.iter().enumerate() {
                println!("  layer {} block: inertia {b}", l + 1);
            }
        }
        if matrix {
            for r in h.to_rows() {
                println!("  [{}]", r.iter().map(Q::to_canonical).collect::<Vec<_>>().join(", "));
            }
        }
    }
    Ok(0)
}

/// `hessian` at a kink point: the exact stationarity verdict, and per adjacent polynomial piece
/// L_s its gradient test, Hessian inertia and the classification of θ *as a critical point of
/// L_s* (no single Hessian classifies R_S at a kink; `proofs/kink-stationarity.md`).
fn run_kink(
    loaded: &Loaded,
    sigma: &Piecewise,
    ell: &ExactLoss,
    kinks: &[Site],
    as_json: bool,
) -> Result<i32, CliError> {
    let (params, data) = (&loaded.net.params, &loaded.data);
    let analysis = stationarity_with(params, sigma, ell, data, kinks).map_err(|e| eval_error(loaded, e))?;
    let verdict = match &analysis.verdict {
        Stationarity::Descent(_) => "not critical: a descent direction exists at the kink (see `eval`)",
        Stationarity::EveryPiece { .. } => "kink point, stationary on every adjacent piece; classified per piece below",
        Stationarity::DStationary { .. } => {
            "kink point, d-stationary but not stationary on every piece; classified per piece below"
        }
        Stationarity::Undecided { .. } | Stationarity::Smooth => "kink point, stationarity undecided",
    };
    let pieces =
        piece_derivatives_with(params, sigma, ell, data, &analysis.sites).map_err(|e| eval_error(loaded, e))?;
    let mut rows = Vec::new();
    for p in pieces.iter().flatten() {
        let (i, _) = exact_inertia(&p.hessian).map_err(|e| limit_error(e, "a piece's Hessian"))?;
        let sides: Vec<&str> =
            p.piece.sides.values().map(|s| if *s == Side::Left { "left" } else { "right" }).collect();
        rows.push((sides, p.stationary, i));
    }
    let piece_class = |stationary: bool, i: &Inertia| {
        if stationary {
            format!("critical point of this piece: {}", classify(true, i))
        } else {
            "not a critical point of this piece".to_string()
        }
    };
    if as_json {
        let out = json!({
            "exact": true,
            "params": params.num_params(),
            "rank": null, "corank": null, "inertia": null,
            "critical": analysis.is_stationary(),
            "classification": verdict,
            "kinks": analysis.sites.iter().map(|s| json!({"layer": s.layer, "neuron": s.neuron, "sample": s.sample})).collect::<Vec<_>>(),
            "pieces": pieces.as_ref().map(|_| rows.iter().map(|(sides, st, i)| json!({
                "sides": sides, "stationary": st, "inertia": inertia_json(i), "classification": piece_class(*st, i),
            })).collect::<Vec<_>>()),
        });
        super::output::print_json(&out);
        return Ok(0);
    }
    println!(
        "network {}, data {}: M = {} parameters (checked exactly over Q)",
        loaded.net_path,
        loaded.data_path,
        params.num_params()
    );
    println!(
        "{} pre-activation(s) sit exactly on the kink of σ ({}): R_S is a different polynomial on each of the 2^{} adjacent pieces, and no single Hessian classifies θ",
        analysis.sites.len(),
        analysis.sites.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
        analysis.sites.len()
    );
    println!("classification: {verdict}");
    match &pieces {
        None => println!("(per-piece Hessians are computed for at most {MAX_PIECE_HESSIAN_SITES} kink sites)"),
        Some(_) => {
            for (sides, st, i) in &rows {
                println!("  piece ({}): inertia (n+, n-, n0) = {i}; {}", sides.join(", "), piece_class(*st, i));
            }
        }
    }
    Ok(0)
}

/// The keys every `hessian --json` report has (`exact`, `params`, `rank`, `corank`, `inertia`,
/// `critical`, `classification`).
fn summary_json(exact: bool, m: usize, i: &Inertia, critical: bool) -> Value {
    json!({
        "exact": exact,
        "params": m,
        "rank": i.positive + i.negative,
        "corank": i.zero,
        "inertia": inertia_json(i),
        "critical": critical,
        "classification": classify(critical, i),
    })
}

/// `--blocks` as JSON: the inertia of each layer's diagonal block.
fn blocks_json(blocks: &[Inertia]) -> Value {
    Value::Array(blocks.iter().enumerate().map(|(l, b)| json!({"layer": l + 1, "inertia": inertia_json(b)})).collect())
}

/// The float path's classification when the gradient enclosure decides nothing.
const UNDECIDED: &str = "undecided (criticality is not decided on the f64 path)";

fn run_float(
    loaded: &Loaded,
    objective: &Objective,
    as_json: bool,
    matrix: bool,
    show_blocks: bool,
    plot_path: Option<&str>,
) -> Result<i32, CliError> {
    let params = loaded.net.params.map(Q::to_f64);
    let data = loaded.data.map(Q::to_f64);
    let act = &loaded.net.activation;
    // Criticality from the rigorous gradient enclosure of `eval --float` (net::enclose_gradient).
    let (iparams, idata) = (loaded.net.params.map(Interval::from_q), loaded.data.map(Interval::from_q));
    let verdict =
        enclose_objective_gradient(&iparams, act, objective, &idata).map_err(|e| eval_error(loaded, e))?.verdict;
    let critical = verdict.critical() == Some(true);
    let mut h = hessian_with(&params, act, &objective.loss, &data).map_err(|e| eval_error(loaded, e))?;
    objective.decay().add_to_hessian(&mut h);
    let s = spectrum(&h);
    let i = s.inertia();
    let block_inertia: Vec<Inertia> = blocks(&h, &params).iter().map(|b| spectrum(b).inertia()).collect();
    if let Some(path) = plot_path {
        super::plot::hessian_spectrum(&loaded.net_path, &s, i, false, path)?;
    }
    if as_json {
        let mut out = summary_json(false, params.num_params(), &i, critical);
        out["objective"] = objective.to_json();
        out["critical"] = json!(verdict.critical());
        out["verdict"] = json!(verdict.name());
        out["evidence"] = json!("within tolerance");
        out["float_reason"] = json!(super::eval::float_reason(loaded, objective));
        if verdict.critical().is_none() {
            out["classification"] = json!(UNDECIDED);
        }
        out["spectrum"] = json!(s.eigenvalues);
        out["tolerance"] = json!({"value": s.tolerance, "why": s.why});
        if matrix {
            out["matrix"] = json!(h.to_rows());
        }
        if show_blocks {
            out["blocks"] = blocks_json(&block_inertia);
        }
        out["plot"] = json!(plot_path);
        super::output::print_json(&out);
    } else {
        super::plot::hessian_plot_line(plot_path);
        println!(
            "network {}, data {}: M = {} (f64, within tolerance)",
            loaded.net_path,
            loaded.data_path,
            params.num_params()
        );
        println!("objective: {objective}");
        println!("evidence: within tolerance (f64 path: {})", super::eval::float_reason(loaded, objective));
        println!("critical: {verdict}");
        println!("spectrum: [{}]", s.eigenvalues.iter().map(|l| format!("{l:e}")).collect::<Vec<_>>().join(", "));
        println!("|λ| <= {:e} counts as zero: {}", s.tolerance, s.why);
        println!("inertia (n+, n-, n0) = {i}; rank {}, corank {}", i.positive + i.negative, i.zero);
        match verdict.critical() {
            Some(c) => println!("classification: {} (within tolerance)", classify(c, &i)),
            None => println!("classification: {UNDECIDED}"),
        }
        if show_blocks {
            for (l, b) in block_inertia.iter().enumerate() {
                println!("  layer {} block: inertia {b}", l + 1);
            }
        }
        if matrix {
            for r in h.to_rows() {
                println!("  [{}]", r.iter().map(|v| format!("{v:e}")).collect::<Vec<_>>().join(", "));
            }
        }
    }
    Ok(0)
}
