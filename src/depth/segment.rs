//! Affine subdomains of σ (\[P3\] Def. 2): open intervals (a, b) on which σ(t) = λt + μ, λ ≠ 0.
//!
//! Exact lifting needs one (\[P3\] Assumption 1). ReLU has (0, ∞) with (λ, μ) = (1, 0); leaky ReLU
//! with slope a ≠ 0 also has (−∞, 0) with (a, 0); the identity and affine polynomials c₀ + c₁t
//! (c₁ ≠ 0) are affine on all of R. Polynomials of degree ≥ 2 and rational activations have no
//! affine segment, and tanh-like activations are float only: lifting is then only approximate.

use crate::activation::ExactActivation;
use crate::scalar::{Ring, Q};
use std::fmt;

/// An open interval (lower, upper) (`None` = unbounded) on which σ(t) = λ t + μ with λ ≠ 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AffineSegment {
    /// λ: the slope of σ on the segment (nonzero).
    pub lambda: Q,
    /// μ: the intercept of σ on the segment.
    pub mu: Q,
    /// Lower end a (`None` for −∞); excluded.
    pub lower: Option<Q>,
    /// Upper end b (`None` for +∞); excluded.
    pub upper: Option<Q>,
}

impl AffineSegment {
    /// Whether t lies in the open interval (a, b).
    pub fn contains(&self, t: &Q) -> bool {
        self.lower.as_ref().is_none_or(|a| t > a) && self.upper.as_ref().is_none_or(|b| t < b)
    }

    /// Whether the segment is unbounded above (needed by the "identity input weights with a
    /// shifted bias" lift, which moves pre-activations up by a data-dependent amount).
    pub fn unbounded_above(&self) -> bool {
        self.upper.is_none()
    }

    /// A closed interval [x_low, x_up] inside (a, b) with x_low < x_up (\[P3\] Lemma 1 picks one):
    /// (a + 1, a + 2), (b − 2, b − 1), the middle third, or (1, 2) on all of R.
    pub fn interior(&self) -> (Q, Q) {
        match (&self.lower, &self.upper) {
            (None, None) => (Q::int(1), Q::int(2)),
            (Some(a), None) => (a.add(&Q::int(1)), a.add(&Q::int(2))),
            (None, Some(b)) => (b.sub(&Q::int(2)), b.sub(&Q::int(1))),
            (Some(a), Some(b)) => {
                let third = b.sub(a).mul(&Q::new(1, 3));
                (a.add(&third), a.add(&third).add(&third))
            }
        }
    }
}

impl fmt::Display for AffineSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lo = self.lower.as_ref().map_or("-inf".to_string(), Q::to_canonical);
        let hi = self.upper.as_ref().map_or("+inf".to_string(), Q::to_canonical);
        write!(f, "({lo}, {hi}) with sigma(t) = {} t + {}", self.lambda, self.mu)
    }
}

/// All affine segments of σ, maximal and disjoint (empty when σ has none).
pub fn affine_segments(act: &ExactActivation) -> Vec<AffineSegment> {
    match act {
        ExactActivation::Piecewise(p) => {
            if p.is_identity() {
                return vec![AffineSegment { lambda: Q::one(), mu: Q::zero(), lower: None, upper: None }];
            }
            let mut out = vec![AffineSegment { lambda: Q::one(), mu: Q::zero(), lower: Some(Q::zero()), upper: None }];
            if !p.negative_slope().is_zero() {
                out.push(AffineSegment {
                    lambda: p.negative_slope().clone(),
                    mu: Q::zero(),
                    lower: None,
                    upper: Some(Q::zero()),
                });
            }
            out
        }
        ExactActivation::Poly(p) => {
            let c = p.coefficients();
            let affine = c.iter().skip(2).all(Ring::is_zero);
            let slope = c.get(1).cloned().unwrap_or_else(Q::zero);
            if affine && !slope.is_zero() {
                let mu = c.first().cloned().unwrap_or_else(Q::zero);
                vec![AffineSegment { lambda: slope, mu, lower: None, upper: None }]
            } else {
                Vec::new()
            }
        }
        ExactActivation::Rational(_) => Vec::new(),
    }
}

