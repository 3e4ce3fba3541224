//! Truly-bad critical points (\[P2\] §6.3, width-depth spec §2.5, §6 item 9): the T_global
//! certificate of Thm 6.3 on the spec's Ex D (§2.6 "Three-fold global splitting": inertia
//! (7, 2, 4), v = e_{w₁}, c = A₁₁ = 3/2, coefficients (½, ½, 1), uᵀH_wide u = −3/4), H^(2) by an
//! independent path, a Lemma 6.2 case derived by hand, the verdicts of `analyse`, and the catalogue
//! checks with their controls through the harness.

use crate::hessian_common;

use embedcheck::activation::Activation;
use embedcheck::data::Dataset;
use embedcheck::embed::{global_splitting, Shape};
use embedcheck::hessian::certificate::verify;
use embedcheck::hessian::hessian;
use embedcheck::hessian::truly_bad::{
    analyse, global_certificate, residual_hessian, GlobalLemma, SearchOptions, Verdict,
};
use embedcheck::linalg::{inertia, Inertia, Matrix};
use embedcheck::net::{outputs, Layer, Network, Params};
use embedcheck::scalar::{Ring, Q};
use hessian_common::{ex_c, ex_d, ex_g, q, qs, Example};

fn network(ex: &Example) -> Network<Q> {
    Network { activation: ex.act.clone(), params: ex.params.clone() }
}

fn unit(m: usize, pairs: &[(usize, &str)]) -> Vec<Q> {
    let mut v = vec![Q::zero(); m];
    for (i, s) in pairs {
        v[*i] = q(s);
    }
    v
}

/// H^(2) by a path sharing nothing with `residual_hessian` (tangent Hessian minus JᵀJ/n): H_S at
/// the example's targets minus H_S at targets equal to the outputs (there r = 0, so H_S = H^(1),
/// which does not depend on the targets), both by forward over reverse.
fn residual_hessian_by_difference(ex: &Example) -> Matrix<Q> {
    let act = ex.act.exact().unwrap();
    let f: Vec<Vec<Q>> =
        ex.data.inputs().iter().enumerate().map(|(i, x)| outputs(&ex.params, act, x, i + 1).unwrap()).collect();
    let teacher = Dataset::new(ex.data.inputs().to_vec(), f).unwrap();
    let (h, h1) = (hessian(&ex.params, act, &ex.data).unwrap(), hessian(&ex.params, act, &teacher).unwrap());
    Matrix::from_vec(h.rows(), h.cols(), h.data().iter().zip(h1.data()).map(|(a, b)| a.sub(b)).collect())
}

/// Widths (2, 1, 2), σ(t) = t, W¹ = [[1, 0]], b¹ = 0, W² = [[1], [0]], b² = 0; x = (0, 1), (0, −1)
/// with residuals r = (0, 1), (0, −1) (targets f − r = (0, −1), (0, 1)). By hand: the gradient
/// E[r Fᵀ] = E[r x₁] = 0, E[r] = 0, W²ᵀE[r xᵀ] = E[r₁ xᵀ] = 0, E[r₁] = 0, so θ is critical; f is
/// linear in (W¹, b¹), so H^(2),[1] = 0; the cross block has the single entry
/// ∂²/∂W²₂₁∂W¹₁₂ = E[r₂ x₂] = 1 (flat coordinates 4 and 1, 0-based). Lemma 6.2: v = e₄ − e₁,
/// vᵀH^(2)v = −2, uᵀH_wide u = 2·(−2) = −4.
fn lemma_6_2_example() -> Example {
    let params = Params::new(vec![
        Layer { weight: Matrix::from_rows(vec![qs(&["1", "0"])], 2), bias: Some(qs(&["0"])) },
        Layer { weight: Matrix::from_rows(vec![qs(&["1"]), qs(&["0"])], 1), bias: Some(qs(&["0", "0"])) },
    ])
    .unwrap();
    let data = Dataset::new(vec![qs(&["0", "1"]), qs(&["0", "-1"])], vec![qs(&["0", "-1"]), qs(&["0", "1"])]).unwrap();
    Example { act: Activation::poly(qs(&["0", "1"])), params, data }
}

/// Widths (1, 1, 1), σ(t) = t + t³, w = 1, b = 0, v = 1, c = 0 (f = x + x³) on x = −2 … 2 with
/// residuals (1, −4, 6, −4, 1) (the fourth difference, orthogonal to every polynomial of degree
/// ≤ 3 on these points), so targets (−11, 2, −6, 6, 9). Every entry of J, of H^(2), of Theorem S's
/// A and B and of Theorem N's N = E[r x] is such a polynomial moment, hence 0: the Pitfall of spec
/// §2.6. R = (1 + 16 + 36 + 16 + 1)/10 = 7.
fn pitfall_example() -> Example {
    let params = Params::new(vec![
        Layer { weight: Matrix::from_rows(vec![qs(&["1"])], 1), bias: Some(qs(&["0"])) },
        Layer { weight: Matrix::from_rows(vec![qs(&["1"])], 1), bias: Some(qs(&["0"])) },
    ])
    .unwrap();
    let x = ["-2", "-1", "0", "1", "2"];
    let y = ["-11", "2", "-6", "6", "9"];
    let data = Dataset::new(x.iter().map(|s| qs(&[s])).collect(), y.iter().map(|s| qs(&[s])).collect()).unwrap();
    Example { act: Activation::poly(qs(&["0", "1", "0", "1"])), params, data }
}

