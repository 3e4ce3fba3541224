//! `embedcheck lift --net N --data D --after-layer q [--width m] [--construction identity|lemma]
//! [--out F]`: a one-layer critical lifting of the network (\[P3\] Def. 3; spec width-depth §3.1),
//! validated exactly as a member of T_S(θ), written as a network file.

use super::load::net_and_data;
use super::{Args, CliError};
use crate::depth::{critical_lifting, Construction};
use crate::io::network_to_json;
use crate::net::Network;

/// Writes `text` to `--out` if given (printing `summary` to stdout), else prints `text`.
pub(super) fn emit(out: Option<String>, text: String, summary: &str) -> Result<(), CliError> {
    match out {
        Some(path) => {
            std::fs::write(&path, text + "\n").map_err(|e| CliError::usage(format!("{path}: cannot write: {e}")))?;
            println!("{summary}\nwritten to {path}");
        }
        None => println!("{text}"),
    }
    Ok(())
}

/// Runs `lift`.
///
/// # Errors
/// Exit code 2 for bad usage or input (an out-of-range q or width, an activation without an
/// affine segment, a bias-free layer), naming the file and place.
pub fn run(args: &mut Args) -> Result<i32, CliError> {
    let q = args.count("--after-layer")?.ok_or_else(|| CliError::usage("missing option --after-layer"))? as usize;
    let width = args.count("--width")?.map(|w| w as usize);
    let construction = match args.value("--construction")?.as_deref() {
        None | Some("lemma") => Construction::Lemma,
        Some("identity") => Construction::Identity,
        Some(other) => return Err(CliError::usage(format!("--construction: `{other}` is not `identity` or `lemma`"))),
    };
    let out = args.value("--out")?;
    let loaded = net_and_data(args)?;
    args.clone().finish_empty()?;
    let act = loaded.net.activation.exact().map_err(|e| {
        CliError::usage(format!("{}: {e}; exact lifting needs an activation with an affine segment", loaded.net_path))
    })?;
    let lifted = critical_lifting(&loaded.net.params, act, &loaded.data, q, width, construction, None)
        .map_err(|e| CliError::usage(format!("{}: {e}", loaded.net_path)))?;
    let deep = Network { activation: loaded.net.activation.clone(), params: lifted.deep };
    let w: Vec<String> = deep.params.widths().iter().map(usize::to_string).collect();
    let summary = format!(
        "lifted after layer {q} ({construction:?} construction): widths ({}), M' - M = {}; member of T_S(theta) (checked exactly: conditions (i)-(iii) on {} samples; inserted segment {})",
        w.join(", "),
        deep.params.num_params() - loaded.net.params.num_params(),
        loaded.data.len(),
        lifted.segments[0]
    );
    emit(out, serde_json::to_string_pretty(&network_to_json(&deep)).expect("JSON"), &summary)?;
    Ok(0)
}
