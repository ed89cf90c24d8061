//! The one grammar for decimals entering the core, and the serde modules
//! every decimal field uses.
//!
//! A decimal is written `-?(0|[1-9][0-9]*)(\.[0-9]+)?`: an optional minus,
//! an integer part without leading zeros, and optionally a point followed
//! by at least one digit. Nothing else is a decimal here: no `+`, no
//! exponent (`1e3`), no digit separators (`1_000`), no bare point (`.5`,
//! `1.`), no surrounding spaces, and no JSON number (a float would already
//! have lost digits). A value with more than 28 decimal places, or whose
//! digits do not fit a 96-bit decimal, is refused instead of being rounded
//! (`rust_decimal` would otherwise round it silently).
//!
//! ```
//! use landed::decimal_text::parse_strict;
//! assert_eq!(parse_strict("-12.340").unwrap().to_string(), "-12.340");
//! for lenient in ["1e3", "+5", ".5", "1.", "1_000", " 1", "01", "1.00000000000000000000000000001"] {
//!     assert_eq!(parse_strict(lenient).unwrap_err().code(), "INVALID_AMOUNT", "{lenient}");
//! }
//! ```

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

use crate::error::{LandedError, Result};

/// Largest number of decimal places a decimal can carry.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::decimal_text::{MAX_SCALE, parse_strict};
/// let places = "0.".to_string() + &"1".repeat(MAX_SCALE as usize);
/// assert!(parse_strict(&places).is_ok());
/// assert!(parse_strict(&(places + "1")).is_err()); // no silent rounding
/// # Ok(()) }
/// ```
pub const MAX_SCALE: u32 = 28;

/// Largest total the book keeps: 10^25. A decimal holds 28-29 significant
/// digits, so sums up to here stay exact to the minor unit of any currency
/// (three places at most); past it `rust_decimal` would round cents away
/// instead of failing. Ledger totals and pool values refuse to pass it
/// (`DECIMAL_OVERFLOW`).
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::decimal_text::max_exact_total;
/// assert_eq!(max_exact_total().to_string(), "10000000000000000000000000");
/// # Ok(()) }
/// ```
pub fn max_exact_total() -> Decimal {
    Decimal::from_i128_with_scale(10_i128.pow(25), 0)
}

/// Parses `text` by the strict grammar of this module.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::decimal_text::parse_strict;
/// assert_eq!(parse_strict("-12.50")?.to_string(), "-12.50");
/// for bad in ["1e3", "+1", "1,000", " 1", "01", ".5", ""] {
///     assert_eq!(parse_strict(bad).unwrap_err().code(), "INVALID_AMOUNT", "{bad:?}");
/// }
/// # Ok(()) }
/// ```
pub fn parse_strict(text: &str) -> Result<Decimal> {
    let invalid = |reason: &str| LandedError::InvalidAmount {
        input: if text.len() > 80 {
            format!("{}…", text.chars().take(60).collect::<String>())
        } else {
            text.to_owned()
        },
        reason: reason.to_owned(),
    };
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let (int, frac) = match digits.iter().position(|b| *b == b'.') {
        Some(dot) => (&digits[..dot], Some(&digits[dot + 1..])),
        None => (digits, None),
    };
    let plain = "expected a plain decimal such as 12.34 (no exponent, sign, separator or spaces)";
    if int.is_empty() || !int.iter().all(u8::is_ascii_digit) {
        return Err(invalid(plain));
    }
    if int.len() > 1 && int[0] == b'0' {
        return Err(invalid("leading zeros are not allowed"));
    }
    let frac = frac.unwrap_or(&[]);
    if (digits.contains(&b'.') && frac.is_empty()) || !frac.iter().all(u8::is_ascii_digit) {
        return Err(invalid(plain));
    }
    if frac.len() > MAX_SCALE as usize {
        return Err(invalid("more than 28 decimal places"));
    }
    // Mantissa of all digits, exactly: at most 96 bits.
    let mut mantissa: u128 = 0;
    for b in int.iter().chain(frac) {
        mantissa = mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(u128::from(b - b'0')))
            .filter(|m| *m < (1u128 << 96))
            .ok_or_else(|| {
                invalid("too many digits to hold exactly (at most 28-29 significant digits)")
            })?;
    }
    let mut value = Decimal::from_i128_with_scale(mantissa as i128, frac.len() as u32);
    if negative && mantissa != 0 {
        value.set_sign_negative(true);
    }
    Ok(value)
}

