//! The planner: checks a command against the book and works out its events
//! on a scratch overlay of what it touches, so a failure leaves the book as
//! it was. One file per kind of work: stock movements, stocktakes, catalog
//! set-up, the postings of movements, money documents (entries, invoices,
//! settlements, revaluation), purchasing, transfers, landed cost and sales.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // Planning happens on a scratch copy: a transfer line that cannot be
//! // committed leaves no trace, not even of the lines before it.
//! let mut book = lamp_book()?;
//! let before = book.snapshot();
//! let create = landed::Command::from_json(r#"{"type":"create_transfer","transfer":"T-2","source":"SZ",
//!     "destination":"DE","lines":[{"sku":"LAMP","quantity":10},{"sku":"BULB","quantity":1}]}"#)?;
//! assert_eq!(book.execute(create, &ctx("2026-11-21", "T-2")?).unwrap_err().code(), "UNKNOWN_SKU");
//! assert_eq!(book.snapshot(), before);
//! # Ok(()) }
//! ```

mod catalog;
mod few;
mod landed_cost;
mod ledger;
mod overlay;
mod posting;
mod purchase;
mod sales;
mod settlement;
mod stock;
mod stocktake;
mod transfer;

pub(crate) use sales::add_amounts;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::book::Book;
use crate::book::command::Command;
use crate::book::event::Event;
use crate::error::{LandedError, Result};
use crate::inventory::{Bucket, LocId, LotId, LotInfo, Pool, PoolKey, PosKey, Position, SkuId};

/// Works out a command's events against a scratch copy of the positions
/// and pools it touches, so that a failure part-way leaves the book as it
/// was. The same overlay applies stock events during replay.
pub(crate) struct Planner<'a> {
    pub(crate) book: &'a Book,
    pub(crate) at: DateTime<Utc>,
    pub(crate) events: Vec<Event>,
    pub(crate) positions: Vec<(PosKey, Position)>,
    pub(crate) pools: Vec<(PoolKey, Pool)>,
    pub(crate) new_lots: Vec<LotInfo>,
    pub(crate) allowances: Vec<(PosKey, Decimal)>,
    /// Applying a stored event: its costs are checked against the pool
    /// (planning computed them itself).
    pub(crate) replaying: bool,
    /// What the entries planned so far add to the ledger's totals.
    pub(crate) posted: crate::ledger::Sums,
    /// What an `archive_closed` command found closed (and its cut-off),
    /// handed to the apply step so the open business is walked once.
    pub(crate) archive: Option<(chrono::NaiveDate, crate::book::archive::Closed)>,
}

/// The state a planner changed, ready to replace the book's.
pub(crate) struct Staged {
    pub(crate) positions: Vec<(PosKey, Position)>,
    pub(crate) pools: Vec<(PoolKey, Pool)>,
    pub(crate) new_lots: Vec<LotInfo>,
    pub(crate) allowances: Vec<(PosKey, Decimal)>,
    pub(crate) archive: Option<(chrono::NaiveDate, crate::book::archive::Closed)>,
}

impl Staged {
    /// Drops the staged changes, keeping the buffers.
    fn into_scratch(mut self, mut events: Vec<Event>) -> Scratch {
        self.positions.clear();
        self.pools.clear();
        events.clear();
        Scratch {
            events,
            positions: self.positions,
            pools: self.pools,
            archive: None,
        }
    }
}

/// One lot of a position picked for an outgoing movement.
pub(crate) struct Pick {
    pub(crate) lot: LotId,
    pub(crate) quantity: i64,
}

/// A planner's buffers, kept by the book between commands so that planning
/// one does not allocate them again. Always empty between commands.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub(crate) events: Vec<Event>,
    pub(crate) positions: Vec<(PosKey, Position)>,
    pub(crate) pools: Vec<(PoolKey, Pool)>,
    /// Set by a commit that archives, between planning and applying its
    /// event (see `Planner::archive`); empty otherwise.
    pub(crate) archive: Option<(chrono::NaiveDate, crate::book::archive::Closed)>,
}

impl Clone for Scratch {
    /// Nothing to copy: the buffers hold no state between commands.
    fn clone(&self) -> Self {
        Self::default()
    }
}

pub(crate) struct StockInPlan {
    pub(crate) sku: SkuId,
    pub(crate) loc: LocId,
    pub(crate) lot: Option<String>,
    pub(crate) expiry: Option<NaiveDate>,
    pub(crate) bucket: Bucket,
    pub(crate) quantity: i64,
    pub(crate) unit_cost: Decimal,
    pub(crate) value: Decimal,
    pub(crate) damage_reason: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) adjustment: bool,
    pub(crate) trace: crate::inventory::Trace,
    /// Receipt time of the FIFO layer the units left, for units arriving
    /// through a transfer (see [`crate::inventory::CostIn::layer_at`]).
    pub(crate) layer_at: Option<DateTime<Utc>>,
}

