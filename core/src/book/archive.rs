//! Archiving what is closed: sales orders shipped (or cancelled) and paid
//! out, money documents settled and transfers received leave the book's
//! state once the host says they are old enough (`archive_closed`), so that
//! a book's memory is its open business, not its past. Their events stay in
//! the host's store; the book keeps only a stable 64-bit hash of each order
//! id, document number and transfer number it removed, so that the same
//! id cannot come back as new business and a command naming it is refused
//! with `ARCHIVED` rather than taken for an unknown one.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::book::{Command, Event};
//! let mut book = sales_book()?;
//! // Nothing of the sales book is closed before 2026: nothing leaves.
//! let before = landed::parse_date("2026-01-01")?;
//! let out = book.execute(Command::archive_closed(before), &ctx("2026-12-31", "archive-1")?)?;
//! assert!(matches!(out.events[0].event, Event::ClosedArchived { sales_orders: 0, .. }));
//! # Ok(()) }
//! ```

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::book::event::Event;
use crate::book::fingerprint::stable_hash;
use crate::book::plan::Planner;
use crate::book::{Book, Snapshot};
use crate::error::{LandedError, Result};
use crate::fast_hash::FxHasher;
use crate::trade::{CostTarget, PurchaseStatus, TransferStatus};

/// What `archive_closed` removed, remembered by hash.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Archive {
    /// How the hashes are made: `murmur3` (MurmurHash3's first half), or,
    /// absent, the fingerprint's word hash of archives written before,
    /// kept for them (their ids are gone, so they cannot be hashed again).
    /// The word hash gives similar ids the same hash (`seed-1019` and
    /// `seed-1092`), which would refuse a new id as archived.
    #[serde(default, skip_serializing_if = "HashScheme::is_word")]
    pub hash: HashScheme,
    /// The latest cut-off given: what was closed before it is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<NaiveDate>,
    /// Sales orders removed, by the hash of (channel, order id).
    #[serde(default, skip_serializing_if = "HashSet64::is_empty")]
    pub sales_orders: HashSet64,
    /// Document numbers removed (invoices, credit notes, shipments and
    /// refunds of removed orders), by hash.
    #[serde(default, skip_serializing_if = "HashSet64::is_empty")]
    pub documents: HashSet64,
    /// Transfer numbers removed, by hash.
    #[serde(default, skip_serializing_if = "HashSet64::is_empty")]
    pub transfers: HashSet64,
    /// Purchase order numbers removed, by hash.
    #[serde(default, skip_serializing_if = "HashSet64::is_empty")]
    pub purchase_orders: HashSet64,
    /// Receipt numbers of the purchase orders removed, by hash.
    #[serde(default, skip_serializing_if = "HashSet64::is_empty")]
    pub receipts: HashSet64,
    /// Landed-cost voucher numbers removed, by hash.
    #[serde(default, skip_serializing_if = "HashSet64::is_empty")]
    pub vouchers: HashSet64,
}

/// The hash an archive's sets are made with (see [`Archive::hash`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum HashScheme {
    /// The fingerprint's word hash: archives written before murmur3.
    #[default]
    Word,
    /// MurmurHash3 x64 128, first half.
    Murmur3,
}

impl HashScheme {
    fn is_word(&self) -> bool {
        *self == Self::Word
    }

    fn hash(self, parts: &[&str]) -> u64 {
        match self {
            Self::Word => stable_hash(parts),
            Self::Murmur3 => {
                let murmur = |bytes: &[u8]| crate::book::fingerprint::murmur3_x64_128(bytes).0;
                // An order's (channel, id) is joined on the stack: it is
                // looked up for every order ingested once the archive
                // holds orders.
                let len: usize = parts.iter().map(|p| p.len()).sum();
                match parts {
                    [one] => murmur(one.as_bytes()),
                    _ if len <= 256 => {
                        let mut joined = [0u8; 256];
                        let mut at = 0;
                        for part in parts {
                            joined[at..at + part.len()].copy_from_slice(part.as_bytes());
                            at += part.len();
                        }
                        murmur(&joined[..len])
                    }
                    _ => murmur(parts.concat().as_bytes()),
                }
            }
        }
    }
}

