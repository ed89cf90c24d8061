//! Replay: a book rebuilt from its events, whole or streamed one by one,
//! through the same `apply` that live commits use, with the checks of
//! `integrity.rs` on every event.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Replay streamed one event at a time lands on the same book.
//! let book = lamp_book()?;
//! let mut copy = landed::Book::new(book.config().clone())?;
//! for event in book.events() {
//!     copy.replay_one(event.clone())?;
//! }
//! assert_eq!(copy.head_hash(), book.head_hash());
//! assert_eq!(copy.snapshot(), book.snapshot());
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::Code;
use crate::book::command_index::CommandIndex;
use crate::book::event::{CountLine, Event, RecordedEvent, SCHEMA_VERSION, StockIn, StockOut};
use crate::book::execute::REMEMBERED;
use crate::book::plan::Planner;
use crate::book::snapshot::{RememberedCommand, command_id_hash};
use crate::book::{Book, BookConfig, COMMIT_INTERRUPTED, LocationState, SkuFlags};
use crate::catalog::Sku;
use crate::error::{LandedError, Result, duplicate};
use crate::inventory::{LocId, LotId, NO_LOT, SkuId, Stocktake, StocktakeStatus, stocktake_error};
use crate::money::Money;

/// An event on its way into a book's log: owned and shared events are taken
/// as they are, borrowed ones are copied once.
pub struct SharedEvent(Arc<RecordedEvent>);

impl From<RecordedEvent> for SharedEvent {
    fn from(event: RecordedEvent) -> Self {
        Self(Arc::new(event))
    }
}

impl From<&RecordedEvent> for SharedEvent {
    fn from(event: &RecordedEvent) -> Self {
        Self(Arc::new(event.clone()))
    }
}

impl From<Arc<RecordedEvent>> for SharedEvent {
    fn from(event: Arc<RecordedEvent>) -> Self {
        Self(event)
    }
}

impl From<&Arc<RecordedEvent>> for SharedEvent {
    fn from(event: &Arc<RecordedEvent>) -> Self {
        Self(Arc::clone(event))
    }
}

impl Book {
    /// Runs the checks replay makes once the whole log is in (the last
    /// command's voucher; per valuation scope, pools against positions and
    /// against the inventory accounts), for a host that streamed its log
    /// with [`Book::replay_one`]. Fails with `INVALID_EVENT_LOG`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let mut copy = landed::Book::new(book.config().clone())?;
    /// for event in book.events() {
    ///     copy.replay_one(event.clone())?;
    /// }
    /// copy.verify()?; // the checks that need the whole log
    /// assert_eq!(copy.inventory_value(), book.inventory_value());
    /// # Ok(()) }
    /// ```
    pub fn verify(&mut self) -> Result<()> {
        self.check_replayed()
    }

    /// Rebuilds a book by applying `events` to an empty book with `config`.
    /// Events may be given owned, shared (`Arc`) or borrowed; owned and
    /// shared events are kept without a copy.
    ///
    /// Replay verifies what it is given and refuses with
    /// `INVALID_EVENT_LOG`, naming the first bad sequence number: each
    /// event's hash against the chain (events shared with the book that
    /// recorded them, not yet hashed, continue it by construction and are
    /// not hashed again); sequence and version without gaps, a command's
    /// events sharing its id, fingerprint, time and actor; each stock
    /// event's units and value against its cost, a receipt's value against
    /// quantity × unit cost, an outgoing movement's cost against the pool it
    /// leaves (planned again); the voucher of each valued movement right
    /// after it with the same inventory amount; balanced entries; and at the
    /// end, per valuation scope, pools against positions and against the
    /// inventory accounts. A log truncated after a command, or rewritten
    /// with its hashes recomputed, replays; compare [`Book::head_hash`] with
    /// the one kept beside the log to detect that.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let stored = serde_json::to_string(book.events()).unwrap();
    /// let events = landed::RecordedEvent::log_from_json(&stored)?;
    /// // A log that lost its last command replays, but to another head.
    /// let cut = &events[..events.len() - 2];
    /// let replayed = landed::Book::replay(book.config().clone(), cut.iter().cloned())?;
    /// assert_ne!(replayed.head_hash(), book.head_hash());
    /// assert_eq!(landed::Book::replay(book.config().clone(), events)?.head_hash(), book.head_hash());
    /// # Ok(()) }
    /// ```
    pub fn replay<E: Into<SharedEvent>>(
        config: BookConfig,
        events: impl IntoIterator<Item = E>,
    ) -> Result<Self> {
        let mut book = Self::new(config)?;
        for recorded in events {
            book.replay_event(recorded.into().0, false, None)?;
        }
        book.finish_replay()
    }

