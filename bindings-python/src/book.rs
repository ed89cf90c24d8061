//! The inventory `Book` and its ledger: a thin wrapper over
//! `landed_json::JsonBook`.
//!
//! Nothing here knows a command's fields: dicts go to JSON text
//! ([`crate::json::to_json`]), the core parses them into its own types, and
//! events and reports come back as JSON that [`crate::json::from_json`]
//! turns into dicts (decimal keys as `decimal.Decimal`). The TypedDicts
//! that describe those dicts (`landed.types`) are generated from
//! `docs/schema/`, the same single definition.

use landed_json::JsonBook;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyDict, PyList, PyMapping, PyTuple, PyType};

use crate::convert::date_from_py;
use crate::errors::{LandedResultExt, coded_error, shielded};
use crate::json::{from_json, to_json};

/// One legal entity's inventory and ledger, changed only by commands.
///
/// `Book({"functional_currency": "USD", "valuation_method": "fifo"})`;
/// commands and contexts are dicts shaped like the core's JSON (see
/// `landed.types`), events and reports come back as dicts. Every stock
/// command that changes value is followed by its `journal_posted` event.
#[pyclass(module = "landed._landed", name = "Book")]
pub struct PyBook(JsonBook);

/// The JSON of a command context. `at` must be an aware `datetime`: a
/// string would be read by the core, but a naive or textual instant is the
/// kind of mistake this boundary exists to catch.
fn context_json(context: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    if let Ok(mapping) = context.cast::<PyMapping>()
        && let Ok(at) = mapping.get_item("at")
        && !at.is_instance_of::<PyDateTime>()
    {
        let type_name = at.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "{path}.at must be a timezone-aware datetime.datetime, not {type_name}"
        )));
    }
    to_json(context, path)
}

#[pymethods]
impl PyBook {
    #[new]
    fn new(config: &Bound<'_, PyAny>) -> PyResult<Self> {
        shielded(|| {
            let config = to_json(config, "config")?;
            // `JsonBook::new` unwraps `Book::new`, so a chart or posting
            // rules the core refuses (UNKNOWN_ACCOUNT, MISSING_POSTING_RULE)
            // would surface as a panic (InternalError). Replaying an empty
            // log builds the same empty book and returns that error typed.
            Ok(Self(JsonBook::replay(&config, "[]").into_py()?))
        })
    }

    /// Rebuilds a book from its config and its events (as `events()` gave
    /// them, or as stored by the host).
    #[classmethod]
    fn replay(
        cls: &Bound<'_, PyType>,
        config: &Bound<'_, PyAny>,
        events: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        shielded(|| {
            let config = to_json(config, "config")?;
            let events = to_json(events, "events")?;
            let py = cls.py();
            Ok(Self(
                py.detach(|| JsonBook::replay(&config, &events)).into_py()?,
            ))
        })
    }

    /// Restores a book from `snapshot()` text.
    #[classmethod]
    fn restore(cls: &Bound<'_, PyType>, snapshot: &str) -> PyResult<Self> {
        let py = cls.py();
        shielded(|| Ok(Self(py.detach(|| JsonBook::restore(snapshot)).into_py()?)))
    }

    /// Number of commands executed.
    #[getter]
    fn version(&self) -> u64 {
        self.0.version()
    }

