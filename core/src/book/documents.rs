//! Goods-flow documents at commit: how each purchase, transfer and
//! landed-cost event changes the orders, receipts, transfers, vouchers and
//! cost origins a book keeps (and the unvalued buckets they move).
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Each document event changes the book's documents: the receipt of PO-1
//! // moved its line from on order to received.
//! let before = lamp_book_until("GRN-1")?;
//! assert_eq!(before.position("LAMP", "SZ", None)?.quantities.on_order, 50);
//! let book = lamp_book()?;
//! assert_eq!(book.position("LAMP", "SZ", None)?.quantities.on_order, 0);
//! assert_eq!(book.purchase_order("PO-1")?.lines[0].received, 50);
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::book::Book;
use crate::book::event::Event;
use crate::error::{LandedError, Result};
use crate::inventory::{Bucket, NO_LOT, PoolKey, PosKey, ScopeId, SkuId};
use crate::trade::{
    CostSplit, CostTarget, Origin, PieceTake, PurchaseOrder, PurchaseStatus, Shipment, Transfer,
    TransferLine, TransferStatus,
};

/// Document counters and values change at commit: planning keeps them in
/// range (line quantities are bounded, values come from checked sums), so
/// these checks only turn a broken invariant into an error (which poisons
/// the book) instead of a wrapped number or a panic.
fn add_units(slot: &mut i64, delta: i64) -> Result<()> {
    *slot = slot
        .checked_add(delta)
        .ok_or_else(|| LandedError::quantity_overflow("a document line"))?;
    Ok(())
}

fn sub_units(slot: &mut i64, delta: i64) -> Result<()> {
    *slot = slot
        .checked_sub(delta)
        .ok_or_else(|| LandedError::quantity_overflow("a document line"))?;
    Ok(())
}

fn add_value(slot: &mut Decimal, delta: Decimal) -> Result<()> {
    *slot = slot
        .checked_add(delta)
        .ok_or_else(|| LandedError::overflow("a document's value"))?;
    Ok(())
}

fn sub_value(slot: &mut Decimal, delta: Decimal) -> Result<()> {
    *slot = slot
        .checked_sub(delta)
        .ok_or_else(|| LandedError::overflow("a document's value"))?;
    Ok(())
}

fn broken(reason: String) -> LandedError {
    LandedError::Internal { detail: reason }
}

impl Book {
    /// Adds `delta` units to a bucket of the no-lot position of `sku` at
    /// `location` (on order and in transit from suppliers are not by lot).
    fn add_to_bucket(
        &mut self,
        sku: &str,
        location: &str,
        bucket: Bucket,
        delta: i64,
    ) -> Result<()> {
        if delta == 0 {
            return Ok(());
        }
        let key = PosKey {
            sku: self.sku_id(sku)?,
            location: self.loc_id(location)?,
            lot: NO_LOT,
        };
        self.state.positions.get_or_default(key).add(bucket, delta)
    }

    fn transfer_mut(&mut self, transfer: &str) -> Result<&mut Transfer> {
        self.state
            .trade
            .transfers
            .get_mut(transfer)
            .ok_or_else(|| crate::trade::unknown(transfer))
    }

    fn transfer_line_mut(&mut self, transfer: &str, line: u32) -> Result<&mut TransferLine> {
        self.transfer_mut(transfer)?
            .lines
            .iter_mut()
            .find(|l| l.line == line)
            .ok_or_else(|| broken(format!("{transfer} has no line {line}")))
    }

    fn origin_mut(&mut self, id: u32) -> Result<&mut Origin> {
        self.state
            .trade
            .origins
            .get_mut(id)
            .ok_or_else(|| broken(format!("cost origin {id} does not exist")))
    }

