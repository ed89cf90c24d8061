//! The database: connection settings, tables, the head kept in `meta`, and
//! the check that a stored event's text continues the hash chain.

use std::path::Path;
use std::time::Duration;

use landed::BookConfig;
use landed::book::event::{EventHash, GENESIS_HASH, hex};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::backend::Tx;
use crate::error::{Result, StoreError, corrupt};

/// What `meta.format` says: the layout of this release's tables.
pub(crate) const FORMAT: &str = "landed-store 1";

/// Appends one event row (SQLite).
pub(crate) const INSERT_EVENT: &str =
    "INSERT INTO events (seq, version, command_id, json, hash) VALUES (?1, ?2, ?3, ?4, ?5)";

/// Appends one event row (PostgreSQL).
#[cfg(feature = "postgres")]
pub(crate) const INSERT_EVENT_PG: &str =
    "INSERT INTO events (seq, version, command_id, json, hash) VALUES ($1, $2, $3, $4, $5)";

/// The SQLite tables.
pub(crate) const TABLES: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS events (
    seq        INTEGER PRIMARY KEY NOT NULL,
    version    INTEGER NOT NULL,
    command_id TEXT NOT NULL,
    json       TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS events_by_version ON events (version);
CREATE TABLE IF NOT EXISTS snapshots (
    seq     INTEGER PRIMARY KEY NOT NULL,
    version INTEGER NOT NULL,
    json    TEXT NOT NULL
) STRICT;
";

/// Opens the file with the store's settings.
pub(crate) fn connect(path: &Path, busy_timeout: Duration) -> Result<Connection> {
    let conn = Connection::open(path)?;
    // Another writer holding the lock is waited for, up to the timeout,
    // rather than failing at once with SQLITE_BUSY.
    conn.busy_timeout(busy_timeout)?;
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(corrupt(format!(
            "the database cannot use write-ahead logging (journal mode {mode})"
        )));
    }
    // FULL, not NORMAL: in WAL mode NORMAL survives a killed process but
    // may lose the last commits on a power cut or an OS crash, because the
    // WAL is not synced at each commit. A book's command is a business fact
    // the host has usually acted on (a receipt confirmed to a warehouse, a
    // sale to a marketplace), so a commit the store has acknowledged must
    // survive power loss too; the price is one fsync per transaction, which
    // `execute_batch` spreads over many commands.
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(conn)
}

/// The log's end as `meta` keeps it beside the events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Head {
    /// The last event's sequence number (0 for an empty log).
    pub seq: u64,
    /// The book's version after the last command.
    pub version: u64,
    /// The last event's hash as 64 hex digits (zeros for an empty log).
    pub hash: String,
}

impl Head {
    /// The head of an empty book.
    pub(crate) fn empty() -> Self {
        Self {
            seq: 0,
            version: 0,
            hash: hex(&GENESIS_HASH),
        }
    }

    /// The head of `book`.
    pub(crate) fn of(book: &landed::Book) -> Self {
        Self {
            seq: book.events_recorded(),
            version: book.version(),
            hash: book.head_hash_hex(),
        }
    }
}

/// Creates the tables and, in a new database, the `meta` rows for
/// `config`; in an existing one, checks the format and returns the stored
/// configuration (which must equal `config` when one is given). Also
/// returns whether the book was created by this call.
pub(crate) fn init(tx: &mut Tx<'_>, config: Option<&BookConfig>) -> Result<(BookConfig, bool)> {
    tx.create_tables()?;
    let format = tx.meta("format")?;
    Ok(match (format, config) {
        (None, Some(config)) => {
            let head = Head::empty();
            let text = serde_json::to_string(config)?;
            for (key, value) in [
                ("format", FORMAT.to_owned()),
                ("book_config", text),
                ("head_seq", head.seq.to_string()),
                ("head_version", head.version.to_string()),
                ("head_hash", head.hash),
            ] {
                tx.insert_meta(key, &value)?;
            }
            (config.clone(), true)
        }
        (None, None) => return Err(corrupt("the database holds no book")),
        (Some(format), _) if format != FORMAT => {
            return Err(corrupt(format!(
                "the database's format is {format:?}, this release reads {FORMAT:?}"
            )));
        }
        (Some(_), given) => {
            let text = tx
                .meta("book_config")?
                .ok_or_else(|| corrupt("meta has no book_config"))?;
            let stored = BookConfig::from_json(&text)
                .map_err(|e| corrupt(format!("the stored book config: {e}")))?;
            if given.is_some_and(|given| *given != stored) {
                return Err(StoreError::ConfigMismatch { stored: text });
            }
            (stored, false)
        }
    })
}

/// The error for a missing or unreadable head number in `meta`.
pub(crate) fn corrupt_meta(key: &str) -> StoreError {
    corrupt(format!("meta has no {key}"))
}

/// A `u64` as SQLite's `INTEGER` (sequence numbers and versions never
/// come near 2^63).
pub(crate) fn int(value: u64) -> Result<i64> {
    i64::try_from(value).map_err(|_| corrupt(format!("{value} is out of the database's range")))
}

/// The hash an event's stored text claims for itself (as its 64 hex
/// digits) and the hash the text has after `previous`, when the text is
/// laid out as the core writes it: its canonical bytes with the `hash`
/// member last. `None` for any other layout, which must be read as an
/// event to be hashed.
pub(crate) fn text_hashes<'t>(previous: &EventHash, text: &'t str) -> Option<(&'t str, EventHash)> {
    // `,"hash":"` + 64 hex digits + `"}`
    const TAIL: usize = 9 + 64 + 2;
    let body = text.len().checked_sub(TAIL)?;
    let tail = text.get(body..)?;
    let claimed = tail.strip_prefix(",\"hash\":\"")?.strip_suffix("\"}")?;
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(&text.as_bytes()[..body]);
    hasher.update(b"}");
    Some((claimed, hasher.finalize().into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_in_the_core_layout_is_hashed_as_its_canonical_bytes() {
        let body = r#"{"seq":1}"#;
        let mut hasher = Sha256::new();
        hasher.update(GENESIS_HASH);
        hasher.update(body.as_bytes());
        let expected: EventHash = hasher.finalize().into();
        let text = format!(r#"{{"seq":1,"hash":"{}"}}"#, hex(&expected));
        let (claimed, actual) = text_hashes(&GENESIS_HASH, &text).unwrap();
        assert_eq!((claimed, actual), (hex(&expected).as_str(), expected));
    }

    #[test]
    fn a_text_without_the_hash_last_is_left_to_the_parser() {
        assert!(text_hashes(&GENESIS_HASH, "{}").is_none());
        let spaced = format!("{{\"seq\":1, \"hash\": \"{}\"}}", "0".repeat(64));
        assert!(text_hashes(&GENESIS_HASH, &spaced).is_none());
    }
}
