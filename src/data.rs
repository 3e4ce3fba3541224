//! The training set S = {(x_i, y_i)}_{i=1}^n.

use crate::scalar::Field;
use crate::shape::ShapeError;

/// Something with an input width m_0 and an output width m_L that data must fit: a network's
/// parameters (`net::Params`).
pub trait Ends {
    /// (m_0, m_L).
    fn ends(&self) -> (usize, usize);
}

/// n samples, each an input x_i of length m_0 and a target y_i of length m_L.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset<S> {
    inputs: Vec<Vec<S>>,
    targets: Vec<Vec<S>>,
}

impl<S: Field> Dataset<S> {
    /// A data set; all inputs must have one length and all targets another.
    ///
    /// # Errors
    /// [`ShapeError`] naming the first sample that does not fit, or no samples at all.
    pub fn new(inputs: Vec<Vec<S>>, targets: Vec<Vec<S>>) -> Result<Dataset<S>, ShapeError> {
        if inputs.len() != targets.len() {
            return Err(ShapeError::SampleCount { inputs: inputs.len(), targets: targets.len() });
        }
        if inputs.is_empty() {
            return Err(ShapeError::NoSamples);
        }
        let (m0, ml) = (inputs[0].len(), targets[0].len());
        for (i, (x, y)) in inputs.iter().zip(&targets).enumerate() {
            if x.len() != m0 {
                return Err(ShapeError::Input { sample: i + 1, expected: m0, found: x.len() });
            }
            if y.len() != ml {
                return Err(ShapeError::Target { sample: i + 1, expected: ml, found: y.len() });
            }
        }
        Ok(Dataset { inputs, targets })
    }

    /// n.
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// Always false: a data set has n ≥ 1 samples.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// The inputs x_1 … x_n.
    pub fn inputs(&self) -> &[Vec<S>] {
        &self.inputs
    }

    /// The targets y_1 … y_n.
    pub fn targets(&self) -> &[Vec<S>] {
        &self.targets
    }

    /// Checks that inputs have length m_0 and targets length m_L of `params` (a network's
    /// parameters).
    ///
    /// # Errors
    /// [`ShapeError`] naming the first sample that does not fit.
    pub fn check_fits(&self, params: &impl Ends) -> Result<(), ShapeError> {
        let (m0, ml) = params.ends();
        for (i, (x, y)) in self.inputs.iter().zip(&self.targets).enumerate() {
            if x.len() != m0 {
                return Err(ShapeError::Input { sample: i + 1, expected: m0, found: x.len() });
            }
            if y.len() != ml {
                return Err(ShapeError::Target { sample: i + 1, expected: ml, found: y.len() });
            }
        }
        Ok(())
    }

    /// Entrywise map into another field.
    pub fn map<T: Field>(&self, mut f: impl FnMut(&S) -> T) -> Dataset<T> {
        let conv =
            |v: &Vec<Vec<S>>, f: &mut dyn FnMut(&S) -> T| v.iter().map(|r| r.iter().map(&mut *f).collect()).collect();
        Dataset { inputs: conv(&self.inputs, &mut f), targets: conv(&self.targets, &mut f) }
    }

    /// The same inputs with other targets.
    ///
    /// # Errors
    /// [`ShapeError`] if the targets do not fit.
    pub fn with_targets(&self, targets: Vec<Vec<S>>) -> Result<Dataset<S>, ShapeError> {
        Dataset::new(self.inputs.clone(), targets)
    }
}
