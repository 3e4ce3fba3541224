//! `--plot FILE.svg` writes a readable picture: every SVG the commands write here is well-formed
//! XML with the expected title, axis labels and legend entries (`hessian` exact and f64,
//! `count --crossover`, `alpha-range`, `mpc`, `linear`, float `lift`), with one marker per plotted
//! value where that can be counted; a path not ending in `.svg` is a usage error.

use std::path::PathBuf;
use std::process::Command;

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("embedcheck-plots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs embedcheck with `args` and `--plot FILE`, expects exit 0, and returns the SVG's text
/// after checking it parses as XML with an `<svg>` root.
fn plot(name: &str, args: &[&str]) -> String {
    plot_and_report(name, args).0
}

/// As [`plot`], also returning the report on stdout.
fn plot_and_report(name: &str, args: &[&str]) -> (String, String) {
    let file = scratch().join(name);
    let f = file.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).args(["--plot", f]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(stdout.contains(f), "the report names the plot");
    let text = std::fs::read_to_string(&file).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    (text, stdout)
}

/// A numeric attribute of an element.
fn num(n: &roxmltree::Node, attr: &str) -> f64 {
    n.attribute(attr).unwrap_or_else(|| panic!("no {attr}")).parse().unwrap()
}

/// The centres (cx, cy) of the `<circle>`s of radius `r` whose fill (or, for open markers, stroke)
/// is `colour`.
fn circles(svg: &str, r: &str, colour: &str) -> Vec<(f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("circle") && n.attribute("r") == Some(r))
        .filter(|n| n.attribute("fill") == Some(colour) || n.attribute("stroke") == Some(colour))
        .map(|n| (num(&n, "cx"), num(&n, "cy")))
        .collect()
}

/// The points of every `<polyline>` drawn with `stroke` and `stroke-width`.
fn polylines(svg: &str, stroke: &str, width: &str) -> Vec<Vec<(f64, f64)>> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter(|n| n.attribute("stroke") == Some(stroke) && n.attribute("stroke-width") == Some(width))
        .map(|n| {
            n.attribute("points")
                .unwrap()
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect()
        })
        .collect()
}

/// The y of the polyline `line` at x (linear interpolation), if x is within its x range.
fn y_at(line: &[(f64, f64)], x: f64) -> Option<f64> {
    line.windows(2).find(|w| w[0].0 <= x && x <= w[1].0).map(|w| {
        let (a, b) = (w[0], w[1]);
        if b.0 == a.0 {
            a.1
        } else {
            a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)
        }
    })
}

/// The text of every `<text>` element.
fn texts(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect::<Vec<_>>().join("\n")
}

fn has_all(svg: &str, wanted: &[&str]) {
    let t = texts(svg);
    for w in wanted {
        assert!(t.contains(w), "missing `{w}` in the SVG texts:\n{t}");
    }
}

#[test]
fn hessian_plot_shows_the_sorted_spectrum_the_exact_inertia_and_the_zero_band() {
    let svg = plot(
        "hessian.svg",
        &["hessian", "--net", "examples/nets/ex_c.net.json", "--data", "examples/nets/ex_c.data.json"],
    );
    has_all(
        &svg,
        &[
            "Hessian eigenvalues of ex_c.net.json",
            "checked exactly",
            "eigenvalue index",
            "symlog",
            "f64 zero band",
            "positive: n+ =",
        ],
    );
}

#[test]
fn hessian_plot_on_the_float_path_says_within_tolerance() {
    let svg = plot(
        "hessian_f64.svg",
        &["hessian", "--float", "--net", "examples/nets/ex_c.net.json", "--data", "examples/nets/ex_c.data.json"],
    );
    has_all(&svg, &["within tolerance", "f64 zero band"]);
}

#[test]
fn count_plot_shows_t_and_g_against_h_with_the_crossover() {
    let svg = plot("count.svg", &["count", "--crossover", "6"]);
    has_all(&svg, &["r* = 6", "T(r*, r*+h)", "G(r*−1, r*+h)", "first h with T > G", "h (the wide width"]);
}

