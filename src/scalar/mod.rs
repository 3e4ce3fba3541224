//! Scalars: the number types every computation in embedcheck is written over.
//!
//! The tower: a [`Ring`] (`Z`, and every field) ⊂ a [`Field`]. Two traits make exactness a
//! property of the type (STYLE.md, habit 4):
//! - [`Field`]: the operations of an ordered field with by-reference arithmetic and no `Copy`
//!   bound, so big rationals are first class. Everything the network code needs to compute
//!   outputs, losses and derivatives of polynomial, rational and piecewise-linear activations.
//! - [`Real`]: a [`Field`] that also has `tanh`, `exp`, sigmoid and softplus. It is implemented
//!   only for `f64` and for duals over a `Real`, so an exact computation that reaches for `tanh`
//!   does not compile.
//!
//! Residues modulo a word-size prime are raw `u64` values; [`Modulus`] is their arithmetic
//! (`prime_field.rs`: [`Mersenne61`], [`WordPrime`], [`Montgomery`]), written once for the
//! modular filters and solves of `linalg`.
//!
//! [`Exact`] marks the fields whose arithmetic is exact (rationals and duals over them).
//! Nothing outside this module names `num-rational`: a faster exact back end can replace
//! [`Q`] without touching the network code. With the optional feature `malachite` (an
//! LGPL-3.0-only dependency), `QMal` is such a back end, on malachite's `Rational`; with the
//! optional feature `rug` (LGPL-3.0-or-later, builds GMP from C), `QRug`, on GMP's `mpq_t`.

mod decimal;
mod dual;
mod dyadic;
mod float;
mod gcd;
mod integer;
mod interval;
pub mod limbs;
#[cfg(feature = "malachite")]
mod malachite;
mod prime_field;
mod qinterval;
mod rational;
#[cfg(feature = "rug")]
mod rug;
mod simplest;
mod tracked;

pub use dual::Dual;
pub use dyadic::{f64_nearest, q_from_f64};
pub use float::gamma;
pub use integer::Z;
pub use interval::{round, Interval};
#[cfg(feature = "malachite")]
pub use malachite::QMal;
pub use prime_field::{is_prime, primes, Mersenne61, Modulus, Montgomery, WordPrime, P61};
pub use qinterval::QInterval;
pub use rational::{Denominator, NumberError, MAX_DECIMAL_EXPONENT, MAX_DIGITS, Q};
#[cfg(feature = "rug")]
pub use rug::QRug;
pub use simplest::{rationalize, simplest_in};
pub use tracked::{gamma_exact, Tracked};

/// Shared checks of a second exact back end against [`Q`] (its conversions and field
/// operations), for the optional back ends' unit tests.
#[cfg(all(test, any(feature = "malachite", feature = "rug")))]
pub(crate) mod back_end_tests {
    use super::{Field, Ring, Q};

    /// `of` and `back` convert exactly, both ways, and the text is `Q`'s canonical text.
    pub fn conversions_round_trip<F: Field + std::fmt::Display>(of: fn(&Q) -> F, back: fn(&F) -> Q) {
        let big = Q::parse(&format!("-{}/{}", "7".repeat(200), "3".repeat(150) + "1")).unwrap();
        for s in ["0", "1", "-1", "-3/4", "18446744073709551616/3", "1/18446744073709551615"] {
            let q = Q::parse(s).unwrap();
            assert_eq!(back(&of(&q)), q, "{s}");
            assert_eq!(of(&q).to_string(), q.to_canonical(), "{s}");
        }
        assert_eq!(back(&of(&big)), big);
        assert!(back(&of(&big)).is_valid());
    }

    /// +, −, ×, ÷ and the sign agree with `Q`'s on small and word-boundary rationals.
    pub fn field_operations_agree<F: Field>(of: fn(&Q) -> F, back: fn(&F) -> Q) {
        let xs: Vec<Q> =
            ["0", "5", "-3/4", "7/6", "-1/18446744073709551617"].iter().map(|s| Q::parse(s).unwrap()).collect();
        for x in &xs {
            for y in &xs {
                let (a, b) = (of(x), of(y));
                assert_eq!(back(&a.add(&b)), x.add(y));
                assert_eq!(back(&a.sub(&b)), x.sub(y));
                assert_eq!(back(&a.mul(&b)), x.mul(y));
                assert_eq!(a.div(&b).map(|v| back(&v)), x.div(y));
                assert_eq!(a.primal_cmp_zero(), x.primal_cmp_zero());
            }
        }
    }
}

use std::cmp::Ordering;
use std::fmt::Debug;

/// A commutative ring with by-reference arithmetic and no `Copy` bound: what fraction-free
/// elimination, polynomial arithmetic and residues modulo a prime need (`Z`, and every [`Field`]).
pub trait Ring: Clone + PartialEq + Debug + Send + Sync + 'static {
    /// The additive identity.
    fn zero() -> Self;
    /// The multiplicative identity.
    fn one() -> Self;
    /// The image of an integer under the unique ring map from Z.
    fn from_i64(n: i64) -> Self;
    /// `self + rhs`.
    fn add(&self, rhs: &Self) -> Self;
    /// `self - rhs`.
    fn sub(&self, rhs: &Self) -> Self;
    /// `self * rhs`.
    fn mul(&self, rhs: &Self) -> Self;
    /// `-self`.
    fn neg(&self) -> Self;
    /// Whether the whole value (all dual parts included) is zero.
    fn is_zero(&self) -> bool;

    /// `self += rhs`.
    fn add_assign(&mut self, rhs: &Self) {
        *self = self.add(rhs);
    }
    /// `self * self`.
    fn square(&self) -> Self {
        self.mul(self)
    }
    /// `self * k` for an integer `k`.
    fn scale_i64(&self, k: i64) -> Self {
        self.mul(&Self::from_i64(k))
    }
}

/// An ordered field with by-reference arithmetic: a [`Ring`] with inverses, the image of Q and
/// a sign.
///
/// `primal_cmp_zero` compares the *primal* value with zero: for a dual number `a + bε` it is the
/// sign of `a` (recursively), which is what piecewise activations branch on.
pub trait Field: Ring {
    /// The image of a rational (rounded to nearest for `f64`; exact for exact fields).
    fn from_q(q: &Q) -> Self;
    /// `1 / self`, or `None` when the primal value is zero (the inverse does not exist).
    fn inv(&self) -> Option<Self>;
    /// Sign of the primal value; `None` only for a float NaN.
    fn primal_cmp_zero(&self) -> Option<Ordering>;

    /// `self / rhs`, or `None` when the primal value of `rhs` is zero.
    fn div(&self, rhs: &Self) -> Option<Self> {
        rhs.inv().map(|r| self.mul(&r))
    }
}

/// Marker for fields whose arithmetic is exact: equality is equality in Q (or in a dual
/// extension of Q). Exact checks are written over `S: Exact` and never compare with a tolerance.
pub trait Exact: Field {}

/// A field of approximate reals with the transcendental functions of the float-only activations.
pub trait Real: Field {
    /// Hyperbolic tangent.
    fn tanh(&self) -> Self;
    /// Logistic sigmoid 1/(1+e^{-x}).
    fn sigmoid(&self) -> Self;
    /// Softplus ln(1+e^x), computed without overflow.
    fn softplus(&self) -> Self;
    /// The exponential e^x.
    fn exp(&self) -> Self;
    /// The natural logarithm ln x (x > 0).
    fn ln(&self) -> Self;
    /// The primal value as an `f64`.
    fn primal_f64(&self) -> f64;
}
