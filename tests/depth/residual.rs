//! Residual critical lifting (\[P3\] Def. 5) on Ex F (spec §3.4): the all-zero residual block
//! ([P3] notes it is a trivial critical lifting) and a non-trivial one, checked by membership and by
//! output equality on S_x computed from the residual forward pass.

use crate::common;

use common::layer;
use embedcheck::depth::residual::{check_residual_membership, residual_output, ResidualLift};
use embedcheck::depth::Violation;
use embedcheck::io::{read_data, read_network};
use embedcheck::net::outputs;

const D: &str = "examples/depth_ex_f";

#[test]
fn residual_lifts_of_ex_f_preserve_outputs_on_the_data() {
    let n = read_network(&format!("{D}/narrow.net.json")).unwrap();
    let d = read_data(&format!("{D}/ex_f.data.json")).unwrap();
    let act = n.activation.exact().unwrap();
    // Zero block: W' = 0, b' = (1/2, 1/2) ⇒ σ(b') = b'; V = W^[2] = (−1, 2), c = 0 − V b' = −1/2.
    let zero = ResidualLift {
        q: 1,
        block: layer(&[&["0", "0"], &["0", "0"]], &["1/2", "1/2"]),
        next: layer(&[&["-1", "2"]], &["-1/2"]),
    };
    // W' = I, b' = (1/2, 1/2) (f^[1] ≥ 0, so W'f + b' > 0, λ = 1): (iii) V + V = W ⇒ V = (−1/2, 1),
    // c = b − V b' = 0 − (−1/4 + 1/2) = −1/4.
    let half = ResidualLift {
        q: 1,
        block: layer(&[&["1", "0"], &["0", "1"]], &["1/2", "1/2"]),
        next: layer(&[&["-1/2", "1"]], &["-1/4"]),
    };
    for lift in [&zero, &half] {
        check_residual_membership(&n.params, lift, act, &d).unwrap();
        for (i, x) in d.inputs().iter().enumerate() {
            assert_eq!(residual_output(&n.params, lift, act, x).unwrap(), outputs(&n.params, act, x, i + 1).unwrap());
        }
    }
    // The plain (non-residual) weights V = W fail the residual (iii): V D W' + V = 2W ≠ W.
    let wrong = ResidualLift { next: layer(&[&["-1", "2"]], &["-1/2"]), ..half.clone() };
    assert_eq!(check_residual_membership(&n.params, &wrong, act, &d), Err(Violation::OutputWeight { row: 1, col: 1 }));
}
