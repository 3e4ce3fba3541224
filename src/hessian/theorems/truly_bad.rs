//! \[P2\] Thm 6.3 as catalogue checks with negative controls (width-depth spec §2.5, §6 item 9).
//!
//! - `hessian.truly_bad.global_saddle`: at a generated critical point with H_S ⪰ 0 and
//!   H^(2) ≠ 0, the direction u of Lemma 6.1/6.2 has uᵀH_wide u equal to the predicted value
//!   (−c/2, 2c or 2vᵀH̃^(2)v) exactly and negative at T_global(θ_c), n₋(H_wide) ≥ 1 by exact
//!   inertia. (That the certificate also passes
//!   [`verify`](crate::hessian::certificate::verify) is tested on the spec's examples; the
//!   catalogue skips it to stay fast.)
//!   Control `…control.coefficients_111`: coefficients (1, 1, 1) instead of the lemma's; then the
//!   Gauss–Newton part no longer cancels and uᵀH_wide u = vᵀH_S v ≥ 0 (derived in
//!   [`crate::hessian::truly_bad::global`]), so the claimed value is wrong.
//! - `hessian.truly_bad.zero_loss`: at a zero-loss critical point (a global minimum) H^(2) = 0
//!   exactly, no certificate is produced, and n₋(H_wide(T_global(θ))) = 0.
//!   Control `…control.certificate_at_zero_loss`: claims a T_global certificate there anyway
//!   (v = e_1, coefficients (½, ½, 1)); its uᵀH_wide u is not negative.
//!
//! Cases: σ ∈ {t + t³, t + t²/2, t + t² + t³}, input dimension max(2, h) (the Pitfall of spec §2.6:
//! with 1-D inputs low-degree nets often force H^(2) = 0, and so do 2-D inputs once h ≥ 3: the
//! h(m_0 + 2) + 1 tangent functions then span every cubic in two variables); widths
//! (max(2, h), h, m_L) with h up to the width passed (capped by [`WIDTHS`]: T_global triples every
//! hidden layer and the check takes the exact inertia of the wide Hessian) and m_L ≤ 2, or
//! (2, 1, 1, 1); entries p/q with |p| ≤ 1 ≠ 0, q ≤ 2; distinct inputs.
//! Nonzero-loss points follow the spec's recipe: residual r = b_i ± b_j for two vectors of a basis
//! of the left null space of J, targets f − t·r, with t = 1, 1/2, 1/4, … the first making
//! H^(1) + tH^(2)(r) ⪰ 0 (exact inertia).

use crate::activation::{Activation, ExactActivation};
use crate::critical::{output_jacobian, random_params};
use crate::data::Dataset;
use crate::embed::{global_splitting, Shape};
use crate::hessian::hessian_exact_with;
use crate::hessian::truly_bad::global::{
    global_certificate_along, global_certificate_with, global_direction, residual_hessian, residual_hessian_with,
    GlobalDirection,
};
use crate::io::case::{stored_step, STEP_KEY};
use crate::io::{data_and_loss_to_json, network_to_json};
use crate::linalg::{inertia_certified, left_null_space, Matrix};
use crate::loss::draw::case_loss;
use crate::loss::{ExactLoss, Loss};
use crate::net::{distinct_residuals, evaluate_with, outputs, Network, Params};
use crate::rng::Rng;
use crate::scalar::{Field, Ring, Q};
use crate::theorem::{Counterexample, Evidence, Meta, Outcome, Recheck, Size, Theorem, WidthRule};

/// The width rule of `hessian.truly_bad.*` and their controls (h ≤ the cap).
pub const WIDTHS: WidthRule = WidthRule::Capped {
    max: 5,
    reason: "T_global triples every hidden layer (and m_0 grows with h): at width 6 single cases take up to 0.9 s, \
             at width 8 up to 4 s",
};
use serde_json::json;

fn activation(rng: &mut Rng) -> Activation {
    let c: &[(i64, i64)] = match rng.below(3) {
        0 => &[(0, 1), (1, 1), (0, 1), (1, 1)],
        1 => &[(0, 1), (1, 1), (1, 2)],
        _ => &[(0, 1), (1, 1), (1, 1), (1, 1)],
    };
    Activation::poly(c.iter().map(|&(n, d)| Q::new(n, d)).collect())
}

