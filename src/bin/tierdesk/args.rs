//! Command-line arguments, errors and output helpers.

use std::io::{self, Read, Write};

use chrono::{DateTime, Utc};

use tierdesk::domain::backup::MAX_BACKUP_BYTES;
use tierdesk::domain::model::Time;

/// Why a command did not succeed.
pub enum Fail {
    /// The command line is wrong (exit 2).
    Usage(String),
    /// The input is bad or unreadable (exit 1). Already-printed problems use an empty text.
    Input(String),
}

pub type Outcome = Result<(), Fail>;

/// Positional arguments and `--name value` (or `--name=value`) options.
pub struct Args {
    positional: Vec<String>,
    options: Vec<(String, String)>,
}

impl Args {
    pub fn parse(args: &[String], allowed: &[&str]) -> Result<Args, Fail> {
        let mut out = Args {
            positional: vec![],
            options: vec![],
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a.starts_with("--") {
                let (name, inline) = match a.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (a.as_str(), None),
                };
                if !allowed.contains(&name) {
                    return Err(Fail::Usage(format!("unknown option {name}")));
                }
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| Fail::Usage(format!("{name} needs a value")))?,
                };
                if out.options.iter().any(|(n, _)| n == name) {
                    return Err(Fail::Usage(format!("{name} is given twice")));
                }
                out.options.push((name.to_string(), value));
            } else {
                out.positional.push(a.clone());
            }
        }
        Ok(out)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Exactly `n` positional arguments.
    pub fn positionals(&self, n: usize) -> Result<&[String], Fail> {
        match self.positional.len() {
            k if k == n => Ok(&self.positional),
            0 => Err(Fail::Usage(format!(
                "expected {n} argument(s); FILE is missing"
            ))),
            _ => Err(Fail::Usage(format!(
                "unexpected argument \"{}\"",
                self.positional.get(n).map_or("", String::as_str)
            ))),
        }
    }

    pub fn time(&self, name: &str) -> Result<Option<Time>, Fail> {
        self.get(name)
            .map(|v| {
                DateTime::parse_from_rfc3339(v)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| {
                        Fail::Usage(format!(
                            "{name} \"{v}\" is not an RFC 3339 time like 2026-03-02T09:00:00Z"
                        ))
                    })
            })
            .transpose()
    }

    pub fn number(&self, name: &str, default: u64) -> Result<u64, Fail> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| {
                Fail::Usage(format!("{name} \"{v}\" is not a whole number of 0 or more"))
            }),
        }
    }
}

pub fn print_out(text: &str) -> Outcome {
    let mut out = io::stdout().lock();
    written(out.write_all(text.as_bytes()).and_then(|_| out.flush()))
}

pub fn written(result: io::Result<()>) -> Outcome {
    match result {
        Ok(()) => Ok(()),
        // The reader went away (e.g. `| head`): stop quietly, as other command-line tools do.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Fail::Input(format!("cannot write the output: {e}"))),
    }
}

/// The file's bytes; `-` reads standard input. Refuses files over the size limit unread.
pub fn read_input(path: &str) -> Result<Vec<u8>, Fail> {
    let limit = MAX_BACKUP_BYTES as u64;
    if path == "-" {
        let mut buf = vec![];
        io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Fail::Input(format!("cannot read standard input: {e}")))?;
        return Ok(buf);
    }
    let meta =
        std::fs::metadata(path).map_err(|e| Fail::Input(format!("cannot read {path}: {e}")))?;
    if meta.len() > limit {
        return Err(Fail::Input(format!(
            "{path} is {} MiB; the largest backup Tierdesk reads is {} MiB",
            meta.len().div_ceil(1024 * 1024),
            limit / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(|e| Fail::Input(format!("cannot read {path}: {e}")))
}

