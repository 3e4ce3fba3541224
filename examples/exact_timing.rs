//! One timed run of an exact kernel on a workload, for profiling (callgrind) and quick timing:
//! `cargo run --release --example exact_timing -- gradient W1` (the fraction-free path
//! `evaluate_exact`; `gradient-q`: back-propagation over Q; `gradient-check`: both, asserted
//! equal; also `hessian`,
//! `hessian-tangent` (the previous Hessian path), `hessian-check` (both, asserted equal), `inertia`,
//! `bareiss` (the fraction-free inertia alone, whatever the dispatcher would choose),
//! `forward`: one forward-mode pass; `certificate`: why the certified inertia
//! takes its path). Prints the wall time and a digest of the result. `inertia`, `bareiss` and `certificate`
//! cache the exact Hessian in the temporary directory (`embedcheck-hessian-W1.txt`: the size,
//! then one canonical rational per line, row-major), so that repeated runs time the inertia
//! alone.

#[path = "../benches/workload.rs"]
mod workload;

use embedcheck::hessian::{hessian_exact, hessian_tangent};
use embedcheck::linalg::{inertia_certified, Matrix};
use embedcheck::loss::ExactLoss;
use embedcheck::net::{directional_derivative, evaluate, evaluate_exact};
use embedcheck::scalar::{Ring, Q};
use std::time::Instant;

/// The exact Hessian of workload `name`, read from the cache file if present, else built by
/// `build` and written there.
fn cached_hessian(name: &str, build: impl FnOnce() -> Matrix<Q>) -> Matrix<Q> {
    let path = std::env::temp_dir().join(format!("embedcheck-hessian-{name}.txt"));
    if let Ok(text) = std::fs::read_to_string(&path) {
        let mut lines = text.lines();
        let n: usize = lines.next().and_then(|l| l.parse().ok()).unwrap_or(0);
        let data: Option<Vec<Q>> = lines.map(|l| Q::parse(l).ok()).collect();
        if let Some(data) = data.filter(|d| n > 0 && d.len() == n * n) {
            return Matrix::from_vec(n, n, data);
        }
    }
    let t = Instant::now();
    let h = build();
    eprintln!("(Hessian built in {:?}; cached in {})", t.elapsed(), path.display());
    let mut text = format!("{}\n", h.rows());
    for q in h.data() {
        text.push_str(&q.to_canonical());
        text.push('\n');
    }
    let _ = std::fs::write(&path, text);
    h
}

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "gradient".to_string());
    let name = args.next().unwrap_or_else(|| "W1".to_string());
    let (params, act, data) = workload::load(&name);
    let exact = act.exact().unwrap();
    let t = Instant::now();
    let digest = match what.as_str() {
        "gradient-check" => {
            let e = evaluate_exact(&params, exact, &ExactLoss::Mse, &data).unwrap();
            assert_eq!(e, evaluate(&params, exact, &data).unwrap(), "the gradient paths differ");
            "evaluate_exact = evaluate exactly".to_string()
        }
        "gradient" | "gradient-q" => {
            let e = if what == "gradient" {
                evaluate_exact(&params, exact, &ExactLoss::Mse, &data).unwrap()
            } else {
                evaluate(&params, exact, &data).unwrap()
            };
            let g = e.gradient.flatten();
            format!(
                "loss {} bits, max gradient height {} bits",
                e.loss.height_bits(),
                g.iter().map(Q::height_bits).max().unwrap_or(0)
            )
        }
        "forward" => {
            let mut v = vec![Q::zero(); params.num_params()];
            v[0] = Q::one();
            let d = directional_derivative(&params, exact, &data, &v).unwrap();
            format!("first directional derivative {} bits", d.height_bits())
        }
        "hessian" => {
            let h = hessian_exact(&params, exact, &data).unwrap();
            format!("max Hessian height {} bits", h.data().iter().map(Q::height_bits).max().unwrap_or(0))
        }
        "hessian-check" => {
            // Exact equality of the fraction-free path with the previous one on the workload.
            let h = hessian_exact(&params, exact, &data).unwrap();
            assert_eq!(h, hessian_tangent(&params, exact, &data).unwrap(), "the Hessian paths differ");
            "hessian_exact = hessian_tangent exactly".to_string()
        }
        "hessian-tangent" => {
            // The previous path over Q (gcds in every operation), for before/after comparisons.
            let h = hessian_tangent(&params, exact, &data).unwrap();
            format!("max Hessian height {} bits", h.data().iter().map(Q::height_bits).max().unwrap_or(0))
        }
        "inertia" => {
            let h = cached_hessian(&name, || hessian_exact(&params, exact, &data).unwrap());
            let t = Instant::now();
            let (i, how) = inertia_certified(&h);
            format!("inertia {i} by {how:?} in {:?}", t.elapsed())
        }
        "bareiss" => {
            let h = cached_hessian(&name, || hessian_exact(&params, exact, &data).unwrap());
            let t = Instant::now();
            let i = embedcheck::linalg::inertia_bareiss(&h);
            format!("inertia {i} by Bareiss in {:?}", t.elapsed())
        }
        "certificate" => {
            // Why the certified inertia takes the path it takes: rank mod p, the spread of the
            // float spectrum, and whether the dominance certificate passes.
            let h = cached_hessian(&name, || hessian_exact(&params, exact, &data).unwrap());
            let t = Instant::now();
            let rank = embedcheck::linalg::modular::rank_mod_p(&h);
            let mut ev = embedcheck::linalg::jacobi_eigen(&h.map(Q::to_f64)).values;
            ev.sort_by(|a, b| a.abs().total_cmp(&b.abs()));
            let cert = embedcheck::linalg::dominance_certificate(&h);
            format!(
                "rank mod p {rank:?}; |λ| from {:e} to {:e}; certificate {cert:?} in {:?}",
                ev[0],
                ev[ev.len() - 1],
                t.elapsed()
            )
        }
        "nullspace" => {
            // The singular certificate's steps, timed: null vectors, then the reduced block.
            let h = cached_hessian(&name, || hessian_exact(&params, exact, &data).unwrap());
            let t = Instant::now();
            let cert = embedcheck::linalg::null_certificate(&h);
            let t_null = t.elapsed();
            match cert {
                None => format!("no null certificate ({t_null:?})"),
                Some(c) => {
                    for j in 0..c.dependent.len() {
                        let support: Vec<String> = (0..c.independent.len())
                            .filter(|&t| !c.x.get(t, j).is_zero())
                            .map(|t| format!("{}:{}", c.independent[t], c.x.get(t, j)))
                            .collect();
                        println!("null vector at {}: {}", c.dependent[j], support.join(" "));
                    }
                    let block = embedcheck::linalg::principal_block(&h, &c.independent);
                    let t = Instant::now();
                    let cert = embedcheck::linalg::dominance_certificate_rounds(&block);
                    format!(
                        "rank {} (null certificate in {t_null:?}); block (inertia, refinement rounds): {cert:?} in {:?}",
                        c.independent.len(),
                        t.elapsed()
                    )
                }
            }
        }
        other => {
            panic!("unknown kernel {other} (gradient, gradient-q, gradient-check, forward, hessian, inertia, bareiss)")
        }
    };
    println!("{what} {name}: {:?}; {digest}", t.elapsed());
}
