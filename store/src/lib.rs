//! # landed-store
//!
//! A [`landed::Book`] bound to durable storage: one SQLite file per book
//! (SQLite compiled in, write-ahead logging), or one schema per book in a
//! PostgreSQL database (feature `postgres`, on by default; see
//! [`Store::open_url`]). The core stays pure; this
//! crate does the I/O a host would otherwise write itself: an append-only
//! event table, the log's head hash beside it, snapshots, optimistic
//! concurrency between processes, crash-safe batches, and an export and
//! import of the whole log as JSON lines. See `docs/store.md`.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
//! # fn main() -> landed_store::Result<()> {
//! use landed_store::Store;
//! let path = scratch("crate-doc.db");
//! let mut store = Store::open(&path, usd())?;
//! for (command, context) in small_shop() {
//!     store.execute(command, &context)?;
//! }
//! let head = store.book().head_hash_hex();
//! drop(store);
//! // Reopened: the same book, read back from the file and checked.
//! let store = Store::open(&path, usd())?;
//! assert_eq!(store.book().head_hash_hex(), head);
//! assert_eq!(store.book().stock("LAMP")?.on_hand, 10);
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod backend;
mod error;
#[cfg(feature = "postgres")]
mod pg;
mod schema;

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use landed::book::BatchMode;
use landed::book::event::{EventHash, GENESIS_HASH, Outcome, hex};
use landed::{Book, BookConfig, Command, Context, LandedError, RecordedEvent, Snapshot};
use sha2::{Digest, Sha256};

use backend::{Conn, EventRow, InsertError, Tx, TxKind};
use error::corrupt;
pub use error::{Result, StoreError};
use schema::{Head, int, text_hashes};

/// How many events a store writes between automatic snapshots, by default.
///
/// ```
/// assert_eq!(landed_store::StoreOptions::default().snapshot_every, landed_store::DEFAULT_SNAPSHOT_EVERY);
/// assert_eq!(landed_store::DEFAULT_SNAPSHOT_EVERY, 10_000);
/// ```
pub const DEFAULT_SNAPSHOT_EVERY: u64 = 10_000;

/// How a store runs: how often it takes snapshots and how long it waits
/// for another writer's lock.
///
/// ```
/// use std::time::Duration;
/// let options = landed_store::StoreOptions { snapshot_every: 500, ..Default::default() };
/// assert_eq!(options.busy_timeout, Duration::from_secs(5));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreOptions {
    /// A snapshot is written, in the same transaction, by the first commit
    /// that brings the log this many events past the last snapshot; 0
    /// turns automatic snapshots off ([`Store::snapshot_now`] still works).
    pub snapshot_every: u64,
    /// How long a write waits for another connection's lock before it
    /// fails with `STORE_IO` (SQLite's busy timeout, PostgreSQL's
    /// `lock_timeout`).
    pub busy_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            snapshot_every: DEFAULT_SNAPSHOT_EVERY,
            busy_timeout: Duration::from_secs(5),
        }
    }
}

/// A book bound to one SQLite file or one PostgreSQL schema.
///
/// The book lives in memory, as the core's [`Book`]; every command it
/// takes is written to the file in one transaction before the call
/// returns, and a command the file did not take is not kept in memory
/// either. See the methods for the guarantees.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
/// # fn main() -> landed_store::Result<()> {
/// let mut store = landed_store::Store::open(scratch("store-doc.db"), usd())?;
/// let batch = small_shop();
/// store.execute_batch(batch, landed::book::BatchMode::AllOrNothing)?;
/// assert_eq!(store.book().inventory_value().to_string(), "25.00 USD");
/// # Ok(()) }
/// ```
pub struct Store {
    conn: Conn,
    book: Book,
    path: PathBuf,
    options: StoreOptions,
    /// The `seq` of the newest snapshot in the file (0 for none).
    last_snapshot_seq: u64,
    /// True when the book in memory may hold what the file does not (a
    /// write failed and so did the reload after it): the next call
    /// reloads first.
    stale: bool,
    #[cfg(feature = "fault-injection")]
    abort_after_rows: Option<usize>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("version", &self.book.version())
            .field("events", &self.book.events_recorded())
            .field("head_hash", &self.book.head_hash_hex())
            .finish()
    }
}

impl Store {
    /// Opens the store in the file at `path`, creating it (with the tables
    /// and `config`) if it does not exist, with the default
    /// [`StoreOptions`]. See [`Store::open_with`].
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let store = landed_store::Store::open(scratch("open-doc.db"), usd())?;
    /// assert_eq!((store.book().version(), store.book().events_recorded()), (0, 0));
    /// // A file made for a USD book does not open as a CNY one.
    /// let err = landed_store::Store::open(store.path(), cny()).unwrap_err();
    /// assert_eq!(err.code(), "STORE_CONFIG_MISMATCH");
    /// # Ok(()) }
    /// ```
    pub fn open(path: impl AsRef<Path>, config: BookConfig) -> Result<Self> {
        Self::open_with(path, config, StoreOptions::default())
    }

