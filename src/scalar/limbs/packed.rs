//! A vector of integers packed into one buffer of limbs: entry i is a sign and the limbs
//! `limbs[ends[i−1]..ends[i]]`. Building a vector appends to the buffer, so a vector costs two
//! allocations however many entries it has.

use super::{Accumulator, Int};
use crate::scalar::Z;

/// A vector of integers in one limb buffer (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed {
    limbs: Vec<u64>,
    /// Per entry: where its limbs end, and whether it is negative.
    ends: Vec<(usize, bool)>,
}

impl Packed {
    /// The empty vector, with room for `entries` entries of about `limbs_each` limbs.
    pub fn with_capacity(entries: usize, limbs_each: usize) -> Packed {
        Packed { limbs: Vec::with_capacity(entries * limbs_each), ends: Vec::with_capacity(entries) }
    }

    /// The vector of `zs`.
    pub fn of(zs: &[Z]) -> Packed {
        let mut p = Packed::with_capacity(zs.len(), 2);
        for z in zs {
            p.push_z(z);
        }
        p
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The most limbs of any entry.
    pub fn widest(&self) -> usize {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&(end, _)| {
                let w = end - start;
                start = end;
                w
            })
            .max()
            .unwrap_or(0)
    }

    /// Entry i.
    #[inline]
    pub fn get(&self, i: usize) -> Int<'_> {
        let start = if i == 0 { 0 } else { self.ends[i - 1].0 };
        let (end, negative) = self.ends[i];
        Int { negative, magnitude: &self.limbs[start..end] }
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = Int<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Every entry as a [`Z`].
    pub fn to_z(&self) -> Vec<Z> {
        self.iter().map(|v| v.to_z()).collect()
    }

    /// Appends `z`.
    pub fn push_z(&mut self, z: &Z) {
        let negative = z.extend_magnitude(&mut self.limbs);
        self.close(negative);
    }

    /// Appends the machine integer `v`.
    pub fn push_i128(&mut self, v: i128) {
        let m = v.unsigned_abs();
        let (lo, hi) = (m as u64, (m >> 64) as u64);
        if hi != 0 {
            self.limbs.extend_from_slice(&[lo, hi]);
        } else if lo != 0 {
            self.limbs.push(lo);
        }
        self.close(v < 0);
    }

    /// Appends `v`.
    pub fn push(&mut self, v: Int<'_>) {
        self.limbs.extend_from_slice(v.magnitude);
        self.close(v.negative);
    }

    /// Appends the value of `acc`.
    pub fn push_sum(&mut self, acc: &Accumulator) {
        let negative = acc.write_difference(&mut self.limbs);
        self.close(negative);
    }

    fn close(&mut self, negative: bool) {
        let start = self.ends.last().map_or(0, |e| e.0);
        self.ends.push((self.limbs.len(), negative && start < self.limbs.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::{Ring, Q};

    fn z(s: &str) -> Z {
        Q::parse(s).unwrap().numer_z()
    }

    #[test]
    fn packed_entries_read_back_as_the_integers_pushed() {
        let zs: Vec<Z> = ["0", "-1", "18446744073709551616", "0", "-340282366920938463463374607431768211457", "7"]
            .iter()
            .map(|s| z(s))
            .collect();
        let p = Packed::of(&zs);
        assert_eq!(p.len(), zs.len());
        assert_eq!(p.to_z(), zs);
        // Zero has no limbs and no sign, whichever way it was built.
        assert!(p.get(0).is_zero() && !p.get(0).negative && p.get(3).is_zero());
        let mut q = Packed::default();
        for v in p.iter() {
            q.push(v);
        }
        assert_eq!(q, p);
    }

    #[test]
    fn a_packed_sum_is_the_difference_of_the_two_signs() {
        // a·b − a·b = 0 (equal magnitudes cancel); c² − 3a (the positive side larger); 2ab < 0
        // (the negative side alone).
        let (a, b, c) = (z("18446744073709551617"), z("-3"), z("99999999999999999999999999"));
        let mut acc = Accumulator::new();
        let mut p = Packed::default();
        for (x, y, u, v) in [(&a, &b, &a, &b.neg()), (&a, &b, &c, &c), (&a, &b, &a, &b)] {
            acc.clear();
            acc.add(super::super::Limbs::of(x).view(), super::super::Limbs::of(y).view());
            acc.add(super::super::Limbs::of(u).view(), super::super::Limbs::of(v).view());
            p.push_sum(&acc);
        }
        let want = [Z::zero(), a.mul(&b).add(&c.mul(&c)), a.mul(&b).add(&a.mul(&b))];
        assert_eq!(p.to_z(), want);
        assert!(!p.get(0).negative, "0 is not negative");
        assert!(p.get(2).negative && !p.get(1).negative);
    }
}
