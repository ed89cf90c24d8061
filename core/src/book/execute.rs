//! Creating a book and executing commands, one at a time or in batches, and
//! the book's health: poisoned by a commit that an internal fault interrupted.
//!
//! [`Book::execute`] validates a command against the current state, plans
//! its events on a scratch overlay (so arithmetic that fails leaves nothing
//! behind), then commits them: the book either takes the whole command or
//! nothing. Every change goes through the same `apply` that
//! [`Book::replay`] uses, so a book rebuilt from its events is the live
//! book, byte for byte.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // A refused command changes nothing: the book stays at its version.
//! let mut book = lamp_book()?;
//! let version = book.version();
//! let too_many = landed::Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"DE","quantity":500,"reason":"sale"}"#)?;
//! let err = book.execute(too_many, &ctx("2026-11-21", "order-303")?).unwrap_err();
//! assert_eq!(err.code(), "INSUFFICIENT_STOCK");
//! assert_eq!(err.to_string(), "insufficient stock of LAMP at DE in available: requested 500, available 29");
//! assert_eq!(book.version(), version);
//! # Ok(()) }
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::Code;
use crate::book::command::{Command, Context};
use crate::book::event::{
    Chain, Event, GENESIS_HASH, Link, Outcome, RecordedEvent, SCHEMA_VERSION,
};
use crate::book::plan::{Planner, Scratch, Staged};
use crate::book::snapshot::{RememberedCommand, command_id_hash, remembered_id_hash};
use crate::book::{Book, BookConfig, COMMIT_INTERRUPTED, Indexes, Snapshot, fingerprint};
use crate::error::{LandedError, Result, invalid};
use crate::inventory::{Allowance, SkuMap};
use crate::ledger::Ledger;
use crate::trade::Trade;

