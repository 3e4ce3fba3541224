//! `embedcheck eval --net N --data D [--loss L] [--weight-decay λ] [--json] [--float] [--jobs J]`: outputs,
//! the objective R_S (+ (λ/2)‖θ‖²), its gradient and whether the
//! point is critical — *checked exactly* over Q, or on the f64 path from a rigorous interval
//! enclosure of the exact gradient (`net::enclose_gradient`): *not critical* is then a proof,
//! *critical* holds within the printed tolerance.

use super::args::EvalArgs;
use super::load::{eval_error, net_data_and_objective, Loaded};
use super::CliError;
use crate::activation::ExactActivation;
use crate::io::{params_to_json, ParamsJson, QText, VectorText};
use crate::loss::{Loss, Objective};
use crate::net::{
    enclose_objective_gradient, evaluate_exact_jobs, evaluate_f64_with, ParamSite, Params, Site, Undecided, Verdict,
};
use crate::nonsmooth::{stationarity_with, KinkAnalysis, Stationarity, MAX_KINK_SITES};
use crate::scalar::{Interval, Ring, Q};
use serde_json::{json, Value};

/// Runs `eval`.
///
/// # Errors
/// Exit code 2 for bad usage or input (naming file and place), 3 for oversized numbers.
pub fn run(args: &EvalArgs) -> Result<i32, CliError> {
    let (as_json, float) = (args.json, args.float);
    let (loaded, objective) = net_data_and_objective(&args.input, &args.objective)?;
    let ell = match &objective.loss {
        Loss::Exact(ell) if !float && loaded.net.activation.is_exact() => ell,
        _ => return run_float(&loaded, &objective, as_json, float_reason(&loaded, &objective)),
    };
    let act = loaded.net.activation.exact().map_err(|e| eval_error(&loaded, e.into()))?;
    let work = loaded.data.len() * loaded.net.params.num_params();
    let jobs = args.jobs.map_or_else(|| crate::parallel::default_jobs(work), |j| j as usize);
    let mut ev =
        evaluate_exact_jobs(&loaded.net.params, act, ell, &loaded.data, jobs).map_err(|e| eval_error(&loaded, e))?;
    if !objective.weight_decay.is_zero() {
        if !ev.kinks.is_empty() {
            return Err(CliError::usage(format!(
                "{}: a pre-activation sits exactly on a kink ({}); the exact kink analysis covers R_S without weight \
                 decay only, so drop --weight-decay or move off the kink",
                loaded.net_path, ev.kinks[0]
            )));
        }
        ev.add_weight_decay(&loaded.net.params, &objective.decay());
    }
    let kinks = kink_analysis(&loaded, act, ell, &ev.kinks)?;
    let critical = match &kinks {
        Some(k) => k.is_stationary(),
        None => Some(ev.gradient_is_zero()),
    };
    if as_json {
        super::output::print_json(&ExactReport {
            critical,
            exact: true,
            gradient: GradientJson { layers: ParamsJson(&ev.gradient) },
            kinks: kinks_json(&ev.kinks),
            loss: QText(&ev.loss),
            loss_breaks: breaks_json(&ev.loss_breaks),
            objective: objective.to_json(),
            outputs: ev.outputs.iter().map(|o| VectorText(o)).collect(),
            stationarity: kinks
                .as_ref()
                .map_or(json!({"kind": "smooth"}), |k| stationarity_json(&loaded.net.params, k)),
        });
    } else {
        header(&loaded, &objective);
        for (i, o) in ev.outputs.iter().enumerate() {
            println!("  output {}: [{}]", i + 1, join(o));
        }
        println!("{} = {}", objective_name(&objective), ev.loss);
        print_breaks(&ev.loss_breaks);
        print_gradient(&ev.gradient, |v| v.to_canonical());
        let nonzero = ev.gradient.values().filter(|g| g.signum() != 0).count();
        match &kinks {
            Some(k) => {
                print_kinks(&ev.kinks);
                print_stationarity(&loaded.net.params, k);
            }
            None if critical == Some(true) => {
                println!(
                    "critical: yes (checked exactly: all {} gradient entries are 0 in Q)",
                    ev.gradient.num_params()
                )
            }
            None => println!(
                "critical: no (checked exactly: {nonzero} of {} gradient entries are nonzero)",
                ev.gradient.num_params()
            ),
        }
    }
    Ok(0)
}

