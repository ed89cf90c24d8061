//! The inventory `Book`: a thin wrapper over [`landed_json::JsonBook`].
//!
//! Commands, contexts, configs, outcomes, events and reports cross the
//! boundary as JSON whose shape is the serde form of the core types
//! (`docs/schema/*.schema.json`). This module keeps no field list of its own:
//! a JavaScript argument goes through the engine's `JSON.stringify` (so
//! `undefined` properties are dropped, a `Money` instance becomes
//! `{amount, currency}` through its `toJSON`, a `Date` becomes an ISO
//! string), the core's serde reads the text, and the JSON text coming back is
//! handed to `JSON.parse`. The TypeScript view of those shapes is generated
//! from the schemas into `types.d.ts` (see `tools/gen-types.js`).
//!
//! Decimals stay strings both ways. A JavaScript number where the schema
//! wants a decimal string is refused by the core's serde with
//! `INVALID_COMMAND`; this module then rewrites the message to name the field
//! (`command.unit_cost.amount`), using [`landed_json::DECIMAL_FIELDS`].

use landed::LandedError;
use landed_json::{DECIMAL_FIELDS, JsonBook, JsonQueries};
use napi::bindgen_prelude::{Function, JavaScriptClassExt, JsObjectValue, This, Unknown};
use napi::{Env, JSON, ValueType};
use napi_derive::napi;

use crate::error::{JsError, catch_panic, guard, to_js};

fn invalid(reason: String) -> LandedError {
    LandedError::InvalidCommand { reason }
}

fn json_object(env: &Env) -> Result<JSON<'_>, LandedError> {
    env.get_global()
        .and_then(|global| global.get_named_property_unchecked::<JSON>("JSON"))
        .map_err(|e| LandedError::Internal {
            detail: format!("cannot reach the JSON global: {}", e.reason),
        })
}

/// The JSON text of a JavaScript value, by the engine's own
/// `JSON.stringify`. `what` names the argument in error messages.
pub(crate) fn to_json(env: &Env, value: Unknown<'_>, what: &str) -> landed::Result<String> {
    let json = json_object(env)?;
    let stringify: Function<Unknown, Option<String>> = json
        .get_named_property_unchecked("stringify")
        .map_err(|e| LandedError::Internal {
            detail: format!("cannot reach JSON.stringify: {}", e.reason),
        })?;
    match stringify.call(value) {
        Ok(Some(text)) => Ok(text),
        // `undefined`, a function or a symbol has no JSON form.
        Ok(None) => Err(invalid(format!(
            "{what} is {}, which has no JSON form",
            describe(value)
        ))),
        // A BigInt, a cycle, or a throwing toJSON.
        Err(e) => Err(invalid(format!(
            "{what}: cannot be written as JSON: {}",
            e.reason
        ))),
    }
}

/// Like [`to_json`], but a string is taken as JSON text already (a
/// snapshot, an event log or a command read back from storage), and goes to
/// the core byte for byte.
pub(crate) fn to_json_or_text(env: &Env, value: Unknown<'_>, what: &str) -> landed::Result<String> {
    if value.get_type().ok() == Some(ValueType::String) {
        // SAFETY: the value was just checked to be a string.
        return unsafe { value.cast::<String>() }.map_err(|e| LandedError::Internal {
            detail: format!("cannot read a string argument: {}", e.reason),
        });
    }
    to_json(env, value, what)
}

fn describe(value: Unknown<'_>) -> String {
    match value.get_type() {
        Ok(kind) => format!("{}", kind).to_lowercase(),
        Err(_) => "a value of unknown type".to_owned(),
    }
}

/// Hands JSON text produced by the core to `JSON.parse`.
pub(crate) fn from_json<'env>(env: &'env Env, text: &str) -> Result<Unknown<'env>, JsError> {
    let parsed = json_object(env).and_then(|json| {
        let parse: Function<&str, Unknown> =
            json.get_named_property_unchecked("parse")
                .map_err(|e| LandedError::Internal {
                    detail: format!("cannot reach JSON.parse: {}", e.reason),
                })?;
        parse.call(text).map_err(|e| LandedError::Internal {
            detail: format!("JSON.parse refused the core's output: {}", e.reason),
        })
    });
    parsed.map_err(to_js)
}

