//! Reads the benchmark workloads (`../shared/bench/workloads/W*.{net,data}.json`) with serde_json
//! directly, for exact polynomial-activation networks only (the contract's formats; shared by the
//! benches until `io` is used).
#![allow(dead_code)]

use embedcheck::activation::Activation;
use embedcheck::data::Dataset;
use embedcheck::linalg::Matrix;
use embedcheck::net::{Layer, Params};
use embedcheck::scalar::Q;
use serde_json::Value;

fn num(v: &Value) -> Q {
    match v {
        Value::String(s) => Q::parse(s).expect("number"),
        other => Q::parse(&other.to_string()).expect("number"),
    }
}

fn vec_q(v: &Value) -> Vec<Q> {
    v.as_array().expect("array").iter().map(num).collect()
}

/// The workload directory: `$EMBEDCHECK_WORKLOADS`, else `shared/bench/workloads` in the nearest
/// ancestor of the crate root that has one (`../shared/bench/workloads` for a checkout next to
/// `shared/`; a git worktree one level deeper finds it too), else `/work/shared/bench/workloads`.
pub fn workload_dir() -> std::path::PathBuf {
    if let Some(dir) = std::env::var_os("EMBEDCHECK_WORKLOADS") {
        return std::path::PathBuf::from(dir);
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    root.ancestors()
        .skip(1)
        .map(|a| a.join("shared/bench/workloads"))
        .chain([std::path::PathBuf::from("/work/shared/bench/workloads")])
        .find(|d| d.is_dir())
        .unwrap_or_else(|| root.join("../shared/bench/workloads"))
}

/// Network `W.net.json` and data `W.data.json` of workload `name` (e.g. "W2").
pub fn load(name: &str) -> (Params<Q>, Activation, Dataset<Q>) {
    let dir = workload_dir();
    let net: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.net.json"))).unwrap()).unwrap();
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.data.json"))).unwrap()).unwrap();
    let act = Activation::poly(vec_q(&net["activation"]["poly"]));
    let layers = net["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let rows: Vec<Vec<Q>> = l["weight"].as_array().unwrap().iter().map(vec_q).collect();
            let cols = rows[0].len();
            Layer { weight: Matrix::from_rows(rows, cols), bias: Some(vec_q(&l["bias"])) }
        })
        .collect();
    let rows = |k: &str| data[k].as_array().unwrap().iter().map(vec_q).collect::<Vec<_>>();
    (Params::new(layers).unwrap(), act, Dataset::new(rows("inputs"), rows("targets")).unwrap())
}