/// Spec Ex A (not critical): Ex G's θ with targets 1, 0, 1.
fn ex_a() -> Example {
    let g = ex_g();
    let targets = vec![qs(&["1"]), qs(&["0"]), qs(&["1"])];
    Example { data: Dataset::new(g.data.inputs().to_vec(), targets).unwrap(), ..g }
}

#[test]
fn ex_d_global_splitting_has_the_spec_inertia() {
    let ex = ex_d();
    let wide = global_splitting::<Q>(&Shape::of(&ex.params)).unwrap().apply(&ex.params).unwrap();
    let h = hessian(&wide, ex.act.exact().unwrap(), &ex.data).unwrap();
    assert_eq!(inertia(&h), Inertia::new(7, 2, 4));
}

#[test]
fn ex_d_global_certificate_is_minus_three_quarters() {
    let ex = ex_d();
    let cert = global_certificate(&network(&ex), &ex.data).unwrap().expect("H^(2) ≠ 0 on Ex D");
    let d = &cert.direction;
    assert_eq!(d.lemma, GlobalLemma::HiddenBlock);
    assert_eq!(d.v, unit(ex.params.num_params(), &[(0, "1")]), "v = e_{{w₁}}, the first coordinate");
    assert_eq!(d.value, q("3/2"), "c = A₁₁");
    assert_eq!(d.coefficients, [q("1/2"), q("1/2"), q("1")]);
    assert_eq!(d.predicted, q("-3/4"));
    assert_eq!(cert.curvature, q("-3/4"));
    assert!(cert.holds());
    verify(&cert.certificate(&ex.data)).unwrap();
}

#[test]
fn residual_hessian_agrees_with_the_difference_of_two_hessians() {
    for ex in [ex_c(), ex_d(), lemma_6_2_example(), pitfall_example()] {
        let h2 = residual_hessian(&ex.params, ex.act.exact().unwrap(), &ex.data).unwrap();
        assert_eq!(h2, residual_hessian_by_difference(&ex));
    }
}

#[test]
fn ex_d_hidden_block_of_h2_starts_with_a11() {
    // For a one-neuron two-layer net H^(2),[1] = A (spec §2.5): entry (w₁, w₁) is A₁₁ = 3/2.
    let ex = ex_d();
    let h2 = residual_hessian(&ex.params, ex.act.exact().unwrap(), &ex.data).unwrap();
    assert_eq!(h2.get(0, 0), &q("3/2"));
}

#[test]
fn lemma_6_2_certificate_on_a_linear_two_output_net_is_minus_four() {
    let ex = lemma_6_2_example();
    let cert = global_certificate(&network(&ex), &ex.data).unwrap().expect("cross block ≠ 0");
    let d = &cert.direction;
    assert_eq!(d.lemma, GlobalLemma::CrossBlock);
    assert_eq!(d.v, unit(ex.params.num_params(), &[(4, "1"), (1, "-1")]));
    assert_eq!(d.value, q("-2"));
    assert_eq!(d.coefficients, [q("1"), q("-1"), q("0")]);
    assert_eq!(cert.curvature, q("-4"));
    verify(&cert.certificate(&ex.data)).unwrap();
}

#[test]
fn zero_loss_point_gets_no_certificate_and_is_reported_as_a_global_minimum() {
    let ex = ex_g();
    assert!(global_certificate(&network(&ex), &ex.data).unwrap().is_none());
    let report = analyse(&network(&ex), &ex.data, &SearchOptions::default()).unwrap();
    assert!(report.residual_hessian_zero && report.zero_loss());
    assert_eq!(report.verdict, Verdict::CandidateTrulyBad { one_step_tried: 2 * 4 + 4 });
    assert!(report.one_step.iter().all(|r| r.inertia.negative == 0));
}

#[test]
fn ex_d_escapes_through_t_global_and_through_a_split() {
    let ex = ex_d();
    let report = analyse(&network(&ex), &ex.data, &SearchOptions::default()).unwrap();
    assert!(!report.residual_hessian_zero);
    assert_eq!(report.global_inertia, Some(Inertia::new(7, 2, 4)));
    let Verdict::Escapes { via, certificate } = &report.verdict else { panic!("{:?}", report.verdict) };
    assert!(via.starts_with("T_global"), "{via}");
    verify(certificate.as_ref().unwrap()).unwrap();
    // Spec Ex D: every split with α ∉ {0, 1} gives (6, 1, 2); the null embedding gives (5, 0, 4)
    // at β = 0 (N = 0 there, and for every β).
    for r in &report.one_step {
        let want =
            if r.embedding.to_string().starts_with("split") { Inertia::new(6, 1, 2) } else { Inertia::new(5, 0, 4) };
        assert_eq!(r.inertia, want, "{}", r.embedding);
    }
}

