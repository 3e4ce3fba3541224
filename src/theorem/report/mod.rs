//! Campaign reports: what `check --json` and `check --jsonl` write, read back, and merged
//! across shards ([`merge()`]).
//!
//! A report names its campaign ([`Campaign`]: seed, cases per theorem, requested width), its
//! [`Shard`] and one [`TheoremResult`] per theorem, in the order the theorems were run.
//!
//! - `--json`: one object `{"seed", "cases", "max_width", "loss", "shard"?, "theorems": [entry, …]}`
//!   (`"shard": {"k", "n"}` only for a sharded run).
//! - `--jsonl`: one line per theorem, the entry plus `"shard": {"k", "n"}`, `"seed"`,
//!   `"campaign_cases"`, `"max_width"`, `"loss"`, `"position"` (0-based place in the run) and
//!   `"theorem_count"`, so a file cut short (a killed shard) is recognised.

mod merge;
mod read;

pub use merge::{merge, MergeError};
pub use read::{read_report, ReportError};

use super::harness::Tally;
use super::shard::Shard;
use serde_json::{json, Value};

/// The campaign a report belongs to: the same for every shard of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Campaign {
    /// The master seed.
    pub seed: u64,
    /// Cases per theorem in the whole (unsharded) campaign.
    pub cases: u64,
    /// The requested largest width.
    pub max_width: u64,
    /// The loss of the generated cases, in words (`check --loss`).
    pub loss: String,
}

/// One theorem's line of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct TheoremResult {
    /// The theorem's id.
    pub id: String,
    /// Cases tried.
    pub cases: u64,
    /// Cases where the claim held.
    pub held: u64,
    /// Cases outside the hypotheses.
    pub not_applicable: u64,
    /// Cases where the claim failed.
    pub failed: u64,
    /// Wall-clock seconds (summed over shards in a merged report).
    pub seconds: f64,
    /// The evidence word of the theorem's check.
    pub evidence: String,
    /// Where the certificate of the first failure was written.
    pub certificate: Option<String>,
    /// The width the cases were generated with.
    pub max_width_used: u64,
    /// Why `max_width_used` differs from the requested width.
    pub cap_reason: Option<String>,
    /// The case index (0-based, in the whole campaign) of the failure the certificate holds.
    pub failure_case_index: Option<u64>,
}

/// A report of a whole campaign or of one shard of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The campaign.
    pub campaign: Campaign,
    /// The part of it this report covers.
    pub shard: Shard,
    /// One result per theorem, in run order.
    pub theorems: Vec<TheoremResult>,
}

impl TheoremResult {
    /// The report line of `tally`, with the evidence word and the certificate path.
    pub fn from_tally(tally: &Tally, evidence: &str, certificate: Option<String>) -> TheoremResult {
        TheoremResult {
            id: tally.id.to_string(),
            cases: tally.cases,
            held: tally.held,
            not_applicable: tally.not_applicable,
            failed: tally.failed,
            seconds: tally.elapsed.as_secs_f64(),
            evidence: evidence.to_string(),
            certificate,
            max_width_used: tally.max_width_used as u64,
            cap_reason: tally.cap_reason.map(str::to_string),
            failure_case_index: tally.failure.as_ref().map(|f| f.case_index),
        }
    }

    /// The entry of `check --json`'s `"theorems"` list.
    pub fn to_json(&self) -> Value {
        json!({"id": self.id, "cases": self.cases, "held": self.held, "not_applicable": self.not_applicable,
               "failed": self.failed, "seconds": self.seconds, "evidence": self.evidence,
               "certificate": self.certificate, "max_width_used": self.max_width_used,
               "cap_reason": self.cap_reason, "failure_case_index": self.failure_case_index})
    }

    /// The line of `check --jsonl`: the entry plus the shard and campaign, at `position` of
    /// `count` theorems.
    pub fn to_json_line(&self, campaign: &Campaign, shard: Shard, position: usize, count: usize) -> Value {
        let mut v = self.to_json();
        let o = v.as_object_mut().expect("an entry is an object");
        o.insert("shard".into(), shard_json(shard));
        o.insert("seed".into(), json!(campaign.seed));
        o.insert("campaign_cases".into(), json!(campaign.cases));
        o.insert("max_width".into(), json!(campaign.max_width));
        o.insert("loss".into(), json!(campaign.loss));
        o.insert("position".into(), json!(position));
        o.insert("theorem_count".into(), json!(count));
        v
    }
}

impl Report {
    /// The object `check --json` prints (`"shard"` only when the report is of a shard).
    pub fn to_json(&self) -> Value {
        let c = &self.campaign;
        let list: Vec<Value> = self.theorems.iter().map(TheoremResult::to_json).collect();
        let mut v =
            json!({"seed": c.seed, "cases": c.cases, "max_width": c.max_width, "loss": c.loss, "theorems": list});
        if self.shard != Shard::WHOLE {
            v.as_object_mut().expect("an object").insert("shard".into(), shard_json(self.shard));
        }
        v
    }

    /// Whether some theorem failed.
    pub fn any_failed(&self) -> bool {
        self.theorems.iter().any(|t| t.failed > 0)
    }
}

/// `{"k": K, "n": N}`.
fn shard_json(s: Shard) -> Value {
    json!({"k": s.k(), "n": s.n()})
}