/// The first place in `text` where a decimal field holds a JSON number, as a
/// path (`unit_cost.amount`, `[2].command.unit_cost.amount`) and the number.
/// A decimal field may also be a map of decimals (a revaluation's `rates`:
/// `{ "EUR": "7.70" }`), whose values are then checked too.
fn number_in_decimal_field(text: &str) -> Option<(String, String)> {
    fn walk(value: &serde_json::Value, path: &str) -> Option<(String, String)> {
        match value {
            serde_json::Value::Object(map) => map.iter().find_map(|(key, child)| {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let decimal = DECIMAL_FIELDS.contains(&key.as_str());
                match child {
                    serde_json::Value::Number(n) if decimal => Some((here, n.to_string())),
                    serde_json::Value::Object(values) if decimal => values
                        .iter()
                        .find_map(|(name, v)| match v {
                            serde_json::Value::Number(n) => {
                                Some((format!("{here}.{name}"), n.to_string()))
                            }
                            _ => None,
                        })
                        .or_else(|| walk(child, &here)),
                    _ => walk(child, &here),
                }
            }),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, child)| walk(child, &format!("{path}[{i}]"))),
            _ => None,
        }
    }
    walk(&serde_json::from_str(text).ok()?, "")
}

/// Replaces serde's message for a number where a decimal string belongs
/// with one that names the field; leaves every other error as it is.
fn explain_numbers(error: LandedError, inputs: &[(&str, &str)]) -> LandedError {
    if error.code() != "INVALID_COMMAND" {
        return error;
    }
    for (what, text) in inputs {
        if let Some((path, number)) = number_in_decimal_field(text) {
            let sep = if path.starts_with('[') { "" } else { "." };
            return invalid(format!(
                "{what}{sep}{path} is the number {number}, but decimals are strings \
                 (\"12.34\"): a JavaScript number has already lost exact digits"
            ));
        }
    }
    error
}

/// Book versions and counts become JS numbers (exact below 2^53).
pub(crate) fn version_number(version: u64) -> i64 {
    i64::try_from(version).unwrap_or(i64::MAX)
}

/// A refused line of `executeLines`.
#[napi(object)]
pub struct LineError {
    /// The line's number in the input, from 1 (blank lines count).
    pub line: i64,
    /// The error's stable code (`INSUFFICIENT_STOCK`…).
    pub code: String,
    /// The error's message.
    pub message: String,
}

/// What `executeLines` did.
#[napi(object)]
pub struct LinesOutcome {
    /// The book's version after the batch.
    pub version: i64,
    /// Commands that ran and recorded events (duplicates not counted).
    pub executed: i64,
    /// Lines whose command id had already run with the same command; their
    /// events are not repeated in `events`.
    pub duplicates: i64,
    /// The recorded events as JSON lines: one stored event per line, each
    /// line ending in `\n`. Append it to the stored log.
    pub events: String,
    /// The refused lines, in order (with `allOrNothing` at most one, and
    /// nothing of the batch kept).
    pub errors: Vec<LineError>,
}

impl From<landed_json::LinesOutcome> for LinesOutcome {
    fn from(out: landed_json::LinesOutcome) -> Self {
        Self {
            version: version_number(out.version),
            executed: version_number(out.executed),
            duplicates: version_number(out.duplicates),
            events: out.events,
            errors: out
                .errors
                .into_iter()
                .map(|e| LineError {
                    line: version_number(e.line),
                    code: e.code,
                    message: e.message,
                })
                .collect(),
        }
    }
}

