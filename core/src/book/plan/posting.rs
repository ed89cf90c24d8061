//! Postings of the goods flow: the voucher of each stock movement and of
//! each goods-flow document (legs resolved to accounts by the posting rules).
//! Every entry is checked (balanced, known accounts, open period) before the
//! command can succeed.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // A sale posts its cost by the posting rules: Dr 5000 / Cr 1300.
//! let mut book = lamp_book_until("order-302")?;
//! let out = book.execute(lamp_command("order-302"), &ctx("2026-11-09", "order-302")?)?;
//! assert_eq!(posted(&out), [("5000".into(), "177.50".into(), "0.00".into()),
//!     ("1300".into(), "0.00".into(), "177.50".into())]);
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::Code;
use crate::book::command::IssueReason;
use crate::book::event::{Event, StockIn, StockOut};
use crate::book::plan::Planner;
use crate::error::{LandedError, Result};
use crate::inventory::{LocId, SkuId};
use crate::ledger::{
    AccountRole, JournalEntry, JournalLine, LineDimensions, PostingFacts, two_lines,
};
use crate::money::{Currency, Money};

impl Planner<'_> {
    pub(crate) fn functional(&self) -> Currency {
        self.book.config().functional_currency
    }

    pub(crate) fn places(&self) -> u32 {
        self.functional().minor_units()
    }

    pub(crate) fn round(&self, value: Decimal) -> Decimal {
        self.book.rounding().strategy.round(value, self.places())
    }

    /// Checks an entry, numbers it with its event's sequence and plans it.
    pub(crate) fn push_entry(&mut self, mut entry: JournalEntry) -> Result<()> {
        entry.id = self.next_event_seq();
        // Debits first, as a voucher is read; otherwise in the given order.
        if !entry.lines.is_sorted_by_key(|l| l.debit.is_zero()) {
            entry.lines.sort_by_key(|l| l.debit.is_zero());
        }
        // The empty side reads 0.00, in minor units like the other.
        let zero = Decimal::new(0, self.places());
        let places = self.places();
        for line in &mut entry.lines {
            if line.debit.is_zero() {
                line.debit = zero;
            }
            if line.credit.is_zero() {
                line.credit = zero;
            }
            // Both sides at the functional currency's scale (`629.00`, not
            // `629.0`): journals and totals read as the currency's amounts.
            line.debit = crate::money::at_scale(line.debit, places);
            line.credit = crate::money::at_scale(line.credit, places);
        }
        let sums = self.book.ledger().check_entry(&entry, self.places())?;
        self.posted = self.book.ledger().check_room(&sums, &self.posted)?;
        self.events.push(Event::JournalPosted(entry));
        Ok(())
    }

    /// Posts the voucher of the stock event just planned, if the book keeps
    /// a ledger and the movement changed value.
    pub(crate) fn post_last_movement(&mut self, sku: SkuId, loc: LocId) -> Result<()> {
        if !self.book.ledger().enabled {
            return Ok(());
        }
        let Some(event) = self.events.last() else {
            return Ok(());
        };
        let date = self.at.date_naive();
        // At most three vouchers (the movement, a true-up and a damage
        // write-down); an array spares an allocation per movement.
        let mut entries: [Option<JournalEntry>; 3] = [None, None, None];
        match event {
            Event::Received(s) | Event::AdjustedUp(s) | Event::CustomerReturnReceived(s) => {
                let credit = match event {
                    Event::Received(_) => AccountRole::Grni,
                    // Returned units come back at the cost that went out.
                    Event::CustomerReturnReceived(_) => AccountRole::Cogs,
                    _ => AccountRole::InventoryGain,
                };
                let mut facts: MovementFacts<'_> = (s, sku, loc).into();
                if matches!(event, Event::CustomerReturnReceived(_)) {
                    // A restocked return gives back the cost of goods sold
                    // of its channel: the reference is the order's
                    // document, `channel/order`, so profit by channel sees
                    // the credit beside the sale's COGS.
                    facts.channel = s
                        .reference
                        .as_deref()
                        .and_then(|r| r.split_once('/'))
                        .map(|(channel, _)| channel)
                        .filter(|c| self.book.state.sales.channels.contains_key(*c));
                }
                entries[0] = Some(self.movement_entry(
                    facts,
                    AccountRole::Inventory,
                    credit,
                    s.value.amount,
                    date,
                ));
                if let Some(t) = &s.cost.true_up {
                    // Units issued before they existed went out at a
                    // provisional cost; their real cost moves to COGS.
                    let mut e = self.movement_entry(
                        (s, sku, loc).into(),
                        AccountRole::Cogs,
                        AccountRole::Inventory,
                        t.difference,
                        date,
                    );
                    e.memo = "negative stock true-up".into();
                    entries[1] = Some(e);
                }
                if let Some(w) = &s.write_down {
                    let mut e = self.movement_entry(
                        (s, sku, loc).into(),
                        AccountRole::DamageWriteDown,
                        AccountRole::InventoryAllowance,
                        w.amount,
                        date,
                    );
                    e.memo = WRITE_DOWN_MEMO.into();
                    entries[2] = Some(e);
                }
            }
            Event::Issued(s) | Event::AdjustedDown(s) => {
                let debit = match (event, s.reason) {
                    (Event::AdjustedDown(_), _) => AccountRole::InventoryLoss,
                    (_, Some(IssueReason::Disposal)) => AccountRole::DisposalExpense,
                    (_, Some(IssueReason::Sample | IssueReason::InternalUse)) => {
                        AccountRole::SampleExpense
                    }
                    _ => AccountRole::Cogs,
                };
                entries[0] = Some(match &s.allowance_released {
                    None => self.movement_entry(
                        (s, sku, loc).into(),
                        debit,
                        AccountRole::Inventory,
                        s.value.amount,
                        date,
                    ),
                    // Written-down units: their allowance goes with them,
                    // and only the rest of their value is expensed now.
                    Some(released) => {
                        let rest = s
                            .value
                            .amount
                            .checked_sub(released.amount)
                            .ok_or_else(|| LandedError::overflow("write-down release"))?;
                        let mut m: MovementFacts<'_> = (s, sku, loc).into();
                        m.memo = "stock out, write-down released";
                        self.entry_of_parts(
                            m,
                            &[
                                (AccountRole::InventoryAllowance, released.amount),
                                (AccountRole::Inventory, -s.value.amount),
                                (debit, rest),
                            ],
                            date,
                        )
                    }
                });
            }
            Event::Moved {
                sku: sku_code,
                location,
                lot,
                write_down,
                allowance_released,
                ..
            } => {
                let m = |memo| MovementFacts {
                    memo,
                    sku_id: sku,
                    loc_id: loc,
                    sku: sku_code,
                    location,
                    lot: lot.as_deref(),
                    channel: None,
                    reference: None,
                    shared_channel: None,
                    shared_reference: None,
                };
                if let Some(w) = write_down {
                    entries[0] = Some(self.movement_entry(
                        m(WRITE_DOWN_MEMO),
                        AccountRole::DamageWriteDown,
                        AccountRole::InventoryAllowance,
                        w.amount,
                        date,
                    ));
                } else if let Some(r) = allowance_released {
                    // Units no longer damaged: the write-down is recovered.
                    entries[0] = Some(self.movement_entry(
                        m("damage write-down reversed"),
                        AccountRole::InventoryAllowance,
                        AccountRole::DamageWriteDown,
                        r.amount,
                        date,
                    ));
                }
            }
            _ => {}
        }
        for entry in entries
            .into_iter()
            .flatten()
            .filter(|e| !e.lines.is_empty())
        {
            self.push_entry(entry)?;
        }
        Ok(())
    }

    /// A voucher of a movement from signed parts (debit positive); zero
    /// parts are left out.
    fn entry_of_parts(
        &self,
        m: MovementFacts<'_>,
        parts: &[(AccountRole, Decimal)],
        date: NaiveDate,
    ) -> JournalEntry {
        let (facts, dims) = self.movement_context(&m);
        let ledger = self.book.ledger();
        let lines = parts
            .iter()
            .filter(|(_, net)| !net.is_zero())
            .map(|(role, net)| JournalLine {
                account: ledger.account_for(*role, &facts),
                debit: (*net).max(Decimal::ZERO),
                credit: (-*net).max(Decimal::ZERO),
                transaction_amount: None,
                rate: None,
                dimensions: dims.clone(),
            })
            .collect();
        JournalEntry {
            id: 0,
            date,
            memo: m.memo.into(),
            document: m.reference.map(str::to_owned),
            reverses: None,
            lines,
        }
    }

    /// The rule facts and line dimensions of a movement.
    fn movement_context<'m>(&'m self, m: &MovementFacts<'m>) -> (PostingFacts<'m>, LineDimensions) {
        // By id: the codes were resolved once when the movement was checked.
        let kind = self.book.location_spec(m.loc_id).map(|l| l.kind);
        let category = self.book.sku_category(m.sku_id);
        let facts = PostingFacts {
            location: Some(&**m.location),
            location_kind: kind,
            channel: m.channel,
            category,
        };
        let dims = LineDimensions {
            sku: Some(m.sku.clone()),
            location: Some(m.location.clone()),
            lot: m.lot.map(str::to_owned),
            channel: match m.shared_channel {
                Some(code) => Some(code.clone()),
                None => m.channel.map(Code::from),
            },
            document: match m.shared_reference {
                Some(code) => Some(code.clone()),
                None => m.reference.map(Code::from),
            },
        };
        (facts, dims)
    }

    fn movement_entry(
        &self,
        m: MovementFacts<'_>,
        debit: AccountRole,
        credit: AccountRole,
        amount: Decimal,
        date: NaiveDate,
    ) -> JournalEntry {
        let (facts, dims) = self.movement_context(&m);
        let ledger = self.book.ledger();
        let lines = if amount.is_zero() {
            Vec::new()
        } else {
            two_lines(
                ledger.account_for(debit, &facts),
                ledger.account_for(credit, &facts),
                amount,
                dims,
            )
        };
        JournalEntry {
            id: 0,
            date,
            memo: m.memo.into(),
            document: m.reference.map(str::to_owned),
            reverses: None,
            lines,
        }
    }
}

