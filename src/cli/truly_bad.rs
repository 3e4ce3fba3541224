//! `embedcheck truly-bad --net N --data D [--json] [--certificate F] [--no-search] [--alphas a,b,…]
//! [--betas b,…]`: is the point truly bad (\[P2\] Def. 6.2)? Criticality, the Hessian inertia, the
//! T_global certificate of \[P2\] Thm 6.3 when H^(2) ≠ 0, and a search over one-step embeddings,
//! ending in a verdict — all *checked exactly* over Q ([`crate::hessian::truly_bad::analyse`]).
//!
//! Exit codes: 0 when the report is complete (whatever the verdict); 1 if the T_global direction's
//! uᵀH_wide u differs from the lemma's prediction (a violated claim); 2 for bad usage or input
//! (float-only σ, no hidden layer, a layer without bias, an unreadable α/β list); 3 when the
//! network is larger than [`MAX_PARAMS`].

use super::args::TrulyBadArgs;
use super::load::{eval_error, exact_loss_without_decay, net_data_and_objective, Loaded};
use super::CliError;
use crate::hessian::certificate::to_json;
use crate::hessian::truly_bad::{analyse, OneStep, Report, SearchOptions, TrulyBadError, Verdict};
use crate::io::{q_to_json, vector_to_json};
use crate::linalg::Inertia;
use crate::loss::Loss;
use crate::net::evaluate_with;
use crate::scalar::Q;
use serde_json::{json, Value};

/// The largest number of parameters M the command accepts (each one-step embedding and T_global
/// needs an exact Hessian of a wider network).
pub const MAX_PARAMS: usize = 150;

fn list(given: Option<&str>, name: &str, default: Vec<Q>) -> Result<Vec<Q>, CliError> {
    let Some(s) = given else { return Ok(default) };
    s.split(',')
        .enumerate()
        .map(|(k, t)| {
            Q::parse(t.trim()).map_err(|e| CliError::usage(format!("option {name}, entry {} (`{t}`): {e}", k + 1)))
        })
        .collect()
}

fn inertia_json(i: &Inertia) -> Value {
    json!({"positive": i.positive, "zero": i.zero, "negative": i.negative})
}

fn step_json(s: &OneStep) -> Value {
    match s {
        OneStep::Split { layer, neuron, alpha } => {
            json!({"kind": "split", "layer": layer, "neuron": neuron + 1, "alpha": q_to_json(alpha)})
        }
        OneStep::Null { layer, beta } => json!({"kind": "null", "layer": layer, "beta": q_to_json(beta)}),
    }
}

fn verdict_name(v: &Verdict) -> &'static str {
    match v {
        Verdict::NotCritical { .. } => "not critical",
        Verdict::AlreadyStrictSaddle { .. } => "already a strict saddle",
        Verdict::Escapes { .. } => "escapes",
        Verdict::CandidateTrulyBad { .. } => "candidate truly bad",
    }
}

/// What the verdict does and does not establish, for the reader.
fn caveat(r: &Report) -> Option<&'static str> {
    match r.verdict {
        Verdict::CandidateTrulyBad { .. } if r.zero_loss() => Some(
            "the loss is exactly 0, the least value of every wider network: every embedded point is a global \
             minimum, so no embedding gives a strict saddle and this point is truly bad in the sense of [P2] \
             Def. 6.2 (trivially: a global minimum)",
        ),
        Verdict::CandidateTrulyBad { .. } => Some(
            "necessary conditions only: [P2] Def. 6.2 quantifies over every critical embedding; this report \
             checked H^(2) = 0 (Thm 6.3) and the one-step embeddings listed",
        ),
        _ => None,
    }
}

fn to_json_report(loss: &Loss, r: &Report) -> Value {
    let global = r.global.as_ref().map(|g| {
        let d = &g.direction;
        json!({
            "lemma": d.lemma.name(), "v": vector_to_json(&d.v), "value": q_to_json(&d.value),
            "coefficients": vector_to_json(&d.coefficients), "predicted": q_to_json(&d.predicted),
            "curvature": q_to_json(&g.curvature), "holds": g.holds(),
        })
    });
    json!({
        "exact": true,
        "evidence": "checked exactly",
        "verdict": verdict_name(&r.verdict),
        "summary": r.verdict.summary(),
        "caveat": caveat(r),
        "loss": q_to_json(&r.loss),
        "loss_function": loss.to_json(),
        "critical": !matches!(r.verdict, Verdict::NotCritical { .. }),
        "inertia": inertia_json(&r.inertia),
        "residual_hessian_zero": r.residual_hessian_zero,
        "global": global,
        "global_inertia": r.global_inertia.as_ref().map(inertia_json),
        "one_step": r.one_step.iter().map(|s| json!({
            "embedding": step_json(&s.embedding), "inertia": inertia_json(&s.inertia), "strict_saddle": s.inertia.negative > 0,
        })).collect::<Vec<_>>(),
    })
}

