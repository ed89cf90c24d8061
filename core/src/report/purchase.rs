//! The purchase order status report, and suppliers.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = lamp_book()?;
//! let orders = book.purchase_orders()?;
//! assert_eq!(orders[0].po, "PO-1");
//! assert_eq!(orders[0].ordered_value.to_string(), "130.00 USD"); // 50 × 2.60
//! assert_eq!(orders[0].outstanding_value.to_string(), "0.00 USD");
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::book::Book;
use crate::error::Result;
use crate::money::Money;
use crate::trade::{PurchaseOrder, PurchaseStatus, SupplierSpec, unknown};

/// A purchase order line in the status report.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book_until("GRN-1")?;
let line = &book.purchase_order("PO-1")?.lines[0];
assert_eq!((line.line, line.sku.as_str(), line.destination.as_str()), (1, "LAMP", "SZ"));
assert_eq!((line.ordered, line.received, line.outstanding), (50, 0, 50));
assert_eq!(line.unit_price.to_string(), "2.60 USD");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PurchaseLineStatus {
    /// Line number.
    pub line: u32,
    /// SKU.
    pub sku: String,
    /// Destination.
    pub destination: String,
    /// Units ordered.
    pub ordered: i64,
    /// Units received.
    pub received: i64,
    /// Units cancelled.
    pub cancelled: i64,
    /// Units still expected.
    pub outstanding: i64,
    /// Of which in transit from the supplier.
    pub in_transit: i64,
    /// Price per unit.
    pub unit_price: Money,
    /// Expected date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_date: Option<NaiveDate>,
}

/// A purchase order with its received and outstanding quantities.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::trade::PurchaseStatus;
let book = lamp_book()?;
let po = book.purchase_order("PO-1")?;
assert_eq!(po.status, PurchaseStatus::Received);
assert_eq!(po.receipts, ["GRN-1"]);
assert_eq!((po.lines[0].received, po.lines[0].outstanding), (50, 0));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PurchaseOrderStatus {
    /// Order number.
    pub po: String,
    /// Supplier.
    pub supplier: String,
    /// Order date.
    pub date: NaiveDate,
    /// Status.
    pub status: PurchaseStatus,
    /// Lines.
    pub lines: Vec<PurchaseLineStatus>,
    /// Receipt numbers.
    pub receipts: Vec<String>,
    /// Value ordered, supplier currency.
    pub ordered_value: Money,
    /// Value still outstanding, supplier currency.
    pub outstanding_value: Money,
}

impl Book {
    /// Every purchase order with its received and outstanding quantities,
    /// by order number.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let numbers: Vec<_> = book.purchase_orders()?.into_iter().map(|po| po.po).collect();
    /// assert_eq!(numbers, ["PO-1"]);
    /// # Ok(()) }
    /// ```
    pub fn purchase_orders(&self) -> Result<Vec<PurchaseOrderStatus>> {
        self.state
            .trade
            .purchase_orders
            .values()
            .map(po_status)
            .collect()
    }

    /// One purchase order's status.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::trade::PurchaseStatus;
    /// let book = lamp_book_until("PO-1/confirm")?;
    /// assert_eq!(book.purchase_order("PO-1")?.status, PurchaseStatus::Draft);
    /// assert_eq!(book.purchase_order("PO-9").unwrap_err().code(), "UNKNOWN_DOCUMENT");
    /// # Ok(()) }
    /// ```
    pub fn purchase_order(&self, po: &str) -> Result<PurchaseOrderStatus> {
        po_status(self.state.trade.purchase_orders.get(po).ok_or_else(|| {
            self.archived_purchase_order(po)
                .unwrap_or_else(|| unknown(po))
        })?)
    }

    /// A supplier.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let supplier = book.supplier("F1").unwrap();
    /// assert_eq!((supplier.name.as_str(), supplier.currency.code()), ("Ningbo Lighting", "USD"));
    /// assert!(book.supplier("F2").is_none());
    /// # Ok(()) }
    /// ```
    pub fn supplier(&self, code: &str) -> Option<&SupplierSpec> {
        self.state.trade.suppliers.get(code)
    }
}

fn po_status(order: &PurchaseOrder) -> Result<PurchaseOrderStatus> {
    let mut ordered_value = Money::zero(order.currency);
    let mut outstanding_value = Money::zero(order.currency);
    let mut lines = Vec::with_capacity(order.lines.len());
    for l in &order.lines {
        ordered_value =
            ordered_value.checked_add(&l.unit_price.checked_mul(Decimal::from(l.ordered))?)?;
        outstanding_value = outstanding_value
            .checked_add(&l.unit_price.checked_mul(Decimal::from(l.outstanding()))?)?;
        lines.push(PurchaseLineStatus {
            line: l.line,
            sku: l.sku.clone(),
            destination: l.destination.clone(),
            ordered: l.ordered,
            received: l.received,
            cancelled: l.cancelled,
            outstanding: l.outstanding(),
            in_transit: l.in_transit,
            unit_price: l.unit_price,
            expected_date: l.expected_date,
        });
    }
    Ok(PurchaseOrderStatus {
        po: order.po.clone(),
        supplier: order.supplier.clone(),
        date: order.date,
        status: order.status,
        lines,
        receipts: order.receipts.clone(),
        ordered_value,
        outstanding_value,
    })
}
