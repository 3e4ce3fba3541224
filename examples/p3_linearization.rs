//! Layer linearization in training (\[P3\] Fig. 3, App. C; claim `p3.fig3.linearization`; spec
//! width-depth §5, E6), scaled down: a 3-hidden-layer tanh network first stagnates at the loss
//! of a 1-hidden-layer network, with its nearly linear hidden layers (MPC > 0.99) merged away.
//!
//! - Data: n = 40 points x_i = −10 + 20i/39, y = 1.5 sin(x/3) + 0.3 sin(3x/2) (|y| ≤ 1.8; the
//!   paper's target is not printed, only x ∈ \[−10, 10\], |y| ≤ 2).
//! - Nets: widths (1, 20, 20, 20, 1) and (1, 20, 1) (paper: width 50), σ = tanh, every weight
//!   and bias N(0, 0.1²) (paper: variance 0.01), seed 3, full-batch gradient descent in f64
//!   ([`descend`]) with lr 0.005 (paper: 0.01; at 0.01 our narrower deep net oscillates),
//!   ½-MSE; 200 000 steps each.
//! - Stagnation point of the deep net: the recorded step with the smallest ‖∇R‖₂ among those after
//!   the loss first fell below a quarter of its start. There the layers with MPC > 0.99 are merged
//!   into the layers above by multiplying weights ([`merge_linearized`], \[P3\] §4); the merged
//!   net's loss and gradient norm are reported, before and after 5 000 steps of gradient descent
//!   on the shallower net from the merged point (\[P3\] §6: "retraining quickly reaches the same
//!   loss"). The same merge including layer 1 (MPC < 0.99) is the negative control.
//!
//! Writes DIR/p3_linearization.svg (DIR: first argument, default `target/p3`).
//! Run: `cargo run --release --example p3_linearization`.

use embedcheck::activation::{Activation, FloatActivation};
use embedcheck::data::Dataset;
use embedcheck::depth::float::train::{descend, gaussian_init, merge_linearized, Record};
use embedcheck::net::evaluate_f64;
use embedcheck::rng::Rng;
use plotters::style::colors::BLACK;

#[path = "p3/plot.rs"]
mod plot;
#[path = "p3/setup.rs"]
mod setup;
use plot::{Curve, TAB};
use setup::{forty, EVERY, LR, SEED, STD, WIDTH};