/// One line of a goods-flow voucher before its account is resolved.
pub(crate) struct Leg {
    /// The role, resolved with the line's location, SKU category and channel.
    pub role: AccountRole,
    /// An explicit account instead of the role's (a landed-cost charge).
    pub account: Option<String>,
    /// Debit positive, credit negative (functional).
    pub net: Decimal,
    pub sku: Option<SkuId>,
    pub location: Option<LocId>,
    pub lot: Option<String>,
    /// Sales channel (rule matching and the line's dimension).
    pub channel: Option<Code>,
    /// The line's document dimension, when it is not the entry's (a
    /// shipment's lines name their order).
    pub document: Option<Code>,
    /// Transaction amount (signed like the line) and rate.
    pub transaction: Option<(Money, Decimal)>,
}

impl Leg {
    pub(crate) fn new(role: AccountRole, net: Decimal) -> Self {
        Self {
            role,
            account: None,
            net,
            sku: None,
            location: None,
            lot: None,
            channel: None,
            document: None,
            transaction: None,
        }
    }

    pub(crate) fn at(mut self, sku: SkuId, location: LocId, lot: Option<String>) -> Self {
        self.sku = Some(sku);
        self.location = Some(location);
        self.lot = lot;
        self
    }
}

impl Planner<'_> {
    /// Posts a voucher of goods-flow legs (nothing when the book keeps no
    /// ledger or every leg is zero): accounts by rule, dimensions from
    /// each leg, the document on every line.
    pub(crate) fn post_legs(
        &mut self,
        date: NaiveDate,
        memo: String,
        document: &str,
        legs: Vec<Leg>,
    ) -> Result<()> {
        if !self.book.ledger().enabled {
            return Ok(());
        }
        let ledger = self.book.ledger();
        let mut lines = Vec::with_capacity(legs.len());
        // One copy of the entry's document, shared by the lines that name it.
        let entry_document = Code::from(document);
        for leg in legs {
            if leg.net.is_zero() {
                continue;
            }
            let location = leg.location.map(|l| self.book.loc_code_arc(l));
            let kind = leg
                .location
                .and_then(|l| self.book.location_spec(l))
                .map(|l| l.kind);
            let category = leg
                .sku
                .and_then(|s| self.book.skus().get(s as usize))
                .and_then(|s| s.spec.category.as_deref());
            let facts = PostingFacts {
                location: location.as_deref(),
                location_kind: kind,
                channel: leg.channel.as_deref(),
                category,
            };
            let account = match &leg.account {
                Some(code) => Code::from(code.as_str()),
                None => ledger.account_for(leg.role, &facts),
            };
            let dims = LineDimensions {
                sku: leg.sku.map(|s| self.book.sku_code_arc(s)),
                location,
                lot: leg.lot,
                channel: leg.channel.clone(),
                document: Some(leg.document.unwrap_or_else(|| entry_document.clone())),
            };
            let (amount, rate) = match leg.transaction {
                Some((m, r)) => (Some(m), Some(r)),
                None => (None, None),
            };
            // The rule's own shared account text (not a copy): the ledger
            // finds its index by address when it checks and records the line.
            lines.push(JournalLine {
                account,
                debit: leg.net.max(Decimal::ZERO),
                credit: (-leg.net).max(Decimal::ZERO),
                transaction_amount: amount,
                rate,
                dimensions: dims,
            });
        }
        if lines.is_empty() {
            return Ok(());
        }
        self.push_entry(JournalEntry {
            id: 0,
            date,
            memo: memo.into(),
            document: Some(document.to_owned()),
            reverses: None,
            lines,
        })
    }
}

