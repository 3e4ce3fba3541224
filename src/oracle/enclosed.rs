//! Grading float results where there is no exact truth — σ = tanh, sigmoid or softplus, or the
//! cross-entropy and logistic losses — against a rigorous enclosure of the truth.
//!
//! The enclosure [lo_k, hi_k] of entry k comes from the outward-rounded interval evaluation of
//! [`enclose_objective_gradient`] (its module docs say what is proved and under which stated
//! assumptions): the exact value t_k lies in it. A float value v_k has its own rounding error,
//! which no bound derived here covers, so the user states the tolerance |v − t| ≤ atol + rtol·|t|
//! ([`Tolerance`]). Each entry is then decided, in exact rational arithmetic on the doubles
//! lo, hi, v (the dyadic rationals they are):
//!
//! - **within** when max(|v − lo|, |v − hi|) ≤ atol + rtol·mig, mig = min_{t ∈ [lo, hi]} |t|: for
//!   every t in the enclosure |v − t| ≤ max(|v − lo|, |v − hi|) (|v − t| is convex in t) and
//!   |t| ≥ mig, so the tolerance holds at the truth, whatever it is;
//! - **outside** when dist(v, [lo, hi]) > atol + rtol·mag, mag = max_{t ∈ [lo, hi]} |t|: for every
//!   t in the enclosure |v − t| ≥ dist > atol + rtol·|t|, so it fails at the truth;
//! - **undecided** otherwise (the enclosure is too wide to tell, or not finite, or a ReLU
//!   pre-activation may sit on its kink).

use super::{Quantity, Tolerance};
use crate::activation::Activation;
use crate::data::Dataset;
use crate::loss::Objective;
use crate::net::{enclose_objective_gradient, EvalError, Params, Site};
use crate::scalar::{q_from_f64, Interval, Ring, Q};

/// How an entry stands against the enclosure of its truth (module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The tolerance holds at every point of the enclosure, hence at the truth.
    Within,
    /// The tolerance fails at every point of the enclosure, hence at the truth.
    Outside,
    /// The enclosure is too wide (or not finite) to decide.
    Undecided,
}

impl Standing {
    /// The word the reports use.
    pub fn name(self) -> &'static str {
        match self {
            Standing::Within => "within",
            Standing::Outside => "outside",
            Standing::Undecided => "undecided",
        }
    }
}

/// One graded entry: the value, the enclosure of the truth and the decision.
#[derive(Clone, Debug, PartialEq)]
pub struct EnclosedGrade {
    /// Flat index (contract order; row-major for a matrix).
    pub index: usize,
    /// The float value read, as the exact rational it is.
    pub value: Q,
    /// The enclosure [lo, hi] of the truth (`None` when it is not finite).
    pub enclosure: Option<(Q, Q)>,
    /// The decision.
    pub standing: Standing,
}

/// The enclosures of the loss (one entry) or of the gradient (M entries, contract order) of the
/// objective R_S + (λ/2)‖θ‖² at the exact point of `params` and `data`, and the ReLU sites whose
/// pre-activation enclosure contains the kink (every gradient entry is then left undecided).
///
/// # Errors
/// [`EvalError`] if the data do not fit the network; `Err(None)` for a Hessian, which has no
/// enclosure here.
pub fn enclose_truth(
    params: &Params<Q>,
    act: &Activation,
    objective: &Objective,
    data: &Dataset<Q>,
    quantity: Quantity,
) -> Result<(Vec<Interval>, Vec<Site>), Option<EvalError>> {
    if quantity == Quantity::Hessian {
        return Err(None);
    }
    let (p, d) = (params.map(Interval::from_q), data.map(Interval::from_q));
    let enc = enclose_objective_gradient(&p, act, objective, &d).map_err(Some)?;
    let values = match quantity {
        Quantity::Loss => vec![enc.loss],
        _ => enc.gradient.map_or_else(|| vec![Interval::nan(); params.num_params()], |g| g.flatten()),
    };
    Ok((values, enc.possible_kinks))
}

