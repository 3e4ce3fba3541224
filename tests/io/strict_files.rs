//! Strict files (issue 20, item 7): a key that a format does not define — a typo such as
//! `"activations"`, a per-layer `"activation"`, a `"loss"` that is not a contract loss — or a
//! key repeated within one object is exit code 2 with a message naming the file, the place and
//! the key, in network files, data files, layer objects, rational activations, Hessian
//! certificates (`embedcheck.hessian-certificate/1`) and theorem certificates
//! (`embedcheck.certificate/1`). Every JSON file shipped with the project, and every certificate
//! `check --cert-dir` writes, is still accepted.

use embedcheck::hessian::certificate::from_json;
use embedcheck::io::{parse_data, parse_network};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// The contract's example network (widths (2, 2, 1), σ(x) = x + x²/2).
const GOOD_NET: &str = include_str!("../data/small.net.json");
/// The contract's example data (n = 2).
const GOOD_DATA: &str = include_str!("../data/small.data.json");

/// A fresh directory for one test's files.
fn dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("embedcheck-strict-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(d: &Path, name: &str, text: &str) -> String {
    let p = d.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

/// Runs the binary; returns (exit code, stdout and stderr together).
fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().expect("exited"), text)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// `eval` on the two file texts must exit 2 with a message naming the bad file (`"net"` or
/// `"data"`) and containing every fragment.
fn eval_rejects(test: &str, net: &str, data: &str, bad_file: &str, fragments: &[&str]) {
    let d = dir(test);
    let (n, t) = (write(&d, "n.net.json", net), write(&d, "d.data.json", data));
    let (code, out) = run(&["eval", "--net", &n, "--data", &t]);
    assert_eq!(code, 2, "{test}: exit code; output: {out}");
    let file = if bad_file == "net" { &n } else { &t };
    assert!(out.contains(file.as_str()), "{test}: message does not name {file}: {out}");
    for f in fragments {
        assert!(out.contains(f), "{test}: message does not say `{f}`: {out}");
    }
    assert!(!out.contains("panicked"), "{test}: {out}");
}

