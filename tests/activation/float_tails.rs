//! The float activations' derivatives keep a small relative error in the tails, where the
//! textbook forms 1 − tanh² and s(1 − s) cancel to 0 (see `src/activation/smooth.rs`).
//!
//! Independent values: for t ≥ 20, e^{−2t} < 2⁻⁵⁷, so in real arithmetic
//! sech²(t) = 4e^{−2t}/(1 + e^{−2t})² = 4e^{−2t}(1 − δ) with 0 ≤ δ < 2e^{−2t} < 2⁻⁵⁶, and
//! s'(t) = e^{−t}/(1 + e^{−t})² = e^{−t}(1 − δ') with δ' < 2e^{−t}. f64's exp is within an ulp,
//! so `4.0 * (-2.0 * t).exp()` is sech²(t) to within a few ulps for t ≥ 20; likewise e^{−t} for
//! s'(t) when t ≥ 40 (e^{−40} < 2⁻⁵⁷). 16 ulps leaves room for the two sigmoids and products.

use embedcheck::activation::{Activation, Sigma};

fn act(name: &str) -> Activation {
    embedcheck::io::parse_activation(&serde_json::json!(name), "test").unwrap()
}

fn rel_err(a: f64, b: f64) -> f64 {
    ((a - b) / b).abs()
}

const TOL: f64 = 16.0 * f64::EPSILON;

#[test]
fn tanh_derivative_is_relatively_accurate_in_both_tails() {
    let tanh = act("tanh");
    for t in [20.0, 25.0, 100.0, 300.0] {
        let expected = 4.0 * f64::exp(-2.0 * t);
        for x in [t, -t] {
            let jet = tanh.jet(&x).unwrap();
            assert!(rel_err(jet.d1, expected) <= TOL, "tanh'({x}) = {:e}, expected {expected:e}", jet.d1);
            // tanh'' = −2 tanh · tanh', with tanh(±t) = ±1 in f64 for t ≥ 20.
            let d2 = -2.0 * x.signum() * expected;
            assert!(rel_err(jet.d2, d2) <= TOL, "tanh''({x}) = {:e}, expected {d2:e}", jet.d2);
        }
    }
}

#[test]
fn sigmoid_and_softplus_derivatives_are_relatively_accurate_in_both_tails() {
    let (sigmoid, softplus) = (act("sigmoid"), act("softplus"));
    for t in [40.0, 100.0, 700.0] {
        let expected = f64::exp(-t);
        for x in [t, -t] {
            let js = sigmoid.jet(&x).unwrap();
            assert!(rel_err(js.d1, expected) <= TOL, "s'({x}) = {:e}, expected {expected:e}", js.d1);
            // s'' = s'(1 − 2s): −s' at +t (s = 1), +s' at −t (s ≈ 0).
            assert!(rel_err(js.d2, -x.signum() * expected) <= TOL, "s''({x}) = {:e}", js.d2);
            let jp = softplus.jet(&x).unwrap();
            assert!(rel_err(jp.d2, expected) <= TOL, "softplus''({x}) = {:e}, expected {expected:e}", jp.d2);
        }
    }
}

#[test]
fn derivatives_match_the_textbook_forms_where_those_are_accurate() {
    // Near 0 nothing cancels, so 1 − tanh² and s(1 − s) are accurate references.
    let (tanh, sigmoid) = (act("tanh"), act("sigmoid"));
    for x in [-0.75, -0.1, 0.0, 0.3, 1.0] {
        let th = f64::tanh(x);
        assert!(rel_err(tanh.jet(&x).unwrap().d1, 1.0 - th * th) <= TOL);
        let s = 1.0 / (1.0 + f64::exp(-x));
        assert!(rel_err(sigmoid.jet(&x).unwrap().d1, s * (1.0 - s)) <= TOL);
    }
}
