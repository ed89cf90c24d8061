//! Transfers through transit: draft → approved (committed at the source) →
//! shipped (cost moves to Goods in Transit) → received, short or damaged
//! at the destination → closed.
//!
//! Units keep their cost in transit: a shipment is split into *pieces* by
//! lot and cost origin, each with the value it left with, and receipts take
//! from the pieces in order. Short units leave Goods in Transit for a
//! transit-loss expense or a carrier claim; damaged units arrive in the
//! damaged bucket at their cost; over-received units come in at the
//! line's unit cost as an inventory gain.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use landed::book::{Book, BookConfig};
//! use landed::book::command::{Command, Context};
//! use landed::Currency;
//!
//! let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
//! let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
//! let run = |book: &mut Book, id: &str, json: &str| {
//!     let command: Command = serde_json::from_str(json).unwrap();
//!     book.execute(command, &Context::new(at, id))
//! };
//! run(&mut book, "1", r#"{"type":"define_location","code":"SZ","name":"Shenzhen","kind":"own"}"#)?;
//! run(&mut book, "2", r#"{"type":"define_location","code":"DE","name":"3PL Germany","kind":"third_party"}"#)?;
//! run(&mut book, "3", r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#)?;
//! run(&mut book, "4", r#"{"type":"receive","sku":"LAMP","location":"SZ","quantity":50,"unit_cost":{"amount":"4.00","currency":"USD"}}"#)?;
//! run(&mut book, "5", r#"{"type":"create_transfer","transfer":"T-1","source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":50}]}"#)?;
//! run(&mut book, "6", r#"{"type":"approve_transfer","transfer":"T-1"}"#)?;
//! run(&mut book, "7", r#"{"type":"ship_transfer","transfer":"T-1","shipment":{"carrier":"COSCO"}}"#)?;
//! assert_eq!(book.position("LAMP", "DE", None)?.quantities.in_transit, 50);
//! run(&mut book, "8", r#"{"type":"receive_transfer","transfer":"T-1","lines":[{"line":1,"accepted":47,"damaged":1,"short":2}]}"#)?;
//! let de = book.position("LAMP", "DE", None)?.quantities;
//! assert_eq!((de.available, de.damaged, de.in_transit), (47, 1, 0));
//! # Ok::<(), landed::LandedError>(())
//! ```

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Shipment;
use crate::error::{LandedError, Result};
use crate::inventory::Trace;

/// Where a transfer is in its life.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::trade::TransferStatus;
let status = |book: landed::Book| book.transfer("T-1").map(|t| t.status);
assert_eq!(status(lamp_book_until("T-1/approve")?)?, TransferStatus::Draft);
assert_eq!(status(lamp_book_until("T-1/ship")?)?, TransferStatus::Approved);
assert_eq!(status(lamp_book_until("T-1/receive")?)?, TransferStatus::Shipped);
assert_eq!(status(lamp_book()?)?.name(), "received");
# Ok(()) }
```
"##
)]
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

impl TransferStatus {
    /// The snake_case name.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::trade::TransferStatus;
    /// assert_eq!(TransferStatus::PartiallyReceived.name(), "partially_received");
    /// # Ok(()) }
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Approved => "approved",
            Self::Shipped => "shipped",
            Self::PartiallyReceived => "partially_received",
            Self::Received => "received",
            Self::Closed => "closed",
            Self::Cancelled => "cancelled",
        }
    }
}

/// A transfer order (`CreateTransfer`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let landed::Command::CreateTransfer(spec) = lamp_command("T-1/create") else { unreachable!() };
assert_eq!((spec.transfer.as_str(), spec.source.as_str(), spec.destination.as_str()), ("T-1", "SZ", "DE"));
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let landed::Command::CreateTransfer(spec) = lamp_command("T-1/create") else { unreachable!() };
assert_eq!((spec.lines[0].sku.as_str(), spec.lines[0].quantity, spec.lines[0].lot.as_deref()), ("LAMP", 40, None));
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book_until("T-1/receive")?;
let piece = &book.transfer("T-1")?.lines[0].pieces[0];
assert_eq!((piece.quantity, piece.value.to_string()), (40, "710.00".to_string()));
assert_eq!(piece.lot, None);
# Ok(()) }
```
"##
)]
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
    #[serde(default, skip_serializing_if = "crate::inventory::is_untraced")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<u32>"))]
    pub trace: Trace,
    /// Receipt time of the FIFO layer the units left: they enter the
    /// destination's layers at that time, not on arrival (FIFO books).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
}