/// How [`Book::execute_batch`] treats failures.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::book::BatchMode;
assert_eq!(BatchMode::default(), BatchMode::EachAtomic);
assert_eq!(serde_json::to_string(&BatchMode::AllOrNothing).unwrap(), r#""all_or_nothing""#);
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum BatchMode {
    /// Each command stands alone: failures are reported, successes stay.
    #[default]
    EachAtomic,
    /// The first failure undoes the whole batch.
    AllOrNothing,
}

/// A command the idempotency index found.
enum RecordedCommand<'a> {
    /// Its events, in the log.
    Logged(&'a [Arc<RecordedEvent>]),
    /// Its id, fingerprint and version, without its events.
    Remembered(&'a RememberedCommand),
}

/// Marks an idempotency-index entry that points into
/// `Snapshot::remembered` instead of the log.
pub(crate) const REMEMBERED: usize = 1 << (usize::BITS - 1);

/// The `remembered` slot of an idempotency-index entry, if it is one.
pub(crate) fn remembered_slot(entry: usize) -> Option<usize> {
    (entry & REMEMBERED != 0).then_some(entry & !REMEMBERED)
}

/// How many events a book without its log lets wait for the host to hash
/// them (by storing them) before it hashes them itself: the memory such a
/// book holds for events the host may have dropped.
const UNSEALED_EVENTS: usize = 4096;

impl Book {
    /// An empty book. Fails if the ledger set-up is incomplete (an
    /// account a rule names is missing, or a role has no rule).
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// let config = landed::BookConfig::from_json(r#"{"functional_currency":"CNY"}"#)?;
    /// let book = landed::Book::new(config)?;
    /// assert_eq!((book.version(), book.events().len()), (0, 0));
    /// # Ok(()) }
    /// ```
    pub fn new(config: BookConfig) -> Result<Self> {
        let ledger = Ledger::new(&config.ledger, config.damage_write_down)?;
        if config.trade.over_receipt_tolerance_percent < Decimal::ZERO {
            return Err(invalid("the over-receipt tolerance cannot be negative"));
        }
        let mut index = Indexes::default();
        index.rates.set_pivot(config.trade.pivot_currency);
        Ok(Self {
            state: Snapshot {
                schema_version: SCHEMA_VERSION,
                config,
                version: 0,
                skus: Vec::new(),
                bundles: Vec::new(),
                locations: Vec::new(),
                scopes: Vec::new(),
                lots: Vec::new(),
                positions: SkuMap::default(),
                pools: SkuMap::default(),
                stocktakes: BTreeMap::new(),
                ledger,
                trade: Trade::default(),
                sales: crate::sales::Sales::default(),
                log: Vec::new(),
                events_before: 0,
                remembered: Vec::new(),
                archive: Default::default(),
                head: None,
                allowances: SkuMap::default(),
                log_base: GENESIS_HASH,
                claimed: Default::default(),
            },
            index,
            scratch: Scratch::default(),
            replay_check: Default::default(),
            fault: None,
            unsealed: 0,
            #[cfg(test)]
            panic_after_commits: None,
        })
    }

    /// The configuration.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// assert_eq!(book.config().functional_currency.code(), "CNY");
    /// # Ok(()) }
    /// ```
    pub fn config(&self) -> &BookConfig {
        &self.state.config
    }

    /// True when an internal fault interrupted a commit: the book may be
    /// half-written and refuses every command with `BOOK_POISONED` until
    /// the host restores a snapshot or replays its log into a new book.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// assert!(!book.is_poisoned());
    /// # Ok(()) }
    /// ```
    pub fn is_poisoned(&self) -> bool {
        self.fault.is_some()
    }

    /// Refuses to work on a poisoned book.
    pub(crate) fn check_health(&self) -> Result<()> {
        match &self.fault {
            None => Ok(()),
            Some(detail) => Err(LandedError::BookPoisoned {
                detail: detail.to_string(),
            }),
        }
    }

    /// Number of commands executed.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// // One version per command, whatever the number of its events.
    /// assert_eq!(book.version(), 17);
    /// assert_eq!(book.events().len(), 31);
    /// # Ok(()) }
    /// ```
    pub fn version(&self) -> u64 {
        self.state.version
    }

    /// Refuses a report that reads history when the book's log does not
    /// hold every event it recorded.
    pub(crate) fn require_history(&self, report: &str) -> Result<()> {
        if self.state.has_whole_log() {
            Ok(())
        } else {
            Err(LandedError::HistoryNotKept {
                report: report.to_owned(),
            })
        }
    }

    /// Number of events recorded, whether or not the book keeps them in
    /// memory (the `seq` of the last one).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book_with(r#"{"functional_currency":"CNY","keep_events":false}"#)?;
    /// assert_eq!((book.events_recorded(), book.events().len()), (31, 0));
    /// # Ok(()) }
    /// ```
    pub fn events_recorded(&self) -> u64 {
        self.state.next_seq() - 1
    }

    /// The event log, oldest first (only the events kept in memory: none
    /// in a book with `keep_events: false`).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let last = book.events().last().unwrap();
    /// assert_eq!((last.seq, &*last.command_id), (31, "PAY-A1"));
    /// # Ok(()) }
    /// ```
    pub fn events(&self) -> &[Arc<RecordedEvent>] {
        &self.state.log
    }

    /// Executes one command: all of it, or nothing (see `book/execute.rs`).
    ///
    /// Takes the command by value or by reference: the book only reads it,
    /// so a host that keeps its commands (to retry them, or to import a
    /// file) need not copy them. A command's payload is a command too:
    /// `book.execute(Receive::new(..), &context)`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let mut book = lamp_book()?;
    /// let sale = landed::Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":10,"reason":"sale","channel":"shopify"}"#)?;
    /// let out = book.execute(sale, &ctx("2026-11-21", "shopify-1001")?)?;
    /// // The issue and its voucher, at the Shenzhen average cost (2,001.00 / 110).
    /// assert_eq!((out.version, out.events.len(), out.duplicate), (18, 2, false));
    /// assert_eq!(posted(&out)[0], ("5000".into(), "181.91".into(), "0.00".into()));
    /// # Ok(()) }
    /// ```
    pub fn execute<'c>(
        &mut self,
        command: impl Into<Cow<'c, Command>>,
        context: &Context,
    ) -> Result<Outcome> {
        self.check_health()?;
        let command = command.into();
        let command: &Command = &command;
        crate::limits::check_command_id(&context.command_id)?;
        if let Some(actor) = &context.actor {
            crate::limits::check_text_id("actor", actor, crate::limits::MAX_COMMAND_ID_CHARS)?;
        }
        let fingerprint = fingerprint(command);
        let id_hash = command_id_hash(&context.command_id);
        match self.recorded_command(&context.command_id, id_hash) {
            Some(RecordedCommand::Logged(events)) => {
                let Some(first) = events.first() else {
                    return Err(LandedError::Internal {
                        detail: "a recorded command has no events".into(),
                    });
                };
                if first.fingerprint != fingerprint {
                    return Err(LandedError::IdempotencyConflict {
                        command_id: context.command_id.clone(),
                    });
                }
                return Ok(Outcome {
                    version: first.version,
                    duplicate: true,
                    events: events.to_vec(),
                });
            }
            // The events are in the host's store, not here: the retry is
            // answered with the version the command made.
            Some(RecordedCommand::Remembered(command)) => {
                if command.fingerprint != fingerprint {
                    return Err(LandedError::IdempotencyConflict {
                        command_id: context.command_id.clone(),
                    });
                }
                return Ok(Outcome {
                    version: command.version,
                    duplicate: true,
                    events: Vec::new(),
                });
            }
            None => {}
        }
        if let Some(expected) = context.expected_version
            && expected != self.state.version
        {
            return Err(LandedError::VersionConflict {
                expected,
                actual: self.state.version,
            });
        }
        if self.state.ledger.enabled && command.posts_on_its_date() {
            self.state.ledger.check_open(context.at.date_naive())?;
        }
        let mut planner = Planner::new(self, context.at);
        if let Err(e) = planner.plan(command) {
            self.scratch = planner.into_scratch();
            return Err(e);
        }
        let (mut events, staged) = planner.finish();
        if events.is_empty() {
            // A command with nothing to do (a carrier event already
            // recorded) is still logged, so that its id is remembered with
            // its fingerprint and a later, different command under the same
            // id is refused.
            events.push(Event::NoEffect {});
        }

        // Commit: nothing below can fail. Were it to (an internal fault),
        // the fault marker stays set and the book refuses further commands
        // instead of going on half-written.
        self.fault = Some(std::borrow::Cow::Borrowed(COMMIT_INTERRUPTED));
        let command_id: Code = Code::from(context.command_id.as_str());
        let version = self.state.version + 1;
        let first_seq = self.state.next_seq();
        self.state.version = version;
        let mut recorded: Vec<Arc<RecordedEvent>> = Vec::with_capacity(events.len());
        let last = events.len() - 1;
        let mut command_id = Some(command_id);
        let actor: Option<Code> = context.actor.as_deref().map(Code::from);
        // One number per commit, unique in the process: with `seq` it names
        // each event and its predecessor for replay (see `event::Chain`).
        let commit = crate::book::event::new_commit_number();
        for (i, event) in events.drain(..).enumerate() {
            // The last event takes the id itself: a clone and a drop of a
            // shared string are two atomic operations each command.
            let command_id = if i == last {
                command_id.take()
            } else {
                command_id.clone()
            };
            // Linked, not hashed: the hash is sealed when first asked for
            // (see `event::Chain`), so commit stays as cheap as before.
            let link = match recorded.last().or(self.state.last_event()) {
                Some(previous) => Link::Event(Arc::clone(previous)),
                None => Link::Hash(Box::new(self.state.log_base)),
            };
            recorded.push(Arc::new(RecordedEvent {
                schema_version: SCHEMA_VERSION,
                seq: first_seq + i as u64,
                version,
                command_id: command_id.unwrap_or_default(),
                fingerprint,
                at: context.at,
                actor: actor.clone(),
                event,
                chain: Chain::linked(commit, link),
            }));
        }
        self.absorb(staged);
        self.scratch.events = events;
        for r in &recorded {
            // Master data, documents and stocktake bookkeeping are applied
            // here; stock effects were applied to the overlay and copied above.
            #[cfg(test)]
            match self.panic_after_commits {
                Some(0) => panic!("injected fault in the middle of a commit"),
                Some(n) if r.seq == first_seq => self.panic_after_commits = Some(n - 1),
                _ => {}
            }
            if let Err(e) = self.apply_record(r) {
                let detail = format!("planned event failed to apply: {e}");
                self.fault = Some(detail.clone().into());
                return Err(LandedError::Internal { detail });
            }
        }
        if self.state.config.keep_events {
            self.index.commands.insert(id_hash, self.state.log.len());
            self.state.log.extend(recorded.iter().cloned());
        } else {
            self.remember_command(id_hash, &recorded);
        }
        self.fault = None;
        Ok(Outcome {
            version,
            duplicate: false,
            events: recorded,
        })
    }

    /// The command recorded under `id`: its logged events (from its first
    /// event, every following event of the same version), or what the
    /// book remembers of it when its events are not in the log.
    fn recorded_command(&self, id: &str, hash: u64) -> Option<RecordedCommand<'_>> {
        let log = &self.state.log;
        let remembered = &self.state.remembered;
        let first = self
            .index
            .commands
            .find(hash, |i| match remembered_slot(i) {
                // Only on a match of the index hash: the second hash is
                // computed then.
                Some(slot) => remembered
                    .get(slot)
                    .is_some_and(|c| c.id_hash == remembered_id_hash(id)),
                None => log.get(i).is_some_and(|e| &*e.command_id == id),
            })?;
        if let Some(slot) = remembered_slot(first) {
            return remembered.get(slot).map(RecordedCommand::Remembered);
        }
        let rest = log.get(first..)?;
        let version = rest.first()?.version;
        let count = rest.iter().take_while(|e| e.version == version).count();
        rest.get(..count).map(RecordedCommand::Logged)
    }

    /// Records a command whose events the book does not keep: its id and
    /// fingerprint for retries, its last event as the head the next event
    /// chains to. The chain back from the head holds every event not yet
    /// hashed; a host that stores its events hashes them as it serializes
    /// them, and for one that does not, the book hashes the chain once it
    /// is `UNSEALED_EVENTS` long, so the events it no longer needs are
    /// freed.
    fn remember_command(&mut self, id_hash: u64, recorded: &[Arc<RecordedEvent>]) {
        let (Some(first), Some(last)) = (recorded.first(), recorded.last()) else {
            return;
        };
        let slot = self.state.remembered.len();
        self.index.commands.insert(id_hash, REMEMBERED | slot);
        self.state.remembered.push(RememberedCommand::new(
            &first.command_id,
            first.fingerprint,
            first.version,
        ));
        self.advance_head(last, recorded.len());
    }

    /// Makes `last` the head of a book without its log, `events` more
    /// events after the previous head.
    pub(crate) fn advance_head(&mut self, last: &Arc<RecordedEvent>, events: usize) {
        let previous_sealed = self
            .state
            .head
            .as_ref()
            .is_none_or(|head| head.chain.sealed_hash().is_some());
        self.unsealed = if previous_sealed {
            events
        } else {
            self.unsealed + events
        };
        if self.unsealed >= UNSEALED_EVENTS {
            let _ = last.hash();
            self.unsealed = 0;
        }
        self.state.events_before += events as u64;
        self.state.head = Some(Arc::clone(last));
    }

    /// Executes several commands. In [`BatchMode::EachAtomic`] every command
    /// stands alone; in [`BatchMode::AllOrNothing`] the first failure
    /// restores the book as it was before the batch (at the cost of one
    /// copy of the book) and no result after it is produced.
    ///
    /// An all-or-nothing batch is undone whatever the failure, an internal
    /// fault (a panic) included: the book is put back as it was and the
    /// item reports `INTERNAL`. In [`BatchMode::EachAtomic`] such a fault
    /// leaves the book poisoned (see [`Book::is_poisoned`]) and the
    /// remaining items are refused with `BOOK_POISONED`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::book::BatchMode;
    /// let mut book = lamp_book()?;
    /// let sale = |n: u32| landed::Command::from_json(&format!(
    ///     r#"{{"type":"issue","sku":"LAMP","location":"DE","quantity":{n},"reason":"sale"}}"#));
    /// let batch = vec![(sale(20)?, ctx("2026-11-21", "o-1")?), (sale(20)?, ctx("2026-11-21", "o-2")?)];
    /// // Each command on its own: the first stays, the second is refused.
    /// let results = book.execute_batch(batch, BatchMode::EachAtomic);
    /// assert!(results[0].is_ok());
    /// assert_eq!(results[1].as_ref().unwrap_err().code(), "INSUFFICIENT_STOCK");
    /// assert_eq!(book.position("LAMP", "DE", None)?.quantities.available, 9);
    /// # Ok(()) }
    /// ```
    pub fn execute_batch(
        &mut self,
        commands: impl IntoIterator<Item = (Command, Context)>,
        mode: BatchMode,
    ) -> Vec<Result<Outcome>> {
        let mut results = Vec::new();
        self.execute_batch_with(commands, mode, |result| results.push(result));
        results
    }

    /// [`Book::execute_batch`], handing each result to `each` as soon as
    /// its command has run instead of collecting them. A host that stores
    /// events writes them there: written while they are the newest, each
    /// event is serialized once (its hash computed from the bytes written),
    /// where a book without its log would otherwise hash the batch's events
    /// itself on the way, and the host serialize them a second time.
    ///
    /// In [`BatchMode::AllOrNothing`] the results already handed out
    /// before a failure are undone with the book: a host discards what it
    /// wrote of them.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::book::BatchMode;
    /// let mut book = lamp_book()?;
    /// let sale = |n: u32| landed::Command::from_json(&format!(
    ///     r#"{{"type":"issue","sku":"LAMP","location":"DE","quantity":{n},"reason":"sale"}}"#));
    /// let batch = vec![(sale(2)?, ctx("2026-11-21", "o-1")?), (sale(3)?, ctx("2026-11-21", "o-2")?)];
    /// let mut stored = Vec::new();
    /// book.execute_batch_with(batch, BatchMode::EachAtomic, |result| {
    ///     for event in result.map(|outcome| outcome.events).unwrap_or_default() {
    ///         event.write_json(&mut stored).unwrap();
    ///         stored.push(b'\n');
    ///     }
    /// });
    /// assert_eq!(String::from_utf8(stored).unwrap().lines().count(), 2 * 2); // an issue and its voucher each
    /// # Ok(()) }
    /// ```
    pub fn execute_batch_with(
        &mut self,
        commands: impl IntoIterator<Item = (Command, Context)>,
        mode: BatchMode,
        mut each: impl FnMut(Result<Outcome>),
    ) {
        let backup = (mode == BatchMode::AllOrNothing).then(|| self.clone());
        for (command, context) in commands {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.execute(&command, &context)
            }))
            .unwrap_or_else(|payload| {
                let detail = panic_text(payload.as_ref());
                if self.fault.is_none() {
                    self.fault = Some(detail.clone().into());
                }
                Err(LandedError::Internal { detail })
            });
            let failed = result.is_err();
            each(result);
            if failed && mode == BatchMode::AllOrNothing {
                if let Some(backup) = backup {
                    *self = backup;
                }
                break;
            }
        }
    }

    /// Takes over what a planner staged: new lots, then the positions and
    /// pools it changed. Cannot fail.
    pub(crate) fn absorb(&mut self, mut staged: Staged) {
        for lot in staged.new_lots {
            self.push_lot(lot);
        }
        for (key, position) in staged.positions.drain(..) {
            self.state.positions.insert(key, position);
        }
        for (key, pool) in staged.pools.drain(..) {
            self.state.pools.insert(key, pool);
        }
        // The emptied buffers serve the next planner.
        self.scratch.positions = staged.positions;
        self.scratch.pools = staged.pools;
        self.scratch.archive = staged.archive;
        for (key, allowance) in staged.allowances {
            if allowance.is_zero() {
                self.state.allowances.remove(&key);
            } else {
                self.state.allowances.insert(key, Allowance(allowance));
            }
        }
    }
}