    /// Opens or creates the store at `path` for a book with `config`
    /// (an existing file must have been made for the same configuration,
    /// or `STORE_CONFIG_MISMATCH`).
    ///
    /// Opening reads the whole file and trusts nothing in it: it restores
    /// the newest snapshot ([`Book::restore`] checks its checksum and
    /// structure), checks every stored event against the hash chain (its
    /// stored text must hash, after the event before it, to the hash it
    /// carries, and the snapshot's head must be the hash of the event it
    /// was taken at), replays the events after the snapshot with the core's
    /// checks, and compares the log's end with the head kept in `meta`. Any
    /// difference is `STORE_CORRUPT`, naming the event.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// use landed_store::{Store, StoreOptions};
    /// let options = StoreOptions { snapshot_every: 2, ..Default::default() };
    /// let mut store = Store::open_with(scratch("open-with-doc.db"), usd(), options.clone())?;
    /// for (command, context) in small_shop() {
    ///     store.execute(command, &context)?;
    /// }
    /// let store = Store::open_with(store.path().to_owned(), usd(), options)?;
    /// assert_eq!(store.book().stock("LAMP")?.on_hand, 10);
    /// # Ok(()) }
    /// ```
    pub fn open_with(
        path: impl AsRef<Path>,
        config: BookConfig,
        options: StoreOptions,
    ) -> Result<Self> {
        let path = path.as_ref();
        let conn = Conn::sqlite(path, options.busy_timeout)?;
        Self::initialized(conn, path.to_owned(), Some(config), options)
    }

