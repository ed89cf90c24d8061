//! Exchange rates: `RateBook` and the values it returns.

use chrono::NaiveDate;
use landed::fx::{Conversion, EcbLoadSummary, RateBook, RateLeg, ResolvedRate};
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::convert::{
    Ints, currency_from_py, date_from_py, decimal_from_py, decimal_to_py, policy_from_py,
    rate_type_from_py, rounding_from_py,
};
use crate::errors::{LandedResultExt, shielded};
use crate::money::PyMoney;

/// One stored rate used in a resolution: `1 base = rate quote` from `date`;
/// `inverted` when it was walked from quote to base.
#[pyclass(module = "landed._landed", name = "RateLeg", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyRateLeg(RateLeg);

#[pymethods]
impl PyRateLeg {
    #[getter]
    fn base(&self) -> &str {
        self.0.base.code()
    }

    #[getter]
    fn quote(&self) -> &str {
        self.0.quote.code()
    }

    #[getter]
    fn date(&self) -> NaiveDate {
        self.0.date
    }

    /// The stored rate, as stored (not inverted).
    #[getter]
    fn rate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| decimal_to_py(py, self.0.rate))
    }

    #[getter]
    fn inverted(&self) -> bool {
        self.0.inverted
    }

    /// The rate in the direction walked (`1 / rate` when inverted).
    fn effective_rate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| decimal_to_py(py, self.0.effective_rate().into_py()?))
    }

    fn __repr__(&self) -> String {
        let leg = &self.0;
        format!(
            "RateLeg(base='{}', quote='{}', date={}, rate='{}', inverted={})",
            leg.base,
            leg.quote,
            leg.date,
            leg.rate,
            if leg.inverted { "True" } else { "False" }
        )
    }
}

fn legs_to_py(legs: &[RateLeg]) -> Vec<PyRateLeg> {
    legs.iter().cloned().map(PyRateLeg).collect()
}

/// The rate from one currency to another on a date, and the legs it took.
#[pyclass(module = "landed._landed", name = "ResolvedRate", frozen)]
pub struct PyResolvedRate(ResolvedRate);

// `from_currency` is a Python attribute name, not a Rust constructor.
#[allow(clippy::wrong_self_convention)]
#[pymethods]
impl PyResolvedRate {
    #[getter]
    fn from_currency(&self) -> &str {
        self.0.from.code()
    }

    #[getter]
    fn to_currency(&self) -> &str {
        self.0.to.code()
    }

    /// `1 from_currency = rate to_currency`, the product of the legs.
    #[getter]
    fn rate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| decimal_to_py(py, self.0.rate))
    }

    /// The stored rates used, in order (empty from a currency to itself).
    #[getter]
    fn legs(&self) -> Vec<PyRateLeg> {
        legs_to_py(&self.0.legs)
    }

    fn __repr__(&self) -> String {
        format!(
            "ResolvedRate(from_currency='{}', to_currency='{}', rate='{}', legs={})",
            self.0.from,
            self.0.to,
            self.0.rate,
            self.0.legs.len()
        )
    }
}

/// The result of `RateBook.convert`: the amount rounded once, and how.
#[pyclass(module = "landed._landed", name = "Conversion", frozen)]
pub struct PyConversion(Conversion);

#[pymethods]
impl PyConversion {
    /// The converted amount, rounded to the target's minor units.
    #[getter]
    fn amount(&self) -> PyMoney {
        PyMoney(self.0.amount)
    }

    /// The converted amount before rounding.
    #[getter]
    fn unrounded<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| decimal_to_py(py, self.0.unrounded))
    }

    /// The overall rate (product of the legs' effective rates).
    #[getter]
    fn rate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        shielded(|| decimal_to_py(py, self.0.rate))
    }

    #[getter]
    fn legs(&self) -> Vec<PyRateLeg> {
        legs_to_py(&self.0.legs)
    }

    fn __repr__(&self) -> String {
        format!(
            "Conversion(amount={}, rate='{}', legs={})",
            self.0.amount,
            self.0.rate,
            self.0.legs.len()
        )
    }
}

