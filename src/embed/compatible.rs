//! General compatible embeddings (\[P2\] §5, Def. 5.1–5.2, Conditions 1–2, Lemma 5.1, Thm 5.1;
//! width-depth spec §2.4).
//!
//! An index map I_l : {1..m'_l} → {0, 1..m_l} per hidden layer (onto {1..m_l}; 0 marks a **null**
//! neuron, the preimage G_k = I_l^{-1}(k) is the group of copies of narrow neuron k; I_0 and I_L
//! are identities), wide-shaped multipliers α^\[l\] and offsets α_b^\[l\], and with W_{0,·} = W_{·,0} = 1
//! and b_0 = 0:
//!   W'^\[l\]_{ij} = α^\[l\]_{ij} W^\[l\]_{I_l(i), I_{l−1}(j)},  b'^\[l\]_i = α_b^\[l\]_i + b^\[l\]_{I_l(i)}.
//! Auxiliary: β^\[l\]_j for non-null j (Σ_{j∈G_k} β_j = 1, β^\[0\] = β^\[L\] = 1) and effective
//! biases b*_j of null neurons with constant outputs c_j = σ(b*_j).
//!
//! **Which reading of Condition 2.** [`Condition2::Literal`] is \[P2\]'s definition as written:
//! α_b_i = 0 and Σ_{j null} α_ij c_j = 0 for every non-null i (constant inputs from null neurons
//! must cancel), and Σ_{j null} α_ij c_j + α_b_i = b*_i for null i. It is the default because it
//! is the object \[P2\] Thm 5.1 is about. [`Condition2::Compensated`] replaces the non-null part by
//! bias compensation (α_b_i = −Σ_{j null} α_ij c_j): not in \[P2\]'s definition, but the same
//! Lemma 5.1 argument applies (the non-null neuron's pre-activation is unchanged), and the spec
//! checked that output, transfer formula and criticality still hold; the harness checks both.
//!
//! Gradient transfer at every θ (spec §2.4, derived and checked): ∂R_wide/∂W'_{ij} =
//! β_i ∂R/∂W_{I(i),I(j)} (i, j non-null), β_i c_j ∂R/∂b_{I(i)} (i non-null, j null), 0 (i null);
//! ∂R_wide/∂b'_i = β_i ∂R/∂b_{I(i)} (non-null), 0 (null).

use super::{AffineMap, EmbedError, Shape, SparseMap};
use crate::linalg::Matrix;
use crate::net::Params;
use crate::scalar::Field;

/// The two readings of \[P2\] Condition 2 (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition2 {
    /// \[P2\] as written: no bias compensation of null inputs into non-null neurons.
    Literal,
    /// Bias compensation α_b_i = −Σ_{j null} α_ij c_j for non-null i.
    Compensated,
}

/// A general compatible embedding: all the data of \[P2\] Def. 5.1–5.2. Vectors indexed by layer
/// run over l = 0 … L (`index`, `beta`, `effective_bias`, `constants`) or l = 1 … L stored at
/// position l − 1 (`alpha`, `alpha_b`). Neuron entries of `index` are the papers' 1-based narrow
/// indices, 0 for null.
#[derive(Clone, Debug, PartialEq)]
pub struct Compatible<S> {
    /// The narrow architecture (every layer must have a bias).
    pub narrow: Shape,
    /// I_l for l = 0 … L.
    pub index: Vec<Vec<usize>>,
    /// α^\[l\] (m'_l × m'_{l−1}) for l = 1 … L.
    pub alpha: Vec<Matrix<S>>,
    /// α_b^\[l\] (length m'_l) for l = 1 … L.
    pub alpha_b: Vec<Vec<S>>,
    /// β^\[l\]_j for l = 0 … L (0 at null neurons).
    pub beta: Vec<Vec<S>>,
    /// b*_j at null neurons (0 elsewhere), l = 0 … L.
    pub effective_bias: Vec<Vec<S>>,
    /// c_j = σ(b*_j) at null neurons (0 elsewhere), l = 0 … L.
    pub constants: Vec<Vec<S>>,
    /// The reading of Condition 2 this embedding satisfies.
    pub reading: Condition2,
}