    /// The configuration, every option spelled out.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| from_json(py, &self.0.config().into_py()?))
    }

    /// Executes one command: all of it or nothing. Returns the outcome
    /// `{"version", "duplicate", "events"}`.
    fn execute<'py>(
        &mut self,
        py: Python<'py>,
        command: &Bound<'py, PyAny>,
        context: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let command = to_json(command, "command")?;
            let context = context_json(context, "context")?;
            let book = &mut self.0;
            let outcome = py.detach(|| book.execute(&command, &context)).into_py()?;
            from_json(py, &outcome)
        })
    }

    /// Executes `(command, context)` pairs. Each result is the outcome
    /// dict or the `LandedError` instance (not raised) of that entry. With
    /// `all_or_nothing=True` the first failure undoes the whole batch and
    /// ends the list.
    #[pyo3(signature = (items, *, all_or_nothing = false))]
    fn execute_batch<'py>(
        &mut self,
        py: Python<'py>,
        items: &Bound<'py, PyAny>,
        all_or_nothing: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        shielded(|| {
            let mut json = String::from("[");
            for (i, item) in items.try_iter()?.enumerate() {
                let item = item?;
                let pair = item
                    .cast::<PyTuple>()
                    .ok()
                    .filter(|pair| pair.len() == 2)
                    .ok_or_else(|| {
                        PyTypeError::new_err(format!(
                            "batch[{i}] must be a (command, context) tuple"
                        ))
                    })?;
                if i > 0 {
                    json.push(',');
                }
                json.push_str("{\"command\":");
                json.push_str(&to_json(
                    &pair.get_item(0)?,
                    &format!("batch[{i}].command"),
                )?);
                json.push_str(",\"context\":");
                json.push_str(&context_json(
                    &pair.get_item(1)?,
                    &format!("batch[{i}].context"),
                )?);
                json.push('}');
            }
            json.push(']');
            let book = &mut self.0;
            let results = py
                .detach(|| book.execute_batch(&json, all_or_nothing))
                .into_py()?;
            let results = from_json(py, &results)?;
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

    /// The event log, oldest first: what a host stores, and what `replay`
    /// takes back.
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let book = &self.0;
            from_json(py, &py.detach(|| book.events()).into_py()?)
        })
    }

    /// The whole book as JSON text (see `restore`).
    fn snapshot(&self, py: Python<'_>) -> PyResult<String> {
        shielded(|| {
            let book = &self.0;
            py.detach(|| book.snapshot()).into_py()
        })
    }

    /// One position (zeros if never touched).
    #[pyo3(signature = (sku, location, lot = None))]
    fn position<'py>(
        &self,
        py: Python<'py>,
        sku: &str,
        location: &str,
        lot: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| from_json(py, &self.0.position(sku, location, lot).into_py()?))
    }

    /// A SKU's stock across locations, with totals per bucket.
    fn stock<'py>(&self, py: Python<'py>, sku: &str) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| from_json(py, &self.0.stock(sku).into_py()?))
    }

    /// Valuation lines of one SKU, or of all SKUs.
    #[pyo3(signature = (sku = None))]
    fn valuation<'py>(&self, py: Python<'py>, sku: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| from_json(py, &self.0.valuation(sku).into_py()?))
    }

    /// Movements of a SKU with their effect on value.
    fn history<'py>(&self, py: Python<'py>, sku: &str) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| from_json(py, &self.0.history(sku).into_py()?))
    }

    /// Every journal entry, oldest first (entry `id` is the sequence number
    /// of its `journal_posted` event).
    fn journal<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let book = &self.0;
            from_json(py, &py.detach(|| book.journal()).into_py()?)
        })
    }

    /// Trial balance through `as_of` (a `datetime.date` or `"YYYY-MM-DD"`).
    /// `filter`, if given, is a dimensions dict (`{"sku": "A"}`,
    /// `{"location": "SZ", "document": "INV-1"}`…): only journal lines
    /// matching every given dimension are counted.
    #[pyo3(signature = (as_of, filter = None))]
    fn trial_balance<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
        filter: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let as_of = date_from_py(as_of)?.to_string();
            let filter = filter
                .filter(|f| !f.is_none())
                .map(|f| to_json(f, "filter"))
                .transpose()?;
            let book = &self.0;
            let report = py
                .detach(|| book.trial_balance(&as_of, filter.as_deref()))
                .into_py()?;
            from_json(py, &report)
        })
    }

    /// An account's postings by date, with the running balance (debit −
    /// credit) after each line.
    fn account_ledger<'py>(&self, py: Python<'py>, account: &str) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let book = &self.0;
            from_json(py, &py.detach(|| book.account_ledger(account)).into_py()?)
        })
    }

    /// Open receivables and payables, aged on `as_of` (a `datetime.date`
    /// or `"YYYY-MM-DD"`): days past due and the bucket `0-30`, `31-60`,
    /// `61-90` or `90+`.
    fn open_items<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let as_of = date_from_py(as_of)?.to_string();
            let book = &self.0;
            from_json(py, &py.detach(|| book.open_items(&as_of)).into_py()?)
        })
    }

    /// Inventory value per valuation scope in the subledger (stock) and in
    /// the ledger (inventory accounts), with the difference (zero unless
    /// something posted around the book); once transfers exist, also goods
    /// in transit against its account (scope `"goods_in_transit"`).
    fn reconciliation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let book = &self.0;
            from_json(py, &py.detach(|| book.reconciliation()).into_py()?)
        })
    }

    /// Every purchase order with its lines: ordered, received, invoiced
    /// and outstanding units, and the order's status.
    fn purchase_orders<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let book = &self.0;
            from_json(py, &py.detach(|| book.purchase_orders()).into_py()?)
        })
    }

    /// One transfer's state: its lines (shipped, accepted, damaged,
    /// short), the pieces still in transit and the carrier's milestones.
    fn transfer<'py>(&self, py: Python<'py>, transfer: &str) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let book = &self.0;
            from_json(py, &py.detach(|| book.transfer(transfer)).into_py()?)
        })
    }

    /// Transfers and supplier shipments in transit on `as_of` (a
    /// `datetime.date` or `"YYYY-MM-DD"`), with their value and total.
    fn in_transit<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let as_of = date_from_py(as_of)?.to_string();
            let book = &self.0;
            from_json(py, &py.detach(|| book.in_transit(&as_of)).into_py()?)
        })
    }

    /// Landed cost per receipt and transfer line and per SKU (purchase,
    /// freight, duty... in total and per unit), of one SKU or of all.
    #[pyo3(signature = (sku = None))]
    fn landed_cost<'py>(&self, py: Python<'py>, sku: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| {
            let book = &self.0;
            from_json(py, &py.detach(|| book.landed_cost(sku)).into_py()?)
        })
    }

    fn __repr__(&self) -> String {
        let config = self.0.book().config();
        format!(
            "Book(functional_currency='{}', version={})",
            config.functional_currency,
            self.0.version()
        )
    }

    /// Pickles as `Book.restore(snapshot)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let py = slf.py();
        let snapshot = slf.borrow().snapshot(py)?;
        Ok((slf.get_type().getattr("restore")?, (snapshot,)))
    }
}
