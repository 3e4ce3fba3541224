//! Gradients on small cases computed by hand (the derivation is written above each test), for
//! a square, a rational and a piecewise-linear activation. Every expected value comes from
//! the derivation, never from the code; both reverse and forward mode are checked against it.
//!
//! Notation (width-depth spec §1): p = pre-activation, h = σ(p), r = f − y the residual,
//! R_S = (1/n) Σ_i ½ r_i², ∇_v R = E[r h], ∇_c R = E[r], ∇_w R = E[r v σ'(p) x], ∇_b R = E[r v σ'(p)]
//! for the one-neuron net f(x) = v σ(w x + b) + c (flat order w, b, v, c).

use crate::common;
use common::*;
use embedcheck::activation::{ExactActivation, Piecewise, Polynomial, RationalFunction};
use embedcheck::data::Dataset;
use embedcheck::net::{evaluate, gradient_forward_mode, EvalError, Params, Site};
use embedcheck::scalar::Q;

/// One neuron: f(x) = v σ(w x + b) + c.
fn one_neuron(w: &str, b: &str, v: &str, c: &str) -> Params<Q> {
    Params::new(vec![layer(&[&[w]], &[b]), layer(&[&[v]], &[c])]).unwrap()
}

fn data(xs: &[&[&str]], ys: &[&[&str]]) -> Dataset<Q> {
    Dataset::new(xs.iter().map(|x| qs(x)).collect(), ys.iter().map(|y| qs(y)).collect()).unwrap()
}

fn assert_both_modes(params: &Params<Q>, act: &ExactActivation, data: &Dataset<Q>, gradient: &[&str]) {
    let ev = evaluate(params, act, data).unwrap();
    assert_eq!(ev.gradient.flatten(), qs(gradient), "reverse mode");
    assert_eq!(gradient_forward_mode(params, act, data).unwrap().flatten(), qs(gradient), "forward mode");
}

/// σ(t) = t², w = 1/2, b = 1, v = 2, c = −1; samples (x, y) = (2, 1) and (−2, 0).
///
/// Sample 1: p = ½·2 + 1 = 2, h = 4, f = 2·4 − 1 = 7, r = 6, σ'(p) = 2p = 4.
/// Sample 2: p = −1 + 1 = 0, h = 0, f = −1, r = −1, σ'(p) = 0.
/// R = ½(½·36 + ½·1) = 37/4.
/// ∇_w = ½(6·2·4·2 + (−1)·2·0·(−2)) = 48; ∇_b = ½(6·2·4 + 0) = 24;
/// ∇_v = ½(6·4 + (−1)·0) = 12; ∇_c = ½(6 − 1) = 5/2.
#[test]
fn square_activation_one_neuron_two_samples_matches_the_hand_derivation() {
    let params = one_neuron("1/2", "1", "2", "-1");
    let act = ExactActivation::Poly(Polynomial::new(qs(&["0", "0", "1"])));
    let d = data(&[&["2"], &["-2"]], &[&["1"], &["0"]]);
    let ev = evaluate(&params, &act, &d).unwrap();
    assert_eq!(ev.outputs, vec![qs(&["7"]), qs(&["-1"])]);
    assert_eq!(ev.loss, q("37/4"));
    assert_both_modes(&params, &act, &d, &["48", "24", "12", "5/2"]);
}

/// σ(t) = 1/(1 + t²), σ'(t) = −2t/(1 + t²)²; w = 1, b = 0, v = 1, c = 0;
/// samples (x, y) = (1, 0) and (2, 1).
///
/// Sample 1: p = 1, h = 1/2, f = 1/2, r = 1/2, σ'(1) = −2/4 = −1/2.
/// Sample 2: p = 2, h = 1/5, f = 1/5, r = −4/5, σ'(2) = −4/25.
/// R = ½(½·1/4 + ½·16/25) = ½(1/8 + 8/25) = 89/400.
/// ∇_w = ½((1/2)(−1/2)(1) + (−4/5)(−4/25)(2)) = ½(−1/4 + 32/125) = 3/1000;
/// ∇_b = ½(−1/4 + 16/125) = −61/1000; ∇_v = ½((1/2)(1/2) + (−4/5)(1/5)) = ½(1/4 − 4/25) = 9/200;
/// ∇_c = ½(1/2 − 4/5) = −3/20.
#[test]
fn rational_activation_one_neuron_matches_the_hand_derivation() {
    let params = one_neuron("1", "0", "1", "0");
    let act = ExactActivation::Rational(RationalFunction {
        num: Polynomial::new(qs(&["1"])),
        den: Polynomial::new(qs(&["1", "0", "1"])),
    });
    let d = data(&[&["1"], &["2"]], &[&["0"], &["1"]]);
    let ev = evaluate(&params, &act, &d).unwrap();
    assert_eq!(ev.outputs, vec![qs(&["1/2"]), qs(&["1/5"])]);
    assert_eq!(ev.loss, q("89/400"));
    assert_both_modes(&params, &act, &d, &["3/1000", "-61/1000", "9/200", "-3/20"]);
}

