//! Enclosures of ℓ and ∇_f ℓ over boxes of outputs and targets, for the rigorous f64 path
//! ([`crate::net::enclose_gradient_with`]): for every f in the intervals `f` and y in `y`, ℓ(f, y)
//! and ∇_f ℓ(f, y) lie in the intervals [`enclose_loss`] returns.
//!
//! - **mse, poly**: the formulas in interval arithmetic (no branches);
//! - **huber**: with c = clamp(r, −δ, δ), ∂ℓ = c and ℓ = ½c² + δ(|r| − |c|) for every r (both
//!   pieces agree with this form); clamp is monotone in r and in δ, so its enclosure is the hull of
//!   clamping the ends of r at the ends of δ's enclosure — a box straddling the break is covered;
//! - **squared hinge**: with m = max(0, 1 − y f) (monotone), ℓ = m², ∂ℓ = −2y m;
//! - **logistic**: ∂ℓ = s(f) − y with the sigmoid enclosure of [`enclose_jet`] (proved from the
//!   tanh kernel), ℓ = softplus(f) − y f with its softplus enclosure (libm assumption stated there);
//! - **cross-entropy**: p_j = 1/(1 + Σ_{k≠j} e^{f_k − f_j}) with e^t = s(t)/s(−t) from the proved
//!   sigmoid enclosures (an upper end +∞ when s(−t) may underflow to 0), ∂ℓ = p − y, and
//!   ℓ = Σ_j y_j ln(1/p_j) (rows of y sum to 1) with ln from libm widened by 32u relative,
//!   **assuming** libm's `ln` within 4 ulps as the softplus enclosure does.

use super::{ExactLoss, FloatLoss, Loss, LossFn};
use crate::activation::{enclose_jet, Activation, FloatActivation};
use crate::scalar::round::{add_up, div_down, div_up, max, min, mul_up, sub_down};
use crate::scalar::{Interval, Ring};

/// The sigmoid's value enclosure over `t`.
fn sigmoid(t: &Interval) -> Interval {
    enclose_jet(&Activation::Float(FloatActivation::Sigmoid), t).map_or_else(|_| Interval::nan(), |j| j.value)
}

/// {e^t : t ∈ T} as s(t)/s(−t).
fn exp(t: &Interval) -> Interval {
    let (num, den) = (sigmoid(t), sigmoid(&t.neg()));
    let lo = div_down(num.lo().max(0.0), den.hi());
    let hi = if den.lo() > 0.0 { div_up(num.hi(), den.lo()) } else { f64::INFINITY };
    Interval::new(lo, hi)
}

/// {ln x : x ∈ X} for X ⊂ [1, ∞), from libm widened by 32u relative (module docs).
fn ln_at_least_one(x: &Interval) -> Interval {
    let rel = 32.0 * (f64::EPSILON / 2.0);
    let (a, b) = (x.lo().max(1.0).ln(), x.hi().ln());
    Interval::new(sub_down(a, mul_up(a, rel)).max(0.0), add_up(b, mul_up(b, rel)))
}

/// {|r| : r ∈ R}.
fn abs(r: &Interval) -> Interval {
    if r.lo() >= 0.0 {
        *r
    } else if r.hi() <= 0.0 {
        r.neg()
    } else {
        Interval::new(0.0, max(-r.lo(), r.hi()))
    }
}

/// {clamp(r, −d, d) : r ∈ R, d ∈ D} for D > 0.
fn clamp(r: &Interval, d: &Interval) -> Interval {
    let c = |x: f64, dd: f64| x.clamp(-dd, dd);
    Interval::new(min(c(r.lo(), d.lo()), c(r.lo(), d.hi())), max(c(r.hi(), d.lo()), c(r.hi(), d.hi())))
}

