//! `compare`'s bound (`proofs/compare-bound.md`): independent binary64 computations — the batched
//! gradient through matrix products and the dual-number Hessian over f64 — stay within it on
//! generated nets, including exact critical points (truth 0, every float digit rounding) and
//! rational parameters that had to be rounded; an entry moved to twice its bound is caught; the
//! CLI reads .npy, .npz and JSON results and names the worst entry.

use crate::common;

use common::{run, text};
use embedcheck::activation::{Activation, ExactActivation};
use embedcheck::critical::{random_critical, random_params, CriticalKind};
use embedcheck::data::Dataset;
use embedcheck::hessian::hessian;
use embedcheck::net::{evaluate_f64, Params};
use embedcheck::oracle::{grade, truth, Quantity};
use embedcheck::rng::Rng;
use embedcheck::scalar::{f64_nearest, q_from_f64, Ring, Q};

fn exact(a: &Activation) -> &ExactActivation {
    a.exact().unwrap()
}

fn activations() -> Vec<Activation> {
    vec![
        Activation::poly(vec![Q::zero(), Q::one(), Q::new(1, 2)]),
        Activation::poly(vec![Q::new(1, 3), Q::new(-2, 5), Q::zero(), Q::new(1, 7)]),
        Activation::identity(),
        Activation::Exact(ExactActivation::Piecewise(embedcheck::activation::Piecewise::relu())),
    ]
}

fn float_gradient(p: &Params<Q>, a: &Activation, d: &Dataset<Q>) -> Vec<Q> {
    let ev = evaluate_f64(&p.map(Q::to_f64), a, &d.map(Q::to_f64)).unwrap();
    ev.gradient.flatten().iter().map(|g| q_from_f64(*g).unwrap()).collect()
}

fn float_hessian(p: &Params<Q>, a: &Activation, d: &Dataset<Q>) -> Vec<Q> {
    let h = hessian(&p.map(Q::to_f64), a, &d.map(Q::to_f64)).unwrap();
    h.data().iter().map(|v| q_from_f64(*v).unwrap()).collect()
}

/// Generated cases: random points and exact critical points (nonzero loss), widths 1–4, depth
/// 1–3, parameters p/q with q ≤ 2 (halves are doubles) or q ≤ 3 (thirds are not).
fn cases() -> Vec<(Params<Q>, Activation, Dataset<Q>, &'static str)> {
    let mut rng = Rng::new(42);
    let mut out = Vec::new();
    for (k, act) in activations().into_iter().enumerate() {
        for widths in [vec![2, 3, 1], vec![3, 4, 2], vec![1, 2, 2, 1], vec![2, 1], vec![2, 4, 3, 2, 1]] {
            let p = random_params(&mut rng, &widths, 3);
            let n = 6;
            let xs: Vec<Vec<Q>> = (0..n).map(|_| (0..widths[0]).map(|_| rng.small_q(3, 3)).collect()).collect();
            let ys: Vec<Vec<Q>> =
                (0..n).map(|_| (0..widths[widths.len() - 1]).map(|_| rng.small_q(3, 3)).collect()).collect();
            out.push((p, act.clone(), Dataset::new(xs, ys).unwrap(), "random"));
            if k < 2 && widths.len() >= 3 {
                let m = random_params(&mut rng, &widths, 1).num_params();
                if let Ok(Some(cp)) =
                    random_critical(&mut rng, &widths, exact(&act), CriticalKind::NonzeroLoss, m + 2, 2)
                {
                    out.push((cp.params, act.clone(), cp.data, "exact critical point"));
                }
            }
        }
    }
    out
}

#[test]
fn independent_float_gradients_stay_within_the_bound_even_at_exact_critical_points() {
    let mut critical = 0;
    for (p, a, d, kind) in cases() {
        let t = truth(&p, exact(&a), &d, Quantity::Gradient).unwrap();
        if kind == "exact critical point" {
            assert!(t.values.iter().all(Q::is_zero), "the truth at an exact critical point is 0");
            critical += 1;
        }
        let grades = grade(&float_gradient(&p, &a, &d), &t, None);
        for g in &grades {
            assert!(
                g.within(),
                "{kind} {a}: entry {} error {} > bound {:?}",
                g.index,
                g.error.to_f64(),
                g.bound.as_ref().map(Q::to_f64)
            );
        }
    }
    assert!(critical >= 4, "exact critical points must be among the cases: {critical}");
}

