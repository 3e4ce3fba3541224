//! Each modulus against the u128 remainder, Fermat's little theorem, and inverses.

use super::*;

/// n words spread over the whole 64-bit range: a Weyl sequence by ⌊2⁶⁴/φ⌋ from `seed`, with a
/// multiply-xorshift finaliser (`crate::rng` sits above `scalar`, so it is not used here).
fn spread(seed: u64, n: usize) -> Vec<u64> {
    (1..=n as u64)
        .map(|k| {
            let z = seed.wrapping_add(k.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let z = (z ^ (z >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z ^ (z >> 29)
        })
        .collect()
}

/// The largest prime below 2⁶²: 2⁶² − 57 (the first of [`primes`]).
const P62: u64 = (1 << 62) - 57;

/// The reference product: a·b mod p by the u128 remainder.
fn reference(a: u64, b: u64, p: u64) -> u64 {
    ((a as u128 * b as u128) % p as u128) as u64
}

/// Residues that stress a reduction: 0, 1, 2, p − 1, p − 2, ⌊p/2⌋, 2⁶⁰ mod p, and random ones.
fn cases(p: u64, seed: u64) -> Vec<u64> {
    let mut out = vec![0, 1 % p, 2 % p, p - 1, p.saturating_sub(2), p / 2, (1 << 60) % p];
    out.extend(spread(seed, 200).into_iter().map(|x| x % p));
    out
}

#[test]
fn mersenne_product_and_reduction_agree_with_the_u128_remainder() {
    let m = Mersenne61;
    let xs = cases(P61, 1);
    for &a in &xs {
        for &b in &xs[..20] {
            assert_eq!(m.mul(a, b), reference(a, b, P61), "{a}·{b}");
        }
    }
    // Unreduced inputs: 2⁶¹ ≡ 1, p ≡ 0, 2p ≡ 0, 2⁶⁴ − 1 = 8·2⁶¹ − 1 ≡ 7.
    for (a, want) in [(1u64 << 61, 1), (P61, 0), (2 * P61, 0), (2 * P61 + 5, 5), (u64::MAX, 7)] {
        assert_eq!(m.represent(a), want, "{a}");
    }
    for a in spread(2, 1000) {
        assert_eq!(m.represent(a), a % P61, "{a}");
    }
}

#[test]
fn montgomery_product_agrees_with_the_u128_remainder() {
    for p in [3, 1_000_000_007, P61, P62] {
        let m = Montgomery::new(p);
        let xs = cases(p, p);
        for &a in &xs {
            assert_eq!(m.residue(m.represent(a)), a, "round trip of {a} mod {p}");
            for &b in &xs[..20] {
                let prod = m.residue(m.mul(m.represent(a), m.represent(b)));
                assert_eq!(prod, reference(a, b, p), "{a}·{b} mod {p}");
                // A plain residue times a Montgomery-form value is the plain product.
                assert_eq!(m.mul(a, m.represent(b)), reference(a, b, p), "{a}·{b} mod {p}");
            }
        }
        assert_eq!(m.residue(m.one()), 1);
    }
}

#[test]
fn montgomery_dot_product_is_the_sum_of_the_termwise_products() {
    // Reduced once per four products: the worst case is all entries p − 1 (four products just
    // under p·2⁶⁴ for P62); lengths around the multiples of four check the remainder.
    for p in [3, 1_000_000_007, P61, P62] {
        let m = Montgomery::new(p);
        let xs = cases(p, p ^ 7);
        for len in 0..=13 {
            for start in [0, 7, 40] {
                let (a, b) = (&xs[start..start + len], &xs[start + 50..start + 50 + len]);
                let worst = vec![p - 1; len];
                for (a, b) in [(a, b), (&worst[..], &worst[..])] {
                    let termwise = a.iter().zip(b).fold(0, |acc, (&x, &y)| m.add(acc, m.mul(x, y)));
                    assert_eq!(m.dot(a, b), termwise, "length {len} from {start} mod {p}");
                }
                // Montgomery-form a_k times plain b_k: the plain sum, against the u128 remainder.
                let mont: Vec<u64> = a.iter().map(|&x| m.represent(x)).collect();
                let plain = a.iter().zip(b).fold(0, |acc, (&x, &y)| (acc + reference(x, y, p)) % p);
                assert_eq!(m.dot(&mont, b), plain, "plain sum, length {len} from {start} mod {p}");
            }
        }
    }
}

#[test]
fn word_prime_addition_and_subtraction_do_not_overflow_near_two_to_the_64() {
    // 2⁶⁴ − 59 is the largest prime below 2⁶⁴; sums of residues overflow u64.
    let p = u64::MAX - 58;
    let z = WordPrime::new(p);
    for &a in &cases(p, 3)[..40] {
        for &b in &cases(p, 4)[..40] {
            assert_eq!(z.add(a, b) as u128, (a as u128 + b as u128) % p as u128, "{a} + {b}");
            assert_eq!(z.sub(a, b) as u128, (a as u128 + p as u128 - b as u128) % p as u128, "{a} − {b}");
            assert_eq!(z.mul(a, b), reference(a, b, p));
        }
    }
}

/// Fermat's little theorem: a^(p−1) = 1 for every a ≢ 0 modulo a prime p, in each representation.
fn fermat_and_inverses<M: Modulus>(m: &M, seed: u64) {
    let p = m.modulus();
    for a in cases(p, seed).into_iter().filter(|&a| a != 0) {
        let x = m.represent(a);
        assert_eq!(m.pow(x, p - 1), m.one(), "Fermat for {a} mod {p}");
        let inv = m.inv(x).expect("a nonzero residue modulo a prime is invertible");
        assert_eq!(m.mul(x, inv), m.one(), "{a}·{a}⁻¹ mod {p}");
        // Euclid's inverse is Fermat's a^(p−2).
        assert_eq!(inv, m.pow(x, p - 2), "two inverses of {a} mod {p}");
    }
    assert_eq!(m.inv(m.represent(0)), None);
    assert_eq!(m.pow(m.represent(0), 0), m.one());
}

#[test]
fn fermat_little_theorem_and_inverses_hold_for_every_modulus() {
    fermat_and_inverses(&Mersenne61, 5);
    for p in [2, 3, 101, 1_000_000_007, P61, P62, u64::MAX - 58] {
        fermat_and_inverses(&WordPrime::new(p), p);
    }
    for p in [3, 101, 1_000_000_007, P61, P62] {
        fermat_and_inverses(&Montgomery::new(p), p);
    }
}

#[test]
fn powers_and_inverses_modulo_composites_match_hand_values() {
    // 3⁵ = 243 = 34·7 + 5.
    assert_eq!(WordPrime::new(7).pow(3, 5), 5);
    // 2·8 = 16 ≡ 1 (mod 15); 6 shares the factor 3 with 15.
    let z = WordPrime::new(15);
    assert_eq!(z.inv(2), Some(8));
    assert_eq!(z.inv(6), None);
    // Negative control for Fermat: n = 2⁶² − 1 is composite and 2⁶² ≡ 1 (mod n), so
    // 2^(n−1) = 2^((n−1) mod 62) = 2² = 4 ≠ 1 (n − 1 = 2⁶² − 2 ≡ 2 mod 62).
    let n = (1u64 << 62) - 1;
    assert_eq!(WordPrime::new(n).pow(2, n - 1), 4);
    assert_eq!(Montgomery::new(n).residue(Montgomery::new(n).pow(Montgomery::new(n).represent(2), n - 1)), 4);
}

#[test]
fn miller_rabin_agrees_with_trial_division_below_ten_thousand() {
    let trial = |n: u64| n >= 2 && (2..n).take_while(|d| d * d <= n).all(|d| !n.is_multiple_of(d));
    assert!((0..10_000).all(|n| is_prime(n) == trial(n)));
    // 2⁶¹ − 1 is a Mersenne prime; 2⁶² − 1 = 3·715827883·2147483647 is not.
    assert!(is_prime(P61));
    assert!(!is_prime((1 << 62) - 1));
    assert_eq!(primes().next(), Some(P62));
}
