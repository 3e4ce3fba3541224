//! Errors of the command line, carrying their exit code.

use crate::io::InputError;

/// A message for stderr and the exit code it ends with (2 usage/input, 3 resource limit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliError {
    /// The exit code.
    pub code: i32,
    /// What went wrong, naming the file and place where there is one.
    pub message: String,
}

impl CliError {
    /// Bad usage or bad input: exit code 2.
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError { code: 2, message: message.into() }
    }
    /// A resource limit: exit code 3.
    pub fn limit(message: impl Into<String>) -> CliError {
        CliError { code: 3, message: message.into() }
    }
}

impl From<InputError> for CliError {
    fn from(e: InputError) -> CliError {
        CliError { code: e.exit_code(), message: e.to_string() }
    }
}

/// A file that cannot be written: exit code 2 (the message names the path).
impl From<crate::io::WriteError> for CliError {
    fn from(e: crate::io::WriteError) -> CliError {
        CliError::usage(e.to_string())
    }
}

/// A certificate that cannot be re-checked: exit code 2 (the message names the field).
impl From<crate::theorem::certificate::CertificateError> for CliError {
    fn from(e: crate::theorem::certificate::CertificateError) -> CliError {
        CliError::usage(e.to_string())
    }
}