/// Memo of the voucher writing damaged units down.
const WRITE_DOWN_MEMO: &str = "damage write-down";

/// What a stock event says about itself, for its voucher.
pub(crate) struct MovementFacts<'a> {
    memo: &'static str,
    sku_id: SkuId,
    loc_id: LocId,
    sku: &'a Code,
    location: &'a Code,
    lot: Option<&'a str>,
    channel: Option<&'a str>,
    reference: Option<&'a str>,
    /// The same texts when the event already holds them shared: the
    /// voucher's dimensions take another reference instead of a copy.
    shared_channel: Option<&'a Code>,
    shared_reference: Option<&'a Code>,
}

impl<'a> From<(&'a StockIn, SkuId, LocId)> for MovementFacts<'a> {
    fn from((s, sku_id, loc_id): (&'a StockIn, SkuId, LocId)) -> Self {
        Self {
            memo: "stock in",
            sku_id,
            loc_id,
            sku: &s.sku,
            location: &s.location,
            lot: s.lot.as_deref(),
            channel: None,
            reference: s.reference.as_deref(),
            shared_channel: None,
            shared_reference: None,
        }
    }
}

impl<'a> From<(&'a StockOut, SkuId, LocId)> for MovementFacts<'a> {
    fn from((s, sku_id, loc_id): (&'a StockOut, SkuId, LocId)) -> Self {
        Self {
            memo: "stock out",
            sku_id,
            loc_id,
            sku: &s.sku,
            location: &s.location,
            lot: s.lot.as_deref(),
            channel: s.channel.as_deref(),
            reference: s.reference.as_deref(),
            shared_channel: s.channel.as_ref(),
            shared_reference: s.reference.as_ref(),
        }
    }
}
