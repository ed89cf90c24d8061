//! Sales orders: what the host sends (`IngestSalesOrder` and the commands
//! that route, cancel, ship and take back its lines) and what the book keeps
//! of each order: its lines in the channel's currency, the SKUs each line
//! stands for, the units reserved and shipped per location, the cost that
//! went out and came back.
//!
//! ```
//! use landed::sales::{SalesLineSpec, SalesOrderSpec};
//! let order = SalesOrderSpec::new("shop-us", "1001", landed::parse_date("2026-11-20")?,
//!     [SalesLineSpec::new("1", "gid://variant/42", 2, "19.99".parse()?).shipping("4.00".parse()?)])
//!     .ship_to("US", Some("CA"));
//! let command: landed::Command = order.into();
//! assert_eq!(command, landed::Command::from_json(r#"{"type":"ingest_sales_order","channel":"shop-us",
//!     "order":"1001","date":"2026-11-20","ship_to_country":"US","ship_to_region":"CA",
//!     "lines":[{"line":"1","listing":"gid://variant/42","quantity":2,"unit_price":"19.99","shipping":"4.00"}]}"#)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::pair_map::PairMap;
use super::{ChannelSpec, ListingSpec};
use crate::money::Currency;

/// Who fulfils an order.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::sales::Fulfilment;
assert_eq!(Fulfilment::default(), Fulfilment::Merchant);
assert_eq!(serde_json::to_string(&Fulfilment::Channel).unwrap(), r#""channel""#);
```
"##
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Fulfilment {
    /// The seller ships it from its own or a third-party warehouse.
    #[default]
    Merchant,
    /// The channel ships it from its own warehouse (FBA).
    Channel,
}

fn is_merchant(f: &Fulfilment) -> bool {
    *f == Fulfilment::Merchant
}

/// One line of an order as the channel reports it (amounts in the channel's
/// currency, at most its minor units, never negative).
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::sales::SalesLineSpec;
let line: SalesLineSpec = serde_json::from_str(r#"{"line":"1","listing":"B0LAMP01","quantity":2,
    "unit_price":"29.90","tax":"10.41","marketplace_tax":true}"#).unwrap();
assert_eq!((line.discount.to_string(), line.marketplace_tax), ("0".to_string(), true));
// Amounts are decimal strings, never numbers.
assert!(serde_json::from_str::<SalesLineSpec>(r#"{"line":"1","listing":"B","quantity":1,"unit_price":29.9}"#).is_err());
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesLineSpec {
    /// The channel's line id (Amazon order item id, Shopify line item id).
    pub line: crate::short_text::ShortText,
    /// The listing sold.
    pub listing: crate::short_text::ShortText,
    /// Units sold.
    pub quantity: i64,
    /// Price of one unit, before discount and tax.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub unit_price: Decimal,
    /// Discount on the whole line.
    #[serde(
        default,
        with = "crate::decimal_text::strict",
        skip_serializing_if = "Decimal::is_zero"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub discount: Decimal,
    /// Shipping charged to the buyer for the line.
    #[serde(
        default,
        with = "crate::decimal_text::strict",
        skip_serializing_if = "Decimal::is_zero"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub shipping: Decimal,
    /// Tax charged to the buyer for the line.
    #[serde(
        default,
        with = "crate::decimal_text::strict",
        skip_serializing_if = "Decimal::is_zero"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub tax: Decimal,
    /// The marketplace collects and remits the tax (a liability, never
    /// revenue, posted to the marketplace tax account).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub marketplace_tax: bool,
}

/// An order as the channel reports it (`IngestSalesOrder`). Sent again
/// with the same content it changes nothing; with other content it is a
/// restatement of the same order.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
// Order 1001 sent again as it was: nothing changes but the log.
let mut book = sales_book()?;
let (_, _, json) = sales_commands().into_iter().find(|c| c.1 == "order-1001").unwrap();
let out = book.execute(landed::Command::from_json(json)?, &ctx("2026-11-21", "order-1001-again")?)?;
assert!(matches!(out.events[0].event, landed::Event::NoEffect {}));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesOrderSpec {
    /// The channel.
    pub channel: String,
    /// The channel's order id.
    pub order: String,
    /// Order date.
    pub date: NaiveDate,
    /// Country shipped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_to_country: Option<String>,
    /// Region (state, province) shipped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_to_region: Option<String>,
    /// Who fulfils it.
    #[serde(default, skip_serializing_if = "is_merchant")]
    pub fulfilment: Fulfilment,
    /// The host flagged the address (an open exception).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub address_flagged: bool,
    /// The order is not paid yet (an open exception).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unpaid: bool,
    /// Lines, each line id once.
    pub lines: Vec<SalesLineSpec>,
}

/// Units of an order line at a location (`RouteSalesOrder`,
/// `ShipSalesOrder`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
// Ship the two lamps reserved in Shenzhen, not those in Los Angeles.
let mut book = sales_book()?;
let ship = landed::Command::from_json(r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001",
    "shipment":"S-1","lines":[{"line":"1","location":"SZ","quantity":2}]}"#)?;
book.execute(ship, &ctx("2026-11-21", "S-1")?)?;
let at = &book.sales_order("shop-us", "1001")?.lines[0].locations;
assert_eq!((at[0].reserved, at[1].shipped), (3, 2));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineAtLocation {
    /// The order line id.
    pub line: String,
    /// The location.
    pub location: String,
    /// Units of the line (listing units).
    pub quantity: i64,
}

/// Units of an order line (`CancelSalesOrder`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = sales_book()?;
let cancel = landed::Command::from_json(r#"{"type":"cancel_sales_order","channel":"shop-us","order":"1001",
    "lines":[{"line":"1","quantity":6}]}"#)?;
assert_eq!(book.execute(cancel, &ctx("2026-11-21", "c")?).unwrap_err().code(), "OVER_CANCELLATION");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesLineQuantity {
    /// The order line id.
    pub line: String,
    /// Units of the line.
    pub quantity: i64,
}

/// The condition a returned unit comes back in.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::sales::ReturnGrade;
let grade: ReturnGrade = serde_json::from_str(r#""disposed""#).unwrap();
assert_eq!(grade, ReturnGrade::Disposed);
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnGrade {
    /// Back to available stock at the cost it went out at.
    Sellable,
    /// Into the damaged bucket at the cost it went out at.
    Damaged,
    /// Not kept: its cost goes to the return-loss account.
    Disposed,
}

/// A customer return of units of one order line (`ReceiveSalesReturn`).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
// Nothing of order 1001 has shipped yet, so nothing can come back.
let mut book = sales_book()?;
let rma = landed::Command::from_json(r#"{"type":"receive_sales_return","channel":"shop-us","order":"1001",
    "line":"1","quantity":1,"grade":"sellable","location":"SZ"}"#)?;
assert_eq!(book.execute(rma, &ctx("2026-11-21", "rma")?).unwrap_err().code(), "OVER_RETURN");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesReturnSpec {
    /// The channel.
    pub channel: String,
    /// The channel's order id.
    pub order: String,
    /// The order line id.
    pub line: String,
    /// Units of the line returned.
    pub quantity: i64,
    /// Their condition.
    pub grade: ReturnGrade,
    /// Where they arrive (required unless disposed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The host's return authorisation number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rma: Option<String>,
    /// Why (the damage reason of damaged units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The lot the units come back into, for lot-tracked SKUs (the line's
    /// other SKUs take none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
}

/// Money a channel gave back to a buyer on one order line
/// (`RefundSalesOrder`), in the channel's currency.
///
/// ```
/// use landed::sales::RefundLine;
/// let line: RefundLine = serde_json::from_str(r#"{"line":"1","principal":"25.00","tax":"2.00"}"#).unwrap();
/// assert_eq!(line.principal.to_string(), "25.00");
/// assert!(line.shipping.is_zero());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefundLine {
    /// The order line id.
    pub line: String,
    /// Revenue given back (net of discount).
    #[serde(default, with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub principal: Decimal,
    /// Shipping given back.
    #[serde(default, with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub shipping: Decimal,
    /// Tax given back.
    #[serde(default, with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub tax: Decimal,
}