impl Command {
    /// Stock commands that post at the command's effective date.
    fn posts_on_its_date(&self) -> bool {
        matches!(
            self,
            Command::Receive(_)
                | Command::Issue(_)
                | Command::Adjust(_)
                | Command::PostStocktake { .. }
                | Command::ReceivePurchaseOrder { .. }
                | Command::ShipTransfer { .. }
                | Command::ReceiveTransfer { .. }
                | Command::CloseTransfer { .. }
        )
    }
}

/// The message of a caught panic (`panic!` gives a `&str` or a `String`).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal fault".to_owned())
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::Currency;

    fn at() -> DateTime<Utc> {
        "2026-11-02T09:00:00Z".parse().unwrap()
    }

    fn book() -> Book {
        let mut book = Book::new(BookConfig::new(Currency::from_code("USD").unwrap())).unwrap();
        let location = Command::from_json(
            r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
        )
        .unwrap();
        book.execute(location, &Context::new(at(), "loc")).unwrap();
        book
    }

    fn sku(code: &str) -> Command {
        Command::from_json(&format!(
            r#"{{"type":"define_sku","code":"{code}","name":"x","base_unit":"pcs"}}"#
        ))
        .unwrap()
    }

    fn quiet<T>(f: impl FnOnce() -> T) -> T {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let out = f();
        std::panic::set_hook(hook);
        out
    }

    #[test]
    fn a_fault_in_the_middle_of_a_commit_poisons_the_book() {
        let mut book = book();
        book.panic_after_commits = Some(0);
        let caught = quiet(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                book.execute(sku("A"), &Context::new(at(), "a"))
            }))
        });
        assert!(caught.is_err());
        book.panic_after_commits = None;
        assert!(book.is_poisoned());
        let err = book
            .execute(sku("B"), &Context::new(at(), "b"))
            .unwrap_err();
        assert_eq!(err.code(), "BOOK_POISONED");
        // Its own log still rebuilds a healthy book.
        let healthy = Book::replay(book.config().clone(), book.events().iter()).unwrap();
        assert!(!healthy.is_poisoned());
    }

    #[test]
    fn an_all_or_nothing_batch_is_rolled_back_when_an_item_panics() {
        let mut book = book();
        let before = serde_json::to_string(&book.snapshot()).unwrap();
        // The first item commits; the second panics half-way through its
        // commit. Before, the first stayed and the second was half written.
        book.panic_after_commits = Some(1);
        let results = quiet(|| {
            book.execute_batch(
                [
                    (sku("A"), Context::new(at(), "a")),
                    (sku("B"), Context::new(at(), "b")),
                    (sku("C"), Context::new(at(), "c")),
                ],
                BatchMode::AllOrNothing,
            )
        });
        book.panic_after_commits = None;
        assert_eq!(results.len(), 2);
        assert!(results[0].is_ok());
        assert_eq!(results[1].as_ref().unwrap_err().code(), "INTERNAL");
        assert!(
            !book.is_poisoned(),
            "the batch is undone, its fault included"
        );
        assert_eq!(serde_json::to_string(&book.snapshot()).unwrap(), before);
        assert!(book.execute(sku("A"), &Context::new(at(), "a")).is_ok());
    }

    #[test]
    fn each_atomic_batch_stops_at_a_fault_with_the_book_poisoned() {
        let mut book = book();
        book.panic_after_commits = Some(1);
        let results = quiet(|| {
            book.execute_batch(
                [
                    (sku("A"), Context::new(at(), "a")),
                    (sku("B"), Context::new(at(), "b")),
                    (sku("C"), Context::new(at(), "c")),
                ],
                BatchMode::EachAtomic,
            )
        });
        assert!(results[0].is_ok());
        assert_eq!(results[1].as_ref().unwrap_err().code(), "INTERNAL");
        assert_eq!(results[2].as_ref().unwrap_err().code(), "BOOK_POISONED");
        assert!(book.is_poisoned());
    }
}
