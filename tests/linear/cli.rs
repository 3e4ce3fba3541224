//! `embedcheck linear` on the data of spec symmetry-linear B.5 (A = I, m = (3, 4), E[y²] = 30,
//! realised by four samples in examples/linear/b5.data.json).

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

const DATA: &str = "examples/linear/b5.data.json";

#[test]
fn linear_command_reports_b_1_with_loss_28_as_the_global_minimum_for_row_1() {
    let (code, out) = run(&["linear", "--widths", "2,4,1", "--data", DATA, "--gamma", "3", "--s2", "4", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["k"], "2");
    let c = &v["candidates"][1];
    assert_eq!(c["scale"]["rational"], "1");
    assert_eq!(c["loss"], "28");
    assert_eq!(c["global"], true);
    assert_eq!(v["origin"]["inertia"], serde_json::json!([8, 4, 0]));
}

#[test]
fn linear_command_finds_the_bad_origin_minimum_for_row_5() {
    let (code, out) = run(&["linear", "--widths", "2,4,1,1", "--data", DATA, "--gamma", "1", "--s2", "4", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["origin"]["bad_minimum"], true);
    assert_eq!(v["candidates"][1]["hessian_inertia"], serde_json::json!([12, 1, 0]));
    assert_eq!(v["candidates"][2]["global"], true);
}

#[test]
fn linear_point_check_accepts_the_row_1_minimiser_and_rejects_bad_usage() {
    let point = "examples/linear/b5_row1.point.json";
    let (code, out) =
        run(&["linear", "--widths", "2,4,1", "--data", DATA, "--gamma", "3", "--s2", "4", "--point", point]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("critical: yes"));
    let (code, _) =
        run(&["linear", "--widths", "2,4,1", "--data", DATA, "--gamma", "2", "--s2", "4", "--point", point]);
    assert_eq!(code, 1, "not critical for γ = 2");
    let (code, _) = run(&["linear", "--widths", "2,4", "--data", DATA, "--gamma", "3"]);
    assert_eq!(code, 2);
    let (code, _) = run(&["linear", "--widths", "2,3,1", "--data", DATA, "--gamma", "3", "--s2", "4"]);
    assert_eq!(code, 2, "width 3 with s² > 0 is not exactly representable");
}