/// Part of a transit piece taken by a receipt or a shortage.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let landed::Event::TransferLineReceived { taken, .. } = lamp_event(&book, "transfer_line_received") else { unreachable!() };
// The last receipt event of T-1 is the crushed lamp: one unit at 17.75.
assert_eq!((taken[0].piece, taken[0].quantity, taken[0].value.to_string()), (0, 1, "17.75".to_string()));
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book_until("T-1/ship")?;
let pick = &book.transfer("T-1")?.lines[0].committed[0];
assert_eq!((pick.lot.as_deref(), pick.quantity), (None, 40));
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let line = &book.transfer("T-1")?.lines[0];
assert_eq!((line.line, line.sku.as_str(), line.quantity), (1, "LAMP", 40));
assert_eq!((line.over, line.short, line.short_value.to_string()), (0, 0, "0".to_string()));
# Ok(()) }
```
"##
)]
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
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book_until("T-1/receive")?;
    /// assert_eq!(book.transfer("T-1")?.lines[0].in_transit(), 40);
    /// # Ok(()) }
    /// ```
    pub fn in_transit(&self) -> i64 {
        self.pieces.iter().map(|p| p.quantity).sum()
    }

    /// Value in transit.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book_until("T-1/receive")?;
    /// assert_eq!(book.transfer("T-1")?.lines[0].in_transit_value().to_string(), "710.00");
    /// # Ok(()) }
    /// ```
    pub fn in_transit_value(&self) -> Decimal {
        self.pieces.iter().map(|p| p.value).sum()
    }
}

/// A transfer's state.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let transfer = book.transfer("T-1")?;
assert_eq!((transfer.source.as_str(), transfer.destination.as_str()), ("SZ", "DE"));
assert_eq!(transfer.lines.len(), 1);
# Ok(()) }
```
"##
)]
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
    /// The day every unit shipped was accounted for (the transfer became
    /// received or closed): what `archive_closed` compares with its cut-off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
}

impl Transfer {
    /// Whether a piece of one of its lines still holds units in transit.
    pub(crate) fn has_units_in_transit(&self) -> bool {
        self.lines
            .iter()
            .any(|l| l.pieces.iter().any(|p| p.quantity > 0))
    }
}

/// What a short unit becomes.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
// Ten lamps never arrive; the carrier is liable, so they become a claim.
let mut book = lamp_book_until("T-1/receive")?;
let receive = r#"{"type":"receive_transfer","transfer":"T-1","lines":[{"line":1,"accepted":30,"short":10,"short_to":"claim"}]}"#;
let out = book.execute(landed::Command::from_json(receive)?, &ctx("2026-11-08", "T-1/receive")?)?;
assert!(posted(&out).contains(&("1400".into(), "177.50".into(), "0.00".into())));
# Ok(()) }
```
"##
)]
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
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let landed::Command::ReceiveTransfer { lines, .. } = lamp_command("T-1/receive") else { unreachable!() };
assert_eq!((lines[0].accepted, lines[0].damaged, lines[0].short), (39, 1, 0));
assert_eq!(lines[0].damage_reason.as_deref(), Some("crushed"));
# Ok(()) }
```
"##
)]
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

/// Lots committed for one transfer line.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let landed::Event::TransferApproved { lines, .. } = lamp_event(&book, "transfer_approved") else { unreachable!() };
assert_eq!((lines[0].line, lines[0].picks[0].quantity), (1, 40));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LinePicks {
    /// Line number.
    pub line: u32,
    /// Lots and units.
    pub picks: Vec<LotPick>,
}

/// A quantity on a document line.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
// Ship 25 of the 40 committed lamps now; the rest stays committed.
let mut book = lamp_book_until("T-1/ship")?;
let ship = r#"{"type":"ship_transfer","transfer":"T-1","lines":[{"line":1,"quantity":25}]}"#;
book.execute(landed::Command::from_json(ship)?, &ctx("2026-11-03", "T-1/ship")?)?;
let sz = book.position("LAMP", "SZ", None)?.quantities;
assert_eq!((sz.committed, book.position("LAMP", "DE", None)?.quantities.in_transit), (15, 25));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineQuantity {
    /// Line number.
    pub line: u32,
    /// Units.
    pub quantity: i64,
}

/// Takes `quantity` units from the pieces in order: each take's value is
/// pro rata, and a take that empties a piece takes all its value.
pub(crate) fn take_from(
    pieces: &mut [TransitPiece],
    quantity: i64,
    rounding: crate::inventory::Rounding,
) -> Result<Vec<PieceTake>> {
    let mut left = quantity;
    let mut takes = Vec::new();
    for (index, piece) in pieces.iter_mut().enumerate() {
        if left == 0 {
            break;
        }
        if piece.quantity == 0 {
            continue;
        }
        let take = left.min(piece.quantity);
        let value = if take == piece.quantity {
            piece.value
        } else {
            rounding.strategy.round(
                piece
                    .value
                    .checked_mul(Decimal::from(take))
                    .and_then(|v| v.checked_div(Decimal::from(piece.quantity)))
                    .ok_or_else(|| LandedError::overflow("transit value"))?,
                rounding.places,
            )
        };
        piece.quantity -= take;
        piece.value -= value;
        left -= take;
        takes.push(PieceTake {
            piece: index as u32,
            quantity: take,
            value,
        });
    }
    Ok(takes)
}

impl TransferSpec {
    /// Transfer `transfer` from `source` to `destination`, without lines
    /// yet.
    ///
    /// ```
    /// use landed::command::Command;
    /// use landed::trade::{TransferLineSpec, TransferSpec};
    /// let transfer = TransferSpec::new("TR-1", "SZ", "DE").line(TransferLineSpec::new("LAMP", 40)).carrier("COSCO");
    /// assert_eq!(Command::from(transfer), Command::from_json(r#"{"type":"create_transfer","transfer":"TR-1",
    ///     "source":"SZ","destination":"DE","lines":[{"sku":"LAMP","quantity":40}],"carrier":"COSCO"}"#)?);
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    pub fn new(
        transfer: impl Into<String>,
        source: impl Into<String>,
        destination: impl Into<String>,
    ) -> Self {
        Self {
            transfer: transfer.into(),
            source: source.into(),
            destination: destination.into(),
            lines: Vec::new(),
            carrier: None,
        }
    }

    /// Adds a line (lines are numbered from 1 in the order added).
    ///
    /// ```
    /// # use landed::trade::{TransferLineSpec, TransferSpec};
    /// assert_eq!(TransferSpec::new("TR-1", "SZ", "DE").line(TransferLineSpec::new("LAMP", 40)).lines.len(), 1);
    /// ```
    #[must_use]
    pub fn line(mut self, line: TransferLineSpec) -> Self {
        self.lines.push(line);
        self
    }

    crate::builder::setters! {
        /// The carrier, if known.
        ///
        /// ```
        /// # use landed::trade::TransferSpec;
        /// assert_eq!(TransferSpec::new("TR-1", "SZ", "DE").carrier("DHL").carrier.as_deref(), Some("DHL"));
        /// ```
        carrier: some String;
    }
}

