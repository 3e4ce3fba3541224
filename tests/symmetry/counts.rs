//! The counts T, T1, G, G0 of Şimşek et al. (ICML 2021), symmetry spec A.4: closed forms against
//! brute-force enumeration (spec A.7, item 1), the spec's reference table, big values and the
//! crossover ("G dominates for small h, T for h ≫ r*").

use embedcheck::scalar::Z;
use embedcheck::symmetry::counts::{bell_by_recurrence, stirling_explicit, surjections_inclusion_exclusion};
use embedcheck::symmetry::enumerate::{
    configurations, count_configurations, count_maps_with_null, count_surjections, surjections,
};
use embedcheck::symmetry::{crossover, Count, Counts, Stirling};
use std::collections::HashSet;

fn z(s: &str) -> Z {
    s.chars().fold(Z::zero(), |acc, c| acc * Z::from_u64(10) + Z::from_u64(c.to_digit(10).unwrap() as u64))
}

#[test]
fn stirling_recurrence_agrees_with_inclusion_exclusion_and_bell_with_its_recurrence() {
    let s = Stirling::up_to(30);
    for n in 0..=30 {
        for k in 0..=n {
            assert_eq!(s.s(n, k), stirling_explicit(n as u64, k as u64), "S({n}, {k})");
        }
    }
    let bell = bell_by_recurrence(30);
    for (n, b) in bell.iter().enumerate() {
        assert_eq!(&s.bell(n), b, "B_{n}");
    }
    // Hand values: S(4, 2) = 7, B_5 = 52, B_8 = 4140.
    assert_eq!(s.s(4, 2), Z::from_u64(7));
    assert_eq!(bell[5], Z::from_u64(52));
    assert_eq!(bell[8], Z::from_u64(4140));
}

/// Spec A.7, item 1: every closed form equals the brute-force count, for all r ≤ 4, m ≤ 8.
#[test]
fn closed_forms_equal_brute_force_enumeration_for_r_up_to_4_and_m_up_to_8() {
    let counts = Counts::up_to(8);
    for r in 1..=4 {
        for m in r..=8 {
            let t = Z::from_u64(count_configurations(r, m, false));
            let t1 = Z::from_u64(count_configurations(r, m, true));
            let g = Z::from_u64(count_surjections(m, r));
            let g0 = Z::from_u64(count_maps_with_null(m, r));
            for (count, brute) in [(Count::T, &t), (Count::T1, &t1), (Count::G, &g), (Count::G0, &g0)] {
                assert_eq!(&counts.get(count, r, m), brute, "{}({r}, {m}) first formula", count.name());
                assert_eq!(&counts.get_second(count, r, m), brute, "{}({r}, {m}) second formula", count.name());
            }
        }
    }
}

#[test]
fn enumerated_configurations_are_valid_distinct_and_as_many_as_counted() {
    for (r, m) in [(1, 4), (2, 4), (2, 5), (3, 5), (4, 6)] {
        let all = configurations(r, m, false);
        assert!(all.iter().all(|c| c.is_valid(r, m) && c.width() == m));
        let distinct: HashSet<_> = all.iter().collect();
        assert_eq!(distinct.len(), all.len());
        assert_eq!(all.len() as u64, count_configurations(r, m, false));
        let singles = configurations(r, m, true);
        assert!(singles.iter().all(|c| c.zero_groups_are_singletons()));
        assert_eq!(singles.len(), all.iter().filter(|c| c.zero_groups_are_singletons()).count());
    }
    let s = surjections(5, 3);
    assert_eq!(s.len(), 150);
    assert!(s.iter().all(|p| (0..3).all(|t| p.contains(&t))));
}

/// The table of spec A.4 (cell = T / T1 / G), typed in from the spec.
#[test]
fn counts_reproduce_the_spec_reference_table() {
    let table: [[&str; 8]; 4] = [
        ["1/1/1", "3/3/1", "10/7/1", "37/15/1", "151/31/1", "674/63/1", "3263/127/1", "17007/255/1"],
        ["-", "2/2/2", "12/12/6", "62/50/14", "320/180/30", "1712/602/62", "9604/1932/126", "56674/6050/254"],
        ["-", "-", "6/6/6", "60/60/36", "450/390/150", "3120/2100/540", "21336/10206/1806", "147756/46620/5796"],
        ["-", "-", "-", "24/24/24", "360/360/240", "3720/3360/1560", "33600/25200/8400", "287784/166824/40824"],
    ];
    let counts = Counts::up_to(8);
    for (ri, row) in table.iter().enumerate() {
        let r = ri + 1;
        for (mi, cell) in row.iter().enumerate() {
            let m = mi + 1;
            if *cell == "-" {
                assert!(m < r);
                assert!(counts.t(r, m).is_zero() && counts.t1(r, m).is_zero() && counts.g(r, m).is_zero());
                continue;
            }
            let got = format!("{}/{}/{}", counts.t(r, m), counts.t1(r, m), counts.g(r, m));
            assert_eq!(&got, cell, "(r, m) = ({r}, {m})");
        }
    }
}

