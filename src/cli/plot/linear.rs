//! `linear --plot`: the reduced loss ℓ(t) = L(θ(t)) along the balanced family (t = b, or t = ‖U‖
//! for unequal decays), computed exactly at grid points, with the candidates {0} ∪ {positive
//! roots of (★)} marked as what the exact analysis found (global minimum, saddle, other).

use super::{canvas, draw_error, legend_and_present, ACCENT, FONT, NEGATIVE, POSITIVE, ZERO};
use crate::cli::CliError;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the exact analysis says about one candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateKind {
    /// A global minimiser of L.
    Global,
    /// A saddle of L (a negative Hessian eigenvalue).
    Saddle,
    /// A strict local minimum of L (positive definite Hessian) that is not global.
    LocalMin,
    /// None of these, or no Hessian was computed (`--no-hessian`).
    Other,
}

/// One candidate as drawn.
#[derive(Clone, Debug)]
pub struct MarkedCandidate {
    /// The scale t (an exact root, converted to f64 for drawing).
    pub t: f64,
    /// L(θ(t)) (exact, converted to f64 for drawing).
    pub loss: f64,
    /// What it is.
    pub kind: CandidateKind,
    /// Its label, e.g. `[1] b = 1, L = 28`.
    pub label: String,
}

/// The figure's numbers.
#[derive(Clone, Debug)]
pub struct LinearPlot {
    /// (t, ℓ(t)) on the grid, exact values converted to f64.
    pub curve: Vec<(f64, f64)>,
    /// The candidates.
    pub candidates: Vec<MarkedCandidate>,
    /// The name of the scale variable: `b`, or `t = ‖U‖`.
    pub variable: String,
    /// L(0) = E\[y²\] (converted to f64 for drawing).
    pub origin_loss: f64,
    /// L(0) exactly, as the report writes it.
    pub origin_text: String,
    /// The model, e.g. `widths (2, 4, 1), s² = 4, γ = 3`.
    pub subject: String,
}

/// Draws `p` to the SVG file `path`.
///
/// # Errors
/// Exit code 2 when the file cannot be written.
pub fn reduced_loss(p: &LinearPlot, path: &str) -> Result<(), CliError> {
    let err = |e: DrawingAreaErrorKind<std::io::Error>| draw_error(path, e);
    let t_max = p.curve.last().map_or(1.0, |q| q.0).max(p.candidates.iter().map(|c| c.t).fold(0.0, f64::max));
    let ys = p.curve.iter().map(|q| q.1).chain(p.candidates.iter().map(|c| c.loss)).chain([p.origin_loss]);
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| (a.min(y), b.max(y)));
    let span = (hi - lo).max(hi.abs() * 1e-9).max(1e-12);
    let (ylo, yhi) = (lo - 0.14 * span, hi + 0.1 * span);
    let root = canvas(path)?;
    let v = p.variable.as_str();
    let x = &v[..1];
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("Reduced loss ℓ({x}) = L(θ({x})), {} (checked exactly)", p.subject), (FONT, 18))
        .margin(16)
        .x_label_area_size(46)
        .y_label_area_size(80)
        .build_cartesian_2d(0.0..t_max * 1.02, ylo..yhi)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(format!("scale {v} of the balanced rank-one point θ({x})"))
        .y_desc(format!("loss L(θ({x})) (exact values drawn in f64)"))
        .axis_desc_style((FONT, 16))
        .label_style((FONT, 14))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(232, 232, 232))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(DashedLineSeries::new(
            vec![(0.0, p.origin_loss), (t_max * 1.02, p.origin_loss)],
            6,
            4,
            ZERO.stroke_width(1),
        ))
        .map_err(err)?
        .label(format!("L(0) = E[y²] = {}", p.origin_text))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], ZERO.stroke_width(1)));
    chart
        .draw_series(LineSeries::new(p.curve.clone(), BLACK.stroke_width(2)))
        .map_err(err)?
        .label(format!("ℓ({x}) at {} grid points, each exact", p.curve.len()))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.stroke_width(2)));
    let kinds = [
        (CandidateKind::Global, ACCENT, "global minimum of L"),
        (CandidateKind::Saddle, NEGATIVE, "saddle of L (a negative Hessian eigenvalue)"),
        (CandidateKind::LocalMin, POSITIVE, "strict local minimum of L, not global"),
        (CandidateKind::Other, ZERO, "other critical point of L (not global)"),
    ];
    for (kind, colour, name) in kinds {
        let at: Vec<(f64, f64)> = p.candidates.iter().filter(|c| c.kind == kind).map(|c| (c.t, c.loss)).collect();
        if at.is_empty() {
            continue;
        }
        chart
            .draw_series(at.into_iter().map(|q| Circle::new(q, 6, colour.filled())))
            .map_err(err)?
            .label(name)
            .legend(move |(x, y)| Circle::new((x + 9, y), 6, colour.filled()));
    }
    for c in &p.candidates {
        // Below a minimum of the curve, above anything else, so the label clears the curve.
        let near = p.curve.iter().filter(|q| (q.0 - c.t).abs() <= 0.06 * t_max);
        let minimum = near.clone().all(|q| q.1 >= c.loss - 1e-9 * span);
        let (vpos, dy) = if minimum { (VPos::Top, 12) } else { (VPos::Bottom, -12) };
        let hpos = if c.t < 0.08 * t_max {
            HPos::Left
        } else if c.t > 0.85 * t_max {
            HPos::Right
        } else {
            HPos::Center
        };
        let style = TextStyle::from((FONT, 14).into_font()).pos(Pos::new(hpos, vpos));
        chart
            .draw_series(std::iter::once(EmptyElement::at((c.t, c.loss)) + Text::new(c.label.clone(), (0, dy), style)))
            .map_err(err)?;
    }
    legend_and_present(&root, &mut chart, SeriesLabelPosition::UpperRight, path)
}
