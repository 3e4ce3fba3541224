//! [`LossFn`] for [`FloatLoss`] and [`Loss`] over [`Real`] fields (f64 and its duals).
//!
//! Cross-entropy with p = softmax(f) (computed as e^{f_j − m}/Σ_k e^{f_k − m}, m = max_k f_k, so
//! nothing overflows) and Σ_j y_j = 1: ℓ = m + ln Σ_k e^{f_k − m} − Σ_j y_j f_j,
//! ∇ℓ = p − y, ∇²ℓ·v = p ∘ v − p (pᵀv). Logistic with s = 1/(1 + e^{−f}):
//! ℓ = softplus(f) − y f, ∂ℓ = s − y, ∂²ℓ = s(1 − s).

use super::{FloatLoss, Loss, LossFn};
use crate::scalar::Real;
use std::cmp::Ordering;

/// softmax(f) and the log-sum-exp m + ln Σ e^{f_k − m}.
fn softmax<S: Real>(f: &[S]) -> (Vec<S>, S) {
    let mut m = f[0].clone();
    for fk in &f[1..] {
        if fk.sub(&m).primal_cmp_zero() == Some(Ordering::Greater) {
            m = fk.clone();
        }
    }
    let e: Vec<S> = f.iter().map(|fk| fk.sub(&m).exp()).collect();
    let sum = e.iter().fold(S::zero(), |a, x| a.add(x));
    let inv = sum.inv().unwrap_or_else(S::zero);
    (e.iter().map(|x| x.mul(&inv)).collect(), m.add(&sum.ln()))
}

impl<S: Real> LossFn<S> for FloatLoss {
    fn value(&self, f: &[S], y: &[S]) -> S {
        assert_eq!(f.len(), y.len(), "output and target lengths");
        let yf = f.iter().zip(y).fold(S::zero(), |a, (fj, yj)| a.add(&fj.mul(yj)));
        match self {
            FloatLoss::CrossEntropy => softmax(f).1.sub(&yf),
            FloatLoss::Logistic => f[0].softplus().sub(&yf),
        }
    }

    fn gradient(&self, f: &[S], y: &[S]) -> Vec<S> {
        assert_eq!(f.len(), y.len(), "output and target lengths");
        match self {
            FloatLoss::CrossEntropy => softmax(f).0.iter().zip(y).map(|(p, yj)| p.sub(yj)).collect(),
            FloatLoss::Logistic => vec![f[0].sigmoid().sub(&y[0])],
        }
    }

    fn curvature(&self, f: &[S], y: &[S], v: &[S]) -> Vec<S> {
        assert_eq!(f.len(), y.len(), "output and target lengths");
        match self {
            FloatLoss::CrossEntropy => {
                let p = softmax(f).0;
                let pv = p.iter().zip(v).fold(S::zero(), |a, (pj, vj)| a.add(&pj.mul(vj)));
                p.iter().zip(v).map(|(pj, vj)| pj.mul(&vj.sub(&pv))).collect()
            }
            FloatLoss::Logistic => {
                let s = f[0].sigmoid();
                vec![s.mul(&S::one().sub(&s)).mul(&v[0])]
            }
        }
    }

    fn breaks(&self, _f: &[S], _y: &[S]) -> Vec<usize> {
        Vec::new()
    }
}

impl<S: Real> LossFn<S> for Loss {
    fn value(&self, f: &[S], y: &[S]) -> S {
        match self {
            Loss::Exact(e) => e.value(f, y),
            Loss::Float(l) => l.value(f, y),
        }
    }
    fn gradient(&self, f: &[S], y: &[S]) -> Vec<S> {
        match self {
            Loss::Exact(e) => e.gradient(f, y),
            Loss::Float(l) => l.gradient(f, y),
        }
    }
    fn curvature(&self, f: &[S], y: &[S], v: &[S]) -> Vec<S> {
        match self {
            Loss::Exact(e) => e.curvature(f, y, v),
            Loss::Float(l) => l.curvature(f, y, v),
        }
    }
    fn breaks(&self, f: &[S], y: &[S]) -> Vec<usize> {
        match self {
            Loss::Exact(e) => e.breaks(f, y),
            Loss::Float(l) => l.breaks(f, y),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::Dual;

    #[test]
    fn cross_entropy_of_equal_logits_is_log_of_the_class_count() {
        // f = (c, c, c), y one-hot: ℓ = ln 3, ∇ = (1/3, 1/3, 1/3) − y.
        let f = [0.7, 0.7, 0.7];
        let y = [0.0, 1.0, 0.0];
        let l = FloatLoss::CrossEntropy;
        assert!((l.value(&f, &y) - 3f64.ln()).abs() < 4.0 * f64::EPSILON);
        let g = l.gradient(&f, &y);
        for (gj, want) in g.iter().zip([1.0 / 3.0, -2.0 / 3.0, 1.0 / 3.0]) {
            assert!((gj - want).abs() < 4.0 * f64::EPSILON, "{g:?}");
        }
    }

    #[test]
    fn logistic_at_zero_logit_is_ln2_with_slope_half_minus_target() {
        let l = FloatLoss::Logistic;
        assert!((l.value(&[0.0], &[1.0]) - 2f64.ln()).abs() < 2.0 * f64::EPSILON);
        assert_eq!(l.gradient(&[0.0], &[1.0]), vec![-0.5]);
        assert_eq!(l.curvature(&[0.0], &[1.0], &[2.0]), vec![0.5]);
    }

    #[test]
    fn float_gradient_and_curvature_are_the_dual_derivatives_of_the_value() {
        // Relative agreement to a few ulps: both sides are the same formulas up to rounding.
        let f = [0.3, -1.2, 2.0];
        let y = [0.2, 0.5, 0.3];
        let v = [1.0, -0.5, 0.25];
        let l = FloatLoss::CrossEntropy;
        let g = l.gradient(&f, &y);
        for (j, gj) in g.iter().enumerate() {
            let fd: Vec<Dual<f64>> =
                f.iter().enumerate().map(|(k, &x)| Dual::new(x, if k == j { 1.0 } else { 0.0 })).collect();
            let yd: Vec<Dual<f64>> = y.iter().map(|&t| Dual::constant(t)).collect();
            assert!((l.value(&fd, &yd).eps - gj).abs() < 1e-14);
        }
        let fd: Vec<Dual<f64>> = f.iter().zip(&v).map(|(&x, &vj)| Dual::new(x, vj)).collect();
        let yd: Vec<Dual<f64>> = y.iter().map(|&t| Dual::constant(t)).collect();
        let hv: Vec<f64> = l.gradient(&fd, &yd).into_iter().map(|d| d.eps).collect();
        for (a, b) in hv.iter().zip(l.curvature(&f, &y, &v)) {
            assert!((a - b).abs() < 1e-14);
        }
        let lg = FloatLoss::Logistic;
        let d = lg.gradient(&[Dual::new(0.8, 1.0)], &[Dual::constant(0.0)])[0].eps;
        assert!((d - lg.curvature(&[0.8], &[0.0], &[1.0])[0]).abs() < 1e-15);
    }
}
