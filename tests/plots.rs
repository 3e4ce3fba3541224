//! `--plot FILE.svg` writes a readable picture: every SVG the commands write here is well-formed
//! XML with the expected title, axis labels and legend entries (`hessian` exact and f64,
//! `count --crossover`, `alpha-range`); a path not ending in `.svg` is a usage error.

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
    let file = scratch().join(name);
    let f = file.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck")).args(args).args(["--plot", f]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains(f), "the report names the plot");
    let text = std::fs::read_to_string(&file).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    text
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

#[test]
fn a_plot_path_that_is_not_svg_is_a_usage_error() {
    let o = Command::new(env!("CARGO_BIN_EXE_embedcheck"))
        .args(["count", "--crossover", "4", "--plot", "out.png"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".svg"));
}
