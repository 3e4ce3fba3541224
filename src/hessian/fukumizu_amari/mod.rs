//! The Fukumizu–Amari criterion: for a scalar-output two-layer net, which splittings of a hidden
//! neuron turn a critical point into a strict saddle (width-depth spec §2.5, "Corollary
//! (Fukumizu–Amari criterion, scalar output two-layer net)", derived from Theorem S; consistent
//! with \[FA-abs\]).
//!
//! Notation: θ* a critical point of NN(m_0, m_1, 1) with ½-MSE, s a hidden neuron with outgoing
//! weight v* ≠ 0 and incoming weights and bias (w*, b*), x̃ = (x; 1), r_i = f(x_i) − y_i = ∂ℓ/∂f
//! (the residual, *this* sign; for another C² loss ℓ, r_i = ∂ℓ/∂f at (f(x_i), y_i), and H_narr
//! carries ℓ'' — the derivation below uses ℓ only through these), and
//!
//!   A = (1/n) Σ_i r_i v* σ''(w*·x_i + b*) x̃_i x̃_iᵀ   ((m_0+1)-square).
//!
//! For the scalar-output net U = {0}, so Theorem S's K_α is α(1−α)A and, at θ' = T^α_{1,s}θ*,
//! - α ∉ {0, 1}: inertia(H_wide) = inertia(H_narr) + (0, 0, 1) + inertia(α(1−α)A), so
//!   n₋ = n₋(H_narr) + n₋(α(1−α)A) and n₀ = n₀(H_narr) + 1 + n₀(A);
//! - α ∈ {0, 1}: inertia(H_wide) = inertia(H_narr) + (0, 0, m_0 + 2).
//!
//! Since α(1−α) > 0 exactly on (0, 1) and < 0 exactly off \[0, 1\], the sign structure of A decides
//! where the split point is a strict saddle (\[P2\] Def. 6.1): on (0, 1) iff A has a negative
//! eigenvalue, off \[0, 1\] iff A has a positive one (at a θ* that is not already a strict saddle).
//! So for a nondegenerate minimum: A ≻ 0 → saddles exactly off \[0, 1\] (with n₋ = m_0 + 1), A ≺ 0
//! → exactly on (0, 1), A indefinite → every α ∉ {0, 1}.
//!
//! Certificate direction (derived here, a hand computation): with copies a = s (outgoing
//! (1−α)v*) and b = the new neuron (outgoing αv*), move their incoming vectors by αζ and −(1−α)ζ.
//! Along t ↦ θ' + tu the output's first derivative is (1−α)α v*σ'(p)x̃ᵀζ − α(1−α)v*σ'(p)x̃ᵀζ = 0
//! and its second is α(1−α)v*σ''(p)(x̃ᵀζ)², so **uᵀH_wide u = α(1−α) ζᵀAζ at every θ**. A rational
//! ζ with ζᵀ(α(1−α)A)ζ < 0 gives the certificate.
//!
//! The catalogue check `hessian.fukumizu_amari` and its controls are in
//! [`crate::hessian::theorems::fukumizu_amari`].

mod instance;

pub use instance::{strict_minimum, Instance};

use super::certificate::{Certificate, Claim};
use super::theorem_s::splitting_blocks_with;
use super::{hessian_exact_with, negative_direction};
use crate::data::Dataset;
use crate::embed::{Shape, Split};
use crate::linalg::{inertia, inertia_certified, Inertia, Matrix};
use crate::loss::ExactLoss;
use crate::net::{evaluate_with, EvalError, Network, Site};
use crate::scalar::{Ring, Q};
use std::fmt;

/// Why the criterion does not apply to a network, data set and neuron.
#[derive(Clone, Debug, PartialEq)]
pub enum FaError {
    /// σ is float only (tanh, sigmoid, softplus): no exact Hessian.
    NotExact(String),
    /// The net does not have exactly two layers (L = `layers`).
    NotTwoLayer {
        /// L.
        layers: usize,
    },
    /// The output is not scalar (m_2 = `outputs`).
    NotScalarOutput {
        /// m_2.
        outputs: usize,
    },
    /// Neuron `neuron` (1-based) is not in 1 … `width`.
    NeuronOutOfRange {
        /// The neuron asked for (1-based).
        neuron: usize,
        /// m_1.
        width: usize,
    },
    /// v* = W^\[2\]_{1,s} = 0: the splitting line is not a line (spec §2.5, hypothesis v* ≠ 0).
    ZeroOutgoing {
        /// s, 1-based.
        neuron: usize,
    },
    /// The network cannot be evaluated exactly on the data.
    Eval(EvalError),
    /// A pre-activation sits on a kink of σ: the Hessian does not exist there.
    Kink(Site),
    /// ∇R ≠ 0: the criterion is about critical points.
    NotCritical {
        /// Flat coordinate (1-based, contract order).
        coordinate: usize,
        /// ∂R/∂θ there.
        value: Q,
    },
    /// Hidden layer 1 has no bias (the stated A uses x̃ = (x; 1)).
    NoBias,
    /// Output `output` of sample `sample` (both 1-based) is on a break of a piecewise loss: ℓ''
    /// jumps there, so the Hessian does not exist.
    LossBreak {
        /// The sample, 1-based.
        sample: usize,
        /// The output, 1-based.
        output: usize,
    },
}

