//! `embedcheck hessian` on the spec's Ex E and its null embedding (width-depth §2.6): the JSON
//! keys of issue 8 and the exact inertias (4,0,0) and (5,1,1).

use crate::hessian_common;

use embedcheck::io::{data_to_json, network_to_json};
use embedcheck::net::Network;
use hessian_common::{ex_e, null, q, Example};
use std::process::Command;

fn run(ex: &Example, name: &str, extra: &[&str]) -> serde_json::Value {
    let dir = std::env::temp_dir().join(format!("embedcheck-hessian-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (net, data) = (dir.join("n.net.json"), dir.join("d.data.json"));
    let network = Network { activation: ex.act.clone(), params: ex.params.clone() };
    std::fs::write(&net, network_to_json(&network).to_string()).unwrap();
    std::fs::write(&data, data_to_json(&ex.data).to_string()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["hessian", "--net", net.to_str().unwrap(), "--data", data.to_str().unwrap(), "--json"])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn hessian_json_reports_the_spec_inertias_of_ex_e_and_its_null_embedding() {
    let narrow = run(&ex_e(), "narrow", &["--blocks"]);
    assert_eq!(narrow["params"], 4);
    assert_eq!(narrow["rank"], 4);
    assert_eq!(narrow["corank"], 0);
    assert_eq!(narrow["inertia"], serde_json::json!({"positive": 4, "zero": 0, "negative": 0}));
    assert_eq!(narrow["classification"], "positive definite, so a strict local minimum");
    let wide = run(&null(&ex_e(), &q("0")), "null", &["--matrix"]);
    assert_eq!(wide["params"], 7);
    assert_eq!(wide["inertia"], serde_json::json!({"positive": 5, "zero": 1, "negative": 1}));
    assert_eq!(wide["classification"], "strict saddle");
    assert_eq!(wide["matrix"].as_array().unwrap().len(), 7);
}

#[test]
fn hessian_float_path_states_its_tolerance() {
    let out = run(&ex_e(), "float", &["--float"]);
    assert_eq!(out["exact"], false);
    assert!(out["tolerance"]["value"].as_f64().unwrap() > 0.0);
    assert_eq!(out["inertia"], serde_json::json!({"positive": 4, "zero": 0, "negative": 0}));
}

/// A float-only σ takes the f64 path without `--float` and says so (issue 17, item 5).
#[test]
fn hessian_of_a_float_only_activation_takes_the_float_path_within_tolerance() {
    let mut tanh = ex_e();
    tanh.act = embedcheck::io::parse_activation(&serde_json::json!("tanh"), "test").unwrap();
    let out = run(&tanh, "tanh", &[]);
    assert_eq!(out["exact"], false);
    assert_eq!(out["evidence"], "within tolerance");
    assert!(out["float_reason"].as_str().unwrap().contains("tanh is float only"), "{out}");
    assert!(out["tolerance"]["why"].as_str().is_some_and(|w| !w.is_empty()), "{out}");
    assert_eq!(run(&ex_e(), "exact", &[])["exact"], true);
}
