//! Limits on the text that enters the book, and their checks.
//!
//! Codes name things other records point at (SKUs, locations, lots,
//! documents, accounts…): they are compared byte for byte, printed on
//! reports and sent to other systems, so a code is 1 to
//! [`MAX_CODE_CHARS`] characters with no control characters and no
//! whitespace at either end (`"LAMP "` and `"LAMP"` would otherwise be two
//! SKUs that look the same). Command ids and actors may be longer
//! ([`MAX_COMMAND_ID_CHARS`]): hosts build them from a channel, an order
//! number and a line. Free text (names, descriptions, memos) is at most
//! [`MAX_TEXT_CHARS`] characters; it may hold line breaks and tabs but no
//! other control characters.
//!
//! ```
//! use landed::limits::{check_code, MAX_CODE_CHARS};
//! assert!(check_code("sku", "LAMP-01").is_ok());
//! assert_eq!(check_code("sku", "").unwrap_err().code(), "INVALID_COMMAND");
//! assert!(check_code("sku", "LAMP\n").is_err());
//! assert!(check_code("sku", &"X".repeat(MAX_CODE_CHARS + 1)).is_err());
//! ```

use crate::error::{LandedError, Result};

/// Longest code, in characters.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::limits::{MAX_CODE_CHARS, check_code};
/// assert!(check_code("sku", &"L".repeat(MAX_CODE_CHARS)).is_ok());
/// assert!(check_code("sku", &"L".repeat(MAX_CODE_CHARS + 1)).is_err());
/// # Ok(()) }
/// ```
pub const MAX_CODE_CHARS: usize = 64;

/// Longest command id or actor, in characters.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::limits::{MAX_COMMAND_ID_CHARS, check_command_id};
/// assert!(check_command_id(&"x".repeat(MAX_COMMAND_ID_CHARS)).is_ok());
/// assert_eq!(check_command_id(&"x".repeat(129)).unwrap_err().code(), "INVALID_COMMAND");
/// # Ok(()) }
/// ```
pub const MAX_COMMAND_ID_CHARS: usize = 128;

/// Longest free text, in characters.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::limits::{MAX_TEXT_CHARS, check_free_text};
/// assert!(check_free_text("memo", &"a".repeat(MAX_TEXT_CHARS)).is_ok());
/// assert!(check_free_text("memo", &"a".repeat(MAX_TEXT_CHARS + 1)).is_err());
/// # Ok(()) }
/// ```
pub const MAX_TEXT_CHARS: usize = 1000;

fn refuse(field: &str, reason: &str) -> LandedError {
    LandedError::InvalidCommand {
        reason: format!("{field}: {reason}"),
    }
}

/// Checks the length (in characters) of `value` against `max`, reading at
/// most `4 * max` bytes' worth of it.
fn check_length(field: &str, value: &str, max: usize) -> Result<()> {
    // A character is at most 4 bytes: a longer text is too long without
    // counting, so a 10 MB string costs nothing.
    if value.len() > max.saturating_mul(4) || value.chars().count() > max {
        return Err(refuse(field, &format!("longer than {max} characters")));
    }
    Ok(())
}

/// A code: 1 to [`MAX_CODE_CHARS`] characters, no control characters, no
/// surrounding whitespace.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::limits::check_code;
/// assert!(check_code("location", "SZ").is_ok());
/// let err = check_code("location", "SZ ").unwrap_err();
/// assert_eq!(err.to_string(), "invalid command: location: must not start or end with whitespace");
/// # Ok(()) }
/// ```
pub fn check_code(field: &str, value: &str) -> Result<()> {
    check_text_id(field, value, MAX_CODE_CHARS)
}

/// An identifier of at most `max` characters: not empty, no control
/// characters, no surrounding whitespace.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::limits::check_text_id;
/// assert!(check_text_id("actor", "ops@example.com", 128).is_ok());
/// assert!(check_text_id("actor", "", 128).is_err());
/// assert!(check_text_id("actor", "a\u{7}b", 128).is_err());
/// # Ok(()) }
/// ```
pub fn check_text_id(field: &str, value: &str, max: usize) -> Result<()> {
    if value.is_empty() {
        return Err(refuse(field, "must not be empty"));
    }
    // Codes and ids are nearly always printable ASCII, recognised here in
    // one pass over the bytes; anything else (a control character, text
    // beyond ASCII) takes the character-by-character rules below, which
    // give a printable ASCII value the same answers: one byte a character,
    // and the space its only whitespace.
    let bytes = value.as_bytes();
    if printable_ascii(bytes) {
        if bytes.len() > max {
            return Err(refuse(field, &format!("longer than {max} characters")));
        }
        if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
            return Err(refuse(field, "must not start or end with whitespace"));
        }
        return Ok(());
    }
    check_text_id_by_chars(field, value, max)
}

/// Whether every byte is printable ASCII (a space to `~`), eight bytes at a
/// time: a command id is checked on every command.
fn printable_ascii(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            return false;
        };
        let x = u64::from_le_bytes(word);
        // With no high bit set (ASCII), `x - 0x20` per byte sets a high bit
        // where a byte is below 0x20, and `x + 1` where a byte is 0x7f
        // (DEL); borrows and carries only ever add flags above a flagged
        // byte, so "any flag" is exact.
        let below_space = x.wrapping_sub(ONES * 0x20) & !x;
        let delete = x.wrapping_add(ONES) & !x;
        if (x | below_space | delete) & HIGH != 0 {
            return false;
        }
    }
    words.remainder().iter().all(|b| (b' '..=b'~').contains(b))
}

