//! The one place where Rust failures become Python exceptions.
//!
//! Every [`landed::LandedError`] is raised as a subclass of
//! `landed.LandedError`, one subclass per stable code, and each class carries
//! its code as the class attribute `code`. The classes are created with the
//! dotted module path `landed._landed` so that pickle can find them again.
//!
//! Panics never reach Python as pyo3's `PanicException` (a `BaseException`
//! that `except Exception` does not catch): [`shielded`] turns them into
//! `landed.InternalError` with code `"INTERNAL"`. A panic caught that way
//! prints nothing: `landed_json::panics::install_quiet_panic_hook` (run at module init) keeps
//! Rust's default hook from writing the message and a backtrace hint into
//! the host's stderr while a panic is inside one of this module's guards;
//! the message goes into the exception instead. `LANDED_DEBUG_PANICS=1` in
//! the environment prints them again, for debugging. Panics outside the
//! guards (another extension's, for one) still reach the previous hook.

use landed::LandedError as CoreError;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

/// Declares the exception classes from one table, so the classes, the
/// code-to-class mapping and the module registration cannot drift apart.
macro_rules! landed_exceptions {
    ($($class:ident => $code:literal, $doc:literal;)*) => {
        $(
            pyo3::create_exception!(landed._landed, $class, LandedError, $doc);
        )*

        /// The class an error with `code` is raised as.
        fn exception_class<'py>(py: Python<'py>, code: &str) -> Bound<'py, PyType> {
            match code {
                $($code => py.get_type::<$class>(),)*
                // A store's own failure, or a code from a newer core than
                // this binding knows.
                _ => store_exception_class(py, code)
                    .unwrap_or_else(|| py.get_type::<LandedError>()),
            }
        }

        /// Adds every exception class to the module and stamps its code on it.
        fn add_exception_classes(module: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = module.py();
            $(
                let class = py.get_type::<$class>();
                class.setattr("code", $code)?;
                module.add(stringify!($class), class)?;
            )*
            Ok(())
        }
    };
}

pyo3::create_exception!(
    landed._landed,
    LandedError,
    PyException,
    "Base class of every error raised by landed; `code` is the stable machine code."
);

