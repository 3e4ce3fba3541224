//! The theorems that hold for every loss — the width embeddings ([P1]'s "independent of loss
//! function") and the Fukumizu–Amari criterion (A with ∂ℓ/∂f, H_narr with ℓ'') — over the exact
//! loss families: with each family fixed (`check --loss F`), every such theorem holds on its generated cases, at
//! least a third of them applicable, and for every theorem with applicable cases some control of
//! it is caught under that same family. A certificate of a case with a non-MSE loss records the
//! loss and `verify` re-checks with it: changing the loss makes it not stand.

use embedcheck::catalogue;
use embedcheck::catalogue::verify;
use embedcheck::loss::LossFamily;
use embedcheck::theorem::certificate::{certificate, seal, Verification};
use embedcheck::theorem::harness::{run, RunConfig};
use embedcheck::theorem::{LossUse, Size};

/// The exact theorems whose cases draw a loss (the f64 entries do not).
fn loss_drawing_theorems() -> Vec<&'static str> {
    catalogue::all()
        .iter()
        .filter(|t| t.loss_use() == LossUse::Drawn)
        .map(|t| t.id())
        .filter(|id| !id.contains("float"))
        .collect()
}

fn config(family: LossFamily, cases: u64) -> RunConfig {
    RunConfig {
        cases,
        seed: 3,
        size: Size { loss: Some(family), ..Size::default() },
        stop_at_first_failure: true,
        ..RunConfig::default()
    }
}

#[test]
fn every_loss_drawing_theorem_holds_under_every_exact_loss_family_and_a_control_catches_each() {
    let ids = loss_drawing_theorems();
    assert!(ids.len() >= 15, "{ids:?}");
    assert!(ids.contains(&"hessian.fukumizu_amari"), "{ids:?}");
    for family in LossFamily::ALL {
        for id in &ids {
            let theorem = catalogue::find(id).unwrap();
            let tally = run(theorem.as_ref(), config(family, 24), |_| {});
            assert_eq!(tally.failed, 0, "{id} under {}: {:?}", family.name(), tally.failure.map(|f| f.counterexample));
            if tally.held == 0 {
                // Only where the family cannot fit the claim (criticality claims under the hinge,
                // or a polynomial loss away from zero residual), and then with that reason.
                let why = tally.example_not_applicable.unwrap_or_default();
                assert!(why.contains("does not fit"), "{id} under {}: nothing applicable: {why}", family.name());
                continue;
            }
            let caught = catalogue::controls_of(id).iter().any(|c| {
                let control = catalogue::find(c).unwrap();
                run(control.as_ref(), config(family, 200), |_| {}).failed > 0
            });
            assert!(caught, "{id}: no control is caught under {}", family.name());
        }
    }
}

#[test]
fn identity_claims_apply_under_every_family_and_criticality_claims_under_three() {
    let held = |id: &str, family| run(catalogue::find(id).unwrap().as_ref(), config(family, 20), |_| {}).held;
    for family in LossFamily::ALL {
        assert!(held("width.split.transfer", family) >= 15, "{}", family.name());
    }
    for family in [LossFamily::Mse, LossFamily::Huber, LossFamily::Poly] {
        assert!(held("width.split.criticality", family) > 0, "{}", family.name());
    }
    assert_eq!(held("width.split.criticality", LossFamily::SquaredHinge), 0);
}

#[test]
fn a_huber_certificate_records_its_loss_and_a_changed_loss_does_not_stand() {
    let control = catalogue::find("width.split.control.swapped_alpha").unwrap();
    let failure = run(control.as_ref(), config(LossFamily::Huber, 100), |_| {}).failure.expect("the control is caught");
    let cert = certificate(control.as_ref(), 3, &failure);
    let loss = &cert["case"]["data"]["loss"];
    assert!(loss["huber"].is_string(), "the case names its loss: {loss}");
    assert_eq!(verify(&cert), Ok(Verification::Stands));
    let mut forged = cert.clone();
    forged["case"]["data"]["loss"] = serde_json::json!("mse");
    seal(&mut forged);
    match verify(&forged) {
        Ok(Verification::DoesNotStand(why)) => assert!(!why.contains("digest"), "the re-check refuses it: {why}"),
        other => panic!("a changed loss stands: {other:?}"),
    }
}

/// Depth and symmetry cases record their loss too, and the re-check reads it: the same point under
/// a Huber loss with δ = 1/1000, below its residuals, is not critical, so a certificate forged to
/// that loss does not stand (while the recorded loss keeps it critical).
#[test]
fn depth_and_symmetry_certificates_are_rechecked_under_their_recorded_loss() {
    for id in ["depth.lift.criticality.control.doubled_outgoing", "symmetry.lifting.control.zero_type_neuron"] {
        let control = catalogue::find(id).unwrap();
        let failure =
            run(control.as_ref(), config(LossFamily::Huber, 100), |_| {}).failure.expect("the control is caught");
        let cert = certificate(control.as_ref(), 3, &failure);
        let loss = &cert["case"]["data"]["loss"];
        assert!(loss["huber"].is_string(), "{id}: the case names its loss: {loss}");
        assert_eq!(verify(&cert), Ok(Verification::Stands), "{id}");
        let mut forged = cert.clone();
        forged["case"]["data"]["loss"] = serde_json::json!({"huber": "1/1000"});
        seal(&mut forged);
        match verify(&forged) {
            Ok(Verification::DoesNotStand(why)) => assert!(why.contains("critical"), "{id}: {why}"),
            other => panic!("{id}: a certificate re-read under another loss stands: {other:?}"),
        }
    }
}

#[test]
fn theorems_that_assume_mse_are_not_applicable_under_another_fixed_family() {
    for id in ["linear.origin.inertia", "depth.lift.float.outputs", "width.split.transfer.float"] {
        let theorem = catalogue::find(id).unwrap();
        let tally = run(theorem.as_ref(), config(LossFamily::Huber, 5), |_| {});
        assert_eq!((tally.held, tally.not_applicable), (0, 5), "{id}");
        assert!(tally.example_not_applicable.unwrap().contains("assumes ½-MSE"), "{id}");
        // With ½-MSE fixed they run as usual.
        assert!(run(theorem.as_ref(), config(LossFamily::Mse, 5), |_| {}).held > 0, "{id}");
    }
}
