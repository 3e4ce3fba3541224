//! Theorem S (splitting inertia formula) and \[P1\] Lemma 2 (degeneracy increment), width-depth
//! spec §2.5: on the spec's worked examples Ex C–E (§2.6; expected A and inertias are the spec's
//! [checked] values, the wide nets are built by hand in `hessian_common::split`) and through the
//! harness on generated exact critical points, with every negative control caught.

use crate::hessian_common;

use embedcheck::hessian::hessian;
use embedcheck::hessian::theorem_s::{k_matrix, splitting_blocks};
use embedcheck::linalg::{inertia, Inertia, Matrix};
use embedcheck::scalar::{Ring, Q};
use hessian_common::{ex_c, ex_d, ex_e, q, qs, split, Example};

fn matrix(rows: &[&[&str]]) -> Matrix<Q> {
    Matrix::from_rows(rows.iter().map(|r| qs(r)).collect(), rows[0].len())
}

fn hessian_inertia(ex: &Example) -> Inertia {
    inertia(&hessian(&ex.params, ex.act.exact().unwrap(), &ex.data).unwrap())
}

/// inertia(H_narr) + (0, 0, 1) + inertia(K_c) for neuron 1 of layer 1, with c in place of α(1−α).
fn predicted(ex: &Example, narrow: Inertia, c: &Q) -> Inertia {
    let (a, b) = splitting_blocks(&ex.params, ex.act.exact().unwrap(), &ex.data, 1, 0).unwrap();
    let v = ex.params.layer(2).weight.col(0);
    narrow.plus(&Inertia::new(0, 0, 1)).plus(&inertia(&k_matrix(&a, &b, &v, c, true).unwrap()))
}

fn product(alpha: &Q) -> Q {
    alpha.mul(&Q::one().sub(alpha))
}

/// Checks A against the spec, then for each (α, inertia) of the spec: the direct wide Hessian and
/// Theorem S's prediction both give the spec's inertia.
fn check_example(ex: &Example, spec_a: Matrix<Q>, narrow: Inertia, cases: &[(&str, Inertia)]) {
    let (a, _) = splitting_blocks(&ex.params, ex.act.exact().unwrap(), &ex.data, 1, 0).unwrap();
    assert_eq!(a, spec_a, "A");
    assert_eq!(hessian_inertia(ex), narrow, "narrow inertia");
    for (alpha, want) in cases {
        let alpha = q(alpha);
        assert_eq!(hessian_inertia(&split(ex, 0, &alpha)), *want, "direct wide inertia at α = {alpha}");
        assert_eq!(predicted(ex, narrow, &product(&alpha)), *want, "Theorem S at α = {alpha}");
    }
}

#[test]
fn theorem_s_gives_the_inertias_of_ex_c() {
    let ex = ex_c();
    let w = Inertia::new;
    let cases = [("1/3", w(5, 0, 2)), ("1/2", w(5, 0, 2)), ("2", w(4, 1, 2)), ("-1", w(4, 1, 2)), ("0", w(4, 0, 3))];
    check_example(&ex, matrix(&[&["6", "12"], &["12", "24"]]), w(4, 0, 0), &cases);
}

#[test]
fn theorem_s_gives_the_inertias_of_ex_d() {
    let ex = ex_d();
    let w = Inertia::new;
    let a = matrix(&[&["3/2", "0", "3/2"], &["0", "0", "0"], &["3/2", "0", "0"]]);
    let cases = [("1/2", w(6, 1, 2)), ("2", w(6, 1, 2)), ("0", w(5, 0, 4)), ("1", w(5, 0, 4))];
    check_example(&ex, a, w(5, 0, 0), &cases);
}

#[test]
fn theorem_s_gives_the_inertias_of_ex_e() {
    let ex = ex_e();
    let w = Inertia::new;
    let a = matrix(&[&["2880", "42300/7"], &["42300/7", "12780"]]);
    let cases = [("1/2", w(6, 0, 1)), ("2", w(4, 2, 1)), ("-1", w(4, 2, 1))];
    check_example(&ex, a, w(4, 0, 0), &cases);
}

/// Hand derivation: on Ex C at α = 2 the true coefficient α(1−α) = −2 makes K = −2A with A ⪰ 0 of
/// rank 1, inertia (0, 1, 1) → (4, 1, 2); the control's coefficient α = 2 gives (1, 0, 1) → (5, 0, 2).
#[test]
fn alpha_in_place_of_alpha_times_one_minus_alpha_mispredicts_ex_c() {
    let ex = ex_c();
    let narrow = Inertia::new(4, 0, 0);
    assert_eq!(predicted(&ex, narrow, &q("2")), Inertia::new(5, 0, 2));
    assert_ne!(predicted(&ex, narrow, &q("2")), hessian_inertia(&split(&ex, 0, &q("2"))));
}

/// \[P1\] Lemma 2 on Ex C–E: n₀ rises by ≥ 1 at every listed split; the "≥ 2" control fails on Ex E
/// at α = 2 ((4, 0, 0) → (4, 2, 1), spec), where K_α is nonsingular.
#[test]
fn splitting_raises_the_corank_by_at_least_one_on_the_examples() {
    for (ex, alphas) in [(ex_c(), ["1/3", "2"]), (ex_d(), ["1/2", "2"]), (ex_e(), ["1/2", "2"])] {
        let narrow = hessian_inertia(&ex);
        for a in alphas {
            assert!(hessian_inertia(&split(&ex, 0, &q(a))).zero > narrow.zero, "α = {a}");
        }
    }
    let ex = ex_e();
    assert_eq!(hessian_inertia(&split(&ex, 0, &q("2"))).zero, hessian_inertia(&ex).zero + 1);
}
