//! `Q`'s field operations (Knuth's reduced-operand algorithms, our own gcd) agree exactly with
//! num-rational's `BigRational` (reduction after every operation by num-integer's gcd), the
//! independent oracle: same canonical text, same equality and order, for random rationals of
//! all sizes and signs, including ones whose denominators share many small prime factors (the
//! case where the gcds are large). Every result, of the field operations and of parsing, the
//! conversion from `f64` and the other constructors, is also checked to be in canonical form
//! (`Q::is_valid`: lowest terms, positive denominator).
//!
//! A second reference, malachite's `Rational` (GMP's algorithms, in Rust), is compared too when
//! the optional feature is on: `cargo test --features malachite --test scalar`
//! (malachite is LGPL-3.0-only and not a default dependency; it also checks the exact
//! conversions of `QMal`, the malachite back end).

use embedcheck::scalar::{q_from_f64, Field, Ring, Q};
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

/// `q` is in canonical form and spells the same rational as the first reference `r` (and as the
/// second, malachite's, when the feature is on).
fn agrees(q: &Q, r: &BigRational) -> Result<(), TestCaseError> {
    prop_assert!(q.is_valid(), "{} is not in canonical form", q);
    prop_assert_eq!(q.to_canonical(), canonical(r));
    Ok(())
}

/// The second reference: malachite's `Rational`, read from decimal text (so independent of
/// `QMal`'s limb conversions, which are checked against it).
#[cfg(feature = "malachite")]
mod second {
    use super::*;
    use embedcheck::scalar::QMal;
    pub use malachite_q::Rational;
    use std::str::FromStr;

    pub fn of(r: &BigRational) -> Rational {
        Rational::from_str(&format!("{}/{}", r.numer(), r.denom())).expect("a fraction")
    }

    /// `q` spells malachite's `m`, and `q` goes to `QMal` and back unchanged.
    pub fn agrees(q: &Q, m: &Rational) -> Result<(), TestCaseError> {
        prop_assert_eq!(q.to_canonical(), m.to_string());
        let back = QMal::from_q(q);
        prop_assert_eq!(back.inner(), m);
        prop_assert!(back.to_q().is_valid());
        prop_assert_eq!(&back.to_q(), q);
        Ok(())
    }
}

/// A decimal spelling: sign, integer digits, fraction digits, exponent.
fn decimal() -> impl Strategy<Value = (bool, String, String, i32)> {
    (any::<bool>(), "[0-9]{0,30}", "[0-9]{0,30}", -40i32..40)
        .prop_filter("a digit", |(_, i, f, _)| !(i.is_empty() && f.is_empty()))
}

