//! Judging the multi-step, K-neuron and general-compatible claims on a case.

use super::case::{Case, Op};
use super::claim::{Claim, Variant};
use super::eval::{all_outputs, gradient, hessian_vector, same, Path, Verdict};
use super::judge_one_step::critical_after;
use crate::activation::{ExactActivation, Sigma};
use crate::embed::{Compatible, Composition, KNeuronSubspace, Step};
use crate::linalg::{rank, Matrix};
use crate::net::Params;
use crate::scalar::{Ring, Q};
use crate::theorem::Inapplicable;

/// Claims about compositions of one-step embeddings (\[P2\] Thm 4.2).
pub(crate) fn judge_multi(claim: Claim, variant: Variant, case: &Case, path: Path) -> Result<Verdict, Inapplicable> {
    let Op::Steps(steps) = &case.op else { return Err("operator is not a composition".into()) };
    let comp = Composition::new(&case.shape(), steps)?;
    let act = case.act();
    let theta = &case.net.params;
    let mut wide = match path {
        Path::Backprop => comp.apply(theta)?,
        Path::Duals => comp.wide().params(&comp.map().apply(&theta.flatten())),
    };
    if variant == Variant::SplitSumTwo {
        // The control: the last step splits neuron s of layer l with outgoing coefficients
        // (1−α, 1+α) instead of (1−α, α). Its copy is the last neuron of layer l (no step
        // follows), and columns s and copy hold (1−α)v and αv, so v is their sum.
        let Some(Step::Split { layer, neuron, .. }) = steps.last() else {
            return Err("the last step is not a split".into());
        };
        let (l, s) = (*layer, *neuron);
        let copy = wide.widths()[l] - 1;
        let next = &mut wide.layer_mut(l + 1).weight;
        for i in 0..next.rows() {
            let v = next.get(i, s).add(next.get(i, copy));
            let wrong = next.get(i, copy).add(&v);
            next.set(i, copy, wrong);
        }
    }
    match claim {
        Claim::MultiTransfer => {
            let sigma =
                |b: &Q| if variant == Variant::NoSigmaBeta { Q::one() } else { act.value(b).expect("polynomial σ") };
            let p = comp.transfer_map(sigma)?;
            let gn = gradient(path, theta, act, &case.loss, &case.data)?;
            let gw = gradient(path, &wide, act, &case.loss, &case.data)?;
            hold!(same("P_K⋯P_1 ∇R_narr(θ)", &p.apply(&gn), &gw));
            Ok(same("Aᵀ ∇R_wide = ∇R_narr", &gn, &comp.map().linear.apply_transpose(&gw)))
        }
        Claim::MultiCriticality => critical_after(path, case, &wide),
        _ => Err("not a multi-step claim".into()),
    }
}

/// \[P1\] Thm 2: θ_B + Σ α_i v_i is critical with loss R(θ_A), H(θ_B) v_i = 0, and dim = K.
pub(crate) fn judge_k_neuron(variant: Variant, case: &Case, path: Path) -> Result<Verdict, Inapplicable> {
    let Op::KNeuron { steps, alphas } = &case.op else { return Err("operator is not a K-neuron subspace".into()) };
    let sub = KNeuronSubspace::new(&case.net.params, steps)?;
    if variant == Variant::Correct {
        if let Err(v) = sub.hypothesis() {
            let v: Vec<String> = v.iter().map(ToString::to_string).collect();
            return Err(format!("hypothesis violated: {}", v.join("; ")).into());
        }
    }
    let act = case.act();
    let point = sub.point(alphas);
    hold!(critical_after(path, case, &point)?);
    let base = sub.wide().params(sub.base());
    for (i, v) in sub.directions().iter().enumerate() {
        let hv = hessian_vector(path, &base, act, &case.loss, &case.data, v)?;
        hold!(same(&format!("H(θ_B) v_{}", i + 1), &vec![Q::zero(); hv.len()], &hv));
    }
    let k = steps.len();
    let dim = match path {
        Path::Backprop => sub.dimension(),
        Path::Duals => rank(&Matrix::from_rows(sub.directions().to_vec(), sub.base().len())),
    };
    Ok(same("dimension of span{v_i}", &[Q::int(k as i64)], &[Q::int(dim as i64)]))
}

/// The hypotheses of the compatible-embedding theorems: Conditions 1–2 in the embedding's reading
/// and c = σ(b*) at every null neuron; `Err((expected, found))` names the first that fails.
pub(crate) fn compatible_hypotheses(c: &Compatible<Q>, act: &ExactActivation) -> Verdict {
    if let Err(e) = c.check() {
        return Err(("Conditions 1–2 hold for the generated embedding".into(), e.to_string()));
    }
    for (l, (b, k)) in c.effective_bias.iter().zip(&c.constants).enumerate() {
        for (j, (bj, kj)) in b.iter().zip(k).enumerate() {
            if c.index[l][j] == 0 && act.value(bj).ok().as_ref() != Some(kj) {
                return Err((format!("c = σ(b*) at layer {l}, neuron {}", j + 1), kj.to_canonical()));
            }
        }
    }
    Ok(())
}

/// Claims about general compatible embeddings (\[P2\] Lemma 5.1, Thm 5.1; spec §2.4).
pub(crate) fn judge_compatible(
    claim: Claim,
    variant: Variant,
    case: &Case,
    path: Path,
) -> Result<Verdict, Inapplicable> {
    let Op::Compatible(c) = &case.op else { return Err("operator is not a compatible embedding".into()) };
    let act = case.act();
    if variant == Variant::Correct {
        hold!(compatible_hypotheses(c, act));
    }
    let theta = &case.net.params;
    let map = c.map();
    let wide: Params<Q> = c.wide().params(&map.apply(&theta.flatten()));
    match claim {
        Claim::CompatibleOutput => {
            let xs: Vec<Vec<Q>> = case.data.inputs().iter().chain(&case.fresh).cloned().collect();
            Ok(same("f_θ(x) on data and fresh inputs", &all_outputs(theta, act, &xs)?, &all_outputs(&wide, act, &xs)?))
        }
        Claim::CompatibleTransfer => {
            let mut c2 = (**c).clone();
            if variant == Variant::BetaIgnored {
                for (l, b) in c2.beta.iter_mut().enumerate() {
                    for (j, x) in b.iter_mut().enumerate() {
                        if c.index[l][j] != 0 {
                            *x = Q::one();
                        }
                    }
                }
            }
            let gn = gradient(path, theta, act, &case.loss, &case.data)?;
            let gw = gradient(path, &wide, act, &case.loss, &case.data)?;
            hold!(same("P ∇R_narr(θ)", &c2.transfer_map().apply(&gn), &gw));
            Ok(same("Aᵀ ∇R_wide = ∇R_narr", &gn, &map.linear.apply_transpose(&gw)))
        }
        Claim::CompatibleCriticality => critical_after(path, case, &wide),
        Claim::CompatibleRepresentation => {
            let xs: Vec<Vec<Q>> = case.data.inputs().iter().chain(&case.fresh).cloned().collect();
            super::representation::same_representation(theta, &wide, act, &xs)
        }
        _ => Err("not a compatible-embedding claim".into()),
    }
}
