//! Many fractions n/d over one denominator d, put in lowest terms without a gcd each: when d
//! factors over the small primes, gcd(n, d) = Π p^min(e_p, v_p(n)) for d = Π p^e_p. The
//! valuations are read off n mod m for a few moduli m < 2³² that are products of the prime powers
//! p^j dividing d (p^k divides n, for k ≤ j, exactly when it divides n mod m), one pass over n
//! in machine division per modulus ([`rem_u64`]). The fraction-free gradient's entries share one
//! denominator per layer (n·Δ, a product of the data's, the weights' and σ's denominators), which
//! is typically smooth.

use super::{gcd, quo, signed, Q, Z};
use crate::scalar::gcd::{div_exact_odd_u64_in_place, div_rem_u64_in_place, rem_u64, trim};
use crate::scalar::integer::magnitude_from_limbs;
use crate::scalar::Ring;
use num_bigint::{BigUint, Sign};
use num_traits::Zero;
use std::sync::OnceLock;

/// Trial division goes up to this bound.
const SMALL_PRIME_BOUND: u64 = 1 << 10;

/// Moduli stay below this, so that packing a prime power into one never overflows a word.
const MODULUS_BOUND: u64 = 1 << 32;

/// The odd primes below [`SMALL_PRIME_BOUND`] (sieve of Eratosthenes, once), packed into products
/// below 2³²: (product, primes).
fn prime_packs() -> &'static [(u64, Vec<u64>)] {
    static PACKS: OnceLock<Vec<(u64, Vec<u64>)>> = OnceLock::new();
    PACKS.get_or_init(|| {
        let n = SMALL_PRIME_BOUND as usize;
        let mut composite = vec![false; n];
        let mut packs: Vec<(u64, Vec<u64>)> = Vec::new();
        for p in 3..n {
            if composite[p] {
                continue;
            }
            for m in (p * p..n).step_by(p) {
                composite[m] = true;
            }
            let p = p as u64;
            match packs.last_mut() {
                Some((m, ps)) if *m * p < MODULUS_BOUND => {
                    *m *= p;
                    ps.push(p);
                }
                _ => packs.push((p, vec![p])),
            }
        }
        packs
    })
}

/// Whether the limbs (high zero limbs allowed) are 1.
fn is_one(limbs: &[u64]) -> bool {
    limbs.first() == Some(&1) && limbs[1..].iter().all(|&x| x == 0)
}

/// The multiplicity of p in the nonzero word r, at most `cap`.
fn valuation(mut r: u64, p: u64, cap: u32) -> u32 {
    let mut v = 0;
    while v < cap && r.is_multiple_of(p) {
        r /= p;
        v += 1;
    }
    v
}

/// The number of trailing zero bits of the nonzero limbs.
fn trailing_zeros(limbs: &[u64]) -> u64 {
    let k = limbs.iter().position(|&x| x != 0).expect("nonzero");
    64 * k as u64 + u64::from(limbs[k].trailing_zeros())
}

/// limbs >> k (k < 64·len), in place.
fn shift_right(limbs: &mut Vec<u64>, k: u64) {
    let (words, bits) = ((k / 64) as usize, (k % 64) as u32);
    limbs.drain(..words);
    if bits > 0 {
        for i in 0..limbs.len() {
            let hi = limbs.get(i + 1).copied().unwrap_or(0);
            limbs[i] = (limbs[i] >> bits) | (hi << (64 - bits));
        }
    }
}

/// One odd prime factor of d: p, its exponent e_p, and j with p^j the largest power below 2³² and
/// j ≤ e_p.
#[derive(Clone, Debug)]
struct Factor {
    p: u64,
    e: u32,
    j: u32,
}

/// A modulus m < 2³² that is a product of prime powers p^j dividing d, with those factors and
/// the residues 2^(64k) mod m (k < [`POWERS`]) that turn n mod m into a sum of products.
#[derive(Clone, Debug)]
struct Pack {
    m: u64,
    factors: Vec<Factor>,
    powers: Vec<u64>,
}

/// Numerators up to this many limbs take their residues as Σ_k n_k·(2^(64k) mod m), with one
/// division at the end; longer ones by a chain of divisions ([`rem_u64`]).
const POWERS: usize = 64;

impl Pack {
    fn new(m: u64, factors: Vec<Factor>) -> Pack {
        let step = ((1u128 << 64) % u128::from(m)) as u64;
        let mut powers = vec![1 % m];
        while powers.len() < POWERS {
            let last = *powers.last().expect("nonempty");
            powers.push(((last as u128 * step as u128) % u128::from(m)) as u64);
        }
        Pack { m, factors, powers }
    }