/// `eval --json`'s exact report: the object `interface.md` describes, its keys in the order a
/// JSON object value prints them (sorted), serialised straight to stdout so that the gradient's
/// rationals are never held as a tree of strings.
#[derive(serde::Serialize)]
struct ExactReport<'a> {
    critical: Option<bool>,
    exact: bool,
    gradient: GradientJson<'a>,
    kinks: Value,
    loss: QText<'a>,
    loss_breaks: Value,
    objective: Value,
    outputs: Vec<VectorText<'a>>,
    stationarity: Value,
}

/// `{"layers": …}`, the gradient in [`ExactReport`].
#[derive(serde::Serialize)]
struct GradientJson<'a> {
    layers: ParamsJson<'a>,
}

/// The exact stationarity analysis when a piecewise-linear σ has pre-activations on its kink
/// (`None` when there are none: the loss is smooth at θ).
fn kink_analysis(
    loaded: &Loaded,
    act: &ExactActivation,
    ell: &crate::loss::ExactLoss,
    kinks: &[Site],
) -> Result<Option<KinkAnalysis>, CliError> {
    let ExactActivation::Piecewise(sigma) = act else { return Ok(None) };
    if kinks.is_empty() || sigma.is_identity() {
        return Ok(None);
    }
    stationarity_with(&loaded.net.params, sigma, ell, &loaded.data, kinks).map(Some).map_err(|e| eval_error(loaded, e))
}

/// "R_S" or "R_S + (λ/2)‖θ‖²", as printed before the objective's value.
fn objective_name(o: &Objective) -> &'static str {
    if o.weight_decay.is_zero() {
        "loss R_S"
    } else {
        "objective R_S + (λ/2)‖θ‖²"
    }
}

fn breaks_json(breaks: &[(usize, usize)]) -> Value {
    Value::Array(breaks.iter().map(|(i, j)| json!({ "sample": i, "output": j })).collect())
}

fn print_breaks(breaks: &[(usize, usize)]) {
    if let Some((i, j)) = breaks.first() {
        println!(
            "loss break: {} output(s) sit exactly on a break of the piecewise loss (first: sample {i}, output {j}); ℓ is C¹ there, so the gradient below is exact, but ℓ'' jumps",
            breaks.len()
        );
    }
}

fn stationarity_json(params: &Params<Q>, k: &KinkAnalysis) -> Value {
    match &k.verdict {
        Stationarity::Smooth => json!({"kind": "smooth"}),
        Stationarity::EveryPiece { pieces } => json!({"kind": "every_piece", "pieces": pieces}),
        Stationarity::DStationary { pieces, nonstationary_pieces } => {
            json!({"kind": "d_stationary", "pieces": pieces, "nonstationary_pieces": nonstationary_pieces})
        }
        Stationarity::Descent(d) => json!({
            "kind": "descent",
            "descent_direction": { "layers": params_to_json(&params.with_flat(&d.direction)) },
            "directional_derivative": d.derivative.to_canonical(),
            "step": d.step.as_ref().map(|(t, _)| t.to_canonical()),
            "loss_after_step": d.step.as_ref().map(|(_, l)| l.to_canonical()),
        }),
        Stationarity::Undecided { sites } => json!({"kind": "undecided", "sites": sites, "max_sites": MAX_KINK_SITES}),
    }
}

fn print_stationarity(params: &Params<Q>, k: &KinkAnalysis) {
    let sites = k.sites.len();
    match &k.verdict {
        Stationarity::Smooth => {}
        Stationarity::EveryPiece { pieces } => println!(
            "critical: yes (checked exactly at a kink: each of the {pieces} polynomial pieces of R_S adjacent to θ (one per side at each of the {sites} kink site(s)) has gradient 0 at θ, so every one-sided directional derivative is 0)"
        ),
        Stationarity::DStationary { pieces, nonstationary_pieces } => println!(
            "critical: d-stationary (checked exactly at a kink: no direction of first-order descent, by an exact linear program on each of the {pieces} pieces adjacent to θ; but {nonstationary_pieces} of them have a nonzero gradient at θ, so θ is not stationary on every piece)"
        ),
        Stationarity::Descent(d) => {
            println!(
                "critical: no (checked exactly at a kink: along the direction d below the one-sided directional derivative is R_S'(θ; d) = {} < 0; the gradient above took σ'(0) = 0 and is not a derivative there)",
                d.derivative
            );
            print_params("descent direction d", &params.with_flat(&d.direction), |v| v.to_canonical());
            if let Some((t, after)) = &d.step {
                println!("  moving to θ + t·d with t = {t} lowers R_S to {after} (checked exactly)");
            }
        }
        Stationarity::Undecided { sites } => println!(
            "critical: undecided ({sites} kink sites, more than the {MAX_KINK_SITES} whose pieces are enumerated, and neither uniform piece gives a descent direction; the gradient above took σ'(0) = 0 and is not a derivative there)"
        ),
    }
}

