//! Judging the one-step claims (splitting and null embedding) on a case.
//!
//! On the fast path operators are applied directly to the matrices and gradients come from
//! back-propagation; on the simple path operators are applied as sparse maps and gradients come
//! from forward-mode duals.

use super::case::{Case, Op};
use super::claim::{Claim, Variant};
use super::eval::{all_outputs, gradient, risk, same, Path, Verdict};
use crate::activation::Sigma;
use crate::embed::{Null, Split};
use crate::net::{backward_with, forward, Params};
use crate::scalar::{Ring, Q};
use crate::theorem::Inapplicable;

fn embed_split(case: &Case, split: &Split<Q>, path: Path) -> Result<Params<Q>, Inapplicable> {
    match path {
        Path::Backprop => Ok(split.apply(&case.net.params)?),
        Path::Duals => Ok(split.wide().params(&split.map().apply(&case.net.params.flatten()))),
    }
}

fn embed_null(case: &Case, null: &Null<Q>, path: Path) -> Result<Params<Q>, Inapplicable> {
    match path {
        Path::Backprop => Ok(null.apply(&case.net.params)?),
        Path::Duals => Ok(null.wide().params(&null.map().apply(&case.net.params.flatten()))),
    }
}

/// The claims about T^α_{l,s}.
pub(crate) fn judge_split(claim: Claim, variant: Variant, case: &Case, path: Path) -> Result<Verdict, Inapplicable> {
    let Op::Split { layer, neuron, alpha } = &case.op else { return Err("operator is not a split".into()) };
    let (l, s) = (*layer, *neuron);
    let split = Split::new(&case.shape(), l, s, alpha.clone())?;
    let act = case.act();
    let theta = &case.net.params;
    let mut wide = embed_split(case, &split, path)?;
    if variant == Variant::NoRescale {
        for i in 0..theta.widths()[l + 1] {
            let w = theta.layer(l + 1).weight.get(i, s).clone();
            wide.layer_mut(l + 1).weight.set(i, s, w);
        }
    }
    if variant == Variant::PerturbedCopy {
        let m = theta.widths()[l];
        if let Some(b) = wide.layer_mut(l).bias.as_mut() {
            b[m] = b[m].add(&Q::one());
        }
    }
    match claim {
        Claim::SplitRepresentation => {
            let xs: Vec<Vec<Q>> = case.data.inputs().iter().chain(&case.fresh).cloned().collect();
            super::representation::same_representation(theta, &wide, act, &xs)
        }
        Claim::SplitOutput => {
            let xs: Vec<Vec<Q>> = case.data.inputs().iter().chain(&case.fresh).cloned().collect();
            Ok(same("f_θ(x) on data and fresh inputs", &all_outputs(theta, act, &xs)?, &all_outputs(&wide, act, &xs)?))
        }
        Claim::SplitFeatures => judge_features(case, &split, &wide, variant),
        Claim::SplitTransfer => {
            let gn = gradient(path, theta, act, &case.loss, &case.data)?;
            let gw = gradient(path, &wide, act, &case.loss, &case.data)?;
            let p = match variant {
                Variant::SwappedAlpha => {
                    Split::new(&case.shape(), l, s, Q::one().sub(alpha)).expect("valid").transfer_map()
                }
                _ => split.transfer_map(),
            };
            let mut predicted = p.apply(&gn);
            if variant == Variant::WrongColumn {
                let other = (s + 1) % theta.widths()[l];
                let (n, w) = (split.narrow(), split.wide());
                for i in 0..theta.widths()[l + 1] {
                    predicted[w.weight_index(l + 1, i, theta.widths()[l])] =
                        gn[n.weight_index(l + 1, i, other)].clone();
                }
            }
            Ok(same("P_α ∇R_narr(θ)", &predicted, &gw))
        }
        Claim::SplitAdjoint => {
            let gn = gradient(path, theta, act, &case.loss, &case.data)?;
            let gw = gradient(path, &wide, act, &case.loss, &case.data)?;
            // Control: Pᵀ in place of Tᵀ. (Swapping α in T would not be a control: (T^β)ᵀ P_α = I
            // for every β, because P copies columns and T^β's column coefficients sum to 1.)
            let t = match variant {
                Variant::TransposeOfP => split.transfer_map(),
                _ => split.map(),
            };
            Ok(same("∇R_narr(θ)", &gn, &t.apply_transpose(&gw)))
        }
        Claim::SplitCriticality => critical_after(path, case, &wide),
        _ => Err("not a split claim".into()),
    }
}

