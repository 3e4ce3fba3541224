//! The three-fold global splitting T_global (\[P2\] Ex. 5.1, §6.3; width-depth spec §2.4 "Two named
//! examples"): every hidden layer is tripled.
//!
//! With m'_l = 3m_l for every hidden layer l, copy c ∈ {0, 1, 2} of narrow neuron k of layer l is
//! wide neuron c·m_l + k (rows/columns c·m_l … c·m_l + m_l − 1, [`global_copy`]), and
//! - W'^\[1\] = \[W^\[1\]; W^\[1\]; W^\[1\]\], b'^\[l\] = (b^\[l\], b^\[l\], b^\[l\]) for hidden l;
//! - hidden layers 2 … L−1 block-diagonal: W'^\[l\] = diag(W^\[l\], W^\[l\], W^\[l\]);
//! - output layer W'^\[L\] = \[W^\[L\], W^\[L\], −W^\[L\]\], b'^\[L\] = b^\[L\].
//!
//! The output is preserved because the three copies compute the same features and 1 + 1 − 1 = 1.
//! It is the general compatible embedding ([`Compatible`], \[P2\] Def. 5.1–5.2) whose index maps send
//! each copy to its narrow neuron, with α = 1 inside a copy, 0 across copies, output multipliers
//! s_c = (1, 1, −1) and β^\[l\] = s_c on copy c of every hidden layer (Condition 1 holds because each
//! wide neuron sees exactly one copy of each narrow neuron, and Σ_c s_c = 1); hence it is a
//! critical embedding (\[P2\] Thm 5.1), and [`Compatible::check`] re-checks the conditions exactly.

use super::{Compatible, Condition2, EmbedError, Shape};
use crate::linalg::Matrix;
use crate::scalar::Field;

/// The output multipliers s_c of the three copies: (1, 1, −1) (\[P2\] Ex. 5.1).
pub const GLOBAL_SIGNS: [i64; 3] = [1, 1, -1];

/// Wide index of copy `copy` (0, 1, 2) of neuron `k` (0-based) in a hidden layer of narrow width
/// `width` under T_global: copy·width + k.
pub fn global_copy(width: usize, copy: usize, k: usize) -> usize {
    copy * width + k
}