/// A refund of an order (`RefundSalesOrder`): revenue, shipping and tax go
/// back per line, against a customer credit note of the channel (the
/// refund id is its document).
///
/// ```
/// use landed::sales::{RefundLine, RefundSpec};
/// let refund: RefundSpec = serde_json::from_str(r#"{"channel":"shop-us","order":"1001","refund":"R-1",
///     "lines":[{"line":"1","principal":"25.00"}]}"#).unwrap();
/// assert_eq!(refund.lines.len(), 1);
/// assert!(refund.rate.is_none());
/// ```
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
// Nothing of order 1001 has shipped yet, so nothing can be refunded.
let mut book = sales_book()?;
let refund = landed::Command::from_json(r#"{"type":"refund_sales_order","channel":"shop-us","order":"1001",
    "refund":"R-1","lines":[{"line":"1","principal":"25.00"}]}"#)?;
assert_eq!(book.execute(refund, &ctx("2026-11-21", "refund")?).unwrap_err().code(), "OVER_REFUND");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefundSpec {
    /// The channel.
    pub channel: String,
    /// The channel's order id.
    pub order: String,
    /// Refund id, unique in the book (the credit note's document).
    pub refund: String,
    /// Amounts per line.
    pub lines: Vec<RefundLine>,
    /// Functional units per unit of the channel's currency (default: the
    /// book's rate for the day).
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
}