/// What `RateBook.load_ecb_csv` read.
#[pyclass(module = "landed._landed", name = "EcbLoadSummary", frozen)]
pub struct PyEcbLoadSummary(EcbLoadSummary);

#[pymethods]
impl PyEcbLoadSummary {
    /// Data rows (days) read.
    #[getter]
    fn days(&self) -> usize {
        self.0.days
    }

    /// Rates stored (cells other than `N/A`).
    #[getter]
    fn rates(&self) -> usize {
        self.0.rates
    }

    /// The currency columns, in file order.
    #[getter]
    fn currencies(&self) -> Vec<&str> {
        self.0.currencies.iter().map(|c| c.code()).collect()
    }

    #[getter]
    fn first_date(&self) -> Option<NaiveDate> {
        self.0.first_date
    }

    #[getter]
    fn last_date(&self) -> Option<NaiveDate> {
        self.0.last_date
    }

    fn __repr__(&self) -> String {
        let date = |d: Option<NaiveDate>| d.map_or("None".to_owned(), |d| d.to_string());
        format!(
            "EcbLoadSummary(days={}, rates={}, currencies={}, first_date={}, last_date={})",
            self.0.days,
            self.0.rates,
            self.0.currencies.len(),
            date(self.0.first_date),
            date(self.0.last_date)
        )
    }
}

/// Effective-dated exchange rates, triangulated through `pivot` when set.
#[pyclass(module = "landed._landed", name = "RateBook")]
pub struct PyRateBook(RateBook);

#[pymethods]
impl PyRateBook {
    #[new]
    #[pyo3(signature = (pivot = None))]
    fn new(pivot: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        shielded(|| {
            let book = match pivot {
                Some(pivot) => RateBook::with_pivot(currency_from_py(pivot)?),
                None => RateBook::new(),
            };
            Ok(Self(book))
        })
    }

    /// The pivot currency code, or `None`.
    #[getter]
    fn pivot(&self) -> Option<String> {
        self.0.pivot().map(|c| c.code().to_owned())
    }

    #[setter]
    fn set_pivot(&mut self, pivot: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        shielded(|| {
            let pivot = pivot.map(currency_from_py).transpose()?;
            self.0.set_pivot(pivot);
            Ok(())
        })
    }

    /// Number of stored rates.
    fn __len__(&self) -> usize {
        self.0.len()
    }

    /// Stores `1 base = rate quote` from `date` on (replacing the same
    /// pair, type and date).
    #[pyo3(signature = (base, quote, date, rate, rate_type = "spot"))]
    fn insert(
        &mut self,
        base: &Bound<'_, PyAny>,
        quote: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        rate: &Bound<'_, PyAny>,
        rate_type: &str,
    ) -> PyResult<()> {
        shielded(|| {
            let base = currency_from_py(base)?;
            let quote = currency_from_py(quote)?;
            let date = date_from_py(date)?;
            let rate = decimal_from_py(rate, "rate", Ints::Accepted)?;
            let rate_type = rate_type_from_py(rate_type)?;
            self.0.insert(base, quote, rate_type, date, rate).into_py()
        })
    }

    /// Loads ECB euro reference rates (`eurofxref-hist.csv` text) as base
    /// EUR; all or nothing. The parse runs without holding the GIL.
    #[pyo3(signature = (text, rate_type = "spot"))]
    fn load_ecb_csv(
        &mut self,
        py: Python<'_>,
        text: &str,
        rate_type: &str,
    ) -> PyResult<PyEcbLoadSummary> {
        shielded(|| {
            let rate_type = rate_type_from_py(rate_type)?;
            let text = text.to_owned();
            let book = &mut self.0;
            let summary = py.detach(move || book.load_ecb_csv(&text, rate_type));
            Ok(PyEcbLoadSummary(summary.into_py()?))
        })
    }