    /// Opens an existing store with the configuration it was created with.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let path = scratch("open-existing-doc.db");
    /// drop(landed_store::Store::open(&path, cny())?);
    /// let store = landed_store::Store::open_existing(&path)?;
    /// assert_eq!(store.book().config().functional_currency.code(), "CNY");
    /// # Ok(()) }
    /// ```
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} does not exist", path.display()),
            )
            .into());
        }
        let options = StoreOptions::default();
        let conn = Conn::sqlite(path, options.busy_timeout)?;
        Self::initialized(conn, path.to_owned(), None, options)
    }

    /// Opens or creates the store at `location` for a book with `config`,
    /// with the default [`StoreOptions`]: a `postgres://` or
    /// `postgresql://` URL is a PostgreSQL database (feature `postgres`,
    /// on by default; see [`Store::open_url_with`]), anything else the
    /// path of a SQLite file, with or without a `sqlite:` prefix.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let path = scratch("open-url-doc.db");
    /// let location = format!("sqlite:{}", path.display());
    /// let store = landed_store::Store::open_url(&location, usd())?;
    /// assert_eq!(store.path(), path);
    /// # Ok(()) }
    /// ```
    ///
    /// ```no_run
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// // The book of the entity ACME-CN, in its own schema of a server.
    /// let url = "postgres://landed:secret@db.example:5432/books?schema=acme_cn";
    /// let mut store = landed_store::Store::open_url(url, cny())?;
    /// for (command, context) in lamp_commands() {
    ///     store.execute(command, &context)?;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn open_url(location: &str, config: BookConfig) -> Result<Self> {
        Self::open_url_with(location, config, StoreOptions::default())
    }

    /// [`Store::open_url`] with `options`. On PostgreSQL, the URL is the
    /// driver's (`postgres://user:password@host:port/database?...`, see
    /// the `postgres` crate's `Config`) with one parameter of the store's
    /// own: `schema=<name>` (lowercase letters, digits and underscores;
    /// `public` by default), the schema that holds the book's tables. The
    /// schema and tables are created if they are missing. One schema holds
    /// one book. `busy_timeout` is PostgreSQL's `lock_timeout`: how long a
    /// writer waits for another writer's transaction. Everything else
    /// (replay, the hash chain, snapshots, conflicts) works as
    /// [`Store::open_with`] describes.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// use landed_store::{Store, StoreOptions};
    /// let options = StoreOptions { snapshot_every: 2, ..Default::default() };
    /// let path = scratch("open-url-with-doc.db");
    /// let location = path.to_str().unwrap();
    /// let mut store = Store::open_url_with(location, usd(), options.clone())?;
    /// store.execute_batch(small_shop(), landed::book::BatchMode::AllOrNothing)?;
    /// drop(store);
    /// let store = Store::open_url_with(location, usd(), options)?;
    /// assert_eq!(store.book().version(), 3);
    /// # Ok(()) }
    /// ```
    pub fn open_url_with(
        location: &str,
        config: BookConfig,
        options: StoreOptions,
    ) -> Result<Self> {
        if is_postgres_url(location) {
            let conn = postgres_conn(location, &options)?;
            return Self::initialized(conn, redact(location).into(), Some(config), options);
        }
        Self::open_with(sqlite_path(location)?, config, options)
    }

    /// Opens an existing store at `location` (as [`Store::open_url`] reads
    /// it) with the configuration it was created with. A PostgreSQL schema
    /// that holds no book is `STORE_CORRUPT` and is left unchanged.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let path = scratch("open-existing-url-doc.db");
    /// drop(landed_store::Store::open(&path, cny())?);
    /// let store = landed_store::Store::open_existing_url(&format!("sqlite:{}", path.display()))?;
    /// assert_eq!(store.book().config().functional_currency.code(), "CNY");
    /// # Ok(()) }
    /// ```
    pub fn open_existing_url(location: &str) -> Result<Self> {
        if is_postgres_url(location) {
            let options = StoreOptions::default();
            let conn = postgres_conn(location, &options)?;
            return Self::initialized(conn, redact(location).into(), None, options);
        }
        Self::open_existing(sqlite_path(location)?)
    }

    /// Creates the tables if needed, checks or writes the configuration,
    /// and loads the book.
    fn initialized(
        mut conn: Conn,
        path: PathBuf,
        config: Option<BookConfig>,
        options: StoreOptions,
    ) -> Result<Self> {
        let config = {
            let mut tx = conn.begin(TxKind::Init)?;
            let (config, _) = schema::init(&mut tx, config.as_ref())?;
            tx.commit()?;
            config
        };
        let (book, last_snapshot_seq) = load(&mut conn, &config)?;
        Ok(Self {
            conn,
            book,
            path,
            options,
            last_snapshot_seq,
            stale: false,
            #[cfg(feature = "fault-injection")]
            abort_after_rows: None,
        })
    }

    /// The book, for queries: every command in it is in the file, except
    /// in one case: a write failed and the reload after it failed too (the
    /// database is unreachable). The handle is then stale and its next
    /// call reloads before anything else.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let mut store = landed_store::Store::open(scratch("book-doc.db"), usd())?;
    /// for (command, context) in small_shop() {
    ///     store.execute(command, &context)?;
    /// }
    /// assert_eq!(store.book().position("LAMP", "SZ", None)?.quantities.available, 10);
    /// # Ok(()) }
    /// ```
    pub fn book(&self) -> &Book {
        &self.book
    }

    /// The database file; for a PostgreSQL store, its URL without the
    /// password.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let path = scratch("path-doc.db");
    /// let store = landed_store::Store::open(&path, usd())?;
    /// assert_eq!(store.path(), path);
    /// # Ok(()) }
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Executes one command on the book and appends its events to the file
    /// in one transaction.
    ///
    /// The transaction takes SQLite's write lock (`BEGIN IMMEDIATE`; on
    /// PostgreSQL, the lock on the head row) and first compares the head kept in the file with the book's head before
    /// the command: if another handle or process committed since this
    /// handle last read the file, nothing is written, the handle reloads
    /// from the file and the call fails with `STORE_CONFLICT` (execute the
    /// command again to apply it on the newer book). Each event is checked
    /// to chain to the stored head before it is inserted.
    ///
    /// A command the book refuses writes nothing and keeps the book's code
    /// (`INSUFFICIENT_STOCK`...). A retried command id is answered from the
    /// book (`duplicate`) and writes nothing. If the write fails, the book
    /// is rebuilt from the file, so it never holds a command the file does
    /// not.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let mut store = landed_store::Store::open(scratch("execute-doc.db"), usd())?;
    /// for (command, context) in small_shop() {
    ///     store.execute(command, &context)?;
    /// }
    /// let out = store.execute(sale(4), &ctx("order-1"))?;
    /// assert_eq!((out.version, out.events.len()), (4, 2)); // the issue and its voucher
    /// let err = store.execute(sale(7), &ctx("order-2")).unwrap_err();
    /// assert_eq!(err.code(), "INSUFFICIENT_STOCK");
    /// assert_eq!(store.book().version(), 4);
    /// # Ok(()) }
    /// ```
    pub fn execute<'c>(
        &mut self,
        command: impl Into<Cow<'c, Command>>,
        context: &Context,
    ) -> Result<Outcome> {
        self.ensure_current()?;
        let before = Head::of(&self.book);
        let start = self.book.head_hash();
        let outcome = self.book.execute(command, context)?;
        if !outcome.duplicate {
            let texts = texts_of(&outcome.events)?;
            self.commit(&before, start, texts)?;
        }
        Ok(outcome)
    }

    /// Executes several commands with the core's [`Book::execute_batch`]
    /// and appends all the events they produced in one transaction, with
    /// the checks of [`Store::execute`]. The outer result fails when
    /// nothing could be written (a conflict, a database error: the book is
    /// then reloaded, so none of the batch is kept); the inner results are
    /// the core's, one per command run.
    ///
    /// In [`BatchMode::AllOrNothing`] a refused command undoes the batch
    /// in the book, and nothing is written. In [`BatchMode::EachAtomic`]
    /// the commands that succeeded are written together. Either way the
    /// file takes the batch in one commit: a process killed in the middle
    /// leaves the file as it was before the batch.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// use landed::book::BatchMode;
    /// let mut store = landed_store::Store::open(scratch("batch-doc.db"), usd())?;
    /// let results = store.execute_batch(small_shop(), BatchMode::AllOrNothing)?;
    /// assert!(results.iter().all(|r| r.is_ok()));
    /// let orders = vec![(sale(6), ctx("o-1")), (sale(6), ctx("o-2"))];
    /// let results = store.execute_batch(orders, BatchMode::EachAtomic)?;
    /// assert_eq!(results[1].as_ref().unwrap_err().code(), "INSUFFICIENT_STOCK");
    /// assert_eq!(store.book().stock("LAMP")?.on_hand, 4);
    /// # Ok(()) }
    /// ```
    pub fn execute_batch(
        &mut self,
        commands: impl IntoIterator<Item = (Command, Context)>,
        mode: BatchMode,
    ) -> Result<Vec<landed::Result<Outcome>>> {
        self.ensure_current()?;
        let before = Head::of(&self.book);
        let start = self.book.head_hash();
        // Each command's events are serialized as soon as it has run,
        // while they are the newest: then each is serialized once (see
        // `Book::execute_batch_with`).
        let mut results = Vec::new();
        let mut texts = Vec::new();
        let mut unwritten = None;
        self.book.execute_batch_with(commands, mode, |result| {
            if let Ok(outcome) = &result
                && !outcome.duplicate
            {
                match texts_of(&outcome.events) {
                    Ok(more) => texts.extend(more),
                    Err(e) => {
                        unwritten.get_or_insert(e);
                    }
                }
            }
            results.push(result);
        });
        if let Some(e) = unwritten {
            // Cannot happen (an event always serializes); if it did, the
            // book holds commands the file does not: rebuild it from there.
            self.reload()?;
            return Err(e.into());
        }
        let undone = mode == BatchMode::AllOrNothing && results.iter().any(|r| r.is_err());
        if undone {
            texts.clear();
        }
        if !texts.is_empty() {
            self.commit(&before, start, texts)?;
        }
        if self.book.is_poisoned() {
            // An internal fault stopped an each-atomic batch: what it had
            // committed is in the file; the book is rebuilt from there.
            self.reload()?;
        }
        Ok(results)
    }

    /// Writes a snapshot of the book now (replacing older ones), so the
    /// next open restores it and replays only the events after it.
    /// Returns the `seq` of the last event it covers. Fails with
    /// `STORE_CONFLICT` (after reloading) if the file has moved past the
    /// book.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let mut store = landed_store::Store::open(scratch("snapshot-doc.db"), usd())?;
    /// for (command, context) in small_shop() {
    ///     store.execute(command, &context)?;
    /// }
    /// assert_eq!(store.snapshot_now()?, 4); // two definitions, a receipt and its voucher
    /// # Ok(()) }
    /// ```
    pub fn snapshot_now(&mut self) -> Result<u64> {
        self.ensure_current()?;
        let ours = Head::of(&self.book);
        let mut tx = self.conn.begin(TxKind::Write)?;
        let stored = tx.read_head()?;
        if stored != ours {
            drop(tx);
            self.reload()?;
            return Err(StoreError::Conflict {
                expected_version: ours.version,
                found_version: stored.version,
            });
        }
        insert_snapshot(&mut tx, &self.book)?;
        tx.commit()?;
        self.last_snapshot_seq = ours.seq;
        Ok(ours.seq)
    }

    /// Catches up with commits other handles or processes made to the
    /// file since this handle last read it (by reloading); returns whether
    /// there were any. Writes do not need it (a stale handle's write fails
    /// with `STORE_CONFLICT` and reloads), reads that must be current do.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// use landed_store::Store;
    /// let path = scratch("refresh-doc.db");
    /// let mut writer = Store::open(&path, usd())?;
    /// let mut reader = Store::open(&path, usd())?;
    /// for (command, context) in small_shop() {
    ///     writer.execute(command, &context)?;
    /// }
    /// assert_eq!(reader.book().version(), 0);
    /// assert!(reader.refresh()?);
    /// assert_eq!(reader.book().version(), 3);
    /// assert!(!reader.refresh()?);
    /// # Ok(()) }
    /// ```
    pub fn refresh(&mut self) -> Result<bool> {
        if !self.stale {
            let mut tx = self.conn.begin(TxKind::Read)?;
            let stored = tx.read_head()?;
            tx.commit()?;
            if stored == Head::of(&self.book) {
                return Ok(false);
            }
        }
        self.reload()?;
        Ok(true)
    }

    /// Writes the whole log, oldest first, one event per line as the file
    /// holds it (the JSON the core writes, hash included): the form
    /// [`Store::import_jsonl`] and [`Book::replay_json_lines`] read.
    /// Reads one consistent state of the file, whatever other writers do
    /// meanwhile. Returns the number of events written.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let mut store = landed_store::Store::open(scratch("export-doc.db"), usd())?;
    /// for (command, context) in small_shop() {
    ///     store.execute(command, &context)?;
    /// }
    /// let mut lines = Vec::new();
    /// assert_eq!(store.export_jsonl(&mut lines)?, 4);
    /// let text = String::from_utf8(lines).unwrap();
    /// let replayed = landed::Book::replay_json_lines(usd(), &text)?;
    /// assert_eq!(replayed.head_hash_hex(), store.book().head_hash_hex());
    /// # Ok(()) }
    /// ```
    pub fn export_jsonl(&mut self, writer: impl Write) -> Result<u64> {
        let mut writer = std::io::BufWriter::new(writer);
        let mut tx = self.conn.begin(TxKind::Read)?;
        let mut count = 0u64;
        tx.each_event(&mut |row| {
            writer.write_all(row.json.as_bytes())?;
            writer.write_all(b"\n")?;
            count += 1;
            Ok(())
        })?;
        tx.commit()?;
        writer.flush()?;
        Ok(count)
    }

    /// Creates a new store at `path` from a log in JSON lines (what
    /// [`Store::export_jsonl`] writes, or a host's own event file), after
    /// replaying it: every event is checked as [`Book::replay_one`] checks
    /// it (its hash against the chain, its figures), the whole log as
    /// [`Book::verify`] does, all in one transaction. A line that is not an
    /// event or fails a check is `STORE_CORRUPT` naming the line, and no
    /// file is left behind; an existing `path` is `STORE_EXISTS`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// use landed_store::Store;
    /// let mut store = Store::open(scratch("import-from.db"), usd())?;
    /// for (command, context) in small_shop() {
    ///     store.execute(command, &context)?;
    /// }
    /// let mut lines = Vec::new();
    /// store.export_jsonl(&mut lines)?;
    /// let copy = Store::import_jsonl(scratch("import-to.db"), &lines[..], usd())?;
    /// assert_eq!(copy.book().head_hash_hex(), store.book().head_hash_hex());
    /// // An edited line is refused, and leaves no file.
    /// let edited = String::from_utf8(lines).unwrap().replace(r#""quantity":10"#, r#""quantity":11"#);
    /// let target = scratch("import-edited.db");
    /// let err = Store::import_jsonl(&target, edited.as_bytes(), usd()).unwrap_err();
    /// assert_eq!(err.code(), "STORE_CORRUPT");
    /// assert!(!target.exists());
    /// # Ok(()) }
    /// ```
    pub fn import_jsonl(
        path: impl AsRef<Path>,
        reader: impl Read,
        config: BookConfig,
    ) -> Result<Self> {
        let path = path.as_ref();
        // Claims the name: a new, empty file, which SQLite takes as a new
        // database.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::Exists {
                    path: path.to_owned(),
                });
            }
            Err(e) => return Err(e.into()),
        }
        let options = StoreOptions::default();
        let imported = Conn::sqlite(path, options.busy_timeout)
            .and_then(|conn| import(conn, path.to_owned(), reader, config, options));
        if imported.is_err() {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        imported
    }

    /// [`Store::import_jsonl`] at a `location` as [`Store::open_url`] reads
    /// it. On PostgreSQL, the schema must not hold a book yet
    /// (`STORE_EXISTS`); the schema, the tables and every event are created
    /// in one transaction, so a refused import leaves nothing behind.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// use landed_store::Store;
    /// let mut store = Store::open(scratch("import-url-from.db"), usd())?;
    /// store.execute_batch(small_shop(), landed::book::BatchMode::AllOrNothing)?;
    /// let mut lines = Vec::new();
    /// store.export_jsonl(&mut lines)?;
    /// let target = format!("sqlite:{}", scratch("import-url-to.db").display());
    /// let copy = Store::import_jsonl_url(&target, &lines[..], usd())?;
    /// assert_eq!(copy.book().head_hash_hex(), store.book().head_hash_hex());
    /// # Ok(()) }
    /// ```
    pub fn import_jsonl_url(location: &str, reader: impl Read, config: BookConfig) -> Result<Self> {
        if is_postgres_url(location) {
            let options = StoreOptions::default();
            let conn = postgres_conn(location, &options)?;
            return import(conn, redact(location).into(), reader, config, options);
        }
        Self::import_jsonl(sqlite_path(location)?, reader, config)
    }

    /// Test hook (feature `fault-injection`, never in a normal build): the
    /// next write aborts the process after inserting `rows` event rows,
    /// inside its transaction.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/helpers.rs"));
    /// # fn main() -> landed_store::Result<()> {
    /// let mut store = landed_store::Store::open(scratch("hook-doc.db"), usd())?;
    /// store.abort_after_rows(None); // off
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "fault-injection")]
    #[doc(hidden)]
    pub fn abort_after_rows(&mut self, rows: Option<usize>) {
        self.abort_after_rows = rows;
    }

    /// Reloads if a failed write left the book ahead of the file.
    fn ensure_current(&mut self) -> Result<()> {
        if self.stale || self.book.is_poisoned() {
            self.reload()?;
        }
        Ok(())
    }

    /// Rebuilds the book from the file.
    fn reload(&mut self) -> Result<()> {
        self.stale = true;
        let config = self.book.config().clone();
        let (book, last_snapshot_seq) = load(&mut self.conn, &config)?;
        self.book = book;
        self.last_snapshot_seq = last_snapshot_seq;
        self.stale = false;
        Ok(())
    }

    /// Writes `events`, which the book just recorded after `before`
    /// (whose hash is `start`); on failure, rebuilds the book from the file.
    fn commit(
        &mut self,
        before: &Head,
        start: EventHash,
        events: Vec<(Arc<RecordedEvent>, String)>,
    ) -> Result<()> {
        let written = self.write(before, start, events);
        if written.is_err() {
            // The book holds the command; the file does not. A lost
            // PostgreSQL session may only show as the reload's failure,
            // after which the backend starts a new one: so try twice. If
            // both fail, `stale` stays set and the next call tries again.
            if self.reload().is_err() {
                let _ = self.reload();
            }
        }
        written
    }

    /// The transaction of [`Store::commit`].
    fn write(
        &mut self,
        before: &Head,
        start: EventHash,
        events: Vec<(Arc<RecordedEvent>, String)>,
    ) -> Result<()> {
        let Some((last, _)) = events.last() else {
            return Ok(());
        };
        let (last_seq, last_version) = (last.seq, last.version);
        let mut tx = self.conn.begin(TxKind::Write)?;
        let stored = tx.read_head()?;
        if stored != *before {
            return Err(StoreError::Conflict {
                expected_version: before.version,
                found_version: stored.version,
            });
        }
        // The stored head is the book's head before the command (`start`).
        let mut previous = start;
        #[allow(unused_variables)]
        for (written, (event, json)) in events.into_iter().enumerate() {
            #[cfg(feature = "fault-injection")]
            if self.abort_after_rows == Some(written) {
                std::process::abort();
            }
            let hash = match text_hashes(&previous, &json) {
                Some((claimed, actual)) if claimed == hex(&actual) => actual,
                _ => {
                    return Err(corrupt(format!(
                        "event {} does not chain to the stored head",
                        event.seq
                    )));
                }
            };
            let row = EventRow {
                seq: int(event.seq)?,
                version: int(event.version)?,
                command_id: event.command_id.to_string(),
                json,
                hash: hex(&hash),
            };
            match tx.insert_event(&row) {
                Ok(()) => {}
                // The head check makes this unreachable unless `meta` and
                // the events disagree, or (PostgreSQL) another writer got
                // past the head's lock: a taken `seq` is a conflict.
                Err(InsertError::Taken) => {
                    return Err(StoreError::Conflict {
                        expected_version: before.version,
                        found_version: stored.version.max(before.version + 1),
                    });
                }
                Err(InsertError::Other(e)) => return Err(e),
            }
            previous = hash;
        }
        let head = Head {
            seq: last_seq,
            version: last_version,
            hash: hex(&previous),
        };
        // (A book poisoned by a fault in an each-atomic batch may hold part
        // of the failed command: what it committed before is written, and
        // the caller rebuilds it from the file.)
        if !self.book.is_poisoned() && head != Head::of(&self.book) {
            return Err(corrupt(
                "the events written do not end at the book's head".to_owned(),
            ));
        }
        tx.write_head(&head)?;
        let every = self.options.snapshot_every;
        let snapshot_due = every > 0 && head.seq.saturating_sub(self.last_snapshot_seq) >= every;
        if snapshot_due {
            insert_snapshot(&mut tx, &self.book)?;
        }
        tx.commit()?;
        if snapshot_due {
            self.last_snapshot_seq = head.seq;
        }
        Ok(())
    }
}

