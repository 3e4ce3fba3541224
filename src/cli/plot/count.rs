//! `count --crossover R* --plot`: log₁₀ T(r*, r*+h), T1(r*, r*+h) and G(r*−1, r*+h) against h,
//! with the first h where T (and T1) exceeds G marked.

use super::{canvas, draw_error, legend_and_present, ACCENT, FONT, NEGATIVE, POSITIVE};
use crate::cli::CliError;
use plotters::prelude::*;

/// The counts along h = 1, …, h_max (each as log₁₀) and the crossovers.
#[derive(Clone, Debug)]
pub struct CrossoverPlot {
    /// r*.
    pub r_star: usize,
    /// (h, log₁₀ T(r*, r*+h), log₁₀ T1(r*, r*+h), log₁₀ G(r*−1, r*+h)) for h = 1, …, h_max.
    pub rows: Vec<(usize, f64, f64, f64)>,
    /// The first h with T > G, and with T1 > G.
    pub first: (Option<usize>, Option<usize>),
}

/// Draws `p` to the SVG file `path`.
///
/// # Errors
/// Exit code 2 when the file cannot be written.
pub fn crossover(p: &CrossoverPlot, path: &str) -> Result<(), CliError> {
    let err = |e: DrawingAreaErrorKind<std::io::Error>| draw_error(path, e);
    let h_max = p.rows.last().map_or(1, |r| r.0).max(2);
    let ys = p.rows.iter().flat_map(|r| [r.1, r.2, r.3]);
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| (a.min(y), b.max(y)));
    let pad = (hi - lo).max(1.0) * 0.06;
    let (lo, hi) = if lo.is_finite() { ((lo - pad).max(0.0), hi + pad) } else { (0.0, 1.0) };
    let root = canvas(path)?;
    let r = p.r_star;
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("Symmetry counts at r* = {r}: T(r*, r*+h) and T1 against G(r*−1, r*+h)"), (FONT, 18))
        .margin(16)
        .x_label_area_size(46)
        .y_label_area_size(70)
        .build_cartesian_2d(0.5f64..h_max as f64 + 0.5, lo..hi)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(h_max.min(20))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("1e{y:.0}"))
        .x_desc("h (the wide width is m = r* + h)")
        .y_desc("count (log scale, checked exactly with big integers)")
        .axis_desc_style((FONT, 16))
        .label_style((FONT, 14))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    let series = [
        (POSITIVE, "T(r*, r*+h): expansion-manifold subspaces", 1usize),
        (ACCENT, "T1(r*, r*+h): singleton zero-type groups only", 2),
        (NEGATIVE, "G(r*−1, r*+h): symmetry-induced critical subspaces", 3),
    ];
    for (colour, name, k) in series {
        let pts: Vec<(f64, f64)> = p.rows.iter().map(|row| (row.0 as f64, [row.1, row.2, row.3][k - 1])).collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), colour.stroke_width(2)))
            .map_err(err)?
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2)));
        chart.draw_series(pts.into_iter().map(|q| Circle::new(q, 3, colour.filled()))).map_err(err)?;
    }
    for (h, colour, name) in [(p.first.0, POSITIVE, "T"), (p.first.1, ACCENT, "T1")] {
        let Some(h) = h else { continue };
        let x = h as f64;
        chart
            .draw_series(DashedLineSeries::new(vec![(x, lo), (x, hi)], 6, 4, colour.stroke_width(1)))
            .map_err(err)?
            .label(format!("first h with {name} > G: h = {h}"))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(1)));
    }
    legend_and_present(&root, &mut chart, SeriesLabelPosition::UpperLeft, path)
}
