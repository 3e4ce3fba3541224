//! The spec's worked examples (width-depth §2.6 Ex C–E, §4 Ex G) with their wide networks built
//! by hand (splitting T^α_{1,1} and null embedding T^β_{1,0} of a two-layer net, spec §2.1–2.2).
#![allow(dead_code)]

use embedcheck::activation::Activation;
use embedcheck::data::Dataset;
use embedcheck::linalg::Matrix;
use embedcheck::net::{Layer, Params};
use embedcheck::scalar::{Ring, Q};
use embedcheck::theorem::harness::{run, Failure, RunConfig};
use embedcheck::theorem::Theorem;

/// Parses "-3/4".
pub fn q(s: &str) -> Q {
    Q::parse(s).unwrap()
}

/// A list of rationals.
pub fn qs(v: &[&str]) -> Vec<Q> {
    v.iter().map(|s| q(s)).collect()
}

/// An exact example: σ, θ, data.
pub struct Example {
    pub act: Activation,
    pub params: Params<Q>,
    pub data: Dataset<Q>,
}

fn two_layer(w: Vec<Vec<Q>>, b: Vec<Q>, v: Vec<Q>, c: Q) -> Params<Q> {
    let m0 = w[0].len();
    let m1 = w.len();
    Params::new(vec![
        Layer { weight: Matrix::from_rows(w, m0), bias: Some(b) },
        Layer { weight: Matrix::from_rows(vec![v], m1), bias: Some(vec![c]) },
    ])
    .unwrap()
}

fn scalar_data(x: &[&str], y: &[&str]) -> Dataset<Q> {
    Dataset::new(x.iter().map(|s| vec![q(s)]).collect(), y.iter().map(|s| vec![q(s)]).collect()).unwrap()
}

/// Ex C: σ(t) = t + t⁴, widths (1,1,1), w = −1, b = 1/2, v = 2, c = 0.
pub fn ex_c() -> Example {
    Example {
        act: Activation::poly(qs(&["0", "1", "0", "0", "1"])),
        params: two_layer(vec![qs(&["-1"])], qs(&["1/2"]), qs(&["2"]), q("0")),
        data: scalar_data(&["-3/2", "-1", "-1/2", "0", "1/2", "2"], &["40", "-7/8", "16", "1/8", "0", "49/8"]),
    }
}

/// Ex D: σ(t) = t + t³, widths (2,1,1), W¹ = [[0, 1]], b¹ = 0, W² = [[−1]], b² = 0.
pub fn ex_d() -> Example {
    let pts = [
        (["0", "-2"], "10"),
        (["0", "-1"], "3"),
        (["0", "0"], "-1/2"),
        (["0", "1"], "-3"),
        (["1", "-1"], "1"),
        (["1", "0"], "1"),
        (["1", "1"], "-1"),
        (["2", "0"], "-1/2"),
    ];
    Example {
        act: Activation::poly(qs(&["0", "1", "0", "1"])),
        params: two_layer(vec![qs(&["0", "1"])], qs(&["0"]), qs(&["-1"]), q("0")),
        data: Dataset::new(pts.iter().map(|(x, _)| qs(x)).collect(), pts.iter().map(|(_, y)| vec![q(y)]).collect())
            .unwrap(),
    }
}

/// Ex E: σ(t) = t + t³ + t⁶, widths (1,1,1), w = 2, b = −1, v = −1, c = 0.
pub fn ex_e() -> Example {
    Example {
        act: Activation::poly(qs(&["0", "1", "0", "1", "0", "0", "1"])),
        params: two_layer(vec![qs(&["2"])], qs(&["-1"]), qs(&["-1"]), q("0")),
        data: scalar_data(
            &["-3/2", "-1", "-1/2", "0", "1/2", "1", "3/2"],
            &["-4042", "-622", "-108", "-8", "-74", "-3", "0"],
        ),
    }
}

/// Ex A's θ (σ(t) = t + t², widths (1,2,1)) with targets equal to its own outputs 4, 6, 12 at
/// x = 1, −1, 2: Ex G, a zero-loss point.
pub fn ex_g() -> Example {
    Example {
        act: Activation::poly(qs(&["0", "1", "1"])),
        params: two_layer(vec![qs(&["1"]), qs(&["-1"])], qs(&["0", "1"]), qs(&["2", "1"]), q("0")),
        data: scalar_data(&["1", "-1", "2"], &["4", "6", "12"]),
    }
}

/// T^α_{1,s} of a two-layer net by hand (spec §2.1): row s of W¹ and entry s of b¹ appended,
/// outgoing column s becomes (1−α)v_s and the new last column αv_s.
pub fn split(ex: &Example, s: usize, alpha: &Q) -> Example {
    let (l1, l2) = (ex.params.layer(1), ex.params.layer(2));
    let mut w = l1.weight.to_rows();
    w.push(l1.weight.row(s).to_vec());
    let mut b = l1.bias.clone().unwrap();
    b.push(b[s].clone());
    let mut v = l2.weight.row(0).to_vec();
    let vs = v[s].clone();
    v[s] = Q::one().sub(alpha).mul(&vs);
    v.push(alpha.mul(&vs));
    Example {
        act: ex.act.clone(),
        params: two_layer(w, b, v, l2.bias.clone().unwrap()[0].clone()),
        data: ex.data.clone(),
    }
}

/// T^β_{1,0} of a two-layer net by hand (spec §2.2): a new neuron with zero incoming weights,
/// bias β and zero outgoing weight.
pub fn null(ex: &Example, beta: &Q) -> Example {
    let (l1, l2) = (ex.params.layer(1), ex.params.layer(2));
    let mut w = l1.weight.to_rows();
    w.push(vec![Q::zero(); l1.fan_in()]);
    let mut b = l1.bias.clone().unwrap();
    b.push(beta.clone());
    let mut v = l2.weight.row(0).to_vec();
    v.push(Q::zero());
    Example {
        act: ex.act.clone(),
        params: two_layer(w, b, v, l2.bias.clone().unwrap()[0].clone()),
        data: ex.data.clone(),
    }
}

/// Runs each control on `cases` generated cases from `seed` and returns its first failure,
/// panicking when a control is never caught.
pub fn caught_controls(controls: &[Box<dyn Theorem>], seed: u64, cases: u64) -> Vec<Failure> {
    controls
        .iter()
        .map(|t| {
            let tally = run(t.as_ref(), RunConfig { cases, seed, ..RunConfig::default() }, |_| {});
            tally.failure.unwrap_or_else(|| panic!("control {} was never caught ({} held)", t.id(), tally.held))
        })
        .collect()
}
