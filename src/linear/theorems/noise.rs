//! `linear.noise.average`: the C_l recursion for the noise average (spec symmetry-linear B.1).

use super::super::model::{loss, LinearModel, Moments};
use super::{case_json, fails, read_case, strs};
use crate::linalg::Matrix;
use crate::net::{Layer, Params};
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::theorem::stored::recheck_outcome;
use crate::theorem::{Evidence, Meta, Outcome, Recheck, Size, Theorem};
use serde_json::json;

/// The C_l recursion equals enumeration of a two-point noise law ε ∈ {1 − s, 1 + s}.
pub(super) struct NoiseAverage {
    pub(super) ignore_noise: bool,
}

impl Theorem for NoiseAverage {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.ignore_noise { "linear.noise.average.control.noise_ignored" } else { "linear.noise.average" },
            statement:
                "E_x E_ε (f(x) − y)² = Uᵀ C_D U − 2 Uᵀ W_D⋯W_1 m + E[y²] with C_l = (W_l C_{l−1} W_lᵀ)∘(11ᵀ + s²I)",
            source: "Ziyin, Li, Meng 2022, eq. 1",
            hypotheses:
                "squared loss; independent unit noise with mean 1 and variance s², here two-point ε ∈ {1 − s, 1 + s}",
            widths: super::NOISE_WIDTHS,
            loss: crate::theorem::LossUse::MseOnly,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let h = size.max_height.max(2);
        let d0 = rng.range(1, 2) as usize;
        // Hidden widths up to the width passed (the harness has applied `NOISE_WIDTHS`).
        let wmax = size.max_width.max(1) as i64;
        let widths: Vec<usize> =
            std::iter::once(d0).chain((0..rng.range(1, 2)).map(|_| rng.range(1, wmax) as usize)).collect();
        let s = Q::new(rng.range(1, 3), 4);
        let n = rng.range(1, 3) as usize;
        let xs: Vec<Vec<Q>> = (0..n).map(|_| (0..d0).map(|_| rng.small_q(h, h)).collect()).collect();
        let ys: Vec<Q> = (0..n).map(|_| rng.small_q(h, h)).collect();
        let mut layers: Vec<Layer<Q>> = widths
            .windows(2)
            .map(|w| Layer {
                weight: Matrix::from_vec(w[1], w[0], (0..w[0] * w[1]).map(|_| rng.small_q(h, h)).collect()),
                bias: None,
            })
            .collect();
        let dd = widths[widths.len() - 1];
        layers
            .push(Layer { weight: Matrix::from_vec(1, dd, (0..dd).map(|_| rng.small_q(h, h)).collect()), bias: None });
        let params = Params::new(layers).expect("shapes chain");
        self.judge(&widths, &s, &xs, &ys, &params)
    }
    /// Reads the network (`extra.params`), the noise level (`extra.s`) and the data
    /// (`extra.inputs`, `extra.targets`) and judges again; the stored model (s², decays) and
    /// moments must be the ones these give.
    fn recheck(&self, case: &serde_json::Value) -> Result<Recheck, crate::theorem::CheckError> {
        use crate::theorem::stored::{field, rational, rational_rows, rationals};
        let (model, _, extra) = match read_case(case)? {
            Ok(c) => c,
            Err(why) => return Ok(Recheck::NotApplicable(why.to_string())),
        };
        let s = rational(field(&extra, "s")?, "extra.s")?;
        let flat = rationals(field(&extra, "params")?, "extra.params")?;
        let xs = rational_rows(field(&extra, "inputs")?, "extra.inputs")?;
        let ys = rationals(field(&extra, "targets")?, "extra.targets")?;
        let widths = model.widths().to_vec();
        if flat.len() != model.num_params() {
            return Err(
                format!("`extra.params`: {} numbers, the widths need {}", flat.len(), model.num_params()).into()
            );
        }
        if xs.is_empty() || xs.len() != ys.len() || xs.iter().any(|x| x.len() != widths[0]) {
            return Err("`extra.inputs`, `extra.targets`: one input of length d_0 per target".into());
        }
        if widths[1..].iter().sum::<usize>() > MAX_UNITS {
            return Ok(Recheck::NotApplicable(format!("more than {MAX_UNITS} hidden units to enumerate")));
        }
        let params = model.zero_params::<Q>().with_flat(&flat);
        Ok(recheck_outcome(case, self.judge(&widths, &s, &xs, &ys, &params)))
    }
}

/// The most hidden units a re-check enumerates (2^units noise patterns).
const MAX_UNITS: usize = 20;

impl NoiseAverage {
    /// The C_l formula against enumeration of every noise pattern, on the network `params`
    /// (widths `widths`, then a 1-output layer) and the data (`xs`, `ys`) at noise level `s`.
    fn judge(&self, widths: &[usize], s: &Q, xs: &[Vec<Q>], ys: &[Q], params: &Params<Q>) -> Outcome {
        let n = xs.len();
        let depth = widths.len() - 1;
        let units: usize = widths[1..].iter().sum();
        let mut total = Q::zero();
        for pattern in 0..(1u64 << units) {
            for (x, y) in xs.iter().zip(ys) {
                let mut v = x.clone();
                let mut bit = 0;
                for l in 1..=depth {
                    v = params.layer(l).weight.mul_vec(&v);
                    for t in v.iter_mut() {
                        let e = if pattern >> bit & 1 == 1 { Q::one().add(s) } else { Q::one().sub(s) };
                        *t = t.mul(&e);
                        bit += 1;
                    }
                }
                let f = params.layer(depth + 1).weight.mul_vec(&v)[0].clone();
                total.add_assign(&f.sub(y).square());
            }
        }
        let enumerated = total.mul(&Q::new(1, (n as i64) << units));
        let s2 = if self.ignore_noise { Q::zero() } else { s.square() };
        let tiny = Q::new(1, 1_000_000);
        let model = LinearModel::equal_decay(widths.to_vec(), s2, tiny.clone()).expect("valid model");
        let data =
            crate::data::Dataset::new(xs.to_vec(), ys.iter().map(|y| vec![y.clone()]).collect()).expect("valid data");
        let moments = Moments::from_data(&data).expect("scalar targets");
        let reg = params.flatten().iter().fold(Q::zero(), |acc, x| acc.add(&x.square())).mul(&tiny);
        let formula = loss(&model, &moments, params).sub(&reg);
        if formula == enumerated {
            Outcome::Holds(Evidence::CheckedExactly)
        } else {
            let extra = json!({"params": strs(&params.flatten()), "s": s.to_canonical(),
                               "inputs": xs.iter().map(|x| strs(x)).collect::<Vec<_>>(), "targets": strs(ys)});
            let case = case_json(&model, &moments, extra);
            fails(&format!("enumeration = {enumerated}"), format!("C_l formula = {formula}"), case)
        }
    }
}
