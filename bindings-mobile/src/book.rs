//! The inventory book: a `Book` object over `landed_json::JsonBook`.
//!
//! JSON text in, JSON text out. Commands, contexts, events and reports cross
//! the boundary as the serde form of the core types, described by
//! `docs/schema/*.schema.json`; this module never names a command field, so
//! it cannot drift from the core. Decimals inside the JSON are strings
//! (`"10.00"`), never numbers: a command with `"amount": 1.5` is refused with
//! `INVALID_COMMAND`.
//!
//! The ledger queries (`journal`, `trial_balance`, `role_balances`,
//! `account_ledger`, `open_items`, `reconciliation`) and the trade reports (`purchase_orders`,
//! `transfer`, `in_transit`, `landed_cost`, `accruals`) return JSON text too; their
//! arguments are typed: dates are `IsoDate` and the trial balance's
//! dimension filter is the [`LineFilter`] record.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use landed::LandedError as CoreError;
use landed::book::command::Context;
use landed::book::{Book as CoreBook, BookConfig};
use landed_json::{JsonBook, JsonQueries};

use crate::convert::{IsoDate, ProfitBasis, ProfitGroup};
use crate::error::{LandedError, guard};

/// The dimensions a trial balance can be restricted to: a journal line
/// counts only if it matches every field that is not null. All fields
/// default to null, so `LineFilter(sku = "LAMP")` (Swift
/// `LineFilter(sku: "LAMP")`) filters by SKU alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct LineFilter {
    /// SKU.
    #[uniffi(default)]
    pub sku: Option<String>,
    /// Location.
    #[uniffi(default)]
    pub location: Option<String>,
    /// Lot.
    #[uniffi(default)]
    pub lot: Option<String>,
    /// Sales channel.
    #[uniffi(default)]
    pub channel: Option<String>,
    /// Business document (invoice, receipt, order…).
    #[uniffi(default)]
    pub document: Option<String>,
}

impl From<LineFilter> for landed::ledger::LineDimensions {
    // A struct literal, not `..Default::default()`: a dimension added to the
    // core fails to compile here instead of being silently unfilterable.
    fn from(filter: LineFilter) -> Self {
        let LineFilter {
            sku,
            location,
            lot,
            channel,
            document,
        } = filter;
        Self {
            sku: sku.map(Into::into),
            location: location.map(Into::into),
            lot,
            channel: channel.map(Into::into),
            document: document.map(Into::into),
        }
    }
}

/// A ledger report's dimension filter as the JSON the core reads.
pub(crate) fn filter_json(filter: Option<LineFilter>) -> Result<Option<String>, CoreError> {
    filter
        .map(|filter| {
            serde_json::to_string(&landed::ledger::LineDimensions::from(filter)).map_err(|e| {
                CoreError::Internal {
                    detail: format!("cannot serialize the filter: {e}"),
                }
            })
        })
        .transpose()
}

/// A refused line of `execute_lines`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LineError {
    /// The line's number in the input, from 1 (blank lines count).
    pub line: u64,
    /// The error's stable code (`INSUFFICIENT_STOCK`…).
    pub code: String,
    /// The error's message.
    pub message: String,
}

/// What `execute_lines` did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LinesOutcome {
    /// The book's version after the batch.
    pub version: u64,
    /// Commands that ran and recorded events (duplicates not counted).
    pub executed: u64,
    /// Lines whose command id had already run with the same command; their
    /// events are not repeated in `events`.
    pub duplicates: u64,
    /// The recorded events as JSON lines: one stored event per line, each
    /// line ending in a line feed. Append it to the stored log.
    pub events: String,
    /// The refused lines, in order (with `all_or_nothing` at most one, and
    /// nothing of the batch kept).
    pub errors: Vec<LineError>,
}

impl From<landed_json::LinesOutcome> for LinesOutcome {
    fn from(out: landed_json::LinesOutcome) -> Self {
        Self {
            version: out.version,
            executed: out.executed,
            duplicates: out.duplicates,
            events: out.events,
            errors: out
                .errors
                .into_iter()
                .map(|e| LineError {
                    line: e.line,
                    code: e.code,
                    message: e.message,
                })
                .collect(),
        }
    }
}