#[test]
fn independent_float_hessians_stay_within_the_bound() {
    for (p, a, d, kind) in cases().into_iter().filter(|c| c.0.num_params() <= 40) {
        let t = truth(&p, exact(&a), &d, Quantity::Hessian).unwrap();
        for g in grade(&float_hessian(&p, &a, &d), &t, None) {
            assert!(
                g.within(),
                "{kind} {a}: Hessian entry {} error {} > bound {:?}",
                g.index,
                g.error.to_f64(),
                g.bound.as_ref().map(Q::to_f64)
            );
        }
    }
}

/// The bound is not vacuous: a double just beyond twice the bound from the truth is caught, at
/// the entry it was planted in.
#[test]
fn an_error_of_twice_the_bound_is_caught_and_named() {
    for (p, a, d, _) in cases().into_iter().take(8) {
        let t = truth(&p, exact(&a), &d, Quantity::Gradient).unwrap();
        let mut values = float_gradient(&p, &a, &d);
        let k = values.len() / 2;
        let b = t.bound(k).unwrap();
        values[k] = q_from_f64(f64_nearest(&t.values[k].add(&b.mul(&Q::int(2))))).unwrap();
        let grades = grade(&values, &t, None);
        assert!(!grades[k].within(), "planted error not caught");
        assert!(grades.iter().enumerate().all(|(i, g)| i == k || g.within()));
        // And the bound is far below the 1e-6 errors a user plants: here at most 1e-9 of ỹ.
        assert!(b <= Q::new(1, 1_000_000_000).mul(&q_from_f64(t.majorants[k]).unwrap()));
    }
}

fn tmp(name: &str) -> String {
    common::tmp("compare", name)
}

