//! `certify` under losses other than ½-MSE: Newton, Krawczyk's test and the Weyl inertia use the
//! loss's gradient and Hessian; a box on which a piecewise loss can change pieces is refused (as a
//! ReLU pattern change is); the certificate records the loss and `verify` re-checks with it; a
//! float-only loss and weight decay are refused with exit code 2.

use embedcheck::certify::{certify, krawczyk, Gauge, Krawczyk, Options, Verdict};
use embedcheck::io::{read_data, read_network};
use embedcheck::linalg::Matrix;
use embedcheck::loss::ExactLoss;
use embedcheck::net::{evaluate, evaluate_with, gradient_forward_mode_with, outputs};
use embedcheck::scalar::{Ring, Q};
use std::process::Command;

const DATA: &str = "examples/certify/teacher20.data.json";
const SPLIT: &str = "examples/certify/split_trained.net.json";

fn max_abs(v: &[Q]) -> Q {
    v.iter().map(Q::abs).max().unwrap_or_else(Q::zero)
}

/// With δ = 1/100 most residuals (noise of order 10⁻²) sit on Huber's linear pieces, so the
/// Huber critical point is not the least-squares one: the certified point must zero the Huber
/// gradient (checked by forward mode, independently of back-propagation) and not the MSE one.
#[test]
fn certify_under_huber_proves_a_critical_point_of_the_huber_objective_not_of_mse() {
    let net = read_network(SPLIT).unwrap();
    let data = read_data(DATA).unwrap();
    let act = net.activation.exact().unwrap();
    let huber = ExactLoss::Huber(Q::new(1, 100));
    let r = certify(&net.params, act, &data, &Options { loss: huber.clone(), ..Options::default() }).unwrap();
    assert_eq!(r.reduction.reduced.widths(), vec![1, 1, 1]);
    assert!(matches!(r.verdict, Verdict::Certified { .. }), "{:?}", r.verdict);
    let tiny = Q::new(1, 1_000_000_000_000);
    let g_huber = gradient_forward_mode_with(&r.refined, act, &huber, &data).unwrap().flatten();
    assert!(max_abs(&g_huber) < tiny, "Huber gradient at the refined point: {:?}", max_abs(&g_huber));
    let g_mse = evaluate(&r.refined, act, &data).unwrap().gradient.flatten();
    assert!(max_abs(&g_mse) > Q::new(1, 1_000_000), "the refined point is not the least-squares critical point");
}

/// Krawczyk's test at a point whose first residual is exactly δ: the box contains a break of the
/// Huber loss, so the interval Hessian would mix pieces; the test must say so, naming sample 1.
#[test]
fn krawczyk_refuses_a_box_that_reaches_a_huber_break() {
    let net = read_network("examples/certify/narrow_trained.net.json").unwrap();
    let data = read_data(DATA).unwrap();
    let act = net.activation.exact().unwrap();
    let f1 = outputs(&net.params, act, &data.inputs()[0], 1).unwrap();
    let delta = f1[0].sub(&data.targets()[0][0]).abs();
    assert!(delta.signum() > 0);
    let m = net.params.num_params();
    let y = Matrix::<Q>::identity(m);
    let r = Q::new(1, 1 << 40);
    let at_break = ExactLoss::Huber(delta.clone());
    let g = evaluate_with(&net.params, act, &at_break, &data).unwrap().gradient.flatten();
    let k = krawczyk(&net.params, act, &at_break, &data, &Gauge::none(), &g, &y, &r, &Q::one()).unwrap();
    assert_eq!(k, Krawczyk::LossPieceChanges { sample: 1, output: 1 });
    // δ above every residual: one quadratic piece on the box, so the test runs (and fails or
    // holds on its merits, not on the piece check).
    let far = ExactLoss::Huber(Q::int(100));
    let g = evaluate_with(&net.params, act, &far, &data).unwrap().gradient.flatten();
    let k = krawczyk(&net.params, act, &far, &data, &Gauge::none(), &g, &y, &r, &Q::one()).unwrap();
    assert!(!matches!(k, Krawczyk::LossPieceChanges { .. }), "{k:?}");
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_embedcheck"))
}

/// The certificate of a poly-loss certification carries the loss in its data; `verify` re-checks
/// with it (exit 0), and the same point is not a certified critical point of ½-MSE (exit 1).
#[test]
fn certificates_record_the_loss_and_verify_rechecks_with_it() {
    let prefix = std::env::temp_dir().join(format!("embedcheck-certify-loss-{}", std::process::id()));
    let prefix = prefix.to_str().unwrap();
    let loss = r#"{"poly": [0, 0, "1/2", 0, "1"]}"#;
    let o = bin().args(["certify", "--net", SPLIT, "--data", DATA, "--loss", loss, "--out", prefix]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("loss poly"), "the report names the loss");
    let path = format!("{prefix}.certificate.json");
    let cert: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(cert["data"]["loss"], serde_json::json!({"poly": ["0", "0", "1/2", "0", "1"]}));
    let code = |v: &serde_json::Value, name: &str| {
        let p = format!("{prefix}.{name}.json");
        std::fs::write(&p, v.to_string()).unwrap();
        let c = bin().args(["verify", &p]).output().unwrap().status.code();
        std::fs::remove_file(&p).unwrap();
        c
    };
    assert_eq!(code(&cert, "as-written"), Some(0));
    let mut as_mse = cert.clone();
    as_mse["data"].as_object_mut().unwrap().remove("loss");
    assert_eq!(code(&as_mse, "as-mse"), Some(1), "the poly critical point is not one of ½-MSE");
    let mut float = cert.clone();
    float["data"]["loss"] = serde_json::json!("logistic");
    assert_eq!(code(&float, "float-loss"), Some(2), "a float-only loss in a certificate is malformed");
    for ext in ["certificate.json", "net.json", "safetensors"] {
        let _ = std::fs::remove_file(format!("{prefix}.{ext}"));
    }
}

#[test]
fn a_float_only_loss_and_weight_decay_are_refused_with_exit_code_2() {
    // Targets all 1 with one output: rows of probabilities, so cross_entropy accepts the data
    // and the refusal is about the loss being float only.
    let dir = std::env::temp_dir().join(format!("embedcheck-certify-ce-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("ones.data.json");
    std::fs::write(
        &data,
        r#"{"format": "embedcheck.data/1", "inputs": [["0"], ["1"], ["2"]], "targets": [["1"], ["1"], ["1"]]}"#,
    )
    .unwrap();
    let o = bin()
        .args(["certify", "--net", SPLIT, "--data", data.to_str().unwrap(), "--loss", "cross_entropy"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("needs an exact loss"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = bin().args(["certify", "--net", SPLIT, "--data", DATA, "--weight-decay", "1/10"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("weight decay"));
    std::fs::remove_dir_all(&dir).unwrap();
}
