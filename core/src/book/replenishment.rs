//! Replenishment in the book: the sales history it keeps from its events
//! (see [`crate::sales::SalesHistory`]) and the query that plans from it
//! (see [`crate::report::Replenishment`] for the formulas).
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::report::ReplenishmentQuery;
//! let book = lamp_book()?;
//! // The host knows better: 10 a day (σ 3), 30 days of lead time (σ 5) from SZ.
//! let query = ReplenishmentQuery::from_json(r#"{"as_of":"2026-11-30","policies":[{"sku":"LAMP","location":"DE",
//!     "daily_demand":"10","daily_demand_deviation":"3","lead_time_days":"30","lead_time_deviation_days":"5","transfer_from":"SZ"}]}"#)?;
//! let line = &book.replenishment(&query)?.lines[0];
//! assert_eq!((line.safety_stock, line.reorder_point, line.order_up_to), (Some(87), Some(387), Some(457)));
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::book::command::IssueReason;
use crate::book::{Book, RecordedEvent};
use crate::catalog::LocationKind;
use crate::error::{LandedError, Result, invalid};
use crate::money::Money;
use crate::report::replenishment::{ceil_units, mean_and_deviation};
use crate::report::{
    BucketQuantities, DemandFigures, InboundArrival, LeadTimeFigures, PlanningAlert,
    PlanningAlertKind, PlanningSource, ProfitGroup, ProfitQuery, Replenishment, ReplenishmentLine,
    ReplenishmentPolicy, ReplenishmentQuery, ReplenishmentSuggestion, SkuSupply, SuggestionKind,
    normal_quantile, safety_stock,
};
use crate::sales::SalesHistory;
use crate::trade::{PurchaseStatus, TransferStatus};

fn overflow() -> LandedError {
    LandedError::overflow("a replenishment figure")
}

fn units_overflow() -> LandedError {
    LandedError::quantity_overflow("a replenishment figure")
}

fn add(a: i64, b: i64) -> Result<i64> {
    a.checked_add(b).ok_or_else(units_overflow)
}

fn round(value: Decimal, places: u32) -> Decimal {
    crate::report::replenishment::fixed(value, places)
}

fn plus_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::try_from(days).ok()?))
}

/// Where a line is replenished from.
struct Source {
    kind: SuggestionKind,
    from: Option<String>,
}

impl Book {
    /// What a book remembers for replenishment: daily sales per SKU and
    /// location, lead times per supplier and lane.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// assert_eq!(book.sales_history().daily_sales("LAMP", "DE")[0].cost.to_string(), "177.50");
    /// # Ok(()) }
    /// ```
    pub fn sales_history(&self) -> &SalesHistory {
        &self.state.sales.history
    }

    /// Updates the sales history from an event, before its record applies
    /// (so a receipt still sees the receipts before it). Cannot fail: a
    /// commit never does.
    pub(crate) fn record_history(&mut self, recorded: &RecordedEvent) {
        let day = recorded.at.date_naive();
        match &recorded.event {
            crate::Event::Issued(s) if s.reason == Some(IssueReason::Sale) => {
                self.state.sales.history.record_sale(
                    &s.sku,
                    &s.location,
                    day,
                    s.quantity,
                    s.value.amount,
                );
            }
            crate::Event::PurchaseOrderCreated(order) => {
                for line in &order.lines {
                    self.state
                        .sales
                        .history
                        .record_supplier(&line.sku, &order.supplier);
                }
            }
            crate::Event::PurchaseReceived { receipt, .. } => {
                let trade = &self.state.trade;
                let Some(order) = trade.purchase_orders.get(&receipt.po) else {
                    return;
                };
                // One lead time per order and receipt, however many lines.
                let counted = trade
                    .receipts
                    .range((receipt.receipt.clone(), 0)..=(receipt.receipt.clone(), u32::MAX))
                    .any(|(_, line)| line.po == receipt.po);
                if !counted {
                    let days = (receipt.date - order.date).num_days();
                    let supplier = order.supplier.clone();
                    self.state.sales.history.record_purchase_lead_time(
                        &supplier,
                        &receipt.location,
                        days,
                    );
                }
            }
            crate::Event::TransferStatusChanged {
                transfer,
                status: TransferStatus::Received,
            } => {
                let Some(t) = self.state.trade.transfers.get(transfer) else {
                    return;
                };
                if let Some(shipped) = t.shipment.shipped_on {
                    let days = (day - shipped).num_days();
                    let (source, destination) = (t.source.clone(), t.destination.clone());
                    self.state
                        .sales
                        .history
                        .record_transfer_lead_time(&source, &destination, days);
                }
            }
            _ => {}
        }
    }

