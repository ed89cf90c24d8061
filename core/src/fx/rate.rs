//! Rate types, lookup policies, and the legs and results of a resolved
//! rate or a conversion.
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::fx::{LookupPolicy, RateBook, RateType};
//! use landed::Currency;
//! let (usd, cny) = (Currency::from_code("USD")?, Currency::from_code("CNY")?);
//! let mut rates = RateBook::new();
//! rates.insert(usd, cny, RateType::Spot, landed::parse_date("2026-11-02")?, "8".parse().unwrap())?;
//! // CNY to USD walks the stored USD/CNY rate backwards.
//! let resolved = rates.rate(cny, usd, landed::parse_date("2026-11-02")?, RateType::Spot, LookupPolicy::Exact)?;
//! assert!(resolved.legs[0].inverted);
//! assert_eq!(resolved.legs[0].effective_rate()?.to_string(), "0.125");
//! # Ok(()) }
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{LandedError, Result};
use crate::money::{Currency, Money};

/// Which family of rates: the daily spot rate, a monthly average (often used
/// for income-statement items), or a custom / book rate set by the company.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::fx::RateType;
assert_eq!(RateType::default(), RateType::Spot);
let t: RateType = serde_json::from_str(r#""monthly_average""#).unwrap();
assert_eq!(t, RateType::MonthlyAverage);
# Ok(()) }
```
"##
)]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum RateType {
    /// Daily market rate (the ECB reference rates are spot rates).
    #[default]
    Spot,
    /// Average of a month's spot rates, effective from the month's first day.
    MonthlyAverage,
    /// A rate the company sets itself (budget, book or contract rate).
    Custom,
}

impl RateType {
    /// The snake_case name used in serialized forms and bindings.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::fx::RateType;
    /// assert_eq!(RateType::MonthlyAverage.name(), "monthly_average");
    /// # Ok(()) }
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Spot => "spot",
            Self::MonthlyAverage => "monthly_average",
            Self::Custom => "custom",
        }
    }
}

impl fmt::Display for RateType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for RateType {
    type Err = LandedError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "spot" => Ok(Self::Spot),
            "monthly_average" => Ok(Self::MonthlyAverage),
            "custom" => Ok(Self::Custom),
            _ => Err(LandedError::InvalidOption {
                what: "rate type".into(),
                input: s.into(),
                expected: "spot, monthly_average, custom".into(),
            }),
        }
    }
}

/// Which rate counts as "the rate on a date".
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::fx::{LookupPolicy, RateBook, RateType};
use landed::Currency;
let (usd, cny) = (Currency::from_code("USD")?, Currency::from_code("CNY")?);
let mut rates = RateBook::new();
rates.insert(usd, cny, RateType::Spot, landed::parse_date("2026-11-06")?, "7.10".parse().unwrap())?;
let monday = landed::parse_date("2026-11-09")?; // no rate of its own
assert_eq!(rates.rate(usd, cny, monday, RateType::Spot, LookupPolicy::Exact).unwrap_err().code(), "RATE_NOT_FOUND");
let friday = rates.rate(usd, cny, monday, RateType::Spot, LookupPolicy::LatestWithin { max_age_days: 4 })?;
assert_eq!(friday.rate.to_string(), "7.10");
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LookupPolicy {
    /// Only a rate effective on exactly that date.
    Exact,
    /// The rate on that date or the latest earlier one, if it is at most
    /// `max_age_days` old (weekends and holidays have no ECB rate, so a
    /// policy of 4–7 days is usual).
    LatestWithin {
        /// Oldest acceptable age in days.
        max_age_days: u32,
    },
}

impl Default for LookupPolicy {
    fn default() -> Self {
        Self::LatestWithin { max_age_days: 7 }
    }
}

impl fmt::Display for LookupPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exact => f.write_str("exact date"),
            Self::LatestWithin { max_age_days } => {
                write!(f, "latest within {max_age_days} days")
            }
        }
    }
}

/// One stored rate used in a resolution.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::fx::{LookupPolicy, RateBook, RateType};
use landed::Currency;
let (usd, cny) = (Currency::from_code("USD")?, Currency::from_code("CNY")?);
let mut rates = RateBook::new();
let day = landed::parse_date("2026-11-02")?;
rates.insert(usd, cny, RateType::Spot, day, "7.10".parse().unwrap())?;
let leg = &rates.rate(usd, cny, day, RateType::Spot, LookupPolicy::Exact)?.legs[0];
assert_eq!((leg.base.code(), leg.quote.code(), leg.inverted), ("USD", "CNY", false));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateLeg {
    /// Base of the stored pair.
    pub base: Currency,
    /// Quote of the stored pair.
    pub quote: Currency,
    /// Date the stored rate is effective from.
    pub date: NaiveDate,
    /// The stored rate (`1 base = rate quote`).
    pub rate: Decimal,
    /// True when the leg was walked from quote to base (divide by `rate`).
    pub inverted: bool,
}

impl RateLeg {
    /// The rate in the direction walked: `rate`, or `1 / rate` for an
    /// inverted leg (at full decimal precision, for reporting only).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::fx::{LookupPolicy, RateBook, RateType};
    /// use landed::Currency;
    /// let (usd, cny) = (Currency::from_code("USD")?, Currency::from_code("CNY")?);
    /// let mut rates = RateBook::new();
    /// let day = landed::parse_date("2026-11-02")?;
    /// rates.insert(usd, cny, RateType::Spot, day, "6.4".parse().unwrap())?;
    /// let leg = &rates.rate(cny, usd, day, RateType::Spot, LookupPolicy::Exact)?.legs[0];
    /// assert_eq!(leg.effective_rate()?.to_string(), "0.15625");
    /// # Ok(()) }
    /// ```
    pub fn effective_rate(&self) -> Result<Decimal> {
        if self.inverted {
            Decimal::ONE
                .checked_div(self.rate)
                .ok_or_else(|| LandedError::overflow("inverse rate"))
        } else {
            Ok(self.rate)
        }
    }

    fn apply(&self, amount: Decimal) -> Result<Decimal> {
        let result = if self.inverted {
            amount.checked_div(self.rate)
        } else {
            amount.checked_mul(self.rate)
        };
        result.ok_or_else(|| LandedError::overflow("currency conversion"))
    }
}