/// One legal entity's inventory, changed only by commands.
///
/// Every argument and result is a plain JSON-shaped object whose form is the
/// core's serde form, described by `docs/schema/` and typed in `types.d.ts`
/// (generated from those schemas). Decimals (amounts, values, weights) are
/// strings in and out; a JavaScript number where a decimal belongs is
/// refused with `INVALID_COMMAND`.
///
/// Every command that changes stock value also posts its journal entry (a
/// `journal_posted` event right after the stock event); the ledger commands
/// (`post_entry`, `reverse_entry`, `lock_period`, `record_invoice`,
/// `record_settlement`, `revalue`) go through `execute` too, and
/// `journal`, `trialBalance`, `roleBalances`, `accountLedger`, `openItems`
/// and `reconciliation` read the ledger. Purchasing, transfers and landed cost
/// (`create_purchase_order` … `apply_landed_cost`) are commands as well;
/// `purchaseOrders`, `transfer`, `inTransit`, `landedCost` and `accruals` report on them.
/// Selling (`define_channel` … `receive_sales_return`) too: `salesOrder`,
/// `salesOrders` and `orderExceptions` report on the orders, `salesSettlement`
/// and `salesSettlements` on marketplace payouts, and `profit` on what was earned.
///
/// Core errors are thrown as an `Error` with the core's `code`
/// (`INSUFFICIENT_STOCK`, `UNKNOWN_SKU`, `LOCATION_FROZEN`,
/// `IDEMPOTENCY_CONFLICT`, `VERSION_CONFLICT`, `INVALID_COMMAND`,
/// `UNBALANCED_ENTRY`, `PERIOD_LOCKED`, `SETTLEMENT_TOO_LARGE`,
/// `OVER_RECEIPT`, `DOCUMENT_STATE`, `QUANTITY_EXCEEDED`,
/// `ZERO_ALLOCATION_BASIS`, `UNKNOWN_CHANNEL`, `UNKNOWN_SALES_ORDER`,
/// `OVER_SHIPMENT`, `OVER_RETURN`, `OVER_CANCELLATION`,
/// `RESTATEMENT_REFUSED`…); a failed
/// command leaves the book unchanged.
#[napi]
pub struct Book {
    inner: JsonBook,
    /// Set when a call panicked while changing the book: it may be half
    /// updated, so every later call throws `BOOK_POISONED`.
    poisoned: bool,
}

/// A ledger report's line filter as JSON (`None` for none, `null` or
/// `undefined`). The core refuses unknown keys (a misspelt dimension would
/// otherwise match every line).
pub(crate) fn filter_json(
    env: &Env,
    filter: Option<Unknown<'_>>,
) -> Result<Option<String>, JsError> {
    guard(|| match filter {
        Some(value) if !is_nullish(value) => Ok(Some(to_json(env, value, "filter")?)),
        _ => Ok(None),
    })
}

/// The error of every call on a poisoned book.
fn poisoned() -> JsError {
    napi::Error::new(
        "BOOK_POISONED",
        "the book is unusable: an earlier call panicked while changing it, which may have left \
         it half updated; restore it from a snapshot or replay its events into a new Book"
            .to_owned(),
    )
}

impl Book {
    fn wrap(inner: JsonBook) -> Self {
        Self {
            inner,
            poisoned: false,
        }
    }

    /// Runs a query on the book (refused on a poisoned book).
    fn query<T>(&self, body: impl FnOnce(&JsonBook) -> landed::Result<T>) -> Result<T, JsError> {
        if self.poisoned {
            return Err(poisoned());
        }
        guard(|| body(&self.inner))
    }

    /// Runs a change of the book; a panic inside poisons it.
    fn write<T>(
        &mut self,
        body: impl FnOnce(&mut JsonBook) -> landed::Result<T>,
    ) -> Result<T, JsError> {
        if self.poisoned {
            return Err(poisoned());
        }
        match catch_panic(|| body(&mut self.inner)) {
            Ok(result) => result.map_err(to_js),
            Err(detail) => {
                self.poisoned = true;
                Err(to_js(LandedError::Internal { detail }))
            }
        }
    }
}

