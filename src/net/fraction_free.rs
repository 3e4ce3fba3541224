//! The exact gradient of ½-MSE for a polynomial-activation network, fraction-free: the
//! back-propagation of [`super::evaluate`] (\[P2\] §3.2's F/G/Z form) run on integer numerators
//! over tracked common denominators ([`super::zform`]), with one reduction per gradient entry at
//! the end.
//!
//! Why it is exact: every vector of a sample's passes is (N, d) with v = N/d, and each step maps
//! these to (N', d') with v' = N'/d' by integer identities (W v = N_W N/(D d),
//! u ∘ v = N_u N_v/(d_u d_v), u − y = (N_u (L/d_u) − N_y (L/d_y))/L for L = lcm(d_u, d_y)), so
//! sample i contributes e_i^\[l\] (f̃_i^\[l−1\])ᵀ = E_i F̃_iᵀ/δ_i(l) with δ_i(l) = d_{e,i} d_{f,i}
//! (f̃ = (f, 1) = (F, d_f)/d_f, whose last entry feeds the bias). With Δ(l) = lcm_i δ_i(l),
//! ∇_{(W,b)^\[l\]} R_S = (Σ_i (Δ(l)/δ_i(l)) E_i F̃_iᵀ) / (n Δ(l)) (proof of the identities:
//! `proofs/gradient-identities.md`); the sum is a product of two integer matrices, and each
//! entry is put in lowest terms by one gcd.

use super::zform::{ZLayer, ZPoly, ZVec};
use super::{evaluate_with, EvalError, Evaluation, Layer, Params};
use crate::activation::{ExactActivation, Polynomial};
use crate::data::Dataset;
use crate::linalg::Matrix;
use crate::loss::ExactLoss;
use crate::parallel::map_chunks;
use crate::scalar::limbs::{Accumulator, Limbs};
use crate::scalar::{Denominator, Q, Z};

/// Forward features f^\[l\] (l = 0 … L) and error vectors e^\[l\] (l = 1 … L; index 0 unused) of
/// one sample.
struct Pass {
    f: Vec<ZVec>,
    e: Vec<ZVec>,
}

fn pass(layers: &[ZLayer], sigma: &ZPoly, x: &[Q], y: &[Q]) -> Pass {
    let depth = layers.len();
    let mut f = Vec::with_capacity(depth + 1);
    let mut g = Vec::with_capacity(depth);
    f.push(ZVec::from_q(x));
    g.push(ZVec::empty());
    for l in 1..=depth {
        let p = layers[l - 1].affine(&f[l - 1]);
        if l == depth {
            f.push(p);
        } else {
            f.push(sigma.eval(0, &p));
            g.push(sigma.eval(1, &p));
        }
    }
    // e^[L] = f^[L] − y (½-MSE); e^[l] = ((W^[l+1])ᵀ e^[l+1]) ∘ g^[l].
    let mut e = vec![ZVec::empty(); depth + 1];
    e[depth] = f[depth].minus(&ZVec::from_q(y));
    for l in (1..depth).rev() {
        e[l] = layers[l].tr_mul(&e[l + 1]).hadamard(&g[l]);
    }
    Pass { f, e }
}

/// Outputs, loss R_S = (1/n) Σ_i ½‖f(x_i) − y_i‖² and its gradient for a network with polynomial
/// σ, exactly, by fraction-free back-propagation (module docs). Equal to [`super::evaluate`] and
/// [`super::gradient_forward_mode`] (tests); layers with or without biases, any number of
/// outputs. A polynomial has no kinks and ½-MSE no breaks, so both lists are empty.
///
/// # Errors
/// [`EvalError::Shape`] if the data do not fit the network (polynomials have no poles).
pub fn evaluate_polynomial(
    params: &Params<Q>,
    poly: &Polynomial,
    data: &Dataset<Q>,
) -> Result<Evaluation<Q>, EvalError> {
    evaluate_polynomial_jobs(params, poly, data, 1)
}

