//! Planning of the selling side: channels and listings, sales orders
//! (recorded, restated, routed and reserved), cancellations, shipments
//! (issues at the pool's cost, revenue, tax and the channel receivable at
//! the day's rate) and customer returns at the cost that went out.
//!
//! ```
//! use landed::{Book, BookConfig, Command, Context, Currency};
//! let mut book = Book::new(BookConfig::new(Currency::from_code("USD")?))?;
//! let at = landed::parse_datetime("2026-11-20T09:00:00Z")?;
//! for (id, json) in [
//!     ("1", r#"{"type":"define_location","code":"LA","name":"3PL Los Angeles","kind":"third_party"}"#),
//!     ("2", r#"{"type":"define_sku","code":"LAMP","name":"Desk lamp"}"#),
//!     ("3", r#"{"type":"receive","sku":"LAMP","location":"LA","quantity":2,"unit_cost":{"amount":"8.00","currency":"USD"}}"#),
//!     ("4", r#"{"type":"define_channel","code":"web","name":"Web shop","kind":"own_site","currency":"USD","locations":[{"location":"LA"}]}"#),
//!     ("5", r#"{"type":"define_listing","channel":"web","listing":"lamp-black","sku":"LAMP"}"#),
//!     ("6", r#"{"type":"ingest_sales_order","channel":"web","order":"1001","date":"2026-11-20",
//!             "lines":[{"line":"1","listing":"lamp-black","quantity":2,"unit_price":"25.00"}]}"#),
//! ] {
//!     book.execute(Command::from_json(json)?, &Context::new(at, id))?;
//! }
//! // Three lamps cannot ship: two are reserved. The book is unchanged.
//! let before = book.snapshot();
//! let ship = Command::from_json(r#"{"type":"ship_sales_order","channel":"web","order":"1001",
//!     "shipment":"S-1","lines":[{"line":"1","location":"LA","quantity":3}]}"#)?;
//! assert_eq!(book.execute(ship, &Context::new(at, "7")).unwrap_err().code(), "OVER_SHIPMENT");
//! assert_eq!(book.snapshot(), before);
//! # Ok::<(), landed::LandedError>(())
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::Code;

use crate::book::command::IssueReason;
use crate::book::event::Event;
use crate::book::plan::few::Few;
use crate::book::plan::posting::Leg;
use crate::book::plan::{Planner, StockInPlan};
use crate::error::{LandedError, Result, duplicate, invalid};
use crate::inventory::{Bucket, LocId, SkuId};
use crate::ledger::{AccountRole, DocumentKind, InvoiceSpec, PostingFacts};
use crate::limits::{MAX_UNIT_COST, check_code, check_quantity};
use crate::money::{Currency, Money};
use crate::sales::{
    ChannelSpec, Component, ComponentMove, Fulfilment, LineAmounts, LineAtLocation, ListingSpec,
    RefundSpec, ReturnGrade, SalesLine, SalesLineQuantity, SalesLineSpec, SalesOrder,
    SalesOrderSpec, SalesReturnSpec, ShippedLine,
};

fn unknown_order(channel: &str, order: &str) -> LandedError {
    LandedError::UnknownSalesOrder {
        channel: channel.to_owned(),
        order: order.to_owned(),
    }
}

fn times(a: i64, b: i64, what: &str) -> Result<i64> {
    a.checked_mul(b)
        .ok_or_else(|| LandedError::quantity_overflow(what))
}

pub(super) fn no_line(order: &SalesOrder, line: &str) -> LandedError {
    invalid(format!("order {} has no line {line:?}", order.document()))
}

/// A line's SKUs resolved for stock movements.
struct Resolved {
    sku: SkuId,
    per_unit: i64,
}

