//! Reading commands, contexts, configurations, event logs and snapshots
//! from JSON text: the one place where JSON becomes core values.
//!
//! Decoding is strict. Beyond what the types themselves refuse (unknown
//! keys, wrong types, decimals outside the grammar of
//! [`crate::decimal_text`]), the text is checked as a whole first:
//!
//! * no number with a fraction or an exponent anywhere (decimals are
//!   strings; every JSON number in these formats is an integer), and no
//!   integer beyond 64 bits;
//! * every string at most [`MAX_TEXT_CHARS`] characters and free of control
//!   characters; free text (`name`, `description`, `memo`, `reason`,
//!   `damage_reason`, `place`, `note`) may hold line breaks and tabs;
//! * no whitespace around any other string (codes, dates, enum values):
//!   `" 2026-11-02"` is not a date and `"LAMP "` is not `"LAMP"`.
//!
//! Errors name where the problem is, as a path such as `lines[0].bucke`.
//!
//! Most documents are read without a `serde_json::Value` tree: one pass
//! over the text shows the checks hold, and serde reads the type straight
//! from it. What that pass cannot vouch for is read through the tree, which
//! alone refuses and words the error.
//!
//! ```
//! use landed::Command;
//! let err = Command::from_json(r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":1,
//!     "unit_cost":{"amount":"2.50","currency":"USD"},"bucke":"damaged"}"#).unwrap_err();
//! assert_eq!(err.code(), "INVALID_COMMAND");
//! assert!(err.to_string().contains("bucke"));
//! ```

use serde::de::DeserializeOwned;
use serde_json::Value;

use std::sync::Arc;

use crate::book::command::{Command, Context};
use crate::book::event::RecordedEvent;
use crate::book::{Book, BookConfig, Snapshot};
use crate::error::{LandedError, Result};
use crate::limits::MAX_TEXT_CHARS;

/// Whether strings under `key` are free text (line breaks and tabs
/// allowed, spaces at the ends kept). A `match` rather than a list: the
/// quick pass asks it of nearly every string, and a match tests the length
/// before any byte.
fn is_free_text(key: &str) -> bool {
    matches!(
        key,
        "name" | "description" | "memo" | "reason" | "damage_reason" | "place" | "note"
    )
}

/// Keys of weights and dimensions (decimals in every schema): in input, a
/// whole JSON number there is read as the decimal it is exactly (`2` as
/// `"2"`), so a host may write `"weight_kg": 2` in any binding. Other
/// decimals (amounts, rates) stay strings only.
pub const MEASURE_KEYS: &[&str] = &["weight_kg", "length", "width", "height"];

/// Turns whole numbers under [`MEASURE_KEYS`] into decimal strings, in
/// place. A number with a fraction is left alone (and refused later).
///
/// ```
/// use landed::Command;
/// let command = Command::from_json(r#"{"type":"define_sku","code":"A","name":"Lamp",
///     "weight_kg":2,"dimensions_cm":{"length":30,"width":20,"height":"10.5"}}"#);
/// assert!(command.is_ok(), "{command:?}");
/// let float = Command::from_json(r#"{"type":"define_sku","code":"A","name":"Lamp","weight_kg":2.5}"#);
/// assert_eq!(float.unwrap_err().code(), "INVALID_COMMAND");
/// ```
fn quote_whole_measures(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match child {
                    Value::Number(n) if MEASURE_KEYS.contains(&key.as_str()) => {
                        if n.is_i64() || n.is_u64() {
                            *child = Value::String(n.to_string());
                        }
                    }
                    _ => quote_whole_measures(child),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(quote_whole_measures),
        _ => {}
    }
}

/// Decodes `text` as a `T`, strictly; `fail` turns a message into the
/// caller's error (e.g. `INVALID_COMMAND`).
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::LandedError;
/// use landed::json::decode;
/// let fail = |reason| LandedError::InvalidCommand { reason };
/// let rates: Vec<landed::trade::RateInput> = decode(
///     r#"[{"base":"USD","quote":"CNY","date":"2026-11-10","rate":"7.20"}]"#, fail)?;
/// assert_eq!(rates[0].rate.to_string(), "7.20");
/// let err = decode::<Vec<landed::trade::RateInput>>(r#"[{"base":"USD","base":"EUR"}]"#, fail).unwrap_err();
/// assert!(err.to_string().contains("base")); // a repeated key is refused
/// # Ok(()) }
/// ```
pub fn decode<T: DeserializeOwned>(text: &str, fail: impl Fn(String) -> LandedError) -> Result<T> {
    decode_checked(text, fail, false)
}

/// Reads input (commands, contexts, configurations, batches of them):
/// like [`decode`], and an empty string is refused too, since no code,
/// reference or date is empty (free text may be).
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::LandedError;
/// use landed::json::decode_input;
/// let fail = |reason| LandedError::InvalidCommand { reason };
/// let err = decode_input::<landed::trade::RateInput>(
///     r#"{"base":"","quote":"CNY","date":"2026-11-10","rate":"7.20"}"#, fail).unwrap_err();
/// assert_eq!(err.code(), "INVALID_COMMAND"); // no code is empty
/// # Ok(()) }
/// ```
pub fn decode_input<T: DeserializeOwned>(
    text: &str,
    fail: impl Fn(String) -> LandedError,
) -> Result<T> {
    decode_checked(text, fail, true)
}

/// Reads `text` as a `T` with every check of the module docs (`input`:
/// also refuse empty strings).
///
/// Most documents take a quick path: one pass over the text shows it passes
/// the checks (see [`quick_checks`]), and serde reads the `T` straight from
/// the text. Anything that pass cannot vouch for, and any document serde
/// refuses, takes the full path, which parses a tree, checks it and reads
/// the `T` from it: so refusals and their messages come from one place, and
/// the quick path only ever accepts what the full path accepts, read the
/// same way (a property test compares the two).
fn decode_checked<T: DeserializeOwned>(
    text: &str,
    fail: impl Fn(String) -> LandedError,
    input: bool,
) -> Result<T> {
    if quick_checks(text, input)
        && let Ok(value) = serde_json::from_str(text)
    {
        return Ok(value);
    }
    decode_full(text, fail, input)
}

