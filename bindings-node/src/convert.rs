//! Conversions from JavaScript arguments to core types.
//!
//! Going out is plain `to_string()` on the core types (a decimal keeps its
//! scale, a date prints as `YYYY-MM-DD`), so only the way in needs helpers.
//! Every helper returns the core's `Result`: a bad argument is reported with
//! the same code as in the other bindings (`INVALID_AMOUNT`,
//! `INVALID_DATE`, `INVALID_OPTION`, `UNKNOWN_CURRENCY`).

use chrono::NaiveDate;
use landed::fx::{LookupPolicy, RateType};
use landed::money::parse_decimal;
use landed::{Currency, LandedError, RoundingStrategy};
use napi::bindgen_prelude::{Either, Either3, Null, Unknown};
use rust_decimal::Decimal;

/// A decimal as JavaScript hands it over. Only the string arm is accepted:
/// the other two exist so that a number, or anything else, is refused with
/// `INVALID_AMOUNT` and a message saying why, instead of napi's generic
/// "Value is none of these types" error. Exported signatures declare the
/// argument as `string` in TypeScript.
pub type DecimalArg<'js> = Either3<String, f64, Unknown<'js>>;

/// Parses a decimal argument exactly (no exponent, no silent rounding).
/// `what` names the argument in the error message ("amount", "weight"…).
pub fn decimal(value: DecimalArg<'_>, what: &str) -> landed::Result<Decimal> {
    let received = match value {
        Either3::A(text) => return parse_decimal(&text),
        // A JS number has already lost the decimal digits the caller meant
        // (0.1 is 0.1000000000000000055…), so it is refused, not converted.
        Either3::B(number) => format!("the number {number}"),
        Either3::C(other) => match other.get_type() {
            Ok(kind) => format!("a value of type {kind}"),
            Err(_) => "a value of unknown type".to_owned(),
        },
    };
    Err(LandedError::InvalidAmount {
        input: received,
        reason: format!("the {what} must be a decimal string such as \"12.34\""),
    })
}

/// Parses an allocation weight: a decimal string, or a JavaScript number
/// that is a safe integer (`3`, exact as a number, is read as `"3"`). A
/// number with a fraction, or beyond 2^53 - 1, is refused as
/// [`decimal`] refuses every number: its exact digits are already lost.
pub fn weight(value: DecimalArg<'_>, what: &str) -> landed::Result<Decimal> {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    match value {
        Either3::B(number) if number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER => {
            // Exact: a safe integer converts to i64 without loss.
            Ok(Decimal::from(number as i64))
        }
        Either3::B(number) => Err(LandedError::InvalidAmount {
            input: format!("the number {number}"),
            reason: format!(
                "the {what} must be a whole number (a safe integer) or a decimal string such as \"1.5\""
            ),
        }),
        other => decimal(other, what),
    }
}

/// Parses a list of weights (see [`weight`]), naming the failing position.
pub fn weights(values: Vec<DecimalArg<'_>>, what: &str) -> landed::Result<Vec<Decimal>> {
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| weight(value, &format!("{what} #{index}")))
        .collect()
}

/// Looks up an ISO 4217 code (case-insensitive).
pub fn currency(code: &str) -> landed::Result<Currency> {
    Currency::from_code(code)
}

/// Parses a `YYYY-MM-DD` date.
pub fn date(text: &str) -> landed::Result<NaiveDate> {
    landed::parse_date(text)
}

/// `"spot"` (the default), `"monthly_average"` or `"custom"`.
pub fn rate_type(name: Option<&str>) -> landed::Result<RateType> {
    name.map_or(Ok(RateType::default()), str::parse)
}

/// `"half_away_from_zero"` (the default) or `"half_even"`.
pub fn rounding(name: Option<&str>) -> landed::Result<RoundingStrategy> {
    name.map_or(Ok(RoundingStrategy::default()), str::parse)
}

/// The `maxAgeDays` option: absent means the default policy (latest rate at
/// most 7 days old), `null` means the exact date only, a number is the
/// maximum age in whole days.
pub fn lookup_policy(max_age_days: Option<Either<f64, Null>>) -> landed::Result<LookupPolicy> {
    match max_age_days {
        None => Ok(LookupPolicy::default()),
        Some(Either::B(Null)) => Ok(LookupPolicy::Exact),
        Some(Either::A(days)) => whole_number(days, "maxAgeDays")
            .map(|max_age_days| LookupPolicy::LatestWithin { max_age_days }),
    }
}

/// A JS number that must be a whole number in `u32` range. Checked here
/// because napi's own `u32` conversion truncates: `-1` would become
/// 4294967295 and `1.5` would become 1 without a word.
pub fn whole_number(value: f64, what: &str) -> landed::Result<u32> {
    let in_range = value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value);
    if in_range {
        // Exact: the value is integral and within u32's range.
        Ok(value as u32)
    } else {
        Err(LandedError::InvalidOption {
            what: what.to_owned(),
            input: value.to_string(),
            expected: format!("the whole numbers 0 to {}", u32::MAX),
        })
    }
}