    /// The end of a whole-log replay: the checks that need the whole log,
    /// then the index of command ids.
    pub(crate) fn finish_replay(mut self) -> Result<Self> {
        self.check_replayed()?;
        // Indexed at once at the end: nothing in replay looks ids up. A
        // whole-log replay starts from an empty book, so with its log kept
        // the starts noted on the way are every command it holds.
        let starts = std::mem::take(&mut self.replay_check.command_starts);
        self.index.commands = if self.state.config.keep_events && self.state.remembered.is_empty() {
            CommandIndex::build(starts)
        } else {
            command_index_of(&self.state.remembered, &self.state.log)
        };
        Ok(self)
    }

    /// Applies one stored event (for hosts that stream their log), with
    /// the checks of [`Book::replay`]; the checks that need the whole log
    /// run with [`Book::verify`].
    ///
    /// An event that fails to apply is refused with `INVALID_EVENT_LOG`; if
    /// it had already changed part of the book, the book is poisoned (see
    /// [`Book::is_poisoned`]) and must be rebuilt.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let mut copy = landed::Book::new(book.config().clone())?;
    /// for event in &book.events()[..5] {
    ///     copy.replay_one(event.clone())?;
    /// }
    /// assert_eq!(copy.inventory_value().to_string(), "1775.00 CNY"); // after GRN-0
    /// # Ok(()) }
    /// ```
    pub fn replay_one(&mut self, recorded: impl Into<SharedEvent>) -> Result<()> {
        self.check_health()?;
        self.replay_event(recorded.into().0, true, None)
    }

    /// Applies one stored event; `index` records a new command's id at once
    /// (whole-log replay indexes them all at the end instead); `stored` is
    /// the text the event was read from, if known (see
    /// [`Book::check_chain`]).
    pub(crate) fn replay_event(
        &mut self,
        recorded: Arc<RecordedEvent>,
        index: bool,
        stored: Option<&str>,
    ) -> Result<()> {
        let bad = |reason: String| LandedError::InvalidEventLog {
            seq: recorded.seq,
            reason,
        };
        if recorded.schema_version > SCHEMA_VERSION {
            return Err(bad(format!(
                "schema version {} is not supported",
                recorded.schema_version
            )));
        }
        let expected_seq = self.state.next_seq();
        if recorded.seq != expected_seq {
            return Err(bad(format!("expected sequence {expected_seq}")));
        }
        // The hash first: an edited event is named as such, whatever else
        // the edit broke.
        let trusted = self.check_chain(&recorded, stored)?;
        let fingerprint = recorded.fingerprint;
        // A command's events are consecutive and share its version: an
        // event with the version of the one before continues that
        // command (and must carry its id, fingerprint, time and actor);
        // any other starts the next version.
        let continues = match self.state.last_event() {
            Some(last) if last.version == recorded.version => {
                if last.fingerprint != fingerprint || last.command_id != recorded.command_id {
                    return Err(bad(format!(
                        "version {} already belongs to command {}",
                        recorded.version, last.command_id
                    )));
                }
                if last.at != recorded.at || last.actor != recorded.actor {
                    return Err(bad(format!(
                        "the events of command {} differ in time or actor",
                        recorded.command_id
                    )));
                }
                true
            }
            _ => false,
        };
        if !continues && recorded.version != self.state.version + 1 {
            return Err(bad(format!("expected version {}", self.state.version + 1)));
        }
        self.check_event(&recorded, continues, trusted)?;
        if !continues {
            self.state.version = recorded.version;
        }
        self.fault = Some(std::borrow::Cow::Borrowed(COMMIT_INTERRUPTED));
        if let Err(e) = self.apply(&recorded, trusted) {
            let reason = e.to_string();
            self.fault = Some(format!("event {} failed to apply: {reason}", recorded.seq).into());
            return Err(bad(reason));
        }
        self.fault = None;
        if self.state.config.keep_events {
            if !continues {
                let start = (command_id_hash(&recorded.command_id), self.state.log.len());
                if index {
                    self.index.commands.insert(start.0, start.1);
                } else {
                    self.replay_check.command_starts.push(start);
                }
            }
            self.state.log.push(recorded);
        } else {
            if !continues {
                let slot = self.state.remembered.len();
                if index {
                    self.index
                        .commands
                        .insert(command_id_hash(&recorded.command_id), REMEMBERED | slot);
                }
                self.state.remembered.push(RememberedCommand::new(
                    &recorded.command_id,
                    recorded.fingerprint,
                    recorded.version,
                ));
            }
            self.advance_head(&recorded, 1);
        }
        Ok(())
    }

