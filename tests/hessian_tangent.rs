//! The per-coordinate tangent Hessian equals forward over forward exactly (Ex C–E and generated nets).

mod hessian_common;

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
