//! Documents of the goods flow: suppliers, exchange rates, purchase orders,
//! transfers through transit and landed-cost vouchers, plus the *cost
//! origins* that tie a unit in stock back to the receipt line and transfer
//! lines it came through.
//!
//! This module holds the state and the wire types; the planning lives in
//! [`crate::purchase`], [`crate::transfer`] and [`crate::landed_cost`].

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::fx::RateType;
use crate::money::{Currency, Money};
use crate::stock::Bucket;
use crate::valuation::Trace;

/// Settings of the purchasing and landed-cost flows (`BookConfig.trade`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TradeSettings {
    /// Oldest rate, in days, that counts as "the rate on a date" when the
    /// book converts with its own rates (weekends have no ECB rate).
    /// 0 asks for a rate of exactly that date.
    #[serde(default = "default_rate_age")]
    pub max_rate_age_days: u32,
    /// Currency to triangulate through when no direct or inverse rate
    /// exists (e.g. EUR with ECB rates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pivot_currency: Option<Currency>,
    /// Over-receipt a purchase order line accepts, in percent of the
    /// ordered quantity (a PO may set its own).
    #[serde(
        default,
        with = "crate::decimal_text::strict",
        skip_serializing_if = "Decimal::is_zero"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub over_receipt_tolerance_percent: Decimal,
    /// Where the difference between a supplier invoice and the receipts it
    /// matches goes.
    #[serde(default)]
    pub price_difference: PriceDifference,
}

fn default_rate_age() -> u32 {
    7
}

impl Default for TradeSettings {
    fn default() -> Self {
        Self {
            max_rate_age_days: default_rate_age(),
            pivot_currency: None,
            over_receipt_tolerance_percent: Decimal::ZERO,
            price_difference: PriceDifference::default(),
        }
    }
}

impl TradeSettings {
    /// True for the defaults (kept out of serialized configs).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// Where an invoice price difference goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PriceDifference {
    /// Into the cost of the units still on hand, the rest to cost of goods
    /// sold (like late landed cost).
    #[default]
    Inventory,
    /// All to the purchase price variance account.
    Variance,
}

/// One exchange rate given to the book (`RecordRates`): `1 base = rate quote`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RateInput {
    /// Base currency.
    pub base: Currency,
    /// Quote currency.
    pub quote: Currency,
    /// Effective date.
    pub date: NaiveDate,
    /// Units of quote per unit of base.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub rate: Decimal,
    /// Spot (default), monthly average or custom.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub rate_type: RateType,
}

/// A supplier (`DefineSupplier`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupplierSpec {
    /// Supplier code, unique in the book.
    pub code: String,
    /// Name.
    pub name: String,
    /// Currency the supplier invoices in.
    pub currency: Currency,
    /// Payment terms: the invoice is due this many days after its date.
    #[serde(default)]
    pub payment_terms_days: u32,
}

/// A purchase order (`CreatePurchaseOrder`); it starts as a draft.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PurchaseOrderSpec {
    /// Order number, unique in the book.
    pub po: String,
    /// Supplier code.
    pub supplier: String,
    /// Order date.
    pub date: NaiveDate,
    /// Lines, numbered from 1 in the given order.
    pub lines: Vec<PurchaseLineSpec>,
    /// A rate fixed with the supplier (functional units per supplier
    /// currency unit); without it, receipts convert at their date's rate.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub fixed_rate: Option<Decimal>,
    /// Over-receipt tolerance in percent (default: the book's).
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub over_receipt_tolerance_percent: Option<Decimal>,
}

/// One line of a purchase order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PurchaseLineSpec {
    /// The SKU.
    pub sku: String,
    /// Units ordered.
    pub quantity: i64,
    /// Price of one unit in the supplier's currency.
    pub unit_price: Money,
    /// Where the units go.
    pub destination: String,
    /// When they are expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_date: Option<NaiveDate>,
}

/// Where a purchase order is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PurchaseStatus {
    /// Being prepared; nothing is expected yet.
    Draft,
    /// Sent to the supplier: units are on order at the destination.
    Confirmed,
    /// The supplier shipped: units are in transit to the destination.
    Shipped,
    /// Some units arrived.
    PartiallyReceived,
    /// Every unit ordered arrived.
    Received,
    /// Nothing more is expected (what was outstanding was cancelled).
    Closed,
    /// Cancelled before anything arrived.
    Cancelled,
}

