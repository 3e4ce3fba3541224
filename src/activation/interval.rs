//! σ, σ' and σ'' over an interval of pre-activations: enclosures for the rigorous f64 path
//! ([`crate::net::enclose_gradient`]). For every t in the interval T, σ(t), σ'(t) and σ''(t)
//! lie in the intervals [`enclose_jet`] returns:
//!
//! - **polynomial**: Horner's rule in interval arithmetic (an enclosure, possibly loose);
//! - **rational** p/q: p/q and the quotient rule in interval arithmetic, and [`Pole`] when the
//!   enclosure of q(T) contains 0 (σ may be undefined somewhere in T: nothing can be said);
//! - **ReLU, leaky ReLU** (slope a left of 0) and **identity**: the exact linear piece when T lies
//!   on one side of 0. When T contains 0: σ(T) ⊆ hull(a·[lo, 0], [0, hi]) and
//!   σ'(T) ⊆ hull(a, 1, 0) — the 0 is the exact path's convention σ'(0) = 0, so the enclosure also
//!   holds at an exact kink — and [`Jet::kink`] is set: the point may sit on the kink, where R_S
//!   need not be differentiable;
//! - **tanh**: increasing, so tanh(T) ⊆ [tanh(lo), tanh(hi)] with each end computed by the
//!   vectorised kernel's scalar form and widened by 10u relative (u = 2^{−53}; the kernel's bound is
//!   8u, *proved* in the module docs of `tanh_kernel`), then rounded outward. sech² is even and
//!   decreasing in |t|: its extremes over T are at the ends (and 1 at t = 0 when 0 ∈ T), widened the
//!   same way. Past |t| > 349 the kernel returns sech² = 0 while 0 < sech² t < 4e^{−698} < 10^{−300},
//!   so [0, 10^{−300}] is used. tanh'' = −2 tanh · sech² by interval arithmetic;
//! - **sigmoid** s: from the same kernel at t/2, with no cancellation: s(t) = (1 + tanh(t/2))/2 for
//!   t ≥ 0 and s(t) = sech²(t/2) / (2(1 + tanh(|t|/2))) for t < 0 (since s(t)·s(−t) = sech²(t/2)/4);
//!   s' = sech²(t/2)/4 (even, decreasing in |t|), s'' = s'(1 − 2s) by interval arithmetic;
//! - **softplus**: σ' = s and σ'' = s' as above (proved), but the value comes from libm as in
//!   [`Real::softplus`](crate::scalar::Real::softplus), max(t, 0) + ln_1p(e^{−|t|}), widened by
//!   32u relative. That widening **assumes** libm's `exp` and `ln_1p` are each within 4 ulps (8u
//!   relative; libm implementations document ≤ 1–2 ulps, not proved here): the error of ln_1p's
//!   argument is not amplified (its condition number z/((1 + z) ln(1 + z)) ≤ 1), so
//!   8u + 8u + u for the final sum ≤ 17u < 32u. Below t < −700, 0 < softplus t < e^{−700} and
//!   [0, 10^{−300}] is used.
//!
//! NaN anywhere gives a NaN enclosure, which the caller reports as undecided.

use super::tanh_kernel::tanh_and_sech2;
use super::{Activation, ExactActivation, FloatActivation, Jet, Pole, Sigma};
use crate::scalar::round::{add_up, min, mul_up, sub_down};
use crate::scalar::{Field, Interval, Ring};

/// 10u: the tanh kernel's proved relative error bound 8u (8u/(1 − 8u) from the computed value)
/// with room to spare.
const KERNEL_REL: f64 = 10.0 * (f64::EPSILON / 2.0);
/// 32u: the assumed relative error bound of libm's softplus (module docs).
const LIBM_REL: f64 = 32.0 * (f64::EPSILON / 2.0);
/// An upper bound of sech² t for |t| > 349 (4e^{−698} ≈ 1.0·10^{−302}) and of s(t), softplus(t)
/// for t < −700.
const TAIL: f64 = 1e-300;