impl fmt::Display for FaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaError::NotExact(a) => write!(f, "activation {a} is float only; the criterion is checked exactly"),
            FaError::NotTwoLayer { layers } => {
                write!(f, "the criterion is for two-layer nets (L = 2); this net has L = {layers} layers")
            }
            FaError::NotScalarOutput { outputs } => {
                write!(f, "the criterion is for scalar output (m_2 = 1); this net has {outputs} outputs")
            }
            FaError::NeuronOutOfRange { neuron, width } => {
                write!(f, "hidden layer 1, neuron {neuron}: out of range 1..={width}")
            }
            FaError::ZeroOutgoing { neuron } => {
                write!(
                    f,
                    "neuron {neuron} has outgoing weight v* = W^[2]_{{1,{neuron}}} = 0 (the criterion needs v* ≠ 0)"
                )
            }
            FaError::Eval(e) => write!(f, "{e}"),
            FaError::Kink(site) => write!(f, "the pre-activation of {site} is on a kink of σ: no Hessian there"),
            FaError::NotCritical { coordinate, value } => {
                write!(f, "not a critical point: ∂R/∂θ_{coordinate} = {value} (the criterion needs ∇R = 0)")
            }
            FaError::NoBias => write!(f, "hidden layer 1 has no bias"),
            FaError::LossBreak { sample, output } => {
                write!(f, "output {output} of sample {sample} is on a break of the loss: no Hessian there")
            }
        }
    }
}

impl std::error::Error for FaError {}

/// The sign structure of A (spec §2.5, the cases of the corollary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignStructure {
    /// A ≻ 0.
    PositiveDefinite,
    /// A ≺ 0.
    NegativeDefinite,
    /// A ⪰ 0, singular, A ≠ 0.
    PositiveSemidefinite,
    /// A ⪯ 0, singular, A ≠ 0.
    NegativeSemidefinite,
    /// Eigenvalues of both signs (possibly also zero).
    Indefinite,
    /// A = 0: the criterion predicts nothing beyond Theorem S's zero block.
    Zero,
}

impl SignStructure {
    /// The structure of a symmetric matrix with inertia `a`.
    pub fn of(a: Inertia) -> SignStructure {
        match (a.positive > 0, a.negative > 0, a.zero > 0) {
            (false, false, _) => SignStructure::Zero,
            (true, false, false) => SignStructure::PositiveDefinite,
            (true, false, true) => SignStructure::PositiveSemidefinite,
            (false, true, false) => SignStructure::NegativeDefinite,
            (false, true, true) => SignStructure::NegativeSemidefinite,
            (true, true, _) => SignStructure::Indefinite,
        }
    }
}

impl fmt::Display for SignStructure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignStructure::PositiveDefinite => "positive definite (A ≻ 0)",
            SignStructure::NegativeDefinite => "negative definite (A ≺ 0)",
            SignStructure::PositiveSemidefinite => "positive semidefinite and singular (A ⪰ 0, A ≠ 0)",
            SignStructure::NegativeSemidefinite => "negative semidefinite and singular (A ⪯ 0, A ≠ 0)",
            SignStructure::Indefinite => "indefinite",
            SignStructure::Zero => "zero (A = 0)",
        })
    }
}

/// The set of α at which T^α_{1,s}θ* is a strict saddle, as a union of the three pieces on which
/// α(1−α) has one sign: (0, 1), the complement of \[0, 1\], and {0, 1}.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaddleSet {
    /// Every α ∈ (0, 1) (α(1−α) > 0).
    pub inside: bool,
    /// Every α < 0 or α > 1 (α(1−α) < 0).
    pub outside: bool,
    /// α ∈ {0, 1} (α(1−α) = 0).
    pub endpoints: bool,
}

impl SaddleSet {
    /// The prediction of the criterion (module docs) from the inertias of H_narr(θ*) and of A:
    /// inside iff n₋(H_narr) + n₋(A) > 0, outside iff n₋(H_narr) + n₊(A) > 0, endpoints iff
    /// n₋(H_narr) > 0.
    pub fn predict(narrow: Inertia, a: Inertia) -> SaddleSet {
        let already = narrow.negative > 0;
        SaddleSet { inside: already || a.negative > 0, outside: already || a.positive > 0, endpoints: already }
    }

