//! `embedcheck alpha-range --net N --data D --neuron s [--layer 1] [--json] [--alpha a
//! [--certificate F]]`: the Fukumizu–Amari criterion (width-depth spec §2.5) at a critical point of
//! a scalar-output two-layer net — A and its inertia, the α at which the split T^α_{1,s}θ* is a
//! strict saddle, and the predicted inertia of H_wide on each piece; with `--alpha` the prediction
//! is compared with the Hessian computed directly at the wide point (exit 1 if they differ), and
//! `--certificate F` writes a strict-saddle certificate (`embedcheck.hessian-certificate/1`, re-checked
//! by `embedcheck verify`). Everything is *checked exactly* over Q.

use super::args::AlphaRangeArgs;
use super::hessian::limit_error;
use super::load::{eval_error, exact_loss_without_decay, net_data_and_objective, Loaded};
use super::plot::InertiaPiece;
use super::CliError;
use crate::hessian::certificate::{to_json, verify};
use crate::hessian::fukumizu_amari::{Analysis, FaError};
use crate::hessian::hessian_exact_with;
use crate::hessian::policy::{check_exact_hessian_cost, exact_inertia};
use crate::linalg::Inertia;
use crate::scalar::Q;
use serde_json::{json, Value};

fn inertia_json(i: &Inertia) -> Value {
    json!({"positive": i.positive, "zero": i.zero, "negative": i.negative})
}

fn fa_error(loaded: &Loaded, e: FaError) -> CliError {
    match e {
        FaError::Eval(e) => eval_error(loaded, e),
        FaError::NotCritical { .. } | FaError::Kink(_) => {
            CliError::usage(format!("{} with data {}: {e}", loaded.net_path, loaded.data_path))
        }
        other => CliError::usage(format!("{}: {other}", loaded.net_path)),
    }
}

fn classify_narrow(i: &Inertia) -> &'static str {
    if i.negative > 0 {
        "already a strict saddle (every split is one, [P2] Thm 6.2)"
    } else if i.zero > 0 {
        "degenerate with no negative direction"
    } else {
        "positive definite, so a strict local minimum"
    }
}

/// The result at a chosen α: predicted and computed inertia, and the certificate if written.
struct AtAlpha {
    alpha: Q,
    predicted: Inertia,
    computed: Inertia,
    certificate: Option<(String, Q)>,
}

fn at_alpha(loaded: &Loaded, an: &Analysis, alpha: Q, cert: Option<String>) -> Result<AtAlpha, CliError> {
    let wide = an.wide(&alpha);
    let act = wide.activation.exact().map_err(|e| eval_error(loaded, e.into()))?;
    let what = format!("the split of {} at α = {alpha}", loaded.net_path);
    check_exact_hessian_cost(&wide.params, act, &loaded.data).map_err(|e| limit_error(e, &what))?;
    let h = hessian_exact_with(&wide.params, act, &an.loss, &loaded.data).map_err(|e| eval_error(loaded, e))?;
    let (computed, predicted) = (
        exact_inertia(&h).map_err(|e| limit_error(e, &format!("the Hessian of {what}")))?.0,
        an.predicted_inertia(&alpha),
    );
    let certificate = match cert {
        None => None,
        Some(path) => {
            let Some(c) = an.certificate(&alpha) else {
                return Err(CliError::usage(format!(
                    "--certificate: α = {alpha} is outside the strict-saddle set (predicted inertia {predicted}); no certificate to write"
                )));
            };
            verify(&c).map_err(|e| CliError { code: 1, message: format!("the certificate does not verify: {e}") })?;
            let text = serde_json::to_string_pretty(&to_json(&c)).expect("JSON") + "\n";
            std::fs::write(&path, text).map_err(|e| CliError::usage(format!("cannot write {path}: {e}")))?;
            let crate::hessian::certificate::Claim::StrictSaddle { curvature, .. } = c.claim else {
                unreachable!("Analysis::certificate writes a strict-saddle claim")
            };
            Some((path, curvature))
        }
    };
    Ok(AtAlpha { alpha, predicted, computed, certificate })
}

