//! The `RateBook` class and the plain objects it takes and returns.

use napi::bindgen_prelude::{Either, Null};
use napi_derive::napi;

use crate::convert::{self, DecimalArg};
use crate::error::{JsError, guard};
use crate::money::Money;

/// How `RateBook.rate` finds a rate.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct RateOptions {
    /// `"spot"` (the default), `"monthly_average"` or `"custom"`.
    #[napi(ts_type = "'spot' | 'monthly_average' | 'custom'")]
    pub rate_type: Option<String>,
    /// Oldest acceptable rate, in days before the date (default 7: weekends
    /// and holidays have no ECB rate). `null` accepts only a rate effective
    /// on exactly that date.
    #[napi(ts_type = "number | null")]
    pub max_age_days: Option<Either<f64, Null>>,
}

/// How `RateBook.convert` finds a rate and rounds the result.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct ConvertOptions {
    /// `"spot"` (the default), `"monthly_average"` or `"custom"`.
    #[napi(ts_type = "'spot' | 'monthly_average' | 'custom'")]
    pub rate_type: Option<String>,
    /// Oldest acceptable rate, in days before the date (default 7). `null`
    /// accepts only a rate effective on exactly that date.
    #[napi(ts_type = "number | null")]
    pub max_age_days: Option<Either<f64, Null>>,
    /// `"half_away_from_zero"` (the default) or `"half_even"`.
    #[napi(ts_type = "'half_away_from_zero' | 'half_even'")]
    pub rounding: Option<String>,
}

/// One stored rate used to resolve a conversion: `1 base = rate quote`,
/// effective from `date`. `inverted` means it was walked from quote to base
/// (the amount was divided by `rate`).
#[napi(object, object_from_js = false)]
pub struct RateLeg {
    pub base: String,
    pub quote: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Decimal string.
    pub rate: String,
    pub inverted: bool,
}

/// The rate from one currency to another on a date: `1 from = rate to`,
/// the product of the legs (none for the identity).
#[napi(object, object_from_js = false)]
pub struct ResolvedRate {
    pub from: String,
    pub to: String,
    /// Decimal string.
    pub rate: String,
    pub legs: Vec<RateLeg>,
}

/// The result of `RateBook.convert`.
#[napi(object, object_from_js = false)]
pub struct Conversion {
    /// The converted amount, rounded once to the target's minor units.
    pub amount: Money,
    /// The converted amount before that rounding (decimal string).
    pub unrounded: String,
    /// The effective rate `1 source = rate target` (decimal string).
    pub rate: String,
    pub legs: Vec<RateLeg>,
}

/// What `RateBook.loadEcbCsv` read.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct EcbLoadSummary {
    /// Data rows (days) read.
    pub days: u32,
    /// Rates stored (cells other than `N/A`).
    pub rates: u32,
    /// The currency columns, in file order.
    pub currencies: Vec<String>,
    /// Earliest date in the file (`YYYY-MM-DD`), null for a file without rows.
    pub first_date: Option<String>,
    /// Latest date in the file (`YYYY-MM-DD`), null for a file without rows.
    pub last_date: Option<String>,
}

/// Counts become JS numbers through u32. A book cannot hold 2^32 rates in
/// memory, so saturating is only a formality.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn to_js_legs(legs: Vec<landed::fx::RateLeg>) -> Vec<RateLeg> {
    legs.into_iter()
        .map(|leg| RateLeg {
            base: leg.base.code().to_owned(),
            quote: leg.quote.code().to_owned(),
            date: leg.date.to_string(),
            rate: leg.rate.to_string(),
            inverted: leg.inverted,
        })
        .collect()
}

/// Effective-dated exchange rates. A lookup tries the identity, the direct
/// pair, the inverse pair, then (when the book has a pivot) the two legs
/// through the pivot.
#[napi]
pub struct RateBook {
    inner: landed::fx::RateBook,
}

#[napi]
impl RateBook {
    /// An empty book. With a pivot currency (`new RateBook("EUR")`), pairs
    /// without a stored rate are triangulated through it.
    #[napi(constructor)]
    pub fn new(pivot: Option<String>) -> Result<Self, JsError> {
        guard(|| {
            let inner = match pivot {
                Some(code) => landed::fx::RateBook::with_pivot(convert::currency(&code)?),
                None => landed::fx::RateBook::new(),
            };
            Ok(Self { inner })
        })
    }