/// A purchase order line's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PurchaseLine {
    /// Line number, from 1.
    pub line: u32,
    /// The SKU.
    pub sku: String,
    /// Destination location.
    pub destination: String,
    /// Units ordered.
    pub ordered: i64,
    /// Units received so far.
    pub received: i64,
    /// Units cancelled (never to arrive).
    pub cancelled: i64,
    /// Units the supplier reported shipped and not yet received.
    pub in_transit: i64,
    /// Price per unit, supplier currency.
    pub unit_price: Money,
    /// Expected date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_date: Option<NaiveDate>,
}

impl PurchaseOrder {
    /// Line `number` (lines are numbered from 1 in order).
    pub fn line(&self, number: u32) -> Option<&PurchaseLine> {
        let at = (number as usize).checked_sub(1)?;
        self.lines.get(at).filter(|l| l.line == number)
    }

    fn line_mut(&mut self, number: u32) -> Option<&mut PurchaseLine> {
        let at = (number as usize).checked_sub(1)?;
        self.lines.get_mut(at).filter(|l| l.line == number)
    }
}

impl PurchaseLine {
    /// Units still expected: ordered − received − cancelled (never negative).
    pub fn outstanding(&self) -> i64 {
        (self.ordered - self.received - self.cancelled).max(0)
    }
}

/// A purchase order's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PurchaseOrder {
    /// Order number.
    pub po: String,
    /// Supplier code.
    pub supplier: String,
    /// Supplier currency.
    pub currency: Currency,
    /// Order date.
    pub date: NaiveDate,
    /// Status.
    pub status: PurchaseStatus,
    /// Lines.
    pub lines: Vec<PurchaseLine>,
    /// Fixed rate, if any.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub fixed_rate: Option<Decimal>,
    /// Tolerance in percent.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub tolerance_percent: Decimal,
    /// Shipment details reported by the supplier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment: Option<Shipment>,
    /// Receipt numbers, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub receipts: Vec<String>,
}

/// Carrier details of a shipment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Shipment {
    /// Carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    /// Tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
    /// Estimated arrival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta: Option<NaiveDate>,
    /// Date shipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped_on: Option<NaiveDate>,
    /// Carrier milestones, in the order reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<MilestoneRecord>,
}

/// A tracking milestone of a shipment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// Picked up by the carrier.
    Collected,
    /// Left the origin port or airport.
    Departed,
    /// Arrived at the destination port or airport.
    ArrivedPort,
    /// Released by customs.
    CustomsCleared,
    /// On the last-mile vehicle.
    OutForDelivery,
    /// Handed over at the destination.
    Delivered,
}

/// A milestone as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MilestoneRecord {
    /// The carrier's event id (a repeat is ignored).
    pub event_id: String,
    /// What happened.
    pub milestone: Milestone,
    /// When, by the carrier's clock.
    pub at: DateTime<Utc>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// One line of a purchase receipt (`ReceivePurchaseOrder`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReceiptLineSpec {
    /// The PO line number.
    pub line: u32,
    /// Units received.
    pub quantity: i64,
    /// Bucket: available (default), receiving, quality_control or damaged.
    #[serde(default = "available")]
    pub bucket: Bucket,
    /// Lot, for lot-tracked SKUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Lot expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<NaiveDate>,
    /// Why units arrived damaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage_reason: Option<String>,
}

fn available() -> Bucket {
    Bucket::Available
}

/// A receipt line as recorded: what arrived and what it cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReceiptLine {
    /// The receipt number.
    pub receipt: String,
    /// The PO.
    pub po: String,
    /// The PO line.
    pub line: u32,
    /// SKU.
    pub sku: String,
    /// Where the units arrived.
    pub location: String,
    /// Receipt date.
    pub date: NaiveDate,
    /// Units received.
    pub quantity: i64,
    /// Price per unit, supplier currency.
    pub unit_price: Money,
    /// Functional units per supplier currency unit used.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub rate: Decimal,
    /// Value received into inventory (functional).
    pub value: Money,
    /// Cost origin id of the units.
    pub origin: u32,
    /// Units matched to supplier invoices so far.
    #[serde(default)]
    pub invoiced: i64,
    /// GRNI value not yet cleared by invoices.
    pub grni_open: Money,
}

