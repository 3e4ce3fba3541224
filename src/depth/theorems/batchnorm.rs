//! Catalogue entry `depth.batchnorm.zero_shift` (spec width-depth §3.3, \[P3\] §5) and its control.

use super::super::batchnorm::relu_bn_linearizable;
use crate::io::vector_to_json;
use crate::rng::Rng;
use crate::scalar::{Ring, Q};
use crate::theorem::stored::{field, rational, rationals};
use crate::theorem::{Counterexample, Evidence, Meta, Outcome, Recheck, Size, Theorem};
use serde_json::{json, Value};

/// The claim, or its wrong variant (`unit_shift`: β = |γ| is claimed to be enough).
struct ZeroShift {
    unit_shift: bool,
}

fn fails(expected: &str, computed: String, col: &[Q], gamma: &Q) -> Outcome {
    Outcome::Fails(Box::new(Counterexample {
        expected: expected.into(),
        computed,
        case: json!({ "batch": vector_to_json(col), "gamma": gamma.to_canonical() }),
    }))
}

impl Theorem for ZeroShift {
    fn meta(&self) -> Meta {
        Meta {
            id: if self.unit_shift {
                "depth.batchnorm.zero_shift.control.unit_shift"
            } else {
                "depth.batchnorm.zero_shift"
            },
            statement: if self.unit_shift {
                "WRONG: a BN-ReLU neuron with shift beta = |gamma| is affine on every batch (forgets max |normalized| <= sqrt(n-1))"
            } else {
                "A batch-normalized ReLU neuron with shift 0 that is not constant on the batch takes pre-activations of both signs, so it cannot be the inserted layer of a critical lifting; with beta = n|gamma| it is affine on the batch"
            },
            source: "[P3] §5 (BN suppresses layer linearization); the zero-shift case derived",
            hypotheses:
                "BN(p) = gamma (p - mean)/std + beta over the batch (BN's epsilon ignored), gamma != 0, ReLU after BN",
            widths: crate::theorem::WidthRule::Fixed {
                max: 1,
                reason: "one batch-normalized neuron on a batch: no hidden width to vary",
            },
            // A statement about one neuron's pre-activations on a batch: no loss.
            loss: crate::theorem::LossUse::Free,
            evidence: Evidence::CheckedExactly,
        }
    }
    fn check(&self, rng: &mut Rng, size: Size) -> Outcome {
        let n = 2 + rng.below(6);
        let h = size.max_height.max(1);
        let col: Vec<Q> = (0..n).map(|_| rng.small_q(h, 2)).collect();
        let gamma = rng.small_nonzero_q(h, 2);
        self.judge(&col, &gamma)
    }
    /// Reads `batch` and `gamma` from the stored case and judges again.
    fn recheck(&self, case: &Value) -> Result<Recheck, crate::theorem::CheckError> {
        let col = rationals(field(case, "batch")?, "batch")?;
        let gamma = rational(field(case, "gamma")?, "gamma")?;
        if gamma.is_zero() {
            return Ok(Recheck::NotApplicable("gamma = 0".into()));
        }
        Ok(Recheck::of(self.judge(&col, &gamma)))
    }
}

impl ZeroShift {
    /// The claim (or the control) on the pre-activations `col` of one neuron over a batch.
    fn judge(&self, col: &[Q], gamma: &Q) -> Outcome {
        let n = col.len();
        if col.iter().all(|p| *p == col[0]) {
            return Outcome::NotApplicable("the neuron is constant on the batch".into());
        }
        let pre: Vec<Vec<Q>> = col.iter().map(|p| vec![p.clone()]).collect();
        let g = [gamma.clone()];
        if self.unit_shift {
            return match relu_bn_linearizable(&pre, &g, &[gamma.abs()]) {
                Ok(()) => Outcome::Holds(Evidence::CheckedExactly),
                Err(e) => fails("affine with beta = |gamma|", format!("not affine: {e}"), col, gamma),
            };
        }
        if relu_bn_linearizable(&pre, &g, &[Q::zero()]).is_ok() {
            return fails("not affine with beta = 0", "affine on the batch".into(), col, gamma);
        }
        let beta = gamma.abs().mul(&Q::int(n as i64));
        if let Err(e) = relu_bn_linearizable(&pre, &g, &[beta]) {
            return fails("affine with beta = n |gamma|", format!("not affine: {e}"), col, gamma);
        }
        Outcome::Holds(Evidence::CheckedExactly)
    }
}

/// `depth.batchnorm.zero_shift`.
pub fn zero_shift() -> Box<dyn Theorem> {
    Box::new(ZeroShift { unit_shift: false })
}

/// `depth.batchnorm.zero_shift.control.unit_shift`.
pub fn control_unit_shift() -> Box<dyn Theorem> {
    Box::new(ZeroShift { unit_shift: true })
}
