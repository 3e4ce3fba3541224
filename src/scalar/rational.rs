//! `Q`: exact rationals, stored as num-rational's `BigRational` in lowest terms.
//!
//! This file, its child `kernels` and `integer.rs` (for `Z`) are the only places in embedcheck that
//! name num-rational or num-bigint (besides `malachite.rs`, the optional second back end, which
//! converts limbs).
//!
//! The field operations do not go through num-rational's (which reduce every result with
//! num-integer's bit-by-bit gcd): they follow Knuth, TAOCP vol. 2, §4.5.1, whose gcds are
//! taken on the smallest numbers that can share a factor, and skip them where a coprimality
//! argument makes them unnecessary, with the gcd of [`super::gcd`]. Every result is in lowest
//! terms with a positive denominator, so equality and hashing compare numerator and denominator.

use super::gcd::{gcd_limbs, gcd_u128, gcd_u64, rem_u64};
use super::{Exact, Field, Ring, Z};
use num_bigint::{BigInt, BigUint, Sign};
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

mod denominator;
mod kernels;

pub use denominator::Denominator;

/// Largest decimal exponent accepted when reading a number (`1e4096` is fine, `1e4097` is not).
pub const MAX_DECIMAL_EXPONENT: i64 = 4096;
/// Largest number of digits accepted in one numerator, denominator or decimal mantissa.
pub const MAX_DIGITS: usize = 10_000;

/// An exact rational number in lowest terms with positive denominator.
#[derive(Clone, Default)]
pub struct Q(BigRational);

/// In lowest terms with positive denominator the representation is unique, so equal rationals
/// have equal numerators and denominators.
impl PartialEq for Q {
    fn eq(&self, other: &Q) -> bool {
        self.0.denom() == other.0.denom() && self.0.numer() == other.0.numer()
    }
}

impl Eq for Q {}

impl Hash for Q {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.numer().hash(state);
        self.0.denom().hash(state);
    }
}

/// a/b < c/d ⇔ ad < cb for positive denominators b, d.
impl Ord for Q {
    fn cmp(&self, other: &Q) -> Ordering {
        let (a, b, c, d) = (self.0.numer(), self.0.denom(), other.0.numer(), other.0.denom());
        a.sign().cmp(&c.sign()).then_with(|| if b == d { a.cmp(c) } else { (a * d).cmp(&(c * b)) })
    }
}

impl PartialOrd for Q {
    fn partial_cmp(&self, other: &Q) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// gcd(a, b) (gcd(0, b) = b): machine words when one side fits in one, otherwise one division
/// to bring the sizes together and Lehmer's algorithm ([`super::gcd`]).
fn gcd(a: &BigUint, b: &BigUint) -> BigUint {
    let (a, b) = if a < b { (b, a) } else { (a, b) };
    if b.is_zero() {
        return a.clone();
    }
    // A power of two (the denominators of dyadic numbers: floats read exactly, interval
    // endpoints rounded outward): the gcd is the smaller power of two dividing both.
    if let Some(t) = power_of_two(a).or_else(|| power_of_two(b)) {
        let shift = t.min(a.trailing_zeros().unwrap_or(0)).min(b.trailing_zeros().unwrap_or(0));
        return BigUint::one() << shift;
    }
    if b.bits() <= 64 {
        let w = b.iter_u64_digits().next().expect("b ≠ 0");
        return BigUint::from(gcd_u64(w, rem_u64(a.iter_u64_digits(), w)));
    }
    if a.bits() <= 128 {
        let (x, y) = (a.to_u128().expect("fits"), b.to_u128().expect("fits"));
        return BigUint::from(gcd_u128(x, y));
    }
    // Lehmer's steps need comparable sizes; a full division first only when they are not.
    let (mut b, mut r) =
        if a.bits() - b.bits() < 32 { (Cow::Borrowed(a), b.clone()) } else { (Cow::Borrowed(b), a % b) };
    loop {
        if r.is_zero() {
            return b.into_owned();
        }
        match gcd_limbs(b.to_u64_digits(), r.to_u64_digits()) {
            Ok(g) => return from_limbs(&g),
            // Leading bits fixed no quotient: one division step, then Lehmer again.
            Err((x, y)) => {
                let (x, y) = (from_limbs(&x), from_limbs(&y));
                r = &x % &y;
                b = Cow::Owned(y);
            }
        }
    }
}

/// k when x = 2^k.
fn power_of_two(x: &BigUint) -> Option<u64> {
    x.trailing_zeros().filter(|&t| t + 1 == x.bits())
}

fn from_limbs(limbs: &[u64]) -> BigUint {
    BigUint::new(limbs.iter().flat_map(|&l| [l as u32, (l >> 32) as u32]).collect())
}

/// x / g for a divisor g of x (borrowed when g = 1).
fn quo<'a>(x: &'a BigUint, g: &BigUint) -> Cow<'a, BigUint> {
    if g.is_one() {
        Cow::Borrowed(x)
    } else {
        Cow::Owned(x / g)
    }
}