fn invalid(what: String) -> EmbedError {
    EmbedError::Invalid { what }
}

impl<S: Field> Compatible<S> {
    /// The wide architecture (m'_l = |I_l|).
    pub fn wide(&self) -> Shape {
        Shape::with_biases(&self.index.iter().map(Vec::len).collect::<Vec<_>>()).expect("checked index sizes")
    }

    fn group(&self, l: usize, k: usize) -> impl Iterator<Item = usize> + '_ {
        self.index[l].iter().enumerate().filter(move |(_, &v)| v == k).map(|(i, _)| i)
    }

    /// Checks the shapes, the index maps, Σ_{G_k} β = 1 and Conditions 1–2 in `self.reading`
    /// (exact equalities over an exact field).
    ///
    /// # Errors
    /// [`EmbedError::Invalid`] naming the first violated condition with its layer and neuron
    /// (1-based).
    pub fn check(&self) -> Result<(), EmbedError> {
        let n = &self.narrow;
        let depth = n.depth();
        if (1..=depth).any(|l| !n.has_bias(l)) {
            return Err(invalid("a general compatible embedding needs a bias in every layer".into()));
        }
        if self.index.len() != depth + 1 || self.alpha.len() != depth || self.alpha_b.len() != depth {
            return Err(invalid(format!("need I_0 … I_L and α^[1] … α^[L] for L = {depth}")));
        }
        for l in 0..=depth {
            let m = n.widths()[l];
            let idx = &self.index[l];
            if l == 0 || l == depth {
                if *idx != (1..=m).collect::<Vec<_>>() {
                    return Err(invalid(format!("I_{l} must be the identity on 1 … {m}")));
                }
            } else if idx.iter().any(|&v| v > m) || (1..=m).any(|k| !idx.contains(&k)) {
                return Err(invalid(format!("I_{l} must map onto 1 … {m} (0 for null neurons)")));
            }
            for v in [&self.beta[l], &self.effective_bias[l], &self.constants[l]] {
                if v.len() != idx.len() {
                    return Err(invalid(format!("layer {l}: β, b* and c need {} entries", idx.len())));
                }
            }
            for k in 1..=m {
                let mut sum = S::zero();
                self.group(l, k).for_each(|j| sum.add_assign(&self.beta[l][j]));
                if sum != S::one() {
                    return Err(invalid(format!("layer {l}, group of neuron {k}: β sums to {sum:?}, not 1")));
                }
            }
        }
        for l in 1..=depth {
            self.check_layer(l)?;
        }
        Ok(())
    }

    fn check_layer(&self, l: usize) -> Result<(), EmbedError> {
        let (rows, cols) = (&self.index[l], &self.index[l - 1]);
        let (a, ab) = (&self.alpha[l - 1], &self.alpha_b[l - 1]);
        if a.rows() != rows.len() || a.cols() != cols.len() || ab.len() != rows.len() {
            return Err(invalid(format!("layer {l}: α must be {} × {}", rows.len(), cols.len())));
        }
        let narrow_prev = self.narrow.widths()[l - 1];
        for (i, &ki) in rows.iter().enumerate() {
            let target = if ki == 0 { S::zero() } else { S::one() };
            for s in 1..=narrow_prev {
                let mut sum = S::zero();
                self.group(l - 1, s).for_each(|j| sum.add_assign(a.get(i, j)));
                if sum != target {
                    return Err(invalid(format!(
                        "Condition 1 (forward), layer {l}, wide neuron {}: α over the copies of neuron {s} sums to {sum:?}, not {target:?}",
                        i + 1
                    )));
                }
            }
            let mut inflow = ab[i].clone();
            for (j, &kj) in cols.iter().enumerate() {
                if kj == 0 {
                    inflow.add_assign(&a.get(i, j).mul(&self.constants[l - 1][j]));
                }
            }
            let (want, what) = match (ki, self.reading) {
                (0, _) => (self.effective_bias[l][i].clone(), "null neuron: Σ α c + α_b = b*"),
                (_, Condition2::Literal) if !ab[i].is_zero() => {
                    return Err(invalid(format!("Condition 2, layer {l}, neuron {}: α_b ≠ 0", i + 1)))
                }
                _ => (S::zero(), "non-null neuron: Σ_{j null} α c + α_b = 0"),
            };
            if inflow != want {
                return Err(invalid(format!("Condition 2, layer {l}, wide neuron {} ({what}) fails", i + 1)));
            }
        }
        for k in 1..=self.narrow.widths()[l] {
            for (j, &kj) in cols.iter().enumerate() {
                let mut sum = S::zero();
                self.group(l, k).for_each(|i| sum.add_assign(&self.beta[l][i].mul(a.get(i, j))));
                let want = if kj == 0 { S::zero() } else { self.beta[l - 1][j].clone() };
                if sum != want {
                    return Err(invalid(format!(
                        "Condition 1 (backward), layer {l}, copies of neuron {k}, wide column {}: Σ β α = {sum:?}, not {want:?}",
                        j + 1
                    )));
                }
            }
        }
        Ok(())
    }

    /// Whether [`Compatible::check`] passes.
    pub fn is_valid(&self) -> bool {
        self.check().is_ok()
    }

    /// The affine map θ ↦ θ' on flat vectors.
    pub fn map(&self) -> AffineMap<S> {
        let (n, w) = (&self.narrow, self.wide());
        let mut entries = Vec::new();
        let mut offset = vec![S::zero(); w.num_params()];
        for l in 1..=n.depth() {
            let a = &self.alpha[l - 1];
            for (i, &ki) in self.index[l].iter().enumerate() {
                for (j, &kj) in self.index[l - 1].iter().enumerate() {
                    let dst = w.weight_index(l, i, j);
                    if ki == 0 || kj == 0 {
                        offset[dst] = a.get(i, j).clone();
                    } else {
                        entries.push((dst, n.weight_index(l, ki - 1, kj - 1), a.get(i, j).clone()));
                    }
                }
                let dst = w.bias_index(l, i).expect("all layers have biases");
                offset[dst] = self.alpha_b[l - 1][i].clone();
                if ki != 0 {
                    entries.push((dst, n.bias_index(l, ki - 1).expect("all layers have biases"), S::one()));
                }
            }
        }
        AffineMap { linear: SparseMap::new(w.num_params(), n.num_params(), entries), offset }
    }

    /// θ' for narrow parameters θ.
    ///
    /// # Errors
    /// [`EmbedError::Shape`] if `params` does not have the narrow shape.
    pub fn apply(&self, params: &Params<S>) -> Result<Params<S>, EmbedError> {
        self.narrow.check_params(params)?;
        Ok(self.wide().params(&self.map().apply(&params.flatten())))
    }

    /// The gradient-transfer map (narrow gradient → wide gradient), spec §2.4.
    pub fn transfer_map(&self) -> SparseMap<S> {
        let (n, w) = (&self.narrow, self.wide());
        let depth = n.depth();
        let mut e = Vec::new();
        for l in 1..=depth {
            for (i, &ki) in self.index[l].iter().enumerate() {
                if ki == 0 {
                    continue;
                }
                let bi = if l == depth { S::one() } else { self.beta[l][i].clone() };
                let gb = n.bias_index(l, ki - 1).expect("all layers have biases");
                for (j, &kj) in self.index[l - 1].iter().enumerate() {
                    let dst = w.weight_index(l, i, j);
                    if kj == 0 {
                        e.push((dst, gb, bi.mul(&self.constants[l - 1][j])));
                    } else {
                        e.push((dst, n.weight_index(l, ki - 1, kj - 1), bi.clone()));
                    }
                }
                e.push((w.bias_index(l, i).expect("all layers have biases"), gb, bi));
            }
        }
        SparseMap::new(w.num_params(), n.num_params(), e)
    }
}