    /// Adds the capitalised parts of a cost split to pools, FIFO layers and
    /// transit pieces (what was expensed is only in the ledger).
    pub(crate) fn apply_split(&mut self, split: &CostSplit) -> Result<()> {
        // Every part is of one SKU, often at one location: look up once.
        let mut ids: Option<(&str, SkuId, &str, ScopeId)> = None;
        for part in &split.capitalised {
            let (sku, scope) = match ids {
                Some((s, sku, l, scope)) if s == part.sku && l == part.location => (sku, scope),
                _ => {
                    let sku = self.sku_id(&part.sku)?;
                    let scope = self.location_scope(self.loc_id(&part.location)?);
                    ids = Some((&part.sku, sku, &part.location, scope));
                    (sku, scope)
                }
            };
            let pool = self
                .state
                .pools
                .get_mut(&PoolKey { sku, scope })
                .ok_or_else(|| broken(format!("no pool for {} at {}", part.sku, part.location)))?;
            pool.capitalise(part.layer, part.amount)?;
        }
        for part in &split.transit {
            let line = self.transfer_line_mut(&part.transfer, part.line)?;
            let piece = line
                .pieces
                .get_mut(part.piece as usize)
                .ok_or_else(|| broken(format!("{} has no piece {}", part.transfer, part.piece)))?;
            piece.value = piece
                .value
                .checked_add(part.amount)
                .ok_or_else(|| LandedError::overflow("goods in transit"))?;
        }
        Ok(())
    }

