//! Printing a JSON document on standard output: the one door every `--json` report goes through.
//!
//! The document is serialised straight into a buffered, locked stdout rather than into a
//! `String` first: a large report (an exact gradient is mostly long decimal numerators) then
//! needs no second copy of itself in memory, which in a short `eval` costs more in fresh pages
//! than the printing does.

use serde::Serialize;
use std::io::{BufWriter, Write};

/// How much of the document is written per system call.
const CHUNK: usize = 64 * 1024;

/// Prints `value` as pretty JSON (two-space indents, as `serde_json::to_string_pretty`) followed
/// by a newline, as `println!` would print that string.
///
/// # Panics
/// As `println!`, if stdout cannot be written; a closed pipe's panic is turned into the quiet
/// exit 141 by the hook in `main`.
pub(super) fn print_json<T: Serialize + ?Sized>(value: &T) {
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(CHUNK, stdout.lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    if let Err(e) = written {
        panic!("failed printing to stdout: {e}");
    }
}