/// Where a transfer is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TransferStatus {
    /// Being prepared.
    Draft,
    /// Units committed at the source.
    Approved,
    /// Units left the source and are in transit.
    Shipped,
    /// Some units arrived.
    PartiallyReceived,
    /// Every unit shipped is accounted for (received, damaged or short).
    Received,
    /// Closed with the unreceived units treated as short.
    Closed,
    /// Cancelled before shipping; the commitment was released.
    Cancelled,
}

/// A transfer order (`CreateTransfer`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransferSpec {
    /// Transfer number, unique in the book.
    pub transfer: String,
    /// Where the units leave from.
    pub source: String,
    /// Where they go.
    pub destination: String,
    /// Lines, numbered from 1.
    pub lines: Vec<TransferLineSpec>,
    /// Carrier, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
}

/// One line of a transfer.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransferLineSpec {
    /// SKU.
    pub sku: String,
    /// Units.
    pub quantity: i64,
    /// Lot to send; without one, lot-tracked SKUs are picked FEFO.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
}

/// Units of one lot and trace travelling on a transfer line, with the
/// value they left the source with (it does not drift in transit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransitPiece {
    /// Lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Lot expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<NaiveDate>,
    /// Units still in transit.
    pub quantity: i64,
    /// Their value (functional).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub value: Decimal,
    /// Cost origins the units came through.
    #[serde(default, skip_serializing_if = "crate::valuation::is_untraced")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<u32>"))]
    pub trace: Trace,
}

/// Part of a transit piece taken by a receipt or a shortage.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PieceTake {
    /// Index of the piece on its line.
    pub piece: u32,
    /// Units.
    pub quantity: i64,
    /// Value.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub value: Decimal,
}

/// Lot and units committed for a transfer line at approval.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LotPick {
    /// Lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Units.
    pub quantity: i64,
}

/// A transfer line's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransferLine {
    /// Line number, from 1.
    pub line: u32,
    /// SKU.
    pub sku: String,
    /// Units requested.
    pub quantity: i64,
    /// Lot requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Lots committed at approval and not yet shipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub committed: Vec<LotPick>,
    /// Units shipped.
    pub shipped: i64,
    /// Units accepted into available at the destination.
    pub accepted: i64,
    /// Units received damaged.
    pub damaged: i64,
    /// Units received beyond those shipped (included in `accepted`).
    pub over: i64,
    /// Units that never arrived.
    pub short: i64,
    /// Value shipped.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub shipped_value: Decimal,
    /// Value written off as short.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub short_value: Decimal,
    /// Units still in transit, by lot and trace.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pieces: Vec<TransitPiece>,
    /// Cost origin id of the units that arrive through this line.
    pub origin: u32,
}

impl TransferLine {
    /// Units in transit.
    pub fn in_transit(&self) -> i64 {
        self.pieces.iter().map(|p| p.quantity).sum()
    }

    /// Value in transit.
    pub fn in_transit_value(&self) -> Decimal {
        self.pieces.iter().map(|p| p.value).sum()
    }
}

/// A transfer's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Transfer {
    /// Transfer number.
    pub transfer: String,
    /// Source location.
    pub source: String,
    /// Destination location.
    pub destination: String,
    /// Status.
    pub status: TransferStatus,
    /// Lines.
    pub lines: Vec<TransferLine>,
    /// Carrier details and milestones.
    pub shipment: Shipment,
}

/// What a short unit becomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShortTo {
    /// An expense: transit loss.
    #[default]
    Loss,
    /// A receivable from the carrier.
    Claim,
}

/// One line of a transfer receipt (`ReceiveTransfer`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransferReceiptLine {
    /// Transfer line number.
    pub line: u32,
    /// Units accepted into available (units beyond those in transit are
    /// over-received and flagged).
    #[serde(default)]
    pub accepted: i64,
    /// Units that arrived damaged (into the damaged bucket at their cost).
    #[serde(default)]
    pub damaged: i64,
    /// Units declared missing.
    #[serde(default)]
    pub short: i64,
    /// Where short units go.
    #[serde(default)]
    pub short_to: ShortTo,
    /// Damage reason (default `transit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damage_reason: Option<String>,
}