impl TransferLineSpec {
    /// `quantity` units of `sku` (lot-tracked SKUs picked FEFO).
    ///
    /// ```
    /// use landed::trade::TransferLineSpec;
    /// assert_eq!(TransferLineSpec::new("LAMP", 40).quantity, 40);
    /// ```
    pub fn new(sku: impl Into<String>, quantity: i64) -> Self {
        Self {
            sku: sku.into(),
            quantity,
            lot: None,
        }
    }

    crate::builder::setters! {
        /// Sends units of this lot.
        ///
        /// ```
        /// # use landed::trade::TransferLineSpec;
        /// assert_eq!(TransferLineSpec::new("TEA", 5).lot("L-1").lot.as_deref(), Some("L-1"));
        /// ```
        lot: some String;
    }
}

impl TransferReceiptLine {
    /// A receipt of transfer line `line` with nothing accepted, damaged or
    /// short yet; short units go to transit loss (the defaults of its JSON
    /// form).
    ///
    /// ```
    /// use landed::trade::{ShortTo, TransferReceiptLine};
    /// let line = TransferReceiptLine::new(1).accepted(37).damaged(1).short(2).short_to(ShortTo::Claim);
    /// assert_eq!((line.accepted, line.damaged, line.short), (37, 1, 2));
    /// ```
    pub fn new(line: u32) -> Self {
        Self {
            line,
            accepted: 0,
            damaged: 0,
            short: 0,
            short_to: ShortTo::default(),
            damage_reason: None,
        }
    }

    crate::builder::setters! {
        /// Units accepted into available.
        ///
        /// ```
        /// # use landed::trade::TransferReceiptLine;
        /// assert_eq!(TransferReceiptLine::new(1).accepted(40).accepted, 40);
        /// ```
        accepted: set i64;
        /// Units that arrived damaged.
        ///
        /// ```
        /// # use landed::trade::TransferReceiptLine;
        /// assert_eq!(TransferReceiptLine::new(1).damaged(1).damaged, 1);
        /// ```
        damaged: set i64;
        /// Units declared missing.
        ///
        /// ```
        /// # use landed::trade::TransferReceiptLine;
        /// assert_eq!(TransferReceiptLine::new(1).short(2).short, 2);
        /// ```
        short: set i64;
        /// Where short units go (default: transit loss).
        ///
        /// ```
        /// # use landed::trade::{ShortTo, TransferReceiptLine};
        /// assert_eq!(TransferReceiptLine::new(1).short_to(ShortTo::Claim).short_to, ShortTo::Claim);
        /// ```
        short_to: set ShortTo;
        /// The damage reason (default `transit`).
        ///
        /// ```
        /// # use landed::trade::TransferReceiptLine;
        /// assert_eq!(TransferReceiptLine::new(1).damage_reason("crushed").damage_reason.as_deref(), Some("crushed"));
        /// ```
        damage_reason: some String;
    }
}

impl LineQuantity {
    /// `quantity` units of document line `line`.
    ///
    /// ```
    /// use landed::trade::LineQuantity;
    /// let part = LineQuantity::new(1, 20);
    /// assert_eq!((part.line, part.quantity), (1, 20));
    /// ```
    pub fn new(line: u32, quantity: i64) -> Self {
        Self { line, quantity }
    }
}