#[napi]
impl Book {
    /// An empty book: `new Book({ functional_currency: "USD" })`. The other
    /// settings default to moving average per warehouse, negative stock
    /// refused, half-away-from-zero rounding, and the standard chart of
    /// accounts (`ledger: { type: "standard" }`; also `{ type: "custom",
    /// accounts, rules }` or `{ type: "off" }`). A custom chart is checked
    /// here: `MISSING_POSTING_RULE`, `UNKNOWN_ACCOUNT`, `DUPLICATE_CODE`.
    ///
    /// `Book(config)` without `new` throws a `TypeError` (code
    /// `ERR_CONSTRUCT_CALL_REQUIRED`, as Node's own classes do) instead of
    /// wrapping whatever `this` was (the global object, or the module).
    #[napi(constructor, ts_args_type = "config: BookConfig | string")]
    pub fn new(env: &Env, this: This<Unknown>, config: Unknown<'_>) -> Result<Self, JsError> {
        // A construct call's `this` is a fresh object made from
        // `Book.prototype` (or a subclass's); a plain call's is not.
        // (`Book.replay` and `Book.restore` never get here: napi-rs skips
        // the constructor's body for its factories.)
        if !Book::instance_of(env, &this).unwrap_or(false) {
            let thrown = env.throw_type_error(
                "Class constructor Book cannot be invoked without 'new': use `new Book(config)`",
                Some("ERR_CONSTRUCT_CALL_REQUIRED"),
            );
            return Err(match thrown {
                // The TypeError is pending: napi-rs must not throw again.
                Ok(()) => {
                    napi::Error::new("PendingException", "Book called without new".to_owned())
                }
                Err(_) => napi::Error::new(
                    "ERR_CONSTRUCT_CALL_REQUIRED",
                    "use `new Book(config)`".to_owned(),
                ),
            });
        }
        guard(|| {
            let config = to_json_or_text(env, config, "config")?;
            // An empty log replayed, rather than `JsonBook::new`: that one
            // unwraps the core's `Book::new`, so a ledger set-up the core
            // refuses (MISSING_POSTING_RULE, UNKNOWN_ACCOUNT, DUPLICATE_CODE)
            // would panic (INTERNAL) instead of throwing its own code.
            // `replay` builds the same empty book and returns the error.
            Ok(Self::wrap(JsonBook::replay(&config, "[]")?))
        })
    }

    /// Rebuilds a book by applying recorded events (as returned by
    /// `events()` or found in outcomes, or their JSON text) to an empty book
    /// with `config`. The result is identical to the book that recorded them.
    /// Throws `INVALID_EVENT_LOG` for a log that does not apply.
    #[napi(
        factory,
        ts_args_type = "config: BookConfig | string, events: RecordedEvent[] | string"
    )]
    pub fn replay(env: &Env, config: Unknown<'_>, events: Unknown<'_>) -> Result<Self, JsError> {
        guard(|| {
            let config = to_json_or_text(env, config, "config")?;
            let events = to_json_or_text(env, events, "events")?;
            Ok(Self::wrap(JsonBook::replay(&config, &events)?))
        })
    }

    /// Rebuilds a book from its config and its stored log as JSON lines
    /// (one event per line, as `executeLines` and `eventsLines` write
    /// them). Each event's hash is checked over the text of its line; no
    /// JavaScript object is made per event. Throws `INVALID_EVENT_LOG`
    /// naming the line or the event's `seq`.
    #[napi(factory, ts_args_type = "config: BookConfig | string, events: string")]
    pub fn replay_lines(env: &Env, config: Unknown<'_>, events: String) -> Result<Self, JsError> {
        guard(|| {
            let config = to_json_or_text(env, config, "config")?;
            Ok(Self::wrap(JsonBook::replay_lines(&config, &events)?))
        })
    }

    /// Restores a book from `snapshot()` text.
    #[napi(factory, ts_args_type = "snapshot: string")]
    pub fn restore(env: &Env, snapshot: Unknown<'_>) -> Result<Self, JsError> {
        guard(|| {
            let snapshot = to_json_or_text(env, snapshot, "snapshot")?;
            Ok(Self::wrap(JsonBook::restore(&snapshot)?))
        })
    }

    /// Executes one command, all of it or nothing:
    /// `book.execute({ type: "issue", sku: "A", location: "SZ", quantity: 2,
    /// reason: "sale" }, { at: "2026-11-02T09:00:00Z", command_id: "so-1" })`.
    ///
    /// The same `command_id` with the same command returns the original
    /// outcome with `duplicate: true`; with another command it throws
    /// `IDEMPOTENCY_CONFLICT`. `expected_version` makes the command run only
    /// at that book version (`VERSION_CONFLICT` otherwise). `context.actor`
    /// (who issued the command) is recorded on every event of the command.
    ///
    /// A string `command` or `context` is JSON text, passed to the core as
    /// it is (a command read back from storage).
    #[napi(
        ts_args_type = "command: Command | string, context: Context | string",
        ts_return_type = "Outcome"
    )]
    pub fn execute<'env>(
        &mut self,
        env: &'env Env,
        command: Unknown<'_>,
        context: Unknown<'_>,
    ) -> Result<Unknown<'env>, JsError> {
        let (command, context) = guard(|| {
            Ok((
                to_json_or_text(env, command, "command")?,
                to_json_or_text(env, context, "context")?,
            ))
        })?;
        let out = self.write(|book| {
            book.execute(&command, &context)
                .map_err(|e| explain_numbers(e, &[("command", &command), ("context", &context)]))
        })?;
        from_json(env, &out)
    }

    /// Executes several `{ command, context }` items in order and reports
    /// each: `{ ok: outcome }` or `{ error: { code, message } }`. Without
    /// `allOrNothing` each command stands alone; with it the first failure
    /// undoes the whole batch and no item after it runs (the result then
    /// ends with that error).
    #[napi(
        ts_args_type = "items: BatchItem[] | string, allOrNothing?: boolean",
        ts_return_type = "BatchResult[]"
    )]
    pub fn execute_batch<'env>(
        &mut self,
        env: &'env Env,
        items: Unknown<'_>,
        all_or_nothing: Option<bool>,
    ) -> Result<Unknown<'env>, JsError> {
        let items = guard(|| to_json_or_text(env, items, "batch"))?;
        let out = self.write(|book| {
            book.execute_batch(&items, all_or_nothing.unwrap_or(false))
                .map_err(|e| explain_numbers(e, &[("batch", &items)]))
        })?;
        from_json(env, &out)
    }

    /// Executes a batch given as JSON lines, one `{"command", "context"}`
    /// object per line (blank lines skipped), as `executeBatch` would. The
    /// recorded events come back as one string of JSON lines, to append to
    /// the stored log, and refused lines as `{ line, code, message }`. A
    /// line that cannot be read throws `INVALID_COMMAND` naming it, before
    /// anything runs. With `allOrNothing` the first failure undoes the
    /// whole batch.
    #[napi]
    pub fn execute_lines(
        &mut self,
        lines: String,
        all_or_nothing: Option<bool>,
    ) -> Result<LinesOutcome, JsError> {
        let out = self.write(|book| book.execute_lines(&lines, all_or_nothing.unwrap_or(false)))?;
        Ok(out.into())
    }
}

