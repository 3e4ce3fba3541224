//! The expansion manifold Θ_{r→m}(θ*) of Şimşek et al. (ICML 2021) as a union of affine
//! subspaces Γ_C, one per configuration C (symmetry spec A.2–A.3), and its geometry.
//!
//! Each Γ_C is the exact linear system A_C θ = M_C t, with θ = (w_1, …, w_m, a) and the teacher
//! t = (w*_1, …, w*_r, a*) kept *symbolic* (spec A.7, item 2):
//! - duplicate block B of teacher neuron i: w_j = w*_i (j ∈ B) and Σ_{j∈B} a_j = a*_i;
//! - zero-type block Z: w_j = w_{min Z} (j ∈ Z) and Σ_{j∈Z} a_j = 0.
//!
//! For a generic t: Γ_C ∩ Γ_C′ ≠ ∅ ⇔ rank\[A_C; A_C′\] = rank\[A_C M_C; A_C′ M_C′\];
//! Γ_C ⊆ Γ_C′ ⇔ rank\[A_C M_C; A_C′ M_C′\] = rank\[A_C M_C\]; dim Γ_C = m(d+1) − rank A_C.
//! (Negating the t columns does not change a rank, so \[A | M\] serves for both tests.)
//! These are checked with exact integer rank ([`super::integer_rank`]).

use super::enumerate::configurations;
use super::integer_rank::integer_rank;
use super::shallow::Shallow;
use super::Configuration;
use crate::linalg::{null_space, solve, Matrix};
use crate::rng::Rng;
use crate::scalar::{Ring, Q};

/// One affine subspace Γ_C with its constraint rows \[A_C | M_C\] (integer entries) and ranks.
#[derive(Clone, Debug)]
pub struct Subspace {
    /// The configuration C.
    pub config: Configuration,
    /// Rows of \[A_C | M_C\]: m(d+1) θ-columns, then r(d+1) teacher columns.
    pub rows: Vec<Vec<i64>>,
    /// m(d+1): the number of θ-columns.
    pub n_theta: usize,
    /// rank A_C.
    pub rank_a: usize,
    /// rank \[A_C | M_C\].
    pub rank_am: usize,
}

impl Subspace {
    /// The constraint system of `config` for a width-r teacher, width-m student, inputs in Q^d.
    pub fn new(config: Configuration, r: usize, m: usize, d: usize) -> Subspace {
        let n_theta = m * (d + 1);
        let width = n_theta + r * (d + 1);
        let (w_idx, a_idx) = (|j: usize, c: usize| j * d + c, |j: usize| m * d + j);
        let (tw_idx, ta_idx) = (|i: usize, c: usize| n_theta + i * d + c, |i: usize| n_theta + r * d + i);
        let mut rows = Vec::new();
        for (block, label) in config.blocks.iter().zip(&config.labels) {
            let mut sum = vec![0i64; width];
            for &j in block {
                sum[a_idx(j)] = 1;
            }
            match *label {
                Some(i) => {
                    for &j in block {
                        for c in 0..d {
                            let mut row = vec![0i64; width];
                            row[w_idx(j, c)] = 1;
                            row[tw_idx(i, c)] = 1;
                            rows.push(row);
                        }
                    }
                    sum[ta_idx(i)] = 1;
                }
                None => {
                    for &j in &block[1..] {
                        for c in 0..d {
                            let mut row = vec![0i64; width];
                            row[w_idx(j, c)] = 1;
                            row[w_idx(block[0], c)] = -1;
                            rows.push(row);
                        }
                    }
                }
            }
            rows.push(sum);
        }
        let a_part: Vec<Vec<i64>> = rows.iter().map(|r| r[..n_theta].to_vec()).collect();
        let (rank_a, rank_am) = (integer_rank(&a_part), integer_rank(&rows));
        Subspace { config, rows, n_theta, rank_a, rank_am }
    }

    /// dim Γ_C = m(d+1) − rank A_C.
    pub fn dim(&self) -> usize {
        self.n_theta - self.rank_a
    }

    /// Whether A_C θ = M_C t is solvable for a generic teacher t (rank A_C = rank \[A_C | M_C\]).
    pub fn consistent(&self) -> bool {
        self.rank_a == self.rank_am
    }

    /// A random exact point of Γ_C for concrete teacher values: a particular solution of
    /// A_C θ = M_C t plus a random rational combination of a basis of ker A_C.
    ///
    /// # Panics
    /// If the system is inconsistent for this teacher (not for an irreducible one: spec A.3).
    pub fn random_point(&self, teacher: &Shallow, rng: &mut Rng) -> Shallow {
        let (m, d) = (self.n_theta / (teacher.input_dim() + 1), teacher.input_dim());
        let t = teacher.flatten();
        let a = Matrix::from_rows(
            self.rows.iter().map(|r| r[..self.n_theta].iter().map(|&x| Q::from_i64(x)).collect()).collect(),
            self.n_theta,
        );
        let rhs: Vec<Q> = self
            .rows
            .iter()
            .map(|r| r[self.n_theta..].iter().zip(&t).fold(Q::zero(), |s, (&c, tk)| s.add(&tk.scale_i64(c))))
            .collect();
        let mut theta = solve(&a, &rhs).expect("Γ_C is nonempty for an irreducible teacher");
        for v in null_space(&a) {
            let c = rng.small_q(5, 3);
            for (x, vx) in theta.iter_mut().zip(&v) {
                x.add_assign(&c.mul(vx));
            }
        }
        Shallow::from_flat(&theta, m, d)
    }
}

