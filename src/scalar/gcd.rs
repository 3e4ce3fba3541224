//! Greatest common divisors of nonnegative integers given as little-endian 64-bit limbs: the
//! kernel of [`super::Q`]'s normalisation (num-integer's gcd for big integers is Stein's
//! bit-by-bit loop with an allocation per shift, which dominated every exact workload).
//!
//! - one word: binary gcd (Stein 1967) on `u64`/`u128` registers, no allocation;
//! - several words: Lehmer's algorithm (Knuth, TAOCP vol. 2, §4.5.2, Algorithm L) in the form
//!   of CPython's `_PyLong_GCD` (Jebelean's stopping condition, nonnegative cofactors): the
//!   quotients of Euclid's algorithm are computed on the leading 64 bits, their product matrix
//!   (entries below 2³²) is applied to the full numbers in one pass, and a full division step
//!   is taken only when the leading bits determine no quotient.
//!
//! Statement relied on: gcd(a, b) = gcd(b, a − qb) for any integer q (every step is a unimodular
//! transformation of the pair), so each algorithm returns gcd(a, b) exactly.

/// Limbs without high zero limbs (the empty slice is 0).
pub(crate) fn trim(v: &mut Vec<u64>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

/// Binary gcd of two words (gcd(0, b) = b).
pub fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// Binary gcd of two double words (gcd(0, b) = b).
pub fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return gcd_u64(x, y) as u128;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
        if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
            return (gcd_u64(x, y) as u128) << shift;
        }
    }
}

/// `a mod d` for limbs `a` and a nonzero word `d` (Horner's rule from the top limb).
///
/// # Panics
/// If `d == 0`.
pub fn rem_u64(a: impl DoubleEndedIterator<Item = u64>, d: u64) -> u64 {
    assert!(d != 0, "remainder by zero");
    let d = d as u128;
    a.rev().fold(0u128, |r, limb| ((r << 64) | limb as u128) % d) as u64
}

/// Divides the limbs `a` (little-endian) by the nonzero word `d` in place and returns the
/// remainder (schoolbook division from the top limb, Knuth's Algorithm D for a one-word divisor).
///
/// # Panics
/// If `d == 0`.
#[inline]
pub fn div_rem_u64_in_place(a: &mut [u64], d: u64) -> u64 {
    assert!(d != 0, "division by zero");
    let d = d as u128;
    let mut r = 0u128;
    for limb in a.iter_mut().rev() {
        let x = (r << 64) | *limb as u128;
        *limb = (x / d) as u64;
        r = x % d;
    }
    r as u64
}

/// Divides the limbs `a` (little-endian) in place by the odd word `d`, which must divide them:
/// exact division by Hensel's method (the quotient's limbs from the bottom, each by one
/// multiplication with d⁻¹ mod 2⁶⁴; Jebelean 1993, GMP's `divexact_1`), with no division
/// instruction. High zero limbs are removed.
///
/// # Panics
/// If `d` is even (debug builds also check that it divides `a`).
pub fn div_exact_odd_u64_in_place(a: &mut Vec<u64>, d: u64) {
    assert!(d % 2 == 1, "Hensel division needs an odd divisor");
    // d⁻¹ mod 2⁶⁴ by Newton's iteration x ← x(2 − dx), which doubles the correct low bits; d is
    // its own inverse mod 2³, so five steps reach 96 ≥ 64 bits.
    let mut inv = d;
    for _ in 0..5 {
        inv = inv.wrapping_mul(2u64.wrapping_sub(d.wrapping_mul(inv)));
    }
    let mut borrow = 0u64;
    for x in a.iter_mut() {
        // The remaining value's low limb is x − borrow; q·d ≡ it mod 2⁶⁴, and the high word of
        // q·d (at most d − 1) plus the borrow out of the subtraction carries into the next limb.
        let (t, out) = x.overflowing_sub(borrow);
        let q = t.wrapping_mul(inv);
        *x = q;
        borrow = ((q as u128 * d as u128) >> 64) as u64 + u64::from(out);
    }
    debug_assert_eq!(borrow, 0, "{d} does not divide the limbs");
    trim(a);
}

fn bits(v: &[u64]) -> u64 {
    v.last().map_or(0, |top| 64 * v.len() as u64 - top.leading_zeros() as u64)
}

