//! Merging shard reports into the report of the whole campaign.

use super::{Report, TheoremResult};
use crate::theorem::shard::Shard;
use std::fmt;

/// Why shard reports do not form one campaign; inputs are named by the labels given to
/// [`merge`] (file names on the command line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeError {
    /// No report was given.
    Empty,
    /// Two inputs disagree on `what` (seed, cases per theorem, max width, number of shards,
    /// the theorems run, or a theorem's evidence or width).
    Differ {
        /// What differs.
        what: String,
        /// The first input and its value.
        first: (String, String),
        /// The input that differs and its value.
        other: (String, String),
    },
    /// Shard K of N is given twice.
    Duplicate {
        /// The shard.
        shard: Shard,
        /// The two inputs that hold it.
        inputs: (String, String),
    },
    /// Shards are missing (their K values, of N).
    Missing {
        /// The missing K values.
        ks: Vec<u64>,
        /// The number of shards N.
        n: u64,
    },
    /// A theorem's shards tried another number of cases than the campaign has.
    CaseCount {
        /// The theorem.
        id: String,
        /// The cases tried over all shards.
        tried: u64,
        /// The campaign's cases per theorem.
        expected: u64,
    },
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::Empty => write!(f, "no report to merge"),
            MergeError::Differ { what, first, other } => {
                write!(f, "the reports differ in {what}: {} has {}, {} has {}", first.0, first.1, other.0, other.1)
            }
            MergeError::Duplicate { shard, inputs } => {
                write!(f, "shard {shard} is given twice ({} and {})", inputs.0, inputs.1)
            }
            MergeError::Missing { ks, n } => {
                let ks: Vec<String> = ks.iter().map(|k| format!("{k}/{n}")).collect();
                let (noun, verb) = if ks.len() == 1 { ("shard", "is") } else { ("shards", "are") };
                write!(f, "incomplete: {noun} {} {verb} missing", ks.join(", "))
            }
            MergeError::CaseCount { id, tried, expected } => {
                write!(f, "{id}: the shards tried {tried} cases, the campaign has {expected} (a run stopped early?)")
            }
        }
    }
}

impl std::error::Error for MergeError {}

/// The report of the whole campaign from the reports of its shards 1/N, …, N/N (any order; a
/// single unsharded report merges to itself): counts and seconds summed per theorem, and of the
/// failures the one with the smallest case index kept with its certificate, which is the
/// failure (and, byte for byte, the certificate) the unsharded run reports.
///
/// # Errors
/// [`MergeError`] when the inputs are not exactly the shards of one campaign.
pub fn merge(inputs: &[(String, Report)]) -> Result<Report, MergeError> {
    let Some((name0, first)) = inputs.first() else { return Err(MergeError::Empty) };
    let n = first.shard.n();
    let mut holder: Vec<Option<&String>> = vec![None; n as usize];
    for (name, r) in inputs {
        let c = (&first.campaign, &r.campaign);
        same("the seed", (name0, c.0.seed), (name, c.1.seed))?;
        same("the loss", (name0, &c.0.loss), (name, &c.1.loss))?;
        same("cases per theorem", (name0, c.0.cases), (name, c.1.cases))?;
        same("max width", (name0, c.0.max_width), (name, c.1.max_width))?;
        same("the number of shards N", (name0, n), (name, r.shard.n()))?;
        same("the number of theorems run", (name0, first.theorems.len()), (name, r.theorems.len()))?;
        for (i, (a, b)) in first.theorems.iter().zip(&r.theorems).enumerate() {
            same(&format!("theorem {} of the run", i + 1), (name0, &a.id), (name, &b.id))?;
        }
        let slot = &mut holder[r.shard.k() as usize - 1];
        if let Some(earlier) = slot {
            return Err(MergeError::Duplicate { shard: r.shard, inputs: ((*earlier).clone(), name.clone()) });
        }
        *slot = Some(name);
    }
    let ks: Vec<u64> = (1..=n).filter(|k| holder[*k as usize - 1].is_none()).collect();
    if !ks.is_empty() {
        return Err(MergeError::Missing { ks, n });
    }
    let mut theorems = first.theorems.clone();
    for (name, r) in &inputs[1..] {
        for (t, s) in theorems.iter_mut().zip(&r.theorems) {
            add(t, s, name0, name)?;
        }
    }
    for t in &theorems {
        if t.cases != first.campaign.cases {
            return Err(MergeError::CaseCount { id: t.id.clone(), tried: t.cases, expected: first.campaign.cases });
        }
    }
    Ok(Report { campaign: first.campaign.clone(), shard: Shard::WHOLE, theorems })
}

