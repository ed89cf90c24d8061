//! Purchasing: suppliers, exchange rates held by the book, purchase orders
//! from draft to closed, and receipts at the receipt date's cost.
//!
//! A confirmed order puts its units *on order* at the destination; a
//! supplier shipment moves them to *in transit*; a receipt takes them off
//! and receives them into stock at `unit price × rate`, where the rate is
//! the order's fixed rate or the book's rate on the receipt date. Every
//! receipt line becomes a cost origin, so freight or duty that arrives
//! later finds its units wherever they went.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use landed::book::{Book, BookConfig};
//! use landed::book::command::{Command, Context};
//! use landed::Currency;
//!
//! let mut book = Book::new(BookConfig::new(Currency::from_code("CNY")?))?;
//! let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
//! let run = |book: &mut Book, id: &str, json: &str| {
//!     let command: Command = serde_json::from_str(json).unwrap();
//!     book.execute(command, &Context::new(at, id))
//! };
//! run(&mut book, "1", r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#)?;
//! run(&mut book, "2", r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#)?;
//! run(&mut book, "3", r#"{"type":"define_supplier","code":"F1","name":"Factory","currency":"USD"}"#)?;
//! run(&mut book, "4", r#"{"type":"record_rates","entries":[{"base":"USD","quote":"CNY","date":"2026-11-02","rate":"7.10"}]}"#)?;
//! run(&mut book, "5", r#"{"type":"create_purchase_order","po":"PO-1","supplier":"F1","date":"2026-11-01",
//!     "lines":[{"sku":"LAMP","quantity":100,"unit_price":{"amount":"2.50","currency":"USD"},"destination":"SZ"}]}"#)?;
//! run(&mut book, "6", r#"{"type":"confirm_purchase_order","po":"PO-1"}"#)?;
//! assert_eq!(book.position("LAMP", "SZ", None)?.quantities.on_order, 100);
//! run(&mut book, "7", r#"{"type":"receive_purchase_order","po":"PO-1","receipt":"GRN-1","lines":[{"line":1,"quantity":60}]}"#)?;
//! let lamp = book.position("LAMP", "SZ", None)?.quantities;
//! assert_eq!((lamp.on_order, lamp.available), (40, 60));
//! // 60 × 2.50 USD × 7.10 = 1,065.00 CNY.
//! assert_eq!(book.valuation(Some("LAMP"))?[0].value.amount.to_string(), "1065.00");
//! # Ok::<(), landed::LandedError>(())
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{CostSplit, Shipment};
use crate::error::{LandedError, Result};
use crate::inventory::Bucket;
use crate::money::{Currency, Money};

/// A supplier (`DefineSupplier`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let supplier = book.supplier("F1").unwrap();
assert_eq!((supplier.code.as_str(), supplier.payment_terms_days), ("F1", 30));
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let landed::Command::CreatePurchaseOrder(spec) = lamp_command("PO-1/create") else { unreachable!() };
assert_eq!((spec.po.as_str(), spec.supplier.as_str()), ("PO-1", "F1"));
assert_eq!(spec.fixed_rate, None); // each receipt converts at its own date's rate
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let landed::Command::CreatePurchaseOrder(spec) = lamp_command("PO-1/create") else { unreachable!() };
let line = &spec.lines[0];
assert_eq!((line.sku.as_str(), line.quantity, line.destination.as_str()), ("LAMP", 50, "SZ"));
assert_eq!(line.unit_price.to_string(), "2.60 USD");
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::trade::PurchaseStatus;
let status = |book: landed::Book| book.purchase_order("PO-1").map(|po| po.status);
assert_eq!(status(lamp_book_until("PO-1/confirm")?)?, PurchaseStatus::Draft);
assert_eq!(status(lamp_book_until("GRN-1")?)?, PurchaseStatus::Confirmed);
assert_eq!(status(lamp_book()?)?, PurchaseStatus::Received);
# Ok(()) }
```
"##
)]
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

impl PurchaseStatus {
    /// The snake_case name.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::trade::PurchaseStatus;
    /// assert_eq!(PurchaseStatus::PartiallyReceived.name(), "partially_received");
    /// # Ok(()) }
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Confirmed => "confirmed",
            Self::Shipped => "shipped",
            Self::PartiallyReceived => "partially_received",
            Self::Received => "received",
            Self::Closed => "closed",
            Self::Cancelled => "cancelled",
        }
    }
}

/// A purchase order line's state.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book_until("GRN-1")?;
let po = &lamp_trade(&book).purchase_orders["PO-1"];
let line = &po.lines[0];
assert_eq!((line.ordered, line.received, line.in_transit, line.outstanding()), (50, 0, 0, 50));
# Ok(()) }
```
"##
)]
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
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let po = &lamp_trade(&book).purchase_orders["PO-1"];
    /// assert_eq!(po.line(1).map(|line| line.received), Some(50));
    /// assert!(po.line(2).is_none());
    /// # Ok(()) }
    /// ```
    pub fn line(&self, number: u32) -> Option<&PurchaseLine> {
        let at = (number as usize).checked_sub(1)?;
        self.lines.get(at).filter(|l| l.line == number)
    }

    pub(crate) fn line_mut(&mut self, number: u32) -> Option<&mut PurchaseLine> {
        let at = (number as usize).checked_sub(1)?;
        self.lines.get_mut(at).filter(|l| l.line == number)
    }
}