/// [`check_text_id`] character by character, for text beyond ASCII.
fn check_text_id_by_chars(field: &str, value: &str, max: usize) -> Result<()> {
    if value.is_empty() {
        return Err(refuse(field, "must not be empty"));
    }
    check_length(field, value, max)?;
    if value.chars().any(char::is_control) {
        return Err(refuse(field, "must not contain control characters"));
    }
    if value.starts_with(char::is_whitespace) || value.ends_with(char::is_whitespace) {
        return Err(refuse(field, "must not start or end with whitespace"));
    }
    Ok(())
}

/// A command id: see [`check_text_id`] with [`MAX_COMMAND_ID_CHARS`].
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::limits::check_command_id;
/// assert!(check_command_id("order-302-1234567/line-1").is_ok());
/// assert!(check_command_id("").is_err());
/// # Ok(()) }
/// ```
pub fn check_command_id(value: &str) -> Result<()> {
    check_text_id("command_id", value, MAX_COMMAND_ID_CHARS)
}

/// Free text: at most [`MAX_TEXT_CHARS`] characters; line breaks and tabs
/// are allowed, other control characters are not.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::limits::check_free_text;
/// // Line breaks and tabs are fine in free text; other control characters are not.
/// assert!(check_free_text("memo", "Sea freight\nShenzhen\tHamburg").is_ok());
/// assert!(check_free_text("memo", "bell\u{7}").is_err());
/// # Ok(()) }
/// ```
pub fn check_free_text(field: &str, value: &str) -> Result<()> {
    check_length(field, value, MAX_TEXT_CHARS)?;
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(refuse(field, "must not contain control characters"));
    }
    Ok(())
}

/// A label that becomes a key of stored state (a damage reason): at most
/// [`MAX_TEXT_CHARS`] characters, not empty, no control characters at all.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::limits::check_label;
/// assert!(check_label("damage_reason", "crushed").is_ok());
/// assert!(check_label("damage_reason", "   ").is_err());
/// assert!(check_label("damage_reason", "crushed\nbox").is_err());
/// # Ok(()) }
/// ```
pub fn check_label(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(refuse(field, "must not be empty"));
    }
    check_length(field, value, MAX_TEXT_CHARS)?;
    if value.chars().any(char::is_control) {
        return Err(refuse(field, "must not contain control characters"));
    }
    Ok(())
}

/// Largest quantity one command may move: keeps every product of a
/// quantity and a unit cost far inside the decimal range.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::limits::MAX_QUANTITY;
/// let mut book = lamp_book()?;
/// let json = format!(r#"{{"type":"receive","sku":"LAMP","location":"SZ","quantity":{},
///     "unit_cost":{{"amount":"1.00","currency":"CNY"}}}}"#, MAX_QUANTITY + 1);
/// let err = book.execute(landed::Command::from_json(&json)?, &ctx("2026-11-21", "big")?).unwrap_err();
/// assert_eq!(err.code(), "INVALID_QUANTITY");
/// # Ok(()) }
/// ```
pub const MAX_QUANTITY: i64 = 1_000_000_000_000;

/// Largest unit cost accepted, in functional currency units.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::limits::MAX_UNIT_COST;
/// assert_eq!(MAX_UNIT_COST, 10_i64.pow(15));
/// # Ok(()) }
/// ```
pub const MAX_UNIT_COST: i64 = 1_000_000_000_000_000;

/// A quantity one command moves: 1 to [`MAX_QUANTITY`].
pub(crate) fn check_quantity(quantity: i64) -> Result<()> {
    if quantity <= 0 || quantity > MAX_QUANTITY {
        return Err(LandedError::InvalidQuantity {
            quantity,
            reason: format!("must be between 1 and {MAX_QUANTITY}"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast path gives the same verdict and message as the
    /// character-by-character rules, for every one- and two-byte ASCII text,
    /// texts at and past the length limit, and a few beyond ASCII.
    #[test]
    fn the_ascii_path_agrees_with_the_character_rules() {
        let mut texts: Vec<String> = Vec::new();
        for a in 0u8..128 {
            texts.push((a as char).to_string());
            for b in 0u8..128 {
                texts.push([a as char, b as char].iter().collect());
            }
        }
        texts.extend(["LAMP", " LAMP", "LAMP ", "LA MP", "abcd", "abcde"].map(String::from));
        texts.extend(["é", "灯", " 灯", "灯\u{85}", "\u{3000}灯"].map(String::from));
        for text in &texts {
            for max in [1, 2, 4] {
                let fast = check_text_id("sku", text, max).map_err(|e| e.to_string());
                let slow = check_text_id_by_chars("sku", text, max).map_err(|e| e.to_string());
                assert_eq!(fast, slow, "{text:?} with at most {max}");
            }
        }
        // Every byte value at every position of a word, and in the tail.
        for len in [8, 13, 16] {
            for at in 0..len {
                for byte in 0u8..=255 {
                    let mut text = vec![b'a'; len];
                    text[at] = byte;
                    let simple = text.iter().all(|b| (b' '..=b'~').contains(b));
                    assert_eq!(printable_ascii(&text), simple, "{byte:#x} at {at} of {len}");
                }
            }
        }
        assert!(check_text_id("sku", "LAMP", 4).is_ok());
        assert!(check_text_id("sku", "LAMP ", 8).is_err());
        assert!(check_text_id("sku", "LA\tMP", 8).is_err());
    }
}