/// How a landed-cost charge is spread over its target lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AllocationMethod {
    /// The same share per line.
    Equal,
    /// By units.
    Quantity,
    /// By the line's current cost.
    Value,
    /// By units × SKU weight.
    Weight,
    /// By units × SKU volume.
    Volume,
    /// By units × max(weight, L×W×H / divisor).
    ChargeableWeight,
    /// By amounts given per line.
    Manual,
}

impl AllocationMethod {
    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Equal => "equal",
            Self::Quantity => "quantity",
            Self::Value => "value",
            Self::Weight => "weight",
            Self::Volume => "volume",
            Self::ChargeableWeight => "chargeable_weight",
            Self::Manual => "manual",
        }
    }
}

/// What a charge pays for, for the landed-cost breakdown.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChargeKind {
    /// Freight.
    Freight,
    /// Customs duty.
    Duty,
    /// Insurance.
    Insurance,
    /// Anything else.
    #[default]
    Other,
}

/// A line a voucher applies to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CostTarget {
    /// A purchase receipt line.
    Receipt {
        /// Receipt number.
        receipt: String,
        /// PO line number.
        line: u32,
    },
    /// A transfer line.
    Transfer {
        /// Transfer number.
        transfer: String,
        /// Line number.
        line: u32,
    },
}

impl std::fmt::Display for CostTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Receipt { receipt, line } => write!(f, "receipt {receipt} line {line}"),
            Self::Transfer { transfer, line } => write!(f, "transfer {transfer} line {line}"),
        }
    }
}

/// One charge of a landed-cost voucher.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChargeSpec {
    /// What it is.
    pub description: String,
    /// Freight, duty, insurance or other.
    #[serde(default)]
    pub kind: ChargeKind,
    /// Amount (negative for a credit note), any currency.
    pub amount: Money,
    /// Functional units per charge currency unit; without it the book's
    /// rate on `rate_date` (default: the voucher date) is used.
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub rate: Option<Decimal>,
    /// Date of the rate to use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_date: Option<NaiveDate>,
    /// Account credited (accrued freight, the carrier's payable, duty
    /// payable…).
    pub account: String,
    /// How it is spread.
    pub method: AllocationMethod,
    /// Volumetric divisor for chargeable weight (cm³ per kg, e.g. 5000 or
    /// 6000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divisor: Option<u32>,
    /// Manual amounts per target line, in the charge currency, summing to
    /// the amount.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manual: Vec<Money>,
}

/// A landed-cost voucher (`ApplyLandedCost`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LandedCostSpec {
    /// Voucher number, unique in the book.
    pub voucher: String,
    /// Voucher date: the posting date of the capitalised and expensed parts.
    pub date: NaiveDate,
    /// The charges.
    pub charges: Vec<ChargeSpec>,
    /// The lines they apply to.
    pub targets: Vec<CostTarget>,
    /// Split equally when a method's basis is zero on every line, instead
    /// of refusing.
    #[serde(default)]
    pub equal_fallback: bool,
    /// An estimate (accrual) that a later voucher will replace.
    #[serde(default)]
    pub estimate: bool,
    /// The estimate this voucher replaces: only the difference per line is
    /// capitalised or expensed, and the estimate's accruals are cleared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// A charge converted to the functional currency, once.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConvertedCharge {
    /// Description.
    pub description: String,
    /// Kind.
    pub kind: ChargeKind,
    /// Account credited.
    pub account: String,
    /// Amount in its currency.
    pub amount: Money,
    /// Rate used.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub rate: Decimal,
    /// Functional amount.
    pub functional: Money,
    /// Functional share per target line, in target order.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Vec<crate::money::DecimalString>")
    )]
    pub shares: Vec<DecimalValue>,
}

/// A decimal serialized as a string (a list element).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct DecimalValue(#[serde(with = "crate::decimal_text::strict")] pub Decimal);

/// Cost added to the units of one pool (and FIFO layer).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Capitalised {
    /// SKU.
    pub sku: String,
    /// A location of the pool's scope (the ledger's inventory dimension).
    pub location: String,
    /// FIFO layer, if the book values FIFO.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<u64>,
    /// Units it applies to.
    pub quantity: i64,
    /// Amount.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub amount: Decimal,
}

