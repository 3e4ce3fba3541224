//! Re-checking a critical-point certificate (`certify --out`) from scratch: the network, data
//! and radius it stores are read back, the gradient at the stored point is recomputed exactly,
//! a fresh approximate inverse is formed, and Krawczyk's test is run again in exact rational
//! interval arithmetic, for the loss the stored data name (`"loss"`, ½-MSE when absent). A
//! `"gauge"` (ReLU's rescaling fixed, `gauge.rs`) is checked to be sound for the stored network
//! first, and the test runs on the other coordinates. Nothing the certificate says beyond those
//! inputs is trusted.
//!
//! For tanh, sigmoid and softplus the gradient at the stored point and the Hessian over the box
//! are enclosed afresh in outward-rounded f64 interval arithmetic (`enclosed.rs`) and the
//! inequality is decided exactly in Q, as `certify` did. The optional key `"proof"` (`"exact"`
//! or `"enclosures"`) must agree with the stored activation; it is a label, not trusted.

use super::enclosed::{anchor, krawczyk_enclosed};
use super::gauge::{restrict, restrict_matrix};
use super::newton::approximate_inverse_q;
use super::smooth::{hessian_f64, NEEDS_BIASES};
use super::{krawczyk, Gauge, Krawczyk, Proof};
use crate::activation::Activation;
use crate::hessian::hessian_exact_with;
use crate::io::{parse_data_and_loss, parse_network};
use crate::net::evaluate_exact;
use crate::scalar::{f64_nearest, Ring, Q};
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
const KEYS: [&str; 7] = ["format", "claim", "network", "data", "r", "proof", "gauge"];

/// The optional key `"gauge"`: the fixed coordinates as 1-based flat indices (contract order),
/// returned 0-based; empty when absent.
fn gauge_indices(obj: &serde_json::Map<String, Value>, file: &str) -> Result<Vec<usize>, CertificateError> {
    let Some(v) = obj.get("gauge") else { return Ok(Vec::new()) };
    let bad = || {
        CertificateError::Malformed(format!(
            "{file}: field `gauge`: expected an array of parameter indices (1-based integers)"
        ))
    };
    let list = v.as_array().ok_or_else(bad)?;
    list.iter()
        .map(|x| x.as_u64().filter(|&k| k >= 1).and_then(|k| usize::try_from(k - 1).ok()).ok_or_else(bad))
        .collect()
}

