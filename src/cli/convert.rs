//! `embedcheck convert --net IN [--data D] --out OUT [--data-out F] [--activation A]
//! [--rationalize EPS]`: a network (and data) between `.net.json`, `.safetensors` and `.npz`, in
//! any direction (contract, "Weights and data from other tools").
//!
//! Reading is exact (a double is the dyadic rational it is). Writing a tensor file rounds each
//! value to the nearest double, and the report says how many values that changed and by how
//! much. `--rationalize EPS` first replaces each value by the simplest rational within relative
//! distance EPS ([`crate::scalar::rationalize`]) and reports the largest change.

use super::args::ConvertArgs;
use super::load::network;
use super::CliError;
use crate::data::Dataset;
use crate::io::{self, tensors::TensorFormat};
use crate::net::{Network, Params};
use crate::scalar::{f64_nearest, q_from_f64, rationalize, Ring, Q};

/// The largest change of a map over values: (absolute change, relative change, flat index).
#[derive(Default)]
struct Change {
    changed: usize,
    worst: Option<(Q, usize)>,
}

impl Change {
    fn record(&mut self, k: usize, before: &Q, after: &Q) {
        if before == after {
            return;
        }
        self.changed += 1;
        let d = after.sub(before).abs();
        if self.worst.as_ref().is_none_or(|(w, _)| d > *w) {
            self.worst = Some((d, k));
        }
    }
}

fn map_params(p: &Params<Q>, f: impl Fn(&Q) -> Q, change: &mut Change) -> Params<Q> {
    let flat = p.flatten();
    let mapped: Vec<Q> = flat.iter().map(&f).collect();
    for (k, (a, b)) in flat.iter().zip(&mapped).enumerate() {
        change.record(k, a, b);
    }
    p.with_flat(&mapped)
}

fn map_data(d: &Dataset<Q>, f: impl Fn(&Q) -> Q, change: &mut Change) -> Dataset<Q> {
    let mut k = 0;
    let mut rows = |rs: &[Vec<Q>]| -> Vec<Vec<Q>> {
        rs.iter()
            .map(|r| {
                r.iter()
                    .map(|v| {
                        let w = f(v);
                        change.record(k, v, &w);
                        k += 1;
                        w
                    })
                    .collect()
            })
            .collect()
    };
    let (x, y) = (rows(d.inputs()), rows(d.targets()));
    Dataset::new(x, y).expect("same shapes")
}

/// The data file next to `out`: `m.npz` → `m.data.npz`, `m.net.json` → `m.data.json`.
fn data_path_for(out: &str) -> String {
    for (suffix, repl) in
        [(".net.json", ".data.json"), (".safetensors", ".data.npz"), (".npz", ".data.npz"), (".json", ".data.json")]
    {
        if let Some(stem) = out.strip_suffix(suffix) {
            return format!("{stem}{repl}");
        }
    }
    format!("{out}.data.json")
}

/// Runs `convert`.
///
/// # Errors
/// Exit code 2 for bad usage or input (naming the file and place).
pub fn run(args: &ConvertArgs) -> Result<i32, CliError> {
    let (net_path, data_path, out) = (args.net.clone(), args.data.clone(), args.out.clone());
    let (data_out, eps) = (args.data_out.clone(), args.rationalize.clone());
    let net = network(args.activation.as_deref(), &net_path)?;
    if let Some(e) = &eps {
        if e.signum() < 0 {
            return Err(CliError::usage("--rationalize: EPS must be ≥ 0 (a relative distance)"));
        }
    }
    let data = data_path.as_ref().map(|p| io::read_data_any(p)).transpose()?;
    if let Some(d) = &data {
        d.check_fits(&net.params).map_err(|e| {
            CliError::usage(format!("{}: {e} (network {net_path})", data_path.as_deref().unwrap_or("")))
        })?;
    }
    let mut net = net;
    let mut data = data;
    if let Some(e) = &eps {
        let (mut cn, mut cd) = (Change::default(), Change::default());
        net = Network {
            activation: net.activation.clone(),
            params: map_params(&net.params, |v| rationalize(v, e), &mut cn),
        };
        data = data.map(|d| map_data(&d, |v| rationalize(v, e), &mut cd));
        report("rationalized", &net.params, &cn, "network");
        if data.is_some() {
            report("rationalized", &net.params, &cd, "data");
        }
    }
    let rounded = |v: &Q| q_from_f64(f64_nearest(v)).unwrap_or_else(|| v.clone());
    let data_out = data.as_ref().map(|_| data_out.unwrap_or_else(|| data_path_for(&out)));
    if TensorFormat::of_path(&out).is_some() {
        let mut c = Change::default();
        map_params(&net.params, rounded, &mut c);
        report("rounded to the nearest double on writing", &net.params, &c, "network");
    }
    io::write_network_as(&out, &net)?;
    println!("wrote {out}");
    if let (Some(d), Some(path)) = (&data, &data_out) {
        if TensorFormat::of_path(path).is_some() {
            let mut c = Change::default();
            map_data(d, rounded, &mut c);
            report("rounded to the nearest double on writing", &net.params, &c, "data");
        }
        io::write_data_as(path, d)?;
        println!("wrote {path}");
    }
    Ok(0)
}

fn report(what: &str, params: &Params<Q>, c: &Change, of: &str) {
    match &c.worst {
        None => println!("{of}: no value changed when {what}"),
        Some((d, k)) => {
            let place = if of == "network" {
                params.locate(*k).map_or(format!("parameter {}", k + 1), |s| s.to_string())
            } else {
                format!("value {}", k + 1)
            };
            println!("{of}: {} value(s) {what}; largest change {} (about {:.3e}) at {place}", c.changed, d, d.to_f64());
        }
    }
}