landed_exceptions! {
    CurrencyMismatchError => "CURRENCY_MISMATCH", "Two amounts in different currencies were combined.";
    UnknownCurrencyError => "UNKNOWN_CURRENCY", "The code is not an ISO 4217 currency with a minor unit.";
    DecimalOverflowError => "DECIMAL_OVERFLOW", "An arithmetic result does not fit in a 96-bit decimal.";
    InvalidAmountError => "INVALID_AMOUNT", "An amount could not be parsed or is not acceptable here.";
    AllocationZeroWeightsError => "ALLOCATION_ZERO_WEIGHTS", "Allocation over weights that are all zero (or none).";
    NegativeWeightError => "NEGATIVE_WEIGHT", "A negative allocation weight.";
    InvalidManualAllocationError => "INVALID_MANUAL_ALLOCATION", "Manual shares that do not add up to the total.";
    RateNotFoundError => "RATE_NOT_FOUND", "No rate for a pair on a date under the lookup policy.";
    RateStaleError => "RATE_STALE", "The latest earlier rate is older than the policy allows.";
    NonPositiveRateError => "NON_POSITIVE_RATE", "A rate that is zero or negative.";
    InvalidRateFileError => "INVALID_RATE_FILE", "A rate file that cannot be read.";
    InvalidDateError => "INVALID_DATE", "A date string that is not YYYY-MM-DD.";
    InvalidOptionError => "INVALID_OPTION", "An option (rate type, rounding strategy...) with an unknown value.";
    // Inventory codes, raised by `Book` (and, for a failed batch entry,
    // returned as instances by `Book.execute_batch`).
    UnknownSkuError => "UNKNOWN_SKU", "A SKU code that the catalog does not know.";
    UnknownLocationError => "UNKNOWN_LOCATION", "A location code that the book does not know.";
    UnknownLotError => "UNKNOWN_LOT", "A lot number not received for this SKU.";
    DuplicateCodeError => "DUPLICATE_CODE", "A code that is already defined (SKU, bundle, location, stocktake...).";
    SkuInactiveError => "SKU_INACTIVE", "A deactivated SKU used in a movement.";
    SkuHasStockError => "SKU_HAS_STOCK", "Deactivating a SKU that still has stock.";
    InvalidQuantityError => "INVALID_QUANTITY", "A quantity that is zero, negative or out of range where that makes no sense.";
    InsufficientStockError => "INSUFFICIENT_STOCK", "Not enough units in a bucket.";
    LotRuleError => "LOT_RULE", "A lot rule broken (lot missing for a lot-tracked SKU, or given for one that is not).";
    LocationFrozenError => "LOCATION_FROZEN", "A location frozen by an open stocktake.";
    StocktakeStateError => "STOCKTAKE_STATE", "A stocktake that does not exist or is not open.";
    InvalidCommandError => "INVALID_COMMAND", "A malformed command.";
    IdempotencyConflictError => "IDEMPOTENCY_CONFLICT", "A command id reused for a different command.";
    VersionConflictError => "VERSION_CONFLICT", "The book moved on since the host read its version.";
    InvalidEventLogError => "INVALID_EVENT_LOG", "An event log or snapshot that cannot be replayed.";
    // Ledger codes: a bad chart or posting rules when a Book is created, a
    // refused journal entry, invoice, settlement or revaluation.
    UnknownAccountError => "UNKNOWN_ACCOUNT", "An account code that is not in the chart.";
    MissingPostingRuleError => "MISSING_POSTING_RULE", "A ledger set-up without a rule (without conditions) for a role every book posts.";
    UnbalancedEntryError => "UNBALANCED_ENTRY", "A journal entry whose debits and credits differ, or with a malformed line.";
    PeriodLockedError => "PERIOD_LOCKED", "A posting dated on or before the period lock (or a lock moved back).";
    UnknownDocumentError => "UNKNOWN_DOCUMENT", "A document number that is not open in the book.";
    SettlementTooLargeError => "SETTLEMENT_TOO_LARGE", "A settlement larger than the amount still open on its document.";
    EntryStateError => "ENTRY_STATE", "A journal entry that does not exist or cannot be reversed (e.g. already reversed).";
    // Trade codes: purchasing, transfers through transit, landed cost.
    OverReceiptError => "OVER_RECEIPT", "A receipt beyond what a purchase order line accepts, tolerance included.";
    DocumentStateError => "DOCUMENT_STATE", "A document (purchase order, transfer, voucher...) that cannot do what was asked in its current state.";
    QuantityExceededError => "QUANTITY_EXCEEDED", "More units than a document line holds (shipping beyond what is committed, invoicing beyond what was received...).";
    ZeroAllocationBasisError => "ZERO_ALLOCATION_BASIS", "A landed-cost method whose basis is zero on every target line.";
    QuantityOverflowError => "QUANTITY_OVERFLOW", "A quantity sum that would leave the 64-bit range (positions, documents, replayed logs); the book is unchanged.";
    BookPoisonedError => "BOOK_POISONED", "A book refusing every call after an internal fault in the middle of a command: restore it from a snapshot or replay its events.";
    InvalidSnapshotError => "INVALID_SNAPSHOT", "A snapshot that restore refuses (damaged or edited: checksum, head hash, structure, unknown key).";
    // Selling codes: channels, sales orders, shipments and returns.
    UnknownChannelError => "UNKNOWN_CHANNEL", "A sales channel code that the book does not know.";
    UnknownSalesOrderError => "UNKNOWN_SALES_ORDER", "A sales order (channel and order id) that the book does not know.";
    OverShipmentError => "OVER_SHIPMENT", "Shipping more units of an order line than it has reserved at the location.";
    OverReturnError => "OVER_RETURN", "Returning more units of an order line than were shipped and not yet returned.";
    OverRefundError => "OVER_REFUND", "Refunding more of an order line's revenue, shipping or tax than its shipments recognised and earlier refunds left.";
    OverCancellationError => "OVER_CANCELLATION", "Cancelling more units of an order line than are still open.";
    RestatementRefusedError => "RESTATEMENT_REFUSED", "A restated order that takes a line below what shipped, or changes what a shipped line sold.";
    HistoryNotKeptError => "HISTORY_NOT_KEPT", "A history report (journal by account, stock history, profit) asked of a book that keeps no event log in memory.";
    ArchivedError => "ARCHIVED", "A sales order or document number that archive_closed removed from the book's state.";
    InternalError => "INTERNAL", "A bug caught at the binding boundary (a Rust panic); please report it.";
}

pyo3::create_exception!(
    landed._landed,
    StoreError,
    LandedError,
    "Base class of a durable store's own failures (`landed.Store`); `code` is one of `STORE_CODES`."
);