    /// Whether α belongs to the set.
    pub fn contains(&self, alpha: &Q) -> bool {
        match alpha_product(alpha).signum() {
            1 => self.inside,
            -1 => self.outside,
            _ => self.endpoints,
        }
    }

    /// The set as open intervals and points, e.g. `["(-inf, 0)", "(1, inf)"]`; empty for ∅.
    pub fn pieces(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.outside {
            out.push("(-inf, 0)");
        }
        if self.endpoints {
            out.push("{0}");
        }
        if self.inside {
            out.push("(0, 1)");
        }
        if self.endpoints {
            out.push("{1}");
        }
        if self.outside {
            out.push("(1, inf)");
        }
        out
    }
}

/// α(1−α), the only way α enters (Fukumizu–Amari's λ = 1−α gives the same product).
pub fn alpha_product(alpha: &Q) -> Q {
    alpha.mul(&Q::one().sub(alpha))
}

/// The predicted inertia of H_wide(T^α_{1,s}θ*) from the inertias of H_narr(θ*) and A (module
/// docs; spec §2.5 Theorem S with K_α = α(1−α)A, and its α ∈ {0, 1} case).
pub fn predicted_inertia(narrow: Inertia, a: Inertia, m0: usize, alpha: &Q) -> Inertia {
    let block = match alpha_product(alpha).signum() {
        1 => Inertia::new(a.positive, a.negative, a.zero + 1),
        -1 => Inertia::new(a.negative, a.positive, a.zero + 1),
        _ => Inertia::new(0, 0, m0 + 2),
    };
    narrow.plus(&block)
}

/// What the criterion needs about one (network, data, neuron): A, its inertia, the inertia of
/// H_narr(θ*) and the predicted saddle set.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// σ and θ*.
    pub net: Network<Q>,
    /// The training set.
    pub data: Dataset<Q>,
    /// The split neuron s (0-based).
    pub neuron: usize,
    /// The loss ℓ (½-MSE for [`Analysis::new`]).
    pub loss: ExactLoss,
    /// A (coordinates (w_1, …, w_{m_0}, b) of neuron s).
    pub a: Matrix<Q>,
    /// inertia(A).
    pub a_inertia: Inertia,
    /// inertia(H_narr(θ*)).
    pub narrow_inertia: Inertia,
}

impl Analysis {
    /// Checks the hypotheses (two layers, scalar output, exact σ, s in range, v* ≠ 0, no kink,
    /// ∇R = 0 exactly) and computes A and the two inertias.
    ///
    /// # Errors
    /// [`FaError`] naming the first hypothesis that fails.
    pub fn new(net: &Network<Q>, data: &Dataset<Q>, neuron: usize) -> Result<Analysis, FaError> {
        Analysis::new_with(net, data, &ExactLoss::Mse, neuron)
    }

    /// [`Analysis::new`] for the loss `ell` (A with ∂ℓ/∂f in place of the residual, H_narr with
    /// ℓ''; module docs), with the extra hypothesis that no output is on a break of `ell`.
    ///
    /// # Errors
    /// [`FaError`] naming the first hypothesis that fails.
    pub fn new_with(net: &Network<Q>, data: &Dataset<Q>, ell: &ExactLoss, neuron: usize) -> Result<Analysis, FaError> {
        let act = net.activation.exact().map_err(|e| FaError::NotExact(e.to_string()))?;
        let p = &net.params;
        if p.depth() != 2 {
            return Err(FaError::NotTwoLayer { layers: p.depth() });
        }
        let w = p.widths();
        if w[2] != 1 {
            return Err(FaError::NotScalarOutput { outputs: w[2] });
        }
        if neuron >= w[1] {
            return Err(FaError::NeuronOutOfRange { neuron: neuron + 1, width: w[1] });
        }
        if p.layer(2).weight.get(0, neuron).is_zero() {
            return Err(FaError::ZeroOutgoing { neuron: neuron + 1 });
        }
        p.layer(1).bias.as_ref().ok_or(FaError::NoBias)?;
        let e = evaluate_with(p, act, ell, data).map_err(FaError::Eval)?;
        if let Some(site) = e.kinks.first() {
            return Err(FaError::Kink(*site));
        }
        if let Some(&(sample, output)) = e.loss_breaks.first() {
            return Err(FaError::LossBreak { sample, output });
        }
        if let Some((k, v)) = e.gradient.flatten().into_iter().enumerate().find(|(_, v)| !v.is_zero()) {
            return Err(FaError::NotCritical { coordinate: k + 1, value: v });
        }
        let (a, _) = splitting_blocks_with(p, act, ell, data, 1, neuron).ok_or(FaError::NoBias)?;
        let h = hessian_exact_with(p, act, ell, data).map_err(FaError::Eval)?;
        Ok(Analysis {
            net: net.clone(),
            data: data.clone(),
            neuron,
            loss: ell.clone(),
            a_inertia: inertia(&a),
            a,
            narrow_inertia: inertia_certified(&h).0,
        })
    }

