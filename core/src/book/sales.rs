//! How the selling side's events change the book's channels, listings and
//! sales orders, at commit and in replay alike. Each event is checked
//! against the state it changes (the order exists, a line's units never go
//! below zero or past what it ordered), so a log that does not fit is
//! refused by replay rather than applied.
//!
//! ```
//! use landed::{Book, BookConfig, Command, Context, Currency};
//! let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
//! let at = landed::parse_datetime("2026-11-20T09:00:00Z")?;
//! for (id, json) in [
//!     ("1", r#"{"type":"define_location","code":"LA","name":"3PL Los Angeles","kind":"third_party"}"#),
//!     ("2", r#"{"type":"define_channel","code":"web","name":"Web shop","kind":"own_site","currency":"USD"}"#),
//!     ("3", r#"{"type":"ingest_sales_order","channel":"web","order":"1001","date":"2026-11-20",
//!             "lines":[{"line":"1","listing":"not-yet-listed","quantity":1,"unit_price":"25.00"}]}"#),
//! ] {
//!     book.execute(Command::from_json(json)?, &Context::new(at, id))?;
//! }
//! // Replaying the log rebuilds the order, its unknown-listing line included.
//! let replayed = Book::replay(book.config().clone(), book.events())?;
//! assert_eq!(replayed.snapshot(), book.snapshot());
//! assert_eq!(replayed.order_exceptions().len(), 1);
//! # Ok::<(), landed::LandedError>(())
//! ```

use crate::vec_map::push_small;
use rust_decimal::Decimal;

use crate::book::Book;
use crate::book::event::Event;
use crate::error::{LandedError, Result, duplicate};
use crate::sales::{Allocation, ComponentCost, SalesLine, SalesOrder};

fn broken(reason: String) -> LandedError {
    LandedError::InvalidCommand { reason }
}

fn add(slot: &mut i64, delta: i64, what: &str) -> Result<()> {
    *slot = slot
        .checked_add(delta)
        .ok_or_else(|| LandedError::quantity_overflow(what))?;
    Ok(())
}

fn add_value(slot: &mut Decimal, delta: Decimal, what: &str) -> Result<()> {
    *slot = slot
        .checked_add(delta)
        .ok_or_else(|| LandedError::overflow(what))?;
    Ok(())
}

