//! `embedcheck verify` re-checks the shipped Hessian certificates (proofs/certificates/) and
//! rejects a tampered one.

use std::process::Command;

fn verify(path: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(["verify", path]).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn shipped_saddle_certificates_stand_through_the_cli() {
    for f in
        ["ex-c-split-alpha-2-strict-saddle.json", "ex-e-null-beta-0-strict-saddle.json", "ex-c-narrow-minimum.json"]
    {
        let path = format!("{}/proofs/certificates/{f}", env!("CARGO_MANIFEST_DIR"));
        let (code, out) = verify(&path);
        assert_eq!(code, 0, "{f}: {out}");
        assert!(out.contains("stands"), "{out}");
    }
}

#[test]
fn a_saddle_certificate_with_a_wrong_curvature_does_not_stand() {
    // Ex C split with α = 2: uᵀHu = −12 (derived by hand in proofs/saddle-certificates.md).
    let path = format!("{}/proofs/certificates/ex-c-split-alpha-2-strict-saddle.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("\"-12\""), "the shipped certificate records uᵀHu = −12");
    let tampered = text.replacen("\"-12\"", "\"-13\"", 1);
    let dir = std::env::temp_dir().join(format!("embedcheck-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("tampered.json");
    std::fs::write(&p, tampered).unwrap();
    let (code, out) = verify(p.to_str().unwrap());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("does not stand"), "{out}");
}
