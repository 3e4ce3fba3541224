//! The same generic exact algorithms over two bignum back ends: [`Q`] (num-bigint with our own
//! Knuth-style field operations and Lehmer gcd) and [`QMal`] (malachite's `Rational`, feature
//! `malachite`, LGPL-3.0-only):
//!
//! `cargo run --release --features malachite --example bignum_backends [-- RUNS]`
//!
//! Times (i) the exact gradient by back-propagation over the field (`net::evaluate_with`, ½-MSE)
//! on W1, W2 and W4, (ii) W2's exact Hessian by the two generic paths (`hessian_tangent_with`:
//! tangent passes over the field; `hessian_with`: one Hessian-vector product over duals per
//! column), and (iii) raw integer kernels on W1-sized numbers (300–800 bits): a
//! multiply-accumulate loop and a gcd loop, num-bigint with our Lehmer gcd ([`Z`]) against
//! malachite's `Integer`/`Natural`. Every result over `QMal` is converted back to `Q` and asserted
//! equal to the result over `Q`. Prints the median wall time of RUNS runs (default 7) of each and
//! the ratio malachite / ours (below 1: malachite is faster).

#[path = "../benches/workload.rs"]
mod workload;

use embedcheck::activation::ExactActivation;
use embedcheck::data::Dataset;
use embedcheck::hessian::{hessian_tangent_with, hessian_with};
use embedcheck::linalg::Matrix;
use embedcheck::loss::ExactLoss;
use embedcheck::net::{evaluate_with, Evaluation, Params};
use embedcheck::scalar::{Field, QMal, Q, Z};
use malachite_base::num::arithmetic::traits::{AddMulAssign, Gcd};
use malachite_base::num::logic::traits::SignificantBits;
use malachite_nz::integer::Integer;
use malachite_nz::natural::Natural;
use std::time::{Duration, Instant};

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
fn report(what: &str, ours: Duration, mal: Duration) {
    println!(
        "{what:<44} Q {:>10.3} ms   QMal {:>10.3} ms   QMal/Q {:.2}",
        ours.as_secs_f64() * 1e3,
        mal.as_secs_f64() * 1e3,
        mal.as_secs_f64() / ours.as_secs_f64()
    );
}

/// The exact ½-MSE gradient by back-propagation over the field `S`.
fn gradient<S: Field>(params: &Params<S>, act: &ExactActivation, data: &Dataset<S>) -> Evaluation<S> {
    evaluate_with(params, act, &ExactLoss::Mse, data).expect("the workload evaluates")
}

/// Asserts that the evaluation over `QMal` equals the one over `Q` (loss, gradient, outputs).
fn same_gradient(q: &Evaluation<Q>, m: &Evaluation<QMal>) {
    assert_eq!(q.loss, m.loss.to_q(), "the losses differ");
    let (gq, gm) = (q.gradient.flatten(), m.gradient.flatten());
    assert!(gq.len() == gm.len() && gq.iter().zip(&gm).all(|(a, b)| *a == b.to_q()), "the gradients differ");
    assert!(
        q.outputs.iter().flatten().zip(m.outputs.iter().flatten()).all(|(a, b)| *a == b.to_q()),
        "the outputs differ"
    );
}

