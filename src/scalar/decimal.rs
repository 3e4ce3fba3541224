//! Decimal text of big integers: the magnitude is divided by 10¹⁹ limb by limb, each two-word
//! by one-word step by multiplication with a precomputed reciprocal (Möller and Granlund,
//! "Improved division by invariant integers", IEEE Trans. Computers 60, 2011, Algorithm 4)
//! instead of a 128-bit division instruction sequence; each remainder gives 19 digits.
//!
//! The statement relied on is the algorithm's: for a normalised d (top bit set), v =
//! ⌊(2¹²⁸ − 1)/d⌋ − 2⁶⁴ and u₁ < d, it returns the quotient and remainder of (u₁·2⁶⁴ + u₀)/d.
//! Tests compare with num-bigint's own decimal conversion.

/// 10¹⁹, the largest power of ten below 2⁶⁴; its top bit is set (10¹⁹ > 2⁶³).
const BASE: u64 = 10_000_000_000_000_000_000;

/// ⌊(2¹²⁸ − 1)/10¹⁹⌋ − 2⁶⁴.
const RECIPROCAL: u64 = (u128::MAX / BASE as u128 - (1u128 << 64)) as u64;

/// (u₁·2⁶⁴ + u₀) divided by 10¹⁹ for u₁ < 10¹⁹: (quotient, remainder).
#[inline]
fn div_base(u1: u64, u0: u64) -> (u64, u64) {
    let q = RECIPROCAL as u128 * u1 as u128 + ((u1 as u128) << 64 | u0 as u128);
    let (mut q1, q0) = (((q >> 64) as u64).wrapping_add(1), q as u64);
    let mut r = u0.wrapping_sub(q1.wrapping_mul(BASE));
    if r > q0 {
        q1 = q1.wrapping_sub(1);
        r = r.wrapping_add(BASE);
    }
    if r >= BASE {
        q1 += 1;
        r -= BASE;
    }
    (q1, r)
}

/// "00", "01", …, "99": two digits per table lookup.
const PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Writes the two digits of x < 100 at `out[0..2]`.
#[inline]
fn pair(x: u32, out: &mut [u8]) {
    let i = x as usize * 2;
    out[..2].copy_from_slice(&PAIRS[i..i + 2]);
}

/// The 8 decimal digits of x < 10⁸, zero-padded, into `out[0..8]`: two independent halves of
/// four digits, so that the divisions by small constants overlap.
#[inline]
fn digits8(x: u32, out: &mut [u8]) {
    let (high, low) = (x / 10_000, x % 10_000);
    pair(high / 100, &mut out[0..]);
    pair(high % 100, &mut out[2..]);
    pair(low / 100, &mut out[4..]);
    pair(low % 100, &mut out[6..]);
}

/// The 19 decimal digits of c < 10¹⁹, zero-padded, into `buf`: c = h·10¹⁶ + a·10⁸ + b with
/// h < 1000 and a, b < 10⁸.
fn digits19(c: u64, buf: &mut [u8; 19]) {
    let (h, rest) = ((c / 10_000_000_000_000_000) as u32, c % 10_000_000_000_000_000);
    let (a, b) = ((rest / 100_000_000) as u32, (rest % 100_000_000) as u32);
    buf[0] = b'0' + (h / 100) as u8;
    pair(h % 100, &mut buf[1..]);
    digits8(a, &mut buf[3..]);
    digits8(b, &mut buf[11..]);
}

/// Limbs kept on the stack by [`push_decimal`] (308 digits); longer numbers use the heap.
const STACK_LIMBS: usize = 16;

/// Up to `N` words on the stack, all of them moved to the heap once there are more.
struct Words<const N: usize> {
    stack: [u64; N],
    heap: Vec<u64>,
    len: usize,
}

impl<const N: usize> Words<N> {
    fn new() -> Self {
        Words { stack: [0; N], heap: Vec::new(), len: 0 }
    }

    fn push(&mut self, w: u64) {
        if self.len < N {
            self.stack[self.len] = w;
        } else {
            if self.len == N {
                self.heap.extend_from_slice(&self.stack);
            }
            self.heap.push(w);
        }
        self.len += 1;
    }

    fn as_mut_slice(&mut self) -> &mut [u64] {
        if self.len <= N {
            &mut self.stack[..self.len]
        } else {
            &mut self.heap
        }
    }
}

