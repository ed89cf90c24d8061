//! Sales order status (units ordered, reserved, shipped, cancelled and
//! returned per line and location) and the open order exceptions.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = sales_book()?;
//! let order = book.sales_order("shop-us", "1001")?;
//! assert_eq!(order.lines[0].reserved, 5);
//! assert_eq!(book.sales_orders(Some("shop-us")).len(), 2);
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::book::Book;
use crate::error::{LandedError, Result};
use crate::sales::{Component, ExceptionKind, Fulfilment, LineAmounts, SalesOrder};

/// Units of an order line at one location.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
let book = sales_book()?;
// Line 1 of order 1001 is split: 3 lamps in Los Angeles, 2 in Shenzhen.
let at = &book.sales_order("shop-us", "1001")?.lines[0].locations;
assert_eq!((at[0].location.as_str(), at[0].reserved), ("LA", 3));
assert_eq!((at[1].location.as_str(), at[1].reserved), ("SZ", 2));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineLocationStatus {
    /// The location.
    pub location: String,
    /// Units reserved there, not shipped.
    pub reserved: i64,
    /// Units shipped from there.
    pub shipped: i64,
}

/// An order line in the status report (units of the listing sold).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
let book = sales_book()?;
let line = &book.sales_order("shop-us", "1001")?.lines[0];
assert_eq!((line.line.as_str(), line.listing.as_str()), ("1", "lamp-black"));
assert_eq!((line.ordered, line.reserved, line.shipped, line.cancelled, line.returned), (5, 5, 0, 0, 0));
assert_eq!(line.unserved, 0);
// Nothing shipped yet: nothing recognised, no cost.
assert!(line.recognised.principal.is_zero() && line.net_cost.is_zero());
assert!(line.refunded.principal.is_zero());
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesLineStatus {
    /// The channel's line id.
    pub line: String,
    /// The listing sold.
    pub listing: String,
    /// SKUs per unit sold (empty for an unknown listing).
    pub skus: Vec<Component>,
    /// Units ordered.
    pub ordered: i64,
    /// Units reserved, not shipped.
    pub reserved: i64,
    /// Units shipped.
    pub shipped: i64,
    /// Units cancelled.
    pub cancelled: i64,
    /// Units returned.
    pub returned: i64,
    /// Units neither reserved, shipped nor cancelled.
    pub unserved: i64,
    /// Per location.
    pub locations: Vec<LineLocationStatus>,
    /// What shipments recognised so far, in the channel's currency.
    pub recognised: LineAmounts,
    /// What refunds gave back so far, in the channel's currency
    /// (`principal` net of discount; `discount` stays zero).
    pub refunded: LineAmounts,
    /// Cost of the units shipped less those returned (functional
    /// currency).
    #[serde(with = "crate::decimal_text::strict")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub net_cost: Decimal,
}

/// A sales order with the status of its lines.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
let book = sales_book()?;
let order = book.sales_order("shop-us", "1001")?;
assert_eq!((order.channel.as_str(), order.order.as_str(), order.revision), ("shop-us", "1001", 0));
assert_eq!(order.currency.code(), "USD");
assert!(order.shipments.is_empty());
assert_eq!(book.sales_order("shop-us", "9999").unwrap_err().code(), "UNKNOWN_SALES_ORDER");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesOrderStatus {
    /// The channel.
    pub channel: String,
    /// The channel's order id.
    pub order: String,
    /// Order date.
    pub date: NaiveDate,
    /// The channel's currency.
    pub currency: crate::money::Currency,
    /// Who fulfils it.
    pub fulfilment: Fulfilment,
    /// Restatements so far.
    pub revision: u32,
    /// Shipment numbers.
    pub shipments: Vec<String>,
    /// Refunds (their ids) so far.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refunds: Vec<String>,
    /// Marketplace settlements (their ids) that paid out something of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settlements: Vec<String>,
    /// Lines.
    pub lines: Vec<SalesLineStatus>,
}

/// An open exception of an order (a line's, or the whole order's when
/// `line` is absent).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
use landed::sales::ExceptionKind;
let book = sales_book()?;
let open = book.order_exceptions();
// Order 1002 sells a listing the channel does not know yet.
assert_eq!(open[0].order, "1002");
assert_eq!((open[0].line.as_deref(), open[0].kind, open[0].quantity), (Some("1"), ExceptionKind::UnknownListing, 1));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderException {
    /// The channel.
    pub channel: String,
    /// The channel's order id.
    pub order: String,
    /// The order line, for line exceptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// What is wrong.
    pub kind: ExceptionKind,
    /// Units concerned (0 for order exceptions).
    pub quantity: i64,
}

fn status(order: &SalesOrder) -> SalesOrderStatus {
    SalesOrderStatus {
        channel: order.channel.as_str().into(),
        order: order.order.as_str().into(),
        date: order.date,
        currency: order.currency,
        fulfilment: order.fulfilment,
        revision: order.revision,
        shipments: order.shipments.iter().map(|s| s.to_string()).collect(),
        refunds: order.refunds.iter().map(|s| s.to_string()).collect(),
        settlements: order.settlements.iter().map(|s| s.to_string()).collect(),
        lines: order
            .lines
            .iter()
            .map(|l| SalesLineStatus {
                line: l.spec.line.as_str().into(),
                listing: l.spec.listing.as_str().into(),
                skus: l.components.clone(),
                ordered: l.spec.quantity,
                reserved: l.reserved(),
                shipped: l.shipped(),
                cancelled: l.cancelled,
                returned: l.returned,
                unserved: l.unrouted(),
                locations: l
                    .allocations
                    .iter()
                    .map(|a| LineLocationStatus {
                        location: a.location.as_str().into(),
                        reserved: a.reserved,
                        shipped: a.shipped,
                    })
                    .collect(),
                recognised: l.recognised.clone(),
                refunded: l.refunded.clone(),
                // Checked, for a book replayed from any log: a sum out of
                // range reads as the largest decimal rather than panic.
                net_cost: l
                    .costs
                    .values()
                    .try_fold(Decimal::ZERO, |sum, c| {
                        sum.checked_add(c.shipped_value)?
                            .checked_sub(c.returned_value)
                    })
                    .unwrap_or(Decimal::MAX),
            })
            .collect(),
    }
}