fn signed(sign: Sign, mag: BigUint) -> BigInt {
    BigInt::from_biguint(sign, mag)
}

fn mul_sign(a: Sign, b: Sign) -> Sign {
    if a == b {
        Sign::Plus
    } else {
        Sign::Minus
    }
}

impl Q {
    /// The rational `n/d` from a numerator and a positive denominator with gcd 1 (not checked
    /// in release builds: every caller proves it).
    pub(super) fn from_reduced(n: BigInt, d: BigUint) -> Q {
        if n.is_zero() {
            return Q(BigRational::zero());
        }
        debug_assert!(!d.is_zero() && gcd(n.magnitude(), &d).is_one(), "not in lowest terms");
        Q(BigRational::new_raw(n, signed(Sign::Plus, d)))
    }

    fn den(&self) -> &BigUint {
        self.0.denom().magnitude()
    }

    /// The numerator and the (positive) denominator, borrowed: for conversions to another exact
    /// back end (`super::malachite`).
    #[cfg_attr(not(feature = "malachite"), allow(dead_code))]
    pub(super) fn parts(&self) -> (&BigInt, &BigUint) {
        (self.0.numer(), self.den())
    }

    /// Whether the representation is canonical: numerator and denominator coprime, denominator
    /// positive (so zero is 0/1). Every `Q` that embedcheck builds is; the arithmetic tests
    /// assert it on every result, so an operation that forgot a reduction fails there.
    pub fn is_valid(&self) -> bool {
        let (n, d) = (self.0.numer(), self.0.denom());
        d.sign() == Sign::Plus && gcd(n.magnitude(), d.magnitude()).is_one()
    }

    /// (a/b)·(c/d) = ((a/g₁)(c/g₂)) / ((b/g₂)(d/g₁)) with g₁ = gcd(a, d), g₂ = gcd(c, b): in
    /// lowest terms because a/b and c/d are (Knuth §4.5.1).
    fn mul_q(&self, rhs: &Q) -> Q {
        if self.is_zero() || rhs.is_zero() {
            return Q::zero();
        }
        let (a, b, c, d) = (self.0.numer(), self.den(), rhs.0.numer(), rhs.den());
        let g1 = if d.is_one() { BigUint::one() } else { gcd(a.magnitude(), d) };
        let g2 = if b.is_one() { BigUint::one() } else { gcd(c.magnitude(), b) };
        let n = quo(a.magnitude(), &g1).as_ref() * quo(c.magnitude(), &g2).as_ref();
        let den = quo(b, &g2).as_ref() * quo(d, &g1).as_ref();
        Q::from_reduced(signed(mul_sign(a.sign(), c.sign()), n), den)
    }

    /// a/b + c/d (Knuth §4.5.1): with g = gcd(b, d) and t = a(d/g) + c(b/g), the sum is
    /// (t/g₂) / ((b/g)(d/g₂)) with g₂ = gcd(t, g); when g = 1 no second gcd is needed, since a
    /// prime dividing bd divides exactly one of b, d and then cannot divide ad + cb.
    fn add_parts(&self, c: &BigInt, d: &BigUint) -> Q {
        let (a, b) = (self.0.numer(), self.den());
        if c.is_zero() {
            return self.clone();
        }
        if a.is_zero() {
            return Q(BigRational::new_raw(c.clone(), signed(Sign::Plus, d.clone())));
        }
        if b == d {
            let t = a + c;
            if b.is_one() || t.is_zero() {
                return Q::from_reduced(t, b.clone());
            }
            let g = gcd(t.magnitude(), b);
            return Q::from_reduced(signed(t.sign(), quo(t.magnitude(), &g).into_owned()), quo(b, &g).into_owned());
        }
        let scaled = |n: &BigInt, k: &BigUint| signed(n.sign(), n.magnitude() * k);
        if b.is_one() {
            return Q::from_reduced(scaled(a, d) + c, d.clone());
        }
        if d.is_one() {
            return Q::from_reduced(a + scaled(c, b), b.clone());
        }
        let g = gcd(b, d);
        if g.is_one() {
            return Q::from_reduced(scaled(a, d) + scaled(c, b), b * d);
        }
        let bg = b / &g;
        let t = scaled(a, &(d / &g)) + scaled(c, &bg);
        if t.is_zero() {
            return Q::zero();
        }
        let g2 = gcd(t.magnitude(), &g);
        let n = signed(t.sign(), quo(t.magnitude(), &g2).into_owned());
        Q::from_reduced(n, bg * quo(d, &g2).as_ref())
    }
}

