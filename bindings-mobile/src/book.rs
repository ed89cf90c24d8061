//! The inventory book: a `Book` object over `landed_json::JsonBook`.
//!
//! JSON text in, JSON text out. Commands, contexts, events and reports cross
//! the boundary as the serde form of the core types, described by
//! `docs/schema/*.schema.json`; this module never names a command field, so
//! it cannot drift from the core. Decimals inside the JSON are strings
//! (`"10.00"`), never numbers: a command with `"amount": 1.5` is refused with
//! `INVALID_COMMAND`.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use landed::LandedError as CoreError;
use landed::command::Context;
use landed_json::JsonBook;

use crate::error::{LandedError, guard};

/// One legal entity's inventory, changed only by JSON commands.
///
/// Safe to share between threads: a mutex serialises the calls. A panic
/// inside a call poisons the book, which then refuses every call with
/// `INTERNAL` rather than serve a state that may be half updated.
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

    /// Locks the book; a lock poisoned by a panic is refused with `INTERNAL`.
    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, JsonBook>, CoreError> {
        self.book.lock().map_err(|_| CoreError::Internal {
            detail: "the book is unusable after a panic in an earlier call".into(),
        })
    }
}

#[uniffi::export]
impl Book {
    /// A new, empty book from a `BookConfig` JSON object, e.g.
    /// `{"functional_currency":"USD","valuation_method":"fifo"}`. Fails with
    /// `INVALID_COMMAND` for malformed JSON or an unknown option.
    #[uniffi::constructor]
    pub fn new(config_json: String) -> Result<Arc<Self>, LandedError> {
        guard(|| Ok(Self::wrap(JsonBook::new(&config_json)?)))
    }

    /// Rebuilds a book from its config and a JSON array of recorded events
    /// (`events()` of the original). Fails with `INVALID_EVENT_LOG` for a log
    /// with gaps or events that do not apply.
    #[uniffi::constructor]
    pub fn replay(config_json: String, events_json: String) -> Result<Arc<Self>, LandedError> {
        guard(|| Ok(Self::wrap(JsonBook::replay(&config_json, &events_json)?)))
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

    /// The book's version: the number of commands executed.
    pub fn version(&self) -> Result<u64, LandedError> {
        guard(|| Ok(self.lock()?.version()))
    }

    /// The configuration as JSON (every option spelled out).
    pub fn config(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.config())
    }

    /// The event log as a JSON array of recorded events: what a host stores
    /// and hands to `Book.replay`.
    pub fn events(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.events())
    }

    /// The whole book as JSON, for `Book.restore`. The same book always
    /// gives the same text.
    pub fn snapshot(&self) -> Result<String, LandedError> {
        guard(|| self.lock()?.snapshot())
    }

    /// One position (SKU at a location, and lot) as JSON: quantities per
    /// bucket, `on_hand`, damaged units by reason.
    #[uniffi::method(default(lot = None))]
    pub fn position(
        &self,
        sku: String,
        location: String,
        lot: Option<String>,
    ) -> Result<String, LandedError> {
        guard(|| self.lock()?.position(&sku, &location, lot.as_deref()))
    }

    /// A SKU's stock across locations and lots, with totals, as JSON.
    pub fn stock(&self, sku: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.stock(&sku))
    }

    /// Valuation lines (quantity, value, unit cost per SKU and location) of
    /// one SKU, or of all when `sku` is null, as a JSON array.
    #[uniffi::method(default(sku = None))]
    pub fn valuation(&self, sku: Option<String>) -> Result<String, LandedError> {
        guard(|| self.lock()?.valuation(sku.as_deref()))
    }

    /// Every movement of a SKU with its signed value, oldest first, as a
    /// JSON array.
    pub fn history(&self, sku: String) -> Result<String, LandedError> {
        guard(|| self.lock()?.history(&sku))
    }
}

/// The context JSON of a command: its effective time `at` (Kotlin
/// `java.time.Instant`, Swift `Date`), the idempotency key `command_id`,
/// and, when not null, the book version the command expects. Built from the
/// core's `Context`, so it always has the shape `execute` reads.
#[uniffi::export(default(expected_version = None))]
pub fn book_context(
    at: SystemTime,
    command_id: String,
    expected_version: Option<u64>,
) -> Result<String, LandedError> {
    guard(|| {
        let context = Context {
            at: utc(at)?,
            command_id,
            expected_version,
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
        let ctx = book_context(at(1_793_610_000), "c1".into(), None).unwrap();
        assert_eq!(ctx, r#"{"at":"2026-11-02T09:00:00Z","command_id":"c1"}"#);
        let ctx = book_context(at(1_793_610_000), "a\"b".into(), Some(7)).unwrap();
        assert_eq!(
            ctx,
            r#"{"at":"2026-11-02T09:00:00Z","command_id":"a\"b","expected_version":7}"#
        );
        let before = UNIX_EPOCH - Duration::from_millis(1500);
        let ctx = book_context(before, "old".into(), None).unwrap();
        assert!(ctx.contains(r#""at":"1969-12-31T23:59:58.500Z""#), "{ctx}");
    }

    #[test]
    fn commands_run_and_errors_keep_their_codes() {
        let book = Book::new(USD.into()).unwrap();
        let ctx = |id: &str| book_context(at(1_793_610_000), id.into(), None).unwrap();
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
    }

    #[test]
    fn a_poisoned_book_refuses_with_internal() {
        let book = Book::new(USD.into()).unwrap();
        let err = guard::<()>(|| {
            let _locked = book.lock()?;
            panic!("boom")
        })
        .unwrap_err();
        assert_eq!(err.code(), "INTERNAL");
        let err = book.version().unwrap_err();
        assert_eq!(err.code(), "INTERNAL");
        assert!(err.detail().contains("unusable after a panic"), "{err}");
    }
}
