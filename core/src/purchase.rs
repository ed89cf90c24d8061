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
//! use landed::command::{Command, Context};
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

use crate::book::{Book, Planner, StockInPlan, check_quantity, duplicate, invalid};
use crate::command::ShipmentInfo;
use crate::error::{LandedError, Result};
use crate::event::Event;
use crate::fx::{LookupPolicy, RateType};
use crate::money::{Currency, Money};
use crate::stock::Bucket;
use crate::trade::{
    ClosedLine, PurchaseLine, PurchaseOrder, PurchaseOrderSpec, PurchaseStatus, RateInput,
    ReceiptLine, ReceiptLineSpec, Shipment, SupplierSpec,
};

impl PurchaseStatus {
    /// The snake_case name.
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

impl<'a> Planner<'a> {
    /// Functional units per unit of `currency` on `date`: the explicit
    /// rate if given, else the book's rates (direct, inverse, pivot).
    pub(crate) fn rate_to_functional(
        &self,
        currency: Currency,
        explicit: Option<Decimal>,
        date: NaiveDate,
        what: &str,
    ) -> Result<Decimal> {
        let functional = self.book.config().functional_currency;
        match explicit {
            Some(r) if r <= Decimal::ZERO => Err(LandedError::NonPositiveRate {
                base: currency.to_string(),
                quote: functional.to_string(),
                date,
                rate: r,
            }),
            Some(r) if currency == functional && r != Decimal::ONE => Err(invalid(format!(
                "{what} is in the functional currency: its rate is 1, not {r}"
            ))),
            Some(r) => Ok(r),
            None if currency == functional => Ok(Decimal::ONE),
            None => {
                let days = self.book.config().trade.max_rate_age_days;
                let policy = if days == 0 {
                    LookupPolicy::Exact
                } else {
                    LookupPolicy::LatestWithin { max_age_days: days }
                };
                Ok(self
                    .book
                    .index
                    .rates
                    .rate(currency, functional, date, RateType::Spot, policy)?
                    .rate)
            }
        }
    }

    pub(crate) fn plan_rates(&mut self, rates: &[RateInput]) -> Result<()> {
        if rates.is_empty() {
            return Err(invalid("no rates given"));
        }
        // Checked on a scratch copy, so a bad rate refuses the whole list.
        let mut scratch = crate::fx::RateBook::new();
        for r in rates {
            scratch.insert(r.base, r.quote, r.rate_type, r.date, r.rate)?;
        }
        self.events.push(Event::RatesRecorded {
            entries: rates.to_vec(),
        });
        Ok(())
    }

    pub(crate) fn plan_define_supplier(&mut self, spec: &SupplierSpec) -> Result<()> {
        crate::limits::check_code("supplier code", &spec.code)?;
        if self.book.state.trade.suppliers.contains_key(&spec.code) {
            return Err(duplicate("supplier", &spec.code));
        }
        self.events.push(Event::SupplierDefined(spec.clone()));
        Ok(())
    }

    fn purchase_order(&self, po: &str) -> Result<&'a PurchaseOrder> {
        let book: &'a Book = self.book;
        book.state
            .trade
            .purchase_orders
            .get(po)
            .ok_or_else(|| unknown(po))
    }

