//! The claims ledger: where each claim of the five papers stands, and the evidence for it.
//!
//! One static table ([`fn@ledger`], in `src/claims/ledger.rs`) lists every claim of
//! \[P1\] arXiv 2105.14573, \[P2\] 2111.15527, \[P3\] 2205.13283, Şimşek et al. 2105.12221 and
//! Ziyin–Li–Meng 2202.04777 that the specs let us identify (theorems, propositions, corollaries
//! and the abstracts' empirical statements), with a [`Verdict`] and its [`Evidence`]: catalogue
//! theorem ids, test files, examples, a proof page, certificates and one command.
//!
//! Where a catalogue theorem states the claim, the ledger links its id ([`Statement::Theorem`])
//! instead of copying the sentence, so the two cannot drift; [`validate`] finds every link that
//! does not resolve (a theorem, test, example, proof page or certificate that does not exist), every
//! verdict without the evidence it needs, and every catalogue theorem that belongs to no claim.
//! [`fn@run`] re-runs the evidence: the catalogue checks through [`crate::theorem::harness::run`],
//! and each certificate through its verifier.

mod ledger;
mod run;

pub use run::{check_certificate, run, CertificateResult, ClaimRun, TheoremResult};

use crate::catalogue;
use serde_json::{json, Value};
use std::fmt;
use std::path::Path;

/// The five papers of the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Paper {
    /// \[P1\] Zhang, Zhang, Luo, Xu, *Embedding principle of loss landscape of DNNs*, NeurIPS 2021.
    P1,
    /// \[P2\] Zhang, Li, Zhang, Luo, Xu, *Embedding principle: a hierarchical structure of loss
    /// landscape of DNNs*, J. Mach. Learn. 2022.
    P2,
    /// \[P3\] Bai, Luo, Xu, Zhang, *Embedding principle in depth*, arXiv v3 2022 (v4: CSIAM-AM 2024).
    P3,
    /// Şimşek et al., ICML 2021 (symmetry-induced critical subspaces, expansion manifolds).
    Simsek,
    /// Ziyin, Li, Meng, NeurIPS 2022 (deep linear networks with stochastic neurons and weight decay).
    ZiyinLiMeng,
}

impl Paper {
    /// All papers, in ledger order.
    pub const ALL: [Paper; 5] = [Paper::P1, Paper::P2, Paper::P3, Paper::Simsek, Paper::ZiyinLiMeng];

    /// The arXiv identifier.
    pub fn arxiv(self) -> &'static str {
        match self {
            Paper::P1 => "2105.14573",
            Paper::P2 => "2111.15527",
            Paper::P3 => "2205.13283",
            Paper::Simsek => "2105.12221",
            Paper::ZiyinLiMeng => "2202.04777",
        }
    }

    /// A short label (`[P1]`, `Şimşek et al. 2021`, …).
    pub fn label(self) -> &'static str {
        match self {
            Paper::P1 => "[P1]",
            Paper::P2 => "[P2]",
            Paper::P3 => "[P3]",
            Paper::Simsek => "Şimşek et al. 2021",
            Paper::ZiyinLiMeng => "Ziyin–Li–Meng 2022",
        }
    }

    /// Authors, title or venue, as the specs give them.
    pub fn citation(self) -> &'static str {
        match self {
            Paper::P1 => "Zhang, Zhang, Luo, Xu, Embedding principle of loss landscape of deep neural networks, NeurIPS 2021",
            Paper::P2 => "Zhang, Li, Zhang, Luo, Xu, Embedding principle: a hierarchical structure of loss landscape of deep neural networks, J. Mach. Learn. 1(1), 2022",
            Paper::P3 => "Bai, Luo, Xu, Zhang, Embedding principle in depth, arXiv v3 (2022); v4 = CSIAM-AM 5 (2024)",
            Paper::Simsek => "Şimşek et al., symmetry-induced critical points and expansion manifolds, ICML 2021 (PMLR 139:9722–9732)",
            Paper::ZiyinLiMeng => "Ziyin, Li, Meng, deep linear networks with stochastic neurons and weight decay, NeurIPS 2022",
        }
    }
}

