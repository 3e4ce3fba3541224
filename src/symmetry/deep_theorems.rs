//! Catalogue entry for multi-layer connectivity (Şimşek et al., ICML 2021, abstract; symmetry spec
//! A.3 item 6) and its negative control; see [`super::deep_paths`] for what is and is not shown.

use super::deep_paths::{check_adjacent_swaps, segment_keeps_function, swap_path, with_spares};
use super::theorems::fails;
use crate::activation::Polynomial;
use crate::linalg::Matrix;
use crate::net::{Layer, Params};
use crate::rng::Rng;
use crate::scalar::Q;
use crate::theorem::{Evidence, Outcome, Size, Theorem, WidthRule};
use serde_json::json;

/// The width rule of `symmetry.deep.swap_paths` and its control (hidden widths 2 ..= the width
/// used; a width below 2 has no swap, and the check answers "not applicable").
pub const SWAP_WIDTHS: WidthRule = WidthRule::Capped {
    max: 8,
    reason:
        "every adjacent swap of both hidden layers along seven-move paths: 2.3 s per 100 cases at width 8, 5.7 s at 12",
};

/// Why a width below 2 is not applicable.
const NO_SWAP: &str = "max width < 2: a hidden layer needs two neurons to swap";

/// A random bias-free three-layer net (widths (d, r1, r2, 1), d ≤ 2, 2 ≤ r_l ≤ `size.max_width`
/// as passed, which must be at least 2), a random σ of degree 2 and four inputs.
fn random_case(rng: &mut Rng, size: Size) -> (Params<Q>, Polynomial, Vec<Vec<Q>>, Vec<usize>) {
    let top = size.max_width as i64;
    let widths = vec![rng.range(1, 2) as usize, rng.range(2, top) as usize, rng.range(2, top) as usize, 1];
    let layers = widths
        .windows(2)
        .map(|w| {
            let data = (0..w[0] * w[1]).map(|_| rng.small_nonzero_q(4, 3)).collect();
            Layer { weight: Matrix::from_vec(w[1], w[0], data), bias: None }
        })
        .collect();
    let sigma = Polynomial::new(vec![rng.small_q(3, 3), rng.small_nonzero_q(3, 2), rng.small_nonzero_q(3, 2)]);
    let inputs = (0..4).map(|_| (0..widths[0]).map(|_| rng.small_nonzero_q(4, 3)).collect()).collect();
    (Params::new(layers).expect("shapes chain"), sigma, inputs, widths)
}

/// `symmetry.deep.swap_paths`: with one spare neuron per hidden layer, every adjacent swap of
/// hidden neurons is reached by a path that keeps the function exactly.
pub struct SwapPaths;

impl Theorem for SwapPaths {
    fn id(&self) -> &'static str {
        "symmetry.deep.swap_paths"
    }
    fn statement(&self) -> &'static str {
        "adding one neuron per hidden layer joins the Π r_l! permuted copies of a zero-loss point by zero-loss paths (explicit seven-move swap paths)"
    }
    fn source(&self) -> &'static str {
        "Şimşek et al. ICML 2021 (abstract); symmetry spec A.3 item 6; construction in src/symmetry/deep_paths.rs"
    }
    fn hypotheses(&self) -> &'static str {
        "bias-free three-layer net, polynomial σ; isolation at minimal width is not claimed"
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
    }
    fn widths(&self) -> WidthRule {
        SWAP_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        if size.max_width < 2 {
            return Outcome::NotApplicable(NO_SWAP.into());
        }
        let (p, sigma, inputs, widths) = random_case(rng, size);
        match check_adjacent_swaps(&p, &sigma, &inputs) {
            None => Outcome::Holds(Evidence::CheckedExactly),
            Some((l, i)) => fails(
                "every swap path keeps the function",
                format!("swap of neurons {} and {} in layer {l} does not", i + 1, i + 2),
                json!({"widths": widths}),
            ),
        }
    }
}

/// Negative control `symmetry.deep.control.unaligned_spare`: the same path without first giving
/// the spare neuron the incoming row of neuron i (wrong: shifting the column then changes f).
pub struct UnalignedSpare;

impl Theorem for UnalignedSpare {
    fn id(&self) -> &'static str {
        "symmetry.deep.control.unaligned_spare"
    }
    fn statement(&self) -> &'static str {
        "(wrong) the swap path works without first aligning the spare neuron's incoming row"
    }
    fn source(&self) -> &'static str {
        "wrong variant of symmetry spec A.3 items 5–6 (transposition path)"
    }
    fn hypotheses(&self) -> &'static str {
        "as for symmetry.deep.swap_paths"
    }
    fn control_of(&self) -> Option<&'static str> {
        Some("symmetry.deep.swap_paths")
    }
    fn evidence(&self) -> Evidence {
        Evidence::CheckedExactly
    }
    fn widths(&self) -> WidthRule {
        SWAP_WIDTHS
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        if size.max_width < 2 {
            return Outcome::NotApplicable(NO_SWAP.into());
        }
        let (p, sigma, inputs, widths) = random_case(rng, size);
        let path = swap_path(&with_spares(&p), 1, 0, 1, true);
        if path.windows(2).all(|w| segment_keeps_function(&w[0], &w[1], &sigma, &inputs)) {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            fails("every segment keeps f", "a segment changes f", json!({"widths": widths}))
        }
    }
}
