//! The balanced rank-one critical points and the self-consistency equation (★)
//! (Ziyin, Li, Meng 2022, Theorem 4 as derived and checked in spec symmetry-linear B.2–B.3).
//!
//! With γ := γ_eff = (γ_u Π_l γ_l)^{1/(D+1)} (spec B.2 item 1) every global minimiser is
//!
//!   U = c_u b r_D,  W_l = c_l b r_l r_{l−1}ᵀ (2 ≤ l ≤ D),  W_1 = c_1 r_1 wᵀ,
//!   w = b^D (k b^{2D} A + γ I)^{−1} m,
//!
//! with unit hidden directions r_l (entries ±1/√d_l when s² > 0), balance factors
//! c = √(γ_eff/γ_layer) (all 1 for equal decays), k = Π(1 + s²/d_l), and b ≥ 0 either 0 or a
//! positive root of (★): b^{2D−2} mᵀ(k b^{2D} A + γ I)^{−2} m = 1.
//!
//! Exactness: the point is built over any exact field (Q for rational b, Q(α) for an algebraic
//! root); the hidden directions and balance factors must then be rational, which needs square
//! widths when s² > 0 (any width works for s² = 0, with r_l = e_1) and rational balance
//! factors; otherwise [`LinearError::Irrational`] says which.

use super::model::{LinearError, LinearModel, Moments};
use crate::algebra::{Poly, RatFn};
use crate::linalg::{dot, solve, Matrix};
use crate::net::{Layer, Params};
use crate::scalar::{Exact, Field, Ring, Q};

/// Which variable the point is written in: b itself, or t = ‖U‖ = c_u·b.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleVariable {
    /// The balance factors c_l, c_u are rational; the variable is b.
    B,
    /// Only the ratios c_l/c_u = √(γ_u/γ_l) and c_u⁻² = γ_u/γ_eff are rational (D odd); the
    /// variable is t = c_u·b = ‖U‖, with b² = κ t².
    UNorm,
}

/// The ingredients of the balanced rank-one point, written in a scale variable t (t = b for
/// equal decays): U = u_coef·t·r_D, W_l = layer_coefs[l−1]·t·r_l r_{l−1}ᵀ (l ≥ 2),
/// W_1 = layer_coefs\[0\]·t^D·r_1 (M(t)⁻¹ m)ᵀ with M(t) = k κ^D t^{2D} A + γ_eff I, b² = κ t².
#[derive(Clone, Debug, PartialEq)]
pub struct Design {
    /// k = Π_l (1 + s²/d_l), the noise factor (a control may set a wrong one on purpose).
    pub k: Q,
    /// γ_eff = (γ_u Π γ_l)^{1/(D+1)}.
    pub gamma_eff: Q,
    /// The variable the point is written in.
    pub variable: ScaleVariable,
    /// Coefficient of t·r_D in U.
    pub u_coef: Q,
    /// Coefficients of the layers (see the type's docs).
    pub layer_coefs: Vec<Q>,
    /// κ = b²/t² (1 when the variable is b).
    pub kappa: Q,
    /// r_1, …, r_D: unit vectors with entries ±1/√d_l (or e_1 when s² = 0 and d_l is not a
    /// perfect square).
    pub directions: Vec<Vec<Q>>,
}

fn sqrt_exact(q: &Q, what: impl Fn() -> String) -> Result<Q, LinearError> {
    q.nth_root_exact(2).ok_or_else(|| LinearError::Irrational(what()))
}

