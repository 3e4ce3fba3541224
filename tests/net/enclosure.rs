//! The rigorous f64 gradient enclosure of `eval --float` (`net::enclose_gradient`, interval
//! arithmetic with outward rounding, `src/net/enclosure.rs`):
//! 1. exact critical points (`critical`'s generator, kinds teacher and nonzero-loss, polynomial σ,
//!    widths 2-3-1, 3-8-8-2, 2-20-20-1; each checked exactly first) are all *critical within
//!    tolerance*, and the same points with one target moved by 1/64 are *proved not critical*;
//! 2. for random small nets with rational parameters and data (polynomial, rational,
//!    piecewise-linear σ) the exact gradient over Q lies inside every enclosure (compared in Q),
//!    for the batched path and for the per-sample generic path over `Interval`;
//! 3. points with a clearly nonzero exact gradient are proved not critical, naming an entry whose
//!    exact value is nonzero with the enclosure's sign; the undecided cases (pole, kink,
//!    overflow) are never called not critical;
//! 4. tanh and sigmoid nets: the enclosure contains a much tighter enclosure computed over Q
//!    (rational intervals, e^y by a Taylor series with outward rounding at 2^−200), so it
//!    contains the exact gradient; softplus: it contains the f64 gradient.
//!
//! And the command line: `eval --float` (human and `--json`) and `hessian --float`.

use crate::common;
use crate::engine_support;

use embedcheck::activation::{Activation, Enclosing, ExactActivation, FloatActivation, Jet, Pole, Polynomial, Sigma};
use embedcheck::activation::{Piecewise, RationalFunction};
use embedcheck::critical::{random_critical, random_params, CriticalKind};
use embedcheck::data::Dataset;
use embedcheck::linalg::Matrix;
use embedcheck::net::{enclose_gradient, evaluate, evaluate_f64, GradientEnclosure, Layer, Network, Params};
use embedcheck::net::{Undecided, Verdict};
use embedcheck::rng::Rng;
use embedcheck::scalar::{q_from_f64, Field, Interval, Ring, Q};
use engine_support::{cases, exact_activation, net_and_data, small_q};
use proptest::prelude::*;
use std::cmp::Ordering;

fn enclose(params: &Params<Q>, act: &Activation, data: &Dataset<Q>) -> GradientEnclosure {
    enclose_gradient(&params.map(Interval::from_q), act, &data.map(Interval::from_q)).unwrap()
}

fn poly(c: &[&str]) -> ExactActivation {
    ExactActivation::Poly(Polynomial::new(c.iter().map(|s| Q::parse(s).unwrap()).collect()))
}

/// The data with target 1 (first output) moved by `by`.
fn nudged(data: &Dataset<Q>, by: &Q) -> Dataset<Q> {
    let mut targets = data.targets().to_vec();
    targets[0][0] = targets[0][0].add(by);
    data.with_targets(targets).unwrap()
}

// ---- 1. Exact critical points --------------------------------------------------------------

/// For each shape (widths, seeds) and each polynomial σ of `sigmas` and kind (teacher,
/// nonzero-loss): an exact critical point (checked exactly) must be critical within tolerance,
/// and the same point with target 1 moved by 1/64 proved not critical. Returns the count.
fn check_critical_points(shapes: &[(&[usize], u64)], sigmas: &[ExactActivation]) -> usize {
    let mut checked = 0;
    for &(widths, seeds) in shapes {
        let m: usize = widths.windows(2).map(|w| w[1] * (w[0] + 1)).sum();
        let m_out = widths[widths.len() - 1];
        for (s, sigma) in sigmas.iter().enumerate() {
            for kind in [CriticalKind::TeacherRealizable, CriticalKind::NonzeroLoss] {
                // A nonzero residual needs n·m_L > rank J, so n = M/m_L + 1 samples.
                let samples = if kind == CriticalKind::TeacherRealizable { 6 } else { m / m_out + 1 };
                for seed in 1..=seeds {
                    let mut rng = Rng::new(seed + 100 * s as u64);
                    let cp = random_critical(&mut rng, widths, sigma, kind, samples, 2)
                        .unwrap()
                        .unwrap_or_else(|| panic!("a {} point of widths {widths:?}", kind.name()));
                    let what = format!("{} point, widths {widths:?}, σ {sigma}, seed {seed}", kind.name());
                    assert!(cp.verify(sigma).unwrap(), "{what}: not exactly critical");
                    let act = Activation::Exact(sigma.clone());
                    let enc = enclose(&cp.params, &act, &cp.data);
                    let Verdict::CriticalWithinTolerance { bound, .. } = enc.verdict else {
                        panic!("{what}: {}", enc.verdict)
                    };
                    assert!(bound.is_finite(), "{what}");
                    // The enclosure is not vacuous: moving one target by 1/64 moves the output
                    // bias entry of the gradient, (1/n) Σ_i (f(x_i) − y_i), by −1/(64n) ≠ 0, and
                    // that is proved.
                    let moved = nudged(&cp.data, &Q::new(1, 64));
                    let enc = enclose(&cp.params, &act, &moved);
                    assert!(matches!(enc.verdict, Verdict::NotCritical { .. }), "{what}, nudged: {}", enc.verdict);
                    checked += 1;
                }
            }
        }
    }
    checked
}