    /// Plans replenishment as of `query.as_of`: for every SKU and location
    /// with sales in the demand window or a policy, the daily demand, the
    /// lead time, safety stock, reorder point, days of supply, the FBA
    /// restock quantity, turnover; purchase and transfer suggestions in
    /// whole cases; alerts (below reorder point, stock-out before the next
    /// arrival, overstock); the inbound arrivals against the lead time; and
    /// per SKU its profit in the window beside its days of supply. Changes
    /// nothing. Unknown SKUs or locations named by the query are
    /// `UNKNOWN_SKU` / `UNKNOWN_LOCATION`; out-of-range values
    /// `INVALID_COMMAND`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::ReplenishmentQuery;
    /// let book = lamp_book()?;
    /// let plan = book.replenishment(&ReplenishmentQuery::from_json(r#"{"as_of":"2026-11-30","window_days":30}"#)?)?;
    /// let de = &plan.lines[0];
    /// // 10 sold over 22 days: 0.4545 a day, deviation 2.1320; DE is stocked
    /// // from SZ, whose one transfer took 5 days: ⌈1.6449 × √(5 × 2.1320²)⌉ = 8.
    /// assert_eq!(de.demand.daily_deviation.to_string(), "2.1320");
    /// assert_eq!(de.lead_time.as_ref().map(|l| l.mean_days.to_string()), Some("5.00".to_string()));
    /// assert_eq!((de.safety_stock, de.reorder_point), (Some(8), Some(11)));
    /// let query = ReplenishmentQuery::from_json(r#"{"as_of":"2026-11-30","skus":["BULB"]}"#)?;
    /// assert_eq!(book.replenishment(&query).unwrap_err().code(), "UNKNOWN_SKU");
    /// # Ok(()) }
    /// ```
    pub fn replenishment(&self, query: &ReplenishmentQuery) -> Result<Replenishment> {
        query.check()?;
        let as_of = query.as_of;
        let window = query.window();
        let window_start = as_of
            .checked_sub_days(Days::new(window as u64 - 1))
            .ok_or_else(|| invalid("replenishment query: as_of is too early for its window"))?;
        let z = normal_quantile(query.service_level())?;
        let only: BTreeSet<&str> = query.skus.iter().map(String::as_str).collect();
        for sku in &only {
            self.sku_id(sku)?;
        }
        let mut policies: BTreeMap<(String, String), &ReplenishmentPolicy> = BTreeMap::new();
        for p in &query.policies {
            self.sku_id(&p.sku)?;
            self.loc_id(&p.location)?;
            if let Some(from) = &p.transfer_from {
                self.loc_id(from)?;
            }
            if let Some(supplier) = &p.supplier
                && !self.state.trade.suppliers.contains_key(supplier)
            {
                return Err(invalid(format!(
                    "replenishment query: unknown supplier {supplier}"
                )));
            }
            policies.insert((p.sku.clone(), p.location.clone()), p);
        }
        let history = self.sales_history();
        let mut keys: BTreeSet<(String, String)> = history
            .demand_keys()
            .filter(|(sku, location)| {
                history
                    .daily_sales(sku, location)
                    .iter()
                    .any(|d| d.date >= window_start && d.date <= as_of)
            })
            .map(|(sku, location)| (sku.to_owned(), location.to_owned()))
            .collect();
        keys.extend(policies.keys().cloned());
        keys.retain(|(sku, _)| only.is_empty() || only.contains(sku.as_str()));

        let functional = self.config().functional_currency;
        let valuation = self.valuation_by_position()?;
        let mut arrivals = self.open_arrivals(&keys);
        let mut lines = Vec::with_capacity(keys.len());
        let mut suggestions = Vec::new();
        let mut alerts = Vec::new();
        let mut all_arrivals = Vec::new();
        for (sku, location) in &keys {
            let policy = policies.get(&(sku.clone(), location.clone())).copied();
            let sku_id = self.sku_id(sku)?;
            let loc_id = self.loc_id(location)?;
            let kind = self
                .location_spec(loc_id)
                .map_or(LocationKind::Own, |l| l.kind);
            let mut q = BucketQuantities::default();
            for (key, position) in self.positions_of(sku_id) {
                if key.location == loc_id {
                    q.checked_add(&BucketQuantities::from_position(position))
                        .ok_or_else(units_overflow)?;
                }
            }
            let on_hand = q.checked_on_hand().ok_or_else(units_overflow)?;
            let position = add(
                add(add(q.available, q.receiving)?, q.in_transit)?,
                q.on_order,
            )?;
            let (demand, window_cogs, observed) =
                demand_of(history, sku, location, window_start, as_of, policy)?;
            let source = source_of(history, sku, location, kind, policy);
            let lead_time = self.lead_time_of(history, &source, location, policy, query);
            let d = demand.daily_mean;
            let (mut safety, mut reorder, mut up_to) = (None, None, None);
            if let Some(lead) = &lead_time {
                let ss = safety_stock(
                    z,
                    d,
                    demand.daily_deviation,
                    lead.mean_days,
                    lead.deviation_days,
                )?;
                let cycle = ceil_units(d.checked_mul(lead.mean_days).ok_or_else(overflow)?)?;
                let review = Decimal::from(query.review());
                let cover = ceil_units(
                    d.checked_mul(lead.mean_days + review)
                        .ok_or_else(overflow)?,
                )?;
                safety = Some(ss);
                reorder = Some(add(cycle, ss)?);
                up_to = Some(add(cover, ss)?);
            }
            let days_of = |units: i64| -> Option<Decimal> {
                (d > Decimal::ZERO).then(|| round(Decimal::from(units.max(0)) / d, 1))
            };
            let days_of_supply = days_of(q.available);
            let stockout_on = if d > Decimal::ZERO {
                let whole = (Decimal::from(q.available.max(0)) / d).floor();
                i64::try_from(whole).ok().and_then(|n| plus_days(as_of, n))
            } else {
                None
            };
            let mut inbound = arrivals
                .remove(&(sku.clone(), location.clone()))
                .unwrap_or_default();
            if let Some(lead) = &lead_time {
                let lead_days = ceil_units(lead.mean_days)?;
                for a in &mut inbound {
                    a.expected_by_lead_time = a.since.and_then(|s| plus_days(s, lead_days));
                    a.days_beyond_lead_time = a
                        .eta
                        .zip(a.expected_by_lead_time)
                        .map(|(eta, planned)| (eta - planned).num_days());
                }
            }
            let next_arrival = inbound.iter().filter_map(|a| a.eta).min();
            let fba_restock = if kind == LocationKind::Fba {
                let target = policy.and_then(|p| p.target_days).unwrap_or(query.target());
                let wanted =
                    ceil_units(d.checked_mul(Decimal::from(target)).ok_or_else(overflow)?)?;
                let held = add(
                    add(add(q.available, q.receiving)?, q.on_order)?,
                    q.in_transit,
                )?;
                Some(wanted.checked_sub(held).ok_or_else(units_overflow)?.max(0))
            } else {
                None
            };
            let value = valuation
                .get(&(sku.clone(), location.clone()))
                .map(|(_, v)| *v)
                .unwrap_or(Decimal::ZERO);
            let annual_turnover = (value > Decimal::ZERO && observed > 0)
                .then(|| -> Option<Decimal> {
                    let yearly =
                        window_cogs.checked_mul(Decimal::from(365))? / Decimal::from(observed);
                    Some(round(yearly.checked_div(value)?, 2))
                })
                .flatten();

            // A suggestion: the FBA restock, or the order-up-to level when
            // the position is at or below the reorder point.
            let needed = match (fba_restock, reorder, up_to) {
                (Some(restock), _, _) => restock,
                (None, Some(rop), Some(top)) if position <= rop && rop > 0 => {
                    top.checked_sub(position).ok_or_else(units_overflow)?.max(0)
                }
                _ => 0,
            };
            if needed > 0 {
                suggestions
                    .push(self.suggestion(sku, location, &source, needed, policy, &valuation)?);
            }
            if let Some(rop) = reorder
                && rop > 0
                && position <= rop
            {
                alerts.push(alert(PlanningAlertKind::BelowReorderPoint, sku, location));
            }
            if let (Some(out), Some(arrival)) = (stockout_on, next_arrival)
                && out < arrival
            {
                alerts.push(alert(
                    PlanningAlertKind::StockoutBeforeArrival,
                    sku,
                    location,
                ));
            }
            let over = match days_of_supply {
                Some(days) => days > Decimal::from(query.overstock()),
                None => q.available > 0,
            };
            if over {
                alerts.push(alert(PlanningAlertKind::Overstock, sku, location));
            }
            all_arrivals.extend(inbound);
            lines.push(ReplenishmentLine {
                sku: sku.clone(),
                location: location.clone(),
                location_kind: kind,
                days_of_inventory: days_of(on_hand),
                demand,
                lead_time,
                available: q.available,
                on_hand,
                receiving: q.receiving,
                in_transit: q.in_transit,
                on_order: q.on_order,
                position,
                safety_stock: safety,
                reorder_point: reorder,
                order_up_to: up_to,
                days_of_supply,
                stockout_on,
                next_arrival,
                fba_restock,
                window_cogs: Money::new(window_cogs, functional),
                inventory_value: Money::new(value, functional),
                annual_turnover,
            });
        }
        alerts.sort_by(|a, b| (a.kind, &a.sku, &a.location).cmp(&(b.kind, &b.sku, &b.location)));
        let skus = self.sku_supply(&lines, window_start, as_of)?;
        Ok(Replenishment {
            as_of,
            window_days: window,
            service_level: query.service_level(),
            z,
            lines,
            suggestions,
            alerts,
            arrivals: all_arrivals,
            skus,
        })
    }

