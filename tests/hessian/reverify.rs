//! Hessian theorems' counterexample certificates are re-checked through the independent path
//! (`hessian::reverify`: forward-over-forward Hessian, Descartes inertia, forward-mode gradient and
//! δ, sparse-map embeddings) rather than by re-running the seed: every control's shrunk
//! counterexample *stands* (`Verification::Stands`), and the theorems hold on the spec's Ex C and
//! Ex E cases (width-depth §2.6: Theorem S at α = 2 on Ex C, Theorem N at β = 0 on Ex E).

use crate::hessian_common;

use embedcheck::catalogue;
use embedcheck::catalogue::verify;
use embedcheck::io::{data_to_json, network_to_json};
use embedcheck::net::Network;
use embedcheck::theorem::certificate::{certificate, Verification};
use embedcheck::theorem::harness::{run, RunConfig};
use hessian_common::{ex_c, ex_e, ex_g, Example};

fn case(ex: &Example, embedding: serde_json::Value) -> serde_json::Value {
    let net = Network { activation: ex.act.clone(), params: ex.params.clone() };
    serde_json::json!({"network": network_to_json(&net), "data": data_to_json(&ex.data), "embedding": embedding})
}

#[test]
fn hessian_theorems_hold_on_ex_c_and_ex_e_through_the_independent_path() {
    let split = serde_json::json!({"split": {"layer": 1, "neuron": 1, "alpha": "2"}});
    let null = serde_json::json!({"null": {"layer": 1, "beta": "0"}});
    for (id, c) in [
        ("hessian.theorem_s", case(&ex_c(), split.clone())),
        ("hessian.degeneracy_increment", case(&ex_c(), split.clone())),
        ("hessian.irreversibility", case(&ex_c(), split)),
        ("hessian.theorem_n", case(&ex_e(), null.clone())),
        ("hessian.irreversibility", case(&ex_e(), null)),
    ] {
        assert_eq!(catalogue::find(id).unwrap().reverify(&c), Ok(true), "{id}");
    }
    // Ex C at α = 2: α in place of α(1−α) predicts (5, 0, 2), the Hessian has (4, 1, 2).
    let control = catalogue::find("hessian.theorem_s.control.alpha_not_product").unwrap();
    let split = serde_json::json!({"split": {"layer": 1, "neuron": 1, "alpha": "2"}});
    assert_eq!(control.reverify(&case(&ex_c(), split)), Ok(false));
}

#[test]
fn control_certificates_of_the_hessian_theorems_stand_on_the_independent_path() {
    for id in [
        "hessian.theorem_s.control.alpha_not_product",
        "hessian.theorem_s.control.no_bu",
        "hessian.degeneracy_increment.control.zero_outgoing_strict",
        "hessian.theorem_n.control.no_sigma_prime",
        "hessian.irreversibility.control.reversed",
        "hessian.fukumizu_amari.control.residual_sign",
        "hessian.fukumizu_amari.control.inside_range",
        "hessian.cooper.control.full_rank_assumed",
    ] {
        let t = catalogue::find(id).unwrap_or_else(|| panic!("no control {id}"));
        let config = RunConfig { cases: 30, seed: 7, stop_at_first_failure: true, ..RunConfig::default() };
        let tally = run(t.as_ref(), config, |_| {});
        let f = tally.failure.unwrap_or_else(|| panic!("{id} never caught"));
        let cert = certificate(t.as_ref(), 7, &f);
        assert_eq!(verify(&cert), Ok(Verification::Stands), "{id}");
    }
}

/// Spec §4 Ex G (zero loss, rank J = n = 3, M = 7, inertia (3, 0, 4)): Cooper's statement holds on
/// the independent path, and a case whose loss is not zero is refused rather than judged.
#[test]
fn cooper_holds_on_ex_g_through_the_independent_path_and_needs_zero_loss() {
    let cooper = catalogue::find("hessian.cooper").unwrap();
    let null = serde_json::Value::Null;
    let ex = ex_g();
    let mut c = case(&ex, null.clone());
    assert_eq!(cooper.reverify(&c), Ok(true));
    // J of Ex G has rank 3 = n·m_L, so the control's full-rank claim also holds here.
    let control = catalogue::find("hessian.cooper.control.full_rank_assumed").unwrap();
    assert_eq!(control.reverify(&c), Ok(true));
    // Move the first target: the loss is no longer zero and the check refuses the case.
    let t = &mut c["data"]["targets"][0][0];
    *t = serde_json::json!("12345/7");
    let err = cooper.reverify(&c).unwrap_err();
    assert!(
        matches!(&err, embedcheck::theorem::CheckError::NotApplicable(why) if why.to_string().contains("zero loss")),
        "{err:?}"
    );
}
