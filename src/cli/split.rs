//! `embedcheck split --net N --layer l --neuron s --alpha a [--out F]` and
//! `embedcheck null --net N --layer l [--beta b] [--out F]`: write the embedded network
//! (T^α_{l,s} θ of \[P1\] Def. 5, or T^β_{l,0} θ of \[P2\] Def. 4.3) in the contract's network format.
//! Layers and neurons are 1-based as in the papers; the new neuron is appended last.

use super::args::{NullArgs, SplitArgs};
use super::CliError;
use crate::embed::{Null, Shape, Split};
use crate::io::network_to_json;
use crate::net::Network;
use crate::scalar::{Ring, Q};

fn write(net: &Network<Q>, out: Option<String>) -> Result<i32, CliError> {
    let text = serde_json::to_string_pretty(&network_to_json(net)).expect("JSON") + "\n";
    match out {
        None => print!("{text}"),
        Some(path) => crate::io::write_network_as(&path, net)?,
    }
    Ok(0)
}

/// Runs `split`.
///
/// # Errors
/// Exit code 2 for bad usage, a bad file, or an index out of range (the message names the range).
pub fn run_split(args: &SplitArgs) -> Result<i32, CliError> {
    let (path, layer, neuron, alpha, out) = (&args.net, args.layer, args.neuron, args.alpha.clone(), args.out.clone());
    let net = super::load::network(args.activation.as_deref(), path)?;
    let shape = Shape::of(&net.params);
    // Neuron 0 is out of range in the 1-based numbering; map it past the end so the error names the range.
    let s = neuron.checked_sub(1).unwrap_or(usize::MAX);
    let split = Split::new(&shape, layer, s, alpha).map_err(|e| {
        let msg = if neuron == 0 {
            format!("layer {layer}, neuron 0: neurons are numbered from 1 ({e})")
        } else {
            e.to_string()
        };
        CliError::usage(format!("{path}: {msg}"))
    })?;
    let params = split.apply(&net.params).map_err(|e| CliError::usage(e.to_string()))?;
    write(&Network { activation: net.activation, params }, out)
}

/// Runs `null`.
///
/// # Errors
/// Exit code 2 for bad usage, a bad file, a layer out of range or a layer without bias.
pub fn run_null(args: &NullArgs) -> Result<i32, CliError> {
    let (path, layer, out) = (&args.net, args.layer, args.out.clone());
    let beta = args.beta.clone().unwrap_or_else(Q::zero);
    let net = super::load::network(args.activation.as_deref(), path)?;
    let null = Null::new(&Shape::of(&net.params), layer, beta).map_err(|e| CliError::usage(format!("{path}: {e}")))?;
    let params = null.apply(&net.params).map_err(|e| CliError::usage(e.to_string()))?;
    write(&Network { activation: net.activation, params }, out)
}
