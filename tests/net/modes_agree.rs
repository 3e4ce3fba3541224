//! Reverse mode (back-propagation, `net::evaluate`) and forward mode (dual numbers,
//! `net::gradient_forward_mode`) compute the same gradient **exactly** over Q.
//!
//! The two share only the forward pass: reverse mode uses the F/G/Z identities
//! ∇_{W^[l]} R_S = E_S[e^[l] (f^[l−1])ᵀ], ∇_{b^[l]} R_S = E_S[e^[l]] (`proofs/gradient-identities.md`),
//! forward mode evaluates R_S(θ + ε e_k) over `Dual<Q>`, which is exact by the dual-number
//! identity h(a + bε) = h(a) + h'(a) b ε for rational h. Equality is equality in Q: no tolerance.

use crate::engine_support;

use embedcheck::activation::{ExactActivation, Piecewise, Polynomial};
use embedcheck::data::Dataset;
use embedcheck::linalg::Matrix;
use embedcheck::net::{evaluate, gradient_forward_mode, loss, EvalError, Layer, Params};
use embedcheck::scalar::{Ring, Q};
use engine_support::*;
use proptest::prelude::*;
use quickcheck::{Arbitrary, Gen, QuickCheck, TestResult};

/// Both modes, and the loss by forward passes only; `Err` only at a pole (none expected here).
fn check_modes(params: &Params<Q>, act: &ExactActivation, data: &Dataset<Q>) -> Result<(), TestCaseError> {
    let rev = match evaluate(params, act, data) {
        Ok(ev) => ev,
        Err(EvalError::Pole(site)) => return Err(TestCaseError::reject(format!("pole at {site}"))),
        Err(e) => return Err(TestCaseError::fail(format!("evaluate failed: {e}"))),
    };
    let fwd = gradient_forward_mode(params, act, data).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&rev.gradient, &fwd, "reverse and forward mode differ");
    prop_assert_eq!(rev.gradient.num_params(), params.num_params());
    let forward_loss = loss(params, act, data).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&rev.loss, &forward_loss, "loss differs between the two code paths");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(24), ..ProptestConfig::default() })]

    /// Depth 1–4, widths 1–5 (so up to 5 outputs), polynomial, pole-free rational and
    /// piecewise-linear σ, layers with and without bias, 1–3 samples.
    #[test]
    fn reverse_and_forward_mode_gradients_are_equal_in_q(
        (params, data) in net_and_data(4, 5, 3, small_q(3, 4)),
        act in exact_activation(),
    ) {
        check_modes(&params, &act, &data)?;
    }

    /// The same with several outputs forced (m_L ≥ 2) and every layer bias-free, where the
    /// flat parameter order has no bias coordinates at all.
    #[test]
    fn modes_agree_on_bias_free_networks_with_several_outputs(
        (params, data) in (widths(3, 4), 2usize..=4).prop_flat_map(|(mut w, ml)| {
            *w.last_mut().expect("non-empty") = ml;
            let m0 = w[0];
            (params_with(w, small_q(3, 4)), data_with(m0, ml, 3, small_q(3, 4)))
        }),
        act in prop_oneof![poly_activation(), rational_activation()],
    ) {
        let bias_free = Params::new(
            params.layers().iter().map(|l| Layer { weight: l.weight.clone(), bias: None }).collect(),
        ).expect("same shapes");
        prop_assert_eq!(bias_free.num_params(), params.layers().iter().map(|l| l.weight.data().len()).sum::<usize>());
        check_modes(&bias_free, &act, &data)?;
    }
}

/// A small network for quickcheck: widths 1–4, depth 1–3, σ(t) = c0 + c1 t + c2 t².
#[derive(Clone, Debug)]
struct SmallNet {
    params: Params<Q>,
    coefficients: Vec<Q>,
    data: Dataset<Q>,
}

fn small(g: &mut Gen) -> Q {
    let n = i64::from(i8::arbitrary(g) % 4);
    let d = i64::from(u8::arbitrary(g) % 3) + 1;
    Q::new(n, d)
}

impl Arbitrary for SmallNet {
    fn arbitrary(g: &mut Gen) -> SmallNet {
        let depth = usize::from(u8::arbitrary(g) % 3) + 1;
        let widths: Vec<usize> = (0..=depth).map(|_| usize::from(u8::arbitrary(g) % 4) + 1).collect();
        let layers = widths
            .windows(2)
            .map(|w| Layer {
                weight: Matrix::from_vec(w[1], w[0], (0..w[0] * w[1]).map(|_| small(g)).collect()),
                bias: if bool::arbitrary(g) { Some((0..w[1]).map(|_| small(g)).collect()) } else { None },
            })
            .collect();
        let n = usize::from(u8::arbitrary(g) % 3) + 1;
        let vecs = |g: &mut Gen, m: usize| (0..n).map(|_| (0..m).map(|_| small(g)).collect()).collect();
        let inputs = vecs(g, widths[0]);
        let targets = vecs(g, widths[depth]);
        SmallNet {
            params: Params::new(layers).expect("shapes chain"),
            coefficients: (0..3).map(|_| small(g)).collect(),
            data: Dataset::new(inputs, targets).expect("data fit"),
        }
    }

    /// Shrinks by setting one nonzero parameter to 0 at a time.
    fn shrink(&self) -> Box<dyn Iterator<Item = SmallNet>> {
        let flat = self.params.flatten();
        let me = self.clone();
        Box::new((0..flat.len()).filter(move |&k| !flat[k].is_zero()).map(move |k| {
            let mut v = me.params.flatten();
            v[k] = Q::zero();
            SmallNet { params: me.params.with_flat(&v), ..me.clone() }
        }))
    }
}

fn modes_agree(net: SmallNet) -> TestResult {
    let act = ExactActivation::Poly(Polynomial::new(net.coefficients.clone()));
    let rev = evaluate(&net.params, &act, &net.data).expect("polynomials have no poles");
    let fwd = gradient_forward_mode(&net.params, &act, &net.data).expect("polynomials have no poles");
    TestResult::from_bool(rev.gradient == fwd)
}

/// The quickcheck generator finds the same agreement (keeps a second generator exercised).
#[test]
fn quickcheck_reverse_and_forward_mode_agree_in_q() {
    QuickCheck::new().tests(u64::from(cases(24))).quickcheck(modes_agree as fn(SmallNet) -> TestResult);
}

/// Negative control: a deliberately wrong "gradient" (forward mode with one entry perturbed)
/// is told apart, so the equality above is not vacuous.
#[test]
fn a_perturbed_gradient_is_detected() {
    let params = Params::new(vec![
        Layer {
            weight: Matrix::from_vec(2, 1, vec![Q::new(1, 2), Q::int(-1)]),
            bias: Some(vec![Q::int(1), Q::zero()]),
        },
        Layer { weight: Matrix::from_vec(1, 2, vec![Q::int(2), Q::new(1, 3)]), bias: None },
    ])
    .unwrap();
    let data = Dataset::new(vec![vec![Q::int(1)], vec![Q::int(-2)]], vec![vec![Q::int(0)], vec![Q::int(1)]]).unwrap();
    let act = ExactActivation::Piecewise(Piecewise::leaky(Q::new(1, 10)));
    let rev = evaluate(&params, &act, &data).unwrap();
    let fwd = gradient_forward_mode(&params, &act, &data).unwrap();
    assert_eq!(rev.gradient, fwd);
    let mut wrong = fwd.flatten();
    wrong[3] = wrong[3].add(&Q::new(1, 1_000_000));
    assert_ne!(rev.gradient, fwd.with_flat(&wrong));
}
