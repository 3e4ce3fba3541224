//! Decimal text of big integers: the magnitude is divided by 10¹⁹ limb by limb, each two-word
//! by one-word step by multiplication with a precomputed reciprocal (Möller and Granlund,
//! "Improved division by invariant integers", IEEE Trans. Computers 60, 2011, Algorithm 4)
//! instead of a 128-bit division instruction sequence; each remainder gives 19 digits.
//!
//! The statement relied on is the algorithm's: for a normalised d (top bit set), v =
//! ⌊(2¹²⁸ − 1)/d⌋ − 2⁶⁴ and u₁ < d, it returns the quotient and remainder of (u₁·2⁶⁴ + u₀)/d.
//! Tests compare with num-bigint's own decimal conversion.

use super::gcd::trim;

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

/// The 19 decimal digits of c < 10¹⁹, zero-padded, into `buf`.
fn digits19(mut c: u64, buf: &mut [u8; 19]) {
    let mut i = 19;
    while i > 1 {
        let pair = (c % 100) as usize * 2;
        c /= 100;
        buf[i - 2..i].copy_from_slice(&PAIRS[pair..pair + 2]);
        i -= 2;
    }
    buf[0] = b'0' + c as u8;
}

/// Appends the decimal digits of the magnitude Σ_k limbs\[k\]·2^(64k) (little-endian, high zero
/// limbs allowed; "0" for zero) to `out`.
pub(crate) fn push_decimal(limbs: impl Iterator<Item = u64>, out: &mut String) {
    let mut n: Vec<u64> = limbs.collect();
    trim(&mut n);
    if n.is_empty() {
        out.push('0');
        return;
    }
    // Base-10¹⁹ digits, least significant first.
    let mut chunks = Vec::with_capacity(n.len() * 20 / 19 + 1);
    while !n.is_empty() {
        let mut r = 0u64;
        for limb in n.iter_mut().rev() {
            let (q, rem) = div_base(r, *limb);
            *limb = q;
            r = rem;
        }
        chunks.push(r);
        trim(&mut n);
    }
    let mut buf = [b'0'; 19];
    let mut bytes = Vec::with_capacity(19 * chunks.len());
    for (k, &c) in chunks.iter().rev().enumerate() {
        digits19(c, &mut buf);
        // The leading chunk without its leading zeros (it is nonzero).
        let skip = if k == 0 { buf.iter().take_while(|&&b| b == b'0').count() } else { 0 };
        bytes.extend_from_slice(&buf[skip..]);
    }
    out.push_str(std::str::from_utf8(&bytes).expect("ASCII digits"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    fn decimal(limbs: &[u64]) -> String {
        let mut s = String::new();
        push_decimal(limbs.iter().copied(), &mut s);
        s
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
