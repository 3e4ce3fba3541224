//! The counts T, T1, G, G0 of Şimşek et al. (ICML 2021) in closed form, with big integers.
//!
//! Notation (symmetry spec A.4): S(n, k) are the Stirling numbers of the second kind
//! (S(0, 0) = 1), B_n = Σ_k S(n, k) the Bell numbers, (k)_r = k(k−1)⋯(k−r+1).
//! - T(r, m): affine subspaces of the expansion manifold Θ_{r→m} (the global-minimum manifold of a
//!   width-m student of a width-r* = r teacher), zero-type *groups* allowed:
//!   T = Σ_{k=r}^{m} S(m, k)(k)_r = Σ_{j=0}^{m−r} C(m, j)·r!·S(m−j, r)·B_j.
//! - T1(r, m): zero-type groups restricted to singletons:
//!   T1 = Σ_j C(m, j)·r!·S(m−j, r) = r!·S(m+1, r+1).
//! - G(r, m) = r!·S(m, r): subspaces of symmetry-induced critical points lifted by duplication
//!   (the surjections {1..m} → {1..r}).
//! - G0(r, m): duplication plus null neurons (valid when σ(0) = 0), Σ_j C(m, j)·r!·S(m−j, r) =
//!   r!·S(m+1, r+1) (maps {1..m} → {0..r} that hit every label 1..r).
//!
//! Each count has two formulas computed by different code paths; the brute-force enumeration in
//! [`super::enumerate`] is the third, independent check (tests `tests/symmetry/counts.rs`).

use crate::scalar::Z;

/// The four counts of spec A.4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    /// Expansion-manifold subspaces with zero-type groups (the complete global-minimum count).
    T,
    /// Expansion-manifold subspaces with singleton zero-type groups only.
    T1,
    /// Duplication subspaces of symmetry-induced critical points (surjections).
    G,
    /// Duplication plus null neurons (only critical when σ(0) = 0).
    G0,
}

impl Count {
    /// All four, in the order T, T1, G, G0.
    pub const ALL: [Count; 4] = [Count::T, Count::T1, Count::G, Count::G0];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Count::T => "T",
            Count::T1 => "T1",
            Count::G => "G",
            Count::G0 => "G0",
        }
    }

    /// Reads `T`, `T1`, `G` or `G0` (case-insensitive).
    pub fn parse(s: &str) -> Option<Count> {
        Count::ALL.into_iter().find(|c| c.name().eq_ignore_ascii_case(s))
    }

    /// One line saying what the count counts (spec A.4).
    pub fn meaning(self) -> &'static str {
        match self {
            Count::T => "affine subspaces of the global-minimum manifold (zero-type groups allowed)",
            Count::T1 => "the same with zero-type groups restricted to single neurons (a_j = 0)",
            Count::G => "subspaces of symmetry-induced critical points lifted by duplication (r!·S(m, r))",
            Count::G0 => "duplication plus null neurons (0, 0); critical only when σ(0) = 0",
        }
    }
}

/// The table of S(n, k) for 0 ≤ k ≤ n ≤ `n_max`, by the recurrence
/// S(n, k) = k·S(n−1, k) + S(n−1, k−1), S(0, 0) = 1.
#[derive(Clone, Debug)]
pub struct Stirling {
    rows: Vec<Vec<Z>>,
}

/// The row n of the Stirling table from row n − 1 (row n has n + 1 entries).
pub fn next_stirling_row(prev: &[Z]) -> Vec<Z> {
    let n = prev.len();
    (0..=n)
        .map(|k| {
            let stay = if k < n { Z::from_u64(k as u64) * &prev[k] } else { Z::zero() };
            let new_block = if k > 0 { prev[k - 1].clone() } else { Z::zero() };
            stay + new_block
        })
        .collect()
}

impl Stirling {
    /// The table up to n = `n_max`.
    pub fn up_to(n_max: usize) -> Stirling {
        let mut rows = vec![vec![Z::one()]];
        for _ in 0..n_max {
            let next = next_stirling_row(rows.last().expect("row 0 exists"));
            rows.push(next);
        }
        Stirling { rows }
    }

    /// Largest n in the table.
    pub fn n_max(&self) -> usize {
        self.rows.len() - 1
    }

    /// S(n, k) (0 when k > n).
    ///
    /// # Panics
    /// If n exceeds [`Stirling::n_max`].
    pub fn s(&self, n: usize, k: usize) -> Z {
        assert!(n <= self.n_max(), "Stirling table built up to {}, asked for n = {n}", self.n_max());
        self.rows[n].get(k).cloned().unwrap_or_else(Z::zero)
    }

    /// The Bell number B_n = Σ_k S(n, k).
    pub fn bell(&self, n: usize) -> Z {
        (0..=n).map(|k| self.s(n, k)).sum()
    }
}

/// S(n, k) by inclusion–exclusion, S(n, k) = (1/k!) Σ_{i=0}^{k} (−1)^i C(k, i)(k−i)^n: a formula
/// independent of the recurrence, used to cross-check it.
pub fn stirling_explicit(n: u64, k: u64) -> Z {
    let mut sum = Z::zero();
    for i in 0..=k {
        let term = Z::binomial(k, i) * Z::from_u64(k - i).pow(n as u32);
        sum = if i % 2 == 0 { sum + term } else { sum - term };
    }
    sum.div_exact(&Z::factorial(k)).expect("k! divides the number of surjections onto k labels")
}

/// Bell numbers B_0..=B_n by the recurrence B_{n+1} = Σ_k C(n, k) B_k (independent of Stirling).
pub fn bell_by_recurrence(n: usize) -> Vec<Z> {
    let mut b = vec![Z::one()];
    for i in 0..n {
        let next = (0..=i).map(|k| Z::binomial(i as u64, k as u64) * &b[k]).sum();
        b.push(next);
    }
    b
}

