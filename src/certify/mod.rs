//! Certifying a trained network: from float weights to a proved nearby critical point, its
//! inertia and its narrow origin (contract, "Certifying a trained network"; `proofs/certify.md`).
//!
//! 1. [`fn@reduce`]: merge duplicated neurons and drop null neurons, recording the embedding steps.
//! 2. Refine: Newton's method on ∇R_S = 0 for the reduced network (exact gradient and Hessian,
//!    the step solved in f64 through the symmetric eigen-decomposition, iterates kept as doubles).
//! 3. Prove: Krawczyk's test ([`krawczyk()`]) on boxes around the refined point, in exact
//!    rational interval arithmetic: a unique exact critical point lies within `radius`.
//! 4. Inertia at that unknown point: every Hessian in the box is within δ = ‖rad‖_F of H(θ̃)
//!    (entrywise bound, Frobenius norm ≥ spectral norm), so by Weyl's inequality
//!    n₊ ≥ n₊(H(θ̃) − δI) and n₋ ≥ n₋(H(θ̃) + δI); when these add up to M the inertia is decided,
//!    both counts by the certified exact inertia.
//! 5. Back to the input's width: the embedding of the reduced critical point is an exact
//!    critical point of the wide network (\[P1\] Thm 1, \[P2\] Thm 4.1); `distance` bounds how far the
//!    input is from it.
//!
//! The loss ℓ is any exact loss ([`Options::loss`]; ½-MSE by default): steps 1 and 5 do not
//! depend on it (\[P1\]'s embeddings preserve criticality for every C¹ loss), steps 2–4 use its
//! gradient and Hessian.

mod krawczyk;
mod reduce;
mod verify;

pub use krawczyk::{krawczyk, Krawczyk};
pub use reduce::{reduce, Reduction};
pub use verify::{verify_certificate, CertificateError, CERTIFICATE_FORMAT};

use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::hessian::hessian_exact_with;
use crate::linalg::{inertia_certified_within, symmetric_eigen, Inertia, Matrix};
use crate::loss::ExactLoss;
use crate::net::{evaluate_with, EvalError, Params};
use crate::scalar::{f64_nearest, q_from_f64, Field, Q};

/// The result of [`certify`].
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The reduction (reduced network, steps, order, tolerances).
    pub reduction: Reduction,
    /// The refined reduced point θ̃ (doubles, exact).
    pub refined: Params<Q>,
    /// Newton iterations taken.
    pub newton_steps: usize,
    /// ‖∇R_S‖_∞ of the reduced net before and after refinement (approximate, for the report).
    pub gradient_before: f64,
    /// After refinement.
    pub gradient_after: f64,
    /// The proof, or why there is none.
    pub verdict: Verdict,
}

/// Whether an exact critical point was proved to exist near θ̃.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Krawczyk's test holds on the box of ∞-radius `r`.
    Certified {
        /// Half-width of the box (∞-norm).
        r: Q,
        /// An upper bound on the Euclidean distance from θ̃ to the critical point (r·√M).
        radius: f64,
        /// The inertia of the Hessian at the critical point, if decided.
        inertia: Option<Inertia>,
        /// δ: the bound on ‖H(θ*) − H(θ̃)‖₂ used for the inertia.
        delta: f64,
        /// An upper bound on the distance from the input point to the embedded critical point.
        distance: f64,
    },
    /// No certificate: the reason.
    NotCertified(String),
}

/// Options of [`certify`].
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Relative tolerance for duplicates and null neurons.
    pub tolerance: Q,
    /// Largest number of Newton steps.
    pub newton_steps: usize,
    /// The loss ℓ of R_S (½-MSE by default).
    pub loss: ExactLoss,
    /// Multiplies Krawczyk's right-hand side (1 for the proof; a negative control loosens it).
    pub loosen: Q,
    /// Negative control only: drop the residual term |Y F(θ̃)| from Krawczyk's test and start
    /// from the smallest box, as if θ̃ were already critical. Unsound by design; the tests show
    /// that it certifies a box without a critical point.
    pub control_drop_residual: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            tolerance: Q::new(1, 1_000_000),
            newton_steps: 30,
            loss: ExactLoss::Mse,
            loosen: Q::one(),
            control_drop_residual: false,
        }
    }
}

fn to_f64_matrix(h: &Matrix<Q>) -> Matrix<f64> {
    Matrix::from_vec(h.rows(), h.cols(), h.data().iter().map(f64_nearest).collect())
}

/// Y ≈ H⁻¹ from the eigen-decomposition (eigenvalues below 1e-13·max|λ| are treated as
/// singular: `None`).
fn approximate_inverse(h: &Matrix<Q>) -> Option<Matrix<f64>> {
    let e = symmetric_eigen(&to_f64_matrix(h));
    let n = h.rows();
    let max = e.values.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    if max == 0.0 || e.values.iter().any(|v| v.abs() <= 1e-13 * max) {
        return None;
    }
    let mut y = vec![0.0; n * n];
    for k in 0..n {
        let inv = 1.0 / e.values[k];
        for i in 0..n {
            let vik = e.vectors.get(i, k) * inv;
            for j in 0..n {
                y[i * n + j] += vik * e.vectors.get(j, k);
            }
        }
    }
    Some(Matrix::from_vec(n, n, y))
}

