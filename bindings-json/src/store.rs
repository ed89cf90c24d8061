//! The JSON face of [`landed_store::Store`]: a durable book driven by JSON
//! text, for the bindings.
//!
//! [`JsonStore`] takes commands, contexts and configurations as the same
//! JSON text as [`JsonBook`](crate::JsonBook) and returns the same JSON; its
//! queries are [`JsonQueries`], answered on the book the store keeps in
//! memory (no copy). Its errors are [`StoreError`]s: a refused command
//! keeps the book's code (`INSUFFICIENT_STOCK`…), the store's own failures
//! have the codes in [`STORE_CODES`].
//!
//! ```
//! use landed_json::{JsonQueries, JsonStore};
//! let dir = std::env::temp_dir().join(format!("landed-json-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("module-doc.db");
//! # let _ = std::fs::remove_file(&path);
//! let path = path.to_str().unwrap();
//! let mut store = JsonStore::open(path, r#"{"functional_currency":"USD"}"#)?;
//! store.execute(
//!     r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
//!     r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1"}"#,
//! )?;
//! let head = store.head_hash();
//! drop(store);
//! let store = JsonStore::open_existing(path)?;
//! assert_eq!((store.version(), store.head_hash()), (1, head));
//! # Ok::<(), landed_json::StoreError>(())
//! ```

use std::io::{BufReader, BufWriter, Write};

use landed::book::command::{Command, Context};
use landed::book::{Book, BookConfig};
pub use landed_store::StoreError;
use landed_store::{Result, Store};

use crate::{JsonQueries, batch_mode, read_batch, render, render_batch};

/// The stable codes of the store's own failures, beside the book's
/// (`landed::LandedError::CODES`), which a refused command keeps.
///
/// ```
/// assert!(landed_json::STORE_CODES.contains(&"STORE_CONFLICT"));
/// ```
pub const STORE_CODES: &[&str] = &[
    "STORE_CONFLICT",
    "STORE_CORRUPT",
    "STORE_EXISTS",
    "STORE_IO",
    "STORE_CONFIG_MISMATCH",
];

/// Opens (creating it if missing) the store at `path_or_url`.
///
/// The one place that turns a binding's location into a store: a
/// `postgres://` or `postgresql://` URL (one book per `?schema=`) or a
/// SQLite file path, with or without `sqlite:`.
fn open_at(path_or_url: &str, config: BookConfig) -> Result<Store> {
    Store::open_url(path_or_url, config)
}

/// Opens the existing store at `path_or_url` (a URL or a path, as in
/// [`open_at`]).
fn open_existing_at(path_or_url: &str) -> Result<Store> {
    Store::open_existing_url(path_or_url)
}

/// The error of every call on a handle the binding has closed: code
/// `STORE_IO`, message `i/o: the store is closed`.
///
/// ```
/// assert_eq!(landed_json::closed_store_error().code(), "STORE_IO");
/// ```
pub fn closed_store_error() -> StoreError {
    std::io::Error::other("the store is closed").into()
}

/// A book bound to durable storage, driven by JSON text.
#[derive(Debug)]
pub struct JsonStore {
    store: Store,
}

impl JsonStore {
    /// Opens the store at `path_or_url` (a SQLite file path, or a `postgres://` URL),
    /// creating it with the `BookConfig` JSON object `config_json` if it
    /// does not exist; an existing store must have been made for the same
    /// configuration (`STORE_CONFIG_MISMATCH`). Opening checks the whole
    /// stored log (`STORE_CORRUPT`, naming the event).
    pub fn open(path_or_url: &str, config_json: &str) -> Result<Self> {
        let config = BookConfig::from_json(config_json)?;
        Ok(Self {
            store: open_at(path_or_url, config)?,
        })
    }

    /// Opens an existing store with the configuration it was created
    /// with; a missing one is `STORE_IO`.
    pub fn open_existing(path_or_url: &str) -> Result<Self> {
        Ok(Self {
            store: open_existing_at(path_or_url)?,
        })
    }