/// The full path of [`decode_checked`]: parses without repeated keys,
/// checks the whole tree, then reads it as a `T`.
fn decode_full<T: DeserializeOwned>(
    text: &str,
    fail: impl Fn(String) -> LandedError,
    input: bool,
) -> Result<T> {
    let Strict(mut value) =
        serde_json::from_str(text).map_err(|e| fail(format!("malformed JSON: {e}")))?;
    if input {
        quote_whole_measures(&mut value);
    }
    let mut path = String::new();
    check_value(&value, None, &mut path, input).map_err(&fail)?;
    // Read from the tree by reference: a snapshot is not copied.
    T::deserialize(&value).map_err(|e| fail(explain(&e.to_string(), &value)))
}

/// Like [`decode`], for a document that must be a JSON object (a command,
/// a context, a configuration, a snapshot): serde would also read a struct
/// from an array of its fields in order, which no host means to send.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::LandedError;
/// use landed::json::decode_object;
/// let fail = |reason| LandedError::InvalidCommand { reason };
/// let err = decode_object::<landed::trade::LineQuantity>(r#"[1, 5]"#, fail).unwrap_err();
/// assert!(err.to_string().contains("expected a JSON object"));
/// let line: landed::trade::LineQuantity = decode_object(r#"{"line":1,"quantity":5}"#, fail)?;
/// assert_eq!((line.line, line.quantity), (1, 5));
/// # Ok(()) }
/// ```
pub fn decode_object<T: DeserializeOwned>(
    text: &str,
    fail: impl Fn(String) -> LandedError,
) -> Result<T> {
    if !text.trim_start().starts_with('{') {
        return Err(fail("expected a JSON object".into()));
    }
    decode(text, fail)
}

/// Refuses text that is not a JSON object (serde would read a struct from
/// an array of its fields).
fn require_object(text: &str, fail: impl Fn(String) -> LandedError) -> Result<()> {
    if text.trim_start().starts_with('{') {
        Ok(())
    } else {
        Err(fail("expected a JSON object".into()))
    }
}

/// A JSON value read without letting a repeated key overwrite an earlier
/// one: `{"quantity": 1, "quantity": 1000}` is refused, not read as 1000.
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        // Non-finite floats cannot come from JSON text; `Null` is refused
        // later anyway as no type takes a float.
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(value) = map.next_value()?;
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!(
                    "the key `{key}` appears twice"
                )));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Adds the path of an unknown key to serde's message (serde names the
/// key, not where it is).
fn explain(message: &str, value: &Value) -> String {
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next());
    match unknown.and_then(|key| find_key(value, key, &mut String::new())) {
        Some(path) => format!("{message} (at {path})"),
        None => message.to_owned(),
    }
}

/// The path of the first object member named `key`, depth first.
fn find_key(value: &Value, key: &str, path: &mut String) -> Option<String> {
    let len = path.len();
    let found = match value {
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let at = path.len();
            push_key(path, k);
            let hit = if k == key {
                Some(path.clone())
            } else {
                find_key(v, key, path)
            };
            path.truncate(at);
            hit
        }),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            let at = path.len();
            path.push_str(&format!("[{i}]"));
            let hit = find_key(v, key, path);
            path.truncate(at);
            hit
        }),
        _ => None,
    };
    path.truncate(len);
    found
}

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// Appends `[i]` in place (every array item of every document read
/// passes here; `format!` allocated a string for each).
fn push_index(path: &mut String, i: usize) {
    use std::fmt::Write;
    // Writing to a `String` cannot fail.
    let _ = write!(path, "[{i}]");
}

/// More than [`MAX_TEXT_CHARS`] characters. A text of at most that many
/// bytes has at most that many characters, so most are never counted.
fn too_long(text: &str) -> bool {
    text.len() > MAX_TEXT_CHARS
        && (text.len() > MAX_TEXT_CHARS * 4 || text.chars().count() > MAX_TEXT_CHARS)
}

/// Whether `text` holds a control character other than those `allowed`
/// (`char::is_control`: C0, DEL and C1). ASCII text, nearly all of it, is
/// checked byte by byte.
fn has_control(text: &str, allowed: impl Fn(char) -> bool) -> bool {
    if text.is_ascii() {
        text.bytes()
            .any(|b| (b < 0x20 || b == 0x7f) && !allowed(char::from(b)))
    } else {
        text.chars().any(|c| c.is_control() && !allowed(c))
    }
}

fn shown(path: &str) -> &str {
    if path.is_empty() {
        "the top level"
    } else {
        path
    }
}

/// Walks a parsed document for the checks of the module docs.
fn check_value(
    value: &Value,
    key: Option<&str>,
    path: &mut String,
    input: bool,
) -> std::result::Result<(), String> {
    match value {
        Value::Number(n) => {
            if n.is_f64() {
                return Err(format!(
                    "{}: {n} is not an integer (decimals are strings such as \"12.34\"; integers fit 64 bits)",
                    shown(path)
                ));
            }
        }
        Value::String(s) => {
            check_string(s, key, path, input)?;
            if input && s.is_empty() && !key.is_some_and(is_free_text) {
                return Err(format!("{}: must not be empty", shown(path)));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let at = path.len();
                push_index(path, i);
                check_value(item, key, path, input)?;
                path.truncate(at);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let at = path.len();
                push_key(path, k);
                check_key(k, path)?;
                check_value(v, Some(k), path, input)?;
                path.truncate(at);
            }
        }
        Value::Null | Value::Bool(_) => {}
    }
    Ok(())
}

/// An object key: keys of maps in stored state are labels such as damage
/// reasons, which may have spaces but no control characters.
fn check_key(k: &str, path: &str) -> std::result::Result<(), String> {
    if too_long(k) {
        return Err(format!(
            "{}: key longer than {MAX_TEXT_CHARS} characters",
            shown(path)
        ));
    }
    if has_control(k, |_| false) {
        return Err(format!(
            "{}: a key must not contain control characters",
            shown(path)
        ));
    }
    Ok(())
}

