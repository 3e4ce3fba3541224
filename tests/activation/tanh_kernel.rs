//! The vectorised tanh kernel (`activation::tanh_with_slope`) against exact rational enclosures
//! of tanh and sech², at the error bounds derived in its module docs: |t̂ − tanh x| ≤ 7u·tanh|x|
//! and |ĝ − sech² x| ≤ 8u·sech² x (u = 2^{−53}), both within [`TANH_KERNEL_ULPS`] = 8.
//!
//! **Reference.** For a double x, y = 2|x| is an exact dyadic rational. e^y is enclosed by
//! the Taylor sum S_N(r) = Σ_{i≤N} r^i/i! at r = y/2^j ≤ ½, summed until the upper end of a
//! term is 2^{−128}; the rest of the series is at most that last term (successive terms shrink by
//! r/(i+1) ≤ ½). Then it is squared j times. Every term and every square has its lower end
//! rounded down and its upper end rounded up to a multiple of 2^{−128} (all values are ≥ 1), so
//! the enclosure stays valid and narrow (relative width below 2^{−100} after the squarings). With
//! q = e^{−y} ∈ [1/hi, 1/lo] (exact reciprocals),
//! tanh|x| = (1 − q)/(1 + q) decreases in q and sech² x = 4q/(1 + q)² increases in q on (0, 1],
//! which gives enclosures of both. A computed value v̂ is within c·u of every value V in
//! [V_lo, V_hi] when max(|v̂ − V_lo|, |v̂ − V_hi|) ≤ c·u·V_lo (|v̂ − V| is convex in V), all in Q.

use embedcheck::activation::{tanh_with_slope, TANH_KERNEL_ULPS};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Field, Ring, Q};

/// Working precision of the enclosures, in bits.
const PREC: i32 = 128;

/// The bounds proved in the kernel's module docs, in units of u.
const TANH_ULPS: i64 = 7;
const SECH2_ULPS: i64 = 8;