    /// m_0, the input dimension.
    pub fn m0(&self) -> usize {
        self.net.params.widths()[0]
    }

    /// The sign structure of A.
    pub fn sign_structure(&self) -> SignStructure {
        SignStructure::of(self.a_inertia)
    }

    /// The α at which the split point is a strict saddle.
    pub fn saddle_set(&self) -> SaddleSet {
        SaddleSet::predict(self.narrow_inertia, self.a_inertia)
    }

    /// The predicted inertia of H_wide at T^α_{1,s}θ*.
    pub fn predicted_inertia(&self, alpha: &Q) -> Inertia {
        predicted_inertia(self.narrow_inertia, self.a_inertia, self.m0(), alpha)
    }

    /// T^α_{1,s}θ* (the wide parameters).
    pub fn wide(&self, alpha: &Q) -> Network<Q> {
        let split = Split::new(&Shape::of(&self.net.params), 1, self.neuron, alpha.clone()).expect("s checked");
        Network { activation: self.net.activation.clone(), params: split.apply(&self.net.params).expect("shape") }
    }

    /// A rational u with uᵀH_wide u < 0 at T^α_{1,s}θ* and the exact value uᵀH_wide u, or `None`
    /// when α is outside the saddle set. Uses `a` in place of A (controls pass a wrong A).
    ///
    /// From the ζ-direction of the module docs when ζᵀ(α(1−α)a)ζ < 0 for some basis-or-pair ζ
    /// ([`negative_direction`]); otherwise, when θ* is itself a strict saddle, from the image
    /// under T^α of a narrow negative direction (pull-back identity (T^α)ᵀH_wide T^α = H_narr,
    /// spec §2.1 item 6).
    pub fn direction_with(&self, a: &Matrix<Q>, alpha: &Q) -> Option<(Vec<Q>, Q)> {
        let c = alpha_product(alpha);
        let (p, s) = (&self.net.params, self.neuron);
        if let Some((zeta, value)) = negative_direction(&a.map(|x| x.mul(&c))) {
            return Some((zeta_direction(p, s, alpha, &zeta), value));
        }
        if self.narrow_inertia.negative == 0 {
            return None;
        }
        let act = self.net.activation.exact().expect("checked in new");
        let (un, value) = negative_direction(&hessian_exact_with(p, act, &self.loss, &self.data).ok()?)?;
        let shape = Shape::of(p);
        let split = Split::new(&shape, 1, s, alpha.clone()).expect("s checked");
        Some((split.apply(&shape.params(&un)).expect("shape").flatten(), value))
    }

    /// A strict-saddle certificate (`embedcheck.hessian-certificate/1`) for T^α_{1,s}θ*, or `None`
    /// when α is outside the saddle set.
    pub fn certificate(&self, alpha: &Q) -> Option<Certificate> {
        let (direction, curvature) = self.direction_with(&self.a, alpha)?;
        let note = format!(
            "Fukumizu–Amari: split of hidden neuron {} with α = {alpha}; A is {}; predicted inertia {}",
            self.neuron + 1,
            self.sign_structure(),
            self.predicted_inertia(alpha)
        );
        Some(Certificate {
            network: self.wide(alpha),
            data: self.data.clone(),
            loss: self.loss.clone(),
            claim: Claim::StrictSaddle { direction, curvature },
            note,
        })
    }
}

/// The wide direction u of the module docs: αζ on neuron s's incoming weights and bias,
/// −(1−α)ζ on the new (last) neuron's, 0 elsewhere (ζ = (w-part; b-part), length m_0 + 1).
pub fn zeta_direction(narrow: &crate::net::Params<Q>, s: usize, alpha: &Q, zeta: &[Q]) -> Vec<Q> {
    let wide = Shape::of(narrow).widened(1);
    let (m0, new) = (narrow.widths()[0], narrow.widths()[1]);
    let mut u = vec![Q::zero(); wide.num_params()];
    let minus = Q::one().sub(alpha).neg();
    for j in 0..m0 {
        u[wide.weight_index(1, s, j)] = alpha.mul(&zeta[j]);
        u[wide.weight_index(1, new, j)] = minus.mul(&zeta[j]);
    }
    u[wide.bias_index(1, s).expect("bias")] = alpha.mul(&zeta[m0]);
    u[wide.bias_index(1, new).expect("bias")] = minus.mul(&zeta[m0]);
    u
}