    /// The rate from `from_currency` to `to_currency` on `date`.
    /// `max_age_days=None` accepts only a rate of that exact date.
    // The explicit text signature shows the default as 7 (pyo3 would render
    // `Some(7)` as `...`), which `mypy.stubtest` compares with the stub.
    #[pyo3(
        signature = (from_currency, to_currency, date, rate_type = "spot", max_age_days = Some(7)),
        text_signature = "($self, from_currency, to_currency, date, rate_type='spot', max_age_days=7)"
    )]
    fn rate(
        &self,
        from_currency: &Bound<'_, PyAny>,
        to_currency: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        rate_type: &str,
        max_age_days: Option<i64>,
    ) -> PyResult<PyResolvedRate> {
        shielded(|| {
            let resolved = self
                .0
                .rate(
                    currency_from_py(from_currency)?,
                    currency_from_py(to_currency)?,
                    date_from_py(date)?,
                    rate_type_from_py(rate_type)?,
                    policy_from_py(max_age_days)?,
                )
                .into_py()?;
            Ok(PyResolvedRate(resolved))
        })
    }

    /// Converts `money` into `to_currency` on `date`, rounding once at the end.
    #[pyo3(
        signature = (
            money, to_currency, date, rate_type = "spot", max_age_days = Some(7),
            rounding = "half_away_from_zero"
        ),
        text_signature = "($self, money, to_currency, date, rate_type='spot', max_age_days=7, rounding='half_away_from_zero')"
    )]
    fn convert(
        &self,
        money: &Bound<'_, PyAny>,
        to_currency: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        rate_type: &str,
        max_age_days: Option<i64>,
        rounding: &str,
    ) -> PyResult<PyConversion> {
        shielded(|| {
            let conversion = self
                .0
                .convert(
                    &PyMoney::from_arg(money, "money")?,
                    currency_from_py(to_currency)?,
                    date_from_py(date)?,
                    rate_type_from_py(rate_type)?,
                    policy_from_py(max_age_days)?,
                    rounding_from_py(rounding)?,
                )
                .into_py()?;
            Ok(PyConversion(conversion))
        })
    }

    /// Pickles as `RateBook(pivot)` followed by `__setstate__` with every
    /// stored rate as `(base, quote, date, rate, rate_type)` strings, so the
    /// copy holds exactly the same rates (scale kept).
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (
        Bound<'py, PyType>,
        (Option<String>,),
        Vec<(String, String, String, String, String)>,
    ) {
        let book = slf.borrow();
        let pivot = book.0.pivot().map(|c| c.code().to_owned());
        let state = book
            .0
            .entries()
            .into_iter()
            .map(|(base, quote, rate_type, date, rate)| {
                (
                    base.code().to_owned(),
                    quote.code().to_owned(),
                    date.to_string(),
                    rate.to_string(),
                    rate_type.name().to_owned(),
                )
            })
            .collect();
        (slf.get_type(), (pivot,), state)
    }

    /// Stores the rates `__reduce__` listed (all or nothing: on a bad
    /// entry nothing is added).
    fn __setstate__(
        &mut self,
        state: Vec<(String, String, String, String, String)>,
    ) -> PyResult<()> {
        shielded(|| {
            let mut book = self.0.clone();
            for (base, quote, date, rate, rate_type) in &state {
                let base = landed::Currency::from_code(base).into_py()?;
                let quote = landed::Currency::from_code(quote).into_py()?;
                let date = landed::parse_date(date).into_py()?;
                let rate = landed::money::parse_decimal(rate).into_py()?;
                let rate_type = rate_type_from_py(rate_type)?;
                book.insert(base, quote, rate_type, date, rate).into_py()?;
            }
            self.0 = book;
            Ok(())
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "RateBook(pivot={}, rates={})",
            self.0
                .pivot()
                .map_or("None".to_owned(), |c| format!("'{c}'")),
            self.0.len()
        )
    }
}
