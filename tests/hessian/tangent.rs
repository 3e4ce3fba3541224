//! The per-coordinate tangent Hessian equals forward over forward exactly (Ex C–E and generated nets).

use crate::hessian_common;

use embedcheck::hessian::{hessian_forward, hessian_tangent};
use hessian_common::{ex_c, ex_d, ex_e, ex_g, null, q, split};

#[test]
fn tangent_hessian_equals_forward_over_forward_on_the_spec_examples() {
    for ex in [ex_c(), ex_d(), ex_e(), ex_g(), split(&ex_e(), 0, &q("2")), null(&ex_d(), &q("1/2"))] {
        let a = ex.act.exact().unwrap();
        assert_eq!(
            hessian_tangent(&ex.params, a, &ex.data).unwrap(),
            hessian_forward(&ex.params, a, &ex.data).unwrap()
        );
    }
}

#[test]
fn tangent_hessian_handles_bias_free_layers_and_equals_forward_over_forward() {
    // σ(x) = x/(1 + x²), first layer bias-free: the bias column of f̃ is absent there, so θ has
    // 2 + 2 + 1 = 5 coordinates and no bias tangent is seeded in layer 1.
    let text = r#"{"format":"embedcheck.net/1","activation":{"rational":{"num":["0","1"],"den":["1","0","1"]}},
        "layers":[{"weight":[["1/2"],["-2/3"]],"bias":null},{"weight":[["2","1/5"]],"bias":["1/7"]}]}"#;
    let net = embedcheck::io::parse_network(text, "r.net.json").unwrap();
    let a = net.activation.exact().unwrap();
    let data =
        embedcheck::data::Dataset::new(vec![vec![q("1/3")], vec![q("-2")]], vec![vec![q("1")], vec![q("0")]]).unwrap();
    let h = hessian_tangent(&net.params, a, &data).unwrap();
    assert_eq!(h.rows(), 5);
    assert_eq!(h, hessian_forward(&net.params, a, &data).unwrap());
}
