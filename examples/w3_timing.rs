//! Timed runs of the batched f64 gradient ([`evaluate_f64`]) on workload W3 (widths 32, 256, 256,
//! 10; n = 1024; tanh): `cargo run --release --example w3_timing -- [RUNS]` prints the median and
//! the fastest of RUNS runs (default 50). With RUNS = 1 it is the kernel to hand to
//! `valgrind --tool=callgrind --toggle-collect='*evaluate_f64*'` for instruction counts, which do
//! not depend on what else runs on the machine. The workloads are read from
//! `$EMBEDCHECK_WORKLOADS` or `../shared/bench/workloads`.

#[path = "../benches/workload.rs"]
mod workload;

use embedcheck::io::{read_data, read_network};
use embedcheck::net::evaluate_f64;
use embedcheck::scalar::Q;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let runs: usize = std::env::args().nth(1).map_or(50, |s| s.parse().expect("RUNS is a number"));
    let dir = workload::workload_dir();
    let net = read_network(&dir.join("W3.net.json").to_string_lossy()).expect("W3.net.json");
    let data = read_data(&dir.join("W3.data.json").to_string_lossy()).expect("W3.data.json");
    let params = net.params.map(Q::to_f64);
    let data = data.map(Q::to_f64);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        black_box(evaluate_f64(black_box(&params), &net.activation, black_box(&data)).expect("W3 evaluates"));
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!("W3 f64 gradient, {runs} runs: median {:.2} ms, fastest {:.2} ms", times[runs / 2], times[0]);
}
