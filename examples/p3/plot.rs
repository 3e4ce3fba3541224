//! Plot helpers shared by the `p3_*` examples (included with `#[path]`): two stacked panels,
//! loss on a log scale above and MPC below, in the style of `src/cli/plot/`.

use embedcheck::depth::float::train::Record;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// One curve: its records, colour, label and what to draw: the loss (`layer: None` with
/// `loss: true`), or the MPC of a hidden layer (0-based), or (`layer: None`, `loss: false`) the
/// largest MPC over the hidden layers, i.e. that of the most nearly linear layer.
pub struct Curve<'r> {
    /// The run.
    pub records: &'r [Record],
    /// Line colour.
    pub colour: RGBColor,
    /// Legend text.
    pub label: String,
    /// Whether this is a loss curve (top panel) or an MPC curve (bottom panel).
    pub loss: bool,
    /// For an MPC curve: this hidden layer (0-based), or the maximum over layers.
    pub layer: Option<usize>,
}

/// A marked point on the loss panel: step, loss, colour, legend text.
pub type Point = (f64, f64, RGBColor, String);

/// The tab10 colours of matplotlib, as `src/cli/plot/` uses them.
pub const TAB: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn mesh<'a, 'b: 'a>(chart: &mut Chart<'a, 'b>, y: &str, log: bool) -> Result<(), Box<dyn std::error::Error>> {
    chart
        .configure_mesh()
        .x_desc("gradient-descent step")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc(y)
        .y_labels(if log { 12 } else { 11 })
        .y_label_formatter(&|v| {
            if !log {
                format!("{v:.2}")
            } else if (v - v.round()).abs() < 1e-9 {
                format!("1e{:.0}", v.round())
            } else {
                String::new()
            }
        })
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 14))
        .light_line_style(TRANSPARENT)
        .draw()?;
    Ok(())
}

fn legend<'a, 'b: 'a>(chart: &mut Chart<'a, 'b>, pos: SeriesLabelPosition) -> Result<(), Box<dyn std::error::Error>> {
    chart
        .configure_series_labels()
        .position(pos)
        .label_font(("sans-serif", 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()?;
    Ok(())
}

fn mpc_of(r: &Record, layer: Option<usize>) -> Option<f64> {
    match layer {
        Some(k) => r.mpc.get(k).copied().flatten(),
        None => r.mpc.iter().flatten().copied().reduce(f64::max),
    }
}

/// Draws loss (top) and MPC (bottom, clipped to \[`mpc_lo`, 1\], with the 0.99 line) against step,
/// with optional marked points (step, loss, label) on the loss panel and vertical markers
/// (step, label) on both panels.
pub fn loss_and_mpc(
    path: &str,
    titles: (&str, &str),
    curves: &[Curve],
    points: &[Point],
    marks: &[(f64, String)],
    mpc_lo: f64,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (1000, 780)).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(390);
    let log = |v: f64| v.max(1e-300).log10();
    let steps = curves.iter().flat_map(|c| c.records.iter().map(|r| r.step)).max().unwrap_or(1) as f64;
    let (lo, hi) = curves
        .iter()
        .filter(|c| c.loss)
        .flat_map(|c| c.records.iter().map(|r| log(r.loss)))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let mut chart = ChartBuilder::on(&top)
        .caption(titles.0, ("sans-serif", 20))
        .margin(14)
        .margin_right(40)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0f64..steps, (lo - 0.2).floor()..(hi + 0.1).ceil())?;
    mesh(&mut chart, "loss R_S (log scale)", true)?;
    for c in curves.iter().filter(|c| c.loss) {
        let col = c.colour;
        chart
            .draw_series(LineSeries::new(c.records.iter().map(|r| (r.step as f64, log(r.loss))), col.stroke_width(2)))?
            .label(c.label.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], col.stroke_width(2)));
    }
    for (s, l, col, label) in points {
        let col = *col;
        chart
            .draw_series([Circle::new((*s, log(*l)), 6, col.filled())])?
            .label(label.clone())
            .legend(move |(x, y)| Circle::new((x + 10, y), 5, col.filled()));
    }
    let (ylo, yhi) = ((lo - 0.2).floor(), (hi + 0.1).ceil());
    for (s, _) in marks {
        chart.draw_series(DashedLineSeries::new(vec![(*s, ylo), (*s, yhi)], 5, 4, BLACK.mix(0.5).stroke_width(1)))?;
    }
    legend(&mut chart, SeriesLabelPosition::UpperRight)?;
    let mut chart = ChartBuilder::on(&bottom)
        .caption(titles.1, ("sans-serif", 20))
        .margin(14)
        .margin_right(40)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0f64..steps, mpc_lo..1.0)?;
    mesh(&mut chart, "MPC", false)?;
    for c in curves.iter().filter(|c| !c.loss) {
        let col = c.colour;
        chart
            .draw_series(LineSeries::new(
                c.records.iter().filter_map(|r| mpc_of(r, c.layer).map(|v| (r.step as f64, v.max(mpc_lo)))),
                col.stroke_width(2),
            ))?
            .label(c.label.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], col.stroke_width(2)));
    }
    chart
        .draw_series(DashedLineSeries::new(vec![(0.0, 0.99), (steps, 0.99)], 6, 4, BLACK.mix(0.6).stroke_width(1)))?
        .label("MPC = 0.99 (\"effectively linear\")")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.mix(0.6).stroke_width(1)));
    for (s, label) in marks {
        chart
            .draw_series(DashedLineSeries::new(vec![(*s, mpc_lo), (*s, 1.0)], 5, 4, BLACK.mix(0.5).stroke_width(1)))?
            .label(label.clone())
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.mix(0.5).stroke_width(1)));
    }
    legend(&mut chart, SeriesLabelPosition::LowerLeft)?;
    root.present()?;
    Ok(())
}