impl<'a> Planner<'a> {
    pub(super) fn sales_channel(&self, code: &str) -> Result<&'a ChannelSpec> {
        let book: &'a crate::book::Book = self.book;
        book.state
            .sales
            .channels
            .get(code)
            .ok_or_else(|| LandedError::UnknownChannel {
                channel: code.to_owned(),
            })
    }

    pub(super) fn sales_order_of(&self, channel: &str, order: &str) -> Result<&'a SalesOrder> {
        self.sales_channel(channel)?;
        let book: &'a crate::book::Book = self.book;
        book.state.sales.orders.get(channel, order).ok_or_else(|| {
            book.archived_order(channel, order)
                .unwrap_or_else(|| unknown_order(channel, order))
        })
    }

    pub(crate) fn plan_define_channel(&mut self, spec: &ChannelSpec) -> Result<()> {
        check_code("channel", &spec.code)?;
        crate::limits::check_free_text("channel name", &spec.name)?;
        if self.book.state.sales.channels.contains_key(&spec.code) {
            return Err(duplicate("channel", &spec.code));
        }
        for rule in &spec.locations {
            self.book.loc_id(&rule.location)?;
            for code in [&rule.country, &rule.region].into_iter().flatten() {
                check_code("routing country or region", code)?;
            }
        }
        if let Some(fba) = &spec.fba_location {
            self.book.loc_id(fba)?;
        }
        self.events.push(Event::ChannelDefined(spec.clone()));
        Ok(())
    }

    pub(crate) fn plan_define_listing(&mut self, spec: &ListingSpec) -> Result<()> {
        self.sales_channel(&spec.channel)?;
        check_code("listing", &spec.listing)?;
        if self
            .book
            .state
            .sales
            .listings
            .contains_key(&spec.channel, &spec.listing)
        {
            return Err(duplicate("listing", &spec.listing));
        }
        match (&spec.sku, &spec.bundle) {
            (Some(sku), None) => {
                self.book.sku_id(sku)?;
            }
            (None, Some(bundle)) => {
                if self.book.bundle(bundle).is_none() {
                    return Err(invalid(format!("unknown bundle {bundle:?}")));
                }
            }
            _ => {
                return Err(invalid(format!(
                    "listing {} maps to a sku or a bundle (one of them)",
                    spec.listing
                )));
            }
        }
        check_quantity(spec.pack)?;
        self.events.push(Event::ListingDefined(spec.clone()));
        Ok(())
    }

    /// The bundle and SKUs a listing sells, or `None` for a listing the
    /// channel does not know (the line is kept with an exception).
    fn listing_components(
        &self,
        channel: &str,
        listing: &str,
    ) -> Result<Option<(Option<String>, Vec<Component>)>> {
        let Some(spec) = self.book.state.sales.listings.get(channel, listing) else {
            return Ok(None);
        };
        let components = match (&spec.sku, &spec.bundle) {
            (Some(sku), _) => vec![Component {
                sku: sku.as_str().into(),
                per_unit: spec.pack,
            }],
            (None, Some(bundle)) => {
                let Some(def) = self.book.bundle(bundle) else {
                    return Ok(None);
                };
                let mut out = Vec::with_capacity(def.components.len());
                for c in &def.components {
                    out.push(Component {
                        sku: c.sku.as_str().into(),
                        per_unit: times(c.quantity, spec.pack, "bundle units")?,
                    });
                }
                out
            }
            (None, None) => return Ok(None),
        };
        Ok(Some((spec.bundle.clone(), components)))
    }

    /// An amount of an order line: not negative, at most the currency's
    /// minor units, at most 10^15.
    fn check_sales_amount(&self, value: Decimal, currency: Currency, what: &str) -> Result<()> {
        let bad = |reason: String| LandedError::InvalidAmount {
            input: format!("{what} {value}"),
            reason,
        };
        if value.is_sign_negative() && !value.is_zero() {
            return Err(bad("a sales amount is not negative".into()));
        }
        // A mantissa within the limit is within it at any scale: the
        // decimal comparison (which rescales) is left for the rare rest.
        if value.mantissa().unsigned_abs() > u128::from(MAX_UNIT_COST.unsigned_abs())
            && value > Decimal::from(MAX_UNIT_COST)
        {
            return Err(bad(format!("a sales amount is at most {MAX_UNIT_COST}")));
        }
        // Normalizing only drops trailing zeros: a value already within
        // the minor units needs none.
        if value.scale() > currency.minor_units()
            && value.normalize().scale() > currency.minor_units()
        {
            return Err(bad(format!(
                "{currency} has {} decimal places",
                currency.minor_units()
            )));
        }
        Ok(())
    }

    fn check_order_spec(&self, spec: &SalesOrderSpec, currency: Currency) -> Result<()> {
        check_code("order", &spec.order)?;
        for code in [&spec.ship_to_country, &spec.ship_to_region]
            .into_iter()
            .flatten()
        {
            check_code("ship-to country or region", code)?;
        }
        if spec.lines.is_empty() {
            return Err(invalid(format!("order {} has no lines", spec.order)));
        }
        let mut seen = std::collections::BTreeSet::new();
        for l in &spec.lines {
            check_code("order line", &l.line)?;
            check_code("listing", &l.listing)?;
            if !seen.insert(l.line.as_str()) {
                return Err(invalid(format!(
                    "order {} lists line {} twice",
                    spec.order, l.line
                )));
            }
            check_quantity(l.quantity)?;
            self.check_sales_amount(l.unit_price, currency, "unit price")?;
            self.check_sales_amount(l.discount, currency, "discount")?;
            self.check_sales_amount(l.shipping, currency, "shipping")?;
            self.check_sales_amount(l.tax, currency, "tax")?;
            let principal = l
                .unit_price
                .checked_mul(Decimal::from(l.quantity))
                .ok_or_else(|| LandedError::overflow("line principal"))?;
            if l.discount > principal {
                return Err(LandedError::InvalidAmount {
                    input: l.discount.to_string(),
                    reason: format!("the discount of line {} exceeds its price", l.line),
                });
            }
        }
        Ok(())
    }

    /// A line as first ingested (nothing reserved, shipped or returned).
    fn new_sales_line(&self, channel: &str, spec: &SalesLineSpec) -> Result<SalesLine> {
        let (bundle, components) = self
            .listing_components(channel, &spec.listing)?
            .unwrap_or_default();
        Ok(SalesLine {
            spec: spec.clone(),
            bundle: bundle.map(Into::into),
            components,
            cancelled: 0,
            returned: 0,
            allocations: Vec::new(),
            costs: crate::vec_map::VecMap::new(),
            recognised: LineAmounts::default(),
            refunded: LineAmounts::default(),
        })
    }

    pub(crate) fn plan_ingest_sales_order(&mut self, spec: &SalesOrderSpec) -> Result<()> {
        let channel = self.sales_channel(&spec.channel)?;
        self.check_order_spec(spec, channel.currency)?;
        let Some(old) = self.book.state.sales.orders.get(&spec.channel, &spec.order) else {
            if let Some(archived) = self.book.archived_order(&spec.channel, &spec.order) {
                return Err(archived);
            }
            let mut lines = Vec::with_capacity(spec.lines.len());
            for l in &spec.lines {
                lines.push(self.new_sales_line(&spec.channel, l)?);
            }
            let order = SalesOrder {
                channel: spec.channel.as_str().into(),
                order: spec.order.as_str().into(),
                currency: channel.currency,
                date: spec.date,
                ship_to_country: spec.ship_to_country.as_deref().map(Into::into),
                ship_to_region: spec.ship_to_region.as_deref().map(Into::into),
                fulfilment: spec.fulfilment,
                address_flagged: spec.address_flagged,
                unpaid: spec.unpaid,
                revision: 0,
                lines,
                shipments: Vec::new(),
                refunds: Vec::new(),
                settlements: Vec::new(),
            };
            // The order is routed from here, and its event takes it after:
            // a stand-in keeps the event's place (and the sequence numbers
            // of the movements after it) without a copy of the order.
            let at = self.events.len();
            self.events.push(Event::NoEffect {});
            self.route_order(&order, channel)?;
            if let Some(slot) = self.events.get_mut(at) {
                *slot = Event::SalesOrderRecorded(Box::new(order));
            }
            return Ok(());
        };
        // The same content changes nothing, unless a listing unknown when
        // the order came is defined now: then it is routed as a restatement.
        let mut newly_listed = false;
        for line in old.lines.iter().filter(|l| l.components.is_empty()) {
            newly_listed |= self
                .listing_components(&spec.channel, &line.spec.listing)?
                .is_some();
        }
        if same_content(old, spec) && !newly_listed {
            return Ok(());
        }
        let mut order = old.clone();
        for line in &old.lines {
            if !spec.lines.iter().any(|l| l.line == line.spec.line)
                && (line.shipped() > 0 || line.returned > 0)
            {
                return Err(refused(
                    old,
                    &line.spec.line,
                    "a shipped line stays on the order",
                ));
            }
        }
        // A line that is the same, going to the same place the same way,
        // keeps its reservations (the host's routing included); any other
        // releases them and is routed anew.
        let same_route = old.fulfilment == spec.fulfilment
            && old.ship_to_country.as_deref() == spec.ship_to_country.as_deref()
            && old.ship_to_region.as_deref() == spec.ship_to_region.as_deref();
        let mut released = Vec::new();
        let reason = move_reason(old);
        let mut unchanged_lines = std::collections::BTreeSet::new();
        let mut lines = Vec::with_capacity(spec.lines.len());
        for prev in &old.lines {
            let kept = spec.lines.iter().find(|l| l.line == prev.spec.line);
            let unchanged = same_route
                && kept == Some(&prev.spec)
                && (!prev.components.is_empty()
                    || self
                        .listing_components(&spec.channel, &prev.spec.listing)?
                        .is_none());
            if unchanged {
                unchanged_lines.insert(prev.spec.line.as_str());
                continue;
            }
            for a in prev.allocations.iter().filter(|a| a.reserved > 0) {
                self.move_line_units(
                    &reason,
                    prev,
                    &a.location,
                    a.reserved,
                    Bucket::Committed,
                    Bucket::Available,
                )?;
                released.push(LineAtLocation::new(
                    &prev.spec.line,
                    &a.location,
                    a.reserved,
                ));
            }
        }
        for l in &spec.lines {
            let Some(prev) = old.line(&l.line) else {
                lines.push(self.new_sales_line(&spec.channel, l)?);
                continue;
            };
            if unchanged_lines.contains(l.line.as_str()) {
                lines.push(prev.clone());
                continue;
            }
            let shipped = prev.shipped();
            let mut line = prev.clone();
            if shipped > 0 {
                if l.quantity < shipped {
                    return Err(refused(
                        old,
                        &l.line,
                        &format!(
                            "{shipped} units shipped, the restatement orders {}",
                            l.quantity
                        ),
                    ));
                }
                let same_sale = SalesLineSpec {
                    quantity: prev.spec.quantity,
                    ..l.clone()
                } == prev.spec;
                if !same_sale {
                    return Err(refused(
                        old,
                        &l.line,
                        "a shipped line's listing, price, discount, shipping and tax stay as they were",
                    ));
                }
            } else {
                let fresh = self.new_sales_line(&spec.channel, l)?;
                line.bundle = fresh.bundle;
                line.components = fresh.components;
            }
            line.spec = l.clone();
            line.cancelled = line.cancelled.min(l.quantity - shipped);
            for a in &mut line.allocations {
                a.reserved = 0;
            }
            line.allocations.retain(|a| a.shipped > 0);
            lines.push(line);
        }
        if !released.is_empty() {
            self.events.push(Event::SalesOrderReleased {
                channel: old.channel.as_str().into(),
                order: old.order.as_str().into(),
                lines: released,
            });
        }
        order.date = spec.date;
        order.ship_to_country = spec.ship_to_country.as_deref().map(Into::into);
        order.ship_to_region = spec.ship_to_region.as_deref().map(Into::into);
        order.fulfilment = spec.fulfilment;
        order.address_flagged = spec.address_flagged;
        order.unpaid = spec.unpaid;
        order.revision = order
            .revision
            .checked_add(1)
            .ok_or_else(|| LandedError::quantity_overflow("order revisions"))?;
        order.lines = lines;
        self.events
            .push(Event::SalesOrderRestated(Box::new(order.clone())));
        self.route_order(&order, channel)
    }

    /// The SKU ids of a line's components, checked for movement at `loc`
    /// (SKU active, location not frozen).
    fn movable(&self, line: &SalesLine, location: &str) -> Result<(Few<Resolved>, LocId)> {
        let mut out = Few::default();
        let mut loc = 0;
        for c in &line.components {
            let (sku, l) = self.movement_target(&c.sku, location)?;
            loc = l;
            out.push(Resolved {
                sku,
                per_unit: c.per_unit,
            });
        }
        Ok((out, loc))
    }

    /// Units of `sku` in the available bucket at `loc`, all lots (unexpired
    /// ones for lot-tracked SKUs).
    fn available_units(&self, sku: SkuId, loc: LocId) -> i64 {
        if !self.book.sku_flags(sku).lot_tracked {
            // What `pick` answers for `i64::MAX` units of a SKU without
            // lots, read without building (and dropping) its shortage error.
            let available = self.quantity(
                crate::inventory::PosKey {
                    sku,
                    location: loc,
                    lot: crate::inventory::NO_LOT,
                },
                Bucket::Available,
            );
            return if available < i64::MAX {
                available.max(0)
            } else {
                0
            };
        }
        match self.pick(sku, loc, &None, Bucket::Available, i64::MAX, false) {
            Err(LandedError::InsufficientStock { available, .. }) => available.max(0),
            _ => 0,
        }
    }

    /// Units of a line `location` can serve now, with its components
    /// resolved there (for the move that reserves them), or `None` when a
    /// component cannot move there.
    fn servable(&self, line: &SalesLine, location: &str) -> Option<(i64, Few<Resolved>, LocId)> {
        let (resolved, loc) = self.movable(line, location).ok()?;
        let units = resolved
            .iter()
            .map(|r| {
                self.available_units(r.sku, loc)
                    .checked_div(r.per_unit)
                    .unwrap_or(0)
            })
            .min()?;
        Some((units, resolved, loc))
    }

    /// Reserves the unrouted units of every line the channel's routing can
    /// serve, and records the plan.
    fn route_order(&mut self, order: &SalesOrder, channel: &ChannelSpec) -> Result<()> {
        let candidates: Vec<&str> = match order.fulfilment {
            Fulfilment::Channel => channel.fba_location.as_deref().into_iter().collect(),
            Fulfilment::Merchant => channel
                .locations
                .iter()
                .filter(|r| {
                    r.matches(
                        order.ship_to_country.as_deref(),
                        order.ship_to_region.as_deref(),
                    )
                })
                .map(|r| r.location.as_str())
                .collect(),
        };
        let split = channel.split_lines || order.fulfilment == Fulfilment::Channel;
        let reason = move_reason(order);
        let (mut allocations, mut unserved) = (Vec::new(), Vec::new());
        for line in &order.lines {
            let mut left = line.unrouted();
            if line.components.is_empty() || left <= 0 {
                continue;
            }
            // Where the units go, with the components resolved there once.
            let mut plan: Few<(&str, i64, Few<Resolved>, LocId)> = Few::default();
            if split {
                for &location in &candidates {
                    if left == 0 {
                        break;
                    }
                    if let Some((servable, resolved, loc)) = self.servable(line, location) {
                        let take = servable.min(left);
                        if take > 0 {
                            plan.push((location, take, resolved, loc));
                            left -= take;
                        }
                    }
                }
            } else if let Some((location, resolved, loc)) =
                candidates.iter().find_map(|&location| {
                    self.servable(line, location)
                        .filter(|(n, ..)| *n >= left)
                        .map(|(_, resolved, loc)| (location, resolved, loc))
                })
            {
                plan.push((location, left, resolved, loc));
                left = 0;
            }
            for (location, quantity, resolved, loc) in plan {
                self.move_resolved_units(
                    &reason,
                    resolved,
                    loc,
                    quantity,
                    Bucket::Available,
                    Bucket::Committed,
                )?;
                allocations.push(LineAtLocation::new(&line.spec.line, location, quantity));
            }
            if left > 0 {
                unserved.push(SalesLineQuantity::new(&line.spec.line, left));
            }
        }
        if !allocations.is_empty() || !unserved.is_empty() {
            self.events.push(Event::SalesOrderRouted {
                channel: order.channel.as_str().into(),
                order: order.order.as_str().into(),
                by_host: false,
                allocations,
                unserved,
            });
        }
        Ok(())
    }

    /// Moves a line's units between two buckets at a location, per SKU.
    fn move_line_units(
        &mut self,
        reason: &str,
        line: &SalesLine,
        location: &str,
        quantity: i64,
        from: Bucket,
        to: Bucket,
    ) -> Result<()> {
        let (resolved, loc) = self.movable(line, location)?;
        self.move_resolved_units(reason, resolved, loc, quantity, from, to)
    }

    /// [`Self::move_line_units`] for components already resolved at `loc`.
    fn move_resolved_units(
        &mut self,
        reason: &str,
        resolved: Few<Resolved>,
        loc: LocId,
        quantity: i64,
        from: Bucket,
        to: Bucket,
    ) -> Result<()> {
        for r in resolved {
            let units = times(quantity, r.per_unit, "order units")?;
            for pick in self.pick(r.sku, loc, &None, from, units, false)? {
                let lot = self.lot_number(pick.lot);
                self.commit_or_release(
                    r.sku,
                    loc,
                    lot,
                    pick.quantity,
                    from,
                    to,
                    reason.to_owned(),
                )?;
            }
        }
        Ok(())
    }

    pub(crate) fn plan_route_sales_order(
        &mut self,
        channel: &str,
        order: &str,
        lines: &[LineAtLocation],
    ) -> Result<()> {
        let order = self.sales_order_of(channel, order)?;
        if lines.is_empty() {
            // The channel's rules again, for the units still unserved.
            let channel = self.sales_channel(channel)?;
            return self.route_order(order, channel);
        }
        let mut per_line: BTreeMap<&str, i64> = BTreeMap::new();
        for r in lines {
            let line = order.line(&r.line).ok_or_else(|| no_line(order, &r.line))?;
            if line.components.is_empty() {
                return Err(invalid(format!(
                    "line {} of {} sells an unknown listing",
                    r.line,
                    order.document()
                )));
            }
            self.book.loc_id(&r.location)?;
            check_quantity(r.quantity)?;
            let total = per_line.entry(r.line.as_str()).or_default();
            *total = total
                .checked_add(r.quantity)
                .ok_or_else(|| LandedError::quantity_overflow("routed units"))?;
            if *total > line.open() {
                return Err(invalid(format!(
                    "line {} of {} has {} units open, {} routed",
                    r.line,
                    order.document(),
                    line.open(),
                    total
                )));
            }
        }
        let mut released = Vec::new();
        let reason = move_reason(order);
        for &id in per_line.keys() {
            let line = order.line(id).ok_or_else(|| no_line(order, id))?;
            for a in line.allocations.iter().filter(|a| a.reserved > 0) {
                self.move_line_units(
                    &reason,
                    line,
                    &a.location,
                    a.reserved,
                    Bucket::Committed,
                    Bucket::Available,
                )?;
                released.push(LineAtLocation::new(id, &a.location, a.reserved));
            }
        }
        if !released.is_empty() {
            self.events.push(Event::SalesOrderReleased {
                channel: order.channel.as_str().into(),
                order: order.order.as_str().into(),
                lines: released,
            });
        }
        for r in lines {
            let line = order.line(&r.line).ok_or_else(|| no_line(order, &r.line))?;
            self.move_line_units(
                &reason,
                line,
                &r.location,
                r.quantity,
                Bucket::Available,
                Bucket::Committed,
            )?;
        }
        let unserved = per_line
            .iter()
            .filter_map(|(&id, &routed)| {
                let open = order.line(id)?.open();
                (open > routed).then(|| SalesLineQuantity::new(id, open - routed))
            })
            .collect();
        self.events.push(Event::SalesOrderRouted {
            channel: order.channel.as_str().into(),
            order: order.order.as_str().into(),
            by_host: true,
            allocations: lines.to_vec(),
            unserved,
        });
        Ok(())
    }

    pub(crate) fn plan_cancel_sales_order(
        &mut self,
        channel: &str,
        order: &str,
        lines: &[SalesLineQuantity],
    ) -> Result<()> {
        let order = self.sales_order_of(channel, order)?;
        let requests: Vec<SalesLineQuantity> = if lines.is_empty() {
            order
                .lines
                .iter()
                .filter(|l| l.open() > 0)
                .map(|l| SalesLineQuantity::new(&l.spec.line, l.open()))
                .collect()
        } else {
            lines.to_vec()
        };
        let mut seen = std::collections::BTreeSet::new();
        let mut released = Vec::new();
        let reason = move_reason(order);
        for r in &requests {
            let line = order.line(&r.line).ok_or_else(|| no_line(order, &r.line))?;
            if !seen.insert(r.line.as_str()) {
                return Err(invalid(format!(
                    "the cancellation lists line {} twice",
                    r.line
                )));
            }
            check_quantity(r.quantity)?;
            if r.quantity > line.open() {
                return Err(LandedError::OverCancellation {
                    order: order.document(),
                    line: r.line.clone(),
                    limit: line.open(),
                    requested: r.quantity,
                });
            }
            // Unreserved units go first, then reservations, last chosen first.
            let mut release = r.quantity - line.unrouted().max(0).min(r.quantity);
            for a in line.allocations.iter().rev() {
                if release == 0 {
                    break;
                }
                let take = a.reserved.min(release);
                if take > 0 {
                    self.move_line_units(
                        &reason,
                        line,
                        &a.location,
                        take,
                        Bucket::Committed,
                        Bucket::Available,
                    )?;
                    released.push(LineAtLocation::new(&r.line, &a.location, take));
                    release -= take;
                }
            }
        }
        if requests.is_empty() {
            return Ok(());
        }
        if !released.is_empty() {
            self.events.push(Event::SalesOrderReleased {
                channel: order.channel.as_str().into(),
                order: order.order.as_str().into(),
                lines: released,
            });
        }
        self.events.push(Event::SalesOrderCancelled {
            channel: order.channel.as_str().into(),
            order: order.order.as_str().into(),
            lines: requests,
        });
        Ok(())
    }

    /// Refuses a sales posting in a chart without the selling roles.
    pub(super) fn require_sales_roles(&self, roles: &[AccountRole]) -> Result<()> {
        let ledger = self.book.ledger();
        if !ledger.enabled {
            return Ok(());
        }
        for &role in roles {
            if !ledger.rules.iter().any(|r| r.role == role) {
                return Err(LandedError::MissingPostingRule { role: role.name() });
            }
        }
        Ok(())
    }

    pub(crate) fn plan_ship_sales_order(
        &mut self,
        channel: &str,
        order: &str,
        shipment: &str,
        lines: &[LineAtLocation],
        rate: Option<Decimal>,
    ) -> Result<()> {
        let order = self.sales_order_of(channel, order)?;
        check_code("shipment", shipment)?;
        // Looked up by `ShortText` (whose order reads raw bytes) rather
        // than `&str`, which would check UTF-8 at every step of the search.
        let key = crate::short_text::ShortText::from(shipment);
        if self.book.state.sales.shipments.contains_key(&key)
            || self.book.ledger().documents.contains_key(&key)
            || self.book.state.archive.has_document(shipment)
        {
            return Err(duplicate("shipment", shipment));
        }
        // (line, location, units), borrowed from the order or the command.
        let requests: Vec<(&str, &str, i64)> = if lines.is_empty() {
            order
                .lines
                .iter()
                .flat_map(|l| {
                    l.allocations
                        .iter()
                        .filter(|a| a.reserved > 0)
                        .map(|a| (l.spec.line.as_str(), a.location.as_str(), a.reserved))
                })
                .collect()
        } else {
            lines
                .iter()
                .map(|r| (r.line.as_str(), r.location.as_str(), r.quantity))
                .collect()
        };
        if requests.is_empty() {
            return Err(invalid(format!(
                "order {} has nothing reserved to ship",
                order.document()
            )));
        }
        let mut seen = std::collections::BTreeSet::new();
        for &(line_id, location, quantity) in &requests {
            let line = order.line(line_id).ok_or_else(|| no_line(order, line_id))?;
            self.book.loc_id(location)?;
            check_quantity(quantity)?;
            if !seen.insert((line_id, location)) {
                return Err(invalid(format!(
                    "the shipment lists line {line_id} at {location} twice"
                )));
            }
            let reserved = line
                .allocations
                .iter()
                .find(|a| a.location == location)
                .map_or(0, |a| a.reserved);
            if quantity > reserved {
                return Err(LandedError::OverShipment {
                    order: order.document(),
                    line: line_id.to_owned(),
                    location: location.to_owned(),
                    limit: reserved,
                    requested: quantity,
                });
            }
        }
        let date = self.at.date_naive();
        let rate = self.rate_to_functional(order.currency, rate, date, "a shipment")?;
        self.require_sales_roles(&[
            AccountRole::ChannelReceivable,
            AccountRole::ShippingRevenue,
            AccountRole::SalesTaxPayable,
            AccountRole::MarketplaceTaxPayable,
        ])?;
        let document = order.document();
        // The channel and document, shared by every issue of the shipment
        // and the lines of its vouchers.
        let dims = order_dims(order, &document);
        // Per line: units shipped and amounts recognised so far, this
        // shipment included.
        let mut progress: BTreeMap<&str, (i64, LineAmounts)> = BTreeMap::new();
        let mut shipped = Vec::with_capacity(requests.len());
        for &(line_id, location, quantity) in &requests {
            let line = order.line(line_id).ok_or_else(|| no_line(order, line_id))?;
            let (resolved, loc) = self.movable(line, location)?;
            let mut components = Vec::with_capacity(resolved.len());
            for (c, res) in line.components.iter().zip(resolved.iter()) {
                let units = times(quantity, res.per_unit, "shipped units")?;
                let first = self.events.len();
                for pick in self.pick(res.sku, loc, &None, Bucket::Committed, units, false)? {
                    self.push_out(
                        res.sku,
                        loc,
                        pick,
                        Bucket::Committed,
                        Some(IssueReason::Sale),
                        None,
                        Some(dims.1.clone()),
                        Some(dims.0.clone()),
                        false,
                    )?;
                }
                let mut value = Decimal::ZERO;
                for event in &self.events[first..] {
                    if let Event::Issued(s) = event {
                        value = value
                            .checked_add(s.value.amount)
                            .ok_or_else(|| LandedError::overflow("shipped cost"))?;
                    }
                }
                components.push(ComponentMove {
                    sku: c.sku.as_str().into(),
                    quantity: units,
                    value,
                });
            }
            let entry = progress
                .entry(line_id)
                .or_insert_with(|| (line.shipped(), line.recognised.clone()));
            entry.0 += quantity;
            let amounts = recognise(line, entry.0, &entry.1, order.currency.minor_units())?;
            add_amounts(&mut entry.1, &amounts)?;
            shipped.push(ShippedLine {
                line: line_id.to_owned(),
                location: location.to_owned(),
                quantity,
                components,
                amounts,
            });
        }
        // The voucher's legs are read from the lines before the event
        // takes them (the entry still follows the event).
        let legs = self.shipment_legs(order, dims, rate, &shipped)?;
        self.events.push(Event::SalesOrderShipped {
            channel: order.channel.as_str().into(),
            order: order.order.as_str().into(),
            shipment: shipment.to_owned(),
            rate,
            lines: shipped,
        });
        match legs {
            Some(legs) => self.post_shipment(order, &document, shipment, rate, legs),
            None => Ok(()),
        }
    }

    /// The receivable (an open item per shipment) and the revenue, shipping
    /// and tax of a shipment: Dr channel receivable, Cr revenue, shipping
    /// income and the tax liability, each converted at `rate`; a sub-unit
    /// difference goes to rounding.
    fn shipment_legs(
        &self,
        order: &SalesOrder,
        dims: (Code, Code),
        rate: Decimal,
        shipped: &[ShippedLine],
    ) -> Result<Option<ShipmentLegs>> {
        if !self.book.ledger().enabled {
            return Ok(None);
        }
        let currency = order.currency;
        let convert = |planner: &Self, amount: Decimal| planner.at_rate(amount, rate);
        let mut legs = Vec::with_capacity(shipped.len() * 3 + 2);
        let (mut total, mut credited) = (Decimal::ZERO, Decimal::ZERO);
        for s in shipped {
            let line = order.line(&s.line).ok_or_else(|| no_line(order, &s.line))?;
            let loc = self.book.loc_id(&s.location)?;
            let sku = match (&line.bundle, line.components.as_slice()) {
                (None, [only]) => Some(self.book.sku_id(&only.sku)?),
                _ => None,
            };
            let net = s
                .amounts
                .principal
                .checked_sub(s.amounts.discount)
                .ok_or_else(|| LandedError::overflow("net revenue"))?;
            let tax_role = if line.spec.marketplace_tax {
                AccountRole::MarketplaceTaxPayable
            } else {
                AccountRole::SalesTaxPayable
            };
            for (role, amount) in [
                (AccountRole::Revenue, net),
                (AccountRole::ShippingRevenue, s.amounts.shipping),
                (tax_role, s.amounts.tax),
            ] {
                if amount.is_zero() {
                    continue;
                }
                let functional = convert(self, amount)?;
                total = total
                    .checked_add(amount)
                    .ok_or_else(|| LandedError::overflow("shipment total"))?;
                credited = credited
                    .checked_add(functional)
                    .ok_or_else(|| LandedError::overflow("shipment total"))?;
                let mut leg = shared_order_leg(&dims, role, -functional);
                leg.location = Some(loc);
                leg.sku = sku;
                leg.transaction = Some((Money::new(-amount, currency), rate));
                legs.push(leg);
            }
        }
        Ok(Some(ShipmentLegs {
            dims,
            legs,
            total,
            credited,
        }))
    }

    /// Posts a shipment's voucher from its legs (see `shipment_legs`).
    fn post_shipment(
        &mut self,
        order: &SalesOrder,
        document: &str,
        shipment: &str,
        rate: Decimal,
        legs: ShipmentLegs,
    ) -> Result<()> {
        let ShipmentLegs {
            dims,
            mut legs,
            total,
            credited,
        } = legs;
        if total.is_zero() {
            return Ok(());
        }
        let currency = order.currency;
        let convert = |planner: &Self, amount: Decimal| planner.at_rate(amount, rate);
        let receivable = convert(self, total)?;
        let account = self.channel_receivable(order);
        let mut debit = shared_order_leg(&dims, AccountRole::ChannelReceivable, receivable);
        debit.transaction = Some((Money::new(total, currency), rate));
        legs.insert(0, debit);
        let difference = receivable
            .checked_sub(credited)
            .ok_or_else(|| LandedError::overflow("shipment rounding"))?;
        if !difference.is_zero() {
            legs.push(shared_order_leg(&dims, AccountRole::Rounding, -difference));
        }
        self.events.push(Event::InvoiceRecorded {
            invoice: InvoiceSpec {
                document: shipment.to_owned(),
                kind: DocumentKind::CustomerInvoice,
                party: order.channel.as_str().into(),
                channel: Some(order.channel.as_str().into()),
                date: self.at.date_naive(),
                due_date: None,
                amount: Money::new(total, currency),
                rate: Some(rate),
            },
            account,
            carrying: Money::new(receivable, self.functional()),
        });
        let memo = format!("shipment {shipment} of order {document}");
        self.post_legs(self.at.date_naive(), memo, shipment, legs)
    }

    pub(crate) fn plan_sales_return(&mut self, spec: &SalesReturnSpec) -> Result<()> {
        let order = self.sales_order_of(&spec.channel, &spec.order)?;
        let line = order
            .line(&spec.line)
            .ok_or_else(|| no_line(order, &spec.line))?;
        check_quantity(spec.quantity)?;
        if let Some(rma) = &spec.rma {
            check_code("rma", rma)?;
        }
        if let Some(reason) = &spec.reason {
            crate::limits::check_label("return reason", reason)?;
        }
        let limit = line.shipped() - line.returned;
        if spec.quantity > limit {
            return Err(LandedError::OverReturn {
                order: order.document(),
                line: spec.line.clone(),
                limit,
                requested: spec.quantity,
            });
        }
        let bucket = match spec.grade {
            ReturnGrade::Sellable => Some(Bucket::Available),
            ReturnGrade::Damaged => Some(Bucket::Damaged),
            ReturnGrade::Disposed => None,
        };
        let target = match (&spec.location, bucket) {
            (Some(location), Some(_)) => Some(self.movable(line, location)?),
            (None, Some(_)) => {
                return Err(invalid("a returned unit kept in stock names its location"));
            }
            (Some(location), None) => {
                self.book.loc_id(location)?;
                None
            }
            (None, None) => None,
        };
        if spec.grade == ReturnGrade::Disposed {
            self.require_sales_roles(&[AccountRole::ReturnLoss])?;
        }
        if let Some(lot) = &spec.lot {
            let tracked = line
                .components
                .iter()
                .any(|c| self.book.sku(&c.sku).is_ok_and(|sku| sku.spec.lot_tracked));
            if !tracked || bucket.is_none() {
                let sku = line.components.first().map_or("", |c| c.sku.as_str());
                return Err(crate::book::plan::lot_rule(
                    sku,
                    &format!("lot {lot} is named, but the return keeps no lot-tracked SKU"),
                ));
            }
        }
        let document = order.document();
        let mut components = Vec::with_capacity(line.components.len());
        let mut legs = Vec::new();
        for (i, c) in line.components.iter().enumerate() {
            let units = times(spec.quantity, c.per_unit, "returned units")?;
            let cost = line.costs.get(&c.sku).cloned().unwrap_or_default();
            let left_units = cost.shipped - cost.returned;
            let left_value = cost
                .shipped_value
                .checked_sub(cost.returned_value)
                .ok_or_else(|| LandedError::overflow("returned cost"))?;
            let value = if units >= left_units {
                left_value
            } else {
                self.round(
                    left_value
                        .checked_mul(Decimal::from(units))
                        .and_then(|v| v.checked_div(Decimal::from(left_units)))
                        .ok_or_else(|| LandedError::overflow("returned cost"))?,
                )
            };
            components.push(ComponentMove {
                sku: c.sku.as_str().into(),
                quantity: units,
                value,
            });
            match (&target, bucket) {
                (Some((resolved, loc)), Some(bucket)) => {
                    let sku = resolved[i].sku;
                    let lot = if self.book.skus()[sku as usize].spec.lot_tracked {
                        spec.lot.clone()
                    } else {
                        None
                    };
                    let (lot, expiry) = self.incoming_lot(sku, &lot, None)?;
                    let unit_cost = value
                        .checked_div(Decimal::from(units))
                        .ok_or_else(|| LandedError::overflow("returned unit cost"))?;
                    self.push_in_as(
                        StockInPlan {
                            sku,
                            loc: *loc,
                            lot,
                            expiry,
                            bucket,
                            quantity: units,
                            unit_cost,
                            value,
                            damage_reason: spec
                                .reason
                                .clone()
                                .or_else(|| Some("customer return".into())),
                            reference: Some(document.clone()),
                            adjustment: false,
                            trace: Default::default(),
                            // Returned units form a layer dated on their
                            // return, after the stock bought before it.
                            layer_at: None,
                        },
                        Event::CustomerReturnReceived,
                    )?;
                }
                _ => {
                    let sku = self.book.sku_id(&c.sku)?;
                    for (role, net) in [
                        (AccountRole::ReturnLoss, value),
                        (AccountRole::Cogs, -value),
                    ] {
                        let mut leg = order_leg(order, &document, role, net);
                        leg.sku = Some(sku);
                        legs.push(leg);
                    }
                }
            }
        }
        self.events.push(Event::SalesReturnRecorded {
            channel: order.channel.as_str().into(),
            order: order.order.as_str().into(),
            line: spec.line.clone(),
            quantity: spec.quantity,
            grade: spec.grade,
            location: spec.location.clone(),
            rma: spec.rma.clone(),
            components,
        });
        if !legs.is_empty() {
            let memo = format!("customer return of order {document}, disposed");
            self.post_legs(self.at.date_naive(), memo, &document, legs)?;
        }
        Ok(())
    }

    /// `amount` of a channel's currency in functional currency at `rate`.
    pub(super) fn at_rate(&self, amount: Decimal, rate: Decimal) -> Result<Decimal> {
        Ok(self.round(
            amount
                .checked_mul(rate)
                .ok_or_else(|| LandedError::overflow("conversion to functional currency"))?,
        ))
    }

    /// The channel receivable account of an order's channel.
    pub(super) fn channel_receivable(&self, order: &SalesOrder) -> String {
        let facts = PostingFacts {
            channel: Some(&order.channel),
            ..PostingFacts::default()
        };
        self.book
            .ledger()
            .account_for(AccountRole::ChannelReceivable, &facts)
            .to_string()
    }

    pub(crate) fn plan_refund(&mut self, spec: &RefundSpec) -> Result<()> {
        let order = self.sales_order_of(&spec.channel, &spec.order)?;
        check_code("refund", &spec.refund)?;
        if order.refunds.iter().any(|r| *r == spec.refund)
            || self
                .book
                .state
                .sales
                .shipments
                .contains_key(spec.refund.as_str())
            || self
                .book
                .ledger()
                .documents
                .contains_key(spec.refund.as_str())
            || self.book.state.archive.has_document(&spec.refund)
        {
            return Err(duplicate("refund", &spec.refund));
        }
        if spec.lines.is_empty() {
            return Err(invalid("a refund names at least one line"));
        }
        let scale = order.currency.minor_units();
        let mut seen = std::collections::BTreeSet::new();
        let mut total = Decimal::ZERO;
        for r in &spec.lines {
            let line = order.line(&r.line).ok_or_else(|| no_line(order, &r.line))?;
            if !seen.insert(r.line.as_str()) {
                return Err(invalid(format!("the refund lists line {} twice", r.line)));
            }
            let net = line
                .recognised
                .principal
                .checked_sub(line.recognised.discount)
                .ok_or_else(|| LandedError::overflow("recognised revenue"))?;
            for (what, amount, recognised, refunded) in [
                ("principal", r.principal, net, line.refunded.principal),
                (
                    "shipping",
                    r.shipping,
                    line.recognised.shipping,
                    line.refunded.shipping,
                ),
                ("tax", r.tax, line.recognised.tax, line.refunded.tax),
            ] {
                if amount.is_sign_negative() || amount.scale() > scale {
                    return Err(invalid(format!(
                        "refund {what} of line {} must be a non-negative amount with at most {scale} decimals",
                        r.line
                    )));
                }
                let limit = recognised
                    .checked_sub(refunded)
                    .ok_or_else(|| LandedError::overflow("refundable amount"))?;
                if amount > limit {
                    return Err(LandedError::OverRefund {
                        order: order.document(),
                        line: r.line.clone(),
                        what: what.to_owned(),
                        limit: limit.to_string(),
                        requested: amount.to_string(),
                    });
                }
                total = total
                    .checked_add(amount)
                    .ok_or_else(|| LandedError::overflow("refund total"))?;
            }
        }
        if total.is_zero() {
            return Err(invalid("a refund gives back a positive amount"));
        }
        let date = self.at.date_naive();
        let rate = self.rate_to_functional(order.currency, spec.rate, date, "a refund")?;
        self.require_sales_roles(&[
            AccountRole::ChannelReceivable,
            AccountRole::SalesReturns,
            AccountRole::ShippingRevenue,
            AccountRole::SalesTaxPayable,
            AccountRole::MarketplaceTaxPayable,
        ])?;
        self.events.push(Event::SalesOrderRefunded {
            channel: order.channel.as_str().into(),
            order: order.order.as_str().into(),
            refund: spec.refund.clone(),
            rate,
            lines: spec.lines.clone(),
        });
        if !self.book.ledger().enabled {
            return Ok(());
        }
        let currency = order.currency;
        let document = order.document();
        let convert = |planner: &Self, amount: Decimal| planner.at_rate(amount, rate);
        let mut legs = Vec::new();
        let mut debited = Decimal::ZERO;
        for r in &spec.lines {
            let line = order.line(&r.line).ok_or_else(|| no_line(order, &r.line))?;
            let sku = match (&line.bundle, line.components.as_slice()) {
                (None, [only]) => Some(self.book.sku_id(&only.sku)?),
                _ => None,
            };
            let tax_role = if line.spec.marketplace_tax {
                AccountRole::MarketplaceTaxPayable
            } else {
                AccountRole::SalesTaxPayable
            };
            for (role, amount) in [
                (AccountRole::SalesReturns, r.principal),
                (AccountRole::ShippingRevenue, r.shipping),
                (tax_role, r.tax),
            ] {
                if amount.is_zero() {
                    continue;
                }
                let functional = convert(self, amount)?;
                debited = debited
                    .checked_add(functional)
                    .ok_or_else(|| LandedError::overflow("refund total"))?;
                let mut leg = order_leg(order, &document, role, functional);
                leg.sku = sku;
                leg.transaction = Some((Money::new(amount, currency), rate));
                legs.push(leg);
            }
        }
        let credit = convert(self, total)?;
        let account = self.channel_receivable(order);
        let mut receivable = order_leg(order, &document, AccountRole::ChannelReceivable, -credit);
        receivable.document = Some(Code::from(spec.refund.as_str()));
        receivable.transaction = Some((Money::new(-total, currency), rate));
        legs.insert(0, receivable);
        let difference = credit
            .checked_sub(debited)
            .ok_or_else(|| LandedError::overflow("refund rounding"))?;
        if !difference.is_zero() {
            legs.push(order_leg(
                order,
                &document,
                AccountRole::Rounding,
                difference,
            ));
        }
        self.events.push(Event::InvoiceRecorded {
            invoice: InvoiceSpec {
                document: spec.refund.clone(),
                kind: DocumentKind::CustomerCreditNote,
                party: order.channel.as_str().into(),
                channel: Some(order.channel.as_str().into()),
                date,
                due_date: None,
                amount: Money::new(total, currency),
                rate: Some(rate),
            },
            account,
            carrying: Money::new(credit, self.functional()),
        });
        let memo = format!("refund {} of order {document}", spec.refund);
        self.post_legs(date, memo, &spec.refund, legs)
    }
}

