//! [`LossFn`] for [`ExactLoss`] over any field: field operations only, with the side of a
//! piecewise loss decided by the sign of the primal value (as ReLU's side is).
//!
//! Derivatives, per output j with r = f_j − y_j (independent of the code below; the tests check
//! them by hand and against dual numbers):
//! - mse: ℓ = ½r², ∂ℓ = r, ∂²ℓ = 1;
//! - poly: ℓ = p(r), ∂ℓ = p'(r), ∂²ℓ = p''(r);
//! - huber: |r| ≤ δ: ½r², r, 1; |r| > δ: δ(|r| − ½δ), δ·sign r, 0;
//! - squared hinge with u = 1 − y_j f_j: u ≥ 0: u², −2y_j u, 2y_j²; u < 0: 0, 0, 0.

use super::{ExactLoss, LossFn};
use crate::scalar::{Field, Ring, Q};
use std::cmp::Ordering;

/// The three derivatives of one output's term at f_j, y_j: (ℓ_j, ∂ℓ_j, ∂²ℓ_j), and whether f_j is
/// on a break.
fn term<S: Field>(loss: &ExactLoss, f: &S, y: &S) -> (S, S, S, bool) {
    let half = S::from_q(&Q::new(1, 2));
    match loss {
        ExactLoss::Mse => {
            let r = f.sub(y);
            (r.square().mul(&half), r, S::one(), false)
        }
        ExactLoss::Poly(p) => {
            let r = f.sub(y);
            (p.value(&r), p.d1(&r), p.d2(&r), false)
        }
        ExactLoss::Huber(delta) => {
            let d = S::from_q(delta);
            let r = f.sub(y);
            // |r| − δ decides the piece; sign(r) the linear piece's slope.
            let sign = r.primal_cmp_zero();
            let abs = if sign == Some(Ordering::Less) { r.neg() } else { r.clone() };
            match abs.sub(&d).primal_cmp_zero() {
                Some(Ordering::Greater) => {
                    let slope = if sign == Some(Ordering::Less) { d.neg() } else { d.clone() };
                    (d.mul(&abs.sub(&d.mul(&half))), slope, S::zero(), false)
                }
                at => (r.square().mul(&half), r, S::one(), at == Some(Ordering::Equal)),
            }
        }
        ExactLoss::SquaredHinge => {
            let u = S::one().sub(&y.mul(f));
            match u.primal_cmp_zero() {
                Some(Ordering::Less) => (S::zero(), S::zero(), S::zero(), false),
                at => {
                    let two = S::from_i64(2);
                    (u.square(), two.mul(y).mul(&u).neg(), two.mul(&y.square()), at == Some(Ordering::Equal))
                }
            }
        }
    }
}

impl ExactLoss {
    /// Whether the piece that ℓ's evaluation chooses at (f, y) is decided by definite signs, never
    /// by a tie or an unknown sign (mirrors the choices of the evaluation above). Over
    /// [`Interval`](crate::scalar::Interval)s that enclose every output in a box, a decided piece
    /// is then the piece at every point the intervals enclose, so the interval evaluation of ℓ
    /// and its derivatives encloses theirs there. Always true for mse and poly.
    pub fn piece_is_decided<S: Field>(&self, f: &S, y: &S) -> bool {
        use Ordering::{Greater, Less};
        let definite = |o: Option<Ordering>| matches!(o, Some(Less | Greater));
        match self {
            ExactLoss::Mse | ExactLoss::Poly(_) => true,
            ExactLoss::Huber(delta) => {
                let (d, r) = (S::from_q(delta), f.sub(y));
                let sign = r.primal_cmp_zero();
                let abs = if sign == Some(Less) { r.neg() } else { r.clone() };
                match abs.sub(&d).primal_cmp_zero() {
                    Some(Greater) => definite(sign),
                    // |r| < δ needs r > −δ too when the sign of r is not known.
                    Some(Less) => definite(sign) || r.add(&d).primal_cmp_zero() == Some(Greater),
                    _ => false,
                }
            }
            ExactLoss::SquaredHinge => definite(S::one().sub(&y.mul(f)).primal_cmp_zero()),
        }
    }

