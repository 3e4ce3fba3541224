//! Dixon's lifting (module docs): the invariant Â·X_K ≡ B̂ (mod p^K) checked by exact integer
//! products at every step, solutions compared with Gaussian elimination over Q (an independent
//! code path), and the refusals (singular Â, a rejecting check, too few steps).

use super::*;
use crate::linalg::{solve, Matrix};
use crate::rng::Rng;
use crate::scalar::Ring;

/// A random integer of about `limbs` 64-bit limbs (at least 1), of random sign.
fn big(rng: &mut Rng, limbs: usize) -> Z {
    let words: Vec<i128> = (0..limbs.max(1)).map(|_| i128::from(rng.next_u64())).collect();
    let v = Z::from_scaled_sum(&words, 64);
    if rng.coin() {
        -v
    } else {
        v
    }
}

/// Â·X − B̂ = 0 exactly, with X given as rationals (row-major r × m).
fn solves(a: &[Z], b: &[Z], r: usize, m: usize, x: &[Q]) -> bool {
    (0..r).all(|i| {
        (0..m).all(|j| {
            let mut s = b[i * m + j].to_q().neg();
            for t in 0..r {
                s.add_assign(&a[i * r + t].to_q().mul(&x[t * m + j]));
            }
            s.is_zero()
        })
    })
}

/// The solution column by column by rref over Q (`linalg::solve`), row-major r × m.
fn by_elimination(a: &[Z], b: &[Z], r: usize, m: usize) -> Vec<Q> {
    let aq = Matrix::from_vec(r, r, a.iter().map(Z::to_q).collect());
    let cols: Vec<Vec<Q>> = (0..m)
        .map(|j| solve(&aq, &(0..r).map(|i| b[i * m + j].to_q()).collect::<Vec<_>>()).expect("nonsingular"))
        .collect();
    (0..r * m).map(|k| cols[k % m][k / m].clone()).collect()
}

/// B̂ − Â·X_K = p^K R_K, checked by exact integer products.
fn invariant_holds(lift: &DixonLift, a: &[Z], b: &[Z], r: usize, m: usize) -> bool {
    let (x, res) = (lift.approximation(), lift.residual());
    (0..r).all(|i| {
        (0..m).all(|j| {
            let ax: Z = (0..r).map(|t| &a[i * r + t] * &x[t * m + j]).sum();
            &b[i * m + j] - &ax == lift.modulus() * &res[i * m + j]
        })
    })
}

#[test]
fn a_hand_system_lifts_to_its_solution() {
    // [[2, 1], [1, 3]] X = [[1, 3], [0, 4]]: det 5, X = (1/5)[[3, −1], [−1, 2]]·B̂
    // = [[3/5, 1], [−1/5, 1]].
    let z = |v: &[i64]| v.iter().map(|&k| Z::from_i64(k)).collect::<Vec<_>>();
    let (a, b) = (z(&[2, 1, 1, 3]), z(&[1, 3, 0, 4]));
    let x = solve_rational(&a, &b, 2, 2, 4, |c| solves(&a, &b, 2, 2, c)).expect("solved");
    assert_eq!(x, vec![Q::new(3, 5), Q::int(1), Q::new(-1, 5), Q::int(1)]);
}

#[test]
fn lifting_keeps_the_invariant_and_solves_random_nonsingular_integer_systems_exactly() {
    let mut rng = Rng::new(7);
    for case in 0..30 {
        let (r, m) = (1 + rng.below(7), 1 + rng.below(3));
        // Entries from a few bits to a few limbs, so that some need several base-2³¹ digits.
        let limbs = rng.below(4);
        let a: Vec<Z> = (0..r * r)
            .map(|_| if limbs == 0 { Z::from_i64(rng.range(-20, 20)) } else { big(&mut rng, limbs) })
            .collect();
        let b: Vec<Z> = (0..r * m)
            .map(|_| {
                let limbs = 1 + rng.below(2);
                big(&mut rng, limbs)
            })
            .collect();
        let want = by_elimination_if_nonsingular(&a, &b, r, m);
        let Some(mut lift) = DixonLift::new(&a, &b, r, m, primes().next().unwrap()) else {
            assert!(want.is_none(), "case {case}: singular mod p, nonsingular over Q (p | det Â: a 2⁻⁶¹ event)");
            continue;
        };
        for _ in 0..8 {
            lift.step();
            assert!(invariant_holds(&lift, &a, &b, r, m), "case {case}, K = {}", lift.steps());
        }
        let x = solve_rational(&a, &b, r, m, 200, |c| solves(&a, &b, r, m, c)).expect("solved");
        assert!(solves(&a, &b, r, m, &x), "case {case}");
        assert_eq!(Some(x), want, "case {case}");
    }
}

