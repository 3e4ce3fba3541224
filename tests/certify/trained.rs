//! `certify` (`proofs/certify.md`): a perturbed split of a trained narrow net reduces to its narrow
//! origin and gets a proved nearby critical point with its inertia; a net with nothing to merge
//! reduces to itself; a point far from any critical point is refused; and an unsound variant of
//! the existence test (the residual term dropped) certifies a box that the exact minimiser of a
//! least-squares problem, found by the normal equations, is not in — the control is caught.

use embedcheck::certify::{certify, Options, Verdict};
use embedcheck::embed::Step;
use embedcheck::io::{parse_data, parse_network, read_data, read_network};
use embedcheck::linalg::{solve, Matrix};
use embedcheck::net::evaluate;
use embedcheck::scalar::{Ring, Q};
use std::process::Command;

const DATA: &str = "examples/certify/teacher20.data.json";

/// 20 samples of a 1-1-1 teacher with σ = x + x²/2 + x³/3 plus noise; the input is its trained
/// narrow net split in two (α = 1/3) with 1e-9 perturbations.
#[test]
fn a_perturbed_split_reduces_to_its_narrow_origin_with_a_certified_minimum() {
    let net = read_network("examples/certify/split_trained.net.json").unwrap();
    let data = read_data(DATA).unwrap();
    let r = certify(&net.params, net.activation.exact().unwrap(), &data, &Options::default()).unwrap();
    assert_eq!(r.reduction.reduced.widths(), vec![1, 1, 1]);
    let [Step::Split { layer: 1, neuron: 0, alpha }] = &r.reduction.steps[..] else {
        panic!("{:?}", r.reduction.steps)
    };
    assert!(alpha.sub(&Q::new(1, 3)).abs() < Q::new(1, 1_000_000), "α ≈ 1/3: {alpha}");
    let Verdict::Certified { inertia, radius, distance, .. } = r.verdict else { panic!("{:?}", r.verdict) };
    assert_eq!(inertia.map(|i| (i.positive, i.negative, i.zero)), Some((4, 0, 0)));
    assert!(radius < 1e-10 && distance < 0.1, "radius {radius}, distance {distance}");
    // Independently of the proof: the refined point's exact gradient is tiny.
    let g = evaluate(&r.refined, net.activation.exact().unwrap(), &data).unwrap().gradient.flatten();
    assert!(g.iter().all(|v| v.abs() < Q::new(1, 1_000_000_000_000)));
}

#[test]
fn a_net_with_nothing_to_merge_reduces_to_itself() {
    let net = read_network("examples/certify/narrow_trained.net.json").unwrap();
    let data = read_data(DATA).unwrap();
    let r = certify(&net.params, net.activation.exact().unwrap(), &data, &Options::default()).unwrap();
    assert_eq!(r.reduction.reduced.widths(), net.params.widths());
    assert!(r.reduction.steps.is_empty());
    assert!(matches!(r.verdict, Verdict::Certified { .. }));
}

#[test]
fn a_point_far_from_any_critical_point_is_refused_with_a_reason() {
    let net = parse_network(
        r#"{"format":"embedcheck.net/1","activation":{"poly":["0","1","1/2","1/3"]},"layers":[{"weight":[["5"]],"bias":["3"]},{"weight":[["-4"]],"bias":["2"]}]}"#,
        "far.net.json",
    )
    .unwrap();
    let data = read_data(DATA).unwrap();
    let opts = Options { newton_steps: 0, ..Options::default() };
    let r = certify(&net.params, net.activation.exact().unwrap(), &data, &opts).unwrap();
    let Verdict::NotCertified(why) = r.verdict else { panic!("certified a far point") };
    assert!(why.contains("Krawczyk") || why.contains("singular"), "{why}");
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["certify", "--net", "examples/certify/split_trained.net.json", "--data", DATA, "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["certified"].clone(), v["reduced_widths"].clone()),
        (serde_json::json!(true), serde_json::json!([1, 1, 1]))
    );
}

