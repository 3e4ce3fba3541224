//! "Truly-bad" critical points (\[P2\] §6.3; width-depth spec §2.5): the residual-weighted part
//! H^(2) of the Hessian and the explicit negative direction of T_global(θ_c).
//!
//! **Hessian split** (\[P2\] §3.3, spec §1): H_S = H^(1) + H^(2) with, for ½-MSE, the Gauss–Newton
//! part H^(1) = (1/n) JᵀJ (J the (n·m_L) × M output Jacobian) and the residual-weighted part
//! H^(2) = (1/n) Σ_i Σ_k r_ik ∇²_θ f_k(x_i), r_i = f(x_i) − y_i. [`residual_hessian`] computes
//! H^(2) = H_S − (1/n)JᵀJ exactly.
//!
//! **\[P2\] Thm 6.3.** If θ_c is critical and H^(2)(θ_c) ≠ 0, then T_global(θ_c) (the three-fold
//! global splitting, [`global_splitting`]) is a strict saddle; so H^(2)(θ_c) = 0 is necessary for
//! θ_c to be truly bad (\[P2\] Def. 6.2). The proof's directions ([`global_direction`]), with
//! θ^\[L−1\] = (W^\[1\], b^\[1\], …, W^\[L−1\], b^\[L−1\]) the leading coordinates:
//! - **Lemma 6.1** (H^(2),\[L−1\] ≠ 0): v = e_i with H^(2)_ii ≠ 0, else e_i + e_j with H^(2)_ij ≠ 0,
//!   c = vᵀH^(2)v; v is written into the θ^\[L−1\] block of each copy with coefficients
//!   (½, ½, 1) if c > 0 (uᵀH_wide u = −c/2) or (1, −1, 0) if c < 0 (uᵀH_wide u = 2c).
//! - **Lemma 6.2** (H^(2),\[L−1\] = 0, cross block C = H^(2)\[W^\[L\], θ^\[L−1\]\] ≠ 0): for C_ab ≠ 0,
//!   v = e_a − sign(C_ab) e_b, written (θ^\[L−1\] part and output-weight columns) into copy 1 with +1
//!   and copy 2 with −1: uᵀH_wide u = 2vᵀH^(2)v = −4|C_ab|.
//!
//! Why (derived from the definitions): the copies' features are equal, and copy c's hidden
//! parameters reach the output through s_c W^\[L\] (s = (1, 1, −1)), so the first-order output
//! change along u is (Σ_c a_c s_c) times that along v — zero for both coefficient choices, which
//! kills the Gauss–Newton part — while the second-order part is Σ_c a_c² s_c vᵀH^(2)v
//! (¼ + ¼ − 1 = −½, 1 + 1 = 2). Copies 1 and 2 have s_c = +1, so on their output columns the
//! lifted v behaves exactly like v (Lemma 6.2).

use crate::activation::ExactActivation;
use crate::critical::output_jacobian;
use crate::data::Dataset;
use crate::embed::{global_copy, global_splitting, EmbedError, Shape};
use crate::hessian::certificate::{Certificate, Claim};
use crate::hessian::{hessian_exact_with, mixed_second_derivative_with};
use crate::linalg::{dot, Matrix};
use crate::loss::ExactLoss;
use crate::loss::LossFn;
use crate::net::{outputs, EvalError, Network, Params};
use crate::scalar::{Field, Ring, Q};
use std::fmt;

/// Why a truly-bad analysis could not be carried out.
#[derive(Clone, Debug, PartialEq)]
pub enum TrulyBadError {
    /// The network cannot be evaluated exactly on the data (shape, pole, float-only σ).
    Eval(EvalError),
    /// T_global or a one-step embedding is not defined for this architecture.
    Embed(EmbedError),
}

