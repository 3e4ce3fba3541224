//! A small argument parser: `--name value` and `--name=value` (values may start with `-`, so
//! `--alpha -1/3` works), flags, positionals, and an error for anything left over.

use super::CliError;
use crate::scalar::Q;

/// The arguments of one command, consumed as options are read.
#[derive(Clone, Debug)]
pub struct Args {
    rest: Vec<String>,
}

impl Args {
    /// Arguments without the program name.
    pub fn new(argv: Vec<String>) -> Args {
        Args { rest: argv }
    }

    /// Takes the first argument as the subcommand.
    pub fn subcommand(&mut self) -> Option<String> {
        if self.rest.is_empty() {
            None
        } else {
            Some(self.rest.remove(0))
        }
    }

    /// Whether the flag `name` (e.g. `--json`) is present; removes it.
    pub fn flag(&mut self, name: &str) -> bool {
        let before = self.rest.len();
        self.rest.retain(|a| a != name);
        before != self.rest.len()
    }

    /// The value of option `name` (`--name v` or `--name=v`), if given; removes it.
    ///
    /// # Errors
    /// Exit code 2 when the option is the last argument (no value) or given twice.
    pub fn value(&mut self, name: &str) -> Result<Option<String>, CliError> {
        let prefix = format!("{name}=");
        let mut found = None;
        let mut i = 0;
        while i < self.rest.len() {
            let v = if self.rest[i] == name {
                if i + 1 >= self.rest.len() {
                    return Err(CliError::usage(format!("option {name} needs a value")));
                }
                let v = self.rest.remove(i + 1);
                self.rest.remove(i);
                v
            } else if let Some(v) = self.rest[i].strip_prefix(&prefix) {
                let v = v.to_string();
                self.rest.remove(i);
                v
            } else {
                i += 1;
                continue;
            };
            if found.replace(v).is_some() {
                return Err(CliError::usage(format!("option {name} given more than once")));
            }
        }
        Ok(found)
    }

    /// The value of a required option.
    ///
    /// # Errors
    /// Exit code 2 when it is missing.
    pub fn required(&mut self, name: &str) -> Result<String, CliError> {
        self.value(name)?.ok_or_else(|| CliError::usage(format!("missing option {name}")))
    }

    /// An option parsed as an exact rational.
    ///
    /// # Errors
    /// Exit code 2 (3 if too big) when the value is not a number.
    pub fn rational(&mut self, name: &str) -> Result<Option<Q>, CliError> {
        match self.value(name)? {
            None => Ok(None),
            Some(s) => Q::parse(&s).map(Some).map_err(|e| {
                let code = if matches!(e, crate::scalar::NumberError::TooBig(_)) { 3 } else { 2 };
                CliError { code, message: format!("option {name}: {e}") }
            }),
        }
    }

    /// An option parsed as a non-negative integer.
    ///
    /// # Errors
    /// Exit code 2 when the value is not a non-negative integer.
    pub fn count(&mut self, name: &str) -> Result<Option<u64>, CliError> {
        match self.value(name)? {
            None => Ok(None),
            Some(s) => s
                .parse::<u64>()
                .map(Some)
                .map_err(|_| CliError::usage(format!("option {name}: `{s}` is not a non-negative integer"))),
        }
    }

    /// The remaining positional arguments; an error for any unknown `--option` left over.
    ///
    /// # Errors
    /// Exit code 2 naming the first unknown option.
    pub fn finish(self) -> Result<Vec<String>, CliError> {
        if let Some(bad) = self.rest.iter().find(|a| a.starts_with("--")) {
            return Err(CliError::usage(format!("unknown option {bad}")));
        }
        Ok(self.rest)
    }

    /// Like [`Args::finish`] but also rejects positional arguments.
    ///
    /// # Errors
    /// Exit code 2 naming the first unexpected argument.
    pub fn finish_empty(self) -> Result<(), CliError> {
        let rest = self.finish()?;
        match rest.first() {
            Some(a) => Err(CliError::usage(format!("unexpected argument `{a}`"))),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Args {
        Args::new(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn values_may_be_negative_and_use_either_spelling() {
        let mut a = args(&["--alpha", "-1/3", "--beta=-2", "--json"]);
        assert_eq!(a.rational("--alpha").unwrap(), Some(Q::new(-1, 3)));
        assert_eq!(a.rational("--beta").unwrap(), Some(Q::int(-2)));
        assert!(a.flag("--json"));
        assert!(a.finish_empty().is_ok());
    }

    #[test]
    fn missing_values_duplicates_and_unknown_options_are_usage_errors() {
        assert_eq!(args(&["--net"]).value("--net").unwrap_err().code, 2);
        assert_eq!(args(&["--n", "1", "--n=2"]).value("--n").unwrap_err().code, 2);
        assert_eq!(args(&["--bogus"]).finish().unwrap_err().code, 2);
        assert_eq!(args(&["--alpha", "1/0"]).rational("--alpha").unwrap_err().code, 2);
        assert_eq!(args(&["--alpha", "1e5000"]).rational("--alpha").unwrap_err().code, 3);
    }
}
