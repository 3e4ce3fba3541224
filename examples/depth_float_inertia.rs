//! The float lifting's Hessian against the derived tolerances of `depth.lift.float.inertia` and
//! `depth.lift.float.inertia.balanced` (spec width-depth §6 item 12; proofs/depth-inertia.md,
//! "Float path").
//!
//! The tanh net of `examples/depth_float` (widths (2, 2, 1)) and the same weights with sigmoid and
//! softplus, at teacher targets (their own f64 outputs: zero loss, a global minimum), lifted right
//! before the output with the identity construction at c = 2⁻¹ … 2⁻¹⁰. For each c it prints the most
//! negative eigenvalue of H' and of S H' S (unit-scale coordinates), the gradient term ‖B‖ and the
//! nonlinearity bounds ‖E‖_F and ‖S E S‖_F. Both statements hold when every printed minimum is
//! above −(‖B‖ + bound + ε-term).
//!
//! Run: `cargo run --example depth_float_inertia`.

use embedcheck::activation::{Activation, FloatActivation};
use embedcheck::depth::float::float_lifting;
use embedcheck::depth::float::inertia::{balanced_scale, nonlinearity_norm};
use embedcheck::depth::Construction;
use embedcheck::hessian::{hessian, spectrum};
use embedcheck::io::{read_data, read_network};
use embedcheck::linalg::Matrix;
use embedcheck::net::evaluate;
use embedcheck::scalar::Q;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/depth_float");
    let net = read_network(&format!("{dir}/tanh.net.json")).expect("network").params.map(Q::to_f64);
    let data = read_data(&format!("{dir}/tanh.data.json")).expect("data").map(Q::to_f64);
    for act in [FloatActivation::Tanh, FloatActivation::Sigmoid, FloatActivation::Softplus] {
        let a = Activation::Float(act);
        let teacher = evaluate(&net, &a, &data).expect("evaluates").outputs;
        let data = data.with_targets(teacher).expect("same shapes");
        let g = evaluate(&net, &a, &data).expect("evaluates").gradient.flatten();
        let gnorm = g.iter().map(|x| x * x).sum::<f64>().sqrt();
        let h = spectrum(&hessian(&net, &a, &data).expect("H"));
        println!(
            "{}: narrow H min eigenvalue {:.2e} (zero tolerance {:.1e}), |grad R| = {gnorm:.1e}",
            act.name(),
            h.eigenvalues[0],
            h.tolerance
        );
        println!("{:>8} {:>12} {:>10} {:>14} {:>10}", "c", "min eig H'", "|E|_F", "min eig SH'S", "|SES|_F");
        for k in [1, 3, 5, 7, 10] {
            let c = 2f64.powi(-k);
            let l = float_lifting(&net, act, 1, None, Construction::Identity, c).expect("lift");
            let hd = hessian(&l.deep, &a, &data).expect("H'");
            let m = hd.rows();
            let s = balanced_scale(&l);
            let scaled =
                Matrix::from_vec(m, m, hd.data().iter().enumerate().map(|(e, x)| x * s[e / m] * s[e % m]).collect());
            let e = nonlinearity_norm(&l, &data, &vec![1.0; m]).expect("bound");
            let es = nonlinearity_norm(&l, &data, &s).expect("bound");
            println!(
                "{:>8} {:>12.2e} {:>10.2e} {:>14.2e} {:>10.2e}",
                format!("2^-{k}"),
                spectrum(&hd).eigenvalues[0],
                e,
                spectrum(&scaled).eigenvalues[0],
                es
            );
        }
    }
}