    /// Applies the record of a goods-flow event (see `Book::apply_record`).
    /// `day` is the day of the recorded event (a transfer keeps the day it
    /// was received).
    pub(crate) fn apply_trade(&mut self, event: &Event, day: NaiveDate) -> Result<()> {
        match event {
            Event::SupplierDefined(spec) => {
                self.state
                    .trade
                    .suppliers
                    .insert(spec.code.clone(), spec.clone());
            }
            Event::PurchaseOrderCreated(order) => {
                self.state
                    .trade
                    .purchase_orders
                    .insert(order.po.clone(), (**order).clone());
            }
            Event::PurchaseOrderConfirmed { po } => {
                let order = self.po_mut(po)?;
                order.status = PurchaseStatus::Confirmed;
                let lines: Vec<(String, String, i64)> = order
                    .lines
                    .iter()
                    .map(|l| (l.sku.clone(), l.destination.clone(), l.ordered))
                    .collect();
                for (sku, location, quantity) in lines {
                    self.add_to_bucket(&sku, &location, Bucket::OnOrder, quantity)?;
                }
            }
            Event::PurchaseOrderShipped { po, shipment } => {
                let order = self.po_mut(po)?;
                order.status = PurchaseStatus::Shipped;
                order.shipment = Some((**shipment).clone());
                let mut moves = Vec::new();
                for line in &mut order.lines {
                    let add = line.outstanding() - line.in_transit;
                    add_units(&mut line.in_transit, add)?;
                    moves.push((line.sku.clone(), line.destination.clone(), add));
                }
                for (sku, location, quantity) in moves {
                    self.add_to_bucket(&sku, &location, Bucket::OnOrder, -quantity)?;
                    self.add_to_bucket(&sku, &location, Bucket::InTransit, quantity)?;
                }
            }
            Event::PurchaseReceived {
                receipt,
                from_in_transit,
                ..
            } => {
                if receipt.origin != self.state.trade.origins.next_id() {
                    return Err(broken(format!(
                        "receipt {} names cost origin {}, expected {}",
                        receipt.receipt,
                        receipt.origin,
                        self.state.trade.origins.next_id()
                    )));
                }
                let order = self.po_mut(&receipt.po)?;
                let line = order.line_mut(receipt.line).ok_or_else(|| {
                    broken(format!("{} has no line {}", receipt.po, receipt.line))
                })?;
                add_units(&mut line.received, receipt.quantity)?;
                sub_units(&mut line.in_transit, *from_in_transit)?;
                if order.receipts.last() != Some(&receipt.receipt) {
                    crate::vec_map::push_small(&mut order.receipts, receipt.receipt.clone());
                }
                order.status = if order.lines.iter().all(|l| l.outstanding() == 0) {
                    PurchaseStatus::Received
                } else {
                    PurchaseStatus::PartiallyReceived
                };
                self.state
                    .trade
                    .origins
                    .push(Origin {
                        target: CostTarget::Receipt {
                            receipt: receipt.receipt.clone(),
                            line: receipt.line,
                        },
                        sku: receipt.sku.clone(),
                        quantity: receipt.quantity,
                        purchase: receipt.value.amount,
                        charges: crate::vec_map::VecMap::new(),
                        price_difference: Decimal::ZERO,
                    })
                    .ok_or_else(|| broken("cost origin ids exhausted".into()))?;
                self.state
                    .trade
                    .receipts
                    .insert((receipt.receipt.clone(), receipt.line), (**receipt).clone());
            }
            Event::PurchaseOrderClosed { po, lines, status } => {
                let order = self.po_mut(po)?;
                order.status = *status;
                let mut moves = Vec::new();
                for closed in lines {
                    let line = order
                        .lines
                        .iter_mut()
                        .find(|l| l.line == closed.line)
                        .ok_or_else(|| broken(format!("{po} has no line {}", closed.line)))?;
                    add_units(&mut line.cancelled, closed.cancelled)?;
                    sub_units(&mut line.in_transit, closed.from_in_transit)?;
                    moves.push((line.sku.clone(), line.destination.clone(), closed.clone()));
                }
                for (sku, location, closed) in moves {
                    self.add_to_bucket(&sku, &location, Bucket::OnOrder, -closed.from_on_order)?;
                    self.add_to_bucket(
                        &sku,
                        &location,
                        Bucket::InTransit,
                        -closed.from_in_transit,
                    )?;
                }
            }
            Event::SupplierInvoiceMatched {
                document,
                supplier,
                lines,
            } => {
                for matched in lines {
                    let key = (matched.receipt.clone(), matched.line);
                    let receipt = self
                        .state
                        .trade
                        .receipts
                        .get_mut(&key)
                        .ok_or_else(|| broken(format!("receipt {key:?} does not exist")))?;
                    add_units(&mut receipt.invoiced, matched.quantity)?;
                    sub_value(&mut receipt.grni_open.amount, matched.grni_cleared)?;
                    let origin = receipt.origin;
                    if let Some(split) = &matched.split {
                        self.apply_split(split)?;
                    }
                    let origin = self.origin_mut(origin)?;
                    add_value(&mut origin.price_difference, matched.difference)?;
                }
                self.state
                    .trade
                    .matched_invoices
                    .insert(document.clone(), supplier.clone());
            }
            Event::TransferCreated(transfer) => {
                for line in &transfer.lines {
                    if line.origin != self.state.trade.origins.next_id() {
                        return Err(broken(format!(
                            "transfer {} line {} names cost origin {}",
                            transfer.transfer, line.line, line.origin
                        )));
                    }
                    self.state
                        .trade
                        .origins
                        .push(Origin {
                            target: CostTarget::Transfer {
                                transfer: transfer.transfer.clone(),
                                line: line.line,
                            },
                            sku: line.sku.clone(),
                            quantity: 0,
                            purchase: Decimal::ZERO,
                            charges: crate::vec_map::VecMap::new(),
                            price_difference: Decimal::ZERO,
                        })
                        .ok_or_else(|| broken("cost origin ids exhausted".into()))?;
                }
                self.state
                    .trade
                    .transfers
                    .insert(transfer.transfer.clone(), (**transfer).clone());
            }
            Event::TransferApproved { transfer, lines } => {
                let t = self.transfer_mut(transfer)?;
                t.status = TransferStatus::Approved;
                for picks in lines {
                    if let Some(line) = t.lines.iter_mut().find(|l| l.line == picks.line) {
                        line.committed = picks.picks.clone();
                    }
                }
            }
            Event::TransferLineShipped {
                transfer,
                line,
                stock,
                pieces,
                ..
            } => {
                let l = self.transfer_line_mut(transfer, *line)?;
                add_units(&mut l.shipped, stock.quantity)?;
                add_value(&mut l.shipped_value, stock.value.amount)?;
                let mut left = stock.quantity;
                for pick in l.committed.iter_mut().filter(|p| p.lot == stock.lot) {
                    let take = left.min(pick.quantity);
                    pick.quantity -= take;
                    left -= take;
                }
                l.committed.retain(|p| p.quantity > 0);
                l.pieces.extend(pieces.iter().cloned());
                let origin = l.origin;
                add_units(&mut self.origin_mut(origin)?.quantity, stock.quantity)?;
                self.note_transit(transfer);
            }
            Event::TransferShipped { transfer, shipment } => {
                let t = self.transfer_mut(transfer)?;
                if t.status == TransferStatus::Approved {
                    t.status = TransferStatus::Shipped;
                }
                let s = &mut t.shipment;
                if shipment.carrier.is_some() {
                    s.carrier = shipment.carrier.clone();
                }
                if shipment.tracking.is_some() {
                    s.tracking = shipment.tracking.clone();
                }
                if shipment.eta.is_some() {
                    s.eta = shipment.eta;
                }
                if s.shipped_on.is_none() {
                    s.shipped_on = shipment.shipped_on;
                }
            }
            Event::MilestoneRecorded {
                document,
                milestone,
                eta,
            } => {
                let shipment = if let Some(t) = self.state.trade.transfers.get_mut(document) {
                    &mut t.shipment
                } else {
                    self.po_mut(document)?
                        .shipment
                        .get_or_insert_with(Shipment::default)
                };
                shipment.milestones.push((**milestone).clone());
                if eta.is_some() {
                    shipment.eta = *eta;
                }
            }
            Event::TransferLineReceived {
                transfer,
                line,
                stock,
                taken,
                over,
            } => {
                let l = self.transfer_line_mut(transfer, *line)?;
                take_pieces(l, taken)?;
                self.note_transit(transfer);
                let l = self.transfer_line_mut(transfer, *line)?;
                if stock.bucket == Bucket::Damaged {
                    add_units(&mut l.damaged, stock.quantity)?;
                } else {
                    add_units(&mut l.accepted, stock.quantity)?;
                }
                if *over {
                    add_units(&mut l.over, stock.quantity)?;
                    let origin = l.origin;
                    add_units(&mut self.origin_mut(origin)?.quantity, stock.quantity)?;
                }
            }
            Event::TransferLineShort {
                transfer,
                line,
                quantity,
                value,
                taken,
                ..
            } => {
                let l = self.transfer_line_mut(transfer, *line)?;
                take_pieces(l, taken)?;
                add_units(&mut l.short, *quantity)?;
                add_value(&mut l.short_value, value.amount)?;
                self.note_transit(transfer);
            }
            Event::TransferStatusChanged { transfer, status } => {
                let t = self.transfer_mut(transfer)?;
                t.status = *status;
                if matches!(status, TransferStatus::Received | TransferStatus::Closed) {
                    t.received_on = Some(day);
                }
                if matches!(status, TransferStatus::Closed | TransferStatus::Cancelled) {
                    for line in &mut t.lines {
                        line.committed.clear();
                    }
                }
            }
            Event::LandedCostApplied { voucher, lines } => {
                if let Some(estimate) = &voucher.replaces {
                    let replaced = self
                        .state
                        .trade
                        .vouchers
                        .get_mut(estimate)
                        .ok_or_else(|| broken(format!("voucher {estimate} does not exist")))?;
                    replaced.replaced_by = Some(voucher.voucher.clone());
                }
                for line in lines {
                    self.apply_split(&line.split)?;
                    let id = self.origin_id(&line.target)?;
                    let origin = self.origin_mut(id)?;
                    for (kind, amount) in &line.by_kind {
                        add_value(&mut origin.charges.entry(*kind).or_default().0, amount.0)?;
                    }
                }
                if let Some(id) = &voucher.clears {
                    let accrual = self
                        .state
                        .trade
                        .accruals
                        .get_mut(id)
                        .ok_or_else(|| broken(format!("accrual {id} does not exist")))?;
                    for charge in &voucher.charges {
                        accrual.open = accrual.open.checked_sub(&charge.functional)?;
                    }
                    accrual.cleared_by.push(voucher.voucher.clone());
                }
                self.state
                    .trade
                    .vouchers
                    .insert(voucher.voucher.clone(), (**voucher).clone());
            }
            Event::LandedCostAccrued {
                accrual,
                functional,
            } => {
                self.state.trade.accruals.insert(
                    accrual.document.clone(),
                    crate::trade::Accrual {
                        accrual: accrual.clone(),
                        functional: *functional,
                        open: *functional,
                        cleared_by: Vec::new(),
                    },
                );
            }
            _ => {}
        }
        Ok(())
    }

