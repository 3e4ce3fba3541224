//! Catalogue entry for multi-layer connectivity (Şimşek et al., ICML 2021, abstract; symmetry spec
//! A.3 item 6) and its negative control; see [`crate::symmetry::deep_paths`] for what is and is not shown.

use super::case::fails;
use crate::activation::{Activation, ExactActivation, Polynomial};
use crate::io::{network_to_json, vector_to_json};
use crate::linalg::Matrix;
use crate::net::{Layer, Network, Params};
use crate::rng::Rng;
use crate::scalar::Q;
use crate::symmetry::deep_paths::{check_adjacent_swaps, segment_keeps_function, swap_path, with_spares};
use crate::theorem::stored::judge_stored;
use crate::theorem::{Evidence, Meta, Outcome, Recheck, Size, Theorem, WidthRule};
use serde_json::{json, Value};

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
    fn meta(&self) -> Meta {
        Meta {
            id: "symmetry.deep.swap_paths",
            statement: "adding one neuron per hidden layer joins the Π r_l! permuted copies of a zero-loss point by zero-loss paths (explicit seven-move swap paths)",
            source: "Şimşek et al. ICML 2021, abstract (one extra neuron per layer connects the r*_1!⋯r*_{L−1}! minima); construction in src/symmetry/deep_paths.rs",
            hypotheses: "bias-free three-layer net, polynomial σ; isolation at minimal width is not claimed",
            widths: SWAP_WIDTHS,
            // Zero-loss paths: f = y on the data along the path, for every loss that vanishes exactly at
            // zero residual.
            loss: crate::theorem::LossUse::Free,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        if size.max_width < 2 {
            return Outcome::NotApplicable(NO_SWAP.into());
        }
        let (p, sigma, inputs, _) = random_case(rng, size);
        swap_paths(&p, &sigma, &inputs)
    }
    /// Reads the network (σ, weights) and the inputs and follows the paths again.
    fn recheck(&self, case: &Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, read_case(case)?, |(p, sigma, inputs)| swap_paths(&p, &sigma, &inputs)))
    }
}

/// The case as JSON: the network (σ and bias-free weights) and the inputs.
fn case_json(p: &Params<Q>, sigma: &Polynomial, inputs: &[Vec<Q>]) -> Value {
    let net = Network { activation: Activation::Exact(ExactActivation::Poly(sigma.clone())), params: p.clone() };
    json!({"network": network_to_json(&net), "inputs": inputs.iter().map(|x| vector_to_json(x)).collect::<Vec<_>>()})
}

/// The widest hidden layer a re-check follows paths through.
const MAX_RECHECK_WIDTH: usize = 12;

/// Reads a stored case: the outer error when malformed, the inner one unless it is a bias-free
/// three-layer net (d, r1, r2, 1) with polynomial σ, 2 ≤ r_l ≤ 12, and inputs in Q^d.
fn read_case(v: &Value) -> crate::theorem::stored::Read<(Params<Q>, Polynomial, Vec<Vec<Q>>)> {
    use crate::theorem::stored::{field, network, rational_rows};
    let net = network(v, "network")?;
    let inputs = rational_rows(field(v, "inputs")?, "inputs")?;
    let Activation::Exact(ExactActivation::Poly(sigma)) = net.activation else {
        return Ok(Err("σ is not a polynomial".into()));
    };
    let w = net.params.widths();
    let p = net.params;
    let shape = w.len() == 4 && w[3] == 1 && w[1..3].iter().all(|&r| (2..=MAX_RECHECK_WIDTH).contains(&r));
    if !shape || p.layers().iter().any(|l| l.bias.is_some()) {
        return Ok(Err(format!("needs a bias-free net (d, r1, r2, 1) with 2 ≤ r_l ≤ {MAX_RECHECK_WIDTH}").into()));
    }
    if inputs.is_empty() || inputs.iter().any(|x| x.len() != w[0]) {
        return Err("`inputs`: at least one input, each of length d".into());
    }
    Ok(Ok((p, sigma, inputs)))
}

/// Every adjacent swap joined by a path that keeps the function?
fn swap_paths(p: &Params<Q>, sigma: &Polynomial, inputs: &[Vec<Q>]) -> Outcome {
    match check_adjacent_swaps(p, sigma, inputs) {
        None => Outcome::Holds(Evidence::CheckedExactly),
        Some((l, i)) => fails(
            "every swap path keeps the function",
            format!("swap of neurons {} and {} in layer {l} does not", i + 1, i + 2),
            case_json(p, sigma, inputs),
        ),
    }
}

/// The path without aligning the spare neuron first: every segment keeps the function?
fn unaligned_spare(p: &Params<Q>, sigma: &Polynomial, inputs: &[Vec<Q>]) -> Outcome {
    let path = swap_path(&with_spares(p), 1, 0, 1, true);
    if path.windows(2).all(|w| segment_keeps_function(&w[0], &w[1], sigma, inputs)) {
        Outcome::Holds(Evidence::CheckedExactly)
    } else {
        fails("every segment keeps f", "a segment changes f", case_json(p, sigma, inputs))
    }
}

/// Negative control `symmetry.deep.control.unaligned_spare`: the same path without first giving
/// the spare neuron the incoming row of neuron i (wrong: shifting the column then changes f).
pub struct UnalignedSpare;

impl Theorem for UnalignedSpare {
    fn meta(&self) -> Meta {
        Meta {
            id: "symmetry.deep.control.unaligned_spare",
            statement: "(wrong) the swap path works without first aligning the spare neuron's incoming row",
            source: "wrong variant of Şimşek et al. ICML 2021, Fig. 4 caption (the path joining a subspace to its permutation)",
            hypotheses: "as for symmetry.deep.swap_paths",
            widths: SWAP_WIDTHS,
            loss: crate::theorem::LossUse::Free,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn control_of(&self) -> Option<&'static str> {
        Some("symmetry.deep.swap_paths")
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        if size.max_width < 2 {
            return Outcome::NotApplicable(NO_SWAP.into());
        }
        let (p, sigma, inputs, _) = random_case(rng, size);
        unaligned_spare(&p, &sigma, &inputs)
    }
    /// Reads the network (σ, weights) and the inputs and follows the path again.
    fn recheck(&self, case: &Value) -> Result<Recheck, crate::theorem::CheckError> {
        Ok(judge_stored(case, read_case(case)?, |(p, sigma, inputs)| unaligned_spare(&p, &sigma, &inputs)))
    }
}
