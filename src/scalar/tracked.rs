//! `Tracked`: an exact value carried together with what a floating-point evaluation of the same
//! computation could get wrong — its absolute-value majorant and its rounding count.
//!
//! Run any straight-line computation of +, −, × (and the inverse of exact constants) over
//! `Tracked` and each result carries
//! - `value`: the exact result (over Q);
//! - `majorant` ≥ ỹ: the same computation with every input replaced by its absolute value and
//!   every − by + (rounded upward, so it is an upper bound);
//! - `count` = N: the largest number of roundings any term of the expansion passes through
//!   (inputs that are not doubles count one rounding each).
//!
//! Then an evaluation of that computation in binary64 (unit roundoff u = 2^−53, round to
//! nearest, any summation order, FMA or not, no overflow or underflow) returns ŷ with
//! |ŷ − y| ≤ γ_N·ỹ, γ_N = Nu/(1 − Nu) (Higham, *Accuracy and Stability of Numerical Algorithms*,
//! 2002, Lemma 3.1 and §3.1: every term is the exact term times at most N factors (1 + δ_i)^{±1},
//! |δ_i| ≤ u). Derivation and the margin `compare` adds: `proofs/compare-bound.md`.
//!
//! Exact zeros and multiplications by ±1 or powers of two are free (no rounding), so sparse
//! computations do not inflate N.

use super::{f64_nearest, q_from_f64, Field, Ring, Q};
use std::cmp::Ordering;

/// A value with its absolute-value majorant and rounding count (module docs). `V = Q` carries
/// the exact value (needed where a piecewise σ branches on its sign); `V = f64` only an
/// approximation, for the majorant and count alone at a fraction of the cost.
#[derive(Clone, Debug, PartialEq)]
pub struct Tracked<V = Q> {
    /// The value (exact for `V = Q`).
    pub value: V,
    /// An upper bound on the absolute-value evaluation ỹ.
    pub majorant: f64,
    /// N: roundings along the worst term.
    pub count: u32,
}

fn up(x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x.next_up()
    }
}

fn power_of_two(x: f64) -> bool {
    x.is_normal() && x.to_bits() & ((1u64 << 52) - 1) == 0
}

impl<V: Field> Tracked<V> {
    /// An input or constant: no rounding (count 0) when it is a double, one otherwise.
    pub fn exact(q: &Q) -> Tracked<V> {
        let x = f64_nearest(q).abs();
        let is_double = q_from_f64(f64_nearest(q)).as_ref() == Some(q);
        Tracked {
            value: V::from_q(q),
            majorant: if is_double { x } else { up(x) },
            count: if is_double { 0 } else { 1 },
        }
    }

    fn is_exact_zero(&self) -> bool {
        self.count == 0 && self.majorant == 0.0
    }

    /// A constant ±2^k, by which a product is exact.
    fn is_free_factor(&self) -> bool {
        self.count == 0 && power_of_two(self.majorant)
    }
}

impl<V: Field> Ring for Tracked<V> {
    fn zero() -> Self {
        Tracked { value: V::zero(), majorant: 0.0, count: 0 }
    }
    fn one() -> Self {
        Tracked { value: V::one(), majorant: 1.0, count: 0 }
    }
    fn from_i64(n: i64) -> Self {
        Tracked::exact(&Q::int(n))
    }
    fn add(&self, rhs: &Self) -> Self {
        if self.is_exact_zero() {
            return rhs.clone();
        }
        if rhs.is_exact_zero() {
            return self.clone();
        }
        Tracked {
            value: self.value.add(&rhs.value),
            majorant: up(self.majorant + rhs.majorant),
            count: self.count.max(rhs.count) + 1,
        }
    }
    fn sub(&self, rhs: &Self) -> Self {
        self.add(&rhs.neg())
    }
    fn mul(&self, rhs: &Self) -> Self {
        if self.is_exact_zero() || rhs.is_exact_zero() {
            return Tracked::zero();
        }
        let free = self.is_free_factor() || rhs.is_free_factor();
        Tracked {
            value: self.value.mul(&rhs.value),
            majorant: up(self.majorant * rhs.majorant),
            count: self.count + rhs.count + u32::from(!free),
        }
    }
    fn neg(&self) -> Self {
        Tracked { value: self.value.neg(), majorant: self.majorant, count: self.count }
    }
    /// Zero only when every evaluation gives 0 (an exact zero); a quantity that is 0 in Q but
    /// was computed may be nonzero in floating point, so it must not be skipped.
    fn is_zero(&self) -> bool {
        self.is_exact_zero()
    }
}

impl<V: Field> Field for Tracked<V> {
    fn from_q(q: &Q) -> Self {
        Tracked::exact(q)
    }
    /// Only constants (count 0) are inverted: 1/c costs one rounding unless c = ±2^k. A computed
    /// quantity has no inverse here (`None`), as the bound does not cover division by it.
    fn inv(&self) -> Option<Self> {
        if self.count != 0 || self.majorant == 0.0 {
            return None;
        }
        let free = power_of_two(self.majorant);
        Some(Tracked {
            value: self.value.inv()?,
            majorant: if free { 1.0 / self.majorant } else { up(1.0 / self.majorant) },
            count: u32::from(!free),
        })
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        self.value.primal_cmp_zero()
    }
}

/// γ_N = N·u/(1 − N·u) with u = 2^−53, exactly; `None` when N·u ≥ 1 (no bound).
pub fn gamma_exact(n: u64) -> Option<Q> {
    let nu = Q::int(n as i64).mul(&Q::int(2).pow(-53));
    let den = Q::one().sub(&nu);
    (den.signum() > 0).then(|| nu.div(&den).expect("positive"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(n: i64, d: i64) -> Tracked<Q> {
        Tracked::exact(&Q::new(n, d))
    }

    #[test]
    fn a_dot_product_of_length_three_counts_one_product_and_two_sums() {
        // (1, −3, 5)·(7, 3, −5): the first product is free (a factor 1), the others round once;
        // two additions follow, so the worst term passes 3 roundings.
        let xs = [t(1, 1), t(-3, 1), t(5, 1)];
        let ys = [t(7, 1), t(3, 1), t(-5, 1)];
        let s = xs.iter().zip(&ys).fold(Tracked::<Q>::zero(), |acc, (x, y)| acc.add(&x.mul(y)));
        assert_eq!(s.value, Q::int(7 - 9 - 25));
        assert_eq!(s.count, 3);
        assert!(s.majorant >= 41.0 && s.majorant <= 41.0 * (1.0 + 1e-14), "{}", s.majorant);
    }

    #[test]
    fn one_third_is_an_input_rounding() {
        let x = t(1, 3);
        assert_eq!(x.count, 1);
        assert!(q_from_f64(x.majorant).unwrap() >= Q::new(1, 3));
    }

    #[test]
    fn gamma_is_the_textbook_value() {
        // γ_1 = u/(1 − u) = 1/(2^53 − 1).
        assert_eq!(gamma_exact(1).unwrap(), Q::one().div(&Q::int(2).pow(53).sub(&Q::one())).unwrap());
        assert!(gamma_exact(1 << 53).is_none());
    }
}
