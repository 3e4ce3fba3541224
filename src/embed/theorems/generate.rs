//! Case generation for each width claim and variant. `Err` means "not applicable" with the reason.

use super::case::{critical_net, random_alpha, random_inputs, random_net, Case, Op};
use super::claim::{Claim, Variant};
use crate::critical::{nonzero_loss_targets, random_params};
use crate::data::Dataset;
use crate::embed::{random_compatible, Condition2, Shape, Step};
use crate::loss::ExactLoss;
use crate::net::Network;
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::theorem::Size;

fn hidden(rng: &mut Rng, w: &[usize]) -> usize {
    1 + rng.below(w.len() - 2)
}

fn random_step(rng: &mut Rng, w: &[usize], null_ok: bool) -> Step<Q> {
    let l = hidden(rng, w);
    if null_ok && rng.below(3) == 0 {
        Step::Null { layer: l, beta: rng.small_q(2, 2) }
    } else {
        Step::Split { layer: l, neuron: rng.below(w[l]), alpha: random_alpha(rng) }
    }
}

/// Generates the case a claim is checked on.
pub(crate) fn generate(
    claim: Claim,
    variant: Variant,
    rng: &mut Rng,
    size: Size,
) -> Result<Case, crate::theorem::Inapplicable> {
    use Claim::*;
    let critical =
        matches!(claim, SplitCriticality | NullCriticality | MultiCriticality | KNeuron | CompatibleCriticality);
    if variant == Variant::NoNextBias {
        return no_next_bias_case(rng, size);
    }
    if variant == Variant::ZeroOutgoing {
        return zero_outgoing_case(rng, size);
    }
    let (net, data, fresh) = if critical { critical_net(rng, size)? } else { random_net(rng, size) };
    let w = net.params.widths();
    let op = match claim {
        SplitOutput | SplitFeatures | SplitTransfer | SplitAdjoint | SplitCriticality | SplitRepresentation => {
            let l = hidden(rng, &w);
            if variant == Variant::WrongColumn && w[l] < 2 {
                return Err("a wrong column needs a layer with two neurons".into());
            }
            Op::Split { layer: l, neuron: rng.below(w[l]), alpha: random_alpha(rng) }
        }
        NullOutput | NullTransfer | NullCriticality => Op::Null { layer: hidden(rng, &w), beta: rng.small_q(2, 2) },
        MultiTransfer | MultiCriticality => {
            let k = 1 + rng.below(3);
            let mut shape = w.clone();
            let mut steps = Vec::new();
            for _ in 0..k {
                let s = random_step(rng, &shape, true);
                let l = match &s {
                    Step::Split { layer, .. } | Step::Null { layer, .. } => *layer,
                };
                shape[l] += 1;
                steps.push(s);
            }
            if variant == Variant::NoSigmaBeta {
                steps.push(Step::Null { layer: hidden(rng, &w), beta: Q::new(1, 2) });
            }
            if variant == Variant::SplitSumTwo {
                // A neuron of θ (not a null neuron of an earlier step, whose column is 0).
                let l = hidden(rng, &w);
                steps.push(Step::Split { layer: l, neuron: rng.below(w[l]), alpha: random_alpha(rng) });
            }
            Op::Steps(steps)
        }
        KNeuron => {
            let k = 1 + rng.below(3);
            let steps = (0..k)
                .map(|_| {
                    let l = hidden(rng, &w);
                    (l, rng.below(w[l]))
                })
                .collect();
            Op::KNeuron { steps, alphas: (0..k).map(|_| rng.small_q(3, 3)).collect() }
        }
        CompatibleOutput | CompatibleTransfer | CompatibleCriticality | CompatibleRepresentation => {
            let wide: Vec<usize> = w[1..w.len() - 1].iter().map(|m| m + rng.below(3)).collect();
            let reading = if variant == Variant::UncancelledNull || rng.coin() {
                Condition2::Compensated
            } else {
                Condition2::Literal
            };
            let act = net.activation.exact().expect("exact").clone();
            let sigma = |x: &Q| crate::activation::Sigma::<Q>::value(&act, x).expect("polynomial σ");
            let mut c = random_compatible(rng, &Shape::of(&net.params), &wide, sigma, reading);
            match variant {
                Variant::BrokenForward => {
                    let l = 1 + rng.below(w.len() - 1);
                    let i = c.index[l].iter().position(|&k| k != 0).expect("onto");
                    let j = c.index[l - 1].iter().position(|&k| k != 0).expect("onto");
                    let bumped = c.alpha[l - 1].get(i, j).add(&Q::one());
                    c.alpha[l - 1].set(i, j, bumped);
                }
                Variant::PerturbedCoefficient => {
                    let l = hidden(rng, &w);
                    let rows: Vec<usize> = (0..c.index[l].len()).filter(|&i| c.index[l][i] != 0).collect();
                    let cols: Vec<usize> = (0..c.index[l - 1].len()).filter(|&j| c.index[l - 1][j] != 0).collect();
                    let (i, j) = (rows[rng.below(rows.len())], cols[rng.below(cols.len())]);
                    let bumped = c.alpha[l - 1].get(i, j).add(&Q::one());
                    c.alpha[l - 1].set(i, j, bumped);
                }
                Variant::UncancelledNull => {
                    if c.alpha_b.iter().flatten().all(Ring::is_zero) {
                        return Err("no null inflow to leave uncancelled".into());
                    }
                    for (l, ab) in c.alpha_b.iter_mut().enumerate() {
                        for (i, x) in ab.iter_mut().enumerate() {
                            if c.index[l + 1][i] != 0 {
                                *x = Q::zero();
                            }
                        }
                    }
                }
                _ => {}
            }
            Op::Compatible(Box::new(c))
        }
    };
    Ok(Case { net, data, fresh, op, loss: ExactLoss::Mse })
}

