//! `embedcheck count [T|T1|G|G0|all] --r R --m M [--json]`, `--table R_MAX M_MAX`,
//! `--crossover R*`: the counts of Şimşek et al. (ICML 2021), symmetry spec A.4, exact with big
//! integers. Every value is computed by two closed forms, which must agree (exit 1 otherwise).

use super::args::CountArgs;
use super::CliError;
use crate::symmetry::{crossover, Count, Counts};
use serde_json::{json, Map, Value};

/// Largest m accepted (the Stirling table has (m+2)²/2 big integers).
const M_LIMIT: usize = 400;
/// Largest r* accepted by `--crossover` (rows of length ≈ 1.3 r* are kept).
const R_STAR_LIMIT: usize = 1000;

/// Runs `count`.
///
/// # Errors
/// Exit code 2 for bad usage, 3 past the size limits.
pub fn run(args: &CountArgs) -> Result<i32, CliError> {
    let (as_json, r, m, table, cross, h_max) = (args.json, args.r, args.m, args.table, args.crossover, args.h_max);
    let positionals = args.positionals.clone();
    let mut kinds: Vec<Count> = Vec::new();
    let mut numbers = Vec::new();
    for p in &positionals {
        if p.eq_ignore_ascii_case("all") {
            kinds.extend(Count::ALL);
        } else if let Some(c) = Count::parse(p) {
            kinds.push(c);
        } else if let Ok(n) = p.parse::<usize>() {
            numbers.push(n);
        } else {
            return Err(CliError::usage(format!("unexpected argument `{p}` (expected T, T1, G, G0 or all)")));
        }
    }
    if kinds.is_empty() {
        kinds = Count::ALL.to_vec();
    }
    kinds.dedup();
    if let Some(p) = &args.plot {
        if cross.is_none() {
            return Err(CliError::usage("--plot draws the crossover: give --crossover R* with it"));
        }
        super::plot::check_path(p)?;
    }
    if let Some(rs) = cross {
        return run_crossover(rs as usize, h_max.map(|h| h as usize), as_json, args.plot.as_deref());
    }
    if let Some(r_max) = table {
        let [m_max] = numbers[..] else {
            return Err(CliError::usage("--table needs two values: --table R_MAX M_MAX"));
        };
        return run_table(r_max as usize, m_max, &kinds, as_json);
    }
    if !numbers.is_empty() {
        return Err(CliError::usage(format!("unexpected argument `{}`", numbers[0])));
    }
    let (Some(r), Some(m)) = (r, m) else {
        return Err(CliError::usage("count needs --r R --m M (or --table R_MAX M_MAX, or --crossover R*)"));
    };
    let (r, m) = (r as usize, m as usize);
    if r == 0 || m < r {
        return Err(CliError::usage(format!("need 1 ≤ r ≤ m, got r = {r}, m = {m}")));
    }
    limit(m)?;
    let counts = Counts::up_to(m);
    let mut agree = true;
    let mut obj = Map::new();
    for &k in &kinds {
        let (a, b) = (counts.get(k, r, m), counts.get_second(k, r, m));
        agree &= a == b;
        obj.insert(k.name().to_string(), Value::String(a.to_string()));
        if !as_json {
            println!("{}({r}, {m}) = {a}    {}", k.name(), k.meaning());
        }
    }
    if as_json {
        let out = json!({"r": r, "m": m, "counts": obj, "formulas_agree": agree, "evidence": "checked exactly"});
        super::output::print_json(&out);
    } else {
        println!(
            "two closed forms per count (spec A.4): {} (checked exactly, big integers)",
            if agree { "agree" } else { "DISAGREE" }
        );
    }
    Ok(if agree { 0 } else { 1 })
}

fn limit(m: usize) -> Result<(), CliError> {
    if m > M_LIMIT {
        return Err(CliError::limit(format!("m = {m} is past the limit {M_LIMIT} of this command")));
    }
    Ok(())
}