#[test]
fn alpha_range_plot_shows_the_predicted_inertia_per_piece() {
    let svg = plot(
        "alpha.svg",
        &[
            "alpha-range",
            "--net",
            "examples/nets/ex_c.net.json",
            "--data",
            "examples/nets/ex_c.data.json",
            "--neuron",
            "1",
        ],
    );
    has_all(&svg, &["Predicted inertia", "α (the split", "n− (negative)", "n+ (positive)"]);
}

/// Colours of the figures (src/cli/plot/mod.rs): positive/neuron blue, accent orange, negative red.
const BLUE: &str = "#1F77B4";
const ORANGE: &str = "#FF7F0E";
const RED: &str = "#D62728";

#[test]
fn mpc_plot_has_one_marker_per_hidden_layer_and_one_per_neuron() {
    // lift_q1: two hidden layers of width 2; layer 1 has MPC² = 2527/3492, layer 2 is the
    // inserted affine layer with MPC = 1 exactly.
    let (svg, report) = plot_and_report(
        "mpc.svg",
        &[
            "mpc",
            "--json",
            "--net",
            "examples/depth_ex_f/lift_q1.net.json",
            "--data",
            "examples/depth_ex_f/ex_f.data.json",
        ],
    );
    let layers = serde_json::from_str::<serde_json::Value>(&report).unwrap()["layers"].as_array().unwrap().len();
    assert_eq!(layers, 2);
    has_all(
        &svg,
        &[
            "Layer linearization MPC",
            "checked exactly",
            "hidden layer l",
            "threshold 0.99",
            "MPC² = 2527/3492",
            "MPC² = 1",
        ],
    );
    // One filled marker per layer plus the legend's; one open marker per neuron plus the legend's.
    assert_eq!(circles(&svg, "6", ORANGE).len(), layers + 1);
    assert_eq!(circles(&svg, "3", BLUE).len(), 4 + 1);
    // Layer 2's marker (MPC = 1) is drawn above layer 1's (MPC ≈ 0.85): SVG y grows downwards.
    // The legend sits at the left edge, so the two rightmost markers are layers 1 and 2.
    let mut marks = circles(&svg, "6", ORANGE);
    marks.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (one, two) = (marks[1], marks[2]);
    assert!(two.1 < one.1, "MPC = 1 above MPC ≈ 0.85: {marks:?}");
}

#[test]
fn mpc_plot_on_a_float_net_says_f64() {
    let svg = plot(
        "mpc_tanh.svg",
        &["mpc", "--net", "examples/depth_float/tanh.net.json", "--data", "examples/depth_float/tanh.data.json"],
    );
    has_all(&svg, &["computed in f64", "MPC ≈ 0.97206"]);
    assert_eq!(circles(&svg, "6", ORANGE).len(), 1 + 1);
}

