//! Certifying a trained network with σ = tanh, sigmoid or softplus (`proofs/certify.md`,
//! "Smooth σ"). The same five steps as [`super::certify`], with steps 2–4 adapted:
//!
//! 2. Refine: damped Newton in f64 (gradient by reverse mode, Hessian by tangent propagation,
//!    both over `f64`); the iterates are doubles, so θ̃ is an exact dyadic point.
//! 3. Prove: Krawczyk's test with rigorous enclosures of F(θ̃) and of the Hessian over the box
//!    (`enclosed.rs`), the inequality decided exactly in Q.
//! 4. Inertia: by Weyl around the midpoint Hc of the interval Hessian of the proved box: H(θ*)
//!    lies in Hc ± Hr, so ‖H(θ*) − Hc‖₂ ≤ ‖Hr‖_F = δ, and the shifted matrices Hc ∓ δI are exact.
//!
//! Steps 1 and 5 (reduction, embedding back) do not depend on σ.

use super::enclosed::{anchor, krawczyk_enclosed};
use super::newton::{approximate_inverse_q, newton};
use super::{inf_norm_f64, max_q, prove, reduce, singular, Gauge, Options, Proof, Report, Run, Stage, Verdict};
use crate::activation::FloatActivation;
use crate::data::Dataset;
use crate::hessian::hessian_tangent_with;
use crate::linalg::Matrix;
use crate::loss::ExactLoss;
use crate::net::{evaluate_with, EvalError, Params};
use crate::scalar::{f64_nearest, Ring, Q};

/// ∇R_S at θ (rounded to doubles) in f64: an approximation, for the refinement only.
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
pub(super) fn gradient_f64(
    theta: &Params<Q>,
    act: FloatActivation,
    ell: &ExactLoss,
    data: &Dataset<f64>,
) -> Result<Vec<f64>, EvalError> {
    Ok(evaluate_with(&theta.map(f64_nearest), &act, ell, data)?.gradient.flatten())
}

/// ∇²R_S at θ (rounded to doubles) in f64: an approximation, for the refinement and for Y only.
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
pub(super) fn hessian_f64(
    theta: &Params<Q>,
    act: FloatActivation,
    ell: &ExactLoss,
    data: &Dataset<f64>,
) -> Result<Matrix<f64>, EvalError> {
    hessian_tangent_with(&theta.map(f64_nearest), &act, ell, data)
}

/// Why smooth σ needs biases: the interval Hessian runs through the tangent recursion, which
/// the contract's format (a bias in every layer) allows.
pub(super) const NEEDS_BIASES: &str =
    "certify for tanh, sigmoid and softplus needs a bias in every layer (the interval Hessian is computed by the tangent recursion)";

/// Certifies the network `params` with σ = `act` on `data` (module docs): an exact critical
/// point of the reduced network is proved to exist near the refined point, with the proof's
/// float part resting on the enclosures of [`crate::activation::enclose_jet`] (for softplus, on
/// libm's stated accuracy; [`Proof::assumption`]).
///
/// # Errors
/// [`EvalError`] when the data do not fit the network.
pub fn certify_smooth(
    params: &Params<Q>,
    act: FloatActivation,
    data: &Dataset<Q>,
    opts: &Options,
) -> Result<Report, EvalError> {
    certify_smooth_observed(params, act, data, opts, &mut |_| {})
}

/// [`certify_smooth`], calling `observe` at the start of each [`Stage`].
///
/// # Errors
/// As [`certify_smooth`].
pub fn certify_smooth_observed(
    params: &Params<Q>,
    act: FloatActivation,
    data: &Dataset<Q>,
    opts: &Options,
    observe: &mut dyn FnMut(Stage),
) -> Result<Report, EvalError> {
    data.check_fits(params)?;
    let reduction = reduce(params, &opts.tolerance);
    observe(Stage::Reduced(reduction.reduced.widths()));
    let proof = Proof::Enclosures(act);
    if params.layers().iter().any(|l| l.bias.is_none()) {
        return Ok(Report {
            refined: reduction.reduced.clone(),
            reduction,
            newton_steps: 0,
            gradient_before: f64::NAN,
            gradient_after: f64::NAN,
            verdict: Verdict::NotCertified(NEEDS_BIASES.into()),
            proof,
            gauge: Gauge::none(),
            wide: None,
        });
    }
    let ell = &opts.loss;
    let data_f = data.map(f64_nearest);
    let free = Gauge::none().free(reduction.reduced.num_params());
    let refined = newton(
        &reduction.reduced,
        &free,
        opts.newton_steps,
        |v: &f64| *v,
        &mut |t| gradient_f64(t, act, ell, &data_f),
        &mut |t| hessian_f64(t, act, ell, &data_f),
        observe,
    )?;
    let theta = &refined.theta;
    let gradient_after = inf_norm_f64(&refined.g);
    let verdict = match approximate_inverse_q(&refined.h, |v: &f64| *v) {
        None => Verdict::NotCertified(singular(&refined.h, |v: &f64| *v)),
        Some(y) => match anchor(theta, act, ell, data, y)? {
            None => Verdict::NotCertified("the enclosure of the gradient at the refined point is not finite".into()),
            Some(mut a) => {
                if opts.control_drop_residual {
                    a.residual.iter_mut().for_each(|v| *v = Q::zero());
                }
                let base = max_q(&a.residual);
                let mut test = |r: &Q| krawczyk_enclosed(theta, act, ell, data, &a, r, &opts.loosen);
                let gauge = Gauge::none();
                let run =
                    Run { reduction: &reduction, input: params, theta, center: None, gradient_after, gauge: &gauge };
                prove(&run, &base, opts, &mut test, observe)?
            }
        },
    };
    Ok(Report::refined(reduction, refined, gradient_after, verdict, proof, Gauge::none()))
}
