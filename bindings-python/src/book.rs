//! The inventory `Book` and its ledger: a thin wrapper over
//! `landed_json::JsonBook`.
//!
//! Nothing here knows a command's fields: dicts go to JSON text
//! ([`crate::json::to_json`]), the core parses them into its own types, and
//! events and reports come back as JSON that [`crate::json::from_json`]
//! turns into dicts (decimal keys as `decimal.Decimal`). The TypedDicts
//! that describe those dicts (`landed.types`) are generated from
//! `docs/schema/`, the same single definition.

use std::sync::{Mutex, MutexGuard};

use landed::LandedError as CoreError;
use landed_json::{JsonBook, JsonQueries};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyDict, PyList, PyMapping, PyString, PyTuple, PyType};

use crate::convert::date_from_py;
use crate::errors::{catch_panic, coded_error, shielded, to_py_err};
use crate::json::{from_json, to_json};

/// One legal entity's inventory and ledger, changed only by commands.
///
/// `Book({"functional_currency": "USD", "valuation_method": "fifo"})`;
/// commands and contexts are dicts shaped like the core's JSON (see
/// `landed.types`), events and reports come back as dicts. Every stock
/// command that changes value is followed by its `journal_posted` event.
///
/// Safe to share between threads: a mutex inside serialises the calls on
/// one book, taken with the GIL released (so a thread waiting for the book
/// never blocks the others, and the core works without the GIL). A panic
/// inside a call poisons that mutex; every later call then raises
/// `BookPoisonedError` instead of reading a state that may be half updated.
#[pyclass(module = "landed._landed", name = "Book", frozen)]
pub struct PyBook {
    book: Mutex<JsonBook>,
}

/// Why a call on the book failed, before it becomes a Python exception
/// (which needs the GIL, released while the book works).
enum Failure {
    Core(CoreError),
    /// An earlier call panicked while it held the book.
    Poisoned,
    /// This call panicked (its message).
    Panic(String),
}

impl From<CoreError> for Failure {
    fn from(error: CoreError) -> Self {
        Self::Core(error)
    }
}

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Self::Core(error) => to_py_err(&error),
            Self::Poisoned => coded_error(
                py,
                "BOOK_POISONED",
                "the book is unusable: an earlier call panicked while it held the book, \
                 which may have left it half updated; restore it from a snapshot or replay \
                 its events into a new Book"
                    .to_owned(),
            ),
            Self::Panic(detail) => to_py_err(&CoreError::Internal { detail }),
        }
    }
}

impl PyBook {
    fn wrap(book: JsonBook) -> Self {
        Self {
            book: Mutex::new(book),
        }
    }

    /// Runs `work` on the book with the GIL released: waits for the book's
    /// mutex (other Python threads run meanwhile), runs, and reports a
    /// panic as `InternalError` and a poisoned mutex as `BookPoisonedError`.
    /// The GIL is never held while waiting for the mutex, and the mutex is
    /// never held while waiting for the GIL, so two threads cannot deadlock.
    fn with_book<R: Send>(
        &self,
        py: Python<'_>,
        work: impl FnOnce(&mut JsonBook) -> Result<R, CoreError> + Send,
    ) -> PyResult<R> {
        py.detach(|| {
            catch_panic(|| {
                let mut book: MutexGuard<'_, JsonBook> =
                    self.book.lock().map_err(|_| Failure::Poisoned)?;
                work(&mut book).map_err(Failure::from)
            })
            .unwrap_or_else(|detail| Err(Failure::Panic(detail)))
        })
        .map_err(|failure| failure.into_py(py))
    }
}

/// The JSON of a command context. `at` must be an aware `datetime`: a
/// string would be read by the core, but a naive or textual instant is the
/// kind of mistake this boundary exists to catch. A `str` is JSON text and
/// goes to the core as it is. `actor`, if given, is added to the context
/// (it must not be in it already).
pub(crate) fn context_json(
    context: &Bound<'_, PyAny>,
    path: &str,
    actor: Option<&str>,
) -> PyResult<String> {
    if let Ok(text) = context.cast::<PyString>() {
        if actor.is_some() {
            return Err(PyTypeError::new_err(format!(
                "{path}: actor= cannot be added to a context given as JSON text; \
                 put \"actor\" in the text"
            )));
        }
        return Ok(text.to_str()?.to_owned());
    }
    if let Ok(mapping) = context.cast::<PyMapping>() {
        if let Ok(at) = mapping.get_item("at")
            && !at.is_instance_of::<PyDateTime>()
        {
            let type_name = at.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "{path}.at must be a timezone-aware datetime.datetime, not {type_name}"
            )));
        }
        if actor.is_some() && mapping.contains("actor")? {
            return Err(PyTypeError::new_err(format!(
                "{path}: the actor is given twice (actor= and {path}[\"actor\"])"
            )));
        }
    }
    let mut json = to_json(context, path)?;
    if let Some(actor) = actor {
        // `to_json` wrote an object (anything else is refused by the core);
        // the actor goes in as its last member.
        if json.ends_with('}') {
            json.pop();
            if json.len() > 1 {
                json.push(',');
            }
            json.push_str("\"actor\":");
            json.push_str(&serde_json::to_string(actor).unwrap_or_default());
            json.push('}');
        }
    }
    Ok(json)
}

