//! Exact Hessian plus inertia on the workloads W2 (M = 113) and W1 (M = 369) (issue 8, item 6):
//! `cargo bench --bench hessian` (W2); `EMBEDCHECK_BENCH_WORKLOADS=W2,W1 cargo bench --bench hessian`.

#[path = "workload.rs"]
mod workload;

use criterion::{criterion_group, criterion_main, Criterion};
use embedcheck::hessian::hessian_exact;
use embedcheck::linalg::inertia_certified;

fn bench(c: &mut Criterion) {
    let names = std::env::var("EMBEDCHECK_BENCH_WORKLOADS").unwrap_or_else(|_| "W2".to_string());
    let mut group = c.benchmark_group("exact");
    group.sample_size(10);
    for name in names.split(',') {
        let (params, act, data) = workload::load(name);
        let exact = act.exact().unwrap().clone();
        let h = hessian_exact(&params, &exact, &data).unwrap();
        println!("{name}: M = {}, inertia {:?}", params.num_params(), inertia_certified(&h));
        group.bench_function(format!("{name}/hessian"), |b| b.iter(|| hessian_exact(&params, &exact, &data).unwrap()));
        group.bench_function(format!("{name}/inertia"), |b| b.iter(|| inertia_certified(&h)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
