//! The claims checked on a generated [`Case`]: each answers a [`Recheck`] — the claim holds,
//! fails (with what was expected and what was computed) or does not apply (with the reason).

use super::super::second_order::{congruence, loss_hessian, psi_curvature, psi_jacobian};
use super::super::{check_membership, lift_layers, merge, mpc, Construction};
use super::case::Case;
use super::stored::Choice;
use crate::activation::ExactActivation;
use crate::data::Dataset;
use crate::linalg::{inertia, rank, Matrix};
use crate::net::{backward_with, evaluate_with, forward, outputs, Evaluation, Params};
use crate::rng::Rng;
use crate::scalar::{Field, Ring, Q};
use crate::theorem::{applies, Recheck};

fn fail(expected: impl Into<String>, computed: impl Into<String>) -> Recheck {
    Recheck::Fails { expected: expected.into(), computed: computed.into() }
}

/// R_S and its gradient at `p` for the case's loss.
fn eval_at(case: &Case, p: &Params<Q>) -> Result<Evaluation<Q>, crate::net::EvalError> {
    evaluate_with(p, &case.act, &case.loss, &case.data)
}

/// Why the Hessian statements do not apply: an output of θ sits on a break of a piecewise loss
/// (ℓ'' jumps there, so R_S has no Hessian; the lift keeps the outputs, so θ' sits on it too).
fn on_loss_break(e: &Evaluation<Q>) -> Option<String> {
    e.loss_breaks.first().map(|(i, j)| format!("output {j} of sample {i} sits on a break of the loss"))
}

fn lambdas(case: &Case) -> (Vec<Q>, Vec<Q>) {
    (
        case.lifted.segments.iter().map(|s| s.lambda.clone()).collect(),
        case.lifted.segments.iter().map(|s| s.mu.clone()).collect(),
    )
}

/// Spec §3.2 items 1–3 (\[P3\] Lemma 3): on every training input, the original features and
/// error vectors are unchanged, the inserted features are D(W'f^\[q\] + b') + μ with feature
/// gradient λ, the inserted error vector is Vᵀ(z^\[q+1\] ∘ g^\[q+1\]), and outputs and loss agree.
pub fn identities(case: &Case) -> Recheck {
    let (deep, q) = (&case.lifted.deep, case.q);
    let (lambda, mu) = lambdas(case);
    let depth = case.narrow.depth();
    let to_deep = |l: usize| if l <= q { l } else { l + 1 };
    for (i, (x, y)) in case.data.inputs().iter().zip(case.data.targets()).enumerate() {
        let t = applies!(forward(&case.narrow, &case.act, x, i + 1));
        let td = applies!(forward(deep, &case.act, x, i + 1));
        let (b, bd) = (backward_with(&case.narrow, &t, y, &case.loss), backward_with(deep, &td, y, &case.loss));
        for l in 0..=depth {
            if t.f[l] != td.f[to_deep(l)] {
                return fail(format!("f'^[{}] = f^[{l}] at sample {}", to_deep(l), i + 1), "features differ");
            }
            if l >= 1 && b.z[l] != bd.z[to_deep(l)] {
                return fail(format!("z'^[{}] = z^[{l}] at sample {}", to_deep(l), i + 1), "error vectors differ");
            }
        }
        let ins = deep.layer(q + 1);
        let mut p = ins.weight.mul_vec(&t.f[q]);
        p.iter_mut().zip(ins.bias.as_ref().expect("lift has a bias")).for_each(|(a, c)| a.add_assign(c));
        let f_hat: Vec<Q> = p.iter().zip(&lambda).zip(&mu).map(|((a, l), m)| a.mul(l).add(m)).collect();
        if td.f[q + 1] != f_hat || td.g[q + 1] != lambda {
            return fail("inserted features D(W'f + b') + mu with gradient lambda", format!("sample {}", i + 1));
        }
        let e: Vec<Q> = b.z[q + 1].iter().zip(&t.g[q + 1]).map(|(z, g)| z.mul(g)).collect();
        if bd.z[q + 1] != deep.layer(q + 2).weight.tr_mul_vec(&e) {
            return fail("z'^[q^] = V^T (z^[q+1] o g^[q+1])", format!("sample {}", i + 1));
        }
    }
    Recheck::Holds
}