/// One SKU a line stands for: `per_unit` units of it per unit sold (the
/// listing's pack times the bundle's quantity).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Component {
    /// The SKU.
    pub sku: crate::short_text::ShortText,
    /// Units per unit sold.
    pub per_unit: i64,
}

/// Units of a line reserved and shipped at one location.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Allocation {
    /// The location.
    pub location: crate::short_text::ShortText,
    /// Units of the line committed there, not yet shipped.
    pub reserved: i64,
    /// Units of the line shipped from there.
    pub shipped: i64,
}

/// What went out and came back of one SKU of a line (functional
/// currency): returns come back at the cost that went out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComponentCost {
    /// SKU units shipped.
    pub shipped: i64,
    /// Their cost.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub shipped_value: Decimal,
    /// SKU units returned.
    #[serde(default, skip_serializing_if = "is_zero_units")]
    pub returned: i64,
    /// Their cost.
    #[serde(
        default,
        with = "crate::decimal_text::strict",
        skip_serializing_if = "Decimal::is_zero"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub returned_value: Decimal,
}

fn amounts_zero(a: &LineAmounts) -> bool {
    a.principal.is_zero() && a.discount.is_zero() && a.shipping.is_zero() && a.tax.is_zero()
}

fn is_zero_units(n: &i64) -> bool {
    *n == 0
}

/// Amounts of a line recognised by shipments so far (channel currency).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineAmounts {
    /// Price × units.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub principal: Decimal,
    /// Discount.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub discount: Decimal,
    /// Shipping charged.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub shipping: Decimal,
    /// Tax.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub tax: Decimal,
}

/// One line of an order as the book keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesLine {
    /// The line as the channel reported it last.
    pub spec: SalesLineSpec,
    /// The bundle the listing sells, if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<crate::short_text::ShortText>,
    /// The SKUs it stands for; empty when the listing is unknown (an open
    /// exception).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    /// Units cancelled.
    #[serde(default, skip_serializing_if = "is_zero_units")]
    pub cancelled: i64,
    /// Units returned.
    #[serde(default, skip_serializing_if = "is_zero_units")]
    pub returned: i64,
    /// Units reserved and shipped, per location (in the order chosen).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allocations: Vec<Allocation>,
    /// Cost out and back per SKU.
    #[serde(default, skip_serializing_if = "crate::vec_map::VecMap::is_empty")]
    pub costs: crate::vec_map::VecMap<crate::short_text::ShortText, ComponentCost>,
    /// Amounts recognised by shipments so far.
    #[serde(default)]
    pub recognised: LineAmounts,
    /// Amounts refunded so far (`principal` is net of discount).
    #[serde(default, skip_serializing_if = "amounts_zero")]
    pub refunded: LineAmounts,
}

/// A sales order as the book keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesOrder {
    /// The order as the channel reported it last, without its lines.
    pub channel: crate::short_text::ShortText,
    /// The channel's order id.
    pub order: crate::short_text::ShortText,
    /// The channel's currency.
    pub currency: Currency,
    /// Order date.
    pub date: NaiveDate,
    /// Country shipped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_to_country: Option<crate::short_text::ShortText>,
    /// Region shipped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_to_region: Option<crate::short_text::ShortText>,
    /// Who fulfils it.
    #[serde(default, skip_serializing_if = "is_merchant")]
    pub fulfilment: Fulfilment,
    /// The host flagged the address.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub address_flagged: bool,
    /// Not paid yet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unpaid: bool,
    /// Restatements so far (0 for the order as first ingested).
    #[serde(default, skip_serializing_if = "is_zero_revision")]
    pub revision: u32,
    /// Lines, in the channel's order.
    pub lines: Vec<SalesLine>,
    /// Shipments (their numbers) so far.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shipments: Vec<crate::short_text::ShortText>,
    /// Refunds (their ids) so far.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refunds: Vec<crate::short_text::ShortText>,
    /// Marketplace settlements (their ids) that paid out something of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settlements: Vec<crate::short_text::ShortText>,
}