    fn po_mut(&mut self, po: &str) -> Result<&mut PurchaseOrder> {
        self.state
            .trade
            .purchase_orders
            .get_mut(po)
            .ok_or_else(|| crate::trade::unknown(po))
    }

    /// The cost origin of a receipt or transfer line.
    /// The cost origin `id`: every id a document line names is held while
    /// the document is.
    pub(crate) fn origin(&self, id: u32) -> Result<&Origin> {
        self.state
            .trade
            .origins
            .get(id)
            .ok_or_else(|| LandedError::Internal {
                detail: format!("cost origin {id} does not exist"),
            })
    }

    pub(crate) fn origin_id(&self, target: &CostTarget) -> Result<u32> {
        let trade = &self.state.trade;
        match target {
            CostTarget::Receipt { receipt, line } => trade
                .receipts
                .get(&(receipt.clone(), *line))
                .map(|r| r.origin),
            CostTarget::Transfer { transfer, line } => trade
                .transfers
                .get(transfer)
                .and_then(|t| t.lines.iter().find(|l| l.line == *line))
                .map(|l| l.origin),
        }
        .ok_or_else(|| {
            // A line of a transfer or receipt that `archive_closed` removed.
            let archived = match target {
                CostTarget::Transfer { transfer, .. } => self.archived_transfer(transfer),
                CostTarget::Receipt { receipt, .. } => self.archived_receipt(receipt),
            };
            archived.unwrap_or_else(|| LandedError::UnknownDocument {
                document: target.to_string(),
            })
        })
    }
}