/// Writes a snapshot of `book` and drops the older ones.
fn insert_snapshot(tx: &mut Tx<'_>, book: &Book) -> Result<()> {
    let seq = int(book.events_recorded())?;
    let json = serde_json::to_string(&book.snapshot())?;
    tx.put_snapshot(seq, int(book.version())?, &json)
}

/// Reads one stored event.
fn parse_event(seq: u64, text: &str) -> Result<RecordedEvent> {
    landed::json::decode(text, |reason| LandedError::InvalidEventLog { seq, reason })
        .map_err(|e| corrupt(format!("event {seq}: {e}")))
}

/// Checks one stored row against the chain after `previous`; returns the
/// event's hash.
fn check_row(
    seq: u64,
    previous: &EventHash,
    json: &str,
    hash_column: &str,
    parsed: Option<&RecordedEvent>,
) -> Result<EventHash> {
    let (claimed, actual) = match text_hashes(previous, json) {
        Some((claimed, actual)) => (claimed.to_owned(), actual),
        // Another layout (the row was rewritten by a tool): hash the event.
        None => {
            let owned;
            let event = match parsed {
                Some(event) => event,
                None => {
                    owned = parse_event(seq, json)?;
                    &owned
                }
            };
            let claimed = event
                .hash_hex()
                .ok_or_else(|| corrupt(format!("event {seq} carries no hash")))?;
            let mut hasher = Sha256::new();
            hasher.update(previous);
            hasher.update(event.canonical_bytes());
            (claimed, hasher.finalize().into())
        }
    };
    if claimed != hex(&actual) {
        return Err(corrupt(format!(
            "event {seq} does not hash to the hash it carries ({claimed}): it or an event before it was changed"
        )));
    }
    if claimed != hash_column {
        return Err(corrupt(format!(
            "event {seq}: the hash column differs from the event's hash"
        )));
    }
    Ok(actual)
}

