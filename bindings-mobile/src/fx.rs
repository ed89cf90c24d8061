//! Exchange rates: the `RateBook` object and the records its lookups return.

use std::sync::{Arc, Mutex, MutexGuard};

use landed::LandedError as CoreError;
use landed::fx::{self as core_fx, LookupPolicy};

use crate::convert::{Decimal, IsoDate, Money, RateType, RoundingStrategy, currency_code};
use crate::error::{LandedError, guard};

/// One stored rate used to resolve a conversion.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RateLeg {
    /// Base currency of the stored pair.
    pub base: String,
    /// Quote currency of the stored pair.
    pub quote: String,
    /// Date the stored rate is effective from.
    pub date: IsoDate,
    /// The stored rate: `1 base = rate quote`.
    pub rate: Decimal,
    /// True when the leg was walked quote → base (the amount is divided).
    pub inverted: bool,
}

impl From<core_fx::RateLeg> for RateLeg {
    fn from(leg: core_fx::RateLeg) -> Self {
        Self {
            base: leg.base.code().to_owned(),
            quote: leg.quote.code().to_owned(),
            date: leg.date,
            rate: leg.rate,
            inverted: leg.inverted,
        }
    }
}

fn legs_from_core(legs: Vec<core_fx::RateLeg>) -> Vec<RateLeg> {
    legs.into_iter().map(RateLeg::from).collect()
}

/// The rate from one currency to another on a date, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ResolvedRate {
    /// Source currency.
    pub from: String,
    /// Target currency.
    pub to: String,
    /// `1 from = rate to`, the product of the legs' effective rates.
    pub rate: Decimal,
    /// The stored rates used, in order (none for identity).
    pub legs: Vec<RateLeg>,
}

impl From<core_fx::ResolvedRate> for ResolvedRate {
    fn from(resolved: core_fx::ResolvedRate) -> Self {
        Self {
            from: resolved.from.code().to_owned(),
            to: resolved.to.code().to_owned(),
            rate: resolved.rate,
            legs: legs_from_core(resolved.legs),
        }
    }
}

/// The result of `RateBook.convert`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Conversion {
    /// The converted amount, rounded once to the target's minor units.
    pub amount: Money,
    /// The converted amount before that rounding.
    pub unrounded: Decimal,
    /// The effective rate: `1 source = rate target`.
    pub rate: Decimal,
    /// The stored rates used.
    pub legs: Vec<RateLeg>,
}

impl From<core_fx::Conversion> for Conversion {
    fn from(conversion: core_fx::Conversion) -> Self {
        Self {
            amount: conversion.amount.into(),
            unrounded: conversion.unrounded,
            rate: conversion.rate,
            legs: legs_from_core(conversion.legs),
        }
    }
}

/// What `RateBook.loadEcbCsv` read.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EcbLoadSummary {
    /// Data rows (days) read.
    pub days: u64,
    /// Rates stored (cells other than `N/A`).
    pub rates: u64,
    /// The currency columns, in file order.
    pub currencies: Vec<String>,
    /// Earliest date in the file, if it had rows.
    pub first_date: Option<IsoDate>,
    /// Latest date in the file, if it had rows.
    pub last_date: Option<IsoDate>,
}

impl From<core_fx::EcbLoadSummary> for EcbLoadSummary {
    fn from(summary: core_fx::EcbLoadSummary) -> Self {
        Self {
            days: count(summary.days),
            rates: count(summary.rates),
            currencies: summary
                .currencies
                .iter()
                .map(|c| c.code().to_owned())
                .collect(),
            first_date: summary.first_date,
            last_date: summary.last_date,
        }
    }
}

/// A count for the foreign side; usize is at most 64 bits on every target.
fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The lookup policy across bindings: `max_age_days` accepts the latest
/// earlier rate at most that old; `None` (Kotlin `null`, Swift `nil`) means
/// the exact date only.
fn policy(max_age_days: Option<u32>) -> LookupPolicy {
    match max_age_days {
        Some(max_age_days) => LookupPolicy::LatestWithin { max_age_days },
        None => LookupPolicy::Exact,
    }
}

/// Effective-dated exchange rates, with an optional pivot currency for
/// triangulation. Safe to share between threads: calls are serialised.
#[derive(Debug, uniffi::Object)]
pub struct RateBook {
    // uniffi objects are shared (`Arc`) and called from any thread, while
    // the core book needs `&mut` to insert: a mutex gives both.
    book: Mutex<core_fx::RateBook>,
}

impl RateBook {
    /// Locks the book. A lock poisoned by a panic in an earlier call is
    /// refused with `INTERNAL` rather than recovered: the panic may have
    /// left a series half-updated.
    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, core_fx::RateBook>, CoreError> {
        self.book.lock().map_err(|_| CoreError::Internal {
            detail: "the rate book is unusable after a panic in an earlier call".into(),
        })
    }
}