/// ∇R_wide = 0 and R_wide = R_narr at the embedded point (θ itself is critical by construction;
/// that is re-checked too, so a broken generator cannot make the claim vacuous).
pub(crate) fn critical_after(path: Path, case: &Case, wide: &Params<Q>) -> Result<Verdict, Inapplicable> {
    let act = case.act();
    let gn = gradient(path, &case.net.params, act, &case.loss, &case.data)?;
    if gn.iter().any(|g| !g.is_zero()) {
        return Err("generated θ is not critical".into());
    }
    let gw = gradient(path, wide, act, &case.loss, &case.data)?;
    hold!(same("∇R_wide at the embedded point", &vec![Q::zero(); gw.len()], &gw));
    let (rn, rw) =
        (risk(path, &case.net.params, act, &case.loss, &case.data)?, risk(path, wide, act, &case.loss, &case.data)?);
    Ok(same("R_wide = R_narr", &[rn], &[rw]))
}

/// \[P1\] Lemma 1: features and feature gradients repeat neuron s; error vectors split (1−α, α).
fn judge_features(case: &Case, split: &Split<Q>, wide: &Params<Q>, variant: Variant) -> Result<Verdict, Inapplicable> {
    let (l, s) = (split.layer(), split.neuron());
    let (keep, moved) = split.coefficients();
    let act = case.act();
    let theta = &case.net.params;
    for (i, (x, y)) in case.data.inputs().iter().zip(case.data.targets()).enumerate() {
        let tn = forward(theta, act, x, i + 1)?;
        let tw = forward(wide, act, x, i + 1)?;
        let (bn, bw) = (backward_with(theta, &tn, y, &case.loss), backward_with(wide, &tw, y, &case.loss));
        for k in 1..theta.depth() {
            let (mut f, mut g, mut z) = (tn.f[k].clone(), tn.g[k].clone(), bn.z[k].clone());
            if k == l {
                f.push(f[s].clone());
                g.push(g[s].clone());
                let zs = z[s].clone();
                if variant != Variant::ErrorUnscaled {
                    z[s] = keep.mul(&zs);
                }
                z.push(moved.mul(&zs));
            }
            hold!(same(&format!("f^[{k}] (sample {})", i + 1), &f, &tw.f[k]));
            hold!(same(&format!("g^[{k}] (sample {})", i + 1), &g, &tw.g[k]));
            hold!(same(&format!("z^[{k}] (sample {})", i + 1), &z, &bw.z[k]));
        }
    }
    Ok(Ok(()))
}

/// The claims about T^β_{l,0}.
pub(crate) fn judge_null(claim: Claim, variant: Variant, case: &Case, path: Path) -> Result<Verdict, Inapplicable> {
    let Op::Null { layer, beta } = &case.op else { return Err("operator is not a null embedding".into()) };
    let null = Null::new(&case.shape(), *layer, beta.clone())?;
    let act = case.act();
    let theta = &case.net.params;
    let mut wide = embed_null(case, &null, path)?;
    if variant == Variant::NullOutgoingOnes {
        // The control: the new neuron's outgoing column is 1 instead of 0, so layer l+1's
        // pre-activation gains the constant σ(β)·1 at every input.
        let new = theta.widths()[*layer];
        for i in 0..theta.widths()[*layer + 1] {
            wide.layer_mut(*layer + 1).weight.set(i, new, Q::one());
        }
    }
    match claim {
        Claim::NullOutput => {
            let xs: Vec<Vec<Q>> = case.data.inputs().iter().chain(&case.fresh).cloned().collect();
            Ok(same("f_θ(x) on data and fresh inputs", &all_outputs(theta, act, &xs)?, &all_outputs(&wide, act, &xs)?))
        }
        Claim::NullTransfer => {
            let sigma_beta =
                if variant == Variant::NoSigmaBeta { Q::one() } else { act.value(beta).map_err(|_| "pole")? };
            let gn = gradient(path, theta, act, &case.loss, &case.data)?;
            let gw = gradient(path, &wide, act, &case.loss, &case.data)?;
            let p = null.transfer_map(&sigma_beta)?;
            hold!(same("padded ∇R_narr with σ(β)∇_b column", &p.apply(&gn), &gw));
            Ok(same("T_{l,0}ᵀ ∇R_wide = ∇R_narr", &gn, &null.map().linear.apply_transpose(&gw)))
        }
        Claim::NullCriticality => critical_after(path, case, &wide),
        _ => Err("not a null claim".into()),
    }
}