impl Archive {
    /// True when nothing was ever archived (kept out of snapshots).
    pub(crate) fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// True when the order `(channel, order)` was archived.
    pub(crate) fn has_order(&self, channel: &str, order: &str) -> bool {
        !self.sales_orders.0.is_empty()
            && self
                .sales_orders
                .contains(order_hash(self.hash, channel, order))
    }

    /// The scheme the next hashes are made with: murmur3, unless the
    /// archive already holds hashes of another.
    fn scheme_for_more(&self) -> HashScheme {
        let holds_hashes = [
            &self.sales_orders,
            &self.documents,
            &self.transfers,
            &self.purchase_orders,
            &self.receipts,
            &self.vouchers,
        ]
        .iter()
        .any(|set| !set.is_empty());
        if holds_hashes {
            self.hash
        } else {
            HashScheme::Murmur3
        }
    }

    /// True when the transfer `number` was archived.
    pub(crate) fn has_transfer(&self, number: &str) -> bool {
        !self.transfers.0.is_empty() && self.transfers.contains(document_hash(self.hash, number))
    }

    /// True when the purchase order `number` was archived.
    pub(crate) fn has_purchase_order(&self, number: &str) -> bool {
        !self.purchase_orders.0.is_empty()
            && self
                .purchase_orders
                .contains(document_hash(self.hash, number))
    }

    /// True when the landed-cost voucher `number` was archived.
    pub(crate) fn has_voucher(&self, number: &str) -> bool {
        !self.vouchers.0.is_empty() && self.vouchers.contains(document_hash(self.hash, number))
    }

    /// True when the receipt `number` was archived with its order.
    pub(crate) fn has_receipt(&self, number: &str) -> bool {
        !self.receipts.0.is_empty() && self.receipts.contains(document_hash(self.hash, number))
    }

    /// True when the document number `number` was archived.
    pub(crate) fn has_document(&self, number: &str) -> bool {
        !self.documents.0.is_empty() && self.documents.contains(document_hash(self.hash, number))
    }
}

fn order_hash(scheme: HashScheme, channel: &str, order: &str) -> u64 {
    // U+00FF between them keeps ("ab", "c") apart from ("a", "bc"), unless
    // a channel code itself holds that character.
    scheme.hash(&[channel, "\u{ff}", order])
}

fn document_hash(scheme: HashScheme, number: &str) -> u64 {
    scheme.hash(&[number])
}

/// A sorted set of 64-bit hashes: 8 bytes per archived item. Written as
/// one string of 16 hexadecimal digits per hash, in ascending order (a
/// JSON number would lose bits in JavaScript); read back only when in
/// strictly ascending order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct HashSet64(Vec<u64>);

impl HashSet64 {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when `hash` is held. The set grows with everything ever
    /// archived, and a binary search over millions of hashes misses the
    /// cache at nearly every step; it is asked for every new order and
    /// document. Murmur3 hashes spread evenly over the 64-bit range, so a
    /// hash's place is first guessed from its value (each guess also bounds
    /// the values left on either side); a few guesses leave a handful of
    /// entries, searched in halves. Skewed sets (the word hash of older
    /// archives) cost at most `GUESSES` extra reads.
    fn contains(&self, hash: u64) -> bool {
        /// Guesses before searching in halves.
        const GUESSES: usize = 6;
        let set = &self.0;
        let (mut lo, mut hi) = (0usize, set.len());
        // Every value in set[lo..hi] lies in low..=high.
        let (mut low, mut high) = (0u64, u64::MAX);
        for _ in 0..GUESSES {
            if hi - lo <= 8 {
                break;
            }
            if hash < low || hash > high {
                return false;
            }
            let span = u128::from(high - low) + 1;
            let offset = u128::from(hash - low) * (hi - lo) as u128 / span;
            let at = (lo + offset as usize).min(hi - 1);
            let Some(&found) = set.get(at) else {
                break;
            };
            match found.cmp(&hash) {
                std::cmp::Ordering::Equal => return true,
                // found < hash: found + 1 cannot overflow.
                std::cmp::Ordering::Less => (lo, low) = (at + 1, found + 1),
                // found > hash ≥ 0: found - 1 cannot underflow.
                std::cmp::Ordering::Greater => (hi, high) = (at, found - 1),
            }
        }
        set.get(lo..hi)
            .is_some_and(|rest| rest.binary_search(&hash).is_ok())
    }

