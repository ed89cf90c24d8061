//! `currency()` and the `Money` class.

use napi_derive::napi;

use crate::convert::{self, DecimalArg};
use crate::error::{JsError, guard};

/// An ISO 4217 currency.
#[napi(object, js_name = "Currency", object_from_js = false)]
pub struct CurrencyInfo {
    /// Three-letter code, upper case: `"USD"`.
    pub code: String,
    /// Decimal places of the minor unit: USD 2, JPY 0, KWD 3, CLF 4.
    pub minor_units: u32,
    /// ISO 4217 numeric code: USD 840.
    pub numeric_code: u32,
    /// True for codes withdrawn from ISO 4217 that still appear in rate
    /// histories (CYP, TRL…).
    pub historical: bool,
}

/// Looks up an ISO 4217 currency by its code (case-insensitive).
/// Throws `UNKNOWN_CURRENCY` for anything else.
#[napi]
pub fn currency(code: String) -> Result<CurrencyInfo, JsError> {
    guard(|| {
        let found = convert::currency(&code)?;
        Ok(CurrencyInfo {
            code: found.code().to_owned(),
            minor_units: found.minor_units(),
            numeric_code: u32::from(found.numeric_code()),
            historical: found.is_historical(),
        })
    })
}

/// The plain-object form of a `Money`, as `JSON.stringify` writes it.
#[napi(object, object_from_js = false)]
pub struct MoneyJson {
    /// The exact amount as a decimal string.
    pub amount: String,
    /// The ISO 4217 code.
    pub currency: String,
}

/// An exact amount of money in one currency. Immutable: every operation
/// returns a new `Money`.
///
/// The amount is a decimal string both ways (`new Money("12.34", "USD")`,
/// `m.amount === "12.34"`); a JavaScript number is refused with
/// `INVALID_AMOUNT`. The amount may carry more places than the currency's
/// minor unit until `round()` is called.
#[napi]
pub struct Money {
    pub(crate) inner: landed::Money,
}

impl From<landed::Money> for Money {
    fn from(inner: landed::Money) -> Self {
        Self { inner }
    }
}

#[napi]
impl Money {
    /// `new Money("12.34", "USD")`. Throws `INVALID_AMOUNT` for anything
    /// but a plain decimal string, `UNKNOWN_CURRENCY` for an unknown code.
    #[napi(constructor)]
    pub fn new(
        #[napi(ts_arg_type = "string")] amount: DecimalArg<'_>,
        currency: String,
    ) -> Result<Self, JsError> {
        guard(|| {
            let amount = convert::decimal(amount, "amount")?;
            Ok(landed::Money::new(amount, convert::currency(&currency)?).into())
        })
    }

    /// Parses `"12.34 USD"` (or `"USD 12.34"`).
    #[napi(factory)]
    pub fn parse(text: String) -> Result<Self, JsError> {
        guard(|| Ok(text.parse::<landed::Money>()?.into()))
    }

    /// The exact amount as a decimal string, with the scale it was given
    /// (`"12.340"` stays `"12.340"`).
    #[napi(getter)]
    pub fn amount(&self) -> Result<String, JsError> {
        guard(|| Ok(self.inner.amount.to_string()))
    }

    /// The ISO 4217 code.
    #[napi(getter)]
    pub fn currency(&self) -> Result<String, JsError> {
        guard(|| Ok(self.inner.currency.code().to_owned()))
    }

    /// `this + other`. Throws `CURRENCY_MISMATCH` or `DECIMAL_OVERFLOW`.
    #[napi]
    pub fn add(&self, other: &Money) -> Result<Money, JsError> {
        guard(|| Ok(self.inner.checked_add(&other.inner)?.into()))
    }

    /// `this - other`. Throws `CURRENCY_MISMATCH` or `DECIMAL_OVERFLOW`.
    #[napi]
    pub fn sub(&self, other: &Money) -> Result<Money, JsError> {
        guard(|| Ok(self.inner.checked_sub(&other.inner)?.into()))
    }

    /// `-this`.
    #[napi]
    pub fn neg(&self) -> Result<Money, JsError> {
        guard(|| Ok(self.inner.neg().into()))
    }

    /// `this × factor` at full precision, no rounding. The factor is a
    /// decimal string. Throws `DECIMAL_OVERFLOW` or `INVALID_AMOUNT`.
    #[napi]
    pub fn mul(
        &self,
        #[napi(ts_arg_type = "string")] factor: DecimalArg<'_>,
    ) -> Result<Money, JsError> {
        guard(|| {
            let factor = convert::decimal(factor, "factor")?;
            Ok(self.inner.checked_mul(factor)?.into())
        })
    }

    /// Rounds to the currency's minor units. `strategy` is
    /// `"half_away_from_zero"` (the default) or `"half_even"`.
    #[napi]
    pub fn round(
        &self,
        #[napi(ts_arg_type = "'half_away_from_zero' | 'half_even'")] strategy: Option<String>,
    ) -> Result<Money, JsError> {
        guard(|| {
            let strategy = convert::rounding(strategy.as_deref())?;
            Ok(self.inner.round(strategy).into())
        })
    }

    /// Same currency and same value: `1.5 USD` equals `1.50 USD`.
    #[napi]
    pub fn equals(&self, other: &Money) -> Result<bool, JsError> {
        guard(|| Ok(self.inner == other.inner))
    }

    /// `"12.34 USD"`, with at least the currency's minor units (`"5.00 USD"`).
    #[napi(js_name = "toString")]
    pub fn to_display_string(&self) -> Result<String, JsError> {
        guard(|| Ok(self.inner.to_string()))
    }

    /// What `console.log` and `util.inspect` show: `Money(12.34 USD)`.
    /// (The amount lives in getters on the prototype, which Node's
    /// inspector does not list, so it would otherwise print `Money {}`.)
    #[napi(symbol_for = "nodejs.util.inspect.custom")]
    pub fn inspect(&self) -> Result<String, JsError> {
        guard(|| Ok(format!("Money({})", self.inner)))
    }

    /// `{ amount: "12.34", currency: "USD" }`, so `JSON.stringify` keeps the
    /// amount a string.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> Result<MoneyJson, JsError> {
        guard(|| {
            Ok(MoneyJson {
                amount: self.inner.amount.to_string(),
                currency: self.inner.currency.code().to_owned(),
            })
        })
    }
}
