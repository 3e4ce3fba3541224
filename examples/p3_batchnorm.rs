//! Batch normalization against layer linearization (\[P3\] §5, Fig. 5; claim `p3.sec5.batchnorm`;
//! spec width-depth §5, E8), scaled down.
//!
//! - Data: as `examples/p3_linearization.rs` (n = 40 points of y = 1.5 sin(x/3) + 0.3 sin(3x/2)
//!   on \[−10, 10\]).
//! - Nets: widths (1, 20, 20, 1) (paper: width 50), σ = tanh, weights and biases N(0, 0.1²), seed
//!   3, full-batch gradient descent in f64, lr 0.005, 40 000 steps; without BN ([`descend`]) and with
//!   BN before every tanh ([`BnNet`], batch = the training set, ε = 10⁻⁵) at β₀ = 0 and
//!   γ₀ ∈ {0.1, 1.0, 1.5} (the same affine weights in every run).
//! - Stagnation: the net without BN stagnates at R ≈ 2.1·10⁻² (`examples/p3_linearization.rs`
//!   finds the same level for 3 hidden layers); a run *escapes* when its loss falls below
//!   [`ESCAPE`] = 10⁻², about half that level. Linearized layers: hidden layers with MPC > 0.99.
//!
//! Writes DIR/p3_batchnorm.svg (DIR: first argument, default `target/p3`).
//! Run: `cargo run --release --example p3_batchnorm`.

use embedcheck::activation::{Activation, FloatActivation};
use embedcheck::depth::float::batchnorm::BnNet;
use embedcheck::depth::float::train::{descend, first_below, gaussian_init, Record};
use embedcheck::rng::Rng;

#[path = "p3/plot.rs"]
mod plot;
#[path = "p3/setup.rs"]
mod setup;
use plot::{Curve, TAB};
use setup::{forty, EVERY, LR, SEED, STD, WIDTH};

const STEPS: usize = 40_000;
const GAMMAS: [f64; 3] = [0.1, 1.0, 1.5];
/// The escape level: about half the stagnation loss of the net without BN.
const ESCAPE: f64 = 1e-2;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/p3".into());
    std::fs::create_dir_all(&dir).expect("creates the output directory");
    let data = forty();
    let tanh = Activation::Float(FloatActivation::Tanh);
    let init = gaussian_init(&[1, WIDTH, WIDTH, 1], STD, &mut Rng::new(SEED));
    let mut runs: Vec<(String, Vec<Record>)> = Vec::new();
    let mut plain = init.clone();
    runs.push(("no BN".into(), descend(&mut plain, &tanh, &data, LR, STEPS, EVERY, 0).expect("tanh has no pole")));
    for g in GAMMAS {
        let mut net = BnNet::new(init.clone(), g, 0.0);
        runs.push((format!("BN, γ₀ = {g}"), net.descend(&data, LR, STEPS, EVERY)));
    }
    println!("[P3] Fig. 5 scaled down: widths (1, {WIDTH}, {WIDTH}, 1), tanh, n = {}, init N(0, {STD}^2), lr {LR}, {STEPS} steps, seed {SEED}", data.len());
    println!(
        "  {:<14} {:>12} {:>12} {:>22} {:>22} {:>12}",
        "run", "loss@10k", "loss@end", "escape (loss < 1e-2)", "mean MPC (max layer)", "lin. layers"
    );
    for (name, run) in &runs {
        let at = |s: usize| run.iter().find(|r| r.step >= s).expect("recorded").loss;
        let esc = first_below(run, 0, ESCAPE).map_or("never".into(), |s| format!("step {s}"));
        let late: Vec<&Record> = run.iter().filter(|r| r.step >= 2000).collect();
        let max_mpc = |r: &Record| r.mpc.iter().flatten().copied().fold(0.0, f64::max);
        let mean = late.iter().map(|r| max_mpc(r)).sum::<f64>() / late.len() as f64;
        let lin = run.last().expect("recorded").mpc.iter().filter(|m| m.is_some_and(|v| v > 0.99)).count();
        println!("  {name:<14} {:>12.4e} {:>12.4e} {esc:>22} {mean:>22.5} {lin:>12}", at(10_000), at(STEPS));
    }
    let list: Vec<Curve> = runs
        .iter()
        .enumerate()
        .flat_map(|(i, (name, run))| {
            [
                Curve { records: run, colour: TAB[i], label: name.clone(), loss: true, layer: None },
                Curve { records: run, colour: TAB[i], label: name.clone(), loss: false, layer: None },
            ]
        })
        .collect();
    let path = format!("{dir}/p3_batchnorm.svg");
    plot::loss_and_mpc(
        &path,
        (
            "[P3] Fig. 5 scaled down: tanh nets with 2 hidden layers of width 20, BN shift β₀ = 0",
            "largest MPC over the hidden layers (the most nearly linear layer)",
        ),
        &list,
        &[],
        &[],
        0.9,
    )
    .expect("draws the plot");
    println!("wrote {path}");
}