    /// Adds `more`: sorted on their own, then merged into the sorted set in
    /// one pass. Sorting the whole set again made each archive cost the
    /// size of everything archived before it.
    fn extend(&mut self, more: impl IntoIterator<Item = u64>) {
        let mut more: Vec<u64> = more.into_iter().collect();
        if more.is_empty() {
            return;
        }
        more.sort_unstable();
        more.dedup();
        let old = std::mem::take(&mut self.0);
        let mut merged = Vec::with_capacity(old.len().saturating_add(more.len()));
        let (mut a, mut b) = (old.into_iter().peekable(), more.into_iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x < y => a.next(),
                (Some(x), Some(y)) if y < x => b.next(),
                // The same hash in both: kept once.
                (Some(_), Some(_)) => {
                    b.next();
                    a.next()
                }
                (Some(_), None) => a.next(),
                (None, _) => b.next(),
            };
            match next {
                Some(h) => merged.push(h),
                None => break,
            }
        }
        self.0 = merged;
    }
}

impl Serialize for HashSet64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|h| format!("{h:016x}")))
    }
}

impl<'de> Deserialize<'de> for HashSet64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let texts = Vec::<String>::deserialize(deserializer)?;
        let mut hashes = Vec::with_capacity(texts.len());
        for text in &texts {
            let valid =
                text.len() == 16 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
            let hash = u64::from_str_radix(text, 16)
                .ok()
                .filter(|_| valid)
                .ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "an archived hash is 16 lower-case hexadecimal digits, not {text:?}"
                    ))
                })?;
            if hashes.last().is_some_and(|&last| last >= hash) {
                return Err(serde::de::Error::custom(
                    "archived hashes are in strictly ascending order",
                ));
            }
            hashes.push(hash);
        }
        Ok(Self(hashes))
    }
}

/// What an archive cut-off removes from a state.
#[derive(Debug, Default)]
pub(crate) struct Closed {
    /// Sales orders, by their entry index in `sales.orders` (ascending).
    sales_orders: Vec<usize>,
    /// Money documents (invoices, credit notes) to remove.
    documents: Vec<ShortText>,
    /// Transfers to remove (received or closed before the cut-off).
    transfers: Vec<String>,
    /// Hashes of their numbers.
    transfer_hashes: Vec<u64>,
    /// Purchase orders to remove, with their receipt lines.
    purchase_orders: Vec<String>,
    /// Hashes of their numbers.
    po_hashes: Vec<u64>,
    /// Hashes of their receipt numbers.
    receipt_hashes: Vec<u64>,
    /// Landed-cost vouchers to remove.
    vouchers: Vec<String>,
    /// Hashes of their numbers.
    voucher_hashes: Vec<u64>,
    /// Hashes of the orders' (channel, order id).
    order_hashes: Vec<u64>,
    /// Hashes of every number to remember: the documents and the shipment
    /// and refund numbers of the orders (some carry no document).
    number_hashes: Vec<u64>,
}

impl Closed {
    /// Sales orders, documents, transfers, purchase orders and vouchers
    /// removed, as the event counts them.
    fn counts(&self) -> [u64; 5] {
        [
            self.sales_orders.len() as u64,
            self.documents.len() as u64,
            self.transfers.len() as u64,
            self.purchase_orders.len() as u64,
            self.vouchers.len() as u64,
        ]
    }
}

use crate::short_text::ShortText;

type StrSet<'a> = HashSet<&'a str, BuildHasherDefault<FxHasher>>;

impl Snapshot {
    /// True when the document `number` is settled with nothing open, and it
    /// and each of its settlements are dated before `before` (or the book
    /// holds no document of that number).
    fn settled_before(&self, number: &ShortText, before: NaiveDate) -> bool {
        // Looked up by `ShortText`, whose order reads the raw bytes: by
        // `&str`, each step of the search would check the key's UTF-8.
        self.ledger
            .documents
            .get(number)
            .is_none_or(|item| settled(item, before))
    }

