//! Events: what commands did, and the storage format of a book.
//!
//! A host appends [`RecordedEvent`]s to its own store and rebuilds the book
//! with [`crate::book::Book::replay`]. Events carry their results (values,
//! FIFO layers taken, lot expiries), not just their inputs, so replaying
//! never re-decides anything: a later release reads old events and lands on
//! the same numbers.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::Code;
use crate::catalog::{BundleSpec, LocationSpec, SkuSpec, SkuUpdate};
use crate::command::IssueReason;
use crate::ledger::JournalEntry;
use crate::money::Money;
use crate::settlement::{InvoiceSpec, SettlementSpec};
use crate::stock::Bucket;
use crate::trade::{
    ClosedLine, LinePicks, MatchedLine, MilestoneRecord, PieceTake, PurchaseOrder, PurchaseStatus,
    RateInput, ReceiptLine, Shipment, ShortTo, SupplierSpec, Transfer, TransferStatus,
    TransitPiece, Voucher, VoucherLine,
};
use crate::valuation::{CostIn, CostOut};

/// Version of the event and snapshot format written by this release.
pub const SCHEMA_VERSION: u32 = 1;

/// One event as stored: its place in the log and the command that caused it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecordedEvent {
    /// Format version of this record.
    pub schema_version: u32,
    /// Position in the book's log, from 1, without gaps.
    pub seq: u64,
    /// Book version after the command (one version per command).
    pub version: u64,
    /// The command's idempotency key.
    pub command_id: Code,
    /// Fingerprint of the command, to recognise a retried command
    /// (serialized as 16 hex digits: JSON numbers lose bits above 2^53).
    #[serde(with = "hex_u64")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub fingerprint: u64,
    /// Effective time of the command.
    pub at: DateTime<Utc>,
    /// What happened.
    pub event: Event,
}

impl AsRef<RecordedEvent> for RecordedEvent {
    fn as_ref(&self) -> &RecordedEvent {
        self
    }
}

/// What happened, in business terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// The command was accepted but had nothing to change (a carrier
    /// milestone already recorded). It is logged so that its command id is
    /// remembered: a retry returns this outcome, another command under the
    /// same id is refused.
    NoEffect {},
    /// A SKU was added.
    SkuDefined(SkuSpec),
    /// A SKU was changed.
    SkuUpdated(SkuUpdate),
    /// A SKU was deactivated.
    SkuDeactivated {
        /// The SKU.
        sku: String,
    },
    /// A bundle was defined.
    BundleDefined(BundleSpec),
    /// A location was added, in a valuation scope.
    LocationDefined {
        /// Its definition.
        location: LocationSpec,
        /// The valuation scope it was placed in.
        scope: String,
    },
    /// Units arrived.
    Received(StockIn),
    /// Units left the book.
    Issued(StockOut),
    /// Units changed bucket; value unchanged.
    Moved {
        /// The SKU.
        sku: Code,
        /// The location.
        location: Code,
        /// The lot.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lot: Option<String>,
        /// From bucket.
        from: Bucket,
        /// To bucket.
        to: Bucket,
        /// Units.
        quantity: i64,
        /// Reason given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// Damage write-down of units moved into the damaged bucket: their
        /// value at the pool's average cost, added to the allowance.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        write_down: Option<Money>,
        /// Share of the allowance released by units moved out of the
        /// damaged bucket (a recovery of the write-down).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        allowance_released: Option<Money>,
    },
    /// A bucket was corrected upward (valued like a receipt).
    AdjustedUp(StockIn),
    /// A bucket was corrected downward (valued like an issue).
    AdjustedDown(StockOut),
    /// A count was opened; the location is frozen.
    StocktakeOpened {
        /// Stocktake id.
        stocktake: String,
        /// Location counted.
        location: String,
        /// On-hand quantities when the count opened.
        expected: Vec<CountLine>,
    },
    /// A line was counted.
    CountRecorded {
        /// Stocktake id.
        stocktake: String,
        /// The line.
        line: CountLine,
    },
    /// A count was posted (its adjustments precede this event).
    StocktakePosted {
        /// Stocktake id.
        stocktake: String,
    },
    /// A count was abandoned.
    StocktakeCancelled {
        /// Stocktake id.
        stocktake: String,
    },
    /// A balanced journal entry was written.
    JournalPosted(JournalEntry),
    /// The books were locked through a date.
    PeriodLocked {
        /// Last locked day.
        through: NaiveDate,
    },
    /// An invoice became an open item (its entry follows).
    InvoiceRecorded {
        /// The invoice.
        invoice: InvoiceSpec,
        /// Receivable or payable account.
        account: String,
        /// Functional amount carried.
        carrying: Money,
    },
    /// A payment settled part or all of a document (its entry follows).
    SettlementRecorded {
        /// The payment.
        settlement: SettlementSpec,
        /// Carrying amount of the part settled.
        carrying_settled: Money,
        /// Realized exchange gain (positive) or loss (negative).
        realized: Money,
    },
    /// Open items were revalued (the entry and its reversal follow).
    Revalued {
        /// Period-end date.
        date: NaiveDate,
    },
    /// Exchange rates were given to the book.
    RatesRecorded {
        /// The rates.
        entries: Vec<RateInput>,
    },
    /// A supplier was added.
    SupplierDefined(SupplierSpec),
    /// A purchase order was created (as a draft).
    PurchaseOrderCreated(Box<PurchaseOrder>),
    /// A purchase order was confirmed: its units are on order.
    PurchaseOrderConfirmed {
        /// The order.
        po: String,
    },
    /// The supplier shipped what was outstanding.
    PurchaseOrderShipped {
        /// The order.
        po: String,
        /// Carrier details.
        shipment: Box<Shipment>,
    },
    /// A purchase receipt line (its stock receipt follows).
    PurchaseReceived {
        /// The line received.
        receipt: Box<ReceiptLine>,
        /// Units taken off on order at the destination.
        from_on_order: i64,
        /// Units taken off in transit at the destination.
        from_in_transit: i64,
    },
    /// A purchase order was closed or cancelled.
    PurchaseOrderClosed {
        /// The order.
        po: String,
        /// Lines with units cancelled.
        lines: Vec<ClosedLine>,
        /// Closed, or cancelled when nothing arrived.
        status: PurchaseStatus,
    },
    /// A supplier invoice was matched (its open item and entry follow).
    SupplierInvoiceMatched {
        /// Invoice number.
        document: String,
        /// Supplier.
        supplier: String,
        /// Lines.
        lines: Vec<MatchedLine>,
    },
    /// A transfer was created (as a draft).
    TransferCreated(Box<Transfer>),
    /// A transfer was approved (the commitments precede this event).
    TransferApproved {
        /// The transfer.
        transfer: String,
        /// Lots committed per line.
        lines: Vec<LinePicks>,
    },
    /// Units of a transfer line left the source for transit.
    TransferLineShipped {
        /// The transfer.
        transfer: String,
        /// Line number.
        line: u32,
        /// Destination location.
        destination: Code,
        /// Units and value leaving the source (committed bucket).
        stock: Box<StockOut>,
        /// The units in transit, by lot and trace.
        pieces: Vec<TransitPiece>,
    },
    /// A transfer shipped (its lines' shipments precede this event).
    TransferShipped {
        /// The transfer.
        transfer: String,
        /// Carrier details.
        shipment: Box<Shipment>,
    },
    /// A carrier milestone.
    MilestoneRecorded {
        /// Transfer or purchase order.
        document: String,
        /// The milestone.
        milestone: Box<MilestoneRecord>,
        /// New estimated arrival.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        eta: Option<NaiveDate>,
    },
    /// Units of a transfer line arrived.
    TransferLineReceived {
        /// The transfer.
        transfer: String,
        /// Line number.
        line: u32,
        /// Units and value entering the destination.
        stock: Box<StockIn>,
        /// Transit pieces they came from (empty for over-received units).
        taken: Vec<PieceTake>,
        /// Units received beyond those shipped.
        over: bool,
    },
    /// Units of a transfer line never arrived.
    TransferLineShort {
        /// The transfer.
        transfer: String,
        /// Line number.
        line: u32,
        /// SKU.
        sku: Code,
        /// Destination.
        location: Code,
        /// Lot.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lot: Option<String>,
        /// Units.
        quantity: i64,
        /// Their value.
        value: Money,
        /// Transit pieces they came from.
        taken: Vec<PieceTake>,
        /// Transit loss or carrier claim.
        to: ShortTo,
    },
    /// A transfer changed status.
    TransferStatusChanged {
        /// The transfer.
        transfer: String,
        /// New status.
        status: TransferStatus,
    },
    /// A landed-cost voucher was applied (its entry follows).
    LandedCostApplied {
        /// The voucher.
        voucher: Box<Voucher>,
        /// Per target line: amount and where it went.
        lines: Vec<VoucherLine>,
    },
}