impl PurchaseLine {
    /// Units still expected: ordered − received − cancelled (never negative).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let po = &lamp_trade(&book).purchase_orders["PO-1"];
    /// assert_eq!(po.lines[0].outstanding(), 0); // 50 ordered, 50 received
    /// # Ok(()) }
    /// ```
    pub fn outstanding(&self) -> i64 {
        (self.ordered - self.received - self.cancelled).max(0)
    }
}

/// A purchase order's state.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let po = &lamp_trade(&book).purchase_orders["PO-1"];
assert_eq!((po.currency.code(), po.receipts.as_slice()), ("USD", ["GRN-1".to_string()].as_slice()));
assert_eq!(po.tolerance_percent.to_string(), "0"); // the book's default
# Ok(()) }
```
"##
)]
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

/// One line of a purchase receipt (`ReceivePurchaseOrder`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::inventory::Bucket;
let landed::Command::ReceivePurchaseOrder { lines, .. } = lamp_command("GRN-1") else { unreachable!() };
assert_eq!((lines[0].line, lines[0].quantity, lines[0].bucket), (1, 50, Bucket::Available));
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let receipt = &lamp_trade(&book).receipts[&("GRN-1".to_string(), 1)];
// 50 × 2.60 USD at the book's rate of 12 November (7.20, of the 10th).
assert_eq!(receipt.rate.to_string(), "7.20");
assert_eq!(receipt.value.to_string(), "936.00 CNY");
assert_eq!((receipt.invoiced, receipt.grni_open.to_string()), (0, "936.00 CNY".to_string()));
# Ok(()) }
```
"##
)]
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

/// A purchase line closed with units outstanding.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book_until("GRN-1")?;
let receive = r#"{"type":"receive_purchase_order","po":"PO-1","receipt":"GRN-1","lines":[{"line":1,"quantity":30}]}"#;
book.execute(landed::Command::from_json(receive)?, &ctx("2026-11-12", "GRN-1")?)?;
book.execute(landed::Command::from_json(r#"{"type":"close_purchase_order","po":"PO-1"}"#)?, &ctx("2026-11-14", "PO-1/close")?)?;
let landed::Event::PurchaseOrderClosed { lines, .. } = lamp_event(&book, "purchase_order_closed") else { unreachable!() };
assert_eq!((lines[0].line, lines[0].cancelled, lines[0].from_on_order), (1, 20, 20));
# Ok(()) }
```
"##
)]
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

/// A supplier invoice matched to receipt lines (`MatchSupplierInvoice`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
// The factory invoices 2.70 USD a lamp where the order said 2.60: the
// invoice clears what the receipt put in GRNI, the difference goes into
// the cost of the lamps still on hand.
let mut book = lamp_book()?;
let invoice = landed::Command::from_json(r#"{"type":"match_supplier_invoice","document":"INV-F1",
    "supplier":"F1","date":"2026-11-25","rate":"7.20","lines":[{"receipt":"GRN-1","line":1,
    "quantity":50,"unit_price":{"amount":"2.70","currency":"USD"}}]}"#)?;
let out = book.execute(invoice, &ctx("2026-11-25", "INV-F1")?)?;
assert_eq!(posted(&out), [("2100".into(), "936.00".into(), "0.00".into()),
    ("1300".into(), "36.00".into(), "0.00".into()),
    ("2000".into(), "0.00".into(), "972.00".into())]);
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
let line: landed::trade::InvoiceMatchLine = serde_json::from_str(
    r#"{"receipt":"GRN-1","line":1,"quantity":50,"unit_price":{"amount":"2.70","currency":"USD"}}"#).unwrap();
assert_eq!((line.receipt.as_str(), line.line, line.quantity), ("GRN-1", 1, 50));
assert_eq!(line.unit_price.to_string(), "2.70 USD");
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book()?;
book.execute(lamp_supplier_invoice()?, &ctx("2026-11-25", "INV-F1")?)?;
let landed::Event::SupplierInvoiceMatched { lines, .. } = lamp_event(&book, "supplier_invoice_matched") else { unreachable!() };
let m = &lines[0];
assert_eq!((m.invoiced_value.to_string(), m.grni_cleared.to_string()), ("972.00".into(), "936.00".into()));
assert_eq!(m.difference.to_string(), "36.00");
# Ok(()) }
```
"##
)]
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