/// The 64 bits of `v` starting at bit `shift` (bits past the top are zero).
fn window(v: &[u64], shift: u64) -> u64 {
    let (w, b) = ((shift / 64) as usize, shift % 64);
    let lo = v.get(w).copied().unwrap_or(0);
    let hi = v.get(w + 1).copied().unwrap_or(0);
    if b == 0 {
        lo
    } else {
        (lo >> b) | (hi << (64 - b))
    }
}

fn as_u128(v: &[u64]) -> Option<u128> {
    match v {
        [] => Some(0),
        [a] => Some(*a as u128),
        [a, b] => Some(*a as u128 | (*b as u128) << 64),
        _ => None,
    }
}

/// The order of two trimmed magnitudes.
pub(crate) fn cmp(a: &[u64], b: &[u64]) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// `p·x − q·y` for words p, q < 2⁶³, when the caller knows the result is nonnegative, written
/// into `out` (its previous contents dropped, its allocation reused).
fn lin_comb(out: &mut Vec<u64>, p: u64, x: &[u64], q: u64, y: &[u64]) {
    let n = x.len().max(y.len());
    out.clear();
    let mut carry: i128 = 0;
    for i in 0..n {
        let xi = x.get(i).copied().unwrap_or(0) as i128;
        let yi = y.get(i).copied().unwrap_or(0) as i128;
        // |p·xi − q·yi| < 2¹²⁷ and |carry| < 2⁶⁴: no overflow.
        let t = p as i128 * xi - q as i128 * yi + carry;
        out.push(t as u64);
        carry = t >> 64;
    }
    debug_assert!(carry >= 0, "Lehmer step produced a negative number");
    if carry > 0 {
        out.push(carry as u64);
    }
    trim(out);
}

