//! `certify` for σ = tanh, sigmoid and softplus (issue 14 item 3; `proofs/certify.md`, "Smooth
//! σ"): a width-2 net trained by plain gradient descent on nine points is certified near an exact
//! critical point with rigorous enclosures, its certificate is re-checked by `verify`, and the
//! controls — a point far from any critical point, a tampered certificate, NaN weights — are
//! refused with exit 1 or 2.

use crate::common;

use common::{run, text, tmp};
use embedcheck::activation::{Activation, FloatActivation};
use embedcheck::certify::{certify_smooth, verify_certificate, Options, Proof, Verdict};
use embedcheck::data::Dataset;
use embedcheck::io::{data_to_json, network_to_json};
use embedcheck::loss::ExactLoss;
use embedcheck::net::{evaluate_with, Layer, Network, Params};
use embedcheck::scalar::{f64_nearest, q_from_f64, Ring, Q};
use serde_json::Value;

/// 25 points x = k/4 (tanh, sigmoid) or k/8 (softplus), k = −12, …, 12, with targets from a
/// width-2 teacher, moved by a fixed pattern of ±1/50 and rounded to doubles (so no width-2 net
/// fits them exactly: the minimiser has a positive loss): tanh(3x − 1) − 0.8·tanh(2x + 2) for
/// tanh and sigmoid, softplus(4x − 2) − 0.8·softplus(−4x − 1) for softplus (two
/// well-separated bends inside the data, so the minimiser is well conditioned).
fn data(act: FloatActivation) -> Dataset<Q> {
    let soft = act == FloatActivation::Softplus;
    let sp = |t: f64| t.exp().ln_1p();
    let teacher = |x: f64| {
        if soft {
            sp(4.0 * x - 2.0) - 0.8 * sp(-4.0 * x - 1.0)
        } else {
            (3.0 * x - 1.0).tanh() - 0.8 * (2.0 * x + 2.0).tanh()
        }
    };
    let xs: Vec<f64> = (-12..=12).map(|k| k as f64 / if soft { 8.0 } else { 4.0 }).collect();
    let ys: Vec<f64> = xs.iter().enumerate().map(|(i, x)| teacher(*x) + ((i * 7 % 5) as f64 - 2.0) / 100.0).collect();
    let q = |x: &f64| vec![q_from_f64(*x).unwrap()];
    Dataset::new(xs.iter().map(q).collect(), ys.iter().map(q).collect()).unwrap()
}

fn params(v: &[f64; 7]) -> Params<Q> {
    let q = |x: f64| q_from_f64(x).unwrap();
    let l1 = Layer {
        weight: embedcheck::linalg::Matrix::from_rows(vec![vec![q(v[0])], vec![q(v[1])]], 1),
        bias: Some(vec![q(v[2]), q(v[3])]),
    };
    let l2 = Layer {
        weight: embedcheck::linalg::Matrix::from_rows(vec![vec![q(v[4]), q(v[5])]], 2),
        bias: Some(vec![q(v[6])]),
    };
    Params::new(vec![l1, l2]).unwrap()
}

/// Starts of the training, per σ: near the teacher written in that σ's terms (for sigmoid,
/// tanh t = 2s(2t) − 1).
fn start(act: FloatActivation) -> [f64; 7] {
    match act {
        FloatActivation::Tanh => [2.7, 2.2, -0.8, 1.8, 1.1, -0.7, 0.1],
        FloatActivation::Sigmoid => [5.7, 4.2, -1.8, 3.8, 1.9, -1.5, -0.1],
        FloatActivation::Softplus => [3.8, -4.2, -1.8, -1.2, 1.1, -0.7, 0.1],
    }
}

/// Plain gradient descent in f64 (step 0.2, softplus 0.02; 4000 steps) from [`start`] (deterministic): the
/// "trained" point.
fn trained(act: FloatActivation) -> Params<Q> {
    let data = data(act);
    let data_f = data.map(f64_nearest);
    let mut theta = params(&start(act));
    let step = if act == FloatActivation::Softplus { 0.02 } else { 0.2 };
    for _ in 0..4000 {
        let p = theta.map(f64_nearest);
        let g = evaluate_with(&p, &act, &ExactLoss::Mse, &data_f).unwrap().gradient.flatten();
        let flat: Vec<Q> = p.flatten().iter().zip(&g).map(|(t, gi)| q_from_f64(t - step * gi).unwrap()).collect();
        theta = theta.with_flat(&flat);
    }
    theta
}

fn max_abs_gradient(theta: &Params<Q>, act: FloatActivation) -> f64 {
    let p = theta.map(f64_nearest);
    let g = evaluate_with(&p, &act, &ExactLoss::Mse, &data(act).map(f64_nearest)).unwrap().gradient.flatten();
    g.iter().fold(0.0, |a, v| a.max(v.abs()))
}

