//! `certify` with ReLU (`proofs/certify.md` §5): the rescaling symmetry of each hidden neuron is
//! fixed by a gauge, so a critical point that is isolated up to rescaling is certified, with one
//! zero of the inertia per fixed coordinate; the certificate records the gauge, `verify`
//! re-checks it, and unsound gauges are refused.
//!
//! Data: 15 points of y = 2·relu(x − ½) + 3·relu(−x − ½) + ¼ plus noise of a few hundredths;
//! the nets are that teacher perturbed by about 10⁻³ (`relu_narrow`) and the same split in two
//! with a 10⁻⁹ jitter (`relu_wide`).

use embedcheck::certify::{certify, verify_certificate, CertificateError, Gauge, Options, Verdict};
use embedcheck::io::{parse_network, read_data, read_network};
use embedcheck::net::evaluate;
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q};
use serde_json::{json, Value};
use std::process::Command;

const DATA: &str = "examples/certify/relu_teacher.data.json";
const NARROW: &str = "examples/certify/relu_narrow.net.json";
const WIDE: &str = "examples/certify/relu_wide.net.json";

/// Σ_{i ∈ in(j)} θ_i ∂_iR − Σ_{o ∈ out(j)} θ_o ∂_oR for neuron j of layer 1 of a two-layer net:
/// the derivative of R along the rescaling of neuron j.
fn euler_defect(theta: &[Q], grad: &[Q], fan_in: usize, width: usize, j: usize) -> Q {
    let w = |k: usize| theta[k].mul(&grad[k]);
    let mut s = Q::zero();
    for c in 0..fan_in {
        s = s.add(&w(j * fan_in + c));
    }
    s = s.add(&w(width * fan_in + j)); // b_j
    s.sub(&w(width * fan_in + width + j)) // the outgoing weight a_j (one output)
}

