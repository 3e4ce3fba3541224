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
//! For tanh, sigmoid and softplus, [`certify_smooth`] refines in f64 and proves with rigorous
//! float enclosures of F(θ̃) and of the Hessian over the box, the inequality decided exactly in Q
//! (`smooth.rs`, `enclosed.rs`; `proofs/certify.md` §4); [`Report::proof`] says which.
//!
//! For ReLU, leaky ReLU and the identity the rescaling of each hidden neuron is a continuous
//! symmetry: [`Gauge`] holds one incoming coordinate per hidden neuron fixed, steps 2–4 run on
//! the others, and the inertia gets one zero per fixed coordinate (`gauge.rs`).
//!
//! The loss ℓ is any exact loss ([`Options::loss`]; ½-MSE by default): steps 1 and 5 do not
//! depend on it (\[P1\]'s embeddings preserve criticality for every C¹ loss), steps 2–4 use its
//! gradient and Hessian.

mod cost;
mod enclosed;
mod gauge;
mod krawczyk;
mod newton;
mod proof;
mod reduce;
mod smooth;
mod verify;
mod wide;

pub use cost::estimated_seconds;
pub use gauge::Gauge;
pub use krawczyk::{krawczyk, Krawczyk};
pub use proof::Proof;
pub use reduce::{reduce, Reduction};
pub use smooth::{certify_smooth, certify_smooth_observed};
pub use verify::{verify_certificate, CertificateError, CERTIFICATE_FORMAT};
pub use wide::{NoWideBounds, WideInertia};

use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::hessian::hessian_exact_with;
use crate::linalg::{inertia_certified_within, Inertia, Matrix};
use crate::loss::ExactLoss;
use crate::net::{evaluate_exact, EvalError, Params};
use crate::scalar::{f64_nearest, q_from_f64, Field, Ring, Q};
use gauge::{restrict, restrict_matrix};
use newton::{approximate_inverse_q, kernel_estimate, newton};

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
    /// How the existence proof was carried out (exact, or with rigorous float enclosures).
    pub proof: Proof,
    /// The coordinates held fixed to remove the rescaling symmetry of a positively homogeneous
    /// σ (empty otherwise; `gauge.rs`).
    pub gauge: Gauge,
    /// Lower bounds on the inertia of the input's width at the embedded critical point, or why
    /// there are none (`wide.rs`); `None` when nothing was certified or on the f64-enclosure
    /// path.
    pub wide: Option<Result<WideInertia, NoWideBounds>>,
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

fn inf_norm(v: &[Q]) -> f64 {
    v.iter().map(|x| x.abs().to_f64()).fold(0.0, f64::max)
}

fn inf_norm_f64(v: &[f64]) -> f64 {
    v.iter().map(|x| x.abs()).fold(0.0, f64::max)
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
    let gauge = Gauge::rescaling(&reduction.reduced, act);
    let free = gauge.free(reduction.reduced.num_params());
    let refined = newton(
        &reduction.reduced,
        &free,
        opts.newton_steps,
        f64_nearest,
        &mut |t| Ok(evaluate_exact(t, act, ell, data)?.gradient.flatten()),
        &mut |t| hessian_exact_with(t, act, ell, data),
        observe,
    )?;
    let theta = &refined.theta;
    let (g, h) = (restrict(&refined.g, &free), restrict_matrix(&refined.h, &free));
    let gradient_after = inf_norm(&g);
    let verdict = match approximate_inverse_q(&h, f64_nearest) {
        None => Verdict::NotCertified(singular(&h, f64_nearest)),
        Some(y) => {
            let m = g.len();
            let residual: Vec<Q> = y.mul_vec(&g).iter().map(Q::abs).collect();
            let g_used: Vec<Q> = if opts.control_drop_residual { vec![Q::zero(); m] } else { g.clone() };
            let base = if opts.control_drop_residual { Q::zero() } else { max_q(&residual) };
            let mut test = |r: &Q| krawczyk(theta, act, ell, data, &gauge, &g_used, &y, r, &opts.loosen);
            let run =
                Run { reduction: &reduction, input: params, theta, center: Some(&h), gradient_after, gauge: &gauge };
            prove(&run, &base, opts, &mut test, observe)?
        }
    };
    let wide = match &verdict {
        Verdict::Certified { r, .. } => Some(wide::wide_inertia(&reduction, params, theta, &gauge, r, act, ell, data)?),
        Verdict::NotCertified(_) => None,
    };
    let mut report = Report::refined(reduction, refined, gradient_after, verdict, Proof::Exact, gauge);
    report.wide = wide;
    Ok(report)
}

impl Report {
    /// The report of a run that refined the reduced point (`refined`) and reached `verdict`.
    fn refined<G>(
        reduction: Reduction,
        refined: newton::Refined<G>,
        gradient_after: f64,
        verdict: Verdict,
        proof: Proof,
        gauge: Gauge,
    ) -> Report {
        Report {
            reduction,
            refined: refined.theta,
            newton_steps: refined.steps,
            gradient_before: refined.gradient_before,
            gradient_after,
            verdict,
            proof,
            gauge,
            wide: None,
        }
    }
}