impl fmt::Display for TrulyBadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrulyBadError::Eval(e) => write!(f, "{e}"),
            TrulyBadError::Embed(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for TrulyBadError {}

impl From<EvalError> for TrulyBadError {
    fn from(e: EvalError) -> TrulyBadError {
        TrulyBadError::Eval(e)
    }
}

impl From<EmbedError> for TrulyBadError {
    fn from(e: EmbedError) -> TrulyBadError {
        TrulyBadError::Embed(e)
    }
}

/// H^(2) = H_S − (1/n)JᵀJ (module docs): the residual-weighted part of the exact Hessian of the
/// ½-MSE loss at θ (\[P2\] §3.3).
///
/// # Errors
/// [`EvalError`] if the data do not fit or σ has a pole on the data.
pub fn residual_hessian(params: &Params<Q>, act: &ExactActivation, data: &Dataset<Q>) -> Result<Matrix<Q>, EvalError> {
    residual_hessian_with(params, act, &ExactLoss::Mse, data)
}

/// H^(2) for the loss `ell`: H_S − (1/n) Σ_i J_iᵀ (∇²_f ℓ_i) J_i, i.e. (1/n) Σ_i Σ_k
/// ∂ℓ/∂f_k(x_i) ∇²_θ f_k(x_i). Every exact loss is a sum over outputs, so ∇²_f ℓ_i is diagonal.
/// Thm 6.3's lemmas hold for it unchanged: their directions leave every output unchanged to
/// first order, so the Gauss–Newton part never meets them (module docs).
///
/// # Errors
/// As [`residual_hessian`].
pub fn residual_hessian_with(
    params: &Params<Q>,
    act: &ExactActivation,
    ell: &ExactLoss,
    data: &Dataset<Q>,
) -> Result<Matrix<Q>, EvalError> {
    let h = hessian_exact_with(params, act, ell, data)?;
    let j = output_jacobian(params, act, data.inputs())?;
    let m_out = params.widths()[params.depth()];
    // ℓ''_ik, row i·m_L + k of J.
    let mut curv = Vec::with_capacity(j.rows());
    for (i, (x, y)) in data.inputs().iter().zip(data.targets()).enumerate() {
        let f = outputs(params, act, x, i + 1)?;
        for k in 0..m_out {
            let mut e = vec![Q::zero(); m_out];
            e[k] = Q::one();
            curv.push(LossFn::<Q>::curvature(ell, &f, y, &e)[k].clone());
        }
    }
    let inv = Q::from_i64(data.len() as i64).inv().expect("n ≥ 1");
    let m = h.rows();
    let mut out = h;
    for a in 0..m {
        for b in 0..m {
            let g = (0..j.rows()).fold(Q::zero(), |acc, r| acc.add(&curv[r].mul(j.get(r, a)).mul(j.get(r, b))));
            let v = out.get(a, b).sub(&g.mul(&inv));
            out.set(a, b, v);
        }
    }
    Ok(out)
}

/// Which lemma of \[P2\] §6.3 the direction comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlobalLemma {
    /// Lemma 6.1: H^(2),\[L−1\] ≠ 0.
    HiddenBlock,
    /// Lemma 6.2: H^(2),\[L−1\] = 0, cross block H^(2)\[W^\[L\], θ^\[L−1\]\] ≠ 0.
    CrossBlock,
}

impl GlobalLemma {
    /// "Lemma 6.1" or "Lemma 6.2".
    pub fn name(&self) -> &'static str {
        match self {
            GlobalLemma::HiddenBlock => "Lemma 6.1",
            GlobalLemma::CrossBlock => "Lemma 6.2",
        }
    }
}

/// The narrow direction v, the coefficients of the three copies and the predicted uᵀH_wide u of
/// \[P2\] Lemma 6.1 / 6.2 (module docs).
#[derive(Clone, Debug, PartialEq)]
pub struct GlobalDirection {
    /// Which lemma applies.
    pub lemma: GlobalLemma,
    /// v, a narrow flat vector (contract order; zero outside θ^\[L−1\] and W^\[L\]).
    pub v: Vec<Q>,
    /// vᵀH^(2)v (c of Lemma 6.1; vᵀH̃^(2)v of Lemma 6.2).
    pub value: Q,
    /// The coefficients (a_1, a_2, a_3) of v on the three copies.
    pub coefficients: [Q; 3],
    /// uᵀH_wide u as the lemma predicts it: −c/2, 2c or 2vᵀH̃^(2)v.
    pub predicted: Q,
}