    /// Quantity and value per (SKU code, location code).
    fn valuation_by_position(&self) -> Result<BTreeMap<(String, String), (i64, Decimal)>> {
        Ok(self
            .valuation(None)?
            .into_iter()
            .map(|l| ((l.sku, l.location), (l.quantity, l.value.amount)))
            .collect())
    }

    fn lead_time_of(
        &self,
        history: &SalesHistory,
        source: &Source,
        location: &str,
        policy: Option<&ReplenishmentPolicy>,
        query: &ReplenishmentQuery,
    ) -> Option<LeadTimeFigures> {
        if let Some(mean) = policy.and_then(|p| p.lead_time_days) {
            return Some(LeadTimeFigures {
                source: PlanningSource::Policy,
                from: source.from.clone(),
                samples: 0,
                mean_days: mean,
                deviation_days: policy
                    .and_then(|p| p.lead_time_deviation_days)
                    .unwrap_or(Decimal::ZERO),
            });
        }
        let sums = source.from.as_deref().and_then(|from| match source.kind {
            SuggestionKind::Purchase => history
                .purchase_lead_time(from, location)
                .map(|s| (PlanningSource::PurchaseHistory, s)),
            SuggestionKind::Transfer => history
                .transfer_lead_time(from, location)
                .map(|s| (PlanningSource::TransferHistory, s)),
        });
        if let Some((kind, sums)) = sums
            && let Ok(n) = i64::try_from(sums.receipts)
            && let Ok((mean, deviation)) = mean_and_deviation(
                n,
                Decimal::from(sums.sum_days),
                Decimal::from(sums.sum_squares),
                2,
            )
        {
            return Some(LeadTimeFigures {
                source: kind,
                from: source.from.clone(),
                samples: sums.receipts,
                mean_days: mean,
                deviation_days: deviation,
            });
        }
        query.default_lead_time_days.map(|mean| LeadTimeFigures {
            source: PlanningSource::Default,
            from: source.from.clone(),
            samples: 0,
            mean_days: mean,
            deviation_days: Decimal::ZERO,
        })
    }

