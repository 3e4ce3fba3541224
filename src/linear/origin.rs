//! The origin θ = 0: its Hessian inertia and, in the isotropic case, the thresholds γ_c and γ_e
//! (spec symmetry-linear B.4; Ziyin, Li, Meng 2022, the "origin is a bad minimum" result).
//!
//! - D = 1: per hidden unit a 2×2 block [[2γ_u, −2μ], [−2μ, 2γ_w]] and d_1(d_0 − 1) further
//!   eigenvalues 2γ_w, so the inertia is (d_1 d_0, d_1, 0) if μ² > γ_uγ_w, (d_1 d_0, 0, d_1) if
//!   μ² = γ_uγ_w, (d_1(d_0 + 1), 0, 0) if μ² < γ_uγ_w (μ = ‖E\[xy\]‖; s² does not enter).
//! - D ≥ 2: ∇²L(0) = 2 diag(γ_u I, γ_1 I, …, γ_D I), positive definite: a strict local minimum.
//! - Isotropic A = aI, D ≥ 2: the global minimum is nonzero iff γ < γ_c, and nonzero critical
//!   points exist iff γ ≤ γ_e, with
//!   γ_c = (1/D) μ^{2D/(D+1)} ((D−1)/(D k a))^{(D−1)/(D+1)} and
//!   γ_e = ((D+1)/(2D)) μ β_e^{D−1}, β_e^{D+1} = (D−1)μ/(2Dka); for D = 1 both equal μ.
//!   Both are positive (D+1)-th roots of rationals (μ² is rational): γ_c^{D+1} and γ_e^{D+1}
//!   are computed exactly, and γ is compared with them through γ^{D+1}.

use super::derivatives::hessian;
use super::model::{LinearModel, Moments};
use crate::algebra::{positive_roots, Poly, RealRoot};
use crate::linalg::{inertia, Inertia};
use crate::scalar::{Field, Ring, Q};
use std::cmp::Ordering;

/// The inertia of ∇²L(0), computed exactly from the Hessian.
pub fn origin_inertia(model: &LinearModel, moments: &Moments) -> Inertia {
    inertia(&hessian(model, moments, &model.zero_params::<Q>()))
}

/// The inertia of ∇²L(0) predicted by spec B.4 (the three D = 1 cases; D ≥ 2 positive definite).
pub fn predicted_origin_inertia(model: &LinearModel, moments: &Moments) -> Inertia {
    let n = model.num_params();
    if model.depth() >= 2 {
        return Inertia::new(n, 0, 0);
    }
    let (d0, d1) = (model.widths()[0], model.widths()[1]);
    match moments.mu2().cmp(&model.gamma_u().mul(&model.gammas()[0])) {
        Ordering::Greater => Inertia::new(d1 * d0, d1, 0),
        Ordering::Equal => Inertia::new(d1 * d0, 0, d1),
        Ordering::Less => Inertia::new(d1 * (d0 + 1), 0, 0),
    }
}

/// Where γ lies relative to the thresholds (isotropic case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// γ < γ_c: the global minimum is nonzero (for D ≥ 2 the origin is then a bad minimum).
    NonzeroGlobal,
    /// γ = γ_c (D ≥ 2): b = 0 and b = β are both global minima (first-order transition).
    Tie,
    /// γ_c < γ ≤ γ_e (D ≥ 2): nonzero critical points exist but are only local (metastable).
    Metastable,
    /// γ > γ_e, or γ ≥ μ for D = 1: the origin is the unique global minimum, no nonzero critical
    /// points.
    OriginOnly,
}

/// The thresholds γ_c and γ_e of an isotropic problem, exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct Thresholds {
    /// D + 1: the thresholds are positive (D+1)-th roots.
    pub power: u32,
    /// γ_c^{D+1} (rational).
    pub gamma_c_pow: Q,
    /// γ_e^{D+1} (rational).
    pub gamma_e_pow: Q,
}

impl Thresholds {
    /// γ_c and γ_e for depth D, noise factor k, A = aI and μ² = ‖E\[xy\]‖².
    ///
    /// # Panics
    /// If D = 0 or k·a ≤ 0.
    pub fn new(depth: usize, k: &Q, a: &Q, mu2: &Q) -> Thresholds {
        assert!(depth >= 1 && k.mul(a).signum() > 0, "thresholds need D ≥ 1 and k a > 0");
        let d = depth as i64;
        let di = depth as i32;
        let ka = k.mul(a);
        let ratio = Q::int(d - 1).mul(&Q::int(d).mul(&ka).inv().expect("k a > 0"));
        let mu2d = mu2.pow(di);
        let gamma_c_pow = Q::new(1, d).pow(di + 1).mul(&mu2d).mul(&ratio.pow(di - 1));
        let half = ratio.mul(&Q::new(1, 2));
        let gamma_e_pow = Q::new(d + 1, 2 * d).pow(di + 1).mul(&mu2d).mul(&half.pow(di - 1));
        Thresholds { power: depth as u32 + 1, gamma_c_pow, gamma_e_pow }
    }
    /// γ_c as an exact real number (rational when γ_c^{D+1} is a perfect power).
    pub fn gamma_c(&self) -> RealRoot {
        self.root(&self.gamma_c_pow)
    }
    /// γ_e as an exact real number.
    pub fn gamma_e(&self) -> RealRoot {
        self.root(&self.gamma_e_pow)
    }
    fn root(&self, pow: &Q) -> RealRoot {
        if let Some(r) = pow.nth_root_exact(self.power) {
            return RealRoot::Rational(r);
        }
        let p = Poly::monomial(Q::one(), self.power as usize).sub(&Poly::constant(pow.clone()));
        positive_roots(&p).pop().expect("b^{D+1} − c with c > 0 has one positive root")
    }
    /// The phase of a decay γ > 0 (exact: compares γ^{D+1} with γ_c^{D+1} and γ_e^{D+1}).
    pub fn phase(&self, gamma: &Q) -> Phase {
        let g = gamma.pow(self.power as i32);
        match (g.cmp(&self.gamma_c_pow), g.cmp(&self.gamma_e_pow)) {
            (Ordering::Less, _) => Phase::NonzeroGlobal,
            (Ordering::Equal, _) if self.power > 2 => Phase::Tie,
            (Ordering::Equal, _) => Phase::OriginOnly,
            (Ordering::Greater, Ordering::Greater) => Phase::OriginOnly,
            (Ordering::Greater, _) => Phase::Metastable,
        }
    }
}