pub(crate) fn unknown(document: &str) -> LandedError {
    LandedError::UnknownDocument {
        document: document.to_owned(),
    }
}

pub(crate) fn state_error(document: &str, status: &str, reason: &str) -> LandedError {
    LandedError::DocumentState {
        document: document.to_owned(),
        status: status.to_owned(),
        reason: reason.to_owned(),
    }
}

/// `amount × rate`, checked.
pub(crate) fn times(amount: Decimal, rate: Decimal, what: &str) -> Result<Decimal> {
    amount
        .checked_mul(rate)
        .ok_or_else(|| LandedError::overflow(what))
}

/// Units a line accepts: `expected × (1 + tolerance / 100)`, rounded down.
pub(crate) fn allowed_quantity(expected: i64, tolerance_percent: Decimal) -> Result<i64> {
    let extra = Decimal::from(expected)
        .checked_mul(tolerance_percent)
        .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
        .ok_or_else(|| LandedError::overflow("over-receipt tolerance"))?
        .floor();
    let extra = i64::try_from(extra).unwrap_or(i64::MAX);
    Ok(expected.saturating_add(extra))
}

impl SupplierSpec {
    /// A supplier `code` named `name` invoicing in `currency`, invoices due
    /// on their date (no payment terms).
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::trade::SupplierSpec;
    /// let factory = SupplierSpec::new("F1", "Factory", "USD".parse()?).payment_terms_days(30);
    /// assert_eq!(Command::from(factory), Command::from_json(r#"{"type":"define_supplier","code":"F1",
    ///     "name":"Factory","currency":"USD","payment_terms_days":30}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(code: impl Into<String>, name: impl Into<String>, currency: Currency) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            currency,
            payment_terms_days: 0,
        }
    }

    crate::builder::setters! {
        /// Invoices are due this many days after their date.
        ///
        /// ```
        /// # use landed::trade::SupplierSpec;
        /// assert_eq!(SupplierSpec::new("F1", "Factory", "USD".parse()?).payment_terms_days(60).payment_terms_days, 60);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        payment_terms_days: set u32;
    }
}