/// Why a string is not a number embedcheck accepts. The messages quote at most the first 40
/// characters of the string.
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
            NumberError::Malformed(s) => {
                write!(f, "`{}` is not a number (expected an integer, `p/q` or a decimal)", abbreviated(s, 40))
            }
            NumberError::ZeroDenominator(s) => write!(f, "`{}` has denominator zero", abbreviated(s, 40)),
            NumberError::TooBig(s) => write!(
                f,
                "`{}` is too big (at most {MAX_DIGITS} digits and exponents within ±{MAX_DECIMAL_EXPONENT})",
                abbreviated(s, 40)
            ),
        }
    }
}

impl std::error::Error for NumberError {}

/// The first `max_chars` characters of `s`, with `…` when it is longer. Cuts between characters,
/// never inside a multi-byte one (the text comes from the user's file).
fn abbreviated(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &s[..cut])),
        None => Cow::Borrowed(s),
    }
}

fn digits_ok(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `[±]digits[/digits]` with at most 18 digits on each side (so each fits a u64 with room) and a
/// nonzero denominator, read with word arithmetic and reduced by a word gcd; `None` for any
/// other text, which [`Q::parse`] reads (or rejects) the general way. The same value either way.
fn parse_small(s: &str) -> Option<Q> {
    fn digits(s: &str) -> Option<u64> {
        if s.is_empty() || s.len() > 18 {
            return None;
        }
        s.bytes().try_fold(0u64, |acc, b| b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0')))
    }
    let (negative, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (n, d) = match body.split_once('/') {
        Some((n, d)) => (digits(n)?, digits(d)?),
        None => (digits(body)?, 1),
    };
    if d == 0 {
        return None;
    }
    let g = gcd_u64(n, d);
    let sign = if negative && n != 0 { Sign::Minus } else { Sign::Plus };
    Some(Q(BigRational::new_raw(BigInt::from_biguint(sign, BigUint::from(n / g)), BigInt::from(d / g))))
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
        parse_small(s).map_or_else(|| Q::parse_general(s), Ok)
    }

    /// [`Q::parse`] without the word fast path ([`parse_small`]).
    fn parse_general(s: &str) -> Result<Q, NumberError> {
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
        // `None` for an exponent of more than 8 digits: too big, but only once the mantissa is
        // known to be well formed (garbage with a long exponent is malformed, exit code 2).
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => {
                let e = &s[i + 1..];
                let body = e.strip_prefix(['-', '+']).unwrap_or(e);
                if !digits_ok(body) {
                    return Err(NumberError::Malformed(s.to_string()));
                }
                let e: Option<i64> = if body.len() > 8 {
                    None
                } else {
                    Some(e.parse().map_err(|_| NumberError::Malformed(s.to_string()))?)
                };
                (&s[..i], e)
            }
            None => (s, Some(0)),
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
        let Some(exp) = exp else { return Err(NumberError::TooBig(s.to_string())) };
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
        let (n, d) = (self.0.numer(), self.0.denom());
        let mut out = Vec::with_capacity(20 * (n.magnitude().bits() + d.magnitude().bits()) as usize / 64 + 4);
        if n.is_negative() {
            out.push(b'-');
        }
        super::decimal::push_decimal(n.magnitude().iter_u64_digits(), &mut out);
        if !d.is_one() {
            out.push(b'/');
            super::decimal::push_decimal(d.magnitude().iter_u64_digits(), &mut out);
        }
        String::from_utf8(out).expect("a sign, ASCII digits and a slash")
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
        if n == 0 || (n.is_multiple_of(2) && self.0.is_negative()) {
            return None;
        }
        let root = |x: &BigInt| {
            let r = x.nth_root(n);
            (num_traits::pow(r.clone(), n as usize) == *x).then_some(r)
        };
        Some(Q(BigRational::new(root(self.0.numer())?, root(self.0.denom())?)))
    }

    /// The integer `n` (for exact integer kernels that accumulate in `i128`).
    pub fn from_i128(n: i128) -> Q {
        Q(BigRational::from_integer(BigInt::from(n)))
    }

    /// An integer k with |self| < 2^k (bits of the numerator minus bits of the denominator,
    /// plus one), or `None` for 0.
    pub fn log2_upper(&self) -> Option<i64> {
        (!self.is_zero()).then(|| self.0.numer().bits() as i64 - self.0.denom().bits() as i64 + 1)
    }

    /// round(self · 2^e) (halves rounded up), if it fits in an `i64`.
    pub fn round_scaled(&self, e: i64) -> Option<i64> {
        self.round_scaled_z(e).to_i64()
    }

    /// round(self · 2^e) (halves rounded up), an integer of any size.
    pub fn round_scaled_z(&self, e: i64) -> Z {
        let (n, d) = (self.0.numer(), self.0.denom());
        let (num, den) =
            if e >= 0 { (n << (e as usize + 1), d << 1usize) } else { (n << 1usize, d << ((1 - e) as usize)) };
        // round(x) = ⌊x + 1/2⌋ = ⌊(2n·2^e + d′) / 2d′⌋ with d′ the scaled denominator / 2.
        let half = &den >> 1usize;
        Z::from_big(num_integer::Integer::div_floor(&(num + half), &den))
    }

    /// The bit length of the numerator when self is dyadic (its denominator a power of two),
    /// `None` otherwise.
    pub fn dyadic_bits(&self) -> Option<u64> {
        power_of_two(self.0.denom().magnitude()).map(|_| self.0.numer().bits())
    }

    /// self rounded down (`down`) or up to a multiple of 2^e: ⌊self·2^(−e)⌋·2^e or
    /// ⌈self·2^(−e)⌉·2^e, by one integer division and no gcd (the result is dyadic, put in
    /// lowest terms by its trailing zeros).
    pub fn round_to_power_of_two(&self, e: i64, down: bool) -> Q {
        let (n, d) = (self.0.numer(), self.0.denom());
        let (num, den) = if e <= 0 { (n << e.unsigned_abs(), d.clone()) } else { (n.clone(), d << e.unsigned_abs()) };
        let (q, r) = num_integer::Integer::div_mod_floor(&num, &den);
        let m = if down || r.is_zero() { q } else { q + 1 };
        if m.is_zero() {
            return Q::zero();
        }
        if e >= 0 {
            return Q(BigRational::from_integer(m << e.unsigned_abs()));
        }
        let shift = m.trailing_zeros().unwrap_or(0).min(e.unsigned_abs());
        Q(BigRational::new_raw(m >> shift, BigInt::one() << (e.unsigned_abs() - shift)))
    }

    /// The fraction n/d of two integers.
    ///
    /// # Panics
    /// If `d` is 0 (an internal invariant of the caller).
    pub fn from_ratio(n: &Z, d: &Z) -> Q {
        assert!(!d.is_zero(), "Q::from_ratio with zero denominator");
        Q(BigRational::new(n.inner().clone(), d.inner().clone()))
    }

    /// Least common multiple of the denominators of `values` (1 for an empty list).
    pub fn lcm_denominators<'a>(values: impl IntoIterator<Item = &'a Q>) -> Q {
        let mut values = values.into_iter();
        // In words while the lcm fits one (the usual case for data and weights).
        let mut word = 1u64;
        let mut rest = None;
        for q in values.by_ref() {
            let l = q.den().to_u64().and_then(|d| {
                let l = u128::from(word / gcd_u64(word, d)) * u128::from(d);
                u64::try_from(l).ok()
            });
            match l {
                Some(l) => word = l,
                None => {
                    rest = Some(q);
                    break;
                }
            }
        }
        let l = rest.into_iter().chain(values).fold(BigUint::from(word), |acc, q| {
            let d = q.den();
            if d.is_one() || &acc == d {
                acc
            } else {
                let g = gcd(&acc, d);
                quo(&acc, &g).as_ref() * d
            }
        });
        Q(BigRational::from_integer(signed(Sign::Plus, l)))
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

impl Ring for Q {
    fn zero() -> Q {
        Q(BigRational::zero())
    }
    fn one() -> Q {
        Q(BigRational::one())
    }
    fn from_i64(n: i64) -> Q {
        Q::int(n)
    }
    fn add(&self, rhs: &Q) -> Q {
        self.add_parts(rhs.0.numer(), rhs.den())
    }
    fn sub(&self, rhs: &Q) -> Q {
        self.add_parts(&-rhs.0.numer(), rhs.den())
    }
    fn mul(&self, rhs: &Q) -> Q {
        self.mul_q(rhs)
    }
    fn neg(&self) -> Q {
        Q(-&self.0)
    }
    fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
    fn add_assign(&mut self, rhs: &Q) {
        *self = self.add(rhs);
    }
}

impl Field for Q {
    fn from_q(q: &Q) -> Q {
        q.clone()
    }
    fn inv(&self) -> Option<Q> {
        if self.0.is_zero() {
            None
        } else {
            Some(Q(self.0.recip()))
        }
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        Some(self.signum().cmp(&0))
    }
}

impl Exact for Q {}

#[cfg(test)]
mod tests;
