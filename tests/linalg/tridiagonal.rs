//! The Householder + implicit QL eigensolver (src/linalg/eigen/tridiagonal.rs).
//!
//! Tolerances come from backward stability (Golub & Van Loan, *Matrix Computations*, 4th ed.,
//! §8.3; Wilkinson & Reinsch II/2–II/3): the computed V̂, Λ̂ satisfy V̂ = V + F with V exactly
//! orthogonal, ‖F‖₂ ≤ c·n·ε, and (A + E) V = V Λ̂ with ‖E‖₂ ≤ c·n·ε·‖A‖₂, where the constant c
//! is modest and not pinned down by the analysis. Hence
//! * each sorted eigenvalue is within ‖E‖₂ of the exact one (Weyl's inequality),
//! * ‖A v̂_k − λ̂_k v̂_k‖₂ ≤ ‖E‖₂ + 2‖A‖₂‖F‖₂ (plus γ_n‖A‖ for forming A v̂ in floating point),
//! * |(V̂ᵀV̂ − I)_jk| ≤ 2‖F‖₂ + γ_n,
//!
//! so every check below is `≤ C·n·ε·‖A‖` (or `C·n·ε`) with C = [`C`] = 10: generous for the
//! constants of the two O(nε) terms, far below anything a wrong rotation or a lost reflector
//! would give (those are O(1)·‖A‖). ‖A‖₂ is the largest |λ| when λ is known, else bounded by
//! ‖A‖_F.

use embedcheck::linalg::{jacobi_eigen, symmetric_eigen, Eigen, Matrix};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q};

/// The constant in the `C·n·ε·‖A‖` tolerances (see the module comment).
const C: f64 = 10.0;
const EPS: f64 = f64::EPSILON;

fn frobenius(a: &Matrix<f64>) -> f64 {
    a.data().iter().map(|x| x * x).sum::<f64>().sqrt()
}

fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// max_k ‖A v_k − λ_k v_k‖₂.
fn residual(a: &Matrix<f64>, e: &Eigen) -> f64 {
    (0..a.rows())
        .map(|k| {
            let v = e.vectors.col(k);
            let av = a.mul_vec(&v);
            av.iter().zip(&v).map(|(x, y)| (x - e.values[k] * y).powi(2)).sum::<f64>().sqrt()
        })
        .fold(0.0, f64::max)
}

/// max_jk |(VᵀV − I)_jk|.
fn orthogonality_defect(v: &Matrix<f64>) -> f64 {
    let vtv = v.transpose().mul(v);
    let n = v.rows();
    (0..n * n).map(|k| (vtv.data()[k] - if k / n == k % n { 1.0 } else { 0.0 }).abs()).fold(0.0, f64::max)
}

/// Asserts the residual and orthogonality bounds of the module comment, with `norm` ≥ ‖A‖₂.
fn assert_backward_stable(a: &Matrix<f64>, e: &Eigen, norm: f64) {
    let n = a.rows() as f64;
    assert_eq!((e.values.len(), e.vectors.rows(), e.vectors.cols()), (a.rows(), a.rows(), a.rows()));
    let r = residual(a, e);
    assert!(r <= C * n * EPS * norm, "residual {r:e} > C·n·ε·‖A‖ = {:e}", C * n * EPS * norm);
    let o = orthogonality_defect(&e.vectors);
    assert!(o <= C * n * EPS, "‖VᵀV − I‖_max = {o:e} > C·n·ε = {:e}", C * n * EPS);
}

/// A random symmetric matrix with entries uniform in [−1, 1] (seeded).
fn random_symmetric(rng: &mut Rng, n: usize) -> Matrix<f64> {
    let mut a = Matrix::zeros(n, n);
    for i in 0..n {
        for j in 0..=i {
            let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
            a.set(i, j, x);
            a.set(j, i, x);
        }
    }
    a
}

/// The rational a float spells, exactly (sign · integer mantissa · 2^exponent).
fn exact_q(x: f64) -> Q {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = (bits & ((1 << 52) - 1)) as i64;
    let (mantissa, exponent) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    Q::int(sign * mantissa).mul(&Q::int(2).pow(exponent))
}

