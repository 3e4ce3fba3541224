//! Second-order certificates: a strict saddle, degeneracy of degree ≥ k, positive definiteness.
//!
//! Each certificate carries the network and data (contract formats) and an exact witness:
//! - **strict saddle** (\[P2\] Def. 6.1: ∇R = 0 and n₋(H) ≥ 1): a rational direction u with
//!   uᵀHu < 0 (its value is stored);
//! - **degenerate** (\[P1\] Def. 3, degree n₀(H) ≥ k): k null vectors of H, exactly independent;
//! - **positive definite**: the pivots of the exact LDLᵀ of H without pivoting, all positive
//!   (H ≻ 0 iff every leading principal minor is positive, Sylvester's criterion; the pivots are
//!   their successive ratios), so a critical point with it is a strict local minimum.
//!
//! [`verify`] re-checks a certificate through the *simple path*: the gradient by forward mode
//! (no back-propagation), uᵀHu and e_jᵀHv by forward-over-forward `Dual<Dual<Q>>` evaluations of
//! the loss alone, and, for positive definiteness, H from forward over forward. The loss is the
//! certificate's ([`Certificate::loss`], stored in the data's `"loss"` key; ½-MSE when absent);
//! a point with an output on a break of a piecewise loss has no Hessian and does not verify.

use super::{hessian_forward_with, mixed_second_derivative_with};
use crate::data::Dataset;
use crate::io::{
    check_keys, data_and_loss_to_json, network_to_json, parse_data_and_loss, parse_network, q_to_json, vector_to_json,
    InputError,
};
use crate::linalg::{rank, Matrix};
use crate::loss::{ExactLoss, Loss, LossFn};
use crate::net::{gradient_forward_mode_with, outputs, EvalError, Network};
use crate::scalar::{Field, Ring, Q};
use serde_json::{json, Value};
use std::fmt;

/// The format tag of Hessian certificates.
pub const CERTIFICATE_FORMAT: &str = "embedcheck.hessian-certificate/1";

/// The keys of a certificate's top-level object (what [`to_json`] writes); any other is an error.
const KEYS: [&str; 5] = ["format", "note", "network", "data", "claim"];
/// For each `claim.kind`, the keys its `claim` object has.
const CLAIM_KEYS: [(&str, &[&str]); 3] = [
    ("strict_saddle", &["kind", "direction", "curvature"]),
    ("degenerate", &["kind", "null_vectors"]),
    ("positive_definite", &["kind", "pivots"]),
];

/// What a certificate claims, with its exact witness.
#[derive(Clone, Debug, PartialEq)]
pub enum Claim {
    /// ∇R = 0 and uᵀHu = `curvature` < 0.
    StrictSaddle {
        /// u (flat, contract parameter order).
        direction: Vec<Q>,
        /// uᵀHu.
        curvature: Q,
    },
    /// H v = 0 for each vector, and they are independent: n₀(H) ≥ their number.
    Degenerate {
        /// The null vectors.
        null_vectors: Vec<Vec<Q>>,
    },
    /// H = LDLᵀ (no pivoting) with these pivots, all positive.
    PositiveDefinite {
        /// d_1, …, d_M.
        pivots: Vec<Q>,
    },
}

/// A certificate: network, data, claim, and a sentence for the reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Certificate {
    /// σ and θ.
    pub network: Network<Q>,
    /// The training set.
    pub data: Dataset<Q>,
    /// The loss ℓ of R_S (½-MSE unless the data name another exact loss).
    pub loss: ExactLoss,
    /// The claim and witness.
    pub claim: Claim,
    /// What the case is (free text, e.g. "spec Ex E split with α = 2").
    pub note: String,
}

