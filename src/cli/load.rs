//! Loading the `--net` and `--data` files every command shares, and turning evaluation errors
//! into located messages.

use super::args::{NetData, ObjectiveOpts};
use super::CliError;
use crate::data::Dataset;
use crate::io;
use crate::loss::{ExactLoss, Objective};
use crate::net::{EvalError, Network};
use crate::scalar::{Ring, Q};

/// A network and a data set read from the files named by `--net` and `--data`.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The `--net` path.
    pub net_path: String,
    /// The network.
    pub net: Network<Q>,
    /// The `--data` path.
    pub data_path: String,
    /// The data set (checked to fit the network).
    pub data: Dataset<Q>,
}

/// Reads `--net` and `--data` (any of the formats `network` and [`io::read_data_any`] take,
/// with `--activation`) and checks that the data fit the network, for a command whose result
/// does not depend on the loss (it reads the data through the inputs, or through the network's
/// outputs on them, never through R_S): a data file's `"loss"` key is accepted and plays no part.
/// Commands that evaluate R_S take `net_data_and_objective` instead.
///
/// # Errors
/// Exit code 2 (3 for oversized numbers) with the file and place.
pub fn net_and_data(args: &NetData) -> Result<Loaded, CliError> {
    Ok(read_net_and_data(args)?.0)
}

fn read_net_and_data(args: &NetData) -> Result<(Loaded, Option<crate::loss::Loss>), CliError> {
    let (net_path, data_path) = (args.net.clone(), args.data.clone());
    let net = network(args.activation.as_deref(), &net_path)?;
    let (data, loss) = io::read_data_any_and_loss(&data_path)?;
    data.check_fits(&net.params).map_err(|e| CliError::usage(format!("{data_path}: {e} (network {net_path})")))?;
    Ok((Loaded { net_path, net, data_path, data }, loss))
}

/// [`net_and_data`] for a command that takes a loss: the objective from `--loss` (else the data
/// file's `"loss"`, else ½-MSE) and `--weight-decay λ` (λ ≥ 0, default 0), with the targets
/// checked for the loss.
///
/// # Errors
/// Exit code 2 for a bad loss, a negative λ, or targets the loss is not defined for.
pub fn net_data_and_objective(args: &NetData, objective: &ObjectiveOpts) -> Result<(Loaded, Objective), CliError> {
    let flag = objective.loss.as_deref().map(|t| io::loss_from_text(t, "--loss")).transpose()?;
    let (loaded, from_file) = read_net_and_data(args)?;
    let loss = flag.or(from_file).unwrap_or_default();
    loss.check_targets(&loaded.data).map_err(|e| CliError::usage(format!("{}: {e}", loaded.data_path)))?;
    let weight_decay = objective.weight_decay.clone().unwrap_or_else(Q::zero);
    if weight_decay.signum() < 0 {
        return Err(CliError::usage(format!("--weight-decay: λ must be ≥ 0, not {}", weight_decay.to_canonical())));
    }
    Ok((loaded, Objective { loss, weight_decay }))
}

/// The exact loss of `objective` for a command whose statement is about critical points of R_S
/// itself (`certify`, `alpha-range`, `truly-bad`): weight decay is refused (the split embeddings
/// these commands rely on are not critical under it, `proofs/weight-decay-embeddings.md`), and so
/// is a float-only loss (the command works in exact arithmetic).
///
/// # Errors
/// Exit code 2 naming the option.
pub fn exact_loss_without_decay(objective: &Objective, command: &str) -> Result<ExactLoss, CliError> {
    if objective.weight_decay.signum() != 0 {
        return Err(CliError::usage(format!(
            "--weight-decay {}: `{command}` works with critical points of R_S without weight decay; under weight decay the split embedding is not critical (proofs/weight-decay-embeddings.md)",
            objective.weight_decay
        )));
    }
    objective.loss.as_exact().cloned().ok_or_else(|| {
        CliError::usage(format!(
            "--loss {}: `{command}` needs an exact loss (mse, poly, huber, squared_hinge); it works in exact rational arithmetic, which a loss with exp and log does not have here",
            objective.loss
        ))
    })
}

/// Reads the network at `path` (`.net.json`, `.safetensors` or `.npz`), with the activation of
/// the `--activation` option when it is given (contract JSON or a bare name such as `tanh`).
///
/// # Errors
/// Exit code 2 (3 for oversized numbers) with the file and place.
pub fn network(activation: Option<&str>, path: &str) -> Result<Network<Q>, CliError> {
    let activation = match activation {
        Some(text) => Some(io::tensors::activation_from_text(text, "--activation")?),
        None => None,
    };
    Ok(io::read_network_as(path, activation.as_ref())?)
}

/// A located message for an evaluation error of `loaded`.
pub fn eval_error(loaded: &Loaded, e: EvalError) -> CliError {
    match e {
        EvalError::Pole(site) => CliError::usage(format!(
            "{}: the rational activation's denominator vanishes at the pre-activation of {site} (data {})",
            loaded.net_path, loaded.data_path
        )),
        EvalError::Shape(s) => CliError::usage(format!("{}: {s} (network {})", loaded.data_path, loaded.net_path)),
        EvalError::FloatOnly(f) => CliError::usage(format!("{}: {f}", loaded.net_path)),
    }
}