/// Declares the store's exception classes (subclasses of `StoreError`)
/// from one table, as `landed_exceptions!` does for the core's.
macro_rules! store_exceptions {
    ($($class:ident => $code:literal, $doc:literal;)*) => {
        $(
            pyo3::create_exception!(landed._landed, $class, StoreError, $doc);
        )*

        /// The class a store error with `code` is raised as, if it is one.
        fn store_exception_class<'py>(py: Python<'py>, code: &str) -> Option<Bound<'py, PyType>> {
            match code {
                $($code => Some(py.get_type::<$class>()),)*
                _ => None,
            }
        }

        /// Adds `StoreError`, its subclasses (each with its code) and
        /// `STORE_CODES` to the module.
        fn add_store_exception_classes(module: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = module.py();
            module.add("StoreError", py.get_type::<StoreError>())?;
            $(
                let class = py.get_type::<$class>();
                class.setattr("code", $code)?;
                module.add(stringify!($class), class)?;
            )*
            module.add("STORE_CODES", landed_json::STORE_CODES.to_vec())?;
            Ok(())
        }
    };
}

store_exceptions! {
    StoreConflictError => "STORE_CONFLICT", "Another handle or process wrote to the store first; this handle has reloaded: execute the command again.";
    StoreCorruptError => "STORE_CORRUPT", "The store does not hold a sound book (an edited or missing event, a snapshot or head that does not match the log, an import line that does not replay).";
    StoreExistsError => "STORE_EXISTS", "An import would overwrite an existing store.";
    StoreIoError => "STORE_IO", "The database or a file failed (a missing store, a lock held past the busy timeout, a full disk, a closed handle...).";
    StoreConfigMismatchError => "STORE_CONFIG_MISMATCH", "The store was created for another book configuration than the one given to open it.";
}

/// The Python exception for a core error: its code's class, its message,
/// and `code` on the instance too, so that even an error with a code newer
/// than this binding (raised as the base class) has one.
pub(crate) fn to_py_err(error: &CoreError) -> PyErr {
    Python::attach(|py| coded_error(py, error.code(), error.to_string()))
}

/// The Python exception for an error known by its code and message (a
/// failed entry of a batch arrives that way, as JSON).
pub(crate) fn coded_error(py: Python<'_>, code: &str, message: String) -> PyErr {
    let err = PyErr::from_type(exception_class(py, code), message);
    match err.value(py).setattr("code", code) {
        Ok(()) => err,
        Err(setattr_failed) => setattr_failed,
    }
}

/// `.into_py()` on core results. An extension trait because the orphan rule
/// forbids `impl From<LandedError> for PyErr` in this crate.
pub(crate) trait LandedResultExt<T> {
    /// Maps the error to its Python exception.
    fn into_py(self) -> PyResult<T>;
}

impl<T> LandedResultExt<T> for Result<T, CoreError> {
    fn into_py(self) -> PyResult<T> {
        self.map_err(|error| to_py_err(&error))
    }
}

/// Runs the body of an exported function, turning a panic into
/// `InternalError` (code `"INTERNAL"`). pyo3 would otherwise raise
/// `PanicException`, which derives from `BaseException` and carries no code.
///
/// `AssertUnwindSafe` is sound here in the memory sense; logically, a
/// panic is a bug, and a `RateBook` that was being mutated when it happened
/// may hold a partial update (the error message says so by its code).
pub(crate) fn shielded<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_panic(body).unwrap_or_else(|detail| Err(to_py_err(&CoreError::Internal { detail })))
}

pub(crate) use landed_json::panics::{catch_panic, install_quiet_panic_hook};

/// Registers the base class (as `LandedError`), every subclass, `CODES`
/// (the core's list, in its order) and `EXCEPTIONS_BY_CODE`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("LandedError", py.get_type::<LandedError>())?;
    add_exception_classes(module)?;
    add_store_exception_classes(module)?;
    module.add("CODES", CoreError::CODES.to_vec())?;
    // The tests compare this mapping with the core's list: a core code
    // without a class of its own shows up here as the base class.
    let by_code = PyDict::new(py);
    for code in CoreError::CODES {
        by_code.set_item(code, exception_class(py, code))?;
    }
    module.add("EXCEPTIONS_BY_CODE", by_code)?;
    Ok(())
}

/// A deliberate panic inside the boundary guard, so the tests can check
/// that a panic surfaces as `InternalError` and not as `PanicException`.
/// The core never panics on input, so there is no natural way to trigger one.
#[pyfunction]
pub(crate) fn _panic_for_tests(message: &str) -> PyResult<()> {
    shielded(|| panic!("{message}"))
}