/// Linear least squares (one identity layer, y ≈ w x + b): R_S is quadratic with the unique
/// minimiser of the normal equations. From a far point with no Newton steps, the sound test
/// certifies a box that contains that minimiser; the control (residual dropped) certifies a
/// tiny box around the far point, which does not — so the control is unsound and caught.
#[test]
fn dropping_the_residual_term_certifies_a_box_without_the_minimiser() {
    let net = parse_network(
        r#"{"format":"embedcheck.net/1","activation":"identity","layers":[{"weight":[["3"]],"bias":["-2"]}]}"#,
        "lin.net.json",
    )
    .unwrap();
    let data = parse_data(
        r#"{"format":"embedcheck.data/1","inputs":[["0"],["1"],["2"],["3"]],"targets":[["1"],["2"],["2"],["5"]]}"#,
        "lin.data.json",
    )
    .unwrap();
    // Normal equations: [Σx², Σx; Σx, n] (w, b) = (Σxy, Σy) → [[14, 6], [6, 4]] (w, b) = (21, 10).
    let a = Matrix::from_rows(vec![vec![Q::int(14), Q::int(6)], vec![Q::int(6), Q::int(4)]], 2);
    let sol = solve(&a, &[Q::int(21), Q::int(10)]).expect("nonsingular");
    let (w, b) = (sol[0].clone(), sol[1].clone());
    assert_eq!((w.clone(), b.clone()), (Q::new(6, 5), Q::new(7, 10)));
    let inside = |opts: &Options| {
        let r = certify(&net.params, net.activation.exact().unwrap(), &data, opts).unwrap();
        let Verdict::Certified { r: half, .. } = r.verdict else { panic!("not certified: {:?}", r.verdict) };
        let c = r.refined.flatten();
        c[0].sub(&w).abs() <= half && c[1].sub(&b).abs() <= half
    };
    assert!(inside(&Options { newton_steps: 0, ..Options::default() }), "the sound box contains the minimiser");
    assert!(
        !inside(&Options { newton_steps: 0, control_drop_residual: true, ..Options::default() }),
        "the unsound control's box misses the minimiser"
    );
}

/// The certificate `certify --out` writes stands when re-checked from scratch, and does not
/// when its radius is shrunk below the residual or a weight is moved by 10⁻³.
#[test]
fn the_written_certificate_is_rechecked_and_tampering_breaks_it() {
    use embedcheck::certify::verify_certificate;
    let prefix = std::env::temp_dir().join(format!("embedcheck-certify-{}", std::process::id()));
    let prefix = prefix.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["certify", "--net", "examples/certify/split_trained.net.json", "--data", DATA, "--out", prefix])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let path = format!("{prefix}.certificate.json");
    let cert: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    verify_certificate(&cert, &path).expect("the certificate stands");
    let mut small = cert.clone();
    small["r"] = serde_json::json!("1/10000000000000000000000000000000000000000");
    assert!(verify_certificate(&small, &path).is_err(), "a box too small for the residual");
    let mut moved = cert.clone();
    let w = moved["network"]["layers"][0]["weight"][0][0].as_str().unwrap().to_string();
    let shifted = Q::parse(&w).unwrap().add(&Q::new(1, 1000));
    moved["network"]["layers"][0]["weight"][0][0] = serde_json::json!(shifted.to_canonical());
    assert!(verify_certificate(&moved, &path).is_err(), "a moved weight");
    let mut extra = cert.clone();
    extra["radius"] = serde_json::json!("1");
    let e = verify_certificate(&extra, &path).unwrap_err();
    assert!(matches!(&e, embedcheck::certify::CertificateError::Malformed(m) if m.contains("unknown key")), "{e}");
    // Through the CLI: stands is exit 0, tampered exit 1, malformed exit 2.
    let write = |v: &serde_json::Value, name: &str| {
        let p = format!("{prefix}.{name}.json");
        std::fs::write(&p, v.to_string()).unwrap();
        p
    };
    let code =
        |p: &str| Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(["verify", p]).output().unwrap().status.code();
    assert_eq!(code(&path), Some(0));
    assert_eq!(code(&write(&moved, "moved")), Some(1));
    assert_eq!(code(&write(&extra, "extra")), Some(2));
}