/// Spec §3.2 item 4: Ψ(θ') = θ, with the segments Ψ finds on the data equal to the lift's.
/// `unit_slope` is the negative control that merges with λ = 1.
pub fn merge_inverse(case: &Case, unit_slope: bool) -> Recheck {
    let k = case.q + 1;
    let merged = if unit_slope {
        let m = case.lifted.segments.len();
        super::super::psi(&case.lifted.deep, k, &vec![Q::one(); m], &vec![Q::zero(); m])
    } else {
        let m = applies!(merge(&case.lifted.deep, &case.act, &case.data, k));
        if m.segments != case.lifted.segments {
            return fail("the segments of the lift", "other segments found on the data");
        }
        m.params
    };
    if merged != case.narrow {
        return fail("Psi(theta') = theta", "Psi(theta') != theta");
    }
    Recheck::Holds
}

/// Spec §3.2 item 5: ∇R^deep(θ') = DΨ(θ')ᵀ ∇R(θ) (back-propagation on the deep net against dual
/// numbers through Ψ). `unit_slope` is the control that forgets D = diag(λ) in DΨ.
pub fn gradient_transfer(case: &Case, unit_slope: bool) -> Recheck {
    let (mut lambda, mut mu) = lambdas(case);
    if unit_slope {
        lambda.iter_mut().for_each(|l| *l = Q::one());
        mu.iter_mut().for_each(|m| *m = Q::zero());
    }
    let g = applies!(eval_at(case, &case.narrow)).gradient.flatten();
    let gd = applies!(eval_at(case, &case.lifted.deep)).gradient.flatten();
    let j = psi_jacobian(&case.lifted.deep, case.q + 1, &lambda, &mu);
    if j.tr_mul_vec(&g) != gd {
        return fail("grad R_deep = DPsi^T grad R", "the two sides differ");
    }
    Recheck::Holds
}

/// Spec §3.2 item 6: H^deep(θ') = DΨᵀ H(θ) DΨ + Σ_k g_k ∇²Ψ_k, exactly. `drop_curvature` is the
/// control that omits the second term (wrong wherever ∇R(θ) ≠ 0 on layer q+1).
pub fn hessian_identity(case: &Case, drop_curvature: bool) -> Recheck {
    let (lambda, mu) = lambdas(case);
    let k = case.q + 1;
    let e = applies!(eval_at(case, &case.narrow));
    if let Some(why) = on_loss_break(&e) {
        return Recheck::NotApplicable(why);
    }
    let h = applies!(loss_hessian(&case.narrow, &case.act, &case.loss, &case.data));
    let hd = applies!(loss_hessian(&case.lifted.deep, &case.act, &case.loss, &case.data));
    let g = e.gradient.flatten();
    let j = psi_jacobian(&case.lifted.deep, k, &lambda, &mu);
    let mut rhs = congruence(&j, &h);
    if !drop_curvature {
        let c = psi_curvature(&case.lifted.deep, k, &lambda, &mu, &g);
        rhs = add(&rhs, &c);
    }
    if rhs != hd {
        return fail("H_deep = DPsi^T H DPsi + sum_k g_k Hess Psi_k", "the two sides differ");
    }
    Recheck::Holds
}

fn add(a: &Matrix<Q>, b: &Matrix<Q>) -> Matrix<Q> {
    Matrix::from_vec(a.rows(), a.cols(), a.data().iter().zip(b.data()).map(|(x, y)| x.add(y)).collect())
}

/// \[P3\] Prop. 2 and Thm 1: at an exactly critical θ, θ' (and a second lifting of θ' after its
/// layer `q2`, J = 2) is exactly critical, with the same outputs on S_x.
pub fn criticality(case: &Case, q2: usize) -> Recheck {
    let ev = applies!(eval_at(case, &case.narrow));
    if !ev.gradient_is_zero() {
        return Recheck::NotApplicable("theta is not critical".into());
    }
    let twice = applies!(lift_layers(&case.lifted.deep, &case.act, &case.data, &[q2], Construction::Lemma));
    for (name, p) in [("theta'", &case.lifted.deep), ("two-layer lift", &twice)] {
        let evd = applies!(eval_at(case, p));
        if !evd.gradient_is_zero() {
            return fail(format!("grad R({name}) = 0"), "a nonzero gradient entry");
        }
        if evd.outputs != ev.outputs {
            return fail(format!("outputs of {name} = outputs of theta on S_x"), "outputs differ");
        }
    }
    Recheck::Holds
}

