//! The storage under a [`crate::Store`]: a connection and its transactions,
//! for SQLite or PostgreSQL. Only SQL and transactions differ between the
//! two; the store's logic (replay, the hash chain, the snapshot policy,
//! conflict detection) is written once over [`Tx`].

use std::path::Path;
use std::time::Duration;

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use crate::error::{Result, StoreError};
use crate::schema::{self, Head, corrupt_meta};

/// What a transaction is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TxKind {
    /// One consistent state of the database, whatever others commit.
    Read,
    /// An append: holds the writers' lock (SQLite's write lock, the head
    /// row in PostgreSQL) from the start, so the head it reads stays the
    /// stored head until it commits.
    Write,
    /// Creating the tables (and, in PostgreSQL, the schema).
    Init,
}

/// One stored event row.
pub(crate) struct EventRow {
    pub seq: i64,
    pub version: i64,
    pub command_id: String,
    pub json: String,
    pub hash: String,
}

/// An insert that failed because the row's key was taken (another writer
/// stored that event), or for another reason.
pub(crate) enum InsertError {
    Taken,
    Other(StoreError),
}

impl<E: Into<StoreError>> From<E> for InsertError {
    fn from(e: E) -> Self {
        Self::Other(e.into())
    }
}

/// A connection to a store's database.
pub(crate) enum Conn {
    Sqlite(rusqlite::Connection),
    #[cfg(feature = "postgres")]
    // Boxed: the client and its configuration are several times the size
    // of a SQLite connection.
    Postgres(Box<crate::pg::PgConn>),
}