#[test]
fn exact_critical_points_are_critical_within_tolerance_and_a_nudge_is_proved_not_critical() {
    let quadratic = poly(&["0", "1", "1/2"]);
    let cubic = poly(&["1/3", "-2/5", "0", "1/7"]);
    assert_eq!(check_critical_points(&[(&[2, 3, 1], 5)], &[quadratic.clone(), cubic]), 2 * 2 * 5);
    // The cubic's exact null space at 3-8-8-2 takes half a minute even in release: quadratic only.
    assert_eq!(check_critical_points(&[(&[3, 8, 8, 2], 2)], &[quadratic]), 2 * 2);
}

/// 2-20-20-1 (M = 501): the nonzero-loss point has 502 samples and an exact left null space of
/// its 502 × 501 Jacobian; its outputs are large, so the residual E = F − Y cancels heavily (the
/// former f64 tolerance failed here by a factor 6.7·10⁷).
#[test]
fn a_wide_deep_exact_critical_point_is_critical_within_tolerance() {
    let sigmas = [poly(&["0", "1", "1/2"])];
    assert_eq!(check_critical_points(&[(&[2, 20, 20, 1], 1)], &sigmas), 2);
}

// ---- 2. The exact gradient lies in every enclosure -----------------------------------------

/// Every entry of `exact` lies in its enclosure (finite enclosures; a non-finite one must have
/// made the verdict undecided).
fn assert_encloses(enclosure: &Params<Interval>, exact: &Params<Q>, what: &str) -> Result<(), TestCaseError> {
    for (k, (iv, q)) in enclosure.flatten().iter().zip(exact.flatten()).enumerate() {
        if iv.is_finite() {
            prop_assert!(iv.contains_q(&q), "{what}, entry {k}: exact {q} not in {iv}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(96)))]

    #[test]
    fn the_exact_gradient_lies_in_every_enclosure(
        (params, data) in net_and_data(3, 4, 5, small_q(7, 6)),
        sigma in exact_activation(),
    ) {
        let exact = evaluate(&params, &sigma, &data).unwrap();
        let act = Activation::Exact(sigma.clone());
        let enc = enclose(&params, &act, &data);
        let grad = enc.gradient.as_ref().expect("the generated rational σ have no poles near the data");
        assert_encloses(grad, &exact.gradient, "batched")?;
        prop_assert!(!enc.loss.is_finite() || enc.loss.contains_q(&exact.loss), "loss {} not in {}", exact.loss, enc.loss);
        if grad.flatten().iter().any(|g| !g.is_finite()) {
            prop_assert!(matches!(enc.verdict, Verdict::Undecided(Undecided::NotFinite(_))));
        }
        match &enc.verdict {
            Verdict::NotCritical { .. } => prop_assert!(!exact.gradient_is_zero()),
            Verdict::CriticalWithinTolerance { bound, .. } => {
                for q in exact.gradient.flatten() {
                    prop_assert!(q.abs() <= q_from_f64(*bound).unwrap());
                }
            }
            Verdict::Undecided(_) => {}
        }
        // Exact pre-activations on a kink are possible kinks of the enclosure.
        prop_assert!(exact.kinks.iter().all(|s| enc.possible_kinks.contains(s)));
        // The per-sample generic path over intervals.
        let per_sample = evaluate(&params.map(Interval::from_q), &Enclosing(&act), &data.map(Interval::from_q)).unwrap();
        assert_encloses(&per_sample.gradient, &exact.gradient, "per sample")?;
    }
}

// ---- 3. Not critical, proved; undecided controls --------------------------------------------

#[test]
fn clearly_noncritical_points_are_proved_not_critical_naming_a_nonzero_entry() {
    let sigmas = [
        poly(&["0", "1", "1"]),
        poly(&["1/3", "-2/5", "0", "1/7"]),
        ExactActivation::Piecewise(Piecewise::leaky(Q::new(1, 10))),
        ExactActivation::Piecewise(Piecewise::identity()),
    ];
    let mut rng = Rng::new(7);
    let mut proved = 0;
    for case in 0..120 {
        let widths: Vec<usize> = (0..2 + rng.below(3)).map(|_| 1 + rng.below(4)).collect();
        let params = random_params(&mut rng, &widths, 3).map(|v| v.mul(&Q::new(2, 3)));
        let n = 1 + rng.below(5);
        let xs = (0..n).map(|_| (0..widths[0]).map(|_| rng.small_q(3, 5)).collect()).collect();
        let ys = (0..n).map(|_| (0..widths[widths.len() - 1]).map(|_| rng.small_q(3, 5)).collect()).collect();
        let data = Dataset::new(xs, ys).unwrap();
        let sigma = &sigmas[case % sigmas.len()];
        let exact = evaluate(&params, sigma, &data).unwrap();
        let flat = exact.gradient.flatten();
        let largest = flat.iter().map(Q::abs).max().unwrap();
        if largest < Q::new(1, 1_000_000) || !exact.kinks.is_empty() {
            continue;
        }
        let enc = enclose(&params, &Activation::Exact(sigma.clone()), &data);
        let Verdict::NotCritical { site, enclosure, nonzero, entries } = enc.verdict else {
            panic!("case {case}, widths {widths:?}, σ {sigma}: max |g| = {largest}, verdict {}", enc.verdict)
        };
        let k = (0..entries).find(|&k| exact.gradient.locate(k) == Some(site)).unwrap();
        assert!(enclosure.contains_q(&flat[k]) && !enclosure.contains_zero());
        assert_eq!(flat[k].signum(), if enclosure.lo() > 0.0 { 1 } else { -1 });
        assert!(nonzero >= 1 && nonzero <= flat.iter().filter(|g| g.signum() != 0).count());
        proved += 1;
    }
    assert!(proved >= 60, "only {proved} cases had a clearly nonzero gradient");
}

#[test]
fn spec_ex_a_is_proved_not_critical_in_every_entry() {
    let (params, act, data) = common::ex_a();
    let enc = enclose(&params, &act, &data);
    let Verdict::NotCritical { nonzero, entries, enclosure, site } = enc.verdict else { panic!("{}", enc.verdict) };
    assert_eq!((nonzero, entries), (7, 7));
    // The largest entry is ∂R/∂W1[1, 1] = 250/3 (by hand in the README example).
    assert!(enclosure.contains_q(&Q::new(250, 3)), "{site}: {enclosure}");
    assert!(enc.loss.contains_q(&Q::new(83, 3)));
}

/// widths (1, 1, 1), σ hidden, weights 1 and bias `b1` into the hidden neuron.
fn one_one_one(b1: Q, w2: Q) -> Params<Q> {
    Params::new(vec![
        Layer { weight: Matrix::from_rows(vec![vec![Q::one()]], 1), bias: Some(vec![b1]) },
        Layer { weight: Matrix::from_rows(vec![vec![w2]], 1), bias: Some(vec![Q::zero()]) },
    ])
    .unwrap()
}

#[test]
fn a_denominator_enclosure_around_zero_is_undecided_not_an_error() {
    // σ(t) = 1/(t − 1/3) at t = 1/3 + 2^−70: defined exactly, but the doubles around the input
    // also enclose 1/3.
    let sigma = ExactActivation::Rational(RationalFunction {
        num: Polynomial::new(vec![Q::one()]),
        den: Polynomial::new(vec![Q::new(-1, 3), Q::one()]),
    });
    let x = Q::new(1, 3).add(&Q::int(2).pow(-70));
    let data = Dataset::new(vec![vec![x]], vec![vec![Q::zero()]]).unwrap();
    let params = one_one_one(Q::zero(), Q::one());
    assert!(evaluate(&params, &sigma, &data).is_ok());
    let enc = enclose(&params, &Activation::Exact(sigma), &data);
    assert_eq!(
        enc.verdict,
        Verdict::Undecided(Undecided::Pole(embedcheck::net::Site { layer: 1, neuron: 1, sample: 1 }))
    );
    assert!(enc.gradient.is_none());
}

#[test]
fn a_possible_kink_is_undecided_even_when_the_gradient_is_nonzero() {
    // An input that is not a double and whose enclosure straddles −b: x = 1/3 + 2^−70 and
    // b = −1/3, so the exact pre-activation is 2^−70 > 0 (no kink), but its enclosure contains 0.
    let relu = ExactActivation::Piecewise(Piecewise::relu());
    let x = Q::new(1, 3).add(&Q::int(2).pow(-70));
    let data = Dataset::new(vec![vec![x]], vec![vec![Q::int(5)]]).unwrap();
    let params = one_one_one(Q::new(-1, 3), Q::one());
    let exact = evaluate(&params, &relu, &data).unwrap();
    assert!(exact.kinks.is_empty() && !exact.gradient_is_zero());
    let enc = enclose(&params, &Activation::Exact(relu), &data);
    assert!(matches!(enc.verdict, Verdict::Undecided(Undecided::Kink { count: 1, .. })), "{}", enc.verdict);
    assert_encloses(enc.gradient.as_ref().unwrap(), &exact.gradient, "kink").unwrap();
}

#[test]
fn overflow_is_undecided_never_not_critical() {
    let sigma = poly(&["0", "0", "1"]);
    let big = Q::int(10).pow(200);
    let params = one_one_one(Q::zero(), Q::one()).map(|v| v.mul(&big));
    let data = Dataset::new(vec![vec![Q::one()]], vec![vec![Q::zero()]]).unwrap();
    let enc = enclose(&params, &Activation::Exact(sigma), &data);
    assert!(matches!(enc.verdict, Verdict::Undecided(Undecided::NotFinite(_))), "{}", enc.verdict);
}

// ---- 4. tanh and sigmoid against rational enclosures ---------------------------------------

/// Grid of the rational reference: endpoints are rounded outward to multiples of 2^−PREC.
const PREC: i32 = 200;

/// 2^PREC and 2^−PREC.
fn grid() -> &'static (Q, Q) {
    static GRID: std::sync::OnceLock<(Q, Q)> = std::sync::OnceLock::new();
    GRID.get_or_init(|| (Q::int(2).pow(PREC), Q::int(2).pow(-PREC)))
}

fn round_down(v: &Q) -> Q {
    let (s, s_inv) = grid();
    v.mul(s).floor().mul(s_inv)
}

fn round_up(v: &Q) -> Q {
    round_down(&v.neg()).neg()
}

/// A closed interval with rational ends, rounded outward to the 2^−PREC grid after every
/// operation: an enclosure far tighter than f64's, the "higher precision" reference.
#[derive(Clone, Debug, PartialEq)]
struct RatI(Q, Q);

impl RatI {
    fn new(lo: Q, hi: Q) -> RatI {
        RatI(round_down(&lo), round_up(&hi))
    }
    fn point(q: &Q) -> RatI {
        RatI(q.clone(), q.clone())
    }
}

impl Ring for RatI {
    fn zero() -> RatI {
        RatI::point(&Q::zero())
    }
    fn one() -> RatI {
        RatI::point(&Q::one())
    }
    fn from_i64(n: i64) -> RatI {
        RatI::point(&Q::int(n))
    }
    fn add(&self, r: &RatI) -> RatI {
        RatI::new(self.0.add(&r.0), self.1.add(&r.1))
    }
    fn sub(&self, r: &RatI) -> RatI {
        RatI::new(self.0.sub(&r.1), self.1.sub(&r.0))
    }
    fn mul(&self, r: &RatI) -> RatI {
        let p = [self.0.mul(&r.0), self.0.mul(&r.1), self.1.mul(&r.0), self.1.mul(&r.1)];
        RatI::new(p.iter().min().unwrap().clone(), p.iter().max().unwrap().clone())
    }
    fn neg(&self) -> RatI {
        RatI(self.1.neg(), self.0.neg())
    }
    fn is_zero(&self) -> bool {
        self.0.is_zero() && self.1.is_zero()
    }
}

impl Field for RatI {
    fn from_q(q: &Q) -> RatI {
        RatI::point(q)
    }
    fn inv(&self) -> Option<RatI> {
        (self.0.signum() > 0 || self.1.signum() < 0).then(|| RatI::new(self.1.inv().unwrap(), self.0.inv().unwrap()))
    }
    fn primal_cmp_zero(&self) -> Option<Ordering> {
        None
    }
}

/// An enclosure [lo, hi] of e^y for a rational 0 ≤ y (as in `tests/activation/tanh_kernel.rs`):
/// the Taylor sum at r = y/2^j ≤ ½ with outward rounding, its tail bounded by the last term,
/// then squared j times.
fn exp_enclosure(y: &Q) -> (Q, Q) {
    let half = Q::new(1, 2);
    let (mut j, mut r) = (0, y.clone());
    while r > half {
        r = r.mul(&half);
        j += 1;
    }
    let (mut lo, mut hi, mut term_lo, mut term_hi) = (Q::one(), Q::one(), Q::one(), Q::one());
    // Terms are rounded up to the grid, so they end at one grid unit 2^−PREC.
    let small = grid().1.clone();
    let mut i = 0;
    while term_hi > small {
        i += 1;
        term_lo = round_down(&term_lo.mul(&r).mul(&Q::new(1, i)));
        term_hi = round_up(&term_hi.mul(&r).mul(&Q::new(1, i)));
        lo = lo.add(&term_lo);
        hi = hi.add(&term_hi);
    }
    hi = hi.add(&term_hi);
    for _ in 0..j {
        lo = round_down(&lo.square());
        hi = round_up(&hi.square());
    }
    (lo, hi)
}

/// [lower bound of tanh(a), upper bound of tanh(a)] for a rational a.
fn tanh_q(a: &Q) -> (Q, Q) {
    let (lo, hi) = exp_enclosure(&a.abs().scale_i64(2));
    // tanh|a| = (1 − q)/(1 + q) with q = e^{−2|a|} ∈ [1/hi, 1/lo], decreasing in q.
    let t = |q: &Q| Q::one().sub(q).mul(&Q::one().add(q).inv().unwrap());
    let (t_lo, t_hi) = (t(&lo.inv().unwrap()), t(&hi.inv().unwrap()));
    if a.signum() >= 0 {
        (round_down(&t_lo), round_up(&t_hi))
    } else {
        (round_down(&t_hi.neg()), round_up(&t_lo.neg()))
    }
}

/// tanh or sigmoid over [`RatI`]: monotone, so the ends' enclosures bound the range; derivatives
/// by interval arithmetic (1 − t², s(1 − s)), tight because the intervals are.
struct Reference(FloatActivation);

impl Sigma<RatI> for Reference {
    fn value(&self, t: &RatI) -> Result<RatI, Pole> {
        self.jet(t).map(|j| j.value)
    }
    fn jet(&self, t: &RatI) -> Result<Jet<RatI>, Pole> {
        let one = RatI::one();
        match self.0 {
            FloatActivation::Tanh => {
                let value = RatI::new(tanh_q(&t.0).0, tanh_q(&t.1).1);
                let d1 = one.sub(&value.mul(&value));
                Ok(Jet { value, d1, d2: RatI::zero(), kink: false })
            }
            FloatActivation::Sigmoid => {
                let half = Q::new(1, 2);
                let th = RatI::new(tanh_q(&t.0.mul(&half)).0, tanh_q(&t.1.mul(&half)).1);
                let value = one.add(&th).mul(&RatI::point(&half));
                let d1 = value.mul(&one.sub(&value));
                Ok(Jet { value, d1, d2: RatI::zero(), kink: false })
            }
            FloatActivation::Softplus => unreachable!("no rational reference for softplus"),
        }
    }
}

#[test]
fn tanh_and_sigmoid_enclosures_contain_a_rational_enclosure_of_the_exact_gradient() {
    let mut rng = Rng::new(23);
    let mut checked = 0;
    for case in 0..40 {
        let act = [FloatActivation::Tanh, FloatActivation::Sigmoid][case % 2];
        let widths: Vec<usize> = (0..2 + rng.below(3)).map(|_| 1 + rng.below(3)).collect();
        // Thirds and fifths (not doubles); every fourth case scaled up so that σ saturates.
        let scale = if case % 4 == 3 { Q::int(12) } else { Q::one() };
        let params = random_params(&mut rng, &widths, 3).map(|v| v.mul(&Q::new(2, 3)).mul(&scale));
        let n = 1 + rng.below(3);
        let xs = (0..n).map(|_| (0..widths[0]).map(|_| rng.small_q(3, 5)).collect()).collect();
        let ys = (0..n).map(|_| (0..widths[widths.len() - 1]).map(|_| rng.small_q(3, 5)).collect()).collect();
        let data = Dataset::new(xs, ys).unwrap();
        let reference = evaluate(&params.map(RatI::from_q), &Reference(act), &data.map(RatI::from_q)).unwrap();
        let enc = enclose(&params, &Activation::Float(act), &data);
        let grad = enc.gradient.as_ref().unwrap();
        assert!(!matches!(enc.verdict, Verdict::Undecided(_)), "case {case}: {}", enc.verdict);
        for (k, (iv, r)) in grad.flatten().iter().zip(reference.gradient.flatten()).enumerate() {
            let (lo, hi) = (q_from_f64(iv.lo()).unwrap(), q_from_f64(iv.hi()).unwrap());
            assert!(
                lo <= r.0 && r.1 <= hi,
                "case {case} ({act:?}, widths {widths:?}), entry {k}: [{}, {}] not in {iv}",
                r.0.to_f64(),
                r.1.to_f64()
            );
        }
        assert!(
            q_from_f64(enc.loss.lo()).unwrap() <= reference.loss.0
                && reference.loss.1 <= q_from_f64(enc.loss.hi()).unwrap()
        );
        // The plain f64 gradient of the same point lies inside as well.
        let ev = evaluate_f64(&params.map(Q::to_f64), &Activation::Float(act), &data.map(Q::to_f64)).unwrap();
        for (iv, g) in grad.flatten().iter().zip(ev.gradient.flatten()) {
            assert!(iv.contains(g), "case {case}: f64 {g:e} outside {iv}");
        }
        checked += 1;
    }
    assert_eq!(checked, 40);
}

#[test]
fn softplus_enclosures_contain_the_f64_gradient_and_prove_noncriticality() {
    let mut rng = Rng::new(31);
    let act = Activation::Float(FloatActivation::Softplus);
    for case in 0..20 {
        let widths: Vec<usize> = (0..2 + rng.below(3)).map(|_| 1 + rng.below(3)).collect();
        let params = random_params(&mut rng, &widths, 3).map(|v| v.mul(&Q::new(2, 3)));
        let xs = vec![(0..widths[0]).map(|_| rng.small_q(3, 5)).collect()];
        let ys = vec![(0..widths[widths.len() - 1]).map(|_| rng.small_q(3, 5)).collect()];
        let data = Dataset::new(xs, ys).unwrap();
        let enc = enclose(&params, &act, &data);
        let ev = evaluate_f64(&params.map(Q::to_f64), &act, &data.map(Q::to_f64)).unwrap();
        for (iv, g) in enc.gradient.as_ref().unwrap().flatten().iter().zip(ev.gradient.flatten()) {
            assert!(iv.contains(g), "case {case}: f64 {g:e} outside {iv}");
        }
        let largest = ev.gradient.flatten().iter().fold(0.0f64, |m, g| m.max(g.abs()));
        if largest > 1e-6 {
            assert!(matches!(enc.verdict, Verdict::NotCritical { .. }), "case {case}: {}", enc.verdict);
        }
    }
}

// ---- The command line ------------------------------------------------------------------------

#[test]
fn eval_float_says_what_the_enclosure_proves() {
    let o = common::run(&[
        "eval",
        "--float",
        "--net",
        "examples/nets/ex_a.net.json",
        "--data",
        "examples/nets/ex_a.data.json",
    ]);
    let t = common::text(&o);
    assert!(o.status.success(), "{t}");
    assert!(
        t.contains(
            "critical: no (proved by f64 interval arithmetic: the exact gradient entry layer 1 weight row 1 column 1"
        ),
        "{t}"
    );
    assert!(t.contains("7 of 7 entries are proved nonzero"), "{t}");
    let o = common::run(&[
        "eval",
        "--float",
        "--json",
        "--net",
        "examples/nets/ex_a.net.json",
        "--data",
        "examples/nets/ex_a.data.json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["critical"], serde_json::json!(false));
    assert_eq!(v["verdict"]["kind"], "not_critical");
    assert_eq!(v["verdict"]["entry"]["kind"], "weight");
    assert_eq!(v["tolerance"], serde_json::Value::Null);
    let lower = v["enclosure"]["lower"]["layers"][0]["weight"][0][0].as_f64().unwrap();
    let upper = v["enclosure"]["upper"]["layers"][0]["weight"][0][0].as_f64().unwrap();
    assert!(lower < 250.0 / 3.0 && 250.0 / 3.0 < upper && upper - lower < 1e-11);

    // An exact nonzero-loss critical point, written by `critical`: critical within tolerance.
    let prefix = common::tmp("float-enclosure", "crit");
    let o = common::run(&[
        "critical",
        "--widths",
        "2,3,1",
        "--activation",
        r#"{"poly":["0","1","1/2"]}"#,
        "--kind",
        "nonzero-loss",
        "--seed",
        "4",
        "--out",
        &prefix,
    ]);
    assert!(o.status.success(), "{}", common::text(&o));
    let (net, data) = (format!("{prefix}.net.json"), format!("{prefix}.data.json"));
    let o = common::run(&["eval", "--float", "--net", &net, "--data", &data]);
    let t = common::text(&o);
    assert!(t.contains("critical: yes, within tolerance"), "{t}");
    assert!(t.contains("an exact critical point always passes"), "{t}");
    let o = common::run(&["eval", "--float", "--json", "--net", &net, "--data", &data]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["critical"], serde_json::json!(true));
    assert_eq!(v["verdict"]["kind"], "critical_within_tolerance");
    assert!(v["tolerance"]["bound"].as_f64().unwrap() > 0.0);
    assert!(v["tolerance"]["half_width"].as_f64().unwrap() <= v["tolerance"]["bound"].as_f64().unwrap());
    let o = common::run(&["hessian", "--float", "--net", &net, "--data", &data]);
    let t = common::text(&o);
    assert!(o.status.success() && t.contains("critical: yes, within tolerance"), "{t}");

    // A ReLU pre-activation enclosure around the kink: undecided, with the site.
    let relu = Network {
        activation: Activation::Exact(ExactActivation::Piecewise(Piecewise::relu())),
        params: one_one_one(Q::new(-1, 3), Q::one()),
    };
    let data = Dataset::new(vec![vec![Q::new(1, 3).add(&Q::int(2).pow(-70))]], vec![vec![Q::int(5)]]).unwrap();
    let (net, data_path) =
        (common::tmp("float-enclosure", "kink.net.json"), common::tmp("float-enclosure", "kink.data.json"));
    embedcheck::io::write_network_as(&net, &relu).unwrap();
    embedcheck::io::write_data_as(&data_path, &data).unwrap();
    let o = common::run(&["eval", "--float", "--json", "--net", &net, "--data", &data_path]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["critical"], serde_json::Value::Null);
    assert_eq!(v["verdict"]["reason"], "kink");
    assert_eq!(v["verdict"]["site"], serde_json::json!({"layer": 1, "neuron": 1, "sample": 1}));
}
