//! [P3] v3's Fig. 4 ("a local minimum lifted to a strict saddle") reproduced as what it is: an
//! artefact of approximate criticality (proof: `proofs/depth-inertia.md`).
//!
//! Ex F (spec width-depth §3.4) with the targets moved by δ·v, so that the narrow point has a
//! gradient of size O(δ); lifted as in Ex F (identity input weights after hidden layer 1). For each
//! δ the exact inertia (n₊, n₋, n₀) of both Hessians is printed, with the most negative eigenvalues
//! from the cyclic Jacobi iteration of `linalg::jacobi_eigen` in f64 (accurate to about
//! 1e−15·‖H‖, far below the values shown).
//! At δ = 0 (exactly critical) neither Hessian has a negative eigenvalue: (5, 0, 2) → (5, 0, 8).
//! For δ ≠ 0 the narrow point already has one O(δ) negative eigenvalue (its ReLU rescaling zero
//! tilts), and the lift has two more, from the gradient-curvature coupling Σ g_k ∇²Ψ_k; all shrink
//! linearly with ‖g‖ — the v3 "0 → 1 → 2" pattern at a gradient of ~1e−4 is of this kind.
//!
//! Run: `cargo run --example depth_near_critical`.

use embedcheck::data::Dataset;
use embedcheck::depth::second_order::loss_hessian;
use embedcheck::depth::{critical_lifting, Construction};
use embedcheck::io::{read_data, read_network};
use embedcheck::linalg::{inertia, jacobi_eigen, Matrix};
use embedcheck::net::evaluate;
use embedcheck::scalar::{Ring, Q};

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/depth_ex_f");
    let net = read_network(&format!("{dir}/narrow.net.json")).expect("Ex F network");
    let data = read_data(&format!("{dir}/ex_f.data.json")).expect("Ex F data");
    let act = net.activation.exact().expect("ReLU is exact").clone();
    let v = [1, -1, 2, 0, 1, -2, 1];
    println!("Ex F lifted after hidden layer 1 (identity input weights), targets y + delta*v, v = {v:?}");
    println!(
        "{:>11} {:>10} {:>10} {:>10} {:>14} {:>14}",
        "delta", "|g|_1", "narrow H", "lifted H", "min eig narrow", "min eig lifted"
    );
    for k in [0u32, 2, 4, 6, 8] {
        let delta = if k == 0 { Q::zero() } else { Q::new(1, 10i64.pow(k)) };
        let targets: Vec<Vec<Q>> =
            data.targets().iter().zip(v).map(|(y, vi)| vec![y[0].add(&delta.mul(&Q::int(vi)))]).collect();
        let d: Dataset<Q> = data.with_targets(targets).expect("same shapes");
        let g1: f64 = evaluate(&net.params, &act, &d)
            .expect("evaluates")
            .gradient
            .flatten()
            .iter()
            .map(|g| g.abs().to_f64())
            .sum();
        let lifted = critical_lifting(&net.params, &act, &d, 1, None, Construction::Identity, None).expect("lift");
        let h = loss_hessian(&net.params, &act, &embedcheck::loss::ExactLoss::Mse, &d).expect("H");
        let hd = loss_hessian(&lifted.deep, &act, &embedcheck::loss::ExactLoss::Mse, &d).expect("H deep");
        let min = |m: &Matrix<Q>| jacobi_eigen(&m.map(Q::to_f64)).values.into_iter().fold(f64::INFINITY, f64::min);
        println!(
            "{:>11} {:>10.3e} {:>10} {:>10} {:>14.3e} {:>14.3e}",
            delta.to_canonical(),
            g1,
            inertia(&h).to_string(),
            inertia(&hd).to_string(),
            min(&h),
            min(&hd)
        );
    }
    println!("(n+, n-, n0) exact; at delta = 0 the point is exactly critical and the lift adds only zeros.");
}
