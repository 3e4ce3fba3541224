//! A real run, end to end (issue 14 item 6; claim `p1.fig1`): a wide two-layer net trained by
//! full-batch gradient descent from small initialisation on data from a narrow teacher is
//! attracted to a critical point embedded from the width-1 net, its neurons condense, and
//! `embedcheck certify` proves the nearby exact critical point.
//!
//! - Data: n = 20 inputs x_i = −1 + 2i/19, targets y_i = tanh(3x_i) rounded to 6 decimals (the
//!   width-1 tanh teacher), written exactly.
//! - Students: width 6, σ5(t) = t − t³/3 + 2t⁵/15 (tanh's Taylor polynomial, exact, so
//!   `certify` applies) and σ = tanh (float only), trained in f64 (`evaluate_f64`) by full-batch
//!   gradient descent, learning rate 1/20, 60 000 steps.
//! - Two small initialisations, from seed 14 ([`Rng`]): *common*: every neuron starts at one
//!   random vector of scale 10⁻² (w, b, a) plus a jitter of 10⁻⁹ (so the run starts 10⁻⁹ from the
//!   embedded manifold and shows whether it is attracted to it or repelled); *independent*: each
//!   neuron drawn on its own at scale 10⁻².
//! - Condensation: the spread max_{j,k} ‖u_j − u_k‖_∞ / max(1, max|u|) of the incoming vectors
//!   u_j = (w_j, b_j) — the quantity `certify`'s reduction compares with its tolerance — and the
//!   reduced width it gives at relative tolerance 10⁻⁶.
//!
//! Writes to DIR (first argument, default `target/train_condense`): `teacher.data.json`,
//! `{poly,tanh}_{plateau,end}.net.json` (the common-initialisation runs at the plateau point —
//! the first step with ‖∇R‖_∞ < 10⁻⁴ after the loss has dropped — and at the end), and
//! `train_condense.svg` (loss against step with the plateau point marked; spread against step).
//! The committed `examples/certify/plateau_poly.net.json` and `teacher_tanh3.data.json` are
//! `poly_plateau.net.json` and `teacher.data.json` of this run.
//!
//! Run: `cargo run --release --example train_condense`, then
//! `embedcheck certify --net target/train_condense/poly_plateau.net.json --data target/train_condense/teacher.data.json`.

use embedcheck::activation::{Activation, FloatActivation};
use embedcheck::certify::reduce;
use embedcheck::data::Dataset;
use embedcheck::io::{data_to_json, network_to_json};
use embedcheck::linalg::Matrix;
use embedcheck::net::{evaluate_f64, Layer, Network, Params};
use embedcheck::rng::Rng;
use embedcheck::scalar::{q_from_f64, Q};
use plotters::prelude::*;

const N: usize = 20;
const WIDTH: usize = 6;
const STEPS: usize = 60_000;
const LR: f64 = 0.05;
const SEED: u64 = 14;
const RECORD: usize = 100;

/// One recorded point of a run: step, loss, ‖∇R‖_∞, spread of the incoming vectors.
#[derive(Clone, Copy, Debug)]
struct Point {
    step: usize,
    loss: f64,
    grad: f64,
    spread: f64,
}

struct Run {
    points: Vec<Point>,
    plateau: Option<(usize, Params<f64>)>,
    end: Params<f64>,
}

fn uniform(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
}

/// Widths (1, WIDTH, 1); `common`: one random vector for all neurons plus a 1e-9 jitter.
fn init(rng: &mut Rng, common: bool) -> Params<f64> {
    let scale = 1e-2;
    let base = [scale * uniform(rng), scale * uniform(rng), scale * uniform(rng)];
    let neuron = |rng: &mut Rng| -> [f64; 3] {
        if common {
            [base[0] + 1e-9 * uniform(rng), base[1] + 1e-9 * uniform(rng), base[2] + 1e-9 * uniform(rng)]
        } else {
            [scale * uniform(rng), scale * uniform(rng), scale * uniform(rng)]
        }
    };
    let ns: Vec<[f64; 3]> = (0..WIDTH).map(|_| neuron(rng)).collect();
    Params::new(vec![
        Layer {
            weight: Matrix::from_rows(ns.iter().map(|v| vec![v[0]]).collect(), 1),
            bias: Some(ns.iter().map(|v| v[1]).collect()),
        },
        Layer { weight: Matrix::from_rows(vec![ns.iter().map(|v| v[2]).collect()], WIDTH), bias: Some(vec![0.0]) },
    ])
    .expect("shapes chain")
}

