//! Helpers shared by the integration tests: small exact networks written by hand.
#![allow(dead_code)]

use embedcheck::activation::Activation;
use embedcheck::data::Dataset;
use embedcheck::linalg::Matrix;
use embedcheck::net::{Layer, Params};
use embedcheck::scalar::Q;

/// Parses a rational literal like "-3/4".
pub fn q(s: &str) -> Q {
    Q::parse(s).unwrap()
}

/// A vector of rationals from literals.
pub fn qs(v: &[&str]) -> Vec<Q> {
    v.iter().map(|s| q(s)).collect()
}

/// A layer from row literals and bias literals.
pub fn layer(rows: &[&[&str]], bias: &[&str]) -> Layer<Q> {
    let cols = rows[0].len();
    Layer { weight: Matrix::from_rows(rows.iter().map(|r| qs(r)).collect(), cols), bias: Some(qs(bias)) }
}

/// Spec width-depth §2.6 Ex A: σ(t) = t + t², widths (1, 2, 1), data (1,1), (−1,0), (2,1).
pub fn ex_a() -> (Params<Q>, Activation, Dataset<Q>) {
    let params = Params::new(vec![layer(&[&["1"], &["-1"]], &["0", "1"]), layer(&[&["2", "1"]], &["0"])]).unwrap();
    let data =
        Dataset::new(vec![qs(&["1"]), qs(&["-1"]), qs(&["2"])], vec![qs(&["1"]), qs(&["0"]), qs(&["1"])]).unwrap();
    (params, Activation::poly(qs(&["0", "1", "1"])), data)
}

/// A diagonal entry of a test matrix PᵀDP: an integer or a rational.
pub trait DiagonalEntry {
    /// The entry as a rational.
    fn to_q(&self) -> Q;
}

impl DiagonalEntry for i64 {
    fn to_q(&self) -> Q {
        Q::int(*self)
    }
}

impl DiagonalEntry for Q {
    fn to_q(&self) -> Q {
        self.clone()
    }
}

/// PᵀDP with P unit upper triangular (det P = 1, so the inertia is that of D by Sylvester's law):
/// every entry above the diagonal a small rational when `per_row` is `None`; otherwise an entry
/// is set when `rng.below(n) < per_row` (about `per_row` per row: sparse, so that the matrix
/// stays well enough conditioned for float guesses at larger n).
pub fn congruent_to_diagonal<T: DiagonalEntry>(
    rng: &mut embedcheck::rng::Rng,
    d: &[T],
    per_row: Option<usize>,
) -> Matrix<Q> {
    let n = d.len();
    let mut p: Matrix<Q> = Matrix::identity(n);
    for i in 0..n {
        for j in i + 1..n {
            if per_row.is_none_or(|k| rng.below(n) < k) {
                p.set(i, j, rng.small_q(3, 4));
            }
        }
    }
    let mut dm: Matrix<Q> = Matrix::zeros(n, n);
    for (i, x) in d.iter().enumerate() {
        dm.set(i, i, x.to_q());
    }
    p.transpose().mul(&dm).mul(&p)
}

/// The inertia of diag(d), which PᵀDP shares (Sylvester's law of inertia): its signs.
pub fn sylvester<T: DiagonalEntry>(d: &[T]) -> embedcheck::linalg::Inertia {
    let signs: Vec<i32> = d.iter().map(|x| x.to_q().signum()).collect();
    let count = |s: i32| signs.iter().filter(|&&x| x == s).count();
    embedcheck::linalg::Inertia::new(count(1), count(-1), count(0))
}

/// Runs the built `embedcheck` binary with `args`.
pub fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap()
}

/// Stdout and stderr of a run, for assertion messages and searches.
pub fn text(o: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// A path `name` in a temporary directory of its own for this test binary (`tag`) and process.
pub fn tmp(tag: &str, name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("embedcheck-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_str().unwrap().to_string()
}

/// The polynomial loss with p'(ρ) = s·ρ at every root (`loss::draw::interpolating_loss`, whose
/// own test checks that property): at a point critical for ½-MSE whose distinct residuals are
/// `roots`, ∂ℓ/∂f = s·r_i, so the point is critical for this loss too, while p''(r_i) ≠ 1.
pub fn loss_with_slope(roots: &[Q], s: &Q, c: &Q) -> embedcheck::loss::ExactLoss {
    embedcheck::loss::ExactLoss::Poly(embedcheck::loss::draw::interpolating_loss(roots, s, c))
}

/// The distinct residuals f_k(x_i) − y_ik of a network on its data.
pub fn distinct_residuals(net: &embedcheck::net::Network<Q>, data: &Dataset<Q>) -> Vec<Q> {
    embedcheck::net::distinct_residuals(&net.params, net.activation.exact().expect("exact σ"), data).expect("no pole")
}
