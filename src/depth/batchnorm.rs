//! Batch normalization before a ReLU and layer linearization (\[P3\] §5; spec width-depth §3.3).
//!
//! BN(p)_i = γ (p_i − m_B)/s_B + β over a batch p_1 … p_n of one neuron's pre-activations, with
//! m_B the batch mean and s_B = √(var_B) (population variance, BN's ε ignored). The normalized
//! values (p_i − m_B)/s_B have mean 0, so with β = 0 every non-constant neuron takes values of
//! both signs on the batch and condition (ii) of \[P3\] Def. 3 fails for ReLU: a BN layer with zero
//! shift is never the inserted layer of a critical lifting. Linearization returns once
//! β ≥ |γ| · max_i |p_i − m_B|/s_B (that maximum is ≤ √(n−1)).
//!
//! Everything is decided exactly without a square root: the sign of γ(p_i − m)/√v + β is the
//! sign of a + β√v with a = γ(p_i − m), which compares a² with β²v when the signs differ.

use super::segment::NotAffine;
use crate::scalar::{Field, Ring, Q};
use std::cmp::Ordering;

/// Sign of a + β√v (v ≥ 0), exactly.
pub fn sign_plus_sqrt(a: &Q, beta: &Q, v: &Q) -> Ordering {
    let zero = Q::zero();
    let (sa, sb) = (a.cmp(&zero), if v.is_zero() { Ordering::Equal } else { beta.cmp(&zero) });
    if sa == sb || sb == Ordering::Equal {
        return sa;
    }
    if sa == Ordering::Equal {
        return sb;
    }
    match a.square().cmp(&beta.square().mul(v)) {
        Ordering::Greater => sa,
        Ordering::Less => sb,
        Ordering::Equal => Ordering::Equal,
    }
}

/// Sign of BN(p)_i = γ(p_i − m)/s + β for every sample i of one neuron's batch `p`. A constant
/// neuron (s = 0) has BN output β (the ε → 0 limit of BN with ε).
pub fn normalized_signs(p: &[Q], gamma: &Q, beta: &Q) -> Vec<Ordering> {
    let n = Q::int(p.len() as i64);
    let m = p.iter().fold(Q::zero(), |a, x| a.add(x)).div(&n).expect("n ≥ 1");
    let v = p.iter().fold(Q::zero(), |a, x| a.add(&x.sub(&m).square())).div(&n).expect("n ≥ 1");
    if v.is_zero() {
        return vec![beta.cmp(&Q::zero()); p.len()];
    }
    p.iter().map(|pi| sign_plus_sqrt(&gamma.mul(&pi.sub(&m)), beta, &v)).collect()
}

/// Whether a BN layer (per-neuron γ_j, β_j) before a ReLU is affine on the batch
/// `pre[i][j]` (sample i, neuron j): every normalized pre-activation must lie in ReLU's only
/// affine segment (0, ∞) (condition (ii) of \[P3\] Def. 3 for the BN layer as inserted layer).
///
/// # Errors
/// [`NotAffine`] naming the first neuron and sample whose normalized pre-activation is ≤ 0 (its
/// `pre` field holds the raw pre-activation p_i; the normalized value involves a square root).
pub fn relu_bn_linearizable(pre: &[Vec<Q>], gamma: &[Q], beta: &[Q]) -> Result<(), NotAffine> {
    let width = pre.first().map_or(0, Vec::len);
    for j in 0..width {
        let col: Vec<Q> = pre.iter().map(|r| r[j].clone()).collect();
        let signs = normalized_signs(&col, &gamma[j], &beta[j]);
        if let Some(i) = signs.iter().position(|s| *s != Ordering::Greater) {
            return Err(NotAffine { neuron: j + 1, sample: i + 1, pre: col[i].clone(), segment: None });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_of_a_plus_beta_sqrt_v_matches_hand_cases() {
        // −3 + 1·√4 = −1 < 0; −2 + 1·√4 = 0; −1 + 1·√4 = 1 > 0; 3 − 2·√2 > 0 (9 > 8).
        let q = Q::int;
        assert_eq!(sign_plus_sqrt(&q(-3), &q(1), &q(4)), Ordering::Less);
        assert_eq!(sign_plus_sqrt(&q(-2), &q(1), &q(4)), Ordering::Equal);
        assert_eq!(sign_plus_sqrt(&q(-1), &q(1), &q(4)), Ordering::Greater);
        assert_eq!(sign_plus_sqrt(&q(3), &q(-2), &q(2)), Ordering::Greater);
    }

    #[test]
    fn zero_shift_bn_takes_both_signs() {
        // Batch (0, 1, 5): mean 2, the normalized values have signs (−, −, +).
        let p = [Q::int(0), Q::int(1), Q::int(5)];
        let s = normalized_signs(&p, &Q::int(3), &Q::zero());
        assert_eq!(s, vec![Ordering::Less, Ordering::Less, Ordering::Greater]);
    }
}