/// Where a claim stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// Covered by a written proof in `proofs/`.
    Proved,
    /// Checked exactly on generated cases by catalogue theorems.
    Confirmed,
    /// True under a stated extra hypothesis; a certificate or a proof page shows that the original
    /// wording needs it.
    Refined,
    /// False as stated; a certificate shows it.
    Refuted,
    /// An empirical statement: a float experiment reproduces it, or not (yet); the note says which.
    Empirical,
}

impl Verdict {
    /// All verdicts, in report order.
    pub const ALL: [Verdict; 5] =
        [Verdict::Proved, Verdict::Confirmed, Verdict::Refined, Verdict::Refuted, Verdict::Empirical];

    /// The word used in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Proved => "proved",
            Verdict::Confirmed => "confirmed",
            Verdict::Refined => "refined",
            Verdict::Refuted => "refuted",
            Verdict::Empirical => "empirical",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The statement of a claim: linked to the catalogue theorem that states it, or written out
/// (as the paper or the spec states it) where no catalogue theorem has the paper's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Statement {
    /// The statement of this catalogue theorem (its `statement()`).
    Theorem(&'static str),
    /// The statement as the paper (or the spec quoting it) gives it.
    Text(&'static str),
}

/// The evidence a claim carries. Paths are relative to the repository root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// Catalogue theorem ids (never controls) whose checks bear on the claim.
    pub theorems: &'static [&'static str],
    /// Test files (`tests/*.rs`).
    pub tests: &'static [&'static str],
    /// Example programs (`examples/*.rs`), e.g. float experiments.
    pub examples: &'static [&'static str],
    /// A proof page in `proofs/`.
    pub proof: Option<&'static str>,
    /// Certificate files, re-checked by `embedcheck verify`.
    pub certificates: &'static [&'static str],
    /// One command that reproduces the verdict (none for an empirical claim not reproduced yet).
    pub command: Option<&'static str>,
}

/// One claim of one paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    /// Stable id, e.g. `p1.thm2`.
    pub id: &'static str,
    /// The paper.
    pub paper: Paper,
    /// The result as the spec names it (`Thm 1`, `Lemma 4.1`), or the section the spec gives.
    pub result: &'static str,
    /// What the paper claims.
    pub statement: Statement,
    /// Where it stands.
    pub verdict: Verdict,
    /// For [`Verdict::Refined`]: the extra hypothesis under which the claim holds.
    pub hypothesis: Option<&'static str>,
    /// What exactly was checked and what was not; for empirical claims, whether it was reproduced.
    pub note: Option<&'static str>,
    /// The evidence.
    pub evidence: Evidence,
}

impl Claim {
    /// The statement text (a linked catalogue theorem's statement is looked up), or `None` when
    /// the linked theorem does not exist.
    pub fn statement_text(&self) -> Option<String> {
        match self.statement {
            Statement::Text(s) => Some(s.to_string()),
            Statement::Theorem(id) => catalogue::find(id).map(|t| t.statement().to_string()),
        }
    }

    /// The claim as JSON (without run results): `id`, `source` (`arxiv`, `result`, `paper`),
    /// `statement`, `statement_theorem` (the linked catalogue id, or null), `verdict`,
    /// `hypothesis`, `note` and `evidence` (`theorems`, `tests`, `examples`, `proof`,
    /// `certificates`, `command`).
    pub fn to_json(&self) -> Value {
        let e = &self.evidence;
        json!({
            "id": self.id,
            "source": {"arxiv": self.paper.arxiv(), "result": self.result, "paper": self.paper.label()},
            "statement": self.statement_text(),
            "statement_theorem": match self.statement { Statement::Theorem(id) => Some(id), Statement::Text(_) => None },
            "verdict": self.verdict.as_str(),
            "hypothesis": self.hypothesis,
            "note": self.note,
            "evidence": {
                "theorems": e.theorems,
                "tests": e.tests,
                "examples": e.examples,
                "proof": e.proof,
                "certificates": e.certificates,
                "command": e.command,
            },
        })
    }
}

/// The ledger: every claim, grouped by paper.
pub fn ledger() -> &'static [Claim] {
    ledger::CLAIMS
}

/// The claim with this id.
pub fn find(id: &str) -> Option<&'static Claim> {
    ledger().iter().find(|c| c.id == id)
}

