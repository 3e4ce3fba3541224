//! Exact critical points of the objective with weight decay, R_S(θ) + (λ/2)‖θ‖² (½-MSE).
//!
//! Its gradient is (1/n) Jᵀr + λθ with J the output Jacobian and r the stacked residuals
//! f(x_i) − y_i, linear in the targets. So any solution r of Jᵀr = −nλθ (it exists when Jᵀ has
//! full row rank, e.g. n·m_L ≥ M for generic θ and inputs), plus any vector of the left null space
//! of J, gives targets y_i = f(x_i) − r_i at which θ is critical exactly.
//!
//! A solution needs θ ∈ range(Jᵀ) = null(J)^⊥. For a positively homogeneous σ (ReLU, leaky
//! ReLU) the rescalings (w_s, b_s, v_s) → (cw_s, cb_s, v_s/c) leave f unchanged, so
//! (w_s, b_s, −v_s) ∈ null(J) and θ must be **balanced**: ‖(w_s, b_s)‖² = ‖v_s‖² for every hidden
//! neuron. For such σ and one hidden layer the generator draws balanced θ: (w_s, b_s) = ρu and
//! v_s = ρu' with u, u' rational unit vectors (stereographic: (1 − ‖t‖², 2t)/(1 + ‖t‖²)). A
//! polynomial σ of degree d spans only polynomials of degree ≤ d, so J is rank deficient and
//! random draws rarely succeed; rational σ do.

use super::generate::{random_params, CriticalPoint, KINK_FREE_TRIES};
use super::output_jacobian;
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::linalg::{left_null_space, solve};
use crate::loss::WeightDecay;
use crate::net::{evaluate, outputs, EvalError, Params};
use crate::rng::Rng;
use crate::scalar::{Field, Ring, Q};

/// A random exact critical point of R_S + (λ/2)‖θ‖² with widths `widths`, `samples` inputs and
/// entries of height ≤ `height`; `None` when Jᵀr = −nλθ has no solution (too few samples) or, for
/// a piecewise-linear σ, no kink-free draw was found in [`KINK_FREE_TRIES`].
///
/// # Errors
/// [`EvalError::Pole`] at a pole of σ.
pub fn random_critical_with_decay(
    rng: &mut Rng,
    widths: &[usize],
    act: &ExactActivation,
    lambda: &Q,
    samples: usize,
    height: i64,
) -> Result<Option<CriticalPoint>, EvalError> {
    let piecewise = matches!(act, ExactActivation::Piecewise(p) if !p.is_identity());
    for _ in 0..if piecewise { KINK_FREE_TRIES } else { 8 } {
        let homogeneous = matches!(act, ExactActivation::Piecewise(_)) && widths.len() == 3;
        let params =
            if homogeneous { balanced_params(rng, widths, height) } else { random_params(rng, widths, height) };
        let inputs: Vec<Vec<Q>> = (0..samples).map(|_| (0..widths[0]).map(|_| rng.small_q(2, 2)).collect()).collect();
        let j = output_jacobian(&params, act, &inputs)?;
        let n = Q::int(samples as i64);
        let rhs: Vec<Q> = params.flatten().iter().map(|t| t.mul(lambda).mul(&n).neg()).collect();
        let Some(mut r) = solve(&j.transpose(), &rhs) else { continue };
        let free = left_null_space(&j);
        if !free.is_empty() {
            let k = &free[rng.below(free.len())];
            let s = rng.small_q(2, 2);
            r.iter_mut().zip(k).for_each(|(ri, ki)| ri.add_assign(&s.mul(ki)));
        }
        let m_out = widths[widths.len() - 1];
        let mut targets = Vec::with_capacity(samples);
        for (i, x) in inputs.iter().enumerate() {
            let f = outputs(&params, act, x, i + 1)?;
            targets.push(f.iter().enumerate().map(|(c, fc)| fc.sub(&r[i * m_out + c])).collect());
        }
        let data = Dataset::new(inputs, targets).expect("generated shapes fit");
        let mut ev = evaluate(&params, act, &data)?;
        if piecewise && !ev.kinks.is_empty() {
            continue;
        }
        ev.add_weight_decay(&params, &WeightDecay(lambda.clone()));
        debug_assert!(ev.gradient_is_zero(), "the construction solves ∇ = 0 exactly");
        return Ok(Some(CriticalPoint { params, data }));
    }
    Ok(None)
}

