//! The JSON face of [`landed::book::Book`], shared by every binding.
//!
//! Commands, contexts, events and reports cross the language boundary as
//! JSON text whose shape is the serde form of the core types (described by
//! `docs/schema/*.schema.json`). Each binding turns its own values (Python
//! dicts, JS objects, Kotlin strings) into that text and back; none of them
//! keeps a copy of the field lists, so nothing can drift from the core.
//!
//! ```
//! use landed_json::JsonBook;
//! let mut book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
//! let ctx = r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1"}"#;
//! let out = book.execute(r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#, ctx)?;
//! assert!(out.contains(r#""version":1"#));
//! # Ok::<(), landed::LandedError>(())
//! ```

pub mod panics;
mod queries;
mod store;

pub use queries::JsonQueries;
pub use store::{JsonStore, STORE_CODES, StoreError, closed_store_error};

use landed::LandedError;
use landed::book::command::{Command, Context};
use landed::book::{BatchMode, Book, BookConfig, Snapshot};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Object keys whose string values are exact decimals in every command,
/// event and report (derived from `docs/schema/`; a test keeps it current).
/// Bindings whose language has a decimal type (Python's `Decimal`, Kotlin's
/// `BigDecimal`) convert exactly these; no key here is ever a plain string.
pub const DECIMAL_FIELDS: &[&str] = &[
    "advertising",
    "amount",
    "annual_turnover",
    "by_kind",
    "cogs",
    "credit",
    "daily_demand",
    "daily_demand_deviation",
    "daily_deviation",
    "daily_mean",
    "days_of_inventory",
    "days_of_supply",
    "debit",
    "default_lead_time_days",
    "deficit_value",
    "deviation_days",
    "difference",
    "discount",
    "expensed",
    "fees",
    "fixed_rate",
    "fx",
    "grni_cleared",
    "height",
    "invoiced_value",
    "issued_value",
    "lead_time_days",
    "lead_time_deviation_days",
    "length",
    "mean_days",
    "net",
    "net_cost",
    "over_receipt_tolerance_percent",
    "principal",
    "profit",
    "rate",
    "rates",
    "receipt_value",
    "reimbursements",
    "return_losses",
    "returned_value",
    "revenue",
    "sales_returns",
    "service_level",
    "share",
    "shares",
    "shipped_value",
    "shipping",
    "short_value",
    "tax",
    "tolerance_percent",
    "unit_price",
    "value",
    "weight_kg",
    "width",
    "z",
];

/// Shorthand for this crate's results.
pub type Result<T> = std::result::Result<T, LandedError>;

/// Reads `text` strictly (see `landed::json`); a problem is
/// `INVALID_COMMAND` starting with `what`.
fn parse<T: DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    landed::json::decode_input(text, |reason| LandedError::InvalidCommand {
        reason: format!("{what}: {reason}"),
    })
}

/// The date and the optional line filter of a ledger report.
fn report_args(
    as_of: &str,
    filter_json: Option<&str>,
) -> Result<(landed::NaiveDate, Option<landed::report::LineFilter>)> {
    let as_of = landed::parse_date(as_of)?;
    let filter = match filter_json {
        Some(text) => Some(parse("trial balance filter", text)?),
        None => None,
    };
    Ok((as_of, filter))
}

fn render<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| LandedError::Internal {
        detail: format!("cannot serialize: {e}"),
    })
}

/// One entry of a batch: a command and its context, as text for
/// [`Command::from_json`] and [`Context::from_json`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchItem<'a> {
    #[serde(borrow)]
    command: &'a RawValue,
    #[serde(borrow)]
    context: &'a RawValue,
}

/// Reads a batch: a JSON array of `{"command": …, "context": …}` objects,
/// each command and context read as a single one is. A problem is
/// `INVALID_COMMAND` naming the entry (`batch[1].command: …`).
fn read_batch(text: &str) -> Result<Vec<(Command, Context)>> {
    let invalid = |reason: String| LandedError::InvalidCommand { reason };
    let items: Vec<&RawValue> =
        serde_json::from_str(text).map_err(|e| invalid(format!("batch: malformed JSON: {e}")))?;
    items
        .into_iter()
        .enumerate()
        .map(|(n, item)| {
            let at = |e: LandedError| match e {
                LandedError::InvalidCommand { reason } => invalid(format!("batch[{n}].{reason}")),
                other => other,
            };
            if !item.get().starts_with('{') {
                return Err(invalid(format!("batch[{n}]: expected a JSON object")));
            }
            let item: BatchItem<'_> = serde_json::from_str(item.get())
                .map_err(|e| invalid(format!("batch[{n}]: {e}")))?;
            let command = Command::from_json(item.command.get()).map_err(at)?;
            let context = Context::from_json(item.context.get()).map_err(at)?;
            Ok((command, context))
        })
        .collect()
}