    /// What is closed before `before`:
    /// - a sales order dated before it whose every line is shipped or
    ///   cancelled (nothing reserved, nothing left to route) and whose
    ///   shipments' and refunds' documents are settled before it;
    /// - a money document settled before it that belongs to no order and
    ///   carries no landed-cost accrual;
    /// - a transfer received (or closed) before it, no unit of it in
    ///   transit, that no estimated landed cost still waiting for its
    ///   actual names (the actual must find the transfer it replaces on);
    /// - a purchase order received, closed or cancelled, dated before it,
    ///   whose every receipt line is dated before it and invoiced in full
    ///   (nothing left in goods received not invoiced), and none of them
    ///   waiting for the actual of an estimated landed cost. Its receipt
    ///   lines go with it;
    /// - a landed-cost voucher dated before it, unless it is an estimate
    ///   still waiting for its actual.
    ///
    /// The cost origins of the transfer and receipt lines removed leave
    /// with them (see `trade::Origins`).
    ///
    /// One pass over the orders and one over the documents, hashed sets
    /// only: it runs twice per archive (plan and apply) over the whole open
    /// business.
    pub(crate) fn closed_before(&self, before: NaiveDate) -> Closed {
        let mut closed = Closed::default();
        let scheme = self.archive.scheme_for_more();
        // A document belongs to an order when it is one of its shipments
        // (all in `sales.shipments`) or refunds (collected here: far fewer
        // than the shipments, which a set of every order's numbers built at
        // each archive had cost a quarter of its time).
        let mut refunds = StrSet::default();
        for (index, ((channel, order), o)) in self.sales.orders.entries().enumerate() {
            let numbers = || o.shipments.iter().chain(o.refunds.iter());
            refunds.extend(o.refunds.iter().map(crate::short_text::ShortText::as_str));
            let done = o.date < before
                && o.lines.iter().all(|l| l.open() == 0 && l.reserved() == 0)
                && numbers().all(|n| self.settled_before(n, before));
            if done {
                closed.sales_orders.push(index);
                closed.order_hashes.push(order_hash(scheme, channel, order));
                for number in numbers() {
                    if self.ledger.documents.contains_key(number) {
                        closed.documents.push(number.clone());
                    }
                    closed.number_hashes.push(document_hash(scheme, number));
                }
            }
        }
        for (number, item) in &self.ledger.documents {
            if settled(item, before)
                && !self.sales.shipments.contains_key(number)
                && !refunds.contains(number.as_str())
                && !self.trade.accruals.contains_key(number.as_str())
            {
                closed.number_hashes.push(document_hash(scheme, number));
                closed.documents.push(number.clone());
            }
        }
        let mut awaited = StrSet::default();
        let mut awaited_receipts = StrSet::default();
        for target in self
            .trade
            .vouchers
            .values()
            .filter(|v| v.estimate && v.replaced_by.is_none())
            .flat_map(|v| v.targets.iter())
        {
            match target {
                CostTarget::Transfer { transfer, .. } => awaited.insert(transfer.as_str()),
                CostTarget::Receipt { receipt, .. } => awaited_receipts.insert(receipt.as_str()),
            };
        }
        for (number, t) in &self.trade.transfers {
            let done = matches!(t.status, TransferStatus::Received | TransferStatus::Closed)
                && t.received_on.is_some_and(|day| day < before)
                && !t.has_units_in_transit()
                && !awaited.contains(number.as_str());
            if done {
                closed.transfer_hashes.push(document_hash(scheme, number));
                closed.transfers.push(number.clone());
            }
        }
        for (number, po) in &self.trade.purchase_orders {
            let ended = matches!(
                po.status,
                PurchaseStatus::Received | PurchaseStatus::Closed | PurchaseStatus::Cancelled
            );
            if !ended || po.date >= before {
                continue;
            }
            let settled_receipts = po.receipts.iter().all(|r| {
                !awaited_receipts.contains(r.as_str())
                    && self.receipt_lines(r).all(|line| {
                        line.date < before
                            && line.invoiced >= line.quantity
                            && line.grni_open.amount.is_zero()
                    })
            });
            if settled_receipts {
                closed.po_hashes.push(document_hash(scheme, number));
                closed
                    .receipt_hashes
                    .extend(po.receipts.iter().map(|r| document_hash(scheme, r)));
                closed.purchase_orders.push(number.clone());
            }
        }
        for (number, v) in &self.trade.vouchers {
            if v.date < before && !(v.estimate && v.replaced_by.is_none()) {
                closed.voucher_hashes.push(document_hash(scheme, number));
                closed.vouchers.push(number.clone());
            }
        }
        closed
    }

