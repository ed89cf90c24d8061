//! Python bindings for `landed`: the native module `landed._landed`.
//!
//! The binding is thin. Each file wraps one area of the core:
//! [`money`] (`Currency`, `Money`), [`allocate`], [`fx`] (`RateBook` and the
//! values it returns). [`convert`] holds every Python ⇄ core conversion
//! (decimals, dates, currencies, option names) and [`errors`] the exception
//! classes and the panic guard that every exported function runs inside. A
//! new area (the inventory `Book`, say) is one more file plus its lines in
//! the module below.

#![forbid(unsafe_code)]

mod allocate;
mod convert;
mod errors;
mod fx;
mod money;

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
    use errors::_panic_for_tests;

    /// Adds the exception classes, `CODES` and `EXCEPTIONS_BY_CODE`, which
    /// the declarative form cannot express (each class gets its `code`).
    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        errors::register(module)?;
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
