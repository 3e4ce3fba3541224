//! Re-checking a critical-point certificate (`certify --out`) from scratch: the network, data
//! and radius it stores are read back, the gradient at the stored point is recomputed exactly,
//! a fresh approximate inverse is formed, and Krawczyk's test is run again in exact rational
//! interval arithmetic. Nothing the certificate says beyond those inputs is trusted.

use super::{approximate_inverse, krawczyk, Krawczyk};
use crate::hessian::hessian_exact;
use crate::io::{parse_data, parse_network};
use crate::linalg::Matrix;
use crate::net::evaluate;
use crate::scalar::{q_from_f64, Field, Q};
use serde_json::Value;

/// The format tag of critical-point certificates.
pub const CERTIFICATE_FORMAT: &str = "embedcheck.critical-point-certificate/1";

/// The keys a certificate has.
const KEYS: [&str; 5] = ["format", "claim", "network", "data", "r"];

/// Re-checks a certificate; `Ok(())` when Krawczyk's test holds again on the stored box.
///
/// # Errors
/// A message naming the field for a malformed certificate, or saying why the claim does not
/// stand.
pub fn verify_certificate(cert: &Value, file: &str) -> Result<(), String> {
    let obj = cert.as_object().ok_or(format!("{file}: a certificate is a JSON object"))?;
    if let Some(k) = obj.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!("{file}: unknown key \"{k}\" (known: {})", KEYS.join(", ")));
    }
    if obj.get("format").and_then(Value::as_str) != Some(CERTIFICATE_FORMAT) {
        return Err(format!("{file}: field `format` must be \"{CERTIFICATE_FORMAT}\""));
    }
    let field = |k: &str| obj.get(k).ok_or(format!("{file}: field `{k}` missing"));
    let net = parse_network(&field("network")?.to_string(), &format!("{file}: network")).map_err(|e| e.to_string())?;
    let data = parse_data(&field("data")?.to_string(), &format!("{file}: data")).map_err(|e| e.to_string())?;
    let r = field("r")?
        .as_str()
        .and_then(|s| Q::parse(s).ok())
        .ok_or(format!("{file}: field `r`: expected a rational string"))?;
    if r.signum() <= 0 {
        return Err(format!("{file}: field `r` must be positive"));
    }
    let act = net.activation.exact().map_err(|e| format!("{file}: {e}"))?;
    let g = evaluate(&net.params, act, &data).map_err(|e| format!("{file}: {e}"))?.gradient.flatten();
    let h = hessian_exact(&net.params, act, &data).map_err(|e| format!("{file}: {e}"))?;
    let yf = approximate_inverse(&h).ok_or("the Hessian at the stored point is singular to working precision")?;
    let y = Matrix::from_vec(
        yf.rows(),
        yf.cols(),
        yf.data().iter().map(|v| q_from_f64(*v).unwrap_or_else(Q::zero)).collect(),
    );
    match krawczyk(&net.params, act, &data, &g, &y, &r, &Q::one()).map_err(|e| format!("{file}: {e}"))? {
        Krawczyk::Proved { .. } => Ok(()),
        Krawczyk::Fails { row, excess } => {
            Err(format!("Krawczyk's test fails on the stored box (row {}, by {:.3e})", row + 1, excess.to_f64()))
        }
        Krawczyk::PatternChanges(site) => Err(format!("the activation pattern changes in the box ({site})")),
        Krawczyk::Pole(site) => Err(format!("σ has a pole in the box ({site})")),
    }
}
