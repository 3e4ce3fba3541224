//! Float `lift --plot`: the observed change of the outputs on the data, max |f_deep − f|, and the
//! derived bound it must stay under, against the scale c of the float lifting, on log–log axes
//! (log₂ c across, log₁₀ of the change up), with the chosen c marked.

use super::{canvas, draw_error, legend_and_present, ACCENT, FONT, NEGATIVE, POSITIVE};
use crate::cli::CliError;
use crate::depth::float::bound::OutputChange;
use plotters::prelude::*;

/// The figure's numbers.
#[derive(Clone, Debug)]
pub struct LiftScalesPlot {
    /// One lifting per scale c (the sweep).
    pub sweep: Vec<OutputChange>,
    /// The lifting the command wrote (its c is marked).
    pub chosen: OutputChange,
    /// Names the net, the activation and the construction.
    pub subject: String,
}

/// `2⁻¹⁰` style for an integer exponent of two.
fn power_of_two(k: i32) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits: String = k.unsigned_abs().to_string().chars().map(|d| SUP[d as usize - '0' as usize]).collect();
    format!("2{}{digits}", if k < 0 { "⁻" } else { "" })
}

/// Draws `p` to the SVG file `path`. A change of exactly 0 (no output moved in f64) is drawn on
/// the bottom edge as an open marker.
///
/// # Errors
/// Exit code 2 when the file cannot be written.
pub fn lift_scales(p: &LiftScalesPlot, path: &str) -> Result<(), CliError> {
    let err = |e: DrawingAreaErrorKind<std::io::Error>| draw_error(path, e);
    let all = p.sweep.iter().chain([&p.chosen]);
    let xs: Vec<f64> = all.clone().map(|o| o.scale.log2()).collect();
    let (xlo, xhi) = xs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
    let (xlo, xhi) = ((xlo - 0.5).floor(), (xhi + 0.5).ceil());
    let positive = all.flat_map(|o| [o.observed, o.bound]).filter(|v| *v > 0.0 && v.is_finite());
    let (lo, hi) = positive.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v.log10()), b.max(v.log10())));
    let (lo, hi) = if lo.is_finite() { ((lo - 0.6).floor(), (hi + 0.8).ceil()) } else { (-17.0, 0.0) };
    let floor = lo;
    let root = canvas(path)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!("Float lifting of {}: output change against the scale c (within tolerance)", p.subject),
            (FONT, 18),
        )
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(xlo..xhi, lo..hi)
        .map_err(err)?;
    let integer = |v: f64| (v - v.round()).abs() < 1e-9;
    chart
        .configure_mesh()
        .x_labels(((xhi - xlo) as usize + 1).min(20))
        .y_labels(((hi - lo) as usize + 1).min(20))
        .x_label_formatter(&|x| if integer(*x) { power_of_two(x.round() as i32) } else { String::new() })
        .y_label_formatter(&|y| if integer(*y) { format!("1e{:.0}", y.round()) } else { String::new() })
        .x_desc("scale c of the inserted pre-activations (log scale)")
        .y_desc("max over the data of |f_deep − f| (log scale)")
        .axis_desc_style((FONT, 16))
        .label_style((FONT, 14))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(232, 232, 232))
        .draw()
        .map_err(err)?;
    let at = |v: f64| if v > 0.0 { v.log10() } else { floor };
    let bound: Vec<(f64, f64)> = p.sweep.iter().map(|o| (o.scale.log2(), at(o.bound))).collect();
    chart
        .draw_series(LineSeries::new(bound.clone(), NEGATIVE.stroke_width(2)))
        .map_err(err)?
        .label("derived bound 2·(Taylor remainder propagated + f64 rounding)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], NEGATIVE.stroke_width(2)));
    chart.draw_series(bound.into_iter().map(|q| TriangleMarker::new(q, 5, NEGATIVE.filled()))).map_err(err)?;
    let observed: Vec<(f64, f64)> = p.sweep.iter().map(|o| (o.scale.log2(), at(o.observed))).collect();
    chart
        .draw_series(LineSeries::new(observed.clone(), POSITIVE.stroke_width(2)))
        .map_err(err)?
        .label("observed max |f_deep − f| on the data (f64)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], POSITIVE.stroke_width(2)));
    let zero = p.sweep.iter().any(|o| o.observed == 0.0);
    chart
        .draw_series(observed.into_iter().zip(&p.sweep).map(|(q, o)| {
            let style = if o.observed > 0.0 { POSITIVE.filled() } else { POSITIVE.stroke_width(2) };
            Circle::new(q, 4, style)
        }))
        .map_err(err)?;
    if zero {
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
            .map_err(err)?
            .label("observed change exactly 0 (drawn on the bottom edge)")
            .legend(|(x, y)| Circle::new((x + 9, y), 4, POSITIVE.stroke_width(2)));
    }
    let xc = p.chosen.scale.log2();
    chart
        .draw_series(DashedLineSeries::new(vec![(xc, lo), (xc, hi)], 6, 4, ACCENT.stroke_width(2)))
        .map_err(err)?
        .label(format!(
            "chosen c = {}: change {:.2e}, bound {:.2e}",
            if integer(xc) { power_of_two(xc.round() as i32) } else { format!("{:.3e}", p.chosen.scale) },
            p.chosen.observed,
            p.chosen.bound
        ))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], ACCENT.stroke_width(2)));
    legend_and_present(&root, &mut chart, SeriesLabelPosition::UpperLeft, path)
}
