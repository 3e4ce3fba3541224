//! `embedcheck linear --widths d0,d1,…,dD,1 --data D.json --gamma G [--gamma-layers g1,…,gD]
//! [--s2 S] [--json] [--no-hessian] [--point P.json] [--plot FILE.svg]`: the deep linear model with weight decay
//! and stochastic neurons (Ziyin, Li, Meng 2022; spec symmetry-linear Part B).
//!
//! The data file is the contract's `embedcheck.data/1` with scalar targets; it enters only
//! through A = (1/n) Σ x_i x_iᵀ, m = (1/n) Σ x_i y_i and E\[y²\] = (1/n) Σ y_i². The loss is the
//! paper's E_x E_ε (f − y)² + γ_u‖U‖² + Σ γ_l‖W_l‖² (no ½; not the contract's `mse`). `--gamma`
//! sets γ_u and every γ_l; `--gamma-layers` overrides γ_1, …, γ_D. A `--point` file is a
//! contract network file with layers W_1, …, W_D, Uᵀ and `"bias": null` everywhere (the
//! activation field is ignored: the model is linear).
//!
//! Exit code 1 if a proof obligation failed (a candidate whose gradient does not vanish, an
//! origin inertia that differs from spec B.4, or a `--point` that is not critical).

use super::args::LinearArgs;
use super::plot::{CandidateKind, LinearPlot, MarkedCandidate};
use super::CliError;
use crate::algebra::RealRoot;
use crate::io;
use crate::linalg::inertia;
use crate::linear::origin::Thresholds;
use crate::linear::{
    analyse, gradient, hessian, loss, reduced_loss_range, reduced_loss_samples, Analysis, LinearModel, Moments,
};
use crate::scalar::{Ring, Q};
use serde_json::{json, Value};

fn list<T>(s: &str, name: &str, parse: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, CliError> {
    s.split(',')
        .enumerate()
        .map(|(i, x)| {
            parse(x.trim()).ok_or_else(|| CliError::usage(format!("option {name}: entry {} `{x}` is not valid", i + 1)))
        })
        .collect()
}

/// Runs `linear`.
///
/// # Errors
/// Exit code 2 for bad usage or input (naming the option or file and place), 3 for oversized
/// numbers.
pub fn run(args: &LinearArgs) -> Result<i32, CliError> {
    let (as_json, with_hessian) = (args.json, !args.no_hessian);
    let widths = list(&args.widths, "--widths", |x| x.parse::<usize>().ok())?;
    let (data_path, gamma, layers) = (args.data.clone(), args.gamma.clone(), args.gamma_layers.clone());
    let s2 = args.s2.clone().unwrap_or_else(Q::zero);
    let point_path = args.point.clone();
    if let Some(p) = &args.plot {
        if point_path.is_some() {
            return Err(CliError::usage(
                "--plot draws the reduced loss along the scale b and its candidates; not with --point",
            ));
        }
        super::plot::check_path(p)?;
    }
    if widths.len() < 3 || widths[widths.len() - 1] != 1 {
        return Err(CliError::usage("--widths must be d0,d1,…,dD,1 with D ≥ 1 hidden layers and output width 1"));
    }
    let hidden = widths[..widths.len() - 1].to_vec();
    let depth = hidden.len() - 1;
    let gammas = match layers {
        Some(s) => list(&s, "--gamma-layers", |x| Q::parse(x).ok())?,
        None => vec![gamma.clone(); depth],
    };
    let model = LinearModel::new(hidden, s2, gamma, gammas).map_err(|e| CliError::usage(e.to_string()))?;
    let data = io::read_data_any(&data_path)?;
    let moments = Moments::from_data(&data).map_err(|e| CliError::usage(format!("{data_path}: {e}")))?;
    if moments.dim() != model.widths()[0] {
        return Err(CliError::usage(format!(
            "{data_path}: inputs have length {}, --widths says d0 = {}",
            moments.dim(),
            model.widths()[0]
        )));
    }
    if let Some(p) = point_path {
        return check_point(&model, &moments, &p, as_json);
    }
    let an = analyse(&model, &moments, with_hessian).map_err(|e| CliError::usage(e.to_string()))?;
    let ok = an.candidates.iter().all(|c| c.gradient_vanishes) && an.origin_inertia == an.origin_predicted;
    let thresholds = moments.isotropic_scale().map(|a| Thresholds::new(depth, &an.design.k, &a, &moments.mu2()));
    if let Some(path) = &args.plot {
        super::plot::plot_reduced_loss(&picture(&model, &moments, &an), path)?;
    }
    if as_json {
        let mut out = to_json(&model, &moments, &an, thresholds.as_ref());
        out["plot"] = json!(args.plot);
        super::output::print_json(&out);
    } else {
        print_text(&model, &moments, &an, thresholds.as_ref());
        if let Some(path) = &args.plot {
            println!(
                "plot: {path} (the reduced loss along the scale, exact at grid points, with the candidates marked)"
            );
        }
    }
    Ok(if ok { 0 } else { 1 })
}

/// Grid points of the reduced loss along the scale.
const PLOT_INTERVALS: usize = 160;

/// An exact value for a label: the fraction when short, else six significant digits.
fn label_value(exact: Option<&Q>, approx: f64) -> String {
    match exact.map(Q::to_canonical) {
        Some(s) if s.len() <= 12 => format!("= {s}"),
        _ => format!("≈ {approx:.6}"),
    }
}

/// The numbers of `--plot`: ℓ(t) computed exactly on a grid by the library, converted to f64 for
/// drawing, and the candidates as the analysis classified them.
fn picture(model: &LinearModel, moments: &Moments, an: &Analysis) -> LinearPlot {
    let t_max = reduced_loss_range(an);
    let curve = reduced_loss_samples(&an.design, model, moments, &t_max, PLOT_INTERVALS)
        .iter()
        .map(|(t, l)| (t.to_f64(), l.to_f64()))
        .collect();
    let variable = match an.design.variable {
        crate::linear::ScaleVariable::B => "b",
        crate::linear::ScaleVariable::UNorm => "t = ‖U‖",
    };
    let x = &variable[..1];
    let candidates = an
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let kind = if an.global.contains(&i) {
                CandidateKind::Global
            } else if c.is_saddle() == Some(true) {
                CandidateKind::Saddle
            } else if c.is_strict_local_min() == Some(true) {
                CandidateKind::LocalMin
            } else {
                CandidateKind::Other
            };
            let (t, scale) = match &c.b {
                None => (0.0, "= 0".to_string()),
                Some(RealRoot::Rational(q)) => (q.to_f64(), label_value(Some(q), q.to_f64())),
                Some(r) => (r.approx_f64(), label_value(None, r.approx_f64())),
            };
            let label = format!("[{i}] {x} {scale}, L {}", label_value(c.loss_exact.as_ref(), c.loss_approx));
            MarkedCandidate { t, loss: c.loss_approx, kind, label }
        })
        .collect();
    let gammas = model.gammas();
    let decay = if gammas.iter().all(|g| g == model.gamma_u()) {
        format!("γ = {}", model.gamma_u())
    } else {
        format!(
            "γ_u = {}, γ_l = ({})",
            model.gamma_u(),
            gammas.iter().map(Q::to_canonical).collect::<Vec<_>>().join(", ")
        )
    };
    let widths: Vec<String> = model.widths().iter().map(usize::to_string).chain(["1".to_string()]).collect();
    LinearPlot {
        curve,
        candidates,
        variable: variable.to_string(),
        origin_loss: moments.eyy.to_f64(),
        origin_text: moments.eyy.to_canonical(),
        subject: format!("widths ({}), s² = {}, {decay}", widths.join(", "), model.s2()),
    }
}