    /// n mod m for the limbs n: each term n_k·(2^(64k) mod m) < 2⁹⁶, and up to 64 of them sum
    /// below 2¹⁰², so one u128 holds the whole sum.
    fn rem(&self, n: &[u64]) -> u64 {
        if n.len() > self.powers.len() {
            return rem_u64(n.iter().copied(), self.m);
        }
        let sum = n.iter().zip(&self.powers).fold(0u128, |acc, (&x, &p)| acc + x as u128 * p as u128);
        (sum % u128::from(self.m)) as u64
    }
}

/// A positive denominator d and, when it is a product of primes below 2¹⁰, its factorisation.
#[derive(Clone, Debug)]
pub struct Denominator {
    d: BigUint,
    /// d's limbs.
    limbs: Vec<u64>,
    /// When d is smooth: the exponent of 2, and the odd prime powers packed into moduli below
    /// 2³²: (m = Π p^j, the factors).
    smooth: Option<(u64, Vec<Pack>)>,
}

impl Denominator {
    /// The denominator `d` (its sign is ignored), factored by trial division when it is smooth.
    ///
    /// # Panics
    /// If `d` is 0.
    pub fn new(d: &Z) -> Denominator {
        let d = d.as_big().magnitude().clone();
        assert!(!d.is_zero(), "zero denominator");
        let limbs: Vec<u64> = d.iter_u64_digits().collect();
        let mut rest = limbs.clone();
        let twos = trailing_zeros(&rest);
        shift_right(&mut rest, twos);
        let mut factors = Vec::new();
        for (m, primes) in prime_packs() {
            if is_one(&rest) {
                break;
            }
            let r = rem_u64(rest.iter().copied(), *m);
            for &p in primes.iter().filter(|&&p| r.is_multiple_of(p)) {
                let mut e = 0;
                while rem_u64(rest.iter().copied(), p) == 0 {
                    div_rem_u64_in_place(&mut rest, p);
                    e += 1;
                }
                let (mut power, mut j) = (p, 1);
                while j < e && power * p < MODULUS_BOUND {
                    power *= p;
                    j += 1;
                }
                factors.push(Factor { p, e, j });
            }
        }
        let smooth = is_one(&rest).then(|| {
            let mut packed: Vec<(u64, Vec<Factor>)> = Vec::new();
            for f in factors {
                let power = f.p.pow(f.j);
                match packed.last_mut() {
                    Some((m, fs)) if (*m as u128) * (power as u128) < u128::from(MODULUS_BOUND) => {
                        *m *= power;
                        fs.push(f);
                    }
                    _ => packed.push((power, vec![f])),
                }
            }
            (twos, packed.into_iter().map(|(m, fs)| Pack::new(m, fs)).collect())
        });
        Denominator { d, limbs, smooth }
    }

    /// Whether d was factored (else [`Q::over`] takes one gcd per fraction).
    pub fn is_smooth(&self) -> bool {
        self.smooth.is_some()
    }
}

impl Q {
    /// n/d in lowest terms for the denominator `d` ([`Denominator`]): gcd(n, d) = Π p^min(e_p,
    /// v_p(n)) from the factorisation of d when it is smooth (module docs), else by the gcd.
    pub fn over(n: &Z, d: &Denominator) -> Q {
        let mut num = Vec::new();
        let negative = n.extend_magnitude(&mut num);
        Q::over_limbs(negative, &mut num, d)
    }