    /// Creates a new store at `path_or_url` from the JSON-lines log in the
    /// file `jsonl_path` (what [`JsonStore::export_jsonl`] writes), for a
    /// book with the `BookConfig` JSON `config_json`, after replaying and
    /// checking every event. A line that does not replay is
    /// `STORE_CORRUPT` naming it (and no store is left behind); an
    /// existing `path_or_url` is `STORE_EXISTS`.
    ///
    /// ```
    /// use landed_json::{JsonQueries, JsonStore};
    /// let dir = std::env::temp_dir().join(format!("landed-json-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let (from, lines, to) = (dir.join("export-from.db"), dir.join("export.jsonl"), dir.join("import-to.db"));
    /// # for p in [&from, &lines, &to] { let _ = std::fs::remove_file(p); }
    /// let usd = r#"{"functional_currency":"USD"}"#;
    /// let mut store = JsonStore::open(from.to_str().unwrap(), usd)?;
    /// store.execute(r#"{"type":"define_sku","code":"LAMP","name":"Lamp"}"#,
    ///     r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1"}"#)?;
    /// assert_eq!(store.export_jsonl(lines.to_str().unwrap())?, 1);
    /// let copy = JsonStore::import_jsonl(to.to_str().unwrap(), lines.to_str().unwrap(), usd)?;
    /// assert_eq!(copy.head_hash(), store.head_hash());
    /// let again = JsonStore::import_jsonl(to.to_str().unwrap(), lines.to_str().unwrap(), usd);
    /// assert_eq!(again.unwrap_err().code(), "STORE_EXISTS");
    /// # Ok::<(), landed_json::StoreError>(())
    /// ```
    pub fn import_jsonl(path_or_url: &str, jsonl_path: &str, config_json: &str) -> Result<Self> {
        let config = BookConfig::from_json(config_json)?;
        let file = std::fs::File::open(jsonl_path)?;
        Ok(Self {
            store: Store::import_jsonl_url(path_or_url, BufReader::new(file), config)?,
        })
    }

    /// The wrapped store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Executes one command (JSON) with its context (JSON) and writes its
    /// events before returning; returns the outcome as JSON, as
    /// [`JsonBook::execute`](crate::JsonBook::execute) does. Another
    /// writer's commit since this handle last read the store is
    /// `STORE_CONFLICT` (the handle has reloaded: execute again).
    pub fn execute(&mut self, command_json: &str, context_json: &str) -> Result<String> {
        let command = Command::from_json(command_json)?;
        let context = Context::from_json(context_json)?;
        let outcome = self.store.execute(command, &context)?;
        Ok(render(&outcome)?)
    }

    /// Executes a JSON array of `{"command": …, "context": …}` and writes
    /// the events in one transaction; returns the JSON array
    /// [`JsonBook::execute_batch`](crate::JsonBook::execute_batch) returns
    /// (`{"ok": outcome}` or `{"error": {"code", "message"}}` per entry),
    /// with the same `all_or_nothing` semantics. A failure to write (a
    /// conflict, a database error) fails the whole call, and none of the
    /// batch is kept.
    pub fn execute_batch(&mut self, items_json: &str, all_or_nothing: bool) -> Result<String> {
        let items = read_batch(items_json)?;
        let results = self
            .store
            .execute_batch(items, batch_mode(all_or_nothing))?;
        Ok(render_batch(results)?)
    }

    /// Writes a snapshot now; returns the `seq` of the last event it covers.
    pub fn snapshot_now(&mut self) -> Result<u64> {
        self.store.snapshot_now()
    }

    /// Catches up with other writers' commits; returns whether there were any.
    pub fn refresh(&mut self) -> Result<bool> {
        self.store.refresh()
    }

    /// Writes the whole stored log as JSON lines to the file at `path`
    /// (replaced if it exists); returns the number of events written.
    pub fn export_jsonl(&mut self, path: &str) -> Result<u64> {
        let mut out = BufWriter::new(std::fs::File::create(path)?);
        let written = self.store.export_jsonl(&mut out)?;
        out.flush()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        Ok(written)
    }
}

