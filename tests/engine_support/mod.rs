//! Generators shared by the engine property tests: small networks with small-height rational
//! parameters, written as proptest strategies that shrink toward few layers, small widths and
//! parameters near 0 (proptest shrinks integers toward 0 and collections toward short ones).
#![allow(dead_code)]

use embedcheck::activation::{Activation, ExactActivation, FloatActivation, Piecewise, Polynomial, RationalFunction};
use embedcheck::data::Dataset;
use embedcheck::linalg::Matrix;
use embedcheck::net::{Layer, Params};
use embedcheck::scalar::Q;
use proptest::prelude::*;

/// Case count: `PROPTEST_CASES` when set, else `default` (kept small: the test profile is
/// opt-level 1 and forward mode costs one pass per parameter).
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// A rational n/d with |n| ≤ `num` and 1 ≤ d ≤ `den`; shrinks toward 0/1.
pub fn small_q(num: i64, den: i64) -> impl Strategy<Value = Q> + Clone {
    (-num..=num, 0..den).prop_map(|(n, d)| Q::new(n, d + 1))
}

/// A dyadic rational n/2^k with |n| ≤ `num` and k ≤ 3: exactly representable in f64, so the
/// float path starts from the same numbers as the exact one.
pub fn dyadic_q(num: i64) -> impl Strategy<Value = Q> + Clone {
    (-num..=num, 0u32..=3).prop_map(|(n, k)| Q::new(n, 1 << k))
}

/// A polynomial activation of degree ≤ 3 with small coefficients.
pub fn poly_activation() -> impl Strategy<Value = ExactActivation> {
    prop::collection::vec(small_q(3, 3), 1..=4).prop_map(|c| ExactActivation::Poly(Polynomial::new(c)))
}

/// A rational activation p/q whose denominator q(t) = d0 + d2 t² + d4 t⁴ with d0 ≥ 1/2 and
/// d2, d4 ≥ 0 is at least 1/2 for every real t, so it never vanishes (no `EvalError::Pole`).
pub fn rational_activation() -> impl Strategy<Value = ExactActivation> {
    (prop::collection::vec(small_q(3, 3), 1..=3), (1i64..=4, 1i64..=2), (0i64..=2, 1i64..=2), (0i64..=1, 1i64..=2))
        .prop_map(|(num, (a, b), (c, d), (e, f))| {
            let den = vec![Q::new(a, b), Q::int(0), Q::new(c, d), Q::int(0), Q::new(e, f)];
            ExactActivation::Rational(RationalFunction { num: Polynomial::new(num), den: Polynomial::new(den) })
        })
}

/// ReLU, leaky ReLU (slope in (0, 1)) or identity: exact everywhere, with the kink convention
/// σ'(0) = 0 applied identically by every code path.
pub fn piecewise_activation() -> impl Strategy<Value = ExactActivation> {
    prop_oneof![
        Just(ExactActivation::Piecewise(Piecewise::relu())),
        (1i64..=9).prop_map(|k| ExactActivation::Piecewise(Piecewise::leaky(Q::new(k, 10)))),
        Just(ExactActivation::Piecewise(Piecewise::identity())),
    ]
}

/// Any exact activation: polynomial, rational (pole-free) or piecewise linear.
pub fn exact_activation() -> impl Strategy<Value = ExactActivation> {
    prop_oneof![3 => poly_activation(), 2 => rational_activation(), 1 => piecewise_activation()]
}

/// tanh, sigmoid or softplus.
pub fn float_activation() -> impl Strategy<Value = Activation> {
    prop_oneof![
        Just(Activation::Float(FloatActivation::Tanh)),
        Just(Activation::Float(FloatActivation::Sigmoid)),
        Just(Activation::Float(FloatActivation::Softplus)),
    ]
}

/// Widths (m_0, …, m_L) with depth L in 1 ..= `max_depth` and every width in 1 ..= `max_width`.
pub fn widths(max_depth: usize, max_width: usize) -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(1..=max_width, 2..=max_depth + 1)
}

/// Parameters of the given widths, entries from `entry`; each layer independently has a bias
/// or is bias-free (`bias: None`).
pub fn params_with<E>(widths: Vec<usize>, entry: E) -> impl Strategy<Value = Params<Q>>
where
    E: Strategy<Value = Q> + Clone + 'static,
{
    let layers: Vec<_> = widths
        .windows(2)
        .map(|w| {
            let (fan_in, m) = (w[0], w[1]);
            (prop::collection::vec(entry.clone(), m * fan_in), any::<bool>(), prop::collection::vec(entry.clone(), m))
                .prop_map(move |(weight, has_bias, bias)| Layer {
                    weight: Matrix::from_vec(m, fan_in, weight),
                    bias: if has_bias { Some(bias) } else { None },
                })
        })
        .collect();
    layers.prop_map(|l| Params::new(l).expect("generated shapes chain"))
}

/// A data set of 1 ..= `max_n` samples fitting `m0` inputs and `ml` outputs.
pub fn data_with<E>(m0: usize, ml: usize, max_n: usize, entry: E) -> impl Strategy<Value = Dataset<Q>>
where
    E: Strategy<Value = Q> + Clone + 'static,
{
    prop::collection::vec((prop::collection::vec(entry.clone(), m0), prop::collection::vec(entry, ml)), 1..=max_n)
        .prop_map(|samples| {
            let (x, y): (Vec<_>, Vec<_>) = samples.into_iter().unzip();
            Dataset::new(x, y).expect("generated data fit")
        })
}

/// A network (parameters) with a data set that fits it.
pub fn net_and_data<E>(
    max_depth: usize,
    max_width: usize,
    max_n: usize,
    entry: E,
) -> impl Strategy<Value = (Params<Q>, Dataset<Q>)>
where
    E: Strategy<Value = Q> + Clone + 'static,
{
    widths(max_depth, max_width).prop_flat_map(move |w| {
        let (m0, ml) = (w[0], w[w.len() - 1]);
        (params_with(w, entry.clone()), data_with(m0, ml, max_n, entry.clone()))
    })
}