impl PurchaseOrderSpec {
    /// Order `po` from `supplier` dated `date`, without lines yet; receipts
    /// convert at their date's rate and the book's tolerance applies.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::trade::{PurchaseLineSpec, PurchaseOrderSpec};
    /// use landed::Money;
    /// let po = PurchaseOrderSpec::new("PO-1", "F1", landed::parse_date("2026-11-01")?)
    ///     .line(PurchaseLineSpec::new("LAMP", 100, Money::parse("2.50", "USD")?, "SZ"));
    /// assert_eq!(Command::from(po), Command::from_json(r#"{"type":"create_purchase_order","po":"PO-1",
    ///     "supplier":"F1","date":"2026-11-01","lines":[{"sku":"LAMP","quantity":100,
    ///     "unit_price":{"amount":"2.50","currency":"USD"},"destination":"SZ"}]}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(po: impl Into<String>, supplier: impl Into<String>, date: NaiveDate) -> Self {
        Self {
            po: po.into(),
            supplier: supplier.into(),
            date,
            lines: Vec::new(),
            fixed_rate: None,
            over_receipt_tolerance_percent: None,
        }
    }

    /// Adds a line (lines are numbered from 1 in the order added).
    ///
    /// ```
    /// # use landed::trade::{PurchaseLineSpec, PurchaseOrderSpec};
    /// # use landed::Money;
    /// let po = PurchaseOrderSpec::new("PO-1", "F1", landed::parse_date("2026-11-01")?)
    ///     .line(PurchaseLineSpec::new("LAMP", 100, Money::parse("2.50", "USD")?, "SZ"));
    /// assert_eq!(po.lines.len(), 1);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    #[must_use]
    pub fn line(mut self, line: PurchaseLineSpec) -> Self {
        self.lines.push(line);
        self
    }

    crate::builder::setters! {
        /// A rate fixed with the supplier (functional units per supplier
        /// currency unit).
        ///
        /// ```
        /// # use landed::trade::PurchaseOrderSpec;
        /// let po = PurchaseOrderSpec::new("PO-1", "F1", landed::parse_date("2026-11-01")?).fixed_rate("7.05".parse::<landed::Decimal>()?);
        /// assert_eq!(po.fixed_rate.map(|r| r.to_string()).as_deref(), Some("7.05"));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        fixed_rate: opt Decimal;
        /// This order's over-receipt tolerance in percent.
        ///
        /// ```
        /// # use landed::trade::PurchaseOrderSpec;
        /// let po = PurchaseOrderSpec::new("PO-1", "F1", landed::parse_date("2026-11-01")?).over_receipt_tolerance_percent(5.into());
        /// assert_eq!(po.over_receipt_tolerance_percent, Some(5.into()));
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        over_receipt_tolerance_percent: opt Decimal;
    }
}

impl PurchaseLineSpec {
    /// `quantity` units of `sku` at `unit_price` (supplier currency), going
    /// to `destination`.
    ///
    /// ```
    /// use landed::trade::PurchaseLineSpec;
    /// use landed::Money;
    /// let line = PurchaseLineSpec::new("LAMP", 100, Money::parse("2.50", "USD")?, "SZ");
    /// assert_eq!((line.quantity, line.destination.as_str()), (100, "SZ"));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(
        sku: impl Into<String>,
        quantity: i64,
        unit_price: Money,
        destination: impl Into<String>,
    ) -> Self {
        Self {
            sku: sku.into(),
            quantity,
            unit_price,
            destination: destination.into(),
            expected_date: None,
        }
    }

    crate::builder::setters! {
        /// When the units are expected.
        ///
        /// ```
        /// # use landed::{trade::PurchaseLineSpec, Money};
        /// let line = PurchaseLineSpec::new("LAMP", 1, Money::parse("2.50", "USD")?, "SZ")
        ///     .expected_date(landed::parse_date("2026-12-01")?);
        /// assert!(line.expected_date.is_some());
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        expected_date: opt NaiveDate;
    }
}

impl ReceiptLineSpec {
    /// `quantity` units of purchase order line `line` received into the
    /// available bucket.
    ///
    /// ```
    /// use landed::trade::ReceiptLineSpec;
    /// use landed::inventory::Bucket;
    /// let line = ReceiptLineSpec::new(1, 60);
    /// assert_eq!((line.line, line.quantity, line.bucket), (1, 60, Bucket::Available));
    /// ```
    pub fn new(line: u32, quantity: i64) -> Self {
        Self {
            line,
            quantity,
            bucket: available(),
            lot: None,
            expiry: None,
            damage_reason: None,
        }
    }