/// A = H Λ H with H = I − (2/n) Σ_w w wᵀ over four orthogonal ±1 Walsh vectors w (n a multiple
/// of 4): the product of four commuting Householder reflectors, exactly orthogonal and
/// symmetric, with dyadic entries. A is computed in exact rationals and the test asserts that
/// every entry is an f64, so the float input *is* H Λ H and its eigenvalues are exactly `lambda`.
fn exact_known_spectrum(lambda: &[Q]) -> Matrix<f64> {
    let n = lambda.len();
    let walsh = |w: usize, i: usize| if (i >> w) & 1 == 0 { 1 } else { -1 };
    let h = Matrix::from_vec(
        n,
        n,
        (0..n * n)
            .map(|k| {
                let (i, j) = (k / n, k % n);
                let s: i64 = (0..4).map(|w| walsh(w, i) * walsh(w, j)).sum();
                Q::int(i64::from(i == j)).sub(&Q::new(2 * s, n as i64))
            })
            .collect(),
    );
    assert!(h.mul(&h) == Matrix::identity(n), "H is an orthogonal involution");
    let diag = Matrix::from_vec(
        n,
        n,
        (0..n * n).map(|k| if k / n == k % n { lambda[k / n].clone() } else { Q::zero() }).collect(),
    );
    let a = h.mul(&diag).mul(&h);
    let af = a.map(Q::to_f64);
    for (x, q) in af.data().iter().zip(a.data()) {
        assert!(exact_q(*x) == *q, "entry {q} is not an f64");
    }
    af
}

#[test]
fn eigenvalues_of_a_matrix_of_known_spectrum_are_within_c_n_eps_norm() {
    // λ: repeated (2 three times, −3 twice, 0 twice), negative, tiny (±2⁻²⁴ against ‖A‖₂ = 2⁸).
    let pattern: Vec<Q> =
        [(2, 1), (2, 1), (2, 1), (-3, 1), (-3, 1), (0, 1), (0, 1), (1, 1 << 24), (-3, 1 << 24), (256, 1)]
            .iter()
            .map(|&(p, q)| Q::new(p, q))
            .collect();
    for n in [8, 16, 32] {
        let mut rng = Rng::new(n as u64);
        let lambda: Vec<Q> = (0..n)
            .map(|k| if k < pattern.len() { pattern[k].clone() } else { Q::new(rng.range(-1000, 1000), 8) })
            .collect();
        let a = exact_known_spectrum(&lambda);
        let norm = lambda.iter().map(|q| q.to_f64().abs()).fold(0.0, f64::max);
        let e = symmetric_eigen(&a);
        let expected = sorted(&lambda.iter().map(Q::to_f64).collect::<Vec<_>>());
        for (got, want) in sorted(&e.values).iter().zip(&expected) {
            assert!((got - want).abs() <= C * n as f64 * EPS * norm, "n = {n}: λ = {want}, got {got}");
        }
        assert_backward_stable(&a, &e, norm);
    }
}

#[test]
fn random_symmetric_matrices_have_small_residual_and_orthonormal_vectors() {
    let mut rng = Rng::new(7);
    for n in [2, 3, 4, 5, 7, 10, 17, 33, 64, 100] {
        let a = random_symmetric(&mut rng, n);
        assert_backward_stable(&a, &symmetric_eigen(&a), frobenius(&a));
    }
}

/// Jacobi is backward stable too and stops when the off-diagonal mass is ≤ ε‖A‖_F/n, so both
/// sorted spectra are within C·n·ε·‖A‖_F of the exact one.
#[test]
fn eigenvalues_agree_with_jacobi_on_random_symmetric_matrices() {
    let mut rng = Rng::new(11);
    for n in [1, 2, 3, 6, 12, 25, 50] {
        let a = random_symmetric(&mut rng, n);
        let bound = 2.0 * C * n as f64 * EPS * frobenius(&a);
        let (ql, jacobi) = (sorted(&symmetric_eigen(&a).values), sorted(&jacobi_eigen(&a).values));
        for (x, y) in ql.iter().zip(&jacobi) {
            assert!((x - y).abs() <= bound, "n = {n}: {x} vs Jacobi {y}");
        }
    }
}

/// D B D with D = diag(10^(−6 + 4.5 i/(n−1))) and B random in [−1, 1]: entries from about
/// 10⁻¹² to 10³, graded both ways (large corner at the bottom right and at the top left).
/// Backward stability is normwise, so the bounds are relative to ‖A‖ whichever the grading.
#[test]
fn graded_matrices_from_1e_minus_12_to_1e3_are_solved_backward_stably() {
    let mut rng = Rng::new(13);
    let n = 40;
    let b = random_symmetric(&mut rng, n);
    for increasing in [true, false] {
        let scale = |i: usize| {
            let t = if increasing { i } else { n - 1 - i } as f64 / (n - 1) as f64;
            10f64.powf(-6.0 + 4.5 * t)
        };
        let a = Matrix::from_vec(n, n, (0..n * n).map(|k| scale(k / n) * b.data()[k] * scale(k % n)).collect());
        let norm = frobenius(&a);
        let e = symmetric_eigen(&a);
        assert_backward_stable(&a, &e, norm);
        let jacobi = sorted(&jacobi_eigen(&a).values);
        for (x, y) in sorted(&e.values).iter().zip(&jacobi) {
            assert!((x - y).abs() <= 2.0 * C * n as f64 * EPS * norm, "{x} vs Jacobi {y}");
        }
    }
}

