//! Re-checking a critical-point certificate (`certify --out`) from scratch: the network, data
//! and radius it stores are read back, the gradient at the stored point is recomputed exactly,
//! a fresh approximate inverse is formed, and Krawczyk's test is run again in exact rational
//! interval arithmetic, for the loss the stored data name (`"loss"`, ½-MSE when absent). Nothing
//! the certificate says beyond those inputs is trusted.

use super::{approximate_inverse, krawczyk, Krawczyk};
use crate::hessian::hessian_exact_with;
use crate::io::{parse_data_and_loss, parse_network};
use crate::linalg::Matrix;
use crate::net::evaluate_with;
use crate::scalar::{q_from_f64, Field, Q};
use serde_json::Value;

/// The format tag of critical-point certificates.
pub const CERTIFICATE_FORMAT: &str = "embedcheck.critical-point-certificate/1";

/// Why a certificate was not confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CertificateError {
    /// The file is not a well-formed certificate (exit code 2): the message names the field.
    Malformed(String),
    /// The claim does not stand (exit code 1): the message says why.
    DoesNotStand(String),
}

impl std::fmt::Display for CertificateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CertificateError::Malformed(m) | CertificateError::DoesNotStand(m) => f.write_str(m),
        }
    }
}

/// The keys a certificate has.
const KEYS: [&str; 5] = ["format", "claim", "network", "data", "r"];

/// Re-checks a certificate; `Ok(())` when Krawczyk's test holds again on the stored box.
///
/// # Errors
/// [`CertificateError::Malformed`] naming the field, or [`CertificateError::DoesNotStand`] saying
/// why the claim does not stand.
pub fn verify_certificate(cert: &Value, file: &str) -> Result<(), CertificateError> {
    use CertificateError::{DoesNotStand, Malformed};
    check(cert, file).map_err(Malformed)?.map_err(DoesNotStand)
}

/// Outer error: malformed; inner: does not stand.
fn check(cert: &Value, file: &str) -> Result<Result<(), String>, String> {
    let obj = cert.as_object().ok_or(format!("{file}: a certificate is a JSON object"))?;
    if let Some(k) = obj.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!("{file}: unknown key \"{k}\" (known: {})", KEYS.join(", ")));
    }
    if obj.get("format").and_then(Value::as_str) != Some(CERTIFICATE_FORMAT) {
        return Err(format!("{file}: field `format` must be \"{CERTIFICATE_FORMAT}\""));
    }
    let field = |k: &str| obj.get(k).ok_or(format!("{file}: field `{k}` missing"));
    let net = parse_network(&field("network")?.to_string(), &format!("{file}: network")).map_err(|e| e.to_string())?;
    let (data, loss) =
        parse_data_and_loss(&field("data")?.to_string(), &format!("{file}: data")).map_err(|e| e.to_string())?;
    let loss = loss.unwrap_or_default();
    loss.check_targets(&data).map_err(|e| format!("{file}: field `data`: {e}"))?;
    let ell = loss
        .as_exact()
        .cloned()
        .ok_or(format!("{file}: field `data.loss`: a critical-point certificate needs an exact loss, not {loss}"))?;
    let r = field("r")?
        .as_str()
        .and_then(|s| Q::parse(s).ok())
        .ok_or(format!("{file}: field `r`: expected a rational string"))?;
    if r.signum() <= 0 {
        return Err(format!("{file}: field `r` must be positive"));
    }
    let act = net.activation.exact().map_err(|e| format!("{file}: {e}"))?;
    let g = evaluate_with(&net.params, act, &ell, &data).map_err(|e| format!("{file}: {e}"))?.gradient.flatten();
    let h = hessian_exact_with(&net.params, act, &ell, &data).map_err(|e| format!("{file}: {e}"))?;
    let Some(yf) = approximate_inverse(&h) else {
        return Ok(Err("the Hessian at the stored point is singular to working precision".into()));
    };
    let y = Matrix::from_vec(
        yf.rows(),
        yf.cols(),
        yf.data().iter().map(|v| q_from_f64(*v).unwrap_or_else(Q::zero)).collect(),
    );
    Ok(match krawczyk(&net.params, act, &ell, &data, &g, &y, &r, &Q::one()).map_err(|e| format!("{file}: {e}"))? {
        Krawczyk::Proved { .. } => Ok(()),
        Krawczyk::Fails { row, excess } => {
            Err(format!("Krawczyk's test fails on the stored box (row {}, by {:.3e})", row + 1, excess.to_f64()))
        }
        Krawczyk::PatternChanges(site) => Err(format!("the activation pattern changes in the box ({site})")),
        Krawczyk::Pole(site) => Err(format!("σ has a pole in the box ({site})")),
        Krawczyk::LossPieceChanges { sample, output } => {
            Err(format!("the loss can change pieces in the box (output {output} of sample {sample})"))
        }
    })
}