/// The reference value of a decimal spelling, built from its digits without `Q::parse`.
fn decimal_value(neg: bool, int: &str, frac: &str, exp: i32) -> BigRational {
    let m: BigInt = format!("{int}{frac}").parse().expect("digits");
    let e = exp - frac.len() as i32;
    let p = BigInt::from(10u8).pow(e.unsigned_abs());
    let v = if e >= 0 { BigRational::from_integer(m * p) } else { BigRational::new(m, p) };
    if neg {
        -v
    } else {
        v
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn field_operations_equal_num_rationals(x in rational(), y in rational()) {
        let (qx, qy) = (to_q(&x), to_q(&y));
        agrees(&qx, &x)?;
        agrees(&qx.add(&qy), &(&x + &y))?;
        agrees(&qx.sub(&qy), &(&x - &y))?;
        agrees(&qx.mul(&qy), &(&x * &y))?;
        agrees(&qx.neg(), &-&x)?;
        agrees(&qx.square(), &(&x * &x))?;
        if y.is_zero() {
            prop_assert!(qx.div(&qy).is_none());
            prop_assert!(qy.inv().is_none());
        } else {
            agrees(&qx.div(&qy).expect("y ≠ 0"), &(&x / &y))?;
            agrees(&qy.inv().expect("y ≠ 0"), &y.recip())?;
        }
        let mut acc = qx.clone();
        acc.add_assign(&qy);
        agrees(&acc, &(&x + &y))?;
        prop_assert_eq!(acc, to_q(&(&x + &y)));
        prop_assert_eq!(qx == qy, x == y);
        prop_assert_eq!(qx.cmp(&qy), x.cmp(&y));
        prop_assert_eq!(qx.cmp(&qx.clone()), Ordering::Equal);
        #[cfg(feature = "malachite")]
        {
            let (mx, my) = (second::of(&x), second::of(&y));
            second::agrees(&qx, &mx)?;
            second::agrees(&qx.add(&qy), &(&mx + &my))?;
            second::agrees(&qx.sub(&qy), &(&mx - &my))?;
            second::agrees(&qx.mul(&qy), &(&mx * &my))?;
            second::agrees(&qx.neg(), &-&mx)?;
            if !y.is_zero() {
                second::agrees(&qx.div(&qy).expect("y ≠ 0"), &(&mx / &my))?;
            }
            prop_assert_eq!(qx.cmp(&qy), mx.cmp(&my));
        }
    }

    /// The other constructors and operations that return a `Q`: powers, absolute value, floor,
    /// numerator and denominator, integer ratios and the lcm of denominators.
    #[test]
    fn other_operations_are_canonical(x in rational(), y in rational(), k in -4i32..5) {
        let (qx, qy) = (to_q(&x), to_q(&y));
        if !(x.is_zero() && k < 0) {
            agrees(&qx.pow(k), &num_traits::Pow::pow(&x, k))?;
        }
        agrees(&qx.abs(), &num_traits::Signed::abs(&x))?;
        agrees(&qx.floor(), &x.floor())?;
        agrees(&qx.numer(), &BigRational::from_integer(x.numer().clone()))?;
        agrees(&qx.denom(), &BigRational::from_integer(x.denom().clone()))?;
        if !y.numer().is_zero() {
            let r = BigRational::new(x.numer().clone(), y.numer().clone());
            agrees(&Q::from_z_ratio(&qx.numer_z(), &qy.numer_z()), &r)?;
            agrees(&Q::from_ratio(&qx.numer_z(), &qy.numer_z()), &r)?;
        }
        let l = num_integer::Integer::lcm(x.denom(), y.denom());
        agrees(&Q::lcm_denominators([&qx, &qy]), &BigRational::from_integer(l))?;
    }

    /// Parsing fractions (unreduced, either sign) and decimals gives the canonical value.
    #[test]
    fn parsing_is_canonical(n in integer(), d in integer(), (neg, int, frac, exp) in decimal()) {
        if !d.is_zero() && d.sign() != Sign::Minus {
            let r = BigRational::new(n.clone(), d.clone());
            agrees(&Q::parse(&format!("{n}/{d}")).expect("a fraction"), &r)?;
            #[cfg(feature = "malachite")]
            second::agrees(&Q::parse(&format!("{n}/{d}")).expect("a fraction"), &second::of(&r))?;
        }
        let text = format!("{}{int}.{frac}e{exp}", if neg { "-" } else { "" });
        let r = decimal_value(neg, &int, &frac, exp);
        agrees(&Q::parse(&text).expect("a decimal"), &r)?;
        #[cfg(feature = "malachite")]
        {
            // malachite from the unreduced fraction digits / 10^k, not through num-rational.
            let e = exp - frac.len() as i32;
            let digits = format!("{}{}{int}{frac}", if neg { "-" } else { "" }, "0");
            let zeros = "0".repeat(e.unsigned_abs() as usize);
            let m: second::Rational = if e >= 0 {
                format!("{digits}{zeros}").parse().expect("an integer")
            } else {
                format!("{digits}/1{zeros}").parse().expect("a fraction")
            };
            second::agrees(&Q::parse(&text).expect("a decimal"), &m)?;
        }
    }

    /// The exact value of a double (normal, subnormal, either sign) is canonical.
    #[test]
    fn doubles_are_read_exactly_and_canonically(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        match q_from_f64(x) {
            None => prop_assert!(!x.is_finite()),
            Some(q) => {
                agrees(&q, &BigRational::from_float(x).expect("finite"))?;
                #[cfg(feature = "malachite")]
                second::agrees(&q, &second::Rational::try_from(x).expect("finite"))?;
            }
        }
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
        agrees(&q, &r)?;
        #[cfg(feature = "malachite")]
        {
            let m = xs.iter().fold(second::Rational::from(0), |acc, (a, b)| acc + second::of(a) * second::of(b));
            second::agrees(&q, &m)?;
        }
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