#[test]
fn the_unmodified_files_evaluate() {
    // The baseline every rejection below differs from by one key.
    let d = dir("good");
    let (code, out) =
        run(&["eval", "--net", &write(&d, "n.json", GOOD_NET), "--data", &write(&d, "d.json", GOOD_DATA)]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_misspelt_top_level_key_of_a_network_file_is_exit_2() {
    let mut net = json(GOOD_NET);
    net["activations"] = json!("relu");
    eval_rejects(
        "net_top",
        &net.to_string(),
        GOOD_DATA,
        "net",
        &[r#"unknown top-level key "activations" (known: format, activation, layers)"#],
    );
}

#[test]
fn a_per_layer_activation_is_exit_2_naming_the_layer() {
    let mut net = json(GOOD_NET);
    net["layers"][1]["activation"] = json!("relu");
    eval_rejects(
        "layer_key",
        &net.to_string(),
        GOOD_DATA,
        "net",
        &[r#"layer 2: unknown key "activation" (known: weight, bias)"#],
    );
    let mut net = json(GOOD_NET);
    net["layers"][0]["weights"] = net["layers"][0]["weight"].clone();
    eval_rejects("layer_typo", &net.to_string(), GOOD_DATA, "net", &[r#"layer 1: unknown key "weights""#]);
}

#[test]
fn unknown_keys_inside_the_activation_are_exit_2() {
    let mut net = json(GOOD_NET);
    net["activation"] = json!({"rational": {"num": ["0", "1"], "den": ["1"], "dem": ["2"]}});
    eval_rejects(
        "rational_key",
        &net.to_string(),
        GOOD_DATA,
        "net",
        &[r#"activation.rational: unknown key "dem" (known: num, den)"#],
    );
    // An activation object names one activation; a second key is not ignored either.
    net["activation"] = json!({"poly": ["0", "1"], "leaky_relu": "1/2"});
    eval_rejects("two_activations", &net.to_string(), GOOD_DATA, "net", &["activation", "\"leaky_relu\""]);
}

#[test]
fn a_misspelt_key_of_a_data_file_is_exit_2() {
    let mut data = json(GOOD_DATA);
    data["input"] = data["inputs"].clone();
    eval_rejects(
        "data_key",
        GOOD_NET,
        &data.to_string(),
        "data",
        &[r#"unknown top-level key "input" (known: format, inputs, targets, loss)"#],
    );
}

#[test]
fn a_data_file_names_its_loss_and_commands_that_compute_mse_only_refuse_another() {
    // The contract lets a data file name its loss. `eval` uses it (the objective line names it);
    // a command whose result does not depend on the loss (`mpc`) accepts it; a command that
    // computes ½-MSE only (`linear`, the deep linear model's closed forms) refuses it instead of
    // silently replacing it by `mse`; a malformed loss is exit 2 naming the field.
    let d = dir("loss_key");
    let net = write(&d, "n.net.json", GOOD_NET);
    let mut data = json(GOOD_DATA);
    data["loss"] = json!({"huber": "1/4"});
    let huber = write(&d, "huber.data.json", &data.to_string());
    let (code, out) = run(&["eval", "--net", &net, "--data", &huber]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("objective: loss huber (δ = 1/4)"), "{out}");
    let (code, out) = run(&["mpc", "--net", &net, "--data", &huber]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&["linear", "--widths", "2,2,1", "--data", &huber, "--gamma", "1"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains(&huber) && out.contains("field `loss`") && out.contains("not supported here"), "{out}");
    data["loss"] = json!({"huber": "-1"});
    eval_rejects("loss_negative", GOOD_NET, &data.to_string(), "data", &["field `loss`", "must be positive"]);
    data["loss"] = json!("hinge");
    eval_rejects("loss_unknown", GOOD_NET, &data.to_string(), "data", &["field `loss`", "unknown loss `hinge`"]);
    data["loss"] = json!("mse");
    let with = run(&["eval", "--net", &net, "--data", &write(&d, "with.data.json", &data.to_string())]);
    let without = run(&["eval", "--net", &net, "--data", &write(&d, "without.data.json", GOOD_DATA)]);
    assert_eq!(with.0, 0, "{}", with.1);
    assert_eq!(with.1.replace("with.data.json", "X"), without.1.replace("without.data.json", "X"));
}

#[test]
fn a_key_repeated_in_one_object_is_exit_2_naming_its_line() {
    // JSON parsers keep the last of two equal keys; the first bias would be silently dropped.
    let net = GOOD_NET.replacen(r#""bias": ["0", "1/3"]"#, r#""bias": ["0", "1/3"], "bias": ["1", "1"]"#, 1);
    assert_ne!(net, GOOD_NET);
    eval_rejects("dup_bias", &net, GOOD_DATA, "net", &["line 2", r#"duplicate key "bias""#]);
    // Keys are compared after unescaping: "\u0069nputs" is "inputs".
    let data = GOOD_DATA.replacen(r#""targets""#, r#""\u0069nputs": [["0", "0"], ["1", "1"]], "targets""#, 1);
    assert_ne!(data, GOOD_DATA);
    eval_rejects("dup_escaped", GOOD_NET, &data, "data", &[r#"duplicate key "inputs""#]);
}

#[test]
fn equal_keys_in_different_objects_are_not_duplicates() {
    // Every layer has `weight` and `bias`, and a string value equal to a key is no key.
    let net = r#"{"format": "embedcheck.net/1", "activation": {"poly": ["0", "1"]},
        "layers": [{"weight": [["1"]], "bias": ["0"]}, {"bias": ["0"], "weight": [["2"]]}]}"#;
    assert!(parse_network(net, "n.net.json").is_ok());
    let data = r#"{"format": "embedcheck.data/1", "inputs": [["1"]], "targets": [["2"]], "loss": "mse"}"#;
    assert!(parse_data(data, "d.data.json").is_ok());
}

#[test]
fn an_unknown_multi_byte_key_is_quoted_whole() {
    let key = "目標".repeat(25);
    let mut data = json(GOOD_DATA);
    data[key.as_str()] = json!(1);
    let e = parse_data(&data.to_string(), "d.data.json").unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.message.contains(&format!("unknown top-level key \"{key}\"")), "{e}");
}

/// A shipped Hessian certificate (strict saddle of Ex C split with α = 2).
fn shipped_hessian_certificate() -> Value {
    json(&std::fs::read_to_string(format!("{ROOT}/proofs/certificates/ex-c-split-alpha-2-strict-saddle.json")).unwrap())
}

/// One change to a certificate.
type Tamper = fn(&mut Value);

#[test]
fn hessian_certificates_with_an_unknown_key_are_exit_2() {
    let d = dir("hcert");
    let good = write(&d, "good.json", &shipped_hessian_certificate().to_string());
    let (code, out) = run(&["verify", &good]);
    assert_eq!(code, 0, "the unmodified certificate stands: {out}");

    let cases: [(&str, Tamper, &str); 4] = [
        (
            "top",
            |c| c["notes"] = json!("typo"),
            r#"unknown top-level key "notes" (known: format, note, network, data, claim)"#,
        ),
        (
            "claim",
            |c| c["claim"]["curvatures"] = json!("-12"),
            r#"claim: unknown key "curvatures" (known: kind, direction, curvature)"#,
        ),
        ("layer", |c| c["network"]["layers"][0]["activation"] = json!("relu"), r#"layer 1: unknown key "activation""#),
        ("data", |c| c["data"]["loss"] = json!("logistic"), "field `loss`"),
    ];
    for (name, tamper, fragment) in cases {
        let mut cert = shipped_hessian_certificate();
        tamper(&mut cert);
        let path = write(&d, &format!("{name}.json"), &cert.to_string());
        let (code, out) = run(&["verify", &path]);
        assert_eq!(code, 2, "{name}: {out}");
        assert!(out.contains(&path) && out.contains(fragment), "{name}: {out}");
        assert!(from_json(&cert.to_string(), "c.json").is_err(), "{name}");
    }
}

#[test]
fn theorem_certificates_written_by_check_verify_and_an_unknown_key_is_exit_2() {
    let d = dir("tcert");
    let dir_s = d.to_str().unwrap();
    let (code, out) = run(&["check", "width.null.control.no_sigma_beta", "--cases", "10", "--cert-dir", dir_s]);
    assert_eq!(code, 1, "the control has a counterexample: {out}");
    let written = d.join("width.null.control.no_sigma_beta.cert.json");
    let (code, out) = run(&["verify", written.to_str().unwrap()]);
    assert_eq!(code, 0, "the certificate check wrote is accepted: {out}");

    let cert = json(&std::fs::read_to_string(&written).unwrap());
    let mut top = cert.clone();
    top["seeds"] = json!(1);
    let mut size = cert.clone();
    size["size"]["max_widht"] = json!(3);
    for (name, bad, fragments) in [
        ("top", top, vec![r#"unknown top-level key "seeds""#, "case_seed"]),
        ("size", size, vec!["field `size`", r#"unknown key "max_widht" (known: max_width, max_depth, max_height)"#]),
    ] {
        let path = write(&d, &format!("{name}.cert.json"), &bad.to_string());
        let (code, out) = run(&["verify", &path]);
        assert_eq!(code, 2, "{name}: {out}");
        assert!(out.contains(&path), "{name}: {out}");
        for f in fragments {
            assert!(out.contains(f), "{name}: `{f}` missing: {out}");
        }
    }
}

/// Every `.json` file under `dir` (recursively, skipping build output).
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries {
        let p = e.unwrap().path();
        if p.is_dir() && p.file_name() != Some("target".as_ref()) {
            json_files(&p, out);
        } else if p.extension() == Some("json".as_ref()) {
            out.push(p);
        }
    }
}

#[test]
fn every_shipped_network_data_and_hessian_certificate_file_still_loads() {
    let mut files = Vec::new();
    for d in ["examples", "proofs", "tests/data"] {
        json_files(&Path::new(ROOT).join(d), &mut files);
    }
    let (mut nets, mut data, mut certs) = (0, 0, 0);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let name = f.display().to_string();
        let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
        match v["format"].as_str() {
            Some("embedcheck.net/1") => {
                parse_network(&text, &name).unwrap_or_else(|e| panic!("{e}"));
                nets += 1;
            }
            Some("embedcheck.data/1") => {
                parse_data(&text, &name).unwrap_or_else(|e| panic!("{e}"));
                data += 1;
            }
            Some("embedcheck.hessian-certificate/1") => {
                from_json(&text, &name).unwrap_or_else(|e| panic!("{e}"));
                certs += 1;
            }
            _ => {}
        }
    }
    // examples/ alone ships 16 networks and 14 data sets; proofs/certificates/ 5 certificates.
    assert!(nets >= 16 && data >= 14 && certs >= 5, "found {nets} networks, {data} data sets, {certs} certificates");
}