/// max_{j,k} ‖u_j − u_k‖_∞ / max(1, max|u|), u_j = (w_j, b_j): `reduce`'s duplicate test.
fn spread(p: &Params<f64>) -> f64 {
    let l = p.layer(1);
    let b = l.bias.as_ref().expect("bias");
    let u: Vec<[f64; 2]> = (0..l.width()).map(|j| [l.weight.row(j)[0], b[j]]).collect();
    let scale = u.iter().flatten().fold(1.0f64, |a, v| a.max(v.abs()));
    let mut s = 0.0f64;
    for x in &u {
        for y in &u {
            s = s.max((x[0] - y[0]).abs().max((x[1] - y[1]).abs()));
        }
    }
    s / scale
}

fn exact(p: &Params<f64>) -> Params<Q> {
    p.map(|v| q_from_f64(*v).expect("finite weights"))
}

fn reduced_width(p: &Params<f64>) -> usize {
    reduce(&exact(p), &Q::new(1, 1_000_000)).reduced.widths()[1]
}

fn train(act: &Activation, data: &Dataset<f64>, common: bool) -> Run {
    let mut rng = Rng::new(SEED);
    let mut theta = init(&mut rng, common);
    let mut points = Vec::new();
    let mut plateau = None;
    let first_loss = evaluate_f64(&theta, act, data).expect("evaluates").loss;
    for step in 0..=STEPS {
        let e = evaluate_f64(&theta, act, data).expect("evaluates");
        let g = e.gradient.flatten();
        let grad = g.iter().fold(0.0f64, |a, v| a.max(v.abs()));
        if plateau.is_none() && grad < 1e-4 && e.loss < 0.5 * first_loss {
            plateau = Some((step, theta.clone()));
        }
        if step % RECORD == 0 {
            points.push(Point { step, loss: e.loss, grad, spread: spread(&theta) });
        }
        if step < STEPS {
            let flat: Vec<f64> = theta.flatten().iter().zip(&g).map(|(t, gi)| t - LR * gi).collect();
            theta = theta.with_flat(&flat);
        }
    }
    Run { points, plateau, end: theta }
}

fn write_net(dir: &str, name: &str, act: &Activation, p: &Params<f64>) {
    let net = Network { activation: act.clone(), params: exact(p) };
    let text = serde_json::to_string_pretty(&network_to_json(&net)).expect("serialises");
    std::fs::write(format!("{dir}/{name}"), text + "\n").expect("writes the network");
}

fn summary(name: &str, run: &Run) {
    let at = |step: usize| run.points.iter().find(|p| p.step >= step).copied().expect("recorded");
    println!("  {name}:");
    println!("    {:>6} {:>14} {:>10} {:>10} {:>8}", "step", "loss", "|grad|inf", "spread", "reduced");
    for s in [0, 1000, 3000, 6000, 12_000, 24_000, 36_000, 48_000, STEPS] {
        let p = at(s);
        let width = if s == STEPS { format!("{}", reduced_width(&run.end)) } else { "".into() };
        println!("    {:>6} {:>14.8e} {:>10.2e} {:>10.2e} {:>8}", p.step, p.loss, p.grad, p.spread, width);
    }
    let peak = run.points.iter().fold(run.points[0], |a, p| if p.spread > a.spread { *p } else { a });
    println!("    largest spread {:.2e} at step {}", peak.spread, peak.step);
    match &run.plateau {
        Some((s, p)) => println!(
            "    plateau point: step {s} (first |grad|inf < 1e-4), spread {:.2e}, reduced width {}",
            spread(p),
            reduced_width(p)
        ),
        None => println!("    no plateau point (|grad|inf never below 1e-4)"),
    }
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/train_condense".into());
    std::fs::create_dir_all(&dir).expect("creates the output directory");
    // Data: the width-1 tanh teacher y = tanh(3x), rounded to 6 decimals, exactly.
    let xs: Vec<Q> = (0..N).map(|i| Q::new(-19 + 2 * i as i64, 19)).collect();
    let ys: Vec<Q> = xs.iter().map(|x| Q::new((1e6 * (3.0 * x.to_f64()).tanh()).round() as i64, 1_000_000)).collect();
    let data_q =
        Dataset::new(xs.iter().map(|x| vec![x.clone()]).collect(), ys.iter().map(|y| vec![y.clone()]).collect())
            .expect("data");
    std::fs::write(
        format!("{dir}/teacher.data.json"),
        serde_json::to_string_pretty(&data_to_json(&data_q)).unwrap() + "\n",
    )
    .expect("writes the data");
    let data =
        Dataset::new(xs.iter().map(|x| vec![x.to_f64()]).collect(), ys.iter().map(|y| vec![y.to_f64()]).collect())
            .expect("data");
    let poly = Activation::poly(vec![Q::int(0), Q::int(1), Q::int(0), Q::new(-1, 3), Q::int(0), Q::new(2, 15)]);
    let tanh = Activation::Float(FloatActivation::Tanh);
    println!("teacher: y = tanh(3x) on {N} points of [-1, 1]; students of width {WIDTH}; seed {SEED}; lr {LR}; {STEPS} steps");
    let mut runs = Vec::new();
    for (tag, act) in [("poly", &poly), ("tanh", &tanh)] {
        println!("sigma = {}:", if tag == "poly" { "t - t^3/3 + 2t^5/15" } else { "tanh" });
        for common in [true, false] {
            let run = train(act, &data, common);
            summary(if common { "common small init (+1e-9 jitter)" } else { "independent small init" }, &run);
            if common {
                if let Some((_, p)) = &run.plateau {
                    write_net(&dir, &format!("{tag}_plateau.net.json"), act, p);
                }
                write_net(&dir, &format!("{tag}_end.net.json"), act, &run.end);
            }
            runs.push((tag, common, run));
        }
    }
    plot(&format!("{dir}/train_condense.svg"), &runs).expect("draws the plot");
    println!("wrote {dir}/teacher.data.json, {dir}/{{poly,tanh}}_{{plateau,end}}.net.json, {dir}/train_condense.svg");
}