#[uniffi::export]
impl RateBook {
    /// An empty book that triangulates through `pivot` (e.g. `"EUR"`), or
    /// not at all when `pivot` is null. Fails with `UNKNOWN_CURRENCY`.
    #[uniffi::constructor(default(pivot = None))]
    pub fn new(pivot: Option<String>) -> Result<Arc<Self>, LandedError> {
        guard(|| {
            let book = match pivot {
                Some(code) => core_fx::RateBook::with_pivot(currency_code(&code)?),
                None => core_fx::RateBook::new(),
            };
            Ok(Arc::new(Self {
                book: Mutex::new(book),
            }))
        })
    }

    /// The pivot currency, if any.
    pub fn pivot(&self) -> Result<Option<String>, LandedError> {
        guard(|| Ok(self.lock()?.pivot().map(|c| c.code().to_owned())))
    }

    /// Number of stored rates.
    pub fn len(&self) -> Result<u64, LandedError> {
        guard(|| Ok(count(self.lock()?.len())))
    }

    /// True when no rate is stored.
    pub fn is_empty(&self) -> Result<bool, LandedError> {
        guard(|| Ok(self.lock()?.is_empty()))
    }

    /// Stores `1 base = rate quote` from `date` on (`rate_type` null means
    /// `SPOT`), replacing a rate of the same pair, type and date. Fails with
    /// `NON_POSITIVE_RATE`, `UNKNOWN_CURRENCY`, or `INVALID_OPTION` when base
    /// and quote are the same.
    #[uniffi::method(default(rate_type = None))]
    pub fn insert(
        &self,
        base: String,
        quote: String,
        date: IsoDate,
        rate: Decimal,
        rate_type: Option<RateType>,
    ) -> Result<(), LandedError> {
        guard(|| {
            let (base, quote) = (currency_code(&base)?, currency_code(&quote)?);
            let rate_type = rate_type.unwrap_or_default().into();
            self.lock()?.insert(base, quote, rate_type, date, rate)
        })
    }

    /// Loads the ECB reference-rate CSV (`eurofxref-hist.csv` layout) from
    /// text the host has read, as base-EUR rates of `rate_type` (null means
    /// `SPOT`). All or nothing: on `INVALID_RATE_FILE` the book is unchanged.
    #[uniffi::method(default(rate_type = None))]
    pub fn load_ecb_csv(
        &self,
        text: String,
        rate_type: Option<RateType>,
    ) -> Result<EcbLoadSummary, LandedError> {
        guard(|| {
            let rate_type = rate_type.unwrap_or_default().into();
            Ok(self.lock()?.load_ecb_csv(&text, rate_type)?.into())
        })
    }

    /// The rate from `from` to `to` on `date`: identity, direct, inverse,
    /// then through the pivot. `max_age_days` (default 7) accepts the latest
    /// earlier rate at most that old; null means the exact date only. Fails
    /// with `RATE_NOT_FOUND` or `RATE_STALE`.
    #[uniffi::method(default(rate_type = None, max_age_days = Some(7)))]
    pub fn rate(
        &self,
        from: String,
        to: String,
        date: IsoDate,
        rate_type: Option<RateType>,
        max_age_days: Option<u32>,
    ) -> Result<ResolvedRate, LandedError> {
        guard(|| {
            let (from, to) = (currency_code(&from)?, currency_code(&to)?);
            let rate_type = rate_type.unwrap_or_default().into();
            let resolved = self
                .lock()?
                .rate(from, to, date, rate_type, policy(max_age_days))?;
            Ok(resolved.into())
        })
    }

    /// Converts `money` into `to` on `date`, applying the legs at full
    /// precision and rounding once (`rounding` null means
    /// `HALF_AWAY_FROM_ZERO`). Same lookup rules and errors as `rate`.
    #[uniffi::method(default(rate_type = None, max_age_days = Some(7), rounding = None))]
    pub fn convert(
        &self,
        money: Money,
        to: String,
        date: IsoDate,
        rate_type: Option<RateType>,
        max_age_days: Option<u32>,
        rounding: Option<RoundingStrategy>,
    ) -> Result<Conversion, LandedError> {
        guard(|| {
            let (amount, to) = (money.to_core()?, currency_code(&to)?);
            let rate_type = rate_type.unwrap_or_default().into();
            let rounding = rounding.unwrap_or_default().into();
            let conversion = self.lock()?.convert(
                &amount,
                to,
                date,
                rate_type,
                policy(max_age_days),
                rounding,
            )?;
            Ok(conversion.into())
        })
    }
}
