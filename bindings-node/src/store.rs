//! The durable `Store`: a thin wrapper over [`landed_json::JsonStore`].
//!
//! The same JSON-shaped objects in and out as [`crate::book::Book`]; every
//! command is written to the store before the call returns. The store's own
//! failures throw an `Error` whose `code` is one of the store's codes
//! (`STORE_CONFLICT`, `STORE_CORRUPT`, `STORE_EXISTS`, `STORE_IO`,
//! `STORE_CONFIG_MISMATCH`); a refused command keeps the book's code.

use landed::LandedError;
use landed_json::{JsonQueries, JsonStore, StoreError, closed_store_error};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

use crate::book::{from_json, to_json_or_text, version_number};
use crate::error::{JsError, catch_panic, guard};

/// A store error as the JavaScript error thrown for it.
fn store_js(error: StoreError) -> JsError {
    napi::Error::new(error.code(), error.to_string())
}

/// The error of every call on a store whose handle panicked.
fn poisoned() -> JsError {
    napi::Error::new(
        "BOOK_POISONED",
        "the store handle is unusable: an earlier call panicked while changing its book, which \
         may have left it half updated in memory; open the store again (it holds every command \
         that was acknowledged)"
            .to_owned(),
    )
}

/// Opens a store, a panic being `INTERNAL`.
fn opened(open: impl FnOnce() -> Result<JsonStore, StoreError>) -> Result<Store, JsError> {
    match catch_panic(open) {
        Ok(Ok(inner)) => Ok(Store {
            inner: Some(inner),
            poisoned: false,
        }),
        Ok(Err(error)) => Err(store_js(error)),
        Err(detail) => Err(store_js(LandedError::Internal { detail }.into())),
    }
}

/// A book bound to durable storage (a SQLite file or a PostgreSQL schema).
///
/// `Store.open(pathOrUrl, config)` opens the store, creating it with
/// `config` (what `new Book(config)` takes) if it does not exist;
/// `Store.openExisting(pathOrUrl)` opens one that must exist. `execute` and
/// `executeBatch` write every command before they return; the queries are
/// `Book`'s, answered on the stored book. A write after another handle's
/// commit throws `STORE_CONFLICT` (this handle has reloaded: execute
/// again); `refresh()` catches up without writing. `close()` releases the
/// database; later calls throw `STORE_IO`.
///
/// The store's own failures throw an `Error` with code `STORE_CONFLICT`,
/// `STORE_CORRUPT`, `STORE_EXISTS`, `STORE_IO` or `STORE_CONFIG_MISMATCH`;
/// a refused command throws the book's code (`INSUFFICIENT_STOCK`…) and
/// writes nothing.
#[napi]
pub struct Store {
    /// `None` once closed.
    inner: Option<JsonStore>,
    /// Set when a call panicked while changing the book.
    poisoned: bool,
}

impl Store {
    /// Runs a query on the stored book.
    fn query<T>(&self, body: impl FnOnce(&JsonStore) -> landed::Result<T>) -> Result<T, JsError> {
        if self.poisoned {
            return Err(poisoned());
        }
        let inner = self
            .inner
            .as_ref()
            .ok_or_else(|| store_js(closed_store_error()))?;
        guard(|| body(inner))
    }

    /// Runs a change; a panic inside poisons the handle.
    fn write<T>(
        &mut self,
        body: impl FnOnce(&mut JsonStore) -> Result<T, StoreError>,
    ) -> Result<T, JsError> {
        if self.poisoned {
            return Err(poisoned());
        }
        let inner = self
            .inner
            .as_mut()
            .ok_or_else(|| store_js(closed_store_error()))?;
        match catch_panic(|| body(inner)) {
            Ok(result) => result.map_err(store_js),
            Err(detail) => {
                self.poisoned = true;
                Err(store_js(LandedError::Internal { detail }.into()))
            }
        }
    }
}

