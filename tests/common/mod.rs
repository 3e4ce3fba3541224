//! Helpers shared by the integration tests: small exact networks written by hand.
#![allow(dead_code)]

use embedcheck::activation::Activation;
use embedcheck::data::Dataset;
use embedcheck::linalg::Matrix;
use embedcheck::net::{Layer, Params};
use embedcheck::scalar::Q;

/// Parses a rational literal like "-3/4".
pub fn q(s: &str) -> Q {
    Q::parse(s).unwrap()
}

/// A vector of rationals from literals.
pub fn qs(v: &[&str]) -> Vec<Q> {
    v.iter().map(|s| q(s)).collect()
}

/// A layer from row literals and bias literals.
pub fn layer(rows: &[&[&str]], bias: &[&str]) -> Layer<Q> {
    let cols = rows[0].len();
    Layer { weight: Matrix::from_rows(rows.iter().map(|r| qs(r)).collect(), cols), bias: Some(qs(bias)) }
}

/// Spec width-depth §2.6 Ex A: σ(t) = t + t², widths (1, 2, 1), data (1,1), (−1,0), (2,1).
pub fn ex_a() -> (Params<Q>, Activation, Dataset<Q>) {
    let params = Params::new(vec![layer(&[&["1"], &["-1"]], &["0", "1"]), layer(&[&["2", "1"]], &["0"])]).unwrap();
    let data =
        Dataset::new(vec![qs(&["1"]), qs(&["-1"]), qs(&["2"])], vec![qs(&["1"]), qs(&["0"]), qs(&["1"])]).unwrap();
    (params, Activation::poly(qs(&["0", "1", "1"])), data)
}
