//! The claims ledger (`src/claims/`) agrees with the code: every theorem id, test, example, proof
//! page and certificate it names exists, every verdict carries the evidence it needs, every
//! catalogue theorem (controls aside) belongs to a claim, every certificate stands, and `--run`
//! re-runs evidence and reports failures. Also the facts behind three refinements: the K-neuron
//! counterexample on spec Ex C, the finite cases of the G-versus-T page, and the certificates of
//! Ex D and of the rank-deficient zero-loss point (rebuilt here and compared with the shipped files).

use crate::hessian_common;

use embedcheck::catalogue;
use embedcheck::claims::{self, Claim, Evidence, Paper, Statement, Verdict};
use embedcheck::embed::KNeuronSubspace;
use embedcheck::hessian::certificate::{ldlt_pivots, to_json, verify, Certificate, Claim as HClaim};
use embedcheck::hessian::{hessian, null_vectors};
use embedcheck::linalg::{inertia, Inertia};
use embedcheck::loss::ExactLoss;
use embedcheck::net::{evaluate, Network};
use embedcheck::scalar::{Ring, Q, Z};
use embedcheck::symmetry::Counts;
use embedcheck::theorem::harness::RunConfig;
use hessian_common::{ex_c, ex_d, q, qs, split, Example};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).current_dir(root()).output().unwrap();
    (o.status.code().unwrap(), String::from_utf8(o.stdout).unwrap(), String::from_utf8(o.stderr).unwrap())
}

const NO: &[&str] = &[];

fn claim(id: &'static str, verdict: Verdict, evidence: Evidence) -> Claim {
    Claim {
        id,
        paper: Paper::P1,
        result: "Thm 0",
        statement: Statement::Text("a planted claim"),
        verdict,
        hypothesis: None,
        note: None,
        evidence,
    }
}

fn evidence(theorems: &'static [&'static str], certificates: &'static [&'static str]) -> Evidence {
    Evidence { theorems, tests: NO, examples: NO, proof: None, certificates, command: Some("embedcheck claims") }
}

#[test]
fn ledger_and_code_agree() {
    let problems = claims::validate(claims::ledger(), root(), true);
    assert!(problems.is_empty(), "the ledger and the code disagree:\n{}", problems.join("\n"));
}

#[test]
fn ledger_has_at_least_30_claims_and_4_per_paper() {
    let claims::Counts { papers, verdicts } = claims::counts(claims::ledger());
    assert!(claims::ledger().len() >= 30, "{} claims", claims::ledger().len());
    for (p, n) in papers {
        assert!(n >= 4, "{} has {n} claims", p.label());
    }
    assert_eq!(verdicts.iter().map(|(_, n)| n).sum::<usize>(), claims::ledger().len());
}

#[test]
fn every_catalogue_theorem_belongs_to_a_claim_and_controls_need_none() {
    for t in catalogue::all() {
        let id = t.id();
        if claims::is_control(id) {
            continue;
        }
        assert!(claims::ledger().iter().any(|c| c.evidence.theorems.contains(&id)), "`{id}` belongs to no claim");
    }
    for t in catalogue::controls() {
        assert!(claims::is_control(t.id()), "control `{}` is not named `*.control.*`", t.id());
    }
}

#[test]
fn linked_statements_are_the_catalogue_statements() {
    for c in claims::ledger() {
        if let Statement::Theorem(id) = c.statement {
            let t = catalogue::find(id).unwrap_or_else(|| panic!("{}: `{id}` missing", c.id));
            assert_eq!(c.statement_text().as_deref(), Some(t.statement()), "{}", c.id);
        }
    }
}

#[test]
fn proof_pages_of_the_ledger_say_what_checks_them() {
    for c in claims::ledger() {
        if let Some(p) = c.evidence.proof {
            let text = std::fs::read_to_string(root().join(p)).unwrap();
            assert!(text.contains("Checked by:"), "{p} has no \"Checked by:\" line");
        }
    }
    // The pages written for the ledger name the claims they settle (linked both ways).
    for (page, ids) in [
        ("proofs/k-neuron-subspace.md", ["p1.thm2", "p2.thm6.1"]),
        ("proofs/symmetry-count-dominance.md", ["simsek.dominance", "simsek.dominance"]),
        ("proofs/null-embedding-inertia.md", ["p2.thm6.2", "p2.thm6.2"]),
    ] {
        let text = std::fs::read_to_string(root().join(page)).unwrap();
        for id in ids {
            assert!(text.contains(id), "{page} does not name claim {id}");
            assert_eq!(claims::find(id).unwrap().evidence.proof, Some(page));
        }
    }
}

