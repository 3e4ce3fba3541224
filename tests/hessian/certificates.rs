//! The shipped certificates under `proofs/certificates/` re-verify through the simple path, and
//! tampered certificates are rejected (negative controls).

use crate::hessian_common;

use embedcheck::hessian::certificate::{from_json, ldlt_pivots, to_json, verify, Certificate, Claim};
use embedcheck::hessian::{hessian, negative_direction, null_vectors};
use embedcheck::loss::ExactLoss;
use embedcheck::net::Network;
use embedcheck::scalar::{Ring, Q};
use hessian_common::{ex_c, ex_e, null, q, split, Example};

const SHIPPED: [&str; 4] = [
    "ex-c-narrow-minimum.json",
    "ex-c-split-alpha-2-strict-saddle.json",
    "ex-e-null-beta-0-strict-saddle.json",
    "ex-e-split-alpha-2-degenerate.json",
];

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("proofs/certificates")
}

fn network(ex: &Example) -> Network<Q> {
    Network { activation: ex.act.clone(), params: ex.params.clone() }
}

fn saddle(ex: &Example, note: &str) -> Certificate {
    let h = hessian(&ex.params, ex.act.exact().unwrap(), &ex.data).unwrap();
    let (direction, curvature) = negative_direction(&h).expect("a negative direction");
    Certificate {
        network: network(ex),
        data: ex.data.clone(),
        loss: ExactLoss::Mse,
        claim: Claim::StrictSaddle { direction, curvature },
        note: note.into(),
    }
}

fn build() -> Vec<Certificate> {
    let c = ex_c();
    let hc = hessian(&c.params, c.act.exact().unwrap(), &c.data).unwrap();
    let pd = Certificate {
        network: network(&c),
        data: c.data.clone(),
        loss: ExactLoss::Mse,
        claim: Claim::PositiveDefinite { pivots: ldlt_pivots(&hc).unwrap() },
        note: "width-depth spec §2.6 Ex C: the narrow net (widths 1,1,1) at a critical point with H ≻ 0, a strict local minimum".into(),
    };
    // The direction of Theorem S's ζ block: incoming weights of neuron 1 and its copy moved by
    // (1−λ)ζ = 2 and −λζ = 1 (λ = 1−α = −1); hand value −4·E[r σ''(p) x²] = −4·3 = −12.
    let wide_c = split(&c, 0, &q("2"));
    let direction = hessian_common::qs(&["2", "1", "0", "0", "0", "0", "0"]);
    let split_c = Certificate {
        network: network(&wide_c),
        data: wide_c.data.clone(),
        loss: ExactLoss::Mse,
        claim: Claim::StrictSaddle { direction, curvature: q("-12") },
        note: "Ex C split T^α_{1,1} with α = 2 (widths 1,2,1): a strict saddle (inertia (4,1,2))".into(),
    };
    let null_e = saddle(
        &null(&ex_e(), &q("0")),
        "Ex E null embedding T^β_{1,0} with β = 0 (widths 1,2,1): a strict saddle (inertia (5,1,1))",
    );
    let e2 = split(&ex_e(), 0, &q("2"));
    let he = hessian(&e2.params, e2.act.exact().unwrap(), &e2.data).unwrap();
    let deg = Certificate {
        network: network(&e2),
        data: e2.data.clone(),
        loss: ExactLoss::Mse,
        claim: Claim::Degenerate { null_vectors: null_vectors(&he) },
        note: "Ex E split with α = 2: degenerate of degree ≥ 1 (the critical line of the splitting, [P1] Lemma 2)"
            .into(),
    };
    vec![pd, split_c, null_e, deg]
}

#[test]
#[ignore = "writes proofs/certificates/; run with --ignored to regenerate"]
fn regenerate_shipped_certificates() {
    std::fs::create_dir_all(dir()).unwrap();
    for (name, cert) in SHIPPED.iter().zip(build()) {
        verify(&cert).unwrap();
        std::fs::write(dir().join(name), serde_json::to_string_pretty(&to_json(&cert)).unwrap() + "\n").unwrap();
    }
}

#[test]
fn shipped_certificates_reverify_through_the_simple_path() {
    for name in SHIPPED {
        let text = std::fs::read_to_string(dir().join(name)).unwrap();
        let cert = from_json(&text, name).unwrap();
        verify(&cert).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn tampered_certificates_are_rejected() {
    let certs = build();
    // Control 1: a positive-curvature direction claimed as a saddle direction.
    let mut c = certs[1].clone();
    if let Claim::StrictSaddle { direction, curvature } = &mut c.claim {
        *curvature = curvature.neg();
        direction.iter_mut().for_each(|x| *x = Q::zero());
    }
    assert!(verify(&c).is_err());
    // Control 2: a point moved off criticality.
    let mut c = certs[2].clone();
    let mut flat = c.network.params.flatten();
    flat[0] = flat[0].add(&Q::new(1, 7));
    c.network.params = c.network.params.with_flat(&flat);
    assert!(verify(&c).is_err());
    // Control 3: a non-null vector claimed as a null vector.
    let mut c = certs[3].clone();
    if let Claim::Degenerate { null_vectors } = &mut c.claim {
        null_vectors[0][0] = null_vectors[0][0].add(&Q::one());
    }
    assert!(verify(&c).is_err());
    // Control 4: positive definiteness claimed for the split (a saddle): its LDLᵀ fails.
    let mut c = certs[1].clone();
    c.claim = Claim::PositiveDefinite { pivots: vec![Q::one(); c.network.params.num_params()] };
    assert!(verify(&c).is_err());
}
