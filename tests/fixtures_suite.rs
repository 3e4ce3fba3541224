//! Golden fixtures (contract, "Golden fixtures"): the exact values agree with paths that share
//! no code with the ones that built them (a hand-written forward pass, forward-mode gradient,
//! forward-over-forward Hessian, Descartes' rule on the characteristic polynomial); the f64
//! arrays are the correct roundings of the exact values, bit for bit; the same seed gives the
//! same bytes; every kind the suite promises is there; bad options exit 2 with nothing written.

mod common;

use common::{run, text, tmp};
use embedcheck::activation::{ExactActivation, Sigma};
use embedcheck::data::Dataset;
use embedcheck::fixtures::{suite, Fixture, Kind};
use embedcheck::hessian::{hessian_forward, hessian_vector_product};
use embedcheck::io::tensors::{read_npz, read_safetensors, Tensor};
use embedcheck::io::{read_data_any, read_network_as};
use embedcheck::linalg::{characteristic_polynomial, descartes_inertia, Inertia};
use embedcheck::net::{gradient_forward_mode, Params};
use embedcheck::scalar::{f64_nearest, Field, Q};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn default_suite() -> Vec<Fixture> {
    let (fixtures, skipped) = suite(1, Kind::cycle(None).len(), None, 3).unwrap();
    assert!(skipped.is_empty(), "left out: {skipped:?}");
    fixtures
}

fn sigma(f: &Fixture) -> &ExactActivation {
    f.net.activation.exact().unwrap()
}

/// f(x) by a forward pass written here: p = W f + b, σ on hidden layers, the last layer linear.
fn forward_by_hand(p: &Params<Q>, act: &ExactActivation, x: &[Q]) -> (Vec<Q>, Vec<Vec<Q>>) {
    let mut f = x.to_vec();
    let mut pres = Vec::new();
    for (l, layer) in p.layers().iter().enumerate() {
        let pre: Vec<Q> = (0..layer.weight.rows())
            .map(|i| {
                let dot = layer.weight.row(i).iter().zip(&f).fold(Q::zero(), |acc, (w, v)| acc.add(&w.mul(v)));
                layer.bias.as_ref().map_or(dot.clone(), |b| dot.add(&b[i]))
            })
            .collect();
        f = if l + 1 < p.depth() { pre.iter().map(|t| act.value(t).unwrap()).collect() } else { pre.clone() };
        pres.push(pre);
    }
    (f, pres)
}

/// R_S = (1/n) Σ ½‖f − y‖² from the hand-written outputs.
fn loss_by_hand(outputs: &[Vec<Q>], data: &Dataset<Q>) -> Q {
    let total = outputs.iter().zip(data.targets()).fold(Q::zero(), |acc, (f, y)| {
        f.iter().zip(y).fold(acc, |a, (fj, yj)| a.add(&fj.sub(yj).square().mul(&Q::new(1, 2))))
    });
    total.mul(&Q::new(1, data.len() as i64))
}

#[test]
fn every_promised_kind_is_in_the_default_suite_and_each_case_is_valid() {
    let fixtures = default_suite();
    let kinds: BTreeSet<&str> = fixtures.iter().map(|f| f.kind.name()).collect();
    for k in [
        "polynomial",
        "rational",
        "relu",
        "relu_kink",
        "identity",
        "multi_output",
        "bias_free",
        "depth1",
        "depth3",
        "depth4",
        "critical_teacher",
        "critical_nonzero_loss",
        "split_teacher",
        "split_nonzero_loss",
        "ill_conditioned",
    ] {
        assert!(kinds.contains(k), "kind {k} missing from {kinds:?}");
    }
    let depths: BTreeSet<usize> = fixtures.iter().map(|f| f.net.params.depth()).collect();
    assert_eq!(depths, BTreeSet::from([1, 2, 3, 4]));
    assert!(fixtures.iter().any(|f| f.widths().last() > Some(&1)), "a multi-output case");
    assert!(fixtures.iter().any(|f| f.net.params.layers().iter().any(|l| l.bias.is_none())), "a bias-free layer");
    for f in &fixtures {
        assert!(f.is_valid(), "{}", f.name);
        assert_eq!(f.hvp_directions.len(), 2, "{}", f.name);
        // Kinks only where promised, and criticality where promised.
        assert_eq!(!f.kinks.is_empty(), f.kind == Kind::ReluKink, "{}", f.name);
        let promised_critical = matches!(
            f.kind,
            Kind::CriticalTeacher
                | Kind::CriticalNonzeroLoss
                | Kind::SplitTeacher
                | Kind::SplitNonzeroLoss
                | Kind::IllConditioned
        );
        assert_eq!(f.critical, promised_critical, "{}", f.name);
        if matches!(f.kind, Kind::CriticalNonzeroLoss | Kind::SplitNonzeroLoss) {
            assert!(!f.loss.is_zero(), "{}: nonzero loss", f.name);
        }
        if matches!(f.kind, Kind::CriticalTeacher | Kind::SplitTeacher) {
            assert!(f.loss.is_zero(), "{}: zero loss", f.name);
        }
    }
}