/// The direction of \[P2\] Lemma 6.1 or 6.2 chosen from H^(2) (`h2`) of a network of shape
/// `shape`, by the rule of the module docs; `None` when H^(2),\[L−1\] and the cross block are both
/// zero (then H^(2) = 0, since f is affine in (W^\[L\], b^\[L\]), and Thm 6.3 gives no certificate).
pub fn global_direction(h2: &Matrix<Q>, shape: &Shape) -> Option<GlobalDirection> {
    let depth = shape.depth();
    let hidden = shape.offset(depth);
    let out_w = hidden..hidden + shape.widths()[depth] * shape.widths()[depth - 1];
    let m = h2.rows();
    let unit = |pairs: &[(usize, i64)]| {
        let mut v = vec![Q::zero(); m];
        for &(i, s) in pairs {
            v[i] = Q::int(s);
        }
        v
    };
    let half = Q::new(1, 2);
    let v = (0..hidden).find(|&i| !h2.get(i, i).is_zero()).map(|i| unit(&[(i, 1)])).or_else(|| {
        (0..hidden)
            .flat_map(|i| (i + 1..hidden).map(move |j| (i, j)))
            .find(|&(i, j)| !h2.get(i, j).is_zero())
            .map(|(i, j)| unit(&[(i, 1), (j, 1)]))
    });
    if let Some(v) = v {
        let c = dot(&v, &h2.mul_vec(&v));
        let (coefficients, predicted) = if c.signum() > 0 {
            ([half.clone(), half, Q::one()], c.neg().mul(&Q::new(1, 2)))
        } else {
            ([Q::one(), Q::int(-1), Q::zero()], c.mul(&Q::int(2)))
        };
        return Some(GlobalDirection { lemma: GlobalLemma::HiddenBlock, v, value: c, coefficients, predicted });
    }
    let (a, b) = out_w.flat_map(|a| (0..hidden).map(move |b| (a, b))).find(|&(a, b)| !h2.get(a, b).is_zero())?;
    let v = unit(&[(a, 1), (b, -(h2.get(a, b).signum() as i64))]);
    let value = dot(&v, &h2.mul_vec(&v));
    let predicted = value.mul(&Q::int(2));
    Some(GlobalDirection {
        lemma: GlobalLemma::CrossBlock,
        v,
        value,
        coefficients: [Q::one(), Q::int(-1), Q::zero()],
        predicted,
    })
}

/// u = Σ_c a_c lift_c(v): the narrow vector `v` written into each copy c of T_global with
/// coefficient `coefficients[c]` (hidden-layer rows/columns c·m_l … c·m_l + m_l − 1; output
/// columns c·m_{L−1} …). The output bias b^\[L\] is not copied.
///
/// # Panics
/// If `v` does not have the narrow length M or has a nonzero b^\[L\] entry (internal invariants:
/// the lemmas' directions never touch b^\[L\]).
pub fn lift_to_global(shape: &Shape, v: &[Q], coefficients: &[Q; 3]) -> Vec<Q> {
    assert_eq!(v.len(), shape.num_params(), "narrow direction of the wrong length");
    let w = shape.widths();
    let depth = shape.depth();
    let wide_widths: Vec<usize> =
        w.iter().enumerate().map(|(l, &m)| if l > 0 && l < depth { 3 * m } else { m }).collect();
    let wide = Shape::with_biases(&wide_widths).expect("widths ≥ 1");
    let mut u = vec![Q::zero(); wide.num_params()];
    let hidden = |l: usize| l > 0 && l < depth;
    let at = |l: usize, k: usize, c: usize| if hidden(l) { global_copy(w[l], c, k) } else { k };
    for l in 1..=depth {
        for i in 0..w[l] {
            for j in 0..w[l - 1] {
                let x = &v[shape.weight_index(l, i, j)];
                for (c, a) in coefficients.iter().enumerate() {
                    u[wide.weight_index(l, at(l, i, c), at(l - 1, j, c))].add_assign(&a.mul(x));
                }
            }
            if let Some(src) = shape.bias_index(l, i) {
                assert!(l < depth || v[src].is_zero(), "the lemmas' directions do not touch b^[L]");
                if l < depth {
                    for (c, a) in coefficients.iter().enumerate() {
                        let dst = wide.bias_index(l, at(l, i, c)).expect("every layer has a bias");
                        u[dst].add_assign(&a.mul(&v[src]));
                    }
                }
            }
        }
    }
    u
}

