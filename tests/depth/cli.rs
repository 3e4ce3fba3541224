//! `embedcheck lift`, `merge` and `mpc` on Ex F (spec width-depth §3.4): the lifted file equals the
//! spec's network, a merge that would change outputs is refused naming neuron and sample, and the
//! inserted layer has MPC² = 1 exactly.

use embedcheck::io::{parse_network, read_network};
use std::process::Command;

const D: &str = "examples/depth_ex_f";

fn cli(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap();
    (o.status.code().unwrap(), String::from_utf8(o.stdout).unwrap(), String::from_utf8(o.stderr).unwrap())
}

#[test]
fn lift_identity_after_layer_1_prints_the_spec_network() {
    let (code, out, _) = cli(&[
        "lift",
        "--net",
        &format!("{D}/narrow.net.json"),
        "--data",
        &format!("{D}/ex_f.data.json"),
        "--after-layer",
        "1",
        "--construction",
        "identity",
    ]);
    assert_eq!(code, 0);
    let lifted = parse_network(&out, "stdout").unwrap();
    assert_eq!(lifted, read_network(&format!("{D}/lift_q1.net.json")).unwrap());
}

#[test]
fn merge_refuses_a_layer_not_affine_on_the_data_naming_neuron_and_sample() {
    let (code, _, err) = cli(&[
        "merge",
        "--net",
        &format!("{D}/lift_q1_second.net.json"),
        "--data",
        &format!("{D}/ex_f_plus_x6.data.json"),
        "--layer",
        "2",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("neuron 1") && err.contains("sample 8") && err.contains("-5/2"), "{err}");
}

#[test]
fn merge_of_the_second_member_gives_back_the_narrow_network() {
    let (code, out, _) = cli(&[
        "merge",
        "--net",
        &format!("{D}/lift_q1_second.net.json"),
        "--data",
        &format!("{D}/ex_f.data.json"),
        "--layer",
        "2",
    ]);
    assert_eq!(code, 0);
    assert_eq!(parse_network(&out, "stdout").unwrap(), read_network(&format!("{D}/narrow.net.json")).unwrap());
}

#[test]
fn bad_layer_indices_are_usage_errors() {
    let (code, _, err) = cli(&[
        "lift",
        "--net",
        &format!("{D}/narrow.net.json"),
        "--data",
        &format!("{D}/ex_f.data.json"),
        "--after-layer",
        "2",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("0..=1"), "{err}");
    let (code, _, _) = cli(&[
        "merge",
        "--net",
        &format!("{D}/narrow.net.json"),
        "--data",
        &format!("{D}/ex_f.data.json"),
        "--layer",
        "2",
    ]);
    assert_eq!(code, 2);
}

#[test]
fn mpc_of_the_inserted_layer_is_exactly_one() {
    let (code, out, _) =
        cli(&["mpc", "--net", &format!("{D}/lift_q0.net.json"), "--data", &format!("{D}/ex_f.data.json"), "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["layers"][0]["mpc_squared"], "1");
    assert_eq!(v["layers"][0]["effectively_linear"], true);
    // Layer 2 is the narrow hidden layer: σ(x + 1/2) is 0 at x = −3 while its pre-activation varies,
    // so that neuron is not affine on S and ρ² < 1; the layer is not counted as linear.
    assert_eq!(v["layers"][1]["effectively_linear"], false);
}

const FL: &str = "examples/depth_float";

#[test]
fn lift_on_leaky_relu_negative_segment_builds_the_hand_derived_lemma_lift() {
    // leaky ReLU (slope 1/2), f = σ(x), y = f on x ∈ {1, 2}; lift after layer 1 in (−∞, 0):
    // interior [−2, −1], λ = 1/2; p̃ = f ∈ {1, 2} so ξ = 1, W' = 1, b' = −2 − 1 = −3,
    // V = 1/(λξ) = 2, c = 0 − V(λb' + 0) = 3 (spec §3.1, Lemma 1/2 with the negative segment).
    let (code, out, err) = cli(&[
        "lift",
        "--net",
        &format!("{FL}/leaky.net.json"),
        "--data",
        &format!("{FL}/leaky.data.json"),
        "--after-layer",
        "1",
        "--segment",
        "negative",
    ]);
    assert_eq!(code, 0, "{err}");
    let deep = parse_network(&out, "stdout").unwrap();
    let flat: Vec<String> = deep.params.flatten().iter().map(|q| q.to_canonical()).collect();
    assert_eq!(flat, ["1", "0", "1", "-3", "2", "3"]);
}

#[test]
fn lift_on_a_tanh_net_builds_the_float_lifting_and_prints_the_derived_bound() {
    let dir = std::env::temp_dir().join(format!("embedcheck-lift-float-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("deep.net.json");
    let (code, out, err) = cli(&[
        "lift",
        "--net",
        &format!("{FL}/tanh.net.json"),
        "--data",
        &format!("{FL}/tanh.data.json"),
        "--after-layer",
        "1",
        "--construction",
        "identity",
        "--scale",
        "1/64",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("within tolerance") && out.contains("Taylor remainder") && out.contains("<="), "{out}");
    // Identity construction after hidden layer 1 (width 2): W' = c I, V = W^[2]/c = 64·(2, −1).
    let deep = read_network(path.to_str().unwrap()).unwrap();
    assert_eq!(deep.params.widths(), vec![2, 2, 2, 1]);
    let v: Vec<String> = deep.params.layer(3).weight.data().iter().map(|q| q.to_canonical()).collect();
    assert_eq!(v, ["128", "-64"]);
    let w: Vec<String> = deep.params.layer(2).weight.data().iter().map(|q| q.to_canonical()).collect();
    assert_eq!(w, ["1/64", "0", "0", "1/64"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_lift_options_are_usage_errors_with_a_message() {
    let tanh = [format!("{FL}/tanh.net.json"), format!("{FL}/tanh.data.json")];
    let leaky = [format!("{FL}/leaky.net.json"), format!("{FL}/leaky.data.json")];
    let relu = [format!("{D}/narrow.net.json"), format!("{D}/ex_f.data.json")];
    let cases: [(&[String; 2], &[&str], &str); 6] = [
        (&leaky, &["--segment", "sideways"], "invalid value 'sideways' for '--segment"),
        (&relu, &["--segment", "negative"], "no affine segment unbounded below"),
        (&relu, &["--scale", "1/8"], "--scale applies to the float lifting"),
        (&tanh, &["--scale", "0"], "not a positive number"),
        (&tanh, &["--scale", "-1/2"], "not a positive number"),
        (&tanh, &["--segment", "positive"], "has no affine segment"),
    ];
    for (files, extra, want) in cases {
        let mut args = vec!["lift", "--net", &files[0], "--data", &files[1], "--after-layer", "1"];
        args.extend_from_slice(extra);
        let (code, _, err) = cli(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    // The identity lift needs a segment unbounded above: the negative one is refused.
    let (code, _, err) = cli(&[
        "lift",
        "--net",
        &leaky[0],
        "--data",
        &leaky[1],
        "--after-layer",
        "1",
        "--segment",
        "negative",
        "--construction",
        "identity",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unbounded above"), "{err}");
}