fn check_string(
    s: &str,
    key: Option<&str>,
    path: &str,
    input: bool,
) -> std::result::Result<(), String> {
    // In stored state a movement's `reference` and its voucher's `document`
    // may hold the free-text reason of the adjustment that made them.
    let free =
        key.is_some_and(|k| is_free_text(k) || (!input && matches!(k, "reference" | "document")));
    if too_long(s) {
        return Err(format!(
            "{}: text longer than {MAX_TEXT_CHARS} characters",
            shown(path)
        ));
    }
    if has_control(s, |c| free && (c == '\n' || c == '\t')) {
        return Err(format!(
            "{}: text must not contain control characters",
            shown(path)
        ));
    }
    if !free && (s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace)) {
        return Err(format!(
            "{}: {s:?} must not start or end with whitespace",
            shown(path)
        ));
    }
    Ok(())
}

/// Deepest nesting the quick pass follows; deeper documents (none that a
/// book writes or a host means) take the full path.
const QUICK_DEPTH: u32 = 64;

/// Most keys one object may have for the quick pass, which finds repeated
/// keys by comparing each with those before it.
const QUICK_KEYS: usize = 32;

/// One pass over `text` that is true only when the document is well-formed
/// JSON that passes every check of [`check_value`] (with `input`, also no
/// empty string and no whole number under a [`MEASURE_KEYS`] key, which
/// the full path would rewrite). False means "not shown", not "refused":
/// the document then takes the full path, which decides. To stay simple
/// the pass declines whatever is rare: a string with an escape, a number
/// with a fraction or an exponent, `-0`, an integer of more than 18 digits,
/// an object of more than [`QUICK_KEYS`] keys, nesting deeper than
/// [`QUICK_DEPTH`], and any text a check would refuse.
fn quick_checks(text: &str, input: bool) -> bool {
    let mut scan = QuickScan {
        text,
        at: 0,
        input,
        keys: Vec::new(),
    };
    scan.value(None, 0).is_some() && {
        scan.skip_space();
        scan.at == text.len()
    }
}

/// The state of [`quick_checks`]: the text, the byte it is at, and the
/// keys of the objects open around it (to find a repeated one).
struct QuickScan<'a> {
    text: &'a str,
    at: usize,
    input: bool,
    keys: Vec<&'a str>,
}

