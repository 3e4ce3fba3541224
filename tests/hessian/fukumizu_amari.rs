//! The Fukumizu–Amari criterion (width-depth spec §2.5, Corollary) on the spec's worked examples
//! Ex C, D, E (§2.6; A, inertias and α values are the spec's [checked] numbers, the wide nets
//! built by hand in `hessian_common::split`), and as the catalogue entry `hessian.fukumizu_amari`
//! through the harness, with both negative controls caught and their certificates re-checked
//! through the independent path.

use crate::hessian_common;

use embedcheck::catalogue;
use embedcheck::hessian::certificate::{verify, Claim};
use embedcheck::hessian::fukumizu_amari::{strict_minimum, Analysis, SaddleSet, SignStructure};
use embedcheck::hessian::hessian;
use embedcheck::hessian::theorems::fukumizu_amari::controls;
use embedcheck::io::{data_to_json, network_to_json};
use embedcheck::linalg::{inertia, Inertia, Matrix};
use embedcheck::net::Network;
use embedcheck::rng::Rng;
use embedcheck::scalar::Q;
use embedcheck::theorem::harness::case_seeds;
use embedcheck::theorem::Size;
use hessian_common::{caught_controls, ex_c, ex_d, ex_e, q, qs, split, Example};

fn matrix(rows: &[&[&str]]) -> Matrix<Q> {
    Matrix::from_rows(rows.iter().map(|r| qs(r)).collect(), rows[0].len())
}

fn analysis(ex: &Example) -> Analysis {
    Analysis::new(&Network { activation: ex.act.clone(), params: ex.params.clone() }, &ex.data, 0).unwrap()
}

fn direct_inertia(ex: &Example) -> Inertia {
    inertia(&hessian(&ex.params, ex.act.exact().unwrap(), &ex.data).unwrap())
}

/// For each (α, spec inertia): the prediction, the Hessian computed directly at the hand-built
/// wide net, and the spec agree; the split is a strict saddle exactly when the predicted saddle
/// set contains α, and then the certificate verifies and its curvature is negative.
fn check_example(ex: &Example, spec_a: Matrix<Q>, spec_set: SaddleSet, cases: &[(&str, Inertia)]) {
    let an = analysis(ex);
    assert_eq!(an.a, spec_a, "A");
    assert_eq!(an.saddle_set(), spec_set, "saddle set");
    for (alpha, want) in cases {
        let alpha = q(alpha);
        assert_eq!(an.predicted_inertia(&alpha), *want, "predicted inertia at α = {alpha}");
        assert_eq!(direct_inertia(&split(ex, 0, &alpha)), *want, "direct inertia at α = {alpha}");
        let saddle = want.negative > 0;
        assert_eq!(an.saddle_set().contains(&alpha), saddle, "saddle at α = {alpha}");
        match an.certificate(&alpha) {
            Some(c) => {
                assert!(saddle, "certificate at a non-saddle α = {alpha}");
                verify(&c).unwrap();
            }
            None => assert!(!saddle, "no certificate at the saddle α = {alpha}"),
        }
    }
}

const OUTSIDE: SaddleSet = SaddleSet { inside: false, outside: true, endpoints: false };

#[test]
fn ex_c_psd_rank_one_a_gives_saddles_exactly_off_the_unit_interval() {
    let w = Inertia::new;
    let cases = [("1/3", w(5, 0, 2)), ("1/2", w(5, 0, 2)), ("2", w(4, 1, 2)), ("-1", w(4, 1, 2)), ("0", w(4, 0, 3))];
    check_example(&ex_c(), matrix(&[&["6", "12"], &["12", "24"]]), OUTSIDE, &cases);
    let an = analysis(&ex_c());
    assert_eq!(an.a_inertia, w(1, 0, 1));
    assert_eq!(an.sign_structure(), SignStructure::PositiveSemidefinite);
    assert_eq!(an.narrow_inertia, w(4, 0, 0));
}

#[test]
fn ex_d_indefinite_a_gives_saddles_for_every_alpha_but_zero_and_one() {
    let w = Inertia::new;
    let a = matrix(&[&["3/2", "0", "3/2"], &["0", "0", "0"], &["3/2", "0", "0"]]);
    let every = SaddleSet { inside: true, outside: true, endpoints: false };
    let cases = [("1/2", w(6, 1, 2)), ("2", w(6, 1, 2)), ("0", w(5, 0, 4)), ("1", w(5, 0, 4))];
    check_example(&ex_d(), a, every, &cases);
    assert_eq!(analysis(&ex_d()).sign_structure(), SignStructure::Indefinite);
}

