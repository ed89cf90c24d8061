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
use landed_json::JsonBook;
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
fn context_json(context: &Bound<'_, PyAny>, path: &str, actor: Option<&str>) -> PyResult<String> {
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
fn json_arg(value: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    match value.cast::<PyString>() {
        Ok(text) => Ok(text.to_str()?.to_owned()),
        Err(_) => to_json(value, path),
    }
}

#[pymethods]
impl PyBook {
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

    /// Number of commands executed.
    #[getter]
    fn version(&self, py: Python<'_>) -> PyResult<u64> {
        self.with_book(py, |book| Ok(book.version()))
    }

    /// The hash of the last event (64 hex digits; zeros for an empty book).
    /// Keep it beside the stored log: a log whose last hash differs was
    /// truncated or rewritten.
    #[getter]
    fn head_hash(&self, py: Python<'_>) -> PyResult<String> {
        self.with_book(py, |book| Ok(book.head_hash()))
    }

    /// The configuration, every option spelled out.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.config())?;
        shielded(|| from_json(py, &text))
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
        shielded(|| {
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

    /// The event log as JSON lines (one `str`, an event per line): what
    /// `replay_lines` takes back.
    fn events_lines(&self, py: Python<'_>) -> PyResult<String> {
        self.with_book(py, |book| book.events_lines())
    }

    /// The event log, oldest first: what a host stores, and what `replay`
    /// takes back.
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.events())?;
        shielded(|| from_json(py, &text))
    }

    /// The whole book as JSON text (see `restore`).
    fn snapshot(&self, py: Python<'_>) -> PyResult<String> {
        self.with_book(py, |book| book.snapshot())
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
        let text = self.with_book(py, |book| book.position(sku, location, lot))?;
        shielded(|| from_json(py, &text))
    }

    /// A SKU's stock across locations, with totals per bucket.
    fn stock<'py>(&self, py: Python<'py>, sku: &str) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.stock(sku))?;
        shielded(|| from_json(py, &text))
    }

    /// Valuation lines of one SKU, or of all SKUs.
    #[pyo3(signature = (sku = None))]
    fn valuation<'py>(&self, py: Python<'py>, sku: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.valuation(sku))?;
        shielded(|| from_json(py, &text))
    }

    /// Movements of a SKU with their effect on value.
    fn history<'py>(&self, py: Python<'py>, sku: &str) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.history(sku))?;
        shielded(|| from_json(py, &text))
    }

    /// Every journal entry, oldest first (entry `id` is the sequence number
    /// of its `journal_posted` event).
    fn journal<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.journal())?;
        shielded(|| from_json(py, &text))
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
        let (as_of, filter) = ledger_report_args(as_of, filter)?;
        let text = self.with_book(py, |book| book.trial_balance(&as_of, filter.as_deref()))?;
        shielded(|| from_json(py, &text))
    }

    /// Every account role's balance through `as_of` (inventory, COGS,
    /// goods in transit, realized FX…), read through the book's posting
    /// rules so the host need not know its account codes: `{"as_of",
    /// "roles": [{"role", "accounts", "debit", "credit", "balance"}]}`,
    /// amounts as `decimal.Decimal`. `filter` as for `trial_balance`.
    #[pyo3(signature = (as_of, filter = None))]
    fn role_balances<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
        filter: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (as_of, filter) = ledger_report_args(as_of, filter)?;
        let text = self.with_book(py, |book| book.role_balances(&as_of, filter.as_deref()))?;
        shielded(|| from_json(py, &text))
    }

    /// An account's postings by date, with the running balance (debit −
    /// credit) after each line.
    fn account_ledger<'py>(&self, py: Python<'py>, account: &str) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.account_ledger(account))?;
        shielded(|| from_json(py, &text))
    }

    /// Open receivables and payables, aged on `as_of` (a `datetime.date`
    /// or `"YYYY-MM-DD"`): days past due and the bucket `0-30`, `31-60`,
    /// `61-90` or `90+`.
    fn open_items<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = shielded(|| Ok(date_from_py(as_of)?.to_string()))?;
        let text = self.with_book(py, |book| book.open_items(&as_of))?;
        shielded(|| from_json(py, &text))
    }

    /// Inventory value per valuation scope in the subledger (stock) and in
    /// the ledger (inventory accounts), with the difference (zero unless
    /// something posted around the book); once transfers exist, also goods
    /// in transit against its account (scope `"goods_in_transit"`).
    fn reconciliation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.reconciliation())?;
        shielded(|| from_json(py, &text))
    }

    /// Every purchase order with its lines: ordered, received, invoiced
    /// and outstanding units, and the order's status.
    fn purchase_orders<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.purchase_orders())?;
        shielded(|| from_json(py, &text))
    }

    /// One sales order with the status of its lines: units ordered,
    /// reserved, shipped, cancelled, returned and unserved, per location,
    /// the amounts recognised so far (in the channel's currency) and the
    /// `net_cost` of the units shipped less those returned, amounts as
    /// `decimal.Decimal`. Raises `UnknownSalesOrderError` if the book has
    /// no order by that channel and id.
    fn sales_order<'py>(
        &self,
        py: Python<'py>,
        channel: &str,
        order: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.sales_order(channel, order))?;
        shielded(|| from_json(py, &text))
    }

    /// Every sales order (of one channel, when given), by channel and
    /// order id, each as `sales_order` returns it.
    #[pyo3(signature = (channel = None))]
    fn sales_orders<'py>(
        &self,
        py: Python<'py>,
        channel: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.sales_orders(channel))?;
        shielded(|| from_json(py, &text))
    }

    /// One marketplace settlement as the book recorded it: its channel,
    /// dates, the orders it paid out, the net paid (`decimal.Decimal` in
    /// the channel's currency) and the rows it could not match. Raises
    /// `UnknownDocumentError` if the book has no settlement by that id.
    fn sales_settlement<'py>(
        &self,
        py: Python<'py>,
        settlement: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.sales_settlement(settlement))?;
        shielded(|| from_json(py, &text))
    }

    /// Every marketplace settlement (of one channel, when given), by id,
    /// each as `sales_settlement` returns it.
    #[pyo3(signature = (channel = None))]
    fn sales_settlements<'py>(
        &self,
        py: Python<'py>,
        channel: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.sales_settlements(channel))?;
        shielded(|| from_json(py, &text))
    }

    /// What was earned from `start` to `end` (dates or `"YYYY-MM-DD"`,
    /// both included), grouped by `"order"`, `"sku"`, `"channel"` or
    /// `"month"`: revenue, shipping, sales returns (refunds), cost of goods (landed cost
    /// included), return losses, fees, advertising, reimbursements,
    /// realized FX and profit, in the functional currency and per channel
    /// currency, as `decimal.Decimal`. `basis="settlement"` dates an
    /// order's lines by the settlement that paid them out; `channel` keeps
    /// one channel's lines. The totals equal the ledger's accounts for the
    /// period. Raises `UnknownChannelError` for a channel the book does not
    /// know and `InvalidCommandError` for a bad grouping or basis.
    #[pyo3(signature = (start, end, group_by, *, basis = None, channel = None))]
    fn profit<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
        group_by: &str,
        basis: Option<&str>,
        channel: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = shielded(|| {
            let mut query = serde_json::json!({
                "from": date_from_py(start)?.to_string(),
                "to": date_from_py(end)?.to_string(),
                "group_by": group_by,
            });
            if let Some(basis) = basis {
                query["basis"] = basis.into();
            }
            if let Some(channel) = channel {
                query["channel"] = channel.into();
            }
            Ok(query.to_string())
        })?;
        let text = self.with_book(py, |book| book.profit(&query))?;
        shielded(|| from_json(py, &text))
    }

    /// The open exceptions of every sales order: lines selling an unknown
    /// listing, units no location could serve, flagged addresses and
    /// unpaid orders (`{"channel", "order", "line"?, "kind", "quantity"}`).
    fn order_exceptions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.order_exceptions())?;
        shielded(|| from_json(py, &text))
    }

    /// One listing's available-to-sell figure: what each serving location
    /// can supply, the whole packs together (`supply`), the figure after
    /// the listing's policy (`available`) and the quantity last pushed.
    /// Raises `UnknownChannelError`, or `InvalidCommandError` for a
    /// listing the channel does not have.
    fn available_to_sell<'py>(
        &self,
        py: Python<'py>,
        channel: &str,
        listing: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.available_to_sell(channel, listing))?;
        shielded(|| from_json(py, &text))
    }

    /// The quantities to push: every listing (of one channel, when given)
    /// whose figure differs from the quantity last acknowledged with an
    /// `acknowledge_stock_push` command, with that previous quantity
    /// (`None`: never pushed), by channel and listing.
    #[pyo3(signature = (channel = None))]
    fn stock_to_push<'py>(
        &self,
        py: Python<'py>,
        channel: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.stock_to_push(channel))?;
        shielded(|| from_json(py, &text))
    }

    /// The differences between a channel's own stock report and the
    /// book's buckets. `report` is a dict `{"format":
    /// "shopify" | "fba", "channel"?, "location"?, "rows": [{"sku" |
    /// "listing", quantity fields…}]}`; each differing field comes back as
    /// `{"sku", "listing"?, "location", "field", "buckets",
    /// "channel_units", "book_units", "delta"}`, with unknown SKUs and
    /// listings under `unmatched` and per-field `totals`. Changes nothing.
    /// Raises `InvalidCommandError` (naming the field) for a malformed
    /// report, `UnknownChannelError` or `UnknownLocationError`.
    fn reconcile_channel_stock<'py>(
        &self,
        py: Python<'py>,
        report: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let report = shielded(|| to_json(report, "report"))?;
        let text = self.with_book(py, |book| book.reconcile_channel_stock(&report))?;
        shielded(|| from_json(py, &text))
    }

    /// Stock by SKU, location and bucket: each (SKU, location) holding
    /// units as `{"sku", "location", "scope", "quantities": {bucket:
    /// units, …}, "on_hand", "value"}`, sorted by SKU then location, with
    /// totals per location and overall; values as `decimal.Decimal`.
    /// `query` is an optional dict `{"sku"?, "location"?}`. Changes
    /// nothing. Raises `InvalidCommandError` for an unknown key,
    /// `UnknownSkuError` or `UnknownLocationError`.
    #[pyo3(signature = (query = None))]
    fn stock_by_location<'py>(
        &self,
        py: Python<'py>,
        query: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = shielded(|| query.map(|q| to_json(q, "query")).transpose())?;
        let text = self.with_book(py, |book| book.stock_by_location(query.as_deref()))?;
        shielded(|| from_json(py, &text))
    }

    /// Inventory aging by receipt date in Amazon FBA's buckets
    /// (`days_0_90` … `days_over_365`, and `undated` for units the book
    /// cannot date), per SKU and valuation scope, with totals per scope and
    /// overall. `query` is a dict `{"as_of": date or "YYYY-MM-DD",
    /// "sku"?}`. Changes nothing. Raises `InvalidCommandError` (naming the
    /// field) for a malformed query, `UnknownSkuError`.
    fn inventory_aging<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = shielded(|| to_json(query, "query"))?;
        let text = self.with_book(py, |book| book.inventory_aging(&query))?;
        shielded(|| from_json(py, &text))
    }

    /// Alerts that need no demand history, each a dict with a `kind`:
    /// `lot_expired`, `lot_near_expiry`, `aged_stock` or `transfer_late`.
    /// `query` is a dict `{"as_of": date or "YYYY-MM-DD",
    /// "expiry_within_days"?, "aged_over_days"?}` (0 to 36,500 days,
    /// defaults 90 and 365). Changes nothing. Raises `InvalidCommandError`
    /// (naming the field) for a malformed query.
    fn inventory_alerts<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = shielded(|| to_json(query, "query"))?;
        let text = self.with_book(py, |book| book.inventory_alerts(&query))?;
        shielded(|| from_json(py, &text))
    }

    /// Replenishment as of a date: per SKU and location the daily demand,
    /// the lead time, safety stock, reorder point, order-up-to level, days
    /// of supply, the FBA restock and turnover; purchase and transfer
    /// suggestions in whole cases with their likely cost; alerts
    /// (`below_reorder_point`, `stockout_before_arrival`, `overstock`);
    /// inbound arrivals against the lead time; and per SKU the profit of
    /// the window beside its days of supply. Figures as
    /// `decimal.Decimal`. `query` is a dict `{"as_of": date or
    /// "YYYY-MM-DD", "window_days"?, "service_level"?, "review_days"?,
    /// "target_days"?, "overstock_days"?, "default_lead_time_days"?,
    /// "skus"?, "policies"?}` (defaults 90 days, 0.95, 7, 60 and 180;
    /// decimals as `decimal.Decimal` or strings). Changes nothing. Raises
    /// `InvalidCommandError` (naming the field) for a malformed query,
    /// `UnknownSkuError` or `UnknownLocationError`.
    fn replenishment<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = shielded(|| to_json(query, "query"))?;
        let text = self.with_book(py, |book| book.replenishment(&query))?;
        shielded(|| from_json(py, &text))
    }

    /// One transfer's state: its lines (shipped, accepted, damaged,
    /// short), the pieces still in transit and the carrier's milestones.
    fn transfer<'py>(&self, py: Python<'py>, transfer: &str) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.transfer(transfer))?;
        shielded(|| from_json(py, &text))
    }

    /// Transfers and supplier shipments in transit on `as_of` (a
    /// `datetime.date` or `"YYYY-MM-DD"`), with their value and total.
    fn in_transit<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = shielded(|| Ok(date_from_py(as_of)?.to_string()))?;
        let text = self.with_book(py, |book| book.in_transit(&as_of))?;
        shielded(|| from_json(py, &text))
    }

    /// Landed cost per receipt and transfer line and per SKU (purchase,
    /// freight, duty... in total and per unit), of one SKU or of all.
    #[pyo3(signature = (sku = None))]
    fn landed_cost<'py>(&self, py: Python<'py>, sku: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.landed_cost(sku))?;
        shielded(|| from_json(py, &text))
    }

    /// Landed-cost accruals still open (bills accrued with
    /// `accrue_landed_cost` that vouchers have not fully allocated), by
    /// bill number: the bill, its functional amount, what is left
    /// (`open`) and the vouchers that cleared part of it.
    fn accruals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.with_book(py, |book| book.accruals())?;
        shielded(|| from_json(py, &text))
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
}

/// The date (`"YYYY-MM-DD"`) and the filter (JSON) of a ledger report.
fn ledger_report_args(
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

/// The JSON array `JsonBook::execute_batch` reads: `items` as JSON text, or
/// `(command, context)` pairs converted one by one.
fn batch_json(items: &Bound<'_, PyAny>, actor: Option<&str>) -> PyResult<String> {
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
