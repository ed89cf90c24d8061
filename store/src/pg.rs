//! The PostgreSQL backend (feature `postgres`): one book per schema, the
//! same three tables as the SQLite file, one transaction per batch.

use std::time::Duration;

use postgres::error::SqlState;
use postgres::{Client, IsolationLevel, NoTls, Transaction};

use crate::backend::{EventRow, InsertError, TxKind};
use crate::error::{Result, StoreError};

/// The schema a location names with `?schema=` when it names none.
pub(crate) const DEFAULT_SCHEMA: &str = "public";

/// The first key of the advisory lock that serializes creating a schema's
/// tables (the second is the schema name's hash).
const INIT_LOCK: i32 = 0x6c61_6e64; // "land"

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    seq        BIGINT PRIMARY KEY NOT NULL,
    version    BIGINT NOT NULL,
    command_id TEXT NOT NULL,
    json       TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_version ON events (version);
CREATE TABLE IF NOT EXISTS snapshots (
    seq     BIGINT PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL,
    json    TEXT NOT NULL
);
";

/// A client whose `search_path` is the book's schema.
pub(crate) struct PgConn {
    client: Client,
    schema: String,
    /// What the client was made from, to make it again when the
    /// connection is lost (the server restarted, the session was ended).
    config: postgres::Config,
    lock_timeout: Duration,
    /// Set when starting a transaction failed: the driver may not have
    /// noticed yet that the server ended the session (it learns it from
    /// the next read), so the next transaction starts on a new session.
    suspect: bool,
}

/// A location split into what the driver reads and the book's schema.
struct Location {
    url: String,
    schema: String,
}

fn invalid(reason: String) -> StoreError {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, reason).into()
}

/// Takes the store's own `schema` parameter out of the URL's query.
fn split(location: &str) -> Result<Location> {
    let (base, query) = match location.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (location, None),
    };
    let mut schema = None;
    let mut rest = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        match pair.strip_prefix("schema=") {
            Some(name) => schema = Some(name.to_owned()),
            None => rest.push(pair),
        }
    }
    let schema = schema.unwrap_or_else(|| DEFAULT_SCHEMA.to_owned());
    let valid = !schema.is_empty()
        && schema.len() <= 63
        && schema
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !schema.starts_with(|c: char| c.is_ascii_digit());
    if !valid {
        return Err(invalid(format!(
            "the schema {schema:?} is not a name of 1 to 63 lowercase letters, digits and underscores starting with a letter"
        )));
    }
    let url = if rest.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok(Location { url, schema })
}

/// `name` as a quoted SQL identifier.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl PgConn {
    /// Connects to `location` (a `postgres://` URL, with an optional
    /// `schema=` parameter) and points `search_path` at the book's schema.
    /// `lock_timeout` bounds how long a writer waits for another's lock.
    pub(crate) fn connect(location: &str, lock_timeout: Duration) -> Result<Self> {
        let Location { url, schema } = split(location)?;
        let mut config: postgres::Config = url
            .parse()
            .map_err(|e| invalid(format!("{}: {e}", crate::redact(location))))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("landed-store");
        }
        let client = session(&config, &schema, lock_timeout)?;
        Ok(Self {
            client,
            schema,
            config,
            lock_timeout,
            suspect: false,
        })
    }

    /// Connects again if the connection was lost: the call that found it
    /// lost failed with `STORE_IO`, the next one (the store's reload after
    /// a failed write, or the caller's next call) carries on.
    fn reconnect_if_lost(&mut self) -> Result<()> {
        if self.suspect || self.client.is_closed() {
            self.client = session(&self.config, &self.schema, self.lock_timeout)?;
            self.suspect = false;
        }
        Ok(())
    }

    /// Starts a transaction of `kind`: a repeatable-read, read-only one
    /// to read; one that holds the head row's lock to write.
    pub(crate) fn begin(&mut self, kind: TxKind) -> Result<Transaction<'_>> {
        self.reconnect_if_lost()?;
        // Fields, not `self`: the transaction borrows the client while a
        // failure marks the session suspect.
        match start(&mut self.client, &self.schema, kind) {
            Ok(tx) => Ok(tx),
            Err(e) => {
                self.suspect = true;
                Err(e.into())
            }
        }
    }
}

/// Starts a transaction of `kind` on `client` (see [`PgConn::begin`]).
fn start<'c>(
    client: &'c mut Client,
    schema: &str,
    kind: TxKind,
) -> std::result::Result<Transaction<'c>, postgres::Error> {
    match kind {
        TxKind::Read => client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start(),
        TxKind::Init => {
            let mut tx = client.transaction()?;
            // Two handles creating the same schema's tables at once
            // would collide in the catalog: one waits for the other.
            tx.execute(
                "SELECT pg_advisory_xact_lock($1, hashtext($2))",
                &[&INIT_LOCK, &schema],
            )?;
            tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {}", quoted(schema)))?;
            Ok(tx)
        }
        TxKind::Write => {
            // Read committed: once the lock on the head row is ours,
            // every statement after it sees the last committed head,
            // and no other writer can move it until we commit.
            let mut tx = client.transaction()?;
            tx.query_opt(
                "SELECT value FROM meta WHERE key = 'head_hash' FOR UPDATE",
                &[],
            )?;
            Ok(tx)
        }
    }
}

/// A new session on the book's schema, with the writers' lock timeout.
fn session(config: &postgres::Config, schema: &str, lock_timeout: Duration) -> Result<Client> {
    let mut client = config.connect(NoTls)?;
    let millis = lock_timeout.as_millis().max(1).to_string();
    client.execute(
        "SELECT set_config('search_path', $1, false), set_config('lock_timeout', $2, false)",
        &[&quoted(schema), &format!("{millis}ms")],
    )?;
    Ok(client)
}

/// Creates the tables in the schema on the `search_path`.
pub(crate) fn create_tables(tx: &mut Transaction<'_>) -> Result<()> {
    Ok(tx.batch_execute(TABLES)?)
}

/// Inserts one event row; a taken `seq` (or a serialization failure) is
/// [`InsertError::Taken`].
pub(crate) fn insert_event(
    tx: &mut Transaction<'_>,
    row: &EventRow,
) -> std::result::Result<(), InsertError> {
    let inserted = tx.execute(
        crate::schema::INSERT_EVENT_PG,
        &[
            &row.seq,
            &row.version,
            &row.command_id,
            &row.json,
            &row.hash,
        ],
    );
    match inserted {
        Ok(_) => Ok(()),
        Err(e) if is_conflict(&e) => Err(InsertError::Taken),
        Err(e) => Err(e.into()),
    }
}

/// True for the errors another writer's commit causes.
pub(crate) fn is_conflict(e: &postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(code) if *code == SqlState::UNIQUE_VIOLATION
            || *code == SqlState::T_R_SERIALIZATION_FAILURE
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_gives_its_schema_and_keeps_the_drivers_parameters() {
        let l = split("postgres://u:p@h:5432/db?schema=acme_cn&connect_timeout=3").unwrap();
        assert_eq!(l.url, "postgres://u:p@h:5432/db?connect_timeout=3");
        assert_eq!(l.schema, "acme_cn");
        let l = split("postgresql://h/db").unwrap();
        assert_eq!(
            (l.url.as_str(), l.schema.as_str()),
            ("postgresql://h/db", "public")
        );
        for bad in ["x;drop", "", "Acme", "1abc", "a\"b"] {
            let err = split(&format!("postgres://h/db?schema={bad}"))
                .err()
                .unwrap();
            assert_eq!(err.code(), "STORE_IO");
        }
    }
}