/// The affine segment of σ containing t, if any (`None` at a kink or on a constant piece).
pub fn segment_at(act: &ExactActivation, t: &Q) -> Option<AffineSegment> {
    affine_segments(act).into_iter().find(|s| s.contains(t))
}

/// Why a layer is not affine on the data: neuron `neuron` (1-based) at sample `sample` (1-based)
/// has pre-activation `pre`, outside the affine segment fixed by the earlier samples (or in none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAffine {
    /// Neuron, 1-based.
    pub neuron: usize,
    /// Sample, 1-based.
    pub sample: usize,
    /// The offending pre-activation.
    pub pre: Q,
    /// The segment of the first sample, if it had one.
    pub segment: Option<Box<AffineSegment>>,
}

impl fmt::Display for NotAffine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.segment {
            None => write!(
                f,
                "neuron {} has pre-activation {} at sample {}, which lies in no affine segment of sigma (a kink or a constant piece)",
                self.neuron, self.pre, self.sample
            ),
            Some(s) => write!(
                f,
                "neuron {} has pre-activation {} at sample {}, outside the affine segment {s} that sample 1 fixes",
                self.neuron, self.pre, self.sample
            ),
        }
    }
}

/// The affine segment of each neuron of a layer, given its pre-activations `pre[i][j]` (sample i,
/// neuron j): condition (ii) of \[P3\] Def. 3 asks for one segment per neuron containing the
/// pre-activations of every sample.
///
/// # Errors
/// [`NotAffine`] naming the first neuron and sample where no common segment exists.
pub fn linearize(act: &ExactActivation, pre: &[Vec<Q>]) -> Result<Vec<AffineSegment>, NotAffine> {
    let width = pre.first().map_or(0, Vec::len);
    let mut out = Vec::with_capacity(width);
    for j in 0..width {
        let Some(seg) = segment_at(act, &pre[0][j]) else {
            return Err(NotAffine { neuron: j + 1, sample: 1, pre: pre[0][j].clone(), segment: None });
        };
        if let Some((i, p)) = pre.iter().enumerate().skip(1).find(|(_, p)| !seg.contains(&p[j])) {
            return Err(NotAffine { neuron: j + 1, sample: i + 1, pre: p[j].clone(), segment: Some(Box::new(seg)) });
        }
        out.push(seg);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Piecewise;

    #[test]
    fn relu_has_only_the_positive_half_line() {
        let relu = ExactActivation::Piecewise(Piecewise::relu());
        assert_eq!(affine_segments(&relu).len(), 1);
        assert!(segment_at(&relu, &Q::new(1, 5)).is_some());
        assert!(segment_at(&relu, &Q::zero()).is_none());
        assert!(segment_at(&relu, &Q::new(-1, 5)).is_none());
    }

    #[test]
    fn leaky_relu_negative_segment_has_the_leak_as_slope() {
        let leaky = ExactActivation::Piecewise(Piecewise::leaky(Q::new(1, 3)));
        let s = segment_at(&leaky, &Q::int(-2)).unwrap();
        assert_eq!(s.lambda, Q::new(1, 3));
        let (lo, hi) = s.interior();
        assert!(s.contains(&lo) && s.contains(&hi) && lo < hi);
    }

    #[test]
    fn linearize_names_the_first_sample_that_leaves_the_segment() {
        let relu = ExactActivation::Piecewise(Piecewise::relu());
        let pre = vec![vec![Q::int(1), Q::int(2)], vec![Q::int(3), Q::int(-1)]];
        let e = linearize(&relu, &pre).unwrap_err();
        assert_eq!((e.neuron, e.sample, e.pre), (2, 2, Q::int(-1)));
    }
}
