//! `embedcheck merge-reports FILE... [--json]`: the report of a whole campaign from the reports
//! of its shards (`check --shard K/N --json` or `--jsonl`), as the unsharded `check` prints it.
//! Exit 1 when a shard found a counterexample, 2 when the files are not exactly the shards 1/N …
//! N/N of one campaign (the message names the missing or repeated shard, or what differs).

use super::args::MergeReportsArgs;
use super::report::{print_json, print_table};
use super::CliError;
use crate::theorem::report::{merge, read_report};

/// Runs `merge-reports`.
///
/// # Errors
/// Exit code 2 for an unreadable report or shards that do not form one campaign.
pub fn run(args: &MergeReportsArgs) -> Result<i32, CliError> {
    let mut inputs = Vec::new();
    for path in &args.files {
        let text = std::fs::read_to_string(path).map_err(|e| CliError::usage(format!("cannot read {path}: {e}")))?;
        let report = read_report(&text).map_err(|e| CliError::usage(format!("{path}: {e}")))?;
        inputs.push((path.clone(), report));
    }
    let merged = merge(&inputs).map_err(|e| CliError::usage(e.to_string()))?;
    if args.json {
        print_json(&merged);
    } else {
        print_table(&merged);
    }
    Ok(if merged.any_failed() { 1 } else { 0 })
}