/// The double `x` (finite) as an exact rational.
fn exact(x: f64) -> Q {
    if x == 0.0 {
        return Q::zero();
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = (bits & ((1u64 << 52) - 1)) as i64;
    let (mant, e) = if exp == 0 { (frac, -1074) } else { (frac | (1i64 << 52), exp - 1075) };
    let v = Q::int(mant).mul(&Q::int(2).pow(e));
    if x < 0.0 {
        v.neg()
    } else {
        v
    }
}

fn round_down(v: &Q) -> Q {
    let s = Q::int(2).pow(PREC);
    v.mul(&s).floor().mul(&s.inv().unwrap())
}

fn round_up(v: &Q) -> Q {
    round_down(&v.neg()).neg()
}

/// An enclosure [lo, hi] of e^y for a rational 0 ≤ y ≤ 1024 (module docs).
fn exp_enclosure(y: &Q) -> (Q, Q) {
    let half = Q::new(1, 2);
    let mut j = 0;
    let mut r = y.clone();
    while r > half {
        r = r.mul(&half);
        j += 1;
    }
    // Terms r^i/i! with their lower and upper ends rounded outward as they are formed.
    let (mut lo, mut hi) = (Q::one(), Q::one());
    let (mut term_lo, mut term_hi) = (Q::one(), Q::one());
    let small = Q::int(2).pow(-PREC);
    let mut i = 0;
    while term_hi > small {
        i += 1;
        term_lo = round_down(&term_lo.mul(&r).mul(&Q::new(1, i)));
        term_hi = round_up(&term_hi.mul(&r).mul(&Q::new(1, i)));
        lo = lo.add(&term_lo);
        hi = hi.add(&term_hi);
    }
    // The tail after term i is at most 2·term_i·r/(i+1) ≤ term_i.
    hi = hi.add(&term_hi);
    for _ in 0..j {
        lo = round_down(&lo.square());
        hi = round_up(&hi.square());
    }
    (lo, hi)
}

/// Enclosures of tanh|x| and sech² x.
fn tanh_sech2_enclosure(x: f64) -> ((Q, Q), (Q, Q)) {
    let y = exact(x).abs().scale_i64(2);
    let (lo, hi) = exp_enclosure(&y);
    let (q_lo, q_hi) = (hi.inv().unwrap(), lo.inv().unwrap());
    let t = |q: &Q| Q::one().sub(q).mul(&Q::one().add(q).inv().unwrap());
    let g = |q: &Q| q.scale_i64(4).mul(&Q::one().add(q).square().inv().unwrap());
    ((t(&q_hi), t(&q_lo)), (g(&q_lo), g(&q_hi)))
}

/// Whether `v` is within `ulps`·u (relative) of every value in [lo, hi] (0 < lo ≤ hi).
fn within(v: f64, (lo, hi): &(Q, Q), ulps: i64) -> bool {
    let v = exact(v);
    let allowed = lo.mul(&Q::int(ulps)).mul(&Q::int(2).pow(-53));
    v.sub(lo).abs() <= allowed && v.sub(hi).abs() <= allowed
}

/// The kernel on one value.
fn kernel(x: f64) -> (f64, f64) {
    let (mut v, mut g) = ([x], [0.0]);
    tanh_with_slope(&mut v, &mut g);
    (v[0], g[0])
}

/// Error of `v` against the midpoint of an enclosure, in units of u relative (for reports).
fn ulps(v: f64, (lo, hi): &(Q, Q)) -> f64 {
    let mid = lo.add(hi).mul(&Q::new(1, 2));
    exact(v).sub(&mid).abs().mul(&mid.inv().unwrap()).to_f64() / (f64::EPSILON / 2.0)
}

/// Test points: both sides of every change of k and of the clamp, and log-uniform samples over
/// [2^{−30}, 350] with a printed seed, of both signs.
fn points() -> Vec<f64> {
    let ln2 = std::f64::consts::LN_2;
    let mut xs = vec![2f64.powi(-30), 1e-5, 0.1, 0.25, 0.5, 1.0, 2.0, 19.06, 20.0, 100.0, 349.99, 350.0];
    // k changes at y = (k + ½) ln 2, i.e. |x| = (k + ½) ln 2 / 2.
    for k in 0..6 {
        let b = (k as f64 + 0.5) * ln2 / 2.0;
        let mut lo = b;
        let mut hi = b;
        for _ in 0..4 {
            lo = f64::from_bits(lo.to_bits() - 1);
            hi = f64::from_bits(hi.to_bits() + 1);
            xs.push(lo);
            xs.push(hi);
        }
    }
    let seed = 0x7a6e_6b65_726e_656c;
    eprintln!("tanh kernel test points: seed {seed:#x}");
    let mut rng = Rng::new(seed);
    for _ in 0..400 {
        let e = rng.range(-30, 8) as i32;
        let m = 1.0 + (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        xs.push((m * 2f64.powi(e)).min(350.0));
    }
    xs.iter().flat_map(|&x| [x, -x]).collect()
}

/// \[kernel docs\] Every kernel value is within 7u (tanh) and 8u (sech²) of the exact value.
#[test]
fn tanh_kernel_is_within_its_proved_bound_of_exact_tanh_and_sech2() {
    assert!(TANH_ULPS.max(SECH2_ULPS) <= TANH_KERNEL_ULPS as i64);
    let (mut worst_t, mut worst_g) = (0.0f64, 0.0f64);
    for x in points() {
        let (t, g) = kernel(x);
        let (te, ge) = tanh_sech2_enclosure(x);
        let t_abs = t.abs();
        assert_eq!(t.is_sign_negative(), x.is_sign_negative(), "sign of tanh at {x:e}");
        assert!(within(t_abs, &te, TANH_ULPS), "tanh({x:e}) = {t:e}: {} u off", ulps(t_abs, &te));
        assert!(within(g, &ge, SECH2_ULPS), "sech²({x:e}) = {g:e}: {} u off", ulps(g, &ge));
        worst_t = worst_t.max(ulps(t_abs, &te));
        worst_g = worst_g.max(ulps(g, &ge));
    }
    eprintln!("largest errors seen: tanh {worst_t:.2} u, sech² {worst_g:.2} u");
}

/// Negative control: the enclosures are narrow (relative width below 2^{−100}) and the check
/// rejects the kernel's value moved by 16u (at least 9u from tanh whatever the kernel's own
/// error), so the check above is not vacuous.
#[test]
fn the_enclosure_check_catches_a_value_sixteen_units_off() {
    let u = f64::EPSILON / 2.0;
    for x in [0.01, 0.3, 1.5, 7.0, 300.0] {
        let (t, g) = kernel(x);
        let (te, ge) = tanh_sech2_enclosure(x);
        for (lo, hi) in [&te, &ge] {
            assert!(hi.sub(lo) <= lo.mul(&Q::int(2).pow(-100)), "enclosure too wide at {x}");
        }
        for off in [t * (1.0 + 16.0 * u), t * (1.0 - 16.0 * u)] {
            assert!(!within(off, &te, TANH_ULPS), "tanh 16u off at {x} passed");
        }
        for off in [g * (1.0 + 16.0 * u), g * (1.0 - 16.0 * u)] {
            assert!(!within(off, &ge, SECH2_ULPS), "sech² 16u off at {x} passed");
        }
    }
}

/// Edge cases (module docs): tiny and subnormal x give t = x (tanh x rounds to x for
/// |x| < 2^{−26}) and g within 8u of 1; |x| > 350 gives ±1 and 0 (sech² 350 < 10^{−303}); ±∞
/// gives ±1 and 0; NaN propagates; −0 stays −0.
#[test]
fn tanh_kernel_edge_cases_follow_tanh() {
    for x in [f64::from_bits(1), 1e-310, f64::MIN_POSITIVE, 1e-200, 1e-20, 2f64.powi(-28)] {
        for x in [x, -x] {
            let (t, g) = kernel(x);
            assert_eq!(t, x, "tanh at {x:e}");
            assert!((g - 1.0).abs() <= 8.0 * f64::EPSILON / 2.0, "sech² at {x:e}: {g}");
        }
    }
    for x in [350.5, 1e4, 1e300, f64::MAX, f64::INFINITY] {
        assert_eq!(kernel(x), (1.0, 0.0), "at {x:e}");
        assert_eq!(kernel(-x), (-1.0, 0.0), "at {:e}", -x);
    }
    let (t, g) = kernel(-0.0);
    assert!(t == 0.0 && t.is_sign_negative() && g == 1.0);
    let (t, g) = kernel(f64::NAN);
    assert!(t.is_nan() && g.is_nan());
}

/// The kernel against libm's tanh (an independent code path, within 2 ulp ≤ 4u of tanh) on
/// 2·10^5 seeded points over |x| < 40: they differ by at most (7 + 4)u, allowed 12u relative.
#[test]
fn tanh_kernel_agrees_with_libm_tanh() {
    let mut rng = Rng::new(0x6c69_626d);
    let mut xs: Vec<f64> =
        (0..200_000).map(|_| ((rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 80.0).collect();
    let reference: Vec<f64> = xs.iter().map(|x| x.tanh()).collect();
    let mut slopes = vec![0.0; xs.len()];
    tanh_with_slope(&mut xs, &mut slopes);
    let u = f64::EPSILON / 2.0;
    for (k, (t, r)) in xs.iter().zip(&reference).enumerate() {
        assert!((t - r).abs() <= 12.0 * u * r.abs(), "point {k}: kernel {t:e}, libm {r:e}");
    }
}

/// Slices of any length (the vectorised loop has a remainder) give the per-value results.
#[test]
fn tanh_kernel_handles_every_slice_length() {
    for len in 0..9 {
        let xs: Vec<f64> = (0..len).map(|i| 0.37 * i as f64 - 1.1).collect();
        let (mut v, mut g) = (xs.clone(), vec![0.0; len]);
        tanh_with_slope(&mut v, &mut g);
        for i in 0..len {
            assert_eq!((v[i], g[i]), kernel(xs[i]));
        }
    }
}
