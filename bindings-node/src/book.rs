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
fn to_json(env: &Env, value: Unknown<'_>, what: &str) -> landed::Result<String> {
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
fn to_json_or_text(env: &Env, value: Unknown<'_>, what: &str) -> landed::Result<String> {
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
fn from_json<'env>(env: &'env Env, text: &str) -> Result<Unknown<'env>, JsError> {
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
fn version_number(version: u64) -> i64 {
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
fn filter_json(env: &Env, filter: Option<Unknown<'_>>) -> Result<Option<String>, JsError> {
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
    fn read<T>(&self, body: impl FnOnce(&JsonBook) -> landed::Result<T>) -> Result<T, JsError> {
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

    /// Number of commands executed (duplicates do not count).
    #[napi(getter)]
    pub fn version(&self) -> Result<i64, JsError> {
        self.read(|book| Ok(version_number(book.version())))
    }

    /// The hash of the last event (64 hex digits; zeros for an empty book).
    /// Keep it beside the stored log: a log whose last hash differs was
    /// truncated or rewritten.
    #[napi(getter)]
    pub fn head_hash(&self) -> Result<String, JsError> {
        self.read(|book| Ok(book.head_hash()))
    }

    /// The configuration, with every default filled in.
    #[napi(getter, ts_return_type = "Required<BookConfig>")]
    pub fn config<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.config())?;
        from_json(env, &out)
    }

    /// The event log, oldest first: what a host stores, and what `replay`
    /// takes back.
    #[napi(ts_return_type = "RecordedEvent[]")]
    pub fn events<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.events())?;
        from_json(env, &out)
    }

    /// The event log as JSON lines (one string, an event per line): what
    /// `Book.replayLines` takes back.
    #[napi]
    pub fn events_lines(&self) -> Result<String, JsError> {
        self.read(|book| book.events_lines())
    }

    /// The whole book as JSON text, for `Book.restore`. The same book always
    /// gives the same text.
    #[napi]
    pub fn snapshot(&self) -> Result<String, JsError> {
        self.read(|book| book.snapshot())
    }

    /// One position (SKU at a location, and lot). A position never touched
    /// reports zeros. Throws `UNKNOWN_SKU`, `UNKNOWN_LOCATION`, `UNKNOWN_LOT`.
    #[napi(ts_return_type = "PositionReport")]
    pub fn position<'env>(
        &self,
        env: &'env Env,
        sku: String,
        location: String,
        lot: Option<String>,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.position(&sku, &location, lot.as_deref()))?;
        from_json(env, &out)
    }

    /// A SKU's stock across locations and lots, with totals per bucket.
    #[napi(ts_return_type = "StockReport")]
    pub fn stock<'env>(&self, env: &'env Env, sku: String) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.stock(&sku))?;
        from_json(env, &out)
    }

    /// Quantity and value per SKU and location (of one SKU, or all).
    #[napi(ts_return_type = "Valuation")]
    pub fn valuation<'env>(
        &self,
        env: &'env Env,
        sku: Option<String>,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.valuation(sku.as_deref()))?;
        from_json(env, &out)
    }

    /// Movements of a SKU, oldest first, with their signed effect on value.
    #[napi(ts_return_type = "History")]
    pub fn history<'env>(&self, env: &'env Env, sku: String) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.history(&sku))?;
        from_json(env, &out)
    }

    /// Every journal entry, oldest first: `{ id, date, memo, document?,
    /// reverses?, lines: [{ account, debit, credit, transaction_amount?,
    /// rate?, dimensions? }] }`. Debits and credits are decimal strings in
    /// the functional currency (the side a line does not use is zero).
    #[napi(ts_return_type = "Journal")]
    pub fn journal<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.journal())?;
        from_json(env, &out)
    }

    /// Debits, credits and balance (debit − credit) of every account with
    /// postings through `asOf` (`YYYY-MM-DD`, included), and the totals
    /// (always equal). With `filter` (`{ sku, location, lot, channel,
    /// document }`, any of them) only the journal lines whose dimensions
    /// match every given one count. Throws `INVALID_DATE` for a bad date,
    /// `INVALID_COMMAND` for a filter that is not a dimensions object
    /// (an unknown key included: a misspelt dimension would otherwise
    /// filter nothing).
    #[napi(
        ts_args_type = "asOf: string, filter?: LineDimensions | null",
        ts_return_type = "TrialBalance"
    )]
    pub fn trial_balance<'env>(
        &self,
        env: &'env Env,
        as_of: String,
        filter: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>, JsError> {
        let filter = filter_json(env, filter)?;
        let out = self.read(|book| book.trial_balance(&as_of, filter.as_deref()))?;
        from_json(env, &out)
    }

    /// Every account role's balance through `asOf` (`YYYY-MM-DD`): `{ as_of,
    /// roles: [{ role, accounts, debit, credit, balance }] }`, read through
    /// the book's posting rules, so inventory, cost of goods sold, goods in
    /// transit or realized FX need no account codes. Amounts are exact
    /// decimal strings; `filter` as for `trialBalance`.
    #[napi(
        ts_args_type = "asOf: string, filter?: LineDimensions | null",
        ts_return_type = "RoleBalances"
    )]
    pub fn role_balances<'env>(
        &self,
        env: &'env Env,
        as_of: String,
        filter: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>, JsError> {
        let filter = filter_json(env, filter)?;
        let out = self.read(|book| book.role_balances(&as_of, filter.as_deref()))?;
        from_json(env, &out)
    }

    /// One account's postings in date order, each with its entry, memo,
    /// debit, credit, dimensions and the running `balance` after it.
    /// Throws `UNKNOWN_ACCOUNT` for a code not in the chart.
    #[napi(ts_return_type = "AccountLedger")]
    pub fn account_ledger<'env>(
        &self,
        env: &'env Env,
        account: String,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.account_ledger(&account))?;
        from_json(env, &out)
    }

    /// Receivables and payables open now (every settlement recorded so far
    /// applied), aged on `asOf` (`YYYY-MM-DD`): the amount `open` in the
    /// document's currency, the functional amount `carrying` it, the days
    /// past the due date (`days_overdue`, 0 when not yet due) and their
    /// `bucket` (`0-30`, `31-60`, `61-90`, `90+`). Settled documents are left
    /// out.
    #[napi(ts_return_type = "OpenItems")]
    pub fn open_items<'env>(
        &self,
        env: &'env Env,
        as_of: String,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.open_items(&as_of))?;
        from_json(env, &out)
    }

    /// Inventory value per valuation scope: the stock's value (`subledger`)
    /// against the balance of the inventory accounts on lines of its
    /// locations (`ledger`), and the `difference`, zero unless something
    /// posted around the book. Once transfers exist, a `goods_in_transit`
    /// line compares the transfers in transit with their account.
    #[napi(ts_return_type = "Reconciliation")]
    pub fn reconciliation<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.reconciliation())?;
        from_json(env, &out)
    }

    /// Every purchase order, by order number, with its lines (ordered,
    /// received, cancelled, outstanding and in-transit units), status,
    /// receipt numbers and the values ordered and outstanding in the
    /// supplier's currency.
    #[napi(ts_return_type = "PurchaseOrders")]
    pub fn purchase_orders<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.purchase_orders())?;
        from_json(env, &out)
    }

    /// One sales order with the status of its lines: units ordered,
    /// reserved, shipped, cancelled, returned and unserved, per location,
    /// the amounts `recognised` so far (in the channel's currency) and the
    /// `net_cost` of the units shipped less those returned, as exact
    /// decimal strings. Throws `UNKNOWN_SALES_ORDER` if the book has no
    /// order by that channel and id.
    #[napi(ts_return_type = "SalesOrderStatus")]
    pub fn sales_order<'env>(
        &self,
        env: &'env Env,
        channel: String,
        order: String,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.sales_order(&channel, &order))?;
        from_json(env, &out)
    }

    /// Every sales order (of one channel, when given), by channel and order
    /// id, each as `salesOrder` returns it.
    #[napi(ts_return_type = "SalesOrders")]
    pub fn sales_orders<'env>(
        &self,
        env: &'env Env,
        channel: Option<String>,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.sales_orders(channel.as_deref()))?;
        from_json(env, &out)
    }

    /// One marketplace settlement as the book recorded it: channel, dates,
    /// the orders it paid out, the `net` paid (a decimal string in the
    /// channel's currency) and the rows it could not match. Throws
    /// `UNKNOWN_DOCUMENT` if the book has no settlement by that id.
    #[napi(ts_return_type = "SettlementSummary")]
    pub fn sales_settlement<'env>(
        &self,
        env: &'env Env,
        settlement: String,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.sales_settlement(&settlement))?;
        from_json(env, &out)
    }

    /// Every marketplace settlement (of one channel, when given), by id,
    /// each as `salesSettlement` returns it.
    #[napi(ts_return_type = "SalesSettlements")]
    pub fn sales_settlements<'env>(
        &self,
        env: &'env Env,
        channel: Option<String>,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.sales_settlements(channel.as_deref()))?;
        from_json(env, &out)
    }

    /// What was earned from `query.from` to `query.to` (`YYYY-MM-DD`, both
    /// included) grouped by `query.group_by` (`order`, `sku`, `channel`
    /// or `month`): revenue, shipping, sales returns (refunds), cost of goods (landed
    /// cost included), return losses, fees, advertising, reimbursements,
    /// realized FX and profit as decimal strings, in the functional
    /// currency and per channel currency. `basis: "settlement"` dates an
    /// order's lines by the settlement that paid them out; `channel` keeps
    /// one channel's lines. The totals equal the ledger's accounts for the
    /// period. Throws `INVALID_COMMAND` for a malformed query (unknown keys
    /// included), `UNKNOWN_CHANNEL` for a channel the book does not know.
    #[napi(ts_args_type = "query: ProfitQuery", ts_return_type = "ProfitReport")]
    pub fn profit<'env>(
        &self,
        env: &'env Env,
        query: Unknown<'_>,
    ) -> Result<Unknown<'env>, JsError> {
        let query = guard(|| to_json(env, query, "query"))?;
        let out = self.read(|book| book.profit(&query))?;
        from_json(env, &out)
    }

    /// The open exceptions of every sales order: lines selling an unknown
    /// listing (`unknown_listing`), units no location could serve
    /// (`no_stock`), flagged addresses and unpaid orders, each `{ channel,
    /// order, line?, kind, quantity }`.
    #[napi(ts_return_type = "OrderExceptions")]
    pub fn order_exceptions<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.order_exceptions())?;
        from_json(env, &out)
    }

    /// One listing's available-to-sell figure: what each serving location
    /// can supply, the whole packs together (`supply`), the figure after
    /// the listing's policy (`available`) and the quantity last pushed.
    /// Throws `UNKNOWN_CHANNEL`, or `INVALID_COMMAND` for a listing the
    /// channel does not have.
    #[napi(ts_return_type = "ListingAvailability")]
    pub fn available_to_sell<'env>(
        &self,
        env: &'env Env,
        channel: String,
        listing: String,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.available_to_sell(&channel, &listing))?;
        from_json(env, &out)
    }

    /// The quantities to push: every listing (of one channel, when given)
    /// whose figure differs from the quantity last acknowledged with an
    /// `acknowledge_stock_push` command, with that `previous` quantity
    /// (`null`: never pushed), by channel and listing.
    #[napi(ts_return_type = "PushList")]
    pub fn stock_to_push<'env>(
        &self,
        env: &'env Env,
        channel: Option<String>,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.stock_to_push(channel.as_deref()))?;
        from_json(env, &out)
    }

    /// The differences between a channel's own stock report and the
    /// book's buckets: `report` is `{ format: 'shopify' | 'fba', channel?,
    /// location?, rows: [{ sku | listing, quantity fields… }] }`; each
    /// differing field comes back as `{ sku, listing?, location, field,
    /// buckets, channel_units, book_units, delta }`, unknown SKUs and
    /// listings under `unmatched`, per-field `totals`. Changes nothing.
    /// Throws `INVALID_COMMAND` (naming the field) for a malformed report,
    /// `UNKNOWN_CHANNEL` or `UNKNOWN_LOCATION`.
    #[napi(
        ts_args_type = "report: ChannelStockReport",
        ts_return_type = "ChannelStockReconciliation"
    )]
    pub fn reconcile_channel_stock<'env>(
        &self,
        env: &'env Env,
        report: Unknown<'_>,
    ) -> Result<Unknown<'env>, JsError> {
        let report = guard(|| to_json(env, report, "report"))?;
        let out = self.read(|book| book.reconcile_channel_stock(&report))?;
        from_json(env, &out)
    }

    /// One transfer's state: its lines (shipped, accepted, damaged, short),
    /// status, carrier details and milestones. Throws `UNKNOWN_DOCUMENT`
    /// for a transfer number the book does not know.
    #[napi(ts_return_type = "Transfer")]
    pub fn transfer<'env>(
        &self,
        env: &'env Env,
        transfer: String,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.transfer(&transfer))?;
        from_json(env, &out)
    }

    /// Stock by SKU, location and bucket: each (SKU, location) holding
    /// units as `{ sku, location, scope, quantities, on_hand, value }`,
    /// sorted by SKU then location, with totals per location and overall.
    /// `query` is optional: `{ sku?, location? }`. Changes nothing. Throws
    /// `INVALID_COMMAND` for an unknown key, `UNKNOWN_SKU` or
    /// `UNKNOWN_LOCATION`.
    #[napi(
        ts_args_type = "query?: StockByLocationQuery | null",
        ts_return_type = "StockByLocation"
    )]
    pub fn stock_by_location<'env>(
        &self,
        env: &'env Env,
        query: Option<Unknown<'_>>,
    ) -> Result<Unknown<'env>, JsError> {
        let query = guard(|| query.map(|q| to_json(env, q, "query")).transpose())?;
        let out = self.read(|book| book.stock_by_location(query.as_deref()))?;
        from_json(env, &out)
    }

    /// Inventory aging by receipt date in Amazon FBA's buckets
    /// (`days_0_90` … `days_over_365`, and `undated` for units the book
    /// cannot date), per SKU and valuation scope, with totals per scope and
    /// overall. `query` is `{ as_of: 'YYYY-MM-DD', sku? }`. Changes
    /// nothing. Throws `INVALID_COMMAND` (naming the field) for a malformed
    /// query, `UNKNOWN_SKU`.
    #[napi(
        ts_args_type = "query: InventoryAgingQuery",
        ts_return_type = "InventoryAging"
    )]
    pub fn inventory_aging<'env>(
        &self,
        env: &'env Env,
        query: Unknown<'_>,
    ) -> Result<Unknown<'env>, JsError> {
        let query = guard(|| to_json(env, query, "query"))?;
        let out = self.read(|book| book.inventory_aging(&query))?;
        from_json(env, &out)
    }

    /// Alerts that need no demand history, each with a `kind`:
    /// `lot_expired`, `lot_near_expiry`, `aged_stock` or `transfer_late`.
    /// `query` is `{ as_of: 'YYYY-MM-DD', expiry_within_days?,
    /// aged_over_days? }` (0 to 36,500 days, defaults 90 and 365). Changes
    /// nothing. Throws `INVALID_COMMAND` (naming the field) for a malformed
    /// query.
    #[napi(
        ts_args_type = "query: InventoryAlertsQuery",
        ts_return_type = "InventoryAlerts"
    )]
    pub fn inventory_alerts<'env>(
        &self,
        env: &'env Env,
        query: Unknown<'_>,
    ) -> Result<Unknown<'env>, JsError> {
        let query = guard(|| to_json(env, query, "query"))?;
        let out = self.read(|book| book.inventory_alerts(&query))?;
        from_json(env, &out)
    }

    /// Replenishment as of a date: per SKU and location the daily demand,
    /// the lead time, safety stock, reorder point, order-up-to level, days
    /// of supply, the FBA restock and turnover; purchase and transfer
    /// suggestions in whole cases with their likely cost; alerts
    /// (`below_reorder_point`, `stockout_before_arrival`, `overstock`);
    /// inbound arrivals against the lead time; and per SKU the profit of
    /// the window beside its days of supply. Decimals are strings. `query`
    /// is `{ as_of: 'YYYY-MM-DD', window_days?, service_level?,
    /// review_days?, target_days?, overstock_days?,
    /// default_lead_time_days?, skus?, policies? }` (defaults 90 days,
    /// '0.95', 7, 60 and 180). Changes nothing. Throws `INVALID_COMMAND`
    /// (naming the field) for a malformed query, `UNKNOWN_SKU` or
    /// `UNKNOWN_LOCATION`.
    #[napi(
        ts_args_type = "query: ReplenishmentQuery",
        ts_return_type = "Replenishment"
    )]
    pub fn replenishment<'env>(
        &self,
        env: &'env Env,
        query: Unknown<'_>,
    ) -> Result<Unknown<'env>, JsError> {
        let query = guard(|| to_json(env, query, "query"))?;
        let out = self.read(|book| book.replenishment(&query))?;
        from_json(env, &out)
    }

    /// Transfers and supplier shipments with units in transit on `asOf`
    /// (`YYYY-MM-DD`), totals by destination, and `total_value`, the value
    /// of every transfer in transit (equal to the goods-in-transit account).
    /// Throws `INVALID_DATE` for a bad date.
    #[napi(ts_return_type = "InTransitReport")]
    pub fn in_transit<'env>(
        &self,
        env: &'env Env,
        as_of: String,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.in_transit(&as_of))?;
        from_json(env, &out)
    }

    /// Landed cost per receipt and transfer line (`lines`) and per SKU
    /// (`skus`): purchase, freight, duty, insurance and other charges, in
    /// total and per unit, in the functional currency (of one SKU, or all).
    #[napi(
        ts_args_type = "sku?: string | null",
        ts_return_type = "LandedCostReport"
    )]
    pub fn landed_cost<'env>(
        &self,
        env: &'env Env,
        sku: Option<String>,
    ) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.landed_cost(sku.as_deref()))?;
        from_json(env, &out)
    }

    /// Landed-cost accruals still open (bills accrued with
    /// `accrue_landed_cost` that vouchers have not fully allocated), by bill
    /// number: the bill, its functional amount, what is left (`open`) and
    /// the vouchers that cleared part of it.
    #[napi(ts_return_type = "Accruals")]
    pub fn accruals<'env>(&self, env: &'env Env) -> Result<Unknown<'env>, JsError> {
        let out = self.read(|book| book.accruals())?;
        from_json(env, &out)
    }
}

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