impl<'a> QuickScan<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// A value under `key` (the key of the member, or of the array the
    /// value is in, as `check_value` passes it).
    fn value(&mut self, key: Option<&'a str>, depth: u32) -> Option<()> {
        if depth > QUICK_DEPTH {
            return None;
        }
        self.skip_space();
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(key, depth),
            b'"' => {
                let (s, plain) = self.string()?;
                let free = key.is_some_and(is_free_text);
                if s.is_empty() {
                    return (!self.input || free).then_some(());
                }
                if plain {
                    // Printable ASCII: no control character, and a space is
                    // the only whitespace that can be at an end. Free text
                    // takes the exact check, as its rule depends on `input`.
                    let padded = s.starts_with(' ') || s.ends_with(' ');
                    return (s.len() <= MAX_TEXT_CHARS && !padded && !free)
                        .then_some(())
                        .or_else(|| check_string(s, key, "", self.input).is_ok().then_some(()));
                }
                check_string(s, key, "", self.input).is_ok().then_some(())
            }
            b'-' | b'0'..=b'9' => self.integer(),
            b't' => self.word("true"),
            b'f' => self.word("false"),
            b'n' => self.word("null"),
            _ => None,
        }
    }

    fn word(&mut self, word: &str) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        (self.text.get(self.at..end) == Some(word)).then(|| self.at = end)
    }

    /// A string without escapes (nearly all: codes, dates, decimals), as
    /// the text between its quotes, which is then the string itself; with
    /// whether it is printable ASCII (no byte below 0x20 or from 0x7f).
    fn string(&mut self) -> Option<(&'a str, bool)> {
        let start = self.at + 1;
        let bytes = self.text.as_bytes();
        let mut end = start + plain_run(bytes, start);
        let mut plain = true;
        loop {
            match *bytes.get(end)? {
                b'"' => break,
                // An escape, or a raw control character (which JSON refuses).
                b'\\' | 0..0x20 => return None,
                byte => {
                    plain &= byte < 0x7f;
                    end += 1;
                }
            }
        }
        self.at = end + 1;
        // Both ends are at quotes (ASCII), so this slice is whole UTF-8.
        Some((self.text.get(start..end)?, plain))
    }

    /// An integer that fits 64 bits whichever sign it has: at most 18
    /// digits, no leading zero, no fraction or exponent, not `-0`.
    fn integer(&mut self) -> Option<()> {
        let bytes = self.text.as_bytes();
        let negative = self.peek() == Some(b'-');
        let start = self.at + usize::from(negative);
        let mut end = start;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        let digits = end - start;
        let leading_zero = digits > 1 && bytes.get(start) == Some(&b'0');
        let minus_zero = negative && digits == 1 && bytes.get(start) == Some(&b'0');
        let more = matches!(bytes.get(end), Some(b'.' | b'e' | b'E'));
        if digits == 0 || digits > 18 || leading_zero || minus_zero || more {
            return None;
        }
        self.at = end;
        Some(())
    }

    fn array(&mut self, key: Option<&'a str>, depth: u32) -> Option<()> {
        self.at += 1;
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(());
        }
        loop {
            self.value(key, depth + 1)?;
            self.skip_space();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: u32) -> Option<()> {
        self.at += 1;
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(());
        }
        let first = self.keys.len();
        loop {
            self.skip_space();
            if self.peek()? != b'"' {
                return None;
            }
            let (key, plain) = self.string()?;
            let seen = self.keys.get(first..).unwrap_or_default();
            let key_ok = if plain {
                key.len() <= MAX_TEXT_CHARS
            } else {
                check_key(key, "").is_ok()
            };
            if !key_ok || seen.len() >= QUICK_KEYS || seen.contains(&key) {
                return None;
            }
            self.keys.push(key);
            self.skip_space();
            if self.peek()? != b':' {
                return None;
            }
            self.at += 1;
            self.skip_space();
            if self.input
                && MEASURE_KEYS.contains(&key)
                && matches!(self.peek(), Some(b'-' | b'0'..=b'9'))
            {
                return None;
            }
            self.value(Some(key), depth + 1)?;
            self.skip_space();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    self.keys.truncate(first);
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

/// How many bytes from `from` are printable ASCII other than a quote and
/// a backslash: the run a string of codes, dates and decimals is made of,
/// which [`QuickScan::string`] then need not look at byte by byte. Eight
/// bytes are tested at once. Each test marks the high bit of the bytes it
/// finds; a mark above a true one may be false (a borrow or carry runs
/// upward), but the lowest mark is always exact, and only it is used.
fn plain_run(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // Bytes that are zero: the borrow of the subtraction reaches their
    // high bit, which was clear.
    fn zero_bytes(word: u64) -> u64 {
        word.wrapping_sub(ONES) & !word & HIGH
    }
    let mut at = from;
    while let Some(chunk) = at.checked_add(8).and_then(|end| bytes.get(at..end)) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        // Below 0x20: taking 0x20 off borrows into a clear high bit.
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
        // From 0x7f: the high bit is set, or adding one sets it.
        let wide = (word | word.wrapping_add(ONES)) & HIGH;
        let quote = zero_bytes(word ^ (ONES * u64::from(b'"')));
        let backslash = zero_bytes(word ^ (ONES * u64::from(b'\\')));
        let marks = control | wide | quote | backslash;
        if marks != 0 {
            // Little-endian: the first byte is the lowest.
            return at - from + (marks.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while bytes
        .get(at)
        .is_some_and(|&b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
    {
        at += 1;
    }
    at - from
}

fn invalid_command(what: &'static str) -> impl Fn(String) -> LandedError {
    move |reason| LandedError::InvalidCommand {
        reason: format!("{what}: {reason}"),
    }
}

impl Command {
    /// Reads a command from JSON, strictly (see [`crate::json`]); any
    /// problem is `INVALID_COMMAND` naming the key.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let command = landed::Command::from_json(r#"{"type":"approve_transfer","transfer":"T-1"}"#)?;
    /// assert!(matches!(command, landed::Command::ApproveTransfer { ref transfer } if transfer == "T-1"));
    /// let err = landed::Command::from_json(r#"{"type":"approve_transfer","transfer":" T-1"}"#).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_COMMAND"); // no padded codes
    /// # Ok(()) }
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        require_object(text, invalid_command("command"))?;
        decode_input(text, invalid_command("command"))
    }
}

impl Context {
    /// Reads a context from JSON, strictly; any problem is `INVALID_COMMAND`.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let context = landed::Context::from_json(r#"{"at":"2026-11-02T09:00:00Z","command_id":"GRN-0","actor":"wms"}"#)?;
    /// assert_eq!((context.command_id.as_str(), context.actor.as_deref()), ("GRN-0", Some("wms")));
    /// assert!(landed::Context::from_json(r#"{"at":"2026-11-02","command_id":"GRN-0"}"#).is_err());
    /// # Ok(()) }
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        require_object(text, invalid_command("context"))?;
        decode_input(text, invalid_command("context"))
    }
}

impl BookConfig {
    /// Reads a book configuration from JSON, strictly; any problem is
    /// `INVALID_COMMAND` with a message starting `book config:`.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let err = landed::BookConfig::from_json(r#"{"functional_currency":"CNY","valuation":"fifo"}"#).unwrap_err();
    /// assert!(err.to_string().contains("book config:"));
    /// assert!(err.to_string().contains("valuation")); // the unknown key, named
    /// # Ok(()) }
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        require_object(text, invalid_command("book config"))?;
        decode_input(text, invalid_command("book config"))
    }
}

impl RecordedEvent {
    /// Reads a JSON array of recorded events (a stored log), strictly; any
    /// problem is `INVALID_EVENT_LOG`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let stored = serde_json::to_string(book.events()).unwrap();
    /// let events = landed::RecordedEvent::log_from_json(&stored)?;
    /// assert_eq!(events.len(), 31);
    /// assert_eq!(events[3].hash_hex(), book.events()[3].hash_hex());
    /// assert_eq!(landed::RecordedEvent::log_from_json("{}").unwrap_err().code(), "INVALID_EVENT_LOG");
    /// # Ok(()) }
    /// ```
    pub fn log_from_json(text: &str) -> Result<Vec<Self>> {
        decode(text, |reason| LandedError::InvalidEventLog {
            seq: 0,
            reason,
        })
    }
}

impl Book {
    /// Rebuilds a book from its config and its stored log as JSON text (an
    /// array of recorded events as [`Book::events`] serialize), with the
    /// checks of [`Book::replay`]; a malformed log is `INVALID_EVENT_LOG`
    /// as with [`RecordedEvent::log_from_json`].
    ///
    /// The faster way to replay a stored log: an event kept exactly as the
    /// book wrote it is verified by hashing its stored text, where
    /// [`Book::replay`] of events already read must serialize each one
    /// again to hash it. Events stored in another layout (spaces, members
    /// reordered by a JSON column type) are verified that way instead.
    ///
    /// ```
    /// use landed::book::{Book, BookConfig};
    /// use landed::book::command::{Command, Context};
    /// let config = BookConfig::from_json(r#"{"functional_currency":"USD"}"#)?;
    /// let mut book = Book::new(config.clone())?;
    /// let mut run = |id: &str, json: &str| {
    ///     let context = Context::from_json(&format!(r#"{{"command_id":"{id}","at":"2026-11-02T09:00:00Z"}}"#))?;
    ///     book.execute(Command::from_json(json)?, &context)
    /// };
    /// run("1", r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#)?;
    /// run("2", r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#)?;
    /// run("3", r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":10,
    ///     "unit_cost":{"amount":"2.50","currency":"USD"}}"#)?;
    /// let stored = serde_json::to_string(book.events())?;
    /// let replayed = Book::replay_json(config, &stored)?;
    /// assert_eq!(replayed.head_hash(), book.head_hash());
    /// assert_eq!(replayed.position("LAMP", "SZ", None)?.quantities.available, 10);
    /// // An edited quantity no longer matches its hash.
    /// let edited = stored.replace(r#""quantity":10"#, r#""quantity":100"#);
    /// let err = Book::replay_json(book.config().clone(), &edited).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_EVENT_LOG");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay_json(config: BookConfig, log: &str) -> Result<Self> {
        let fail = |reason| LandedError::InvalidEventLog { seq: 0, reason };
        // Each event with the text it was read from. Anything wrong is
        // reported by reading the whole text, so the error is the one
        // `log_from_json` gives.
        let read = serde_json::from_str::<Vec<&serde_json::value::RawValue>>(log)
            .ok()
            .and_then(|items| {
                items
                    .into_iter()
                    .map(|item| {
                        decode::<RecordedEvent>(item.get(), fail)
                            .ok()
                            .map(|event| (event, item.get()))
                    })
                    .collect::<Option<Vec<_>>>()
            });
        let Some(events) = read else {
            return Self::replay(config, RecordedEvent::log_from_json(log)?);
        };
        let mut book = Self::new(config)?;
        for (event, text) in events {
            book.replay_event(Arc::new(event), false, Some(text))?;
        }
        book.finish_replay()
    }
}