/// A critical point of a net whose layer l+1 has no bias, and a null neuron in layer l with
/// σ(β) ≠ 0: outside the hypothesis of \[P2\] Prop 4.1 (spec §2.2).
fn no_next_bias_case(rng: &mut Rng, size: Size) -> Result<Case, crate::theorem::Inapplicable> {
    let (net, _, fresh) = random_net(rng, size);
    let w = net.params.widths();
    let l = hidden(rng, &w);
    let mut params = net.params.clone();
    params.layer_mut(l + 1).bias = None;
    let act = net.activation.exact().expect("exact");
    let n = Shape::of(&params).num_params() / w[w.len() - 1] + 2;
    let inputs = random_inputs(rng, w[0], n);
    let targets = nonzero_loss_targets(&params, act, &inputs, rng)?.ok_or("no null vector")?;
    let beta = Q::new(1, 2);
    let net = Network { activation: net.activation.clone(), params };
    Ok(Case {
        net,
        data: Dataset::new(inputs, targets).expect("fits"),
        fresh,
        op: Op::Null { layer: l, beta },
        loss: ExactLoss::Mse,
    })
}

/// A critical point with a zero outgoing column at (l, s), and K splits including that neuron.
fn zero_outgoing_case(rng: &mut Rng, size: Size) -> Result<Case, crate::theorem::Inapplicable> {
    let (net, _, fresh) = random_net(rng, size);
    let w = net.params.widths();
    let l = hidden(rng, &w);
    let s = rng.below(w[l]);
    let mut params = random_params(rng, &w, size.max_height.clamp(1, 2));
    for i in 0..w[l + 1] {
        params.layer_mut(l + 1).weight.set(i, s, Q::zero());
    }
    let act = net.activation.exact().expect("exact");
    let n = Shape::of(&params).num_params() / w[w.len() - 1] + 2;
    let inputs = random_inputs(rng, w[0], n);
    let targets = nonzero_loss_targets(&params, act, &inputs, rng)?.ok_or("no null vector")?;
    let net = Network { activation: net.activation.clone(), params };
    let op = Op::KNeuron { steps: vec![(l, s)], alphas: vec![rng.small_q(3, 3)] };
    Ok(Case { net, data: Dataset::new(inputs, targets).expect("fits"), fresh, op, loss: ExactLoss::Mse })
}