/// Adds shard result `s` (from input `name`) to the running total `t` (from `name0`).
fn add(t: &mut TheoremResult, s: &TheoremResult, name0: &str, name: &str) -> Result<(), MergeError> {
    same(&format!("{}'s evidence", t.id), (name0, &t.evidence), (name, &s.evidence))?;
    same(&format!("{}'s width used", t.id), (name0, t.max_width_used), (name, s.max_width_used))?;
    t.cases += s.cases;
    t.held += s.held;
    t.not_applicable += s.not_applicable;
    t.failed += s.failed;
    t.seconds += s.seconds;
    let earlier = match (t.failure_case_index, s.failure_case_index) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
    };
    if earlier {
        t.failure_case_index = s.failure_case_index;
        t.certificate = s.certificate.clone();
    }
    Ok(())
}

/// `Ok` when the two inputs' values agree, else [`MergeError::Differ`] naming both.
fn same<T: PartialEq + fmt::Display>(what: &str, a: (&str, T), b: (&str, T)) -> Result<(), MergeError> {
    if a.1 == b.1 {
        return Ok(());
    }
    Err(MergeError::Differ {
        what: what.to_string(),
        first: (a.0.to_string(), a.1.to_string()),
        other: (b.0.to_string(), b.1.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theorem::report::Campaign;

    fn shard(k: u64, failure: Option<u64>) -> (String, Report) {
        let campaign = Campaign { seed: 1, cases: 6, max_width: 3, loss: "mse".into() };
        let t = TheoremResult {
            id: "t".into(),
            cases: 2,
            held: 2 - u64::from(failure.is_some()),
            not_applicable: 0,
            failed: u64::from(failure.is_some()),
            seconds: 1.0,
            evidence: "checked exactly".into(),
            certificate: failure.map(|i| format!("t.shard-{k}-of-3.cert.json (case {i})")),
            max_width_used: 3,
            cap_reason: None,
            failure_case_index: failure,
        };
        (format!("s{k}"), Report { campaign, shard: Shard::new(k, 3).unwrap(), theorems: vec![t] })
    }

    #[test]
    fn the_merged_failure_is_the_one_with_the_smallest_case_index_in_any_order() {
        let inputs = [shard(3, Some(2)), shard(1, None), shard(2, Some(1))];
        let merged = merge(&inputs).unwrap();
        let t = &merged.theorems[0];
        assert_eq!((t.cases, t.held, t.failed, t.failure_case_index), (6, 4, 2, Some(1)));
        assert_eq!(t.certificate.as_deref(), Some("t.shard-2-of-3.cert.json (case 1)"));
        assert_eq!(merged.shard, Shard::WHOLE);
    }

    #[test]
    fn missing_and_repeated_shards_are_named() {
        let e = merge(&[shard(1, None), shard(3, None)]).unwrap_err();
        assert_eq!(e, MergeError::Missing { ks: vec![2], n: 3 });
        assert!(e.to_string().contains("2/3"));
        let e = merge(&[shard(1, None), shard(2, None), shard(2, None)]).unwrap_err();
        assert!(matches!(e, MergeError::Duplicate { .. }), "{e}");
    }
}
