//! `embedcheck merge --net N --data D --layer k [--out F]`: the merge map Ψ (spec width-depth
//! §3.2 item 4): merges hidden layer k into layer k+1 when it is affine on the data.

use super::args::MergeArgs;
use super::lift::emit;
use super::load::net_and_data;
use super::CliError;
use crate::depth::{merge, LiftError};
use crate::net::Network;

/// Runs `merge`.
///
/// # Errors
/// Exit code 2 for bad usage or input (k not a hidden layer). A layer that is not affine on the
/// data is refused with exit code 1, naming the neuron and the sample.
pub fn run(args: &MergeArgs) -> Result<i32, CliError> {
    let (k, out) = (args.layer as usize, args.out.clone());
    let loaded = net_and_data(&args.input)?;
    let act = loaded.net.activation.exact().map_err(|e| {
        CliError::usage(format!("{}: {e}; exact merging needs an activation with an affine segment", loaded.net_path))
    })?;
    let merged = match merge(&loaded.net.params, act, &loaded.data, k) {
        Ok(m) => m,
        Err(e @ LiftError::NotAffine { .. }) => {
            eprintln!("embedcheck merge: refused: {}: {e} (data {})", loaded.net_path, loaded.data_path);
            return Ok(1);
        }
        Err(e) => return Err(CliError::usage(format!("{}: {e}", loaded.net_path))),
    };
    let shallow = Network { activation: loaded.net.activation.clone(), params: merged.params };
    let w: Vec<String> = shallow.params.widths().iter().map(usize::to_string).collect();
    let summary = format!(
        "merged layer {k} into layer {} (checked exactly: every neuron of layer {k} is affine on all {} samples): widths ({})",
        k + 1,
        loaded.data.len(),
        w.join(", ")
    );
    emit(out, &shallow, &summary)?;
    Ok(0)
}
