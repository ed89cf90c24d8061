//! The durable `Store`: a thin wrapper over `landed_json::JsonStore`.
//!
//! The same dicts in and out as `Book` (see [`crate::book`]); every command
//! is written to the store before the call returns. The store's own
//! failures raise `landed.StoreError` subclasses (`StoreConflictError`…,
//! each with its `code`); a refused command raises the book's exception
//! (`InsufficientStockError`…), as `Book` does.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use landed::LandedError as CoreError;
use landed_json::{JsonQueries, JsonStore, StoreError, closed_store_error};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyType};

use crate::book::{batch_json, batch_results, context_json, json_arg};
use crate::errors::{catch_panic, coded_error, shielded, to_py_err};
use crate::json::from_json;

/// A book bound to durable storage (a SQLite file or a PostgreSQL schema).
///
/// `Store.open(path_or_url, config)` opens the store, creating it with
/// `config` (the dict or JSON text `Book` takes) if it does not exist;
/// `Store.open_existing(path_or_url)` opens one that must exist.
/// `execute` and `execute_batch` write every command before they return;
/// the queries are `Book`'s, on the stored book. Another handle's commit
/// since this one last read the store makes a write raise
/// `StoreConflictError` (the handle has reloaded: execute again);
/// `refresh()` catches up without writing. `close()` (or leaving a `with`
/// block) releases the database; later calls raise `StoreIoError`.
///
/// Safe to share between threads, like `Book`: a mutex inside serialises
/// the calls, taken with the GIL released.
#[pyclass(module = "landed._landed", name = "Store", frozen)]
pub struct PyStore {
    /// `None` once closed.
    store: Mutex<Option<JsonStore>>,
}

/// Why a call on the store failed, before it becomes a Python exception
/// (which needs the GIL, released while the store works).
enum Failure {
    Store(StoreError),
    /// An earlier call panicked while it held the store.
    Poisoned,
    /// This call panicked (its message).
    Panic(String),
}

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Self::Store(error) => store_error(py, &error),
            Self::Poisoned => coded_error(
                py,
                "BOOK_POISONED",
                "the store handle is unusable: an earlier call panicked while it held the book, \
                 which may have left it half updated in memory; open the store again (it holds \
                 every command that was acknowledged)"
                    .to_owned(),
            ),
            Self::Panic(detail) => to_py_err(&CoreError::Internal { detail }),
        }
    }
}

/// The Python exception for a store error: the class of its code (a
/// `StoreError` subclass, or the book's class for a refused command).
fn store_error(py: Python<'_>, error: &StoreError) -> PyErr {
    coded_error(py, error.code(), error.to_string())
}

/// A location argument: a `str` (a path, or later a URL) or an
/// `os.PathLike`.
fn location(path_or_url: PathBuf) -> PyResult<String> {
    path_or_url
        .into_os_string()
        .into_string()
        .map_err(|_| PyValueError::new_err("path_or_url: not valid UTF-8"))
}

impl PyStore {
    fn wrap(store: JsonStore) -> Self {
        Self {
            store: Mutex::new(Some(store)),
        }
    }

    /// Runs `work` on the store with the GIL released (see
    /// `PyBook::with_book`): a panic is `InternalError`, a poisoned mutex
    /// `BookPoisonedError`, a closed store `StoreIoError`.
    fn with_store<R: Send>(
        &self,
        py: Python<'_>,
        work: impl FnOnce(&mut JsonStore) -> Result<R, StoreError> + Send,
    ) -> PyResult<R> {
        py.detach(|| {
            catch_panic(|| {
                let mut guard: MutexGuard<'_, Option<JsonStore>> =
                    self.store.lock().map_err(|_| Failure::Poisoned)?;
                let store = guard
                    .as_mut()
                    .ok_or_else(|| Failure::Store(closed_store_error()))?;
                work(store).map_err(Failure::Store)
            })
            .unwrap_or_else(|detail| Err(Failure::Panic(detail)))
        })
        .map_err(|failure| failure.into_py(py))
    }

    /// Runs a query of the book (the queries `Book` shares).
    fn query<R: Send>(
        &self,
        py: Python<'_>,
        work: impl FnOnce(&JsonStore) -> Result<R, CoreError> + Send,
    ) -> PyResult<R> {
        self.with_store(py, |store| work(store).map_err(StoreError::from))
    }

    /// Opens a store (in a thread without the GIL).
    fn opened(
        py: Python<'_>,
        open: impl FnOnce() -> Result<JsonStore, StoreError> + Send,
    ) -> PyResult<Self> {
        let opened = py.detach(|| {
            catch_panic(open)
                .unwrap_or_else(|detail| Err(StoreError::from(CoreError::Internal { detail })))
        });
        opened
            .map(Self::wrap)
            .map_err(|error| store_error(py, &error))
    }
}