/// Batch items with the line number of each.
type NumberedItems = (Vec<(Command, Context)>, Vec<u64>);

/// Reads a batch given as JSON lines: one `{"command": …, "context": …}`
/// object per line, blank lines skipped. Each item comes with its 1-based
/// line number. A problem is `INVALID_COMMAND` naming the line
/// (`line 3: command: …`).
fn read_lines(text: &str) -> Result<NumberedItems> {
    let invalid = |reason: String| LandedError::InvalidCommand { reason };
    let mut items = Vec::new();
    let mut numbers = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        let number = n as u64 + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let at = |e: LandedError| match e {
            LandedError::InvalidCommand { reason } => invalid(format!("line {number}: {reason}")),
            other => other,
        };
        if !line.trim_start().starts_with('{') {
            return Err(invalid(format!("line {number}: expected a JSON object")));
        }
        let item: BatchItem<'_> = serde_json::from_str(line)
            .map_err(|e| invalid(format!("line {number}: malformed item: {e}")))?;
        let command = Command::from_json(item.command.get()).map_err(at)?;
        let context = Context::from_json(item.context.get()).map_err(at)?;
        items.push((command, context));
        numbers.push(number);
    }
    Ok((items, numbers))
}

/// Appends `events` to `out` as JSON lines: each event the text
/// `serde_json::to_string` gives for it (its stored form, with its hash),
/// then `\n`.
fn push_lines<'a>(
    out: &mut Vec<u8>,
    events: impl IntoIterator<Item = &'a std::sync::Arc<landed::book::event::RecordedEvent>>,
) -> Result<()> {
    for event in events {
        event.write_json(out).map_err(|e| LandedError::Internal {
            detail: format!("cannot serialize an event: {e}"),
        })?;
        out.push(b'\n');
    }
    Ok(())
}

fn lines_text(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| LandedError::Internal {
        detail: format!("serialized events are not UTF-8: {e}"),
    })
}

/// A line of [`JsonBook::execute_lines`] that was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    /// The line's number in the input, from 1 (blank lines count).
    pub line: u64,
    /// The error's stable code (`INSUFFICIENT_STOCK`…).
    pub code: String,
    /// The error's message.
    pub message: String,
}

/// What [`JsonBook::execute_lines`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinesOutcome {
    /// The book's version after the batch.
    pub version: u64,
    /// Commands that ran and recorded events (duplicates not counted).
    pub executed: u64,
    /// Lines whose command id had already run with the same command:
    /// nothing changed, and their events are not in `events` again.
    pub duplicates: u64,
    /// The events the batch recorded, oldest first, as JSON lines: one
    /// event per line, each exactly the text `serde_json::to_string` gives
    /// for it (its stored form, with its hash), each line ending in `\n`.
    /// Append it to the stored log; [`JsonBook::replay_lines`] reads it.
    pub events: String,
    /// The refused lines, in order. With `all_or_nothing` at most one: the
    /// first failure, after which nothing of the batch is kept.
    pub errors: Vec<LineError>,
}

/// The result of one batch entry.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum BatchResult {
    Ok(landed::book::event::Outcome),
    Error { code: &'static str, message: String },
}

/// The core's batch mode for the JSON face's `all_or_nothing` flag.
fn batch_mode(all_or_nothing: bool) -> BatchMode {
    if all_or_nothing {
        BatchMode::AllOrNothing
    } else {
        BatchMode::EachAtomic
    }
}

/// A batch's results as the JSON array [`JsonBook::execute_batch`]
/// returns: `{"ok": outcome}` or `{"error": {"code", "message"}}` each.
fn render_batch(results: Vec<Result<landed::book::event::Outcome>>) -> Result<String> {
    let results: Vec<BatchResult> = results
        .into_iter()
        .map(|r| match r {
            Ok(outcome) => BatchResult::Ok(outcome),
            Err(e) => BatchResult::Error {
                code: e.code(),
                message: e.to_string(),
            },
        })
        .collect();
    render(&results)
}