/// Whether `id` names a negative control (`*.control.*`), which needs no claim.
pub fn is_control(id: &str) -> bool {
    id.contains(".control.")
}

/// Checks `claims` against the catalogue and the files under `root` (the repository root).
/// Returns one message per problem, empty when the ledger and the code agree:
/// - an id that is not unique, a theorem that is not in the catalogue (or is a control), a test,
///   example, proof page or certificate that does not exist, a statement linked to a theorem the
///   claim does not list;
/// - a verdict without its evidence: `proved` without a proof page, `confirmed` without catalogue
///   theorems, `refined` without the extra hypothesis or without a proof page or certificate,
///   `refuted` without a certificate, any claim but an unreproduced empirical one without a command;
/// - when `require_coverage`, a catalogue theorem (not a control) that belongs to no claim.
pub fn validate(claims: &[Claim], root: &Path, require_coverage: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let known: Vec<&'static str> = catalogue::all().iter().map(|t| t.id()).collect();
    for (i, c) in claims.iter().enumerate() {
        let at = |what: String| format!("claim `{}`: {what}", c.id);
        if claims[..i].iter().any(|d| d.id == c.id) {
            problems.push(at("the id is not unique".into()));
        }
        let e = &c.evidence;
        for id in e.theorems {
            if is_control(id) {
                problems.push(at(format!("`{id}` is a negative control, not a theorem")));
            } else if !known.contains(id) {
                problems.push(at(format!("theorem `{id}` is not in the catalogue")));
            }
        }
        if let Statement::Theorem(id) = c.statement {
            if !e.theorems.contains(&id) {
                problems.push(at(format!("the statement links `{id}`, which is not among its theorems")));
            }
        }
        let files = [("test", e.tests), ("example", e.examples), ("certificate", e.certificates)];
        for (kind, paths) in files {
            for p in paths {
                if !root.join(p).is_file() {
                    problems.push(at(format!("{kind} `{p}` does not exist")));
                }
            }
        }
        if let Some(p) = e.proof {
            if !p.starts_with("proofs/") || !root.join(p).is_file() {
                problems.push(at(format!("proof page `{p}` does not exist in proofs/")));
            }
        }
        let needs = match c.verdict {
            Verdict::Proved => e.proof.is_none().then_some("a proof page"),
            Verdict::Confirmed => e.theorems.is_empty().then_some("catalogue theorems"),
            Verdict::Refined if c.hypothesis.is_none() => Some("the extra hypothesis"),
            Verdict::Refined => {
                (e.proof.is_none() && e.certificates.is_empty()).then_some("a proof page or a certificate")
            }
            Verdict::Refuted => e.certificates.is_empty().then_some("a certificate"),
            Verdict::Empirical => c.note.is_none().then_some("a note saying what was reproduced"),
        };
        if let Some(what) = needs {
            problems.push(at(format!("verdict `{}` needs {what}", c.verdict)));
        }
        if c.hypothesis.is_some() && c.verdict != Verdict::Refined {
            problems.push(at(format!("an extra hypothesis goes with `refined`, not `{}`", c.verdict)));
        }
        let unreproduced = c.verdict == Verdict::Empirical && e.theorems.is_empty() && e.examples.is_empty();
        if e.command.is_none() && !unreproduced {
            problems.push(at("no command reproduces it".into()));
        }
    }
    if require_coverage {
        for id in &known {
            if !is_control(id) && !claims.iter().any(|c| c.evidence.theorems.contains(id)) {
                problems.push(format!("catalogue theorem `{id}` belongs to no claim"));
            }
        }
    }
    problems
}

/// How many claims each paper has and how many have each verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Claims per paper, in [`Paper::ALL`] order.
    pub papers: Vec<(Paper, usize)>,
    /// Claims per verdict, in [`Verdict::ALL`] order.
    pub verdicts: Vec<(Verdict, usize)>,
}

/// Counts the claims of `claims` per paper and per verdict.
pub fn counts(claims: &[Claim]) -> Counts {
    Counts {
        papers: Paper::ALL.iter().map(|&p| (p, claims.iter().filter(|c| c.paper == p).count())).collect(),
        verdicts: Verdict::ALL.iter().map(|&v| (v, claims.iter().filter(|c| c.verdict == v).count())).collect(),
    }
}
