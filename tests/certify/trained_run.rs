//! `certify` replayed on a really trained network (issue 14 item 6, claim `p1.fig1`), without
//! training: the plateau point of `examples/train_condense.rs` (width 6, σ5(t) = t − t³/3 +
//! 2t⁵/15, data y = tanh(3x) rounded to 6 decimals) condenses onto one neuron and is certified
//! near an exact width-1 critical point that is a strict local minimum; the same net with every
//! hidden bias moved by 1 is refused.

use embedcheck::certify::{certify, Options, Verdict};
use embedcheck::embed::Step;
use embedcheck::hessian::hessian_exact;
use embedcheck::io::{read_data, read_network};
use embedcheck::linalg::inertia;
use embedcheck::net::evaluate;
use embedcheck::scalar::{Ring, Q};
use std::process::Command;

const NET: &str = "examples/certify/plateau_poly.net.json";
const DATA: &str = "examples/certify/teacher_tanh3.data.json";

fn max_abs(v: &[Q]) -> Q {
    v.iter().map(Q::abs).max().unwrap_or_else(Q::zero)
}

/// Read off the file, independently of `reduce`: the six incoming vectors (w_j, b_j) agree to
/// within 10⁻⁶ of the largest entry, so the reduction must give width 1 with five splits, and
/// the narrow outgoing weight is the sum of the six.
#[test]
fn the_trained_plateau_point_reduces_to_width_one_and_is_certified() {
    let net = read_network(NET).unwrap();
    let data = read_data(DATA).unwrap();
    let act = net.activation.exact().unwrap();
    assert_eq!(net.params.widths(), vec![1, 6, 1]);
    let l1 = net.params.layer(1);
    let bias = l1.bias.as_ref().unwrap();
    let rows: Vec<[Q; 2]> = (0..6).map(|j| [l1.weight.get(j, 0).clone(), bias[j].clone()]).collect();
    let scale = max_abs(&rows.iter().flatten().cloned().collect::<Vec<_>>()).max(Q::one());
    for r in &rows {
        let d = max_abs(&[r[0].sub(&rows[0][0]), r[1].sub(&rows[0][1])]);
        assert!(d <= scale.mul(&Q::new(1, 1_000_000)), "neurons condensed to 1e-6: {}", d.to_f64());
    }
    let r = certify(&net.params, act, &data, &Options::default()).unwrap();
    assert_eq!(r.reduction.reduced.widths(), vec![1, 1, 1]);
    assert_eq!(r.reduction.steps.len(), 5);
    assert!(r.reduction.steps.iter().all(|s| matches!(s, Step::Split { layer: 1, neuron: 0, .. })));
    let a_sum = (0..6).fold(Q::zero(), |s, j| s.add(net.params.layer(2).weight.get(0, j)));
    assert_eq!(r.reduction.reduced.layer(2).weight.get(0, 0), &a_sum);
    let Verdict::Certified { inertia: proved, radius, distance, .. } = &r.verdict else { panic!("{:?}", r.verdict) };
    assert_eq!(proved.map(|i| (i.positive, i.negative, i.zero)), Some((4, 0, 0)));
    assert!(*radius < 1e-12 && *distance < 0.05, "radius {radius}, distance {distance}");
    // Independently of Krawczyk and Weyl: the refined narrow point's exact gradient is tiny and
    // its exact Hessian is positive definite (a strict local minimum of the width-1 net, which
    // [P1] Thm 1 embeds as a critical point of width 6).
    let g = evaluate(&r.refined, act, &data).unwrap().gradient.flatten();
    assert!(max_abs(&g) < Q::new(1, 1_000_000_000_000));
    let h = inertia(&hessian_exact(&r.refined, act, &data).unwrap());
    assert_eq!((h.positive, h.negative, h.zero), (4, 0, 0));
}

#[test]
fn certify_on_the_committed_files_exits_0_with_width_one() {
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["certify", "--net", NET, "--data", DATA, "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["certified"], serde_json::json!(true));
    assert_eq!(v["widths"], serde_json::json!([1, 6, 1]));
    assert_eq!(v["reduced_widths"], serde_json::json!([1, 1, 1]));
    assert_eq!(v["inertia"], serde_json::json!({"positive": 4, "negative": 0, "zero": 0}));
}

/// Every hidden bias moved by 1: the neurons still agree (reduced width 1), but the point is far
/// from a critical point — its exact gradient has an entry above 10⁻² — and `certify` refuses it.
#[test]
fn the_plateau_point_with_every_bias_moved_by_one_is_refused() {
    let mut net = read_network(NET).unwrap();
    let data = read_data(DATA).unwrap();
    let act = net.activation.exact().unwrap().clone();
    let moved: Vec<Q> = net.params.layer(1).bias.as_ref().unwrap().iter().map(|b| b.add(&Q::one())).collect();
    net.params.layer_mut(1).bias = Some(moved);
    let g = evaluate(&net.params, &act, &data).unwrap().gradient.flatten();
    assert!(max_abs(&g) > Q::new(1, 100), "far from critical: {}", max_abs(&g).to_f64());
    let path = std::env::temp_dir().join(format!("embedcheck-moved-{}.net.json", std::process::id()));
    std::fs::write(&path, embedcheck::io::network_to_json(&net).to_string()).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["certify", "--net", path.to_str().unwrap(), "--data", DATA, "--json"])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["certified"], serde_json::json!(false));
    assert_eq!(v["reduced_widths"], serde_json::json!([1, 1, 1]));
    assert!(v["reason"].as_str().unwrap().contains("Krawczyk"), "{}", v["reason"]);
}
