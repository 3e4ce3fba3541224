//! Shards of a campaign: a deterministic partition of its cases over N machines or processes.
//!
//! Shard K of N (1 ≤ K ≤ N) owns, for every theorem, the case indices i with i mod N = K − 1.
//! Case i keeps the case seed c_i it has in the whole run ([`super::harness::case_seeds`]), so
//! the shards K = 1, …, N together run exactly the cases of the unsharded campaign, each once,
//! with the same verdicts; and since a failing case is shrunk from its case seed alone, a shard
//! writes the same certificate for it as the whole run would.

use std::fmt;
use std::str::FromStr;

/// Shard `k` of `n` (1 ≤ k ≤ n); [`Shard::WHOLE`] is the unsharded run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Shard {
    k: u64,
    n: u64,
}

/// Why a shard spec was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShardError {
    /// Not of the form `K/N` with two decimal integers.
    Syntax(String),
    /// K or N out of range (1 ≤ K ≤ N).
    Range {
        /// The shard index given.
        k: u64,
        /// The number of shards given.
        n: u64,
    },
}

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShardError::Syntax(s) => write!(f, "`{s}` is not a shard K/N (two integers, e.g. 2/8)"),
            ShardError::Range { k, n } => {
                write!(f, "shard {k}/{n} is out of range: need 1 ≤ K ≤ N, e.g. 1/{}", n.max(&1))
            }
        }
    }
}

impl std::error::Error for ShardError {}

impl Shard {
    /// The unsharded run: shard 1 of 1, which owns every case.
    pub const WHOLE: Shard = Shard { k: 1, n: 1 };

    /// Shard `k` of `n`.
    ///
    /// # Errors
    /// [`ShardError::Range`] unless 1 ≤ k ≤ n.
    pub fn new(k: u64, n: u64) -> Result<Shard, ShardError> {
        if k == 0 || k > n {
            return Err(ShardError::Range { k, n });
        }
        Ok(Shard { k, n })
    }

    /// The shard index K (1-based).
    pub fn k(&self) -> u64 {
        self.k
    }

    /// The number of shards N.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Whether this shard runs case `index` (0-based): `index mod N = K − 1`.
    pub fn owns(&self, index: u64) -> bool {
        index % self.n == self.k - 1
    }

    /// How many of the case indices 0, …, `cases` − 1 this shard owns.
    pub fn cases_of(&self, cases: u64) -> u64 {
        let (q, r) = (cases / self.n, cases % self.n);
        q + u64::from(self.k <= r)
    }
}

impl Default for Shard {
    fn default() -> Shard {
        Shard::WHOLE
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    /// Reads `K/N` (as on the command line: `--shard 2/8`).
    fn from_str(s: &str) -> Result<Shard, ShardError> {
        let syntax = || ShardError::Syntax(s.to_string());
        let (k, n) = s.split_once('/').ok_or_else(syntax)?;
        let int = |t: &str| if t.bytes().all(|b| b.is_ascii_digit()) { t.parse::<u64>().ok() } else { None };
        match (int(k), int(n)) {
            (Some(k), Some(n)) => Shard::new(k, n),
            _ => Err(syntax()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shards_of_a_campaign_partition_its_case_indices() {
        for n in 1..=5 {
            let shards: Vec<Shard> = (1..=n).map(|k| Shard::new(k, n).unwrap()).collect();
            for i in 0..40 {
                assert_eq!(shards.iter().filter(|s| s.owns(i)).count(), 1, "case {i} of {n} shards");
            }
            for cases in 0..17 {
                let owned: u64 = shards.iter().map(|s| s.cases_of(cases)).sum();
                assert_eq!(owned, cases);
                for s in &shards {
                    assert_eq!(s.cases_of(cases), (0..cases).filter(|&i| s.owns(i)).count() as u64);
                }
            }
        }
    }

    #[test]
    fn a_shard_spec_is_k_of_n_with_k_between_1_and_n() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard::new(2, 3).unwrap()));
        assert_eq!("1/1".parse::<Shard>(), Ok(Shard::WHOLE));
        for bad in ["0/3", "4/3", "a/b", "3", "1/0", "-1/3", "1/3/4", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
