//! Reading a fuzzer's byte string as a small case: every byte string decodes to *some* valid case
//! (missing bytes read as 0), so the fuzzer explores cases, not parse errors.

use crate::scalar::{Ring, Q};

/// A cursor over the fuzzer's bytes.
#[derive(Clone, Debug)]
pub struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    /// Starts at the first byte.
    pub fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data, at: 0 }
    }

    /// The next byte, or 0 once the input is used up.
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    /// The next 8 bytes as a little-endian u64 (missing bytes are 0).
    pub fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, k| acc | (u64::from(self.byte()) << (8 * k)))
    }

    /// An index in 0..n (n ≥ 1).
    pub fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }

    /// A count in lo..=hi.
    pub fn count(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// A small rational p/q with |p| ≤ 7 and 1 ≤ q ≤ 4, from two bytes (so 0 is reachable).
    pub fn small_q(&mut self) -> Q {
        let p = i64::from(self.byte() % 15) - 7;
        let q = i64::from(self.byte() % 4) + 1;
        Q::new(p, q)
    }

    /// A small rational that is not zero.
    pub fn small_nonzero_q(&mut self) -> Q {
        let v = self.small_q();
        if v.is_zero() {
            Q::one()
        } else {
            v
        }
    }

    /// A vector of `n` small rationals.
    pub fn vector(&mut self, n: usize) -> Vec<Q> {
        (0..n).map(|_| self.small_q()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exhausted_input_reads_as_zero_bytes() {
        let mut b = Bytes::new(&[3]);
        assert_eq!(b.byte(), 3);
        assert_eq!(b.byte(), 0);
        assert_eq!(b.u64(), 0);
    }

    #[test]
    fn small_q_covers_its_range_and_never_divides_by_zero() {
        // Byte pairs (p_byte, q_byte) → (p_byte mod 15) − 7 over (q_byte mod 4) + 1.
        assert_eq!(Bytes::new(&[0, 0]).small_q(), Q::int(-7));
        assert_eq!(Bytes::new(&[14, 3]).small_q(), Q::new(7, 4));
        assert_eq!(Bytes::new(&[7, 1]).small_q(), Q::zero());
        assert_eq!(Bytes::new(&[7, 1]).small_nonzero_q(), Q::one());
    }

    #[test]
    fn u64_is_little_endian() {
        assert_eq!(Bytes::new(&[1, 2]).u64(), 0x0201);
    }
}