type Runs<'a> = [(&'a str, bool, Run)];

fn plot(path: &str, runs: &Runs) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (1000, 820)).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(410);
    let colour = |tag: &str, common: bool| match (tag, common) {
        ("poly", true) => RGBColor(31, 119, 180),
        ("poly", false) => RGBColor(158, 202, 225),
        (_, true) => RGBColor(214, 39, 40),
        _ => RGBColor(252, 146, 114),
    };
    let label = |tag: &str, common: bool| {
        format!(
            "{}, {}",
            if tag == "poly" { "σ5 polynomial" } else { "tanh" },
            if common { "common init" } else { "independent init" }
        )
    };
    let log = |v: f64| v.max(1e-300).log10();
    // Loss against step.
    let lo = runs.iter().flat_map(|r| r.2.points.iter().map(|p| log(p.loss))).fold(f64::INFINITY, f64::min);
    let mut chart = ChartBuilder::on(&top)
        .caption("Loss R_S against gradient-descent step (log scale)", ("sans-serif", 20))
        .margin(14)
        .margin_right(40)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0f64..STEPS as f64, (lo - 0.3).floor()..0.0)?;
    chart
        .configure_mesh()
        .x_desc("step")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc("loss")
        .y_label_formatter(&|y| format!("1e{y:.0}"))
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 14))
        .light_line_style(TRANSPARENT)
        .draw()?;
    for (tag, common, run) in runs {
        let c = colour(tag, *common);
        chart
            .draw_series(LineSeries::new(run.points.iter().map(|p| (p.step as f64, log(p.loss))), c.stroke_width(2)))?
            .label(label(tag, *common))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(2)));
        if let (true, Some((s, _))) = (*common, &run.plateau) {
            let y = run.points.iter().find(|q| q.step >= *s).map_or(0.0, |q| log(q.loss));
            chart
                .draw_series([Circle::new((*s as f64, y), 6, c.filled())])?
                .label(format!("plateau point, {} (step {s})", if *tag == "poly" { "σ5" } else { "tanh" }))
                .legend(move |(x, y)| Circle::new((x + 10, y), 5, c.filled()));
        }
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font(("sans-serif", 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    // Spread against step.
    let mut chart = ChartBuilder::on(&bottom)
        .caption("Condensation: spread of incoming vectors (w_j, b_j), max_jk |u_j − u_k|∞ / max(1, |u|∞) (colours as above)", ("sans-serif", 17))
        .margin(14)
        .margin_right(40)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0f64..STEPS as f64, -18f64..1.0)?;
    chart
        .configure_mesh()
        .x_desc("step")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc("spread")
        .y_label_formatter(&|y| format!("1e{y:.0}"))
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 14))
        .light_line_style(TRANSPARENT)
        .draw()?;
    for (tag, common, run) in runs {
        let c = colour(tag, *common);
        chart.draw_series(LineSeries::new(
            run.points.iter().map(|p| (p.step as f64, log(p.spread).max(-18.0))),
            c.stroke_width(2),
        ))?;
    }
    chart
        .draw_series(DashedLineSeries::new(
            vec![(0.0, -6.0), (STEPS as f64, -6.0)],
            6,
            4,
            BLACK.mix(0.6).stroke_width(1),
        ))?
        .label("certify's merge tolerance 1e-6")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.mix(0.6).stroke_width(1)));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .label_font(("sans-serif", 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    root.present()?;
    Ok(())
}
