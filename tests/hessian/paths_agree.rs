//! The two exact Hessian paths agree on generated nets, H v and uᵀHu agree with H, the f64
//! Hessian matches the exact one within its stated tolerance, and the exact inertia methods agree
//! with Descartes' rule on matrices of known inertia.

use crate::common;

use common::{congruent_to_diagonal, sylvester};
use embedcheck::activation::Activation;
use embedcheck::data::Dataset;
use embedcheck::hessian::{hessian, hessian_forward, hessian_vector_product, second_directional_derivative, spectrum};
use embedcheck::linalg::{
    characteristic_polynomial, descartes_inertia, dot, inertia, inertia_bareiss, inertia_certified, Inertia,
    InertiaMethod, Matrix,
};
use embedcheck::net::{Layer, Params};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q};

fn random_net(rng: &mut Rng) -> (Params<Q>, Activation, Dataset<Q>) {
    let depth = 2 + rng.below(2);
    let mut widths = vec![1 + rng.below(2)];
    for _ in 1..depth {
        widths.push(1 + rng.below(2));
    }
    widths.push(1 + rng.below(2));
    let layers = (1..widths.len())
        .map(|l| Layer {
            weight: Matrix::from_vec(
                widths[l],
                widths[l - 1],
                (0..widths[l] * widths[l - 1]).map(|_| rng.small_q(3, 3)).collect(),
            ),
            bias: Some((0..widths[l]).map(|_| rng.small_q(3, 3)).collect()),
        })
        .collect();
    let n = 1 + rng.below(3);
    let (m0, ml) = (widths[0], widths[widths.len() - 1]);
    let data = Dataset::new(
        (0..n).map(|_| (0..m0).map(|_| rng.small_q(3, 2)).collect()).collect(),
        (0..n).map(|_| (0..ml).map(|_| rng.small_q(3, 2)).collect()).collect(),
    )
    .unwrap();
    let act = Activation::poly(vec![rng.small_q(2, 2), Q::one(), rng.small_q(2, 2), rng.small_q(1, 2)]);
    (Params::new(layers).unwrap(), act, data)
}

#[test]
fn forward_over_reverse_equals_forward_over_forward_on_generated_nets() {
    for seed in 0..40 {
        let (params, act, data) = random_net(&mut Rng::new(seed));
        let a = act.exact().unwrap();
        let h = hessian(&params, a, &data).unwrap();
        assert_eq!(h, hessian_forward(&params, a, &data).unwrap(), "seed {seed}");
        assert_eq!(h, embedcheck::hessian::hessian_tangent(&params, a, &data).unwrap(), "seed {seed}");
        // H v and uᵀHu by their own paths.
        let mut rng = Rng::new(seed + 1000);
        let m = params.num_params();
        let u: Vec<Q> = (0..m).map(|_| rng.small_q(3, 3)).collect();
        assert_eq!(hessian_vector_product(&params, a, &data, &u).unwrap(), h.mul_vec(&u), "seed {seed}");
        assert_eq!(second_directional_derivative(&params, a, &data, &u).unwrap(), dot(&u, &h.mul_vec(&u)));
    }
}

#[test]
fn f64_hessian_matches_the_exact_one_within_its_tolerance() {
    // Same network over f64: entries agree to a relative 1e-12 (a few hundred rounded operations
    // of relative error ε each), and the spectrum's inertia equals the exact inertia whenever no
    // exact eigenvalue is within the tolerance (here: checked on generated nets with H nonsingular).
    for seed in 0..20 {
        let (params, act, data) = random_net(&mut Rng::new(seed));
        let h = hessian(&params, act.exact().unwrap(), &data).unwrap();
        let hf = hessian(&params.map(Q::to_f64), &act, &data.map(Q::to_f64)).unwrap();
        let scale = h.data().iter().map(|x| x.to_f64().abs()).fold(1.0, f64::max);
        for (e, f) in h.data().iter().zip(hf.data()) {
            assert!((e.to_f64() - f).abs() <= 1e-12 * scale, "seed {seed}");
        }
        let exact = inertia(&h);
        if exact.zero == 0 {
            let s = spectrum(&hf);
            if s.eigenvalues.iter().all(|l| l.abs() > 1e3 * s.tolerance) {
                assert_eq!(s.inertia(), exact, "seed {seed}");
            }
        }
    }
}

#[test]
fn every_inertia_method_gives_sylvesters_count_on_pt_d_p() {
    for seed in 0..12 {
        let mut rng = Rng::new(seed);
        let n = 3 + rng.below(16);
        let d: Vec<i64> = (0..n).map(|_| rng.range(-3, 3)).collect();
        let a = congruent_to_diagonal(&mut rng, &d, None);
        let want = sylvester(&d);
        assert_eq!(inertia(&a), want, "seed {seed}");
        assert_eq!(inertia_bareiss(&a), want, "seed {seed}");
        assert_eq!(inertia_certified(&a).0, want, "seed {seed}");
        if n <= 10 {
            assert_eq!(descartes_inertia(&characteristic_polynomial(&a)), want, "seed {seed}");
        }
    }
}

#[test]
fn the_dominance_certificate_is_used_on_a_nonsingular_matrix_and_the_null_space_one_on_a_singular_one() {
    let mut rng = Rng::new(7);
    let d: Vec<i64> = (0..20).map(|k| if k % 3 == 0 { -1 - k } else { 2 + k }).collect();
    let a = congruent_to_diagonal(&mut rng, &d, None);
    assert_eq!(inertia_certified(&a), (sylvester(&d), InertiaMethod::DominanceCertificate));
    let mut d0 = d.clone();
    d0[4] = 0;
    d0[11] = 0;
    let b = congruent_to_diagonal(&mut rng, &d0, None);
    assert_eq!(inertia_certified(&b), (sylvester(&d0), InertiaMethod::SingularCertificate));
}

#[test]
fn zero_diagonal_blocks_need_the_congruence_step_in_bareiss() {
    // [[0, B], [Bᵀ, 0]] with B invertible 7×7 has inertia (7, 7, 0): every diagonal entry is 0.
    let n = 14;
    let mut a: Matrix<Q> = Matrix::zeros(n, n);
    let mut rng = Rng::new(3);
    for i in 0..7 {
        for j in 0..7 {
            let v = if i == j {
                Q::int(5)
            } else if j > i {
                rng.small_q(2, 3)
            } else {
                Q::zero()
            };
            a.set(i, 7 + j, v.clone());
            a.set(7 + j, i, v);
        }
    }
    assert_eq!(inertia(&a), Inertia::new(7, 7, 0));
    assert_eq!(inertia_bareiss(&a), Inertia::new(7, 7, 0));
    assert_eq!(inertia_certified(&a).0, Inertia::new(7, 7, 0));
}
