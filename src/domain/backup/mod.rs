//! The one JSON format the app exports and imports and the CLI reads.
//!
//! - `format`: the types, canonical order, writing, migration of older versions, JSON Schema.
//! - `validate`: reading a file into a [`Backup`], listing every problem with its JSON path.
//! - `checks`: the rules a well-formed backup must also follow (ids, references, dates, lengths).
//! - `merge`: combining an imported backup with the desk's data.

mod checks;
mod format;
mod merge;
mod paths;
mod validate;

pub use format::*;
pub use merge::{apply_merge, plan_merge, Conflict, MergePlan, RecordKind, RecordRef};
pub use validate::{parse, validate};

/// One thing wrong with a backup file: where (a JSON path such as `$.tickets[3].status`, or `$`
/// for the whole file) and what, in a plain sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Most problems listed for one file; the rest are summed up in a last line.
pub const MAX_PROBLEMS: usize = 200;

/// Collects problems up to [`MAX_PROBLEMS`] and counts the ones beyond.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    dropped: usize,
}

impl Problems {
    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem::new(path, message));
        } else {
            self.dropped += 1;
        }
    }

    /// No more room in the list: further problems are only counted.
    pub fn is_full(&self) -> bool {
        self.list.len() >= MAX_PROBLEMS
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn finish(mut self) -> Vec<Problem> {
        if self.dropped > 0 {
            let n = self.dropped;
            let s = if n == 1 { "" } else { "s" };
            self.list.push(Problem::new(
                "$",
                format!("and {n} more problem{s} not listed"),
            ));
        }
        self.list
    }
}

#[cfg(test)]
pub(crate) mod fixture;