/// Why a report is on the f64 path: σ or ℓ has no exact evaluation, or else `--float` asked
/// for it.
pub(super) fn float_reason(loaded: &Loaded, objective: &Objective) -> String {
    match (loaded.net.activation.exact(), &objective.loss) {
        (Err(f), _) => format!("activation {} is float only: it has no exact evaluation over Q", f.0.name()),
        (Ok(_), Loss::Float(_)) => {
            format!("the loss {} is float only: it has no exact evaluation over Q", objective.loss.to_json())
        }
        (Ok(_), Loss::Exact(_)) => "--float asked for it".to_string(),
    }
}

fn run_float(loaded: &Loaded, objective: &Objective, as_json: bool, reason: String) -> Result<i32, CliError> {
    let params = loaded.net.params.map(Q::to_f64);
    let data = loaded.data.map(Q::to_f64);
    let act = &loaded.net.activation;
    let mut ev = evaluate_f64_with(&params, act, &objective.loss, &data).map_err(|e| eval_error(loaded, e))?;
    // The verdict comes from a rigorous enclosure of the exact point's gradient, not from `ev`.
    let (iparams, idata) = (loaded.net.params.map(Interval::from_q), loaded.data.map(Interval::from_q));
    let enc = enclose_objective_gradient(&iparams, act, objective, &idata).map_err(|e| eval_error(loaded, e))?;
    if !objective.weight_decay.is_zero() {
        // The printed f64 values of R_S + (λ/2)‖θ‖² and its gradient (approximate; the verdict
        // comes from `enc`).
        let lambda = objective.weight_decay.to_f64();
        let theta = params.flatten();
        ev.loss += 0.5 * lambda * theta.iter().map(|t| t * t).sum::<f64>();
        let g: Vec<f64> = ev.gradient.flatten().iter().zip(&theta).map(|(g, t)| g + lambda * t).collect();
        ev.gradient = params.with_flat(&g);
    }
    if as_json {
        let f = |p: &Params<f64>| -> Value {
            Value::Array(
                p.layers().iter().map(|l| json!({ "weight": l.weight.to_rows(), "bias": l.bias.clone() })).collect(),
            )
        };
        let ends = |end: fn(&Interval) -> f64| enc.gradient.as_ref().map(|g| json!({ "layers": f(&g.map(end)) }));
        let out = json!({
            "exact": false,
            "objective": objective.to_json(),
            "evidence": "within tolerance",
            "float_reason": reason,
            "outputs": ev.outputs.outer_iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
            "loss": ev.loss,
            "gradient": { "layers": f(&ev.gradient) },
            "critical": enc.verdict.critical(),
            "verdict": verdict_json(&enc.verdict),
            "tolerance": match enc.verdict {
                Verdict::CriticalWithinTolerance { bound, half_width, .. } => {
                    json!({ "bound": bound, "half_width": half_width, "rule": TOLERANCE_RULE })
                }
                _ => Value::Null,
            },
            "enclosure": {
                "method": ENCLOSURE_METHOD,
                "loss": [enc.loss.lo(), enc.loss.hi()],
                "lower": ends(Interval::lo),
                "upper": ends(Interval::hi),
            },
            "kinks": kinks_json(&ev.kinks),
        });
        super::output::print_json(&out);
    } else {
        println!(
            "evidence: within tolerance (f64 path: {reason}; the verdict below comes from an interval enclosure of the exact gradient and states its tolerance)"
        );
        header(loaded, objective);
        let show = ev.outputs.nrows().min(20);
        for (i, o) in ev.outputs.outer_iter().take(show).enumerate() {
            println!("  output {}: [{}]", i + 1, o.iter().map(|v| format!("{v:e}")).collect::<Vec<_>>().join(", "));
        }
        if show < ev.outputs.nrows() {
            println!("  ... ({} more samples; --json prints all)", ev.outputs.nrows() - show);
        }
        println!("{} = {:e} (f64; the exact value lies in {})", objective_name(objective), ev.loss, enc.loss);
        if params.num_params() <= 200 {
            print_gradient(&ev.gradient, |v| format!("{v:e}"));
        } else {
            let norm = ev.gradient.flatten().iter().map(|g| g * g).sum::<f64>().sqrt();
            println!("gradient: {} entries, Euclidean norm {norm:e} (--json prints all)", params.num_params());
        }
        println!("critical: {}", enc.verdict);
        print_kinks(&ev.kinks);
    }
    Ok(0)
}

