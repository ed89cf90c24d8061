//! Planning of transfers: approve (commit at the source), ship (cost to
//! goods in transit, split into pieces by lot and origin), milestones,
//! receive accepted, damaged, short or over, close and cancel.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // A transfer cannot ship more than it committed.
//! let mut book = lamp_book_until("T-1/ship")?;
//! let ship = landed::Command::from_json(r#"{"type":"ship_transfer","transfer":"T-1","lines":[{"line":1,"quantity":41}]}"#)?;
//! let err = book.execute(ship, &ctx("2026-11-03", "T-1/ship")?).unwrap_err();
//! assert_eq!(err.code(), "QUANTITY_EXCEEDED");
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::book::Book;
use crate::book::command::ShipmentInfo;
use crate::book::event::{Event, StockOut};
use crate::book::plan::posting::Leg;
use crate::book::plan::{Planner, StockInPlan};
use crate::error::{LandedError, Result, duplicate, invalid};
use crate::inventory::{Bucket, LocId, Pool, PoolKey, SkuId};
use crate::ledger::AccountRole;
use crate::limits::check_quantity;
use crate::trade::{
    LinePicks, LineQuantity, LotPick, MilestoneRecord, PieceTake, Shipment, ShortTo, Transfer,
    TransferLine, TransferReceiptLine, TransferSpec, TransferStatus, TransitPiece, state_error,
    take_from, unknown,
};