/// Cost added to units still in transit on a transfer line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransitCapitalised {
    /// Transfer.
    pub transfer: String,
    /// Line.
    pub line: u32,
    /// Piece index.
    pub piece: u32,
    /// Units.
    pub quantity: i64,
    /// Amount.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub amount: Decimal,
}

/// How a cost change on one line was split between stock still held and
/// units already gone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostSplit {
    /// Units of the line: on hand, in transit, gone (sold, lost…).
    pub on_hand: i64,
    /// Units in transit.
    pub in_transit: i64,
    /// Units gone.
    pub gone: i64,
    /// Capitalised into stock on hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capitalised: Vec<Capitalised>,
    /// Capitalised into goods in transit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit: Vec<TransitCapitalised>,
    /// Expensed to cost of goods sold (units gone).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub expensed: Decimal,
}

/// A voucher line's result.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VoucherLine {
    /// The target.
    pub target: CostTarget,
    /// SKU of the line.
    pub sku: String,
    /// Amount applied to this line by kind (for a replacing voucher:
    /// the difference from the estimate).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, crate::money::DecimalString>")
    )]
    pub by_kind: BTreeMap<ChargeKind, DecimalValue>,
    /// Total applied.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub amount: Decimal,
    /// Where it went.
    pub split: CostSplit,
}

/// A voucher as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Voucher {
    /// Voucher number.
    pub voucher: String,
    /// Date.
    pub date: NaiveDate,
    /// An estimate.
    pub estimate: bool,
    /// The estimate it replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// The voucher that replaced this estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// Charges, converted.
    pub charges: Vec<ConvertedCharge>,
    /// Targets.
    pub targets: Vec<CostTarget>,
}

/// Where units came from: a purchase receipt line or a transfer line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Origin {
    /// The document line.
    pub target: CostTarget,
    /// SKU.
    pub sku: String,
    /// Units that entered the book (or the transit) through it.
    pub quantity: i64,
    /// Purchase value (receipt lines; zero for transfer lines, whose units
    /// carry the cost they had).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub purchase: Decimal,
    /// Landed cost applied so far, by kind.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, crate::money::DecimalString>")
    )]
    pub charges: BTreeMap<ChargeKind, DecimalValue>,
    /// Invoice price differences applied so far.
    #[serde(
        default,
        with = "crate::decimal_text::strict",
        skip_serializing_if = "Decimal::is_zero"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub price_difference: Decimal,
}

/// Everything the goods-flow documents add to a book's state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trade {
    /// Exchange rates given to the book, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<RateInput>,
    /// Suppliers by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub suppliers: BTreeMap<String, SupplierSpec>,
    /// Purchase orders by number.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub purchase_orders: BTreeMap<String, PurchaseOrder>,
    /// Receipt lines by (receipt, PO line).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[serde(with = "crate::book::seq_map")]
    pub receipts: BTreeMap<(String, u32), ReceiptLine>,
    /// Transfers by number.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub transfers: BTreeMap<String, Transfer>,
    /// Landed-cost vouchers by number.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vouchers: BTreeMap<String, Voucher>,
    /// Cost origins by id (their index).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<Origin>,
    /// Supplier invoices matched to receipts, by document.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub matched_invoices: BTreeMap<String, String>,
}

impl Trade {
    /// True when no goods-flow document exists (kept out of snapshots).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Value of every unit in transit on transfers.
    pub fn transit_value(&self) -> Decimal {
        self.transfers
            .values()
            .flat_map(|t| t.lines.iter())
            .map(TransferLine::in_transit_value)
            .sum()
    }
}

/// A supplier invoice matched to receipt lines (`MatchSupplierInvoice`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupplierInvoiceSpec {
    /// Invoice number, unique among the book's documents.
    pub document: String,
    /// Supplier code.
    pub supplier: String,
    /// Invoice date.
    pub date: NaiveDate,
    /// Due date (default: date + the supplier's payment terms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<NaiveDate>,
    /// Functional units per supplier currency unit (default: the book's
    /// rate on the invoice date).
    #[serde(
        default,
        with = "crate::decimal_text::strict_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::money::DecimalString>")
    )]
    pub rate: Option<Decimal>,
    /// Receipt lines invoiced.
    pub lines: Vec<InvoiceMatchLine>,
}

