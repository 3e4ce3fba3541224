//! `Q`: exact rationals, a thin wrapper over num-rational's `BigRational`.
//!
//! This file is the only place in embedcheck that names num-rational or num-bigint.

use super::{Exact, Field};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt;

/// Largest decimal exponent accepted when reading a number (`1e4096` is fine, `1e4097` is not).
pub const MAX_DECIMAL_EXPONENT: i64 = 4096;
/// Largest number of digits accepted in one numerator, denominator or decimal mantissa.
pub const MAX_DIGITS: usize = 10_000;

/// An exact rational number in lowest terms with positive denominator.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Q(BigRational);

/// Why a string is not a number embedcheck accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not an integer, fraction or decimal; the string is quoted back.
    Malformed(String),
    /// A fraction with denominator zero.
    ZeroDenominator(String),
    /// Past [`MAX_DECIMAL_EXPONENT`] or [`MAX_DIGITS`]: a resource limit (exit code 3).
    TooBig(String),
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Malformed(s) => write!(f, "`{s}` is not a number (expected an integer, `p/q` or a decimal)"),
            NumberError::ZeroDenominator(s) => write!(f, "`{s}` has denominator zero"),
            NumberError::TooBig(s) => write!(
                f,
                "`{}` is too big (at most {MAX_DIGITS} digits and exponents within ±{MAX_DECIMAL_EXPONENT})",
                if s.len() > 40 { format!("{}…", &s[..40]) } else { s.clone() }
            ),
        }
    }
}

impl std::error::Error for NumberError {}