/// The revenue, shipping and tax legs of a shipment, with its total in the
/// order's currency and the functional amount they credit.
struct ShipmentLegs {
    /// The order's channel and document, shared by the voucher's lines.
    dims: (Code, Code),
    legs: Vec<Leg>,
    total: Decimal,
    credited: Decimal,
}

/// A voucher line of an order: its channel, and the order as its document.
fn order_leg(order: &SalesOrder, document: &str, role: AccountRole, net: Decimal) -> Leg {
    shared_order_leg(&order_dims(order, document), role, net)
}

/// An order's channel and document as shared texts, for the many lines of
/// one voucher (see [`shared_order_leg`]).
fn order_dims(order: &SalesOrder, document: &str) -> (Code, Code) {
    (Code::from(order.channel.as_str()), Code::from(document))
}

/// [`order_leg`] with the channel and document of [`order_dims`], which
/// every line of the voucher shares.
fn shared_order_leg(dims: &(Code, Code), role: AccountRole, net: Decimal) -> Leg {
    let mut leg = Leg::new(role, net);
    leg.channel = Some(dims.0.clone());
    leg.document = Some(dims.1.clone());
    leg
}

/// The reason on the movements that reserve or release an order's units.
fn move_reason(order: &SalesOrder) -> String {
    format!("sales order {}/{}", order.channel, order.order)
}

