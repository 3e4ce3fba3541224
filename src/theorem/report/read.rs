//! Reading a report back: the object of `check --json` or the lines of `check --jsonl`.

use super::{Campaign, Report, TheoremResult};
use crate::theorem::shard::Shard;
use serde_json::{Map, Value};
use std::fmt;

/// Why a report could not be read; `line` is 1-based (for `--json`, the line of the text where
/// the JSON error is, or 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportError {
    /// The line of the text the problem is on.
    pub line: usize,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ReportError {}

/// Reads the text of a `check --json` report (one object with `"theorems"`) or of
/// `check --jsonl` lines (blank lines skipped; every line of the same shard and campaign, and
/// every position 0, …, `theorem_count` − 1 present once).
///
/// # Errors
/// [`ReportError`] naming the line: not JSON, a key missing or of the wrong type, lines of
/// different shards or campaigns, or a JSONL file cut short.
pub fn read_report(text: &str) -> Result<Report, ReportError> {
    if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(text) {
        if o.contains_key("theorems") {
            return whole(&o);
        }
    }
    lines(text)
}

/// A `check --json` object.
fn whole(o: &Map<String, Value>) -> Result<Report, ReportError> {
    let campaign = Campaign {
        seed: uint(o, "seed", 1)?,
        cases: uint(o, "cases", 1)?,
        max_width: uint(o, "max_width", 1)?,
        loss: string(o, "loss", 1)?,
    };
    let shard = match o.get("shard") {
        None | Some(Value::Null) => Shard::WHOLE,
        Some(Value::Object(s)) => shard(s, 1)?,
        Some(_) => return Err(err(1, "`shard` must be {\"k\": K, \"n\": N}")),
    };
    let Some(Value::Array(list)) = o.get("theorems") else { return Err(err(1, "`theorems` must be a list")) };
    let theorems = list
        .iter()
        .enumerate()
        .map(|(i, e)| match e {
            Value::Object(e) => entry(e, 1),
            _ => Err(err(1, format!("theorems[{i}] is not an object"))),
        })
        .collect::<Result<_, _>>()?;
    Ok(Report { campaign, shard, theorems })
}

/// `check --jsonl` lines.
fn lines(text: &str) -> Result<Report, ReportError> {
    let mut head: Option<(Campaign, Shard, u64)> = None;
    let mut slots: Vec<Option<TheoremResult>> = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let n = i + 1;
        let o = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(o)) => o,
            Ok(_) => return Err(err(n, "not a JSON object")),
            Err(e) => return Err(err(n, format!("not JSON ({e})"))),
        };
        let campaign = Campaign {
            seed: uint(&o, "seed", n)?,
            cases: uint(&o, "campaign_cases", n)?,
            max_width: uint(&o, "max_width", n)?,
            loss: string(&o, "loss", n)?,
        };
        let Some(Value::Object(s)) = o.get("shard") else { return Err(err(n, "`shard` must be {\"k\": K, \"n\": N}")) };
        let shard = shard(s, n)?;
        let count = uint(&o, "theorem_count", n)?;
        let position = uint(&o, "position", n)?;
        match head {
            None => {
                head = Some((campaign.clone(), shard, count));
                slots = vec![None; count as usize];
            }
            Some(ref h) if *h != (campaign, shard, count) => {
                return Err(err(n, "this line belongs to another shard or campaign than the first line"))
            }
            Some(_) => {}
        }
        let slot = slots
            .get_mut(position as usize)
            .ok_or_else(|| err(n, format!("position {position} ≥ theorem_count {count}")))?;
        if slot.is_some() {
            return Err(err(n, format!("a second result for position {position}")));
        }
        *slot = Some(entry(&o, n)?);
    }
    let Some((campaign, shard, count)) = head else { return Err(err(1, "no report: the text is empty")) };
    let missing = slots.iter().filter(|s| s.is_none()).count();
    if missing > 0 {
        return Err(err(
            text.lines().count().max(1),
            format!("only {} of {count} theorem results (the run was cut short?)", count as usize - missing),
        ));
    }
    Ok(Report { campaign, shard, theorems: slots.into_iter().flatten().collect() })
}

/// One theorem entry.
fn entry(o: &Map<String, Value>, n: usize) -> Result<TheoremResult, ReportError> {
    Ok(TheoremResult {
        id: string(o, "id", n)?,
        cases: uint(o, "cases", n)?,
        held: uint(o, "held", n)?,
        not_applicable: uint(o, "not_applicable", n)?,
        failed: uint(o, "failed", n)?,
        seconds: o.get("seconds").and_then(Value::as_f64).ok_or_else(|| err(n, "`seconds` must be a number"))?,
        evidence: string(o, "evidence", n)?,
        certificate: optional(o, "certificate", n, |v| v.as_str().map(str::to_string))?,
        max_width_used: uint(o, "max_width_used", n)?,
        cap_reason: optional(o, "cap_reason", n, |v| v.as_str().map(str::to_string))?,
        failure_case_index: optional(o, "failure_case_index", n, Value::as_u64)?,
    })
}

/// `{"k": K, "n": N}` with 1 ≤ K ≤ N.
fn shard(o: &Map<String, Value>, n: usize) -> Result<Shard, ReportError> {
    Shard::new(uint(o, "k", n)?, uint(o, "n", n)?).map_err(|e| err(n, e.to_string()))
}

/// A non-negative integer under `key`.
fn uint(o: &Map<String, Value>, key: &str, n: usize) -> Result<u64, ReportError> {
    o.get(key).and_then(Value::as_u64).ok_or_else(|| err(n, format!("`{key}` must be a non-negative integer")))
}

/// A string under `key`.
fn string(o: &Map<String, Value>, key: &str, n: usize) -> Result<String, ReportError> {
    o.get(key).and_then(Value::as_str).map(str::to_string).ok_or_else(|| err(n, format!("`{key}` must be a string")))
}

/// A value under `key` that may be null or absent.
fn optional<T>(
    o: &Map<String, Value>,
    key: &str,
    n: usize,
    f: impl Fn(&Value) -> Option<T>,
) -> Result<Option<T>, ReportError> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => f(v).map(Some).ok_or_else(|| err(n, format!("`{key}` has the wrong type"))),
    }
}

/// A [`ReportError`] on line `line`.
fn err(line: usize, message: impl Into<String>) -> ReportError {
    ReportError { line, message: message.into() }
}