/// Reads the book out of the file: the newest snapshot, then every event
/// row checked against the chain and those after the snapshot replayed,
/// then the head kept in `meta` compared with the log's end. Returns the
/// book and the snapshot's `seq` (0 for none).
fn load(conn: &mut Conn, config: &BookConfig) -> Result<(Book, u64)> {
    // One read transaction: a consistent state of the database whatever
    // other writers commit meanwhile (write-ahead logging in SQLite,
    // repeatable read in PostgreSQL).
    let mut tx = conn.begin(TxKind::Read)?;
    let head = tx.read_head()?;
    let snapshot = tx.latest_snapshot()?;
    let (mut book, snapshot_seq) = match snapshot {
        Some((seq, json)) => {
            let seq = u64::try_from(seq).map_err(|_| corrupt("a snapshot has a negative seq"))?;
            let book = Snapshot::from_json(&json)
                .and_then(Book::restore)
                .map_err(|e| corrupt(format!("the snapshot at event {seq}: {e}")))?;
            if book.events_recorded() != seq {
                return Err(corrupt(format!(
                    "the snapshot filed at event {seq} was taken at event {}",
                    book.events_recorded()
                )));
            }
            if book.config() != config {
                return Err(corrupt(format!(
                    "the snapshot at event {seq} has another book configuration"
                )));
            }
            (book, seq)
        }
        None => (Book::new(config.clone())?, 0),
    };
    let snapshot_head = book.head_hash();
    let mut previous = GENESIS_HASH;
    let mut next = 1u64;
    tx.each_event(&mut |row| {
        if u64::try_from(row.seq).ok() != Some(next) {
            return Err(corrupt(format!(
                "event {next} is missing (the next row is {})",
                row.seq
            )));
        }
        let tail = next > snapshot_seq;
        let event = if tail {
            Some(parse_event(next, &row.json)?)
        } else {
            None
        };
        previous = check_row(next, &previous, &row.json, &row.hash, event.as_ref())?;
        if next == snapshot_seq && previous != snapshot_head {
            return Err(corrupt(format!(
                "the snapshot's head differs from the hash of event {next}"
            )));
        }
        if let Some(event) = event {
            if u64::try_from(row.version).ok() != Some(event.version)
                || row.command_id != *event.command_id
            {
                return Err(corrupt(format!(
                    "event {next}: the version or command_id column differs from the event"
                )));
            }
            book.replay_one(event)
                .map_err(|e| corrupt(format!("event {next}: {e}")))?;
        }
        next += 1;
        Ok(())
    })?;
    let last = next - 1;
    if last < snapshot_seq {
        return Err(corrupt(format!(
            "the snapshot is at event {snapshot_seq}, the log ends at event {last}"
        )));
    }
    if last > snapshot_seq {
        // The checks that need the whole state: replay's end checks on a
        // book replayed from empty; restore's structural checks on one
        // restored from a snapshot (replay's would miss what the snapshot
        // holds).
        if snapshot_seq == 0 {
            book.verify().map_err(|e| corrupt(e.to_string()))?;
        } else {
            book = Book::restore(book.snapshot()).map_err(|e| corrupt(e.to_string()))?;
        }
    }
    let ours = Head::of(&book);
    if ours != head {
        return Err(corrupt(format!(
            "the log ends at event {} (version {}, hash {}), but the head kept beside it is event {} (version {}, hash {}): the log was truncated or rewritten",
            ours.seq, ours.version, ours.hash, head.seq, head.version, head.hash
        )));
    }
    tx.commit()?;
    Ok((book, snapshot_seq))
}