/// Enclosures of ℓ(f, y) and ∇_f ℓ(f, y) over the boxes `f`, `y` (module docs).
///
/// # Panics
/// If the lengths differ.
pub fn enclose_loss(loss: &Loss, f: &[Interval], y: &[Interval]) -> (Interval, Vec<Interval>) {
    assert_eq!(f.len(), y.len(), "output and target lengths");
    let half = Interval::point(0.5);
    match loss {
        Loss::Exact(e @ (ExactLoss::Mse | ExactLoss::Poly(_))) => (e.value(f, y), e.gradient(f, y)),
        Loss::Exact(ExactLoss::Huber(delta)) => {
            let d = Interval::from_q(delta);
            let mut value = Interval::zero();
            let mut grad = Vec::with_capacity(f.len());
            for (fj, yj) in f.iter().zip(y) {
                let r = fj.sub(yj);
                let c = clamp(&r, &d);
                value = value.add(&c.sqr().mul(&half)).add(&d.mul(&abs(&r).sub(&abs(&c))));
                grad.push(c);
            }
            (value, grad)
        }
        Loss::Exact(ExactLoss::SquaredHinge) => {
            let mut value = Interval::zero();
            let mut grad = Vec::with_capacity(f.len());
            for (fj, yj) in f.iter().zip(y) {
                let u = Interval::one().sub(&yj.mul(fj));
                let m = Interval::new(u.lo().max(0.0), u.hi().max(0.0));
                value = value.add(&m.sqr());
                grad.push(yj.mul(&m).scale(-2.0));
            }
            (value, grad)
        }
        Loss::Float(FloatLoss::Logistic) => {
            let sp = enclose_jet(&Activation::Float(FloatActivation::Softplus), &f[0])
                .map_or_else(|_| Interval::nan(), |j| j.value);
            (sp.sub(&y[0].mul(&f[0])), vec![sigmoid(&f[0]).sub(&y[0])])
        }
        Loss::Float(FloatLoss::CrossEntropy) => {
            let mut value = Interval::zero();
            let mut grad = Vec::with_capacity(f.len());
            for (j, (fj, yj)) in f.iter().zip(y).enumerate() {
                // 1/p_j = 1 + Σ_{k≠j} e^{f_k − f_j} ≥ 1.
                let mut inv_p = Interval::one();
                for (k, fk) in f.iter().enumerate() {
                    if k != j {
                        inv_p = inv_p.add(&exp(&fk.sub(fj)));
                    }
                }
                let inv_p = Interval::new(inv_p.lo().max(1.0), inv_p.hi());
                let p = Interval::new(div_down(1.0, inv_p.hi()), div_up(1.0, inv_p.lo()).min(1.0));
                grad.push(p.sub(yj));
                if !yj.is_zero() {
                    value = value.add(&yj.mul(&ln_at_least_one(&inv_p)));
                }
            }
            (value, grad)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Polynomial;
    use crate::scalar::Q;

    fn pt(x: f64) -> Interval {
        Interval::point(x)
    }

    #[test]
    fn every_enclosure_contains_the_float_value_and_gradient() {
        let losses = [
            Loss::Exact(ExactLoss::Mse),
            Loss::Exact(ExactLoss::Poly(Polynomial::new(vec![Q::zero(), Q::new(1, 3), Q::new(-1, 2), Q::one()]))),
            Loss::Exact(ExactLoss::Huber(Q::new(1, 3))),
            Loss::Exact(ExactLoss::SquaredHinge),
            Loss::Float(FloatLoss::CrossEntropy),
        ];
        let f = [0.25, -1.5, 3.0];
        let y_pm = [1.0, -1.0, -1.0];
        let y_prob = [0.0, 1.0, 0.0];
        for loss in &losses {
            let y: &[f64] = if matches!(loss, Loss::Float(_)) { &y_prob } else { &y_pm };
            let (v, g) = enclose_loss(loss, &f.map(pt), &y.iter().map(|&t| pt(t)).collect::<Vec<_>>());
            // The float evaluation rounds; its error here is far below the enclosure's width
            // only when the enclosure is not a point, so compare with a few ulps of room.
            let fv = loss.value(&f, y);
            assert!(v.lo() <= fv + 1e-14 && fv - 1e-14 <= v.hi(), "{loss:?} value {fv} not in {v:?}");
            for (gi, fg) in g.iter().zip(loss.gradient(&f, y)) {
                assert!(gi.lo() <= fg + 1e-14 && fg - 1e-14 <= gi.hi(), "{loss:?} gradient {fg} not in {gi:?}");
                assert!(gi.hi() - gi.lo() < 1e-12, "{loss:?}: a point box gives a tight enclosure, {gi:?}");
            }
        }
        let (_, g) = enclose_loss(&Loss::Float(FloatLoss::Logistic), &[pt(0.0)], &[pt(1.0)]);
        assert!(g[0].contains(-0.5));
    }

    #[test]
    fn a_huber_box_straddling_the_break_encloses_both_pieces() {
        // r ∈ [0.4, 0.6] with δ = 1/2: ∂ℓ ranges over [0.4, 0.5].
        let (_, g) = enclose_loss(&Loss::Exact(ExactLoss::Huber(Q::new(1, 2))), &[Interval::new(0.4, 0.6)], &[pt(0.0)]);
        assert!(g[0].contains(0.4) && g[0].contains(0.5) && !g[0].contains(0.55));
    }
}
