//! The setup the `p3_*` examples share, and `tests/claims/p3_experiments.rs` replays (included with
//! `#[path]`): tanh nets of width 20 initialised N(0, 0.1²) with seed 3, full-batch gradient
//! descent with learning rate 0.005 (at the paper's 0.01 the deep net oscillated), and 1-D data
//! y = 1.5 sin(x/3) + 0.3 sin(3x/2).
#![allow(dead_code)] // each includer uses part of it

use embedcheck::data::Dataset;

/// Hidden width.
pub const WIDTH: usize = 20;
/// Standard deviation of the initial weights and biases.
pub const STD: f64 = 0.1;
/// Learning rate.
pub const LR: f64 = 0.005;
/// Steps between two records of a run.
pub const EVERY: usize = 100;
/// Seed of the initialisation.
pub const SEED: u64 = 3;

/// The target function y(x).
pub fn target(x: f64) -> f64 {
    1.5 * (x / 3.0).sin() + 0.3 * (1.5 * x).sin()
}

/// The data set of the inputs `xs` with targets [`target`].
pub fn dataset(xs: &[f64]) -> Dataset<f64> {
    Dataset::new(xs.iter().map(|x| vec![*x]).collect(), xs.iter().map(|x| vec![target(*x)]).collect())
        .expect("one input and one target per sample")
}

/// 40 equally spaced points on [−10, 10] (Fig. 3 and Fig. 5).
pub fn forty() -> Dataset<f64> {
    dataset(&(0..40).map(|i| -10.0 + 20.0 * f64::from(i) / 39.0).collect::<Vec<_>>())
}

/// n grid points h(k + 1/2), h = 20/39, k = −n/2 … n/2 − 1 (n even), so smaller grids are
/// subsets (Fig. 6).
pub fn grid(n: usize) -> Dataset<f64> {
    dataset(&(0..n).map(|i| 20.0 / 39.0 * (i as f64 - n as f64 / 2.0 + 0.5)).collect::<Vec<_>>())
}