/// gcd(a, b) for limbs (little-endian, any high zero limbs allowed), by Lehmer's algorithm
/// (module docs).
///
/// # Errors
/// `Err((a', b'))` with a' ≥ b' > 0 and gcd(a', b') = gcd(a, b) when the leading bits of a'
/// and b' determine no quotient (b' much shorter than a'): the caller replaces the pair by
/// (b', a' mod b') with a full division and calls again.
pub fn gcd_limbs(mut a: Vec<u64>, mut b: Vec<u64>) -> Result<Vec<u64>, (Vec<u64>, Vec<u64>)> {
    trim(&mut a);
    trim(&mut b);
    if cmp(&a, &b) == std::cmp::Ordering::Less {
        std::mem::swap(&mut a, &mut b);
    }
    // The next pair is written into these and swapped in: two allocations for the whole loop.
    let (mut na, mut nb) = (Vec::with_capacity(a.len() + 1), Vec::with_capacity(a.len() + 1));
    loop {
        // Invariant: a ≥ b ≥ 0, both trimmed.
        if b.is_empty() {
            return Ok(a);
        }
        if let (Some(x), Some(y)) = (as_u128(&a), as_u128(&b)) {
            let g = gcd_u128(x, y);
            let mut out = vec![g as u64, (g >> 64) as u64];
            trim(&mut out);
            return Ok(out);
        }
        if b.len() == 1 {
            return Ok(vec![gcd_u64(b[0], rem_u64(a.iter().copied(), b[0]))]);
        }
        // Leading 63 bits of a (a has three limbs or more), and the bits of b at the same place.
        let shift = bits(&a) - 63;
        let (mut x, mut y) = (window(&a, shift), window(&b, shift));
        // Cofactors, all nonnegative; the signs alternate with the parity of k (CPython).
        let (mut ca, mut cb, mut cc, mut cd) = (1u64, 0u64, 0u64, 1u64);
        let mut k = 0u32;
        loop {
            if y <= cc {
                break;
            }
            let q = (x + (ca - 1)) / (y - cc);
            let s = cb as i128 + q as i128 * cd as i128;
            let t = x as i128 - q as i128 * y as i128;
            let nd = ca as u128 + q as u128 * cc as u128;
            // Jebelean's condition s ≤ t; the cofactors then stay below 2³² (x < 2⁶³), and the
            // explicit bound 2⁶³ is what `lin_comb` needs.
            if s > t || s >= 1 << 63 || nd >= 1 << 63 {
                break;
            }
            x = y;
            y = t as u64;
            (ca, cb, cc, cd) = (cd, cc, s as u64, nd as u64);
            k += 1;
        }
        if k == 0 {
            return Err((a, b));
        }
        if k % 2 == 1 {
            lin_comb(&mut na, ca, &b, cb, &a);
            lin_comb(&mut nb, cd, &a, cc, &b);
        } else {
            lin_comb(&mut na, ca, &a, cb, &b);
            lin_comb(&mut nb, cd, &b, cc, &a);
        }
        std::mem::swap(&mut a, &mut na);
        std::mem::swap(&mut b, &mut nb);
        if cmp(&a, &b) == std::cmp::Ordering::Less {
            std::mem::swap(&mut a, &mut b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_gcds_match_hand_values() {
        assert_eq!(gcd_u64(0, 12), 12);
        assert_eq!(gcd_u64(12, 18), 6);
        assert_eq!(gcd_u64(720720, 1 << 20), 16);
        assert_eq!(gcd_u128(3u128 << 100, 9u128 << 90), 3u128 << 90);
        // 2⁶⁴ ≡ 1 (mod 3), so [2, 1] = 2 + 2⁶⁴ ≡ 0 (mod 3).
        assert_eq!(rem_u64([2u64, 1].into_iter(), 3), 0);
    }

    #[test]
    fn lehmer_hands_back_a_pair_whose_leading_bits_fix_no_quotient() {
        // b is 3 limbs shorter than a: its bits under a's leading 63 are all zero.
        let (a, b) = (vec![1, 2, 3, 4, 5], vec![7, 9]);
        match gcd_limbs(a.clone(), b.clone()) {
            Err((x, y)) => assert_eq!((x, y), (a, b)),
            Ok(g) => panic!("expected a division step, got {g:?}"),
        }
        // Equal inputs: the last quotient's remainder is 0, which only a division step sees.
        assert!(gcd_limbs(vec![5, 6, 7], vec![5, 6, 7]).is_err());
    }

    #[test]
    fn word_division_of_limbs_agrees_with_u128_arithmetic() {
        // Two-limb numbers, so the reference is plain u128 arithmetic; divisors from 1 to 2⁶⁴ − 1.
        let numbers = [0u128, 1, u64::MAX as u128, (1 << 64) + 5, u128::MAX, 0x1234_5678_9abc_def0_0fed_cba9_8765_4321];
        let divisors = [1u64, 2, 3, 1021, (1 << 32) - 5, 1 << 32, (1 << 32) + 15, (1 << 61) - 1, u64::MAX];
        for &x in &numbers {
            for &d in &divisors {
                let limbs = [x as u64, (x >> 64) as u64];
                assert_eq!(rem_u64(limbs.into_iter(), d) as u128, x % d as u128, "{x} mod {d}");
                let mut q = limbs;
                let r = div_rem_u64_in_place(&mut q, d);
                assert_eq!(
                    (q[0] as u128 | (q[1] as u128) << 64, r as u128),
                    (x / d as u128, x % d as u128),
                    "{x} / {d}"
                );
            }
        }
    }

    #[test]
    fn hensel_division_gives_the_quotient_of_an_exact_division() {
        // q·d for multi-limb q and odd d (1, 3, a 32-bit and a 64-bit one), divided back; the
        // reference quotient is q itself, and schoolbook division agrees.
        let quotients: [&[u64]; 4] =
            [&[7], &[u64::MAX, u64::MAX], &[0, 0, 1], &[0x9e37_79b9_7f4a_7c15, 3, u64::MAX, 42]];
        for q in quotients {
            for d in [1u64, 3, 1_220_703_125, u64::MAX, 0xffff_ffff_ffff_ffc5] {
                let mut a = Vec::new();
                let mut carry = 0u128;
                for &limb in q {
                    let x = limb as u128 * d as u128 + carry;
                    a.push(x as u64);
                    carry = x >> 64;
                }
                a.push(carry as u64);
                let mut want = a.clone();
                assert_eq!(div_rem_u64_in_place(&mut want, d), 0);
                while want.last() == Some(&0) {
                    want.pop();
                }
                div_exact_odd_u64_in_place(&mut a, d);
                assert_eq!(a, want, "{q:?}·{d} / {d}");
                let mut trimmed = q.to_vec();
                while trimmed.last() == Some(&0) {
                    trimmed.pop();
                }
                assert_eq!(a, trimmed);
            }
        }
    }
}