fn root_json(r: &Option<RealRoot>) -> Value {
    match r {
        None => json!({"rational": "0"}),
        Some(RealRoot::Rational(q)) => json!({"rational": q.to_canonical()}),
        Some(RealRoot::Algebraic(iso)) => json!({
            "polynomial": iso.poly().to_string(),
            "interval": [iso.lo().to_canonical(), iso.hi().to_canonical()],
            "approx": iso.approx_f64(),
        }),
    }
}

fn to_json(model: &LinearModel, moments: &Moments, an: &Analysis, thr: Option<&Thresholds>) -> Value {
    json!({
        "model": {"widths": model.widths(), "s2": model.s2().to_canonical(), "gamma_u": model.gamma_u().to_canonical(),
                  "gammas": model.gammas().iter().map(Q::to_canonical).collect::<Vec<_>>()},
        "moments": {"A": moments.a.to_rows().iter().map(|r| r.iter().map(Q::to_canonical).collect::<Vec<_>>()).collect::<Vec<_>>(),
                    "m": moments.m.iter().map(Q::to_canonical).collect::<Vec<_>>(), "Eyy": moments.eyy.to_canonical()},
        "k": an.design.k.to_canonical(),
        "gamma_eff": an.design.gamma_eff.to_canonical(),
        "scale_variable": format!("{:?}", an.design.variable),
        "star": an.star.to_string(),
        "candidates": an.candidates.iter().enumerate().map(|(i, c)| json!({
            "scale": root_json(&c.b),
            "gradient_vanishes": c.gradient_vanishes,
            "loss": c.loss_exact.as_ref().map(Q::to_canonical),
            "loss_approx": c.loss_approx,
            "loss_minus_origin_sign": format!("{:?}", c.vs_origin),
            "loss_minus_origin_enclosure": [c.gap_enclosure.0.to_canonical(), c.gap_enclosure.1.to_canonical()],
            "hessian_inertia": c.inertia.map(|x| [x.positive, x.negative, x.zero]),
            "global": an.global.contains(&i),
        })).collect::<Vec<_>>(),
        "global_decided": an.decided,
        "origin": {"inertia": [an.origin_inertia.positive, an.origin_inertia.negative, an.origin_inertia.zero],
                   "predicted": [an.origin_predicted.positive, an.origin_predicted.negative, an.origin_predicted.zero],
                   "bad_minimum": an.origin_is_bad_minimum()},
        "thresholds": thr.map(|t| json!({"power": t.power, "gamma_c_pow": t.gamma_c_pow.to_canonical(),
                                           "gamma_e_pow": t.gamma_e_pow.to_canonical(),
                                           "phase": format!("{:?}", t.phase(&an.design.gamma_eff))})),
        "evidence": "checked exactly",
    })
}