/// Units entering a bucket, with their cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockIn {
    /// The SKU.
    pub sku: Code,
    /// The location.
    pub location: Code,
    /// Lot number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Lot expiry, recorded with the lot's first receipt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<NaiveDate>,
    /// Bucket.
    pub bucket: Bucket,
    /// Units.
    pub quantity: i64,
    /// Unit cost (functional currency, full precision).
    pub unit_cost: Money,
    /// Value added to inventory: `quantity × unit_cost`, rounded once.
    pub value: Money,
    /// Effect on the valuation pool.
    pub cost: CostIn,
    /// Damage reason, for the damaged bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage_reason: Option<String>,
    /// Reason or document reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Damage write-down of units entering the damaged bucket (books with
    /// `damage_write_down`): their value at the pool's average cost after
    /// this movement, added to the position's allowance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_down: Option<Money>,
}

/// Units leaving a bucket, with their cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockOut {
    /// The SKU.
    pub sku: Code,
    /// The location.
    pub location: Code,
    /// Lot number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Bucket.
    pub bucket: Bucket,
    /// Units.
    pub quantity: i64,
    /// Why, for issues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<IssueReason>,
    /// Value taken out of inventory (positive).
    pub value: Money,
    /// Effect on the valuation pool.
    pub cost: CostOut,
    /// Damage reason, when taken from the damaged bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage_reason: Option<String>,
    /// Reason or document reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Sales channel of an issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Share of the position's write-down allowance released by damaged
    /// units leaving the book (books with `damage_write_down`): pro rata by
    /// units, the last damaged unit taking what is left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowance_released: Option<Money>,
}

/// One line of a count: SKU, lot and units.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CountLine {
    /// The SKU.
    pub sku: String,
    /// The lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Units.
    pub quantity: i64,
}

/// The result of a successful command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Outcome {
    /// Book version after the command.
    pub version: u64,
    /// True when the command id had already been executed: nothing changed
    /// and `events` are the original ones.
    pub duplicate: bool,
    /// The events, in order.
    // Shared with the book's log (`Arc`), so returning them copies nothing.
    pub events: Vec<std::sync::Arc<RecordedEvent>>,
}

/// A `u64` as 16 lowercase hex digits.
mod hex_u64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{value:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        let text = String::deserialize(deserializer)?;
        u64::from_str_radix(&text, 16).map_err(serde::de::Error::custom)
    }
}