#[test]
fn ex_e_positive_definite_a_gives_the_classical_picture_with_m0_plus_one_negatives() {
    let w = Inertia::new;
    let a = matrix(&[&["2880", "42300/7"], &["42300/7", "12780"]]);
    let cases = [("1/2", w(6, 0, 1)), ("2", w(4, 2, 1)), ("-1", w(4, 2, 1))];
    check_example(&ex_e(), a, OUTSIDE, &cases);
    assert_eq!(analysis(&ex_e()).sign_structure(), SignStructure::PositiveDefinite);
}

/// Hand derivation on Ex C at α = 2: α(1−α)A = −2A has diagonal (−12, −48), so ζ = e_w gives
/// ζᵀ(−2A)ζ = −12; u puts αζ = 2 on neuron 1's weight and −(1−α)ζ = 1 on the copy's weight:
/// u = (2, 1, 0, 0, 0, 0, 0), the direction of proofs/certificates/ex-c-split-alpha-2-strict-saddle.json.
#[test]
fn ex_c_certificate_direction_is_the_hand_derived_zeta_direction() {
    let c = analysis(&ex_c()).certificate(&q("2")).unwrap();
    let Claim::StrictSaddle { direction, curvature } = c.claim else { panic!("strict saddle claim") };
    assert_eq!(direction, qs(&["2", "1", "0", "0", "0", "0", "0"]));
    assert_eq!(curvature, q("-12"));
}

fn case_json(ex: &Example, alpha: &str) -> serde_json::Value {
    let net = Network { activation: ex.act.clone(), params: ex.params.clone() };
    serde_json::json!({
        "network": network_to_json(&net), "data": data_to_json(&ex.data),
        "split": {"layer": 1, "neuron": 1, "alpha": alpha},
    })
}

/// The independent re-check (forward over forward, Descartes' rule, A from its definition)
/// confirms the criterion on Ex C–E and refutes both controls where the spec says they are wrong:
/// with y − f, Ex C's A ⪰ 0 becomes ⪯ 0 and α = 1/3 is wrongly predicted a saddle; with the sides
/// exchanged, Ex E (A ≻ 0) is wrongly predicted a saddle at α = 1/2 and not at α = 2.
#[test]
fn reverify_confirms_the_examples_and_refutes_the_controls() {
    let theorem = catalogue::find("hessian.fukumizu_amari").unwrap();
    for (ex, alphas) in [(ex_c(), ["1/3", "2"]), (ex_d(), ["1/2", "1"]), (ex_e(), ["1/2", "-1"])] {
        for a in alphas {
            assert_eq!(theorem.reverify(&case_json(&ex, a)), Ok(true), "α = {a}");
        }
    }
    let sign = catalogue::find("hessian.fukumizu_amari.control.residual_sign").unwrap();
    assert_eq!(sign.reverify(&case_json(&ex_c(), "1/3")), Ok(false));
    let range = catalogue::find("hessian.fukumizu_amari.control.inside_range").unwrap();
    assert_eq!(range.reverify(&case_json(&ex_e(), "1/2")), Ok(false));
    assert_eq!(range.reverify(&case_json(&ex_e(), "2")), Ok(false));
}

#[test]
fn generated_instances_are_strict_minima_with_every_sign_structure_of_a() {
    let (mut definite, mut indefinite, mut singular) = (0, 0, 0);
    for seed in case_seeds(1).take(100) {
        let Ok(inst) = strict_minimum(&mut Rng::new(seed), Size::default()) else { continue };
        assert!(inst.pivots.iter().all(|d| d > &Q::int(0)), "LDLᵀ pivots positive");
        let an = Analysis::new(&inst.net, &inst.data, inst.neuron).unwrap();
        assert_eq!(an.narrow_inertia.positive, inst.net.params.num_params(), "H_narr ≻ 0");
        match an.sign_structure() {
            SignStructure::PositiveDefinite | SignStructure::NegativeDefinite => definite += 1,
            SignStructure::Indefinite => indefinite += 1,
            SignStructure::PositiveSemidefinite | SignStructure::NegativeSemidefinite => singular += 1,
            SignStructure::Zero => panic!("A = 0 must be reported as not applicable"),
        }
    }
    assert!(
        definite > 0 && indefinite > 0 && singular > 0,
        "{definite} definite, {indefinite} indefinite, {singular} singular"
    );
}

const CASES: u64 = 30;

#[test]
fn every_fukumizu_amari_control_is_caught_and_its_counterexample_stands_independently() {
    for (t, f) in controls().iter().zip(caught_controls(&controls(), 7, CASES)) {
        assert_eq!(t.reverify(&f.counterexample.case), Ok(false), "{}: the independent re-check", t.id());
    }
}