impl Book {
    /// One sales order with the status of its lines (`UNKNOWN_SALES_ORDER`
    /// if the book has none by that channel and id).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = sales_book()?;
    /// assert_eq!(book.sales_order("shop-us", "1001")?.lines.len(), 1);
    /// # Ok(()) }
    /// ```
    pub fn sales_order(&self, channel: &str, order: &str) -> Result<SalesOrderStatus> {
        self.state
            .sales
            .orders
            .get(channel, order)
            .map(status)
            .ok_or_else(|| {
                self.archived_order(channel, order).unwrap_or_else(|| {
                    LandedError::UnknownSalesOrder {
                        channel: channel.to_owned(),
                        order: order.to_owned(),
                    }
                })
            })
    }

    /// Every sales order (of one channel, when given), by channel and
    /// order id.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = sales_book()?;
    /// let ids: Vec<_> = book.sales_orders(None).into_iter().map(|o| o.order).collect();
    /// assert_eq!(ids, ["1001", "1002"]);
    /// assert!(book.sales_orders(Some("amazon-de")).is_empty());
    /// # Ok(()) }
    /// ```
    pub fn sales_orders(&self, channel: Option<&str>) -> Vec<SalesOrderStatus> {
        self.state
            .sales
            .orders
            .values()
            .filter(|o| channel.is_none_or(|c| o.channel == c))
            .map(status)
            .collect()
    }

    /// One marketplace settlement: its date, net and the rows the book
    /// could not match (`UNKNOWN_DOCUMENT` if there is none by that id).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let mut book = sales_book()?;
    /// // A row for an order the book does not know is kept in suspense.
    /// let settle = landed::Command::from_json(r#"{"type":"record_marketplace_settlement","channel":"shop-us",
    ///     "settlement":"P-9","date":"2026-11-24","rows":[{"kind":"order","order":"9999","amount":"10.00"}]}"#)?;
    /// book.execute(settle, &ctx("2026-11-24", "settle")?)?;
    /// let settlement = book.sales_settlement("P-9")?;
    /// assert_eq!((settlement.net.to_string(), settlement.unmatched[0].amount.to_string()), ("10.00".into(), "10.00".into()));
    /// assert_eq!(book.sales_settlements(None).len(), 1);
    /// # Ok(()) }
    /// ```
    pub fn sales_settlement(&self, settlement: &str) -> Result<crate::sales::SettlementSummary> {
        self.state
            .sales
            .settlements
            .get(settlement)
            .cloned()
            .ok_or_else(|| LandedError::UnknownDocument {
                document: settlement.to_owned(),
            })
    }

    /// Every marketplace settlement (of one channel, when given), by id.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = sales_book()?;
    /// // No marketplace has settled yet.
    /// assert!(book.sales_settlements(Some("shop-us")).is_empty());
    /// # Ok(()) }
    /// ```
    pub fn sales_settlements(&self, channel: Option<&str>) -> Vec<crate::sales::SettlementSummary> {
        self.state
            .sales
            .settlements
            .values()
            .filter(|s| channel.is_none_or(|c| s.channel == c))
            .cloned()
            .collect()
    }

    /// The open exceptions of every order, by channel and order id: lines
    /// selling an unknown listing, units no location could serve (no
    /// stock), flagged addresses and unpaid orders. An exception closes
    /// when its cause goes (the order is restated, routed or cancelled).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let mut book = sales_book()?;
    /// assert_eq!(book.order_exceptions().len(), 1);
    /// // Cancelling the line with the unknown listing closes the exception.
    /// let cancel = landed::Command::from_json(r#"{"type":"cancel_sales_order","channel":"shop-us","order":"1002"}"#)?;
    /// book.execute(cancel, &ctx("2026-11-21", "cancel-1002")?)?;
    /// assert!(book.order_exceptions().is_empty());
    /// # Ok(()) }
    /// ```
    pub fn order_exceptions(&self) -> Vec<OrderException> {
        let mut out = Vec::new();
        for o in self.state.sales.orders.values() {
            let open: i64 = o.lines.iter().map(|l| l.open()).sum();
            let whole = |kind| OrderException {
                channel: o.channel.as_str().into(),
                order: o.order.as_str().into(),
                line: None,
                kind,
                quantity: 0,
            };
            if open > 0 && o.address_flagged {
                out.push(whole(ExceptionKind::AddressFlagged));
            }
            if open > 0 && o.unpaid {
                out.push(whole(ExceptionKind::Unpaid));
            }
            for l in &o.lines {
                let unserved = l.unrouted();
                if unserved <= 0 {
                    continue;
                }
                let kind = if l.components.is_empty() {
                    ExceptionKind::UnknownListing
                } else {
                    ExceptionKind::NoStock
                };
                out.push(OrderException {
                    channel: o.channel.as_str().into(),
                    order: o.order.as_str().into(),
                    line: Some(l.spec.line.as_str().into()),
                    kind,
                    quantity: unserved,
                });
            }
        }
        out
    }
}
