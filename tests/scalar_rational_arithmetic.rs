//! `Q`'s field operations (Knuth's reduced-operand algorithms, our own gcd) agree exactly with
//! num-rational's `BigRational` (reduction after every operation by num-integer's gcd), the
//! independent oracle: same canonical text, same equality and order, for random rationals of
//! all sizes and signs, including ones whose denominators share many small prime factors (the
//! case where the gcds are large).

use embedcheck::scalar::{Field, Q};
use num_bigint::{BigInt, BigUint, Sign};
use num_rational::BigRational;
use num_traits::{One, Zero};
use proptest::prelude::*;
use std::cmp::Ordering;

/// A random integer: a sign, 0–5 random 64-bit limbs, times a product of powers of small primes.
fn integer() -> impl Strategy<Value = BigInt> {
    (any::<bool>(), proptest::collection::vec(any::<u64>(), 0..5), proptest::collection::vec(0u32..12, 6), 0u8..4)
        .prop_map(|(neg, limbs, exps, kind)| {
            let digits: Vec<u32> = limbs.iter().flat_map(|&l| [l as u32, (l >> 32) as u32]).collect();
            let smooth = [2u32, 3, 5, 7, 11, 13]
                .iter()
                .zip(&exps)
                .fold(BigUint::one(), |acc, (&p, &e)| acc * BigUint::from(p).pow(e));
            let mag = match kind {
                0 => BigUint::new(digits),
                1 => smooth,
                2 => BigUint::new(digits) * smooth,
                _ => BigUint::from(limbs.first().copied().unwrap_or(0) % 17),
            };
            BigInt::from_biguint(if neg { Sign::Minus } else { Sign::Plus }, mag)
        })
}

fn rational() -> impl Strategy<Value = BigRational> {
    (integer(), integer())
        .prop_map(|(n, d)| if d.is_zero() { BigRational::from_integer(n) } else { BigRational::new(n, d) })
}

fn to_q(r: &BigRational) -> Q {
    Q::parse(&format!("{}/{}", r.numer(), r.denom())).expect("a fraction")
}

/// The oracle's canonical text: lowest terms, positive denominator, integers without `/1`.
fn canonical(r: &BigRational) -> String {
    if r.denom().is_one() {
        r.numer().to_string()
    } else {
        format!("{}/{}", r.numer(), r.denom())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn field_operations_equal_num_rationals(x in rational(), y in rational()) {
        let (qx, qy) = (to_q(&x), to_q(&y));
        prop_assert_eq!(qx.to_canonical(), canonical(&x));
        prop_assert_eq!(qx.add(&qy).to_canonical(), canonical(&(&x + &y)));
        prop_assert_eq!(qx.sub(&qy).to_canonical(), canonical(&(&x - &y)));
        prop_assert_eq!(qx.mul(&qy).to_canonical(), canonical(&(&x * &y)));
        prop_assert_eq!(qx.neg().to_canonical(), canonical(&-&x));
        if y.is_zero() {
            prop_assert!(qx.div(&qy).is_none());
        } else {
            prop_assert_eq!(qx.div(&qy).expect("y ≠ 0").to_canonical(), canonical(&(&x / &y)));
        }
        let mut acc = qx.clone();
        acc.add_assign(&qy);
        prop_assert_eq!(acc, to_q(&(&x + &y)));
        prop_assert_eq!(qx == qy, x == y);
        prop_assert_eq!(qx.cmp(&qy), x.cmp(&y));
        prop_assert_eq!(qx.cmp(&qx.clone()), Ordering::Equal);
    }

    /// Sums and products of many terms (the shape of a dot product in a forward pass), where
    /// the running denominators grow and share factors.
    #[test]
    fn dot_products_equal_num_rationals(xs in proptest::collection::vec((rational(), rational()), 1..12)) {
        let mut q = Q::zero();
        let mut r = BigRational::zero();
        for (a, b) in &xs {
            q = q.add(&to_q(a).mul(&to_q(b)));
            r += a * b;
        }
        prop_assert_eq!(q.to_canonical(), canonical(&r));
    }
}

#[test]
fn operations_with_zero_one_and_equal_denominators_are_canonical() {
    let q = |s: &str| Q::parse(s).unwrap();
    assert_eq!(q("1/6").add(&q("-1/6")).to_canonical(), "0");
    assert_eq!(q("1/6").add(&q("1/6")).to_canonical(), "1/3");
    assert_eq!(q("1/6").add(&q("1/3")).to_canonical(), "1/2");
    assert_eq!(q("5/6").sub(&q("1/3")).to_canonical(), "1/2");
    assert_eq!(q("2/3").mul(&q("9/4")).to_canonical(), "3/2");
    assert_eq!(q("-2/3").mul(&q("0")).to_canonical(), "0");
    assert_eq!(q("0").add(&q("-7/9")).to_canonical(), "-7/9");
    assert_eq!(q("3").add(&q("1/2")).to_canonical(), "7/2");
    assert_eq!(q("-4/9").div(&q("-2/3")).unwrap().to_canonical(), "2/3");
    assert_eq!(Q::lcm_denominators(&[q("1/6"), q("3/4"), q("5")]), q("12"));
}