#[test]
fn with_a_given_activation_every_case_uses_it_and_relu_keeps_its_kink_case() {
    let relu = embedcheck::io::tensors::activation_from_text("relu", "test").unwrap();
    let n = Kind::cycle(Some(relu.exact().unwrap())).len();
    let (fixtures, skipped) = suite(5, n, Some(&relu), 3).unwrap();
    assert!(skipped.is_empty(), "left out: {skipped:?}");
    assert!(fixtures.iter().all(|f| f.net.activation == relu));
    let kinds: BTreeSet<&str> = fixtures.iter().map(|f| f.kind.name()).collect();
    for k in ["shallow", "relu_kink", "ill_conditioned", "critical_nonzero_loss", "split_teacher"] {
        assert!(kinds.contains(k), "kind {k} missing from {kinds:?}");
    }
    // A smooth σ has no kink case.
    let cubic = embedcheck::io::tensors::activation_from_text(r#"{"poly": ["0", "1", "0", "1/3"]}"#, "test").unwrap();
    assert!(!Kind::cycle(Some(cubic.exact().unwrap())).contains(&Kind::ReluKink));
}

#[test]
fn exact_values_agree_with_paths_that_share_no_code_with_back_propagation() {
    for f in &default_suite() {
        let (act, p, name) = (sigma(f), &f.net.params, &f.name);
        let mut outputs = Vec::new();
        for x in f.data.inputs() {
            let (o, pres) = forward_by_hand(p, act, x);
            outputs.push(o);
            // Pre-activations exactly on the kink only in the kink case, and there exactly 0.
            if f.kind != Kind::ReluKink && matches!(act, ExactActivation::Piecewise(s) if !s.is_identity()) {
                assert!(pres[..p.depth() - 1].iter().flatten().all(|t| !t.is_zero()), "{name}: a kink");
            }
        }
        for site in &f.kinks {
            let (_, pres) = forward_by_hand(p, act, &f.data.inputs()[site.sample - 1]);
            assert!(pres[site.layer - 1][site.neuron - 1].is_zero(), "{name}: flagged site {site} is not on the kink");
        }
        assert_eq!(outputs, f.outputs, "{name}: outputs");
        assert_eq!(loss_by_hand(&outputs, &f.data), f.loss, "{name}: loss");
        // Forward mode: one dual-number pass per parameter, no back-propagation.
        assert_eq!(gradient_forward_mode(p, act, &f.data).unwrap().flatten(), f.gradient, "{name}: gradient");
        // Forward over forward: uᵀHv from Dual<Dual<Q>> loss evaluations only.
        assert_eq!(hessian_forward(p, act, &f.data).unwrap(), f.hessian, "{name}: Hessian");
        // H v along v by back-propagation over Dual<Q>, without building H.
        for (v, hv) in f.hvp_directions.iter().zip(&f.hvp) {
            assert_eq!(&hessian_vector_product(p, act, &f.data, v).unwrap(), hv, "{name}: H v");
        }
        // Descartes' rule of signs on the characteristic polynomial (H symmetric: real roots).
        assert_eq!(descartes_inertia(&characteristic_polynomial(&f.hessian)), f.inertia, "{name}: inertia");
        // Criticality: an exactly zero gradient off every kink.
        assert_eq!(f.critical, f.kinks.is_empty() && f.gradient.iter().all(|g| g.is_zero()), "{name}");
    }
}

#[test]
fn a_split_critical_point_has_the_split_direction_in_the_kernel_of_its_hessian() {
    // [P1] Lemma 1 / Prop. 1: T^α θ is critical for every α, so d/dα ∇R(T^α θ) = H·Vθ = 0, with
    // Vθ = (0, …, −c, …, +c) on the outgoing columns of the split neuron and its copy (c the
    // narrow column, recovered here as the sum of the two wide columns).
    let fixtures = default_suite();
    let splits: Vec<&Fixture> =
        fixtures.iter().filter(|f| matches!(f.kind, Kind::SplitTeacher | Kind::SplitNonzeroLoss)).collect();
    assert_eq!(splits.len(), 2);
    for f in splits {
        let p = &f.net.params;
        let (w1, b1) = (&p.layer(1).weight, p.layer(1).bias.as_ref().unwrap());
        let last = w1.rows() - 1;
        let s = (0..last).find(|&s| w1.row(s) == w1.row(last) && b1[s] == b1[last]).expect("a copied neuron");
        let w2 = &p.layer(2).weight;
        let mut d = vec![Q::zero(); p.num_params()];
        for i in 0..w2.rows() {
            let c = w2.get(i, s).add(w2.get(i, last));
            d[p.weight_index(2, i, s)] = c.neg();
            d[p.weight_index(2, i, last)] = c;
        }
        assert!(d.iter().any(|x| !x.is_zero()), "{}: the split direction is not zero", f.name);
        assert!(f.hessian.mul_vec(&d).iter().all(|x| x.is_zero()), "{}: H·Vθ ≠ 0", f.name);
        assert!(f.gradient.iter().all(|g| g.is_zero()) && f.inertia.zero >= 1, "{}", f.name);
    }
}

#[test]
fn cases_do_not_depend_on_how_many_are_asked_for() {
    let all = default_suite();
    let (first, _) = suite(1, 3, None, 3).unwrap();
    assert_eq!(first[..], all[..3]);
    let (more, _) = suite(1, all.len() + 2, None, 3).unwrap();
    assert_eq!(more[..all.len()], all[..]);
    assert_eq!(more[all.len()].kind, all[0].kind);
    assert_ne!(more[all.len()].net, all[0].net, "a repeated kind is a fresh draw");
}

/// The directory `embedcheck fixtures --out DIR` writes with the defaults (seed 1), once.
fn written_suite() -> &'static str {
    static DIR: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tmp("fixtures", "seed1");
        let o = run(&["fixtures", "--out", &dir]);
        assert!(o.status.success(), "{}", text(&o));
        dir
    })
}

