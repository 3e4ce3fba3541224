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

/// Appends the decimal digits of the magnitude Σ_k limbs\[k\]·2^(64k) (little-endian, high zero
/// limbs allowed; "0" for zero) to `out`.
pub(crate) fn push_decimal(limbs: &[u64], out: &mut String) {
    let mut n: Vec<u64> = limbs.to_vec();
    while n.last() == Some(&0) {
        n.pop();
    }
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
        while n.last() == Some(&0) {
            n.pop();
        }
    }
    let top = chunks.pop().expect("a nonzero number has a chunk");
    out.push_str(&top.to_string());
    let mut buf = [b'0'; 19];
    for mut c in chunks.into_iter().rev() {
        for b in buf.iter_mut().rev() {
            *b = b'0' + (c % 10) as u8;
            c /= 10;
        }
        out.push_str(std::str::from_utf8(&buf).expect("ASCII digits"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    fn decimal(limbs: &[u64]) -> String {
        let mut s = String::new();
        push_decimal(limbs, &mut s);
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
        for limbs in [&[BASE - 1][..], &[BASE], &[BASE + 1], &[u64::MAX, u64::MAX, u64::MAX], &[0, 1], &[1, 0, 0, 1]] {
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
