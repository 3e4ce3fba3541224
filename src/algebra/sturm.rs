//! Sturm sequences and the count of real roots in an interval.
//!
//! Statement relied on (Sturm 1829; Basu, Pollack, Roy, *Algorithms in Real Algebraic Geometry*,
//! Thm 2.50): for p ∈ Q\[b\] and the sequence p_0 = p, p_1 = p′, p_{i+1} = −rem(p_{i−1}, p_i), the
//! number of distinct real roots of p in the open interval (a, b), where a < b are not roots of p,
//! is V(a) − V(b), with V(x) the number of sign changes of (p_0(x), p_1(x), …) (zeros skipped).

use super::Poly;
use crate::scalar::{Ring, Q};

/// The Sturm sequence of a polynomial.
#[derive(Clone, Debug)]
pub struct Sturm {
    seq: Vec<Poly>,
}

impl Sturm {
    /// The sequence p, p′, −rem(p, p′), … down to the last nonzero remainder.
    pub fn new(p: &Poly) -> Sturm {
        let mut seq = vec![p.clone()];
        if p.is_zero() {
            return Sturm { seq };
        }
        let mut next = p.derivative();
        while !next.is_zero() {
            let r = seq[seq.len() - 1].rem(&next).neg();
            seq.push(next);
            next = r;
        }
        Sturm { seq }
    }

    /// V(x): sign changes of the sequence evaluated at `x`, zeros skipped.
    pub fn variations(&self, x: &Q) -> usize {
        let signs: Vec<i32> = self.seq.iter().map(|p| p.eval_q(x).signum()).filter(|&s| s != 0).collect();
        signs.windows(2).filter(|w| w[0] != w[1]).count()
    }

    /// Number of distinct real roots in the open interval (lo, hi).
    ///
    /// # Panics
    /// If `lo > hi` or an endpoint is a root (an internal invariant of the callers, which check
    /// the endpoints first).
    pub fn count_open(&self, lo: &Q, hi: &Q) -> usize {
        assert!(lo <= hi, "empty interval");
        let p = &self.seq[0];
        assert!(p.eval_q(lo).signum() != 0 && p.eval_q(hi).signum() != 0, "Sturm count at a root");
        self.variations(lo) - self.variations(hi)
    }
}

/// Number of distinct real roots of `p` in the closed interval [lo, hi].
///
/// Endpoints that are roots are counted directly and divided out (the quotient has the same
/// roots inside the open interval), so the Sturm count is only taken at non-roots.
///
/// # Panics
/// If `p` is the zero polynomial or `lo > hi`.
pub fn count_roots_closed(p: &Poly, lo: &Q, hi: &Q) -> usize {
    assert!(!p.is_zero(), "roots of the zero polynomial");
    let is_root = |x: &Q| p.eval_q(x).signum() == 0;
    if lo == hi {
        return usize::from(is_root(lo));
    }
    let mut f = p.square_free();
    let mut ends = 0;
    for x in [lo, hi] {
        if is_root(x) {
            ends += 1;
            f = f.div_rem(&Poly::new(vec![x.neg(), Q::one()])).0;
        }
    }
    let inner = if f.is_constant() { 0 } else { Sturm::new(&f).count_open(lo, hi) };
    inner + ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sturm_counts_the_roots_of_a_cubic() {
        // (b - 1)(b - 2)(b + 3): two roots in (0, 5/2), one in (-4, 0).
        let p = Poly::from_i64s(&[-1, 1]).mul(&Poly::from_i64s(&[-2, 1])).mul(&Poly::from_i64s(&[3, 1]));
        let s = Sturm::new(&p);
        assert_eq!(s.count_open(&Q::zero(), &Q::new(5, 2)), 2);
        assert_eq!(s.count_open(&Q::int(-4), &Q::zero()), 1);
        assert_eq!(count_roots_closed(&p, &Q::int(1), &Q::int(2)), 2);
        assert_eq!(count_roots_closed(&p, &Q::int(-3), &Q::int(1)), 2);
        assert_eq!(count_roots_closed(&p, &Q::new(3, 2), &Q::new(3, 2)), 0);
    }

    #[test]
    fn sturm_counts_the_two_positive_roots_of_the_quartic_of_spec_b5() {
        // 10b^4 - 5b + 1: two positive roots (≈ 0.2034 and ≈ 0.7109), none negative.
        let p = Poly::from_i64s(&[1, -5, 0, 0, 10]);
        let s = Sturm::new(&p);
        assert_eq!(s.count_open(&Q::zero(), &Q::int(2)), 2);
        assert_eq!(s.count_open(&Q::int(-2), &Q::zero()), 0);
        assert_eq!(s.count_open(&Q::new(1, 5), &Q::new(21, 100)), 1);
    }
}
