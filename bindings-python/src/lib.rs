//! Python bindings for `landed`: the native module `landed._landed`.
//!
//! The binding is thin. Each file wraps one area of the core:
//! [`money`] (`Currency`, `Money`), [`allocate`], [`fx`] (`RateBook` and the
//! values it returns), [`book`] (the inventory `Book`, over
//! `landed_json::JsonBook`), [`store`] (the durable `Store`, over
//! `landed_json::JsonStore`; [`queries`] holds the read methods both
//! share). [`convert`] holds every Python ⇄ core conversion (decimals,
//! dates, currencies, option names), [`json`] the Python ⇄ JSON conversion
//! of commands, events and reports, and [`errors`] the exception classes
//! and the panic guard that every exported function runs inside. A new area
//! is one more file plus its lines in the module below.

#![forbid(unsafe_code)]

mod allocate;
mod book;
mod convert;
mod errors;
mod fx;
mod json;
mod money;
mod queries;
mod store;

use pyo3::prelude::*;

#[pymodule]
mod _landed {
    use super::*;

    #[pymodule_export]
    use money::PyCurrency;
    #[pymodule_export]
    use money::PyMoney;

    #[pymodule_export]
    use allocate::{allocate_equal_py, allocate_py, validate_manual_py};

    #[pymodule_export]
    use fx::{PyConversion, PyEcbLoadSummary, PyRateBook, PyRateLeg, PyResolvedRate};

    #[pymodule_export]
    use book::{_panic_in_book_for_tests, PyBook};

    #[pymodule_export]
    use store::PyStore;

    #[pymodule_export]
    use errors::_panic_for_tests;

    /// Adds the exception classes, `CODES` and `EXCEPTIONS_BY_CODE`, which
    /// the declarative form cannot express (each class gets its `code`).
    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        // Panics caught at the boundary become InternalError; the hook
        // keeps them from also printing into the host's stderr.
        errors::install_quiet_panic_hook();
        errors::register(module)?;
        module.add("DECIMAL_FIELDS", landed_json::DECIMAL_FIELDS.to_vec())?;
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