    /// The lines of receipt `number`.
    fn receipt_lines<'a>(
        &'a self,
        number: &'a str,
    ) -> impl Iterator<Item = &'a crate::trade::ReceiptLine> + 'a {
        self.trade
            .receipts
            .range((number.to_owned(), 0)..)
            .take_while(move |((r, _), _)| r == number)
            .map(|(_, line)| line)
    }

    /// Removes what `closed_before(before)` found and remembers its ids.
    fn archive_closed(&mut self, before: NaiveDate, closed: Closed) {
        let sales = &mut self.sales;
        for &index in &closed.sales_orders {
            if let Some((_, o)) = sales.orders.entry(index) {
                for shipment in &o.shipments {
                    sales.shipments.remove(shipment);
                }
            }
        }
        sales.orders.remove_entries(&closed.sales_orders);
        for number in &closed.documents {
            self.ledger.documents.remove(number);
        }
        // The cost origins of the lines removed go with them: every lookup
        // of an origin goes through its document line.
        let mut origins: Vec<u32> = Vec::new();
        for number in &closed.transfers {
            if let Some(t) = self.trade.transfers.remove(number) {
                origins.extend(t.lines.iter().map(|l| l.origin));
            }
        }
        for number in &closed.vouchers {
            self.trade.vouchers.remove(number);
        }
        for number in &closed.purchase_orders {
            if let Some(po) = self.trade.purchase_orders.remove(number) {
                for receipt in &po.receipts {
                    let lines: Vec<(String, u32)> = self
                        .receipt_lines(receipt)
                        .map(|l| (l.receipt.clone(), l.line))
                        .collect();
                    for key in lines {
                        if let Some(line) = self.trade.receipts.remove(&key) {
                            origins.push(line.origin);
                        }
                    }
                }
            }
        }
        self.trade.origins.remove(&origins);
        self.archive.hash = self.archive.scheme_for_more();
        self.archive.sales_orders.extend(closed.order_hashes);
        self.archive.documents.extend(closed.number_hashes);
        self.archive.transfers.extend(closed.transfer_hashes);
        self.archive.purchase_orders.extend(closed.po_hashes);
        self.archive.receipts.extend(closed.receipt_hashes);
        self.archive.vouchers.extend(closed.voucher_hashes);
        self.archive.through = self.archive.through.max(Some(before));
    }
}

/// What each of `Closed::counts` counts.
const COUNTED: [&str; 5] = [
    "sales orders",
    "documents",
    "transfers",
    "purchase orders",
    "vouchers",
];

/// Counts in words: "1 sales orders, 0 documents, …".
fn describe(counts: [u64; 5]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .zip(COUNTED)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    parts.join(", ")
}

/// Settled with nothing open, the document and each settlement dated
/// before `before`.
fn settled(item: &crate::ledger::OpenItem, before: NaiveDate) -> bool {
    item.open.is_zero() && item.date < before && item.settlements.iter().all(|s| s.date < before)
}

impl Planner<'_> {
    /// Plans `archive_closed`: the event names the cut-off and what it
    /// removes; applying it (live or in replay) removes exactly that.
    pub(crate) fn plan_archive(&mut self, before: NaiveDate, forget: Option<u64>) -> Result<()> {
        if let Some(through) = forget
            && through > self.book.state.version
        {
            return Err(LandedError::InvalidCommand {
                reason: format!(
                    "forget_commands_through: version {through} is after the book's version {}",
                    self.book.state.version
                ),
            });
        }
        if let Some(through) = self.book.state.archive.through
            && before < through
        {
            return Err(LandedError::InvalidCommand {
                reason: format!(
                    "before: the book is already archived through {through}; a cut-off does not go back"
                ),
            });
        }
        let closed = self.book.state.closed_before(before);
        let [
            sales_orders,
            documents,
            transfers,
            purchase_orders,
            vouchers,
        ] = closed.counts();
        self.events.push(Event::ClosedArchived {
            before,
            sales_orders,
            documents,
            transfers,
            purchase_orders,
            vouchers,
            forgot_commands_through: forget,
        });
        self.archive = Some((before, closed));
        Ok(())
    }
}

