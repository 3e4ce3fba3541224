//! The deep linear model of spec symmetry-linear B.1: the exact noise average, and the loss,
//! gradient and Hessian at the first test vector of B.5.

use crate::common;

use common::{q, qs};
use embedcheck::data::Dataset;
use embedcheck::linalg::{inertia, Inertia, Matrix};
use embedcheck::linear::{gradient, hessian, loss, LinearModel, Moments};
use embedcheck::net::{Layer, Params};
use embedcheck::rng::Rng;
use embedcheck::scalar::{Ring, Q};

fn bias_free(layers: Vec<Matrix<Q>>) -> Params<Q> {
    Params::new(layers.into_iter().map(|weight| Layer { weight, bias: None }).collect()).unwrap()
}

/// E_x E_ε (f(x) − y)² by brute force: every pattern of a two-point noise ε ∈ {1 − s, 1 + s}
/// (mean 1, variance s²) on every hidden unit, every sample, written without the C_l recursion.
fn enumerate_noise(params: &Params<Q>, data: &Dataset<Q>, s: &Q) -> Q {
    let depth = params.depth() - 1;
    let units: usize = (1..=depth).map(|l| params.layer(l).width()).sum();
    let mut total = Q::zero();
    for pattern in 0..(1u64 << units) {
        for (x, y) in data.inputs().iter().zip(data.targets()) {
            let mut h = x.clone();
            let mut bit = 0;
            for l in 1..=depth {
                h = params.layer(l).weight.mul_vec(&h);
                for v in h.iter_mut() {
                    let eps = if pattern >> bit & 1 == 1 { Q::one().add(s) } else { Q::one().sub(s) };
                    *v = v.mul(&eps);
                    bit += 1;
                }
            }
            let f = params.layer(depth + 1).weight.mul_vec(&h)[0].clone();
            total.add_assign(&f.sub(&y[0]).square());
        }
    }
    total.mul(&Q::new(1, (data.len() as i64) << units))
}

#[test]
fn noise_averaged_loss_equals_enumeration_of_a_two_point_noise_law() {
    // Spec B.1 / B.6 item 1: d_0 = 2, widths (2, 3), s = 1/2 (s² = 1/4), no decay, three samples.
    let mut rng = Rng::new(3);
    for _ in 0..3 {
        let data = Dataset::new(
            (0..3).map(|_| vec![rng.small_q(5, 4), rng.small_q(5, 4)]).collect(),
            (0..3).map(|_| vec![rng.small_q(5, 3)]).collect(),
        )
        .unwrap();
        let mut mat = |r: usize, c: usize| Matrix::from_vec(r, c, (0..r * c).map(|_| rng.small_q(4, 3)).collect());
        let params = bias_free(vec![mat(2, 2), mat(3, 2), mat(1, 3)]);
        let tiny = Q::new(1, 1_000_000_000);
        let model = LinearModel::new(vec![2, 2, 3], Q::new(1, 4), tiny.clone(), vec![tiny.clone(), tiny]).unwrap();
        let moments = Moments::from_data(&data).unwrap();
        let reg = params.flatten().iter().fold(Q::zero(), |acc, x| acc.add(&x.square())).mul(&Q::new(1, 1_000_000_000));
        let expected = enumerate_noise(&params, &data, &Q::new(1, 2)).add(&reg);
        assert_eq!(loss(&model, &moments, &params), expected);
    }
}

/// Spec B.5 row 1: d_0 = 2, A = I, m = (3, 4), E[y²] = 30, s² = 4, d_1 = 4 (k = 2), γ = 3.
fn row1() -> (LinearModel, Moments) {
    let model = LinearModel::equal_decay(vec![2, 4], q("4"), q("3")).unwrap();
    (model, Moments::isotropic(q("1"), qs(&["3", "4"]), q("30")))
}

#[test]
fn test_vector_1_claimed_minimiser_is_critical_with_loss_28_and_positive_definite_hessian() {
    let (model, moments) = row1();
    assert_eq!(model.noise_factor(), q("2"));
    // b = 1, r = (½, ½, ½, ½), w = (3/5, 4/5), W_1 = r wᵀ (rows (3/10, 2/5)), U = r.
    let w1 = Matrix::from_rows(vec![qs(&["3/10", "2/5"]); 4], 2);
    let u = Matrix::from_rows(vec![qs(&["1/2"; 4])], 4);
    let theta = bias_free(vec![w1, u]);
    assert!(gradient(&model, &moments, &theta).iter().all(Ring::is_zero));
    assert_eq!(loss(&model, &moments, &theta), q("28"));
    assert_eq!(loss(&model, &moments, &model.zero_params::<Q>()), q("30"));
    // Eigenvalues {12 ×4, 8 ×4, 4 ×3, 10 ×1}: all positive, so inertia (12, 0, 0).
    let h = hessian(&model, &moments, &theta);
    assert_eq!(inertia(&h), Inertia::new(12, 0, 0));
    // Independent check of the spectrum: trace = 4·12 + 4·8 + 3·4 + 10 = 102.
    let trace = (0..12).fold(Q::zero(), |acc, i| acc.add(h.get(i, i)));
    assert_eq!(trace, q("102"));
}

#[test]
fn hessian_at_the_origin_is_twice_the_decay_for_two_or_more_hidden_layers() {
    // Spec B.4: D ≥ 2 gives ∇²L(0) = 2 diag(γ_u I, γ_1 I, …); here ‖E[xy]‖ = √74, γ = 1/10.
    let a = Matrix::from_rows(vec![qs(&["2", "1/2"]), qs(&["1/2", "1"])], 2);
    let moments = Moments { a, m: qs(&["5", "7"]), eyy: q("1") };
    for widths in [vec![2, 2, 2], vec![2, 2, 3, 2]] {
        let model = LinearModel::equal_decay(widths, q("1/3"), q("1/10")).unwrap();
        let h = hessian(&model, &moments, &model.zero_params::<Q>());
        let n = model.num_params();
        let mut expected = Matrix::zeros(n, n);
        for i in 0..n {
            expected.set(i, i, q("1/5"));
        }
        assert_eq!(h, expected);
    }
}