/// The body of [`Store::import_jsonl`] and [`Store::import_jsonl_url`],
/// on a database that must not hold a book yet.
fn import(
    mut conn: Conn,
    path: PathBuf,
    reader: impl Read,
    config: BookConfig,
    options: StoreOptions,
) -> Result<Store> {
    let (book, snapshot_seq) = {
        // One transaction from the tables to the head: a refused import
        // commits nothing (in PostgreSQL, not even the schema).
        let mut tx = conn.begin(TxKind::Init)?;
        let (config, created) = schema::init(&mut tx, Some(&config))?;
        if !created {
            return Err(StoreError::Exists { path });
        }
        let mut book = Book::new(config)?;
        let mut reader = BufReader::new(reader);
        let mut line = String::new();
        let mut number = 0u64;
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                break;
            }
            number += 1;
            let text = line.trim_end_matches(['\n', '\r']);
            if text.trim().is_empty() {
                continue;
            }
            let bad = |e: LandedError| corrupt(format!("line {number}: {e}"));
            let event: RecordedEvent = landed::json::decode(text, |reason| {
                LandedError::InvalidEventLog { seq: 0, reason }
            })
            .map_err(bad)?;
            let event = Arc::new(event);
            book.replay_one(Arc::clone(&event)).map_err(bad)?;
            let hash = event
                .hash_hex()
                .ok_or_else(|| corrupt(format!("line {number}: the event has no hash")))?;
            let row = EventRow {
                seq: int(event.seq)?,
                version: int(event.version)?,
                command_id: event.command_id.to_string(),
                json: event_json(&event)?,
                hash,
            };
            match tx.insert_event(&row) {
                Ok(()) => {}
                Err(InsertError::Taken) => {
                    return Err(corrupt(format!(
                        "line {number}: event {} is there twice",
                        event.seq
                    )));
                }
                Err(InsertError::Other(e)) => return Err(e),
            }
        }
        book.verify()
            .map_err(|e| corrupt(format!("the whole log: {e}")))?;
        tx.write_head(&Head::of(&book))?;
        let every = options.snapshot_every;
        let snapshot_seq = if every > 0 && book.events_recorded() >= every {
            insert_snapshot(&mut tx, &book)?;
            book.events_recorded()
        } else {
            0
        };
        tx.commit()?;
        (book, snapshot_seq)
    };
    Ok(Store {
        conn,
        book,
        path,
        options,
        last_snapshot_seq: snapshot_seq,
        stale: false,
        #[cfg(feature = "fault-injection")]
        abort_after_rows: None,
    })
}

