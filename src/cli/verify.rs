//! `embedcheck verify CERT.json`: says whether a certificate stands; exit 0 when it does, 1 when
//! it does not, 2 when the file cannot be read or is not a certificate.
//!
//! - Theorem certificates (`embedcheck.certificate/1`, written by `check`) are re-checked from the
//!   case they store ([`crate::catalogue::verify`], [`Theorem::recheck`]): every number
//!   is read from the file, nothing is regenerated from the case seed, the family's independent
//!   path is used where it has one, and the recomputed `expected` and `computed` strings must
//!   equal the stored ones exactly. Otherwise the output says which field differs, or that the
//!   claim holds on the stored case, or which hypothesis the case does not meet.
//! - Hessian certificates (`embedcheck.hessian-certificate/1`: strict saddle, degeneracy, positive
//!   definiteness) are re-checked by [`crate::hessian::certificate::verify`] (forward-mode
//!   gradient, forward-over-forward second derivatives).
//! - Critical-point certificates are re-checked by Krawczyk's test in exact rational interval
//!   arithmetic, or for tanh, sigmoid and softplus with rigorous f64 enclosures and an exact
//!   decision ([`crate::certify::verify_certificate`]).
//!
//! [`Theorem::recheck`]: crate::theorem::Theorem::recheck

use super::args::VerifyArgs;
use super::CliError;
use crate::catalogue::verify;
use crate::hessian::certificate as hcert;
use crate::theorem::certificate::Verification;

/// Runs `verify`.
///
/// # Errors
/// Exit code 2 when the file cannot be read or is not a certificate.
pub fn run(args: &VerifyArgs) -> Result<i32, CliError> {
    let path = &args.cert;
    let text = std::fs::read_to_string(path).map_err(|e| CliError::usage(format!("{path}: {e}")))?;
    let cert: serde_json::Value = serde_json::from_str(&text).map_err(|e| CliError::usage(format!("{path}: {e}")))?;
    if cert.get("format").and_then(|v| v.as_str()) == Some(crate::certify::CERTIFICATE_FORMAT) {
        return match crate::certify::verify_certificate(&cert, path) {
            Ok(proof) => {
                let how = match proof {
                    crate::certify::Proof::Exact => "exact rational interval arithmetic",
                    crate::certify::Proof::Enclosures(_) => {
                        "rigorous f64 enclosures of σ, σ', σ'' re-derived, the inequality decided exactly in Q"
                    }
                };
                println!("{path}: critical-point certificate stands (Krawczyk's test re-run from scratch: {how})");
                if let Some(a) = proof.assumption() {
                    println!("assumption: {a}");
                }
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
        Verification::Stands => (
            0,
            "stands: re-checked from the case it stores, the claim fails with exactly the stored expected and computed values".to_string(),
        ),
        Verification::DoesNotStand(why) => (1, format!("does not stand: {why}")),
    };
    println!("{path}: {id}: {text}");
    Ok(code)
}
