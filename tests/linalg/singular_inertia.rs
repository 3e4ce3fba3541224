//! The singular-inertia certificate (src/linalg/inertia/singular.rs): on matrices PᵀDP of known inertia
//! (Sylvester's law: the signs of d) with some d_i = 0 it agrees with that count and with the
//! plain congruence elimination; a null vector too large to reconstruct makes it give up (and
//! `inertia_certified` falls back to Bareiss); a tampered null vector or a wrong index set is
//! rejected by the exact check.

use crate::common;

use common::{congruent_to_diagonal, sylvester};
use embedcheck::linalg::{
    bareiss_cost, inertia, inertia_certified, inertia_certified_within, null_certificate, null_certificate_within,
    principal_block, singular_certificate, verify_null, Inertia, InertiaMethod, Matrix, OverBudget,
};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Field, Ring, Q};

/// Diagonals with the given number of zeros, the others ±(1..9), zeros spread out.
fn diagonal(rng: &mut Rng, n: usize, zeros: usize) -> Vec<i64> {
    let mut d: Vec<i64> =
        (0..n).map(|_| if rng.below(2) == 0 { 1 + rng.below(9) as i64 } else { -1 - rng.below(9) as i64 }).collect();
    for k in 0..zeros {
        d[(k * 7 + 3) % n] = 0;
    }
    d
}

#[test]
fn singular_certificate_gives_sylvesters_count_on_singular_pt_d_p() {
    for (seed, (n, zeros)) in [(13, 1), (17, 3), (24, 2), (40, 5), (60, 4)].into_iter().enumerate() {
        let mut rng = Rng::new(seed as u64);
        let d = diagonal(&mut rng, n, zeros);
        let a = congruent_to_diagonal(&mut rng, &d, Some(3));
        let want = sylvester(&d);
        assert_eq!(want.zero, zeros, "the zeros do not collide (n = {n})");
        assert_eq!(singular_certificate(&a), Some(want), "n = {n}");
        assert_eq!(inertia_certified(&a), (want, InertiaMethod::SingularCertificate), "n = {n}");
        if n <= 24 {
            assert_eq!(inertia(&a), want, "congruence elimination, n = {n}");
        }
    }
}

#[test]
fn the_block_of_independent_rows_is_nonsingular_and_the_null_vectors_verify() {
    let mut rng = Rng::new(11);
    let d = diagonal(&mut rng, 20, 3);
    let a = congruent_to_diagonal(&mut rng, &d, Some(3));
    let cert = null_certificate(&a).expect("a certificate");
    assert_eq!((cert.independent.len(), cert.dependent.len()), (17, 3));
    assert!(verify_null(&a, &cert.independent, &cert.dependent, &cert.x));
    // Independent derivation of the block's inertia: congruence elimination, no zero pivot.
    let block = inertia(&principal_block(&a, &cert.independent));
    assert_eq!(block, Inertia::new(sylvester(&d).positive, sylvester(&d).negative, 0));
}

#[test]
fn a_nonsingular_matrix_has_no_null_certificate() {
    let mut rng = Rng::new(5);
    let d = diagonal(&mut rng, 15, 0);
    assert!(null_certificate(&congruent_to_diagonal(&mut rng, &d, Some(3))).is_none());
}

/// A = Pᵀ diag(B, 0) P with P = \[\[1, −X\], \[0, 1\]\], B = diag(b): A·\[X; 1\] = 0, so the null
/// vector is \[X; 1\] and inertia(A) = inertia(B) + (0, 0, 1). A\[I,I\] = B, A\[I,J\] = −BX,
/// A\[J,J\] = XᵀBX.
fn with_null_vector(b: &[i64], x: &[Q]) -> Matrix<Q> {
    let r = b.len();
    let n = r + 1;
    let mut a: Matrix<Q> = Matrix::zeros(n, n);
    let mut corner = Q::zero();
    for i in 0..r {
        let bi = Q::int(b[i]);
        a.set(i, i, bi.clone());
        let off = bi.mul(&x[i]).neg();
        a.set(i, r, off.clone());
        a.set(r, i, off);
        corner.add_assign(&bi.mul(&x[i]).mul(&x[i]));
    }
    a.set(r, r, corner);
    a
}