    /// The pivot currency code, or null.
    #[napi(getter)]
    pub fn pivot(&self) -> Result<Option<String>, JsError> {
        guard(|| Ok(self.inner.pivot().map(|c| c.code().to_owned())))
    }

    /// Number of stored rates.
    #[napi(getter)]
    pub fn size(&self) -> Result<u32, JsError> {
        guard(|| Ok(count(self.inner.len())))
    }

    /// Stores `1 base = rate quote` from `date` on (replacing a rate of the
    /// same pair, type and date). `rate` is a decimal string. Throws
    /// `NON_POSITIVE_RATE` for zero or negative rates.
    #[napi]
    pub fn insert(
        &mut self,
        base: String,
        quote: String,
        date: String,
        #[napi(ts_arg_type = "string")] rate: DecimalArg<'_>,
        #[napi(ts_arg_type = "'spot' | 'monthly_average' | 'custom'")] rate_type: Option<String>,
    ) -> Result<(), JsError> {
        guard(|| {
            self.inner.insert(
                convert::currency(&base)?,
                convert::currency(&quote)?,
                convert::rate_type(rate_type.as_deref())?,
                convert::date(&date)?,
                convert::decimal(rate, "rate")?,
            )
        })
    }

    /// Loads the ECB reference-rate CSV (`eurofxref-hist.csv` layout) from
    /// its text, as base EUR rates. All or nothing: on `INVALID_RATE_FILE`
    /// (or any other error) the book is unchanged.
    #[napi]
    pub fn load_ecb_csv(
        &mut self,
        text: String,
        #[napi(ts_arg_type = "'spot' | 'monthly_average' | 'custom'")] rate_type: Option<String>,
    ) -> Result<EcbLoadSummary, JsError> {
        guard(|| {
            let rate_type = convert::rate_type(rate_type.as_deref())?;
            let summary = self.inner.load_ecb_csv(&text, rate_type)?;
            Ok(EcbLoadSummary {
                days: count(summary.days),
                rates: count(summary.rates),
                currencies: summary
                    .currencies
                    .iter()
                    .map(|c| c.code().to_owned())
                    .collect(),
                first_date: summary.first_date.map(|d| d.to_string()),
                last_date: summary.last_date.map(|d| d.to_string()),
            })
        })
    }

    /// The rate from `from` to `to` on `date` (`YYYY-MM-DD`). Throws
    /// `RATE_NOT_FOUND`, or `RATE_STALE` when the newest earlier rate is
    /// older than `maxAgeDays`.
    #[napi]
    pub fn rate(
        &self,
        from: String,
        to: String,
        date: String,
        options: Option<RateOptions>,
    ) -> Result<ResolvedRate, JsError> {
        guard(|| {
            let options = options.unwrap_or_default();
            let resolved = self.inner.rate(
                convert::currency(&from)?,
                convert::currency(&to)?,
                convert::date(&date)?,
                convert::rate_type(options.rate_type.as_deref())?,
                convert::lookup_policy(options.max_age_days)?,
            )?;
            Ok(ResolvedRate {
                from: resolved.from.code().to_owned(),
                to: resolved.to.code().to_owned(),
                rate: resolved.rate.to_string(),
                legs: to_js_legs(resolved.legs),
            })
        })
    }

    /// Converts `money` into `to` on `date`: the legs are applied at full
    /// precision and the result is rounded once. Throws what `rate` throws.
    #[napi]
    pub fn convert(
        &self,
        money: &Money,
        to: String,
        date: String,
        options: Option<ConvertOptions>,
    ) -> Result<Conversion, JsError> {
        guard(|| {
            let options = options.unwrap_or_default();
            let conversion = self.inner.convert(
                &money.inner,
                convert::currency(&to)?,
                convert::date(&date)?,
                convert::rate_type(options.rate_type.as_deref())?,
                convert::lookup_policy(options.max_age_days)?,
                convert::rounding(options.rounding.as_deref())?,
            )?;
            Ok(Conversion {
                amount: conversion.amount.into(),
                unrounded: conversion.unrounded.to_string(),
                rate: conversion.rate.to_string(),
                legs: to_js_legs(conversion.legs),
            })
        })
    }
}
