//! Truly-bad critical points (\[P2\] §6.3, width-depth spec §2.5): the T_global certificate of
//! Thm 6.3 on the spec's Ex D (§2.6 "Three-fold global splitting": inertia (7, 2, 4), v = e_{w₁},
//! c = A₁₁ = 3/2, coefficients (½, ½, 1), uᵀH_wide u = −3/4), H^(2) by an independent path, a
//! Lemma 6.2 case derived by hand, and the catalogue checks with their controls.

mod hessian_common;

use embedcheck::data::Dataset;
use embedcheck::embed::{global_splitting, Shape};
use embedcheck::hessian::certificate::verify;
use embedcheck::hessian::hessian;
use embedcheck::hessian::truly_bad::{global_certificate, residual_hessian, GlobalLemma};
use embedcheck::linalg::{inertia, Inertia, Matrix};
use embedcheck::net::{outputs, Network};
use embedcheck::scalar::{Field, Q};
use hessian_common::{ex_d, q, Example};

fn network(ex: &Example) -> Network<Q> {
    Network { activation: ex.act.clone(), params: ex.params.clone() }
}

#[test]
fn ex_d_global_splitting_has_the_spec_inertia() {
    let ex = ex_d();
    let wide = global_splitting::<Q>(&Shape::of(&ex.params)).unwrap().apply(&ex.params).unwrap();
    let h = hessian(&wide, ex.act.exact().unwrap(), &ex.data).unwrap();
    assert_eq!(inertia(&h), Inertia::new(7, 2, 4));
}

#[test]
fn ex_d_global_certificate_is_minus_three_quarters() {
    let ex = ex_d();
    let cert = global_certificate(&network(&ex), &ex.data).unwrap().expect("H^(2) ≠ 0 on Ex D");
    let d = &cert.direction;
    assert_eq!(d.lemma, GlobalLemma::HiddenBlock);
    // v = e_{w₁}: the first coordinate (W¹_{11}) in the contract order.
    let mut e1 = vec![Q::zero(); ex.params.num_params()];
    e1[0] = Q::one();
    assert_eq!(d.v, e1);
    assert_eq!(d.value, q("3/2"));
    assert_eq!(d.coefficients, [q("1/2"), q("1/2"), q("1")]);
    assert_eq!(cert.curvature, q("-3/4"));
    assert!(cert.holds());
    verify(&cert.certificate(&ex.data)).unwrap();
}