/// Why no box can be certified when the Hessian `h` at θ̃ (on the free coordinates) is
/// singular, with the number of its eigenvalues below 10⁻¹³·max|λ| (the estimated dimension of
/// what remains: a continuous symmetry or a degenerate direction).
fn singular<G: Field>(h: &Matrix<G>, to_f64: fn(&G) -> f64) -> String {
    format!(
        "the reduced Hessian is singular to working precision ({} of its {} eigenvalues are below 1e-13 times the largest): the critical point is not isolated (a continuous symmetry or a degenerate direction remains), so no box holds exactly one",
        kernel_estimate(h, to_f64),
        h.rows()
    )
}

/// The largest entry of a nonnegative vector (0 when empty).
fn max_q(v: &[Q]) -> Q {
    v.iter().max().cloned().unwrap_or_else(Q::zero)
}

/// What [`prove`] needs besides the test: the reduction, the input point, θ̃, the exact Hessian
/// at θ̃ when known (`None`: the inertia is taken around the interval Hessian's midpoint), and
/// the gradient after refinement (for the message).
struct Run<'a> {
    reduction: &'a Reduction,
    input: &'a Params<Q>,
    theta: &'a Params<Q>,
    center: Option<&'a Matrix<Q>>,
    gradient_after: f64,
    gauge: &'a Gauge,
}

/// Runs `test` (Krawczyk's test on the box of the given half-width) on growing boxes, from
/// 2·`base` (|Y F(θ̃)|_∞; 2⁻⁶⁰ when that is 0) to 2¹⁶·`base`; the first box that passes is
/// certified and its inertia decided.
///
/// # Errors
/// What `test` returns.
fn prove(
    run: &Run<'_>,
    base: &Q,
    opts: &Options,
    test: &mut dyn FnMut(&Q) -> Result<Krawczyk, EvalError>,
    observe: &mut dyn FnMut(Stage),
) -> Result<Verdict, EvalError> {
    let base = if base.is_zero() { Q::int(2).pow(-60) } else { base.clone() };
    let mut last = String::new();
    for factor in [2, 8, 64, 1024, 1 << 16] {
        let r = base.mul(&Q::int(factor));
        observe(Stage::Krawczyk { r: r.to_f64() });
        match test(&r)? {
            Krawczyk::Proved { r, hessian_mid, hessian_rad } => {
                observe(Stage::Inertia);
                // H(θ*) and H(θ̃) both lie in Hc ± Hr, so they differ entrywise by at most 2·Hr;
                // without the exact H(θ̃), H(θ*) differs from Hc by at most Hr.
                let (center, spread) = match run.center {
                    Some(h) => (h.clone(), hessian_rad.map(|v| v.mul(&Q::int(2)))),
                    None => (hessian_mid, hessian_rad),
                };
                return Ok(certified(run, &center, &r, &spread));
            }
            Krawczyk::Fails { row, excess } => {
                last = format!(
                    "Krawczyk's test fails on every box tried (last: half-width {:.3e}, row {} exceeds by {:.3e}); the gradient after refinement is {:.3e}",
                    r.to_f64(),
                    row + 1,
                    excess.to_f64(),
                    run.gradient_after
                )
            }
            Krawczyk::PatternChanges(site) => {
                last = format!("the activation pattern changes within the box (pre-activation of {site} can be 0)")
            }
            Krawczyk::Pole(site) => last = format!("σ has a pole within the box (pre-activation of {site})"),
            Krawczyk::NotFinite => {
                last = "an enclosure of the gradient at the refined point or of the Hessian over the box is not finite"
                    .into()
            }
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

/// Weyl's lower bounds for every symmetric matrix within `spread` (entrywise) of `center`: with
/// δ ≥ ‖spread‖_F ≥ the spectral norm of the difference, n₊ ≥ n₊(center − δI) and
/// n₋ ≥ n₋(center + δI), both exact inertias of rational matrices. Returns δ and the two counts
/// (`None` when δ is not finite or an exact inertia is over its budget).
fn weyl_bounds(center: &Matrix<Q>, spread: &Matrix<Q>) -> (f64, Option<(usize, usize)>) {
    let sq = spread.data().iter().fold(Q::zero(), |acc, w| acc.add(&w.mul(w)));
    let delta = sqrt_up(&sq);
    let shifted = |s: &Q| {
        let mut a = center.clone();
        for i in 0..a.rows() {
            let v = a.get(i, i).add(s);
            a.set(i, i, v);
        }
        a
    };
    let budget = 5e10;
    let bounds = q_from_f64(delta).and_then(|dq| {
        let plus = inertia_certified_within(&shifted(&dq.neg()), budget).ok()?.0.positive;
        let minus = inertia_certified_within(&shifted(&dq), budget).ok()?.0.negative;
        Some((plus, minus))
    });
    (delta, bounds)
}

/// The verdict for a proved box of half-width `r`: by Weyl's inequality around `center`, with
/// `spread` an entrywise bound on |H(θ*) − center| (δ = ‖spread‖_F ≥ ‖H(θ*) − center‖₂), and the
/// distance from the input to the embedded critical point.
fn certified(run: &Run<'_>, h: &Matrix<Q>, r: &Q, spread: &Matrix<Q>) -> Verdict {
    let (reduction, input, theta) = (run.reduction, run.input, run.theta);
    let m = h.rows();
    let (delta, bounds) = weyl_bounds(h, spread);
    // The fixed coordinates of a gauge add one zero each (Sylvester; `gauge.rs`).
    let inertia =
        bounds.filter(|(p, n)| p + n == m).map(|(p, n)| Inertia { positive: p, negative: n, zero: run.gauge.len() });
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