    crate::builder::setters! {
        /// Into another bucket: receiving, quality_control or damaged.
        ///
        /// ```
        /// # use landed::{trade::ReceiptLineSpec, inventory::Bucket};
        /// assert_eq!(ReceiptLineSpec::new(1, 5).bucket(Bucket::QualityControl).bucket, Bucket::QualityControl);
        /// ```
        bucket: set Bucket;
        /// The lot, for lot-tracked SKUs.
        ///
        /// ```
        /// # use landed::trade::ReceiptLineSpec;
        /// assert_eq!(ReceiptLineSpec::new(1, 5).lot("L-1").lot.as_deref(), Some("L-1"));
        /// ```
        lot: some String;
        /// The lot's expiry.
        ///
        /// ```
        /// # use landed::trade::ReceiptLineSpec;
        /// assert!(ReceiptLineSpec::new(1, 5).expiry(landed::parse_date("2027-06-30")?).expiry.is_some());
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        expiry: opt NaiveDate;
        /// Why the units arrived damaged.
        ///
        /// ```
        /// # use landed::trade::ReceiptLineSpec;
        /// assert_eq!(ReceiptLineSpec::new(1, 5).damage_reason("wet").damage_reason.as_deref(), Some("wet"));
        /// ```
        damage_reason: some String;
    }
}

impl SupplierInvoiceSpec {
    /// Invoice `document` of `supplier` dated `date`, without lines yet;
    /// due after the supplier's terms, converted at the book's rate of the
    /// date.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::trade::{InvoiceMatchLine, SupplierInvoiceSpec};
    /// use landed::Money;
    /// let invoice = SupplierInvoiceSpec::new("INV-1", "F1", landed::parse_date("2026-11-05")?)
    ///     .line(InvoiceMatchLine::new("GRN-1", 1, 60, Money::parse("2.50", "USD")?));
    /// assert_eq!(Command::from(invoice), Command::from_json(r#"{"type":"match_supplier_invoice",
    ///     "document":"INV-1","supplier":"F1","date":"2026-11-05","lines":[{"receipt":"GRN-1","line":1,
    ///     "quantity":60,"unit_price":{"amount":"2.50","currency":"USD"}}]}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(document: impl Into<String>, supplier: impl Into<String>, date: NaiveDate) -> Self {
        Self {
            document: document.into(),
            supplier: supplier.into(),
            date,
            due_date: None,
            rate: None,
            lines: Vec::new(),
        }
    }

    /// Adds an invoiced receipt line.
    ///
    /// ```
    /// # use landed::trade::{InvoiceMatchLine, SupplierInvoiceSpec};
    /// # use landed::Money;
    /// let invoice = SupplierInvoiceSpec::new("INV-1", "F1", landed::parse_date("2026-11-05")?)
    ///     .line(InvoiceMatchLine::new("GRN-1", 1, 60, Money::parse("2.50", "USD")?));
    /// assert_eq!(invoice.lines[0].receipt, "GRN-1");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    #[must_use]
    pub fn line(mut self, line: InvoiceMatchLine) -> Self {
        self.lines.push(line);
        self
    }

    crate::builder::setters! {
        /// The due date (default: date + the supplier's payment terms).
        ///
        /// ```
        /// # use landed::trade::SupplierInvoiceSpec;
        /// let invoice = SupplierInvoiceSpec::new("INV-1", "F1", landed::parse_date("2026-11-05")?)
        ///     .due_date(landed::parse_date("2026-12-05")?);
        /// assert!(invoice.due_date.is_some());
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        due_date: opt NaiveDate;
        /// Functional units per supplier currency unit (default: the book's
        /// rate on the invoice date).
        ///
        /// ```
        /// # use landed::trade::SupplierInvoiceSpec;
        /// let invoice = SupplierInvoiceSpec::new("INV-1", "F1", landed::parse_date("2026-11-05")?)
        ///     .rate("7.12".parse::<landed::Decimal>()?);
        /// assert_eq!(invoice.rate.map(|r| r.to_string()).as_deref(), Some("7.12"));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        rate: opt Decimal;
    }
}

impl InvoiceMatchLine {
    /// `quantity` units of receipt `receipt`, purchase order line `line`,
    /// invoiced at `unit_price` (supplier currency).
    ///
    /// ```
    /// use landed::trade::InvoiceMatchLine;
    /// use landed::Money;
    /// let line = InvoiceMatchLine::new("GRN-1", 1, 60, Money::parse("2.55", "USD")?);
    /// assert_eq!(line.unit_price.to_string(), "2.55 USD");
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(receipt: impl Into<String>, line: u32, quantity: i64, unit_price: Money) -> Self {
        Self {
            receipt: receipt.into(),
            line,
            quantity,
            unit_price,
        }
    }
}
