//! `--plot FILE.svg`: the pictures of `hessian`, `count --crossover`, `alpha-range`, `mpc`,
//! `linear` and float `lift`, drawn
//! with plotters' SVG back end (text stays SVG `<text>`, so no font library is involved). Each
//! figure is one file taking plain numbers from its command; this file has what they share:
//! the canvas, the symlog scale and the error mapping.

mod alpha_range;
mod count;
mod hessian;
mod lift;
mod linear;
mod mpc;

pub use alpha_range::{alpha_range as plot_alpha_range, InertiaPiece};
pub use count::{crossover as plot_crossover, CrossoverPlot};
pub use hessian::{hessian_plot_line, hessian_spectrum};
pub use lift::{lift_scales as plot_lift_scales, LiftScalesPlot};
pub use linear::{reduced_loss as plot_reduced_loss, CandidateKind, LinearPlot, MarkedCandidate};
pub use mpc::{mpc as plot_mpc, MpcLayer};

use super::CliError;
use plotters::prelude::*;

/// Canvas size in pixels.
const SIZE: (u32, u32) = (900, 560);
/// The text font family (the viewer's sans-serif).
const FONT: &str = "sans-serif";

/// Colours: positive, negative, zero / neutral, and an accent.
const POSITIVE: RGBColor = RGBColor(31, 119, 180);
const NEGATIVE: RGBColor = RGBColor(214, 39, 40);
const ZERO: RGBColor = RGBColor(100, 100, 100);
const ACCENT: RGBColor = RGBColor(255, 127, 14);

/// Refuses an output path that does not end in `.svg` (the only back end built).
///
/// # Errors
/// Exit code 2 naming the path.
pub fn check_path(path: &str) -> Result<(), CliError> {
    if path.to_ascii_lowercase().ends_with(".svg") {
        Ok(())
    } else {
        Err(CliError::usage(format!("--plot {path}: plots are written as SVG; give a file name ending in .svg")))
    }
}

/// The SVG drawing area of `path`, filled white.
fn canvas(path: &str) -> Result<DrawingArea<SVGBackend<'_>, plotters::coord::Shift>, CliError> {
    let root = SVGBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE).map_err(|e| draw_error(path, e))?;
    Ok(root)
}

/// Draws `chart`'s legend at `position` in the style every plot shares (14-pt labels on a
/// translucent white box) and writes the file of `root`.
fn legend_and_present<'a, CT: plotters::coord::CoordTranslate>(
    root: &DrawingArea<SVGBackend<'a>, plotters::coord::Shift>,
    chart: &mut ChartContext<'a, SVGBackend<'a>, CT>,
    position: SeriesLabelPosition,
    path: &str,
) -> Result<(), CliError> {
    chart
        .configure_series_labels()
        .position(position)
        .label_font((FONT, 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()
        .map_err(|e| draw_error(path, e))?;
    root.present().map_err(|e| draw_error(path, e))
}

/// A plotters error while writing `path`: exit code 2.
fn draw_error(path: &str, e: impl std::fmt::Display) -> CliError {
    CliError::usage(format!("cannot write the plot {path}: {e}"))
}

/// The symmetric-log scale with linear threshold `c`: sign(x) log10(1 + |x|/c), linear near 0
/// (|x| ≪ c) and logarithmic far from it, so eigenvalues of both signs and every magnitude fit.
fn symlog(x: f64, c: f64) -> f64 {
    x.signum() * (x.abs() / c).ln_1p() / std::f64::consts::LN_10
}

/// Tick values for a symlog axis with threshold `c` covering `[lo, hi]` (in data units): 0 and
/// the powers of ten from `c` up, of each sign present.
fn symlog_ticks(lo: f64, hi: f64, c: f64) -> Vec<f64> {
    let mut ticks = vec![0.0];
    let first = c.log10().ceil() as i32;
    for k in first..first + 400 {
        let t = 10f64.powi(k);
        if t > hi.max(-lo) * 1.0001 {
            break;
        }
        if t <= hi * 1.0001 {
            ticks.push(t);
        }
        if -t >= lo * 1.0001 {
            ticks.push(-t);
        }
    }
    ticks
}

/// `1e3` style for a power of ten (and `0`).
fn power_label(t: f64) -> String {
    if t == 0.0 {
        return "0".to_string();
    }
    let k = t.abs().log10().round() as i32;
    format!("{}1e{k}", if t < 0.0 { "−" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symlog_is_odd_monotone_and_linear_near_zero() {
        let c = 1e-6;
        assert_eq!(symlog(0.0, c), 0.0);
        assert_eq!(symlog(-5.0, c), -symlog(5.0, c));
        assert!(symlog(1.0, c) < symlog(10.0, c));
        assert!((symlog(1e-9, c) - 1e-3 / std::f64::consts::LN_10).abs() < 1e-6);
    }

    #[test]
    fn symlog_ticks_are_powers_of_ten_inside_the_range() {
        let t = symlog_ticks(-20.0, 3000.0, 0.5);
        for want in [0.0, 1.0, 10.0, 100.0, 1000.0, -1.0, -10.0] {
            assert!(t.contains(&want), "{want} in {t:?}");
        }
        assert!(!t.contains(&-100.0) && !t.contains(&1e4));
        assert_eq!(power_label(-100.0), "−1e2");
    }
}
