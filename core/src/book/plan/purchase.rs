//! Planning of rates, suppliers and purchase orders: confirm (on order),
//! supplier shipment (in transit), receipt at the order's fixed rate or the
//! book's rate on the receipt date (within the over-receipt tolerance), close
//! and cancel.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! // The receipt of PO-1 converts 2.60 USD at the book's rate of its date
//! // (7.20, recorded on the 10th: within the 7 days a rate stays good).
//! let mut book = lamp_book_until("GRN-1")?;
//! let out = book.execute(lamp_command("GRN-1"), &ctx("2026-11-12", "GRN-1")?)?;
//! assert_eq!(posted(&out)[0], ("1300".into(), "936.00".into(), "0.00".into()));
//! // Ten days later, no rate is good enough.
//! let mut late = lamp_book_until("GRN-1")?;
//! assert_eq!(late.execute(lamp_command("GRN-1"), &ctx("2026-11-20", "GRN-1")?).unwrap_err().code(), "RATE_STALE");
//! # Ok(()) }
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::book::Book;
use crate::book::command::ShipmentInfo;
use crate::book::event::Event;
use crate::book::plan::{Planner, StockInPlan};
use crate::error::{LandedError, Result, duplicate, invalid};
use crate::fx::{LookupPolicy, RateType};
use crate::inventory::Bucket;
use crate::limits::check_quantity;
use crate::money::Currency;
use crate::trade::{
    ClosedLine, PurchaseLine, PurchaseOrder, PurchaseOrderSpec, PurchaseStatus, RateInput,
    ReceiptLine, ReceiptLineSpec, Shipment, SupplierSpec, allowed_quantity, state_error, times,
    unknown,
};

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
        book.state.trade.purchase_orders.get(po).ok_or_else(|| {
            book.archived_purchase_order(po)
                .unwrap_or_else(|| unknown(po))
        })
    }

    pub(crate) fn plan_create_po(&mut self, spec: &PurchaseOrderSpec) -> Result<()> {
        crate::limits::check_code("purchase order", &spec.po)?;
        if self.book.state.trade.purchase_orders.contains_key(&spec.po) {
            return Err(duplicate("purchase order", &spec.po));
        }
        if let Some(archived) = self.book.archived_purchase_order(&spec.po) {
            return Err(archived);
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
        if let Some(archived) = self.book.archived_receipt(receipt) {
            return Err(archived);
        }
        if lines.is_empty() {
            return Err(invalid(format!("receipt {receipt} has no lines")));
        }
        let date = self.at.date_naive();
        let rate = match order.fixed_rate {
            Some(rate) => rate,
            None => self.rate_to_functional(order.currency, None, date, po)?,
        };
        let first_origin = trade.origins.ids_for(lines.len())?;
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
                layer_at: None,
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
