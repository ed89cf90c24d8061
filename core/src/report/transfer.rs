//! The in-transit report (transfers and supplier shipments on the way), and
//! transfers.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = lamp_book_until("T-1/receive")?;
//! let report = book.in_transit(landed::parse_date("2026-11-05")?)?;
//! // The 40 lamps of T-1 at their Shenzhen cost: the Goods in Transit account.
//! assert_eq!(report.total_value.to_string(), "710.00 CNY");
//! assert_eq!(report.shipments[0].units, 40);
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::book::Book;
use crate::error::{LandedError, Result};
use crate::money::Money;
use crate::trade::{Milestone, Transfer, TransferLine, unknown};

/// One transfer or supplier shipment in the in-transit report.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book_until("T-1/receive")?;
let report = book.in_transit(landed::parse_date("2026-11-05")?)?;
let shipment = &report.shipments[0];
assert_eq!((shipment.document.as_str(), shipment.kind.as_str()), ("T-1", "transfer"));
assert_eq!((shipment.from.as_str(), shipment.destination.as_str()), ("SZ", "DE"));
assert_eq!(shipment.carrier.as_deref(), Some("COSCO"));
assert_eq!((shipment.days_in_transit, shipment.units), (2, 40));
assert_eq!(shipment.value.to_string(), "710.00 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InTransitShipment {
    /// Transfer or purchase order number.
    pub document: String,
    /// `transfer` or `purchase_order`.
    pub kind: String,
    /// Where the units come from (a location, or the supplier).
    pub from: String,
    /// Destination.
    pub destination: String,
    /// Status of the document.
    pub status: String,
    /// Carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    /// Tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
    /// Last milestone reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_milestone: Option<Milestone>,
    /// Estimated arrival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta: Option<NaiveDate>,
    /// Date shipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped_on: Option<NaiveDate>,
    /// Days since it shipped, as of the report date.
    pub days_in_transit: i64,
    /// Units in transit.
    pub units: i64,
    /// Their value: functional for transfers (Goods in Transit), supplier
    /// currency for purchase orders (not yet the book's).
    pub value: Money,
}

/// Units and value in transit toward one destination.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book_until("T-1/receive")?;
let report = book.in_transit(landed::parse_date("2026-11-05")?)?;
let de = &report.by_destination[0];
assert_eq!((de.destination.as_str(), de.transfer_units, de.purchase_units), ("DE", 40, 0));
assert_eq!(de.transfer_value.to_string(), "710.00 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InTransitTotal {
    /// Destination.
    pub destination: String,
    /// Units on transfers.
    pub transfer_units: i64,
    /// Their value (functional).
    pub transfer_value: Money,
    /// Units shipped by suppliers.
    pub purchase_units: i64,
}

/// What is on the way, as of a date.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
// Once T-1 has arrived, nothing is on the way.
let report = book.in_transit(landed::parse_date("2026-11-30")?)?;
assert!(report.shipments.is_empty() && report.by_destination.is_empty());
assert_eq!(report.total_value.to_string(), "0.00 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InTransitReport {
    /// Report date.
    pub as_of: NaiveDate,
    /// Shipments with units in transit.
    pub shipments: Vec<InTransitShipment>,
    /// Totals by destination.
    pub by_destination: Vec<InTransitTotal>,
    /// Value of every transfer in transit: equals the Goods in Transit
    /// account.
    pub total_value: Money,
}