/// A book driven by JSON text.
#[derive(Debug, Clone)]
pub struct JsonBook {
    book: Book,
}

impl JsonBook {
    /// A new book from a `BookConfig` JSON object.
    pub fn new(config_json: &str) -> Result<Self> {
        let config = BookConfig::from_json(config_json)?;
        Ok(Self {
            book: Book::new(config)?,
        })
    }

    /// Rebuilds a book from its config and a JSON array of recorded events,
    /// verifying their hash chain and their consistency (see
    /// [`Book::replay`]); a log that is malformed or fails a check is
    /// refused with `INVALID_EVENT_LOG`.
    pub fn replay(config_json: &str, events_json: &str) -> Result<Self> {
        let config = BookConfig::from_json(config_json)?;
        Ok(Self {
            book: Book::replay_json(config, events_json)?,
        })
    }

    /// Rebuilds a book from its config and its stored log as JSON lines
    /// (one recorded event per line, as [`JsonBook::execute_lines`] and
    /// [`JsonQueries::events_lines`] write them), verifying each event's hash
    /// over the text of its line (see [`Book::replay_json_lines`]). A line
    /// that is not an event is `INVALID_EVENT_LOG` naming the line; an
    /// event that fails a check, `INVALID_EVENT_LOG` naming its `seq`.
    ///
    /// ```
    /// use landed_json::{JsonBook, JsonQueries};
    /// let mut book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let out = book.execute_lines(concat!(
    ///     r#"{"command":{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"},"context":{"at":"2026-11-02T09:00:00Z","command_id":"c1"}}"#, "\n",
    ///     r#"{"command":{"type":"define_sku","code":"LAMP","name":"Desk lamp"},"context":{"at":"2026-11-02T09:01:00Z","command_id":"c2"}}"#, "\n",
    /// ), false)?;
    /// let copy = JsonBook::replay_lines(&book.config()?, &out.events)?;
    /// assert_eq!(copy.head_hash(), book.head_hash());
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn replay_lines(config_json: &str, events_lines: &str) -> Result<Self> {
        let config = BookConfig::from_json(config_json)?;
        Ok(Self {
            book: Book::replay_json_lines(config, events_lines)?,
        })
    }

    /// Restores a book from [`JsonQueries::snapshot`] text, after checking its
    /// checksum, head hash and structure (see [`Book::restore`]); a
    /// malformed or damaged snapshot is refused with `INVALID_SNAPSHOT`.
    pub fn restore(snapshot_json: &str) -> Result<Self> {
        let snapshot = Snapshot::from_json(snapshot_json)?;
        Ok(Self {
            book: Book::restore(snapshot)?,
        })
    }

    /// The wrapped book.
    pub fn book(&self) -> &Book {
        &self.book
    }

    /// Executes one command (JSON) with its context (JSON); returns the
    /// outcome as JSON.
    pub fn execute(&mut self, command_json: &str, context_json: &str) -> Result<String> {
        let command = Command::from_json(command_json)?;
        let context = Context::from_json(context_json)?;
        render(&self.book.execute(command, &context)?)
    }

    /// Executes a JSON array of `{"command": …, "context": …}`; `all_or_nothing`
    /// undoes the whole batch at the first failure. Returns a JSON array of
    /// `{"ok": outcome}` or `{"error": {"code", "message"}}`.
    pub fn execute_batch(&mut self, items_json: &str, all_or_nothing: bool) -> Result<String> {
        let items = read_batch(items_json)?;
        render_batch(self.book.execute_batch(items, batch_mode(all_or_nothing)))
    }