fn widths(rng: &mut Rng, size: Size) -> Vec<usize> {
    let h = size.max_width.max(1);
    let out = if rng.below(4) == 0 { 2 } else { 1 };
    if size.max_depth >= 3 && rng.below(3) == 0 {
        vec![2, 1, 1, 1]
    } else {
        // m_0 = max(2, h) (module docs: with 2-D inputs and h ≥ 3 the tangent space holds every
        // cubic and H^(2) = 0 at every critical point).
        let hidden = 1 + rng.below(h);
        vec![hidden.max(2), hidden, out]
    }
}

/// A generated exact critical point: zero loss (`zero_loss`) or nonzero loss with H_S ⪰ 0.
/// `Err(reason)` when the case does not meet the hypotheses.
fn case(rng: &mut Rng, size: Size, zero_loss: bool) -> Result<(Network<Q>, Dataset<Q>), crate::theorem::Inapplicable> {
    let activation = activation(rng);
    let act = activation.exact().expect("polynomial").clone();
    let w = widths(rng, size);
    // No zero entries: a zero weight makes J rank-deficient (e.g. v = 0 kills the hidden
    // neuron's columns), and then no residual scale makes H_S ⪰ 0.
    let params = random_params(rng, &w, 1).map(|x| if x.is_zero() { rng.small_nonzero_q(2, 2) } else { x.clone() });
    let m_out = w[w.len() - 1];
    let n = params.num_params() / m_out + 1;
    // Distinct inputs: a repeated input x_i = x_j puts e_i − e_j in the left null space of J, a
    // residual whose H^(2) cancels, and makes J rank-deficient sooner.
    let mut inputs: Vec<Vec<Q>> = Vec::with_capacity(n);
    while inputs.len() < n {
        let x: Vec<Q> = (0..w[0]).map(|_| rng.small_q(2, 2)).collect();
        if !inputs.contains(&x) {
            inputs.push(x);
        }
    }
    let f: Vec<Vec<Q>> = inputs
        .iter()
        .enumerate()
        .map(|(i, x)| outputs(&params, &act, x, i + 1))
        .collect::<Result<_, _>>()
        .expect("no pole");
    let net = Network { activation, params };
    if zero_loss {
        return Ok((net, Dataset::new(inputs, f).expect("shapes fit")));
    }
    let j = output_jacobian(&net.params, &act, &inputs).expect("no pole");
    let basis = left_null_space(&j);
    if basis.is_empty() {
        return Err("J has full row rank: no nonzero critical residual".into());
    }
    // r = b_i ± b_j for two random basis vectors (a single rref basis vector is often sparse).
    let i = rng.below(basis.len());
    let mut r = basis[i].clone();
    if basis.len() > 1 {
        let j = (i + 1 + rng.below(basis.len() - 1)) % basis.len();
        let c = if rng.coin() { Q::one() } else { Q::int(-1) };
        r.iter_mut().zip(&basis[j]).for_each(|(ri, bj)| ri.add_assign(&c.mul(bj)));
    }
    let targets_at = |t: &Q| -> Vec<Vec<Q>> {
        f.iter()
            .enumerate()
            .map(|(i, fi)| fi.iter().enumerate().map(|(k, v)| v.sub(&t.mul(&r[i * m_out + k]))).collect())
            .collect()
    };
    let data1 = Dataset::new(inputs.clone(), targets_at(&Q::one())).expect("shapes fit");
    let h2 = residual_hessian(&net.params, &act, &data1).expect("no pole");
    let inv = Q::from_i64(n as i64).inv().expect("n ≥ 1");
    let h1 = j.transpose().mul(&j).map(|v| v.mul(&inv));
    let mut t = Q::one();
    for _ in 0..8 {
        let h = Matrix::from_vec(
            h1.rows(),
            h1.cols(),
            h1.data().iter().zip(h2.data()).map(|(a, b)| a.add(&t.mul(b))).collect(),
        );
        if inertia_certified(&h).0.negative == 0 {
            return Ok((net, Dataset::new(inputs, targets_at(&t)).expect("shapes fit")));
        }
        t = t.mul(&Q::new(1, 2));
    }
    Err("no residual scale 2^-k (k < 8) makes H_S ⪰ 0".into())
}

/// A generated case: θ_c with σ, S, and the loss ℓ it is critical for.
type Case = (Network<Q>, Dataset<Q>, ExactLoss);

fn fails(expected: String, computed: String, (net, data, ell): (&Network<Q>, &Dataset<Q>, &ExactLoss)) -> Outcome {
    let data = data_and_loss_to_json(data, &Loss::Exact(ell.clone()));
    Outcome::Fails(Box::new(Counterexample {
        expected,
        computed,
        case: json!({"network": network_to_json(net), "data": data, STEP_KEY: "T_global"}),
    }))
}