    /// Whether some output value f_j in the closed interval \[lo, hi\] puts target `y` on a break
    /// of the loss (Huber: |f_j − y| = δ; squared hinge: y·f_j = 1; never for mse and poly). When
    /// it is false the loss is one polynomial in f_j on the whole interval, so its derivatives
    /// there are those of that piece: what an interval enclosure of ℓ'' needs (as a fixed
    /// activation pattern for ReLU).
    pub fn piece_may_change(&self, lo: &Q, hi: &Q, y: &Q) -> bool {
        let within = |t: &Q| lo <= t && t <= hi;
        match self {
            ExactLoss::Mse | ExactLoss::Poly(_) => false,
            ExactLoss::Huber(delta) => within(&y.add(delta)) || within(&y.sub(delta)),
            ExactLoss::SquaredHinge => y.inv().is_some_and(|t| within(&t)),
        }
    }
}

impl ExactLoss {
    /// s when ∇_f ℓ = 0 and ∇²_f ℓ = s·I with s > 0 at zero residual (f = y): ½-MSE and Huber
    /// (s = 1), a polynomial loss with p'(0) = 0 < p''(0) = s; `None` otherwise (the squared hinge,
    /// whose minimum set is y·f ≥ 1, not f = y). At such a loss a zero-loss point has
    /// H_S = (s/n) JᵀJ, J the output Jacobian.
    pub fn zero_residual_curvature(&self) -> Option<Q> {
        let (d1, d2) = match self {
            ExactLoss::Mse | ExactLoss::Huber(_) => return Some(Q::one()),
            ExactLoss::Poly(p) => (p.d1(&Q::zero()), p.d2(&Q::zero())),
            ExactLoss::SquaredHinge => return None,
        };
        (d1.is_zero() && d2.signum() > 0).then_some(d2)
    }
}

impl<S: Field> LossFn<S> for ExactLoss {
    fn value(&self, f: &[S], y: &[S]) -> S {
        assert_eq!(f.len(), y.len(), "output and target lengths");
        f.iter().zip(y).fold(S::zero(), |acc, (fj, yj)| acc.add(&term(self, fj, yj).0))
    }

    fn gradient(&self, f: &[S], y: &[S]) -> Vec<S> {
        assert_eq!(f.len(), y.len(), "output and target lengths");
        f.iter().zip(y).map(|(fj, yj)| term(self, fj, yj).1).collect()
    }

    fn curvature(&self, f: &[S], y: &[S], v: &[S]) -> Vec<S> {
        assert_eq!(f.len(), y.len(), "output and target lengths");
        f.iter().zip(y).zip(v).map(|((fj, yj), vj)| term(self, fj, yj).2.mul(vj)).collect()
    }

