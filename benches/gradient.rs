//! Placeholder; the benchmarks land with the foundation issue's benchmark work.
fn main() {}
