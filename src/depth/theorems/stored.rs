//! A depth case read back from a certificate ([`Theorem::recheck`](crate::theorem::Theorem::recheck)),
//! and the random choices a check makes after generating its case, which the case stores so
//! that the re-check needs no random generator.
//!
//! The stored case is `narrow`, `deep` (network files with the same piecewise-linear σ), `data`
//! (with its `"loss"` when not ½-MSE),
//! `after_layer` (q) and, for the checks that draw them, one of `second_after_layer`, `subset`
//! or `far_input`. The re-check reads them, requires θ' = `deep` ∈ T_S(θ) ([`check_membership`],
//! which also gives the affine segment of every inserted neuron) and no pre-activation of θ on a
//! kink of σ (what the generator guarantees), then runs the same judgement as `check`.

use super::super::check_membership;
use super::super::Lifted;
use super::case::Case;
use crate::activation::{Activation, ExactActivation};
use crate::io::vector_to_json;
use crate::net::evaluate_with;
use crate::scalar::Q;
use crate::theorem::stored::{data_and_loss, field, index, indices, network, rationals};
use serde_json::{json, Value};

/// A random choice a check makes after its case is generated.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    /// The check draws nothing.
    Nothing,
    /// The layer q₂ after which a second layer is inserted into θ' (criticality for J = 2).
    SecondLift(usize),
    /// The samples (0-based) of the subset S' ⊆ S (data dependence).
    Subset(Vec<usize>),
    /// An input far from the data (data-dependence and output controls).
    FarInput(Vec<Q>),
}

impl Choice {
    /// The key and value the case stores (none for [`Choice::Nothing`]).
    fn entry(&self) -> Option<(&'static str, Value)> {
        match self {
            Choice::Nothing => None,
            Choice::SecondLift(q2) => Some(("second_after_layer", json!(q2))),
            Choice::Subset(keep) => Some(("subset", json!(keep.iter().map(|i| i + 1).collect::<Vec<_>>()))),
            Choice::FarInput(x) => Some(("far_input", vector_to_json(x))),
        }
    }

    /// The choice a stored case holds (at most one of the keys).
    fn from_json(v: &Value, samples: usize) -> Result<Choice, crate::theorem::CheckError> {
        let present: Vec<&str> =
            ["second_after_layer", "subset", "far_input"].into_iter().filter(|k| v.get(k).is_some()).collect();
        Ok(match present.as_slice() {
            [] => Choice::Nothing,
            ["second_after_layer"] => Choice::SecondLift(index(v, "second_after_layer")?),
            ["subset"] => {
                let keep = indices(field(v, "subset")?, "subset")?;
                if keep.is_empty() || keep.iter().any(|&i| i == 0 || i > samples) {
                    return Err(format!("`subset`: expected sample numbers 1 ..= {samples}, at least one").into());
                }
                Choice::Subset(keep.into_iter().map(|i| i - 1).collect())
            }
            ["far_input"] => Choice::FarInput(rationals(field(v, "far_input")?, "far_input")?),
            more => return Err(format!("keys {more:?}: a case stores at most one choice").into()),
        })
    }
}

impl Case {
    /// The case as JSON with the check's choice: narrow and deep network files, the data file,
    /// q, and the choice's key.
    pub fn to_json_with(&self, choice: &Choice) -> Value {
        let mut v = self.to_json();
        if let Some((k, c)) = choice.entry() {
            v.as_object_mut().expect("an object").insert(k.into(), c);
        }
        v
    }
}

/// What reading a stored case gives: the case and its choice, or why it is not a depth case the
/// claims apply to (θ' not in T_S(θ), a kink, another σ).
pub type Stored = Result<(Case, Choice), crate::theorem::Inapplicable>;

/// Reads a stored depth case.
///
/// # Errors
/// When a field is missing or malformed (the outer error); the inner error when the case is
/// readable but not one the claims apply to.
pub fn read(v: &Value) -> Result<Stored, crate::theorem::CheckError> {
    let narrow = network(v, "narrow")?;
    let deep = network(v, "deep")?;
    let (data, loss) = data_and_loss(v, "data")?;
    let q = index(v, "after_layer")?;
    let choice = Choice::from_json(v, data.len())?;
    let Activation::Exact(act @ ExactActivation::Piecewise(_)) = &narrow.activation else {
        return Ok(Err("sigma is not piecewise linear (ReLU, leaky ReLU or identity)".into()));
    };
    if deep.activation != narrow.activation {
        return Ok(Err("`deep` and `narrow` have different activations".into()));
    }
    let segments = match check_membership(&narrow.params, &deep.params, act, &data, q) {
        Ok(s) => s,
        Err(v) => return Ok(Err(format!("`deep` is not in T_S(`narrow`): {v}").into())),
    };
    match evaluate_with(&narrow.params, act, &loss, &data) {
        Ok(e) if e.kinks.is_empty() => {}
        Ok(_) => return Ok(Err("a pre-activation of theta sits on the kink of sigma".into())),
        Err(e) => return Ok(Err(e.into())),
    }
    let lifted = Lifted { deep: deep.params, q, segments };
    Ok(Ok((Case { narrow: narrow.params, act: act.clone(), data, loss, q, lifted }, choice)))
}