/// σ(t) = 1/t has a pole at 0: with w = 1, b = −2 the second sample x = 2 gives p = 0 at
/// layer 1, neuron 1, sample 2, and both modes report exactly that site.
#[test]
fn a_pole_of_a_rational_activation_names_layer_neuron_and_sample() {
    let params = one_neuron("1", "-2", "1", "0");
    let act = ExactActivation::Rational(RationalFunction {
        num: Polynomial::new(qs(&["1"])),
        den: Polynomial::new(qs(&["0", "1"])),
    });
    let d = data(&[&["1"], &["2"]], &[&["0"], &["0"]]);
    let site = Site { layer: 1, neuron: 1, sample: 2 };
    assert_eq!(evaluate(&params, &act, &d).unwrap_err(), EvalError::Pole(site));
    assert_eq!(gradient_forward_mode(&params, &act, &d).unwrap_err(), EvalError::Pole(site));
}

/// Widths (2, 2, 1): W¹ = [[1, −1], [2, 1]], b¹ = (0, −1), W² = [[1, −2]], b² = 1/2;
/// samples x₁ = (1, 2), y₁ = 0 and x₂ = (3, 1), y₂ = 1.
fn two_by_two() -> (Params<Q>, Dataset<Q>) {
    let params =
        Params::new(vec![layer(&[&["1", "-1"], &["2", "1"]], &["0", "-1"]), layer(&[&["1", "-2"]], &["1/2"])]).unwrap();
    (params, data(&[&["1", "2"], &["3", "1"]], &[&["0"], &["1"]]))
}

/// ReLU away from the kink.
///
/// Sample 1: p = (1 − 2, 2 + 2 − 1) = (−1, 3), h = (0, 3), g = (0, 1), f = 0 − 6 + ½ = −11/2,
/// r = −11/2. Sample 2: p = (2, 6), h = (2, 6), g = (1, 1), f = 2 − 12 + ½ = −19/2, r = −21/2.
/// R = ½(½·121/4 + ½·441/4) = 281/8.
/// ∇W² = ½(r₁h₁ + r₂h₂) = ½((0, −33/2) + (−21, −63)) = (−21/2, −159/4); ∇b² = ½(r₁ + r₂) = −8.
/// e¹ = r (W²)ᵀ ∘ g: sample 1 (−11/2, 11) ∘ (0, 1) = (0, 11); sample 2 (−21/2, 21).
/// ∇W¹ = ½(e¹₁x₁ᵀ + e¹₂x₂ᵀ) = ½([[0, 0], [11, 22]] + [[−63/2, −21/2], [63, 21]])
///      = [[−63/4, −21/4], [37, 43/2]]; ∇b¹ = ½((0, 11) + (−21/2, 21)) = (−21/4, 16).
#[test]
fn relu_away_from_the_kink_matches_the_hand_derivation() {
    let (params, d) = two_by_two();
    let act = ExactActivation::Piecewise(Piecewise::relu());
    let ev = evaluate(&params, &act, &d).unwrap();
    assert_eq!(ev.outputs, vec![qs(&["-11/2"]), qs(&["-19/2"])]);
    assert_eq!(ev.loss, q("281/8"));
    assert!(ev.kinks.is_empty());
    assert_both_modes(&params, &act, &d, &["-63/4", "-21/4", "37", "43/2", "-21/4", "16", "-21/2", "-159/4", "-8"]);
}

/// Leaky ReLU with slope 1/10 on the same net.
///
/// Sample 1: p = (−1, 3), h = (−1/10, 3), g = (1/10, 1), f = −1/10 − 6 + ½ = −28/5, r = −28/5.
/// Sample 2 as for ReLU: h = (2, 6), r = −21/2. R = ¼(784/25 + 441/4) = 14161/400.
/// ∇W² = ½((−28/5)(−1/10, 3) + (−21/2)(2, 6)) = ½(14/25 − 21, −84/5 − 63) = (−511/50, −399/10);
/// ∇b² = ½(−28/5 − 21/2) = −161/20.
/// e¹: sample 1 (−28/5)(1, −2) ∘ (1/10, 1) = (−14/25, 56/5); sample 2 (−21/2, 21).
/// ∇W¹ = ½([[−14/25, −28/25], [56/5, 112/5]] + [[−63/2, −21/2], [63, 21]])
///      = [[−1603/100, −581/100], [371/10, 217/10]];
/// ∇b¹ = ½(−14/25 − 21/2, 56/5 + 21) = (−553/100, 161/10).
#[test]
fn leaky_relu_away_from_the_kink_matches_the_hand_derivation() {
    let (params, d) = two_by_two();
    let act = ExactActivation::Piecewise(Piecewise::leaky(q("1/10")));
    let ev = evaluate(&params, &act, &d).unwrap();
    assert_eq!(ev.outputs, vec![qs(&["-28/5"]), qs(&["-19/2"])]);
    assert_eq!(ev.loss, q("14161/400"));
    assert!(ev.kinks.is_empty());
    let expected = ["-1603/100", "-581/100", "371/10", "217/10", "-553/100", "161/10", "-511/50", "-399/10", "-161/20"];
    assert_both_modes(&params, &act, &d, &expected);
}

/// At x = (1, 1) the first neuron's pre-activation is 1 − 1 + 0 = 0: a kink of ReLU, reported
/// at layer 1, neuron 1, sample 1 (never silently resolved).
#[test]
fn relu_at_the_kink_is_reported_with_its_site() {
    let (params, _) = two_by_two();
    let d = data(&[&["1", "1"]], &[&["0"]]);
    let ev = evaluate(&params, &ExactActivation::Piecewise(Piecewise::relu()), &d).unwrap();
    assert_eq!(ev.kinks, vec![Site { layer: 1, neuron: 1, sample: 1 }]);
}