/// [v − d, v + d] with d ≥ rel·|v|, rounded outward.
fn widen(v: f64, rel: f64) -> Interval {
    let d = mul_up(v.abs(), rel);
    span(sub_down(v, d), add_up(v, d))
}

/// [lo, hi], or NaN when lo > hi or an end is NaN (an enclosure that failed).
fn span(lo: f64, hi: f64) -> Interval {
    if lo <= hi {
        Interval::new(lo, hi)
    } else {
        Interval::nan()
    }
}

/// Enclosures of tanh x and sech² x at one double x.
fn tanh_at(x: f64) -> (Interval, Interval) {
    let (t, g) = tanh_and_sech2(x);
    let value = widen(t, KERNEL_REL).clamp(-1.0, 1.0);
    let slope = if x.abs() > 349.0 { Interval::new(0.0, TAIL) } else { widen(g, KERNEL_REL).clamp(0.0, 1.0) };
    (value, slope)
}

/// Enclosures of s(x) and s'(x) at one double x (module docs).
fn sigmoid_at(x: f64) -> (Interval, Interval) {
    if x.is_nan() {
        return (Interval::nan(), Interval::nan());
    }
    if x.abs() < 2f64.powi(-1000) {
        // |s(x) − ½| ≤ |x|/4 and ¼ − x²/16 ≤ s'(x) ≤ ¼, both far below an ulp of ½ and ¼.
        return (Interval::new(0.5f64.next_down(), 0.5f64.next_up()), Interval::new(0.25f64.next_down(), 0.25));
    }
    // |x|/2 is exact: |x| ≥ 2^−1000, so the half is a normal double.
    let (t, g) = tanh_at((x * 0.5).abs());
    let t = t.clamp(0.0, 1.0);
    let slope = g.scale(0.25).clamp(0.0, 0.25);
    let one_plus_t = Interval::one().add(&t);
    let value = if x >= 0.0 {
        one_plus_t.scale(0.5)
    } else {
        let den = one_plus_t.scale(2.0).inv().expect("2(1 + tanh) ≥ 2");
        g.mul(&den)
    };
    (value.clamp(0.0, 1.0), slope)
}

/// An enclosure of softplus(x) at one double x (module docs: assumes libm's accuracy).
fn softplus_at(x: f64) -> Interval {
    if x < -700.0 {
        return Interval::new(0.0, TAIL);
    }
    let v = x.max(0.0) + (-x.abs()).exp().ln_1p();
    let v = if x.is_nan() { f64::NAN } else { v };
    // softplus(x) > max(x, 0).
    widen(v, LIBM_REL).clamp(x.max(0.0), f64::INFINITY)
}

/// The range over [a, b] of an even function decreasing in |t|, from enclosures `ga`, `gb` at the
/// ends and its value `top` at 0.
fn even_decreasing(a: f64, b: f64, ga: Interval, gb: Interval, top: f64) -> Interval {
    if a.is_nan() || b.is_nan() {
        Interval::nan()
    } else if a <= 0.0 && 0.0 <= b {
        span(min(ga.lo(), gb.lo()), top)
    } else if a > 0.0 {
        span(gb.lo(), ga.hi())
    } else {
        span(ga.lo(), gb.hi())
    }
}

/// Enclosures of σ(T), σ'(T) and σ''(T) for the pre-activation interval `t` (module docs);
/// [`Jet::kink`] is set when `t` contains the kink of a piecewise-linear σ.
///
/// # Errors
/// [`Pole`] when σ is rational and the enclosure of its denominator over `t` contains 0.
pub fn enclose_jet(act: &Activation, t: &Interval) -> Result<Jet<Interval>, Pole> {
    jet(act, t, true)
}

/// [`enclose_jet`] without σ'' (its `d2` is NaN), for the batched gradient, which needs only σ
/// and σ'.
///
/// # Errors
/// [`Pole`] as for [`enclose_jet`].
pub(crate) fn enclose_value_slope(act: &Activation, t: &Interval) -> Result<Jet<Interval>, Pole> {
    jet(act, t, false)
}