#[test]
fn empty_and_one_by_one_matrices() {
    let e = symmetric_eigen(&Matrix::zeros(0, 0));
    assert!(e.values.is_empty() && e.vectors.rows() == 0);
    let e = symmetric_eigen(&Matrix::from_vec(1, 1, vec![-2.5]));
    assert_eq!((e.values, e.vectors), (vec![-2.5], Matrix::identity(1)));
}

/// On diagonal input every reflector is skipped (its row is zero) and every subdiagonal entry is
/// zero, so no arithmetic happens: the diagonal and the identity come back exactly.
#[test]
fn diagonal_and_zero_matrices_come_back_unchanged() {
    for d in [vec![3.0, -1.0, 3.0, 0.0, 1e-300, 7.0], vec![0.0; 5]] {
        let n = d.len();
        let a = Matrix::from_vec(n, n, (0..n * n).map(|k| if k / n == k % n { d[k / n] } else { 0.0 }).collect());
        let e = symmetric_eigen(&a);
        assert_eq!((e.values, e.vectors), (d, Matrix::identity(n)));
    }
}

/// [[a, b], [b, a]] has eigenvalues a ± b (eigenvectors (1, ±1)/√2); c·I has c n times.
#[test]
fn two_by_two_with_equal_diagonal_and_scalar_matrices() {
    let a = Matrix::from_rows(vec![vec![5.0, 2.0], vec![2.0, 5.0]], 2);
    let e = symmetric_eigen(&a);
    let v = sorted(&e.values);
    assert!((v[0] - 3.0).abs() <= C * 2.0 * EPS * 7.0 && (v[1] - 7.0).abs() <= C * 2.0 * EPS * 7.0, "{v:?}");
    assert_backward_stable(&a, &e, 7.0);
    let mut c = Matrix::identity(9);
    c.data_mut().iter_mut().for_each(|x| *x *= -4.0);
    let e = symmetric_eigen(&c);
    assert!(e.values.iter().all(|&x| x == -4.0));
}

/// Scaling A by 2^±1000 (exact in binary) scales the spectrum: the reduction divides each row by
/// its 1-norm before squaring and QL uses `hypot`, so nothing overflows or underflows.
#[test]
fn huge_and_tiny_scalings_neither_overflow_nor_underflow() {
    let mut rng = Rng::new(17);
    let n = 20;
    let a = random_symmetric(&mut rng, n);
    let base = sorted(&symmetric_eigen(&a).values);
    let bound = C * n as f64 * EPS * frobenius(&a);
    for k in [1000, -1000] {
        let s = 2f64.powi(k);
        let e = symmetric_eigen(&a.map(|x| x * s));
        assert!(e.values.iter().all(|x| x.is_finite()));
        for (x, y) in sorted(&e.values).iter().zip(&base) {
            assert!((x / s - y).abs() <= bound, "2^{k}: {} vs {y}", x / s);
        }
        assert!(orthogonality_defect(&e.vectors) <= C * n as f64 * EPS);
    }
}

/// Wilkinson's W₂₁⁺ (tridiagonal, d_i = |10 − i|, e_i = 1) has pairs of eigenvalues agreeing to
/// about 15 digits: QL must still return orthonormal vectors, and agree with Jacobi.
#[test]
fn wilkinson_w21_with_nearly_equal_pairs() {
    let n = 21;
    let mut a = Matrix::zeros(n, n);
    for i in 0..n {
        a.set(i, i, (10.0 - i as f64).abs());
        if i + 1 < n {
            a.set(i, i + 1, 1.0);
            a.set(i + 1, i, 1.0);
        }
    }
    let e = symmetric_eigen(&a);
    assert_backward_stable(&a, &e, frobenius(&a));
    for (x, y) in sorted(&e.values).iter().zip(&sorted(&jacobi_eigen(&a).values)) {
        assert!((x - y).abs() <= 2.0 * C * n as f64 * EPS * frobenius(&a));
    }
}

/// NaN input never converges; the per-eigenvalue step limit still ends the iteration.
#[test]
fn nan_input_returns_instead_of_looping() {
    let mut a = Matrix::identity(5);
    a.set(2, 1, f64::NAN);
    a.set(1, 2, f64::NAN);
    assert_eq!(symmetric_eigen(&a).values.len(), 5);
}
