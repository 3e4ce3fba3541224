//! `alpha-range --plot`: the predicted inertia of H_wide for the split T^α_{1,s}θ* along α, as
//! stacked bars (n₋, n₀, n₊) per piece: α < 0, α in {0}, (0, 1), {1}, α > 1.

use super::{canvas, draw_error, legend_and_present, FONT, NEGATIVE, POSITIVE, ZERO};
use crate::cli::CliError;
use crate::linalg::Inertia;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One piece of the α axis: the interval drawn (a point is drawn as a thin bar) and the inertia
/// predicted there.
#[derive(Clone, Debug)]
pub struct InertiaPiece {
    /// Where the bar starts and ends on the α axis.
    pub from: f64,
    /// See `from`.
    pub to: f64,
    /// The inertia of H_wide there.
    pub inertia: Inertia,
}

/// Draws the pieces to the SVG file `path`; `subject` names the net and neuron.
///
/// # Errors
/// Exit code 2 when the file cannot be written.
pub fn alpha_range(pieces: &[InertiaPiece], subject: &str, path: &str) -> Result<(), CliError> {
    let err = |e: DrawingAreaErrorKind<std::io::Error>| draw_error(path, e);
    let total = pieces.iter().map(|p| p.inertia.positive + p.inertia.negative + p.inertia.zero).max().unwrap_or(1);
    let top = total as f64 * 1.25 + 1.0;
    let (lo, hi) = pieces.iter().fold((0.0f64, 1.0f64), |(a, b), p| (a.min(p.from), b.max(p.to)));
    let root = canvas(path)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("Predicted inertia (n+, n−, n0) of the split T^α θ* along α ({subject})"), (FONT, 18))
        .margin(16)
        .x_label_area_size(46)
        .y_label_area_size(60)
        .build_cartesian_2d(lo..hi, 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_desc("α (the split gives the copies α·v* and (1−α)·v*)")
        .y_desc("eigenvalues of H_wide (count)")
        .y_label_formatter(&|y| format!("{y:.0}"))
        .axis_desc_style((FONT, 16))
        .label_style((FONT, 14))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    let kinds = [(NEGATIVE, "n− (negative)"), (ZERO, "n0 (zero)"), (POSITIVE, "n+ (positive)")];
    for (k, (colour, name)) in kinds.into_iter().enumerate() {
        let bars: Vec<Rectangle<(f64, f64)>> = pieces
            .iter()
            .map(|p| {
                let counts = [p.inertia.negative, p.inertia.zero, p.inertia.positive];
                let base: usize = counts[..k].iter().sum();
                Rectangle::new([(p.from, base as f64), (p.to, (base + counts[k]) as f64)], colour.filled())
            })
            .collect();
        chart
            .draw_series(bars)
            .map_err(err)?
            .label(name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 18, y + 6)], colour.filled()));
    }
    let outline = |p: &InertiaPiece| {
        let n = p.inertia.positive + p.inertia.negative + p.inertia.zero;
        Rectangle::new([(p.from, 0.0), (p.to, n as f64)], BLACK.stroke_width(1))
    };
    chart.draw_series(pieces.iter().map(outline)).map_err(err)?;
    let style = TextStyle::from((FONT, 14).into_font()).pos(Pos::new(HPos::Center, VPos::Bottom));
    let mut labelled: Vec<f64> = Vec::new();
    for p in pieces {
        let n = p.inertia.positive + p.inertia.negative + p.inertia.zero;
        let x = (p.from + p.to) / 2.0;
        let narrow = p.to - p.from < (hi - lo) * 0.05;
        let saddle = if p.inertia.negative > 0 { " strict saddle" } else { "" };
        let text =
            if narrow { format!("α = {x:.0}: {}{saddle}", p.inertia) } else { format!("{}{saddle}", p.inertia) };
        // Point pieces (α = 0, 1) get their label higher up, so it clears the bar next to them.
        let lift = if narrow { 2 + labelled.iter().filter(|&&l| (l - x).abs() < (hi - lo) * 0.3).count() } else { 1 };
        labelled.push(x);
        let y = n as f64 + lift as f64 * top * 0.045;
        chart.draw_series(std::iter::once(Text::new(text, (x, y), style.clone()))).map_err(err)?;
    }
    legend_and_present(&root, &mut chart, SeriesLabelPosition::UpperRight, path)
}
