//! Timed runs of the rigorous gradient enclosure ([`enclose_gradient`]) of `eval --float` on
//! workload W3 (widths 32, 256, 256, 10; n = 1024; tanh): `cargo run --release --example
//! w3_enclosure_timing -- [RUNS]` prints the time to enclose the files' rationals by doubles and
//! the median and fastest of RUNS enclosures (default 5). The workloads are read from
//! `$EMBEDCHECK_WORKLOADS` or `../shared/bench/workloads`.

#[path = "../benches/workload.rs"]
mod workload;

use embedcheck::io::{read_data, read_network};
use embedcheck::net::enclose_gradient;
use embedcheck::scalar::Interval;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let runs: usize = std::env::args().nth(1).map_or(5, |s| s.parse().expect("RUNS is a number"));
    let dir = workload::workload_dir();
    let net = read_network(&dir.join("W3.net.json").to_string_lossy()).expect("W3.net.json");
    let data = read_data(&dir.join("W3.data.json").to_string_lossy()).expect("W3.data.json");
    let t = Instant::now();
    let (params, data) = (net.params.map(Interval::from_q), data.map(Interval::from_q));
    println!("W3 rationals enclosed by doubles: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let enc = enclose_gradient(black_box(&params), &net.activation, black_box(&data)).expect("W3 evaluates");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        black_box(enc);
    }
    times.sort_by(f64::total_cmp);
    println!("W3 gradient enclosure, {runs} runs: median {:.1} ms, fastest {:.1} ms", times[runs / 2], times[0]);
}
