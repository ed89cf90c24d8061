//! Currencies, amounts of money and rounding.
//!
//! A [`Money`] is an exact decimal amount tagged with its [`Currency`]. The
//! amount may carry more digits than the currency's minor unit (a unit cost of
//! 3.3333333 USD is legitimate); rounding to the minor unit happens only when
//! the caller asks, with an explicit [`RoundingStrategy`]. All arithmetic is
//! checked: overflow and currency mismatch are errors, never panics.
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::{Money, RoundingStrategy};
//! // A unit cost keeps its digits; a posted value is rounded, explicitly.
//! let unit = Money::parse("3.3333", "USD")?;
//! assert!(!unit.is_rounded());
//! assert_eq!(unit.round(RoundingStrategy::default()).to_string(), "3.33 USD");
//! assert_eq!(Money::parse("1000", "JPY")?.to_minor_units()?, 1000); // no minor unit
//! # Ok(()) }
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy as DecimalRounding};
use serde::{Deserialize, Serialize};

use super::Currency;
use crate::error::{LandedError, Result};

/// How a value exactly halfway between two minor units is rounded.
///
/// The book default is [`RoundingStrategy::HalfAwayFromZero`] (what most
/// accountants and tax authorities expect: 0.125 → 0.13, −0.125 → −0.13);
/// banker's rounding ([`RoundingStrategy::HalfEven`]) is available for books
/// that require it.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::RoundingStrategy;
let half = "0.125".parse().unwrap();
assert_eq!(RoundingStrategy::HalfAwayFromZero.round(half, 2).to_string(), "0.13");
assert_eq!(RoundingStrategy::HalfEven.round(half, 2).to_string(), "0.12");
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundingStrategy {
    /// 2.5 → 3, −2.5 → −3.
    #[default]
    HalfAwayFromZero,
    /// 2.5 → 2, 3.5 → 4 (banker's rounding).
    HalfEven,
}

impl RoundingStrategy {
    fn to_decimal(self) -> DecimalRounding {
        match self {
            Self::HalfAwayFromZero => DecimalRounding::MidpointAwayFromZero,
            Self::HalfEven => DecimalRounding::MidpointNearestEven,
        }
    }

    /// The snake_case name used in serialized forms and bindings.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::RoundingStrategy;
    /// assert_eq!(RoundingStrategy::HalfEven.name(), "half_even");
    /// # Ok(()) }
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::HalfAwayFromZero => "half_away_from_zero",
            Self::HalfEven => "half_even",
        }
    }

    /// Rounds `value` to `places` decimal places with this strategy.
    pub fn round(self, value: Decimal, places: u32) -> Decimal {
        value.round_dp_with_strategy(places, self.to_decimal())
    }
}

impl FromStr for RoundingStrategy {
    type Err = LandedError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "half_away_from_zero" => Ok(Self::HalfAwayFromZero),
            "half_even" | "bankers" => Ok(Self::HalfEven),
            _ => Err(LandedError::InvalidOption {
                what: "rounding strategy".into(),
                input: s.into(),
                expected: "half_away_from_zero, half_even".into(),
            }),
        }
    }
}

/// Parses a decimal amount exactly: no exponent notation, no silent rounding
/// of digits beyond 28 decimal places, no empty strings.
///
/// ```
/// use landed::money::parse_decimal;
/// assert_eq!(parse_decimal("12.340")?.to_string(), "12.340");
/// assert!(parse_decimal("1e3").is_err());
/// # Ok::<(), landed::LandedError>(())
/// ```
pub fn parse_decimal(input: &str) -> Result<Decimal> {
    crate::decimal_text::parse_strict(input)
}

