//! `check --shard K/N` partitions a campaign and `merge-reports` puts it back together: the
//! merged report of shards 1/3, 2/3, 3/3 is the unsharded report (counts per theorem, failures,
//! certificates byte for byte), from `--json` and from `--jsonl` files alike; bad shard specs and
//! incomplete sets of shards are usage errors (exit 2).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Two theorems and a negative control that fails (so certificates are written).
const IDS: [&str; 3] = ["width.split.output", "width.null.output", "width.null.control.no_sigma_beta"];

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("embedcheck-shards-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `check IDS --cases 12 --seed 5` with `extra` flags, certificates in `dir`; stdout and exit code.
fn check(dir: &Path, extra: &[&str]) -> (String, i32) {
    let mut args = IDS.to_vec();
    args.insert(0, "check");
    let d = dir.to_str().unwrap();
    args.extend(["--cases", "12", "--seed", "5", "--quiet", "--cert-dir", d]);
    args.extend(extra);
    let o = run(&args);
    (String::from_utf8(o.stdout).unwrap(), o.status.code().unwrap())
}

/// The report without the run times and with each certificate path replaced by the file's text.
fn comparable(report: &str) -> Value {
    let mut v: Value = serde_json::from_str(report).unwrap();
    for t in v["theorems"].as_array_mut().unwrap() {
        let o = t.as_object_mut().unwrap();
        o.remove("seconds");
        if let Some(p) = o["certificate"].as_str() {
            let text = std::fs::read_to_string(p).unwrap();
            o.insert("certificate".into(), Value::String(text));
        }
    }
    v
}

#[test]
fn merged_json_shards_equal_the_unsharded_report_with_identical_certificates() {
    let dir = scratch("json");
    let (whole, code) = check(&dir, &["--json"]);
    assert_eq!(code, 1, "the control fails: {whole}");
    let mut files = Vec::new();
    for k in 1..=3 {
        let (text, _) = check(&dir, &["--json", "--shard", &format!("{k}/3")]);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["shard"]["k"], k);
        let f = dir.join(format!("shard{k}.json"));
        std::fs::write(&f, text).unwrap();
        files.push(f.to_str().unwrap().to_string());
    }
    let mut args = vec!["merge-reports", "--json"];
    args.extend(files.iter().map(String::as_str).rev());
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let merged = String::from_utf8(o.stdout).unwrap();
    assert_eq!(comparable(&merged), comparable(&whole));
    let v = comparable(&whole);
    assert!(v["theorems"][2]["failed"].as_u64().unwrap() > 0);
    assert_eq!(v["theorems"][0]["cases"], 12);
}

#[test]
fn merged_jsonl_shards_equal_the_unsharded_report() {
    let dir = scratch("jsonl");
    let (whole, _) = check(&dir, &["--json"]);
    let mut args = vec!["merge-reports".to_string(), "--json".to_string()];
    for k in 1..=3 {
        let (text, code) = check(&dir, &["--jsonl", "--shard", &format!("{k}/3")]);
        assert!(code == 0 || code == 1);
        assert_eq!(text.lines().count(), IDS.len(), "one line per theorem: {text}");
        for line in text.lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["shard"]["n"], 3);
            assert_eq!(v["campaign_cases"], 12);
        }
        let f = dir.join(format!("shard{k}.jsonl"));
        std::fs::write(&f, text).unwrap();
        args.push(f.to_str().unwrap().to_string());
    }
    let o = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(comparable(&String::from_utf8(o.stdout).unwrap()), comparable(&whole));
}

#[test]
fn bad_shard_specs_are_usage_errors() {
    for bad in ["0/3", "4/3", "a/b", "3", "1/0"] {
        let o = run(&["check", "width.split.output", "--cases", "1", "--shard", bad]);
        assert_eq!(o.status.code(), Some(2), "--shard {bad}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("K/N") || String::from_utf8_lossy(&o.stderr).contains("K ≤ N")
        );
    }
}

#[test]
fn merging_an_incomplete_or_inconsistent_set_of_shards_is_a_usage_error_naming_the_problem() {
    let dir = scratch("incomplete");
    let mut files = Vec::new();
    for (k, n, seed) in [(1, 3, "5"), (2, 3, "5"), (3, 3, "6"), (1, 2, "5")] {
        let args = ["check", "width.split.output", "--cases", "6", "--seed", seed, "--json", "--shard"];
        let o = run(&[&args[..], &[&format!("{k}/{n}")]].concat());
        let f = dir.join(format!("s{k}-{n}-{seed}.json"));
        std::fs::write(&f, o.stdout).unwrap();
        files.push(f.to_str().unwrap().to_string());
    }
    let merge = |which: &[usize]| {
        let mut args = vec!["merge-reports"];
        args.extend(which.iter().map(|&i| files[i].as_str()));
        let o = run(&args);
        (o.status.code().unwrap(), String::from_utf8(o.stderr).unwrap())
    };
    let (code, err) = merge(&[0, 1]);
    assert_eq!(code, 2);
    assert!(err.contains("3/3"), "names the missing shard: {err}");
    let (code, err) = merge(&[0, 1, 1]);
    assert_eq!(code, 2);
    assert!(err.contains("twice"), "{err}");
    let (code, err) = merge(&[0, 1, 2]);
    assert_eq!(code, 2);
    assert!(err.contains("seed"), "{err}");
    let (code, err) = merge(&[0, 3]);
    assert_eq!(code, 2);
    assert!(err.contains("number of shards"), "{err}");
    // A JSONL file cut short (a killed shard) is refused.
    let o = run(&["check", "width.split.output", "width.null.output", "--cases", "2", "--jsonl", "--shard", "1/1"]);
    let first_line = String::from_utf8(o.stdout).unwrap().lines().next().unwrap().to_string();
    let cut = dir.join("cut.jsonl");
    std::fs::write(&cut, first_line + "\n").unwrap();
    let o = run(&["merge-reports", cut.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("only 1 of 2"));
}