/// Inertia under exact lifting (spec §3.3): at a critical θ, n₊ and n₋ never grow, and when DΨ is
/// onto inertia(H^deep) = (n₊, n₋, n₀ + M' − M). `v3` is the control stating \[P3\] v3's claim that
/// a lifted local minimum (n₋ = 0) is a strict saddle (n₋ > 0).
pub fn inertia_under_lifting(case: &Case, v3: bool) -> Recheck {
    let ev = applies!(eval_at(case, &case.narrow));
    if !ev.gradient_is_zero() {
        return Recheck::NotApplicable("theta is not critical".into());
    }
    if let Some(why) = on_loss_break(&ev) {
        return Recheck::NotApplicable(why);
    }
    let i = inertia(&applies!(loss_hessian(&case.narrow, &case.act, &case.loss, &case.data)));
    let id = inertia(&applies!(loss_hessian(&case.lifted.deep, &case.act, &case.loss, &case.data)));
    if v3 {
        if i.negative != 0 {
            return Recheck::NotApplicable("theta is not a local minimum in the Hessian sense (n- > 0)".into());
        }
        return if id.negative > 0 {
            Recheck::Holds
        } else {
            fail("n-(H_deep) > 0 (strict saddle)", format!("inertia {id}"))
        };
    }
    if id.positive > i.positive || id.negative > i.negative {
        return fail(format!("n+, n- at most those of {i}"), format!("{id}"));
    }
    let (lambda, mu) = lambdas(case);
    let j = psi_jacobian(&case.lifted.deep, case.q + 1, &lambda, &mu);
    if rank(&j) == j.rows() {
        let dm = j.cols() - j.rows();
        let want = crate::linalg::Inertia::new(i.positive, i.negative, i.zero + dm);
        if id != want {
            return fail(format!("{want} (DPsi onto)"), format!("{id}"));
        }
    }
    Recheck::Holds
}

/// An input far from the data (coordinates ±(20 … 40)).
pub fn far_input(case: &Case, rng: &mut Rng) -> Choice {
    Choice::FarInput(
        (0..case.narrow.widths()[0]).map(|_| Q::int(if rng.coin() { 1 } else { -1 } * rng.range(20, 40))).collect(),
    )
}

/// A random nonempty subset of the samples (each kept on a coin flip; the first when none is).
pub fn subset(case: &Case, rng: &mut Rng) -> Choice {
    let keep: Vec<usize> = (0..case.data.len()).filter(|_| rng.coin()).collect();
    Choice::Subset(if keep.is_empty() { vec![0] } else { keep })
}

/// The layer after which [`criticality`] inserts a second layer into θ'.
pub fn second_lift(case: &Case, rng: &mut Rng) -> Choice {
    Choice::SecondLift(rng.below(case.lifted.deep.depth()))
}

/// \[P3\] Prop. 3: θ' ∈ T_S(θ) ⇒ θ' ∈ T_{S'}(θ) for the nonempty S' ⊆ S of `choice`
/// ([`Choice::Subset`]). The control (`choice` a [`Choice::FarInput`] x_far) claims the reverse
/// inclusion for S ∪ {x_far}.
pub fn data_dependence(case: &Case, choice: &Choice) -> Recheck {
    let (xs, ys) = (case.data.inputs(), case.data.targets());
    let (inputs, targets): (Vec<Vec<Q>>, Vec<Vec<Q>>) = match choice {
        Choice::FarInput(x) => {
            if x.len() != case.narrow.widths()[0] {
                return Recheck::NotApplicable("the far input does not fit the network".into());
            }
            let y = applies!(outputs(&case.narrow, &case.act, x, xs.len() + 1));
            (xs.iter().cloned().chain([x.clone()]).collect(), ys.iter().cloned().chain([y]).collect())
        }
        Choice::Subset(keep) => {
            (keep.iter().map(|&i| xs[i].clone()).collect(), keep.iter().map(|&i| ys[i].clone()).collect())
        }
        _ => {
            return Recheck::NotApplicable(
                "the case stores no subset of the data (or far input for the control)".into(),
            )
        }
    };
    let sub = Dataset::new(inputs, targets).expect("shapes fit");
    match check_membership(&case.narrow, &case.lifted.deep, &case.act, &sub, case.q) {
        Ok(_) => Recheck::Holds,
        Err(v) => fail("theta' in T_S'(theta)", v.to_string()),
    }
}

/// Negative control of output preservation: "θ' and θ agree at every input", tested at the far
/// input of `choice`.
pub fn outputs_everywhere(case: &Case, choice: &Choice) -> Recheck {
    let Choice::FarInput(x) = choice else { return Recheck::NotApplicable("the case stores no far input".into()) };
    if x.len() != case.narrow.widths()[0] {
        return Recheck::NotApplicable("the far input does not fit the network".into());
    }
    let f = applies!(outputs(&case.narrow, &case.act, x, 1));
    let fd = applies!(outputs(&case.lifted.deep, &case.act, x, 1));
    if f != fd {
        return fail("equal outputs off the data", format!("at x = {x:?}: {f:?} vs {fd:?}"));
    }
    Recheck::Holds
}