/// A decimal's text in a stack buffer (no allocation per serialized field).
struct Text {
    buf: [u8; 64],
    len: usize,
}

impl fmt::Write for Text {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        self.buf
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn write_decimal<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    use fmt::Write;
    // Never `-0`: a negative zero reads as a different amount to a host
    // comparing strings.
    let value = if value.is_zero() && value.is_sign_negative() {
        let mut v = *value;
        v.set_sign_positive(true);
        v
    } else {
        *value
    };
    let mut buf = [0u8; 64];
    if let Some(s) = plain_text(&value, &mut buf) {
        return serializer.serialize_str(s);
    }
    let mut text = Text {
        buf: [0; 64],
        len: 0,
    };
    // A decimal prints in at most 31 characters.
    write!(text, "{value}").map_err(serde::ser::Error::custom)?;
    let s = std::str::from_utf8(&text.buf[..text.len]).map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(s)
}

/// `value` as `Display` writes it (every digit of its scale, a leading
/// `0` before the point, `-` when negative), written straight from the
/// mantissa into the end of `buf`: events carry many amounts, and the
/// formatting machinery costs several times this. `None` only if the text
/// does not fit, which a decimal's at most 29 digits and point cannot
/// reach (the caller then falls back to `Display`).
pub(crate) fn plain_text<'a>(value: &Decimal, buf: &'a mut [u8; 64]) -> Option<&'a str> {
    let scale = value.scale() as usize;
    let mut mantissa = value.mantissa().unsigned_abs();
    let mut at = buf.len();
    let mut digits = 0usize;
    // Digits right to left; at least `scale + 1` of them (zeros before
    // the point and after it).
    while mantissa > 0 || digits <= scale {
        if digits == scale && scale > 0 {
            at = at.checked_sub(1)?;
            *buf.get_mut(at)? = b'.';
        }
        let digit = if mantissa > u128::from(u64::MAX) {
            let d = (mantissa % 10) as u8;
            mantissa /= 10;
            d
        } else {
            // Most amounts fit 64 bits, whose division is much cheaper.
            let small = mantissa as u64;
            mantissa = u128::from(small / 10);
            (small % 10) as u8
        };
        at = at.checked_sub(1)?;
        *buf.get_mut(at)? = b'0' + digit;
        digits += 1;
    }
    if value.is_sign_negative() && !value.is_zero() {
        at = at.checked_sub(1)?;
        *buf.get_mut(at)? = b'-';
    }
    std::str::from_utf8(buf.get(at..)?).ok()
}

struct StrictVisitor;

impl Visitor<'_> for StrictVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal string such as \"12.34\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_strict(v).map_err(|e| E::custom(e.to_string()))
    }
}

/// Serde module for a required decimal written as a string.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Line {
///     #[serde(with = "landed::decimal_text::strict")]
///     rate: rust_decimal::Decimal,
/// }
/// let line: Line = serde_json::from_str(r#"{"rate":"7.20"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&line).unwrap(), r#"{"rate":"7.20"}"#);
/// assert!(serde_json::from_str::<Line>(r#"{"rate":7.2}"#).is_err()); // a float is refused
/// # Ok(()) }
/// ```
pub mod strict {
    use super::*;

    /// Writes the decimal as a string.
    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        write_decimal(value, serializer)
    }

    /// Reads a string by the strict grammar; anything else is refused.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_str(StrictVisitor)
    }
}

/// Serde module for an optional decimal written as a string.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// #[derive(serde::Deserialize)]
/// struct Line {
///     #[serde(default, with = "landed::decimal_text::strict_option")]
///     rate: Option<rust_decimal::Decimal>,
/// }
/// assert_eq!(serde_json::from_str::<Line>(r#"{"rate":null}"#).unwrap().rate, None);
/// assert_eq!(serde_json::from_str::<Line>(r#"{"rate":"7.20"}"#).unwrap().rate.unwrap().to_string(), "7.20");
/// # Ok(()) }
/// ```
pub mod strict_option {
    use super::*;

    /// Writes `Some` as a string, `None` as null.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => write_decimal(v, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads null as `None` and a string by the strict grammar.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        struct OptionVisitor;
        impl<'de> Visitor<'de> for OptionVisitor {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("null or a decimal string such as \"12.34\"")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_str(StrictVisitor).map(Some)
            }
        }
        deserializer.deserialize_option(OptionVisitor)
    }
}