/// `YYYY-MM-DD`, the form `JsonBook` reads.
pub(crate) fn iso(date: IsoDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// One legal entity's inventory, changed only by JSON commands.
///
/// Safe to share between threads: a mutex serialises the calls. A panic
/// inside a call poisons the book, which then refuses every call with
/// `BOOK_POISONED` rather than serve a state that may be half updated.
#[derive(Debug, uniffi::Object)]
pub struct Book {
    book: Mutex<JsonBook>,
}

impl Book {
    fn wrap(book: JsonBook) -> Arc<Self> {
        Arc::new(Self {
            book: Mutex::new(book),
        })
    }

    /// Locks the book; a lock poisoned by a panic is refused with
    /// `BOOK_POISONED`.
    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, JsonBook>, CoreError> {
        self.book.lock().map_err(|_| CoreError::BookPoisoned {
            detail: "the book is unusable after a panic in an earlier call, which may have \
                     left it half updated; restore it from a snapshot or replay its events"
                .into(),
        })
    }
}

#[uniffi::export]
impl Book {
    /// A new, empty book from a `BookConfig` JSON object, e.g.
    /// `{"functional_currency":"USD","valuation_method":"fifo"}`. Fails with
    /// `INVALID_COMMAND` for malformed JSON or an unknown option, and with
    /// `MISSING_POSTING_RULE` or `UNKNOWN_ACCOUNT` for a custom `ledger`
    /// chart the core refuses.
    #[uniffi::constructor]
    pub fn new(config_json: String) -> Result<Arc<Self>, LandedError> {
        guard(|| {
            // `JsonBook::new` unwraps `Book::new`, so a config the core
            // refuses (a custom chart without a rule for some role, a rule
            // naming an unknown account) would panic into `INTERNAL`. Build
            // the core book once first to return its typed error
            // (`MISSING_POSTING_RULE`, `UNKNOWN_ACCOUNT`); malformed JSON is
            // left to `JsonBook::new`, which words that error.
            if let Ok(config) = serde_json::from_str::<BookConfig>(&config_json) {
                CoreBook::new(config)?;
            }
            Ok(Self::wrap(JsonBook::new(&config_json)?))
        })
    }

    /// Rebuilds a book from its config and a JSON array of recorded events
    /// (`events()` of the original). Fails with `INVALID_EVENT_LOG` for a log
    /// with gaps or events that do not apply.
    #[uniffi::constructor]
    pub fn replay(config_json: String, events_json: String) -> Result<Arc<Self>, LandedError> {
        guard(|| Ok(Self::wrap(JsonBook::replay(&config_json, &events_json)?)))
    }

    /// Rebuilds a book from its config and its stored log as JSON lines
    /// (one event per line, as `execute_lines` and `events_lines` write
    /// them), checking each event's hash over the text of its line. Fails
    /// with `INVALID_EVENT_LOG` naming the line or the event's `seq`.
    #[uniffi::constructor]
    pub fn replay_lines(
        config_json: String,
        events_lines: String,
    ) -> Result<Arc<Self>, LandedError> {
        guard(|| {
            Ok(Self::wrap(JsonBook::replay_lines(
                &config_json,
                &events_lines,
            )?))
        })
    }

    /// Restores a book from `snapshot()` text.
    #[uniffi::constructor]
    pub fn restore(snapshot_json: String) -> Result<Arc<Self>, LandedError> {
        guard(|| Ok(Self::wrap(JsonBook::restore(&snapshot_json)?)))
    }

    /// Executes one command (JSON, `{"type":"receive",…}`) with its context
    /// (JSON, `{"at":…,"command_id":…,"expected_version":…}`, see
    /// `bookContext`). Returns the outcome JSON
    /// `{"version":…,"duplicate":…,"events":[…]}`. The book takes the whole
    /// command or nothing: on error it is unchanged.
    pub fn execute(
        &self,
        command_json: String,
        context_json: String,
    ) -> Result<String, LandedError> {
        guard(|| self.lock()?.execute(&command_json, &context_json))
    }

    /// Executes a JSON array of `{"command": …, "context": …}`. With
    /// `all_or_nothing` the first failure undoes the whole batch (and ends
    /// it); otherwise each command stands alone. Returns a JSON array of
    /// `{"ok": outcome}` or `{"error": {"code": …, "message": …}}`, one per
    /// command executed. A malformed array fails as a whole with
    /// `INVALID_COMMAND`.
    pub fn execute_batch(
        &self,
        items_json: String,
        all_or_nothing: bool,
    ) -> Result<String, LandedError> {
        guard(|| self.lock()?.execute_batch(&items_json, all_or_nothing))
    }

    /// Executes a batch given as JSON lines, one `{"command": …,
    /// "context": …}` object per line (blank lines skipped), as
    /// `execute_batch` would. Returns counts, the refused lines, and the
    /// recorded events as one string of JSON lines to append to the stored
    /// log. A line that cannot be read fails the whole batch with
    /// `INVALID_COMMAND` naming it, before anything runs.
    pub fn execute_lines(
        &self,
        lines: String,
        all_or_nothing: bool,
    ) -> Result<LinesOutcome, LandedError> {
        guard(|| Ok(self.lock()?.execute_lines(&lines, all_or_nothing)?.into()))
    }
}

crate::queries::with_queries!(Book);

/// The context JSON of a command: its effective time `at` (Kotlin
/// `java.time.Instant`, Swift `Date`), the idempotency key `command_id`,
/// and, when not null, the book version the command expects and the
/// `actor` who issued it (recorded on the command's events). Built from the
/// core's `Context`, so it always has the shape `execute` reads.
#[uniffi::export(default(expected_version = None, actor = None))]
pub fn book_context(
    at: SystemTime,
    command_id: String,
    expected_version: Option<u64>,
    actor: Option<String>,
) -> Result<String, LandedError> {
    guard(|| {
        let context = Context {
            at: utc(at)?,
            command_id,
            expected_version,
            actor,
        };
        serde_json::to_string(&context).map_err(|e| CoreError::Internal {
            detail: format!("cannot serialize the context: {e}"),
        })
    })
}

/// A `SystemTime` as a UTC timestamp; times chrono cannot hold (beyond the
/// year ±262143) are refused with `INVALID_COMMAND`.
fn utc(at: SystemTime) -> Result<DateTime<Utc>, CoreError> {
    let timestamp = match at.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs())
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, after.subsec_nanos())),
        Err(before) => {
            let before = before.duration();
            i64::try_from(before.as_secs()).ok().and_then(|secs| {
                // -(s + n·1e-9) = -(s + 1) + (1e9 - n)·1e-9
                match before.subsec_nanos() {
                    0 => DateTime::from_timestamp(-secs, 0),
                    nanos => DateTime::from_timestamp(-secs - 1, 1_000_000_000 - nanos),
                }
            })
        }
    };
    timestamp.ok_or_else(|| CoreError::InvalidCommand {
        reason: "context time is out of range".into(),
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const USD: &str = r#"{"functional_currency":"USD"}"#;

    fn at(seconds_after_epoch: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds_after_epoch)
    }

    #[test]
    fn contexts_are_the_core_shape() {
        // 2026-11-02T09:00:00Z
        let ctx = book_context(at(1_793_610_000), "c1".into(), None, None).unwrap();
        assert_eq!(ctx, r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1"}"#);
        let ctx = book_context(at(1_793_610_000), "a\"b".into(), Some(7), None).unwrap();
        assert_eq!(
            ctx,
            r#"{"at":"2026-11-02T09:00:00Z","command_id":"a\"b","expected_version":7}"#
        );
        let before = UNIX_EPOCH - Duration::from_millis(1500);
        let ctx = book_context(before, "old".into(), None, None).unwrap();
        assert!(ctx.contains(r#""at":"1969-12-31T23:59:58.500Z""#), "{ctx}");
        let ctx = book_context(
            at(1_793_610_000),
            "c2".into(),
            None,
            Some("ops@acme".into()),
        )
        .unwrap();
        assert_eq!(
            ctx,
            r#"{"at":"2026-11-02T09:00:00Z","command_id":"c2","actor":"ops@acme"}"#
        );
    }

    #[test]
    fn commands_run_and_errors_keep_their_codes() {
        let book = Book::new(USD.into()).unwrap();
        let ctx = |id: &str| book_context(at(1_793_610_000), id.into(), None, None).unwrap();
        let out = book
            .execute(
                r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#.into(),
                ctx("1"),
            )
            .unwrap();
        assert!(
            out.starts_with(r#"{"version":1,"duplicate":false,"events":["#),
            "{out}"
        );
        assert_eq!(book.version().unwrap(), 1);
        let err = book
            .execute(r#"{"type":"teleport"}"#.into(), ctx("2"))
            .unwrap_err();
        assert_eq!(err.code(), "INVALID_COMMAND");
        let err = book.stock("NOPE".into()).unwrap_err();
        assert_eq!(err.code(), "UNKNOWN_SKU");
        assert_eq!(
            Book::new("{}".into()).unwrap_err().code(),
            "INVALID_COMMAND"
        );
        // A chart the core refuses keeps its code (not a panic's INTERNAL).
        let no_rules =
            r#"{"functional_currency":"USD","ledger":{"type":"custom","accounts":[],"rules":[]}}"#;
        assert_eq!(
            Book::new(no_rules.into()).unwrap_err().code(),
            "MISSING_POSTING_RULE"
        );
    }

    #[test]
    fn ledger_queries_forward_typed_arguments() {
        let book = Book::new(USD.into()).unwrap();
        let ctx = |id: &str| book_context(at(1_793_610_000), id.into(), None, None).unwrap();
        for (id, command) in [
            (
                "1",
                r#"{"type":"define_location","code":"SZ","name":"S","kind":"own"}"#,
            ),
            ("2", r#"{"type":"define_sku","code":"A","name":"A"}"#),
            ("3", r#"{"type":"define_sku","code":"B","name":"B"}"#),
            (
                "4",
                r#"{"type":"receive","sku":"A","location":"SZ","quantity":2,"unit_cost":{"amount":"5.00","currency":"USD"}}"#,
            ),
            (
                "5",
                r#"{"type":"receive","sku":"B","location":"SZ","quantity":1,"unit_cost":{"amount":"1.25","currency":"USD"}}"#,
            ),
        ] {
            book.execute(command.into(), ctx(id)).unwrap();
        }
        let day: IsoDate = "2026-11-02".parse().unwrap();
        let all = book.trial_balance(day, None).unwrap();
        assert!(
            all.contains(r#""total_debit":{"amount":"11.25","currency":"USD"}"#),
            "{all}"
        );
        let only_b = LineFilter {
            sku: Some("B".into()),
            ..LineFilter::default()
        };
        let b = book.trial_balance(day, Some(only_b)).unwrap();
        assert!(
            b.contains(r#""total_debit":{"amount":"1.25","currency":"USD"}"#),
            "{b}"
        );
        let before = book.trial_balance(day.pred_opt().unwrap(), None).unwrap();
        assert!(before.contains(r#""lines":[]"#), "{before}");
        assert!(book.journal().unwrap().starts_with(r#"[{"id":"#));
        assert_eq!(
            book.account_ledger("9999".into()).unwrap_err().code(),
            "UNKNOWN_ACCOUNT"
        );
        assert_eq!(book.open_items(day).unwrap(), "[]");
        assert!(
            book.reconciliation()
                .unwrap()
                .contains(r#""difference":{"amount":"0.00","currency":"USD"}"#)
        );
    }

    #[test]
    fn trade_reports_forward_their_arguments() {
        let book = Book::new(USD.into()).unwrap();
        assert_eq!(book.purchase_orders().unwrap(), "[]");
        let day: IsoDate = "2026-11-02".parse().unwrap();
        let transit = book.in_transit(day).unwrap();
        assert!(transit.contains(r#""as_of":"2026-11-02""#), "{transit}");
        assert!(
            transit.contains(r#""total_value":{"amount":"0.00","currency":"USD"}"#),
            "{transit}"
        );
        assert_eq!(book.landed_cost(None).unwrap(), r#"{"lines":[],"skus":[]}"#);
        assert_eq!(book.accruals().unwrap(), "[]");
        // A SKU the book does not know is an error, as in the other reports.
        assert_eq!(
            book.landed_cost(Some("LAMP".into())).unwrap_err().code(),
            "UNKNOWN_SKU"
        );
        let err = book.transfer("T-404".into()).unwrap_err();
        assert_eq!(err.code(), "UNKNOWN_DOCUMENT");
        assert!(err.detail().contains("T-404"), "{err}");
    }

    #[test]
    fn selling_reports_forward_their_arguments() {
        let book = Book::new(USD.into()).unwrap();
        assert_eq!(book.sales_orders(None).unwrap(), "[]");
        assert_eq!(book.sales_orders(Some("shop-us".into())).unwrap(), "[]");
        assert_eq!(book.order_exceptions().unwrap(), "[]");
        let err = book
            .sales_order("shop-us".into(), "1001".into())
            .unwrap_err();
        assert_eq!(err.code(), "UNKNOWN_SALES_ORDER");
        assert!(err.detail().contains("1001"), "{err}");
    }

    #[test]
    fn a_poisoned_book_refuses_with_book_poisoned() {
        let book = Book::new(USD.into()).unwrap();
        let err = guard::<()>(|| {
            let _locked = book.lock()?;
            panic!("boom")
        })
        .unwrap_err();
        assert_eq!(err.code(), "INTERNAL");
        let err = book.version().unwrap_err();
        assert_eq!(err.code(), "BOOK_POISONED");
        assert!(err.detail().contains("unusable after a panic"), "{err}");
    }
}