    /// Applies one event read from the log: its stock effect (through the
    /// same overlay planning uses), then its record.
    /// `trusted`: recorded by a book and never stored (see
    /// [`Book::check_chain`]), so its costs need not be planned again.
    fn apply(&mut self, recorded: &RecordedEvent, trusted: bool) -> Result<()> {
        if let Some((sku, location)) = recorded.event.stock_codes() {
            let sku = match sku {
                Ok(shared) => self.replayed_sku_id(shared)?,
                Err(text) => self.sku_id(text)?,
            };
            let loc = self.loc_id(location)?;
            let mut overlay = Planner::new(self, recorded.at);
            overlay.replaying = !trusted;
            overlay.apply_stock_at(&recorded.event, sku, loc, recorded.seq)?;
            let (mut events, staged) = overlay.finish();
            self.absorb(staged);
            events.clear();
            self.scratch.events = events;
        }
        self.apply_record(recorded)
    }

    /// Applies what an event changes besides positions and pools moved by
    /// stock: master data, documents, the ledger. Live, this runs at
    /// commit; in replay, after the event's stock effect.
    pub(crate) fn apply_record(&mut self, recorded: &RecordedEvent) -> Result<()> {
        self.record_history(recorded);
        match &recorded.event {
            Event::SkuDefined(spec) => {
                if self.index.skus.contains_key(&spec.code) {
                    return Err(duplicate("SKU", &spec.code));
                }
                let id = self.state.skus.len() as SkuId;
                let code = Code::from(spec.code.as_str());
                self.index.skus.insert(&code, id);
                self.index.sku_codes.push(code);
                let sku = Sku {
                    spec: spec.clone(),
                    active: true,
                };
                self.index.sku_flags.push(SkuFlags::of(&sku));
                self.state.skus.push(Box::new(sku));
            }
            Event::SkuUpdated(update) => {
                let id = self.sku_id(&update.code)? as usize;
                self.state.skus[id].spec.apply(update);
                self.index.sku_flags[id] = SkuFlags::of(&self.state.skus[id]);
            }
            Event::SkuDeactivated { sku } => {
                let id = self.sku_id(sku)? as usize;
                self.state.skus[id].active = false;
                self.index.sku_flags[id].active = false;
            }
            Event::BundleDefined(bundle) => {
                self.index
                    .bundles
                    .insert(bundle.code.clone(), self.state.bundles.len());
                self.state.bundles.push(bundle.clone());
            }
            Event::LocationDefined { location, scope } => {
                if self.index.locations.contains_key(&location.code) {
                    return Err(duplicate("location", &location.code));
                }
                let scope = self.scope_id(scope);
                let id = self.state.locations.len() as LocId;
                let code = Code::from(location.code.as_str());
                self.index.locations.insert(&code, id);
                self.index.location_codes.push(code);
                self.state.locations.push(LocationState {
                    spec: location.clone(),
                    scope,
                    frozen_by: None,
                });
            }
            Event::Received(_)
            | Event::Issued(_)
            | Event::Moved { .. }
            | Event::AdjustedUp(_)
            | Event::AdjustedDown(_)
            | Event::CustomerReturnReceived(_) => {}
            Event::StocktakeOpened {
                stocktake,
                location,
                expected,
            } => {
                let loc = self.loc_id(location)?;
                let mut lines = BTreeMap::new();
                for line in expected {
                    lines.insert(self.line_key(line)?, line.quantity);
                }
                self.state.locations[loc as usize].frozen_by = Some(stocktake.clone());
                self.state.stocktakes.insert(
                    stocktake.clone(),
                    Stocktake {
                        location: loc,
                        status: StocktakeStatus::Open,
                        expected: lines,
                        counted: BTreeMap::new(),
                    },
                );
            }
            Event::CountRecorded { stocktake, line } => {
                let key = self.line_key(line)?;
                let take = self.stocktake_mut(stocktake)?;
                take.counted.insert(key, line.quantity);
            }
            Event::StocktakePosted { stocktake } | Event::StocktakeCancelled { stocktake } => {
                let status = if matches!(recorded.event, Event::StocktakePosted { .. }) {
                    StocktakeStatus::Posted
                } else {
                    StocktakeStatus::Cancelled
                };
                let take = self.stocktake_mut(stocktake)?;
                take.status = status;
                let loc = take.location as usize;
                self.state.locations[loc].frozen_by = None;
            }
            Event::JournalPosted(entry) => self.state.ledger.record(entry)?,
            Event::PeriodLocked { through } => self.state.ledger.locked_through = Some(*through),
            Event::InvoiceRecorded {
                invoice,
                account,
                carrying,
            } => {
                let item = crate::ledger::OpenItem {
                    document: invoice.document.as_str().into(),
                    kind: invoice.kind,
                    party: invoice.party.as_str().into(),
                    channel: invoice.channel.as_deref().map(Into::into),
                    account: account.as_str().into(),
                    date: invoice.date,
                    due_date: invoice.due_date.unwrap_or(invoice.date),
                    original: invoice.amount,
                    open: invoice.amount,
                    carrying: *carrying,
                    rate: invoice.rate.unwrap_or(Decimal::ONE),
                    settlements: Vec::new(),
                };
                self.state
                    .ledger
                    .documents
                    .insert(item.document.clone(), item);
            }
            Event::SettlementRecorded {
                settlement,
                carrying_settled,
                ..
            } => self.settle_document(
                &settlement.document,
                settlement.date,
                settlement.amount,
                *carrying_settled,
            )?,
            Event::PaymentRecorded { payment, parts } => {
                for part in parts {
                    self.settle_document(
                        &part.document,
                        payment.date,
                        part.amount,
                        part.carrying_settled,
                    )?;
                }
            }
            Event::MarketplaceSettlementRecorded {
                settlement, parts, ..
            } => {
                for part in parts {
                    self.settle_document(
                        &part.document,
                        settlement.date,
                        part.amount,
                        part.carrying_settled,
                    )?;
                }
                self.apply_sales(&recorded.event)?;
            }
            Event::Revalued { .. } => {}
            Event::ClosedArchived {
                before,
                sales_orders,
                documents,
                transfers,
                purchase_orders,
                vouchers,
                forgot_commands_through,
            } => self.apply_archive(
                *before,
                [
                    *sales_orders,
                    *documents,
                    *transfers,
                    *purchase_orders,
                    *vouchers,
                ],
                *forgot_commands_through,
            )?,
            Event::RatesRecorded { entries } => {
                for r in entries {
                    self.index
                        .rates
                        .insert(r.base, r.quote, r.rate_type, r.date, r.rate)?;
                }
                self.state.trade.rates.extend(entries.iter().cloned());
            }
            other => {
                self.apply_trade(other, recorded.at.date_naive())?;
                self.apply_sales(other)?;
            }
        }
        self.apply_available(&recorded.event)
    }