fn inf_norm(v: &[Q]) -> f64 {
    v.iter().map(|x| x.abs().to_f64()).fold(0.0, f64::max)
}

fn snap(theta: &Params<Q>) -> Params<Q> {
    theta.map(|v| q_from_f64(f64_nearest(v)).unwrap_or_else(|| v.clone()))
}

/// An upper bound on √x for a nonnegative rational, as an f64.
fn sqrt_up(x: &Q) -> f64 {
    let mut s = f64_nearest(x).sqrt().next_up();
    while q_from_f64(s).is_some_and(|sq| sq.mul(&sq) < *x) {
        s = s.next_up().next_up() * (1.0 + 1e-15);
    }
    s
}

/// A stage of [`certify_observed`], reported as it starts (for progress displays).
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// The reduction is done: Newton starts on the reduced network of these widths.
    Reduced(Vec<usize>),
    /// Newton step `step` was taken; ‖∇R_S‖_∞ is now about `gradient`.
    Newton {
        /// Steps taken so far.
        step: usize,
        /// ‖∇R_S‖_∞ after it (approximate).
        gradient: f64,
    },
    /// Krawczyk's test runs on the box of half-width about `r`.
    Krawczyk {
        /// The half-width, rounded.
        r: f64,
    },
    /// The inertia at the proved critical point is being decided (Weyl).
    Inertia,
}

/// Certifies the network `params` on `data` (module docs).
///
/// # Errors
/// [`EvalError`] when the data do not fit the network or σ has a pole at θ.
pub fn certify(
    params: &Params<Q>,
    act: &ExactActivation,
    data: &Dataset<Q>,
    opts: &Options,
) -> Result<Report, EvalError> {
    certify_observed(params, act, data, opts, &mut |_| {})
}

/// [`certify`], calling `observe` at the start of each [`Stage`].
///
/// # Errors
/// As [`certify`].
pub fn certify_observed(
    params: &Params<Q>,
    act: &ExactActivation,
    data: &Dataset<Q>,
    opts: &Options,
    observe: &mut dyn FnMut(Stage),
) -> Result<Report, EvalError> {
    let reduction = reduce(params, &opts.tolerance);
    observe(Stage::Reduced(reduction.reduced.widths()));
    let ell = &opts.loss;
    let mut theta = snap(&reduction.reduced);
    let g0 = evaluate_with(&theta, act, ell, data)?.gradient.flatten();
    let gradient_before = inf_norm(&g0);
    let mut steps = 0;
    let mut g = g0;
    let mut h = hessian_exact_with(&theta, act, ell, data)?;
    // Damped Newton on F = ∇R_S with the merit ‖F‖₂²: the full step first, halved until the
    // merit decreases (at most 40 halvings), so a far-off quadratic model cannot throw the
    // iterate away; near the solution the full step is taken and convergence is quadratic.
    let merit = |g: &[Q]| g.iter().map(|v| f64_nearest(v).powi(2)).sum::<f64>();
    while steps < opts.newton_steps && g.iter().any(|v| !v.is_zero()) {
        let Some(y) = approximate_inverse(&h) else { break };
        let gf: Vec<f64> = g.iter().map(f64_nearest).collect();
        let n = gf.len();
        let delta: Vec<f64> = (0..n).map(|i| (0..n).map(|j| y.get(i, j) * gf[j]).sum()).collect();
        let current = merit(&g);
        let base: Vec<f64> = theta.flatten().iter().map(f64_nearest).collect();
        let mut t = 1.0;
        let mut accepted = None;
        for _ in 0..40 {
            let flat: Vec<Q> =
                base.iter().zip(&delta).map(|(b, d)| q_from_f64(b - t * d).unwrap_or_else(Q::zero)).collect();
            let candidate = theta.with_flat(&flat);
            let gc = evaluate_with(&candidate, act, ell, data)?.gradient.flatten();
            if merit(&gc) < current {
                accepted = Some((candidate, gc));
                break;
            }
            t *= 0.5;
        }
        let Some((next, gn)) = accepted else { break };
        theta = next;
        g = gn;
        h = hessian_exact_with(&theta, act, ell, data)?;
        steps += 1;
        observe(Stage::Newton { step: steps, gradient: inf_norm(&g) });
    }
    let gradient_after = inf_norm(&g);
    let verdict = prove(&reduction, params, &theta, act, data, &g, &h, opts, observe)?;
    Ok(Report { reduction, refined: theta, newton_steps: steps, gradient_before, gradient_after, verdict })
}