#[test]
fn a_null_vector_too_large_to_reconstruct_makes_the_certificate_give_up_and_bareiss_decide() {
    // X entries (2²¹⁰⁰ + k)/(3²⁰⁰⁰ + k): numerators and denominators of ~2100 and ~3170 bits,
    // more than 64 lifting steps of 62 bits can reconstruct (√(p⁶⁴/2) < 2¹⁹⁸⁴).
    let b: Vec<i64> = (0..13).map(|k| if k % 3 == 0 { -1 - k } else { 1 + k }).collect();
    let x: Vec<Q> = (0..13)
        .map(|k| Q::int(2).pow(2100).add(&Q::int(k)).div(&Q::int(3).pow(2000).add(&Q::int(k))).unwrap())
        .collect();
    let a = with_null_vector(&b, &x);
    assert!(null_certificate(&a).is_none());
    let want = Inertia::new(8, 5, 1);
    assert_eq!(inertia_certified(&a), (want, InertiaMethod::Bareiss));
    // A work limit below Bareiss' estimate refuses instead (what `embedcheck hessian` turns into
    // exit code 3); one above it gives the same answer.
    let cost = bareiss_cost(&a);
    assert_eq!(inertia_certified_within(&a, cost / 2.0), Err(OverBudget { cost, max_cost: cost / 2.0 }));
    assert_eq!(inertia_certified_within(&a, cost * 2.0), Ok((want, InertiaMethod::Bareiss)));
    // With small entries the same construction is certified.
    let small: Vec<Q> = (0..13).map(|k| Q::new(k - 6, 7)).collect();
    assert_eq!(inertia_certified(&with_null_vector(&b, &small)), (want, InertiaMethod::SingularCertificate));
}

#[test]
fn one_lifting_step_does_not_reconstruct_a_null_vector_that_needs_several() {
    // Entries (2¹⁰⁰ + k)/(3⁵⁰ + k) need a modulus above 2·2²⁰⁰·3¹⁰⁰: about six lifting steps of 62 bits.
    let b: Vec<i64> = (0..13).map(|k| 1 + k).collect();
    let x: Vec<Q> =
        (0..13).map(|k| Q::int(2).pow(100).add(&Q::int(k)).div(&Q::int(3).pow(50).add(&Q::int(k))).unwrap()).collect();
    let a = with_null_vector(&b, &x);
    assert!(null_certificate_within(&a, 1).is_none());
    let cert = null_certificate_within(&a, 10).expect("ten lifting steps suffice");
    assert_eq!(cert.x.col(0), x);
}

#[test]
fn a_tampered_null_vector_or_a_wrong_index_set_is_rejected_by_the_exact_check() {
    let mut rng = Rng::new(2);
    let d = diagonal(&mut rng, 16, 2);
    let a = congruent_to_diagonal(&mut rng, &d, Some(3));
    let cert = null_certificate(&a).expect("a certificate");
    assert!(verify_null(&a, &cert.independent, &cert.dependent, &cert.x));
    // Tampered: one entry off by 1/10⁹.
    let mut bad = cert.x.clone();
    let v = bad.get(0, 0).add(&Q::new(1, 1_000_000_000));
    bad.set(0, 0, v);
    assert!(!verify_null(&a, &cert.independent, &cert.dependent, &bad));
    // Wrong I: the first independent index and the first dependent one swapped.
    let (mut i2, mut j2) = (cert.independent.clone(), cert.dependent.clone());
    std::mem::swap(&mut i2[0], &mut j2[0]);
    assert!(!verify_null(&a, &i2, &j2, &cert.x));
}
