//! `verify` re-checks a theorem certificate (`embedcheck.certificate/1`) from the case it stores,
//! and a tampered certificate never stands.
//!
//! Every negative control's certificate (as `check` writes it) stands. For one control of every
//! family — width (exact and f64), depth (exact, f64, batch norm), symmetry, linear, Hessian —
//! each kind of stored number (a weight, a bias, an input, a target, an operator parameter) and
//! the `expected` and `computed` strings are changed one at a time, and the certificate does not
//! stand: first as a plain edit (the digest no longer seals the file, and the re-check names what
//! differs), then with the digest recomputed, as a forger would, where the re-check from the
//! stored case alone refuses it (the kinds of number the claim's outcome depends on). Finally every
//! control's counterexample, relabelled as the theorem the control breaks, does not stand: the
//! theorem's own re-check runs on a real stored case and finds that it holds there or that the
//! case misses its hypotheses.

use embedcheck::catalogue;
use embedcheck::catalogue::verify;
use embedcheck::theorem::certificate::{certificate, seal, Verification};
use embedcheck::theorem::harness::{run, RunConfig};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One certificate per negative control: the first failure in 100 cases at seed 1 (as
/// `embedcheck check <id> --cert-dir D` writes it), computed once for all tests.
fn certificates() -> &'static BTreeMap<&'static str, Value> {
    static CERTS: OnceLock<BTreeMap<&'static str, Value>> = OnceLock::new();
    CERTS.get_or_init(|| {
        catalogue::controls()
            .iter()
            .map(|t| {
                let config = RunConfig { cases: 100, seed: 1, stop_at_first_failure: true, ..RunConfig::default() };
                let failure = run(t.as_ref(), config, |_| {})
                    .failure
                    .unwrap_or_else(|| panic!("{}: the control fails on no case of 100", t.id()));
                (t.id(), certificate(t.as_ref(), 1, &failure))
            })
            .collect()
    })
}

fn cert(id: &str) -> Value {
    certificates().get(id).unwrap_or_else(|| panic!("no control {id}")).clone()
}

/// Where a number sits in a case: the keys and indices from `case` down.
type Path = Vec<Step>;

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every number of `v` (rational strings, JSON numbers) with its path.
fn numbers(v: &Value, at: &mut Path, out: &mut Vec<Path>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                at.push(Step::Key(k.clone()));
                numbers(x, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(Step::Index(i));
                numbers(x, at, out);
                at.pop();
            }
        }
        Value::Number(_) => out.push(at.clone()),
        Value::String(s) if embedcheck::scalar::Q::parse(s).is_ok() => out.push(at.clone()),
        _ => {}
    }
}

fn at<'a>(v: &'a mut Value, path: &Path) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// The number changed: a rational or integer plus 1, an f64 plus 3/4 (no fixed point).
fn changed(v: &Value) -> Value {
    match v {
        Value::String(s) => {
            let q = embedcheck::scalar::Q::parse(s).unwrap();
            Value::String(embedcheck::scalar::Ring::add(&q, &embedcheck::scalar::Q::int(1)).to_canonical())
        }
        Value::Number(n) if n.is_u64() => Value::from(n.as_u64().unwrap() + 1),
        Value::Number(n) if n.is_i64() => Value::from(n.as_i64().unwrap() + 1),
        Value::Number(n) => Value::from(n.as_f64().unwrap() + 0.75),
        other => panic!("not a number: {other}"),
    }
}

/// The kinds of stored number, by the keys on their path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Weight,
    Bias,
    Input,
    Target,
    OperatorParameter,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let keys: Vec<&str> =
        path.iter().filter_map(|s| if let Step::Key(k) = s { Some(k.as_str()) } else { None }).collect();
    let has = |names: &[&str]| keys.iter().any(|k| names.contains(k));
    if keys.contains(&"activation") {
        None
    } else if has(&["weight", "narrow", "base", "params"]) {
        Some(Kind::Weight)
    } else if has(&["bias"]) {
        Some(Kind::Bias)
    } else if has(&["inputs", "batch"]) {
        Some(Kind::Input)
    } else if has(&["targets"]) {
        Some(Kind::Target)
    } else if has(&["alpha", "beta", "scale", "gamma", "new_w", "s", "after_layer"]) {
        Some(Kind::OperatorParameter)
    } else {
        None
    }
}

/// The first number of `kind` in the certificate's case.
fn first_of(cert: &Value, kind: Kind) -> Option<Path> {
    let mut all = Vec::new();
    numbers(&cert["case"], &mut Vec::new(), &mut all);
    all.into_iter().find(|p| kind_of(p) == Some(kind))
}

/// The certificate with the number at `path` (under `case`) changed.
fn tampered(cert: &Value, path: &Path) -> Value {
    let mut c = cert.clone();
    let x = at(&mut c["case"], path);
    *x = changed(x);
    c
}

fn reason(v: &Verification) -> &str {
    match v {
        Verification::Stands => panic!("a tampered certificate stands"),
        Verification::DoesNotStand(why) => why,
    }
}