/// T_global for networks of shape `narrow` (module docs), as a general compatible embedding: its
/// [`Compatible::apply`] gives T_global(θ) and [`Compatible::map`] the exact affine map (here
/// linear: no null neurons, so the offset is 0).
///
/// # Errors
/// [`EmbedError::Shape`] if the network has no hidden layer (L < 2) or a layer without a bias
/// (general compatible embeddings need every bias).
pub fn global_splitting<S: Field>(narrow: &Shape) -> Result<Compatible<S>, EmbedError> {
    let depth = narrow.depth();
    if depth < 2 {
        return Err(EmbedError::Shape { what: "T_global needs a hidden layer (L ≥ 2)".into() });
    }
    if (1..=depth).any(|l| !narrow.has_bias(l)) {
        return Err(EmbedError::Shape {
            what: "T_global is built here for networks with a bias in every layer".into(),
        });
    }
    let w = narrow.widths();
    let hidden = |l: usize| l > 0 && l < depth;
    // Copy number of wide neuron j of layer l (0 for the input and output layers).
    let copy_of = |l: usize, j: usize| if hidden(l) { j / w[l] } else { 0 };
    let index: Vec<Vec<usize>> = (0..=depth)
        .map(|l| {
            let reps = if hidden(l) { 3 } else { 1 };
            (0..reps).flat_map(|_| 1..=w[l]).collect()
        })
        .collect();
    let sign = |c: usize| S::from_i64(GLOBAL_SIGNS[c]);
    let alpha: Vec<Matrix<S>> = (1..=depth)
        .map(|l| {
            let (rows, cols) = (index[l].len(), index[l - 1].len());
            let entry = |i: usize, j: usize| {
                if l == depth {
                    sign(copy_of(l - 1, j))
                } else if l == 1 || copy_of(l, i) == copy_of(l - 1, j) {
                    S::one()
                } else {
                    S::zero()
                }
            };
            Matrix::from_vec(rows, cols, (0..rows * cols).map(|t| entry(t / cols, t % cols)).collect())
        })
        .collect();
    let alpha_b = (1..=depth).map(|l| vec![S::zero(); index[l].len()]).collect();
    let beta = (0..=depth)
        .map(|l| (0..index[l].len()).map(|j| if hidden(l) { sign(copy_of(l, j)) } else { S::one() }).collect())
        .collect();
    let zeros: Vec<Vec<S>> = index.iter().map(|i| vec![S::zero(); i.len()]).collect();
    Ok(Compatible {
        narrow: narrow.clone(),
        index,
        alpha,
        alpha_b,
        beta,
        effective_bias: zeros.clone(),
        constants: zeros,
        reading: Condition2::Literal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::{Layer, Params};
    use crate::scalar::{Ring, Q};

    fn q(n: i64) -> Q {
        Q::int(n)
    }

    /// Widths (1, 2, 1, 1): W¹ = [[1], [2]], b¹ = (3, 4), W² = [[5, 6]], b² = (7), W³ = [[8]], b³ = (9).
    fn deep() -> Params<Q> {
        Params::new(vec![
            Layer { weight: Matrix::from_rows(vec![vec![q(1)], vec![q(2)]], 1), bias: Some(vec![q(3), q(4)]) },
            Layer { weight: Matrix::from_rows(vec![vec![q(5), q(6)]], 2), bias: Some(vec![q(7)]) },
            Layer { weight: Matrix::from_rows(vec![vec![q(8)]], 1), bias: Some(vec![q(9)]) },
        ])
        .unwrap()
    }

    #[test]
    fn global_splitting_satisfies_the_compatibility_conditions() {
        // [P2] Thm 5.1 needs Conditions 1–2; `check` verifies them exactly.
        let t = global_splitting::<Q>(&Shape::of(&deep())).unwrap();
        assert!(t.is_valid(), "{:?}", t.check());
    }

    #[test]
    fn global_splitting_triples_rows_blocks_and_signs_the_output_layer_by_hand() {
        // Hand-written T_global of `deep()` (module docs): layer 1 rows (1, 2) three times,
        // layer 2 = diag([5, 6], [5, 6], [5, 6]), output [8, 8, −8], biases tripled / kept.
        let wide = global_splitting::<Q>(&Shape::of(&deep())).unwrap().apply(&deep()).unwrap();
        assert_eq!(wide.widths(), vec![1, 6, 3, 1]);
        assert_eq!(wide.layer(1).weight.col(0), [1, 2, 1, 2, 1, 2].map(q));
        assert_eq!(wide.layer(1).bias.clone().unwrap(), [3, 4, 3, 4, 3, 4].map(q));
        assert_eq!(wide.layer(2).weight.row(1), &[0, 0, 5, 6, 0, 0].map(q));
        assert_eq!(wide.layer(2).bias.clone().unwrap(), [7, 7, 7].map(q));
        assert_eq!(wide.layer(3).weight.row(0), &[8, 8, -8].map(q));
        assert_eq!(wide.layer(3).bias.clone().unwrap(), vec![q(9)]);
        assert_eq!(global_copy(2, 2, 1), 5);
    }

    #[test]
    fn global_splitting_preserves_the_output_at_fresh_inputs() {
        // [P2] Def. 4.2 (i): f_{T(θ)} = f_θ on all of R^d; σ(t) = t + t³ makes the copies matter.
        use crate::activation::Activation;
        use crate::net::outputs;
        let act = Activation::poly(vec![q(0), q(1), q(0), q(1)]);
        let act = act.exact().unwrap();
        let t = global_splitting::<Q>(&Shape::of(&deep())).unwrap();
        let wide = t.wide().params(&t.map().apply(&deep().flatten()));
        for x in [Q::new(-3, 2), Q::zero(), Q::new(2, 3)] {
            let x = vec![x];
            assert_eq!(outputs(&wide, act, &x, 1).unwrap(), outputs(&deep(), act, &x, 1).unwrap());
        }
    }

    #[test]
    fn global_splitting_needs_a_hidden_layer() {
        assert!(global_splitting::<Q>(&Shape::with_biases(&[2, 1]).unwrap()).is_err());
    }
}
