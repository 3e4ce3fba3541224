//! `compare` on a float-only σ: the truth is a rigorous enclosure, the tolerance is the user's.
//! A float64 gradient of a tanh network (the f64 path's own, as another tool would compute it)
//! is within a relative 1e-9 of every point of the enclosure; the same gradient with one entry
//! moved by a relative 1e-6 is proved outside at that entry; without a tolerance, and for a
//! Hessian, there is nothing to grade against (exit 2).

use crate::common;
use common::{run, text, tmp};

const NET: &str = "examples/nets/ex_a.net.json";
const DATA: &str = "examples/nets/ex_a.data.json";

/// The f64 gradient `eval --float` prints, as a flat JSON list in contract order.
fn float_gradient() -> Vec<f64> {
    let out = run(&["eval", "--net", NET, "--data", DATA, "--activation", "tanh", "--float", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut flat = Vec::new();
    for layer in v["gradient"]["layers"].as_array().unwrap() {
        for row in layer["weight"].as_array().unwrap() {
            flat.extend(row.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()));
        }
        flat.extend(layer["bias"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()));
    }
    flat
}

fn compare(gradient: &[f64], extra: &[&str]) -> (Option<i32>, String, serde_json::Value) {
    let path = tmp("compare-enclosed", &format!("g{}.json", extra.len()));
    std::fs::write(&path, serde_json::to_string(gradient).unwrap()).unwrap();
    let mut args = vec!["compare", "--net", NET, "--data", DATA, "--activation", "tanh", "--gradient", &path, "--json"];
    args.extend_from_slice(extra);
    let out = run(&args);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code(), text(&out), json)
}

#[test]
fn a_float_tanh_gradient_is_within_the_enclosure_and_a_planted_error_is_outside() {
    let g = float_gradient();
    assert!(g.iter().all(|x| x.abs() > 1e-6), "a non-critical point: every entry well away from 0: {g:?}");
    let (code, all, report) = compare(&g, &["--rtol", "1e-9"]);
    assert_eq!(code, Some(0), "{all}");
    assert_eq!(report["truth"], "enclosure");
    assert_eq!(report["within"], report["entries"]);
    let mut planted = g.clone();
    planted[2] *= 1.0 + 1e-6;
    let (code, all, report) = compare(&planted, &["--rtol", "1e-9"]);
    assert_eq!(code, Some(1), "{all}");
    assert_eq!(report["outside"], 1);
    assert_eq!(report["first_outside"]["at"]["index"], 3);
}

#[test]
fn without_a_tolerance_or_for_a_hessian_there_is_nothing_to_grade_against() {
    let g = float_gradient();
    let (code, all, _) = compare(&g, &[]);
    assert_eq!(code, Some(2), "{all}");
    assert!(all.contains("--rtol") && all.contains("tanh"), "{all}");
    let path = tmp("compare-enclosed", "h.json");
    std::fs::write(&path, "[[1.0]]").unwrap();
    let out =
        run(&["compare", "--net", NET, "--data", DATA, "--activation", "tanh", "--hessian", &path, "--rtol", "1e-9"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("Hessian"), "{}", text(&out));
}
