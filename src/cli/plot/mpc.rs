//! `mpc --plot`: per hidden layer, MPC_l = min_j |ρ_j| as a large marker and every neuron's |ρ_j| as
//! a small one, against the "effectively linear" threshold 0.99 (\[P3\] Eq. 1, §4).

use super::{canvas, draw_error, legend_and_present, ACCENT, FONT, POSITIVE, ZERO};
use crate::cli::CliError;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One hidden layer of the figure (exact values already converted to f64 for drawing).
#[derive(Clone, Debug)]
pub struct MpcLayer {
    /// Hidden layer l, 1-based.
    pub layer: usize,
    /// MPC_l = min_j |ρ_j|, `None` when ρ is undefined for every neuron.
    pub mpc: Option<f64>,
    /// |ρ_j| of every neuron where ρ is defined.
    pub neurons: Vec<f64>,
    /// How many neurons are constant on the data (ρ undefined).
    pub constant: usize,
    /// The value as the report gives it (`MPC² = 2527/3492` exactly, or `MPC ≈ 0.97206`).
    pub label: String,
}

/// Draws the layers to the SVG file `path`; `subject` names the net, `exact` says whether ρ² was
/// computed over Q.
///
/// # Errors
/// Exit code 2 when the file cannot be written.
pub fn mpc(layers: &[MpcLayer], subject: &str, exact: bool, path: &str) -> Result<(), CliError> {
    let err = |e: DrawingAreaErrorKind<std::io::Error>| draw_error(path, e);
    let n = layers.len().max(1);
    let least = layers.iter().flat_map(|l| l.neurons.iter().copied().chain(l.mpc)).fold(0.98f64, f64::min);
    let pad = (1.0 - least) * 0.12 + 0.002;
    // The bottom ~30% of the plot is left free for the legend.
    // Above 1 (where MPC cannot be) there is room for the labels of the top markers.
    let lo = least - pad - 0.45 * (1.0 - least + pad);
    let hi = 1.0 + 0.15 * (1.0 - lo);
    let root = canvas(path)?;
    let word = if exact { "ρ² checked exactly over Q" } else { "computed in f64: float activation" };
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("Layer linearization MPC per hidden layer of {subject} ({word})"), (FONT, 18))
        .margin(16)
        .x_label_area_size(46)
        .y_label_area_size(70)
        .build_cartesian_2d(0.5f64..n as f64 + 0.5, lo..hi)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n.min(20) + 1)
        .x_label_formatter(&|x| {
            if (x - x.round()).abs() < 1e-9 && *x >= 1.0 {
                format!("{x:.0}")
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|y| if *y <= 1.0 + 1e-9 { format!("{y:.3}") } else { String::new() })
        .x_desc("hidden layer l")
        .y_desc("MPC = min over neurons j of |ρ_j|")
        .axis_desc_style((FONT, 16))
        .label_style((FONT, 14))
        .light_line_style(TRANSPARENT)
        .draw()
        .map_err(err)?;
    chart
        .draw_series(DashedLineSeries::new(vec![(0.5, 0.99), (n as f64 + 0.5, 0.99)], 6, 4, ZERO.stroke_width(1)))
        .map_err(err)?
        .label("threshold 0.99: effectively linear above ([P3] §4)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], ZERO.stroke_width(1)));
    let spread = |l: &MpcLayer, j: usize| {
        let w = l.neurons.len();
        let off = if w > 1 { 0.3 * (j as f64 / (w - 1) as f64 - 0.5) } else { 0.0 };
        (l.layer as f64 + off, l.neurons[j])
    };
    let small: Vec<(f64, f64)> = layers.iter().flat_map(|l| (0..l.neurons.len()).map(move |j| spread(l, j))).collect();
    chart
        .draw_series(small.into_iter().map(|q| Circle::new(q, 3, POSITIVE.mix(0.55).stroke_width(1))))
        .map_err(err)?
        .label("|ρ_j| of each neuron j (correlation of σ(p_j) with p_j on the data)")
        .legend(|(x, y)| Circle::new((x + 9, y), 3, POSITIVE.mix(0.55).stroke_width(1)));
    let big: Vec<(f64, f64)> = layers.iter().filter_map(|l| l.mpc.map(|m| (l.layer as f64, m))).collect();
    chart
        .draw_series(big.into_iter().map(|q| Circle::new(q, 6, ACCENT.filled())))
        .map_err(err)?
        .label("MPC of the layer (the least |ρ_j|)")
        .legend(|(x, y)| Circle::new((x + 9, y), 6, ACCENT.filled()));
    let undefined: Vec<(f64, f64)> =
        layers.iter().filter(|l| l.mpc.is_none()).map(|l| (l.layer as f64, least)).collect();
    if !undefined.is_empty() {
        chart
            .draw_series(undefined.into_iter().map(|q| Cross::new(q, 6, ZERO.stroke_width(2))))
            .map_err(err)?
            .label("layer where ρ is undefined for every neuron (all constant on the data)")
            .legend(|(x, y)| Cross::new((x + 9, y), 6, ZERO.stroke_width(2)));
    }
    // The values, above the marker; with more than three layers only the rounded value, so that neighbours do not overlap.
    let short = n > 3;
    let size = if n > 6 { 12 } else { 14 };
    for l in layers {
        let (y, text) = match l.mpc {
            Some(m) if short => (m, format!("{m:.4}")),
            Some(m) => (m, l.label.clone()),
            None => (least, if short { "undefined" } else { "ρ undefined" }.to_string()),
        };
        let mut lines = vec![text];
        if l.constant > 0 {
            lines.push(format!("{} constant", l.constant));
        }
        // Above the marker, unless that would put it across the threshold line just above.
        let below = y < 0.99 && 0.99 - y < (hi - lo) * 0.09;
        let vpos = if below { VPos::Top } else { VPos::Bottom };
        let step = size + 4;
        let first = if below { 12 } else { -12 - step * (lines.len() as i32 - 1) };
        let style = TextStyle::from((FONT, size).into_font()).pos(Pos::new(HPos::Center, vpos));
        for (k, line) in lines.into_iter().enumerate() {
            let at =
                EmptyElement::at((l.layer as f64, y)) + Text::new(line, (0, first + step * k as i32), style.clone());
            chart.draw_series(std::iter::once(at)).map_err(err)?;
        }
    }
    legend_and_present(&root, &mut chart, SeriesLabelPosition::LowerLeft, path)
}