/// Writes the net and the data to temporary files; returns their paths.
fn write(tag: &str, act: FloatActivation, theta: &Params<Q>) -> (String, String) {
    let net = Network { activation: Activation::Float(act), params: theta.clone() };
    let (np, dp) = (tmp(tag, "net.json"), tmp(tag, "data.json"));
    std::fs::write(&np, network_to_json(&net).to_string()).unwrap();
    std::fs::write(&dp, data_to_json(&data(act)).to_string()).unwrap();
    (np, dp)
}

#[test]
fn a_trained_tanh_net_is_certified_with_enclosures_and_its_gradient_is_tiny() {
    let act = FloatActivation::Tanh;
    let theta = trained(act);
    let r = certify_smooth(&theta, act, &data(act), &Options::default()).unwrap();
    assert_eq!(r.proof, Proof::Enclosures(act));
    let Verdict::Certified { radius, inertia, .. } = &r.verdict else { panic!("{:?}", r.verdict) };
    assert!(*radius < 1e-10, "radius {radius}");
    assert_eq!(r.reduction.reduced.widths(), vec![1, 2, 1]);
    assert_eq!(inertia.map(|i| (i.positive, i.negative, i.zero)), Some((7, 0, 0)));
    // Independently of the proof: the refined point's f64 gradient is tiny.
    assert!(max_abs_gradient(&r.refined, act) < 1e-12, "{}", max_abs_gradient(&r.refined, act));
}

