//! "Small initialisation gets stuck" (Ziyin, Li, Meng 2022; spec symmetry-linear B.4, B.6
//! item 6): gradient descent in f64 on the full, unreduced deep linear loss, from small
//! (scale 10⁻³) and ordinary (scale 3/2) random starts.
//!
//! Data of spec B.5 (A = I, m = (3, 4), E[y²] = 30, s² = 4):
//! - D = 1, widths (2, 4), γ = 3: the origin is a saddle (μ = 5 > γ), small starts escape to
//!   L = 28 (the exact global minimum);
//! - D = 2, widths (2, 4, 1), γ = 1: the origin is a strict local minimum (Hessian 2γI) but the
//!   global minimum is L ≈ 29.2142 < 30, so small starts stay at L = E[y²] = 30.
//!
//! Float experiment: "stuck" means the final loss is within 10⁻⁶ of 30 (far larger than the
//! f64 rounding of a loss of size 30 after the steps taken, and far smaller than the gap 0.786).
//! Run: `cargo run --example linear_small_init`.

use embedcheck::linear::{gradient, loss, LinearModel, Moments};
use embedcheck::rng::Rng;
use embedcheck::scalar::Q;

fn descend(model: &LinearModel, moments: &Moments, scale: f64, seed: u64) -> f64 {
    let mut rng = Rng::new(seed);
    let shape = model.zero_params::<f64>();
    let mut theta: Vec<f64> = (0..shape.num_params())
        .map(|_| scale * ((rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0))
        .collect();
    let lr = 0.005;
    for _ in 0..20_000 {
        let g = gradient(model, moments, &shape.with_flat(&theta));
        for (t, gi) in theta.iter_mut().zip(&g) {
            *t -= lr * gi;
        }
    }
    loss(model, moments, &shape.with_flat(&theta))
}

fn main() {
    let q = |s: &str| Q::parse(s).expect("literal");
    let moments = Moments::isotropic(q("1"), vec![q("3"), q("4")], q("30"));
    let cases = [
        ("D = 1, widths (2, 4), γ = 3", LinearModel::equal_decay(vec![2, 4], q("4"), q("3")).expect("valid")),
        ("D = 2, widths (2, 4, 1), γ = 1", LinearModel::equal_decay(vec![2, 4, 1], q("4"), q("1")).expect("valid")),
    ];
    for (name, model) in &cases {
        println!("{name}:");
        for scale in [1e-3, 1.5] {
            let finals: Vec<f64> = (0..3).map(|seed| descend(model, &moments, scale, seed)).collect();
            let stuck = finals.iter().filter(|l| (*l - 30.0).abs() < 1e-6).count();
            println!(
                "  init scale {scale:e}: final losses {:?}; stuck at the origin (|L − 30| < 1e-6): {stuck} of 3",
                finals.iter().map(|l| format!("{l:.6}")).collect::<Vec<_>>()
            );
        }
    }
}
