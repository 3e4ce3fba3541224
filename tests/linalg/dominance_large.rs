//! The dominance certificate (src/linalg/inertia/dominance.rs) on matrices larger than 1024 × 1024, up to
//! its limit n ≤ 2048 (the bound of its `i128` products): on a symmetric matrix whose inertia is
//! known independently (strictly diagonally dominant rows, so by Gershgorin the inertia is the
//! signs of the diagonal), it gives that inertia; above the limit it declines instead of
//! guessing.

use embedcheck::linalg::{dominance_certificate, Inertia, Matrix};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q};

/// A symmetric n × n matrix with diagonal ±(2 … 9) and off-diagonal entries a_{i,i+1},
/// a_{i,i+7} in (−½, ½) with small denominators: each row's off-diagonal sum is below 2, so the
/// rows are strictly dominant and the inertia is (#{a_ii > 0}, #{a_ii < 0}, 0).
fn dominant(rng: &mut Rng, n: usize) -> (Matrix<Q>, Inertia) {
    let mut a = Matrix::zeros(n, n);
    let mut positive = 0;
    for i in 0..n {
        let d = Q::int(2 + rng.below(8) as i64);
        if rng.coin() {
            positive += 1;
            a.set(i, i, d);
        } else {
            a.set(i, i, d.neg());
        }
        for k in [1, 7] {
            if i + k < n {
                let v = Q::new(rng.range(-4, 4), 9);
                a.set(i, i + k, v.clone());
                a.set(i + k, i, v);
            }
        }
    }
    (a, Inertia::new(positive, n - positive, 0))
}

#[test]
fn dominance_certificate_gives_the_gershgorin_inertia_above_1024_rows() {
    let mut rng = Rng::new(11);
    let (a, want) = dominant(&mut rng, 1100);
    assert_eq!(dominance_certificate(&a), Some(want));
}

#[test]
fn dominance_certificate_declines_above_2048_rows() {
    let mut rng = Rng::new(12);
    let (a, _) = dominant(&mut rng, 2049);
    assert_eq!(dominance_certificate(&a), None);
}