/// The rate from one currency to another on a date, and how it was found.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::fx::{LookupPolicy, RateBook, RateType};
use landed::Currency;
let cny = Currency::from_code("CNY")?;
let same = RateBook::new().rate(cny, cny, landed::parse_date("2026-11-02")?, RateType::Spot, LookupPolicy::Exact)?;
assert_eq!(same.rate.to_string(), "1");
assert!(same.legs.is_empty()); // identity needs no stored rate
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolvedRate {
    /// Source currency.
    pub from: Currency,
    /// Target currency.
    pub to: Currency,
    /// `1 from = rate to`: the product of the legs' effective rates.
    pub rate: Decimal,
    /// The stored rates used, in order (empty for identity).
    pub legs: Vec<RateLeg>,
}

impl ResolvedRate {
    /// Applies the legs to `amount` at full precision (no rounding).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::fx::{LookupPolicy, RateBook, RateType};
    /// use landed::Currency;
    /// let (usd, cny) = (Currency::from_code("USD")?, Currency::from_code("CNY")?);
    /// let mut rates = RateBook::new();
    /// let day = landed::parse_date("2026-11-02")?;
    /// rates.insert(usd, cny, RateType::Spot, day, "7.10".parse().unwrap())?;
    /// let resolved = rates.rate(usd, cny, day, RateType::Spot, LookupPolicy::Exact)?;
    /// assert_eq!(resolved.apply("2.50".parse().unwrap())?.to_string(), "17.7500");
    /// # Ok(()) }
    /// ```
    pub fn apply(&self, amount: Decimal) -> Result<Decimal> {
        self.legs.iter().try_fold(amount, |x, leg| leg.apply(x))
    }
}

/// The result of [`RateBook::convert`](crate::fx::RateBook::convert).
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::fx::{LookupPolicy, RateBook, RateType};
use landed::{Currency, Money, RoundingStrategy};
let (usd, cny) = (Currency::from_code("USD")?, Currency::from_code("CNY")?);
let mut rates = RateBook::new();
let day = landed::parse_date("2026-11-02")?;
rates.insert(usd, cny, RateType::Spot, day, "7.1234".parse().unwrap())?;
let c = rates.convert(&Money::parse("2.50", "USD")?, cny, day, RateType::Spot, LookupPolicy::Exact, RoundingStrategy::default())?;
assert_eq!((c.amount.to_string(), c.unrounded.to_string()), ("17.81 CNY".into(), "17.808500".into()));
assert_eq!(c.rate.to_string(), "7.1234");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conversion {
    /// The converted amount, rounded once to the target's minor units.
    pub amount: Money,
    /// The converted amount before that rounding.
    #[serde(with = "crate::decimal_text::strict")]
    pub unrounded: Decimal,
    /// The effective rate (`1 source = rate target`).
    #[serde(with = "crate::decimal_text::strict")]
    pub rate: Decimal,
    /// The stored rates used.
    pub legs: Vec<RateLeg>,
}