    pub(crate) fn plan_create_po(&mut self, spec: &PurchaseOrderSpec) -> Result<()> {
        crate::limits::check_code("purchase order", &spec.po)?;
        if self.book.state.trade.purchase_orders.contains_key(&spec.po) {
            return Err(duplicate("purchase order", &spec.po));
        }
        let supplier = self
            .book
            .state
            .trade
            .suppliers
            .get(&spec.supplier)
            .ok_or_else(|| invalid(format!("unknown supplier {}", spec.supplier)))?;
        if spec.lines.is_empty() {
            return Err(invalid(format!("{} has no lines", spec.po)));
        }
        if let Some(rate) = spec.fixed_rate
            && rate <= Decimal::ZERO
        {
            return Err(LandedError::NonPositiveRate {
                base: supplier.currency.to_string(),
                quote: self.book.config().functional_currency.to_string(),
                date: spec.date,
                rate,
            });
        }
        let tolerance = spec
            .over_receipt_tolerance_percent
            .unwrap_or(self.book.config().trade.over_receipt_tolerance_percent);
        if tolerance < Decimal::ZERO {
            return Err(invalid("the over-receipt tolerance cannot be negative"));
        }
        let mut lines = Vec::with_capacity(spec.lines.len());
        for (i, l) in spec.lines.iter().enumerate() {
            self.book.sku_id(&l.sku)?;
            self.book.loc_id(&l.destination)?;
            check_quantity(l.quantity)?;
            if l.unit_price.currency != supplier.currency {
                return Err(LandedError::CurrencyMismatch {
                    left: supplier.currency.to_string(),
                    right: l.unit_price.currency.to_string(),
                });
            }
            if l.unit_price.amount < Decimal::ZERO {
                return Err(LandedError::InvalidAmount {
                    input: l.unit_price.to_string(),
                    reason: "a unit price cannot be negative".into(),
                });
            }
            lines.push(PurchaseLine {
                line: i as u32 + 1,
                sku: l.sku.clone(),
                destination: l.destination.clone(),
                ordered: l.quantity,
                received: 0,
                cancelled: 0,
                in_transit: 0,
                unit_price: l.unit_price,
                expected_date: l.expected_date,
            });
        }
        self.events
            .push(Event::PurchaseOrderCreated(Box::new(PurchaseOrder {
                po: spec.po.clone(),
                supplier: spec.supplier.clone(),
                currency: supplier.currency,
                date: spec.date,
                status: PurchaseStatus::Draft,
                lines,
                fixed_rate: spec.fixed_rate,
                tolerance_percent: tolerance,
                shipment: None,
                receipts: Vec::new(),
            })));
        Ok(())
    }

    pub(crate) fn plan_confirm_po(&mut self, po: &str) -> Result<()> {
        let order = self.purchase_order(po)?;
        if order.status != PurchaseStatus::Draft {
            return Err(state_error(
                po,
                order.status.name(),
                "only a draft is confirmed",
            ));
        }
        self.events
            .push(Event::PurchaseOrderConfirmed { po: po.to_owned() });
        Ok(())
    }

    pub(crate) fn plan_ship_po(&mut self, po: &str, info: &ShipmentInfo) -> Result<()> {
        let order = self.purchase_order(po)?;
        if !matches!(
            order.status,
            PurchaseStatus::Confirmed | PurchaseStatus::PartiallyReceived
        ) {
            return Err(state_error(
                po,
                order.status.name(),
                "only a confirmed order ships",
            ));
        }
        if order.lines.iter().all(|l| l.outstanding() == l.in_transit) {
            return Err(state_error(po, order.status.name(), "nothing left to ship"));
        }
        self.events.push(Event::PurchaseOrderShipped {
            po: po.to_owned(),
            shipment: Box::new(Shipment {
                carrier: info.carrier.clone(),
                tracking: info.tracking.clone(),
                eta: info.eta,
                shipped_on: Some(self.at.date_naive()),
                milestones: Vec::new(),
            }),
        });
        Ok(())
    }

