//! `embedcheck mpc --net N --data D [--json]`: layer linearization by \[P3\]'s Eq. 1 for every
//! hidden layer: exactly as ρ² over Q for exact activations (MPC > 0.99 decided as
//! ρ² > 9801/10000), in f64 for tanh, sigmoid and softplus. Neurons constant on the data (ρ
//! undefined) are listed.

use super::args::MpcArgs;
use super::load::{eval_error, net_and_data_any_loss};
use super::CliError;
use crate::depth::mpc::{mpc, threshold_rho2, LayerMpc};
use serde_json::{json, Value};

/// Runs `mpc`.
///
/// # Errors
/// Exit code 2 for bad usage or input.
pub fn run(args: &MpcArgs) -> Result<i32, CliError> {
    let as_json = args.json;
    let loaded = net_and_data_any_loss(&args.input)?;
    let rows: Vec<Value> = match loaded.net.activation.exact() {
        Ok(act) => {
            let layers = mpc(&loaded.net.params, act, loaded.data.inputs()).map_err(|e| eval_error(&loaded, e))?;
            layers.iter().map(exact_row).collect()
        }
        Err(_) => {
            let params = loaded.net.params.map(crate::scalar::Q::to_f64);
            let inputs: Vec<Vec<f64>> =
                loaded.data.inputs().iter().map(|x| x.iter().map(|v| v.to_f64()).collect()).collect();
            let layers = mpc(&params, &loaded.net.activation, &inputs).map_err(|e| eval_error(&loaded, e))?;
            layers.iter().map(float_row).collect()
        }
    };
    if as_json {
        println!("{}", serde_json::to_string_pretty(&json!({ "layers": rows })).expect("JSON"));
    } else {
        println!("MPC per hidden layer ([P3] Eq. 1; effectively linear means MPC > 0.99, i.e. rho^2 > 9801/10000):");
        for r in &rows {
            println!(
                "  layer {}: MPC^2 = {}, MPC ~ {}, effectively linear: {}, constant neurons (rho undefined): {}",
                r["layer"], r["mpc_squared"], r["mpc"], r["effectively_linear"], r["constant_neurons"]
            );
        }
    }
    Ok(0)
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