fn digits_ok(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn parse_int(s: &str, whole: &str) -> Result<BigInt, NumberError> {
    let body = s.strip_prefix('-').or_else(|| s.strip_prefix('+')).unwrap_or(s);
    if !digits_ok(body) {
        return Err(NumberError::Malformed(whole.to_string()));
    }
    if body.len() > MAX_DIGITS {
        return Err(NumberError::TooBig(whole.to_string()));
    }
    s.parse::<BigInt>().map_err(|_| NumberError::Malformed(whole.to_string()))
}

impl Q {
    /// The rational `n/d`.
    ///
    /// # Panics
    /// If `d == 0` (an internal invariant; user input goes through [`Q::parse`]).
    pub fn new(n: i64, d: i64) -> Q {
        assert!(d != 0, "Q::new with zero denominator");
        Q(BigRational::new(BigInt::from(n), BigInt::from(d)))
    }

    /// The integer `n`.
    pub fn int(n: i64) -> Q {
        Q(BigRational::from_integer(BigInt::from(n)))
    }

    /// Reads an integer (`-3`), a fraction (`-3/4`) or a decimal (`0.125`, `1e-3`, `-2.5E+2`)
    /// as the exact rational it spells. Surrounding whitespace is not allowed.
    ///
    /// # Errors
    /// [`NumberError::Malformed`], [`NumberError::ZeroDenominator`], or [`NumberError::TooBig`]
    /// past the documented limits.
    pub fn parse(s: &str) -> Result<Q, NumberError> {
        if let Some((n, d)) = s.split_once('/') {
            let n = parse_int(n, s)?;
            if d.starts_with(['-', '+']) {
                return Err(NumberError::Malformed(s.to_string()));
            }
            let d = parse_int(d, s)?;
            if d.is_zero() {
                return Err(NumberError::ZeroDenominator(s.to_string()));
            }
            return Ok(Q(BigRational::new(n, d)));
        }
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => {
                let e = &s[i + 1..];
                let body = e.strip_prefix(['-', '+']).unwrap_or(e);
                if !digits_ok(body) {
                    return Err(NumberError::Malformed(s.to_string()));
                }
                let e: i64 = if body.len() > 8 {
                    return Err(NumberError::TooBig(s.to_string()));
                } else {
                    e.parse().map_err(|_| NumberError::Malformed(s.to_string()))?
                };
                (&s[..i], e)
            }
            None => (s, 0),
        };
        let (sign, unsigned) = match mantissa.strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        if (int_part.is_empty() && frac_part.is_empty())
            || !(int_part.is_empty() || digits_ok(int_part))
            || !(frac_part.is_empty() || digits_ok(frac_part))
        {
            return Err(NumberError::Malformed(s.to_string()));
        }
        if int_part.len() + frac_part.len() > MAX_DIGITS {
            return Err(NumberError::TooBig(s.to_string()));
        }
        let exp10 = exp - frac_part.len() as i64;
        if exp.abs() > MAX_DECIMAL_EXPONENT || exp10.abs() > MAX_DECIMAL_EXPONENT + MAX_DIGITS as i64 {
            return Err(NumberError::TooBig(s.to_string()));
        }
        let digits = format!("{int_part}{frac_part}");
        let m: BigInt = digits.parse().map_err(|_| NumberError::Malformed(s.to_string()))?;
        let m = if sign < 0 { -m } else { m };
        let p = num_traits::pow(BigInt::from(10), exp10.unsigned_abs() as usize);
        Ok(Q(if exp10 >= 0 { BigRational::from_integer(m * p) } else { BigRational::new(m, p) }))
    }

    /// Canonical text: `"0"`, `"5"`, `"-3/4"` (lowest terms, sign in front, positive denominator).
    pub fn to_canonical(&self) -> String {
        if self.0.denom().is_one() {
            self.0.numer().to_string()
        } else {
            format!("{}/{}", self.0.numer(), self.0.denom())
        }
    }

    /// Nearest `f64` (for the float path and for display; never used by an exact check).
    pub fn to_f64(&self) -> f64 {
        self.0.to_f64().unwrap_or_else(|| if self.0.is_negative() { f64::NEG_INFINITY } else { f64::INFINITY })
    }

    /// Whether the value is an integer.
    pub fn is_integer(&self) -> bool {
        self.0.is_integer()
    }

    /// `|self|`.
    pub fn abs(&self) -> Q {
        Q(self.0.abs())
    }

    /// Sign as -1, 0 or 1.
    pub fn signum(&self) -> i32 {
        match self.0.numer().sign() {
            num_bigint::Sign::Minus => -1,
            num_bigint::Sign::NoSign => 0,
            num_bigint::Sign::Plus => 1,
        }
    }

    /// `self^k` for an integer exponent (negative `k` needs a nonzero base).
    ///
    /// # Panics
    /// If `self` is zero and `k < 0`.
    pub fn pow(&self, k: i32) -> Q {
        assert!(!(self.0.is_zero() && k < 0), "0 to a negative power");
        Q(num_traits::Pow::pow(&self.0, k))
    }

    /// Number of bits of numerator plus denominator: a measure of the size of the number.
    pub fn height_bits(&self) -> u64 {
        self.0.numer().bits() + self.0.denom().bits()
    }

    /// Numerator and denominator as decimal strings (denominator positive).
    pub fn numer_denom_strings(&self) -> (String, String) {
        (self.0.numer().to_string(), self.0.denom().to_string())
    }

    /// The floor, as a rational integer.
    pub fn floor(&self) -> Q {
        Q(self.0.floor())
    }

    /// The denominator as a rational integer (always positive).
    pub fn denom(&self) -> Q {
        Q(BigRational::from_integer(self.0.denom().clone()))
    }

    /// The numerator as a rational integer.
    pub fn numer(&self) -> Q {
        Q(BigRational::from_integer(self.0.numer().clone()))
    }

    /// The rational r with r^n = self, if there is one (n ≥ 1; for even n only self ≥ 0 has
    /// one, the nonnegative r is returned).
    pub fn nth_root_exact(&self, n: u32) -> Option<Q> {
        if n == 0 || (n % 2 == 0 && self.0.is_negative()) {
            return None;
        }
        let root = |x: &BigInt| {
            let r = x.nth_root(n);
            (num_traits::pow(r.clone(), n as usize) == *x).then_some(r)
        };
        Some(Q(BigRational::new(root(self.0.numer())?, root(self.0.denom())?)))
    }

    /// Least common multiple of the denominators of `values` (1 for an empty list).
    pub fn lcm_denominators<'a>(values: impl IntoIterator<Item = &'a Q>) -> Q {
        let l = values.into_iter().fold(BigInt::one(), |acc, q| acc.lcm(q.0.denom()));
        Q(BigRational::from_integer(l))
    }
}

/// Integer kernels for fraction-free linear algebra (`linalg::fast`): they skip the gcd
/// normalisation of general rational arithmetic, which dominates on large integers.
impl Q {
    /// `self · l` where `l` is an integer multiple of `self`'s denominator: an integer, computed
    /// as numer · (l / denom) with one exact division and no gcd.
    ///
    /// # Panics
    /// If `l` is not an integer (an internal invariant of the caller).
    pub fn scale_to_integer(&self, l: &Q) -> Q {
        assert!(l.0.is_integer(), "scale_to_integer by a non-integer");
        let k = l.0.numer() / self.0.denom();
        Q(BigRational::from_integer(self.0.numer() * k))
    }

    /// Σ a_i b_i for integer vectors, without normalisation (exact: the inputs are integers).
    ///
    /// # Panics
    /// If the lengths differ.
    pub fn int_dot(a: &[Q], b: &[Q]) -> Q {
        assert_eq!(a.len(), b.len(), "int_dot of vectors of different lengths");
        let mut acc = BigInt::zero();
        for (x, y) in a.iter().zip(b) {
            debug_assert!(x.0.is_integer() && y.0.is_integer());
            if !x.0.numer().is_zero() && !y.0.numer().is_zero() {
                acc += x.0.numer() * y.0.numer();
            }
        }
        Q(BigRational::from_integer(acc))
    }