/// A command, config or event log argument: a `str` is JSON text and goes to
/// the core as it is (what a host read back from storage; the core reports
/// what is wrong with it); anything else is converted by [`to_json`].
pub(crate) fn json_arg(value: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    match value.cast::<PyString>() {
        Ok(text) => Ok(text.to_str()?.to_owned()),
        Err(_) => to_json(value, path),
    }
}

crate::queries::with_queries!(PyBook, with_book, {
    #[new]
    fn new(py: Python<'_>, config: &Bound<'_, PyAny>) -> PyResult<Self> {
        shielded(|| {
            let config = json_arg(config, "config")?;
            // `JsonBook::new` unwraps `Book::new`, so a chart or posting
            // rules the core refuses (UNKNOWN_ACCOUNT, MISSING_POSTING_RULE)
            // would surface as a panic (InternalError). Replaying an empty
            // log builds the same empty book and returns that error typed.
            let book = py.detach(|| JsonBook::replay(&config, "[]"));
            Ok(Self::wrap(book.map_err(|error| to_py_err(&error))?))
        })
    }

    /// Rebuilds a book from its config and its events (as `events()` gave
    /// them, or as stored by the host; either may be JSON text).
    #[classmethod]
    fn replay(
        cls: &Bound<'_, PyType>,
        config: &Bound<'_, PyAny>,
        events: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(|| {
            let config = json_arg(config, "config")?;
            let events = json_arg(events, "events")?;
            let py = cls.py();
            let book = py.detach(|| JsonBook::replay(&config, &events));
            Ok(Self::wrap(book.map_err(|error| to_py_err(&error))?))
        })
    }

    /// Rebuilds a book from its config and its stored log as JSON lines
    /// (one event per line, as `execute_lines` and `events_lines` write
    /// them). Each event's hash is checked over the text of its line; no
    /// Python object is made per event.
    #[classmethod]
    fn replay_lines(
        cls: &Bound<'_, PyType>,
        config: &Bound<'_, PyAny>,
        events: &str,
    ) -> PyResult<Self> {
        shielded(|| {
            let config = json_arg(config, "config")?;
            let py = cls.py();
            let book = py.detach(|| JsonBook::replay_lines(&config, events));
            Ok(Self::wrap(book.map_err(|error| to_py_err(&error))?))
        })
    }

    /// Restores a book from `snapshot()` text.
    #[classmethod]
    fn restore(cls: &Bound<'_, PyType>, snapshot: &str) -> PyResult<Self> {
        let py = cls.py();
        shielded(|| {
            let book = py.detach(|| JsonBook::restore(snapshot));
            Ok(Self::wrap(book.map_err(|error| to_py_err(&error))?))
        })
    }

    /// Executes one command: all of it or nothing. Returns the outcome
    /// `{"version", "duplicate", "events"}`. `command` and `context` may
    /// also be JSON text (`str`). `actor`, who issued the command, is
    /// recorded on its events.
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
        let outcome = self.with_book(py, |book| book.execute(&command, &context))?;
        shielded(|| from_json(py, &outcome))
    }

    /// Executes `(command, context)` pairs (or a JSON text array of
    /// `{"command", "context"}`). Each result is the outcome dict or the
    /// `LandedError` instance (not raised) of that entry. With
    /// `all_or_nothing=True` the first failure undoes the whole batch and
    /// ends the list. `actor` is added to every context.
    #[pyo3(signature = (items, *, all_or_nothing = false, actor = None))]
    fn execute_batch<'py>(
        &self,
        py: Python<'py>,
        items: &Bound<'py, PyAny>,
        all_or_nothing: bool,
        actor: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let json = shielded(|| batch_json(items, actor))?;
        let results = self.with_book(py, |book| book.execute_batch(&json, all_or_nothing))?;
        batch_results(py, &results)
    }

    /// Executes a batch given as JSON lines (`str`), one `{"command",
    /// "context"}` object per line; blank lines are skipped. Returns
    /// `{"version", "executed", "duplicates", "events", "errors"}`:
    /// `events` is the recorded events as one `str` of JSON lines (to
    /// append to the stored log), `errors` the refused lines as
    /// `{"line", "code", "message"}`. A line that cannot be read raises
    /// `InvalidCommandError` naming it, before anything runs. With
    /// `all_or_nothing=True` the first failure undoes the whole batch.
    #[pyo3(signature = (lines, *, all_or_nothing = false))]
    fn execute_lines<'py>(
        &self,
        py: Python<'py>,
        lines: &str,
        all_or_nothing: bool,
    ) -> PyResult<Bound<'py, PyDict>> {
        let out = self.with_book(py, |book| book.execute_lines(lines, all_or_nothing))?;
        shielded(|| {
            let errors = PyList::empty(py);
            for error in &out.errors {
                let entry = PyDict::new(py);
                entry.set_item("line", error.line)?;
                entry.set_item("code", &error.code)?;
                entry.set_item("message", &error.message)?;
                errors.append(entry)?;
            }
            let result = PyDict::new(py);
            result.set_item("version", out.version)?;
            result.set_item("executed", out.executed)?;
            result.set_item("duplicates", out.duplicates)?;
            result.set_item("events", &out.events)?;
            result.set_item("errors", errors)?;
            Ok(result)
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.with_book(py, |book| {
            Ok(format!(
                "Book(functional_currency='{}', version={})",
                book.book().config().functional_currency,
                book.version()
            ))
        })
    }

    /// Pickles as `Book.restore(snapshot)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let py = slf.py();
        let snapshot = slf.get().snapshot(py)?;
        Ok((slf.get_type().getattr("restore")?, (snapshot,)))
    }
});