/// The T_global certificate of \[P2\] Thm 6.3 at a critical point: the wide network, the direction
/// u and uᵀH_wide u computed on the wide network (forward over forward, independent of the
/// prediction).
#[derive(Clone, Debug, PartialEq)]
pub struct GlobalCertificate {
    /// The narrow direction, coefficients and prediction.
    pub direction: GlobalDirection,
    /// T_global(θ_c) with σ.
    pub wide: Network<Q>,
    /// u in the wide parameter space (contract order).
    pub u: Vec<Q>,
    /// uᵀH_wide u, computed.
    pub curvature: Q,
    /// The loss ℓ it was computed for.
    pub loss: ExactLoss,
}

impl GlobalCertificate {
    /// Whether the computed uᵀH_wide u equals the lemma's prediction and is negative.
    pub fn holds(&self) -> bool {
        self.curvature == self.direction.predicted && self.curvature.signum() < 0
    }

    /// The Hessian certificate (strict saddle of the wide network; [`verify`](crate::hessian::certificate::verify)
    /// re-checks criticality and uᵀHu through the simple path).
    pub fn certificate(&self, data: &Dataset<Q>) -> Certificate {
        let d = &self.direction;
        Certificate {
            network: self.wide.clone(),
            data: data.clone(),
            loss: self.loss.clone(),
            claim: Claim::StrictSaddle { direction: self.u.clone(), curvature: self.curvature.clone() },
            note: format!(
                "[P2] Thm 6.3 ({}): T_global of a critical point with H^(2) ≠ 0; vᵀH^(2)v = {}, coefficients ({}, {}, {}), predicted uᵀHu = {}",
                d.lemma.name(),
                d.value,
                d.coefficients[0],
                d.coefficients[1],
                d.coefficients[2],
                d.predicted
            ),
        }
    }
}

/// Builds T_global(θ) and u for a given direction (the lemmas' or a deliberately wrong one) and
/// computes uᵀH_wide u for the loss `ell` by forward over forward on the wide network.
///
/// # Errors
/// [`TrulyBadError::Embed`] if T_global is not defined (no hidden layer, a layer without bias),
/// [`TrulyBadError::Eval`] from the wide evaluation (float-only σ, a pole of σ).
pub fn global_certificate_along(
    net: &Network<Q>,
    data: &Dataset<Q>,
    ell: &ExactLoss,
    direction: GlobalDirection,
) -> Result<GlobalCertificate, TrulyBadError> {
    let act = net.activation.exact().map_err(EvalError::FloatOnly)?;
    let shape = Shape::of(&net.params);
    let wide = global_splitting::<Q>(&shape)?.apply(&net.params)?;
    let u = lift_to_global(&shape, &direction.v, &direction.coefficients);
    let curvature = mixed_second_derivative_with(&wide, act, ell, data, &u, &u)?;
    Ok(GlobalCertificate {
        direction,
        wide: Network { activation: net.activation.clone(), params: wide },
        u,
        curvature,
        loss: ell.clone(),
    })
}

/// The T_global certificate of \[P2\] Thm 6.3 at θ (meant for a critical point), or `None` when
/// H^(2)(θ) = 0 (no certificate from this theorem).
///
/// # Errors
/// As [`global_certificate_along`].
pub fn global_certificate(net: &Network<Q>, data: &Dataset<Q>) -> Result<Option<GlobalCertificate>, TrulyBadError> {
    global_certificate_with(net, data, &ExactLoss::Mse)
}

/// [`global_certificate`] for the loss `ell` (H^(2) by [`residual_hessian_with`]).
///
/// # Errors
/// As [`global_certificate_along`].
pub fn global_certificate_with(
    net: &Network<Q>,
    data: &Dataset<Q>,
    ell: &ExactLoss,
) -> Result<Option<GlobalCertificate>, TrulyBadError> {
    let act = net.activation.exact().map_err(EvalError::FloatOnly)?;
    let h2 = residual_hessian_with(&net.params, act, ell, data)?;
    match global_direction(&h2, &Shape::of(&net.params)) {
        Some(d) => global_certificate_along(net, data, ell, d).map(Some),
        None => Ok(None),
    }
}