/// [`evaluate_polynomial`] on up to `jobs` threads: the samples' passes, and then each layer's
/// rows of Σ_i (Δ/δ_i) E_i F̃_iᵀ with their reductions, are split among them
/// ([`crate::parallel::map_chunks`]); every sum is taken in the same order, so the result is the
/// same exact value for every `jobs`.
///
/// # Errors
/// As [`evaluate_polynomial`].
pub fn evaluate_polynomial_jobs(
    params: &Params<Q>,
    poly: &Polynomial,
    data: &Dataset<Q>,
    jobs: usize,
) -> Result<Evaluation<Q>, EvalError> {
    data.check_fits(params)?;
    let depth = params.depth();
    let layers: Vec<ZLayer> = params.layers().iter().map(ZLayer::from_layer).collect();
    let sigma = ZPoly::new(poly);
    let samples: Vec<(&Vec<Q>, &Vec<Q>)> = data.inputs().iter().zip(data.targets()).collect();
    let mut passes: Vec<Pass> = map_chunks(&samples, jobs, |(x, y)| pass(&layers, &sigma, x, y));
    let n = Z::from_u64(data.len() as u64);
    // R_S = Σ_i ‖E_i‖²/(2 n d_i²) with E_i/d_i = e_i^[L]: over D = lcm_i d_i it is
    // Σ_i ‖E_i‖² (D/d_i)² / (2 n D²), one reduction. The outputs, one reduction each. (Taken
    // before the gradient's sums rescale the error numerators in place.)
    let common = passes.iter().fold(Z::one(), |acc, p| acc.lcm(&p.e[depth].d));
    let mut sum = Z::zero();
    let mut outputs = Vec::with_capacity(passes.len());
    for p in &passes {
        let e = &p.e[depth];
        let k = common.div_exact(&e.d).expect("D is a multiple of d_i");
        let sq = e.numerators().iter().fold(Z::zero(), |acc, v| acc + &(v * v));
        sum += &(&sq * &(&k * &k));
        let f = &p.f[depth];
        outputs.push(f.numerators().iter().map(|v| Q::from_z_ratio(v, &f.d)).collect());
    }
    let mut grad = Vec::with_capacity(depth);
    for l in 1..=depth {
        let deltas: Vec<Z> = passes.iter().map(|p| &p.e[l].d * &p.f[l - 1].d).collect();
        let big_delta = deltas.iter().fold(Z::one(), |acc, d| acc.lcm(d));
        let layer = params.layer(l);
        let (rows, cols) = (layer.weight.rows(), layer.weight.cols());
        let bias = layer.bias.is_some();
        // E_i ← (Δ/δ_i) E_i in place (e^[l] is not read again), and d_{f,i}, the numerator of
        // the augmented input's last entry.
        for (p, d) in passes.iter_mut().zip(&deltas) {
            let k = big_delta.div_exact(d).expect("Δ(l) is a multiple of δ_i(l)");
            p.e[l].n = p.e[l].scaled(&k);
        }
        let last: Vec<Limbs> = passes.iter().map(|p| Limbs::of(&p.f[l - 1].d)).collect();
        let den = Denominator::new(&(&big_delta * &n));
        // Rows of Σ_i (Δ/δ_i) E_i F̃_iᵀ over the augmented columns (F_i, d_{f,i}), each entry
        // over n Δ; one contiguous range of rows per job, with its accumulators and buffers
        // reused row to row.
        let width = cols + usize::from(bias);
        let size = rows.div_ceil(jobs.clamp(1, rows.max(1)));
        let ranges: Vec<std::ops::Range<usize>> =
            (0..rows).step_by(size.max(1)).map(|a| a..(a + size).min(rows)).collect();
        let reduced: Vec<Vec<Q>> = map_chunks(&ranges, jobs, |range| {
            let mut acc = vec![Accumulator::new(); width];
            let mut num = Vec::new();
            let mut out = Vec::with_capacity(range.len());
            for r in range.clone() {
                acc.iter_mut().for_each(Accumulator::clear);
                for (p, d_f) in passes.iter().zip(&last) {
                    let er = p.e[l].n.get(r);
                    if er.is_zero() {
                        continue;
                    }
                    let fin = &p.f[l - 1].n;
                    for (c, cell) in acc[..cols].iter_mut().enumerate() {
                        cell.add(er, fin.get(c));
                    }
                    if bias {
                        acc[cols].add(er, d_f.view());
                    }
                }
                out.push(
                    acc.iter()
                        .map(|a| {
                            num.clear();
                            let negative = a.write_difference(&mut num);
                            Q::over_limbs(negative, &mut num, &den)
                        })
                        .collect::<Vec<Q>>(),
                );
            }
            out
        })
        .into_iter()
        .flatten()
        .collect();
        // Each row is its weights' entries and then, with a bias, the bias entry.
        let mut weight = Vec::with_capacity(rows * cols);
        let mut b = Vec::with_capacity(if bias { rows } else { 0 });
        for row in reduced {
            let mut row = row.into_iter();
            weight.extend(row.by_ref().take(cols));
            b.extend(row);
        }
        grad.push(Layer { weight: Matrix::from_vec(rows, cols, weight), bias: bias.then_some(b) });
    }
    let gradient = Params::new(grad).expect("the gradient has the parameters' shapes");
    let loss = Q::from_z_ratio(&sum, &(&(&common * &common) * &(&n * &Z::from_u64(2))));
    Ok(Evaluation { outputs, loss, gradient, kinks: Vec::new(), loss_breaks: Vec::new() })
}

/// Outputs, loss and gradient of R_S over Q by the fastest exact path: [`evaluate_polynomial`]
/// for a polynomial σ with ½-MSE, [`evaluate_with`] (back-propagation over Q) otherwise. Both
/// compute the same exact [`Evaluation`] (tests).
///
/// # Errors
/// As [`evaluate_with`].
pub fn evaluate_exact(
    params: &Params<Q>,
    act: &ExactActivation,
    loss: &ExactLoss,
    data: &Dataset<Q>,
) -> Result<Evaluation<Q>, EvalError> {
    evaluate_exact_jobs(params, act, loss, data, 1)
}

/// [`evaluate_exact`] with the fraction-free path on up to `jobs` threads
/// ([`evaluate_polynomial_jobs`]); the same exact value for every `jobs`.
///
/// # Errors
/// As [`evaluate_with`].
pub fn evaluate_exact_jobs(
    params: &Params<Q>,
    act: &ExactActivation,
    loss: &ExactLoss,
    data: &Dataset<Q>,
    jobs: usize,
) -> Result<Evaluation<Q>, EvalError> {
    match act {
        ExactActivation::Poly(p) if *loss == ExactLoss::Mse => evaluate_polynomial_jobs(params, p, data, jobs),
        _ => evaluate_with(params, act, loss, data),
    }
}
