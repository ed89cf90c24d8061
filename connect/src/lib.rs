//! # landed-connect
//!
//! Pure mappers between a [`landed::Book`] and the files a seller already
//! has, with no I/O of their own (the caller reads and writes the files):
//!
//! * [`import`]: CSV files of SKUs, locations, suppliers, purchase orders,
//!   receipts, transfers and landed-cost charges into the core's commands,
//!   each with a command id derived from the file name, the row and the
//!   row's content, so re-importing a file changes nothing;
//! * [`ecb`]: the ECB euro reference-rate CSV (daily or history) into
//!   `record_rates` commands for the currencies a book uses;
//! * [`export`]: the journal and the trial balance as CSV and JSON, and
//!   vouchers in a generic voucher-import layout through an account
//!   mapping.
//!
//! A file is mapped whole or refused whole: every refused row is reported
//! with its 1-based line number and reason ([`Refused`]). The caller
//! executes the mapped commands in one batch (`Store::execute_batch` with
//! `BatchMode::AllOrNothing`), so a file is applied atomically.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod ecb;
pub mod export;
pub mod import;

use landed::{Command, Context};

/// One command mapped from a file, with its context and the line of the
/// file it came from (the first line of its rows, for a grouped command).
#[derive(Clone, Debug, PartialEq)]
pub struct Mapped {
    /// The command.
    pub command: Command,
    /// Its context: the derived command id and the time it runs at.
    pub context: Context,
    /// 1-based line of the file (the header is line 1).
    pub line: usize,
}

/// A refused row: its 1-based line number and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line of the file (the header is line 1).
    pub line: usize,
    /// Why it was refused.
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// A file refused as a whole, with every refused row.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {} row(s) refused, first {}", errors.len(), errors.first().map(ToString::to_string).unwrap_or_default())]
pub struct Refused {
    /// The file's name, as given.
    pub file: String,
    /// The refused rows, in file order.
    pub errors: Vec<RowError>,
}

/// Errors of the exports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Accounts the mapping file does not map.
    #[error("the account mapping has no target for {}", .0.join(", "))]
    Unmapped(Vec<String>),
    /// The mapping file is malformed.
    #[error("mapping file line {line}: {reason}")]
    Mapping {
        /// 1-based line.
        line: usize,
        /// Why.
        reason: String,
    },
    /// Writing CSV or JSON failed.
    #[error("{0}")]
    Write(String),
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        Self::Write(e.to_string())
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        Self::Write(e.to_string())
    }
}

/// A short content hash (16 hex digits of SHA-256) for command ids.
pub(crate) fn short_hash(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The stem of a file name used in command ids: the name without its
/// directories and extension, with characters other than letters, digits,
/// `-`, `_` and `.` replaced by `_`.
///
/// ```
/// assert_eq!(landed_connect::file_stem("/tmp/in/skus 2026.csv"), "skus_2026");
/// ```
pub fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if clean.is_empty() {
        "file".to_owned()
    } else {
        clean
    }
}