#[napi]
impl Store {
    /// Opens the store at `pathOrUrl` (a SQLite file path, or a `postgres://` URL), creating
    /// it with `config` if it does not exist. Throws
    /// `STORE_CONFIG_MISMATCH` for a store made for another configuration,
    /// `STORE_CORRUPT` for one whose stored log does not check out.
    #[napi(
        factory,
        ts_args_type = "pathOrUrl: string, config: BookConfig | string"
    )]
    pub fn open(env: &Env, path_or_url: String, config: Unknown<'_>) -> Result<Self, JsError> {
        let config = guard(|| to_json_or_text(env, config, "config"))?;
        opened(|| JsonStore::open(&path_or_url, &config))
    }

    /// Opens an existing store with the configuration it was created with;
    /// a missing one throws `STORE_IO`.
    #[napi(factory)]
    pub fn open_existing(path_or_url: String) -> Result<Self, JsError> {
        opened(|| JsonStore::open_existing(&path_or_url))
    }

    /// Creates a new store at `pathOrUrl` from the JSON-lines log in the
    /// file `jsonlPath` (what `exportJsonl` writes), for a book with
    /// `config`, after replaying and checking every event. A line that does
    /// not replay throws `STORE_CORRUPT` naming it (no store is left
    /// behind); an existing store, `STORE_EXISTS`.
    #[napi(
        factory,
        ts_args_type = "pathOrUrl: string, jsonlPath: string, config: BookConfig | string"
    )]
    pub fn import_jsonl(
        env: &Env,
        path_or_url: String,
        jsonl_path: String,
        config: Unknown<'_>,
    ) -> Result<Self, JsError> {
        let config = guard(|| to_json_or_text(env, config, "config"))?;
        opened(|| JsonStore::import_jsonl(&path_or_url, &jsonl_path, &config))
    }

    /// Executes one command, as `Book.execute` does, and writes its events
    /// before returning. Throws `STORE_CONFLICT` if another handle wrote
    /// first (this one has reloaded: execute again).
    #[napi(
        ts_args_type = "command: Command | string, context: Context | string",
        ts_return_type = "Outcome"
    )]
    pub fn execute<'env>(
        &mut self,
        env: &'env Env,
        command: Unknown<'_>,
        context: Unknown<'_>,
    ) -> Result<Unknown<'env>, JsError> {
        let (command, context) = guard(|| {
            Ok((
                to_json_or_text(env, command, "command")?,
                to_json_or_text(env, context, "context")?,
            ))
        })?;
        let out = self.write(|store| store.execute(&command, &context))?;
        from_json(env, &out)
    }

    /// Executes several `{ command, context }` items as `Book.executeBatch`
    /// does (`{ ok: outcome }` or `{ error: { code, message } }` each) and
    /// writes them in one transaction. A failure to write (a conflict, a
    /// database error) throws, and none of the batch is kept.
    #[napi(
        ts_args_type = "items: BatchItem[] | string, allOrNothing?: boolean",
        ts_return_type = "BatchResult[]"
    )]
    pub fn execute_batch<'env>(
        &mut self,
        env: &'env Env,
        items: Unknown<'_>,
        all_or_nothing: Option<bool>,
    ) -> Result<Unknown<'env>, JsError> {
        let items = guard(|| to_json_or_text(env, items, "batch"))?;
        let out =
            self.write(|store| store.execute_batch(&items, all_or_nothing.unwrap_or(false)))?;
        from_json(env, &out)
    }

    /// Writes a snapshot now, so the next open replays only what follows
    /// it; returns the `seq` of the last event it covers.
    #[napi]
    pub fn snapshot_now(&mut self) -> Result<i64, JsError> {
        self.write(|store| store.snapshot_now()).map(version_number)
    }

    /// Catches up with other handles' commits; returns whether there were
    /// any. Writes do not need it; reads that must be current do.
    #[napi]
    pub fn refresh(&mut self) -> Result<bool, JsError> {
        self.write(|store| store.refresh())
    }

    /// Writes the whole stored log, one event per line, to the file at
    /// `path` (replaced if it exists); returns the number of events.
    #[napi]
    pub fn export_jsonl(&mut self, path: String) -> Result<i64, JsError> {
        self.write(|store| store.export_jsonl(&path))
            .map(version_number)
    }

    /// Releases the database. Later calls throw `STORE_IO`; closing again
    /// does nothing.
    #[napi]
    pub fn close(&mut self) {
        self.inner = None;
    }

    /// Whether `close()` was called.
    #[napi(getter)]
    pub fn closed(&self) -> bool {
        self.inner.is_none()
    }
}

crate::queries::with_queries!(Store);
