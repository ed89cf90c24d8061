//! The durable store: a `Store` object over `landed_json::JsonStore`.
//!
//! The same JSON text in and out as [`crate::book::Book`]; every command is
//! written to the store before the call returns. The store's own failures
//! are `LandedError.Failure` with the store's codes (`STORE_CONFLICT`,
//! `STORE_CORRUPT`, `STORE_EXISTS`, `STORE_IO`, `STORE_CONFIG_MISMATCH`);
//! a refused command keeps the book's code.

use std::sync::{Arc, Mutex, MutexGuard};

use landed::LandedError as CoreError;
use landed_json::{JsonQueries, JsonStore};

use crate::book::LineFilter;
use crate::convert::{IsoDate, ProfitBasis, ProfitGroup};
use crate::error::{LandedError, guard, store_guard};

/// A book bound to durable storage (a SQLite file or a PostgreSQL schema).
///
/// `Store.open(pathOrUrl, configJson)` opens the store, creating it with the
/// config (what `Book(configJson)` takes) if it does not exist;
/// `Store.openExisting(pathOrUrl)` opens one that must exist. `execute` and
/// `executeBatch` write every command before they return; the queries are
/// `Book`'s, answered on the stored book. A write after another handle's
/// commit fails with `STORE_CONFLICT` (this handle has reloaded: execute
/// again); `refresh()` catches up without writing. Closing the object
/// (Kotlin `close()`/`use {}`, Swift's last reference) releases the
/// database.
///
/// Safe to share between threads: a mutex serialises the calls.
#[derive(Debug, uniffi::Object)]
pub struct Store {
    store: Mutex<JsonStore>,
}

impl Store {
    fn wrap(store: JsonStore) -> Arc<Self> {
        Arc::new(Self {
            store: Mutex::new(store),
        })
    }

    /// Locks the store; a lock poisoned by a panic is refused with
    /// `BOOK_POISONED`.
    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, JsonStore>, CoreError> {
        self.store.lock().map_err(|_| CoreError::BookPoisoned {
            detail: "the store handle is unusable after a panic in an earlier call, which may \
                     have left its book half updated in memory; open the store again (it holds \
                     every command that was acknowledged)"
                .into(),
        })
    }
}

#[uniffi::export]
impl Store {
    /// Opens the store at `path_or_url` (a SQLite file path, or a `postgres://` URL),
    /// creating it with the `BookConfig` JSON `config_json` if it does not
    /// exist. Fails with `STORE_CONFIG_MISMATCH` for a store made for
    /// another configuration, `STORE_CORRUPT` for one whose stored log does
    /// not check out.
    #[uniffi::constructor]
    pub fn open(path_or_url: String, config_json: String) -> Result<Arc<Self>, LandedError> {
        store_guard(|| Ok(Self::wrap(JsonStore::open(&path_or_url, &config_json)?)))
    }

    /// Opens an existing store with the configuration it was created with;
    /// a missing one fails with `STORE_IO`.
    #[uniffi::constructor]
    pub fn open_existing(path_or_url: String) -> Result<Arc<Self>, LandedError> {
        store_guard(|| Ok(Self::wrap(JsonStore::open_existing(&path_or_url)?)))
    }

    /// Creates a new store at `path_or_url` from the JSON-lines log in the
    /// file `jsonl_path` (what `export_jsonl` writes), for a book with
    /// `config_json`, after replaying and checking every event. A line that
    /// does not replay fails with `STORE_CORRUPT` naming it (no store is
    /// left behind); an existing store with `STORE_EXISTS`.
    #[uniffi::constructor]
    pub fn import_jsonl(
        path_or_url: String,
        jsonl_path: String,
        config_json: String,
    ) -> Result<Arc<Self>, LandedError> {
        store_guard(|| {
            Ok(Self::wrap(JsonStore::import_jsonl(
                &path_or_url,
                &jsonl_path,
                &config_json,
            )?))
        })
    }

    /// Executes one command as `Book.execute` does and writes its events
    /// before returning; the outcome JSON. Fails with `STORE_CONFLICT` if
    /// another handle wrote first (this one has reloaded: execute again).
    pub fn execute(
        &self,
        command_json: String,
        context_json: String,
    ) -> Result<String, LandedError> {
        store_guard(|| self.lock()?.execute(&command_json, &context_json))
    }

    /// Executes a JSON array of `{"command": …, "context": …}` as
    /// `Book.executeBatch` does and writes it in one transaction. A failure
    /// to write (a conflict, a database error) fails the whole call, and
    /// none of the batch is kept.
    pub fn execute_batch(
        &self,
        items_json: String,
        all_or_nothing: bool,
    ) -> Result<String, LandedError> {
        store_guard(|| self.lock()?.execute_batch(&items_json, all_or_nothing))
    }

    /// Writes a snapshot now, so the next open replays only what follows
    /// it; returns the `seq` of the last event it covers.
    pub fn snapshot_now(&self) -> Result<u64, LandedError> {
        store_guard(|| self.lock()?.snapshot_now())
    }

    /// Catches up with other handles' commits; returns whether there were
    /// any. Writes do not need it; reads that must be current do.
    pub fn refresh(&self) -> Result<bool, LandedError> {
        store_guard(|| self.lock()?.refresh())
    }

    /// Writes the whole stored log, one event per line, to the file at
    /// `path` (replaced if it exists); returns the number of events.
    pub fn export_jsonl(&self, path: String) -> Result<u64, LandedError> {
        store_guard(|| self.lock()?.export_jsonl(&path))
    }
}

crate::queries::with_queries!(Store);

/// The codes of the store's own failures (`STORE_CONFLICT`…), beside
/// `errorCodes()`, for hosts that declare constants.
#[uniffi::export]
pub fn store_error_codes() -> Result<Vec<String>, LandedError> {
    guard(|| {
        Ok(landed_json::STORE_CODES
            .iter()
            .map(|c| (*c).to_owned())
            .collect())
    })
}