/// The `ARCHIVED` error for the `what` numbered `id`, when `found`.
fn archived(found: bool, what: &str, id: &str) -> Option<LandedError> {
    found.then(|| LandedError::Archived {
        what: what.into(),
        id: id.to_owned(),
    })
}

impl Book {
    /// Applies a `ClosedArchived` event; in replay, refuses one whose
    /// counts disagree with what the state holds.
    pub(crate) fn apply_archive(
        &mut self,
        before: NaiveDate,
        counts: [u64; 5],
        forget: Option<u64>,
    ) -> Result<()> {
        // Live, the planner's findings (the state they were found in is
        // unchanged since: a commit applies only this event's effects); in
        // replay, found again.
        let mut closed = match self.scratch.archive.take() {
            Some((planned, closed)) if planned == before => closed,
            _ => self.state.closed_before(before),
        };
        let [_, _, transfers, purchase_orders, vouchers] = counts;
        // An event written by a book that archived no transfers, purchase
        // orders or vouchers (none was closed, or it predates their
        // archiving) removes none in replay either.
        if transfers == 0 {
            closed.transfers.clear();
            closed.transfer_hashes.clear();
        }
        if purchase_orders == 0 {
            closed.purchase_orders.clear();
            closed.po_hashes.clear();
            closed.receipt_hashes.clear();
        }
        if vouchers == 0 {
            closed.vouchers.clear();
            closed.voucher_hashes.clear();
        }
        let found = closed.counts();
        if found != counts {
            return Err(LandedError::InvalidCommand {
                reason: format!(
                    "archiving before {before} removes {}, not the {} the event says",
                    describe(found),
                    describe(counts)
                ),
            });
        }
        // The archive's own version is the book's by now: a bound at or
        // after it comes from an edited log (planning refuses it).
        if let Some(through) = forget
            && through >= self.state.version
        {
            return Err(LandedError::InvalidCommand {
                reason: format!(
                    "forgot_commands_through: version {through} is not before the archive's {}",
                    self.state.version
                ),
            });
        }
        self.state.archive_closed(before, closed);
        if let Some(through) = forget {
            self.forget_commands_through(through);
        }
        Ok(())
    }

    /// Forgets the remembered ids of the commands that made versions up to
    /// `through` (those in an in-memory log stay: the log holds them), and
    /// files the others again under their new places.
    fn forget_commands_through(&mut self, through: u64) {
        // Remembered in the order they ran, so in version order.
        let forgotten = self
            .state
            .remembered
            .partition_point(|c| c.version <= through);
        if forgotten == 0 {
            return;
        }
        let remembered = &mut self.state.remembered;
        remembered.drain(..forgotten);
        // Room is given back only when most of it is unused: the list
        // grows again by the commands to come.
        if remembered.len() < remembered.capacity() / 4 {
            remembered.shrink_to_fit();
        }
        self.index.commands =
            crate::book::replay::command_index_of(&self.state.remembered, &self.state.log);
    }

    /// The `ARCHIVED` error for an order this book archived, if it did.
    pub(crate) fn archived_order(&self, channel: &str, order: &str) -> Option<LandedError> {
        self.state
            .archive
            .has_order(channel, order)
            .then(|| LandedError::Archived {
                what: "sales order".into(),
                id: format!("{channel}/{order}"),
            })
    }

    /// The `ARCHIVED` error for a transfer this book archived.
    pub(crate) fn archived_transfer(&self, number: &str) -> Option<LandedError> {
        archived(self.state.archive.has_transfer(number), "transfer", number)
    }

    /// The `ARCHIVED` error for a purchase order this book archived.
    pub(crate) fn archived_purchase_order(&self, number: &str) -> Option<LandedError> {
        archived(
            self.state.archive.has_purchase_order(number),
            "purchase order",
            number,
        )
    }

