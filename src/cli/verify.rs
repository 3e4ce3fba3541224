//! `embedcheck verify CERT.json`: re-checks a certificate written by `check` from scratch through
//! forward-mode duals (see [`Theorem::reverify`](crate::theorem::Theorem::reverify)) and says
//! whether it stands. Exit 0 when the counterexample is confirmed, 1 when it does not stand.
//! Hessian certificates (`embedcheck.hessian-certificate/1`: strict saddle, degeneracy, positive
//! definiteness) are re-checked by [`crate::hessian::certificate::verify`] (forward-mode gradient,
//! forward-over-forward second derivatives); exit 0 when the claim stands, 1 when it does not.

use super::{Args, CliError};
use crate::hessian::certificate as hcert;
use crate::theorem::certificate::{verify, Verification};

/// Runs `verify`.
///
/// # Errors
/// Exit code 2 when the file cannot be read or is not a certificate.
pub fn run(args: &mut Args) -> Result<i32, CliError> {
    let rest = args.clone().finish()?;
    let [path] = rest.as_slice() else { return Err(CliError::usage("usage: embedcheck verify CERT.json")) };
    let text = std::fs::read_to_string(path).map_err(|e| CliError::usage(format!("{path}: {e}")))?;
    let cert: serde_json::Value = serde_json::from_str(&text).map_err(|e| CliError::usage(format!("{path}: {e}")))?;
    if cert.get("format").and_then(|v| v.as_str()) == Some(crate::certify::CERTIFICATE_FORMAT) {
        return match crate::certify::verify_certificate(&cert, path) {
            Ok(()) => {
                println!("{path}: critical-point certificate stands (Krawczyk's test re-run from scratch in exact rational interval arithmetic)");
                Ok(0)
            }
            Err(crate::certify::CertificateError::DoesNotStand(e)) => {
                println!("{path}: critical-point certificate does not stand: {e}");
                Ok(1)
            }
            Err(crate::certify::CertificateError::Malformed(e)) => Err(CliError::usage(e)),
        };
    }
    if cert.get("format").and_then(|v| v.as_str()) == Some(hcert::CERTIFICATE_FORMAT) {
        let parsed = hcert::from_json(&text, path)?;
        return Ok(match hcert::verify(&parsed) {
            Ok(()) => {
                println!(
                    "{path}: Hessian certificate stands (checked exactly through the simple path): {}",
                    parsed.note
                );
                0
            }
            Err(e) => {
                println!("{path}: Hessian certificate does not stand: {e}");
                1
            }
        });
    }
    let id = cert.get("theorem").and_then(|v| v.as_str()).unwrap_or("?").to_string();
    let v = verify(&cert).map_err(|e| CliError::usage(format!("{path}: {e}")))?;
    let (code, text) = match v {
        Verification::Stands => (0, "stands: the independent re-check (forward-mode duals) confirms the claim fails on this case"),
        Verification::Reproduced => (0, "stands (reproduced): no independent re-check for this theorem; re-running its check from the case seed fails again"),
        Verification::Refuted => (1, "does not stand: the independent re-check finds that the claim holds on this case"),
        Verification::NotReproduced => (1, "does not stand: re-running the check from the case seed does not fail"),
    };
    println!("{path}: {id}: {text}");
    Ok(code)
}