    /// Executes a batch given as JSON lines, one `{"command": …,
    /// "context": …}` object per line (the items of
    /// [`JsonBook::execute_batch`]; blank lines are skipped), with the same
    /// `all_or_nothing` semantics. A line that cannot be read refuses the
    /// whole batch with `INVALID_COMMAND` naming the line, before anything
    /// runs. Returns a [`LinesOutcome`]: counts, the refused lines by
    /// number, and the recorded events as JSON lines, ready to append to
    /// the stored log, without an outcome per command.
    ///
    /// ```
    /// use landed_json::JsonBook;
    /// let mut book = JsonBook::new(r#"{"functional_currency":"USD"}"#)?;
    /// let lines = concat!(
    ///     r#"{"command":{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"},"context":{"at":"2026-11-02T09:00:00Z","command_id":"c1"}}"#, "\n",
    ///     "\n",
    ///     r#"{"command":{"type":"define_location","code":"SZ","name":"Again","kind":"own"},"context":{"at":"2026-11-02T09:01:00Z","command_id":"c2"}}"#, "\n",
    /// );
    /// let out = book.execute_lines(lines, false)?;
    /// assert_eq!((out.version, out.executed, out.duplicates), (1, 1, 0));
    /// assert_eq!(out.events.lines().count(), 1);
    /// assert_eq!((out.errors[0].line, out.errors[0].code.as_str()), (3, "DUPLICATE_CODE"));
    /// let err = book.execute_lines("{\"command\":{}}", false).unwrap_err();
    /// assert!(err.to_string().contains("line 1:"), "{err}");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn execute_lines(&mut self, items: &str, all_or_nothing: bool) -> Result<LinesOutcome> {
        let (items, numbers) = read_lines(items)?;
        let mut events = Vec::new();
        let mut errors = Vec::new();
        let (mut executed, mut duplicates) = (0, 0);
        let mut unwritten = None;
        let mut numbers = numbers.into_iter();
        // Each command's events are written as soon as it has run, while
        // they are the newest: then they are serialized once (see
        // `Book::execute_batch_with`).
        self.book
            .execute_batch_with(items, batch_mode(all_or_nothing), |result| {
                let line = numbers.next().unwrap_or_default();
                match result {
                    Ok(outcome) if outcome.duplicate => duplicates += 1,
                    Ok(outcome) => {
                        executed += 1;
                        if let Err(e) = push_lines(&mut events, &outcome.events) {
                            unwritten.get_or_insert(e);
                        }
                    }
                    Err(e) => errors.push(LineError {
                        line,
                        code: e.code().to_owned(),
                        message: e.to_string(),
                    }),
                }
            });
        if let Some(e) = unwritten {
            return Err(e);
        }
        if all_or_nothing && !errors.is_empty() {
            // The batch was undone: nothing of it is kept.
            events.clear();
            (executed, duplicates) = (0, 0);
        }
        Ok(LinesOutcome {
            version: self.book.version(),
            executed,
            duplicates,
            events: lines_text(events)?,
            errors,
        })
    }
}