crate::queries::with_queries!(Book);

/// Panics inside `book` while changing it, so the tests can check that the
/// panic is an `INTERNAL` error and that the book then refuses every call
/// with `BOOK_POISONED`. The core never panics on input. Not part of the API.
#[napi(js_name = "__panicInBookForTesting")]
pub fn panic_in_book_for_testing(book: &mut Book) -> Result<(), JsError> {
    book.write(|_| -> landed::Result<()> { panic!("deliberate panic in the book") })
}

/// `undefined` or `null`: an optional argument left out.
fn is_nullish(value: Unknown<'_>) -> bool {
    matches!(value.get_type(), Ok(ValueType::Undefined | ValueType::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_numbers_in_decimal_fields_only() {
        let text = r#"{"type":"receive","quantity":2,"unit_cost":{"amount":1.5,"currency":"USD"}}"#;
        assert_eq!(
            number_in_decimal_field(text),
            Some(("unit_cost.amount".into(), "1.5".into()))
        );
        let batch = r#"[{"command":{"quantity":1}},{"command":{"weight_kg":2}}]"#;
        assert_eq!(
            number_in_decimal_field(batch),
            Some(("[1].command.weight_kg".into(), "2".into()))
        );
        let rates = r#"{"type":"revalue","date":"2026-11-30","rates":{"EUR":"7.7","USD":7.1}}"#;
        assert_eq!(
            number_in_decimal_field(rates),
            Some(("rates.USD".into(), "7.1".into()))
        );
        let fine = r#"{"quantity":2,"unit_cost":{"amount":"1.5","currency":"USD"}}"#;
        assert_eq!(number_in_decimal_field(fine), None);
        assert_eq!(number_in_decimal_field("not json"), None);
    }

    #[test]
    fn other_errors_keep_their_message() {
        let error = LandedError::UnknownSku { sku: "A".into() };
        let text = r#"{"amount":1}"#;
        assert_eq!(explain_numbers(error.clone(), &[("command", text)]), error);
        let serde = invalid("command: invalid type".into());
        let explained = explain_numbers(serde, &[("command", text)]);
        assert_eq!(explained.code(), "INVALID_COMMAND");
        assert!(
            explained
                .to_string()
                .contains("command.amount is the number 1")
        );
    }
}