fn jet(act: &Activation, t: &Interval, with_d2: bool) -> Result<Jet<Interval>, Pole> {
    let (a, b) = (t.lo(), t.hi());
    let second = |f: &dyn Fn() -> Interval| if with_d2 { f() } else { Interval::nan() };
    match act {
        Activation::Exact(ExactActivation::Poly(p)) => {
            Ok(Jet { value: p.value(t), d1: p.d1(t), d2: second(&|| p.d2(t)), kink: false })
        }
        Activation::Exact(ExactActivation::Rational(r)) => r.jet(t),
        Activation::Exact(ExactActivation::Piecewise(p)) => {
            let zero = Interval::zero();
            if p.is_identity() || a > 0.0 {
                return Ok(Jet { value: *t, d1: Interval::one(), d2: zero, kink: false });
            }
            let slope = Interval::from_q(p.negative_slope());
            if b < 0.0 {
                return Ok(Jet { value: slope.mul(t), d1: slope, d2: zero, kink: false });
            }
            if t.lo().is_nan() || t.hi().is_nan() {
                let nan = Interval::nan();
                return Ok(Jet { value: nan, d1: nan, d2: nan, kink: true });
            }
            // 0 ∈ T: the negative piece on [a, 0], the positive one on [0, b], and σ'(0) = 0.
            let value = slope.mul(&Interval::new(a, 0.0)).hull(&Interval::new(0.0, b));
            let d1 = slope.hull(&Interval::one()).hull(&zero);
            Ok(Jet { value, d1, d2: zero, kink: true })
        }
        Activation::Float(FloatActivation::Tanh) => {
            let ((va, ga), (vb, gb)) = (tanh_at(a), tanh_at(b));
            let value = span(va.lo(), vb.hi());
            let d1 = even_decreasing(a, b, ga, gb, 1.0);
            let d2 = second(&|| value.mul(&d1).scale(-2.0));
            Ok(Jet { value, d1, d2, kink: false })
        }
        Activation::Float(FloatActivation::Sigmoid) => {
            let ((va, ga), (vb, gb)) = (sigmoid_at(a), sigmoid_at(b));
            let value = span(va.lo(), vb.hi());
            let d1 = even_decreasing(a, b, ga, gb, 0.25);
            let d2 = second(&|| d1.mul(&Interval::one().sub(&value.scale(2.0))));
            Ok(Jet { value, d1, d2, kink: false })
        }
        Activation::Float(FloatActivation::Softplus) => {
            let value = span(softplus_at(a).lo(), softplus_at(b).hi());
            let ((sa, ga), (sb, gb)) = (sigmoid_at(a), sigmoid_at(b));
            let d1 = span(sa.lo(), sb.hi());
            let d2 = even_decreasing(a, b, ga, gb, 0.25);
            Ok(Jet { value, d1, d2, kink: false })
        }
    }
}

/// [`Sigma`] over intervals through [`enclose_jet`], so that the generic network code
/// ([`crate::net::evaluate`] over [`Interval`]) computes enclosures sample by sample. A
/// possible kink is reported as [`Jet::kink`]; a denominator enclosure containing 0 as [`Pole`].
#[derive(Clone, Copy, Debug)]
pub struct Enclosing<'a>(pub &'a Activation);