/// `--max-newton-steps` bounds the refinement: with 0 the input point itself goes to Krawczyk's
/// test, and its gradient (4 × 10⁻², the trained net is not at the critical point) is too large
/// for any box tried, so the report is "not certified", exit 1; the default refines and
/// certifies. A negative count is a usage error (exit 2).
#[test]
fn max_newton_steps_bounds_the_refinement() {
    let run = |extra: &[&str]| {
        let mut args = vec!["certify", "--net", "examples/certify/split_trained.net.json", "--data", DATA, "--json"];
        args.extend_from_slice(extra);
        Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(&args).output().unwrap()
    };
    let none = run(&["--max-newton-steps", "0"]);
    let report: serde_json::Value = serde_json::from_slice(&none.stdout).unwrap();
    assert_eq!(report["newton_steps"], 0);
    assert_eq!(report["gradient_before"], report["gradient_after"]);
    assert_eq!((none.status.code(), &report["certified"]), (Some(1), &serde_json::json!(false)));
    let default = run(&[]);
    let refined: serde_json::Value = serde_json::from_slice(&default.stdout).unwrap();
    assert!(refined["newton_steps"].as_u64().unwrap() > 0);
    assert_eq!(default.status.code(), Some(0));
    assert_eq!(run(&["--max-newton-steps", "-1"]).status.code(), Some(2));
}

/// The size limit is on the reduced network, from an estimate of the run: a width-150 split of
/// the narrow net (M = 451 as given, 4 once reduced) is certified; a [8, 40, 1] net with 200
/// samples and nothing to merge (M = 401, n·M² = 3.2·10⁷ interval operations) is refused with
/// exit 3 and the estimate, before any work.
#[test]
fn the_size_limit_is_an_estimate_on_the_reduced_network() {
    let dir = std::env::temp_dir().join(format!("embedcheck-certify-size-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wide = dir.join("wide.net.json");
    let k = 150;
    let net = serde_json::json!({
        "format": "embedcheck.net/1",
        "activation": {"poly": ["0", "1", "1/2", "1/3"]},
        "layers": [
            {"weight": vec![vec![0.801]; k], "bias": vec![0.299; k]},
            {"weight": [vec![1.201 / k as f64; k]], "bias": [-0.501]},
        ],
    });
    std::fs::write(&wide, net.to_string()).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["certify", "--net", wide.to_str().unwrap(), "--data", DATA, "--json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["reduced_widths"], serde_json::json!([1, 1, 1]));
    assert_eq!((o.status.code(), &report["certified"]), (Some(0), &serde_json::json!(true)));

    let (h, n) = (40, 200);
    let big = dir.join("big.net.json");
    let row = |i: usize| (0..8).map(|c| ((i * 7 + c * 3) % 11) as f64 / 8.0 - 0.6).collect::<Vec<_>>();
    let net = serde_json::json!({
        "format": "embedcheck.net/1",
        "activation": {"poly": ["0", "1", "1/2"]},
        "layers": [
            {"weight": (0..h).map(row).collect::<Vec<_>>(), "bias": (0..h).map(|i| i as f64 / 64.0).collect::<Vec<_>>()},
            {"weight": [(0..h).map(|i| 1.0 + i as f64 / 32.0).collect::<Vec<_>>()], "bias": [0.5]},
        ],
    });
    std::fs::write(&big, net.to_string()).unwrap();
    let data = dir.join("big.data.json");
    let inputs: Vec<Vec<f64>> =
        (0..n).map(|i| (0..8).map(|c| ((i * 5 + c) % 9) as f64 / 4.0 - 1.0).collect()).collect();
    let targets: Vec<Vec<f64>> = (0..n).map(|i| vec![(i % 7) as f64 / 7.0]).collect();
    std::fs::write(
        &data,
        serde_json::json!({"format": "embedcheck.data/1", "inputs": inputs, "targets": targets}).to_string(),
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["certify", "--net", big.to_str().unwrap(), "--data", data.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("M = 401") && err.contains("n = 200") && err.contains("min"), "{err}");
    assert!(o.stdout.is_empty(), "nothing is printed before the refusal");
}