/// One control per family and, for each kind of number its case stores, whether the re-check
/// alone (digest recomputed) refuses the change: `false` where the claim's outcome does not
/// depend on that number (a target of an output claim, γ of the batch-norm control, which only
/// moves the batch-normalized values inside the same segment).
const FAMILIES: &[(&str, &[(Kind, bool)])] = {
    use Kind::*;
    &[
        (
            "width.split.control.swapped_alpha",
            &[(Weight, true), (Bias, true), (Input, true), (Target, true), (OperatorParameter, true)],
        ),
        (
            "width.split.control.float_swapped_alpha",
            &[(Weight, true), (Input, true), (Target, true), (OperatorParameter, true)],
        ),
        (
            "depth.lift.inertia.control.v3_strict_saddle",
            &[(Weight, true), (Bias, true), (Input, true), (Target, true), (OperatorParameter, true)],
        ),
        (
            "depth.lift.float.outputs.control.no_rescale",
            &[(Weight, true), (Input, true), (Target, false), (OperatorParameter, true)],
        ),
        ("depth.batchnorm.zero_shift.control.unit_shift", &[(Input, true), (OperatorParameter, false)]),
        (
            "symmetry.lifting.control.zero_type_neuron",
            &[(Weight, true), (Input, true), (Target, true), (OperatorParameter, true)],
        ),
        (
            "linear.noise.average.control.noise_ignored",
            &[(Weight, true), (Input, true), (Target, true), (OperatorParameter, true)],
        ),
        (
            "hessian.theorem_n.control.no_sigma_prime",
            &[(Weight, true), (Bias, true), (Input, true), (Target, true), (OperatorParameter, true)],
        ),
        (
            "width.split.weight_decay.control.plain_split",
            &[(Weight, true), (Bias, true), (Input, true), (Target, true), (OperatorParameter, true)],
        ),
        (
            "hessian.fukumizu_amari.control.residual_sign",
            &[(Weight, true), (Bias, true), (Input, true), (Target, true), (OperatorParameter, true)],
        ),
    ]
};

/// Changes the first number of `kind` in each family's certificate: the edit never stands, and
/// with the digest recomputed the re-check refuses it where the outcome depends on it.
fn tampered_kind_never_stands(kind: Kind) {
    let mut tried = 0;
    for (id, kinds) in FAMILIES {
        let Some(&(_, recheck_sees_it)) = kinds.iter().find(|(k, _)| *k == kind) else { continue };
        let original = cert(id);
        let path = first_of(&original, kind).unwrap_or_else(|| panic!("{id}: no {kind:?} in the case"));
        let bad = tampered(&original, &path);
        let v = verify(&bad).unwrap_or_else(|e| panic!("{id}: {e}"));
        let why = reason(&v);
        assert!(why.contains("digest"), "{id}, {kind:?} at {path:?}: {why}");
        let mut forged = bad.clone();
        seal(&mut forged);
        let v = verify(&forged).unwrap_or_else(|e| panic!("{id}: {e}"));
        if recheck_sees_it {
            let why = reason(&v);
            assert!(!why.contains("digest"), "{id}, {kind:?}: the re-check alone should refuse it: {why}");
        } else {
            // Still a counterexample with the same values: only the digest tells the edit apart.
            assert_eq!(v, Verification::Stands, "{id}, {kind:?}");
        }
        tried += 1;
    }
    assert!(tried >= 4, "{kind:?}: only {tried} families store it");
}

#[test]
fn every_control_certificate_stands_when_rechecked_from_its_stored_case() {
    assert_eq!(certificates().len(), catalogue::controls().len());
    for (id, c) in certificates() {
        assert_eq!(verify(c), Ok(Verification::Stands), "{id}");
    }
}

#[test]
fn a_certificate_with_any_number_of_its_case_changed_never_stands() {
    for (id, c) in certificates() {
        let mut all = Vec::new();
        numbers(&c["case"], &mut Vec::new(), &mut all);
        let first = all.first().unwrap_or_else(|| panic!("{id}: a case without numbers"));
        let last = all.last().unwrap();
        for path in [first, last] {
            let mut copy = c.clone();
            let integer = matches!(at(&mut copy["case"], path), Value::Number(n) if n.is_u64() || n.is_i64());
            match verify(&tampered(c, path)) {
                Ok(Verification::DoesNotStand(_)) => {}
                Ok(Verification::Stands) => panic!("{id}: changed at {path:?} and still stands"),
                // A changed size or index may make the case unreadable (exit 2): not standing either.
                Err(e) => assert!(integer, "{id}: a changed number at {path:?} made the case unreadable: {e}"),
            }
        }
    }
}

#[test]
fn a_tampered_weight_never_stands() {
    tampered_kind_never_stands(Kind::Weight);
}

#[test]
fn a_tampered_bias_never_stands() {
    tampered_kind_never_stands(Kind::Bias);
}

#[test]
fn a_tampered_input_never_stands() {
    tampered_kind_never_stands(Kind::Input);
}

#[test]
fn a_tampered_target_never_stands() {
    tampered_kind_never_stands(Kind::Target);
}

#[test]
fn a_tampered_operator_parameter_never_stands() {
    tampered_kind_never_stands(Kind::OperatorParameter);
}

