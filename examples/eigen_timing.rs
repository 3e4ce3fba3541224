//! Times the two symmetric `f64` eigensolvers, cyclic Jacobi (`jacobi_eigen`) and Householder
//! tridiagonalisation + implicit QL (`symmetric_eigen`), on the f64 rounding of the cached exact
//! Hessian of a workload: `cargo run --release --example eigen_timing -- W1`. The cache file
//! (`embedcheck-hessian-W1.txt` in the temporary directory: the size, then one rational per
//! line, row-major) is written by `cargo run --release --example exact_timing -- inertia W1`;
//! it is read, never deleted. Prints both wall times, the largest difference of the sorted
//! eigenvalues relative to the largest |eigenvalue|, and each solver's residual
//! max_k ‖A v_k − λ_k v_k‖₂ / ‖A‖_F.

use embedcheck::linalg::{jacobi_eigen, symmetric_eigen, Eigen, Matrix};
use embedcheck::scalar::Q;
use std::time::Instant;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "W1".to_string());
    let path = std::env::temp_dir().join(format!("embedcheck-hessian-{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {}: {e} (run the exact_timing example's `inertia {name}` first)", path.display());
        std::process::exit(2)
    });
    let mut lines = text.lines();
    let n: usize = lines.next().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
    let data: Vec<f64> = lines.map(|l| Q::parse(l.trim()).map(|q| q.to_f64()).expect("a rational per line")).collect();
    assert_eq!(data.len(), n * n, "{}: expected {n}² entries", path.display());
    let a = Matrix::from_vec(n, n, data);

    let t = Instant::now();
    let jacobi = jacobi_eigen(&a);
    let t_jacobi = t.elapsed();
    let t = Instant::now();
    let ql = symmetric_eigen(&a);
    let t_ql = t.elapsed();

    let sorted = |e: &Eigen| {
        let mut v = e.values.clone();
        v.sort_by(f64::total_cmp);
        v
    };
    let (sj, sq) = (sorted(&jacobi), sorted(&ql));
    let largest = sj.iter().chain(&sq).fold(0.0_f64, |m, x| m.max(x.abs()));
    let diff = sj.iter().zip(&sq).fold(0.0_f64, |m, (x, y)| m.max((x - y).abs()));
    println!("{name}: n = {n}");
    println!("jacobi_eigen     {t_jacobi:>12.3?}  residual {:.2e}", residual(&a, &jacobi));
    println!("symmetric_eigen  {t_ql:>12.3?}  residual {:.2e}", residual(&a, &ql));
    println!("max |λ_jacobi − λ_ql| (sorted) / max|λ| = {:.2e}  (max|λ| = {largest:.3e})", diff / largest);
}

/// max_k ‖A v_k − λ_k v_k‖₂ / ‖A‖_F.
fn residual(a: &Matrix<f64>, e: &Eigen) -> f64 {
    let norm = a.data().iter().map(|x| x * x).sum::<f64>().sqrt();
    (0..a.rows())
        .map(|k| {
            let v = e.vectors.col(k);
            let av = a.mul_vec(&v);
            av.iter().zip(&v).map(|(x, y)| (x - e.values[k] * y).powi(2)).sum::<f64>().sqrt()
        })
        .fold(0.0, f64::max)
        / norm
}
