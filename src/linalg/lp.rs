//! Exact linear programming over Q on a cone cut by a box: the simplex method with Bland's rule.
//!
//! Solves
//!
//! > minimise cᵀd subject to A d ≥ 0 (row-wise) and −1 ≤ d_j ≤ 1,
//!
//! the question "is there a direction of first-order descent inside a polyhedral cone?" that the
//! stationarity test at a kink of a piecewise-linear network asks (`proofs/kink-stationarity.md`).
//! The optimum is 0 exactly when no direction d of the cone has cᵀd < 0.
//!
//! Standard form: d = u − v with 0 ≤ u, v ≤ 1, slacks s = A(u − v) ≥ 0 and t = 1 − u, t' = 1 − v.
//! The origin (u = v = 0, s = 0, t = t' = 1) is a basic feasible solution, so no phase one is
//! needed. Bland's rule (the entering and the leaving variable are the eligible ones of smallest
//! index) cannot cycle (Chvátal, *Linear Programming*, 1983, Thm 3.3), and the box keeps the
//! problem bounded, so the method ends at an optimum. Every pivot is exact rational arithmetic;
//! the returned direction is checked against the constraints before it is returned.

use super::dot;
use crate::scalar::{Field, Ring, Q};

/// An optimal solution of [`minimise_on_cone`].
#[derive(Clone, Debug, PartialEq)]
pub struct ConeOptimum {
    /// min cᵀd (≤ 0, since d = 0 is feasible).
    pub value: Q,
    /// A minimiser d (|d_j| ≤ 1, A d ≥ 0).
    pub direction: Vec<Q>,
}

/// Minimises cᵀd over {d : A d ≥ 0, ‖d‖_∞ ≤ 1} exactly (module docs).
///
/// # Panics
/// If a row of `a` does not have `c.len()` entries, or (an internal invariant) if the optimum
/// found violates a constraint.
pub fn minimise_on_cone(c: &[Q], a: &[Vec<Q>]) -> ConeOptimum {
    let m = c.len();
    let k = a.len();
    assert!(a.iter().all(|row| row.len() == m), "constraint rows must have one entry per variable");
    // Columns: u (0..m), v (m..2m), s (2m..2m+k), t (2m+k..3m+k), t' (3m+k..4m+k).
    let cols = 4 * m + k;
    let rows = k + 2 * m;
    let mut tab = vec![vec![Q::zero(); cols]; rows];
    let mut rhs = vec![Q::zero(); rows];
    let mut basis = Vec::with_capacity(rows);
    for (r, row) in a.iter().enumerate() {
        for (j, aj) in row.iter().enumerate() {
            tab[r][j] = aj.neg();
            tab[r][m + j] = aj.clone();
        }
        tab[r][2 * m + r] = Q::one();
        basis.push(2 * m + r);
    }
    for j in 0..m {
        let (ru, rv) = (k + j, k + m + j);
        tab[ru][j] = Q::one();
        tab[ru][2 * m + k + j] = Q::one();
        rhs[ru] = Q::one();
        basis.push(2 * m + k + j);
        tab[rv][m + j] = Q::one();
        tab[rv][3 * m + k + j] = Q::one();
        rhs[rv] = Q::one();
        basis.push(3 * m + k + j);
    }
    // Reduced costs; the initial basis has cost 0, so they start as the costs themselves.
    let mut reduced = vec![Q::zero(); cols];
    for j in 0..m {
        reduced[j] = c[j].clone();
        reduced[m + j] = c[j].neg();
    }
    while let Some(enter) = (0..cols).find(|&j| reduced[j].signum() < 0) {
        let leave = (0..rows)
            .filter(|&r| tab[r][enter].signum() > 0)
            .map(|r| (rhs[r].div(&tab[r][enter]).expect("positive pivot"), r))
            .min_by(|(x, rx), (y, ry)| x.cmp(y).then(basis[*rx].cmp(&basis[*ry])))
            .map(|(_, r)| r)
            .expect("the box keeps every column bounded");
        pivot(&mut tab, &mut rhs, &mut reduced, leave, enter);
        basis[leave] = enter;
    }
    let mut x = vec![Q::zero(); cols];
    for (r, &b) in basis.iter().enumerate() {
        x[b] = rhs[r].clone();
    }
    let direction: Vec<Q> = (0..m).map(|j| x[j].sub(&x[m + j])).collect();
    let value = dot(c, &direction);
    for row in a {
        assert!(dot(row, &direction).signum() >= 0, "simplex optimum violates a cone constraint");
    }
    assert!(direction.iter().all(|d| d.abs() <= Q::one()), "simplex optimum leaves the box");
    ConeOptimum { value, direction }
}