/// The date (`"YYYY-MM-DD"`) and the filter (JSON) of a ledger report.
pub(crate) fn ledger_report_args(
    as_of: &Bound<'_, PyAny>,
    filter: Option<&Bound<'_, PyAny>>,
) -> PyResult<(String, Option<String>)> {
    shielded(|| {
        let as_of = date_from_py(as_of)?.to_string();
        let filter = filter
            .filter(|f| !f.is_none())
            .map(|f| to_json(f, "filter"))
            .transpose()?;
        Ok((as_of, filter))
    })
}

/// The list `execute_batch` returns, from the JSON array of results
/// (`{"ok": outcome}` or `{"error": {"code", "message"}}` each): the
/// outcome dict, or the exception instance (not raised) of that entry.
pub(crate) fn batch_results<'py>(py: Python<'py>, results: &str) -> PyResult<Bound<'py, PyList>> {
    shielded(|| {
        let results = from_json(py, results)?;
        let out = PyList::empty(py);
        for entry in results.try_iter()? {
            let entry = entry?.cast_into::<PyDict>()?;
            if let Some(outcome) = entry.get_item("ok")? {
                out.append(outcome)?;
            } else if let Some(error) = entry.get_item("error")? {
                let code: String = error.get_item("code")?.extract()?;
                let message: String = error.get_item("message")?.extract()?;
                out.append(coded_error(py, &code, message).into_value(py))?;
            }
        }
        Ok(out)
    })
}

/// The JSON array `JsonBook::execute_batch` reads: `items` as JSON text, or
/// `(command, context)` pairs converted one by one.
pub(crate) fn batch_json(items: &Bound<'_, PyAny>, actor: Option<&str>) -> PyResult<String> {
    if let Ok(text) = items.cast::<PyString>() {
        if actor.is_some() {
            return Err(PyTypeError::new_err(
                "batch: actor= cannot be added to a batch given as JSON text; \
                 put \"actor\" in each context",
            ));
        }
        return Ok(text.to_str()?.to_owned());
    }
    let mut json = String::from("[");
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        let pair = item
            .cast::<PyTuple>()
            .ok()
            .filter(|pair| pair.len() == 2)
            .ok_or_else(|| {
                PyTypeError::new_err(format!("batch[{i}] must be a (command, context) tuple"))
            })?;
        if i > 0 {
            json.push(',');
        }
        json.push_str("{\"command\":");
        json.push_str(&json_arg(
            &pair.get_item(0)?,
            &format!("batch[{i}].command"),
        )?);
        json.push_str(",\"context\":");
        json.push_str(&context_json(
            &pair.get_item(1)?,
            &format!("batch[{i}].context"),
            actor,
        )?);
        json.push('}');
    }
    json.push(']');
    Ok(json)
}

/// Panics while holding `book`'s mutex, poisoning it, so the tests can
/// check that the panic is `InternalError` and every later call on that
/// book `BookPoisonedError`. The core never panics on input, so there is no
/// natural way to trigger one. Not part of the API.
#[pyfunction]
pub(crate) fn _panic_in_book_for_tests(py: Python<'_>, book: &Bound<'_, PyBook>) -> PyResult<()> {
    book.get().with_book(py, |_| -> Result<(), CoreError> {
        panic!("deliberate panic in the book")
    })
}