fn is_zero_revision(n: &u32) -> bool {
    *n == 0
}

/// Everything the selling side adds to a book's state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sales {
    /// Channels by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub channels: BTreeMap<String, ChannelSpec>,
    /// Listings by (channel, listing).
    #[serde(default, skip_serializing_if = "PairMap::is_empty")]
    pub listings: PairMap<ListingSpec>,
    /// Orders by (channel, order id).
    #[serde(default, skip_serializing_if = "PairMap::is_empty")]
    pub orders: PairMap<SalesOrder>,
    /// Shipment numbers, each with its (channel, order id).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub shipments: BTreeMap<
        crate::short_text::ShortText,
        (crate::short_text::ShortText, crate::short_text::ShortText),
    >,
    /// Marketplace settlements by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub settlements: BTreeMap<String, crate::sales::SettlementSummary>,
    /// Available-to-sell policies and the quantities last pushed.
    #[serde(default, skip_serializing_if = "crate::sales::ListingStock::is_empty")]
    pub stock: crate::sales::ListingStock,
    /// Daily sales and lead times kept for replenishment.
    #[serde(default, skip_serializing_if = "crate::sales::SalesHistory::is_empty")]
    pub history: crate::sales::SalesHistory,
}

impl Sales {
    /// True when no channel exists (kept out of snapshots).
    pub(crate) fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl SalesLine {
    /// Units reserved at every location.
    pub(crate) fn reserved(&self) -> i64 {
        self.allocations.iter().map(|a| a.reserved).sum()
    }

    /// Units shipped from every location.
    pub(crate) fn shipped(&self) -> i64 {
        self.allocations.iter().map(|a| a.shipped).sum()
    }

    /// Units neither cancelled, reserved nor shipped (0 for a line whose
    /// listing is unknown... which is still open: see `unrouted`).
    pub(crate) fn unrouted(&self) -> i64 {
        self.spec.quantity - self.cancelled - self.reserved() - self.shipped()
    }

    /// Units the line still has to ship (reserved or not).
    pub(crate) fn open(&self) -> i64 {
        self.spec.quantity - self.cancelled - self.shipped()
    }
}

impl SalesOrder {
    /// The line with id `line`.
    pub(crate) fn line(&self, line: &str) -> Option<&SalesLine> {
        self.lines.iter().find(|l| l.spec.line == line)
    }

    /// The document name of the order on journal lines: `channel/order`.
    pub(crate) fn document(&self) -> String {
        format!("{}/{}", self.channel, self.order)
    }
}

impl SalesLineSpec {
    /// A line of `quantity` units of `listing` at `unit_price`, without
    /// discount, shipping or tax.
    ///
    /// ```
    /// use landed::sales::SalesLineSpec;
    /// let line = SalesLineSpec::new("1", "B0LAMP01", 2, "29.90".parse()?)
    ///     .discount("5.00".parse()?).tax("9.66".parse()?).marketplace_tax(true);
    /// assert_eq!((line.quantity, line.tax.to_string(), line.marketplace_tax), (2, "9.66".to_string(), true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        line: impl Into<crate::short_text::ShortText>,
        listing: impl Into<crate::short_text::ShortText>,
        quantity: i64,
        unit_price: Decimal,
    ) -> Self {
        Self {
            line: line.into(),
            listing: listing.into(),
            quantity,
            unit_price,
            discount: Decimal::ZERO,
            shipping: Decimal::ZERO,
            tax: Decimal::ZERO,
            marketplace_tax: false,
        }
    }

    crate::builder::setters! {
        /// The discount on the whole line.
        ///
        /// ```
        /// # use landed::sales::SalesLineSpec;
        /// assert_eq!(SalesLineSpec::new("1", "L", 1, 10.into()).discount(2.into()).discount, 2.into());
        /// ```
        discount: set Decimal;
        /// Shipping charged for the line.
        ///
        /// ```
        /// # use landed::sales::SalesLineSpec;
        /// assert_eq!(SalesLineSpec::new("1", "L", 1, 10.into()).shipping(4.into()).shipping, 4.into());
        /// ```
        shipping: set Decimal;
        /// Tax charged for the line.
        ///
        /// ```
        /// # use landed::sales::SalesLineSpec;
        /// assert_eq!(SalesLineSpec::new("1", "L", 1, 10.into()).tax(1.into()).tax, 1.into());
        /// ```
        tax: set Decimal;
        /// Whether the marketplace collects and remits the tax.
        ///
        /// ```
        /// # use landed::sales::SalesLineSpec;
        /// assert!(SalesLineSpec::new("1", "L", 1, 10.into()).marketplace_tax(true).marketplace_tax);
        /// ```
        marketplace_tax: set bool;
    }
}

