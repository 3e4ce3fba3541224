//! `embedcheck certify --net N --data D [--activation A] [--loss L] [--json] [--out PREFIX]
//! [--tolerance T] [--max-newton-steps N]`: from a trained network to its narrow origin, a proved nearby exact critical
//! point, that point's inertia, and the distance from the input to the embedded critical point
//! ([`crate::certify`]; `proofs/certify.md`). Exit 0 when certified, 1 when not (with the reason).
//! `--out PREFIX` writes the reduced refined network (`PREFIX.net.json`, `PREFIX.safetensors`)
//! and the certificate `PREFIX.certificate.json`, which `embedcheck verify` re-checks. tanh,
//! sigmoid and softplus go through [`crate::certify::certify_smooth`] (rigorous enclosures; the
//! report's `proof` and `assumption` keys say so).

use super::args::CertifyArgs;
use super::load::{eval_error, exact_loss_without_decay, net_data_and_objective};
use super::progress::Progress;
use super::CliError;
use crate::activation::Activation;
use crate::certify::{
    certify_observed, certify_smooth_observed, estimated_seconds, reduce, Gauge, Options, Stage, Verdict, WideInertia,
    CERTIFICATE_FORMAT,
};
use crate::embed::Step;
use crate::io::{data_and_loss_to_json, network_to_json, write_network_as};
use crate::linalg::Inertia;
use crate::net::Network;
use crate::scalar::Q;
use serde_json::{json, Value};

/// The longest estimated run `certify` starts, in seconds.
const MAX_SECONDS: f64 = 600.0;

/// A duration in seconds as "42 s", "17 min" or "3.5 h".
fn duration(seconds: f64) -> String {
    if seconds < 120.0 {
        format!("{seconds:.0} s")
    } else if seconds < 7200.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        format!("{:.1} h", seconds / 3600.0)
    }
}

fn steps_json(steps: &[Step<Q>]) -> Value {
    Value::Array(
        steps
            .iter()
            .map(|s| match s {
                Step::Split { layer, neuron, alpha } => {
                    json!({"kind": "split", "layer": layer, "neuron": neuron + 1, "alpha": alpha.to_canonical()})
                }
                Step::Null { layer, beta } => json!({"kind": "null", "layer": layer, "beta": beta.to_canonical()}),
            })
            .collect(),
    )
}

fn classification(i: &Option<Inertia>) -> &'static str {
    match i {
        None => "undecided: the Hessian's variation over the box is larger than its smallest eigenvalues",
        Some(i) if i.negative > 0 => "strict saddle",
        Some(i) if i.zero > 0 => {
            "local minimum, not strict: positive definite across the rescaling family, constant along it"
        }
        Some(_) => "strict local minimum (positive definite Hessian)",
    }
}

/// What the wide bounds say about the embedded point.
fn wide_classification(w: &WideInertia) -> String {
    if w.negative_at_least > 0 {
        format!("strict saddle (proved: n- ≥ {})", w.negative_at_least)
    } else {
        format!(
            "no negative direction proved (n+ ≥ {}; the other {} eigenvalues are within the enclosure's width of 0)",
            w.positive_at_least,
            w.params - w.positive_at_least
        )
    }
}

/// The gauge's fixed coordinates, 1-based, as the certificate and `--json` give them.
fn gauge_json(gauge: &Gauge) -> Value {
    json!(gauge.fixed().iter().map(|k| k + 1).collect::<Vec<_>>())
}