/// Decides every entry of `values` against its enclosure (module docs). `kink` marks every entry
/// undecided (R_S may not be differentiable at the point).
///
/// # Panics
/// If the lengths differ (the caller checks shapes first).
pub fn grade_enclosed(values: &[Q], enclosure: &[Interval], tol: &Tolerance, kink: bool) -> Vec<EnclosedGrade> {
    assert_eq!(values.len(), enclosure.len(), "graded values must match the enclosure's shape");
    values
        .iter()
        .zip(enclosure)
        .enumerate()
        .map(|(index, (v, e))| {
            let ends = q_from_f64(e.lo()).zip(q_from_f64(e.hi()));
            let standing = match &ends {
                Some((lo, hi)) if !kink => decide(v, lo, hi, tol),
                _ => Standing::Undecided,
            };
            EnclosedGrade { index, value: v.clone(), enclosure: ends, standing }
        })
        .collect()
}

/// The decision for v against [lo, hi] (module docs), exactly.
fn decide(v: &Q, lo: &Q, hi: &Q, tol: &Tolerance) -> Standing {
    let (dl, dh) = (v.sub(lo).abs(), v.sub(hi).abs());
    let far = if dl > dh { dl.clone() } else { dh.clone() };
    let (al, ah) = (lo.abs(), hi.abs());
    let mig = if lo.signum() <= 0 && hi.signum() >= 0 {
        Q::zero()
    } else if al < ah {
        al.clone()
    } else {
        ah.clone()
    };
    if far <= tol.atol.add(&tol.rtol.mul(&mig)) {
        return Standing::Within;
    }
    let dist = if lo <= v && v <= hi {
        Q::zero()
    } else if dl < dh {
        dl
    } else {
        dh
    };
    let mag = if al > ah { al } else { ah };
    if dist > tol.atol.add(&tol.rtol.mul(&mag)) {
        Standing::Outside
    } else {
        Standing::Undecided
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tol(atol: Q, rtol: Q) -> Tolerance {
        Tolerance { atol, rtol }
    }

    /// By hand: enclosure [1, 1.5], rtol 1/2: max(|v − 1|, |v − 1.5|) ≤ 1/2 · 1 holds for v = 1.25
    /// (1/4 ≤ 1/2); v = 3 is 1.5 from the enclosure, more than 1/2 · 1.5 = 0.75: outside; v = 2
    /// is 1 from 1 (> 1/2: not within) and 0.5 from 1.5 (≤ 0.75: not outside): undecided.
    #[test]
    fn an_entry_is_within_outside_or_undecided_as_every_point_of_the_enclosure_says() {
        let e = [Interval::new(1.0, 1.5)];
        let t = tol(Q::zero(), Q::new(1, 2));
        let s = |v: Q| grade_enclosed(&[v], &e, &t, false)[0].standing;
        assert_eq!(s(Q::new(5, 4)), Standing::Within);
        assert_eq!(s(Q::int(3)), Standing::Outside);
        assert_eq!(s(Q::int(2)), Standing::Undecided);
        // An enclosure containing 0 gives mig = 0: only atol counts for "within".
        let z = [Interval::new(-0.25, 0.25)];
        assert_eq!(
            grade_enclosed(&[Q::zero()], &z, &tol(Q::new(1, 4), Q::zero()), false)[0].standing,
            Standing::Within
        );
        assert_eq!(
            grade_enclosed(&[Q::zero()], &z, &tol(Q::new(1, 8), Q::int(100)), false)[0].standing,
            Standing::Undecided
        );
        // A possible kink, or a NaN enclosure, leaves every entry undecided.
        assert_eq!(grade_enclosed(&[Q::new(5, 4)], &e, &t, true)[0].standing, Standing::Undecided);
        assert_eq!(grade_enclosed(&[Q::zero()], &[Interval::nan()], &t, false)[0].standing, Standing::Undecided);
    }
}