impl JsonQueries for JsonBook {
    fn book(&self) -> &Book {
        &self.book
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collects, for every property name in the schemas, whether it holds a
    /// decimal string, a Money object, or something else.
    fn property_kinds()
    -> std::collections::BTreeMap<String, std::collections::BTreeSet<&'static str>> {
        fn walk(
            node: &serde_json::Value,
            out: &mut std::collections::BTreeMap<String, std::collections::BTreeSet<&'static str>>,
        ) {
            match node {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                        for (name, schema) in props {
                            let text = schema.to_string();
                            let kind = if text.contains("#/$defs/Money") {
                                "money"
                            } else if text.contains("#/$defs/Decimal") {
                                "decimal"
                            } else {
                                "other"
                            };
                            out.entry(name.clone()).or_default().insert(kind);
                        }
                    }
                    map.values().for_each(|v| walk(v, out));
                }
                serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut out = std::collections::BTreeMap::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/schema");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            walk(&serde_json::from_str(&text).unwrap(), &mut out);
        }
        out
    }

    #[test]
    fn decimal_fields_match_the_schema() {
        let kinds = property_kinds();
        let decimal: Vec<&str> = kinds
            .iter()
            .filter(|(_, k)| k.contains("decimal"))
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(
            decimal, DECIMAL_FIELDS,
            "update DECIMAL_FIELDS from docs/schema"
        );
        for name in DECIMAL_FIELDS {
            assert!(
                !kinds[*name].contains("other"),
                "{name} is also a plain value somewhere"
            );
        }
    }

    const CTX: &str = r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1"}"#;

    #[test]
    fn malformed_json_is_a_typed_error() {
        let mut book = JsonBook::new(r#"{"functional_currency":"USD"}"#).unwrap();
        let err = book.execute(r#"{"type":"teleport"}"#, CTX).unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
        assert!(err.to_string().contains("teleport"), "{err}");
        let err = JsonBook::new(r#"{"functional_currency":"XYZ"}"#).unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
        // A chart that leaves a role without a rule is an error, not a panic.
        let chart =
            r#"{"functional_currency":"USD","ledger":{"type":"custom","accounts":[],"rules":[]}}"#;
        assert_eq!(
            JsonBook::new(chart).unwrap_err().code(),
            "MISSING_POSTING_RULE"
        );
        // A float where a decimal string is required is refused.
        book.execute(
            r#"{"type":"define_location","code":"SZ","name":"S","kind":"own"}"#,
            CTX,
        )
        .unwrap();
        let ctx2 = r#"{"at":"2026-11-02T09:01:00Z","command_id":"c2"}"#;
        book.execute(r#"{"type":"define_sku","code":"A","name":"A"}"#, ctx2)
            .unwrap();
        let ctx3 = r#"{"at":"2026-11-02T09:02:00Z","command_id":"c3"}"#;
        let float_cost = r#"{"type":"receive","sku":"A","location":"SZ","quantity":1,"unit_cost":{"amount":1.5,"currency":"USD"}}"#;
        assert_eq!(
            book.execute(float_cost, ctx3).unwrap_err().code(),
            "INVALID_COMMAND"
        );
        let ok = r#"{"type":"receive","sku":"A","location":"SZ","quantity":2,"unit_cost":{"amount":"1.50","currency":"USD"}}"#;
        let out = book.execute(ok, ctx3).unwrap();
        assert!(
            out.contains(r#""value":{"amount":"3.00","currency":"USD"}"#),
            "{out}"
        );
    }

    #[test]
    fn batch_reports_each_result() {
        let mut book = JsonBook::new(r#"{"functional_currency":"EUR"}"#).unwrap();
        let batch = r#"[
          {"command":{"type":"define_location","code":"DE","name":"DE","kind":"third_party"},"context":{"at":"2026-11-02T09:00:00Z","command_id":"1"}},
          {"command":{"type":"define_location","code":"DE","name":"DE","kind":"third_party"},"context":{"at":"2026-11-02T09:00:00Z","command_id":"2"}}
        ]"#;
        let out = book.execute_batch(batch, false).unwrap();
        assert!(out.starts_with(r#"[{"ok":"#), "{out}");
        assert!(
            out.contains(r#"{"error":{"code":"DUPLICATE_CODE""#),
            "{out}"
        );
        let replayed = JsonBook::replay(&book.config().unwrap(), &book.events().unwrap()).unwrap();
        assert_eq!(replayed.snapshot().unwrap(), book.snapshot().unwrap());
        let restored = JsonBook::restore(&book.snapshot().unwrap()).unwrap();
        assert_eq!(restored.version(), 1);
    }

    /// A book of one location and one receipt, with an actor.
    fn small_book() -> JsonBook {
        let mut book = JsonBook::new(r#"{"functional_currency":"USD"}"#).unwrap();
        book.execute(
            r#"{"type":"define_location","code":"SZ","name":"S","kind":"own"}"#,
            r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1","actor":"alice"}"#,
        )
        .unwrap();
        book.execute(
            r#"{"type":"define_sku","code":"A","name":"Lampe à poser ☃"}"#,
            r#"{"at":"2026-11-02T09:01:00Z","command_id":"c2"}"#,
        )
        .unwrap();
        book.execute(
            r#"{"type":"receive","sku":"A","location":"SZ","quantity":100,"unit_cost":{"amount":"1.00","currency":"USD"}}"#,
            r#"{"at":"2026-11-02T09:02:00Z","command_id":"c3","actor":"bob"}"#,
        )
        .unwrap();
        book
    }

    #[test]
    fn role_balances_read_the_ledger_by_role() {
        let mut book = small_book();
        book.execute(
            r#"{"type":"issue","sku":"A","location":"SZ","quantity":30,"reason":"sale"}"#,
            r#"{"at":"2026-11-03T09:00:00Z","command_id":"c4"}"#,
        )
        .unwrap();
        let out = book.role_balances("2026-11-30", None).unwrap();
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let balance = |role: &str| {
            let roles = report["roles"].as_array().unwrap();
            let line = roles.iter().find(|l| l["role"] == role).unwrap();
            (line["accounts"].clone(), line["balance"]["amount"].clone())
        };
        assert_eq!(report["as_of"], "2026-11-30");
        assert_eq!(
            balance("inventory"),
            (serde_json::json!(["1300"]), "70.00".into())
        );
        assert_eq!(
            balance("cogs"),
            (serde_json::json!(["5000"]), "30.00".into())
        );
        assert_eq!(balance("grni").1, "-100.00");
        assert_eq!(balance("goods_in_transit").1, "0.00");
        // Before the sale, and with a filter.
        let out = book
            .role_balances("2026-11-02", Some(r#"{"sku":"A"}"#))
            .unwrap();
        assert!(
            out.contains(r#""role":"cogs","accounts":["5000"],"debit":{"amount":"0.00""#),
            "{out}"
        );
        let err = book.role_balances("2026-11-31", None).unwrap_err();
        assert_eq!(err.code(), "INVALID_DATE");
        let err = book
            .role_balances("2026-11-30", Some(r#"{"skew":"A"}"#))
            .unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
    }

    #[test]
    fn batch_items_are_read_as_single_commands_are() {
        let mut book = JsonBook::new(r#"{"functional_currency":"USD"}"#).unwrap();
        let item = |command: &str, id: &str| {
            format!(
                r#"{{"command":{command},"context":{{"at":"2026-11-02T09:00:00Z","command_id":"{id}"}}}}"#
            )
        };
        let good = r#"{"type":"define_location","code":"SZ","name":"S","kind":"own"}"#;
        let bad = r#"{"type":"define_sku","code":"A","name":"A","colour":"red"}"#;
        let batch = format!("[{},{}]", item(good, "1"), item(bad, "2"));
        let err = book.execute_batch(&batch, false).unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
        assert!(
            err.to_string()
                .contains("batch[1].command: unknown field `colour`"),
            "{err}"
        );
        assert_eq!(
            book.version(),
            0,
            "nothing runs when an item cannot be read"
        );
        for bad in [
            format!("[[{good}, {{}}]]"),
            format!(
                r#"[{{"command":{good},"context":{{"at":"2026-11-02T09:00:00Z","command_id":"1"}},"note":"x"}}]"#
            ),
            format!("[{}]", item(good, " 1")),
            "{}".to_owned(),
        ] {
            let err = book.execute_batch(&bad, false).unwrap_err();
            assert_eq!(err.code(), "INVALID_COMMAND", "{bad}");
        }
        let out = book
            .execute_batch(&format!("[{}]", item(good, "1")), true)
            .unwrap();
        assert!(out.starts_with(r#"[{"ok":"#), "{out}");
    }

    #[test]
    fn head_hash_and_actor_are_shown() {
        let empty = JsonBook::new(r#"{"functional_currency":"USD"}"#).unwrap();
        assert_eq!(empty.head_hash(), "0".repeat(64));
        let book = small_book();
        let events = book.events().unwrap();
        let head = book.head_hash();
        assert_eq!(head.len(), 64);
        assert!(
            events.ends_with(&format!(r#""hash":"{head}"}}]"#)),
            "{events}"
        );
        // The receipt and its voucher both say who and when.
        assert_eq!(
            events
                .matches(r#""at":"2026-11-02T09:02:00Z","actor":"bob","event""#)
                .count(),
            2
        );
        assert_eq!(events.matches(r#""actor":"#).count(), 3, "{events}");
        let replayed = JsonBook::replay(&book.config().unwrap(), &events).unwrap();
        assert_eq!(replayed.head_hash(), head);
        assert_eq!(
            JsonBook::restore(&book.snapshot().unwrap())
                .unwrap()
                .head_hash(),
            head
        );
    }

    #[test]
    fn a_bad_log_or_snapshot_is_refused_with_its_code() {
        let book = small_book();
        let config = book.config().unwrap();
        let events = book.events().unwrap();
        // The receipt edited from 100 to 1000 units.
        let edited = events.replacen(r#""quantity":100"#, r#""quantity":1000"#, 1);
        assert_ne!(edited, events);
        let err = JsonBook::replay(&config, &edited).unwrap_err();
        assert_eq!(err.code(), "INVALID_EVENT_LOG");
        assert!(
            matches!(err, LandedError::InvalidEventLog { seq: 3, .. }),
            "{err}"
        );
        let err = JsonBook::replay(&config, "[{]").unwrap_err();
        assert_eq!(err.code(), "INVALID_EVENT_LOG");

        let snapshot = book.snapshot().unwrap();
        let edited = snapshot.replacen(r#""version":3"#, r#""version":4"#, 1);
        assert_ne!(edited, snapshot);
        let err = JsonBook::restore(&edited).unwrap_err();
        assert_eq!(err.code(), "INVALID_SNAPSHOT", "{err}");
        assert!(err.to_string().contains("checksum"), "{err}");
        assert_eq!(
            JsonBook::restore("{").unwrap_err().code(),
            "INVALID_SNAPSHOT"
        );
    }
}
