//! The simplest rational in an interval: the one with the smallest denominator (and, among
//! those, the smallest absolute numerator), found by continued fractions (the Stern–Brocot
//! descent; Khinchin, *Continued Fractions*, 1964, §6; the classic "best rational
//! approximation" procedure). `convert --rationalize EPS` turns f64 weights into short
//! fractions with it: 0.1f64 = 3602879701896397/36028797018963968 becomes 1/10 for any
//! EPS ≥ 2^−55·10.

use super::{Field, Ring, Q};

/// The simplest rational in the closed interval [lo, hi].
///
/// # Panics
/// If `lo > hi` (an internal invariant of the caller).
pub fn simplest_in(lo: &Q, hi: &Q) -> Q {
    assert!(lo <= hi, "simplest_in needs lo ≤ hi");
    if lo.signum() <= 0 && hi.signum() >= 0 {
        return Q::zero();
    }
    if hi.signum() < 0 {
        return simplest_in(&hi.neg(), &lo.neg()).neg();
    }
    simplest_positive(lo, hi)
}

/// 0 < lo ≤ hi.
fn simplest_positive(lo: &Q, hi: &Q) -> Q {
    let fl = lo.floor();
    if &fl == lo {
        return fl;
    }
    let next = fl.add(&Q::one());
    if &next <= hi {
        return next;
    }
    // lo, hi ∈ (fl, fl + 1): fl + 1/y with y in [1/(hi − fl), 1/(lo − fl)].
    let y_lo = hi.sub(&fl).inv().expect("hi > fl");
    let y_hi = lo.sub(&fl).inv().expect("lo > fl");
    fl.add(&simplest_positive(&y_lo, &y_hi).inv().expect("positive"))
}

/// The simplest rational q with |q − x| ≤ eps·|x| (eps ≥ 0).
pub fn rationalize(x: &Q, eps: &Q) -> Q {
    let r = x.abs().mul(eps);
    simplest_in(&x.sub(&r), &x.add(&r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::q_from_f64;

    #[test]
    fn one_tenth_as_a_double_rationalizes_to_one_tenth() {
        let x = q_from_f64(0.1).unwrap();
        assert_eq!(rationalize(&x, &Q::parse("1e-12").unwrap()), Q::new(1, 10));
        assert_eq!(rationalize(&q_from_f64(-2.0 / 3.0).unwrap(), &Q::parse("1e-12").unwrap()), Q::new(-2, 3));
        // eps = 0 keeps the exact value.
        assert_eq!(rationalize(&x, &Q::zero()), x);
    }

    #[test]
    fn simplest_in_small_intervals_by_hand() {
        // [0.3, 0.35]: 1/3 (denominators 1, 2 have nothing there).
        assert_eq!(simplest_in(&Q::new(3, 10), &Q::new(35, 100)), Q::new(1, 3));
        // [3.14, 3.1416]: the closed interval holds 3.14 = 157/50 itself, and no fraction with a
        // denominator below 50 lies in it (22/7 = 3.1428… is above, 47/15 = 3.1333… below).
        assert_eq!(simplest_in(&Q::new(314, 100), &Q::new(31416, 10000)), Q::new(157, 50));
        // [3.1401, 3.1416] gives 179/57 = 3.14035… (brute force over denominators below 57 finds none).
        assert_eq!(simplest_in(&Q::new(31401, 10000), &Q::new(31416, 10000)), Q::new(179, 57));
        assert_eq!(simplest_in(&Q::new(-1, 2), &Q::new(1, 3)), Q::zero());
        assert_eq!(simplest_in(&Q::new(5, 2), &Q::new(7, 2)), Q::int(3));
    }

    #[test]
    fn no_simpler_rational_lies_in_the_interval() {
        // Brute force over denominators: nothing with a smaller denominator is in [lo, hi].
        let mut rng = crate::rng::Rng::new(5);
        for _ in 0..300 {
            let a = Q::new((rng.next_u64() % 2001) as i64 - 1000, (rng.next_u64() % 97) as i64 + 1);
            let w = Q::new((rng.next_u64() % 50) as i64, 1000);
            let (lo, hi) = (a.clone(), a.add(&w));
            let s = simplest_in(&lo, &hi);
            assert!(lo <= s && s <= hi);
            let d = s.denom().to_canonical().parse::<i64>().unwrap();
            for q in 1..d {
                let n = lo.mul(&Q::int(q)).floor().add(&Q::one());
                let cand = n.mul(&Q::new(1, q));
                assert!(cand > hi || cand < lo, "{cand} is simpler than {s} in [{lo}, {hi}]");
            }
        }
    }
}