/// A rational unit vector of dimension `k` ≥ 1 (±1 for k = 1), by inverse stereographic
/// projection of a random t ∈ Q^{k−1}.
fn unit_vector(rng: &mut Rng, k: usize) -> Vec<Q> {
    if k == 1 {
        return vec![if rng.below(2) == 0 { Q::one() } else { Q::int(-1) }];
    }
    let t: Vec<Q> = (0..k - 1).map(|_| rng.small_q(2, 2)).collect();
    let norm = t.iter().fold(Q::zero(), |a, x| a.add(&x.square()));
    let d = Q::one().add(&norm).inv().expect("1 + ‖t‖² > 0");
    std::iter::once(Q::one().sub(&norm).mul(&d)).chain(t.iter().map(|x| x.scale_i64(2).mul(&d))).collect()
}

/// Balanced parameters of a one-hidden-layer network: ‖(w_s, b_s)‖² = ‖v_s‖² for every neuron s.
fn balanced_params(rng: &mut Rng, widths: &[usize], height: i64) -> Params<Q> {
    let mut params = random_params(rng, widths, height);
    let (m0, m1, m2) = (widths[0], widths[1], widths[2]);
    for s in 0..m1 {
        let rho = rng.small_nonzero_q(height.max(1), 2);
        let u = unit_vector(rng, m0 + 1);
        let v = unit_vector(rng, m2);
        let layer = params.layer_mut(1);
        for (j, uj) in u[..m0].iter().enumerate() {
            layer.weight.set(s, j, rho.mul(uj));
        }
        if let Some(b) = layer.bias.as_mut() {
            b[s] = rho.mul(&u[m0]);
        }
        let out = params.layer_mut(2);
        for (i, vi) in v.iter().enumerate() {
            out.weight.set(i, s, rho.mul(vi));
        }
    }
    params
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::{Piecewise, Polynomial, RationalFunction};

    #[test]
    fn generated_points_are_critical_for_the_decayed_objective_and_not_without_decay() {
        // σ(x) = x/(1 + x²): rational, so J has full rank for enough samples.
        let act = ExactActivation::Rational(RationalFunction {
            num: Polynomial::new(vec![Q::zero(), Q::one()]),
            den: Polynomial::new(vec![Q::one(), Q::zero(), Q::one()]),
        });
        let lambda = Q::new(1, 10);
        let mut found = 0;
        for seed in 0..10 {
            let mut rng = Rng::new(seed);
            let Some(cp) = random_critical_with_decay(&mut rng, &[2, 2, 1], &act, &lambda, 12, 2).unwrap() else {
                continue;
            };
            found += 1;
            let mut ev = evaluate(&cp.params, &act, &cp.data).unwrap();
            // Without decay the gradient is −λθ ≠ 0 (θ has nonzero entries).
            assert!(!ev.gradient_is_zero());
            ev.add_weight_decay(&cp.params, &WeightDecay(lambda.clone()));
            assert!(ev.gradient_is_zero(), "seed {seed}");
        }
        assert!(found >= 5, "{found}");
    }

    #[test]
    fn relu_points_are_balanced_kink_free_and_critical_with_decay() {
        let act = ExactActivation::Piecewise(Piecewise::relu());
        let lambda = Q::new(1, 4);
        let mut found = 0;
        for seed in 0..10 {
            let mut rng = Rng::new(seed);
            let Some(cp) = random_critical_with_decay(&mut rng, &[2, 3, 1], &act, &lambda, 14, 2).unwrap() else {
                continue;
            };
            found += 1;
            let mut ev = evaluate(&cp.params, &act, &cp.data).unwrap();
            assert!(ev.kinks.is_empty());
            ev.add_weight_decay(&cp.params, &WeightDecay(lambda.clone()));
            assert!(ev.gradient_is_zero(), "seed {seed}");
            for s in 0..3 {
                let w = cp.params.layer(1);
                let inc = w
                    .weight
                    .row(s)
                    .iter()
                    .chain([&w.bias.as_ref().unwrap()[s]])
                    .fold(Q::zero(), |a, x| a.add(&x.square()));
                assert_eq!(inc, cp.params.layer(2).weight.get(0, s).square(), "balanced neuron {s}");
            }
        }
        assert!(found >= 5, "{found}");
    }
}
