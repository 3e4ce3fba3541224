//! Running a theorem on many generated cases: counting, timing, shrinking.
//!
//! Case i of a run with seed S is generated from its own generator `Rng::new(c_i)`, where c_i is
//! the i-th draw of `Rng::new(S)` (the same as `fork()` of the master generator), so any single
//! case is reproducible from its case seed c_i alone, on every machine.
//!
//! Width: the harness passes `max_width` = the theorem's [`WidthRule`](super::WidthRule) applied
//! to the requested width ([`Size::for_theorem`]), and the tally reports the width used and,
//! when it differs from the request, the theorem's declared reason.
//!
//! Sharding: with [`RunConfig::shard`] = K/N the run tries only the case indices i with
//! i mod N = K − 1 ([`Shard`]), each with the case seed c_i it has in the whole run, so the
//! shards 1/N, …, N/N together try exactly the cases of the unsharded run.
//!
//! Shrinking: a failing case is retried with the same case seed and smaller [`Size`] knobs
//! (depth, then width, then height of rationals), smallest first; the first size at which the
//! claim still fails is kept.

use super::shard::Shard;
use super::{Counterexample, LossUse, Outcome, Size, Theorem};
use crate::loss::LossFamily;
use crate::rng::Rng;
use std::time::{Duration, Instant};

/// How to run a theorem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunConfig {
    /// Number of cases.
    pub cases: u64,
    /// Master seed.
    pub seed: u64,
    /// Size knobs of generated cases.
    pub size: Size,
    /// Stop at the first failure (after shrinking it). In a shard this is the shard's first
    /// failure, so sharded runs that stop early no longer add up to the whole run.
    pub stop_at_first_failure: bool,
    /// The part of the cases this run tries ([`Shard::WHOLE`] for all of them).
    pub shard: Shard,
}

impl RunConfig {
    /// How many cases this run tries: the cases its shard owns.
    pub fn shard_cases(&self) -> u64 {
        self.shard.cases_of(self.cases)
    }
}

impl Default for RunConfig {
    fn default() -> RunConfig {
        RunConfig { cases: 100, seed: 1, size: Size::default(), stop_at_first_failure: false, shard: Shard::WHOLE }
    }
}

/// A failing case, shrunk.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// Index of the case in the run (0-based).
    pub case_index: u64,
    /// The seed that regenerates the case on its own.
    pub case_seed: u64,
    /// The smallest size knobs at which the case seed still fails.
    pub size: Size,
    /// What was expected and computed, and the case.
    pub counterexample: Counterexample,
}

/// The result of running one theorem.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    /// The theorem's id.
    pub id: &'static str,
    /// Cases tried.
    pub cases: u64,
    /// Cases where the claim held.
    pub held: u64,
    /// Cases outside the hypotheses.
    pub not_applicable: u64,
    /// Cases where the claim failed.
    pub failed: u64,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// The `max_width` the cases were generated with (the request after the theorem's
    /// [`WidthRule`](super::WidthRule)).
    pub max_width_used: usize,
    /// Why `max_width_used` differs from the requested width (`None` when it does not).
    pub cap_reason: Option<&'static str>,
    /// The first failure, shrunk.
    pub failure: Option<Failure>,
    /// One not-applicable reason (the first), for the report.
    pub example_not_applicable: Option<String>,
}

/// The case seeds c_0, c_1, … of a run with master seed `seed`.
pub fn case_seeds(seed: u64) -> impl Iterator<Item = u64> {
    let mut master = Rng::new(seed);
    std::iter::repeat_with(move || master.next_u64())
}

/// Runs `theorem` on one case regenerated from its case seed, at `size` after the theorem's
/// width rule ([`Size::for_theorem`]): "not applicable" for a ½-MSE statement when another family
/// is fixed, and ½-MSE cases for a loss-free one whatever is fixed ([`LossUse`]).
pub fn run_case(theorem: &dyn Theorem, case_seed: u64, size: Size) -> Outcome {
    if let Some(family) = size.loss.filter(|f| *f != LossFamily::Mse && theorem.loss_use() == LossUse::MseOnly) {
        return Outcome::NotApplicable(format!(
            "the statement assumes ½-MSE (its cases are generated with it), not the {} loss",
            family.name()
        ));
    }
    // A loss-free statement's cases do not depend on the family fixed: they are generated as for ½-MSE.
    let size = if theorem.loss_use() == LossUse::Free { Size { loss: Some(LossFamily::Mse), ..size } } else { size };
    theorem.check(&mut Rng::new(case_seed), size.for_theorem(theorem))
}

/// Runs `theorem` on the cases of `config.shard` among the first `config.cases`;
/// `progress(done)` is called after each case tried.
pub fn run(theorem: &dyn Theorem, config: RunConfig, mut progress: impl FnMut(u64)) -> Tally {
    let start = Instant::now();
    let requested = config.size.max_width;
    let size = config.size.for_theorem(theorem);
    let mut t = Tally {
        id: theorem.id(),
        cases: 0,
        held: 0,
        not_applicable: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        max_width_used: size.max_width,
        cap_reason: theorem.widths().reason(requested),
        failure: None,
        example_not_applicable: None,
    };
    for (i, case_seed) in case_seeds(config.seed).take(config.cases as usize).enumerate() {
        if !config.shard.owns(i as u64) {
            continue;
        }
        t.cases += 1;
        match run_case(theorem, case_seed, size) {
            Outcome::Holds(_) => t.held += 1,
            Outcome::NotApplicable(why) => {
                t.not_applicable += 1;
                t.example_not_applicable.get_or_insert(why);
            }
            Outcome::Fails(cx) => {
                t.failed += 1;
                if t.failure.is_none() {
                    let (size, counterexample) = shrink(theorem, case_seed, size, *cx);
                    t.failure = Some(Failure { case_index: i as u64, case_seed, size, counterexample });
                }
            }
        }
        progress(t.cases);
        if config.stop_at_first_failure && t.failed > 0 {
            break;
        }
    }
    t.elapsed = start.elapsed();
    t
}

/// Sizes no larger than `size`, smallest first (by depth, then width, then height).
fn smaller_sizes(size: Size) -> Vec<Size> {
    let mut out = Vec::new();
    for max_depth in 2..=size.max_depth.max(2) {
        for max_width in 1..=size.max_width.max(1) {
            for max_height in 1..=size.max_height.max(1) {
                out.push(Size { max_width, max_depth, max_height, loss: size.loss });
            }
        }
    }
    out.sort_by_key(|s| (s.max_depth, s.max_width, s.max_height));
    out
}

/// The smallest size at which `case_seed` still fails, with its counterexample (the original
/// when no smaller size fails). `size` is taken after the theorem's width rule; the sizes tried
/// are run through it too, so a fixed-width theorem shrinks in depth and height only.
pub fn shrink(theorem: &dyn Theorem, case_seed: u64, size: Size, original: Counterexample) -> (Size, Counterexample) {
    let size = size.for_theorem(theorem);
    for s in smaller_sizes(size) {
        if s == size {
            break;
        }
        if let Outcome::Fails(cx) = run_case(theorem, case_seed, s) {
            return (s.for_theorem(theorem), *cx);
        }
    }
    (size, original)
}