/// True when `location` names a PostgreSQL database (`postgres://` or
/// `postgresql://`, in any case).
fn is_postgres_url(location: &str) -> bool {
    let scheme = location.get(..13).unwrap_or(location).to_ascii_lowercase();
    scheme.starts_with("postgres://") || scheme.starts_with("postgresql://")
}

/// A connection to the PostgreSQL database at `location`.
#[cfg(feature = "postgres")]
fn postgres_conn(location: &str, options: &StoreOptions) -> Result<Conn> {
    Ok(Conn::Postgres(Box::new(pg::PgConn::connect(
        location,
        options.busy_timeout,
    )?)))
}

/// Without the `postgres` feature, a PostgreSQL location is refused (not
/// taken for a file name).
#[cfg(not(feature = "postgres"))]
fn postgres_conn(location: &str, _: &StoreOptions) -> Result<Conn> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        format!(
            "{}: landed-store was built without its `postgres` feature",
            redact(location)
        ),
    )
    .into())
}

/// `location` without its password, for messages and [`Store::path`].
fn redact(location: &str) -> String {
    let Some((scheme, rest)) = location.split_once("://") else {
        return location.to_owned();
    };
    let (rest, query) = match rest.split_once('?') {
        Some((rest, query)) => (rest, Some(query)),
        None => (rest, None),
    };
    let end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(name, _)| name);
            format!("{user}@{host}")
        }
        None => authority.to_owned(),
    };
    let query: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("password="))
        .collect();
    if query.is_empty() {
        format!("{scheme}://{authority}{path}")
    } else {
        format!("{scheme}://{authority}{path}?{}", query.join("&"))
    }
}