#[test]
fn validate_finds_every_kind_of_broken_link_and_missing_evidence() {
    let bad = [
        claim("bad.theorem", Verdict::Confirmed, evidence(&["width.split.nonexistent"], NO)),
        claim("bad.control", Verdict::Confirmed, evidence(&["width.split.control.swapped_alpha"], NO)),
        claim(
            "bad.files",
            Verdict::Refuted,
            Evidence {
                theorems: NO,
                tests: &["tests/no_such_test.rs"],
                examples: &["examples/no_such_example.rs"],
                proof: Some("proofs/no-such-page.md"),
                certificates: &["proofs/certificates/no-such.json"],
                command: None,
            },
        ),
        claim("bad.proved", Verdict::Proved, evidence(&["width.split.output"], NO)),
        claim("bad.refined", Verdict::Refined, evidence(&["width.split.output"], NO)),
        claim("bad.refuted", Verdict::Refuted, evidence(&["width.split.output"], NO)),
        claim("bad.confirmed", Verdict::Confirmed, evidence(NO, NO)),
        Claim {
            statement: Statement::Theorem("width.null.output"),
            ..claim("bad.link", Verdict::Confirmed, evidence(&["width.split.output"], NO))
        },
        claim("bad.link", Verdict::Confirmed, evidence(&["width.split.output"], NO)),
    ];
    let problems = claims::validate(&bad, root(), false).join("\n");
    for needle in [
        "claim `bad.theorem`: theorem `width.split.nonexistent` is not in the catalogue",
        "claim `bad.control`: `width.split.control.swapped_alpha` is a negative control",
        "claim `bad.files`: test `tests/no_such_test.rs` does not exist",
        "claim `bad.files`: example `examples/no_such_example.rs` does not exist",
        "claim `bad.files`: proof page `proofs/no-such-page.md` does not exist",
        "claim `bad.files`: certificate `proofs/certificates/no-such.json` does not exist",
        "claim `bad.files`: no command reproduces it",
        "claim `bad.proved`: verdict `proved` needs a proof page",
        "claim `bad.refined`: verdict `refined` needs the extra hypothesis",
        "claim `bad.refuted`: verdict `refuted` needs a certificate",
        "claim `bad.confirmed`: verdict `confirmed` needs catalogue theorems",
        "claim `bad.link`: the statement links `width.null.output`, which is not among its theorems",
        "claim `bad.link`: the id is not unique",
    ] {
        assert!(problems.contains(needle), "missing problem `{needle}` in:\n{problems}");
    }
    // Coverage: a ledger without the claim of `width.k_neuron.subspace` leaves it orphaned.
    let partial: Vec<Claim> = claims::ledger()
        .iter()
        .filter(|c| !c.evidence.theorems.contains(&"width.k_neuron.subspace"))
        .copied()
        .collect();
    let problems = claims::validate(&partial, root(), true).join("\n");
    assert!(problems.contains("catalogue theorem `width.k_neuron.subspace` belongs to no claim"), "{problems}");
    assert!(!problems.contains(".control."), "controls need no claim: {problems}");
}

#[test]
fn every_certificate_of_the_ledger_stands() {
    let mut seen = Vec::new();
    for c in claims::ledger() {
        for p in c.evidence.certificates {
            if seen.contains(p) {
                continue;
            }
            seen.push(*p);
            let r = claims::check_certificate(root(), p);
            assert!(r.ok, "{}: {p}: {}", c.id, r.result);
        }
    }
    assert!(seen.len() >= 8, "{seen:?}");
}

#[test]
fn run_re_runs_two_claims_on_the_default_configuration() {
    let ids = ["p1.lemma1.output", "p1.sec3.zero_loss_degeneracy"];
    let selected: Vec<Claim> = ids.iter().map(|id| *claims::find(id).unwrap()).collect();
    let runs = claims::run(&selected, RunConfig::default(), root(), 2);
    assert_eq!(runs.len(), 2);
    for (r, id) in runs.iter().zip(ids) {
        assert_eq!(r.id, id);
        assert!(r.ok(), "{id}: {:?}", r);
        for t in &r.theorems {
            let tally = t.tally.as_ref().unwrap();
            assert_eq!(tally.cases, RunConfig::default().cases, "{}", t.id);
            assert!(tally.held > 0 && tally.failed == 0, "{}", t.summary());
        }
    }
    assert_eq!(runs[1].certificates.len(), 1);
    assert!(runs[1].certificates[0].result.starts_with("stands"), "{}", runs[1].certificates[0].result);
    let json = runs[1].to_json();
    assert_eq!(json["ok"], true);
    assert_eq!(json["theorems"][0]["id"], "hessian.cooper");
}