fn print_text(model: &LinearModel, moments: &Moments, an: &Analysis, thr: Option<&Thresholds>) {
    let show = |v: &[Q]| v.iter().map(Q::to_canonical).collect::<Vec<_>>().join(", ");
    println!(
        "deep linear model: D = {} hidden layer(s), widths ({}), s² = {}, γ_u = {}, γ_l = ({})",
        model.depth(),
        model.widths().iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
        model.s2(),
        model.gamma_u(),
        show(model.gammas())
    );
    println!(
        "data moments: A = E[xxᵀ] rows {:?}, m = E[xy] = ({}), E[y²] = {}",
        moments.a.to_rows().iter().map(|r| show(r)).collect::<Vec<_>>(),
        show(&moments.m),
        moments.eyy
    );
    println!("noise factor k = Π(1 + s²/d_l) = {}; γ_eff = {}", an.design.k, an.design.gamma_eff);
    let var = match an.design.variable {
        crate::linear::ScaleVariable::B => "b".to_string(),
        crate::linear::ScaleVariable::UNorm => format!("t = ‖U‖ (b² = {}·t²)", an.design.kappa),
    };
    println!("self-consistency (★) in {var}: {} = 0", an.star.display(if var == "b" { "b" } else { "t" }));
    println!("candidates (all checked exactly):");
    for (i, c) in an.candidates.iter().enumerate() {
        let scale = match &c.b {
            None => "0 (origin)".to_string(),
            Some(r) => r.to_string(),
        };
        let loss = c.loss_exact.as_ref().map_or(format!("≈ {:.10}", c.loss_approx), |q| q.to_string());
        let inertia = c.inertia.map_or(String::new(), |x| format!(", Hessian inertia (+,−,0) = {x}"));
        println!(
            "  [{i}] scale {scale}: ∇L = 0: {}; L = {loss}; L − L(0) {} 0 (in [{}, {}]){inertia}{}",
            if c.gradient_vanishes { "yes" } else { "NO" },
            match c.vs_origin {
                std::cmp::Ordering::Less => "<",
                std::cmp::Ordering::Equal => "=",
                std::cmp::Ordering::Greater => ">",
            },
            c.gap_enclosure.0.to_f64(),
            c.gap_enclosure.1.to_f64(),
            if an.global.contains(&i) { "  ← global minimum" } else { "" }
        );
    }
    if !an.decided {
        println!("  (the candidates marked global did not separate under refinement: undecided tie)");
    }
    println!(
        "origin: Hessian inertia {} (spec B.4 predicts {}); {}",
        an.origin_inertia,
        an.origin_predicted,
        if an.origin_is_bad_minimum() {
            "a strict local minimum that is NOT global: a bad minimum"
        } else if an.origin_inertia.negative > 0 {
            "a saddle"
        } else if an.global.contains(&0) {
            "a global minimum"
        } else {
            "degenerate, not global"
        }
    );
    if let Some(t) = thr {
        println!(
            "isotropic thresholds: γ_c^{p} = {}, γ_e^{p} = {}; γ_eff is in phase {:?}",
            t.gamma_c_pow,
            t.gamma_e_pow,
            t.phase(&an.design.gamma_eff),
            p = t.power
        );
    }
    println!("evidence: checked exactly (Q and Q(α) arithmetic; roots isolated by Sturm sequences)");
}

fn check_point(model: &LinearModel, moments: &Moments, path: &str, as_json: bool) -> Result<i32, CliError> {
    let net = io::read_network_as(path, None)?;
    if net.params.layers().iter().any(|l| l.bias.is_some()) {
        return Err(CliError::usage(format!(
            "{path}: the deep linear model has no biases; write \"bias\": null in every layer"
        )));
    }
    if !model.fits(&net.params) {
        return Err(CliError::usage(format!(
            "{path}: layer shapes give widths {:?}, expected {:?} followed by 1",
            net.params.widths(),
            model.widths()
        )));
    }
    let g = gradient(model, moments, &net.params);
    let l = loss(model, moments, &net.params);
    let critical = g.iter().all(Ring::is_zero);
    let h = inertia(&hessian(model, moments, &net.params));
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"loss": l.to_canonical(), "gradient": g.iter().map(Q::to_canonical).collect::<Vec<_>>(),
                "critical": critical, "hessian_inertia": [h.positive, h.negative, h.zero], "evidence": "checked exactly"}))
            .expect("JSON")
        );
    } else {
        println!("point {path}: L = {l}");
        println!(
            "gradient (W_1, …, W_D row by row, then U): [{}]",
            g.iter().map(Q::to_canonical).collect::<Vec<_>>().join(", ")
        );
        println!("critical: {} (checked exactly); Hessian inertia (+,−,0) = {h}", if critical { "yes" } else { "no" });
    }
    Ok(if critical { 0 } else { 1 })
}
