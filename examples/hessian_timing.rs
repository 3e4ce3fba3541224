//! One timed run of exact Hessian plus inertia on a workload: `cargo run --release --example
//! hessian_timing -- W1` (the criterion bench takes ten samples, too long for W1).

#[path = "../benches/workload.rs"]
mod workload;

use embedcheck::hessian::hessian_exact;
use embedcheck::linalg::inertia_certified;
use std::time::Instant;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "W2".to_string());
    let (params, act, data) = workload::load(&name);
    let exact = act.exact().unwrap();
    let t = Instant::now();
    let h = hessian_exact(&params, exact, &data).unwrap();
    let th = t.elapsed();
    let t = Instant::now();
    let (i, how) = inertia_certified(&h);
    println!(
        "{name}: M = {}, n = {}, hessian {th:?}, inertia {i} by {how:?} in {:?}",
        params.num_params(),
        data.len(),
        t.elapsed()
    );
}
