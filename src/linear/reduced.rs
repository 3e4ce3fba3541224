//! The reduced loss along the balanced family: ℓ(t) = L(θ(t)), with θ(t) the balanced rank-one
//! point of [`Design::point`] at scale t (t = b for equal decays; spec symmetry-linear B.3).
//!
//! θ(0) = 0, so ℓ(0) = L(0) = E\[y²\]; every candidate of [`super::analyse`] is a critical point of
//! L on this family, hence a stationary point of ℓ. [`reduced_loss_samples`] evaluates ℓ exactly
//! (over Q) on an even grid, for `linear --plot`.

use super::analysis::Analysis;
use super::minimiser::Design;
use super::model::{loss, LinearModel, Moments};
use crate::scalar::{Ring, Q};

/// ℓ(t) = L(θ(t)), exactly.
///
/// # Panics
/// If the moments do not match the model's d_0 (as [`Design::point`]).
pub fn reduced_loss(design: &Design, model: &LinearModel, moments: &Moments, t: &Q) -> Q {
    loss(model, moments, &design.point(moments, t))
}

/// (t, ℓ(t)) at t = t_max·i/`intervals` for i = 0, …, `intervals`, exactly.
///
/// # Panics
/// As [`reduced_loss`], or if `intervals` is 0 or past `i64::MAX`.
pub fn reduced_loss_samples(
    design: &Design,
    model: &LinearModel,
    moments: &Moments,
    t_max: &Q,
    intervals: usize,
) -> Vec<(Q, Q)> {
    assert!(intervals > 0, "reduced_loss_samples: at least one interval");
    let n = i64::try_from(intervals).expect("intervals fit in i64");
    (0..=n)
        .map(|i| {
            let t = t_max.mul(&Q::new(i, n));
            let l = reduced_loss(design, model, moments, &t);
            (t, l)
        })
        .collect()
}

/// A scale range [0, t_max] that shows every candidate: 5/4 of the largest positive root, rounded
/// up to two significant decimal digits (1 when there is no positive root).
pub fn reduced_loss_range(an: &Analysis) -> Q {
    let largest = an.candidates.iter().filter_map(|c| c.b.as_ref()).map(|r| r.approx_f64()).fold(0.0f64, f64::max);
    if largest.is_nan() || largest <= 0.0 {
        return Q::one();
    }
    let r = 1.25 * largest;
    let e = r.log10().floor() as i32 - 1;
    let digits = (r / 10f64.powi(e)).ceil() as i64;
    Q::int(digits).mul(&Q::int(10).pow(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linear::analyse;

    /// Spec B.3 worked example (README: `examples/linear/b5.data.json`): D = 1, A = I, m = (3, 4),
    /// E[y²] = 30, γ = 3, s² = 4 on widths (2, 4): ℓ(b) = k a b⁴ − 2μb² + 2γb² + E[y²] with the
    /// optimal w, i.e. ℓ(0) = 30 and ℓ(1) = 28 at the global minimum b = 1.
    #[test]
    fn reduced_loss_meets_the_candidates_of_the_worked_example() {
        let data = crate::io::read_data_any("examples/linear/b5.data.json").unwrap();
        let moments = Moments::from_data(&data).unwrap();
        let model = LinearModel::new(vec![2, 4], Q::int(4), Q::int(3), vec![Q::int(3)]).unwrap();
        let an = analyse(&model, &moments, false).unwrap();
        let d = &an.design;
        assert_eq!(reduced_loss(d, &model, &moments, &Q::zero()), Q::int(30));
        assert_eq!(reduced_loss(d, &model, &moments, &Q::one()), Q::int(28));
        let t_max = reduced_loss_range(&an);
        assert_eq!(t_max, Q::new(13, 10));
        let s = reduced_loss_samples(d, &model, &moments, &t_max, 13);
        assert_eq!(s.len(), 14);
        assert_eq!(s[10], (Q::one(), Q::int(28)));
        assert!(s.iter().all(|(_, l)| *l >= Q::int(28)), "b = 1 is the global minimum of ℓ");
    }
}
