//! Planning of stock movements: receipts, issues (lots picked FEFO, costed
//! by the pool), moves between buckets and adjustments, with the checks every
//! movement makes (SKU active, location not frozen, quantity, unit cost, lot
//! rules).
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // An issue goes out at the pool's cost: 10 lamps at 17.75.
//! let mut book = lamp_book_until("order-302")?;
//! let out = book.execute(lamp_command("order-302"), &ctx("2026-11-09", "order-302")?)?;
//! let landed::Event::Issued(sold) = &out.events[0].event else { unreachable!() };
//! assert_eq!((sold.quantity, sold.value.to_string()), (10, "177.50 CNY".to_string()));
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::Code;

use crate::book::command::{Adjust, Issue, Move, Receive};
use crate::book::event::{Event, StockIn, StockOut};
use crate::book::plan::{Pick, Planner, StockInPlan, lot_rule};
use crate::error::{LandedError, Result, invalid};
use crate::inventory::{
    Bucket, LocId, LotId, NO_LOT, NegativeStockPolicy, Pool, PoolKey, PosKey, SkuId,
    ValuationMethod,
};
use crate::limits::{MAX_UNIT_COST, check_quantity};
use crate::money::Money;

impl Planner<'_> {
    /// Resolves the SKU and location of a stock movement and checks they
    /// may move: SKU active, location not frozen by a count.
    pub(crate) fn movement_target(&self, sku: &str, location: &str) -> Result<(SkuId, LocId)> {
        let sku_id = self.book.sku_id(sku)?;
        let loc_id = self.book.loc_id(location)?;
        if !self.book.sku_flags(sku_id).active {
            return Err(LandedError::SkuInactive {
                sku: sku.to_owned(),
            });
        }
        if let Some(stocktake) = &self.book.state.locations[loc_id as usize].frozen_by {
            return Err(LandedError::LocationFrozen {
                location: location.to_owned(),
                stocktake: stocktake.clone(),
            });
        }
        Ok((sku_id, loc_id))
    }

    pub(crate) fn check_unit_cost(&self, unit_cost: &Money) -> Result<()> {
        let functional = self.book.state.config.functional_currency;
        if unit_cost.currency != functional {
            return Err(LandedError::CurrencyMismatch {
                left: functional.to_string(),
                right: unit_cost.currency.to_string(),
            });
        }
        if (unit_cost.amount.is_sign_negative() && !unit_cost.amount.is_zero())
            || unit_cost.amount > Decimal::from(MAX_UNIT_COST)
        {
            return Err(LandedError::InvalidAmount {
                input: unit_cost.to_string(),
                reason: format!("a unit cost is between 0 and {MAX_UNIT_COST}"),
            });
        }
        Ok(())
    }

    /// Lot for an incoming movement: required for lot-tracked SKUs,
    /// refused for others; a new lot's expiry defaults from shelf life.
    pub(crate) fn incoming_lot(
        &self,
        sku: SkuId,
        lot: &Option<String>,
        expiry: Option<NaiveDate>,
    ) -> Result<(Option<String>, Option<NaiveDate>)> {
        if !self.book.sku_flags(sku).lot_tracked && lot.is_none() {
            return Ok((None, None));
        }
        let spec = &self.book.state.skus[sku as usize].spec;
        match (spec.lot_tracked, lot) {
            (true, None) => Err(lot_rule(&spec.code, "is lot-tracked: name the lot")),
            (false, Some(_)) => Err(lot_rule(&spec.code, "is not lot-tracked")),
            (false, None) => Ok((None, None)),
            (true, Some(number)) => {
                if number.trim().is_empty() {
                    return Err(lot_rule(&spec.code, "lot number is empty"));
                }
                crate::limits::check_code("lot", number)?;
                let known = self.lot_lookup(sku, number);
                let expiry = match (known, expiry) {
                    (Some((_, existing)), _) => expiry.or(existing),
                    (None, Some(e)) => Some(e),
                    (None, None) => match spec.shelf_life_days {
                        Some(days) => self
                            .at
                            .date_naive()
                            .checked_add_days(chrono::Days::new(u64::from(days))),
                        None => None,
                    },
                };
                Ok((Some(number.clone()), expiry))
            }
        }
    }

    pub(crate) fn plan_receive(&mut self, r: &Receive) -> Result<()> {
        let (sku, loc) = self.movement_target(&r.sku, &r.location)?;
        check_quantity(r.quantity)?;
        self.check_unit_cost(&r.unit_cost)?;
        if !matches!(
            r.bucket,
            Bucket::Available | Bucket::Receiving | Bucket::QualityControl | Bucket::Damaged
        ) {
            return Err(invalid(format!(
                "receipts go to available, receiving, quality_control or damaged, not {}",
                r.bucket
            )));
        }
        let (lot, expiry) = self.incoming_lot(sku, &r.lot, r.expiry)?;
        let rounding = self.book.rounding();
        let value = r
            .unit_cost
            .amount
            .checked_mul(Decimal::from(r.quantity))
            .map(|v| rounding.strategy.round(v, rounding.places))
            .ok_or_else(|| LandedError::overflow("receipt value"))?;
        self.push_in(StockInPlan {
            sku,
            loc,
            lot,
            expiry,
            bucket: r.bucket,
            quantity: r.quantity,
            unit_cost: r.unit_cost.amount,
            value,
            damage_reason: r.damage_reason.clone(),
            reference: r.reference.clone(),
            adjustment: false,
            trace: Default::default(),
            layer_at: None,
        })
    }

    pub(crate) fn push_in(&mut self, p: StockInPlan) -> Result<()> {
        let wrap = if p.adjustment {
            Event::AdjustedUp
        } else {
            Event::Received
        };
        self.push_in_as(p, wrap)
    }

    /// Plans units coming in as the stock event `wrap` makes of them, then
    /// their voucher.
    pub(crate) fn push_in_as(&mut self, p: StockInPlan, wrap: fn(StockIn) -> Event) -> Result<()> {
        let (sku, loc) = (p.sku, p.loc);
        let seq = self.next_seq();
        let event = wrap(self.plan_stock_in(p)?);
        self.apply_stock_at(&event, sku, loc, seq)?;
        self.events.push(event);
        self.post_last_movement(sku, loc)?;
        Ok(())
    }

    /// Costs units coming in at the next event's sequence number.
    pub(crate) fn plan_stock_in(&mut self, p: StockInPlan) -> Result<StockIn> {
        let scope = self.book.location_scope(p.loc);
        let seq = self.next_seq();
        let rounding = self.book.rounding();
        let pool_key = PoolKey { sku: p.sku, scope };
        let mut cost = match self.pool(pool_key) {
            Some(pool) => pool.plan_in(p.quantity, p.value, seq, rounding)?,
            None => Pool::default().plan_in(p.quantity, p.value, seq, rounding)?,
        };
        cost.trace = p.trace;
        if cost.layer.is_some() {
            cost.layer_at = p.layer_at;
        }
        // Damaged units are written down at the pool's average cost once
        // they are in it (read from a copy without FIFO layers).
        let write_down = if p.bucket == Bucket::Damaged && self.writes_down() {
            let mut after = self
                .pool(pool_key)
                .map(Pool::average_view)
                .unwrap_or_default();
            after.apply_in(ValuationMethod::MovingAverage, &cost, self.at, p.unit_cost)?;
            self.nonzero(after.average_value(p.quantity, rounding)?)
        } else {
            None
        };
        Ok(StockIn {
            sku: self.book.sku_code_arc(p.sku),
            location: self.book.loc_code_arc(p.loc),
            lot: p.lot,
            expiry: p.expiry,
            bucket: p.bucket,
            quantity: p.quantity,
            unit_cost: self.book.money(p.unit_cost),
            value: self.book.money(p.value),
            cost,
            damage_reason: if p.bucket == Bucket::Damaged {
                p.damage_reason
            } else {
                None
            },
            reference: p.reference,
            write_down,
        })
    }

    /// Picks the lots an outgoing movement takes from: the named lot, or
    /// FEFO over unexpired lots (earliest expiry, then first received).
    pub(crate) fn pick(
        &self,
        sku: SkuId,
        loc: LocId,
        lot: &Option<String>,
        bucket: Bucket,
        quantity: i64,
        allow_short: bool,
    ) -> Result<super::few::Few<Pick>> {
        let code = || self.book.sku_code(sku);
        let short = |lot: Option<String>, available: i64| LandedError::InsufficientStock {
            sku: code().to_owned(),
            location: self.book.loc_code(loc).to_owned(),
            lot,
            bucket: bucket.name().to_owned(),
            requested: quantity,
            available,
        };
        match (self.book.sku_flags(sku).lot_tracked, lot) {
            (false, Some(_)) => Err(lot_rule(code(), "is not lot-tracked")),
            (false, None) => {
                let available = self.quantity(
                    PosKey {
                        sku,
                        location: loc,
                        lot: NO_LOT,
                    },
                    bucket,
                );
                if available < quantity && !allow_short {
                    return Err(short(None, available));
                }
                Ok(super::few::Few::One(Pick {
                    lot: NO_LOT,
                    quantity,
                }))
            }
            (true, Some(number)) => {
                let (id, _) =
                    self.lot_lookup(sku, number)
                        .ok_or_else(|| LandedError::UnknownLot {
                            sku: code().to_owned(),
                            lot: number.clone(),
                        })?;
                let available = self.quantity(
                    PosKey {
                        sku,
                        location: loc,
                        lot: id,
                    },
                    bucket,
                );
                if available < quantity {
                    return Err(short(Some(number.clone()), available));
                }
                Ok(super::few::Few::One(Pick { lot: id, quantity }))
            }
            (true, None) => {
                let today = self.at.date_naive();
                let range = PosKey {
                    sku,
                    location: loc,
                    lot: 1,
                }..=PosKey {
                    sku,
                    location: loc,
                    lot: LotId::MAX,
                };
                let mut candidates: Vec<(Option<NaiveDate>, u64, LotId, i64)> = Vec::new();
                let mut keys: Vec<PosKey> = self
                    .book
                    .state
                    .positions
                    .range(range.clone())
                    .map(|(k, _)| *k)
                    .collect();
                keys.extend(
                    self.positions
                        .iter()
                        .map(|(k, _)| *k)
                        .filter(|k| range.contains(k)),
                );
                keys.sort_unstable();
                keys.dedup();
                for key in keys {
                    let available = self.quantity(key, bucket);
                    let Some(info) = self.book.lot_info(key.lot) else {
                        continue;
                    };
                    if available <= 0 || info.expiry.is_some_and(|e| e < today) {
                        continue;
                    }
                    candidates.push((info.expiry, info.first_seq, key.lot, available));
                }
                // Lots without an expiry come after those with one.
                candidates.sort_by_key(|(expiry, seq, ..)| (expiry.is_none(), *expiry, *seq));
                let mut left = quantity;
                let mut picks = super::few::Few::default();
                for (_, _, lot, available) in candidates {
                    if left == 0 {
                        break;
                    }
                    let take = left.min(available);
                    picks.push(Pick {
                        lot,
                        quantity: take,
                    });
                    left -= take;
                }
                if left > 0 {
                    return Err(short(None, quantity - left));
                }
                Ok(picks)
            }
        }
    }

    pub(crate) fn plan_issue(&mut self, i: &Issue) -> Result<()> {
        let (sku, loc) = self.movement_target(&i.sku, &i.location)?;
        check_quantity(i.quantity)?;
        if !i.bucket.is_valued() {
            return Err(invalid(format!("cannot issue from {}", i.bucket)));
        }
        let allow_short = self.book.state.config.negative_stock == NegativeStockPolicy::Allow
            && i.bucket == Bucket::Available;
        for pick in self.pick(sku, loc, &i.lot, i.bucket, i.quantity, allow_short)? {
            self.push_out(
                sku,
                loc,
                pick,
                i.bucket,
                Some(i.reason),
                None,
                i.reference.as_deref().map(Code::from),
                i.channel.as_deref().map(Code::from),
                false,
            )?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push_out(
        &mut self,
        sku: SkuId,
        loc: LocId,
        pick: Pick,
        bucket: Bucket,
        reason: Option<crate::book::command::IssueReason>,
        damage_reason: Option<String>,
        reference: Option<Code>,
        channel: Option<Code>,
        adjustment: bool,
    ) -> Result<()> {
        let scope = self.book.location_scope(loc);
        let seq = self.next_seq();
        let method = self.book.state.config.valuation_method;
        let rounding = self.book.rounding();
        let cost = match self.pool(PoolKey { sku, scope }) {
            Some(pool) => pool.plan_out(method, pick.quantity, rounding)?,
            None => Pool::default().plan_out(method, pick.quantity, rounding)?,
        };
        let allowance_released = if bucket == Bucket::Damaged && self.writes_down() {
            let key = PosKey {
                sku,
                location: loc,
                lot: pick.lot,
            };
            self.allowance_share(key, pick.quantity)?
        } else {
            None
        };
        let stock_out = StockOut {
            sku: self.book.sku_code_arc(sku),
            location: self.book.loc_code_arc(loc),
            lot: self.lot_number(pick.lot),
            bucket,
            quantity: pick.quantity,
            reason,
            value: self.book.money(cost.total_value()),
            cost,
            damage_reason: if bucket == Bucket::Damaged {
                damage_reason
            } else {
                None
            },
            reference,
            channel,
            allowance_released,
        };
        let event = if adjustment {
            Event::AdjustedDown(stock_out)
        } else {
            Event::Issued(stock_out)
        };
        self.apply_stock_at(&event, sku, loc, seq)?;
        self.events.push(event);
        self.post_last_movement(sku, loc)
    }

    pub(crate) fn plan_move(&mut self, m: &Move) -> Result<()> {
        let (sku, loc) = self.movement_target(&m.sku, &m.location)?;
        check_quantity(m.quantity)?;
        if m.from == m.to || !m.from.is_valued() || !m.to.is_valued() {
            return Err(invalid(format!(
                "a move goes between two different on-site buckets, not {} to {}",
                m.from, m.to
            )));
        }
        for pick in self.pick(sku, loc, &m.lot, m.from, m.quantity, false)? {
            let (mut write_down, mut allowance_released) = (None, None);
            if self.writes_down() {
                if m.to == Bucket::Damaged {
                    // Written down at the pool's average cost.
                    let scope = self.book.location_scope(loc);
                    let rounding = self.book.rounding();
                    let value = match self.pool(PoolKey { sku, scope }) {
                        Some(pool) => pool.average_value(pick.quantity, rounding)?,
                        None => Decimal::ZERO,
                    };
                    write_down = self.nonzero(value);
                } else if m.from == Bucket::Damaged {
                    let key = PosKey {
                        sku,
                        location: loc,
                        lot: pick.lot,
                    };
                    allowance_released = self.allowance_share(key, pick.quantity)?;
                }
            }
            let posts = write_down.is_some() || allowance_released.is_some();
            let event = Event::Moved {
                sku: self.book.sku_code_arc(sku),
                location: self.book.loc_code_arc(loc),
                lot: self.lot_number(pick.lot),
                from: m.from,
                to: m.to,
                quantity: pick.quantity,
                reason: m.reason.clone(),
                write_down,
                allowance_released,
            };
            let seq = self.next_seq();
            self.apply_stock_at(&event, sku, loc, seq)?;
            self.events.push(event);
            if posts {
                self.post_last_movement(sku, loc)?;
            }
        }
        Ok(())
    }

    pub(crate) fn plan_adjust(&mut self, a: &Adjust) -> Result<()> {
        let (sku, loc) = self.movement_target(&a.sku, &a.location)?;
        if a.quantity == 0 {
            return Err(LandedError::InvalidQuantity {
                quantity: 0,
                reason: "an adjustment changes something".into(),
            });
        }
        check_quantity(a.quantity.saturating_abs())?;
        if !a.bucket.is_valued() {
            return Err(invalid(format!("cannot adjust {}", a.bucket)));
        }
        if a.reason.trim().is_empty() {
            return Err(invalid("an adjustment needs a reason"));
        }
        crate::limits::check_free_text("reason", &a.reason)?;
        if a.quantity > 0 {
            let (lot, expiry) = self.incoming_lot(sku, &a.lot, a.expiry)?;
            let unit_cost = match &a.unit_cost {
                Some(cost) => {
                    self.check_unit_cost(cost)?;
                    cost.amount
                }
                None => self.current_unit_cost(sku, loc),
            };
            let rounding = self.book.rounding();
            let value = unit_cost
                .checked_mul(Decimal::from(a.quantity))
                .map(|v| rounding.strategy.round(v, rounding.places))
                .ok_or_else(|| LandedError::overflow("adjustment value"))?;
            self.push_in(StockInPlan {
                sku,
                loc,
                lot,
                expiry,
                bucket: a.bucket,
                quantity: a.quantity,
                unit_cost,
                value,
                damage_reason: None,
                reference: Some(a.reason.clone()),
                adjustment: true,
                trace: Default::default(),
                layer_at: None,
            })
        } else {
            let tracked = self.book.state.skus[sku as usize].spec.lot_tracked;
            if tracked && a.lot.is_none() {
                return Err(lot_rule(
                    &a.sku,
                    "is lot-tracked: an adjustment names its lot",
                ));
            }
            let allow_short = self.book.state.config.negative_stock == NegativeStockPolicy::Allow
                && a.bucket == Bucket::Available;
            for pick in self.pick(sku, loc, &a.lot, a.bucket, -a.quantity, allow_short)? {
                self.push_out(
                    sku,
                    loc,
                    pick,
                    a.bucket,
                    None,
                    None,
                    Some(Code::from(a.reason.as_str())),
                    None,
                    true,
                )?;
            }
            Ok(())
        }
    }

    pub(crate) fn current_unit_cost(&self, sku: SkuId, loc: LocId) -> Decimal {
        let scope = self.book.location_scope(loc);
        self.pool(PoolKey { sku, scope })
            .map_or(Decimal::ZERO, Pool::unit_cost)
    }
}