impl Book {
    /// Rebuilds a book from its config and its stored log as JSON lines:
    /// one recorded event per line, as a host appends them (each line the
    /// text `serde_json::to_string` gives for one event of
    /// [`Book::events`]). Blank lines are skipped; a `\r` before a line
    /// break is ignored. Each event is verified by hashing the text of its
    /// line, as [`Book::replay_json`] does for an array, and applied as it
    /// is read, so the whole log is never held as values at once.
    ///
    /// A line that is not a recorded event is `INVALID_EVENT_LOG` naming
    /// the line (`line 3: …`); an event that fails a check of
    /// [`Book::replay`] is `INVALID_EVENT_LOG` naming its sequence number.
    ///
    /// ```
    /// use landed::book::{Book, BookConfig};
    /// use landed::book::command::{Command, Context};
    /// use landed::LandedError;
    /// let config = BookConfig::from_json(r#"{"functional_currency":"USD"}"#)?;
    /// let mut book = Book::new(config.clone())?;
    /// let mut run = |id: &str, json: &str| {
    ///     let context = Context::from_json(&format!(r#"{{"command_id":"{id}","at":"2026-11-02T09:00:00Z"}}"#))?;
    ///     book.execute(Command::from_json(json)?, &context)
    /// };
    /// run("1", r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#)?;
    /// run("2", r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#)?;
    /// run("3", r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":10,
    ///     "unit_cost":{"amount":"2.50","currency":"USD"}}"#)?;
    /// let mut stored = String::new();
    /// for event in book.events() {
    ///     stored.push_str(&serde_json::to_string(&**event)?);
    ///     stored.push('\n');
    /// }
    /// let replayed = Book::replay_json_lines(config.clone(), &stored)?;
    /// assert_eq!(replayed.head_hash(), book.head_hash());
    /// assert_eq!(replayed.position("LAMP", "SZ", None)?.quantities.available, 10);
    /// // An edited quantity no longer matches its hash: named by its seq.
    /// let edited = stored.replace(r#""quantity":10"#, r#""quantity":100"#);
    /// let err = Book::replay_json_lines(config.clone(), &edited).unwrap_err();
    /// assert!(matches!(err, LandedError::InvalidEventLog { seq: 3, .. }), "{err}");
    /// // A line that is not an event: named by its line number.
    /// let err = Book::replay_json_lines(config, &format!("{stored}{{\n")).unwrap_err();
    /// assert!(err.to_string().contains("line 5:"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn replay_json_lines(config: BookConfig, log: &str) -> Result<Self> {
        let mut book = Self::new(config)?;
        for (n, line) in log.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            let event: RecordedEvent = decode(line, |reason| LandedError::InvalidEventLog {
                seq: 0,
                reason: format!("line {}: {reason}", n + 1),
            })?;
            book.replay_event(Arc::new(event), false, Some(line))?;
        }
        book.finish_replay()
    }
}