/// Why a certificate does not verify.
#[derive(Clone, Debug, PartialEq)]
pub enum VerifyError {
    /// The network cannot be evaluated exactly on the data.
    Eval(EvalError),
    /// The gradient is not exactly zero (coordinate, 1-based, and value).
    NotCritical {
        /// Flat coordinate, 1-based.
        coordinate: usize,
        /// ∂R/∂θ there.
        value: Q,
    },
    /// A witness fails its exact check; the message says which.
    Witness(String),
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Eval(e) => write!(f, "{e}"),
            VerifyError::NotCritical { coordinate, value } => {
                write!(f, "not a critical point: ∂R/∂θ_{coordinate} = {value}")
            }
            VerifyError::Witness(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for VerifyError {}

impl From<EvalError> for VerifyError {
    fn from(e: EvalError) -> VerifyError {
        VerifyError::Eval(e)
    }
}

/// Pivots of the LDLᵀ factorisation of `h` without pivoting, or `None` at a zero pivot.
pub fn ldlt_pivots(h: &Matrix<Q>) -> Option<Vec<Q>> {
    let n = h.rows();
    let mut a = h.clone();
    let mut d = Vec::with_capacity(n);
    for k in 0..n {
        let p = a.get(k, k).clone();
        let pinv = p.inv()?;
        for i in k + 1..n {
            let f = a.get(i, k).mul(&pinv);
            if f.is_zero() {
                continue;
            }
            for j in k + 1..n {
                let v = a.get(i, j).sub(&f.mul(a.get(k, j)));
                a.set(i, j, v);
            }
        }
        d.push(p);
    }
    Some(d)
}

/// Re-checks `cert` through the simple path (module docs).
///
/// # Errors
/// [`VerifyError`] saying which exact check fails.
pub fn verify(cert: &Certificate) -> Result<(), VerifyError> {
    let act = cert.network.activation.exact().map_err(|e| VerifyError::Eval(EvalError::FloatOnly(e)))?;
    let (params, data, ell) = (&cert.network.params, &cert.data, &cert.loss);
    let m = params.num_params();
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let f = outputs(params, act, x, i + 1)?;
        if let Some(&j) = LossFn::<Q>::breaks(ell, &f, y).first() {
            return Err(VerifyError::Witness(format!(
                "output {} of sample {} is on a break of the loss {}: R_S has no Hessian there",
                j + 1,
                i + 1,
                Loss::Exact(ell.clone())
            )));
        }
    }
    let needs_critical = !matches!(cert.claim, Claim::Degenerate { .. });
    if needs_critical {
        let g = gradient_forward_mode_with(params, act, ell, data)?.flatten();
        if let Some((k, v)) = g.iter().enumerate().find(|(_, v)| !v.is_zero()) {
            return Err(VerifyError::NotCritical { coordinate: k + 1, value: v.clone() });
        }
    }
    match &cert.claim {
        Claim::StrictSaddle { direction, curvature } => {
            if direction.len() != m {
                return Err(VerifyError::Witness(format!("direction has {} entries, M = {m}", direction.len())));
            }
            let c = mixed_second_derivative_with(params, act, ell, data, direction, direction)?;
            if &c != curvature {
                return Err(VerifyError::Witness(format!("uᵀHu = {c}, the certificate says {curvature}")));
            }
            if c.signum() >= 0 {
                return Err(VerifyError::Witness(format!("uᵀHu = {c} is not negative")));
            }
        }
        Claim::Degenerate { null_vectors } => {
            let mut e = vec![Q::zero(); m];
            for (t, v) in null_vectors.iter().enumerate() {
                if v.len() != m {
                    return Err(VerifyError::Witness(format!(
                        "null vector {} has {} entries, M = {m}",
                        t + 1,
                        v.len()
                    )));
                }
                for j in 0..m {
                    e[j] = Q::one();
                    let hv = mixed_second_derivative_with(params, act, ell, data, &e, v)?;
                    e[j] = Q::zero();
                    if !hv.is_zero() {
                        return Err(VerifyError::Witness(format!("(H v_{})_{} = {hv} ≠ 0", t + 1, j + 1)));
                    }
                }
            }
            let k = null_vectors.len();
            if k > 0 && rank(&Matrix::from_rows(null_vectors.clone(), m)) != k {
                return Err(VerifyError::Witness("the null vectors are not independent".into()));
            }
        }
        Claim::PositiveDefinite { pivots } => {
            let h = hessian_forward_with(params, act, ell, data)?;
            let d = ldlt_pivots(&h).ok_or_else(|| VerifyError::Witness("LDLᵀ meets a zero pivot".into()))?;
            if &d != pivots {
                return Err(VerifyError::Witness("LDLᵀ pivots differ from the certificate's".into()));
            }
            if let Some(k) = d.iter().position(|x| x.signum() <= 0) {
                return Err(VerifyError::Witness(format!("pivot {} = {} is not positive", k + 1, d[k])));
            }
        }
    }
    Ok(())
}

/// The certificate as JSON (exact numbers as canonical strings).
pub fn to_json(cert: &Certificate) -> Value {
    let mut v = json!({
        "format": CERTIFICATE_FORMAT,
        "note": cert.note,
        "network": network_to_json(&cert.network),
        "data": data_and_loss_to_json(&cert.data, &Loss::Exact(cert.loss.clone())),
    });
    let claim = match &cert.claim {
        Claim::StrictSaddle { direction, curvature } => json!({
            "kind": "strict_saddle", "direction": vector_to_json(direction), "curvature": q_to_json(curvature)
        }),
        Claim::Degenerate { null_vectors } => json!({
            "kind": "degenerate", "null_vectors": null_vectors.iter().map(|x| vector_to_json(x)).collect::<Vec<_>>()
        }),
        Claim::PositiveDefinite { pivots } => json!({"kind": "positive_definite", "pivots": vector_to_json(pivots)}),
    };
    v["claim"] = claim;
    v
}

fn qvec(v: &Value, file: &str, place: &str) -> Result<Vec<Q>, InputError> {
    crate::io::vector(v, file, place, |k| format!("{place}, entry {k}"))
}

/// Reads a certificate written by [`to_json`]. The file is strict: an unknown key at the top
/// level, in `claim`, or in the network or data is an error, as is a repeated key.
///
/// # Errors
/// [`InputError`] naming the place of the first problem.
pub fn from_json(text: &str, file: &str) -> Result<Certificate, InputError> {
    let v = crate::io::parse_json(text, file)?;
    if v["format"] != CERTIFICATE_FORMAT {
        return Err(InputError::bad(file, "format", format!("expected \"{CERTIFICATE_FORMAT}\"")));
    }
    check_keys(&v, &KEYS, file, "")?;
    let network = parse_network(&v["network"].to_string(), &format!("{file} (network)"))?;
    let (data, loss) = parse_data_and_loss(&v["data"].to_string(), &format!("{file} (data)"))?;
    let loss = match loss.unwrap_or_default() {
        Loss::Exact(l) => l,
        other => {
            return Err(InputError::bad(
                file,
                "data: field `loss`",
                format!("a Hessian certificate needs an exact loss, not {other}"),
            ))
        }
    };
    let c = &v["claim"];
    let kinds = || CLAIM_KEYS.iter().map(|(k, _)| format!("\"{k}\"")).collect::<Vec<_>>().join(", ");
    let Some(&(kind, keys)) = CLAIM_KEYS.iter().find(|(k, _)| c["kind"].as_str() == Some(*k)) else {
        return Err(InputError::bad(file, "claim.kind", format!("expected one of {}", kinds())));
    };
    check_keys(c, keys, file, "claim")?;
    let claim = match kind {
        "strict_saddle" => Claim::StrictSaddle {
            direction: qvec(&c["direction"], file, "claim.direction")?,
            curvature: crate::io::number(&c["curvature"], file, "claim.curvature")?,
        },
        "degenerate" => Claim::Degenerate {
            null_vectors: c["null_vectors"]
                .as_array()
                .ok_or_else(|| InputError::bad(file, "claim.null_vectors", "expected an array of vectors"))?
                .iter()
                .enumerate()
                .map(|(t, x)| qvec(x, file, &format!("claim.null_vectors[{}]", t + 1)))
                .collect::<Result<_, _>>()?,
        },
        _ /* "positive_definite" */ => Claim::PositiveDefinite { pivots: qvec(&c["pivots"], file, "claim.pivots")? },
    };
    let note = match v.get("note") {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(InputError::bad(file, "note", "expected a string")),
    };
    Ok(Certificate { network, data, loss, claim, note })
}