fn json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The strings of a nested JSON array, in row-major order.
fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().flat_map(strings).collect(),
        Value::String(s) => vec![s.clone()],
        other => panic!("expected a string, found {other}"),
    }
}

#[test]
fn npz_arrays_are_the_exact_values_rounded_to_nearest_bit_for_bit() {
    let dir = written_suite();
    let index = json(&format!("{dir}/index.json"));
    assert_eq!(index["format"], "embedcheck.fixtures/1");
    let library = default_suite();
    let cases = index["cases"].as_array().unwrap();
    assert_eq!(cases.len(), library.len());
    for (case, f) in cases.iter().zip(&library) {
        let name = case["name"].as_str().unwrap();
        assert_eq!(name, f.name);
        assert_eq!(case["loss"], "mse");
        let widths: Vec<usize> =
            case["widths"].as_array().unwrap().iter().map(|w| w.as_u64().unwrap() as usize).collect();
        let m = case["params"].as_u64().unwrap() as usize;
        assert_eq!((widths.clone(), m), (f.widths(), f.num_params()), "{name}");
        let exact = json(&format!("{dir}/{name}.exact.json"));
        let npz = read_npz(&format!("{dir}/{name}.npz")).unwrap();
        let (n, m0, m_out) = (f.data.len(), widths[0], widths[widths.len() - 1]);
        let shapes: [(&str, Vec<usize>); 8] = [
            ("inputs", vec![n, m0]),
            ("targets", vec![n, m_out]),
            ("outputs", vec![n, m_out]),
            ("loss", vec![]),
            ("gradient", vec![m]),
            ("hessian", vec![m, m]),
            ("hvp_directions", vec![2, m]),
            ("hvp", vec![2, m]),
        ];
        assert_eq!(
            npz.tensors.keys().cloned().collect::<BTreeSet<_>>(),
            shapes.iter().map(|s| s.0.to_string()).collect()
        );
        for (key, shape) in shapes {
            let t: &Tensor = &npz.tensors[key];
            assert_eq!(t.shape, shape, "{name}: {key}");
            let exact_strings = match &exact[key] {
                Value::String(s) => vec![s.clone()],
                v => strings(v),
            };
            assert_eq!(exact_strings.len(), t.values.len(), "{name}: {key}");
            for (s, v) in exact_strings.iter().zip(&t.values) {
                let q = Q::parse(s).unwrap();
                assert_eq!(&q.to_canonical(), s, "{name}: {key}: not canonical");
                assert_eq!(f64_nearest(&q).to_bits(), f64_nearest(v).to_bits(), "{name}: {key}: {s}");
            }
        }
        // The exact strings are the library's values.
        let grad: Vec<Q> = strings(&exact["gradient"]).iter().map(|s| Q::parse(s).unwrap()).collect();
        assert_eq!(grad, f.gradient, "{name}");
        let hess: Vec<Q> = strings(&exact["hessian"]).iter().map(|s| Q::parse(s).unwrap()).collect();
        assert_eq!(hess, f.hessian.data(), "{name}");
        let inertia = &exact["inertia"];
        let read = |k: &str| inertia[k].as_u64().unwrap() as usize;
        assert_eq!(Inertia::new(read("positive"), read("negative"), read("zero")), f.inertia, "{name}");
        // The point is dyadic: .safetensors and .net.json are the same network exactly.
        let from_json = read_network_as(&format!("{dir}/{name}.net.json"), None).unwrap();
        let from_torch = read_network_as(&format!("{dir}/{name}.safetensors"), None).unwrap();
        assert_eq!(from_torch, from_json, "{name}: the safetensors file is not the exact point");
        assert_eq!(from_json, f.net, "{name}");
        let names = read_safetensors(&format!("{dir}/{name}.safetensors")).unwrap();
        assert!(names.tensors.contains_key("0.weight"), "{name}: torch names");
        let data = read_data_any(&format!("{dir}/{name}.data.json")).unwrap();
        assert_eq!(data, f.data, "{name}");
        assert_eq!(npz.tensors["inputs"].values, data.inputs().concat(), "{name}: inputs are dyadic, so exact");
        assert_eq!(case.get("kinks").is_some(), f.kind == Kind::ReluKink, "{name}");
        assert_eq!(exact.get("convention").is_some(), f.kind == Kind::ReluKink, "{name}");
    }
}

