//! `fixtures --loss L`: every quantity of a fixture is that of the named loss — checked against
//! forward-mode gradients and forward-over-forward Hessians for that loss (paths that share no
//! code with back-propagation and the tangent Hessian that built them); the files name the loss
//! (index, exact.json, and the data file, so `eval` on a case's files reproduces its loss);
//! teacher points stay critical (∂ℓ/∂f = 0 at a zero residual) while a point built critical for
//! ½-MSE is reported not critical under Huber with a small δ; float-only losses exit 2.

mod common;

use common::{run, text, tmp};
use embedcheck::fixtures::{suite_with_progress, Kind};
use embedcheck::hessian::hessian_forward_with;
use embedcheck::loss::{ExactLoss, LossFn};
use embedcheck::net::{gradient_forward_mode_with, outputs};
use embedcheck::scalar::{Field, Q};
use serde_json::Value;

fn huber() -> ExactLoss {
    ExactLoss::Huber(Q::new(1, 2))
}

#[test]
fn every_quantity_is_that_of_the_named_loss_by_independent_paths() {
    for ell in [
        huber(),
        ExactLoss::Poly(embedcheck::activation::Polynomial::new(vec![
            Q::zero(),
            Q::new(1, 3),
            Q::new(1, 2),
            Q::new(-1, 4),
        ])),
    ] {
        let (fixtures, _) = suite_with_progress(1, Kind::cycle(None).len(), None, 3, &ell, |_| {}).unwrap();
        assert!(fixtures.len() >= 10, "{}", fixtures.len());
        for f in &fixtures {
            assert_eq!(f.loss_function, ell);
            let act = f.net.activation.exact().unwrap();
            if !f.kinks.is_empty() {
                continue; // the σ'(0) = 0 convention; forward mode takes the same, but skip the kink case
            }
            let g = gradient_forward_mode_with(&f.net.params, act, &ell, &f.data).unwrap().flatten();
            assert_eq!(g, f.gradient, "{}: gradient", f.name);
            let h = hessian_forward_with(&f.net.params, act, &ell, &f.data).unwrap();
            assert_eq!(h, f.hessian, "{}: Hessian", f.name);
            // R_S from its definition, sample by sample.
            let mut total = Q::zero();
            for (i, (x, y)) in f.data.inputs().iter().zip(f.data.targets()).enumerate() {
                total = total.add(&LossFn::<Q>::value(&ell, &outputs(&f.net.params, act, x, i + 1).unwrap(), y));
            }
            assert_eq!(total.mul(&Q::new(1, f.data.len() as i64)), f.loss, "{}: loss", f.name);
        }
    }
}

#[test]
fn teacher_points_stay_critical_and_a_nonzero_loss_point_does_not_under_huber() {
    let (fixtures, _) = suite_with_progress(1, Kind::cycle(None).len(), None, 3, &huber(), |_| {}).unwrap();
    let teacher = fixtures.iter().find(|f| f.kind == Kind::CriticalTeacher).unwrap();
    assert!(teacher.critical && teacher.loss.is_zero());
    let nonzero = fixtures.iter().find(|f| f.kind == Kind::CriticalNonzeroLoss).unwrap();
    assert!(!nonzero.critical, "the ½-MSE critical point is not critical for Huber(1/2)");
    assert!(nonzero.description.contains("not critical for the loss huber"), "{}", nonzero.description);
    assert!(fixtures.iter().all(|f| f.kind != Kind::IllConditioned), "left out under another loss");
}

#[test]
fn the_files_name_the_loss_and_eval_on_a_case_reproduces_its_loss() {
    let dir = tmp("fixtures-loss", "suite");
    let o = run(&["fixtures", "--out", &dir, "--cases", "3", "--loss", r#"{"huber": "1/2"}"#]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let index: Value = serde_json::from_str(&std::fs::read_to_string(format!("{dir}/index.json")).unwrap()).unwrap();
    for case in index["cases"].as_array().unwrap() {
        assert_eq!(case["loss"], serde_json::json!({"huber": "1/2"}));
        let name = case["name"].as_str().unwrap();
        let exact: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{name}.exact.json")).unwrap()).unwrap();
        assert_eq!(exact["loss_function"], serde_json::json!({"huber": "1/2"}));
        let (net, data) = (format!("{dir}/{name}.net.json"), format!("{dir}/{name}.data.json"));
        let e = run(&["eval", "--net", &net, "--data", &data, "--json"]);
        assert!(matches!(e.status.code(), Some(0 | 1)), "{}", text(&e));
        let ev: Value = serde_json::from_slice(&e.stdout).unwrap();
        assert_eq!(ev["loss"], exact["loss"], "{name}: eval reads the loss from the data file");
    }
    let hinge = tmp("fixtures-loss", "hinge");
    let o = run(&["fixtures", "--out", &hinge, "--cases", "2", "--loss", "squared_hinge"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let exact: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{hinge}/00_polynomial.exact.json")).unwrap()).unwrap();
    for row in exact["targets"].as_array().unwrap() {
        for t in row.as_array().unwrap() {
            assert!(t == "1" || t == "-1", "targets ±1 for the hinge: {t}");
        }
    }
    let bad = tmp("fixtures-loss", "ce");
    let o = run(&["fixtures", "--out", &bad, "--loss", "cross_entropy"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!std::path::Path::new(&format!("{bad}/index.json")).exists(), "nothing written");
}
