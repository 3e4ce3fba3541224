//! Progress on stderr for long runs: bars counting cases (`check`, `fixtures`) and a spinner
//! naming the phase of one long computation (`hessian`'s exact Hessian and inertia, `certify`'s
//! Newton steps and existence proof). Drawn only when stderr is a terminal and `--quiet` is not
//! given, so redirected or captured stderr stays clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar counting `len` units of work, with a message (what is running now).
#[derive(Clone, Debug)]
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar over `len` units named `unit` (e.g. "cases"); hidden when `quiet` or when stderr is
    /// not a terminal.
    pub fn new(len: u64, unit: &str, quiet: bool) -> Progress {
        let target = if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
        let bar = ProgressBar::with_draw_target(Some(len), target);
        let template = format!("[{{elapsed_precise}}] {{bar:30}} {{pos}}/{{len}} {unit} {{wide_msg}}");
        bar.set_style(ProgressStyle::with_template(&template).expect("a valid template"));
        Progress { bar }
    }

    /// Adds `n` finished units.
    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Replaces the message after the count.
    pub fn message(&self, text: String) {
        self.bar.set_message(text);
    }

    /// A spinner for one computation whose phases are named by [`Progress::message`] (redrawn
    /// every 120 ms, so a long exact phase still shows it is alive); hidden as [`Progress::new`].
    pub fn phases(what: &str, quiet: bool) -> Progress {
        let target = if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
        let bar = ProgressBar::with_draw_target(None, target);
        let template = format!("[{{elapsed_precise}}] {{spinner}} {what}: {{wide_msg}}");
        bar.set_style(ProgressStyle::with_template(&template).expect("a valid template"));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress { bar }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
