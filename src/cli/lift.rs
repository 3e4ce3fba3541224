//! `embedcheck lift --net N --data D --after-layer q [--width m] [--construction identity|lemma]
//! [--segment positive|negative] [--scale c] [--out F] [--plot FILE.svg]`: a one-layer critical lifting of the network
//! (\[P3\] Def. 3; spec width-depth §3.1), written as a network file.
//!
//! Exact activations (ReLU, leaky ReLU, identity, affine polynomials): the lift is validated exactly
//! as a member of T_S(θ); `--segment` picks the affine segment of σ the inserted layer lives in
//! (`positive`: the one unbounded above, ReLU's (0, ∞); `negative`: the one unbounded below, leaky
//! ReLU's (−∞, 0)). tanh, sigmoid, softplus: the float lifting of `depth::float` with scale c
//! (`--scale`, default 2⁻¹⁰), and the derived bound on how far the outputs on the data may move
//! (spec §6 item 12), checked against the computed outputs; `--plot` draws both against c for
//! c = 2⁻¹, …, 2⁻¹⁴ (float nets only).

use super::args::LiftArgs;
use super::load::{net_and_data, Loaded};
use super::CliError;
use crate::activation::{Activation, ExactActivation, FloatActivation};
use crate::depth::float::bound::{output_change, OutputChange};
use crate::depth::float::float_lifting;
use crate::depth::segment::{affine_segments, AffineSegment};
use crate::depth::{critical_lifting, Construction};
use crate::io::{activation_to_json, network_to_json};
use crate::net::{Network, Params};
use crate::scalar::Q;
use serde_json::{json, Value};

/// Writes `text` to `--out` if given (printing `summary` to stdout), else prints `text`.
fn emit_text(out: Option<String>, text: String, summary: &str) -> Result<(), CliError> {
    match out {
        Some(path) => {
            crate::io::tensors::write_atomically(&path, (text + "\n").as_bytes())?;
            println!("{summary}\nwritten to {path}");
        }
        None => println!("{text}"),
    }
    Ok(())
}

/// Prints `net` as contract JSON, or writes it to `out` in the format its extension names
/// (`.net.json`, `.safetensors`, `.npz`) and prints `summary`.
pub(super) fn emit(out: Option<String>, net: &Network<Q>, summary: &str) -> Result<(), CliError> {
    match out {
        Some(path) => {
            crate::io::write_network_as(&path, net)?;
            println!("{summary}\nwritten to {path}");
        }
        None => super::output::print_json(&network_to_json(net)),
    }
    Ok(())
}

/// The options of `lift` besides the files.
struct Options {
    q: usize,
    width: Option<usize>,
    construction: Construction,
    segment: Option<String>,
    scale: Option<Q>,
    out: Option<String>,
    plot: Option<String>,
}

/// The scales of the `--plot` sweep: c = 2⁻¹, …, 2⁻¹⁴.
const PLOT_EXPONENTS: std::ops::RangeInclusive<i32> = 1..=14;

/// Runs `lift`.
///
/// # Errors
/// Exit code 2 for bad usage or input (an out-of-range q or width, an activation without an
/// affine segment, a segment σ does not have, a scale that is not positive, a bias-free layer),
/// naming the file and place.
pub fn run(args: &LiftArgs) -> Result<i32, CliError> {
    let q = args.after_layer as usize;
    let width = args.width.map(|w| w as usize);
    let construction = match args.construction.as_deref() {
        None | Some("lemma") => Construction::Lemma,
        Some("identity") => Construction::Identity,
        Some(other) => return Err(CliError::usage(format!("--construction: `{other}` is not `identity` or `lemma`"))),
    };
    let segment = args.segment.clone();
    if let Some(s) = segment.as_deref().filter(|s| !matches!(*s, "positive" | "negative")) {
        return Err(CliError::usage(format!("--segment: `{s}` is not `positive` or `negative`")));
    }
    let (scale, out, plot) = (args.scale.clone(), args.out.clone(), args.plot.clone());
    if let Some(p) = &plot {
        super::plot::check_path(p)?;
    }
    let loaded = net_and_data(&args.input)?;
    let o = Options { q, width, construction, segment, scale, out, plot };
    match &loaded.net.activation {
        Activation::Exact(act) => exact(&loaded, act, o),
        Activation::Float(act) => float(&loaded, *act, o),
    }
}

/// The affine segment named by `--segment`.
fn pick_segment(act: &ExactActivation, name: &str, net_path: &str) -> Result<AffineSegment, CliError> {
    let segs = affine_segments(act);
    let found = segs.iter().find(|s| if name == "positive" { s.upper.is_none() } else { s.lower.is_none() });
    found.cloned().ok_or_else(|| {
        let have: Vec<String> = segs.iter().map(ToString::to_string).collect();
        let have = if have.is_empty() { "none".to_string() } else { have.join("; ") };
        CliError::usage(format!(
            "{net_path}: --segment {name}: activation {act} has no affine segment unbounded {} (its segments: {have})",
            if name == "positive" { "above" } else { "below" }
        ))
    })
}

