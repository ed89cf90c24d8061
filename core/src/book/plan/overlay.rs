//! The planner's overlay: scratch copies of the positions, pools, write-down
//! allowances and lots a command touches, and `apply_stock_at`, the one place
//! a stock event changes them, live and in replay (where stored costs are
//! checked against the pools).
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Two issues in one all-or-nothing batch: the second fails, so the first,
//! // applied on the scratch overlay, is undone with it.
//! use landed::book::BatchMode;
//! let mut book = lamp_book()?;
//! let sale = |n: u32| landed::Command::from_json(&format!(
//!     r#"{{"type":"issue","sku":"LAMP","location":"DE","quantity":{n},"reason":"sale"}}"#));
//! let batch = vec![(sale(20)?, ctx("2026-11-21", "o-1")?), (sale(20)?, ctx("2026-11-21", "o-2")?)];
//! let results = book.execute_batch(batch, BatchMode::AllOrNothing);
//! assert_eq!(results[1].as_ref().unwrap_err().code(), "INSUFFICIENT_STOCK");
//! assert_eq!(book.position("LAMP", "DE", None)?.quantities.available, 29);
//! # Ok(()) }
//! ```

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::book::Book;
use crate::book::event::{Event, StockIn, StockOut};
use crate::book::plan::{Planner, Scratch, Staged};
use crate::error::{LandedError, Result, invalid};
use crate::inventory::{
    Bucket, LocId, LotId, LotInfo, NO_LOT, Pool, PoolKey, PosKey, Position, SkuId,
};
use crate::money::Money;

impl<'a> Planner<'a> {
    /// A planner on `book`, with the book's spare buffers (taken out first,
    /// since the planner only borrows the book).
    pub(crate) fn new(book: &'a mut Book, at: DateTime<Utc>) -> Self {
        let scratch = std::mem::take(&mut book.scratch);
        let book: &'a Book = book;
        Self {
            book,
            at,
            events: scratch.events,
            positions: scratch.positions,
            pools: scratch.pools,
            new_lots: Vec::new(),
            allowances: Vec::new(),
            replaying: false,
            posted: crate::ledger::Sums::default(),
            archive: None,
        }
    }

    /// The buffers back, emptied, after a failed plan.
    pub(crate) fn into_scratch(self) -> Scratch {
        let (events, staged) = self.finish();
        staged.into_scratch(events)
    }

    /// The planned events and the state they produce.
    pub(crate) fn finish(self) -> (Vec<Event>, Staged) {
        let staged = Staged {
            positions: self.positions,
            pools: self.pools,
            new_lots: self.new_lots,
            allowances: self.allowances,
            archive: self.archive,
        };
        (self.events, staged)
    }

    pub(crate) fn next_event_seq(&self) -> u64 {
        self.next_seq()
    }

    pub(crate) fn next_seq(&self) -> u64 {
        self.book.state.next_seq() + self.events.len() as u64
    }

    pub(crate) fn position(&self, key: PosKey) -> Option<&Position> {
        match self.positions.iter().find(|(k, _)| *k == key) {
            Some((_, p)) => Some(p),
            None => self.book.state.positions.get(&key),
        }
    }

    pub(crate) fn quantity(&self, key: PosKey, bucket: Bucket) -> i64 {
        self.position(key).map_or(0, |p| p.get(bucket))
    }

