//! Exact Hessian plus inertia on the workloads W2 (M = 113) and W1 (M = 369) (issue 8, item 6).

#[path = "workload.rs"]
mod workload;

use embedcheck::hessian::{hessian_tangent, hessian_vector_product};
use embedcheck::linalg::inertia_certified;
use embedcheck::scalar::{Field, Q};
use std::time::Instant;

fn main() {
    // Workloads to run: `EMBEDCHECK_BENCH_WORKLOADS=W2,W1` (default W2; W1 takes minutes).
    let names = std::env::var("EMBEDCHECK_BENCH_WORKLOADS").unwrap_or_else(|_| "W2".to_string());
    for name in names.split(',') {
        let (params, act, data) = workload::load(name);
        let exact = act.exact().unwrap();
        let m = params.num_params();
        let mut e = vec![Q::zero(); m];
        e[0] = Q::one();
        let t = Instant::now();
        let col = hessian_vector_product(&params, exact, &data, &e).unwrap();
        let bits: Vec<u64> = col.iter().map(|q| q.height_bits()).collect();
        println!("{name}: one HVP {:?}, max bits {}", t.elapsed(), bits.iter().max().unwrap());
        let t = Instant::now();
        let h = hessian_tangent(&params, exact, &data).unwrap();
        let th = t.elapsed();
        let bits: Vec<u64> = h.data().iter().map(|q| q.height_bits()).collect();
        let max = bits.iter().max().unwrap();
        let mean = bits.iter().sum::<u64>() as f64 / bits.len() as f64;
        println!("{name}: M = {m}, hessian {th:?}, max bits {max}, mean {mean:.0}");
        let t = Instant::now();
        let (i, how) = inertia_certified(&h);
        println!("inertia {i} by {how:?} in {:?}", t.elapsed());
    }
}