pub(crate) fn lot_rule(sku: &str, reason: &str) -> LandedError {
    LandedError::LotRule {
        sku: sku.to_owned(),
        reason: reason.to_owned(),
    }
}

impl Planner<'_> {
    pub(crate) fn plan(&mut self, command: &Command) -> Result<()> {
        match command {
            Command::DefineSku(spec) => self.plan_define_sku(spec),
            Command::UpdateSku(update) => self.plan_update_sku(update),
            Command::DeactivateSku { sku } => self.plan_deactivate_sku(sku),
            Command::DefineBundle(bundle) => self.plan_define_bundle(bundle),
            Command::DefineLocation(spec) => self.plan_define_location(spec),
            Command::Receive(r) => self.plan_receive(r),
            Command::Issue(i) => self.plan_issue(i),
            Command::Move(m) => self.plan_move(m),
            Command::Adjust(a) => self.plan_adjust(a),
            Command::OpenStocktake {
                stocktake,
                location,
            } => self.plan_open_stocktake(stocktake, location),
            Command::RecordCount {
                stocktake,
                sku,
                lot,
                counted,
            } => self.plan_record_count(stocktake, sku, lot, counted),
            Command::PostStocktake { stocktake } => self.plan_post_stocktake(stocktake),
            Command::CancelStocktake { stocktake } => self.plan_cancel_stocktake(stocktake),
            Command::PostEntry(entry) => self.plan_manual_entry(entry),
            Command::ReverseEntry { entry, date } => self.plan_reversal(*entry, *date),
            Command::LockPeriod { through } => self.plan_lock(*through),
            Command::ArchiveClosed {
                before,
                forget_commands_through,
            } => self.plan_archive(*before, forget_commands_through.0),
            Command::RecordInvoice(invoice) => self.plan_invoice(invoice),
            Command::RecordSettlement(settlement) => self.plan_settlement(settlement),
            Command::Revalue(revaluation) => self.plan_revaluation(revaluation),
            Command::RecordRates { entries } => self.plan_rates(entries),
            Command::DefineSupplier(spec) => self.plan_define_supplier(spec),
            Command::CreatePurchaseOrder(spec) => self.plan_create_po(spec),
            Command::ConfirmPurchaseOrder { po } => self.plan_confirm_po(po),
            Command::ShipPurchaseOrder { po, shipment } => self.plan_ship_po(po, shipment),
            Command::ReceivePurchaseOrder { po, receipt, lines } => {
                self.plan_receive_po(po, receipt, lines)
            }
            Command::ClosePurchaseOrder { po } => self.plan_close_po(po),
            Command::MatchSupplierInvoice(spec) => self.plan_match_invoice(spec),
            Command::CreateTransfer(spec) => self.plan_create_transfer(spec),
            Command::ApproveTransfer { transfer } => self.plan_approve_transfer(transfer),
            Command::ShipTransfer {
                transfer,
                lines,
                shipment,
            } => self.plan_ship_transfer(transfer, lines, shipment),
            Command::RecordMilestone {
                document,
                milestone,
                eta,
            } => self.plan_milestone(document, milestone, *eta),
            Command::ReceiveTransfer { transfer, lines } => {
                self.plan_receive_transfer(transfer, lines)
            }
            Command::CloseTransfer { transfer, short_to } => {
                self.plan_close_transfer(transfer, *short_to)
            }
            Command::CancelTransfer { transfer } => self.plan_cancel_transfer(transfer),
            Command::ApplyLandedCost(spec) => self.plan_landed_cost(spec),
            Command::RecordPayment(payment) => self.plan_payment(payment),
            Command::AccrueLandedCost(accrual) => self.plan_accrual(accrual),
            Command::DefineChannel(spec) => self.plan_define_channel(spec),
            Command::DefineListing(spec) => self.plan_define_listing(spec),
            Command::IngestSalesOrder(spec) => self.plan_ingest_sales_order(spec),
            Command::RouteSalesOrder {
                channel,
                order,
                lines,
            } => self.plan_route_sales_order(channel, order, lines),
            Command::CancelSalesOrder {
                channel,
                order,
                lines,
            } => self.plan_cancel_sales_order(channel, order, lines),
            Command::ShipSalesOrder {
                channel,
                order,
                shipment,
                lines,
                rate,
            } => self.plan_ship_sales_order(channel, order, shipment, lines, *rate),
            Command::ReceiveSalesReturn(spec) => self.plan_sales_return(spec),
            Command::RefundSalesOrder(spec) => self.plan_refund(spec),
            Command::RecordChannelFee(spec) => self.plan_channel_fee(spec),
            Command::RecordMarketplaceSettlement(spec) => self.plan_marketplace_settlement(spec),
            Command::SetListingStockPolicy(policy) => self.plan_listing_stock_policy(policy),
            Command::AcknowledgeStockPush { pushes } => self.plan_stock_push(pushes),
        }
    }
}