/// ex_a's gradient, derived by hand in the README's eval example: W1 = [[250/3], [−49/3]],
/// b1 = [116/3, 22/3], W2 = [[24, 12]], b2 = [20/3]. As doubles it is within the bound; with 1e-6
/// added to W1[1, 0] it is outside, and the report names `0.weight[1, 0]`.
#[test]
fn the_cli_grades_json_lists_and_names_a_planted_error() {
    let (net, data) = ("examples/nets/ex_a.net.json", "examples/nets/ex_a.data.json");
    let exact = [250.0 / 3.0, -49.0 / 3.0, 116.0 / 3.0, 22.0 / 3.0, 24.0, 12.0, 20.0 / 3.0];
    let path = tmp("g.json");
    std::fs::write(&path, serde_json::to_string(&exact.to_vec()).unwrap()).unwrap();
    let o = run(&["compare", "--net", net, "--data", data, "--gradient", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let mut planted = exact;
    planted[1] += 1e-6;
    std::fs::write(&path, serde_json::to_string(&planted.to_vec()).unwrap()).unwrap();
    let o = run(&["compare", "--net", net, "--data", data, "--gradient", &path, "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["outside"], 1);
    assert_eq!(v["worst"]["at"]["parameter"]["torch"], "0.weight[1, 0]");
    assert_eq!(v["worst"]["at"]["parameter"]["row"], 2);
    // A loose user tolerance accepts it.
    let o = run(&["compare", "--net", net, "--data", data, "--gradient", &path, "--atol", "1e-5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn the_cli_reads_npz_per_layer_and_refuses_wrong_shapes() {
    let (net, data) = ("examples/nets/ex_a.net.json", "examples/nets/ex_a.data.json");
    // The gradient written as a network file is an npz with W1, b1, W2, b2 arrays.
    let g = tmp("g.net.json");
    std::fs::write(
        &g,
        r#"{"format":"embedcheck.net/1","activation":"identity","layers":[{"weight":[["250/3"],["-49/3"]],"bias":["116/3","22/3"]},{"weight":[["24","12"]],"bias":["20/3"]}]}"#,
    )
    .unwrap();
    let npz = tmp("g.npz");
    assert!(run(&["convert", "--net", &g, "--out", &npz]).status.success());
    let o = run(&["compare", "--net", net, "--data", data, "--gradient", &npz]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let short = tmp("short.json");
    std::fs::write(&short, "[1, 2, 3]").unwrap();
    let o = run(&["compare", "--net", net, "--data", data, "--gradient", &short]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("M = 7"), "{}", text(&o));
    let o = run(&["compare", "--net", net, "--data", data, "--value", "27.666666666666668"]);
    assert_eq!(o.status.code(), Some(0), "loss 83/3 as a double: {}", text(&o));
    let o = run(&["compare", "--net", net, "--data", data, "--value", "27.6667"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
}

/// A rational σ divides, which the derived bound does not cover: without a tolerance compare
/// refuses (exit 2, saying why), with `--rtol` it grades against the exact truth.
#[test]
fn a_rational_activation_needs_a_stated_tolerance() {
    let net = tmp("rat.net.json");
    std::fs::write(
        &net,
        r#"{"format":"embedcheck.net/1","activation":{"rational":{"num":["0","1"],"den":["1","0","2"]}},"layers":[{"weight":[["1"]],"bias":["0"]},{"weight":[["1"]],"bias":["0"]}]}"#,
    )
    .unwrap();
    let data = tmp("rat.data.json");
    std::fs::write(&data, r#"{"format":"embedcheck.data/1","inputs":[["1"]],"targets":[["0"]]}"#).unwrap();
    // R = ½ (x/(1+2x²))² at x = w·1 + b: f = 1/3, ∂R/∂c = f − y = 1/3; the full gradient by hand:
    // ∂f/∂p = (1 − 2p²)/(1 + 2p²)² = −1/9 at p = 1, so ∂R/∂w = ∂R/∂b = (1/3)(−1/9) = −1/27,
    // ∂R/∂v = (1/3)(1/3) = 1/9, ∂R/∂c = 1/3.
    let g = tmp("rat.g.json");
    std::fs::write(&g, serde_json::to_string(&[-1.0 / 27.0, -1.0 / 27.0, 1.0 / 9.0, 1.0 / 3.0]).unwrap()).unwrap();
    let o = run(&["compare", "--net", &net, "--data", &data, "--gradient", &g]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--rtol"), "{}", text(&o));
    let o = run(&["compare", "--net", &net, "--data", &data, "--gradient", &g, "--rtol", "1e-15"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

/// A polynomial loss and weight decay go through the same counting: an independent f64 gradient
/// (batched, E^[L] = ∇ℓ row by row, then + λθ) stays within the bound, and twice the bound is
/// caught.
#[test]
fn float_gradients_of_a_poly_loss_with_weight_decay_stay_within_the_bound() {
    use embedcheck::activation::Polynomial;
    use embedcheck::loss::{ExactLoss, Loss, WeightDecay};
    use embedcheck::net::evaluate_f64_with;
    use embedcheck::oracle::truth_with;
    let ell = ExactLoss::Poly(Polynomial::new(vec![Q::zero(), Q::new(1, 3), Q::new(1, 2), Q::zero(), Q::new(1, 5)]));
    let decay = WeightDecay(Q::new(1, 10));
    let lambda = 0.1;
    for (p, a, d, kind) in cases().into_iter().take(12) {
        let t = truth_with(&p, exact(&a), &ell, &decay, &d, Quantity::Gradient).unwrap();
        let pf = p.map(Q::to_f64);
        let ev = evaluate_f64_with(&pf, &a, &Loss::Exact(ell.clone()), &d.map(Q::to_f64)).unwrap();
        let mut values: Vec<Q> = ev
            .gradient
            .flatten()
            .iter()
            .zip(pf.flatten())
            .map(|(g, th)| q_from_f64(g + lambda * th).unwrap())
            .collect();
        for g in grade(&values, &t, None) {
            assert!(
                g.within(),
                "{kind} {a}: entry {} error {} > bound {:?}",
                g.index,
                g.error.to_f64(),
                g.bound.map(|b| b.to_f64())
            );
        }
        let k = values.len() / 2;
        let b = t.bound(k).unwrap();
        values[k] = q_from_f64(f64_nearest(&t.values[k].add(&b.mul(&Q::int(2))))).unwrap();
        assert!(!grade(&values, &t, None)[k].within(), "planted error not caught");
    }
}