/// What the gauge's proof rests on, checked independently of `certify`: for ReLU, Euler's
/// identity holds exactly at every point off the kinks; for a non-homogeneous σ it does not.
#[test]
fn euler_identity_holds_exactly_for_relu_and_fails_for_a_polynomial() {
    let data = read_data(DATA).unwrap();
    let mut rng = Rng::new(7);
    let mut poly_defects = 0;
    for _ in 0..20 {
        let q = |rng: &mut Rng| rng.small_q(20, 7);
        let layers = format!(
            r#"[{{"weight":[["{}"],["{}"]],"bias":["{}","{}"]}},{{"weight":[["{}","{}"]],"bias":["{}"]}}]"#,
            q(&mut rng),
            q(&mut rng),
            q(&mut rng),
            q(&mut rng),
            q(&mut rng),
            q(&mut rng),
            q(&mut rng)
        );
        for (act, homogeneous) in [(r#""relu""#, true), (r#"{"poly":["0","1","1/2"]}"#, false)] {
            let text = format!(r#"{{"format":"embedcheck.net/1","activation":{act},"layers":{layers}}}"#);
            let net = parse_network(&text, "random").unwrap();
            let e = evaluate(&net.params, net.activation.exact().unwrap(), &data).unwrap();
            if !e.kinks.is_empty() {
                continue;
            }
            let (theta, grad) = (net.params.flatten(), e.gradient.flatten());
            for j in 0..2 {
                let d = euler_defect(&theta, &grad, 1, 2, j);
                if homogeneous {
                    assert!(d.is_zero(), "relu: Euler's identity fails at {text}: {d}");
                } else if !d.is_zero() {
                    poly_defects += 1;
                }
            }
        }
    }
    assert!(poly_defects > 0, "the polynomial net should break Euler's identity somewhere");
}

#[test]
fn a_relu_net_is_certified_modulo_rescaling_with_one_zero_per_hidden_neuron() {
    let net = read_network(NARROW).unwrap();
    let data = read_data(DATA).unwrap();
    let act = net.activation.exact().unwrap();
    let r = certify(&net.params, act, &data, &Options::default()).unwrap();
    assert_eq!(r.gauge.len(), 2, "one fixed coordinate per hidden neuron");
    // The largest incoming coordinate of each neuron: the weights (|w| ≈ 1 > |b| ≈ 1/2).
    assert_eq!(r.gauge.fixed(), &[0, 1]);
    let Verdict::Certified { inertia, radius, .. } = r.verdict else { panic!("{:?}", r.verdict) };
    assert_eq!(inertia.map(|i| (i.positive, i.negative, i.zero)), Some((5, 0, 2)));
    assert!(radius < 1e-12, "radius {radius}");
    // Independently of the proof: at the refined point every partial derivative is tiny,
    // the fixed coordinates' included (Euler), and the fixed coordinates kept their values.
    let g = evaluate(&r.refined, act, &data).unwrap().gradient.flatten();
    assert!(g.iter().all(|v| v.abs() < Q::new(1, 1_000_000_000_000)), "{g:?}");
    // (θ̃ is the input snapped to doubles and refined: w₁ = 1.0013 stays that double.)
    assert_eq!(r.refined.flatten()[0].to_f64(), 1.0013);
    assert_ne!(r.refined.flatten()[2].to_f64(), -0.5021, "b₁ is free and moved");
    // Without the gauge the Hessian at the refined point is singular: the rescalings are a
    // 2-dimensional kernel (checked by the certificate re-check below too).
}

#[test]
fn a_split_relu_net_reduces_and_its_certificate_with_a_gauge_is_rechecked() {
    let prefix = std::env::temp_dir().join(format!("embedcheck-gauge-{}", std::process::id()));
    let prefix = prefix.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["certify", "--net", WIDE, "--data", DATA, "--json", "--out", prefix])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["reduced_widths"], json!([1, 2, 1]));
    assert_eq!(report["gauge"], json!([1, 2]));
    assert_eq!(report["inertia"], json!({"positive": 5, "negative": 0, "zero": 2}));
    let path = format!("{prefix}.certificate.json");
    let cert: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(cert["gauge"], json!([1, 2]));
    verify_certificate(&cert, &path).expect("the certificate stands");
    let does_not_stand = |c: &Value, what: &str| match verify_certificate(c, &path) {
        Err(CertificateError::DoesNotStand(m)) => m,
        other => panic!("{what}: {other:?}"),
    };
    // Negative controls: each breaks one hypothesis of the gauge's proof.
    let mut without = cert.clone();
    without.as_object_mut().unwrap().remove("gauge");
    assert!(does_not_stand(&without, "no gauge").contains("singular"));
    let mut output_weight = cert.clone();
    output_weight["gauge"] = json!([1, 6]); // a₁ of the output layer: not an incoming coordinate
    assert!(does_not_stand(&output_weight, "output weight").contains("not an incoming coordinate"));
    let mut twice = cert.clone();
    twice["gauge"] = json!([1, 3]); // w₁ and b₁: the same neuron
    assert!(does_not_stand(&twice, "same neuron").contains("fixed twice"));
    let mut zero = cert.clone();
    zero["network"]["layers"][0]["bias"][1] = json!("0");
    zero["gauge"] = json!([1, 4]); // b₂, now 0
    assert!(does_not_stand(&zero, "zero coordinate").contains("must not be 0"));
    let mut polynomial = cert.clone();
    polynomial["network"]["activation"] = json!({"poly": ["0", "1"]});
    assert!(does_not_stand(&polynomial, "non-homogeneous σ").contains("positively homogeneous"));
    let mut malformed = cert.clone();
    malformed["gauge"] = json!(["1"]);
    assert!(
        matches!(verify_certificate(&malformed, &path), Err(CertificateError::Malformed(m)) if m.contains("gauge"))
    );
    // Through the CLI: stands 0, an unsound gauge 1, a malformed one 2.
    let write = |v: &Value, name: &str| {
        let p = format!("{prefix}.{name}.json");
        std::fs::write(&p, v.to_string()).unwrap();
        p
    };
    let code =
        |p: &str| Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(["verify", p]).output().unwrap().status.code();
    assert_eq!(code(&path), Some(0));
    assert_eq!(code(&write(&twice, "twice")), Some(1));
    assert_eq!(code(&write(&malformed, "malformed")), Some(2));
}

/// σ without a rescaling symmetry gets no gauge; ReLU's gauge skips a neuron whose incoming
/// coordinates are all 0.
#[test]
fn the_gauge_is_chosen_only_where_a_rescaling_exists() {
    let net = read_network("examples/certify/split_trained.net.json").unwrap();
    assert!(Gauge::rescaling(&net.params, net.activation.exact().unwrap()).is_empty());
    let text = r#"{"format":"embedcheck.net/1","activation":"relu","layers":[{"weight":[["0"],["-3"]],"bias":["0","1"]},{"weight":[["1","2"]],"bias":["0"]}]}"#;
    let net = parse_network(text, "dead").unwrap();
    let g = Gauge::rescaling(&net.params, net.activation.exact().unwrap());
    assert_eq!(g.fixed(), &[1], "only neuron 2 (|w| = 3) is gauged");
}
