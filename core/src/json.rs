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

/// Keys whose strings are free text (line breaks and tabs allowed, spaces
/// at the ends kept).
const FREE_TEXT_KEYS: &[&str] = &[
    "name",
    "description",
    "memo",
    "reason",
    "damage_reason",
    "place",
    "note",
];

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

/// Parses without repeated keys, checks the whole document (`input`: also
/// refuse empty strings), then reads it as a `T`.
fn decode_checked<T: DeserializeOwned>(
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
            if input && s.is_empty() && !key.is_some_and(|k| FREE_TEXT_KEYS.contains(&k)) {
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
    let free = key.is_some_and(|k| {
        FREE_TEXT_KEYS.contains(&k) || (!input && matches!(k, "reference" | "document"))
    });
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

        #[test]
        fn an_index_is_written_as_format_writes_it(i in any::<usize>(), prefix in "[a-z.]{0,5}") {
            let mut path = prefix.clone();
            push_index(&mut path, i);
            prop_assert_eq!(path, format!("{prefix}[{i}]"));
        }
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
