//! `embedcheck eval --net N --data D [--json] [--float]`: outputs, loss, gradient and whether the
//! point is critical — *checked exactly* over Q, or *within tolerance* on the f64 path.

use super::load::{eval_error, net_and_data, Loaded};
use super::{Args, CliError};
use crate::io::{params_to_json, vector_to_json};
use crate::net::{evaluate, evaluate_f64, Params, Site};
use crate::scalar::Q;
use serde_json::{json, Value};

/// Runs `eval`.
///
/// # Errors
/// Exit code 2 for bad usage or input (naming file and place), 3 for oversized numbers.
pub fn run(args: &mut Args) -> Result<i32, CliError> {
    let as_json = args.flag("--json");
    let float = args.flag("--float");
    let loaded = net_and_data(args)?;
    args.clone().finish_empty()?;
    if float {
        return run_float(&loaded, as_json);
    }
    let act = loaded.net.activation.exact().map_err(|e| eval_error(&loaded, e.into()))?;
    let ev = evaluate(&loaded.net.params, act, &loaded.data).map_err(|e| eval_error(&loaded, e))?;
    let critical = ev.gradient_is_zero();
    if as_json {
        let out = json!({
            "exact": true,
            "outputs": ev.outputs.iter().map(|o| vector_to_json(o)).collect::<Vec<_>>(),
            "loss": ev.loss.to_canonical(),
            "gradient": { "layers": params_to_json(&ev.gradient) },
            "critical": critical,
            "kinks": kinks_json(&ev.kinks),
        });
        println!("{}", serde_json::to_string_pretty(&out).expect("JSON"));
    } else {
        header(&loaded);
        for (i, o) in ev.outputs.iter().enumerate() {
            println!("  output {}: [{}]", i + 1, join(o));
        }
        println!("loss R_S = {}", ev.loss);
        print_gradient(&ev.gradient, |v| v.to_canonical());
        let nonzero = ev.gradient.flatten().iter().filter(|g| g.signum() != 0).count();
        if critical {
            println!("critical: yes (checked exactly: all {} gradient entries are 0 in Q)", ev.gradient.num_params());
        } else {
            println!(
                "critical: no (checked exactly: {nonzero} of {} gradient entries are nonzero)",
                ev.gradient.num_params()
            );
        }
        print_kinks(&ev.kinks);
    }
    Ok(0)
}

fn run_float(loaded: &Loaded, as_json: bool) -> Result<i32, CliError> {
    let params = loaded.net.params.map(Q::to_f64);
    let data = loaded.data.map(Q::to_f64);
    let ev = evaluate_f64(&params, &loaded.net.activation, &data).map_err(|e| eval_error(loaded, e))?;
    let critical = ev.within_tolerance_of_critical();
    let tol_text = "|g_k| <= tau_k = 2 gamma_(n+K) ||E_r|| ||F_c|| / n (forward error bound of the gradient's dot products; see net::float docs)";
    if as_json {
        let f = |p: &Params<f64>| -> Value {
            Value::Array(
                p.layers().iter().map(|l| json!({ "weight": l.weight.to_rows(), "bias": l.bias.clone() })).collect(),
            )
        };
        let out = json!({
            "exact": false,
            "outputs": ev.outputs.outer_iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
            "loss": ev.loss,
            "gradient": { "layers": f(&ev.gradient) },
            "critical": critical,
            "tolerance": { "rule": tol_text, "per_entry": { "layers": f(&ev.tolerance) }, "worst_ratio": ev.worst_ratio() },
            "kinks": kinks_json(&ev.kinks),
        });
        println!("{}", serde_json::to_string_pretty(&out).expect("JSON"));
    } else {
        header(loaded);
        let show = ev.outputs.nrows().min(20);
        for (i, o) in ev.outputs.outer_iter().take(show).enumerate() {
            println!("  output {}: [{}]", i + 1, o.iter().map(|v| format!("{v:e}")).collect::<Vec<_>>().join(", "));
        }
        if show < ev.outputs.nrows() {
            println!("  ... ({} more samples; --json prints all)", ev.outputs.nrows() - show);
        }
        println!("loss R_S = {:e}", ev.loss);
        if params.num_params() <= 200 {
            print_gradient(&ev.gradient, |v| format!("{v:e}"));
        } else {
            let norm = ev.gradient.flatten().iter().map(|g| g * g).sum::<f64>().sqrt();
            println!("gradient: {} entries, Euclidean norm {norm:e} (--json prints all)", params.num_params());
        }
        println!(
            "critical: {} (within tolerance, f64: {tol_text}; largest |g_k|/tau_k = {:.3e})",
            if critical { "yes" } else { "no" },
            ev.worst_ratio()
        );
        print_kinks(&ev.kinks);
    }
    Ok(0)
}

fn header(l: &Loaded) {
    let w: Vec<String> = l.net.params.widths().iter().map(usize::to_string).collect();
    println!(
        "network {}: widths ({}), activation {}, M = {} parameters; data {}: n = {}",
        l.net_path,
        w.join(", "),
        l.net.activation,
        l.net.params.num_params(),
        l.data_path,
        l.data.len()
    );
    println!("outputs f(x_i):");
}

fn join(v: &[Q]) -> String {
    v.iter().map(Q::to_canonical).collect::<Vec<_>>().join(", ")
}

fn print_gradient<S: crate::scalar::Field>(g: &Params<S>, show: impl Fn(&S) -> String) {
    println!("gradient (layout of the network file):");
    for (k, layer) in g.layers().iter().enumerate() {
        let rows: Vec<String> = layer
            .weight
            .to_rows()
            .iter()
            .map(|r| format!("[{}]", r.iter().map(&show).collect::<Vec<_>>().join(", ")))
            .collect();
        println!("  layer {} weight: [{}]", k + 1, rows.join(", "));
        match &layer.bias {
            Some(b) => println!("  layer {} bias:   [{}]", k + 1, b.iter().map(&show).collect::<Vec<_>>().join(", ")),
            None => println!("  layer {} bias:   none (bias-free layer)", k + 1),
        }
    }
}

fn kinks_json(kinks: &[Site]) -> Value {
    Value::Array(kinks.iter().map(|s| json!({ "layer": s.layer, "neuron": s.neuron, "sample": s.sample })).collect())
}

fn print_kinks(kinks: &[Site]) {
    if kinks.is_empty() {
        return;
    }
    println!(
        "warning: {} pre-activation(s) sit exactly on the kink of σ, where σ'(0) = 0 was used (a convention, so the gradient there is not a derivative):",
        kinks.len()
    );
    for s in kinks.iter().take(10) {
        println!("  {s}");
    }
    if kinks.len() > 10 {
        println!("  ... and {} more", kinks.len() - 10);
    }
}