    /// Units in transit (transfers) or still to receive (confirmed purchase
    /// orders) for the planned (SKU, location) pairs, by document.
    fn open_arrivals(
        &self,
        keys: &BTreeSet<(String, String)>,
    ) -> BTreeMap<(String, String), Vec<InboundArrival>> {
        let mut out: BTreeMap<(String, String), Vec<InboundArrival>> = BTreeMap::new();
        for code in &self.index.in_transit {
            let Some(t) = self.state.trade.transfers.get(code) else {
                continue;
            };
            for line in &t.lines {
                let units = line.in_transit();
                let key = (line.sku.clone(), t.destination.clone());
                if units > 0 && keys.contains(&key) {
                    out.entry(key).or_default().push(InboundArrival {
                        kind: SuggestionKind::Transfer,
                        document: t.transfer.clone(),
                        sku: line.sku.clone(),
                        location: t.destination.clone(),
                        units,
                        since: t.shipment.shipped_on,
                        eta: t.shipment.eta,
                        expected_by_lead_time: None,
                        days_beyond_lead_time: None,
                    });
                }
            }
        }
        for order in self.state.trade.purchase_orders.values() {
            if !matches!(
                order.status,
                PurchaseStatus::Confirmed
                    | PurchaseStatus::Shipped
                    | PurchaseStatus::PartiallyReceived
            ) {
                continue;
            }
            for line in &order.lines {
                let units = line.ordered - line.received - line.cancelled;
                let key = (line.sku.clone(), line.destination.clone());
                if units > 0 && keys.contains(&key) {
                    out.entry(key).or_default().push(InboundArrival {
                        kind: SuggestionKind::Purchase,
                        document: order.po.clone(),
                        sku: line.sku.clone(),
                        location: line.destination.clone(),
                        units,
                        since: Some(order.date),
                        eta: order
                            .shipment
                            .as_ref()
                            .and_then(|s| s.eta)
                            .or(line.expected_date),
                        expected_by_lead_time: None,
                        days_beyond_lead_time: None,
                    });
                }
            }
        }
        for list in out.values_mut() {
            list.sort_by(|a, b| (a.kind, &a.document).cmp(&(b.kind, &b.document)));
        }
        out
    }