#[test]
fn counts_reproduce_the_spec_large_reference_values() {
    let counts = Counts::up_to(40);
    let rows = [
        (10, 11, "239500800", "239500800", "199584000"),
        (9, 11, "638668800", "618710400", "419126400"),
        (5, 20, "649345639344099600", "3190281535536480", "89904730860000"),
        (10, 20, "287694401631777504000", "97349279409046828800", "21473732319740064000"),
    ];
    for (r, m, t, t1, g) in rows {
        assert_eq!(counts.t(r, m), z(t), "T({r}, {m})");
        assert_eq!(counts.t_by_zero_neurons(r, m), z(t), "T({r}, {m}) second formula");
        assert_eq!(counts.t1(r, m), z(t1), "T1({r}, {m})");
        assert_eq!(counts.g(r, m), z(g), "G({r}, {m})");
    }
    assert!(counts.t(10, 20).to_u64().is_none(), "T(10, 20) does not fit in u64");
}

/// T(10, 40) overflows u128; expected value from the spec's Python reference
/// (`T_closed(10, 40)`, arbitrary-precision integers), an independent code path.
#[test]
fn t_10_40_is_exact_beyond_u128() {
    let counts = Counts::up_to(40);
    let expected = z("2345214549941110748719086096273013287183628800");
    assert_eq!(counts.t(10, 40), expected);
    assert_eq!(counts.t_by_zero_neurons(10, 40), expected);
    assert!(expected.to_u128().is_none());
}

/// Spec A.4: T(r, m) first overflows u64 at m = 25, 24, 23, 22, 20 and u128 at m = 42, 41, 40, 39,
/// 35 for r = 1, 2, 3, 5, 10.
#[test]
fn t_overflows_machine_words_where_the_spec_says() {
    let counts = Counts::up_to(45);
    for (r, m64, m128) in [(1, 25, 42), (2, 24, 41), (3, 23, 40), (5, 22, 39), (10, 20, 35)] {
        let first64 = (r..45).find(|&m| counts.t(r, m).to_u64().is_none());
        let first128 = (r..45).find(|&m| counts.t(r, m).to_u128().is_none());
        assert_eq!((first64, first128), (Some(m64), Some(m128)), "r = {r}");
    }
}

/// Spec A.4, special values: T(r, r) = G(r, r) = r!, T(r, r+1) = T1(r, r+1) = (r+2)!/2,
/// G(r, r+1) = r!·C(r+1, 2), and T1 = G0 always.
#[test]
fn special_values_hold() {
    let counts = Counts::up_to(15);
    for r in 1..=12u64 {
        let ru = r as usize;
        assert_eq!(counts.t(ru, ru), Z::factorial(r));
        assert_eq!(counts.g(ru, ru), Z::factorial(r));
        let half = Z::factorial(r + 2).div_exact(&Z::from_u64(2)).unwrap();
        assert_eq!(counts.t(ru, ru + 1), half);
        assert_eq!(counts.t1(ru, ru + 1), half);
        assert_eq!(counts.g(ru, ru + 1), Z::factorial(r) * Z::binomial(r + 1, 2));
        for m in ru..=14 {
            assert_eq!(counts.t1(ru, m), counts.g0(ru, m));
            assert_eq!(counts.g(ru, m), surjections_inclusion_exclusion(r, m as u64));
        }
    }
}

/// T1 < T exactly when h ≥ 2 (a pair (w, α), (w, −α) is a zero-loss point outside every
/// T1-subspace); the two agree for h ≤ 1 (spec A.4).
#[test]
fn t1_is_strictly_smaller_than_t_iff_h_at_least_2() {
    let counts = Counts::up_to(12);
    for r in 1..=6 {
        for m in r..=12 {
            assert_eq!(counts.t1(r, m) < counts.t(r, m), m - r >= 2, "(r, m) = ({r}, {m})");
        }
    }
}

/// Spec A.4: G(r*−1, r*+1)/T(r*, r*+1) = (r*−1)(3r*−2)/(12(r*+2)); > 1 iff r* ≥ 7.
#[test]
fn ratio_at_h_1_has_the_spec_closed_form() {
    let counts = Counts::up_to(52);
    for rs in 2..=50u64 {
        let (r, m) = (rs as usize, rs as usize + 1);
        let g = counts.g(r - 1, m);
        let t = counts.t(r, m);
        assert_eq!(&g * &Z::from_u64(12 * (rs + 2)), &t * &Z::from_u64((rs - 1) * (3 * rs - 2)), "r* = {rs}");
        assert_eq!(g > t, rs >= 7, "r* = {rs}");
    }
}

/// Spec A.4: the first h with T(r*, r*+h) > G(r*−1, r*+h) is 2, 5, 12, 24 for r* = 10, 20, 50, 100.
#[test]
fn crossover_matches_the_spec() {
    for (rs, h) in [(10, 2), (20, 5), (50, 12), (100, 24)] {
        assert_eq!(crossover(rs, 200, false), Some(h), "r* = {rs}");
    }
    // Independent path: the table-based closed forms around the crossover of r* = 20.
    let counts = Counts::up_to(30);
    assert!(counts.t(20, 24) <= counts.g(19, 24));
    assert!(counts.t(20, 25) > counts.g(19, 25));
    // T1 is smaller than T, so its crossover is not earlier.
    for rs in [10, 20, 50] {
        assert!(crossover(rs, 200, true) >= crossover(rs, 200, false));
    }
}