fn pivot(tab: &mut [Vec<Q>], rhs: &mut [Q], reduced: &mut [Q], leave: usize, enter: usize) {
    let inv = tab[leave][enter].inv().expect("nonzero pivot");
    for v in tab[leave].iter_mut() {
        if !v.is_zero() {
            *v = v.mul(&inv);
        }
    }
    rhs[leave] = rhs[leave].mul(&inv);
    let pivot_row = tab[leave].clone();
    let pivot_rhs = rhs[leave].clone();
    for r in 0..tab.len() {
        if r == leave || tab[r][enter].is_zero() {
            continue;
        }
        let factor = tab[r][enter].clone();
        for (v, p) in tab[r].iter_mut().zip(&pivot_row) {
            if !p.is_zero() {
                *v = v.sub(&factor.mul(p));
            }
        }
        rhs[r] = rhs[r].sub(&factor.mul(&pivot_rhs));
    }
    let factor = reduced[enter].clone();
    for (v, p) in reduced.iter_mut().zip(&pivot_row) {
        if !p.is_zero() {
            *v = v.sub(&factor.mul(p));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: &[i64]) -> Vec<Q> {
        v.iter().map(|&x| Q::int(x)).collect()
    }

    #[test]
    fn unconstrained_box_minimum_is_minus_the_l1_norm() {
        // min c·d over the box alone is −‖c‖₁, at d = −sign(c).
        let opt = minimise_on_cone(&q(&[3, -2, 0]), &[]);
        assert_eq!(opt.value, Q::int(-5));
        assert_eq!(opt.direction[..2], q(&[-1, 1])[..]);
    }

    #[test]
    fn a_cone_that_excludes_every_descent_direction_gives_zero() {
        // c = (1, 1); the cone d1 ≥ 0, d2 ≥ 0 has c·d ≥ 0 everywhere.
        let opt = minimise_on_cone(&q(&[1, 1]), &[q(&[1, 0]), q(&[0, 1])]);
        assert_eq!(opt.value, Q::zero());
    }

    #[test]
    fn a_half_space_leaves_the_descent_direction_on_its_side() {
        // c = (1, −1), cone d1 − d2 ≥ 0: c·d = d1 − d2 ≥ 0, so the minimum is 0;
        // with the cone d2 − d1 ≥ 0 instead, the minimum is −2 at d = (−1, 1).
        assert_eq!(minimise_on_cone(&q(&[1, -1]), &[q(&[1, -1])]).value, Q::zero());
        let opt = minimise_on_cone(&q(&[1, -1]), &[q(&[-1, 1])]);
        assert_eq!(opt.value, Q::int(-2));
        assert_eq!(opt.direction, q(&[-1, 1]));
    }

    #[test]
    fn degenerate_cones_terminate_and_agree_with_enumerating_vertices() {
        // Small random instances: the optimum equals the best box vertex inside the cone when the
        // cone is an orthant-like intersection checked by brute force over a fine grid of d.
        let mut rng = crate::rng::Rng::new(7);
        for _ in 0..200 {
            let m = 1 + (rng.next_u64() % 3) as usize;
            let k = (rng.next_u64() % 4) as usize;
            let small = |rng: &mut crate::rng::Rng| Q::int((rng.next_u64() % 5) as i64 - 2);
            let c: Vec<Q> = (0..m).map(|_| small(&mut rng)).collect();
            let a: Vec<Vec<Q>> = (0..k).map(|_| (0..m).map(|_| small(&mut rng)).collect()).collect();
            let opt = minimise_on_cone(&c, &a);
            // Brute force over the grid {−1, −1/2, …, 1}^m: nothing feasible beats the optimum,
            // and the optimum is attained (it is feasible by the function's own assertion).
            let grid: Vec<Q> = (-4..=4).map(|i| Q::new(i, 4)).collect();
            let mut idx = vec![0usize; m];
            loop {
                let d: Vec<Q> = idx.iter().map(|&i| grid[i].clone()).collect();
                if a.iter().all(|row| dot(row, &d).signum() >= 0) {
                    assert!(dot(&c, &d) >= opt.value, "grid point beats the simplex optimum");
                }
                let mut p = 0;
                while p < m && idx[p] == grid.len() - 1 {
                    idx[p] = 0;
                    p += 1;
                }
                if p == m {
                    break;
                }
                idx[p] += 1;
            }
        }
    }
}
