//! The `embedcheck` command line: one file per subcommand.
//!
//! Exit codes (`interface.md`): 0 done and every check held; 1 a check failed; 2 bad usage or bad
//! input (the message names the file and place); 3 a resource limit was hit.

mod alpha_range;
mod args;
mod certify;
mod check;
mod claims;
mod compare;
mod convert;
mod count;
mod critical;
mod error;
mod eval;
mod fixtures;
mod hessian;
mod lift;
mod linear;
mod load;
mod manifold;
mod merge;
mod mpc;
mod split;
mod theorems;
mod truly_bad;
mod verify;

pub use args::Args;
pub use error::CliError;
pub use load::{eval_error, net_and_data, Loaded};

/// What `embedcheck` with no or unknown subcommand prints.
pub const USAGE: &str = "\
embedcheck: exact checks of loss-landscape theorems for neural networks

usage: embedcheck <command> [options]

Every --net may be .net.json, .safetensors (a torch nn.Sequential state dict) or .npz (W1, b1, …),
and every --data .data.json or .npz (inputs, targets); tensor files need --activation A unless
their metadata names it (embedcheck.activation).

commands:
  eval      --net N --data D [--json] [--float]    outputs, loss, gradient, criticality
  hessian   --net N --data D [--json] [--matrix] [--blocks] [--float]   rank, inertia, classification
  alpha-range --net N --data D --neuron s [--json] [--alpha a [--certificate F]]
            Fukumizu–Amari: the α where splitting neuron s is a strict saddle (two-layer, scalar output)
  split     --net N --layer l --neuron s --alpha a [--out F]   splitting embedding T^α_{l,s}
  null      --net N --layer l [--beta b] [--out F]             null embedding T^β_{l,0}
  critical  --widths 2,3,1 --activation A --kind K [--samples n] [--seed S] --out PREFIX
  convert   --net IN [--data D] --out OUT [--data-out F] [--activation A] [--rationalize EPS]
            between .net.json, .safetensors (PyTorch) and .npz (numpy); values read exactly
  compare   --net N --data D (--gradient F | --hessian F | --value x) [--json] [--rtol R] [--atol A]
            grade another tool's float loss, gradient or Hessian against the exact truth
  fixtures  --out DIR [--seed S] [--cases N] [--activation A] [--max-width W]
            golden cases: exact and f64 loss, gradient, Hessian, inertia, H·v (net, data, npz, exact JSON)
  certify   --net N --data D [--json] [--out PREFIX] [--tolerance T]
            trained net → narrow origin, proved nearby exact critical point, its inertia
  theorems  [--json]                                list the theorem catalogue
  check     [ID ...|--all] [--cases N] [--seed S] [--max-width W] [--json] [--cert-dir D] [--jobs J]
  verify    CERT.json                               re-check a counterexample certificate
  claims    [ID ...] [--json] [--run] [--jobs J] [--root DIR]
            the claims ledger of the five papers: verdict and evidence per claim; --run re-runs it
  truly-bad --net N --data D [--json] [--certificate F] [--no-search] [--alphas a,..] [--betas b,..]
            T_global certificate ([P2] Thm 6.3) and one-step search: is the critical point truly bad?
  count     [T|T1|G|G0|all] --r R --m M [--json]  symmetry counts (also --table RMAX MMAX, --crossover R*)
  manifold  --r R --m M [--d D] [--activation A] [--seed S] [--json]  expansion-manifold geometry
  lift      --net N --data D --after-layer q [--width m] [--construction identity|lemma]
            [--segment positive|negative] [--scale c] [--out F]   insert a layer (exact; float for tanh etc.)
  merge     --net N --data D --layer k [--out F]    merge hidden layer k (affine on the data) into k+1
  mpc       --net N --data D [--json]              layer linearization (MPC, [P3] Eq. 1) per hidden layer
  linear    --widths d0,..,dD,1 --data D --gamma G [--gamma-layers ..] [--s2 S] [--point P] [--json]
            deep linear net with weight decay: exact global minima, origin
  help                                            this text

Exit codes: 0 done (every check held), 1 a check failed, 2 bad usage or input, 3 resource limit.";

/// Runs the command line on `argv` (without the program name) and returns the exit code.
pub fn run(argv: Vec<String>) -> i32 {
    let mut args = Args::new(argv);
    let Some(cmd) = args.subcommand() else {
        eprintln!("{USAGE}");
        return 2;
    };
    let result = match cmd.as_str() {
        "eval" => eval::run(&mut args),
        "hessian" => hessian::run(&mut args),
        "alpha-range" => alpha_range::run(&mut args),
        "split" => split::run_split(&mut args),
        "null" => split::run_null(&mut args),
        "critical" => critical::run(&mut args),
        "convert" => convert::run(&mut args),
        "compare" => compare::run(&mut args),
        "fixtures" => fixtures::run(&mut args),
        "certify" => certify::run(&mut args),
        "theorems" => theorems::run(&mut args),
        "check" => check::run(&mut args),
        "verify" => verify::run(&mut args),
        "claims" => claims::run(&mut args),
        "truly-bad" => truly_bad::run(&mut args),
        "count" => count::run(&mut args),
        "manifold" => manifold::run(&mut args),
        "lift" => lift::run(&mut args),
        "merge" => merge::run(&mut args),
        "mpc" => mpc::run(&mut args),
        "linear" => linear::run(&mut args),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(0)
        }
        other => Err(CliError::usage(format!("unknown command `{other}`; run `embedcheck help`"))),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("embedcheck {cmd}: {}", e.message);
            e.code
        }
    }
}