#[allow(clippy::too_many_arguments)]
fn prove(
    reduction: &Reduction,
    input: &Params<Q>,
    theta: &Params<Q>,
    act: &ExactActivation,
    data: &Dataset<Q>,
    g: &[Q],
    h: &Matrix<Q>,
    opts: &Options,
    observe: &mut dyn FnMut(Stage),
) -> Result<Verdict, EvalError> {
    let Some(yf) = approximate_inverse(h) else {
        return Ok(Verdict::NotCertified(
            "the reduced Hessian is singular to working precision: the critical point is not isolated (a continuous symmetry or a degenerate direction remains), so no box holds exactly one"
                .into(),
        ));
    };
    let y = Matrix::from_vec(
        yf.rows(),
        yf.cols(),
        yf.data().iter().map(|v| q_from_f64(*v).unwrap_or_else(Q::zero)).collect(),
    );
    let m = g.len();
    let yg = y.mul_vec(g);
    let base = yg.iter().map(Q::abs).max().unwrap_or_else(Q::zero);
    let base = if base.is_zero() || opts.control_drop_residual { Q::int(2).pow(-60) } else { base };
    let g_used: Vec<Q> = if opts.control_drop_residual { vec![Q::zero(); m] } else { g.to_vec() };
    let mut last = String::new();
    for factor in [2, 8, 64, 1024, 1 << 16] {
        let r = base.mul(&Q::int(factor));
        observe(Stage::Krawczyk { r: r.to_f64() });
        match krawczyk(theta, act, &opts.loss, data, &g_used, &y, &r, &opts.loosen)? {
            Krawczyk::Proved { r, hessian_rad, .. } => {
                observe(Stage::Inertia);
                return Ok(certified(reduction, input, theta, h, &r, &hessian_rad));
            }
            Krawczyk::Fails { row, excess } => {
                last = format!(
                    "Krawczyk's test fails on every box tried (last: half-width {:.3e}, row {} exceeds by {:.3e}); the gradient after refinement is {:.3e}",
                    r.to_f64(),
                    row + 1,
                    excess.to_f64(),
                    inf_norm(g)
                )
            }
            Krawczyk::PatternChanges(site) => {
                last = format!("the activation pattern changes within the box (pre-activation of {site} can be 0)")
            }
            Krawczyk::Pole(site) => last = format!("σ has a pole within the box (pre-activation of {site})"),
            Krawczyk::LossPieceChanges { sample, output } => {
                last = format!(
                    "the loss {} can change pieces within the box (output {output} of sample {sample} can reach a break)",
                    crate::loss::Loss::Exact(opts.loss.clone())
                )
            }
        }
    }
    Ok(Verdict::NotCertified(last))
}

fn certified(
    reduction: &Reduction,
    input: &Params<Q>,
    theta: &Params<Q>,
    h: &Matrix<Q>,
    r: &Q,
    rad: &Matrix<Q>,
) -> Verdict {
    let m = h.rows();
    // H(θ*) and H(θ̃) both lie in the interval Hessian of the box, so they differ entrywise by at
    // most its width 2·Hr; δ ≥ ‖2·Hr‖_F ≥ ‖H(θ*) − H(θ̃)‖₂.
    let mut sq = Q::zero();
    for i in 0..m {
        for j in 0..m {
            let w = rad.get(i, j).mul(&Q::int(2));
            sq = sq.add(&w.mul(&w));
        }
    }
    let delta = sqrt_up(&sq);
    let dq = q_from_f64(delta).expect("finite");
    let shifted = |s: &Q| {
        let mut a = h.clone();
        for i in 0..m {
            let v = a.get(i, i).add(s);
            a.set(i, i, v);
        }
        a
    };
    let budget = 5e10;
    let plus = inertia_certified_within(&shifted(&dq.neg()), budget).ok().map(|r| r.0.positive);
    let minus = inertia_certified_within(&shifted(&dq), budget).ok().map(|r| r.0.negative);
    let inertia = match (plus, minus) {
        (Some(p), Some(n)) if p + n == m => Some(Inertia { positive: p, negative: n, zero: 0 }),
        _ => None,
    };
    let radius = r.to_f64().next_up() * (m as f64).sqrt().next_up() * (1.0 + 1e-15);
    // Distance from the input to the embedded critical point: ‖P θ_in − T θ̃‖ + ‖A‖·radius, with
    // ‖A‖₂ ≤ √(‖A‖₁‖A‖_∞) for the linear part A of the embedding.
    let embedding = reduction.embedding();
    let map = embedding.map();
    let wide = map.apply(&theta.flatten());
    let permuted = reduction.permute_input(input).flatten();
    let diff = wide.iter().zip(&permuted).fold(Q::zero(), |a, (x, y)| a.add(&x.sub(y).mul(&x.sub(y))));
    let (mut col, mut row) = (vec![Q::zero(); map.linear.cols()], vec![Q::zero(); map.linear.rows()]);
    for (i, j, v) in map.linear.entries() {
        col[*j] = col[*j].add(&v.abs());
        row[*i] = row[*i].add(&v.abs());
    }
    let norm1 = col.iter().max().cloned().unwrap_or_else(Q::one);
    let norm_inf = row.iter().max().cloned().unwrap_or_else(Q::one);
    let a_norm = sqrt_up(&norm1.mul(&norm_inf));
    let distance = (sqrt_up(&diff) + a_norm * radius) * (1.0 + 1e-12);
    Verdict::Certified { r: r.clone(), radius, inertia, delta, distance }
}