impl<'a> Planner<'a> {
    /// A transfer that is in one of `allowed`, else `DOCUMENT_STATE`.
    fn transfer_at(
        &self,
        id: &str,
        allowed: &[TransferStatus],
        reason: &str,
    ) -> Result<&'a Transfer> {
        let book: &'a Book = self.book;
        let transfer = book
            .state
            .trade
            .transfers
            .get(id)
            .ok_or_else(|| book.archived_transfer(id).unwrap_or_else(|| unknown(id)))?;
        if !allowed.contains(&transfer.status) {
            return Err(state_error(id, transfer.status.name(), reason));
        }
        Ok(transfer)
    }

    pub(crate) fn plan_create_transfer(&mut self, spec: &TransferSpec) -> Result<()> {
        crate::limits::check_code("transfer", &spec.transfer)?;
        if self.book.state.trade.transfers.contains_key(&spec.transfer)
            || self
                .book
                .state
                .trade
                .purchase_orders
                .contains_key(&spec.transfer)
        {
            return Err(duplicate("transfer", &spec.transfer));
        }
        if let Some(archived) = self.book.archived_transfer(&spec.transfer) {
            return Err(archived);
        }
        self.book.loc_id(&spec.source)?;
        self.book.loc_id(&spec.destination)?;
        if spec.source == spec.destination {
            return Err(invalid(format!(
                "transfer {} goes from {} to itself",
                spec.transfer, spec.source
            )));
        }
        if spec.lines.is_empty() {
            return Err(invalid(format!("transfer {} has no lines", spec.transfer)));
        }
        let first_origin = self.book.state.trade.origins.ids_for(spec.lines.len())?;
        let mut lines = Vec::with_capacity(spec.lines.len());
        for (i, l) in spec.lines.iter().enumerate() {
            self.book.sku_id(&l.sku)?;
            check_quantity(l.quantity)?;
            lines.push(TransferLine {
                line: i as u32 + 1,
                sku: l.sku.clone(),
                quantity: l.quantity,
                lot: l.lot.clone(),
                committed: Vec::new(),
                shipped: 0,
                accepted: 0,
                damaged: 0,
                over: 0,
                short: 0,
                shipped_value: Decimal::ZERO,
                short_value: Decimal::ZERO,
                pieces: Vec::new(),
                origin: first_origin.saturating_add(i as u32),
            });
        }
        self.events.push(Event::TransferCreated(Box::new(Transfer {
            transfer: spec.transfer.clone(),
            source: spec.source.clone(),
            destination: spec.destination.clone(),
            status: TransferStatus::Draft,
            lines,
            shipment: Shipment {
                carrier: spec.carrier.clone(),
                ..Shipment::default()
            },
            received_on: None,
        })));
        Ok(())
    }

    pub(crate) fn plan_approve_transfer(&mut self, id: &str) -> Result<()> {
        let transfer =
            self.transfer_at(id, &[TransferStatus::Draft], "only a draft is approved")?;
        let mut all = Vec::with_capacity(transfer.lines.len());
        for line in &transfer.lines {
            let (sku, loc) = self.movement_target(&line.sku, &transfer.source)?;
            let picks = self.pick(sku, loc, &line.lot, Bucket::Available, line.quantity, false)?;
            let mut lots = Vec::with_capacity(picks.len());
            for pick in picks {
                let lot = self.lot_number(pick.lot);
                self.commit_or_release(
                    sku,
                    loc,
                    lot.clone(),
                    pick.quantity,
                    Bucket::Available,
                    Bucket::Committed,
                    format!("transfer {id}"),
                )?;
                lots.push(LotPick {
                    lot,
                    quantity: pick.quantity,
                });
            }
            all.push(LinePicks {
                line: line.line,
                picks: lots,
            });
        }
        self.events.push(Event::TransferApproved {
            transfer: id.to_owned(),
            lines: all,
        });
        Ok(())
    }

    /// A bucket move for a document's commitment (value unchanged): a
    /// transfer's or a sales order's.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn commit_or_release(
        &mut self,
        sku: SkuId,
        loc: LocId,
        lot: Option<String>,
        quantity: i64,
        from: Bucket,
        to: Bucket,
        reason: String,
    ) -> Result<()> {
        let event = Event::Moved {
            sku: self.book.sku_code_arc(sku),
            location: self.book.loc_code_arc(loc),
            lot,
            from,
            to,
            quantity,
            reason: Some(reason),
            write_down: None,
            allowance_released: None,
        };
        let seq = self.next_seq();
        self.apply_stock_at(&event, sku, loc, seq)?;
        self.events.push(event);
        Ok(())
    }

    pub(crate) fn plan_ship_transfer(
        &mut self,
        id: &str,
        requested: &[LineQuantity],
        info: &ShipmentInfo,
    ) -> Result<()> {
        let transfer = self.transfer_at(
            id,
            &[
                TransferStatus::Approved,
                TransferStatus::Shipped,
                TransferStatus::PartiallyReceived,
            ],
            "only an approved transfer ships",
        )?;
        let mut seen = std::collections::BTreeSet::new();
        for r in requested {
            if !seen.insert(r.line) {
                return Err(invalid(format!("{id} lists line {} twice", r.line)));
            }
            if !transfer.lines.iter().any(|l| l.line == r.line) {
                return Err(invalid(format!("{id} has no line {}", r.line)));
            }
        }
        let dest = self.book.loc_id(&transfer.destination)?;
        let destination = self.book.loc_code_arc(dest);
        let method = self.book.config().valuation_method;
        let rounding = self.book.rounding();
        let date = self.at.date_naive();
        let mut shipped_any = false;
        for line in &transfer.lines {
            let committed: i64 = line.committed.iter().map(|p| p.quantity).sum();
            let quantity = if requested.is_empty() {
                committed
            } else {
                match requested.iter().find(|r| r.line == line.line) {
                    Some(r) => {
                        check_quantity(r.quantity)?;
                        r.quantity
                    }
                    None => 0,
                }
            };
            if quantity > committed {
                return Err(LandedError::QuantityExceeded {
                    document: id.to_owned(),
                    line: line.line,
                    what: "shipped".into(),
                    limit: committed,
                    requested: quantity,
                });
            }
            let (sku, loc) = self.movement_target(&line.sku, &transfer.source)?;
            let mut left = quantity;
            for pick in &line.committed {
                if left == 0 {
                    break;
                }
                let take = left.min(pick.quantity);
                left -= take;
                let lot_id = self.existing_lot(sku, pick.lot.as_deref())?;
                let expiry = self.book.lot_info(lot_id).and_then(|l| l.expiry);
                let scope = self.book.location_scope(loc);
                // Read in place: the pool changes only when the event is
                // applied below, so a copy here would be a wasted one.
                let empty = Pool::default();
                let pool = self.pool(PoolKey { sku, scope }).unwrap_or(&empty);
                let cost = pool.plan_out(method, take, rounding)?;
                if cost.deficit_quantity > 0 {
                    return Err(LandedError::InsufficientStock {
                        sku: line.sku.clone(),
                        location: transfer.source.clone(),
                        lot: pick.lot.clone(),
                        bucket: Bucket::Committed.name().into(),
                        requested: take,
                        available: cost.quantity,
                    });
                }
                let pieces: Vec<TransitPiece> = pool
                    .traced_parts(&cost, rounding)?
                    .into_iter()
                    .map(|part| TransitPiece {
                        lot: pick.lot.clone(),
                        expiry,
                        quantity: part.quantity,
                        value: part.value,
                        trace: part.trace,
                        received_at: part.received_at,
                    })
                    .collect();
                let value = cost.total_value();
                let event = Event::TransferLineShipped {
                    transfer: id.to_owned(),
                    line: line.line,
                    destination: destination.clone(),
                    stock: Box::new(StockOut {
                        sku: self.book.sku_code_arc(sku),
                        location: self.book.loc_code_arc(loc),
                        lot: pick.lot.clone(),
                        bucket: Bucket::Committed,
                        quantity: take,
                        reason: None,
                        value: self.book.money(value),
                        cost,
                        damage_reason: None,
                        reference: Some(crate::Code::from(id)),
                        channel: None,
                        allowance_released: None,
                    }),
                    pieces,
                };
                let seq = self.next_seq();
                self.apply_stock_at(&event, sku, loc, seq)?;
                self.events.push(event);
                self.post_legs(
                    date,
                    format!("transfer {id} shipped"),
                    id,
                    vec![
                        Leg::new(AccountRole::GoodsInTransit, value).at(
                            sku,
                            dest,
                            pick.lot.clone(),
                        ),
                        Leg::new(AccountRole::Inventory, -value).at(sku, loc, pick.lot.clone()),
                    ],
                )?;
                shipped_any = true;
            }
        }
        if !shipped_any {
            return Err(state_error(
                id,
                transfer.status.name(),
                "nothing is committed to ship",
            ));
        }
        self.events.push(Event::TransferShipped {
            transfer: id.to_owned(),
            shipment: Box::new(Shipment {
                carrier: info.carrier.clone(),
                tracking: info.tracking.clone(),
                eta: info.eta,
                shipped_on: Some(date),
                milestones: Vec::new(),
            }),
        });
        Ok(())
    }

    pub(crate) fn plan_milestone(
        &mut self,
        document: &str,
        milestone: &MilestoneRecord,
        eta: Option<NaiveDate>,
    ) -> Result<()> {
        let trade = &self.book.state.trade;
        let shipment = if let Some(t) = trade.transfers.get(document) {
            if matches!(
                t.status,
                TransferStatus::Draft | TransferStatus::Approved | TransferStatus::Cancelled
            ) {
                return Err(state_error(
                    document,
                    t.status.name(),
                    "a milestone needs a shipped transfer",
                ));
            }
            &t.shipment
        } else if let Some(po) = trade.purchase_orders.get(document) {
            po.shipment.as_ref().ok_or_else(|| {
                state_error(
                    document,
                    po.status.name(),
                    "the supplier has not reported a shipment",
                )
            })?
        } else {
            return Err(self
                .book
                .archived_transfer(document)
                .or_else(|| self.book.archived_purchase_order(document))
                .unwrap_or_else(|| unknown(document)));
        };
        if milestone.event_id.trim().is_empty() {
            return Err(invalid("a milestone needs the carrier's event id"));
        }
        crate::limits::check_code("event_id", &milestone.event_id)?;
        if shipment
            .milestones
            .iter()
            .any(|m| m.event_id == milestone.event_id)
        {
            // The carrier sent the same event again: nothing to do.
            return Ok(());
        }
        self.events.push(Event::MilestoneRecorded {
            document: document.to_owned(),
            milestone: Box::new(milestone.clone()),
            eta,
        });
        Ok(())
    }

    pub(crate) fn plan_receive_transfer(
        &mut self,
        id: &str,
        lines: &[TransferReceiptLine],
    ) -> Result<()> {
        let transfer = self.transfer_at(
            id,
            &[TransferStatus::Shipped, TransferStatus::PartiallyReceived],
            "only a shipped transfer is received",
        )?;
        if lines.is_empty() {
            return Err(invalid(format!("the receipt of {id} has no lines")));
        }
        let mut after: Vec<TransferLine> = transfer.lines.clone();
        let mut seen = std::collections::BTreeSet::new();
        for spec in lines {
            if !seen.insert(spec.line) {
                return Err(invalid(format!("{id} lists line {} twice", spec.line)));
            }
            let Some(line) = after.iter_mut().find(|l| l.line == spec.line) else {
                return Err(invalid(format!("{id} has no line {}", spec.line)));
            };
            self.receive_line(transfer, line, spec)?;
        }
        let done = after
            .iter()
            .all(|l| l.in_transit() == 0 && l.committed.is_empty());
        self.events.push(Event::TransferStatusChanged {
            transfer: id.to_owned(),
            status: if done {
                TransferStatus::Received
            } else {
                TransferStatus::PartiallyReceived
            },
        });
        Ok(())
    }

    /// Plans one received line against a working copy of its pieces.
    fn receive_line(
        &mut self,
        transfer: &Transfer,
        line: &mut TransferLine,
        spec: &TransferReceiptLine,
    ) -> Result<()> {
        let id = transfer.transfer.as_str();
        for (what, q) in [
            ("accepted", spec.accepted),
            ("damaged", spec.damaged),
            ("short", spec.short),
        ] {
            if !(0..=crate::limits::MAX_QUANTITY).contains(&q) {
                return Err(LandedError::InvalidQuantity {
                    quantity: q,
                    reason: format!("{what} units are between 0 and the maximum"),
                });
            }
        }
        if spec.accepted + spec.damaged + spec.short == 0 {
            return Err(LandedError::InvalidQuantity {
                quantity: 0,
                reason: format!("line {} of {id} receives nothing", spec.line),
            });
        }
        let in_transit = line.in_transit();
        let accepted = spec.accepted.min(in_transit);
        let damaged = spec.damaged.min(in_transit - accepted);
        let over_accepted = spec.accepted - accepted;
        let over_damaged = spec.damaged - damaged;
        let room = in_transit - accepted - damaged;
        if spec.short > room {
            return Err(LandedError::QuantityExceeded {
                document: id.to_owned(),
                line: spec.line,
                what: "short".into(),
                limit: room,
                requested: spec.short,
            });
        }
        let (sku, dest) = self.movement_target(&line.sku, &transfer.destination)?;
        let rounding = self.book.rounding();
        let date = self.at.date_naive();
        let damage_reason = spec
            .damage_reason
            .clone()
            .unwrap_or_else(|| "transit".to_owned());
        for (bucket, quantity) in [(Bucket::Available, accepted), (Bucket::Damaged, damaged)] {
            if quantity == 0 {
                continue;
            }
            for take in take_from(&mut line.pieces, quantity, rounding)? {
                let piece = &line.pieces[take.piece as usize];
                let mut trace = piece.trace.to_vec();
                trace.push(line.origin);
                let lot = piece.lot.clone();
                let expiry = piece.expiry;
                let layer_at = piece.received_at;
                self.transfer_in(
                    id,
                    line.line,
                    sku,
                    dest,
                    StockInPlan {
                        sku,
                        loc: dest,
                        lot,
                        expiry,
                        bucket,
                        quantity: take.quantity,
                        unit_cost: take
                            .value
                            .checked_div(Decimal::from(take.quantity))
                            .unwrap_or_default(),
                        value: take.value,
                        damage_reason: (bucket == Bucket::Damaged).then(|| damage_reason.clone()),
                        reference: Some(id.to_owned()),
                        adjustment: false,
                        trace: trace.into(),
                        layer_at,
                    },
                    vec![take],
                    false,
                    date,
                )?;
            }
        }
        // Units beyond those shipped: in at the line's unit cost, flagged.
        for (bucket, quantity) in [
            (Bucket::Available, over_accepted),
            (Bucket::Damaged, over_damaged),
        ] {
            if quantity == 0 {
                continue;
            }
            let unit_cost = if line.shipped > 0 {
                line.shipped_value
                    .checked_div(Decimal::from(line.shipped))
                    .unwrap_or_default()
            } else {
                self.current_unit_cost(sku, dest)
            };
            let value = rounding.strategy.round(
                unit_cost
                    .checked_mul(Decimal::from(quantity))
                    .ok_or_else(|| LandedError::overflow("over-received value"))?,
                rounding.places,
            );
            let lot = line
                .pieces
                .last()
                .and_then(|p| p.lot.clone())
                .or_else(|| line.lot.clone());
            let (lot, expiry) = self.incoming_lot(sku, &lot, None)?;
            self.transfer_in(
                id,
                line.line,
                sku,
                dest,
                StockInPlan {
                    sku,
                    loc: dest,
                    lot,
                    expiry,
                    bucket,
                    quantity,
                    unit_cost,
                    value,
                    damage_reason: (bucket == Bucket::Damaged).then(|| damage_reason.clone()),
                    reference: Some(id.to_owned()),
                    adjustment: false,
                    trace: vec![line.origin].into(),
                    layer_at: None,
                },
                Vec::new(),
                true,
                date,
            )?;
            line.over += quantity;
        }
        if spec.short > 0 {
            self.short_units(id, line, sku, dest, spec.short, spec.short_to)?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn transfer_in(
        &mut self,
        id: &str,
        line: u32,
        sku: SkuId,
        dest: LocId,
        plan: StockInPlan,
        taken: Vec<PieceTake>,
        over: bool,
        date: NaiveDate,
    ) -> Result<()> {
        let lot = plan.lot.clone();
        let seq = self.next_seq();
        let stock = self.plan_stock_in(plan)?;
        let value = stock.value.amount;
        let write_down = stock.write_down.map_or(Decimal::ZERO, |w| w.amount);
        let event = Event::TransferLineReceived {
            transfer: id.to_owned(),
            line,
            stock: Box::new(stock),
            taken,
            over,
        };
        self.apply_stock_at(&event, sku, dest, seq)?;
        self.events.push(event);
        let credit = if over {
            AccountRole::InventoryGain
        } else {
            AccountRole::GoodsInTransit
        };
        self.post_legs(
            date,
            format!("transfer {id} received"),
            id,
            vec![
                Leg::new(AccountRole::Inventory, value).at(sku, dest, lot.clone()),
                Leg::new(credit, -value).at(sku, dest, lot.clone()),
            ],
        )?;
        // Units arriving damaged are written down like any damaged receipt.
        self.post_legs(
            date,
            "damage write-down".into(),
            id,
            vec![
                Leg::new(AccountRole::DamageWriteDown, write_down).at(sku, dest, lot.clone()),
                Leg::new(AccountRole::InventoryAllowance, -write_down).at(sku, dest, lot),
            ],
        )
    }

    /// Writes units still in transit off as short.
    fn short_units(
        &mut self,
        id: &str,
        line: &mut TransferLine,
        sku: SkuId,
        dest: LocId,
        quantity: i64,
        to: ShortTo,
    ) -> Result<()> {
        let rounding = self.book.rounding();
        let date = self.at.date_naive();
        let role = match to {
            ShortTo::Loss => AccountRole::TransitLoss,
            ShortTo::Claim => AccountRole::CarrierClaim,
        };
        for take in take_from(&mut line.pieces, quantity, rounding)? {
            let lot = line.pieces[take.piece as usize].lot.clone();
            let value = take.value;
            let event = Event::TransferLineShort {
                transfer: id.to_owned(),
                line: line.line,
                sku: self.book.sku_code_arc(sku),
                location: self.book.loc_code_arc(dest),
                lot: lot.clone(),
                quantity: take.quantity,
                value: self.book.money(value),
                taken: vec![take],
                to,
            };
            let seq = self.next_seq();
            self.apply_stock_at(&event, sku, dest, seq)?;
            self.events.push(event);
            self.post_legs(
                date,
                format!("transfer {id} short"),
                id,
                vec![
                    Leg::new(role, value).at(sku, dest, lot.clone()),
                    Leg::new(AccountRole::GoodsInTransit, -value).at(sku, dest, lot),
                ],
            )?;
        }
        Ok(())
    }

    /// Releases what a transfer still has committed at its source.
    fn release_commitments(&mut self, transfer: &Transfer) -> Result<()> {
        for line in &transfer.lines {
            if line.committed.is_empty() {
                continue;
            }
            let sku = self.book.sku_id(&line.sku)?;
            let loc = self.book.loc_id(&transfer.source)?;
            for pick in &line.committed {
                self.commit_or_release(
                    sku,
                    loc,
                    pick.lot.clone(),
                    pick.quantity,
                    Bucket::Committed,
                    Bucket::Available,
                    format!("transfer {}", transfer.transfer),
                )?;
            }
        }
        Ok(())
    }

    pub(crate) fn plan_close_transfer(&mut self, id: &str, short_to: ShortTo) -> Result<()> {
        let transfer = self.transfer_at(
            id,
            &[
                TransferStatus::Shipped,
                TransferStatus::PartiallyReceived,
                TransferStatus::Received,
            ],
            "only a shipped transfer is closed (cancel one that has not shipped)",
        )?;
        for line in &transfer.lines {
            let left = line.in_transit();
            if left > 0 {
                let mut working = line.clone();
                let (sku, dest) = (
                    self.book.sku_id(&line.sku)?,
                    self.book.loc_id(&transfer.destination)?,
                );
                self.short_units(id, &mut working, sku, dest, left, short_to)?;
            }
        }
        self.release_commitments(transfer)?;
        self.events.push(Event::TransferStatusChanged {
            transfer: id.to_owned(),
            status: TransferStatus::Closed,
        });
        Ok(())
    }

    pub(crate) fn plan_cancel_transfer(&mut self, id: &str) -> Result<()> {
        let transfer = self.transfer_at(
            id,
            &[TransferStatus::Draft, TransferStatus::Approved],
            "only a transfer that has not shipped is cancelled",
        )?;
        self.release_commitments(transfer)?;
        self.events.push(Event::TransferStatusChanged {
            transfer: id.to_owned(),
            status: TransferStatus::Cancelled,
        });
        Ok(())
    }
}