    /// (a·d − b·c) / e for integers, where e divides a·d − b·c exactly (Bareiss' step):
    /// one exact division, no gcd.
    pub fn int_bareiss(a: &Q, d: &Q, b: &Q, c: &Q, e: &Q) -> Q {
        debug_assert!([a, b, c, d, e].iter().all(|q| q.0.is_integer()));
        let num = a.0.numer() * d.0.numer() - b.0.numer() * c.0.numer();
        let q = &num / e.0.numer();
        debug_assert!((&q * e.0.numer()) == num, "Bareiss division is not exact");
        Q(BigRational::from_integer(q))
    }

    /// `self · rhs` for integers, without normalisation.
    pub fn int_mul(&self, rhs: &Q) -> Q {
        debug_assert!(self.0.is_integer() && rhs.0.is_integer());
        Q(BigRational::from_integer(self.0.numer() * rhs.0.numer()))
    }

    /// `self + rhs` for integers, without normalisation.
    pub fn int_add(&self, rhs: &Q) -> Q {
        debug_assert!(self.0.is_integer() && rhs.0.is_integer());
        Q(BigRational::from_integer(self.0.numer() + rhs.0.numer()))
    }

    /// The residue of `self` modulo the prime `p` (p < 2⁶³), or `None` when p divides the
    /// denominator.
    pub fn residue(&self, p: u64) -> Option<u64> {
        let pb = BigInt::from(p);
        let n = (self.0.numer() % &pb + &pb) % &pb;
        let d = (self.0.denom() % &pb).to_u64()?;
        if d == 0 {
            return None;
        }
        let n = n.to_u64()?;
        let dinv = BigInt::from(d).modpow(&BigInt::from(p - 2), &pb).to_u64()?;
        Some(((n as u128 * dinv as u128) % p as u128) as u64)
    }
}

impl fmt::Display for Q {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_canonical())
    }
}

impl fmt::Debug for Q {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_canonical())
    }
}

impl std::str::FromStr for Q {
    type Err = NumberError;
    fn from_str(s: &str) -> Result<Q, NumberError> {
        Q::parse(s)
    }
}

impl Field for Q {
    fn zero() -> Q {
        Q(BigRational::zero())
    }
    fn one() -> Q {
        Q(BigRational::one())
    }
    fn from_i64(n: i64) -> Q {
        Q::int(n)
    }
    fn from_q(q: &Q) -> Q {
        q.clone()
    }
    fn add(&self, rhs: &Q) -> Q {
        Q(&self.0 + &rhs.0)
    }
    fn sub(&self, rhs: &Q) -> Q {
        Q(&self.0 - &rhs.0)
    }
    fn mul(&self, rhs: &Q) -> Q {
        Q(&self.0 * &rhs.0)
    }
    fn neg(&self) -> Q {
        Q(-&self.0)
    }
    fn inv(&self) -> Option<Q> {
        if self.0.is_zero() {
            None
        } else {
            Some(Q(self.0.recip()))
        }
    }
    fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        Some(self.signum().cmp(&0))
    }
    fn add_assign(&mut self, rhs: &Q) {
        self.0 += &rhs.0;
    }
}

impl Exact for Q {}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        Q::parse(s).map(|q| q.to_canonical()).unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn decimals_are_read_as_the_exact_decimal_they_spell() {
        assert_eq!(p("0.1"), "1/10");
        assert_eq!(p("0.125"), "1/8");
        assert_eq!(p("1e-3"), "1/1000");
        assert_eq!(p("-2.5E+2"), "-250");
        assert_eq!(p(".5"), "1/2");
        assert_eq!(p("5."), "5");
        assert_eq!(p("-6/8"), "-3/4");
        assert_eq!(p("6/-8"), "Malformed(\"6/-8\")");
        assert_eq!(p("+7"), "7");
        assert_eq!(p("-0"), "0");
    }

    #[test]
    fn malformed_and_oversized_numbers_are_rejected() {
        for bad in ["", "-", ".", "1/", "/2", "1//2", "abc", "1e", "1.2.3", " 1", "1 ", "0x10", "1e+", "--1", "1/2/3"] {
            assert!(matches!(Q::parse(bad), Err(NumberError::Malformed(_))), "{bad:?}");
        }
        assert!(matches!(Q::parse("1/0"), Err(NumberError::ZeroDenominator(_))));
        assert!(matches!(Q::parse("1e4097"), Err(NumberError::TooBig(_))));
        assert!(matches!(Q::parse("1e-4097"), Err(NumberError::TooBig(_))));
        assert!(matches!(Q::parse("1e99999999999"), Err(NumberError::TooBig(_))));
        assert!(Q::parse("1e4096").is_ok());
        assert!(matches!(Q::parse(&"9".repeat(MAX_DIGITS + 1)), Err(NumberError::TooBig(_))));
    }
}