/// [`by_elimination`] when Â is nonsingular over Q (rank r), else `None`.
fn by_elimination_if_nonsingular(a: &[Z], b: &[Z], r: usize, m: usize) -> Option<Vec<Q>> {
    let aq = Matrix::from_vec(r, r, a.iter().map(Z::to_q).collect());
    (crate::linalg::rank(&aq) == r).then(|| by_elimination(a, b, r, m))
}

#[test]
fn a_solution_with_thousand_bit_denominators_needs_many_steps_and_is_found() {
    // Â with 256-bit entries, r = 5: det Â, the denominators of X, have up to 5·256 + 5 bits
    // (Hadamard), so reconstruction needs p^K > 2·2²⁵⁶⁰-ish: about 40 steps of 62 bits, and a
    // modulus of 10 steps (620 bits) cannot represent them.
    let mut rng = Rng::new(3);
    let (r, m) = (5, 2);
    let a: Vec<Z> = (0..r * r).map(|_| big(&mut rng, 4)).collect();
    let b: Vec<Z> = (0..r * m).map(|_| big(&mut rng, 4)).collect();
    let want = by_elimination(&a, &b, r, m);
    let bits = want.iter().map(Q::height_bits).max().unwrap();
    assert!(bits > 1000, "the example is as large as claimed ({bits} bits)");
    let mut lift = DixonLift::new(&a, &b, r, m, primes().next().unwrap()).expect("nonsingular mod p");
    for _ in 0..10 {
        lift.step();
    }
    assert_ne!(reconstruct(lift.approximation(), m, lift.modulus()), Some(want.clone()));
    assert!(solve_rational(&a, &b, r, m, 10, |c| solves(&a, &b, r, m, c)).is_none());
    let x = solve_rational(&a, &b, r, m, 100, |c| solves(&a, &b, r, m, c)).expect("solved within 100 steps");
    assert_eq!(x, want);
}

#[test]
fn a_singular_system_and_a_rejecting_check_give_none() {
    let z = |v: &[i64]| v.iter().map(|&k| Z::from_i64(k)).collect::<Vec<_>>();
    // [[1, 2], [2, 4]] is singular over Q, hence mod every p.
    let (a, b) = (z(&[1, 2, 2, 4]), z(&[1, 1]));
    assert!(DixonLift::new(&a, &b, 2, 1, primes().next().unwrap()).is_none());
    assert!(solve_rational(&a, &b, 2, 1, 10, |_| true).is_none());
    // A nonsingular system whose every candidate is rejected: the step limit ends the search,
    // and the one (correct) candidate is offered once, not at every step.
    let (a, b) = (z(&[2, 1, 1, 3]), z(&[3, 4]));
    let mut offered = 0;
    assert!(solve_rational(&a, &b, 2, 1, 20, |_| {
        offered += 1;
        false
    })
    .is_none());
    assert_eq!(offered, 1);
}

#[test]
fn the_shared_denominator_shortcut_gives_what_entrywise_reconstruction_gives() {
    // Along a lifting, at every K (before, at and after the step where the solution appears):
    // `reconstruct` with its shortcut against Wang's reconstruction of each entry on its own.
    let mut rng = Rng::new(5);
    let (r, m) = (4, 3);
    let a: Vec<Z> = (0..r * r).map(|_| big(&mut rng, 1)).collect();
    let b: Vec<Z> = (0..r * m).map(|_| big(&mut rng, 1)).collect();
    let mut lift = DixonLift::new(&a, &b, r, m, primes().next().unwrap()).expect("nonsingular mod p");
    let mut agreed_on_the_solution = false;
    for _ in 0..20 {
        lift.step();
        let entrywise: Option<Vec<Q>> = lift
            .approximation()
            .iter()
            .map(|v| v.rational_reconstruction(lift.modulus()).map(|(n, d)| Q::from_z_ratio(&n, &d)))
            .collect();
        let shortcut = reconstruct(lift.approximation(), m, lift.modulus());
        assert_eq!(shortcut, entrywise, "K = {}", lift.steps());
        agreed_on_the_solution |= shortcut == Some(by_elimination(&a, &b, r, m));
    }
    assert!(agreed_on_the_solution, "20 steps (1240 bits) reconstruct a 4 × 4 system of 64-bit entries");
}