impl Snapshot {
    /// Reads a snapshot from JSON, strictly; any problem is
    /// `INVALID_SNAPSHOT`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let text = serde_json::to_string(&book.snapshot()).unwrap();
    /// let snapshot = landed::Snapshot::from_json(&text)?;
    /// assert_eq!(landed::Book::restore(snapshot)?.version(), 17);
    /// assert_eq!(landed::Snapshot::from_json("[]").unwrap_err().code(), "INVALID_SNAPSHOT");
    /// # Ok(()) }
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        decode_object(text, |reason| LandedError::InvalidSnapshot {
            reason: format!("snapshot: {reason}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_plain_run_stops_at_each_edge_byte_wherever_it_is_in_a_word() {
        for byte in 0..=u8::MAX {
            let plain = (0x20..0x7f).contains(&byte) && byte != b'"' && byte != b'\\';
            for at in 0..16 {
                let mut bytes = [b'a'; 16];
                bytes[at] = byte;
                let expected = if plain { 16 } else { at };
                assert_eq!(plain_run(&bytes, 0), expected, "byte {byte:#04x} at {at}");
            }
        }
    }

    proptest! {
        // The quick checks decide as the plain definitions do, for any text
        // (control characters, C1 controls and multi-byte ones included).
        #[test]
        fn text_checks_agree_with_their_definitions(
            text in "[a-z\t\n\u{0}-\u{1f}\u{7f}-\u{a0}é漢]{0,12}",
            repeat in 1usize..90,
            free in any::<bool>(),
        ) {
            let long = text.repeat(repeat);
            for s in [text.as_str(), long.as_str()] {
                let allowed = |c: char| free && (c == '\n' || c == '\t');
                let plain_control = s.chars().any(|c| c.is_control() && !allowed(c));
                prop_assert_eq!(has_control(s, allowed), plain_control);
                let plain_long = s.len() > MAX_TEXT_CHARS * 4 || s.chars().count() > MAX_TEXT_CHARS;
                prop_assert_eq!(too_long(s), plain_long);
            }
        }

        // The eight-byte test of a string's plain run stops where a
        // byte-by-byte test stops.
        // Each case puts one byte from an edge of the run (or any byte)
        // after plain ones, then anything.
        #[test]
        fn a_plain_run_ends_where_the_byte_loop_ends(
            plain_start in prop::collection::vec(0x20u8..0x7f, 0..40),
            edge in prop_oneof![
                prop::sample::select(vec![
                    0x00u8, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7e, 0x7f, 0x80, 0xff,
                ]),
                any::<u8>(),
            ],
            rest in prop::collection::vec(any::<u8>(), 0..20),
            from in 0usize..64,
        ) {
            let mut bytes = plain_start;
            bytes.push(edge);
            bytes.extend(rest);
            let plain = |b: &u8| (0x20..0x7f).contains(b) && *b != b'"' && *b != b'\\';
            let bytes_run = bytes.get(from..).map_or(0, |rest| rest.iter().take_while(|b| plain(b)).count());
            prop_assert_eq!(plain_run(&bytes, from), bytes_run);
        }

        #[test]
        fn an_index_is_written_as_format_writes_it(i in any::<usize>(), prefix in "[a-z.]{0,5}") {
            let mut path = prefix.clone();
            push_index(&mut path, i);
            prop_assert_eq!(path, format!("{prefix}[{i}]"));
        }
    }

    // The books of the crate's examples, built through the public API.
    mod lamp {
        use crate as landed;
        include!("../tests/data/lamp_book.rs");
        pub(super) fn book() -> landed::Result<landed::Book> {
            lamp_book()
        }
        pub(super) fn commands() -> landed::Result<Vec<(landed::Context, landed::Command)>> {
            lamp_commands()
        }
    }
    mod selling {
        use crate as landed;
        include!("../tests/data/sales_book.rs");
        pub(super) fn book() -> landed::Result<landed::Book> {
            sales_book()
        }
        pub(super) fn commands() -> Vec<(&'static str, &'static str, &'static str)> {
            sales_commands()
        }
    }

    /// Valid documents of every kind the quick path reads: commands (as
    /// hosts write them and as the book serializes them), contexts and
    /// stored events.
    fn corpus() -> Corpus {
        let mut commands: Vec<String> = selling::commands()
            .into_iter()
            .map(|(_, _, json)| json.to_owned())
            .collect();
        commands.push(
            r#"{"type":"define_sku","code":"A","name":"Lamp  ","description":"two\nlines","weight_kg":"2","dimensions_cm":{"length":"30","width":"20","height":"10.5"}}"#
                .to_owned(),
        );
        let (mut events, mut snapshots) = (Vec::new(), Vec::new());
        let lamp_commands = lamp::commands().unwrap_or_default();
        for (context, command) in &lamp_commands {
            commands.push(serde_json::to_string(command).unwrap_or_default());
            commands.push(serde_json::to_string(context).unwrap_or_default());
        }
        for book in [lamp::book(), selling::book()] {
            let book = book.unwrap_or_else(|e| panic!("{e}"));
            for event in book.events() {
                events.push(serde_json::to_string(&**event).unwrap_or_default());
            }
            snapshots.push(serde_json::to_string(&book.snapshot()).unwrap_or_default());
        }
        assert!(
            lamp_commands.len() > 10 && events.len() > 50,
            "{} commands, {} events",
            lamp_commands.len(),
            events.len()
        );
        Corpus {
            commands,
            events,
            snapshots,
        }
    }

    #[derive(Clone)]
    struct Corpus {
        commands: Vec<String>,
        events: Vec<String>,
        snapshots: Vec<String>,
    }

    /// Both paths' answer, comparable: the value as JSON, or the message.
    fn outcome<T: DeserializeOwned + serde::Serialize>(
        text: &str,
        input: bool,
        quick: bool,
    ) -> std::result::Result<String, String> {
        let fail = |reason| LandedError::InvalidCommand { reason };
        let read: Result<T> = if quick {
            decode_checked(text, fail, input)
        } else {
            decode_full(text, fail, input)
        };
        read.map(|v| serde_json::to_string(&v).unwrap_or_default())
            .map_err(|e| e.to_string())
    }

    /// Texts put anywhere into a document: structure, escapes, padding,
    /// control characters, Unicode spaces, and members that repeat or are
    /// unknown.
    const PIECES: &[&str] = &[
        " ",
        "\\n",
        "\\u0041",
        "\\\"",
        "\u{3000}",
        "\u{a0}",
        "\u{85}",
        "\u{7f}",
        "\u{9f}",
        "é",
        "\"\"",
        "\"",
        "{",
        "[",
        ":",
        "}",
        ",",
        "]",
        "null",
        "true",
        "\t",
        "\n",
        "1.5",
        "\"quantity\":2,",
        "\"type\":\"receive\",",
        "\"weight_kg\":2,",
        "\"length\":3,",
        "\"note\":\" x \",",
        "\"memo\":\"\",",
        "\"sku\":\"\",",
        "\"bucke\":1,",
    ];

    /// What a string's text between its quotes becomes.
    const STRINGS: &[&str] = &[
        "",
        " x",
        "x ",
        "\u{3000}x",
        "x\u{a0}",
        "a\u{7f}b",
        "a\u{85}",
        "a\u{9f}",
        "a\\nb",
        "a\\tb",
        "a\\u0041",
        "2.5",
        "12",
        "1e3",
        "USD",
        "LAMP",
        "2026-11-02",
        "LONG",
    ];

    /// What a number becomes.
    const NUMBERS: &[&str] = &[
        "1.5",
        "1e3",
        "-0",
        "00",
        "-1",
        "0",
        "2",
        "12345678901234567890",
        "-9223372036854775809",
        "9223372036854775808",
        "18446744073709551616",
        "999999999999999999",
        "\"2\"",
    ];

    /// Where a string starts and ends (quotes included), and whether it is
    /// a key.
    type StringSpan = (usize, usize, bool);

    /// The strings (with whether each is a key) and the numbers of a JSON
    /// text, as byte ranges.
    fn tokens(text: &str) -> (Vec<StringSpan>, Vec<(usize, usize)>) {
        let bytes = text.as_bytes();
        let (mut strings, mut numbers) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    let start = i;
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                    let next = text[i.min(text.len())..].trim_start().as_bytes().first();
                    strings.push((start, i.min(text.len()), next == Some(&b':')));
                }
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    while i < bytes.len()
                        && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                    {
                        i += 1;
                    }
                    numbers.push((start, i));
                }
                _ => i += 1,
            }
        }
        (strings, numbers)
    }

    /// The length of the object or array `text` starts with (0 if it does
    /// not close).
    fn nested_len(text: &str) -> usize {
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        for (i, b) in text.bytes().enumerate() {
            match (in_string, b) {
                (true, _) if escaped => escaped = false,
                (true, b'\\') => escaped = true,
                (true, b'"') => in_string = false,
                (true, _) => {}
                (false, b'"') => in_string = true,
                (false, b'{' | b'[') => depth += 1,
                (false, b'}' | b']') => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
        }
        0
    }

    /// One change to a document, each kind picked with an index into what
    /// it changes.
    #[derive(Clone, Debug)]
    enum Edit {
        /// A piece put in at (or over the character at) a place.
        Piece(prop::sample::Index, &'static str, bool),
        /// A string's text replaced.
        String(prop::sample::Index, &'static str),
        /// A number replaced.
        Number(prop::sample::Index, &'static str),
        /// A string value's quotes removed (`"2"` becomes `2`).
        Unquote(prop::sample::Index),
        /// A member written twice.
        Repeat(prop::sample::Index),
    }

    fn edits() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (
                any::<prop::sample::Index>(),
                prop::sample::select(PIECES),
                any::<bool>()
            )
                .prop_map(|(i, p, r)| Edit::Piece(i, p, r)),
            (any::<prop::sample::Index>(), prop::sample::select(STRINGS))
                .prop_map(|(i, p)| Edit::String(i, p)),
            (any::<prop::sample::Index>(), prop::sample::select(NUMBERS))
                .prop_map(|(i, p)| Edit::Number(i, p)),
            any::<prop::sample::Index>().prop_map(Edit::Unquote),
            any::<prop::sample::Index>().prop_map(Edit::Repeat),
        ]
    }

    /// `text` with `edit` made (unchanged when it has nothing to edit).
    fn apply(text: &str, edit: &Edit) -> String {
        let (strings, numbers) = tokens(text);
        let values: Vec<_> = strings.iter().filter(|s| !s.2).collect();
        let keys: Vec<_> = strings.iter().filter(|s| s.2).collect();
        let splice = |start: usize, end: usize, with: &str| {
            format!("{}{with}{}", &text[..start], &text[end..])
        };
        match edit {
            Edit::Piece(at, piece, replace) => {
                let mut i = at.index(text.len() + 1);
                while i > 0 && !text.is_char_boundary(i) {
                    i -= 1;
                }
                let end = if *replace {
                    text[i..]
                        .char_indices()
                        .nth(1)
                        .map_or(text.len(), |(j, _)| i + j)
                } else {
                    i
                };
                splice(i, end, piece)
            }
            Edit::String(at, with) if !strings.is_empty() => {
                let (start, end, _) = strings[at.index(strings.len())];
                let with = if *with == "LONG" {
                    "L".repeat(1001)
                } else {
                    (*with).to_owned()
                };
                splice(start, end, &format!("\"{with}\""))
            }
            Edit::Number(at, with) if !numbers.is_empty() => {
                let (start, end) = numbers[at.index(numbers.len())];
                splice(start, end, with)
            }
            Edit::Unquote(at) if !values.is_empty() => {
                let (start, end, _) = *values[at.index(values.len())];
                splice(
                    start,
                    end,
                    &text[start + 1..end.saturating_sub(1).max(start + 1)],
                )
            }
            Edit::Repeat(at) if !keys.is_empty() => {
                let (start, end, _) = *keys[at.index(keys.len())];
                let after = &text[end..];
                let colon = after.find(':').map_or(0, |c| c + 1);
                let value = &after[colon..];
                let value_len = match value.as_bytes().first() {
                    Some(b'"') => tokens(value).0.first().map_or(0, |s| s.1),
                    Some(b'-' | b'0'..=b'9') => tokens(value).1.first().map_or(0, |n| n.1),
                    Some(b'{' | b'[') => nested_len(value),
                    _ => 0,
                };
                if value_len == 0 {
                    return text.to_owned();
                }
                let member = &text[start..end + colon + value_len];
                splice(start, start, &format!("{member},"))
            }
            _ => text.to_owned(),
        }
    }

    /// `object` written with its `"type"` key last (a serde_json map writes
    /// its keys in order, so the tag would otherwise come near the end only
    /// by chance).
    fn tag_last(object: &Value) -> Option<String> {
        let mut rest = object.as_object()?.clone();
        let tag = rest.remove("type")?;
        let rest = serde_json::to_string(&rest).ok()?;
        let tag = serde_json::to_string(&tag).ok()?;
        Some(match rest.strip_suffix("{}") {
            Some(_) => format!(r#"{{"type":{tag}}}"#),
            None => format!(r#"{},"type":{tag}}}"#, rest.strip_suffix('}')?),
        })
    }

    // A command or an event reads the same whether its tag comes first (as
    // a book writes it: the variant is read straight from the text) or
    // last (the object is read into a value first).
    #[test]
    fn commands_and_events_read_the_same_with_their_tag_first_or_last() {
        let corpus = corpus();
        let mut read = 0;
        for text in &corpus.commands {
            let Ok(value) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            let Some(last) = tag_last(&value) else {
                continue;
            };
            // Both read, to the same command, or both are refused.
            let command = serde_json::from_str::<Command>(text).ok();
            assert_eq!(
                serde_json::from_str::<Command>(&last).ok(),
                command,
                "{last}"
            );
            let Some(command) = command else { continue };
            let first = serde_json::to_string(&command).unwrap_or_default();
            assert!(first.starts_with(r#"{"type":"#), "{first}");
            read += 1;
        }
        for text in &corpus.events {
            let value: Value = serde_json::from_str(text).unwrap_or_default();
            let event = value.get("event").cloned().unwrap_or_default();
            let first = serde_json::to_string(&event).unwrap_or_default();
            let last = tag_last(&event).unwrap_or_default();
            let read_first: crate::book::event::Event =
                serde_json::from_str(&first).unwrap_or_else(|e| panic!("{first}: {e}"));
            assert_eq!(
                serde_json::from_str::<crate::book::event::Event>(&last).ok(),
                Some(read_first.clone()),
                "{last}"
            );
            // And through the strict reading, with every check.
            assert_eq!(
                decode::<RecordedEvent>(text, |detail| LandedError::Internal { detail })
                    .ok()
                    .map(|e| e.event),
                Some(read_first)
            );
            read += 1;
        }
        assert!(read > 80, "{read} documents");
    }

    #[test]
    fn the_corpus_takes_the_quick_path() {
        let Corpus {
            commands,
            events,
            snapshots,
        } = corpus();
        // All but the one with an escape (free text with a line break).
        let escaped = commands.iter().filter(|t| t.contains('\\')).count();
        assert_eq!(escaped, 1);
        for text in commands.iter().filter(|t| !t.contains('\\')) {
            assert!(quick_checks(text, true), "{text}");
        }
        for text in &events {
            assert!(quick_checks(text, false), "{text}");
            assert!(
                serde_json::from_str::<RecordedEvent>(text).is_ok(),
                "{text}"
            );
        }
        assert_eq!(snapshots.len(), 2);
        // And what it declines.
        for (text, input) in [
            (r#"{"a":1.5}"#, false),
            (r#"{"a":"x","a":"x"}"#, false),
            (r#"{"a":" x"}"#, false),
            (r#"{"a":"x\u0041"}"#, false),
            (r#"{"a":""}"#, true),
            (r#"{"weight_kg":2}"#, true),
            (r#"{"a":-0}"#, false),
            (r#"[1] x"#, false),
        ] {
            assert!(!quick_checks(text, input), "{text}");
        }
        assert!(quick_checks(
            r#"{"a":"","weight_kg":2,"note":" x "}"#,
            false
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        // The quick path accepts only what the full path accepts, read the
        // same way; anything else it leaves to the full path, so refusals
        // and their messages are the full path's.
        #[test]
        fn the_quick_path_reads_as_the_full_path(
            which in any::<prop::sample::Index>(),
            edits in prop::collection::vec(edits(), 0..3),
            kind in 0..3u8,
        ) {
            let corpus = CORPUS.with(Corpus::clone);
            let pool = match kind {
                0 => &corpus.commands,
                1 => &corpus.events,
                _ => &corpus.snapshots,
            };
            let mut text = which.get(pool).clone();
            for edit in &edits {
                text = apply(&text, edit);
            }
            match kind {
                0 => {
                    prop_assert_eq!(
                        outcome::<Command>(&text, true, true),
                        outcome::<Command>(&text, true, false),
                        "{}", text
                    );
                    prop_assert_eq!(
                        outcome::<Context>(&text, true, true),
                        outcome::<Context>(&text, true, false),
                        "{}", text
                    );
                }
                1 => prop_assert_eq!(
                    outcome::<RecordedEvent>(&text, false, true),
                    outcome::<RecordedEvent>(&text, false, false),
                    "{}", text
                ),
                _ => prop_assert_eq!(
                    outcome::<Snapshot>(&text, false, true),
                    outcome::<Snapshot>(&text, false, false),
                    "{}", text
                ),
            }
        }
    }

    thread_local! {
        static CORPUS: Corpus = corpus();
    }

    fn receive(extra: &str) -> String {
        format!(
            r#"{{"type":"receive","sku":"LAMP","location":"SZ","quantity":1,"unit_cost":{{"amount":"2.50","currency":"USD"}}{extra}}}"#
        )
    }

    fn refused(text: &str) -> String {
        let err = Command::from_json(text).unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND", "{text}");
        err.to_string()
    }

    #[test]
    fn a_valid_command_reads() {
        assert!(Command::from_json(&receive("")).is_ok());
        assert!(Command::from_json(&receive(r#","reference":"PO 7""#)).is_ok());
    }

    #[test]
    fn unknown_keys_are_named_with_their_path() {
        let m = refused(&receive(r#","bucke":"damaged""#));
        assert!(m.contains("bucke") && m.contains("(at bucke)"), "{m}");
        let m = refused(
            r#"{"type":"post_entry","date":"2026-11-02","memo":"m","lines":[
                {"account":"1000","debit":"1.00"},{"account":"3000","credit":"1.00","sid":"x"}]}"#,
        );
        assert!(m.contains("lines[1].sid"), "{m}");
    }

    #[test]
    fn numbers_text_and_dates_are_strict() {
        let m = refused(&receive("").replace(r#""2.50""#, "2.5"));
        assert!(m.contains("unit_cost.amount"), "{m}");
        let m = refused(&receive("").replace(r#""quantity":1"#, r#""quantity":1.0"#));
        assert!(m.contains("quantity"), "{m}");
        refused(&receive("").replace(r#""2.50""#, r#""1e3""#));
        refused(&receive("").replace("LAMP", "LAMP "));
        refused(&receive("").replace("LAMP", "LA\\u0000MP"));
        refused(&receive("").replace("LAMP", &"L".repeat(1001)));
        refused(&receive(r#","expiry":" 2026-11-02""#));
        refused("{");
        let ctx =
            Context::from_json(r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1","actor":"ann"}"#)
                .unwrap();
        assert_eq!(ctx.actor.as_deref(), Some("ann"));
        assert!(
            Context::from_json(r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1","who":"x"}"#)
                .is_err()
        );
        let err =
            BookConfig::from_json(r#"{"functional_currency":"USD","valuaton_method":"fifo"}"#)
                .unwrap_err();
        assert!(
            err.to_string().starts_with("invalid command: book config:")
                || err.to_string().contains("book config"),
            "{err}"
        );
        assert!(err.to_string().contains("valuaton_method"));
    }
}