#[test]
fn run_reports_failing_evidence() {
    // A tampered copy of a shipped certificate (the null vector changed) and an unknown theorem.
    let dir = std::env::temp_dir().join(format!("embedcheck-claims-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text =
        std::fs::read_to_string(root().join("proofs/certificates/zero-loss-rank-deficient-jacobian.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["claim"]["null_vectors"][0] = serde_json::json!(["0", "0", "1", "0"]);
    std::fs::write(dir.join("tampered.json"), v.to_string()).unwrap();
    let bad = [claim("bad.run", Verdict::Refuted, evidence(&["width.split.nonexistent"], &["tampered.json"]))];
    let runs = claims::run(&bad, RunConfig { cases: 2, ..RunConfig::default() }, &dir, 1);
    assert!(!runs[0].ok());
    assert!(!runs[0].theorems[0].ok() && runs[0].theorems[0].summary().contains("not in the catalogue"));
    assert!(!runs[0].certificates[0].ok, "{}", runs[0].certificates[0].result);
    assert!(runs[0].certificates[0].result.starts_with("does not stand"), "{}", runs[0].certificates[0].result);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_prints_the_ledger_as_text_and_json() {
    let (code, out, err) = cli(&["claims", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = v["claims"].as_array().unwrap();
    assert_eq!(list.len(), claims::ledger().len());
    for c in list {
        for key in ["id", "source", "statement", "verdict", "evidence"] {
            assert!(!c[key].is_null(), "{key} missing in {c}");
        }
        assert!(c["source"]["arxiv"].is_string() && c["source"]["result"].is_string());
        assert!(c.get("run").is_none());
    }
    let thm1 = list.iter().find(|c| c["id"] == "p1.thm1").unwrap();
    assert_eq!(thm1["source"]["arxiv"], "2105.14573");
    assert_eq!(thm1["statement_theorem"], "width.split.criticality");
    assert_eq!(thm1["evidence"]["command"], "embedcheck check width.split.criticality");
    let v3 = list.iter().find(|c| c["id"] == "p3.v3.strict_saddle").unwrap();
    assert_eq!(v3["verdict"], "refuted");
    assert_eq!(v3["evidence"]["proof"], "proofs/depth-inertia.md");
    let total: u64 = v["counts"]["verdicts"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(total as usize, list.len());

    let (code, out, _) = cli(&["claims", "p1.thm2", "simsek.dominance"]);
    assert_eq!(code, 0);
    assert!(out.contains("p1.thm2  [refined]  arXiv 2105.14573 Thm 2"), "{out}");
    assert!(out.contains("extra hypothesis: each split neuron has a nonzero outgoing column"), "{out}");
    assert!(out.contains("2 claims ([P1] 1, Şimşek et al. 2021 1): 2 refined"), "{out}");

    let (code, _, err) = cli(&["claims", "p9.thm1"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown claim `p9.thm1`"), "{err}");
    let (code, _, err) = cli(&["claims", "--bogus"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn cli_run_on_one_claim_reports_what_it_found() {
    let (code, out, err) = cli(&["claims", "p2.prop4.1", "--run", "--json", "--jobs", "1"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    let run = &v["claims"][0]["run"];
    assert_eq!(run["ok"], true);
    assert_eq!(run["theorems"][0]["id"], "width.null.criticality");
    assert_eq!(run["theorems"][0]["cases"], 100);
}

/// [P1] Thm 2's stated hypothesis (θ_A critical, W^[l] ≠ 0 in every layer) does not give a
/// K-dimensional set: spec Ex C, split neuron 1 and then its copy (created with a zero column).
#[test]
fn k_neuron_wording_fails_on_ex_c_and_the_refined_hypothesis_repairs_it() {
    let c = ex_c();
    let act = c.act.exact().unwrap();
    assert!(evaluate(&c.params, act, &c.data).unwrap().gradient_is_zero(), "Ex C is critical");
    for l in 1..=2 {
        assert!(c.params.layer(l).weight.to_rows().iter().flatten().any(|x| !x.is_zero()), "W^[{l}] ≠ 0");
    }
    let copy = KNeuronSubspace::new(&c.params, &[(1, 0), (1, 1)]).unwrap();
    assert!(copy.hypothesis().is_err());
    assert!(copy.directions()[1].iter().all(Ring::is_zero), "v_2 = 0");
    assert_eq!(copy.dimension(), 1, "K = 2 steps, a set of dimension 1");
    // A narrow neuron with zero outgoing column: T^0_{1,1}(Ex C) has outgoing weights (2, 0),
    // is critical and has W^[1], W^[2] ≠ 0; splitting its second neuron gives v_1 = 0.
    let c0 = split(&c, 0, &q("0"));
    assert!(evaluate(&c0.params, act, &c0.data).unwrap().gradient_is_zero());
    assert_eq!(c0.params.layer(2).weight.to_rows()[0], qs(&["2", "0"]));
    let zero = KNeuronSubspace::new(&c0.params, &[(1, 1)]).unwrap();
    assert!(zero.hypothesis().is_err());
    assert_eq!(zero.dimension(), 0, "K = 1 step, a single point");
    // Splitting the original neuron twice meets the hypothesis: dimension 2, critical points.
    let twice = KNeuronSubspace::new(&c.params, &[(1, 0), (1, 0)]).unwrap();
    assert!(twice.hypothesis().is_ok());
    assert_eq!(twice.dimension(), 2);
    for alphas in [qs(&["1/3", "-2"]), qs(&["5", "1/2"])] {
        let e = evaluate(&twice.point(&alphas), act, &c.data).unwrap();
        assert!(e.gradient_is_zero(), "θ_B + Σα_i v_i is critical at {alphas:?}");
    }
}

/// proofs/symmetry-count-dominance.md: the bounds of step 2 on a range, and the finite cases of
/// step 3 (r* ≤ 6, m below the bound), exactly with big integers.
#[test]
fn g_versus_t_bounds_and_the_finite_cases_of_the_dominance_page() {
    let counts = Counts::up_to(48);
    let z = |n: usize| Z::from_u64(n as u64);
    for r in 2..=12usize {
        for m in r..=40usize {
            let (t, g) = (counts.t(r, m), counts.g(r - 1, m));
            let (up, down) = (z(r).pow(m as u32), z(r - 1).pow(m as u32));
            // T ≥ r^m − r(r−1)^m and G ≤ (r−1)^m.
            assert!(&t + &(&z(r) * &down) >= up, "(r, m) = ({r}, {m})");
            assert!(g <= down, "(r, m) = ({r}, {m})");
            if up > &z(r + 1) * &down {
                assert!(t > g, "bound holds but T ≤ G at (r, m) = ({r}, {m})");
            }
        }
    }
    for r in 1..=6usize {
        let mut m = r + 1;
        loop {
            let g = if r == 1 { Z::from_u64(0) } else { counts.g(r - 1, m) };
            assert!(counts.t(r, m) > g, "T ≤ G at r* = {r}, h = {}", m - r);
            if r >= 2 && z(r).pow(m as u32) > &z(r + 1) * &z(r - 1).pow(m as u32) {
                break;
            }
            if r == 1 {
                break;
            }
            m += 1;
        }
    }
    // At h = 1, G > T exactly from r* = 7 on (the ratio's closed form is tested in symmetry_counts).
    for r in 2..=30usize {
        assert_eq!(counts.g(r - 1, r + 1) > counts.t(r, r + 1), r >= 7, "r* = {r}");
    }
}

fn network(ex: &Example) -> Network<Q> {
    Network { activation: ex.act.clone(), params: ex.params.clone() }
}

fn exact_inertia(ex: &Example) -> Inertia {
    inertia(&hessian(&ex.params, ex.act.exact().unwrap(), &ex.data).unwrap())
}

/// σ(t) = t + t², widths (1, 1, 1), θ = (w, b, v, c) = (1, 0, 0, 1), constant targets 1 at
/// x = 0, 1, 2: zero loss, J has rows (0, 0, σ(x_i), 1) of rank 2 < n = 3 < M = 4.
fn zero_loss_rank_deficient() -> Example {
    use embedcheck::activation::Activation;
    use embedcheck::data::Dataset;
    use embedcheck::linalg::Matrix;
    use embedcheck::net::{Layer, Params};
    let params = Params::new(vec![
        Layer { weight: Matrix::from_rows(vec![qs(&["1"])], 1), bias: Some(qs(&["0"])) },
        Layer { weight: Matrix::from_rows(vec![qs(&["0"])], 1), bias: Some(qs(&["1"])) },
    ])
    .unwrap();
    let data =
        Dataset::new(vec![qs(&["0"]), qs(&["1"]), qs(&["2"])], vec![qs(&["1"]), qs(&["1"]), qs(&["1"])]).unwrap();
    Example { act: Activation::poly(qs(&["0", "1", "1"])), params, data }
}

/// The certificates this ledger adds under proofs/certificates/, built from the examples.
fn built_certificates() -> Vec<(&'static str, Certificate)> {
    let d = ex_d();
    let hd = hessian(&d.params, d.act.exact().unwrap(), &d.data).unwrap();
    let narrow = Certificate {
        network: network(&d),
        data: d.data.clone(),
        loss: ExactLoss::Mse,
        claim: HClaim::PositiveDefinite { pivots: ldlt_pivots(&hd).unwrap() },
        note: "width-depth spec §2.6 Ex D: the narrow net (widths 2,1,1) at a critical point with H ≻ 0, a strict local minimum (inertia (5,0,0))".into(),
    };
    let half = split(&d, 0, &q("1/2"));
    let hh = hessian(&half.params, half.act.exact().unwrap(), &half.data).unwrap();
    let split_cert = Certificate {
        network: network(&half),
        data: half.data.clone(),
        loss: ExactLoss::Mse,
        claim: HClaim::Degenerate { null_vectors: null_vectors(&hh) },
        note: "Ex D split equally (α = 1/2, widths 2,2,1): inertia (6,1,2), two independent null vectors from one split of a strict local minimum ([P1] Fig. 3 reports one per step)".into(),
    };
    let z = zero_loss_rank_deficient();
    let hz = hessian(&z.params, z.act.exact().unwrap(), &z.data).unwrap();
    let zero = Certificate {
        network: network(&z),
        data: z.data.clone(),
        loss: ExactLoss::Mse,
        claim: HClaim::Degenerate { null_vectors: null_vectors(&hz) },
        note: "zero loss with output weight 0 (σ = t + t², widths 1,1,1, n = 3 < M = 4): rank J = 2, degeneracy 2 > M − n = 1 ([P1] §3.1 / Cooper need J of full row rank)".into(),
    };
    vec![
        ("ex-d-narrow-minimum.json", narrow),
        ("ex-d-split-alpha-half-degenerate.json", split_cert),
        ("zero-loss-rank-deficient-jacobian.json", zero),
    ]
}

fn certificate_dir() -> PathBuf {
    root().join("proofs/certificates")
}

#[test]
fn the_refinement_certificates_certify_what_the_ledger_says() {
    let d = ex_d();
    assert!(evaluate(&d.params, d.act.exact().unwrap(), &d.data).unwrap().gradient_is_zero());
    assert_eq!(exact_inertia(&d), Inertia { positive: 5, negative: 0, zero: 0 });
    assert_eq!(exact_inertia(&split(&d, 0, &q("1/2"))), Inertia { positive: 6, negative: 1, zero: 2 });
    let z = zero_loss_rank_deficient();
    let e = evaluate(&z.params, z.act.exact().unwrap(), &z.data).unwrap();
    assert!(e.loss.is_zero() && e.gradient_is_zero());
    assert_eq!(exact_inertia(&z), Inertia { positive: 2, negative: 0, zero: 2 });
    for (name, cert) in built_certificates() {
        verify(&cert).unwrap_or_else(|e| panic!("{name}: {e}"));
        let shipped = std::fs::read_to_string(certificate_dir().join(name)).unwrap();
        let built = serde_json::to_string_pretty(&to_json(&cert)).unwrap() + "\n";
        assert_eq!(shipped, built, "{name} differs from what the examples give; regenerate it");
    }
}

#[test]
#[ignore = "writes proofs/certificates/; run with --ignored to regenerate"]
fn regenerate_refinement_certificates() {
    for (name, cert) in built_certificates() {
        verify(&cert).unwrap();
        std::fs::write(certificate_dir().join(name), serde_json::to_string_pretty(&to_json(&cert)).unwrap() + "\n")
            .unwrap();
    }
}