/// How `eval --float` decides (JSON `enclosure.method`).
const ENCLOSURE_METHOD: &str = "interval arithmetic in f64 with outward rounding (net::enclose_gradient): each rational of the files enclosed by adjacent doubles, every operation rounded outward, matrix products in midpoint-radius form; each gradient entry's [lower, upper] contains the exact gradient entry of the exact point";

/// What the tolerance of `critical_within_tolerance` means (JSON `tolerance.rule`).
const TOLERANCE_RULE: &str = "every gradient entry of the exact point lies in an interval of half-width <= half_width that contains 0, so |g_k| <= bound; an exact critical point always passes (not a proof of criticality)";

fn param_site_json(site: &ParamSite) -> Value {
    let (kind, layer, row, column) = match *site {
        ParamSite::Weight { layer, row, column } => ("weight", layer, row, Some(column)),
        ParamSite::Bias { layer, row } => ("bias", layer, row, None),
    };
    json!({ "kind": kind, "layer": layer, "row": row, "column": column, "name": site.to_string() })
}

fn verdict_json(v: &Verdict) -> Value {
    let site_json = |s: &Site| json!({ "layer": s.layer, "neuron": s.neuron, "sample": s.sample });
    match v {
        Verdict::NotCritical { site, enclosure, nonzero, entries } => json!({
            "kind": v.name(), "entry": param_site_json(site), "enclosure": [enclosure.lo(), enclosure.hi()],
            "nonzero_entries": nonzero, "entries": entries,
        }),
        Verdict::CriticalWithinTolerance { bound, half_width, entries } => {
            json!({ "kind": v.name(), "bound": bound, "half_width": half_width, "entries": entries })
        }
        Verdict::Undecided(Undecided::Pole(site)) => {
            json!({ "kind": v.name(), "reason": "pole", "site": site_json(site), "text": v.to_string() })
        }
        Verdict::Undecided(Undecided::Kink { site, count }) => {
            json!({ "kind": v.name(), "reason": "kink", "site": site_json(site), "count": count, "text": v.to_string() })
        }
        Verdict::Undecided(Undecided::NotFinite(site)) => {
            json!({ "kind": v.name(), "reason": "not_finite", "entry": param_site_json(site), "text": v.to_string() })
        }
    }
}

fn header(l: &Loaded, objective: &Objective) {
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
    println!("objective: {objective}");
    println!("outputs f(x_i):");
}

fn join(v: &[Q]) -> String {
    v.iter().map(Q::to_canonical).collect::<Vec<_>>().join(", ")
}

fn print_gradient<S: crate::scalar::Field>(g: &Params<S>, show: impl Fn(&S) -> String) {
    print_params("gradient", g, show);
}

fn print_params<S: crate::scalar::Field>(title: &str, g: &Params<S>, show: impl Fn(&S) -> String) {
    println!("{title} (layout of the network file):");
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
        "kink: {} pre-activation(s) sit exactly on the kink of σ, where R_S need not be differentiable (the gradient above takes σ'(0) = 0, a convention):",
        kinks.len()
    );
    for s in kinks.iter().take(10) {
        println!("  {s}");
    }
    if kinks.len() > 10 {
        println!("  ... and {} more", kinks.len() - 10);
    }
}