fn run_table(r_max: usize, m_max: usize, kinds: &[Count], as_json: bool) -> Result<i32, CliError> {
    limit(m_max)?;
    let counts = Counts::up_to(m_max);
    let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
    let mut agree = true;
    let mut rows = Vec::new();
    let mut cell_text = Vec::new();
    for r in 1..=r_max {
        let mut row = Vec::new();
        let mut text = Vec::new();
        for m in 1..=m_max {
            if m < r {
                row.push(Value::Null);
                text.push("-".to_string());
                continue;
            }
            let vals: Vec<String> = kinds
                .iter()
                .map(|&k| {
                    let a = counts.get(k, r, m);
                    agree &= a == counts.get_second(k, r, m);
                    a.to_string()
                })
                .collect();
            text.push(vals.join("/"));
            row.push(Value::Object(
                names.iter().map(|n| n.to_string()).zip(vals.into_iter().map(Value::String)).collect(),
            ));
        }
        rows.push(Value::Array(row));
        cell_text.push(text);
    }
    if as_json {
        let out = json!({"r_max": r_max, "m_max": m_max, "counts": names, "rows": rows, "formulas_agree": agree});
        super::output::print_json(&out);
        return Ok(if agree { 0 } else { 1 });
    }
    let widths: Vec<usize> =
        (0..m_max).map(|c| cell_text.iter().map(|row| row[c].len()).max().unwrap_or(1).max(2)).collect();
    println!("cell = {} (rows r = 1..{r_max}, columns m = 1..{m_max})", names.join(" / "));
    print!("{:>4}", "r\\m");
    for (c, w) in widths.iter().enumerate() {
        print!(" {:>w$}", c + 1);
    }
    println!();
    for (ri, text) in cell_text.iter().enumerate() {
        print!("{:>4}", ri + 1);
        for (t, w) in text.iter().zip(&widths) {
            print!(" {t:>w$}");
        }
        println!();
    }
    println!("two closed forms per count: {} (checked exactly)", if agree { "agree" } else { "DISAGREE" });
    Ok(if agree { 0 } else { 1 })
}

fn run_crossover(r_star: usize, h_max: Option<usize>, as_json: bool, plot: Option<&str>) -> Result<i32, CliError> {
    if r_star < 2 {
        return Err(CliError::usage("--crossover needs r* ≥ 2 (G(r*−1, m) compares against a narrower net)"));
    }
    if r_star > R_STAR_LIMIT {
        return Err(CliError::limit(format!("r* = {r_star} is past the limit {R_STAR_LIMIT}")));
    }
    let h_max = h_max.unwrap_or(r_star + 10);
    let (t, t1) = (crossover(r_star, h_max, false), crossover(r_star, h_max, true));
    if let Some(path) = plot {
        let counts = Counts::up_to(r_star + h_max);
        let lg = |c: Count, r: usize, m: usize| log10(&counts.get(c, r, m));
        let rows = (1..=h_max)
            .map(|h| {
                (
                    h,
                    lg(Count::T, r_star, r_star + h),
                    lg(Count::T1, r_star, r_star + h),
                    lg(Count::G, r_star - 1, r_star + h),
                )
            })
            .collect();
        let p = super::plot::CrossoverPlot { r_star, rows, first: (t, t1) };
        super::plot::plot_crossover(&p, path)?;
    }
    let show = |h: Option<usize>| h.map_or(format!("none for h ≤ {h_max}"), |h| h.to_string());
    if as_json {
        let out = json!({"r_star": r_star, "h_max": h_max, "first_h_T_exceeds_G": t, "first_h_T1_exceeds_G": t1, "plot": plot});
        super::output::print_json(&out);
    } else {
        println!("r* = {r_star}: first h with T(r*, r*+h) > G(r*−1, r*+h): {}", show(t));
        println!("r* = {r_star}: first h with T1(r*, r*+h) > G(r*−1, r*+h): {}", show(t1));
        println!("(G dominates for smaller h; spec A.4; checked exactly with big integers)");
        if let Some(path) = plot {
            println!("plot: {path} (log10 of T, T1 and G against h, the crossovers marked)");
        }
    }
    Ok(0)
}

/// log₁₀ of a positive big integer, for drawing only (about 15 correct digits).
fn log10(z: &crate::scalar::Z) -> f64 {
    let shift = z.bits().saturating_sub(64) as i64;
    z.to_f64_scaled(-shift).log10() + shift as f64 * std::f64::consts::LOG10_2
}