impl Sigma<Interval> for Enclosing<'_> {
    fn value(&self, t: &Interval) -> Result<Interval, Pole> {
        enclose_jet(self.0, t).map(|j| j.value)
    }
    fn jet(&self, t: &Interval) -> Result<Jet<Interval>, Pole> {
        enclose_jet(self.0, t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Piecewise;
    use crate::scalar::{Real, Q};

    fn jet(act: &Activation, lo: f64, hi: f64) -> Jet<Interval> {
        enclose_jet(act, &Interval::new(lo, hi)).unwrap()
    }

    #[test]
    fn smooth_enclosures_contain_libm_values_on_a_grid() {
        // libm's values are within a few ulps of the truth, far inside the widened enclosures
        // where those are nontrivial; a sanity check of the formulas, not of the bounds.
        for act in [FloatActivation::Tanh, FloatActivation::Sigmoid, FloatActivation::Softplus] {
            let a = Activation::Float(act);
            for k in -400..=400 {
                let x = k as f64 * 0.137;
                let j = jet(&a, x, x);
                let exact = crate::activation::Smooth(act).jet(&x);
                let close = |i: &Interval, v: f64| i.contains(v) || (v - i.midpoint()).abs() <= 1e-14 * (1.0 + v.abs());
                assert!(close(&j.value, exact.value), "{act:?} value at {x}: {} vs {}", j.value, exact.value);
                assert!(close(&j.d1, exact.d1), "{act:?} d1 at {x}: {} vs {}", j.d1, exact.d1);
                assert!(close(&j.d2, exact.d2), "{act:?} d2 at {x}: {} vs {}", j.d2, exact.d2);
                assert!(j.value.is_finite() && j.d1.is_finite() && j.d2.is_finite());
            }
        }
    }

    #[test]
    fn monotone_ranges_over_wide_intervals() {
        let tanh = Activation::Float(FloatActivation::Tanh);
        let j = jet(&tanh, -1.0, 2.0);
        assert!(j.value.contains((-1.0f64).tanh()) && j.value.contains(2.0f64.tanh()));
        assert_eq!(j.d1.hi(), 1.0);
        assert!(j.d1.contains(1.0 - 2.0f64.tanh().powi(2)));
        let j = jet(&tanh, 400.0, 500.0);
        assert_eq!((j.d1.lo(), j.d1.hi()), (0.0, TAIL));
        assert!(j.value.hi() == 1.0 && j.value.lo() < 1.0);
        let sig = Activation::Float(FloatActivation::Sigmoid);
        let j = jet(&sig, -800.0, -750.0);
        assert!(j.value.lo() == 0.0 && j.value.hi() <= TAIL && j.d1.hi() <= TAIL);
        let j = jet(&sig, -3.0, 1e-310);
        assert!(j.value.contains((-3.0f64).sigmoid()) && j.d1.hi() == 0.25);
        let sp = Activation::Float(FloatActivation::Softplus);
        let j = jet(&sp, -1000.0, 1.0);
        assert!(j.value.lo() == 0.0 && j.value.contains(1.0f64.softplus()) && j.d1.mag() <= 1.0);
    }

    #[test]
    fn piecewise_around_the_kink_covers_both_pieces_and_the_convention() {
        let leaky = Activation::Exact(ExactActivation::Piecewise(Piecewise::leaky(Q::new(1, 4))));
        let j = jet(&leaky, -2.0, 3.0);
        assert!(j.kink);
        assert_eq!((j.value.lo(), j.value.hi()), (-0.5, 3.0));
        assert_eq!((j.d1.lo(), j.d1.hi()), (0.0, 1.0));
        let j = jet(&leaky, -2.0, -1.0);
        assert!(!j.kink && j.d1 == Interval::point(0.25));
        let relu = Activation::Exact(ExactActivation::Piecewise(Piecewise::relu()));
        let j = jet(&relu, 0.0, 0.0);
        assert!(j.kink && j.value == Interval::zero());
    }

    #[test]
    fn a_rational_denominator_around_zero_is_a_pole() {
        use crate::activation::{Polynomial, RationalFunction};
        let r = RationalFunction {
            num: Polynomial::new(vec![Q::one()]),
            den: Polynomial::new(vec![Q::new(-1, 3), Q::one()]),
        };
        let act = Activation::Exact(ExactActivation::Rational(r));
        assert_eq!(enclose_jet(&act, &Interval::from_q(&Q::new(1, 3))), Err(Pole));
        assert!(enclose_jet(&act, &Interval::point(1.0)).unwrap().value.contains(1.5));
    }
}