/// Re-checks a certificate; `Ok(proof)` when Krawczyk's test holds again on the stored box, with
/// how it was decided ([`Proof::Exact`], or [`Proof::Enclosures`] for tanh, sigmoid, softplus).
///
/// # Errors
/// [`CertificateError::Malformed`] naming the field, or [`CertificateError::DoesNotStand`] saying
/// why the claim does not stand.
pub fn verify_certificate(cert: &Value, file: &str) -> Result<Proof, CertificateError> {
    use CertificateError::{DoesNotStand, Malformed};
    let obj = cert.as_object().ok_or_else(|| Malformed(format!("{file}: a certificate is a JSON object")))?;
    if let Some(k) = obj.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(Malformed(format!("{file}: unknown key \"{k}\" (known: {})", KEYS.join(", "))));
    }
    if obj.get("format").and_then(Value::as_str) != Some(CERTIFICATE_FORMAT) {
        return Err(Malformed(format!("{file}: field `format` must be \"{CERTIFICATE_FORMAT}\"")));
    }
    let field = |k: &str| obj.get(k).ok_or_else(|| Malformed(format!("{file}: field `{k}` missing")));
    let net = parse_network(&field("network")?.to_string(), &format!("{file}: network"))
        .map_err(|e| Malformed(e.to_string()))?;
    let (data, loss) = parse_data_and_loss(&field("data")?.to_string(), &format!("{file}: data"))
        .map_err(|e| Malformed(e.to_string()))?;
    let loss = loss.unwrap_or_default();
    loss.check_targets(&data).map_err(|e| Malformed(format!("{file}: field `data`: {e}")))?;
    let ell = loss.as_exact().cloned().ok_or_else(|| {
        Malformed(format!("{file}: field `data.loss`: a critical-point certificate needs an exact loss, not {loss}"))
    })?;
    let r = field("r")?
        .as_str()
        .and_then(|s| Q::parse(s).ok())
        .ok_or_else(|| Malformed(format!("{file}: field `r`: expected a rational string")))?;
    if r.signum() <= 0 {
        return Err(Malformed(format!("{file}: field `r` must be positive")));
    }
    let proof = match net.activation {
        Activation::Exact(_) => Proof::Exact,
        Activation::Float(f) => Proof::Enclosures(f),
    };
    if let Some(p) = obj.get("proof") {
        if p.as_str() != Some(proof.key()) {
            return Err(Malformed(format!(
                "{file}: field `proof` must be \"{}\" for activation `{}`",
                proof.key(),
                net.activation
            )));
        }
    }
    let fixed = gauge_indices(obj, file)?;
    let e = |e: crate::net::EvalError| Malformed(format!("{file}: {e}"));
    let outcome = match &net.activation {
        Activation::Exact(act) => {
            let gauge = match Gauge::checked(&net.params, act, &fixed) {
                Ok(g) => g,
                Err(why) => return Err(DoesNotStand(format!("the gauge is not sound: {why}"))),
            };
            let free = gauge.free(net.params.num_params());
            let g = restrict(&evaluate_exact(&net.params, act, &ell, &data).map_err(e)?.gradient.flatten(), &free);
            let h = restrict_matrix(&hessian_exact_with(&net.params, act, &ell, &data).map_err(e)?, &free);
            let Some(y) = approximate_inverse_q(&h, f64_nearest) else {
                return Err(DoesNotStand("the Hessian at the stored point is singular to working precision".into()));
            };
            krawczyk(&net.params, act, &ell, &data, &gauge, &g, &y, &r, &Q::one()).map_err(e)?
        }
        Activation::Float(_) if !fixed.is_empty() => {
            return Err(DoesNotStand(format!(
                "the gauge is not sound: it needs a positively homogeneous σ (relu, leaky_relu, identity), not {}",
                net.activation
            )))
        }
        Activation::Float(act) => {
            if net.params.layers().iter().any(|l| l.bias.is_none()) {
                return Err(Malformed(format!("{file}: field `network`: {NEEDS_BIASES}")));
            }
            data.check_fits(&net.params).map_err(|x| e(x.into()))?;
            let h = hessian_f64(&net.params, *act, &ell, &data.map(f64_nearest)).map_err(e)?;
            let Some(y) = approximate_inverse_q(&h, |v: &f64| *v) else {
                return Err(DoesNotStand("the Hessian at the stored point is singular to working precision".into()));
            };
            let Some(a) = anchor(&net.params, *act, &ell, &data, y).map_err(e)? else {
                return Err(DoesNotStand("the enclosure of the gradient at the stored point is not finite".into()));
            };
            krawczyk_enclosed(&net.params, *act, &ell, &data, &a, &r, &Q::one()).map_err(e)?
        }
    };
    match outcome {
        Krawczyk::Proved { .. } => Ok(proof),
        Krawczyk::Fails { row, excess } => Err(DoesNotStand(format!(
            "Krawczyk's test fails on the stored box (row {}, by {:.3e})",
            row + 1,
            excess.to_f64()
        ))),
        Krawczyk::PatternChanges(site) => {
            Err(DoesNotStand(format!("the activation pattern changes in the box ({site})")))
        }
        Krawczyk::Pole(site) => Err(DoesNotStand(format!("σ has a pole in the box ({site})"))),
        Krawczyk::NotFinite => {
            Err(DoesNotStand("an enclosure of the gradient or of the Hessian over the stored box is not finite".into()))
        }
        Krawczyk::LossPieceChanges { sample, output } => {
            Err(DoesNotStand(format!("the loss can change pieces in the box (output {output} of sample {sample})")))
        }
    }
}