    /// [`Q::over`] for the numerator ±Σ_k num\[k\]·2^(64k) (`negative` gives the sign; high zero
    /// limbs allowed; the buffer is used as scratch and left with unspecified contents). The
    /// odd part of the gcd is gathered into words and divided out of numerator and denominator
    /// by exact (Hensel) division.
    pub fn over_limbs(negative: bool, num: &mut Vec<u64>, d: &Denominator) -> Q {
        trim(num);
        if num.is_empty() {
            return Q::zero();
        }
        let sign = if negative { Sign::Minus } else { Sign::Plus };
        let Some((twos, packed)) = &d.smooth else {
            let n = magnitude_from_limbs(num);
            let g = gcd(&n, &d.d);
            return Q::from_reduced(signed(sign, quo(&n, &g).into_owned()), quo(&d.d, &g).into_owned());
        };
        let mut den = d.limbs.clone();
        let k = trailing_zeros(num).min(*twos);
        if k > 0 {
            shift_right(num, k);
            shift_right(&mut den, k);
        }
        // The odd part of gcd(n, d), gathered into words g; each full word is divided out.
        let mut g = 1u64;
        let divide = |num: &mut Vec<u64>, den: &mut Vec<u64>, w: u64, g: &mut u64| {
            if (*g as u128) * (w as u128) > u128::from(u64::MAX) {
                div_exact_odd_u64_in_place(num, *g);
                div_exact_odd_u64_in_place(den, *g);
                *g = 1;
            }
            *g *= w;
        };
        for pack in packed {
            let r = pack.rem(num);
            for f in &pack.factors {
                let v = if r == 0 { f.j } else { valuation(r, f.p, f.j) };
                if v < f.j || v == f.e {
                    if v > 0 {
                        divide(num, &mut den, f.p.pow(v), &mut g);
                    }
                    continue;
                }
                // p^j divides n and d has more factors p: divide it out and go on, chunk by chunk.
                let (mut v, mut left) = (v, f.e);
                while v > 0 {
                    let w = f.p.pow(v);
                    div_exact_odd_u64_in_place(num, w);
                    div_exact_odd_u64_in_place(&mut den, w);
                    left -= v;
                    v = if v == f.j && left > 0 {
                        let cap = f.j.min(left);
                        valuation(rem_u64(num.iter().copied(), f.p.pow(cap)), f.p, cap)
                    } else {
                        0
                    };
                }
            }
        }
        if g > 1 {
            div_exact_odd_u64_in_place(num, g);
            div_exact_odd_u64_in_place(&mut den, g);
        }
        Q::from_reduced(signed(sign, magnitude_from_limbs(num)), magnitude_from_limbs(&den))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_over_a_factored_denominator_are_those_of_the_gcd() {
        // d = 2⁷·3⁴·5·1021 (smooth: 1021 < 2¹⁰) and d·1031 (1031 > 2¹⁰: not smooth).
        let d = Z::from_u64(128 * 81 * 5 * 1021);
        let rough = &d * &Z::from_u64(1031);
        let (fd, fr) = (Denominator::new(&d), Denominator::new(&rough));
        assert!(fd.is_smooth() && !fr.is_smooth());
        for n in [0i64, 1, -1, 2, 96, -405, 1021, 12 * 1021, -(1 << 40) * 27, 1031, 1031 * 64 * 9] {
            let n = Z::from_i64(n) * &Z::from_u64(1_000_003).pow(3);
            assert_eq!(Q::over(&n, &fd), Q::from_z_ratio(&n, &d), "{n}/{d}");
            assert_eq!(Q::over(&n, &fr), Q::from_z_ratio(&n, &rough), "{n}/{rough}");
            assert!(Q::over(&n, &fd).is_valid());
        }
        assert_eq!(Q::over(&Z::from_u64(6), &Denominator::new(&Z::from_u64(4))), Q::new(3, 2));
        // Prime powers beyond one word (3⁴⁰ < 2⁶⁴ < 3⁴¹, 2¹⁰⁰): the valuation runs over chunks.
        let three = Z::from_u64(3);
        let big = Denominator::new(&(three.pow(50) * Z::from_u64(2).pow(100)));
        assert!(big.is_smooth());
        for (a, b) in [(45, 0), (50, 100), (60, 120), (41, 63), (0, 64), (7, 1)] {
            let n = three.pow(a) * Z::from_u64(2).pow(b) * Z::from_u64(1_000_003);
            let want = Q::from_z_ratio(&n, &(three.pow(50) * Z::from_u64(2).pow(100)));
            assert_eq!(Q::over(&n, &big), want, "3^{a}·2^{b}");
            assert_eq!(Q::over(&n.neg(), &big), want.neg(), "−3^{a}·2^{b}");
        }
    }

    #[test]
    fn random_smooth_denominators_give_the_gcd_reduction() {
        // Differential check against the gcd on random prime powers (exponents past one modulus
        // word included) and random cofactors.
        // 1031 is past the trial bound: a denominator with it is not smooth.
        let primes = [2u64, 3, 5, 7, 11, 13, 101, 997, 1009];
        let mut rng = crate::rng::Rng::new(7);
        for _ in 0..300 {
            let rough = rng.below(4) == 0;
            let mut d = Z::from_u64(if rough { 1031 } else { 1 });
            let mut n = Z::from_u64(1 + rng.below(1 << 20) as u64);
            for &p in &primes {
                d = d * Z::from_u64(p).pow(rng.below(30) as u32);
                n = n * Z::from_u64(p).pow(rng.below(40) as u32);
            }
            if rng.below(2) == 0 {
                n = n.neg();
            }
            let fd = Denominator::new(&d);
            assert_eq!(fd.is_smooth(), !rough, "{d}");
            assert_eq!(Q::over(&n, &fd), Q::from_z_ratio(&n, &d), "{n}/{d}");
        }
    }
}