#[test]
fn a_tampered_expected_or_computed_string_never_stands_and_the_field_is_named() {
    for (id, _) in FAMILIES {
        let original = cert(id);
        for field in ["expected", "computed"] {
            let mut bad = original.clone();
            bad[field] = Value::String(format!("{} ", bad[field].as_str().unwrap()));
            for resealed in [false, true] {
                if resealed {
                    seal(&mut bad);
                }
                let v = verify(&bad).unwrap();
                let why = reason(&v);
                assert!(why.contains(&format!("field `{field}` differs")), "{id}, {field}: {why}");
            }
        }
    }
}

#[test]
fn the_digest_seals_the_fields_the_recheck_does_not_read() {
    let original = cert("depth.lift.inertia.control.v3_strict_saddle");
    let mut missing = original.clone();
    missing.as_object_mut().unwrap().remove("digest");
    assert!(reason(&verify(&missing).unwrap()).contains("field `digest`: missing"));
    for (field, value) in [
        ("case_seed", Value::String("1".into())),
        ("seed", Value::from(2)),
        ("embedcheck_version", Value::String("9.9.9".into())),
    ] {
        let mut bad = original.clone();
        bad[field] = value;
        assert!(reason(&verify(&bad).unwrap()).contains("field `digest` differs"), "{field}");
    }
    let mut statement = original.clone();
    statement["statement"] = Value::String("a local minimum is lifted to a local minimum".into());
    seal(&mut statement);
    assert!(reason(&verify(&statement).unwrap()).contains("field `statement` is not the catalogue's"));
}

#[test]
fn verify_exits_1_for_the_v3_certificate_with_a_weight_and_a_target_changed() {
    let dir = std::env::temp_dir().join(format!("embedcheck-recheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let original = cert("depth.lift.inertia.control.v3_strict_saddle");
    let run = |c: &Value, name: &str| {
        let path = dir.join(name);
        std::fs::write(&path, serde_json::to_string_pretty(c).unwrap()).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_embedcheck"))
            .args(["verify", path.to_str().unwrap()])
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, out) = run(&original, "v3.cert.json");
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("stands: re-checked from the case it stores"), "{out}");
    let weight = first_of(&original, Kind::Weight).unwrap();
    let target = first_of(&original, Kind::Target).unwrap();
    let mut bad = tampered(&tampered(&original, &weight), &target);
    let (code, out) = run(&bad, "v3-tampered.cert.json");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("does not stand") && out.contains("field `digest` differs"), "{out}");
    seal(&mut bad);
    let (code, out) = run(&bad, "v3-forged.cert.json");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("does not stand") && out.contains("hypotheses"), "{out}");
    let mut computed = original.clone();
    computed["computed"] = Value::String("inertia (3, 1, 2)".into());
    let (code, out) = run(&computed, "v3-computed.cert.json");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("field `computed` differs: stored \"inertia (3, 1, 2)\""), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A control's counterexample relabelled as the theorem the control breaks (id, statement and
/// source replaced, digest recomputed) never stands: the theorem's own re-check finds that the
/// theorem holds on the case, or that the case misses its hypotheses, or cannot read it. This
/// runs the re-check of every catalogue theorem on a real stored case.
#[test]
fn a_control_counterexample_relabelled_as_its_theorem_never_stands() {
    let mut holds = Vec::new();
    for c in catalogue::controls() {
        let theorem = catalogue::find(c.control_of().unwrap()).unwrap();
        let mut forged = cert(c.id());
        forged["theorem"] = Value::String(theorem.id().into());
        forged["statement"] = Value::String(theorem.statement().into());
        forged["source"] = Value::String(theorem.source().into());
        seal(&mut forged);
        match verify(&forged) {
            Ok(Verification::Stands) => panic!("{}'s counterexample stands as one of {}", c.id(), theorem.id()),
            Ok(Verification::DoesNotStand(why)) => {
                eprintln!("{:55} as {:40}: {why}", c.id(), theorem.id());
                if why.contains("the claim holds") {
                    holds.push(c.id());
                }
            }
            Err(e) => eprintln!("{:55} as {:40}: cannot be read: {e}", c.id(), theorem.id()),
        }
    }
    let n = catalogue::controls().len();
    assert!(2 * holds.len() >= n, "only {} of {n} relabelled cases were judged to hold: {holds:?}", holds.len());
}

/// Certificates written before the case encodings were unified store a Hessian case's embedding
/// step under `embedding` (now `operator`, as in the width cases); they still stand.
#[test]
fn a_hessian_certificate_with_its_step_under_the_older_key_still_stands() {
    for id in ["hessian.irreversibility.control.reversed", "hessian.theorem_s.control.no_bu"] {
        let mut c = cert(id);
        let case = c["case"].as_object_mut().unwrap();
        let step = case.remove("operator").unwrap_or_else(|| panic!("{id}: no `operator` in the case"));
        case.insert("embedding".into(), step);
        seal(&mut c);
        assert_eq!(verify(&c).unwrap(), Verification::Stands, "{id}");
    }
}