/// The predicted dimension of spec A.3, item 3: dim Γ_C = h + q(d − 1), h = m − r, q the number
/// of zero-type groups.
pub fn predicted_dim(r: usize, m: usize, d: usize, q: usize) -> usize {
    m - r + q * (d - 1)
}

/// Whether Γ_s ∩ Γ_t ≠ ∅ for a generic teacher.
pub fn intersects(s: &Subspace, t: &Subspace) -> bool {
    let a: Vec<Vec<i64>> = s.rows.iter().chain(&t.rows).map(|r| r[..s.n_theta].to_vec()).collect();
    let am: Vec<Vec<i64>> = s.rows.iter().chain(&t.rows).cloned().collect();
    integer_rank(&a) == integer_rank(&am)
}

/// The two containment relations of a pair for a generic teacher: (Γ_s ⊆ Γ_t, Γ_t ⊆ Γ_s).
pub fn containments(s: &Subspace, t: &Subspace) -> (bool, bool) {
    let am: Vec<Vec<i64>> = s.rows.iter().chain(&t.rows).cloned().collect();
    let joint = integer_rank(&am);
    (joint == s.rank_am, joint == t.rank_am)
}

/// The geometry of Θ_{r→m} for inputs in Q^d (spec A.3, items 3–5), all checked by exact rank.
#[derive(Clone, Debug)]
pub struct Geometry {
    /// r, m, d.
    pub r: usize,
    /// Student width m.
    pub m: usize,
    /// Input dimension d.
    pub d: usize,
    /// One subspace per configuration (T(r, m) of them).
    pub subspaces: Vec<Subspace>,
    /// Every system is solvable for a generic teacher.
    pub all_consistent: bool,
    /// Every dim Γ_C equals h + q(d − 1).
    pub dimension_formula_holds: bool,
    /// No Γ_C contains another (so also pairwise distinct).
    pub distinct_and_maximal: bool,
    /// Intersecting pairs (i < j).
    pub edges: Vec<(usize, usize)>,
    /// Connected components of the intersection graph.
    pub components: usize,
}

impl Geometry {
    /// Enumerates the configurations and checks every subspace and every pair.
    ///
    /// Cost: T(r, m)² / 2 pairs, each two exact ranks of a ≈ 2(md + m) × (m + r)(d + 1) matrix;
    /// (3, 5, 2) has 450 subspaces and ≈ 10⁵ pairs.
    pub fn new(r: usize, m: usize, d: usize) -> Geometry {
        let subspaces: Vec<Subspace> =
            configurations(r, m, false).into_iter().map(|c| Subspace::new(c, r, m, d)).collect();
        let all_consistent = subspaces.iter().all(Subspace::consistent);
        let dimension_formula_holds =
            subspaces.iter().all(|s| s.dim() == predicted_dim(r, m, d, s.config.zero_type_groups()));
        let mut distinct_and_maximal = true;
        let mut edges = Vec::new();
        for i in 0..subspaces.len() {
            for j in i + 1..subspaces.len() {
                let (inside, outside) = containments(&subspaces[i], &subspaces[j]);
                distinct_and_maximal &= !inside && !outside;
                if intersects(&subspaces[i], &subspaces[j]) {
                    edges.push((i, j));
                }
            }
        }
        let components = count_components(subspaces.len(), &edges);
        Geometry {
            r,
            m,
            d,
            subspaces,
            all_consistent,
            dimension_formula_holds,
            distinct_and_maximal,
            edges,
            components,
        }
    }

    /// The component count spec A.3 item 5 predicts: r! isolated points when m = r, else 1.
    pub fn expected_components(&self) -> usize {
        if self.m == self.r {
            (1..=self.r).product()
        } else {
            1
        }
    }

    /// The smallest dimension of a Γ_C (spec A.3: it is h = m − r).
    pub fn min_dim(&self) -> usize {
        self.subspaces.iter().map(Subspace::dim).min().unwrap_or(0)
    }

    /// Degree of every node of the intersection graph.
    pub fn degrees(&self) -> Vec<usize> {
        let mut deg = vec![0; self.subspaces.len()];
        for &(i, j) in &self.edges {
            deg[i] += 1;
            deg[j] += 1;
        }
        deg
    }
}

/// Connected components of a graph on n nodes (union–find).
pub fn count_components(n: usize, edges: &[(usize, usize)]) -> usize {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(i, j) in edges {
        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
        parent[a] = b;
    }
    (0..n).filter(|&x| find(&mut parent, x) == x).count()
}
