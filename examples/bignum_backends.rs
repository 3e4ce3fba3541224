//! The same generic exact algorithms over several bignum back ends: [`Q`] (num-bigint with our
//! own Knuth-style field operations and Lehmer gcd) against `QMal` (malachite's `Rational`,
//! feature `malachite`, LGPL-3.0-only) and `QRug` (GMP's `mpq_t` through rug, feature `rug`,
//! LGPL-3.0-or-later, builds GMP from C):
//!
//! `cargo run --release --features malachite,rug --example bignum_backends [-- RUNS]`
//! (either feature alone compares that back end only; with neither, the example says so).
//!
//! Times (i) the exact gradient by back-propagation over the field (`net::evaluate_with`, ½-MSE)
//! on W1, W2 and W4, (ii) W2's exact Hessian by the two generic paths (`hessian_tangent_with`:
//! tangent passes over the field; `hessian_with`: one Hessian-vector product over duals per
//! column), and (iii) raw integer kernels on W1-sized numbers (300–800 bits): a
//! multiply-accumulate loop and a gcd loop, num-bigint with our Lehmer gcd ([`Z`]) against the
//! back end's integers. Every result over the other back end is converted back to `Q` and asserted
//! equal to the result over `Q`. Prints the median wall time of RUNS runs (default 7) of each and
//! the ratio other / ours (below 1: the other back end is faster).

#[path = "../benches/workload.rs"]
mod workload;

use embedcheck::activation::ExactActivation;
use embedcheck::data::Dataset;
use embedcheck::hessian::{hessian_tangent_with, hessian_with};
use embedcheck::linalg::Matrix;
use embedcheck::loss::ExactLoss;
use embedcheck::net::{evaluate_with, Evaluation, Params};
use embedcheck::scalar::{Field, Q, Z};
use std::time::{Duration, Instant};

/// A second exact back end: its rationals (a [`Field`] converted exactly to and from [`Q`]) and
/// its integers, for the raw kernels.
trait Backend {
    /// The name in the table.
    const NAME: &'static str;
    /// Its rationals.
    type Rat: Field;
    /// Its integers.
    type Int;
    /// The exact image of `q`.
    fn rat(q: &Q) -> Self::Rat;
    /// The same rational as a [`Q`].
    fn back(r: &Self::Rat) -> Q;
    /// The integer written in decimal by `s`.
    fn int(s: &str) -> Self::Int;
    /// 0.
    fn zero() -> Self::Int;
    /// `acc += a b` (in place, as the library offers it).
    fn mul_add(acc: &mut Self::Int, a: &Self::Int, b: &Self::Int);
    /// gcd(|a|, |b|).
    fn gcd(a: &Self::Int, b: &Self::Int) -> Self::Int;
    /// The number of significant bits of |a|.
    fn bits(a: &Self::Int) -> u64;
    /// Decimal text.
    fn text(a: &Self::Int) -> String;
}

#[cfg(feature = "malachite")]
mod mal {
    use super::{Backend, Q};
    use embedcheck::scalar::QMal;
    use malachite_base::num::arithmetic::traits::{AddMulAssign, Gcd};
    use malachite_base::num::logic::traits::SignificantBits;
    use malachite_nz::integer::Integer;

    /// malachite (feature `malachite`).
    pub struct Malachite;

    impl Backend for Malachite {
        const NAME: &'static str = "QMal";
        type Rat = QMal;
        type Int = Integer;
        fn rat(q: &Q) -> QMal {
            QMal::from_q(q)
        }
        fn back(r: &QMal) -> Q {
            r.to_q()
        }
        fn int(s: &str) -> Integer {
            s.parse().expect("decimal")
        }
        fn zero() -> Integer {
            Integer::from(0)
        }
        fn mul_add(acc: &mut Integer, a: &Integer, b: &Integer) {
            acc.add_mul_assign(a, b);
        }
        fn gcd(a: &Integer, b: &Integer) -> Integer {
            Integer::from(a.unsigned_abs_ref().gcd(b.unsigned_abs_ref()))
        }
        fn bits(a: &Integer) -> u64 {
            a.significant_bits()
        }
        fn text(a: &Integer) -> String {
            a.to_string()
        }
    }
}

#[cfg(feature = "rug")]
mod gmp {
    use super::{Backend, Q};
    use embedcheck::scalar::QRug;
    use rug::Integer;

    /// GMP through rug (feature `rug`).
    pub struct Gmp;

    impl Backend for Gmp {
        const NAME: &'static str = "QRug";
        type Rat = QRug;
        type Int = Integer;
        fn rat(q: &Q) -> QRug {
            QRug::from_q(q)
        }
        fn back(r: &QRug) -> Q {
            r.to_q()
        }
        fn int(s: &str) -> Integer {
            s.parse().expect("decimal")
        }
        fn zero() -> Integer {
            Integer::new()
        }
        fn mul_add(acc: &mut Integer, a: &Integer, b: &Integer) {
            *acc += a * b;
        }
        fn gcd(a: &Integer, b: &Integer) -> Integer {
            Integer::from(a.gcd_ref(b))
        }
        fn bits(a: &Integer) -> u64 {
            u64::from(a.significant_bits())
        }
        fn text(a: &Integer) -> String {
            a.to_string()
        }
    }
}