fn refused(order: &SalesOrder, line: &str, reason: &str) -> LandedError {
    LandedError::RestatementRefused {
        order: order.document(),
        line: line.to_owned(),
        reason: reason.to_owned(),
    }
}

/// True when `spec` says what the order already says.
fn same_content(order: &SalesOrder, spec: &SalesOrderSpec) -> bool {
    order.date == spec.date
        && order.ship_to_country.as_deref() == spec.ship_to_country.as_deref()
        && order.ship_to_region.as_deref() == spec.ship_to_region.as_deref()
        && order.fulfilment == spec.fulfilment
        && order.address_flagged == spec.address_flagged
        && order.unpaid == spec.unpaid
        && order.lines.len() == spec.lines.len()
        && order
            .lines
            .iter()
            .zip(&spec.lines)
            .all(|(l, s)| l.spec == *s)
}

/// What a line recognises when its shipped units reach `shipped_after`:
/// the price of the units, and the line's discount, shipping and tax in
/// proportion to the units shipped of those not cancelled, so that the
/// last shipment takes what is left and the parts add up to the line.
fn recognise(
    line: &SalesLine,
    shipped_after: i64,
    so_far: &LineAmounts,
    places: u32,
) -> Result<LineAmounts> {
    let effective = line.spec.quantity - line.cancelled;
    let share = |total: Decimal, before: Decimal| -> Result<Decimal> {
        let target = if shipped_after >= effective {
            total
        } else {
            total
                .checked_mul(Decimal::from(shipped_after))
                .and_then(|v| v.checked_div(Decimal::from(effective)))
                .map(|v| {
                    v.round_dp_with_strategy(
                        places,
                        rust_decimal::RoundingStrategy::MidpointNearestEven,
                    )
                })
                .ok_or_else(|| LandedError::overflow("recognised amount"))?
        };
        target
            .checked_sub(before)
            .ok_or_else(|| LandedError::overflow("recognised amount"))
    };
    let principal_total = line
        .spec
        .unit_price
        .checked_mul(Decimal::from(shipped_after))
        .ok_or_else(|| LandedError::overflow("line principal"))?;
    Ok(LineAmounts {
        principal: principal_total
            .checked_sub(so_far.principal)
            .ok_or_else(|| LandedError::overflow("line principal"))?,
        discount: share(line.spec.discount, so_far.discount)?,
        shipping: share(line.spec.shipping, so_far.shipping)?,
        tax: share(line.spec.tax, so_far.tax)?,
    })
}

/// Adds `more` to `sum`, checked.
pub(crate) fn add_amounts(sum: &mut LineAmounts, more: &LineAmounts) -> Result<()> {
    // The mantissa fast path: a line's amounts share the currency's scale.
    let add = |a: Decimal, b: Decimal| {
        crate::ledger::add_exact(a, b).ok_or_else(|| LandedError::overflow("recognised amounts"))
    };
    sum.principal = add(sum.principal, more.principal)?;
    sum.discount = add(sum.discount, more.discount)?;
    sum.shipping = add(sum.shipping, more.shipping)?;
    sum.tax = add(sum.tax, more.tax)?;
    Ok(())
}
