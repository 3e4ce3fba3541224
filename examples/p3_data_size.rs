//! More data, earlier escape (\[P3\] Prop. 3, Fig. 6; claim `p3.fig6.data`; spec width-depth §5,
//! E9), scaled down.
//!
//! - Data: the grid x = h(k + 1/2), h = 20/39, on n = 28 points around 0 (|x| ≤ 6.9), and the
//!   supersets of n = 32 and n = 40 points (|x| ≤ 10) (paper: 70 → 80, 100), targets
//!   y = 1.5 sin(x/3) + 0.3 sin(3x/2) as in `examples/p3_linearization.rs`.
//! - Net: widths (1, 20, 20, 20, 1) (paper: width 50), σ = tanh, weights and biases N(0, 0.1²),
//!   seed 3, full-batch gradient descent in f64 ([`descend`]), lr 0.005: 40 000 steps on 28 points
//!   to a stagnation point, then 60 000 more steps on 28, 32 or 40 points from that point.
//! - Escape: the first step after the switch at which the loss (on the data of that branch) is
//!   below half its value at the switch.
//!
//! Writes DIR/p3_data_size.svg (DIR: first argument, default `target/p3`).
//! Run: `cargo run --release --example p3_data_size`.

use embedcheck::activation::{Activation, FloatActivation};
use embedcheck::depth::float::train::{descend, first_below, gaussian_init, Record};
use embedcheck::rng::Rng;

#[path = "p3/plot.rs"]
mod plot;
#[path = "p3/setup.rs"]
mod setup;
use plot::{Curve, TAB};
use setup::{grid, EVERY, LR, SEED, STD, WIDTH};

const PHASE1: usize = 40_000;
const PHASE2: usize = 60_000;
const SIZES: [usize; 3] = [28, 32, 40];

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/p3".into());
    std::fs::create_dir_all(&dir).expect("creates the output directory");
    let tanh = Activation::Float(FloatActivation::Tanh);
    println!("[P3] Fig. 6 scaled down: width {WIDTH}, init N(0, {STD}^2), lr {LR}, seed {SEED}; {PHASE1} steps on {} points, then {PHASE2} on {SIZES:?}", SIZES[0]);
    let mut theta = gaussian_init(&[1, WIDTH, WIDTH, WIDTH, 1], STD, &mut Rng::new(SEED));
    let first = descend(&mut theta, &tanh, &grid(SIZES[0]), LR, PHASE1, EVERY, 0).expect("tanh has no pole");
    let mut branches: Vec<(usize, Vec<Record>)> = Vec::new();
    for n in SIZES {
        let mut t = theta.clone();
        let run = descend(&mut t, &tanh, &grid(n), LR, PHASE2, EVERY, PHASE1).expect("tanh has no pole");
        branches.push((n, run));
    }
    let stag = first.last().expect("at least one record");
    println!(
        "stagnation point (step {PHASE1}, {} points): loss {:.5e}, |grad|2 {:.2e}, MPC {}",
        SIZES[0],
        stag.loss,
        stag.grad_norm,
        fmt(&stag.mpc)
    );
    println!(
        "  {:>4} {:>11} {:>24} {:>11} {:>11} {:>11}",
        "n", "loss@switch", "MPC@switch (own data)", "escape", "loss@+20k", "loss@end"
    );
    for (n, run) in &branches {
        let at = &run[0];
        let esc = first_below(run, PHASE1, at.loss / 2.0).map_or("never".into(), |s| format!("+{}", s - PHASE1));
        let mid = run.iter().find(|r| r.step >= PHASE1 + 20_000).expect("recorded");
        let end = run.last().expect("recorded");
        println!("  {n:>4} {:>11.4e} {:>24} {esc:>11} {:>11.4e} {:>11.4e}", at.loss, fmt(&at.mpc), mid.loss, end.loss);
    }
    let mut curves = Vec::new();
    for (i, (n, run)) in branches.iter().enumerate() {
        let both: Vec<Record> = first.iter().chain(run.iter()).cloned().collect();
        curves.push((format!("{} points, then {n}", SIZES[0]), both, TAB[i]));
    }
    let mut list = Vec::new();
    for (label, rec, c) in &curves {
        list.push(Curve { records: rec, colour: *c, label: label.clone(), loss: true, layer: None });
    }
    for (label, rec, c) in &curves {
        list.push(Curve { records: rec, colour: *c, label: format!("{label}: layer 1"), loss: false, layer: Some(0) });
    }
    let path = format!("{dir}/p3_data_size.svg");
    plot::loss_and_mpc(
        &path,
        (
            "[P3] Fig. 6 scaled down: loss on the current data (3 hidden layers, width 20)",
            "MPC of hidden layer 1 on the current data",
        ),
        &list,
        &[],
        &[(PHASE1 as f64, format!("switch of data at step {PHASE1}"))],
        0.9,
    )
    .expect("draws the plot");
    println!("wrote {path}");
}

fn fmt(m: &[Option<f64>]) -> String {
    m.iter().map(|v| v.map_or("-".into(), |v| format!("{v:.4}"))).collect::<Vec<_>>().join(" ")
}
