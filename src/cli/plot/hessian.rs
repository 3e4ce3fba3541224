//! `hessian --plot`: the sorted f64 eigenvalues of H on a symlog axis, coloured by the inertia
//! (exact on the exact path), with the f64 zero-tolerance band shaded.

use super::{
    canvas, draw_error, legend_and_present, power_label, symlog, symlog_ticks, FONT, NEGATIVE, POSITIVE, ZERO,
};
use crate::cli::CliError;
use crate::linalg::Inertia;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the spectrum figure shows.
#[derive(Clone, Debug)]
pub struct SpectrumPlot {
    /// The f64 eigenvalues, sorted increasingly.
    pub eigenvalues: Vec<f64>,
    /// |λ| ≤ `tolerance` counts as zero on the f64 path.
    pub tolerance: f64,
    /// The inertia the colours show: the first n₋ sorted eigenvalues negative, then n₀ zero.
    pub inertia: Inertia,
    /// Whether `inertia` was checked exactly (else it is the f64 count within tolerance).
    pub exact: bool,
    /// Names the point (the network file).
    pub subject: String,
}

/// Draws `p` to the SVG file `path`.
///
/// # Errors
/// Exit code 2 when the file cannot be written.
pub fn spectrum(p: &SpectrumPlot, path: &str) -> Result<(), CliError> {
    let err = |e: DrawingAreaErrorKind<std::io::Error>| draw_error(path, e);
    let m = p.eigenvalues.len();
    let tiny = p.eigenvalues.iter().map(|l| l.abs()).filter(|&a| a > 0.0).fold(f64::INFINITY, f64::min);
    let c = if p.tolerance > 0.0 {
        p.tolerance
    } else if tiny.is_finite() {
        tiny
    } else {
        1.0
    };
    let lo = p.eigenvalues.iter().copied().fold(-c, f64::min);
    let hi = p.eigenvalues.iter().copied().fold(c, f64::max);
    let (ylo, yhi) = (symlog(lo, c) - 0.4, symlog(hi, c) + 0.4);
    let root = canvas(path)?;
    let (n_minus, n_zero) = (p.inertia.negative, p.inertia.zero);
    let word = if p.exact { "checked exactly" } else { "f64, within tolerance" };
    let caption = format!("Hessian eigenvalues of {}: inertia (n+, n−, n0) = {} ({word})", p.subject, p.inertia);
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, (FONT, 18))
        .margin(16)
        .x_label_area_size(46)
        .y_label_area_size(78)
        .build_cartesian_2d(0.5f64..m as f64 + 0.5, ylo..yhi)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(m.clamp(2, 12))
        .x_label_formatter(&|x| format!("{x:.0}"))
        .light_line_style(TRANSPARENT)
        .x_desc("eigenvalue index (sorted increasingly)")
        .y_desc(format!("λ (symlog: linear for |λ| < {c:.1e})"))
        .axis_desc_style((FONT, 16))
        .label_style((FONT, 14))
        .draw()
        .map_err(err)?;
    let ticks = symlog_ticks(lo, hi, c);
    let step = (ticks.len() / 14).max(1);
    let shown: Vec<f64> =
        ticks.iter().copied().filter(|t| *t == 0.0 || (t.abs().log10().round() as i64) % step as i64 == 0).collect();
    let grid = RGBColor(225, 225, 225);
    chart
        .draw_series(
            shown.iter().map(|&t| PathElement::new(vec![(0.5, symlog(t, c)), (m as f64 + 0.5, symlog(t, c))], grid)),
        )
        .map_err(err)?;
    let label = TextStyle::from((FONT, 14).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
    chart
        .draw_series(
            shown
                .iter()
                .map(|&t| EmptyElement::at((0.5, symlog(t, c))) + Text::new(power_label(t), (-8, 0), label.clone())),
        )
        .map_err(err)?;
    let band = symlog(p.tolerance.max(0.0), c);
    chart
        .draw_series(std::iter::once(Rectangle::new([(0.5, -band), (m as f64 + 0.5, band)], ZERO.mix(0.18).filled())))
        .map_err(err)?
        .label(format!("f64 zero band |λ| ≤ {:.2e}", p.tolerance))
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 18, y + 6)], ZERO.mix(0.18).filled()));
    for (x, _) in [(n_minus, 0), (n_minus + n_zero, 1)] {
        if x > 0 && x < m {
            let xs = x as f64 + 0.5;
            chart
                .draw_series(DashedLineSeries::new(vec![(xs, ylo), (xs, yhi)], 6, 4, BLACK.mix(0.5).into()))
                .map_err(err)?;
        }
    }
    let groups = [
        (0..n_minus, NEGATIVE, format!("negative: n− = {n_minus}")),
        (n_minus..n_minus + n_zero, ZERO, format!("zero: n0 = {n_zero}")),
        (n_minus + n_zero..m, POSITIVE, format!("positive: n+ = {}", p.inertia.positive)),
    ];
    for (range, colour, name) in groups {
        let points: Vec<(f64, f64)> =
            range.map(|i| ((i + 1) as f64, symlog(p.eigenvalues.get(i).copied().unwrap_or(0.0), c))).collect();
        chart
            .draw_series(points.into_iter().map(|q| Circle::new(q, 4, colour.filled())))
            .map_err(err)?
            .label(name)
            .legend(move |(x, y)| Circle::new((x + 9, y), 4, colour.filled()));
    }
    legend_and_present(&root, &mut chart, SeriesLabelPosition::UpperLeft, path)
}

/// `hessian --plot`: draws the spectrum `s` of the net at `net_path` with `inertia` (exact or
/// within tolerance) to `path`.
///
/// # Errors
/// Exit code 2 when the file cannot be written.
pub fn hessian_spectrum(
    net_path: &str,
    s: &crate::hessian::Spectrum,
    inertia: Inertia,
    exact: bool,
    path: &str,
) -> Result<(), CliError> {
    let p = SpectrumPlot {
        eigenvalues: s.eigenvalues.clone(),
        tolerance: s.tolerance,
        inertia,
        exact,
        subject: net_path.rsplit('/').next().unwrap_or(net_path).to_string(),
    };
    spectrum(&p, path)
}

/// The `hessian` report line naming the plot file, if one was drawn.
pub fn hessian_plot_line(path: Option<&str>) {
    if let Some(p) = path {
        println!("plot: {p} (sorted eigenvalues of the f64 spectrum, symlog axis, zero band |λ| ≤ tolerance)");
    }
}
