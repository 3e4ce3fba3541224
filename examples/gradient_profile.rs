#[path = "../benches/workload.rs"]
mod workload;
fn main() {
    let (params, act, data) = workload::load("W1");
    let exact = act.exact().unwrap();
    let embedcheck::activation::ExactActivation::Poly(p) = exact else { panic!() };
    let t = std::time::Instant::now();
    for _ in 0..300 {
        std::hint::black_box(embedcheck::net::evaluate_polynomial(&params, p, &data).unwrap());
    }
    println!("{:?}", t.elapsed() / 300);
}