fn wide_negative(net: &Network<Q>, act: &ExactActivation, ell: &ExactLoss, data: &Dataset<Q>) -> usize {
    let wide = global_splitting::<Q>(&Shape::of(&net.params))
        .expect("hidden layer, biases")
        .apply(&net.params)
        .expect("shape");
    inertia_certified(&hessian_exact_with(&wide, act, ell, data).expect("no pole")).0.negative
}

fn is_critical(p: &Params<Q>, act: &ExactActivation, ell: &ExactLoss, data: &Dataset<Q>) -> bool {
    evaluate_with(p, act, ell, data).expect("no pole").gradient_is_zero()
}

/// H_S ⪰ 0 for the loss ℓ (exact inertia).
fn positive_semidefinite(p: &Params<Q>, act: &ExactActivation, ell: &ExactLoss, data: &Dataset<Q>) -> bool {
    inertia_certified(&hessian_exact_with(p, act, ell, data).expect("no pole")).0.negative == 0
}

/// The loss of a generated ½-MSE critical point ([`case_loss`]: one with ∇ℓ = r at its residuals,
/// so θ_c stays critical), or why none fits.
fn draw_loss(
    rng: &mut Rng,
    size: Size,
    net: &Network<Q>,
    data: Dataset<Q>,
) -> Result<Case, crate::theorem::Inapplicable> {
    let act = net.activation.exact().expect("exact");
    let rs = distinct_residuals(&net.params, act, &data)?;
    let (ell, data) = case_loss(rng, size.loss, Some(&rs), &data)?;
    Ok((net.clone(), data, ell))
}

/// `hessian.truly_bad.global_saddle` and its control (`all_ones`: coefficients (1, 1, 1)).
pub struct GlobalSaddle {
    all_ones: bool,
}

impl GlobalSaddle {
    /// The theorem.
    pub const THEOREM: GlobalSaddle = GlobalSaddle { all_ones: false };
    /// Its control (coefficients (1, 1, 1)).
    pub const CONTROL: GlobalSaddle = GlobalSaddle { all_ones: true };
}

impl Theorem for GlobalSaddle {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.all_ones {
                "hessian.truly_bad.global_saddle.control.coefficients_111"
            } else {
                "hessian.truly_bad.global_saddle"
            },
            statement: "at a critical point with H_S ⪰ 0 and H^(2) ≠ 0, T_global(θ_c) is a strict saddle: the direction of Lemma 6.1/6.2 gives uᵀH_wide u = −c/2, 2c or 2vᵀH̃^(2)v exactly",
            source: "[P2] §6.3 Thm 6.3, Lemmas 6.1–6.2",
            hypotheses: "θ_c an exact critical point of R_S for ℓ, H_S(θ_c) ⪰ 0, H^(2)(θ_c) = (1/n)Σ ∂ℓ/∂f ∇²f ≠ 0, σ polynomial (C²), biases in every layer",
            widths: WIDTHS,
            // Every loss: ℓ enters through ∂ℓ/∂f (H^(2)) and ℓ'' (the Gauss–Newton part), drawn per case.
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (net, data, ell) = match case(rng, size, false).and_then(|(net, data)| draw_loss(rng, size, &net, data)) {
            Ok(c) => c,
            Err(why) => return Outcome::NotApplicable(why.to_string()),
        };
        let act = net.activation.exact().expect("exact").clone();
        if !is_critical(&net.params, &act, &ell, &data) {
            return fails("a critical point (generator)".into(), "nonzero gradient".into(), (&net, &data, &ell));
        }
        if !positive_semidefinite(&net.params, &act, &ell, &data) {
            return Outcome::NotApplicable("H_S is not positive semidefinite under the drawn loss".into());
        }
        self.judge(&net, &data, &ell)
    }
    /// Reads the stored network and data, requires the hypotheses the generator guarantees (σ
    /// polynomial, biases in every layer, θ_c exactly critical, H_S(θ_c) ⪰ 0 by exact inertia)
    /// and judges again (uᵀH_wide u by forward-over-forward duals, as the check).
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let (net, data, ell) = match stored_case(case)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let act = net.activation.exact().expect("polynomial").clone();
        if !is_critical(&net.params, &act, &ell, &data) {
            return Ok(Recheck::NotApplicable("θ_c is not exactly critical".into()));
        }
        if !positive_semidefinite(&net.params, &act, &ell, &data) {
            return Ok(Recheck::NotApplicable("H_S(θ_c) is not positive semidefinite".into()));
        }
        Ok(Recheck::of(self.judge(&net, &data, &ell)))
    }
}