/// Takes units and value out of a line's transit pieces. Emptied pieces
/// stay in place: later takes refer to pieces by index.
impl Book {
    /// Keeps `transfer` in the index of transfers in transit exactly while
    /// one of its pieces holds units.
    fn note_transit(&mut self, transfer: &str) {
        let origins: Vec<u32> = self
            .state
            .trade
            .transfers
            .get(transfer)
            .map(transit_origins_of)
            .unwrap_or_default();
        if origins.is_empty() {
            self.index.in_transit.remove(transfer);
        } else if !self.index.in_transit.contains(transfer) {
            self.index.in_transit.insert(transfer.to_owned());
        }
        self.index.file_transit(transfer, origins);
    }
}

/// The cost origins of a transfer's pieces that hold units, sorted, each
/// once (empty when nothing of it is in transit).
pub(crate) fn transit_origins_of(transfer: &crate::trade::Transfer) -> Vec<u32> {
    let mut origins = Vec::new();
    for line in &transfer.lines {
        for piece in line.pieces.iter().filter(|p| p.quantity > 0) {
            origins.push(line.origin);
            origins.extend(piece.trace.iter().copied());
        }
    }
    origins.sort_unstable();
    origins.dedup();
    origins
}

impl crate::book::Indexes {
    /// Files `transfer` under `origins` (sorted, each once; none: out of
    /// the index), replacing what it was filed under before.
    ///
    /// Every shipped or received line of a transfer files it again, and a
    /// transfer carries the origins of all its lines: only the origins that
    /// changed are touched (a merge of the two sorted lists), so a line's
    /// event costs its own pieces, not a removal and re-insertion (with a
    /// copy of the transfer number) under every origin of the transfer.
    pub(crate) fn file_transit(&mut self, transfer: &str, origins: Vec<u32>) {
        let old = self.transit_origins.remove(transfer).unwrap_or_default();
        let (mut i, mut j) = (0, 0);
        loop {
            match (old.get(i).copied(), origins.get(j).copied()) {
                (None, None) => break,
                (Some(a), Some(b)) if a == b => {
                    i += 1;
                    j += 1;
                }
                (Some(a), Some(b)) if b < a => {
                    self.file_under(b, transfer);
                    j += 1;
                }
                (Some(a), _) => {
                    // Filed under `a` before, not any more.
                    if let Some(set) = self.transit_by_origin.get_mut(&a) {
                        set.remove(transfer);
                        if set.is_empty() {
                            self.transit_by_origin.remove(&a);
                        }
                    }
                    i += 1;
                }
                (None, Some(b)) => {
                    self.file_under(b, transfer);
                    j += 1;
                }
            }
        }
        if !origins.is_empty() {
            self.transit_origins.insert(transfer.to_owned(), origins);
        }
    }

    /// Files `transfer` under one more origin.
    fn file_under(&mut self, origin: u32, transfer: &str) {
        self.transit_by_origin
            .entry(origin)
            .or_default()
            .insert(transfer.to_owned());
    }
}

