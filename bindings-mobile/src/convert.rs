//! The types that cross the boundary and their conversions to and from the
//! core. Nothing here computes; it only reshapes.
//!
//! * `Decimal` travels as its exact string form and is mapped by
//!   `uniffi.toml` to `java.math.BigDecimal` (Kotlin), `Foundation.Decimal`
//!   (Swift) and `decimal.Decimal` (Python): never a float.
//! * `IsoDate` travels as `YYYY-MM-DD` and is mapped to
//!   `java.time.LocalDate` in Kotlin (Swift keeps the ISO string).
//! * Currencies are ISO codes (`String`); they are checked whenever a value
//!   is handed to the core.

use landed::LandedError as CoreError;
use landed::fx::RateType as CoreRateType;
use landed::money::parse_decimal;

use crate::error::LandedError;

pub use rust_decimal::Decimal;

/// A calendar date (no time, no zone), `YYYY-MM-DD` on the wire.
pub type IsoDate = chrono::NaiveDate;

// A malformed value from the foreign side (a BigDecimal beyond the 96-bit
// range, a Swift `Decimal.nan`, a year past 9999) fails while uniffi lifts
// the argument. Returning our `LandedError` from the lift lets uniffi hand it
// to the caller as a typed `LandedException` (it downcasts lift errors to the
// function's error type) instead of an untyped internal error.
uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |value| value.to_string(),
    try_lift: |text| Ok(parse_decimal(&text).map_err(LandedError::from)?),
});

uniffi::custom_type!(IsoDate, String, {
    remote,
    lower: |date| date.format("%Y-%m-%d").to_string(),
    try_lift: |text| Ok(landed::parse_date(&text).map_err(LandedError::from)?),
});

/// An ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Currency {
    /// The three-letter code, e.g. `"USD"`.
    pub code: String,
    /// Decimal places of the minor unit (USD 2, JPY 0, KWD 3, CLF 4).
    pub minor_units: u32,
    /// The ISO numeric code (USD 840).
    pub numeric_code: u16,
    /// True for codes withdrawn from ISO 4217 but kept for rate histories.
    pub historical: bool,
}

impl From<landed::Currency> for Currency {
    fn from(currency: landed::Currency) -> Self {
        Self {
            code: currency.code().to_owned(),
            minor_units: currency.minor_units(),
            numeric_code: currency.numeric_code(),
            historical: currency.is_historical(),
        }
    }
}

/// An exact amount of money in one currency.
///
/// Build one with `moneyOf` or `parseMoney` (they check and normalise the
/// code), or directly; a direct one is checked when it is first used.
/// Equality and hashing come from Rust, so `1.10 USD == 1.1 USD`, and the
/// string form is `"12.34 USD"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
#[uniffi::export(Display, Eq, Hash)]
pub struct Money {
    /// The exact amount; may carry more places than the minor unit.
    pub amount: Decimal,
    /// The ISO 4217 code, e.g. `"USD"`.
    pub currency: String,
}

impl Money {
    /// The core value; fails with `UNKNOWN_CURRENCY` for a bad code.
    pub(crate) fn to_core(&self) -> Result<landed::Money, CoreError> {
        Ok(landed::Money::new(
            self.amount,
            landed::Currency::from_code(&self.currency)?,
        ))
    }
}

impl From<landed::Money> for Money {
    fn from(money: landed::Money) -> Self {
        Self {
            amount: money.amount,
            currency: money.currency.code().to_owned(),
        }
    }
}

impl std::fmt::Display for Money {
    /// The core's form (`"5.00 USD"`); a record with an unknown code, which
    /// the core would refuse, still prints as amount and code.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to_core() {
            Ok(money) => money.fmt(f),
            Err(_) => write!(f, "{} {}", self.amount, self.currency),
        }
    }
}

/// Converts a list of foreign `Money` values for the core.
pub(crate) fn moneys_to_core(values: &[Money]) -> Result<Vec<landed::Money>, CoreError> {
    values.iter().map(Money::to_core).collect()
}

/// Converts core amounts for the foreign side.
pub(crate) fn moneys_from_core(values: Vec<landed::Money>) -> Vec<Money> {
    values.into_iter().map(Money::from).collect()
}

/// Looks up a currency code for the core.
pub(crate) fn currency_code(code: &str) -> Result<landed::Currency, CoreError> {
    landed::Currency::from_code(code)
}

/// How a value exactly halfway between two minor units is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, uniffi::Enum)]
pub enum RoundingStrategy {
    /// 2.5 → 3, −2.5 → −3 (the book default, `"half_away_from_zero"`).
    #[default]
    HalfAwayFromZero,
    /// 2.5 → 2, 3.5 → 4: banker's rounding (`"half_even"`).
    HalfEven,
}

impl From<RoundingStrategy> for landed::RoundingStrategy {
    fn from(strategy: RoundingStrategy) -> Self {
        match strategy {
            RoundingStrategy::HalfAwayFromZero => Self::HalfAwayFromZero,
            RoundingStrategy::HalfEven => Self::HalfEven,
        }
    }
}

/// Which family of exchange rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, uniffi::Enum)]
pub enum RateType {
    /// Daily market rate (`"spot"`; the ECB reference rates are spot).
    #[default]
    Spot,
    /// A month's average, effective from its first day (`"monthly_average"`).
    MonthlyAverage,
    /// A rate the company sets itself (`"custom"`).
    Custom,
}

impl From<RateType> for CoreRateType {
    fn from(rate_type: RateType) -> Self {
        match rate_type {
            RateType::Spot => Self::Spot,
            RateType::MonthlyAverage => Self::MonthlyAverage,
            RateType::Custom => Self::Custom,
        }
    }
}

/// How the profit report groups its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ProfitGroup {
    /// Per order (`channel/order`).
    Order,
    /// Per SKU, or bundle.
    Sku,
    /// Per channel.
    Channel,
    /// Per calendar month (`2026-11`).
    Month,
}

impl From<ProfitGroup> for landed::report::ProfitGroup {
    fn from(group: ProfitGroup) -> Self {
        match group {
            ProfitGroup::Order => Self::Order,
            ProfitGroup::Sku => Self::Sku,
            ProfitGroup::Channel => Self::Channel,
            ProfitGroup::Month => Self::Month,
        }
    }
}

/// Which date a line of profit counts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, uniffi::Enum)]
pub enum ProfitBasis {
    /// The date of its entry (shipment, refund, fee): the ledger's view.
    #[default]
    Shipment,
    /// An order's lines on the date of the settlement that paid them out.
    Settlement,
}

impl From<ProfitBasis> for landed::report::ProfitBasis {
    fn from(basis: ProfitBasis) -> Self {
        match basis {
            ProfitBasis::Shipment => Self::Shipment,
            ProfitBasis::Settlement => Self::Settlement,
        }
    }
}
