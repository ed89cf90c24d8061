//! Reading the instants of contexts and events (`"2026-11-02T09:30:00Z"`).
//!
//! chrono reads any RFC 3339 text through a general parser; a replay reads
//! one instant per event, and that parser was a twentieth of its time. The
//! form a book writes (and hosts nearly always send) is read here directly:
//! `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1 to 9 digits, and `Z`.
//! Anything else (another offset, a leap second, a lowercase letter) goes
//! to chrono, which decides as before.
//!
//! ```
//! use landed::command::Context;
//! let written = Context::from_json(r#"{"at":"2026-11-02T09:30:00.25Z","command_id":"c1"}"#)?;
//! // Another offset is read by chrono, to the same instant.
//! let offset = Context::from_json(r#"{"at":"2026-11-02T17:30:00.25+08:00","command_id":"c1"}"#)?;
//! assert_eq!(written.at, offset.at);
//! assert_eq!(written.at.to_rfc3339(), "2026-11-02T09:30:00.250+00:00");
//! let no_such_day = Context::from_json(r#"{"at":"2026-02-30T00:00:00Z","command_id":"c1"}"#);
//! assert_eq!(no_such_day.unwrap_err().code(), "INVALID_COMMAND");
//! # Ok::<(), landed::LandedError>(())
//! ```

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use serde::Deserializer;
use serde::de::{Error, Visitor};

/// The instant `text` names, as chrono would read it.
pub(crate) fn parse_utc(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    match parse_written_form(text.as_bytes()) {
        Some(instant) => Ok(instant),
        None => text
            .parse::<DateTime<FixedOffset>>()
            .map(|instant| instant.with_timezone(&Utc)),
    }
}

/// The written form, or `None` when `text` is not exactly in it.
fn parse_written_form(text: &[u8]) -> Option<DateTime<Utc>> {
    let (&last, body) = text.split_last()?;
    if last != b'Z' || body.len() < 19 {
        return None;
    }
    let (date_time, fraction) = body.split_at(19);
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        date_time.get(range)?.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if separators
        .iter()
        .any(|&(at, byte)| date_time.get(at) != Some(&byte))
    {
        return None;
    }
    let nanos = match fraction.split_first() {
        None => 0,
        Some((b'.', places)) if (1..=9).contains(&places.len()) => {
            let value = places.iter().try_fold(0u32, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })?;
            // Nine places make nanoseconds; fewer are scaled up.
            (places.len()..9).fold(value, |n, _| n * 10)
        }
        Some(_) => return None,
    };
    let year = i32::try_from(digits(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)?;
    let seconds = digits(17..19)?;
    // A leap second (60) is left to chrono.
    if seconds > 59 {
        return None;
    }
    let time = NaiveTime::from_hms_nano_opt(digits(11..13)?, digits(14..16)?, seconds, nanos)?;
    Some(date.and_time(time).and_utc())
}

/// For `#[serde(deserialize_with)]` on a `DateTime<Utc>` field.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(InstantVisitor)
}

struct InstantVisitor;

impl Visitor<'_> for InstantVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // chrono's words, so that messages do not change.
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
        parse_utc(text).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_chrono(text: &str) -> Option<DateTime<Utc>> {
        text.parse::<DateTime<FixedOffset>>()
            .ok()
            .map(|instant| instant.with_timezone(&Utc))
    }

    #[test]
    fn the_written_form_reads_as_chrono_reads_it() {
        for text in [
            "2026-11-02T09:30:00Z",
            "2026-11-02T09:30:00.5Z",
            "2026-11-02T09:30:00.123456789Z",
            "2024-02-29T23:59:59Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
        ] {
            assert!(parse_written_form(text.as_bytes()).is_some(), "{text}");
            assert_eq!(parse_utc(text).ok(), by_chrono(text), "{text}");
        }
        // Not the written form: chrono decides.
        for text in [
            "2026-11-02T09:30:00+08:00",
            "2026-11-02t09:30:00z",
            "2026-11-02 09:30:00Z",
            "2016-12-31T23:59:60Z",
            "2026-11-02T09:30:00.1234567891Z",
            "2026-11-02T09:30:00.Z",
        ] {
            assert!(parse_written_form(text.as_bytes()).is_none(), "{text}");
            assert_eq!(parse_utc(text).ok(), by_chrono(text), "{text}");
        }
        // Refused either way.
        for text in [
            "2026-02-30T00:00:00Z",
            "2026-11-02T24:00:00Z",
            "2026-13-01T00:00:00Z",
            "",
        ] {
            assert_eq!(parse_utc(text).ok(), None, "{text}");
            assert_eq!(by_chrono(text), None, "{text}");
        }
        let text = "2026-11-02T09:30:00.25Z";
        let read: DateTime<Utc> = deserialize(&mut serde_json::Deserializer::from_str(&format!(
            "\"{text}\""
        )))
        .unwrap_or_default();
        assert_eq!(read.to_rfc3339(), "2026-11-02T09:30:00.250+00:00");
    }

    proptest! {
        // Any text near the written form (each byte a digit, a separator
        // or something else) reads as chrono reads it.
        #[test]
        fn near_the_written_form_reads_as_chrono_reads_it(
            template in prop::sample::select(vec![
                "dddd-dd-ddTdd:dd:ddZ",
                "dddd-dd-ddTdd:dd:dd.dZ",
                "dddd-dd-ddTdd:dd:dd.dddZ",
                "dddd-dd-ddTdd:dd:dd.dddddddddZ",
                "dddd-dd-ddTdd:dd:dd.ddddddddddZ",
                "dddd-dd-ddTdd:dd:dd+dd:dd",
            ]),
            picks in prop::collection::vec(any::<u8>(), 32),
            flip in 0usize..64,
            flip_to in prop::sample::select(vec![b'x', b'-', b':', b'.', b'T', b'Z', b'z', b' ', b'+', b'9']),
        ) {
            // Digits from the picks, kept mostly in range so that real
            // dates come up.
            let mut text: Vec<u8> = template
                .bytes()
                .zip(picks.iter().cycle())
                .enumerate()
                .map(|(i, (b, pick))| match (b, i) {
                    (b'd', 0) => b'2',
                    (b'd', 5) | (b'd', 8) | (b'd', 11) => b'0' + pick % 3,
                    (b'd', 14) | (b'd', 17) => b'0' + pick % 6,
                    (b'd', _) => b'0' + pick % 10,
                    (other, _) => other,
                })
                .collect();
            if let Some(byte) = text.get_mut(flip) {
                *byte = flip_to;
            }
            let text = String::from_utf8(text).unwrap_or_default();
            prop_assert_eq!(parse_utc(&text).ok(), by_chrono(&text), "{}", text);
        }
    }
}