fn take_pieces(line: &mut TransferLine, taken: &[PieceTake]) -> Result<()> {
    for take in taken {
        let piece = line
            .pieces
            .get_mut(take.piece as usize)
            .ok_or_else(|| broken(format!("transit piece {} does not exist", take.piece)))?;
        if take.quantity < 0 || piece.quantity < take.quantity {
            return Err(broken(format!(
                "transit piece {} holds {} units, not {}",
                take.piece, piece.quantity, take.quantity
            )));
        }
        piece.quantity -= take.quantity;
        sub_value(&mut piece.value, take.value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::book::command::{Command, Context};
    use crate::book::{Book, BookConfig};

    fn run(book: &mut Book, n: &mut u32, json: &str) {
        *n += 1;
        let at = "2026-11-03T09:00:00Z".parse().unwrap();
        book.execute(
            Command::from_json(json).unwrap(),
            &Context::new(at, format!("c{n}")),
        )
        .unwrap();
    }

    fn indexed(book: &Book) -> Vec<String> {
        book.index.in_transit.iter().cloned().collect()
    }

    /// Transfers by cost origin, and cost origins by transfer.
    type OriginIndex = (Vec<(u32, Vec<String>)>, Vec<(String, Vec<u32>)>);

    /// The transfers in transit by cost origin, and the origins of each
    /// transfer, in order.
    fn by_origin(book: &Book) -> OriginIndex {
        let mut origins: Vec<(u32, Vec<String>)> = book
            .index
            .transit_by_origin
            .iter()
            .map(|(o, set)| (*o, set.iter().cloned().collect()))
            .collect();
        origins.sort();
        let mut transfers: Vec<(String, Vec<u32>)> = book
            .index
            .transit_origins
            .iter()
            .map(|(t, o)| (t.clone(), o.clone()))
            .collect();
        transfers.sort();
        (origins, transfers)
    }

    /// The index of transfers in transit follows every shipment, receipt
    /// and shortage, equals a walk over all transfers after each command,
    /// and is rebuilt the same by replay and restore.
    #[test]
    fn transfers_in_transit_are_indexed_exactly() {
        let mut book =
            Book::new(BookConfig::from_json(r#"{"functional_currency":"CNY"}"#).unwrap()).unwrap();
        let mut n = 0;
        let commands = [
            (
                r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#,
                vec![],
            ),
            (
                r#"{"type":"define_location","code":"DE","name":"Hamburg","kind":"third_party"}"#,
                vec![],
            ),
            (
                r#"{"type":"define_location","code":"US","name":"Ontario","kind":"third_party"}"#,
                vec![],
            ),
            (
                r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#,
                vec![],
            ),
            (
                r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":100,"unit_cost":{"amount":"17.75","currency":"CNY"}}"#,
                vec![],
            ),
            (
                r#"{"type":"create_transfer","transfer":"T-2","source":"SZ","destination":"US","lines":[{"sku":"LAMP","quantity":10}]}"#,
                vec![],
            ),
            (
                r#"{"type":"create_transfer","transfer":"T-1","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":40}]}"#,
                vec![],
            ),
            (
                r#"{"type":"create_transfer","transfer":"T-3","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":5}]}"#,
                vec![],
            ),
            (r#"{"type":"approve_transfer","transfer":"T-1"}"#, vec![]),
            (r#"{"type":"approve_transfer","transfer":"T-2"}"#, vec![]),
            (r#"{"type":"ship_transfer","transfer":"T-2"}"#, vec!["T-2"]),
            (
                r#"{"type":"ship_transfer","transfer":"T-1"}"#,
                vec!["T-1", "T-2"],
            ),
            (
                r#"{"type":"receive_transfer","transfer":"T-1","lines":[{"line":1,"accepted":39,"damaged":1}]}"#,
                vec!["T-2"],
            ),
            (
                r#"{"type":"receive_transfer","transfer":"T-2","lines":[{"line":1,"accepted":8,"short":2}]}"#,
                vec![],
            ),
        ];
        for (json, expected) in commands {
            run(&mut book, &mut n, json);
            let walked: Vec<String> = book
                .state
                .trade
                .transfers_in_transit()
                .into_iter()
                .collect();
            assert_eq!(indexed(&book), walked, "after {json}");
            assert_eq!(indexed(&book), expected, "after {json}");
            let replayed = Book::replay(book.config().clone(), book.events().iter()).unwrap();
            assert_eq!(indexed(&replayed), walked, "replayed after {json}");
            let restored = Book::restore(book.snapshot()).unwrap();
            assert_eq!(indexed(&restored), walked, "restored after {json}");
            // Filed line by line, the origins index is the one built whole.
            assert_eq!(by_origin(&book), by_origin(&restored), "after {json}");
        }
    }
}