crate::queries::with_queries!(PyStore, query, {
    /// Opens the store at `path_or_url` (a SQLite file path, or a `postgres://` URL),
    /// creating it with `config` (a dict or JSON text, as `Book` takes)
    /// if it does not exist. An existing store made for another
    /// configuration raises `StoreConfigMismatchError`; one whose stored
    /// log does not check out, `StoreCorruptError`.
    #[classmethod]
    fn open(
        cls: &Bound<'_, PyType>,
        path_or_url: PathBuf,
        config: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let (location, config) =
            shielded(|| Ok((location(path_or_url)?, json_arg(config, "config")?)))?;
        Self::opened(cls.py(), || JsonStore::open(&location, &config))
    }

    /// Opens an existing store with the configuration it was created
    /// with; a missing one raises `StoreIoError`.
    #[classmethod]
    fn open_existing(cls: &Bound<'_, PyType>, path_or_url: PathBuf) -> PyResult<Self> {
        let location = location(path_or_url)?;
        Self::opened(cls.py(), || JsonStore::open_existing(&location))
    }

    /// Creates a new store at `path_or_url` from the JSON-lines log in the
    /// file `jsonl_path` (what `export_jsonl` writes), for a book with
    /// `config`, after replaying and checking every event. A line that
    /// does not replay raises `StoreCorruptError` naming it (no store is
    /// left behind); an existing store, `StoreExistsError`.
    #[classmethod]
    fn import_jsonl(
        cls: &Bound<'_, PyType>,
        path_or_url: PathBuf,
        jsonl_path: PathBuf,
        config: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let (location, lines, config) = shielded(|| {
            Ok((
                location(path_or_url)?,
                location(jsonl_path)?,
                json_arg(config, "config")?,
            ))
        })?;
        Self::opened(cls.py(), || {
            JsonStore::import_jsonl(&location, &lines, &config)
        })
    }

    /// Executes one command and writes its events before returning; the
    /// outcome `{"version", "duplicate", "events"}` as `Book.execute`
    /// returns it. Raises `StoreConflictError` if another handle wrote
    /// first (this one has reloaded: execute again).
    #[pyo3(signature = (command, context, *, actor = None))]
    fn execute<'py>(
        &self,
        py: Python<'py>,
        command: &Bound<'py, PyAny>,
        context: &Bound<'py, PyAny>,
        actor: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (command, context) = shielded(|| {
            Ok((
                json_arg(command, "command")?,
                context_json(context, "context", actor)?,
            ))
        })?;
        let outcome = self.with_store(py, |store| store.execute(&command, &context))?;
        shielded(|| from_json(py, &outcome))
    }

    /// Executes `(command, context)` pairs as `Book.execute_batch` does
    /// (each result the outcome dict or the exception instance, not
    /// raised) and writes them in one transaction. A failure to write (a
    /// conflict, a database error) raises, and none of the batch is kept.
    #[pyo3(signature = (items, *, all_or_nothing = false, actor = None))]
    fn execute_batch<'py>(
        &self,
        py: Python<'py>,
        items: &Bound<'py, PyAny>,
        all_or_nothing: bool,
        actor: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let json = shielded(|| batch_json(items, actor))?;
        let results = self.with_store(py, |store| store.execute_batch(&json, all_or_nothing))?;
        batch_results(py, &results)
    }

    /// Writes a snapshot now, so the next open replays only what follows
    /// it; returns the `seq` of the last event it covers.
    fn snapshot_now(&self, py: Python<'_>) -> PyResult<u64> {
        self.with_store(py, |store| store.snapshot_now())
    }

    /// Catches up with other handles' commits; returns whether there were
    /// any. Writes do not need it; reads that must be current do.
    fn refresh(&self, py: Python<'_>) -> PyResult<bool> {
        self.with_store(py, |store| store.refresh())
    }

    /// Writes the whole stored log, one event per line, to the file at
    /// `path` (replaced if it exists); returns the number of events.
    fn export_jsonl(&self, py: Python<'_>, path: PathBuf) -> PyResult<u64> {
        let path = location(path)?;
        self.with_store(py, |store| store.export_jsonl(&path))
    }

    /// Releases the database. Later calls raise `StoreIoError`; closing
    /// again does nothing.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        let taken = py.detach(|| match self.store.lock() {
            Ok(mut guard) => guard.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        });
        drop(taken);
        Ok(())
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self, py: Python<'_>) -> bool {
        py.detach(|| match self.store.lock() {
            Ok(guard) => guard.is_none(),
            Err(poisoned) => poisoned.into_inner().is_none(),
        })
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// Closes the store; an exception in the block propagates.
    #[pyo3(signature = (_exc_type = None, _exc = None, _traceback = None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        _exc_type: Option<&Bound<'_, PyAny>>,
        _exc: Option<&Bound<'_, PyAny>>,
        _traceback: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        self.close(py)?;
        Ok(false)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        if self.closed(py) {
            return Ok("Store(closed)".to_owned());
        }
        self.with_store(py, |store| {
            Ok(format!(
                "Store(path_or_url={:?}, functional_currency='{}', version={})",
                store.store().path().display().to_string(),
                store.book().config().functional_currency,
                store.version()
            ))
        })
    }
});
