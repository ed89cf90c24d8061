//! `Currency` and `Money` as Python classes.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use landed::{Currency, Money, RoundingStrategy};
use pyo3::basic::CompareOp;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyString, PyTuple, PyType};

use crate::convert::{Ints, currency_from_py, decimal_from_py, decimal_to_py, rounding_from_py};
use crate::errors::{LandedResultExt, shielded};

/// An ISO 4217 currency: `Currency("USD")`.
#[pyclass(module = "landed._landed", name = "Currency", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PyCurrency(pub(crate) Currency);

#[pymethods]
impl PyCurrency {
    #[new]
    fn new(code: &str) -> PyResult<Self> {
        shielded(|| Ok(Self(Currency::from_code(code).into_py()?)))
    }

    /// Every currency this build knows, sorted by code.
    #[staticmethod]
    fn all() -> PyResult<Vec<Self>> {
        shielded(|| Ok(Currency::all().map(Self).collect()))
    }

    #[getter]
    fn code(&self) -> &str {
        self.0.code()
    }

    #[getter]
    fn minor_units(&self) -> u32 {
        self.0.minor_units()
    }

    #[getter]
    fn numeric_code(&self) -> u16 {
        self.0.numeric_code()
    }

    #[getter]
    fn is_historical(&self) -> bool {
        self.0.is_historical()
    }

    fn __repr__(&self) -> String {
        format!("Currency('{}')", self.0)
    }

    fn __str__(&self) -> &str {
        self.0.code()
    }

    /// Pickles as the code alone.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String,)) {
        (slf.get_type(), (slf.get().0.code().to_owned(),))
    }
}

/// An exact amount of money: `Money(Decimal("12.34"), "USD")` or
/// `Money("12.34", "USD")`. Immutable; arithmetic returns new values.
#[pyclass(module = "landed._landed", name = "Money", frozen)]
#[derive(Clone, Copy)]
pub struct PyMoney(pub(crate) Money);

impl PyMoney {
    /// Reads a `Money` argument, with a message naming `what`.
    pub(crate) fn from_arg(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Money> {
        value
            .cast::<Self>()
            .map(|m| m.get().0)
            .map_err(|_| PyTypeError::new_err(format!("{what} must be a landed.Money")))
    }

    /// `self × factor`, shared by `*` from either side. The factor is a
    /// `Decimal` or an `int`. A float (or bool) is refused with a
    /// `TypeError` that says why; any other type, `str` included (`"2" *
    /// money` reads like string repetition), gets `NotImplemented`, so
    /// Python raises its usual `TypeError`.
    fn multiply(&self, factor: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = factor.py();
        if factor.is_instance_of::<PyFloat>() || factor.is_instance_of::<PyBool>() {
            return Err(PyTypeError::new_err(
                "Money can only be multiplied by a decimal.Decimal or an int (floats are inexact)",
            ));
        }
        if factor.is_instance_of::<PyString>() {
            return Ok(py.NotImplemented());
        }
        match decimal_from_py(factor, "factor", Ints::Accepted) {
            Ok(factor) => {
                let product = self.0.checked_mul(factor).into_py()?;
                Ok(Self(product).into_pyobject(py)?.into_any().unbind())
            }
            Err(err) if err.is_instance_of::<PyTypeError>(py) => Ok(py.NotImplemented()),
            Err(err) => Err(err),
        }
    }
}

// Method names are the Python API (`to_dict`, `to_minor_units`), where
// Rust's `to_*`-takes-`self` convention does not apply.
#[allow(clippy::wrong_self_convention)]
#[pymethods]
impl PyMoney {
    #[new]
    fn new(amount: &Bound<'_, PyAny>, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        shielded(|| {
            let amount = decimal_from_py(amount, "amount", Ints::Refused)?;
            Ok(Self(Money::new(amount, currency_from_py(currency)?)))
        })
    }

    /// Parses `"12.34 USD"` (or `"USD 12.34"`).
    #[staticmethod]
    fn parse(text: &str) -> PyResult<Self> {
        shielded(|| Ok(Self(text.parse::<Money>().into_py()?)))
    }

    /// An amount from a whole number of minor units: `(1234, "USD")` is 12.34 USD.
    #[staticmethod]
    fn from_minor_units(units: i128, currency: &Bound<'_, PyAny>) -> PyResult<Self> {
        shielded(|| {
            let currency = currency_from_py(currency)?;
            Ok(Self(Money::from_minor_units(units, currency).into_py()?))
        })
    }

    /// The exact amount as a `decimal.Decimal`.
    #[getter]
    fn amount<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| decimal_to_py(py, self.0.amount))
    }

    /// The ISO 4217 code.
    #[getter]
    fn currency(&self) -> &str {
        self.0.currency.code()
    }

    /// The amount in minor units (cents); fails if it has finer digits.
    fn to_minor_units(&self) -> PyResult<i128> {
        shielded(|| self.0.to_minor_units().into_py())
    }

    /// Rounded to the currency's minor units.
    #[pyo3(signature = (strategy = "half_away_from_zero"))]
    fn round(&self, strategy: &str) -> PyResult<Self> {
        shielded(|| {
            let strategy: RoundingStrategy = rounding_from_py(strategy)?;
            Ok(Self(self.0.round(strategy)))
        })
    }

    /// `{"amount": "12.34", "currency": "USD"}`: the amount as a string, the
    /// same JSON shape as the core's serde form.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        shielded(|| {
            let dict = PyDict::new(py);
            dict.set_item("amount", self.0.amount.to_string())?;
            dict.set_item("currency", self.0.currency.code())?;
            Ok(dict)
        })
    }

    fn __add__(&self, other: &Bound<'_, Self>) -> PyResult<Self> {
        shielded(|| Ok(Self(self.0.checked_add(&other.get().0).into_py()?)))
    }

    fn __sub__(&self, other: &Bound<'_, Self>) -> PyResult<Self> {
        shielded(|| Ok(Self(self.0.checked_sub(&other.get().0).into_py()?)))
    }

    fn __neg__(&self) -> Self {
        Self(self.0.neg())
    }

    fn __mul__(&self, factor: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        shielded(|| self.multiply(factor))
    }

    fn __rmul__(&self, factor: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        shielded(|| self.multiply(factor))
    }

    /// `==` is exact and currency-aware (1.0 USD == 1.00 USD, 1 USD != 1 EUR);
    /// `<` and friends compare within one currency and raise
    /// `CurrencyMismatchError` across currencies.
    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        shielded(|| {
            let py = other.py();
            let Ok(other) = other.cast::<Self>() else {
                return Ok(py.NotImplemented());
            };
            let other = other.get().0;
            let result = match op {
                CompareOp::Eq => self.0 == other,
                CompareOp::Ne => self.0 != other,
                _ => op.matches(self.0.checked_cmp(&other).into_py()?),
            };
            Ok(PyBool::new(py, result).to_owned().into_any().unbind())
        })
    }

    /// Consistent with `==`: the core hashes the normalized amount.
    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.0.hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self) -> String {
        format!("Money('{}', '{}')", self.0.amount, self.0.currency)
    }

    /// `"12.34 USD"`, with at least the currency's minor units.
    fn __str__(&self) -> String {
        self.0.to_string()
    }

    /// Pickles as `Money(amount_text, code)`, exactly.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let money = slf.get().0;
        let args = PyTuple::new(
            slf.py(),
            [money.amount.to_string(), money.currency.code().to_owned()],
        )?;
        Ok((slf.get_type(), args))
    }
}