impl SalesOrderSpec {
    /// An order of `channel` with its id, date and lines, merchant
    /// fulfilled, with no destination and no flags.
    ///
    /// ```
    /// use landed::sales::{Fulfilment, SalesLineSpec, SalesOrderSpec};
    /// let fba = SalesOrderSpec::new("amazon-de", "302-1", landed::parse_date("2026-11-20")?,
    ///     [SalesLineSpec::new("1", "B0LAMP01", 1, "29.90".parse()?)]).fulfilment(Fulfilment::Channel);
    /// assert_eq!(fba.fulfilment, Fulfilment::Channel);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        channel: impl Into<String>,
        order: impl Into<String>,
        date: NaiveDate,
        lines: impl IntoIterator<Item = SalesLineSpec>,
    ) -> Self {
        Self {
            channel: channel.into(),
            order: order.into(),
            date,
            ship_to_country: None,
            ship_to_region: None,
            fulfilment: Fulfilment::Merchant,
            address_flagged: false,
            unpaid: false,
            lines: lines.into_iter().collect(),
        }
    }

    /// Ships to `country` (and `region`).
    ///
    /// ```
    /// # use landed::sales::SalesOrderSpec;
    /// let o = SalesOrderSpec::new("web", "1", landed::parse_date("2026-11-20")?, []).ship_to("US", Some("CA"));
    /// assert_eq!((o.ship_to_country.as_deref(), o.ship_to_region.as_deref()), (Some("US"), Some("CA")));
    /// # Ok::<(), landed::LandedError>(())
    /// ```
    #[must_use]
    pub fn ship_to(mut self, country: impl Into<String>, region: Option<&str>) -> Self {
        self.ship_to_country = Some(country.into());
        self.ship_to_region = region.map(str::to_owned);
        self
    }

    crate::builder::setters! {
        /// Who fulfils the order.
        ///
        /// ```
        /// # use landed::sales::{Fulfilment, SalesOrderSpec};
        /// let o = SalesOrderSpec::new("az", "1", landed::parse_date("2026-11-20")?, []).fulfilment(Fulfilment::Channel);
        /// assert_eq!(o.fulfilment, Fulfilment::Channel);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        fulfilment: set Fulfilment;
        /// The host flagged the address.
        ///
        /// ```
        /// # use landed::sales::SalesOrderSpec;
        /// assert!(SalesOrderSpec::new("az", "1", landed::parse_date("2026-11-20")?, []).address_flagged(true).address_flagged);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        address_flagged: set bool;
        /// The order is not paid yet.
        ///
        /// ```
        /// # use landed::sales::SalesOrderSpec;
        /// assert!(SalesOrderSpec::new("az", "1", landed::parse_date("2026-11-20")?, []).unpaid(true).unpaid);
        /// # Ok::<(), landed::LandedError>(())
        /// ```
        unpaid: set bool;
    }
}

impl LineAtLocation {
    /// `quantity` units of `line` at `location`.
    ///
    /// ```
    /// use landed::sales::LineAtLocation;
    /// let l = LineAtLocation::new("1", "SZ", 2);
    /// assert_eq!((l.line.as_str(), l.location.as_str(), l.quantity), ("1", "SZ", 2));
    /// ```
    pub fn new(line: impl Into<String>, location: impl Into<String>, quantity: i64) -> Self {
        Self {
            line: line.into(),
            location: location.into(),
            quantity,
        }
    }
}

impl SalesLineQuantity {
    /// `quantity` units of `line`.
    ///
    /// ```
    /// use landed::sales::SalesLineQuantity;
    /// assert_eq!(SalesLineQuantity::new("1", 2).quantity, 2);
    /// ```
    pub fn new(line: impl Into<String>, quantity: i64) -> Self {
        Self {
            line: line.into(),
            quantity,
        }
    }
}

