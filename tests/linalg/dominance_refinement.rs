//! The dominance certificate's refinement (src/linalg/inertia/dominance.rs, step 5): on matrices PᵀDP
//! whose diagonal D spans many more orders of magnitude than f64 resolves (down to 10⁻³⁰ of the
//! largest), the certificate still gives Sylvester's count (the signs of d), and it needed at
//! least one refinement round to do so; beyond its reach it gives up instead of guessing.

use crate::common;

use common::{congruent_to_diagonal, sylvester};
use embedcheck::linalg::{dominance_certificate, dominance_certificate_rounds, inertia, inertia_certified, Matrix};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q};

/// ±1, except every fifth entry ±10^{−k} with k cycling through `exponents`.
fn graded(rng: &mut Rng, n: usize, exponents: &[i32]) -> Vec<Q> {
    (0..n)
        .map(|i| {
            let sign = if rng.coin() { Q::one() } else { Q::one().neg() };
            if i % 5 == 2 {
                sign.mul(&Q::int(10).pow(-exponents[(i / 5) % exponents.len()]))
            } else {
                sign.mul(&Q::int(1 + rng.below(9) as i64))
            }
        })
        .collect()
}

#[test]
fn eigenvalues_far_below_f64_resolution_are_certified_after_refinement() {
    for (seed, n) in [(1u64, 20usize), (2, 35), (3, 50)] {
        let mut rng = Rng::new(seed);
        let d = graded(&mut rng, n, &[18, 22, 26, 30]);
        let a = congruent_to_diagonal(&mut rng, &d, Some(4));
        let (got, rounds) = dominance_certificate_rounds(&a).expect("certified");
        assert_eq!(got, sylvester(&d), "n = {n}");
        assert!(rounds >= 1, "n = {n}: a 10⁻³⁰ eigenvalue cannot be resolved by the f64 guess alone");
        assert_eq!(inertia_certified(&a).0, sylvester(&d), "n = {n}");
        if n <= 20 {
            assert_eq!(inertia(&a), sylvester(&d), "congruence elimination, n = {n}");
        }
    }
}

#[test]
fn a_well_conditioned_matrix_needs_no_refinement() {
    let mut rng = Rng::new(9);
    let d: Vec<Q> = (0..30).map(|i| Q::int(if i % 3 == 0 { -1 - i } else { 2 + i })).collect();
    let a = congruent_to_diagonal(&mut rng, &d, Some(4));
    assert_eq!(dominance_certificate_rounds(&a), Some((sylvester(&d), 0)));
}

#[test]
fn a_singular_matrix_with_tiny_entries_elsewhere_is_never_certified() {
    // d has a zero beside 10⁻³⁰-sized entries: whatever the float guesses, no congruence of a
    // singular matrix is strictly dominant, so the answer must be `None`, never a count.
    let mut rng = Rng::new(4);
    let mut d = graded(&mut rng, 25, &[30]);
    d[11] = Q::zero();
    let a = congruent_to_diagonal(&mut rng, &d, Some(4));
    assert_eq!(dominance_certificate(&a), None);
}

mod random {
    use super::*;
    use proptest::prelude::*;

    /// A symmetric matrix from `entries` (the upper triangle, row by row), with `graded` rows
    /// scaled by 10⁻¹² and low rank when `rank_one` (a vvᵀ-plus-small pattern that is often
    /// singular or nearly so: the certificate must then be right or silent).
    fn symmetric(n: usize, entries: &[i64], graded: &[bool], rank_one: bool) -> Matrix<Q> {
        let mut a: Matrix<Q> = Matrix::zeros(n, n);
        let mut it = entries.iter().cycle();
        let tiny = Q::int(10).pow(-12);
        for i in 0..n {
            for j in i..n {
                let mut v = Q::int(*it.next().unwrap());
                if rank_one {
                    v = Q::int(entries[i % entries.len()] * entries[j % entries.len()]);
                }
                if graded[i % graded.len()] {
                    v = v.mul(&tiny);
                }
                if graded[j % graded.len()] {
                    v = v.mul(&tiny);
                }
                a.set(i, j, v.clone());
                a.set(j, i, v);
            }
        }
        a
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Whenever the dominance certificate answers, its answer is the inertia that the
        /// congruence elimination over Q (an independent exact method) computes.
        #[test]
        fn an_answer_of_the_dominance_certificate_is_the_exact_inertia(
            n in 1usize..9,
            entries in proptest::collection::vec(-4i64..5, 1..40),
            graded in proptest::collection::vec(any::<bool>(), 1..5),
            rank_one in any::<bool>(),
        ) {
            let a = symmetric(n, &entries, &graded, rank_one);
            if let Some(got) = dominance_certificate(&a) {
                prop_assert_eq!(got, inertia(&a));
            }
        }
    }
}