const STEPS: usize = 200_000;
const RETRAIN: usize = 5_000;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/p3".into());
    std::fs::create_dir_all(&dir).expect("creates the output directory");
    let tanh = Activation::Float(FloatActivation::Tanh);
    let data = forty();
    println!(
        "[P3] Fig. 3 scaled down: n = {}, width {WIDTH}, init N(0, {STD}^2), lr {LR}, {STEPS} steps, seed {SEED}",
        data.len()
    );
    let deep_widths = [1, WIDTH, WIDTH, WIDTH, 1];
    let mut deep = gaussian_init(&deep_widths, STD, &mut Rng::new(SEED));
    let mut shallow = gaussian_init(&[1, WIDTH, 1], STD, &mut Rng::new(SEED));
    let deep_run = descend(&mut deep, &tanh, &data, LR, STEPS, EVERY, 0).expect("tanh has no pole");
    let shallow_run = descend(&mut shallow, &tanh, &data, LR, STEPS, EVERY, 0).expect("tanh has no pole");
    for (name, run) in [("3 hidden layers", &deep_run), ("1 hidden layer", &shallow_run)] {
        println!("{name}:");
        println!("  {:>6} {:>12} {:>10}  MPC per hidden layer", "step", "loss", "|grad|2");
        for r in run.iter().filter(|r| r.step % 20_000 == 0) {
            let m: Vec<String> = r.mpc.iter().map(|v| v.map_or("-".into(), |v| format!("{v:.5}"))).collect();
            println!("  {:>6} {:>12.5e} {:>10.2e}  {}", r.step, r.loss, r.grad_norm, m.join(" "));
        }
    }
    let stag = stagnation(&deep_run);
    // Re-run to the stagnation step to get its parameters (a run keeps only records).
    let mut at = gaussian_init(&deep_widths, STD, &mut Rng::new(SEED));
    descend(&mut at, &tanh, &data, LR, stag.step, stag.step.max(1), 0).expect("tanh has no pole");
    let linear: Vec<usize> = (1..=3).filter(|&k| stag.mpc[k - 1].is_some_and(|v| v > 0.99)).collect();
    println!(
        "deep stagnation point: step {}, loss {:.5e}, |grad|2 {:.2e}, MPC {}; merged layers (MPC > 0.99): {linear:?}",
        stag.step,
        stag.loss,
        stag.grad_norm,
        stag.mpc.iter().map(|v| v.map_or("-".into(), |v| format!("{v:.5}"))).collect::<Vec<_>>().join(" ")
    );
    let mut points =
        vec![(stag.step as f64, stag.loss, BLACK, format!("stagnation point of the deep net (step {})", stag.step))];
    for (what, layers) in [("merged", linear.clone()), ("control, layer 1 merged too", vec![1, 2, 3])] {
        let merged = merge_linearized(&at, &tanh, data.inputs(), &layers).expect("tanh has no pole");
        let (l0, g0) = loss_grad(&merged, &tanh, &data);
        let mut re = merged.clone();
        let rerun = descend(&mut re, &tanh, &data, LR, RETRAIN, RETRAIN, 0).expect("tanh has no pole");
        let end = rerun.last().expect("at least one record");
        println!(
            "  {what}, widths {:?}: loss {l0:.5e} ({:+.2}% of the deep loss), |grad|2 {g0:.2e}; after {RETRAIN} steps: loss {:.5e} ({:+.2}%), |grad|2 {:.2e}",
            merged.widths(),
            100.0 * (l0 / stag.loss - 1.0),
            end.loss,
            100.0 * (end.loss / stag.loss - 1.0),
            end.grad_norm
        );
        if layers == linear {
            points.push((
                stag.step as f64,
                l0,
                TAB[3],
                format!("its merged 1-hidden-layer net ({:+.1}%)", 100.0 * (l0 / stag.loss - 1.0)),
            ));
        }
    }
    let last = shallow_run.last().expect("at least one record");
    let reach =
        shallow_run.iter().find(|r| r.loss <= stag.loss).map_or("never".into(), |r| format!("at step {}", r.step));
    println!(
        "  1-hidden-layer net trained alone: loss {:.5e} at step {}; reaches the deep stagnation loss {reach}",
        last.loss, last.step
    );
    let curve = |records, colour, label: &str, loss, layer| Curve { records, colour, label: label.into(), loss, layer };
    let curves = [
        curve(&deep_run, TAB[0], "3 hidden layers", true, None),
        curve(&shallow_run, TAB[1], "1 hidden layer", true, None),
        curve(&deep_run, TAB[2], "3 hidden layers: layer 1", false, Some(0)),
        curve(&deep_run, TAB[3], "3 hidden layers: layer 2", false, Some(1)),
        curve(&deep_run, TAB[4], "3 hidden layers: layer 3", false, Some(2)),
        curve(&shallow_run, TAB[1], "1 hidden layer", false, Some(0)),
    ];
    let path = format!("{dir}/p3_linearization.svg");
    plot::loss_and_mpc(
        &path,
        ("[P3] Fig. 3 scaled down: loss of tanh nets, width 20, 40 points", "MPC of each hidden layer ([P3] Eq. 1)"),
        &curves,
        &points,
        &[],
        0.86,
    )
    .expect("draws the plot");
    println!("wrote {path}");
}

fn loss_grad(p: &embedcheck::net::Params<f64>, act: &Activation, data: &Dataset<f64>) -> (f64, f64) {
    let e = evaluate_f64(p, act, data).expect("tanh has no pole");
    (e.loss, e.gradient.flatten().iter().map(|v| v * v).sum::<f64>().sqrt())
}

/// The record with the smallest gradient norm after the loss first fell below 1/4 of its start.
fn stagnation(run: &[Record]) -> &Record {
    let start = run[0].loss;
    let from = run.iter().position(|r| r.loss < start / 4.0).unwrap_or(0);
    run[from..].iter().fold(&run[from], |a, r| if r.grad_norm < a.grad_norm { r } else { a })
}