    fn suggestion(
        &self,
        sku: &str,
        location: &str,
        source: &Source,
        needed: i64,
        policy: Option<&ReplenishmentPolicy>,
        valuation: &BTreeMap<(String, String), (i64, Decimal)>,
    ) -> Result<ReplenishmentSuggestion> {
        let case_pack = policy.and_then(|p| p.case_pack).unwrap_or(1).max(1);
        let moq = policy.and_then(|p| p.min_order_quantity).unwrap_or(0);
        let wanted = needed.max(moq);
        let cases = wanted
            .checked_add(case_pack - 1)
            .ok_or_else(units_overflow)?
            / case_pack;
        let quantity = cases.checked_mul(case_pack).ok_or_else(units_overflow)?;
        let functional = self.config().functional_currency;
        let places = functional.minor_units();
        let unit_cost_at = |location: &str| -> Option<Decimal> {
            valuation
                .get(&(sku.to_owned(), location.to_owned()))
                .filter(|(units, _)| *units > 0)
                .and_then(|(units, value)| value.checked_div(Decimal::from(*units)))
        };
        let cost_from = match source.kind {
            SuggestionKind::Transfer => source.from.as_deref().unwrap_or(location),
            SuggestionKind::Purchase => location,
        };
        let unit_cost = unit_cost_at(cost_from).or_else(|| {
            let (units, value) = valuation.iter().filter(|((s, _), _)| s == sku).fold(
                (0i64, Decimal::ZERO),
                |(u, v), (_, (units, value))| {
                    (u.saturating_add(*units), v.checked_add(*value).unwrap_or(v))
                },
            );
            (units > 0)
                .then(|| value.checked_div(Decimal::from(units)))
                .flatten()
        });
        let unit_cost = unit_cost.map(|c| round(c, places + 2));
        let likely_value = unit_cost
            .map(|c| {
                c.checked_mul(Decimal::from(quantity))
                    .map(|v| Money::new(round(v, places), functional))
                    .ok_or_else(overflow)
            })
            .transpose()?;
        let source_available = match (source.kind, source.from.as_deref()) {
            (SuggestionKind::Transfer, Some(from)) => {
                let sku_id = self.sku_id(sku)?;
                let from_id = self.loc_id(from)?;
                let mut units = 0i64;
                for (key, position) in self.positions_of(sku_id) {
                    if key.location == from_id {
                        units = add(units, position.get(crate::inventory::Bucket::Available))?;
                    }
                }
                Some(units)
            }
            _ => None,
        };
        Ok(ReplenishmentSuggestion {
            kind: source.kind,
            sku: sku.to_owned(),
            location: location.to_owned(),
            from: source.from.clone(),
            needed,
            quantity,
            case_pack,
            min_order_quantity: moq,
            source_available,
            likely_unit_cost: unit_cost.map(|c| Money::new(c, functional)),
            likely_value,
        })
    }