/// All four counts, both formulas each, for every (r, m) with m + 1 ≤ the table size.
#[derive(Clone, Debug)]
pub struct Counts {
    stirling: Stirling,
}

impl Counts {
    /// Tables good for every m ≤ `m_max` (the Stirling table goes to m_max + 1 for T1 and G0).
    pub fn up_to(m_max: usize) -> Counts {
        Counts { stirling: Stirling::up_to(m_max + 1) }
    }

    /// The Stirling table used.
    pub fn stirling(&self) -> &Stirling {
        &self.stirling
    }

    /// The closed form of `count` at (r, m), first formula of spec A.4 (0 when m < r).
    pub fn get(&self, count: Count, r: usize, m: usize) -> Z {
        match count {
            Count::T => self.t(r, m),
            Count::T1 => self.t1(r, m),
            Count::G => self.g(r, m),
            Count::G0 => self.g0(r, m),
        }
    }

    /// The second formula of spec A.4 for `count` (for G, which has one closed form, the
    /// inclusion–exclusion count of surjections Σ_i (−1)^i C(r, i)(r−i)^m).
    pub fn get_second(&self, count: Count, r: usize, m: usize) -> Z {
        match count {
            Count::T => self.t_by_zero_neurons(r, m),
            Count::T1 | Count::G0 => self.t1_by_zero_neurons(r, m),
            Count::G => surjections_inclusion_exclusion(r as u64, m as u64),
        }
    }

    /// T(r, m) = Σ_{k=r}^{m} S(m, k)·(k)_r: a partition into k blocks and an injective labelling.
    pub fn t(&self, r: usize, m: usize) -> Z {
        (r..=m).map(|k| self.stirling.s(m, k) * Z::falling(k as u64, r as u64)).sum()
    }

    /// T(r, m) = Σ_{j=0}^{m−r} C(m, j)·r!·S(m−j, r)·B_j (j = number of zero-type neurons).
    pub fn t_by_zero_neurons(&self, r: usize, m: usize) -> Z {
        if m < r {
            return Z::zero();
        }
        let rf = Z::factorial(r as u64);
        (0..=m - r)
            .map(|j| Z::binomial(m as u64, j as u64) * &rf * self.stirling.s(m - j, r) * self.stirling.bell(j))
            .sum()
    }

    /// T1(r, m) = r!·S(m+1, r+1) (0 when m < r).
    pub fn t1(&self, r: usize, m: usize) -> Z {
        if m < r {
            return Z::zero();
        }
        Z::factorial(r as u64) * self.stirling.s(m + 1, r + 1)
    }

    /// T1(r, m) = G0(r, m) = Σ_{j=0}^{m−r} C(m, j)·r!·S(m−j, r).
    pub fn t1_by_zero_neurons(&self, r: usize, m: usize) -> Z {
        if m < r {
            return Z::zero();
        }
        let rf = Z::factorial(r as u64);
        (0..=m - r).map(|j| Z::binomial(m as u64, j as u64) * &rf * self.stirling.s(m - j, r)).sum()
    }

    /// G(r, m) = r!·S(m, r).
    pub fn g(&self, r: usize, m: usize) -> Z {
        Z::factorial(r as u64) * self.stirling.s(m, r)
    }

    /// G0(r, m) = r!·S(m+1, r+1) (0 when m < r).
    pub fn g0(&self, r: usize, m: usize) -> Z {
        self.t1(r, m)
    }
}

/// The number of surjections {1..m} → {1..r} by inclusion–exclusion.
pub fn surjections_inclusion_exclusion(r: u64, m: u64) -> Z {
    let mut sum = Z::zero();
    for i in 0..=r {
        let term = Z::binomial(r, i) * Z::from_u64(r - i).pow(m as u32);
        sum = if i % 2 == 0 { sum + term } else { sum - term };
    }
    sum
}

/// The first h ≥ 1 with T(r*, r*+h) > G(r*−1, r*+h) (with T1 in place of T when `singletons`),
/// searching h ≤ `h_max`; `None` if there is none in range. This is the "who dominates" claim of
/// Şimşek et al. 2021 (abstract; spec A.4: 2, 5, 12, 24 for r* = 10, 20, 50, 100).
///
/// Rows of the Stirling table are computed one at a time, so memory stays O(r* + h_max).
///
/// # Panics
/// If `r_star == 0`.
pub fn crossover(r_star: usize, h_max: usize, singletons: bool) -> Option<usize> {
    assert!(r_star >= 1, "r* ≥ 1");
    let mut row = vec![Z::one()];
    for _ in 0..r_star {
        row = next_stirling_row(&row);
    }
    let rf = Z::factorial(r_star as u64);
    let g_factor = Z::factorial(r_star as u64 - 1);
    let mut fall = vec![rf.clone()];
    for h in 1..=h_max {
        row = next_stirling_row(&row);
        let m = r_star + h;
        // (m)_{r*} = (m−1)_{r*} · m / (m − r*), exact.
        let last = fall.last().expect("(r*)_{r*} = r*!").clone();
        let next = (last * Z::from_u64(m as u64)).div_exact(&Z::from_u64(h as u64));
        fall.push(next.expect("(m−r*) divides (m−1)_{r*}·m"));
        let t = if singletons {
            // T1 = r*!·S(m+1, r*+1) needs row m + 1.
            &rf * &next_stirling_row(&row)[r_star + 1]
        } else {
            (r_star..=m).map(|k| &row[k] * &fall[k - r_star]).sum()
        };
        if t > &g_factor * &row[r_star - 1] {
            return Some(h);
        }
    }
    None
}
