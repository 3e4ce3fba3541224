//! Sums of products of integers, Σ_i a_i·b_i, on raw 64-bit limbs with no allocation per
//! product: the kernel of the fraction-free passes (`net::zform`) and of the fraction-free
//! gradient's sum over samples, where most of the time went into allocating and freeing each
//! product's temporary.
//!
//! A term is added by schoolbook multiplication (Knuth, TAOCP vol. 2, §4.3.1, Algorithm M)
//! directly into one of two magnitudes, one for the terms of each sign; the value is the
//! difference of the two at the end. Everything is exact integer arithmetic: the statement relied
//! on is only that schoolbook multiplication with carries computes the product of magnitudes.
//!
//! [`Packed`] keeps a whole vector of such integers in one buffer, so that a pass over a
//! network allocates per vector, not per entry.

mod packed;

pub use packed::Packed;

use super::gcd::cmp;
use super::Z;

/// A borrowed integer: a sign and magnitude limbs (little-endian, no high zero limb; none for
/// 0), an entry of [`Limbs`] or [`Packed`].
#[derive(Clone, Copy, Debug)]
pub struct Int<'a> {
    /// Whether the integer is negative.
    pub negative: bool,
    /// |n| in little-endian 64-bit limbs.
    pub magnitude: &'a [u64],
}

impl Int<'_> {
    /// Whether this is 0.
    pub fn is_zero(&self) -> bool {
        self.magnitude.is_empty()
    }

    /// As a [`Z`].
    pub fn to_z(&self) -> Z {
        Z::from_sign_limbs(self.negative, self.magnitude)
    }
}

/// An integer as a sign and magnitude limbs (little-endian, no high zero limb; none for 0),
/// converted once so that it can enter many products.
#[derive(Debug, PartialEq, Eq, Default)]
pub struct Limbs {
    negative: bool,
    magnitude: Vec<u64>,
}

impl Clone for Limbs {
    fn clone(&self) -> Limbs {
        Limbs { negative: self.negative, magnitude: self.magnitude.clone() }
    }

    /// Reuses this value's buffer (the derived `clone_from` would allocate a new one).
    fn clone_from(&mut self, source: &Limbs) {
        self.negative = source.negative;
        self.magnitude.clone_from(&source.magnitude);
    }
}

impl Limbs {
    /// The limbs of `z`.
    pub fn of(z: &Z) -> Limbs {
        let (negative, magnitude) = z.to_sign_limbs();
        Limbs { negative, magnitude }
    }

    /// Whether this is 0.
    pub fn is_zero(&self) -> bool {
        self.magnitude.is_empty()
    }

    /// The number of limbs of |n|.
    pub fn limb_count(&self) -> usize {
        self.magnitude.len()
    }

    /// The borrowed view.
    pub fn view(&self) -> Int<'_> {
        Int { negative: self.negative, magnitude: &self.magnitude }
    }

    /// Sets this to the value of `acc`, keeping the allocation.
    pub fn set_sum(&mut self, acc: &Accumulator) {
        self.magnitude.clear();
        self.negative = acc.write_difference(&mut self.magnitude);
    }
}

/// A running sum Σ a_i·b_i of products of [`Limbs`].
#[derive(Clone, Debug, Default)]
pub struct Accumulator {
    positive: Vec<u64>,
    negative: Vec<u64>,
}

/// target += a·b on magnitudes (target grown as needed).
#[inline]
fn add_product(target: &mut Vec<u64>, a: &[u64], b: &[u64]) {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let need = a.len() + b.len() + 1;
    if target.len() < need {
        target.resize(need, 0);
    }
    for (j, &bj) in b.iter().enumerate() {
        if bj == 0 {
            continue;
        }
        let mut carry = 0u64;
        for (ai, t) in a.iter().zip(&mut target[j..]) {
            // ≤ (2⁶⁴−1) + (2⁶⁴−1)² + (2⁶⁴−1) = 2¹²⁸ − 1: no overflow.
            let x = *t as u128 + *ai as u128 * bj as u128 + carry as u128;
            *t = x as u64;
            carry = (x >> 64) as u64;
        }
        let mut k = j + a.len();
        while carry != 0 {
            if k == target.len() {
                target.push(0);
            }
            let (s, overflow) = target[k].overflowing_add(carry);
            target[k] = s;
            carry = u64::from(overflow);
            k += 1;
        }
    }
}

impl Accumulator {
    /// The empty sum.
    pub fn new() -> Accumulator {
        Accumulator::default()
    }