/// Reads a stored truly-bad case (`network`, `data` with its loss, `operator`: "T_global"); the
/// inner error unless σ is a polynomial and every layer has a bias.
fn stored_case(case: &serde_json::Value) -> crate::theorem::stored::Read<Case> {
    use crate::theorem::stored::{data_and_loss, network};
    let (net, (data, ell)) = (network(case, "network")?, data_and_loss(case, "data")?);
    if stored_step(case).and_then(serde_json::Value::as_str) != Some("T_global") {
        return Err(format!("`{STEP_KEY}`: expected \"T_global\"").into());
    }
    if let Err(why) = crate::hessian::reverify::polynomial(&net) {
        return Ok(Err(why));
    }
    if net.params.layers().iter().any(|l| l.bias.is_none()) {
        return Ok(Err("T_global needs a bias in every layer".into()));
    }
    Ok(Ok((net, data, ell)))
}

impl GlobalSaddle {
    /// At a critical point with H_S ⪰ 0: the Lemma 6.1/6.2 direction has the predicted negative
    /// uᵀH_wide u, and n₋(H_wide) ≥ 1.
    fn judge(&self, net: &Network<Q>, data: &Dataset<Q>, ell: &ExactLoss) -> Outcome {
        let act = net.activation.exact().expect("exact").clone();
        let h2 = residual_hessian_with(&net.params, &act, ell, data).expect("no pole");
        if h2.is_zero() {
            return Outcome::NotApplicable("H^(2) = 0 at this critical point".into());
        }
        let Some(mut d): Option<GlobalDirection> = global_direction(&h2, &Shape::of(&net.params)) else {
            return fails("a Lemma 6.1/6.2 direction (H^(2) ≠ 0)".into(), "none".into(), (net, data, ell));
        };
        if self.all_ones {
            d.coefficients = [Q::one(), Q::one(), Q::one()];
        }
        let cert = global_certificate_along(net, data, ell, d).expect("T_global defined");
        let (want, got) = (&cert.direction.predicted, &cert.curvature);
        if got != want || got.signum() >= 0 {
            return fails(
                format!("uᵀH_wide u = {want} < 0 ({})", cert.direction.lemma.name()),
                format!("{got}"),
                (net, data, ell),
            );
        }
        let neg = wide_negative(net, &act, ell, data);
        if neg == 0 {
            return fails("n₋(H_wide) ≥ 1".into(), "n₋ = 0".into(), (net, data, ell));
        }
        Outcome::Holds(Evidence::CheckedExactly)
    }
}

/// `hessian.truly_bad.zero_loss` and its control (`claim`: a certificate claimed anyway).
pub struct ZeroLoss {
    claim: bool,
}

impl ZeroLoss {
    /// The theorem.
    pub const THEOREM: ZeroLoss = ZeroLoss { claim: false };
    /// Its control (a certificate claimed at zero loss).
    pub const CONTROL: ZeroLoss = ZeroLoss { claim: true };
}

impl Theorem for ZeroLoss {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.claim {
                "hessian.truly_bad.zero_loss.control.certificate_at_zero_loss"
            } else {
                "hessian.truly_bad.zero_loss"
            },
            statement: "at a zero-loss critical point H^(2) = 0, Thm 6.3 gives no certificate and T_global(θ) has no negative direction",
            source: "[P2] §6.3 (H^(2) = 0 at global minima)",
            hypotheses: "zero loss (targets = outputs); at zero residual ∇ℓ = 0 and ∇²ℓ = s·I, s > 0; σ polynomial, biases in every layer",
            widths: WIDTHS,
            // Every loss: ℓ enters through ∂ℓ/∂f (H^(2)) and ℓ'' (the Gauss–Newton part), drawn per case.
            loss: crate::theorem::LossUse::Drawn,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let (net, data) = case(rng, size, true).expect("zero-loss cases always exist");
        match case_loss(rng, size.loss, Some(&[Q::zero()]), &data) {
            Ok((ell, data)) => self.judge(&net, &data, &ell),
            Err(why) => Outcome::NotApplicable(why.to_string()),
        }
    }
    /// Reads the stored network and data, requires zero loss exactly (σ polynomial, biases in
    /// every layer) and judges again.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        let (net, data, ell) = match stored_case(case)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        if ell.zero_residual_curvature().is_none() {
            return Ok(Recheck::NotApplicable("the loss has no positive curvature s·I at zero residual".into()));
        }
        if !crate::hessian::reverify::zero_loss(&net, &data)? {
            return Ok(Recheck::NotApplicable("the case does not have zero loss".into()));
        }
        Ok(Recheck::of(self.judge(&net, &data, &ell)))
    }
}