/// An exact amount of money in one currency.
///
/// Serialized as `{"amount":"12.34","currency":"USD"}`: the amount is always
/// a string, so no JSON reader turns it into a float.
///
/// ```
/// use landed::{Money, RoundingStrategy};
/// let price = Money::parse("19.99", "USD")?;
/// let total = price.checked_mul("3".parse().unwrap())?;
/// assert_eq!(total.to_string(), "59.97 USD");
/// let third = total.checked_mul("0.3333333".parse().unwrap())?;
/// assert_eq!(third.round(RoundingStrategy::HalfAwayFromZero).to_string(), "19.99 USD");
/// assert_eq!(
///     serde_json::to_string(&price).unwrap(),
///     r#"{"amount":"19.99","currency":"USD"}"#
/// );
/// # Ok::<(), landed::LandedError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields, from = "MoneyIn")]
pub struct Money {
    /// The exact amount; may carry more places than the minor unit.
    #[serde(with = "crate::decimal_text::strict")]
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

/// Money as read: made through [`Money::new`], so it is held at its
/// currency's scale like every other amount.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyIn {
    #[serde(with = "crate::decimal_text::strict")]
    amount: Decimal,
    currency: Currency,
}

impl From<MoneyIn> for Money {
    fn from(m: MoneyIn) -> Self {
        Money::new(m.amount, m.currency)
    }
}

/// Money leaves the core at its currency's scale: an amount with fewer
/// places than the currency's minor unit is written with them (`"100.00"`,
/// not `"100"` or `"100.0"`), so two equal amounts are equal strings to a
/// host comparing text; a unit cost with more places keeps them; a zero is
/// never written `-0`.
impl Serialize for Money {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(with = "crate::decimal_text::strict")]
            amount: Decimal,
            currency: &'a Currency,
        }
        Out {
            amount: at_scale(self.amount, self.currency.minor_units()),
            currency: &self.currency,
        }
        .serialize(serializer)
    }
}

/// `amount` with at least `places` decimal places (never fewer digits, so
/// exact), and a negative zero made positive.
pub fn at_scale(amount: Decimal, places: u32) -> Decimal {
    let mut amount = amount;
    if amount.scale() < places {
        amount.rescale(places);
    }
    if amount.is_zero() {
        amount.set_sign_positive(true);
    }
    amount
}