/// The SQLite path a location names: the location itself, without a
/// `sqlite:` prefix (and the `//` of a `sqlite://` URL).
fn sqlite_path(location: &str) -> Result<PathBuf> {
    let path = match location.strip_prefix("sqlite:") {
        Some(rest) => rest.strip_prefix("//").unwrap_or(rest),
        None => location,
    };
    if path.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{location:?} names no database"),
        )
        .into());
    }
    Ok(PathBuf::from(path))
}

/// Each event with its stored text.
fn texts_of(
    events: &[Arc<RecordedEvent>],
) -> serde_json::Result<Vec<(Arc<RecordedEvent>, String)>> {
    events
        .iter()
        .map(|event| Ok((Arc::clone(event), event_json(event)?)))
        .collect()
}

/// The stored text of an event (serialized once: see
/// [`RecordedEvent::write_json`](landed::book::event::RecordedEvent::write_json)).
fn event_json(event: &landed::book::event::RecordedEvent) -> serde_json::Result<String> {
    let mut bytes = Vec::with_capacity(512);
    event.write_json(&mut bytes)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_is_postgres_by_its_scheme_and_a_file_otherwise() {
        assert!(is_postgres_url("PostgreSQL://h/db"));
        assert!(is_postgres_url("postgres://u@h/db"));
        assert!(!is_postgres_url("sqlite:books/a.db"));
        assert!(!is_postgres_url("post"));
        assert!(!is_postgres_url("pöstgres://x"));
        let path = |l: &str| sqlite_path(l).map_err(|e| e.code());
        assert_eq!(path("sqlite:books/a.db"), Ok(PathBuf::from("books/a.db")));
        assert_eq!(path("sqlite:///tmp/a.db"), Ok(PathBuf::from("/tmp/a.db")));
        assert_eq!(path("books/a.db"), Ok(PathBuf::from("books/a.db")));
        assert_eq!(path("sqlite:"), Err("STORE_IO"));
    }

    #[test]
    fn a_password_is_left_out_of_the_location_shown() {
        assert_eq!(
            redact("postgres://u:secret@h:1/db?x=1"),
            "postgres://u@h:1/db?x=1"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("postgres://h/db"), "postgres://h/db");
        assert_eq!(
            redact("postgres://u:p@h/db?password=p&a=1"),
            "postgres://u@h/db?a=1"
        );
    }
}
