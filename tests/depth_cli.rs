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