/// One invoiced receipt line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InvoiceMatchLine {
    /// Receipt number.
    pub receipt: String,
    /// PO line number.
    pub line: u32,
    /// Units invoiced.
    pub quantity: i64,
    /// Invoiced price per unit, supplier currency.
    pub unit_price: Money,
}

/// A matched invoice line as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MatchedLine {
    /// Receipt number.
    pub receipt: String,
    /// PO line number.
    pub line: u32,
    /// Units.
    pub quantity: i64,
    /// Functional amount invoiced for them.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub invoiced_value: Decimal,
    /// GRNI cleared.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub grni_cleared: Decimal,
    /// `invoiced_value − grni_cleared`.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub difference: Decimal,
    /// Where the difference went (empty when it went to price variance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<CostSplit>,
}

/// A quantity on a document line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineQuantity {
    /// Line number.
    pub line: u32,
    /// Units.
    pub quantity: i64,
}

/// A purchase line closed with units outstanding.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClosedLine {
    /// PO line.
    pub line: u32,
    /// Units cancelled.
    pub cancelled: i64,
    /// Of which were on order.
    pub from_on_order: i64,
    /// Of which were in transit from the supplier.
    pub from_in_transit: i64,
}

/// Lots committed for one transfer line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LinePicks {
    /// Line number.
    pub line: u32,
    /// Lots and units.
    pub picks: Vec<LotPick>,
}

use crate::book::{Book, NO_LOT, PoolKey, PosKey, ScopeId, SkuId};
use crate::error::{LandedError, Result};
use crate::event::Event;

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
            .ok_or_else(|| crate::purchase::unknown(transfer))
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
            .get_mut(id as usize)
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
    pub(crate) fn apply_trade(&mut self, event: &Event) -> Result<()> {
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
                if receipt.origin as usize != self.state.trade.origins.len() {
                    return Err(broken(format!(
                        "receipt {} names cost origin {}, expected {}",
                        receipt.receipt,
                        receipt.origin,
                        self.state.trade.origins.len()
                    )));
                }
                let order = self.po_mut(&receipt.po)?;
                let line = order.line_mut(receipt.line).ok_or_else(|| {
                    broken(format!("{} has no line {}", receipt.po, receipt.line))
                })?;
                add_units(&mut line.received, receipt.quantity)?;
                sub_units(&mut line.in_transit, *from_in_transit)?;
                if order.receipts.last() != Some(&receipt.receipt) {
                    order.receipts.push(receipt.receipt.clone());
                }
                order.status = if order.lines.iter().all(|l| l.outstanding() == 0) {
                    PurchaseStatus::Received
                } else {
                    PurchaseStatus::PartiallyReceived
                };
                self.state.trade.origins.push(Origin {
                    target: CostTarget::Receipt {
                        receipt: receipt.receipt.clone(),
                        line: receipt.line,
                    },
                    sku: receipt.sku.clone(),
                    quantity: receipt.quantity,
                    purchase: receipt.value.amount,
                    charges: BTreeMap::new(),
                    price_difference: Decimal::ZERO,
                });
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
                    if line.origin as usize != self.state.trade.origins.len() {
                        return Err(broken(format!(
                            "transfer {} line {} names cost origin {}",
                            transfer.transfer, line.line, line.origin
                        )));
                    }
                    self.state.trade.origins.push(Origin {
                        target: CostTarget::Transfer {
                            transfer: transfer.transfer.clone(),
                            line: line.line,
                        },
                        sku: line.sku.clone(),
                        quantity: 0,
                        purchase: Decimal::ZERO,
                        charges: BTreeMap::new(),
                        price_difference: Decimal::ZERO,
                    });
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
            }
            Event::TransferStatusChanged { transfer, status } => {
                let t = self.transfer_mut(transfer)?;
                t.status = *status;
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
                self.state
                    .trade
                    .vouchers
                    .insert(voucher.voucher.clone(), (**voucher).clone());
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
            .ok_or_else(|| crate::purchase::unknown(po))
    }

    /// The cost origin of a receipt or transfer line.
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
        .ok_or_else(|| LandedError::UnknownDocument {
            document: target.to_string(),
        })
    }
}

/// Takes units and value out of a line's transit pieces. Emptied pieces
/// stay in place: later takes refer to pieces by index.
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