/// A transaction on a [`Conn`]; dropped without [`Tx::commit`], it rolls
/// back.
pub(crate) enum Tx<'c> {
    Sqlite(rusqlite::Transaction<'c>),
    #[cfg(feature = "postgres")]
    Postgres(postgres::Transaction<'c>),
}

impl Conn {
    /// Opens the SQLite file at `path` with the store's settings.
    pub(crate) fn sqlite(path: &Path, busy_timeout: Duration) -> Result<Self> {
        Ok(Self::Sqlite(schema::connect(path, busy_timeout)?))
    }

    /// Starts a transaction.
    pub(crate) fn begin(&mut self, kind: TxKind) -> Result<Tx<'_>> {
        match self {
            Self::Sqlite(conn) => {
                let behavior = match kind {
                    TxKind::Read => TransactionBehavior::Deferred,
                    TxKind::Write | TxKind::Init => TransactionBehavior::Immediate,
                };
                Ok(Tx::Sqlite(conn.transaction_with_behavior(behavior)?))
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(conn) => Ok(Tx::Postgres(conn.begin(kind)?)),
        }
    }
}

impl Tx<'_> {
    /// Creates the tables if they are missing.
    pub(crate) fn create_tables(&mut self) -> Result<()> {
        match self {
            Self::Sqlite(tx) => Ok(tx.execute_batch(schema::TABLES)?),
            #[cfg(feature = "postgres")]
            Self::Postgres(tx) => crate::pg::create_tables(tx),
        }
    }

    /// One `meta` value.
    pub(crate) fn meta(&mut self, key: &str) -> Result<Option<String>> {
        match self {
            Self::Sqlite(tx) => Ok(tx
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
                    row.get(0)
                })
                .optional()?),
            #[cfg(feature = "postgres")]
            Self::Postgres(tx) => {
                let row = tx.query_opt("SELECT value FROM meta WHERE key = $1", &[&key])?;
                Ok(match row {
                    Some(row) => Some(row.try_get(0)?),
                    None => None,
                })
            }
        }
    }

    /// Adds a `meta` row.
    pub(crate) fn insert_meta(&mut self, key: &str, value: &str) -> Result<()> {
        match self {
            Self::Sqlite(tx) => {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                    params![key, value],
                )?;
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(tx) => {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ($1, $2)",
                    &[&key, &value],
                )?;
            }
        }
        Ok(())
    }

    /// The head kept in `meta`.
    pub(crate) fn read_head(&mut self) -> Result<Head> {
        let mut number = |key: &str| -> Result<u64> {
            self.meta(key)?
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| corrupt_meta(key))
        };
        let seq = number("head_seq")?;
        let version = number("head_version")?;
        let hash = self
            .meta("head_hash")?
            .ok_or_else(|| corrupt_meta("head_hash"))?;
        Ok(Head { seq, version, hash })
    }

    /// Keeps `head` in `meta`.
    pub(crate) fn write_head(&mut self, head: &Head) -> Result<()> {
        let rows = [
            ("head_seq", head.seq.to_string()),
            ("head_version", head.version.to_string()),
            ("head_hash", head.hash.clone()),
        ];
        match self {
            Self::Sqlite(tx) => {
                let mut stmt = tx.prepare_cached("UPDATE meta SET value = ?2 WHERE key = ?1")?;
                for (key, value) in rows {
                    stmt.execute(params![key, value])?;
                }
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(tx) => {
                let stmt = tx.prepare("UPDATE meta SET value = $2 WHERE key = $1")?;
                for (key, value) in rows {
                    tx.execute(&stmt, &[&key, &value])?;
                }
            }
        }
        Ok(())
    }

    /// The newest snapshot: its `seq` and JSON.
    pub(crate) fn latest_snapshot(&mut self) -> Result<Option<(i64, String)>> {
        const QUERY: &str = "SELECT seq, json FROM snapshots ORDER BY seq DESC LIMIT 1";
        match self {
            Self::Sqlite(tx) => Ok(tx
                .query_row(QUERY, [], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?),
            #[cfg(feature = "postgres")]
            Self::Postgres(tx) => match tx.query_opt(QUERY, &[])? {
                Some(row) => Ok(Some((row.try_get(0)?, row.try_get(1)?))),
                None => Ok(None),
            },
        }
    }

    /// Writes a snapshot at `seq` and drops the older ones.
    pub(crate) fn put_snapshot(&mut self, seq: i64, version: i64, json: &str) -> Result<()> {
        match self {
            Self::Sqlite(tx) => {
                tx.execute(
                    "INSERT OR REPLACE INTO snapshots (seq, version, json) VALUES (?1, ?2, ?3)",
                    params![seq, version, json],
                )?;
                tx.execute("DELETE FROM snapshots WHERE seq < ?1", [seq])?;
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(tx) => {
                tx.execute(
                    "INSERT INTO snapshots (seq, version, json) VALUES ($1, $2, $3) \
                     ON CONFLICT (seq) DO UPDATE SET version = EXCLUDED.version, json = EXCLUDED.json",
                    &[&seq, &version, &json],
                )?;
                tx.execute("DELETE FROM snapshots WHERE seq < $1", &[&seq])?;
            }
        }
        Ok(())
    }

    /// Calls `each` on every event row, in `seq` order, streaming.
    pub(crate) fn each_event(
        &mut self,
        each: &mut dyn FnMut(EventRow) -> Result<()>,
    ) -> Result<()> {
        const QUERY: &str = "SELECT seq, version, command_id, json, hash FROM events ORDER BY seq";
        match self {
            Self::Sqlite(tx) => {
                let mut stmt = tx.prepare(QUERY)?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    each(EventRow {
                        seq: row.get(0)?,
                        version: row.get(1)?,
                        command_id: row.get(2)?,
                        json: row.get(3)?,
                        hash: row.get(4)?,
                    })?;
                }
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(tx) => {
                use postgres::fallible_iterator::FallibleIterator;
                let mut rows = tx.query_raw(QUERY, std::iter::empty::<i64>())?;
                while let Some(row) = rows.next()? {
                    each(EventRow {
                        seq: row.try_get(0)?,
                        version: row.try_get(1)?,
                        command_id: row.try_get(2)?,
                        json: row.try_get(3)?,
                        hash: row.try_get(4)?,
                    })?;
                }
            }
        }
        Ok(())
    }

    /// Inserts one event row; [`InsertError::Taken`] when its `seq` is
    /// already stored.
    pub(crate) fn insert_event(&mut self, row: &EventRow) -> std::result::Result<(), InsertError> {
        match self {
            Self::Sqlite(tx) => {
                let mut insert = tx.prepare_cached(schema::INSERT_EVENT)?;
                let inserted = insert.execute(params![
                    row.seq,
                    row.version,
                    row.command_id,
                    row.json,
                    row.hash
                ]);
                match inserted {
                    Ok(_) => Ok(()),
                    Err(e)
                        if e.sqlite_error_code()
                            == Some(rusqlite::ErrorCode::ConstraintViolation) =>
                    {
                        Err(InsertError::Taken)
                    }
                    Err(e) => Err(e.into()),
                }
            }
            #[cfg(feature = "postgres")]
            Self::Postgres(tx) => crate::pg::insert_event(tx, row),
        }
    }

    /// Commits.
    pub(crate) fn commit(self) -> Result<()> {
        match self {
            Self::Sqlite(tx) => Ok(tx.commit()?),
            #[cfg(feature = "postgres")]
            Self::Postgres(tx) => Ok(tx.commit()?),
        }
    }
}