/// Runs `alpha-range`.
///
/// # Errors
/// Exit code 2 for bad usage or input (not a two-layer scalar-output net, not critical, v* = 0,
/// an index out of range; the message names the file), 3 for oversized numbers.
pub fn run(args: &AlphaRangeArgs) -> Result<i32, CliError> {
    let (as_json, layer, neuron) = (args.json, args.layer, args.neuron);
    let (alpha, cert) = (args.alpha.clone(), args.certificate.clone());
    if let Some(p) = &args.plot {
        super::plot::check_path(p)?;
    }
    let (loaded, objective) = net_data_and_objective(&args.input, &args.objective)?;
    let ell = exact_loss_without_decay(&objective, "alpha-range")?;
    if layer != 1 {
        return Err(CliError::usage(format!(
            "--layer {layer}: the criterion is for two-layer nets, whose only hidden layer is 1"
        )));
    }
    if neuron == 0 {
        return Err(CliError::usage("--neuron 0: neurons are numbered from 1"));
    }
    if cert.is_some() && alpha.is_none() {
        return Err(CliError::usage("--certificate needs --alpha (the split to certify)"));
    }
    if let Ok(act) = loaded.net.activation.exact() {
        check_exact_hessian_cost(&loaded.net.params, act, &loaded.data)
            .map_err(|e| limit_error(e, &loaded.net_path))?;
    }
    super::hessian::refuse_kinks(&loaded, "alpha-range")?;
    let an =
        Analysis::new_with(&loaded.net, &loaded.data, &ell, neuron as usize - 1).map_err(|e| fa_error(&loaded, e))?;
    let at = alpha.map(|a| at_alpha(&loaded, &an, a, cert)).transpose()?;
    let set = an.saddle_set();
    let by_piece = [("α in (0, 1)", Q::new(1, 2)), ("α < 0 or α > 1", Q::int(2)), ("α in {0, 1}", Q::int(0))];
    let held = at.as_ref().is_none_or(|r| r.predicted == r.computed);
    if let Some(path) = &args.plot {
        let piece = |from: f64, to: f64, a: Q| InertiaPiece { from, to, inertia: an.predicted_inertia(&a) };
        let (out, inside, end) = (Q::int(2), Q::new(1, 2), Q::int(0));
        let pieces = [
            piece(-1.0, -0.03, out.clone()),
            piece(-0.03, 0.03, end.clone()),
            piece(0.03, 0.97, inside),
            piece(0.97, 1.03, end),
            piece(1.03, 2.0, out),
        ];
        let file = loaded.net_path.rsplit('/').next().unwrap_or(&loaded.net_path);
        super::plot::plot_alpha_range(&pieces, &format!("{file}, neuron {neuron}"), path)?;
    }
    if as_json {
        let mut out = json!({
            "exact": true,
            "loss": crate::loss::Loss::Exact(an.loss.clone()).to_json(),
            "layer": 1,
            "neuron": neuron,
            "params": loaded.net.params.num_params(),
            "critical": true,
            "narrow_inertia": inertia_json(&an.narrow_inertia),
            "a": an.a.to_rows().iter().map(|r| crate::io::vector_to_json(r)).collect::<Vec<_>>(),
            "a_inertia": inertia_json(&an.a_inertia),
            "a_sign": an.sign_structure().to_string(),
            "strict_saddle_alpha": set.pieces(),
            "plot": args.plot,
            "inertia_by_alpha": {
                "inside": inertia_json(&an.predicted_inertia(&by_piece[0].1)),
                "outside": inertia_json(&an.predicted_inertia(&by_piece[1].1)),
                "endpoints": inertia_json(&an.predicted_inertia(&by_piece[2].1)),
            },
        });
        if let Some(r) = &at {
            out["alpha"] = json!({
                "value": r.alpha.to_canonical(),
                "strict_saddle": set.contains(&r.alpha),
                "predicted_inertia": inertia_json(&r.predicted),
                "computed_inertia": inertia_json(&r.computed),
                "agree": r.predicted == r.computed,
                "certificate": r.certificate.as_ref().map(|c| c.0.clone()),
                "curvature": r.certificate.as_ref().map(|c| c.1.to_canonical()),
            });
        }
        super::output::print_json(&out);
    } else {
        println!(
            "network {}, data {}, loss {}: split of hidden neuron {neuron} of layer 1 (Fukumizu–Amari criterion, checked exactly over Q)",
            loaded.net_path, loaded.data_path, objective.loss
        );
        println!(
            "critical: yes (gradient exactly 0); inertia(H_narr) = {}: {}",
            an.narrow_inertia,
            classify_narrow(&an.narrow_inertia)
        );
        let rows: Vec<String> =
            an.a.to_rows()
                .iter()
                .map(|r| format!("[{}]", r.iter().map(Q::to_canonical).collect::<Vec<_>>().join(", ")))
                .collect();
        let slope = if an.loss == crate::loss::ExactLoss::Mse { "(f - y)" } else { "∂ℓ/∂f" };
        println!("A = E_S[{slope} v* σ''(w*·x + b*) x̃x̃ᵀ] = [{}]", rows.join(", "));
        println!("inertia(A) (n+, n-, n0) = {}: {}", an.a_inertia, an.sign_structure());
        if let Some(path) = &args.plot {
            println!("plot: {path} (predicted inertia of H_wide on each piece of the α axis)");
        }
        let pieces = set.pieces();
        let list = if pieces.is_empty() { "none".to_string() } else { pieces.join(" ∪ ") };
        println!("strict saddle for α in: {list}");
        for (name, a) in &by_piece {
            println!("  {name}: inertia(H_wide) = {}", an.predicted_inertia(a));
        }
        if let Some(r) = &at {
            let kind = if set.contains(&r.alpha) { "a strict saddle" } else { "not a strict saddle" };
            println!(
                "α = {}: predicted {}, computed directly {}: {kind}{}",
                r.alpha,
                r.predicted,
                r.computed,
                if r.predicted == r.computed { "" } else { " — PREDICTION FAILS" }
            );
            if let Some((path, c)) = &r.certificate {
                println!("certificate written to {path} (uᵀHu = {c}); re-check with `embedcheck verify {path}`");
            }
        }
    }
    Ok(if held { 0 } else { 1 })
}