    /// Per SKU of the lines: available everywhere, demand, days of supply
    /// and the profit of the window (when the journal is there to read).
    fn sku_supply(
        &self,
        lines: &[ReplenishmentLine],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SkuSupply>> {
        let mut demand: BTreeMap<&str, Decimal> = BTreeMap::new();
        for line in lines {
            let d = demand.entry(line.sku.as_str()).or_default();
            *d = d.checked_add(line.demand.daily_mean).ok_or_else(overflow)?;
        }
        let profit: BTreeMap<String, crate::report::ProfitFigures> = if demand.is_empty() {
            BTreeMap::new()
        } else {
            // A book without its journal has no profit to show: the
            // planning figures stand without it.
            self.profit(&ProfitQuery::new(from, to, ProfitGroup::Sku))
                .map(|r| {
                    r.lines
                        .into_iter()
                        .filter_map(|l| l.key.map(|k| (k, l.figures)))
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut out = Vec::with_capacity(demand.len());
        for (sku, daily_mean) in demand {
            let id = self.sku_id(sku)?;
            let mut available = 0i64;
            for (_, position) in self.positions_of(id) {
                available = add(available, position.get(crate::inventory::Bucket::Available))?;
            }
            out.push(SkuSupply {
                sku: sku.to_owned(),
                available,
                daily_mean,
                days_of_supply: (daily_mean > Decimal::ZERO)
                    .then(|| round(Decimal::from(available.max(0)) / daily_mean, 1)),
                profit_in_window: profit.get(sku).cloned(),
            });
        }
        Ok(out)
    }
}

fn alert(kind: PlanningAlertKind, sku: &str, location: &str) -> PlanningAlert {
    PlanningAlert {
        kind,
        sku: sku.to_owned(),
        location: location.to_owned(),
    }
}

/// Demand of a (SKU, location): the policy's forecast or the history over
/// the window; with the cost of the units sold in the window and the days
/// observed.
fn demand_of(
    history: &SalesHistory,
    sku: &str,
    location: &str,
    window_start: NaiveDate,
    as_of: NaiveDate,
    policy: Option<&ReplenishmentPolicy>,
) -> Result<(DemandFigures, Decimal, i64)> {
    let days = history.daily_sales(sku, location);
    // A SKU first sold inside the window is observed from its first sale.
    let start = days
        .first()
        .map_or(window_start, |first| first.date.max(window_start));
    let observed = if start > as_of {
        0
    } else {
        (as_of - start).num_days() + 1
    };
    let (mut units, mut sum, mut squares, mut cogs) =
        (0i64, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for day in days
        .iter()
        .filter(|d| d.date >= window_start && d.date <= as_of)
    {
        units = add(units, day.units)?;
        let u = Decimal::from(day.units);
        sum = sum.checked_add(u).ok_or_else(overflow)?;
        squares = squares
            .checked_add(u.checked_mul(u).ok_or_else(overflow)?)
            .ok_or_else(overflow)?;
        cogs = cogs.checked_add(day.cost).ok_or_else(overflow)?;
    }
    let figures = match policy.and_then(|p| p.daily_demand) {
        Some(mean) => DemandFigures {
            source: PlanningSource::Policy,
            days: observed,
            units,
            daily_mean: mean,
            daily_deviation: policy
                .and_then(|p| p.daily_demand_deviation)
                .unwrap_or(Decimal::ZERO),
        },
        None => {
            let (mean, deviation) = mean_and_deviation(observed, sum, squares, 4)?;
            DemandFigures {
                source: PlanningSource::SalesHistory,
                days: observed,
                units,
                daily_mean: mean,
                daily_deviation: deviation,
            }
        }
    };
    Ok((figures, cogs, observed))
}

/// The source of a line: the policy's; else for an FBA location (or one
/// whose latest supplier never delivered there) the lane into it with the
/// most transfers; else the SKU's latest supplier.
fn source_of(
    history: &SalesHistory,
    sku: &str,
    location: &str,
    kind: LocationKind,
    policy: Option<&ReplenishmentPolicy>,
) -> Source {
    if let Some(from) = policy.and_then(|p| p.transfer_from.clone()) {
        return Source {
            kind: SuggestionKind::Transfer,
            from: Some(from),
        };
    }
    if let Some(supplier) = policy.and_then(|p| p.supplier.clone()) {
        return Source {
            kind: SuggestionKind::Purchase,
            from: Some(supplier),
        };
    }
    let supplier = history.last_supplier(sku);
    let bought_here = supplier
        .and_then(|s| history.purchase_lead_time(s, location))
        .is_some();
    if (kind == LocationKind::Fba || !bought_here)
        && let Some((lane, _)) = history.busiest_lane_into(location)
    {
        return Source {
            kind: SuggestionKind::Transfer,
            from: Some(lane.to_owned()),
        };
    }
    Source {
        kind: SuggestionKind::Purchase,
        from: supplier.map(str::to_owned),
    }
}