/// A line's units add up: none negative, and cancelled, reserved and
/// shipped within what it ordered, returned within what shipped.
fn check_line(order: &SalesOrder, line: &SalesLine) -> Result<()> {
    // Checked sums: a log read from storage may hold any numbers.
    let sum = |units: fn(&Allocation) -> i64| {
        line.allocations
            .iter()
            .try_fold(0i64, |total, a| total.checked_add(units(a)))
    };
    let ok = match (sum(|a| a.reserved), sum(|a| a.shipped)) {
        (Some(reserved), Some(shipped)) => {
            line.spec.quantity >= 1
                && line.components.iter().all(|c| c.per_unit >= 1)
                && line.cancelled >= 0
                && line.returned >= 0
                && line
                    .allocations
                    .iter()
                    .all(|a| a.reserved >= 0 && a.shipped >= 0)
                && line.returned <= shipped
                && line
                    .cancelled
                    .checked_add(reserved)
                    .and_then(|n| n.checked_add(shipped))
                    .is_some_and(|n| n <= line.spec.quantity)
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(broken(format!(
            "order {} line {}: units do not add up",
            order.document(),
            line.spec.line
        )))
    }
}

impl Book {
    fn order_mut(&mut self, channel: &str, order: &str) -> Result<&mut SalesOrder> {
        self.state
            .sales
            .orders
            .get_mut(channel, order)
            .ok_or_else(|| LandedError::UnknownSalesOrder {
                channel: channel.to_owned(),
                order: order.to_owned(),
            })
    }

    /// Applies a selling-side event to the state (other events are left
    /// alone).
    pub(crate) fn apply_sales(&mut self, event: &Event) -> Result<()> {
        match event {
            Event::ChannelDefined(spec) => {
                if self.state.sales.channels.contains_key(&spec.code) {
                    return Err(duplicate("channel", &spec.code));
                }
                self.state
                    .sales
                    .channels
                    .insert(spec.code.clone(), spec.clone());
            }
            Event::ListingDefined(spec) => {
                if !self.state.sales.channels.contains_key(&spec.channel) {
                    return Err(LandedError::UnknownChannel {
                        channel: spec.channel.clone(),
                    });
                }
                if self
                    .state
                    .sales
                    .listings
                    .contains_key(&spec.channel, &spec.listing)
                {
                    return Err(duplicate("listing", &spec.listing));
                }
                let key = (spec.channel.as_str().into(), spec.listing.as_str().into());
                self.state.sales.listings.insert(key, spec.clone());
            }
            Event::SalesOrderRecorded(order) | Event::SalesOrderRestated(order) => {
                let exists = self
                    .state
                    .sales
                    .orders
                    .contains_key(&order.channel, &order.order);
                if matches!(event, Event::SalesOrderRecorded(_)) == exists {
                    return Err(broken(format!(
                        "order {} {}",
                        order.document(),
                        if exists {
                            "already exists"
                        } else {
                            "does not exist"
                        }
                    )));
                }
                if !self
                    .state
                    .sales
                    .channels
                    .contains_key(order.channel.as_str())
                {
                    return Err(LandedError::UnknownChannel {
                        channel: order.channel.as_str().into(),
                    });
                }
                for line in &order.lines {
                    check_line(order, line)?;
                }
                let key = (order.channel.clone(), order.order.clone());
                self.state.sales.orders.insert(key, (**order).clone());
            }
            Event::SalesOrderRouted {
                channel,
                order,
                allocations,
                ..
            } => {
                let o = self.order_mut(channel, order)?;
                for a in allocations {
                    let line = line_mut(o, &a.line)?;
                    match line
                        .allocations
                        .iter_mut()
                        .find(|x| x.location == a.location)
                    {
                        Some(x) => add(&mut x.reserved, a.quantity, "reserved units")?,
                        None => push_small(
                            &mut line.allocations,
                            Allocation {
                                location: a.location.as_str().into(),
                                reserved: a.quantity,
                                shipped: 0,
                            },
                        ),
                    }
                }
                check_order(o)?;
            }
            Event::SalesOrderReleased {
                channel,
                order,
                lines,
            } => {
                let o = self.order_mut(channel, order)?;
                for r in lines {
                    let line = line_mut(o, &r.line)?;
                    let a = allocation_mut(line, &r.location)?;
                    add(&mut a.reserved, -r.quantity, "reserved units")?;
                    line.allocations
                        .retain(|a| a.reserved != 0 || a.shipped != 0);
                }
                check_order(o)?;
            }
            Event::SalesOrderCancelled {
                channel,
                order,
                lines,
            } => {
                let o = self.order_mut(channel, order)?;
                for r in lines {
                    add(
                        &mut line_mut(o, &r.line)?.cancelled,
                        r.quantity,
                        "cancelled units",
                    )?;
                }
                check_order(o)?;
            }
            Event::SalesOrderShipped {
                channel,
                order,
                shipment,
                lines,
                ..
            } => {
                let key = crate::short_text::ShortText::from(shipment.as_str());
                if self.state.sales.shipments.contains_key(&key) {
                    return Err(duplicate("shipment", shipment));
                }
                let o = self.order_mut(channel, order)?;
                for s in lines {
                    let line = line_mut(o, &s.line)?;
                    let a = allocation_mut(line, &s.location)?;
                    add(&mut a.reserved, -s.quantity, "reserved units")?;
                    add(&mut a.shipped, s.quantity, "shipped units")?;
                    for c in &s.components {
                        let cost = line.costs.entry(c.sku.as_str().into()).or_default();
                        add(&mut cost.shipped, c.quantity, "shipped units")?;
                        add_value(&mut cost.shipped_value, c.value, "shipped cost")?;
                    }
                    crate::book::plan::add_amounts(&mut line.recognised, &s.amounts)?;
                }
                push_small(&mut o.shipments, key.clone());
                check_order(o)?;
                self.state
                    .sales
                    .shipments
                    .insert(key, (channel.as_str().into(), order.as_str().into()));
            }
            Event::SalesOrderRefunded {
                channel,
                order,
                refund,
                lines,
                ..
            } => {
                let o = self.order_mut(channel, order)?;
                if o.refunds.iter().any(|r| r == refund) {
                    return Err(duplicate("refund", refund));
                }
                for r in lines {
                    let l = line_mut(o, &r.line)?;
                    let more = crate::sales::LineAmounts {
                        principal: r.principal,
                        discount: Decimal::ZERO,
                        shipping: r.shipping,
                        tax: r.tax,
                    };
                    crate::book::plan::add_amounts(&mut l.refunded, &more)?;
                    let net = l.recognised.principal - l.recognised.discount;
                    if l.refunded.principal > net
                        || l.refunded.shipping > l.recognised.shipping
                        || l.refunded.tax > l.recognised.tax
                    {
                        return Err(broken(format!(
                            "order {} line {}: more refunded than recognised",
                            o.document(),
                            r.line
                        )));
                    }
                }
                push_small(&mut o.refunds, refund.as_str().into());
                check_order(o)?;
            }
            Event::SalesReturnRecorded {
                channel,
                order,
                line,
                quantity,
                components,
                ..
            } => {
                let o = self.order_mut(channel, order)?;
                let l = line_mut(o, line)?;
                add(&mut l.returned, *quantity, "returned units")?;
                for c in components {
                    let cost: &mut ComponentCost =
                        l.costs.entry(c.sku.as_str().into()).or_default();
                    add(&mut cost.returned, c.quantity, "returned units")?;
                    add_value(&mut cost.returned_value, c.value, "returned cost")?;
                    if cost.returned > cost.shipped {
                        return Err(broken(format!(
                            "order {} line {line}: more {} returned than shipped",
                            o.document(),
                            c.sku
                        )));
                    }
                }
                check_order(o)?;
            }
            Event::MarketplaceSettlementRecorded {
                settlement,
                unmatched,
                ..
            } => {
                let sales = &mut self.state.sales;
                if sales.settlements.contains_key(&settlement.settlement) {
                    return Err(duplicate("settlement", &settlement.settlement));
                }
                let mut net = Decimal::ZERO;
                for row in &settlement.rows {
                    add_value(&mut net, row.amount, "settlement net")?;
                    let Some(order) = &row.order else { continue };
                    if let Some(o) = sales.orders.get_mut(&settlement.channel, order)
                        && o.settlements.last().map(|s| s.as_str())
                            != Some(settlement.settlement.as_str())
                    {
                        push_small(&mut o.settlements, settlement.settlement.as_str().into());
                    }
                }
                sales.settlements.insert(
                    settlement.settlement.clone(),
                    crate::sales::SettlementSummary {
                        channel: settlement.channel.clone(),
                        settlement: settlement.settlement.clone(),
                        date: settlement.date,
                        net,
                        unmatched: unmatched.clone(),
                    },
                );
            }
            _ => {}
        }
        Ok(())
    }
}

fn check_order(order: &SalesOrder) -> Result<()> {
    order.lines.iter().try_for_each(|l| check_line(order, l))
}

fn line_mut<'o>(order: &'o mut SalesOrder, line: &str) -> Result<&'o mut SalesLine> {
    // The index first, so that the error's text is built only on error.
    match order.lines.iter().position(|l| l.spec.line == line) {
        Some(i) => Ok(&mut order.lines[i]),
        None => Err(broken(format!(
            "order {} has no line {line:?}",
            order.document()
        ))),
    }
}