/// Runs `certify`.
///
/// # Errors
/// Exit code 2 for bad usage or input (naming the file and place).
pub fn run(args: &CertifyArgs, quiet: bool) -> Result<i32, CliError> {
    let (as_json, out, tolerance) = (args.json, args.out.clone(), args.tolerance.clone());
    let (loaded, objective) = net_data_and_objective(&args.input, &args.objective)?;
    let ell = exact_loss_without_decay(&objective, "certify")?;
    let loss = objective.loss.clone();
    let mut opts = Options { loss: ell, newton_steps: args.max_newton_steps, ..Options::default() };
    if let Some(t) = tolerance {
        if t.signum() < 0 {
            return Err(CliError::usage("--tolerance must be ≥ 0"));
        }
        opts.tolerance = t;
    }
    // The size that matters is the reduced network's: reduce first (cheap; certify does it
    // again) and estimate the run from it.
    let reduced = reduce(&loaded.net.params, &opts.tolerance).reduced.num_params();
    let exact = matches!(loaded.net.activation, Activation::Exact(_));
    let seconds = estimated_seconds(reduced, loaded.data.len(), exact);
    if seconds > MAX_SECONDS {
        return Err(CliError::limit(format!(
            "{}: the reduced network has M = {reduced} parameters and the data n = {} samples; certify would take about {} on the {} path (the Hessian over Krawczyk's box is n·M² interval operations), more than the {} minutes it allows",
            loaded.net_path,
            loaded.data.len(),
            duration(seconds),
            if exact { "exact" } else { "f64-enclosure" },
            MAX_SECONDS / 60.0
        )));
    }
    let progress = Progress::phases("certify", quiet);
    progress.message("reducing".into());
    let mut observe = |stage| {
        progress.message(match stage {
            Stage::Reduced(w) => format!("reduced to widths {w:?}; Newton"),
            Stage::Newton { step, gradient } => format!("Newton step {step}, max |gradient| {gradient:.3e}"),
            Stage::Krawczyk { r } => format!("Krawczyk's test on the box of half-width {r:.3e}"),
            Stage::Inertia => "inertia at the proved point (Weyl)".into(),
        })
    };
    let (params, data) = (&loaded.net.params, &loaded.data);
    let report = match &loaded.net.activation {
        Activation::Exact(act) => certify_observed(params, act, data, &opts, &mut observe),
        Activation::Float(act) => certify_smooth_observed(params, *act, data, &opts, &mut observe),
    }
    .map_err(|e| eval_error(&loaded, e))?;
    progress.finish();
    let widths = loaded.net.params.widths();
    let reduced_widths = report.reduction.reduced.widths();
    let (certified, radius, distance, inertia, reason) = match &report.verdict {
        Verdict::Certified { radius, distance, inertia, .. } => (true, Some(*radius), Some(*distance), *inertia, None),
        Verdict::NotCertified(why) => (false, None, None, None, Some(why.clone())),
    };
    if let (Some(prefix), Verdict::Certified { r, .. }) = (&out, &report.verdict) {
        let net = Network { activation: loaded.net.activation.clone(), params: report.refined.clone() };
        for ext in ["net.json", "safetensors"] {
            write_network_as(&format!("{prefix}.{ext}"), &net)?;
        }
        let mut cert = json!({
            "format": CERTIFICATE_FORMAT,
            "claim": "the reduced network has exactly one critical point in the box refined ± r (∞-norm); Krawczyk's test",
            "proof": report.proof.key(),
            "network": network_to_json(&net),
            "data": data_and_loss_to_json(&loaded.data, &loss),
            "r": r.to_canonical(),
        });
        if !report.gauge.is_empty() {
            cert["claim"] = json!("the reduced network has exactly one critical point in the box refined ± r (∞-norm) on the coordinates other than `gauge`, which keep their values; Krawczyk's test on those coordinates' partial derivatives, and Euler's identity for the rescaling of each hidden neuron");
            cert["gauge"] = gauge_json(&report.gauge);
        }
        let path = format!("{prefix}.certificate.json");
        crate::io::tensors::write_atomically(
            &path,
            (serde_json::to_string_pretty(&cert).expect("JSON") + "\n").as_bytes(),
        )?;
        eprintln!("wrote {prefix}.net.json, {prefix}.safetensors, {path} (re-check: embedcheck verify {path})");
    }
    if as_json {
        let out = json!({
            "widths": widths,
            "loss": loss.to_json(),
            "reduced_widths": reduced_widths,
            "steps": steps_json(&report.reduction.steps),
            "tolerance": report.reduction.tolerances.iter().map(|t| format!("{:.3e}", t.to_f64())).collect::<Vec<_>>(),
            "newton_steps": report.newton_steps,
            "gauge": gauge_json(&report.gauge),
            "gradient_before": report.gradient_before,
            "gradient_after": report.gradient_after,
            "certified": certified,
            "proof": report.proof.key(),
            "assumption": report.proof.assumption(),
            "radius": radius.map(|r| format!("{r:.6e}")),
            "distance": distance.map(|d| format!("{d:.6e}")),
            "inertia": inertia.map(|i| json!({"positive": i.positive, "negative": i.negative, "zero": i.zero})),
            "classification": if certified { classification(&inertia) } else { "not certified" },
            "wide_inertia": report.wide.as_ref().and_then(|w| w.as_ref().ok()).map(|w| json!({
                "params": w.params,
                "positive_at_least": w.positive_at_least,
                "negative_at_least": w.negative_at_least,
            })),
            "wide_classification": report.wide.as_ref().and_then(|w| w.as_ref().ok()).map(wide_classification),
            "wide_reason": report.wide.as_ref().and_then(|w| w.as_ref().err()).map(ToString::to_string),
            "reason": reason,
        });
        super::output::print_json(&out);
    } else {
        println!(
            "network {}: widths {widths:?}, data {}: n = {}, loss {loss}",
            loaded.net_path,
            loaded.data_path,
            loaded.data.len()
        );
        println!(
            "reduced widths {reduced_widths:?} ({} embedding step(s); relative tolerance {})",
            report.reduction.steps.len(),
            opts.tolerance
        );
        for s in &report.reduction.steps {
            match s {
                Step::Split { layer, neuron, alpha } => {
                    println!("  split layer {layer}, neuron {}, α = {alpha}", neuron + 1)
                }
                Step::Null { layer, beta } => println!("  null neuron in layer {layer}, β = {beta}"),
            }
        }
        if !report.gauge.is_empty() {
            println!(
                "gauge: σ is positively homogeneous, so each hidden neuron's rescaling leaves R_S unchanged; {} coordinate(s) held fixed, one per hidden neuron (parameters {})",
                report.gauge.len(),
                report.gauge.fixed().iter().map(|k| (k + 1).to_string()).collect::<Vec<_>>().join(", ")
            );
        }
        println!(
            "Newton: {} step(s), max |gradient| {:.3e} → {:.3e}",
            report.newton_steps, report.gradient_before, report.gradient_after
        );
        match &report.verdict {
            Verdict::Certified { r, radius, delta, distance, inertia } => {
                println!(
                    "certified ({}): the reduced network has exactly one critical point within ∞-distance {:.3e} of the refined point (Euclidean radius ≤ {radius:.6e}; Krawczyk's test)",
                    report.proof.describe(),
                    r.to_f64()
                );
                if !report.gauge.is_empty() {
                    println!(
                        "  (unique with the fixed coordinates held; its rescalings form a {}-dimensional family of critical points, the zeros of the inertia below)",
                        report.gauge.len()
                    );
                }
                if let Some(a) = report.proof.assumption() {
                    println!("assumption: {a}");
                }
                match inertia {
                    Some(i) => println!(
                        "inertia at that critical point (n+, n-, n0) = {i}: {} (Weyl, ‖ΔH‖ ≤ {delta:.3e})",
                        classification(&Some(*i))
                    ),
                    None => println!("inertia: {} (‖ΔH‖ ≤ {delta:.3e})", classification(&None)),
                }
                println!("distance from the input point to the embedded exact critical point ≤ {distance:.6e}");
                match &report.wide {
                    Some(Ok(w)) => println!(
                        "at the input's width (M = {}): n+ ≥ {}, n- ≥ {} at the embedded critical point: {} (Weyl over the embedded box)",
                        w.params,
                        w.positive_at_least,
                        w.negative_at_least,
                        wide_classification(w)
                    ),
                    Some(Err(why)) if !report.reduction.steps.is_empty() => {
                        println!("at the input's width: no inertia bounds ({why})")
                    }
                    _ => {}
                }
            }
            Verdict::NotCertified(why) => println!("not certified: {why}"),
        }
    }
    Ok(if certified { 0 } else { 1 })
}