/// Appends the decimal digits of the magnitude Σ_k limbs\[k\]·2^(64k) (little-endian, high zero
/// limbs allowed; "0" for zero) to `out`, as ASCII bytes.
pub(crate) fn push_decimal(limbs: impl Iterator<Item = u64>, out: &mut Vec<u8>) {
    let mut words = Words::<STACK_LIMBS>::new();
    limbs.for_each(|l| words.push(l));
    let n = words.as_mut_slice();
    let mut top = n.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
    if top == 0 {
        out.push(b'0');
        return;
    }
    // Base-10¹⁹ digits, least significant first: at most ⌈64·top·log₁₀2/19⌉ ≤ top + top/64 + 1.
    let mut chunks = Words::<{ STACK_LIMBS + 2 }>::new();
    while top > 0 {
        let mut r = 0u64;
        for limb in n[..top].iter_mut().rev() {
            let (q, rem) = div_base(r, *limb);
            *limb = q;
            r = rem;
        }
        chunks.push(r);
        while top > 0 && n[top - 1] == 0 {
            top -= 1;
        }
    }
    let chunks = chunks.as_mut_slice();
    out.reserve(19 * chunks.len());
    let mut buf = [b'0'; 19];
    let (&first, rest) = chunks.split_last().expect("a nonzero number has a chunk");
    digits19(first, &mut buf);
    // The leading chunk without its leading zeros (it is nonzero); the others whole.
    let skip = buf.iter().take_while(|&&b| b == b'0').count();
    out.extend_from_slice(&buf[skip..]);
    for &c in rest.iter().rev() {
        digits19(c, &mut buf);
        out.extend_from_slice(&buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    fn decimal(limbs: &[u64]) -> String {
        let mut s = Vec::new();
        push_decimal(limbs.iter().copied(), &mut s);
        String::from_utf8(s).expect("ASCII digits")
    }

    fn reference(limbs: &[u64]) -> String {
        BigUint::from_slice(&limbs.iter().flat_map(|&l| [l as u32, (l >> 32) as u32]).collect::<Vec<_>>()).to_string()
    }

    #[test]
    fn division_by_the_base_matches_u128_arithmetic() {
        for u1 in [0, 1, 12345, BASE - 1] {
            for u0 in [0, 1, BASE - 1, BASE, u64::MAX, 0x8000_0000_0000_0000] {
                let x = (u1 as u128) << 64 | u0 as u128;
                let (q, r) = div_base(u1, u0);
                assert_eq!((q as u128, r as u128), (x / BASE as u128, x % BASE as u128), "{u1}·2⁶⁴ + {u0}");
            }
        }
    }

    #[test]
    fn numbers_longer_than_the_stack_buffers_are_converted_on_the_heap() {
        // Around STACK_LIMBS limbs (the limb buffer) and past STACK_LIMBS + 2 chunks (the
        // chunk buffer: 18 limbs of ones have 347 digits, 19 chunks).
        for len in [STACK_LIMBS - 1, STACK_LIMBS, STACK_LIMBS + 1, STACK_LIMBS + 2, 2 * STACK_LIMBS + 3] {
            let ones = vec![u64::MAX; len];
            assert_eq!(decimal(&ones), reference(&ones), "{len} limbs of ones");
            let mut sparse = vec![0u64; len];
            sparse[len - 1] = 1;
            sparse[0] = 7;
            assert_eq!(decimal(&sparse), reference(&sparse), "2^(64·{}) + 7", len - 1);
        }
    }

    #[test]
    fn a_chunk_has_the_nineteen_digits_of_its_zero_padded_decimal() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut values = vec![0, 1, 99, 100, 99_999_999, 100_000_000, 10_000_000_000_000_000 - 1];
        values.extend([10_000_000_000_000_000, 999 * 10_000_000_000_000_000, BASE - 1]);
        for _ in 0..1000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(x % BASE);
        }
        let mut buf = [0u8; 19];
        for c in values {
            digits19(c, &mut buf);
            assert_eq!(std::str::from_utf8(&buf).unwrap(), format!("{c:019}"));
        }
    }

    #[test]
    fn decimal_text_is_num_bigint_s() {
        // Zero, chunk boundaries (10¹⁹ ± 1, inner zero chunks), all-ones limbs, and a
        // pseudo-random walk over lengths 1 to 12.
        assert_eq!(decimal(&[]), "0");
        assert_eq!(decimal(&[0, 0]), "0");
        for limbs in [
            &[1][..],
            &[9],
            &[10],
            &[99],
            &[100],
            &[BASE - 1],
            &[BASE],
            &[BASE + 1],
            &[u64::MAX, u64::MAX, u64::MAX],
            &[0, 1],
            &[1, 0, 0, 1],
        ] {
            assert_eq!(decimal(limbs), reference(limbs), "{limbs:?}");
        }
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for len in 1..=12 {
            for _ in 0..20 {
                let limbs: Vec<u64> = (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        x
                    })
                    .collect();
                assert_eq!(decimal(&limbs), reference(&limbs), "{limbs:?}");
            }
        }
        // 10^38 = 10¹⁹·10¹⁹: the lower chunks are all zeros and must be padded.
        let hundred_e36 = (BASE as u128) * (BASE as u128);
        assert_eq!(decimal(&[hundred_e36 as u64, (hundred_e36 >> 64) as u64]), format!("1{}", "0".repeat(38)));
    }
}
