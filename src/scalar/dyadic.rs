//! Binary floating-point numbers as the exact dyadic rationals they are, and exact rationals
//! rounded correctly to the nearest double.
//!
//! A finite double is ±m·2^e with an integer m < 2^53, so it *is* a rational; [`q_from_f64`]
//! returns it exactly (0.1f64 is 3602879701896397/36028797018963968, not 1/10). The other way,
//! [`f64_nearest`] rounds a rational to the nearest double, ties to even (IEEE 754
//! roundTiesToEven), with subnormals and overflow to ±∞ — the "correct rounding" the fixtures'
//! f64 arrays promise.

use super::{Ring, Q, Z};

/// The exact rational value of a finite double; `None` for NaN and ±∞.
pub fn q_from_f64(x: f64) -> Option<Q> {
    if !x.is_finite() {
        return None;
    }
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    // Normal: (2^52 + f)·2^(e − 1075); subnormal (e = 0): f·2^(−1074).
    let (mantissa, e) = if exponent == 0 { (fraction, -1074) } else { (fraction | 1u64 << 52, exponent - 1075) };
    let m = Z::from_u64(mantissa);
    let value = if e >= 0 { m.shl(e as u64).to_q() } else { Q::from_ratio(&m, &Z::one().shl((-e) as u64)) };
    Some(if negative { value.neg() } else { value })
}

/// The double nearest to `q`, ties to even; ±∞ past the largest finite double (rounding
/// included), −0.0 never (a zero rational gives +0.0).
pub fn f64_nearest(q: &Q) -> f64 {
    if q.is_zero() {
        return 0.0;
    }
    let negative = q.signum() < 0;
    let a = q.abs();
    // k = ⌊log2 a⌋: log2_upper gives |a| < 2^u with u ≤ k + 2, so step down at most twice.
    let mut k = a.log2_upper().expect("nonzero") - 1;
    let two = Q::int(2);
    while a < two.pow(k as i32) {
        k -= 1;
    }
    // Quantum of the result: 2^(k − 52) for normal numbers, 2^(−1074) below 2^(−1022).
    let quantum_exp = (k - 52).max(-1074);
    if k > 1023 {
        return if negative { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    let scaled = a.mul(&two.pow(-quantum_exp as i32));
    let floor = scaled.floor();
    let rest = scaled.sub(&floor);
    let half = Q::new(1, 2);
    let floor_z = floor.to_canonical().parse::<u64>().expect("a scaled mantissa below 2^54");
    let rounded = match rest.cmp(&half) {
        std::cmp::Ordering::Less => floor_z,
        std::cmp::Ordering::Greater => floor_z + 1,
        std::cmp::Ordering::Equal => floor_z + (floor_z & 1),
    };
    // rounded·2^quantum_exp is exact in f64 unless it overflows (2^53 at k = 1023 rounds up).
    let value =
        (rounded as f64) * 2f64.powi(quantum_exp.max(-1022) as i32) * 2f64.powi((quantum_exp + 1022).min(0) as i32);
    if negative {
        -value
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_tenth_as_a_double_is_the_dyadic_rational_it_is() {
        assert_eq!(q_from_f64(0.1).unwrap(), Q::parse("3602879701896397/36028797018963968").unwrap());
        assert_eq!(q_from_f64(-2.5).unwrap(), Q::new(-5, 2));
        assert_eq!(q_from_f64(f64::MIN_POSITIVE / 4.0).unwrap(), Q::int(2).pow(-1024));
        assert_eq!(q_from_f64(5e-324).unwrap(), Q::int(2).pow(-1074));
        assert!(q_from_f64(f64::NAN).is_none() && q_from_f64(f64::INFINITY).is_none());
    }

    #[test]
    fn nearest_double_rounds_ties_to_even_and_overflows_to_infinity() {
        assert_eq!(f64_nearest(&Q::new(1, 10)), 0.1);
        assert_eq!(f64_nearest(&Q::new(-1, 3)), -1.0 / 3.0);
        // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: even mantissa wins (1).
        let tie = Q::one().add(&Q::int(2).pow(-53));
        assert_eq!(f64_nearest(&tie), 1.0);
        // 1 + 3·2^-53 ties between 1 + 2^-52 (odd) and 1 + 2^-51 (even).
        let tie = Q::one().add(&Q::int(3).mul(&Q::int(2).pow(-53)));
        assert_eq!(f64_nearest(&tie), 1.0 + 2f64.powi(-51));
        // Subnormal tie 2^-1075 rounds to 0 (even), 3·2^-1075 to 2·2^-1074.
        assert_eq!(f64_nearest(&Q::int(2).pow(-1075)), 0.0);
        assert_eq!(f64_nearest(&Q::int(3).mul(&Q::int(2).pow(-1075))), 2.0 * 5e-324);
        assert_eq!(f64_nearest(&Q::int(2).pow(1024)), f64::INFINITY);
        assert_eq!(f64_nearest(&q_from_f64(f64::MAX).unwrap()), f64::MAX);
        // Just below the overflow threshold (MAX + half an ulp) rounds to MAX, at it to ∞.
        let half_ulp = Q::int(2).pow(970);
        let max = q_from_f64(f64::MAX).unwrap();
        assert_eq!(f64_nearest(&max.add(&half_ulp).sub(&Q::one())), f64::MAX);
        assert_eq!(f64_nearest(&max.add(&half_ulp)), f64::INFINITY);
    }

    #[test]
    fn nearest_double_is_nearest_among_its_neighbours() {
        // For random rationals, no neighbouring double is strictly closer (checked in Q).
        let mut rng = crate::rng::Rng::new(11);
        for _ in 0..2000 {
            let n = (rng.next_u64() >> 1) as i64 - (1 << 62);
            let d = (rng.next_u64() >> 20) as i64 + 1;
            let q = Q::new(n, d).mul(&Q::int(2).pow((rng.next_u64() % 200) as i32 - 100));
            let x = f64_nearest(&q);
            let dist = |y: f64| q_from_f64(y).unwrap().sub(&q).abs();
            assert!(dist(x) <= dist(x.next_up()) && dist(x) <= dist(x.next_down()), "{q}");
            assert_eq!(q_from_f64(x).map(|v| f64_nearest(&v)), Some(x), "round trip");
        }
    }
}