impl SalesReturnSpec {
    /// `quantity` units of `line` of an order coming back in `grade`.
    ///
    /// ```
    /// use landed::sales::{ReturnGrade, SalesReturnSpec};
    /// let rma = SalesReturnSpec::new("shop-us", "1001", "1", 1, ReturnGrade::Sellable).location("SZ").rma("RMA-7");
    /// assert_eq!((rma.location.as_deref(), rma.rma.as_deref()), (Some("SZ"), Some("RMA-7")));
    /// ```
    pub fn new(
        channel: impl Into<String>,
        order: impl Into<String>,
        line: impl Into<String>,
        quantity: i64,
        grade: ReturnGrade,
    ) -> Self {
        Self {
            channel: channel.into(),
            order: order.into(),
            line: line.into(),
            quantity,
            grade,
            location: None,
            rma: None,
            reason: None,
            lot: None,
        }
    }

    crate::builder::setters! {
        /// Where the units arrive.
        ///
        /// ```
        /// # use landed::sales::{ReturnGrade, SalesReturnSpec};
        /// assert_eq!(SalesReturnSpec::new("c", "o", "1", 1, ReturnGrade::Damaged).location("SZ").location.as_deref(), Some("SZ"));
        /// ```
        location: some String;
        /// The host's return authorisation number.
        ///
        /// ```
        /// # use landed::sales::{ReturnGrade, SalesReturnSpec};
        /// assert_eq!(SalesReturnSpec::new("c", "o", "1", 1, ReturnGrade::Disposed).rma("R-1").rma.as_deref(), Some("R-1"));
        /// ```
        rma: some String;
        /// Why (the damage reason of damaged units).
        ///
        /// ```
        /// # use landed::sales::{ReturnGrade, SalesReturnSpec};
        /// assert_eq!(SalesReturnSpec::new("c", "o", "1", 1, ReturnGrade::Damaged).reason("cracked").reason.as_deref(), Some("cracked"));
        /// ```
        reason: some String;
        /// The lot the units come back into (lot-tracked SKUs).
        ///
        /// ```
        /// # use landed::sales::{ReturnGrade, SalesReturnSpec};
        /// assert_eq!(SalesReturnSpec::new("c", "o", "1", 1, ReturnGrade::Sellable).lot("L-7").lot.as_deref(), Some("L-7"));
        /// ```
        lot: some String;
    }
}

/// Units of one SKU of a line moving out or back, with their cost
/// (functional currency).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComponentMove {
    /// The SKU.
    pub sku: String,
    /// Units.
    pub quantity: i64,
    /// Their cost.
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub value: Decimal,
}

/// One line of a shipment: units from a location, their cost per SKU and
/// the amounts they recognise (channel currency).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
// Order 1001 shipped: 3 lamps from Los Angeles take 3/5 of its 5.00
// shipping and 8.00 tax, the 2 from Shenzhen the rest.
let mut book = sales_book()?;
let ship = landed::Command::from_json(r#"{"type":"ship_sales_order","channel":"shop-us","order":"1001","shipment":"S-1"}"#)?;
let out = book.execute(ship, &ctx("2026-11-21", "S-1")?)?;
let shipped = out.events.iter().find_map(|e| match &e.event {
    landed::Event::SalesOrderShipped { lines, .. } => Some(lines.clone()),
    _ => None,
}).unwrap();
let figures: Vec<_> = shipped.iter().map(|l| (l.location.as_str(), l.amounts.principal.to_string(),
    l.amounts.shipping.to_string(), l.amounts.tax.to_string(), l.components[0].value.to_string())).collect();
assert_eq!(figures, [("LA", "75.00".into(), "3.00".into(), "4.80".into(), "24.00".into()),
    ("SZ", "50.00".into(), "2.00".into(), "3.20".into(), "14.00".into())]);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShippedLine {
    /// The order line id.
    pub line: String,
    /// Shipped from.
    pub location: String,
    /// Units of the line.
    pub quantity: i64,
    /// Cost out per SKU.
    pub components: Vec<ComponentMove>,
    /// Amounts recognised.
    pub amounts: LineAmounts,
}

/// An open exception of an order, as [`crate::Book::order_exceptions`]
/// lists them.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
use landed::sales::ExceptionKind;
let kinds: Vec<_> = sales_book()?.order_exceptions().iter().map(|e| e.kind).collect();
assert_eq!(kinds, [ExceptionKind::UnknownListing]);
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// A line's listing is not defined for the channel: nothing can be
    /// reserved or shipped until the order is restated.
    UnknownListing,
    /// Units of a line are neither reserved nor shipped nor cancelled.
    NoStock,
    /// The host flagged the shipping address.
    AddressFlagged,
    /// The order is not paid.
    Unpaid,
}
