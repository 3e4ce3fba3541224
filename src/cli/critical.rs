//! `embedcheck critical --widths 2,3,1 --activation JSON --kind K [--samples n] [--seed S]
//! [--height h] --out PREFIX`: write `PREFIX.net.json` and `PREFIX.data.json`, an exact critical
//! point (width-depth spec §2.6 recipe) that `eval` reports critical. Kinds: `teacher`,
//! `nonzero-loss`, `zero-outgoing`, `repeated-neuron`.

use super::args::CriticalArgs;
use super::CliError;
use crate::activation::ExactActivation;
use crate::critical::{random_critical, CriticalKind, KINK_FREE_TRIES};
use crate::embed::Shape;
use crate::io::parse_activation;
use crate::net::Network;
use crate::rng::Rng;

/// Runs `critical`.
///
/// # Errors
/// Exit code 2 for bad usage (the message says which option and why).
pub fn run(args: &CriticalArgs) -> Result<i32, CliError> {
    let (widths_text, act_text, kind_text) = (args.widths.clone(), args.activation.clone(), args.kind.clone());
    let (samples, seed, out) = (args.samples, args.seed, args.out.clone());
    let height = args.height.clamp(1, 1000) as i64;
    let widths: Vec<usize> = widths_text
        .split(',')
        .map(|w| w.trim().parse::<usize>().ok().filter(|&w| w > 0))
        .collect::<Option<_>>()
        .ok_or_else(|| {
            CliError::usage(format!("option --widths: `{widths_text}` is not a list of positive integers like 2,3,1"))
        })?;
    let shape = Shape::with_biases(&widths).map_err(|e| CliError::usage(format!("option --widths: {e}")))?;
    let kind = CriticalKind::parse(&kind_text).ok_or_else(|| {
        CliError::usage(format!(
            "option --kind: `{kind_text}`; expected teacher, nonzero-loss, zero-outgoing or repeated-neuron"
        ))
    })?;
    let act_json: serde_json::Value = serde_json::from_str(&act_text)
        .or_else(|_| serde_json::from_str(&format!("\"{act_text}\"")))
        .map_err(|e| CliError::usage(format!("option --activation: {e}")))?;
    let activation = parse_activation(&act_json, "--activation")?;
    let exact = activation.exact().map_err(|e| CliError::usage(format!("option --activation: {e}")))?;
    let m_out = widths[widths.len() - 1];
    let n = samples.map_or(shape.num_params() / m_out + 1, |s| s as usize);
    if n == 0 {
        return Err(CliError::usage("option --samples: need at least one sample"));
    }
    let mut rng = Rng::new(seed);
    let cp = random_critical(&mut rng, &widths, exact, kind, n, height)
        .map_err(|e| CliError::usage(e.to_string()))?
        .ok_or_else(|| {
            let kinky = matches!(exact, ExactActivation::Piecewise(p) if !p.is_identity());
            let kink_text = format!(
                "none of {KINK_FREE_TRIES} draws kept every pre-activation off the kink of σ (points on a kink are not generated: at a kink the construction's zero gradient is a convention, not a proof); try another --seed"
            );
            let residual_text = format!(
                "a nonzero residual needs n·m_L > rank J (M = {} parameters); use --samples {} or more{}",
                shape.num_params(),
                shape.num_params() / m_out + 1,
                if widths.len() < 3 { ", and this kind needs a hidden layer" } else { "" },
            );
            let why = match (kind == CriticalKind::TeacherRealizable, kinky) {
                (true, _) => kink_text,
                (false, true) => format!("{residual_text}; or {kink_text}"),
                (false, false) => residual_text,
            };
            CliError::usage(format!("no {} critical point with {n} samples: {why}", kind.name()))
        })?;
    let net = Network { activation: activation.clone(), params: cp.params };
    let (net_path, data_path) = (format!("{out}.net.json"), format!("{out}.data.json"));
    crate::io::write_network_as(&net_path, &net)?;
    eprintln!("wrote {net_path}");
    crate::io::write_data_as(&data_path, &cp.data)?;
    eprintln!("wrote {data_path}");
    Ok(0)
}
