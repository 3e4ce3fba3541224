//! Input errors that name the file and the place.

use crate::scalar::NumberError;
use std::fmt;

/// Whether the input is malformed (exit code 2) or beyond a resource limit (exit code 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputErrorKind {
    /// Bad input: exit code 2.
    Bad,
    /// A number past the documented size limits: exit code 3.
    TooBig,
}

/// A located input error: `file`, `place` (e.g. `layer 2, row 1, column 3`), what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file (as given on the command line), or a description of the source.
    pub file: String,
    /// Where in the file, 1-based as in the papers; empty for the whole file.
    pub place: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// Bad input or too big.
    pub kind: InputErrorKind,
}

impl InputError {
    /// A bad-input error.
    pub fn bad(file: &str, place: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError { file: file.to_string(), place: place.into(), message: message.into(), kind: InputErrorKind::Bad }
    }
    /// An error from a number that did not parse.
    pub fn number(file: &str, place: impl Into<String>, e: &NumberError) -> InputError {
        let kind = if matches!(e, NumberError::TooBig(_)) { InputErrorKind::TooBig } else { InputErrorKind::Bad };
        InputError { file: file.to_string(), place: place.into(), message: e.to_string(), kind }
    }
    /// The process exit code for this error: 2 (bad input) or 3 (resource limit).
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            InputErrorKind::Bad => 2,
            InputErrorKind::TooBig => 3,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.place, self.message)
        }
    }
}

impl std::error::Error for InputError {}