fn exact(loaded: &Loaded, act: &ExactActivation, o: Options) -> Result<i32, CliError> {
    if o.scale.is_some() {
        return Err(CliError::usage(format!(
            "{}: --scale applies to the float lifting of tanh, sigmoid and softplus nets; activation {act} is exact",
            loaded.net_path
        )));
    }
    if o.plot.is_some() {
        return Err(CliError::usage(format!(
            "{}: --plot draws the float lifting's output change against c (tanh, sigmoid, softplus nets); activation {act} is exact, so the lift changes no output",
            loaded.net_path
        )));
    }
    let segment = o.segment.as_deref().map(|s| pick_segment(act, s, &loaded.net_path)).transpose()?;
    let lifted =
        critical_lifting(&loaded.net.params, act, &loaded.data, o.q, o.width, o.construction, segment.as_ref())
            .map_err(|e| CliError::usage(format!("{}: {e}", loaded.net_path)))?;
    let deep = Network { activation: loaded.net.activation.clone(), params: lifted.deep };
    let w: Vec<String> = deep.params.widths().iter().map(usize::to_string).collect();
    let summary = format!(
        "lifted after layer {} ({:?} construction): widths ({}), M' - M = {}; member of T_S(theta) (checked exactly: conditions (i)-(iii) on {} samples; inserted segment {})",
        o.q,
        o.construction,
        w.join(", "),
        deep.params.num_params() - loaded.net.params.num_params(),
        loaded.data.len(),
        lifted.segments[0]
    );
    emit(o.out, &deep, &summary)?;
    Ok(0)
}

/// A float network as a contract network file (float results are JSON numbers).
fn float_network_json(act: FloatActivation, p: &Params<f64>) -> Value {
    let layers: Vec<Value> = p
        .layers()
        .iter()
        .map(|l| json!({ "weight": l.weight.to_rows(), "bias": l.bias.clone().map_or(Value::Null, |b| json!(b)) }))
        .collect();
    json!({ "format": "embedcheck.net/1", "activation": activation_to_json(&Activation::Float(act)), "layers": layers })
}

fn float(loaded: &Loaded, act: FloatActivation, o: Options) -> Result<i32, CliError> {
    if let Some(s) = &o.segment {
        return Err(CliError::usage(format!(
            "{}: --segment {s}: activation {} has no affine segment; the float lifting uses its tangent line at 0 (choose the scale with --scale)",
            loaded.net_path,
            act.name()
        )));
    }
    let scale = o.scale.unwrap_or_else(|| Q::new(1, 1024));
    let c = scale.to_f64();
    if !(c > 0.0 && c.is_finite()) {
        return Err(CliError::usage(format!("--scale: {scale} is not a positive number representable in f64")));
    }
    let narrow = loaded.net.params.map(Q::to_f64);
    let data = loaded.data.map(Q::to_f64);
    let lift = |c: f64| float_lifting(&narrow, act, o.q, o.width, o.construction, c);
    let lifted = lift(c).map_err(|e| CliError::usage(format!("{}: {e}", loaded.net_path)))?;
    let fail = |e: crate::net::EvalError| CliError::usage(format!("{}: {e}", loaded.data_path));
    let change = output_change(&narrow, &lifted, &data).map_err(fail)?;
    let (worst, bound, ok) = (change.observed, change.bound, change.within);
    if let Some(path) = &o.plot {
        let mut sweep: Vec<OutputChange> = Vec::new();
        for k in PLOT_EXPONENTS {
            let l = lift(2f64.powi(-k)).map_err(|e| CliError::usage(format!("{}: {e}", loaded.net_path)))?;
            sweep.push(output_change(&narrow, &l, &data).map_err(fail)?);
        }
        let file = loaded.net_path.rsplit('/').next().unwrap_or(&loaded.net_path);
        let subject = format!("{file} ({}, after layer {}, {:?})", act.name(), o.q, o.construction);
        super::plot::plot_lift_scales(&super::plot::LiftScalesPlot { sweep, chosen: change, subject }, path)?;
    }
    let w: Vec<String> = lifted.deep.widths().iter().map(usize::to_string).collect();
    let lin = lifted.lin;
    let summary = format!(
        "float lifting after layer {} ({:?} construction, scale c = {c}): widths ({}), M' - M = {}; sigma ~ {} t + {} near 0, largest inserted |pre-activation| on the data {:.3e}\n\
         outputs on {} samples within tolerance: max |f_deep - f| = {worst:.3e} <= {bound:.3e} (derived: Taylor remainder of {} at 0 propagated through the layers above with |W| and sup|sigma'|, plus f64 rounding; not exact){}",
        o.q,
        o.construction,
        w.join(", "),
        lifted.deep.num_params() - narrow.num_params(),
        lin.lambda,
        lin.mu,
        change.max_pre_activation,
        data.len(),
        act.name(),
        if lifted.exact_weights { "" } else { "\nnote: c is not a power of two, so W', V carry rounding (included in the bound)" }
    );
    let summary = match &o.plot {
        Some(path) => format!(
            "{summary}\nplot: {path} (observed output change and the derived bound against c = 2^-1 … 2^-14, log-log)"
        ),
        None => summary,
    };
    if !ok {
        eprintln!("{summary}\nCHECK FAILED: an output moved by more than the derived bound");
        return Ok(1);
    }
    if o.out.is_none() {
        eprintln!("{summary}");
    }
    emit_text(o.out, serde_json::to_string_pretty(&float_network_json(act, &lifted.deep)).expect("JSON"), &summary)?;
    Ok(0)
}
