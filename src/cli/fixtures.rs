//! `embedcheck fixtures --out DIR [--seed S] [--cases N] [--activation A] [--max-width W] [--loss L]`:
//! golden fixtures (contract, "Golden fixtures") — per case the network (`.net.json`,
//! `.safetensors`), the data (`.data.json`), the exact outputs, loss, gradient, Hessian, inertia
//! and Hessian-vector products (`.exact.json`) and the same rounded to f64 (`.npz`), plus
//! `index.json`. The same seed gives byte-identical files.

use super::args::FixturesArgs;
use super::progress::Progress;
use super::CliError;
use crate::fixtures::{suite_with_progress, write_suite, FixtureError, Kind, MAX_CASES, MAX_WIDTH};
use crate::io::loss_from_text;
use crate::io::tensors::activation_from_text;

/// Runs `fixtures`.
///
/// # Errors
/// Exit code 2 for bad usage (the message names the option) or a directory that cannot be
/// written (nothing is left half-written).
pub fn run(args: &FixturesArgs, quiet: bool) -> Result<i32, CliError> {
    let (out, seed, max_width) = (&args.out, args.seed, args.max_width);
    let activation = args.activation.as_deref().map(|t| activation_from_text(t, "--activation")).transpose()?;
    let default_cases = Kind::cycle(activation.as_ref().and_then(|a| a.exact().ok())).len() as u64;
    let cases = args.cases.unwrap_or(default_cases);
    let in_range = |v: u64, lo: u64, hi: usize, name: &str| {
        if (lo..=hi as u64).contains(&v) {
            Ok(v as usize)
        } else {
            Err(CliError::usage(format!("option {name}: {v} is out of range; expected {lo} to {hi}")))
        }
    };
    let cases = in_range(cases, 1, MAX_CASES, "--cases")?;
    let loss = args.loss.as_deref().map(|t| loss_from_text(t, "--loss")).transpose()?.unwrap_or_default();
    let ell = loss.as_exact().cloned().ok_or_else(|| {
        CliError::usage(format!(
            "--loss {loss}: fixtures hold exact values, so the loss must be exact (mse, poly, huber, squared_hinge)"
        ))
    })?;
    let max_width = in_range(max_width, 2, MAX_WIDTH, "--max-width")?;
    let progress = Progress::new(cases as u64, "cases", quiet);
    let built = suite_with_progress(seed, cases, activation.as_ref(), max_width, &ell, |name| {
        progress.inc(1);
        progress.message(format!("built {name}"));
    });
    progress.finish();
    let (fixtures, skipped) = built.map_err(|e| match e {
        FixtureError::FloatActivation(_) => CliError::usage(format!("option --activation: {e}")),
        _ => CliError::usage(e.to_string()),
    })?;
    for name in &skipped {
        eprintln!(
            "embedcheck fixtures: case {name} left out: no draw of this kind fit with this activation, loss and seed \
             (e.g. every ReLU unit active and off its kink, an f64 inertia that differs, an output on a break of the \
             loss; the ill-conditioned case is built for ½-MSE only); try another --seed"
        );
    }
    write_suite(out, seed, &fixtures).map_err(|e| match e {
        crate::io::WriteError::NotADirectory { .. } => CliError::usage(format!("--out {e}")),
        e => e.into(),
    })?;
    for f in &fixtures {
        let extra = match (f.kinks.len(), &f.float_inertia) {
            (0, None) => String::new(),
            (k, None) => format!(", {k} kink(s) flagged"),
            (_, Some(fi)) => format!(", f64 inertia {}", fi.inertia),
        };
        println!(
            "{}: widths {:?}, M = {}, σ = {}, loss {}, critical {}, inertia {}{extra}",
            f.name,
            f.widths(),
            f.num_params(),
            f.net.activation,
            f.loss,
            if f.critical { "yes" } else { "no" },
            f.inertia
        );
    }
    println!("wrote {} cases to {out} (seed {seed}; index.json, and per case .net.json, .data.json, .safetensors, .npz, .exact.json)", fixtures.len());
    Ok(0)
}