fn allocation_mut<'l>(line: &'l mut SalesLine, location: &str) -> Result<&'l mut Allocation> {
    match line.allocations.iter().position(|a| a.location == location) {
        Some(i) => Ok(&mut line.allocations[i]),
        None => Err(broken(format!(
            "line {} has nothing reserved at {location}",
            line.spec.line
        ))),
    }
}

impl crate::book::Snapshot {
    /// The structural checks of a restored snapshot's selling side: every
    /// name resolves, every line's units add up, and what orders hold
    /// reserved at a location is committed there.
    pub(crate) fn check_sales(&self) -> std::result::Result<(), String> {
        use std::collections::BTreeMap;
        let sales = &self.sales;
        let locations: BTreeMap<&str, usize> = self
            .locations
            .iter()
            .enumerate()
            .map(|(i, l)| (l.spec.code.as_str(), i))
            .collect();
        let skus: BTreeMap<&str, usize> = self
            .skus
            .iter()
            .enumerate()
            .map(|(i, s)| (s.spec.code.as_str(), i))
            .collect();
        let location = |code: &str| {
            locations
                .get(code)
                .copied()
                .ok_or_else(|| format!("sales: unknown location {code}"))
        };
        let sku = |code: &str| {
            skus.get(code)
                .copied()
                .ok_or_else(|| format!("sales: unknown SKU {code}"))
        };
        for (code, channel) in &sales.channels {
            if *code != channel.code {
                return Err(format!("sales: channel {} is kept as {code}", channel.code));
            }
            for rule in &channel.locations {
                location(&rule.location)?;
            }
            if let Some(fba) = &channel.fba_location {
                location(fba)?;
            }
        }
        for ((channel, listing), spec) in &sales.listings {
            if *channel != spec.channel || *listing != spec.listing {
                return Err(format!(
                    "sales: listing {listing} is kept under another key"
                ));
            }
            if !sales.channels.contains_key(channel.as_str()) {
                return Err(format!(
                    "sales: listing {listing} of unknown channel {channel}"
                ));
            }
            if let Some(code) = &spec.sku {
                sku(code)?;
            }
        }
        let mut reserved: BTreeMap<(usize, usize), i64> = BTreeMap::new();
        for ((channel, id), order) in &sales.orders {
            if *channel != order.channel || *id != order.order {
                return Err(format!("sales: order {id} is kept under another key"));
            }
            if !sales.channels.contains_key(channel.as_str()) {
                return Err(format!("sales: order {id} of unknown channel {channel}"));
            }
            for line in &order.lines {
                check_line(order, line).map_err(|e| format!("sales: {e}"))?;
                for a in &line.allocations {
                    let loc = location(&a.location)?;
                    for c in &line.components {
                        let units = a
                            .reserved
                            .checked_mul(c.per_unit)
                            .ok_or_else(|| format!("sales: order {id} reserves too many units"))?;
                        let slot = reserved.entry((sku(&c.sku)?, loc)).or_default();
                        *slot = slot
                            .checked_add(units)
                            .ok_or_else(|| "sales: reservations overflow".to_owned())?;
                    }
                }
            }
        }
        if reserved.is_empty() {
            return self.check_shipments();
        }
        // One walk over the positions: committed units per SKU and location.
        let mut committed: BTreeMap<(usize, usize), i64> = BTreeMap::new();
        for (k, p) in self.positions.iter() {
            let units = p.get(crate::inventory::Bucket::Committed);
            if units != 0 {
                let slot = committed
                    .entry((k.sku as usize, k.location as usize))
                    .or_default();
                *slot = slot.saturating_add(units);
            }
        }
        for ((sku, loc), units) in reserved {
            let committed = committed.get(&(sku, loc)).copied().unwrap_or(0);
            if units > committed {
                return Err(format!(
                    "sales: orders reserve {units} units of {} at {}, {committed} are committed",
                    self.skus[sku].spec.code, self.locations[loc].spec.code
                ));
            }
        }
        self.check_shipments()
    }

    fn check_shipments(&self) -> std::result::Result<(), String> {
        for (shipment, key) in &self.sales.shipments {
            if !self.sales.orders.contains_key(&key.0, &key.1) {
                return Err(format!("sales: shipment {shipment} of an unknown order"));
            }
        }
        Ok(())
    }
}
