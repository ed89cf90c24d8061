//! Conversions between Python values and core types.
//!
//! Money is never a float at this boundary. pyo3's own `rust_decimal`
//! conversion goes through `str(obj)` and so takes a float silently; the
//! functions here check the Python type first and refuse floats (and bools)
//! with `TypeError`.

use std::str::FromStr;

use chrono::NaiveDate;
use landed::fx::{LookupPolicy, RateType};
use landed::money::parse_decimal;
use landed::{Currency, LandedError, RoundingStrategy};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyFloat, PyInt, PyString, PyType};
use rust_decimal::Decimal;

use crate::errors::LandedResultExt;
use crate::money::PyCurrency;

/// `decimal.Decimal`, imported once per interpreter.
static DECIMAL_CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub(crate) fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL_CLASS.import(py, "decimal", "Decimal")
}

/// A core decimal as a `decimal.Decimal`, digit for digit (the scale is
/// kept: 12.30 stays `Decimal('12.30')`).
pub(crate) fn decimal_to_py(py: Python<'_>, value: Decimal) -> PyResult<Bound<'_, PyAny>> {
    decimal_class(py)?.call1((value.to_string(),))
}

/// Which Python types a decimal argument accepts besides `Decimal` and `str`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ints {
    /// Amounts of money: an `int` is refused, because `Money(1234, "USD")`
    /// is as likely to mean 12.34 (cents) as 1234.00.
    Refused,
    /// Weights, factors and rates: an `int` is exact and unambiguous.
    Accepted,
}

/// Reads a decimal argument: `decimal.Decimal` or `str` (plus `int` when
/// `ints` allows it). `what` names the argument in error messages.
pub(crate) fn decimal_from_py(
    value: &Bound<'_, PyAny>,
    what: &str,
    ints: Ints,
) -> PyResult<Decimal> {
    let py = value.py();
    let text = if value.is_instance(decimal_class(py)?.as_any())? {
        // `str(Decimal)` may use exponent notation (`1E+3`), which the core
        // refuses; the `f` format is always plain and never rounds.
        value
            .call_method1("__format__", ("f",))?
            .extract::<String>()?
    } else if let Ok(text) = value.cast::<PyString>() {
        text.to_str()?.to_owned()
    } else if ints == Ints::Accepted
        && value.is_instance_of::<PyInt>()
        && !value.is_instance_of::<PyBool>()
    {
        value.str()?.to_str()?.to_owned()
    } else {
        return Err(wrong_decimal_type(value, what, ints));
    };
    parse_decimal(&text).into_py()
}

fn wrong_decimal_type(value: &Bound<'_, PyAny>, what: &str, ints: Ints) -> PyErr {
    let type_name = value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "?".to_owned());
    let accepted = match ints {
        Ints::Refused => "a decimal.Decimal or str",
        Ints::Accepted => "a decimal.Decimal, int or str",
    };
    let hint = if value.is_instance_of::<PyFloat>() {
        " (floats are inexact: use Decimal(\"0.1\") or \"0.1\")"
    } else if ints == Ints::Refused
        && value.is_instance_of::<PyInt>()
        && !value.is_instance_of::<PyBool>()
    {
        " (an int is ambiguous for money: use Decimal(\"12\") or Money.from_minor_units)"
    } else {
        ""
    };
    PyTypeError::new_err(format!("{what} must be {accepted}, not {type_name}{hint}"))
}

/// Reads a date: `datetime.date` or an ISO `YYYY-MM-DD` string. A
/// `datetime.datetime` is refused although it is a `date` subclass: which
/// calendar day an instant falls on depends on a time zone, so the caller
/// must pick the day (`.date()`) rather than have the time dropped silently.
pub(crate) fn date_from_py(value: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if value.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(
            "expected a datetime.date, got a datetime.datetime: pass .date() explicitly",
        ));
    }
    if value.is_instance_of::<PyDate>() {
        return value.extract();
    }
    if let Ok(text) = value.cast::<PyString>() {
        return landed::parse_date(text.to_str()?).into_py();
    }
    Err(PyTypeError::new_err(
        "expected a datetime.date or a \"YYYY-MM-DD\" string",
    ))
}

/// Reads a currency: a `Currency` or an ISO 4217 code.
pub(crate) fn currency_from_py(value: &Bound<'_, PyAny>) -> PyResult<Currency> {
    if let Ok(currency) = value.cast::<PyCurrency>() {
        return Ok(currency.get().0);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Currency::from_code(text.to_str()?).into_py();
    }
    Err(PyTypeError::new_err(
        "expected a currency code (str) or a landed.Currency",
    ))
}

/// A named option such as `"half_even"` or `"monthly_average"`.
pub(crate) fn option_from_py<T: FromStr<Err = LandedError>>(name: &str) -> PyResult<T> {
    name.parse().into_py()
}

/// The rounding strategy named `name`.
pub(crate) fn rounding_from_py(name: &str) -> PyResult<RoundingStrategy> {
    option_from_py(name)
}

/// The rate type named `name`.
pub(crate) fn rate_type_from_py(name: &str) -> PyResult<RateType> {
    option_from_py(name)
}

/// The lookup policy shared by every binding: `None` means "exact date
/// only", an integer the maximum age in days of the latest earlier rate.
pub(crate) fn policy_from_py(max_age_days: Option<i64>) -> PyResult<LookupPolicy> {
    match max_age_days {
        None => Ok(LookupPolicy::Exact),
        Some(days) => match u32::try_from(days) {
            Ok(max_age_days) => Ok(LookupPolicy::LatestWithin { max_age_days }),
            Err(_) => Err(LandedError::InvalidOption {
                what: "max_age_days".into(),
                input: days.to_string(),
                expected: "None (exact date) or a whole number of days from 0".into(),
            })
            .into_py(),
        },
    }
}