/// \[P3\] Eq. 1 on an exact lift: the inserted layer has MPC = 1 (ρ² = 1 for every neuron that is
/// not constant on the data).
pub fn inserted_layer_mpc(case: &Case) -> Recheck {
    let layers = applies!(mpc::mpc(&case.lifted.deep, &case.act, case.data.inputs()));
    let l = &layers[case.q];
    match &l.min_rho2 {
        Some(r) if *r != Q::one() => fail("MPC^2 = 1 on the inserted layer", r.to_canonical()),
        _ => Recheck::Holds,
    }
}

/// Negative control of [`criticality`]: θ' with the outgoing weights V of the inserted layer
/// doubled, so that the lift no longer reproduces layer q+1 on the data. Condition (iii) of \[P3\]
/// Def. 3 (V D W' = W^\[q+1\], V(D b' + μ) + c = b^\[q+1\]) then fails: on S_x the old layer q+1 gets
/// the pre-activation 2V(D(W'f + b') + μ) + c = 2(W f + b) − c instead of W f + b. The outputs on
/// S_x move (unless the layers above flatten the change), and at a critical θ with nonzero loss
/// the gradient of the moved point is in general not zero. Not applicable when a pre-activation of
/// the changed network lands on a kink (the exact gradient is not defined there).
pub fn criticality_doubled_outgoing(case: &Case) -> Recheck {
    let ev = applies!(eval_at(case, &case.narrow));
    if !ev.gradient_is_zero() {
        return Recheck::NotApplicable("theta is not critical".into());
    }
    let mut deep = case.lifted.deep.clone();
    let next = &mut deep.layer_mut(case.q + 2).weight;
    for i in 0..next.rows() {
        for j in 0..next.cols() {
            let doubled = next.get(i, j).add(next.get(i, j));
            next.set(i, j, doubled);
        }
    }
    let evd = applies!(eval_at(case, &deep));
    if !evd.kinks.is_empty() {
        return Recheck::NotApplicable("a pre-activation of the changed network sits on the kink of sigma".into());
    }
    if !evd.gradient_is_zero() {
        return fail("grad R(theta') = 0", "a nonzero gradient entry");
    }
    if evd.outputs != ev.outputs {
        return fail("outputs of theta' = outputs of theta on S_x", "outputs differ");
    }
    Recheck::Holds
}

/// Negative control of [`inserted_layer_mpc`]: a wrongly inserted layer, whose neurons are not
/// affine on the data. Each inserted neuron j with at least three distinct pre-activations
/// p_(1) < p_(2) < … on S_x gets its bias lowered by (p_(1) + p_(2))/2, so that p_(1) falls left
/// of the kink of σ at 0 and the others right of it. The points (p, σ(p)) then do not lie on one
/// line: those right of 0 lie on y = p, and (p_(1), a·p_(1)) with slope a ≠ 1 (ReLU 0, leaky 1/2)
/// and p_(1) ≠ 0 does not. By the equality case of Cauchy–Schwarz ρ² < 1, so MPC < 1. Not
/// applicable for the identity σ (no kink) or when no neuron has three distinct pre-activations.
pub fn straddling_layer_mpc(case: &Case) -> Recheck {
    if matches!(&case.act, ExactActivation::Piecewise(p) if p.is_identity()) {
        return Recheck::NotApplicable("sigma is the identity: no kink to straddle".into());
    }
    let k = case.q + 1;
    let mut pre: Vec<Vec<Q>> = vec![Vec::new(); case.lifted.deep.layer(k).width()];
    for (i, x) in case.data.inputs().iter().enumerate() {
        let t = applies!(forward(&case.lifted.deep, &case.act, x, i + 1));
        pre.iter_mut().zip(&t.pre[k]).for_each(|(v, p)| v.push(p.clone()));
    }
    let mut deep = case.lifted.deep.clone();
    let mut moved = false;
    for (j, mut v) in pre.into_iter().enumerate() {
        v.sort();
        v.dedup();
        if v.len() >= 3 {
            let mid = v[0].add(&v[1]).div(&Q::int(2)).expect("2 ≠ 0");
            let b = &mut deep.layer_mut(k).bias.as_mut().expect("lift has a bias")[j];
            *b = b.sub(&mid);
            moved = true;
        }
    }
    if !moved {
        return Recheck::NotApplicable("no inserted neuron has three distinct pre-activations on the data".into());
    }
    let layers = applies!(mpc::mpc(&deep, &case.act, case.data.inputs()));
    match &layers[case.q].min_rho2 {
        Some(r) if *r != Q::one() => fail("MPC^2 = 1 on the inserted layer", r.to_canonical()),
        _ => Recheck::Holds,
    }
}