#[test]
fn linear_plot_marks_every_candidate_on_the_reduced_loss_with_the_global_minimum_lowest() {
    // Two hidden layers (README): candidates b = 0 (a bad minimum), b ≈ 0.2034 (saddle) and
    // b ≈ 0.7109 (the global minimum).
    let (svg, report) = plot_and_report(
        "linear.svg",
        &[
            "linear",
            "--json",
            "--widths",
            "2,4,1,1",
            "--data",
            "examples/linear/b5.data.json",
            "--gamma",
            "1",
            "--s2",
            "4",
        ],
    );
    let candidates =
        serde_json::from_str::<serde_json::Value>(&report).unwrap()["candidates"].as_array().unwrap().len();
    assert_eq!(candidates, 3);
    has_all(
        &svg,
        &[
            "Reduced loss ℓ(b) = L(θ(b))",
            "checked exactly",
            "scale b of the balanced rank-one point",
            "L(0) = E[y²] = 30",
            "global minimum of L",
            "saddle of L",
            "strict local minimum of L, not global",
            "[0] b = 0, L = 30",
            "[1] b ≈ 0.203425",
            "[2] b ≈ 0.710945",
        ],
    );
    let curve = polylines(&svg, "#000000", "2");
    assert_eq!(curve.len(), 2, "the curve and its legend sample");
    let curve = curve.into_iter().max_by_key(|c| c.len()).unwrap();
    assert_eq!(curve.len(), 161, "161 grid points");
    // Every candidate's marker sits on the curve (within 3 px), and no legend marker does.
    let marks: Vec<(f64, f64)> = [ORANGE, RED, BLUE].iter().flat_map(|c| circles(&svg, "6", c)).collect();
    let on_curve: Vec<&(f64, f64)> =
        marks.iter().filter(|m| y_at(&curve, m.0).is_some_and(|y| (y - m.1).abs() <= 3.0)).collect();
    assert_eq!(on_curve.len(), candidates, "{marks:?}");
    // The global minimum is the lowest point of the curve (largest SVG y).
    let lowest = curve.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let global = circles(&svg, "6", ORANGE).into_iter().find(|m| y_at(&curve, m.0).is_some()).unwrap();
    assert!((global.1 - lowest).abs() <= 2.0, "global minimum at y = {}, curve lowest at {lowest}", global.1);
}

#[test]
fn float_lift_plot_has_one_change_and_one_bound_per_scale_with_the_change_under_the_bound() {
    let out = scratch().join("lift_deep.net.json");
    let svg = plot(
        "lift.svg",
        &[
            "lift",
            "--net",
            "examples/depth_float/tanh.net.json",
            "--data",
            "examples/depth_float/tanh.data.json",
            "--after-layer",
            "1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    has_all(
        &svg,
        &[
            "Float lifting of tanh.net.json",
            "within tolerance",
            "scale c",
            "derived bound",
            "observed",
            "chosen c = 2⁻¹⁰",
            "2⁻¹⁴",
        ],
    );
    // c = 2⁻¹, …, 2⁻¹⁴: 14 observed changes (circles) and 14 bounds (triangles).
    let observed = circles(&svg, "4", BLUE);
    assert_eq!(observed.len(), 14);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bounds: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon") && n.attribute("fill") == Some(RED))
        .map(|n| {
            let pts: Vec<(f64, f64)> = n
                .attribute("points")
                .unwrap()
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            (pts.iter().map(|p| p.0).sum::<f64>() / 3.0, pts.iter().map(|p| p.1).sum::<f64>() / 3.0)
        })
        .collect();
    assert_eq!(bounds.len(), 14);
    // At every c the observed change is drawn below its bound (larger SVG y).
    for o in &observed {
        let b = bounds.iter().find(|b| (b.0 - o.0).abs() < 3.0).unwrap_or_else(|| panic!("no bound at x = {}", o.0));
        assert!(o.1 > b.1, "observed {o:?} not below bound {b:?}");
    }
}

#[test]
fn plots_that_do_not_apply_are_usage_errors() {
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).output().unwrap();
    // An exact lift changes no output: nothing to draw against c.
    let o = run(&[
        "lift",
        "--net",
        "examples/depth_ex_f/narrow.net.json",
        "--data",
        "examples/depth_ex_f/ex_f.data.json",
        "--after-layer",
        "1",
        "--plot",
        "x.svg",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("exact"));
    let o = run(&[
        "linear",
        "--widths",
        "2,4,1",
        "--data",
        "examples/linear/b5.data.json",
        "--gamma",
        "3",
        "--s2",
        "4",
        "--point",
        "examples/linear/b5_row1.point.json",
        "--plot",
        "x.svg",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--point"));
}

#[test]
fn a_plot_path_that_is_not_svg_is_a_usage_error() {
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["count", "--crossover", "4", "--plot", "out.png"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".svg"));
}