impl ZeroLoss {
    /// At a zero-loss point: H^(2) = 0, no certificate, n₋(H_wide) = 0 (the control: a claimed
    /// certificate with uᵀH_wide u < 0).
    fn judge(&self, net: &Network<Q>, data: &Dataset<Q>, ell: &ExactLoss) -> Outcome {
        let act = net.activation.exact().expect("exact").clone();
        if self.claim {
            let m = net.params.num_params();
            let mut v = vec![Q::zero(); m];
            v[0] = Q::one();
            let half = Q::new(1, 2);
            let d = GlobalDirection {
                lemma: crate::hessian::truly_bad::GlobalLemma::HiddenBlock,
                v,
                value: Q::zero(),
                coefficients: [half.clone(), half, Q::one()],
                predicted: Q::zero(),
            };
            let cert = global_certificate_along(net, data, ell, d).expect("T_global defined");
            if cert.curvature.signum() >= 0 {
                let got = format!("{}", cert.curvature);
                return fails("uᵀH_wide u < 0 (claimed certificate)".into(), got, (net, data, ell));
            }
            return Outcome::Holds(Evidence::CheckedExactly);
        }
        if !residual_hessian_with(&net.params, &act, ell, data).expect("no pole").is_zero() {
            return fails("H^(2) = 0 at zero loss".into(), "H^(2) ≠ 0".into(), (net, data, ell));
        }
        if global_certificate_with(net, data, ell).expect("T_global defined").is_some() {
            return fails("no certificate".into(), "a certificate".into(), (net, data, ell));
        }
        let neg = wide_negative(net, &act, ell, data);
        if neg != 0 {
            return fails("n₋(H_wide) = 0 (a global minimum)".into(), format!("n₋ = {neg}"), (net, data, ell));
        }
        Outcome::Holds(Evidence::CheckedExactly)
    }
}

/// The truly-bad theorems of the catalogue (listed by [`super::theorems`]).
pub fn theorems() -> Vec<Box<dyn Theorem>> {
    vec![Box::new(GlobalSaddle::THEOREM), Box::new(ZeroLoss::THEOREM)]
}

/// Their negative controls (each must fail on some generated case; listed by
/// [`super::controls`]).
pub fn controls() -> Vec<Box<dyn Theorem>> {
    vec![Box::new(GlobalSaddle::CONTROL), Box::new(ZeroLoss::CONTROL)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hessian::truly_bad::global::GlobalLemma;

    /// The generator reaches \[P2\] Lemma 6.2 (hidden block of H^(2) zero, cross block not), and
    /// there the theorem holds: the predicted uᵀH_wide u is the computed one and negative.
    /// Why it is reached: for widths (2, 1, 2) every residual r_i = t_i v⊥ (v = W^\[2\], v⊥ ⊥ v)
    /// with Σ t_i = Σ t_i σ(p_i) = 0 is critical (Jᵀr = 0) and has Vᵀr_i = 0, which makes the
    /// hidden block E_S\[(Vᵀr_i) σ''(p_i) x̃_i x̃_iᵀ\] vanish; with n = 4 samples these residuals
    /// fill most of J's left null space (22 of the first 300 seeds were such cases).
    #[test]
    fn generated_cases_reach_lemma_6_2_and_the_theorem_holds_there() {
        let (mut cross, mut hidden) = (0, 0);
        for seed in 0..120 {
            let mut rng = Rng::new(seed);
            let Ok((net, data)) = case(&mut rng, Size::default(), false) else { continue };
            let act = net.activation.exact().unwrap().clone();
            let h2 = residual_hessian(&net.params, &act, &data).unwrap();
            let Some(d) = global_direction(&h2, &Shape::of(&net.params)) else { continue };
            match d.lemma {
                GlobalLemma::CrossBlock => {
                    cross += 1;
                    let cert = global_certificate_along(&net, &data, &ExactLoss::Mse, d).unwrap();
                    assert_eq!(cert.curvature, cert.direction.predicted, "seed {seed}");
                    assert!(cert.curvature.signum() < 0, "seed {seed}");
                }
                GlobalLemma::HiddenBlock => hidden += 1,
            }
        }
        assert!(cross > 0 && hidden > 0, "Lemma 6.2 cases: {cross}, Lemma 6.1 cases: {hidden}");
    }
}
