//! Truly-bad critical points (\[P2\] §6.3, Def. 6.2, Thm 6.3, Lemmas 6.1–6.2; width-depth spec
//! §2.5, §6 item 9).
//!
//! - [`global`]: the residual-weighted Hessian H^(2) ([`residual_hessian`]) and the explicit
//!   negative direction of T_global(θ_c) whenever H^(2)(θ_c) ≠ 0 ([`global_certificate`]), as a
//!   Hessian certificate that [`verify`](crate::hessian::certificate::verify) accepts;
//! - [`search`]: the report on one point ([`analyse`]): criticality, the T_global certificate and
//!   a search over one-step embeddings, ending in a [`Verdict`];
//! - the catalogue checks `hessian.truly_bad.*` and their negative controls are in
//!   [`crate::hessian::theorems::truly_bad`].
//!
//! Spec Ex D (width-depth §2.6): a strict local minimum with H^(2) ≠ 0, so T_global is a strict
//! saddle; v = e_{w₁}, c = 3/2, coefficients (½, ½, 1), uᵀH_wide u = −3/4:
//!
//! ```
//! use embedcheck::hessian::certificate::verify;
//! use embedcheck::hessian::truly_bad::{analyse, global_certificate, SearchOptions, Verdict};
//! use embedcheck::io::{parse_data, parse_network};
//! use embedcheck::scalar::Q;
//!
//! let net = parse_network(r#"{"format": "embedcheck.net/1", "activation": {"poly": ["0", "1", "0", "1"]},
//!     "layers": [{"weight": [["0", "1"]], "bias": ["0"]}, {"weight": [["-1"]], "bias": ["0"]}]}"#, "ex_d").unwrap();
//! let data = parse_data(r#"{"format": "embedcheck.data/1",
//!     "inputs": [["0","-2"], ["0","-1"], ["0","0"], ["0","1"], ["1","-1"], ["1","0"], ["1","1"], ["2","0"]],
//!     "targets": [["10"], ["3"], ["-1/2"], ["-3"], ["1"], ["1"], ["-1"], ["-1/2"]]}"#, "ex_d").unwrap();
//! let cert = global_certificate(&net, &data).unwrap().expect("H^(2) ≠ 0");
//! assert_eq!(cert.curvature, Q::new(-3, 4));
//! verify(&cert.certificate(&data)).unwrap();
//! let report = analyse(&net, &data, &SearchOptions::default()).unwrap();
//! assert!(matches!(report.verdict, Verdict::Escapes { .. }));
//! ```

pub mod global;
pub mod search;

pub use global::{
    global_certificate, global_certificate_along, global_certificate_with, global_direction, lift_to_global,
    residual_hessian, residual_hessian_with, GlobalCertificate, GlobalDirection, GlobalLemma, TrulyBadError,
};
pub use search::{analyse, one_step_embeddings, OneStep, OneStepResult, Report, SearchOptions, Verdict};