    /// A settlement's effect on its open item: the amount and the carrying
    /// amount it cleared come off, and it joins the item's settlements.
    fn settle_document(
        &mut self,
        document: &str,
        date: NaiveDate,
        amount: Money,
        carrying: Money,
    ) -> Result<()> {
        let key = crate::short_text::ShortText::from(document);
        let Some(item) = self.state.ledger.documents.get_mut(&key) else {
            return Err(LandedError::UnknownDocument {
                document: document.to_owned(),
            });
        };
        item.open = item.open.checked_sub(&amount)?;
        item.carrying = item.carrying.checked_sub(&carrying)?;
        crate::vec_map::push_small(
            &mut item.settlements,
            crate::ledger::Settled {
                date,
                amount,
                carrying,
            },
        );
        Ok(())
    }

    /// The id of a SKU code read from a stored event. Events a book records
    /// share one text per SKU, so a log replayed from memory names each SKU
    /// by the same few thousand shared texts, scattered over the heap:
    /// hashing one to look it up reads it from cold memory, a fifth of
    /// replay's time. The first time a SKU's code comes from an event, the
    /// book keeps that very text as the SKU's code; after that, an event
    /// holding it is recognised by its address without reading it. (Events
    /// read from storage each carry their own text and take the lookup.)
    fn replayed_sku_id(&mut self, code: &Code) -> Result<SkuId> {
        let address = Arc::as_ptr(code) as *const u8 as usize;
        if let Some(&id) = self.index.sku_code_addresses.get(&address)
            && self
                .index
                .sku_codes
                .get(id as usize)
                .is_some_and(|known| Arc::ptr_eq(known, code))
        {
            return Ok(id);
        }
        let id = self.sku_id(code)?;
        if let (Some(flags), Some(known)) = (
            self.index.sku_flags.get_mut(id as usize),
            self.index.sku_codes.get_mut(id as usize),
        ) && !flags.adopted
        {
            flags.adopted = true;
            let old = std::mem::replace(known, code.clone());
            self.index
                .sku_code_addresses
                .remove(&(Arc::as_ptr(&old) as *const u8 as usize));
            self.index.sku_code_addresses.insert(address, id);
        }
        Ok(id)
    }