    pub(crate) fn plan_receive_po(
        &mut self,
        po: &str,
        receipt: &str,
        lines: &[ReceiptLineSpec],
    ) -> Result<()> {
        let order = self.purchase_order(po)?;
        if !matches!(
            order.status,
            PurchaseStatus::Confirmed
                | PurchaseStatus::Shipped
                | PurchaseStatus::PartiallyReceived
                | PurchaseStatus::Received
        ) {
            return Err(state_error(
                po,
                order.status.name(),
                "receipts need a confirmed order",
            ));
        }
        crate::limits::check_code("receipt", receipt)?;
        let trade = &self.book.state.trade;
        let first_line = (receipt.to_owned(), 0);
        if trade
            .receipts
            .range(first_line..)
            .next()
            .is_some_and(|((r, _), _)| r == receipt)
        {
            return Err(duplicate("receipt", receipt));
        }
        if lines.is_empty() {
            return Err(invalid(format!("receipt {receipt} has no lines")));
        }
        let date = self.at.date_naive();
        let rate = match order.fixed_rate {
            Some(rate) => rate,
            None => self.rate_to_functional(order.currency, None, date, po)?,
        };
        let first_origin = trade.origins.len() as u32;
        // Three events per line (receipt, stock in, voucher): sized once.
        self.events.reserve(lines.len() * 3);
        let mut seen = std::collections::BTreeSet::new();
        for (origin, spec) in (first_origin..).zip(lines) {
            if !seen.insert(spec.line) {
                return Err(invalid(format!(
                    "receipt {receipt} lists line {} twice",
                    spec.line
                )));
            }
            let line = order
                .line(spec.line)
                .ok_or_else(|| invalid(format!("{po} has no line {}", spec.line)))?;
            check_quantity(spec.quantity)?;
            let expected = line.ordered - line.cancelled;
            let allowed = allowed_quantity(expected, order.tolerance_percent)?;
            if line.received + spec.quantity > allowed {
                return Err(LandedError::OverReceipt {
                    po: po.to_owned(),
                    line: spec.line,
                    ordered: expected,
                    received: line.received,
                    requested: spec.quantity,
                    allowed,
                });
            }
            let (sku, loc) = self.movement_target(&line.sku, &line.destination)?;
            let (lot, expiry) = self.incoming_lot(sku, &spec.lot, spec.expiry)?;
            if !matches!(
                spec.bucket,
                Bucket::Available | Bucket::Receiving | Bucket::QualityControl | Bucket::Damaged
            ) {
                return Err(invalid(format!(
                    "receipts go to available, receiving, quality_control or damaged, not {}",
                    spec.bucket
                )));
            }
            let unit_cost = times(line.unit_price.amount, rate, "receipt unit cost")?;
            let rounding = self.book.rounding();
            let value = rounding.strategy.round(
                times(unit_cost, Decimal::from(spec.quantity), "receipt value")?,
                rounding.places,
            );
            let from_in_transit = spec.quantity.min(line.in_transit);
            let on_order = (line.outstanding() - line.in_transit).max(0);
            let from_on_order = (spec.quantity - from_in_transit).min(on_order);
            let event = Event::PurchaseReceived {
                receipt: Box::new(ReceiptLine {
                    receipt: receipt.to_owned(),
                    po: po.to_owned(),
                    line: spec.line,
                    sku: line.sku.clone(),
                    location: line.destination.clone(),
                    date,
                    quantity: spec.quantity,
                    unit_price: line.unit_price,
                    rate,
                    value: self.book.money(value),
                    origin,
                    invoiced: 0,
                    grni_open: self.book.money(value),
                }),
                from_on_order,
                from_in_transit,
            };
            let seq = self.next_seq();
            self.apply_stock_at(&event, sku, loc, seq)?;
            self.events.push(event);
            self.push_in(StockInPlan {
                sku,
                loc,
                lot,
                expiry,
                bucket: spec.bucket,
                quantity: spec.quantity,
                unit_cost,
                value,
                damage_reason: spec.damage_reason.clone(),
                reference: Some(receipt.to_owned()),
                adjustment: false,
                trace: vec![origin].into(),
            })?;
        }
        Ok(())
    }

    pub(crate) fn plan_close_po(&mut self, po: &str) -> Result<()> {
        let order = self.purchase_order(po)?;
        if matches!(
            order.status,
            PurchaseStatus::Closed | PurchaseStatus::Cancelled
        ) {
            return Err(state_error(po, order.status.name(), "already closed"));
        }
        let confirmed = order.status != PurchaseStatus::Draft;
        let mut lines = Vec::new();
        for line in &order.lines {
            let cancelled = line.outstanding();
            if cancelled == 0 {
                continue;
            }
            // A draft never put units on order.
            let from_in_transit = if confirmed { line.in_transit } else { 0 };
            let from_on_order = if confirmed {
                cancelled - from_in_transit
            } else {
                0
            };
            lines.push(ClosedLine {
                line: line.line,
                cancelled,
                from_on_order,
                from_in_transit,
            });
        }
        let received = order.lines.iter().any(|l| l.received > 0);
        self.events.push(Event::PurchaseOrderClosed {
            po: po.to_owned(),
            lines,
            status: if received {
                PurchaseStatus::Closed
            } else {
                PurchaseStatus::Cancelled
            },
        });
        Ok(())
    }
}

/// Units a line accepts: `expected × (1 + tolerance / 100)`, rounded down.
fn allowed_quantity(expected: i64, tolerance_percent: Decimal) -> Result<i64> {
    let extra = Decimal::from(expected)
        .checked_mul(tolerance_percent)
        .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
        .ok_or_else(|| LandedError::overflow("over-receipt tolerance"))?
        .floor();
    let extra = i64::try_from(extra).unwrap_or(i64::MAX);
    Ok(expected.saturating_add(extra))
}

/// A purchase order line in the status report.
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
    pub fn purchase_orders(&self) -> Result<Vec<PurchaseOrderStatus>> {
        self.state
            .trade
            .purchase_orders
            .values()
            .map(po_status)
            .collect()
    }

    /// One purchase order's status.
    pub fn purchase_order(&self, po: &str) -> Result<PurchaseOrderStatus> {
        po_status(
            self.state
                .trade
                .purchase_orders
                .get(po)
                .ok_or_else(|| unknown(po))?,
        )
    }

    /// A supplier.
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