impl Money {
    /// An amount in a currency, carried with at least the currency's
    /// minor-unit places (`2.5 USD` is held as `2.50`; more places are
    /// kept) and never as a negative zero. Holding every amount at its
    /// currency's scale from the start is what makes a replayed book equal
    /// the live one byte for byte: what an event carries is what the live
    /// book used.
    ///
    /// ```
    /// use landed::{Currency, Money};
    /// let usd = Currency::from_code("USD")?;
    /// assert_eq!(Money::new("2.5".parse().unwrap(), usd).amount.to_string(), "2.50");
    /// assert_eq!(Money::new("2.125".parse().unwrap(), usd).amount.to_string(), "2.125");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Self {
            amount: at_scale(amount, currency.minor_units()),
            currency,
        }
    }

    /// Zero in `currency`.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::{Currency, Money};
    /// let zero = Money::zero(Currency::from_code("JPY")?);
    /// assert!(zero.is_zero());
    /// assert_eq!(zero.to_string(), "0 JPY");
    /// # Ok(()) }
    /// ```
    pub fn zero(currency: Currency) -> Self {
        Self::new(Decimal::ZERO, currency)
    }

    /// Parses an amount string and a currency code.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// assert_eq!(Money::parse("17.75", "CNY")?.to_string(), "17.75 CNY");
    /// assert_eq!(Money::parse("17,75", "CNY").unwrap_err().code(), "INVALID_AMOUNT");
    /// # Ok(()) }
    /// ```
    pub fn parse(amount: &str, currency: &str) -> Result<Self> {
        Ok(Self::new(
            parse_decimal(amount)?,
            Currency::from_code(currency)?,
        ))
    }

    /// The amount as an integer number of minor units (cents, yen…).
    /// Fails if the amount has digits below the minor unit.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// assert_eq!(Money::parse("17.75", "CNY")?.to_minor_units()?, 1775);
    /// assert_eq!(Money::parse("0.1234", "USD")?.to_minor_units().unwrap_err().code(), "INVALID_AMOUNT");
    /// # Ok(()) }
    /// ```
    pub fn to_minor_units(&self) -> Result<i128> {
        let places = self.currency.minor_units();
        let scaled = self
            .amount
            .checked_mul(Decimal::from(10_i64.pow(places)))
            .ok_or_else(|| LandedError::overflow("conversion to minor units"))?;
        if !scaled.fract().is_zero() {
            return Err(LandedError::InvalidAmount {
                input: self.to_string(),
                reason: format!(
                    "{} has {} minor units; round the amount first",
                    self.currency, places
                ),
            });
        }
        Ok(scaled.mantissa() / 10_i128.pow(scaled.scale()))
    }

    /// Builds an amount from an integer number of minor units.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::{Currency, Money};
    /// assert_eq!(Money::from_minor_units(1775, Currency::from_code("CNY")?)?.to_string(), "17.75 CNY");
    /// assert_eq!(Money::from_minor_units(1775, Currency::from_code("KWD")?)?.to_string(), "1.775 KWD");
    /// # Ok(()) }
    /// ```
    pub fn from_minor_units(units: i128, currency: Currency) -> Result<Self> {
        // Built from its 96-bit parts: `try_from_i128_with_scale` took more
        // than half the time of a 10,000-way allocation.
        let magnitude = units.unsigned_abs();
        if magnitude >> 96 != 0 {
            return Err(LandedError::overflow("amount from minor units"));
        }
        let amount = Decimal::from_parts(
            magnitude as u32,
            (magnitude >> 32) as u32,
            (magnitude >> 64) as u32,
            units < 0,
            currency.minor_units(),
        );
        Ok(Self::new(amount, currency))
    }

    fn same_currency(&self, other: &Money) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(LandedError::CurrencyMismatch {
                left: self.currency.to_string(),
                right: other.currency.to_string(),
            })
        }
    }

    /// `self + other`; fails on a currency mismatch or overflow.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// let sum = Money::parse("1775.00", "CNY")?.checked_add(&Money::parse("936.00", "CNY")?)?;
    /// assert_eq!(sum.to_string(), "2711.00 CNY");
    /// # Ok(()) }
    /// ```
    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or_else(|| LandedError::overflow("addition"))?;
        Ok(Self::new(amount, self.currency))
    }

    /// `self - other`; fails on a currency mismatch or overflow.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// let left = Money::parse("1775.00", "CNY")?.checked_sub(&Money::parse("710.00", "CNY")?)?;
    /// assert_eq!(left.to_string(), "1065.00 CNY");
    /// # Ok(()) }
    /// ```
    pub fn checked_sub(&self, other: &Money) -> Result<Money> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or_else(|| LandedError::overflow("subtraction"))?;
        Ok(Self::new(amount, self.currency))
    }

    /// `-self`. Negating a decimal cannot overflow (the range is symmetric).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// assert_eq!(Money::parse("177.50", "CNY")?.neg().to_string(), "-177.50 CNY");
    /// # Ok(()) }
    /// ```
    pub fn neg(&self) -> Money {
        Self::new(-self.amount, self.currency)
    }

    /// `self × factor` at full precision (no rounding).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// assert_eq!(Money::parse("17.75", "CNY")?.checked_mul(40.into())?.to_string(), "710.00 CNY");
    /// # Ok(()) }
    /// ```
    pub fn checked_mul(&self, factor: Decimal) -> Result<Money> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or_else(|| LandedError::overflow("multiplication"))?;
        Ok(Self::new(amount, self.currency))
    }

    /// Rounds to the currency's minor units with `strategy`.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::{Money, RoundingStrategy};
    /// let share = Money::parse("181.909090", "CNY")?;
    /// assert_eq!(share.round(RoundingStrategy::HalfAwayFromZero).to_string(), "181.91 CNY");
    /// # Ok(()) }
    /// ```
    pub fn round(&self, strategy: RoundingStrategy) -> Money {
        Self::new(
            strategy.round(self.amount, self.currency.minor_units()),
            self.currency,
        )
    }

    /// True if the amount has no digits below the minor unit.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// assert!(Money::parse("17.75", "CNY")?.is_rounded());
    /// assert!(!Money::parse("17.755", "CNY")?.is_rounded());
    /// # Ok(()) }
    /// ```
    pub fn is_rounded(&self) -> bool {
        self.amount.round_dp(self.currency.minor_units()) == self.amount
    }

    /// True for a zero amount.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// assert!(Money::parse("0.00", "CNY")?.is_zero());
    /// # Ok(()) }
    /// ```
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Compares two amounts of the same currency.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// use std::cmp::Ordering;
    /// let (a, b) = (Money::parse("17.75", "CNY")?, Money::parse("18.72", "CNY")?);
    /// assert_eq!(a.checked_cmp(&b)?, Ordering::Less);
    /// assert_eq!(a.checked_cmp(&Money::parse("1", "USD")?).unwrap_err().code(), "CURRENCY_MISMATCH");
    /// # Ok(()) }
    /// ```
    pub fn checked_cmp(&self, other: &Money) -> Result<Ordering> {
        self.same_currency(other)?;
        Ok(self.amount.cmp(&other.amount))
    }
}