/// The median wall times of `runs` calls of `f` and of `g`, run alternately (so that a change
/// of load on a shared machine affects both alike), and the last results.
fn medians<T, U>(runs: usize, mut f: impl FnMut() -> T, mut g: impl FnMut() -> U) -> (Duration, T, Duration, U) {
    let (mut tf, mut tg) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let (mut rf, mut rg) = (None, None);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        rf = Some(std::hint::black_box(f()));
        tf.push(t.elapsed());
        let t = Instant::now();
        rg = Some(std::hint::black_box(g()));
        tg.push(t.elapsed());
    }
    tf.sort();
    tg.sort();
    (tf[tf.len() / 2], rf.expect("one run"), tg[tg.len() / 2], rg.expect("one run"))
}

/// One line of the table: both medians and their ratio.
fn report(what: &str, other: &str, ours: Duration, theirs: Duration) {
    println!(
        "{what:<44} Q {:>10.3} ms   {other} {:>10.3} ms   {other}/Q {:.2}",
        ours.as_secs_f64() * 1e3,
        theirs.as_secs_f64() * 1e3,
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
}

/// The exact ½-MSE gradient by back-propagation over the field `S`.
fn gradient<S: Field>(params: &Params<S>, act: &ExactActivation, data: &Dataset<S>) -> Evaluation<S> {
    evaluate_with(params, act, &ExactLoss::Mse, data).expect("the workload evaluates")
}

/// Asserts that the evaluation over the other back end equals the one over `Q` (loss, gradient,
/// outputs).
fn same_gradient<B: Backend>(q: &Evaluation<Q>, m: &Evaluation<B::Rat>) {
    assert_eq!(q.loss, B::back(&m.loss), "the losses differ");
    let (gq, gm) = (q.gradient.flatten(), m.gradient.flatten());
    assert!(gq.len() == gm.len() && gq.iter().zip(&gm).all(|(a, b)| *a == B::back(b)), "the gradients differ");
    assert!(
        q.outputs.iter().flatten().zip(m.outputs.iter().flatten()).all(|(a, b)| *a == B::back(b)),
        "the outputs differ"
    );
}

/// Asserts that the matrix over the other back end equals the one over `Q`, entry by entry.
fn same_matrix<B: Backend>(q: &Matrix<Q>, m: &Matrix<B::Rat>) {
    assert!(q.data().len() == m.data().len() && q.data().iter().zip(m.data()).all(|(a, b)| *a == B::back(b)));
}

/// A deterministic pseudo-random number generator (xorshift64*), so both back ends see the same
/// operands on every run.
struct Rng(u64);

impl Rng {
    /// The next 64 pseudo-random bits.
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// 64-bit limbs (least significant first) of a random number of exactly `bits` bits.
    fn limbs(&mut self, bits: u32) -> Vec<u64> {
        let n = bits.div_ceil(64) as usize;
        let mut v: Vec<u64> = (0..n).map(|_| self.next()).collect();
        let top = bits - 64 * (n as u32 - 1);
        v[n - 1] = (v[n - 1] >> (64 - top)) | 1 << (top - 1);
        v
    }
}

/// The integer with 64-bit `limbs` (least significant first) as a [`Z`], negated if asked.
fn z_from(limbs: &[u64], negative: bool) -> Z {
    let z = limbs.iter().rev().fold(Z::zero(), |acc, &l| acc.shl(64) + Z::from_u64(l));
    if negative {
        -z
    } else {
        z
    }
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(7);
    #[cfg(feature = "malachite")]
    compare::<mal::Malachite>(runs);
    #[cfg(feature = "rug")]
    compare::<gmp::Gmp>(runs);
    if !cfg!(feature = "malachite") && !cfg!(feature = "rug") {
        println!("no second back end to compare in {runs} runs: enable --features malachite and/or rug");
    }
}

/// The table for back end `B` against [`Q`].
#[allow(dead_code)] // without a back-end feature nothing calls it
fn compare<B: Backend>(runs: usize) {
    let other = B::NAME;
    let few = runs.min(3);
    println!("{other} against Q: medians of {runs} runs (of {few} for the W4 gradient and for hessian_with)");

    // (i) The exact gradient by back-propagation over the field.
    for name in ["W1", "W2", "W4"] {
        let (params, act, data) = workload::load(name);
        let act = act.exact().expect("a polynomial activation").clone();
        let (pm, dm) = (params.map(B::rat), data.map(B::rat));
        let r = if name == "W4" { few } else { runs };
        let (tq, eq, tm, em) = medians(r, || gradient(&params, &act, &data), || gradient(&pm, &act, &dm));
        same_gradient::<B>(&eq, &em);
        report(&format!("{name} gradient (evaluate_with, ½-MSE)"), other, tq, tm);
    }

    // (ii) W2's exact Hessian by the generic paths.
    let (params, act, data) = workload::load("W2");
    let act = act.exact().expect("a polynomial activation").clone();
    let (pm, dm) = (params.map(B::rat), data.map(B::rat));
    let (tq, hq, tm, hm) = medians(
        runs,
        || hessian_tangent_with(&params, &act, &ExactLoss::Mse, &data).unwrap(),
        || hessian_tangent_with(&pm, &act, &ExactLoss::Mse, &dm).unwrap(),
    );
    same_matrix::<B>(&hq, &hm);
    report("W2 Hessian (hessian_tangent_with)", other, tq, tm);
    let (tq, hq2, tm, hm2) = medians(
        few,
        || hessian_with(&params, &act, &ExactLoss::Mse, &data).unwrap(),
        || hessian_with(&pm, &act, &ExactLoss::Mse, &dm).unwrap(),
    );
    same_matrix::<B>(&hq2, &hm2);
    assert_eq!(hq, hq2, "the two Hessian paths differ");
    report("W2 Hessian (hessian_with, duals)", other, tq, tm);

    // (iii) Raw integer kernels on W1-sized numbers (the same operands on every run and for
    // every back end: the generator is seeded).
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    const PAIRS: usize = 2000;
    // Multiply-accumulate: Σ aᵢbᵢ with aᵢ, bᵢ of 300–400 bits (products of 600–800 bits).
    let zs: Vec<(Z, Z)> = (0..PAIRS)
        .map(|_| {
            let (ba, bb) = (300 + (rng.next() % 101) as u32, 300 + (rng.next() % 101) as u32);
            let (a, b, neg) = (rng.limbs(ba), rng.limbs(bb), rng.next().is_multiple_of(2));
            (z_from(&a, neg), z_from(&b, false))
        })
        .collect();
    let ms: Vec<(B::Int, B::Int)> = zs.iter().map(|(a, b)| (B::int(&a.to_string()), B::int(&b.to_string()))).collect();
    let (tq, sz, tm, sm) = medians(
        runs,
        || {
            let mut acc = Z::zero();
            for (a, b) in &zs {
                acc += &(a * b);
            }
            acc
        },
        || {
            let mut acc = B::zero();
            for (a, b) in &ms {
                B::mul_add(&mut acc, a, b);
            }
            acc
        },
    );
    assert_eq!(sz.to_string(), B::text(&sm), "the sums differ");
    report(&format!("integers: {PAIRS} multiply-adds (300–400 bits)"), other, tq, tm);
    // Gcds of 500–800-bit numbers with a common factor of 100–300 bits (the size of the gcds
    // that reduce W1's gradient entries).
    let zg: Vec<(Z, Z)> = (0..PAIRS)
        .map(|_| {
            let bg = 100 + (rng.next() % 201) as u32;
            let g = z_from(&rng.limbs(bg), false);
            let (ba, bb) = (400 + (rng.next() % 101) as u32, 400 + (rng.next() % 101) as u32);
            let (a, b) = (z_from(&rng.limbs(ba), false), z_from(&rng.limbs(bb), false));
            (&a * &g, -(&b * &g))
        })
        .collect();
    let mg: Vec<(B::Int, B::Int)> = zg.iter().map(|(a, b)| (B::int(&a.to_string()), B::int(&b.to_string()))).collect();
    let (tq, gz, tm, gm) = medians(
        runs,
        || zg.iter().map(|(a, b)| a.gcd(b)).collect::<Vec<Z>>(),
        || mg.iter().map(|(a, b)| B::gcd(a, b)).collect::<Vec<_>>(),
    );
    assert!(gz.iter().zip(&gm).all(|(z, m)| z.to_string() == B::text(m)), "the gcds differ");
    report(&format!("integers: {PAIRS} gcds (500–800 bits)"), other, tq, tm);
    // Both together, as in a reduced sum: accumulate, then one gcd with the next operand.
    let (tq, rz, tm, rm) = medians(
        runs,
        || {
            let mut acc = Z::zero();
            let mut bits = 0u64;
            for ((a, b), (c, _)) in zs.iter().zip(&zg) {
                acc += &(a * b);
                bits += acc.gcd(c).bits();
            }
            bits
        },
        || {
            let mut acc = B::zero();
            let mut bits = 0u64;
            for ((a, b), (c, _)) in ms.iter().zip(&mg) {
                B::mul_add(&mut acc, a, b);
                bits += B::bits(&B::gcd(&acc, c));
            }
            bits
        },
    );
    assert_eq!(rz, rm, "the multiply-accumulate-gcd loops differ");
    report(&format!("integers: {PAIRS} multiply-add + gcd"), other, tq, tm);
}