/// Serde module for a map whose values are decimals written as strings.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use std::collections::BTreeMap;
/// #[derive(serde::Deserialize)]
/// struct Rates {
///     #[serde(with = "landed::decimal_text::strict_map")]
///     rates: BTreeMap<String, rust_decimal::Decimal>,
/// }
/// let r: Rates = serde_json::from_str(r#"{"rates":{"USD":"7.20","EUR":"7.70"}}"#).unwrap();
/// assert_eq!(r.rates["EUR"].to_string(), "7.70");
/// assert!(serde_json::from_str::<Rates>(r#"{"rates":{"USD":"7,20"}}"#).is_err());
/// # Ok(()) }
/// ```
pub mod strict_map {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Serialize, Deserialize)]
    #[serde(transparent)]
    struct Value(#[serde(with = "strict")] Decimal);

    /// Writes each value as a string.
    pub fn serialize<K: Serialize, S: Serializer>(
        map: &BTreeMap<K, Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(map.iter().map(|(k, v)| (k, Value(*v))))
    }

    /// Reads each value by the strict grammar.
    pub fn deserialize<'de, K: Deserialize<'de> + Ord, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<K, Decimal>, D::Error> {
        let map = BTreeMap::<K, Value>::deserialize(deserializer)?;
        Ok(map.into_iter().map(|(k, v)| (k, v.0)).collect())
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn plain_text_writes_what_display_writes() {
        let mut values = vec![
            Decimal::ZERO,
            Decimal::new(5, 2),
            Decimal::new(-5, 2),
            Decimal::new(0, 4),
            Decimal::new(123_456, 0),
            Decimal::new(-1, 28),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::from_i128_with_scale(1 << 70, 3),
            Decimal::from_i128_with_scale(-(1 << 95), 28),
            Decimal::from_i128_with_scale(u64::MAX as i128, 10),
            Decimal::from_i128_with_scale(u64::MAX as i128 + 1, 19),
        ];
        // A deterministic spread of mantissas and scales.
        let mut x: u128 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let bits = (x >> 64) as u32 % 97;
            let mantissa = ((x >> 16) & ((1u128 << bits) - 1)) as i128;
            let scale = (x % 29) as u32;
            let sign = if x & 1 == 0 { 1 } else { -1 };
            values.push(Decimal::from_i128_with_scale(sign * mantissa, scale));
        }
        for value in values {
            let mut buf = [0u8; 64];
            let expected = value.to_string();
            assert_eq!(
                plain_text(&value, &mut buf),
                Some(expected.as_str()),
                "{value:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn the_grammar_takes_plain_decimals_only() {
        for good in [
            "0",
            "-0",
            "12",
            "-12.5",
            "0.000",
            "79228162514264337593543950335",
            "0.0000000000000000000000000001",
        ] {
            assert!(parse_strict(good).is_ok(), "{good}");
        }
        assert_eq!(parse_strict("-0").unwrap().to_string(), "0");
        for bad in [
            "",
            "-",
            "1e3",
            "1E-2",
            "1_000",
            "+5",
            ".5",
            "1.",
            "-.5",
            " 1",
            "1 ",
            "01",
            "00.5",
            "1.2.3",
            "NaN",
            "Infinity",
            "0x10",
            "1,5",
            "79228162514264337593543950336",
            "0.00000000000000000000000000001",
            "１",
        ] {
            assert_eq!(
                parse_strict(bad).unwrap_err().code(),
                "INVALID_AMOUNT",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn numbers_and_lenient_strings_are_refused_by_serde() {
        #[derive(serde::Deserialize, serde::Serialize, Debug)]
        #[serde(deny_unknown_fields)]
        struct T {
            #[serde(with = "strict")]
            v: Decimal,
            #[serde(default, with = "strict_option")]
            o: Option<Decimal>,
        }
        let t: T = serde_json::from_str(r#"{"v":"1.50","o":null}"#).unwrap();
        assert_eq!(t.v.to_string(), "1.50");
        assert!(t.o.is_none());
        for bad in [
            r#"{"v":1.5}"#,
            r#"{"v":"1e3"}"#,
            r#"{"v":15}"#,
            r#"{"v":"1","o":2}"#,
            r#"{"v":"1","o":"+2"}"#,
        ] {
            assert!(serde_json::from_str::<T>(bad).is_err(), "{bad}");
        }
        let mut minus_zero = Decimal::new(0, 2);
        minus_zero.set_sign_negative(true);
        let out = serde_json::to_string(&T {
            v: minus_zero,
            o: Some(Decimal::new(-125, 2)),
        })
        .unwrap();
        assert_eq!(out, r#"{"v":"0.00","o":"-1.25"}"#);
    }
}