    /// Back to the empty sum, keeping the allocations.
    pub fn clear(&mut self) {
        self.positive.clear();
        self.negative.clear();
    }

    /// Adds a·b for borrowed integers.
    #[inline]
    pub fn add(&mut self, a: Int<'_>, b: Int<'_>) {
        if a.is_zero() || b.is_zero() {
            return;
        }
        let target = if a.negative == b.negative { &mut self.positive } else { &mut self.negative };
        add_product(target, a.magnitude, b.magnitude);
    }

    /// Adds v (a product with 1).
    #[inline]
    pub fn add_value(&mut self, v: Int<'_>) {
        self.add(v, Int { negative: false, magnitude: &[1] });
    }

    /// The sum.
    pub fn value(&self) -> Z {
        let mut magnitude = Vec::new();
        let negative = self.write_difference(&mut magnitude);
        Z::from_sign_limbs(negative, &magnitude)
    }

    /// Appends |sum| to `out` (no high zero limb) and returns whether the sum is negative: the
    /// difference of the two magnitudes, the smaller taken from the larger.
    pub fn write_difference(&self, out: &mut Vec<u64>) -> bool {
        let (p, n) = (trimmed(&self.positive), trimmed(&self.negative));
        let negative = cmp(p, n) == std::cmp::Ordering::Less;
        let (big, small) = if negative { (n, p) } else { (p, n) };
        let start = out.len();
        let mut borrow = false;
        for (i, &b) in big.iter().enumerate() {
            let s = small.get(i).copied().unwrap_or(0);
            let (d, o1) = b.overflowing_sub(s);
            let (d, o2) = d.overflowing_sub(u64::from(borrow));
            borrow = o1 || o2;
            out.push(d);
        }
        debug_assert!(!borrow, "the larger magnitude is taken first");
        while out.len() > start && out.last() == Some(&0) {
            out.pop();
        }
        negative && out.len() > start
    }
}

/// `limbs` without its high zero limbs.
fn trimmed(limbs: &[u64]) -> &[u64] {
    let len = limbs.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
    &limbs[..len]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::Ring;

    fn z(s: &str) -> Z {
        crate::scalar::Q::parse(s).unwrap().numer_z()
    }

    /// Σ_i a_i·b_i by one accumulator.
    fn dot(a: &[Z], b: &[Z]) -> Z {
        let mut acc = Accumulator::new();
        for (x, y) in a.iter().zip(b) {
            acc.add(Limbs::of(x).view(), Limbs::of(y).view());
        }
        acc.value()
    }

    #[test]
    fn a_dot_product_is_the_sum_of_the_big_integer_products() {
        // Operands across the limb boundaries: 2⁶⁴ − 1, 2⁶⁴, 2¹²⁸ + 1, negatives, 0.
        let values = [
            "0",
            "1",
            "-1",
            "18446744073709551615",
            "18446744073709551616",
            "-340282366920938463463374607431768211457",
            "123456789012345678901234567890123456789012345678901234567890",
            "-98765432109876543210987654321",
        ];
        let zs: Vec<Z> = values.iter().map(|s| z(s)).collect();
        for a in &zs {
            for b in &zs {
                for c in &zs {
                    let want = a.mul(b).add(&c.mul(a)).sub(&b.mul(c));
                    let got = dot(&[a.clone(), c.clone(), b.neg()], &[b.clone(), a.clone(), c.clone()]);
                    assert_eq!(got, want, "{a}·{b} + {c}·{a} − {b}·{c}");
                }
            }
        }
    }

    #[test]
    fn machine_integers_pack_as_their_big_integers() {
        let values =
            [0i128, 1, -1, i64::MAX as i128, u64::MAX as i128, -(u64::MAX as i128) - 1, i128::MAX, i128::MIN + 1];
        let (mut words, mut bigs) = (Packed::default(), Packed::default());
        for v in values {
            words.push_i128(v);
            bigs.push_z(&z(&v.to_string()));
        }
        assert_eq!(words, bigs);
    }

    #[test]
    fn the_carry_runs_through_a_full_limb() {
        // (2⁶⁴ − 1)² + (2⁶⁴ − 1)² + 2·(2⁶⁴ − 1) carries out of the lowest limbs several times.
        let m = z("18446744073709551615");
        let mut acc = Accumulator::new();
        for _ in 0..1000 {
            acc.add(Limbs::of(&m).view(), Limbs::of(&m).view());
        }
        assert_eq!(acc.value(), m.mul(&m).mul(&Z::from_u64(1000)));
        acc.clear();
        assert_eq!(acc.value(), Z::zero());
    }
}