    fn stocktake_mut(&mut self, id: &str) -> Result<&mut Stocktake> {
        self.state
            .stocktakes
            .get_mut(id)
            .ok_or_else(|| stocktake_error(id, "does not exist"))
    }

    fn line_key(&self, line: &CountLine) -> Result<(SkuId, LotId)> {
        let sku = self.sku_id(&line.sku)?;
        let lot = match &line.lot {
            Some(number) => self.lot_id(sku, number)?,
            None => NO_LOT,
        };
        Ok((sku, lot))
    }
}

impl Event {
    /// Units entering a pool and a position, if this event brings any.
    pub(crate) fn stock_in(&self) -> Option<&StockIn> {
        match self {
            Event::Received(s) | Event::AdjustedUp(s) | Event::CustomerReturnReceived(s) => Some(s),
            Event::TransferLineReceived { stock, .. } => Some(stock),
            _ => None,
        }
    }

    /// Units leaving a pool and a position, if this event takes any.
    pub(crate) fn stock_out(&self) -> Option<&StockOut> {
        match self {
            Event::Issued(s) | Event::AdjustedDown(s) => Some(s),
            Event::TransferLineShipped { stock, .. } => Some(stock),
            _ => None,
        }
    }

    /// Events that move units or value of positions and pools.
    /// The SKU and location codes of an event that moves stock (the SKU
    /// as the shared text most events carry, or else as plain text).
    pub(crate) fn stock_codes(&self) -> Option<(std::result::Result<&Code, &str>, &str)> {
        match self {
            Event::Received(s) | Event::AdjustedUp(s) | Event::CustomerReturnReceived(s) => {
                Some((Ok(&s.sku), &s.location))
            }
            Event::TransferLineReceived { stock, .. } => Some((Ok(&stock.sku), &stock.location)),
            Event::Issued(s) | Event::AdjustedDown(s) => Some((Ok(&s.sku), &s.location)),
            Event::TransferLineShipped { stock, .. } => Some((Ok(&stock.sku), &stock.location)),
            Event::Moved { sku, location, .. } | Event::TransferLineShort { sku, location, .. } => {
                Some((Ok(sku), location))
            }
            Event::PurchaseReceived { receipt, .. } => {
                Some((Err(receipt.sku.as_str()), &receipt.location))
            }
            _ => None,
        }
    }
}

/// The idempotency index of a log: each command's id at its first event
/// (an event starts a command unless it has the version and id of the one
/// before).
pub(crate) fn command_index_of(
    remembered: &[RememberedCommand],
    log: &[Arc<RecordedEvent>],
) -> CommandIndex {
    let mut starts: Vec<(u64, usize)> = remembered
        .iter()
        .enumerate()
        .map(|(slot, c)| (c.index_hash(), REMEMBERED | slot))
        .collect();
    let mut previous: Option<&RecordedEvent> = None;
    for (i, recorded) in log.iter().enumerate() {
        let continues = previous
            .is_some_and(|p| p.version == recorded.version && p.command_id == recorded.command_id);
        if !continues {
            starts.push((command_id_hash(&recorded.command_id), i));
        }
        previous = Some(recorded);
    }
    CommandIndex::build(starts)
}