    /// The `ARCHIVED` error for a landed-cost voucher this book archived.
    pub(crate) fn archived_voucher(&self, number: &str) -> Option<LandedError> {
        archived(self.state.archive.has_voucher(number), "voucher", number)
    }

    /// The `ARCHIVED` error for a receipt this book archived with its order.
    pub(crate) fn archived_receipt(&self, number: &str) -> Option<LandedError> {
        archived(self.state.archive.has_receipt(number), "receipt", number)
    }

    /// The `ARCHIVED` error for a document number this book archived.
    pub(crate) fn archived_document(&self, number: &str) -> Option<LandedError> {
        self.state
            .archive
            .has_document(number)
            .then(|| LandedError::Archived {
                what: "document".into(),
                id: number.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::{Archive, HashScheme, HashSet64, document_hash};

    /// An archive written with the word hash keeps finding its ids with
    /// it; a new archive uses murmur3, which tells apart the ids the word
    /// hash confused.
    #[test]
    fn each_archive_finds_ids_with_the_hash_it_was_made_with() {
        let word = document_hash(HashScheme::Word, "seed-1019");
        assert_eq!(word, document_hash(HashScheme::Word, "seed-1092"));
        let older = Archive {
            documents: HashSet64(vec![word]),
            ..Archive::default()
        };
        assert!(older.has_document("seed-1019"));
        assert_eq!(older.scheme_for_more(), HashScheme::Word);
        let newer = Archive {
            hash: HashScheme::Murmur3,
            documents: HashSet64(vec![document_hash(HashScheme::Murmur3, "seed-1019")]),
            ..Archive::default()
        };
        assert!(newer.has_document("seed-1019"));
        assert!(!newer.has_document("seed-1092"));
        assert_eq!(Archive::default().scheme_for_more(), HashScheme::Murmur3);
        // An order's parts, joined on the stack or not, hash as their text.
        let long = "x".repeat(300);
        for (channel, order) in [("shop-us", "1001"), ("shop-us", long.as_str())] {
            let text = format!("{channel}\u{ff}{order}");
            assert_eq!(
                super::order_hash(HashScheme::Murmur3, channel, order),
                crate::book::fingerprint::murmur3_x64_128(text.as_bytes()).0
            );
        }
    }

    /// Guessing a hash's place finds exactly what a binary search finds,
    /// in an even spread of hashes and in skewed ones (clustered, or all
    /// at the ends of the range), held or not.
    #[test]
    fn hash_set_contains_what_a_binary_search_finds() {
        let mut state = 5u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state
        };
        let spreads: [fn(u64) -> u64; 4] = [
            |r| r,
            |r| r % 1000,
            |r| {
                if r % 2 == 0 {
                    r % 50
                } else {
                    u64::MAX - r % 50
                }
            },
            |r| (r % 3) << 62 | (r >> 50),
        ];
        for spread in spreads {
            for size in [0usize, 1, 2, 9, 100, 5000] {
                let mut held: Vec<u64> = (0..size).map(|_| spread(next())).collect();
                held.extend([0, u64::MAX].into_iter().take(size % 3));
                held.sort_unstable();
                held.dedup();
                let set = HashSet64(held.clone());
                for &h in &held {
                    assert!(set.contains(h), "{h} of {size}");
                }
                for _ in 0..2000 {
                    let probe = spread(next());
                    assert_eq!(set.contains(probe), held.binary_search(&probe).is_ok());
                }
                for probe in [0, 1, u64::MAX - 1, u64::MAX] {
                    assert_eq!(set.contains(probe), held.binary_search(&probe).is_ok());
                }
            }
        }
    }

    /// Merging keeps the set what sorting it whole gave: ascending, each
    /// hash once, whether a new hash is already held, repeated or not.
    #[test]
    fn hash_set_extend_merges_in_order() {
        let mut set = HashSet64::default();
        let mut all: Vec<u64> = Vec::new();
        let mut state = 11u64;
        for round in 0..20u64 {
            let more: Vec<u64> = (0..round * 7)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (state >> 40) % 500
                })
                .collect();
            all.extend(&more);
            all.sort_unstable();
            all.dedup();
            set.extend(more);
            assert_eq!(set.0, all, "round {round}");
        }
        set.extend(Vec::new());
        assert_eq!(set.0, all);
    }
}