    fn breaks(&self, f: &[S], y: &[S]) -> Vec<usize> {
        f.iter().zip(y).enumerate().filter(|(_, (fj, yj))| term(self, *fj, *yj).3).map(|(j, _)| j).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Polynomial;
    use crate::scalar::Dual;

    fn q(n: i64, d: i64) -> Q {
        Q::new(n, d)
    }

    #[test]
    fn mse_is_half_the_squared_residual_with_the_residual_as_gradient() {
        let (f, y) = ([q(3, 2), q(-1, 1)], [q(1, 2), q(1, 1)]);
        // r = (1, −2): ½(1 + 4) = 5/2.
        assert_eq!(ExactLoss::Mse.value(&f, &y), q(5, 2));
        assert_eq!(ExactLoss::Mse.gradient(&f, &y), vec![q(1, 1), q(-2, 1)]);
        assert_eq!(ExactLoss::Mse.curvature(&f, &y, &[q(7, 1), q(1, 3)]), vec![q(7, 1), q(1, 3)]);
    }

    #[test]
    fn poly_loss_r_cubed_plus_r_squared_by_hand() {
        // p(r) = r² + r³ at r = −1/2: p = 1/4 − 1/8 = 1/8, p' = 2r + 3r² = −1 + 3/4 = −1/4,
        // p'' = 2 + 6r = −1.
        let p = ExactLoss::Poly(Polynomial::new(vec![q(0, 1), q(0, 1), q(1, 1), q(1, 1)]));
        let (f, y) = ([q(0, 1)], [q(1, 2)]);
        assert_eq!(p.value(&f, &y), q(1, 8));
        assert_eq!(p.gradient(&f, &y), vec![q(-1, 4)]);
        assert_eq!(p.curvature(&f, &y, &[q(3, 1)]), vec![q(-3, 1)]);
    }

    #[test]
    fn a_piece_is_decided_over_intervals_only_when_every_point_takes_it() {
        use crate::scalar::Interval;
        let h = ExactLoss::Huber(q(1, 1));
        let i = Interval::new;
        let y = Interval::point(0.0);
        assert!(h.piece_is_decided(&i(2.0, 3.0), &y), "linear piece, r > δ");
        assert!(h.piece_is_decided(&i(-3.0, -2.0), &y), "linear piece, r < −δ");
        assert!(h.piece_is_decided(&i(-0.5, 0.5), &y), "quadratic piece, |r| < δ");
        assert!(!h.piece_is_decided(&i(-5.0, 0.1), &y), "r < −δ and |r| < δ both occur");
        assert!(!h.piece_is_decided(&i(0.5, 1.5), &y), "reaches the break at 1");
        assert!(!h.piece_is_decided(&i(1.0, 1.0), &y), "on the break");
        let hinge = ExactLoss::SquaredHinge;
        assert!(hinge.piece_is_decided(&i(2.0, 3.0), &Interval::point(1.0)));
        assert!(!hinge.piece_is_decided(&i(0.5, 3.0), &Interval::point(1.0)));
        assert!(ExactLoss::Mse.piece_is_decided(&i(-9.0, 9.0), &y));
    }

    #[test]
    fn a_piece_may_change_exactly_when_the_interval_reaches_a_break() {
        let h = ExactLoss::Huber(q(1, 2));
        // y = 1: breaks at f = 1/2 and f = 3/2.
        assert!(!h.piece_may_change(&q(3, 5), &q(7, 5), &q(1, 1)));
        assert!(h.piece_may_change(&q(3, 5), &q(3, 2), &q(1, 1)), "closed at 3/2");
        assert!(h.piece_may_change(&q(0, 1), &q(1, 2), &q(1, 1)), "closed at 1/2");
        assert!(!h.piece_may_change(&q(2, 1), &q(3, 1), &q(1, 1)));
        // Squared hinge, y = −1: the break is at f = −1.
        let s = ExactLoss::SquaredHinge;
        assert!(s.piece_may_change(&q(-2, 1), &q(-1, 1), &q(-1, 1)));
        assert!(!s.piece_may_change(&q(-1, 2), &q(1, 1), &q(-1, 1)));
        assert!(!s.piece_may_change(&q(-9, 1), &q(9, 1), &q(0, 1)), "y = 0 has no break");
        assert!(!ExactLoss::Mse.piece_may_change(&q(-9, 1), &q(9, 1), &q(0, 1)));
    }

    #[test]
    fn huber_pieces_and_the_break_at_delta_by_hand() {
        let h = ExactLoss::Huber(q(1, 2));
        // r = 2 > δ: δ(|r| − δ/2) = ½(2 − ¼) = 7/8, slope δ = 1/2, curvature 0.
        assert_eq!(h.value(&[q(2, 1)], &[q(0, 1)]), q(7, 8));
        assert_eq!(h.gradient(&[q(2, 1)], &[q(0, 1)]), vec![q(1, 2)]);
        assert_eq!(h.curvature(&[q(2, 1)], &[q(0, 1)], &[q(1, 1)]), vec![q(0, 1)]);
        // r = −2: slope −δ.
        assert_eq!(h.gradient(&[q(-2, 1)], &[q(0, 1)]), vec![q(-1, 2)]);
        // r = 1/4 inside: ½r² = 1/32.
        assert_eq!(h.value(&[q(1, 4)], &[q(0, 1)]), q(1, 32));
        // r = −1/2 on the break: value ½δ² = 1/8 from both pieces, gradient −δ, reported.
        assert_eq!(h.value(&[q(0, 1)], &[q(1, 2)]), q(1, 8));
        assert_eq!(h.gradient(&[q(0, 1)], &[q(1, 2)]), vec![q(-1, 2)]);
        assert_eq!(h.breaks(&[q(0, 1), q(0, 1)], &[q(1, 2), q(1, 3)]), vec![0]);
    }

    #[test]
    fn squared_hinge_active_and_inactive_sides_by_hand() {
        let s = ExactLoss::SquaredHinge;
        // y = 1, f = 1/4: u = 3/4, ℓ = 9/16, ∂ℓ = −2·(3/4) = −3/2, ∂²ℓ = 2.
        assert_eq!(s.value(&[q(1, 4)], &[q(1, 1)]), q(9, 16));
        assert_eq!(s.gradient(&[q(1, 4)], &[q(1, 1)]), vec![q(-3, 2)]);
        assert_eq!(s.curvature(&[q(1, 4)], &[q(1, 1)], &[q(1, 1)]), vec![q(2, 1)]);
        // y = −1, f = −3: u = −2 < 0, all zero.
        assert_eq!(s.value(&[q(-3, 1)], &[q(-1, 1)]), q(0, 1));
        assert_eq!(s.gradient(&[q(-3, 1)], &[q(-1, 1)]), vec![q(0, 1)]);
        // y = −1, f = −1: on the break, gradient 0 on both sides.
        assert_eq!(s.gradient(&[q(-1, 1)], &[q(-1, 1)]), vec![q(0, 1)]);
        assert_eq!(s.breaks(&[q(-1, 1)], &[q(-1, 1)]), vec![0]);
    }

    #[test]
    fn gradient_and_curvature_are_the_dual_derivatives_of_the_value() {
        // Off the breaks, ∂ℓ and ∂²ℓ·v must be the ε parts of ℓ and ∂ℓ at f + εv.
        let losses = [
            ExactLoss::Mse,
            ExactLoss::Poly(Polynomial::new(vec![q(1, 3), q(-1, 1), q(2, 1), q(0, 1), q(-1, 5)])),
            ExactLoss::Huber(q(3, 4)),
            ExactLoss::SquaredHinge,
        ];
        let f = [q(2, 3), q(-5, 2), q(1, 7)];
        let y = [q(1, 1), q(-1, 1), q(1, 1)];
        let v = [q(1, 2), q(-3, 1), q(2, 5)];
        for loss in &losses {
            let grad = loss.gradient(&f, &y);
            for (j, gj) in grad.iter().enumerate() {
                let fd: Vec<Dual<Q>> = f
                    .iter()
                    .enumerate()
                    .map(|(k, fk)| Dual::new(fk.clone(), if k == j { Q::one() } else { Q::zero() }))
                    .collect();
                let yd: Vec<Dual<Q>> = y.iter().map(|t| Dual::constant(t.clone())).collect();
                assert_eq!(&loss.value(&fd, &yd).eps, gj, "{loss:?} ∂ℓ/∂f_{j}");
            }
            let fd: Vec<Dual<Q>> = f.iter().zip(&v).map(|(fk, vk)| Dual::new(fk.clone(), vk.clone())).collect();
            let yd: Vec<Dual<Q>> = y.iter().map(|t| Dual::constant(t.clone())).collect();
            let hv: Vec<Q> = loss.gradient(&fd, &yd).into_iter().map(|d| d.eps).collect();
            assert_eq!(hv, loss.curvature(&f, &y, &v), "{loss:?} ∇²ℓ·v");
        }
    }
}