/// Certifies `theta` through the CLI with `--json --out`; returns the JSON report and the
/// certificate's path.
fn certify_cli(tag: &str, act: FloatActivation, theta: &Params<Q>) -> (Value, String) {
    let (np, dp) = write(tag, act, theta);
    let prefix = tmp(tag, "refined");
    let o = run(&["certify", "--net", &np, "--data", &dp, "--json", "--out", &prefix]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    (serde_json::from_slice(&o.stdout).unwrap(), format!("{prefix}.certificate.json"))
}

#[test]
fn certify_on_a_trained_tanh_net_exits_0_labelled_enclosures_and_verify_accepts_the_certificate() {
    let act = FloatActivation::Tanh;
    let (v, cert) = certify_cli("smooth-tanh", act, &trained(act));
    assert_eq!(v["certified"], serde_json::json!(true));
    assert_eq!(v["proof"], serde_json::json!("enclosures"));
    assert_eq!(v["assumption"], Value::Null);
    assert_eq!(v["inertia"], serde_json::json!({"positive": 7, "negative": 0, "zero": 0}));
    assert!(v["radius"].as_str().unwrap().parse::<f64>().unwrap() < 1e-10);
    let o = run(&["verify", &cert]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("enclosures"), "{}", text(&o));
    let c: Value = serde_json::from_str(&std::fs::read_to_string(&cert).unwrap()).unwrap();
    assert_eq!(verify_certificate(&c, &cert), Ok(Proof::Enclosures(act)));
}

/// Negative controls on the certificate: a weight moved by 10⁻³ (the stored point is then far
/// from the critical point for the stored radius), or a radius below the residual, does not
/// stand (exit 1); a `proof` label that contradicts the activation is malformed (exit 2).
#[test]
fn a_tampered_tanh_certificate_does_not_stand() {
    let act = FloatActivation::Tanh;
    let (_, cert) = certify_cli("smooth-tamper", act, &trained(act));
    let c: Value = serde_json::from_str(&std::fs::read_to_string(&cert).unwrap()).unwrap();
    let write_as = |v: &Value, name: &str| {
        let p = tmp("smooth-tamper", name);
        std::fs::write(&p, v.to_string()).unwrap();
        p
    };
    let mut moved = c.clone();
    let w = moved["network"]["layers"][0]["weight"][0][0].as_str().unwrap().to_string();
    moved["network"]["layers"][0]["weight"][0][0] =
        serde_json::json!(Q::parse(&w).unwrap().add(&Q::new(1, 1000)).to_canonical());
    let o = run(&["verify", &write_as(&moved, "moved.json")]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("does not stand"), "{}", text(&o));
    let mut small = c.clone();
    small["r"] = serde_json::json!("1/10000000000000000000000000000000000000000");
    assert_eq!(run(&["verify", &write_as(&small, "small.json")]).status.code(), Some(1));
    let mut label = c.clone();
    label["proof"] = serde_json::json!("exact");
    let o = run(&["verify", &write_as(&label, "label.json")]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("proof"), "{}", text(&o));
}

/// The untrained start, without refinement, is far from any critical point (its gradient has an
/// entry above 10⁻²): Krawczyk's test fails on every box, so nothing is certified.
#[test]
fn a_point_far_from_any_critical_point_is_not_certified() {
    let act = FloatActivation::Tanh;
    let far = params(&start(act));
    assert!(max_abs_gradient(&far, act) > 1e-2);
    let r = certify_smooth(&far, act, &data(act), &Options { newton_steps: 0, ..Options::default() }).unwrap();
    let Verdict::NotCertified(why) = &r.verdict else { panic!("{:?}", r.verdict) };
    assert!(why.contains("Krawczyk"), "{why}");
}

#[test]
fn a_trained_sigmoid_net_is_certified_through_the_cli_and_verified() {
    let act = FloatActivation::Sigmoid;
    let (v, cert) = certify_cli("smooth-sigmoid", act, &trained(act));
    assert_eq!((v["certified"].as_bool(), v["proof"].as_str()), (Some(true), Some("enclosures")));
    assert_eq!(run(&["verify", &cert]).status.code(), Some(0));
}

/// softplus: the trained point sits in a flat valley (smallest Hessian eigenvalue ≈ 10⁻⁵), so
/// the library refines it with more Newton steps; the refined point is then certified through
/// the CLI (Newton has nothing left to do), labelled with the libm assumption, and verified.
#[test]
fn a_trained_softplus_net_is_certified_under_the_libm_assumption_and_verified() {
    let act = FloatActivation::Softplus;
    let opts = Options { newton_steps: 200, ..Options::default() };
    let r = certify_smooth(&trained(act), act, &data(act), &opts).unwrap();
    assert!(matches!(r.verdict, Verdict::Certified { .. }), "{:?}", r.verdict);
    assert!(max_abs_gradient(&r.refined, act) < 1e-12);
    assert!(r.proof.assumption().is_some_and(|a| a.contains("libm")));
    let (v, cert) = certify_cli("smooth-softplus", act, &r.refined);
    assert_eq!(v["certified"], serde_json::json!(true));
    assert!(v["assumption"].as_str().is_some_and(|a| a.contains("libm")), "{v}");
    let o = run(&["verify", &cert]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("libm"), "{}", text(&o));
}

/// Bad input gives exit 2 with a message naming the file, never a panic: a NaN weight, and data
/// whose inputs do not fit the network.
#[test]
fn bad_input_exits_2_with_a_message() {
    let act = FloatActivation::Tanh;
    let (np, dp) = write("smooth-bad", act, &trained(act));
    let mut net: Value = serde_json::from_str(&std::fs::read_to_string(&np).unwrap()).unwrap();
    net["layers"][0]["weight"][0][0] = serde_json::json!("NaN");
    let nan = tmp("smooth-bad", "nan.net.json");
    std::fs::write(&nan, net.to_string()).unwrap();
    let o = run(&["certify", "--net", &nan, "--data", &dp]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("nan.net.json") && !text(&o).contains("panicked"), "{}", text(&o));
    let wide = Dataset::new(vec![vec![Q::one(), Q::one()]], vec![vec![Q::one()]]).unwrap();
    let wp = tmp("smooth-bad", "wide.data.json");
    std::fs::write(&wp, data_to_json(&wide).to_string()).unwrap();
    let o = run(&["certify", "--net", &np, "--data", &wp]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(!text(&o).contains("panicked"), "{}", text(&o));
}

/// Under Huber with δ = 1/100, some residuals (±1/50 noise) lie on the linear pieces: the proof
/// needs every output's piece decided over the box, and the certified point is critical for the
/// Huber objective (its f64 Huber gradient is tiny).
#[test]
fn a_trained_tanh_net_is_certified_under_huber() {
    let act = FloatActivation::Tanh;
    let ell = ExactLoss::Huber(Q::new(1, 100));
    let opts = Options { loss: ell.clone(), newton_steps: 100, ..Options::default() };
    let r = certify_smooth(&trained(act), act, &data(act), &opts).unwrap();
    assert!(matches!(r.verdict, Verdict::Certified { .. }), "{:?}", r.verdict);
    let p = r.refined.map(f64_nearest);
    let g = evaluate_with(&p, &act, &ell, &data(act).map(f64_nearest)).unwrap().gradient.flatten();
    assert!(g.iter().all(|v| v.abs() < 1e-12), "{g:?}");
}

/// The README's example: the committed trained tanh net certifies with the enclosure label.
#[test]
fn the_committed_tanh_example_is_certified_as_the_readme_says() {
    let o = run(&[
        "certify",
        "--net",
        "examples/certify/tanh_trained.net.json",
        "--data",
        "examples/certify/tanh_teacher.data.json",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["proof"], serde_json::json!("enclosures"));
    assert_eq!(v["inertia"], serde_json::json!({"positive": 7, "negative": 0, "zero": 0}));
    let d = v["distance"].as_str().unwrap().parse::<f64>().unwrap();
    assert!((0.1..0.2).contains(&d), "{d}");
}