impl Book {
    /// Transfers and supplier shipments with units in transit on `as_of`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book_until("T-1/receive")?;
    /// let report = book.in_transit(landed::parse_date("2026-11-05")?)?;
    /// let gate = book.trial_balance(landed::parse_date("2026-11-05")?, None);
    /// let git = gate.lines.iter().find(|line| line.account == "1310").unwrap();
    /// assert_eq!(report.total_value, git.balance); // 710.00 CNY
    /// # Ok(()) }
    /// ```
    pub fn in_transit(&self, as_of: NaiveDate) -> Result<InTransitReport> {
        let overflow = || LandedError::overflow("in-transit report");
        let functional = self.config().functional_currency;
        let mut shipments = Vec::new();
        let mut totals: std::collections::BTreeMap<String, InTransitTotal> =
            std::collections::BTreeMap::new();
        let total_for = |totals: &mut std::collections::BTreeMap<String, InTransitTotal>,
                         destination: &str| {
            totals
                .entry(destination.to_owned())
                .or_insert_with(|| InTransitTotal {
                    destination: destination.to_owned(),
                    transfer_units: 0,
                    transfer_value: Money::zero(functional),
                    purchase_units: 0,
                })
                .clone()
        };
        let days =
            |shipped: Option<NaiveDate>| shipped.map_or(0, |d| (as_of - d).num_days().max(0));
        let mut total_value = Decimal::new(0, functional.minor_units());
        for t in self.state.trade.transfers.values() {
            let units: i64 = t.lines.iter().map(TransferLine::in_transit).sum();
            if units == 0 {
                continue;
            }
            let value: Decimal = t.lines.iter().map(TransferLine::in_transit_value).sum();
            total_value = total_value.checked_add(value).ok_or_else(overflow)?;
            let mut total = total_for(&mut totals, &t.destination);
            total.transfer_units += units;
            total.transfer_value.amount = total
                .transfer_value
                .amount
                .checked_add(value)
                .ok_or_else(overflow)?;
            totals.insert(t.destination.clone(), total);
            shipments.push(InTransitShipment {
                document: t.transfer.clone(),
                kind: "transfer".into(),
                from: t.source.clone(),
                destination: t.destination.clone(),
                status: t.status.name().into(),
                carrier: t.shipment.carrier.clone(),
                tracking: t.shipment.tracking.clone(),
                last_milestone: t.shipment.milestones.last().map(|m| m.milestone),
                eta: t.shipment.eta,
                shipped_on: t.shipment.shipped_on,
                days_in_transit: days(t.shipment.shipped_on),
                units,
                value: Money::new(value, functional),
            });
        }
        for po in self.state.trade.purchase_orders.values() {
            let Some(shipment) = &po.shipment else {
                continue;
            };
            let mut by_dest: std::collections::BTreeMap<&str, (i64, Decimal)> =
                std::collections::BTreeMap::new();
            for l in &po.lines {
                if l.in_transit > 0 {
                    let entry = by_dest.entry(l.destination.as_str()).or_default();
                    entry.0 += l.in_transit;
                    entry.1 = l
                        .unit_price
                        .amount
                        .checked_mul(Decimal::from(l.in_transit))
                        .and_then(|v| v.checked_add(entry.1))
                        .ok_or_else(overflow)?;
                }
            }
            for (destination, (units, value)) in by_dest {
                let mut total = total_for(&mut totals, destination);
                total.purchase_units += units;
                totals.insert(destination.to_owned(), total);
                shipments.push(InTransitShipment {
                    document: po.po.clone(),
                    kind: "purchase_order".into(),
                    from: po.supplier.clone(),
                    destination: destination.to_owned(),
                    status: po.status.name().into(),
                    carrier: shipment.carrier.clone(),
                    tracking: shipment.tracking.clone(),
                    last_milestone: shipment.milestones.last().map(|m| m.milestone),
                    eta: shipment.eta,
                    shipped_on: shipment.shipped_on,
                    days_in_transit: days(shipment.shipped_on),
                    units,
                    value: Money::new(value, po.currency),
                });
            }
        }
        Ok(InTransitReport {
            as_of,
            shipments,
            by_destination: totals.into_values().collect(),
            total_value: Money::new(total_value, functional),
        })
    }

    /// A transfer's state.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::trade::TransferStatus;
    /// let book = lamp_book()?;
    /// let transfer = book.transfer("T-1")?;
    /// assert_eq!(transfer.status, TransferStatus::Received);
    /// assert_eq!((transfer.lines[0].accepted, transfer.lines[0].damaged), (39, 1));
    /// assert_eq!(book.transfer("T-9").unwrap_err().code(), "UNKNOWN_DOCUMENT");
    /// // One that `archive_closed` removed is ARCHIVED: the host's store has it.
    /// let mut archived = lamp_book()?;
    /// let cut_off = landed::Command::from_json(r#"{"type":"archive_closed","before":"2026-11-09"}"#)?;
    /// archived.execute(cut_off, &ctx("2026-12-31", "archive")?)?;
    /// assert_eq!(archived.transfer("T-1").unwrap_err().code(), "ARCHIVED");
    /// # Ok(()) }
    /// ```
    pub fn transfer(&self, id: &str) -> Result<&Transfer> {
        self.state
            .trade
            .transfers
            .get(id)
            .ok_or_else(|| self.archived_transfer(id).unwrap_or_else(|| unknown(id)))
    }
}