impl JsonQueries for JsonStore {
    fn book(&self) -> &Book {
        self.store.book()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USD: &str = r#"{"functional_currency":"USD"}"#;

    fn ctx(id: &str) -> String {
        format!(r#"{{"at":"2026-11-02T09:00:00Z","command_id":"{id}"}}"#)
    }

    fn scratch(name: &str) -> String {
        let dir = std::env::temp_dir().join(format!("landed-json-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        path.to_str().unwrap().to_owned()
    }

    const SHOP: [(&str, &str); 3] = [
        (
            r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
            "c1",
        ),
        (r#"{"type":"define_sku","code":"LAMP","name":"Lamp"}"#, "c2"),
        (
            r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":10,"unit_cost":{"amount":"2.50","currency":"USD"}}"#,
            "c3",
        ),
    ];
    const SALE: &str =
        r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":4,"reason":"sale"}"#;

    #[test]
    fn a_store_keeps_the_book_a_json_book_would() {
        let path = scratch("same-book.db");
        let mut store = JsonStore::open(&path, USD).unwrap();
        let mut book = crate::JsonBook::new(USD).unwrap();
        for (command, id) in SHOP {
            let stored = store.execute(command, &ctx(id)).unwrap();
            assert_eq!(stored, book.execute(command, &ctx(id)).unwrap());
        }
        drop(store);
        let store = JsonStore::open_existing(&path).unwrap();
        assert_eq!(store.version(), 3);
        assert_eq!(store.head_hash(), book.head_hash());
        assert_eq!(store.stock("LAMP").unwrap(), book.stock("LAMP").unwrap());
        assert_eq!(
            store.valuation(None).unwrap(),
            book.valuation(None).unwrap()
        );
        assert!(
            store
                .stock_by_location(None)
                .unwrap()
                .contains(r#""on_hand":10,"value":{"amount":"25.00","currency":"USD"}"#)
        );
        // A refused command keeps the book's code and writes nothing.
        let mut store = JsonStore::open(&path, USD).unwrap();
        let too_many = SALE.replace(":4,", ":40,");
        let err = store.execute(&too_many, &ctx("s1")).unwrap_err();
        assert_eq!(err.code(), "INSUFFICIENT_STOCK");
        let err = store
            .execute(r#"{"type":"teleport"}"#, &ctx("s1"))
            .unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
        assert_eq!(store.version(), 3);
        // Another configuration is refused.
        let err = JsonStore::open(&path, r#"{"functional_currency":"CNY"}"#).unwrap_err();
        assert_eq!(err.code(), "STORE_CONFIG_MISMATCH");
        let err = JsonStore::open(&path, r#"{"functional_currency":"XYZ"}"#).unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
    }

    #[test]
    fn two_handles_conflict_then_refresh() {
        let path = scratch("race.db");
        let mut first = JsonStore::open(&path, USD).unwrap();
        let mut second = JsonStore::open(&path, USD).unwrap();
        for (command, id) in SHOP {
            first.execute(command, &ctx(id)).unwrap();
        }
        // Valid on the book `second` holds, but the store has moved on.
        let depot = r#"{"type":"define_location","code":"DE","name":"Depot","kind":"own"}"#;
        let err = second.execute(depot, &ctx("d1")).unwrap_err();
        assert_eq!(err.code(), "STORE_CONFLICT");
        assert!(STORE_CODES.contains(&err.code()));
        // The conflict reloaded the handle: the retry applies.
        assert_eq!(second.version(), 3);
        let out = second.execute(depot, &ctx("d1")).unwrap();
        assert!(out.contains(r#""version":4"#), "{out}");
        assert_eq!(first.version(), 3);
        assert!(first.refresh().unwrap());
        assert!(!first.refresh().unwrap());
        assert_eq!(first.head_hash(), second.head_hash());
        first.execute(SALE, &ctx("s1")).unwrap();
        assert!(first.stock("LAMP").unwrap().contains(r#""on_hand":6"#));
        // The same command id again is a duplicate, written nowhere.
        let again = first.execute(SALE, &ctx("s1")).unwrap();
        assert!(again.contains(r#""duplicate":true"#), "{again}");
        assert_eq!(first.version(), 5);
    }

    #[test]
    fn batches_have_the_json_book_shape() {
        let path = scratch("batch.db");
        let mut store = JsonStore::open(&path, USD).unwrap();
        let item =
            |command: &str, id: &str| format!(r#"{{"command":{command},"context":{}}}"#, ctx(id));
        let items: Vec<String> = SHOP.iter().map(|(c, id)| item(c, id)).collect();
        let out = store
            .execute_batch(&format!("[{}]", items.join(",")), true)
            .unwrap();
        assert_eq!(out.matches(r#"{"ok":"#).count(), 3, "{out}");
        // Each atomic: the second sale is refused, the first is written.
        let sales = format!(
            "[{},{}]",
            item(&SALE.replace(":4,", ":6,"), "s1"),
            item(&SALE.replace(":4,", ":6,"), "s2")
        );
        let out = store.execute_batch(&sales, false).unwrap();
        assert!(
            out.contains(r#"{"error":{"code":"INSUFFICIENT_STOCK""#),
            "{out}"
        );
        // All or nothing: nothing of a failing batch is kept.
        let out = store.execute_batch(&sales.replace("s1", "s3").replace("s2", "s4"), true);
        assert!(out.unwrap().contains("INSUFFICIENT_STOCK"));
        assert_eq!(store.version(), 4);
        let err = store.execute_batch("[{}]", false).unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
        drop(store);
        let store = JsonStore::open_existing(&path).unwrap();
        assert!(store.stock("LAMP").unwrap().contains(r#""on_hand":4"#));
        let mut store = store;
        assert_eq!(store.snapshot_now().unwrap(), 6);
    }

    #[test]
    fn missing_files_and_closed_handles_have_codes() {
        let path = scratch("missing.db");
        let err = JsonStore::open_existing(&path).unwrap_err();
        assert_eq!(err.code(), "STORE_IO");
        assert!(err.to_string().contains("does not exist"), "{err}");
        let err = JsonStore::import_jsonl(&scratch("to.db"), &path, USD).unwrap_err();
        assert_eq!(err.code(), "STORE_IO");
        assert_eq!(closed_store_error().to_string(), "i/o: the store is closed");
    }

    /// The same handle over PostgreSQL: `test-rust.sh` starts a server and
    /// sets `LANDED_TEST_PG_URL` (and `LANDED_REQUIRE_PG=1`, which turns a
    /// missing server into a failure rather than a skip).
    #[test]
    fn a_postgres_url_opens_a_store_in_its_schema() {
        let Ok(url) = std::env::var("LANDED_TEST_PG_URL") else {
            assert!(
                std::env::var("LANDED_REQUIRE_PG").is_err(),
                "LANDED_REQUIRE_PG is set but LANDED_TEST_PG_URL is not"
            );
            eprintln!("skipped: LANDED_TEST_PG_URL is not set");
            return;
        };
        let sep = if url.contains('?') { '&' } else { '?' };
        let location = format!("{url}{sep}schema=json_store_{}", std::process::id());
        let mut store = JsonStore::open(&location, USD).unwrap();
        let mut book = crate::JsonBook::new(USD).unwrap();
        for (command, id) in SHOP {
            let stored = store.execute(command, &ctx(id)).unwrap();
            assert_eq!(stored, book.execute(command, &ctx(id)).unwrap());
        }
        drop(store);
        let mut store = JsonStore::open_existing(&location).unwrap();
        assert_eq!(store.version(), 3);
        assert_eq!(store.head_hash(), book.head_hash());
        store.execute(SALE, &ctx("s1")).unwrap();
        assert!(store.stock("LAMP").unwrap().contains(r#""on_hand":6"#));
        // The log exported from PostgreSQL imports into a SQLite file.
        let lines = scratch("from-pg.jsonl");
        store.export_jsonl(&lines).unwrap();
        let copy = JsonStore::import_jsonl(&scratch("from-pg.db"), &lines, USD).unwrap();
        assert_eq!(copy.head_hash(), store.head_hash());
        let missing = format!("{url}{sep}schema=json_store_missing_{}", std::process::id());
        // A schema without a book is refused and left as it was.
        let err = JsonStore::open_existing(&missing).unwrap_err();
        assert_eq!(err.code(), "STORE_CORRUPT");
        assert!(err.to_string().contains("holds no book"), "{err}");
    }
}
