//! `embedcheck mpc --net N --data D [--json] [--plot FILE.svg]`: layer linearization by \[P3\]'s Eq. 1 for every
//! hidden layer: exactly as ρ² over Q for exact activations (MPC > 0.99 decided as
//! ρ² > 9801/10000), in f64 for tanh, sigmoid and softplus. Neurons constant on the data (ρ
//! undefined) are listed.

use super::args::MpcArgs;
use super::load::{eval_error, net_and_data};
use super::plot::MpcLayer;
use super::CliError;
use crate::depth::mpc::{mpc, threshold_rho2, LayerMpc, NeuronMpc};
use serde_json::{json, Value};

/// Runs `mpc`.
///
/// # Errors
/// Exit code 2 for bad usage or input.
pub fn run(args: &MpcArgs) -> Result<i32, CliError> {
    let as_json = args.json;
    if let Some(p) = &args.plot {
        super::plot::check_path(p)?;
    }
    let loaded = net_and_data(&args.input)?;
    let exact = loaded.net.activation.is_exact();
    let (rows, pictured): (Vec<Value>, Vec<MpcLayer>) = match loaded.net.activation.exact() {
        Ok(act) => {
            let layers = mpc(&loaded.net.params, act, loaded.data.inputs()).map_err(|e| eval_error(&loaded, e))?;
            let label = |l: &LayerMpc<crate::scalar::Q>| {
                l.min_rho2.as_ref().map_or(String::new(), |r| {
                    let (frac, m) = (r.to_canonical(), r.to_f64().sqrt());
                    if frac.len() <= 15 {
                        format!("MPC ≈ {m:.5} (MPC² = {frac})")
                    } else {
                        format!("MPC ≈ {m:.5} (MPC² exact)")
                    }
                })
            };
            (
                layers.iter().map(exact_row).collect(),
                layers.iter().map(|l| picture(l, label(l), |r| r.to_f64())).collect(),
            )
        }
        Err(_) => {
            let params = loaded.net.params.map(crate::scalar::Q::to_f64);
            let inputs: Vec<Vec<f64>> =
                loaded.data.inputs().iter().map(|x| x.iter().map(|v| v.to_f64()).collect()).collect();
            let layers = mpc(&params, &loaded.net.activation, &inputs).map_err(|e| eval_error(&loaded, e))?;
            let label = |l: &LayerMpc<f64>| l.min_rho2.map_or(String::new(), |r| format!("MPC ≈ {:.5}", r.sqrt()));
            (layers.iter().map(float_row).collect(), layers.iter().map(|l| picture(l, label(l), |r| *r)).collect())
        }
    };
    if let Some(path) = &args.plot {
        let file = loaded.net_path.rsplit('/').next().unwrap_or(&loaded.net_path);
        super::plot::plot_mpc(&pictured, file, exact, path)?;
    }
    if as_json {
        super::output::print_json(&json!({ "layers": rows, "plot": args.plot }));
    } else {
        println!("MPC per hidden layer ([P3] Eq. 1; effectively linear means MPC > 0.99, i.e. rho^2 > 9801/10000):");
        for r in &rows {
            println!(
                "  layer {}: MPC^2 = {}, MPC ~ {}, effectively linear: {}, constant neurons (rho undefined): {}",
                r["layer"], r["mpc_squared"], r["mpc"], r["effectively_linear"], r["constant_neurons"]
            );
        }
        if let Some(path) = &args.plot {
            println!("plot: {path} (MPC and every neuron's |rho| per hidden layer, the threshold 0.99 marked)");
        }
    }
    Ok(0)
}

/// A layer for the picture: ρ² (exact or f64) converted to |ρ| in f64 for drawing only.
fn picture<S>(l: &LayerMpc<S>, label: String, to_f64: impl Fn(&S) -> f64) -> MpcLayer {
    let neurons = l
        .neurons
        .iter()
        .filter_map(|r| match r {
            NeuronMpc::Rho2(v) => Some(to_f64(v).sqrt()),
            _ => None,
        })
        .collect();
    MpcLayer {
        layer: l.layer,
        mpc: l.min_rho2.as_ref().map(|r| to_f64(r).sqrt()),
        neurons,
        constant: l.constant.len(),
        label,
    }
}

fn exact_row(l: &LayerMpc<crate::scalar::Q>) -> Value {
    json!({
        "layer": l.layer,
        "exact": true,
        "mpc_squared": l.min_rho2.as_ref().map(|r| r.to_canonical()),
        "mpc": l.min_rho2.as_ref().map(|r| r.to_f64().sqrt()),
        "effectively_linear": l.effectively_linear(),
        "threshold_squared": threshold_rho2().to_canonical(),
        "constant_neurons": l.constant,
    })
}

fn float_row(l: &LayerMpc<f64>) -> Value {
    json!({
        "layer": l.layer,
        "exact": false,
        "mpc_squared": l.min_rho2,
        "mpc": l.min_rho2.map(f64::sqrt),
        "effectively_linear": l.min_rho2.map(|r| r > 0.9801),
        "constant_neurons": l.constant,
    })
}
