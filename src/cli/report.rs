//! Printing a campaign report (`check`, `merge-reports`): the table, or the JSON object.

use crate::theorem::report::Report;
use crate::theorem::shard::Shard;
use crate::theorem::Size;

/// Prints `report` as `check --json` does.
pub fn print_json(report: &Report) {
    super::output::print_json(&report.to_json());
}

/// Prints `report` as the table of `check`: a header with the campaign, a row per theorem
/// (with the width used where a theorem's width rule changed it), where each counterexample
/// was written, and a total.
pub fn print_table(report: &Report) {
    let (c, size) = (&report.campaign, Size::default());
    let shard = if report.shard == Shard::WHOLE { String::new() } else { format!(", shard {}", report.shard) };
    println!(
        "embedcheck check: seed {}, {} cases per theorem{shard}, max width {}, depth ≤ {}, heights ≤ {}, loss {}",
        c.seed, c.cases, c.max_width, size.max_depth, size.max_height, c.loss
    );
    println!("{:42} {:>6} {:>6} {:>6} {:>7} {:>9}", "theorem", "cases", "held", "n/a", "failed", "time");
    for t in &report.theorems {
        let width = match &t.cap_reason {
            Some(why) => format!("  max width {} ({why})", t.max_width_used),
            None => String::new(),
        };
        println!(
            "{:42} {:>6} {:>6} {:>6} {:>7} {:>8.2}s{width}",
            t.id, t.cases, t.held, t.not_applicable, t.failed, t.seconds
        );
        if let Some(p) = &t.certificate {
            println!("  counterexample (shrunk) written to {p}; re-check with `embedcheck verify {p}`");
        }
    }
    let total: u64 = report.theorems.iter().map(|t| t.held).sum();
    println!(
        "{} theorems, {total} cases held{}",
        report.theorems.len(),
        if report.any_failed() { "; COUNTEREXAMPLES FOUND" } else { ", no counterexample" }
    );
}