    pub(crate) fn position_mut(&mut self, key: PosKey) -> &mut Position {
        let index = match self.positions.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let copy = self
                    .book
                    .state
                    .positions
                    .get(&key)
                    .cloned()
                    .unwrap_or_default();
                self.positions.push((key, copy));
                self.positions.len() - 1
            }
        };
        &mut self.positions[index].1
    }

    pub(crate) fn pool(&self, key: PoolKey) -> Option<&Pool> {
        match self.pools.iter().find(|(k, _)| *k == key) {
            Some((_, p)) => Some(p),
            None => self.book.state.pools.get(&key),
        }
    }

    pub(crate) fn pool_mut(&mut self, key: PoolKey) -> &mut Pool {
        let index = match self.pools.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let copy = self.book.state.pools.get(&key).cloned().unwrap_or_default();
                self.pools.push((key, copy));
                self.pools.len() - 1
            }
        };
        &mut self.pools[index].1
    }

    /// A position's write-down allowance as planned so far.
    fn allowance(&self, key: PosKey) -> Decimal {
        match self.allowances.iter().find(|(k, _)| *k == key) {
            Some((_, a)) => *a,
            None => self
                .book
                .state
                .allowances
                .get(&key)
                .map_or(Decimal::ZERO, |a| a.0),
        }
    }

    /// Adds `delta` to a position's allowance, which never goes negative.
    fn change_allowance(&mut self, key: PosKey, delta: Decimal) -> Result<()> {
        let next = self
            .allowance(key)
            .checked_add(delta)
            .ok_or_else(|| LandedError::overflow("write-down allowance"))?;
        if next < Decimal::ZERO {
            return Err(LandedError::Internal {
                detail: format!("a position's write-down allowance would be {next}"),
            });
        }
        match self.allowances.iter_mut().find(|(k, _)| *k == key) {
            Some((_, a)) => *a = next,
            None => self.allowances.push((key, next)),
        }
        Ok(())
    }

    /// True when this book writes down damaged stock.
    pub(crate) fn writes_down(&self) -> bool {
        self.book.state.config.damage_write_down
    }

    /// An amount as functional money, `None` when zero.
    pub(crate) fn nonzero(&self, amount: Decimal) -> Option<Money> {
        (!amount.is_zero()).then(|| self.book.money(amount))
    }

    /// The share of a position's allowance that `quantity` damaged units
    /// take with them: pro rata by units, the last damaged units taking
    /// what is left, so no cent stays behind.
    pub(crate) fn allowance_share(&self, key: PosKey, quantity: i64) -> Result<Option<Money>> {
        let allowance = self.allowance(key);
        if allowance.is_zero() {
            return Ok(None);
        }
        let damaged = self.quantity(key, Bucket::Damaged);
        let share = if quantity >= damaged {
            allowance
        } else {
            let rounding = self.book.rounding();
            crate::inventory::pro_rata(
                allowance,
                quantity,
                damaged,
                rounding.places,
                rounding.strategy,
            )?
        };
        Ok(self.nonzero(share))
    }

    pub(crate) fn lot_lookup(
        &self,
        sku: SkuId,
        number: &str,
    ) -> Option<(LotId, Option<NaiveDate>)> {
        if let Ok(id) = self.book.lot_id(sku, number) {
            return self.book.lot_info(id).map(|l| (id, l.expiry));
        }
        let base = self.book.state.lots.len() as LotId;
        self.new_lots
            .iter()
            .position(|l| l.sku == sku && l.number == number)
            .map(|i| (base + i as LotId + 1, self.new_lots[i].expiry))
    }

    pub(crate) fn lot_number(&self, id: LotId) -> Option<String> {
        if id == NO_LOT {
            return None;
        }
        let known = self.book.state.lots.len() as LotId;
        if id <= known {
            self.book.lot_info(id).map(|l| l.number.clone())
        } else {
            self.new_lots
                .get((id - known - 1) as usize)
                .map(|l| l.number.clone())
        }
    }

    /// Lot id of a lot that must already exist (or [`NO_LOT`] for none).
    pub(crate) fn existing_lot(&self, sku: SkuId, number: Option<&str>) -> Result<LotId> {
        let Some(number) = number else {
            return Ok(NO_LOT);
        };
        self.lot_lookup(sku, number)
            .map(|(id, _)| id)
            .ok_or_else(|| LandedError::UnknownLot {
                sku: self.book.sku_code(sku).to_owned(),
                lot: number.to_owned(),
            })
    }

    /// Lot id for an incoming movement, registering a new lot if needed.
    pub(crate) fn lot_for_receipt(
        &mut self,
        sku: SkuId,
        number: &str,
        expiry: Option<NaiveDate>,
        seq: u64,
    ) -> Result<LotId> {
        match self.lot_lookup(sku, number) {
            Some((id, known)) => {
                if expiry.is_some() && expiry != known {
                    return Err(LandedError::LotRule {
                        sku: self.book.sku_code(sku).to_owned(),
                        reason: format!(
                            "lot {number} already has expiry {known:?}, not {expiry:?}"
                        ),
                    });
                }
                Ok(id)
            }
            None => {
                self.new_lots.push(LotInfo {
                    sku,
                    number: number.to_owned(),
                    expiry,
                    first_seq: seq,
                });
                Ok(self.book.state.lots.len() as LotId + self.new_lots.len() as LotId)
            }
        }
    }

    /// Applies a stock event read from the log to the overlay: resolves its
    /// SKU and location codes, then applies it like a planned one.
    /// Applies a stock event whose SKU and location ids are known. Shared by
    /// planning (live, where the ids were resolved once while validating)
    /// and by replay, so both compute the same state.
    pub(crate) fn apply_stock_at(
        &mut self,
        event: &Event,
        sku: SkuId,
        loc: LocId,
        seq: u64,
    ) -> Result<()> {
        let method = self.book.state.config.valuation_method;
        match (event, event.stock_in(), event.stock_out()) {
            (_, Some(s), _) => {
                let lot = match &s.lot {
                    Some(number) => self.lot_for_receipt(sku, number, s.expiry, seq)?,
                    None => NO_LOT,
                };
                let scope = self.book.location_scope(loc);
                // Units that came through a transfer keep their layer's time.
                let at = s.cost.layer_at.unwrap_or(self.at);
                if self.replaying {
                    self.check_cost_in(PoolKey { sku, scope }, s, seq)?;
                }
                self.pool_mut(PoolKey { sku, scope }).apply_in(
                    method,
                    &s.cost,
                    at,
                    s.unit_cost.amount,
                )?;
                let position = self.position_mut(PosKey {
                    sku,
                    location: loc,
                    lot,
                });
                position.add(s.bucket, s.quantity)?;
                if s.bucket == Bucket::Damaged {
                    if let Some(reason) = s.damage_reason.as_deref() {
                        crate::limits::check_label("damage reason", reason)?;
                    }
                    position.add_damage_reason(s.damage_reason.as_deref(), s.quantity);
                }
                if let Event::TransferLineReceived { over: false, .. } = event {
                    position.add(Bucket::InTransit, -s.quantity)?;
                }
                if let Some(w) = &s.write_down {
                    let key = PosKey {
                        sku,
                        location: loc,
                        lot,
                    };
                    self.change_allowance(key, w.amount)?;
                }
            }
            (
                Event::PurchaseReceived {
                    from_on_order,
                    from_in_transit,
                    ..
                },
                ..,
            ) => {
                let position = self.position_mut(PosKey {
                    sku,
                    location: loc,
                    lot: NO_LOT,
                });
                position.add(Bucket::OnOrder, -from_on_order)?;
                position.add(Bucket::InTransit, -from_in_transit)?;
            }
            (Event::TransferLineShort { lot, quantity, .. }, ..) => {
                let lot = self.existing_lot(sku, lot.as_deref())?;
                self.position_mut(PosKey {
                    sku,
                    location: loc,
                    lot,
                })
                .add(Bucket::InTransit, -quantity)?;
            }
            (_, _, Some(s)) => {
                let lot = self.existing_lot(sku, s.lot.as_deref())?;
                let scope = self.book.location_scope(loc);
                if self.replaying {
                    self.check_cost_out(PoolKey { sku, scope }, s)?;
                }
                self.pool_mut(PoolKey { sku, scope }).apply_out(&s.cost)?;
                let position = self.position_mut(PosKey {
                    sku,
                    location: loc,
                    lot,
                });
                position.add(s.bucket, -s.quantity)?;
                if s.bucket == Bucket::Damaged {
                    if let Some(reason) = s.damage_reason.as_deref() {
                        crate::limits::check_label("damage reason", reason)?;
                    }
                    position.add_damage_reason(s.damage_reason.as_deref(), -s.quantity);
                }
                if let Event::TransferLineShipped {
                    destination,
                    pieces,
                    ..
                } = event
                {
                    let to = self.book.loc_id(destination)?;
                    for piece in pieces {
                        let lot = self.existing_lot(sku, piece.lot.as_deref())?;
                        self.position_mut(PosKey {
                            sku,
                            location: to,
                            lot,
                        })
                        .add(Bucket::InTransit, piece.quantity)?;
                    }
                }
                if let Some(r) = &s.allowance_released {
                    let key = PosKey {
                        sku,
                        location: loc,
                        lot,
                    };
                    self.change_allowance(key, -r.amount)?;
                }
            }
            (
                Event::Moved {
                    lot,
                    from,
                    to,
                    quantity,
                    reason,
                    write_down,
                    allowance_released,
                    ..
                },
                ..,
            ) => {
                let lot = self.existing_lot(sku, lot.as_deref())?;
                let key = PosKey {
                    sku,
                    location: loc,
                    lot,
                };
                if let Some(w) = write_down {
                    self.change_allowance(key, w.amount)?;
                }
                if let Some(r) = allowance_released {
                    self.change_allowance(key, -r.amount)?;
                }
                let position = self.position_mut(key);
                position.add(*from, -quantity)?;
                position.add(*to, *quantity)?;
                if *from == Bucket::Damaged {
                    if let Some(reason) = reason.as_deref() {
                        crate::limits::check_label("damage reason", reason)?;
                    }
                    position.add_damage_reason(reason.as_deref(), -quantity);
                }
                if *to == Bucket::Damaged {
                    if let Some(reason) = reason.as_deref() {
                        crate::limits::check_label("damage reason", reason)?;
                    }
                    position.add_damage_reason(reason.as_deref(), *quantity);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl Planner<'_> {
    /// A stored incoming movement's cost must be what the pool plans for
    /// its units and value (deficit settled, FIFO layer numbered by seq).
    fn check_cost_in(&self, key: PoolKey, s: &StockIn, seq: u64) -> Result<()> {
        let pool = self.pool(key);
        if pool.is_none_or(|p| p.deficit_quantity() == 0) {
            // No negative stock to settle (the usual case): the units and
            // value go in as they are, as a layer numbered by the event.
            if s.cost.quantity == s.quantity
                && s.cost.value == s.value.amount
                && s.cost.layer == Some(seq)
                && s.cost.true_up.is_none()
            {
                return Ok(());
            }
        }
        let rounding = self.book.rounding();
        let planned = match pool {
            Some(pool) => pool.plan_in(s.quantity, s.value.amount, seq, rounding)?,
            None => Pool::default().plan_in(s.quantity, s.value.amount, seq, rounding)?,
        };
        if planned.quantity != s.cost.quantity
            || planned.value != s.cost.value
            || planned.layer != s.cost.layer
            || planned.true_up != s.cost.true_up
        {
            return Err(invalid(format!(
                "its cost {:?} is not what the pool takes in ({:?})",
                s.cost, planned
            )));
        }
        Ok(())
    }

    /// A stored outgoing movement's cost must be what the pool gives out
    /// for its units, planned again on the replayed pool.
    fn check_cost_out(&self, key: PoolKey, s: &StockOut) -> Result<()> {
        let method = self.book.state.config.valuation_method;
        let rounding = self.book.rounding();
        let planned = match self.pool(key) {
            Some(pool) => pool.plan_out(method, s.quantity, rounding)?,
            None => Pool::default().plan_out(method, s.quantity, rounding)?,
        };
        if planned != s.cost {
            return Err(invalid(format!(
                "{} units leave the pool at {}, not {}",
                s.quantity,
                planned.total_value(),
                s.cost.total_value()
            )));
        }
        Ok(())
    }
}