impl Design {
    /// The design of `model` with all-positive signs in the hidden directions.
    ///
    /// # Errors
    /// [`LinearError::Irrational`] if γ_eff, a balance factor or a direction entry is irrational.
    pub fn new(model: &LinearModel) -> Result<Design, LinearError> {
        Design::with_signs(model, &[])
    }
    /// As [`Design::new`], with `negative[l−1][j]` flipping the sign of r_{l,j} (missing entries
    /// are positive); for s² > 0 there are 2^{Σ d_l} such minimisers (spec B.7).
    ///
    /// # Errors
    /// As [`Design::new`].
    pub fn with_signs(model: &LinearModel, negative: &[Vec<bool>]) -> Result<Design, LinearError> {
        let d = model.depth() as u32;
        let prod = model.gammas().iter().fold(model.gamma_u().clone(), |acc, g| acc.mul(g));
        let gamma_eff = prod.nth_root_exact(d + 1).ok_or_else(|| {
            LinearError::Irrational(format!("γ_eff = (γ_u·Πγ_l)^(1/{}) = ({prod})^(1/{}) is irrational", d + 1, d + 1))
        })?;
        let inv = |g: &Q| g.inv().expect("decays are positive");
        let scales: Option<Vec<Q>> = model.gammas().iter().map(|g| gamma_eff.mul(&inv(g)).nth_root_exact(2)).collect();
        let u_scale = gamma_eff.mul(&inv(model.gamma_u())).nth_root_exact(2);
        let (variable, u_coef, layer_coefs, kappa) = match (scales, u_scale) {
            (Some(c), Some(cu)) => (ScaleVariable::B, cu, c, Q::one()),
            _ => {
                let ratios = model
                    .gammas()
                    .iter()
                    .enumerate()
                    .map(|(l, g)| {
                        let r = model.gamma_u().mul(&inv(g));
                        sqrt_exact(&r, || {
                            format!(
                                "the balance factors √(γ_eff/γ_l) are irrational and γ_u/γ_{} = {r} is not a square",
                                l + 1
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if d.is_multiple_of(2) {
                    return Err(LinearError::Irrational(
                        "the balance factors √(γ_eff/γ_l) are irrational (and D is even)".to_string(),
                    ));
                }
                let kappa = model.gamma_u().mul(&inv(&gamma_eff));
                let mut coefs = ratios;
                coefs[0] = coefs[0].mul(&kappa.pow((d as i32 - 1) / 2));
                (ScaleVariable::UNorm, Q::one(), coefs, kappa)
            }
        };
        let mut directions = Vec::new();
        for (l, &dl) in model.widths()[1..].iter().enumerate() {
            let flip = |j: usize| negative.get(l).and_then(|v| v.get(j)).copied().unwrap_or(false);
            let r = match Q::int(dl as i64).nth_root_exact(2) {
                Some(root) => {
                    let e = root.inv().expect("width is positive");
                    (0..dl).map(|j| if flip(j) { e.neg() } else { e.clone() }).collect()
                }
                None if model.s2().is_zero() => (0..dl)
                    .map(|j| {
                        if j > 0 {
                            Q::zero()
                        } else if flip(0) {
                            Q::int(-1)
                        } else {
                            Q::one()
                        }
                    })
                    .collect(),
                None => {
                    return Err(LinearError::Irrational(format!(
                        "s² > 0 needs hidden directions with entries ±1/√d_{}, and d_{} = {dl} is not a perfect square",
                        l + 1,
                        l + 1
                    )))
                }
            };
            directions.push(r);
        }
        Ok(Design { k: model.noise_factor(), gamma_eff, variable, u_coef, layer_coefs, kappa, directions })
    }

    /// M(t) = k κ^D t^{2D} A + γ_eff I over any field, given t^{2D}.
    fn resolvent_matrix<S: Field>(&self, moments: &Moments, t2d: &S) -> Matrix<S> {
        let n = moments.dim();
        let kappa_d = self.kappa.pow(self.directions.len() as i32);
        let kb = S::from_q(&self.k.mul(&kappa_d)).mul(t2d);
        let mut m = moments.a.map(|x| kb.mul(&S::from_q(x)));
        for i in 0..n {
            let v = m.get(i, i).add(&S::from_q(&self.gamma_eff));
            m.set(i, i, v);
        }
        m
    }

    /// The balanced rank-one point at scale t (spec B.3; t = b for equal decays), over any
    /// exact field.
    ///
    /// # Panics
    /// If the moments do not match the model's d_0 or M(t) is singular (it is positive definite
    /// for real t because A is positive semidefinite and γ_eff > 0).
    pub fn point<S: Exact>(&self, moments: &Moments, t: &S) -> Params<S> {
        let dd = self.directions.len();
        let td = (0..dd).fold(S::one(), |acc, _| acc.mul(t));
        let t2d = td.mul(&td);
        let m: Vec<S> = moments.m.iter().map(S::from_q).collect();
        let x = solve(&self.resolvent_matrix(moments, &t2d), &m).expect("k b^{2D} A + γ I is invertible");
        let outer = |r: &[Q], c: &[S], scale: &S| {
            let rows = r.iter().map(|ri| c.iter().map(|cj| S::from_q(ri).mul(cj).mul(scale)).collect()).collect();
            Matrix::from_rows(rows, c.len())
        };
        let w1_scale = S::from_q(&self.layer_coefs[0]).mul(&td);
        let mut layers = vec![Layer { weight: outer(&self.directions[0], &x, &w1_scale), bias: None }];
        for l in 1..dd {
            let prev: Vec<S> = self.directions[l - 1].iter().map(S::from_q).collect();
            let scale = S::from_q(&self.layer_coefs[l]).mul(t);
            layers.push(Layer { weight: outer(&self.directions[l], &prev, &scale), bias: None });
        }
        let u_scale = S::from_q(&self.u_coef).mul(t);
        let u: Vec<S> = self.directions[dd - 1].iter().map(|r| S::from_q(r).mul(&u_scale)).collect();
        layers.push(Layer { weight: Matrix::from_rows(vec![u.clone()], u.len()), bias: None });
        Params::new(layers).expect("shapes chain by construction")
    }

    /// The self-consistency polynomial in t: the numerator of
    /// κ^{D−1} t^{2D−2} ‖M(t)⁻¹ m‖² − 1 (that is, b^{2D−2} ‖M⁻¹m‖² − 1, (★)) computed in Q(t).
    /// Its positive roots are exactly the positive solutions of (★), because the denominator
    /// divides det M(t)² > 0 on the reals.
    pub fn star(&self, moments: &Moments) -> Poly {
        let dd = self.directions.len();
        let t = RatFn::x();
        let tpow = |k: usize| (0..k).fold(RatFn::one(), |acc, _| acc.mul(&t));
        let m: Vec<RatFn> = moments.m.iter().map(RatFn::from_q).collect();
        let x = solve(&self.resolvent_matrix(moments, &tpow(2 * dd)), &m).expect("M(t) is invertible over Q(t)");
        let coef = RatFn::from_q(&self.kappa.pow(dd as i32 - 1));
        let f = coef.mul(&tpow(2 * dd - 2)).mul(&dot(&x, &x)).sub(&RatFn::one());
        f.numer().clear_denominators()
    }
}
