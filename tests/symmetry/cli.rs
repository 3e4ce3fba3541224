//! `embedcheck count` and `embedcheck manifold` (symmetry spec A.3–A.4): the spec's reference
//! values and geometry statements through the command line, and exit codes for bad input.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Spec A.4 reference row (10, 20): T, T1, G.
#[test]
fn count_all_prints_the_spec_reference_values_for_10_20() {
    let (code, out, _) = run(&["count", "all", "--r", "10", "--m", "20"]);
    assert_eq!(code, 0);
    assert!(out.contains("T(10, 20) = 287694401631777504000"));
    assert!(out.contains("T1(10, 20) = 97349279409046828800"));
    assert!(out.contains("G(10, 20) = 21473732319740064000"));
    assert!(out.contains("agree"));
}

#[test]
fn count_json_gives_t_10_40_exactly() {
    let (code, out, _) = run(&["count", "T", "--r", "10", "--m", "40", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["counts"]["T"], "2345214549941110748719086096273013287183628800");
    assert_eq!(v["formulas_agree"], true);
}

/// Spec A.4: crossover h = 2, 5, 12, 24 for r* = 10, 20, 50, 100.
#[test]
fn crossover_prints_the_spec_values() {
    for (rs, h) in [("10", 2), ("20", 5), ("50", 12), ("100", 24)] {
        let (code, out, _) = run(&["count", "--crossover", rs, "--json"]);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["first_h_T_exceeds_G"], h, "r* = {rs}");
    }
}

#[test]
fn table_prints_the_spec_cells() {
    let (code, out, _) = run(&["count", "--table", "4", "8", "T", "T1", "G"]);
    assert_eq!(code, 0);
    assert!(out.contains("287784/166824/40824"));
    assert!(out.contains("17007/255/1"));
}

#[test]
fn bad_count_input_is_a_usage_error_and_oversize_a_resource_limit() {
    assert_eq!(run(&["count", "--r", "3", "--m", "2"]).0, 2);
    assert_eq!(run(&["count", "Q", "--r", "1", "--m", "2"]).0, 2);
    assert_eq!(run(&["count", "--table", "3"]).0, 2);
    assert_eq!(run(&["count", "--r", "3", "--m", "100000"]).0, 3);
    assert_eq!(run(&["manifold", "--r", "1", "--m", "2", "--activation", "tanh"]).0, 2);
    assert_eq!(run(&["manifold", "--r", "4", "--m", "7"]).0, 3);
}

/// Spec A.3 for (r, m, d) = (1,3,1), (2,3,2), (2,4,2): every check holds, exit 0.
#[test]
fn manifold_reproduces_the_spec_geometry() {
    for (r, m, d, subspaces, bipartite) in
        [("1", "3", "1", 10, false), ("2", "3", "2", 12, true), ("2", "4", "2", 62, false)]
    {
        let (code, out, err) = run(&["manifold", "--r", r, "--m", m, "--d", d, "--seed", "3", "--json"]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["subspaces"], subspaces);
        assert_eq!(v["all_hold"], true);
        assert_eq!(v["checks"]["components"], 1);
        assert_eq!(v["checks"]["bipartite_m_eq_r_plus_1"].is_null(), !bipartite);
        assert_eq!(v["checks"]["zero_loss_zero_gradient"]["checked"], subspaces);
    }
}