/// Asserts that the matrix over `QMal` equals the one over `Q`, entry by entry.
fn same_matrix(q: &Matrix<Q>, m: &Matrix<QMal>) {
    assert!(q.data().len() == m.data().len() && q.data().iter().zip(m.data()).all(|(a, b)| *a == b.to_q()));
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

/// The integer with 64-bit `limbs` (least significant first) as a malachite `Natural`.
fn natural_from(limbs: &[u64]) -> Natural {
    Natural::from_limbs_asc(limbs)
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(7);
    let few = runs.min(3);
    println!("medians of {runs} runs (of {few} for the W4 gradient and for hessian_with)");

    // (i) The exact gradient by back-propagation over the field.
    for name in ["W1", "W2", "W4"] {
        let (params, act, data) = workload::load(name);
        let act = act.exact().expect("a polynomial activation").clone();
        let (pm, dm) = (params.map(QMal::from_q), data.map(QMal::from_q));
        let r = if name == "W4" { few } else { runs };
        let (tq, eq, tm, em) = medians(r, || gradient(&params, &act, &data), || gradient(&pm, &act, &dm));
        same_gradient(&eq, &em);
        report(&format!("{name} gradient (evaluate_with, ½-MSE)"), tq, tm);
    }

    // (ii) W2's exact Hessian by the generic paths.
    let (params, act, data) = workload::load("W2");
    let act = act.exact().expect("a polynomial activation").clone();
    let (pm, dm) = (params.map(QMal::from_q), data.map(QMal::from_q));
    let (tq, hq, tm, hm) = medians(
        runs,
        || hessian_tangent_with(&params, &act, &ExactLoss::Mse, &data).unwrap(),
        || hessian_tangent_with(&pm, &act, &ExactLoss::Mse, &dm).unwrap(),
    );
    same_matrix(&hq, &hm);
    report("W2 Hessian (hessian_tangent_with)", tq, tm);
    let (tq, hq2, tm, hm2) = medians(
        few,
        || hessian_with(&params, &act, &ExactLoss::Mse, &data).unwrap(),
        || hessian_with(&pm, &act, &ExactLoss::Mse, &dm).unwrap(),
    );
    same_matrix(&hq2, &hm2);
    assert_eq!(hq, hq2, "the two Hessian paths differ");
    report("W2 Hessian (hessian_with, duals)", tq, tm);

    // (iii) Raw integer kernels on W1-sized numbers.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    const PAIRS: usize = 2000;
    // Multiply-accumulate: Σ aᵢbᵢ with aᵢ, bᵢ of 300–400 bits (products of 600–800 bits).
    let operands: Vec<(Vec<u64>, Vec<u64>, bool)> = (0..PAIRS)
        .map(|_| {
            let (ba, bb) = (300 + (rng.next() % 101) as u32, 300 + (rng.next() % 101) as u32);
            (rng.limbs(ba), rng.limbs(bb), rng.next().is_multiple_of(2))
        })
        .collect();
    let zs: Vec<(Z, Z)> = operands.iter().map(|(a, b, neg)| (z_from(a, *neg), z_from(b, false))).collect();
    let ms: Vec<(Integer, Integer)> = operands
        .iter()
        .map(|(a, b, neg)| {
            let a = Integer::from(natural_from(a));
            (if *neg { -a } else { a }, Integer::from(natural_from(b)))
        })
        .collect();
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
            let mut acc = Integer::from(0);
            for (a, b) in &ms {
                acc.add_mul_assign(a, b);
            }
            acc
        },
    );
    assert_eq!(sz.to_string(), sm.to_string(), "the sums differ");
    report(&format!("integers: {PAIRS} multiply-adds (300–400 bits)"), tq, tm);
    // Gcds of 500–800-bit numbers with a common factor of 100–300 bits (the size of the gcds
    // that reduce W1's gradient entries).
    let gcd_operands: Vec<(Vec<u64>, Vec<u64>)> = (0..PAIRS)
        .map(|_| {
            let bg = 100 + (rng.next() % 201) as u32;
            let g = rng.limbs(bg);
            let mul = |x: &[u64], y: &[u64]| (natural_from(x) * natural_from(y)).to_limbs_asc();
            let (ba, bb) = (400 + (rng.next() % 101) as u32, 400 + (rng.next() % 101) as u32);
            (mul(&rng.limbs(ba), &g), mul(&rng.limbs(bb), &g))
        })
        .collect();
    let zg: Vec<(Z, Z)> = gcd_operands.iter().map(|(a, b)| (z_from(a, false), z_from(b, true))).collect();
    let mg: Vec<(Integer, Integer)> =
        gcd_operands.iter().map(|(a, b)| (Integer::from(natural_from(a)), -Integer::from(natural_from(b)))).collect();
    let (tq, gz, tm, gm) = medians(
        runs,
        || zg.iter().map(|(a, b)| a.gcd(b)).collect::<Vec<Z>>(),
        || mg.iter().map(|(a, b)| a.unsigned_abs_ref().gcd(b.unsigned_abs_ref())).collect::<Vec<_>>(),
    );
    assert!(gz.iter().zip(&gm).all(|(z, m)| z.to_string() == m.to_string()), "the gcds differ");
    report(&format!("integers: {PAIRS} gcds (500–800 bits)"), tq, tm);
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
            let mut acc = Integer::from(0);
            let mut bits = 0u64;
            for ((a, b), (c, _)) in ms.iter().zip(&mg) {
                acc.add_mul_assign(a, b);
                bits += acc.unsigned_abs_ref().gcd(c.unsigned_abs_ref()).significant_bits();
            }
            bits
        },
    );
    assert_eq!(rz, rm, "the multiply-accumulate-gcd loops differ");
    report(&format!("integers: {PAIRS} multiply-add + gcd"), tq, tm);
}