#[test]
fn the_ill_conditioned_case_has_an_f64_inertia_that_differs_from_the_exact_one() {
    let dir = written_suite();
    let name = default_suite().into_iter().find(|f| f.kind == Kind::IllConditioned).unwrap().name;
    let exact = json(&format!("{dir}/{name}.exact.json"));
    let (net, data) = (format!("{dir}/{name}.net.json"), format!("{dir}/{name}.data.json"));
    let inertia_of = |v: &Value| (v["positive"].as_u64(), v["negative"].as_u64(), v["zero"].as_u64());
    let exact_run = run(&["hessian", "--json", "--net", &net, "--data", &data]);
    assert!(exact_run.status.success(), "{}", text(&exact_run));
    let exact_report: Value = serde_json::from_slice(&exact_run.stdout).unwrap();
    let float_run = run(&["hessian", "--float", "--json", "--net", &net, "--data", &data]);
    assert!(float_run.status.success(), "{}", text(&float_run));
    let float_report: Value = serde_json::from_slice(&float_run.stdout).unwrap();
    assert_eq!(inertia_of(&exact_report["inertia"]), inertia_of(&exact["inertia"]));
    assert_eq!(inertia_of(&float_report["inertia"]), inertia_of(&exact["float_inertia"]));
    assert_ne!(inertia_of(&exact["inertia"]), inertia_of(&exact["float_inertia"]));
}

#[test]
fn the_kink_case_is_flagged_as_eval_reports_it() {
    let dir = written_suite();
    let name = default_suite().into_iter().find(|f| f.kind == Kind::ReluKink).unwrap().name;
    let exact = json(&format!("{dir}/{name}.exact.json"));
    let o = run(&[
        "eval",
        "--json",
        "--net",
        &format!("{dir}/{name}.net.json"),
        "--data",
        &format!("{dir}/{name}.data.json"),
    ]);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{}", text(&o)));
    assert_eq!(report["kinks"], exact["kinks"]);
    assert!(exact["convention"].as_str().unwrap().contains("σ'(0) = 0"));
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_ones() {
    let write = |tag: &str, seed: &str| {
        let dir = tmp("fixtures-determinism", tag);
        let o = run(&["fixtures", "--out", &dir, "--seed", seed, "--cases", "6"]);
        assert!(o.status.success(), "{}", text(&o));
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    };
    let (a, b, c) = (write("a", "7"), write("b", "7"), write("c", "8"));
    assert_eq!(a.len(), 5 * 6 + 1);
    assert_eq!(a, b);
    let index = |files: &[(String, Vec<u8>)]| files.iter().find(|f| f.0 == "index.json").unwrap().1.clone();
    assert_ne!(index(&a), index(&c));
}

#[test]
fn bad_options_exit_2_and_write_nothing() {
    let bad: [&[&str]; 8] = [
        &["--cases", "0"],
        &["--max-width", "1"],
        &["--max-width", "7"],
        &["--activation", "tanh"],
        &["--activation", "swish"],
        &["--seed", "x"],
        &["--bogus", "1"],
        &["extra"],
    ];
    for (k, extra) in bad.iter().enumerate() {
        let dir = tmp("fixtures-bad", &format!("case{k}"));
        let mut args = vec!["fixtures", "--out", &dir];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", text(&o));
        assert!(!Path::new(&dir).exists(), "{extra:?}: something was written");
    }
    let o = run(&["fixtures"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--out"));
    // --out naming an existing file: refused, the file untouched.
    let file = tmp("fixtures-bad", "a-file");
    std::fs::write(&file, "keep").unwrap();
    let o = run(&["fixtures", "--out", &file]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
}