#[test]
fn pitfall_point_is_a_candidate_with_nonzero_loss() {
    let ex = pitfall_example();
    let report = analyse(&network(&ex), &ex.data, &SearchOptions::default()).unwrap();
    assert_eq!(report.loss, q("7"));
    assert!(report.residual_hessian_zero);
    assert_eq!(report.verdict, Verdict::CandidateTrulyBad { one_step_tried: 4 + 4 });
}

#[test]
fn non_critical_and_saddle_points_get_those_verdicts() {
    let ex = ex_a();
    let report = analyse(&network(&ex), &ex.data, &SearchOptions::default()).unwrap();
    assert!(matches!(report.verdict, Verdict::NotCritical { .. }), "{:?}", report.verdict);
    let ex = lemma_6_2_example();
    let report = analyse(&network(&ex), &ex.data, &SearchOptions::default()).unwrap();
    // By hand: on (W²₂₁, W¹₁₂) the Hessian is [[0, 1], [1, 1]] (GN part E[x₂²] = 1 on W¹₁₂ only).
    let Verdict::AlreadyStrictSaddle { certificate } = &report.verdict else { panic!("{:?}", report.verdict) };
    verify(certificate.as_ref().unwrap()).unwrap();
}

#[test]
fn truly_bad_checks_are_wired_into_the_hessian_catalogue() {
    let ids: Vec<&str> = embedcheck::hessian::theorems::theorems().iter().map(|t| t.id()).collect();
    assert!(ids.contains(&"hessian.truly_bad.global_saddle") && ids.contains(&"hessian.truly_bad.zero_loss"));
    let ids: Vec<&str> = embedcheck::hessian::theorems::controls().iter().map(|t| t.id()).collect();
    assert!(ids.contains(&"hessian.truly_bad.global_saddle.control.coefficients_111"));
    assert!(ids.contains(&"hessian.truly_bad.zero_loss.control.certificate_at_zero_loss"));
}

#[test]
fn global_certificates_of_generated_critical_points_pass_verify() {
    // The catalogue skips `verify` for speed; here it runs on generated points (spec §2.6 recipe).
    use embedcheck::critical::{random_critical, CriticalKind};
    use embedcheck::rng::Rng;
    let act = Activation::poly(qs(&["0", "1", "0", "1"]));
    let mut verified = 0;
    for seed in 0..8 {
        let mut rng = Rng::new(seed);
        let Some(cp) =
            random_critical(&mut rng, &[2, 2, 1], act.exact().unwrap(), CriticalKind::NonzeroLoss, 11, 2).unwrap()
        else {
            continue;
        };
        let net = Network { activation: act.clone(), params: cp.params };
        if let Some(cert) = global_certificate(&net, &cp.data).unwrap() {
            assert!(cert.holds(), "seed {seed}: {} vs {}", cert.curvature, cert.direction.predicted);
            verify(&cert.certificate(&cp.data)).unwrap();
            verified += 1;
        }
    }
    assert!(verified >= 4, "only {verified} certificates");
}

/// The shipped T_global certificate of Ex D (`proofs/certificates/`): re-verifies, equals the one
/// the code builds, and a tampered copy (curvature −1 instead of −3/4) is rejected.
#[test]
fn shipped_ex_d_t_global_certificate_reverifies_and_a_tampered_copy_does_not() {
    use embedcheck::hessian::certificate::{from_json, Claim};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/proofs/certificates/ex-d-t-global-strict-saddle.json");
    let shipped = from_json(&std::fs::read_to_string(path).unwrap(), path).unwrap();
    verify(&shipped).unwrap();
    let ex = ex_d();
    let built = global_certificate(&network(&ex), &ex.data).unwrap().unwrap().certificate(&ex.data);
    assert_eq!(shipped, built);
    // Hand check of the direction: wide widths (2, 3, 1); v = e_{w₁} on the three copies' rows
    // with (½, ½, 1): u = (½, 0, ½, 0, 1, 0, 0 …).
    let Claim::StrictSaddle { direction, .. } = &shipped.claim else { panic!("strict saddle claim") };
    assert_eq!(direction[..6], qs(&["1/2", "0", "1/2", "0", "1", "0"])[..]);
    assert!(direction[6..].iter().all(Q::is_zero));
    let mut tampered = shipped.clone();
    tampered.claim = Claim::StrictSaddle { direction: direction.clone(), curvature: q("-1") };
    assert!(verify(&tampered).is_err());
}