fn print_text(loaded: &Loaded, loss: &Loss, r: &Report) {
    println!(
        "network {}, data {}, loss {loss}: M = {} parameters (checked exactly over Q)",
        loaded.net_path,
        loaded.data_path,
        loaded.net.params.num_params()
    );
    println!("loss R_S = {}; Hessian inertia (n+, n-, n0) = {}", r.loss, r.inertia);
    if !matches!(r.verdict, Verdict::NotCritical { .. } | Verdict::AlreadyStrictSaddle { .. }) {
        println!("H^(2) (residual-weighted Hessian part) {}", if r.residual_hessian_zero { "= 0" } else { "≠ 0" });
        if let Some(i) = &r.global_inertia {
            println!("T_global (three-fold global splitting, [P2] Ex. 5.1): wide Hessian inertia {i}");
        }
        match &r.global {
            Some(g) => {
                let d = &g.direction;
                println!(
                    "  [P2] Thm 6.3, {}: vᵀH^(2)v = {}, coefficients ({}, {}, {}), uᵀH_wide u = {} (predicted {}){}",
                    d.lemma.name(),
                    d.value,
                    d.coefficients[0],
                    d.coefficients[1],
                    d.coefficients[2],
                    g.curvature,
                    d.predicted,
                    if g.holds() { "" } else { "  ← DIFFERS" }
                );
            }
            None => println!("  no certificate from [P2] Thm 6.3 (it needs H^(2) ≠ 0)"),
        }
        if !r.one_step.is_empty() {
            let n = r.one_step.iter().filter(|s| s.inertia.negative > 0).count();
            println!("one-step embeddings tried: {} ({n} strict saddles)", r.one_step.len());
            for s in &r.one_step {
                let mark = if s.inertia.negative > 0 { "  strict saddle" } else { "" };
                println!("  {}: inertia {}{mark}", s.embedding, s.inertia);
            }
        }
    }
    println!("verdict: {}", r.verdict.summary());
    if let Some(c) = caveat(r) {
        println!("note: {c}");
    }
}

/// Runs `truly-bad`.
///
/// # Errors
/// Exit code 2 for bad usage or input (naming file and place), 3 for a network larger than
/// [`MAX_PARAMS`] or oversized numbers.
pub fn run(args: &TrulyBadArgs) -> Result<i32, CliError> {
    let (as_json, no_search, cert_path) = (args.json, args.no_search, args.certificate.clone());
    let defaults = SearchOptions::default();
    let alphas = list(args.alphas.as_deref(), "--alphas", defaults.alphas)?;
    let betas = list(args.betas.as_deref(), "--betas", defaults.betas)?;
    let (loaded, objective) = net_data_and_objective(&args.input, &args.objective)?;
    let loss = exact_loss_without_decay(&objective, "truly-bad")?;
    let m = loaded.net.params.num_params();
    if m > MAX_PARAMS {
        return Err(CliError::limit(format!(
            "{}: M = {m} parameters; truly-bad analyses networks with at most {MAX_PARAMS} (exact Hessians of every \
             embedded network)",
            loaded.net_path
        )));
    }
    let act = loaded.net.activation.exact().map_err(|f| {
        CliError::usage(format!(
            "{}: activation `{}` is float only; truly-bad works exactly over Q (polynomial, rational, ReLU or \
             identity activations)",
            loaded.net_path,
            f.0.name()
        ))
    })?;
    super::hessian::refuse_kinks(&loaded, "truly-bad")?;
    if let Some(&(i, j)) = evaluate_with(&loaded.net.params, act, &loss, &loaded.data)
        .map_err(|e| eval_error(&loaded, e))?
        .loss_breaks
        .first()
    {
        return Err(CliError::usage(format!(
            "{}: output {j} of sample {i} sits exactly on a break of the loss {}, where R_S has no Hessian",
            loaded.data_path, objective.loss
        )));
    }
    let options = SearchOptions { alphas, betas, search: !no_search, loss };
    let report = analyse(&loaded.net, &loaded.data, &options).map_err(|e| match e {
        TrulyBadError::Eval(e) => eval_error(&loaded, e),
        TrulyBadError::Embed(e) => CliError::usage(format!("{}: {e}", loaded.net_path)),
    })?;
    if as_json {
        super::output::print_json(&to_json_report(&objective.loss, &report));
    } else {
        print_text(&loaded, &objective.loss, &report);
    }
    if let Some(path) = cert_path {
        match report.verdict.certificate() {
            Some(c) => {
                let text = serde_json::to_string_pretty(&to_json(c)).expect("JSON");
                std::fs::write(&path, text).map_err(|e| CliError::usage(format!("cannot write {path}: {e}")))?;
                eprintln!("certificate written to {path} (re-check: embedcheck verify {path})");
            }
            None => eprintln!("no certificate to write: the verdict carries none"),
        }
    }
    let violated = report.global.as_ref().is_some_and(|g| !g.holds());
    Ok(if violated { 1 } else { 0 })
}