impl fmt::Display for Money {
    /// `"12.34 USD"`; the amount is shown with at least the minor units
    /// (`5 USD` shows as `5.00 USD`) and never loses digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut amount = self.amount;
        if amount.scale() < self.currency.minor_units() {
            amount.rescale(self.currency.minor_units());
        }
        write!(f, "{} {}", amount, self.currency)
    }
}

impl FromStr for Money {
    type Err = LandedError;
    /// Accepts `"12.34 USD"` and `"USD 12.34"`.
    fn from_str(s: &str) -> Result<Self> {
        let mut parts = s.split_whitespace();
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(LandedError::InvalidAmount {
                input: s.to_owned(),
                reason: "expected \"<amount> <currency>\"".into(),
            });
        };
        if a.len() == 3 && a.bytes().all(|c| c.is_ascii_alphabetic()) {
            Money::parse(b, a)
        } else {
            Money::parse(a, b)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn iso_minor_units() {
        for (code, units) in [
            ("JPY", 0),
            ("KRW", 0),
            ("VND", 0),
            ("USD", 2),
            ("EUR", 2),
            ("CNY", 2),
            ("BHD", 3),
            ("KWD", 3),
            ("OMR", 3),
            ("TND", 3),
            ("CLF", 4),
            ("TRL", 0),
        ] {
            assert_eq!(
                Currency::from_code(code).unwrap().minor_units(),
                units,
                "{code}"
            );
        }
        assert_eq!(Currency::from_code("usd").unwrap().numeric_code(), 840);
        assert!(Currency::from_code("CYP").unwrap().is_historical());
        assert!(!Currency::from_code("USD").unwrap().is_historical());
    }

    #[test]
    fn unknown_currencies_are_refused() {
        for code in ["", "US", "USDX", "ZZZ", "XAU", "12A", "€€€"] {
            let err = Currency::from_code(code).unwrap_err();
            assert_eq!(err.code(), "UNKNOWN_CURRENCY", "{code}");
        }
    }

    #[test]
    fn arithmetic_is_checked() {
        let a = money("10.10 USD");
        assert_eq!(
            a.checked_add(&money("0.05 USD")).unwrap(),
            money("10.15 USD")
        );
        assert_eq!(a.checked_sub(&money("20 USD")).unwrap(), money("-9.90 USD"));
        assert_eq!(a.neg(), money("-10.10 USD"));
        let err = a.checked_add(&money("1 EUR")).unwrap_err();
        assert_eq!(err.code(), "CURRENCY_MISMATCH");
        let huge = Money::new(Decimal::MAX, a.currency);
        assert_eq!(huge.checked_add(&a).unwrap_err().code(), "DECIMAL_OVERFLOW");
        assert_eq!(
            huge.checked_mul(Decimal::TWO).unwrap_err().code(),
            "DECIMAL_OVERFLOW"
        );
    }

    #[test]
    fn rounding_strategies() {
        let half = money("0.125 USD");
        assert_eq!(
            half.round(RoundingStrategy::HalfAwayFromZero),
            money("0.13 USD")
        );
        assert_eq!(half.round(RoundingStrategy::HalfEven), money("0.12 USD"));
        assert_eq!(
            half.neg().round(RoundingStrategy::HalfAwayFromZero),
            money("-0.13 USD")
        );
        assert_eq!(
            money("2.5 JPY").round(RoundingStrategy::HalfEven),
            money("2 JPY")
        );
        assert_eq!(
            money("1.23455 KWD").round(RoundingStrategy::HalfAwayFromZero),
            money("1.235 KWD")
        );
    }

    #[test]
    fn parse_and_display() {
        assert_eq!(money("USD 5").to_string(), "5.00 USD");
        assert_eq!(money("1000 JPY").to_string(), "1000 JPY");
        assert_eq!(money("1.5 KWD").to_string(), "1.500 KWD");
        assert_eq!(money("3.3333333 USD").to_string(), "3.3333333 USD");
        for bad in [
            "1e3 USD",
            "abc USD",
            "1.0",
            "1 2 USD",
            " USD",
            "0.1.2 USD",
            "1_000 USD",
            "+5 USD",
        ] {
            assert!(bad.parse::<Money>().is_err(), "{bad}");
        }
        assert_eq!(
            "1e3 USD".parse::<Money>().unwrap_err().code(),
            "INVALID_AMOUNT"
        );
    }

    #[test]
    fn minor_units_round_trip() {
        assert_eq!(money("12.34 USD").to_minor_units().unwrap(), 1234);
        assert_eq!(money("-0.05 USD").to_minor_units().unwrap(), -5);
        assert_eq!(money("1000 JPY").to_minor_units().unwrap(), 1000);
        assert_eq!(money("12.3400 USD").to_minor_units().unwrap(), 1234);
        assert_eq!(
            money("12.345 USD").to_minor_units().unwrap_err().code(),
            "INVALID_AMOUNT"
        );
        let usd = Currency::from_code("USD").unwrap();
        assert_eq!(
            Money::from_minor_units(-1, usd).unwrap(),
            money("-0.01 USD")
        );
    }

    #[test]
    fn serde_amount_is_a_string() {
        let m = money("12.34 USD");
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"amount":"12.34","currency":"USD"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        assert!(serde_json::from_str::<Money>(r#"{"amount":12.34,"currency":"USD"}"#).is_err());
        assert!(serde_json::from_str::<Money>(r#"{"amount":"1","currency":"ZZZ"}"#).is_err());
    }
}

/// Schema stand-in for a decimal serialized as a string.
#[cfg(feature = "schema")]
pub struct DecimalString;

#[cfg(feature = "schema")]
mod schema {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::{Currency, DecimalString, Money};

    impl JsonSchema for DecimalString {
        fn schema_name() -> Cow<'static, str> {
            "Decimal".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "An exact decimal as a string, e.g. \"12.34\".",
                "type": "string",
                "format": "decimal",
                "pattern": "^-?[0-9]*\\.?[0-9]+$"
            })
        }
    }

    impl JsonSchema for Currency {
        fn schema_name() -> Cow<'static, str> {
            "Currency".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "ISO 4217 alphabetic code with a minor unit, e.g. \"USD\".",
                "type": "string",
                "pattern": "^[A-Za-z]{3}$"
            })
        }
    }

    impl JsonSchema for Money {
        fn schema_name() -> Cow<'static, str> {
            "Money".into()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            let currency = generator.subschema_for::<Currency>();
            let amount = generator.subschema_for::<DecimalString>();
            json_schema!({
                "description": "An exact amount: the amount is a decimal string, never a number.",
                "type": "object",
                "properties": {
                    "amount": amount,
                    "currency": currency
                },
                "required": ["amount", "currency"],
                "additionalProperties": false
            })
        }
    }
}
