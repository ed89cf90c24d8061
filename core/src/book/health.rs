//! Inventory health in the book: stock by location and bucket, aging by
//! receipt date and the alerts that need no demand history, all read-only
//! queries over positions, valuation pools, lots and transfers (see
//! [`crate::report::InventoryAging`] and `docs/planning.md`).
//!
//! Aging reads the receipt dates the book keeps. A FIFO pool's layers carry
//! the time of their receipt, kept through transfers, so each layer's units
//! and value are dated. A moving-average pool has one cost for all its
//! units; units of a lot are dated by the lot's first receipt (found in the
//! event log, so not in a book that keeps no events), and their value is
//! the pool's split by units. Every other unit is `undated`.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::report::{InventoryAgingQuery, InventoryAlertsQuery};
//! let book = lamp_book_with(r#"{"functional_currency":"CNY","valuation_method":"fifo"}"#)?;
//! let as_of = landed::parse_date("2027-12-01")?;
//! let aging = book.inventory_aging(&InventoryAgingQuery::new(as_of))?;
//! assert_eq!(aging.totals.buckets.days_over_365.units, 140);
//! let alerts = book.inventory_alerts(&InventoryAlertsQuery::new(as_of))?;
//! let aged: Vec<_> = alerts.alerts.iter().map(|a| (a.scope.as_deref(), a.units, a.age_days)).collect();
//! assert_eq!(aged, [(Some("DE"), 30, Some(394)), (Some("SZ"), 110, Some(394))]);
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::book::Book;
use crate::error::{LandedError, Result};
use crate::inventory::{LotId, NO_LOT, Pool, PoolKey, SkuId, ValuationMethod};
use crate::money::{Money, allocate_minor_units};
use crate::report::{
    AgingAmount, AgingBuckets, AgingLine, AgingTotal, BucketQuantities, InventoryAging,
    InventoryAgingQuery, InventoryAlert, InventoryAlertKind, InventoryAlerts, InventoryAlertsQuery,
    LocationStockLine, LocationStockTotal, StockByLocation, StockByLocationQuery,
};

fn quantity_overflow() -> LandedError {
    LandedError::quantity_overflow("an inventory health report")
}

fn overflow() -> LandedError {
    LandedError::overflow("an inventory health report")
}

/// Units of a pool received on one date (`None`: the book does not know
/// when), with their value in the functional currency.
struct Dated {
    on: Option<NaiveDate>,
    units: i64,
    value: Decimal,
}

/// A pool with what the queries read of it.
struct PoolView<'a> {
    sku: SkuId,
    scope: String,
    pool: &'a Pool,
    locations: Vec<String>,
    parts: Vec<Dated>,
}

impl Book {
    fn optional_sku(&self, code: Option<&str>) -> Result<Option<SkuId>> {
        code.map(|c| self.sku_id(c)).transpose()
    }

    fn sku_ids(&self, only: Option<SkuId>) -> Vec<SkuId> {
        match only {
            Some(id) => vec![id],
            None => (0..self.skus().len() as SkuId).collect(),
        }
    }

    /// Stock by SKU, location and bucket: every (SKU, location) holding
    /// units in any bucket (or value), with the value carried there and
    /// totals per location. Filtered by `query.sku` and `query.location`
    /// when given (`UNKNOWN_SKU`, `UNKNOWN_LOCATION` when the book does not
    /// know them). Changes nothing; a sum past 64 bits is
    /// `QUANTITY_OVERFLOW`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::StockByLocationQuery;
    /// let book = lamp_book_until("T-1/receive")?;
    /// let stock = book.stock_by_location(&StockByLocationQuery::default())?;
    /// // The 40 lamps of T-1 are in transit toward DE, valued in Goods in Transit.
    /// let de = &stock.lines[0];
    /// assert_eq!((de.location.as_str(), de.quantities.in_transit, de.on_hand), ("DE", 40, 0));
    /// assert!(de.value.is_zero());
    /// let query = StockByLocationQuery { sku: None, location: Some("XX".into()) };
    /// assert_eq!(book.stock_by_location(&query).unwrap_err().code(), "UNKNOWN_LOCATION");
    /// # Ok(()) }
    /// ```
    pub fn stock_by_location(&self, query: &StockByLocationQuery) -> Result<StockByLocation> {
        let only_sku = self.optional_sku(query.sku.as_deref())?;
        let only_loc = query
            .location
            .as_deref()
            .map(|c| self.loc_id(c))
            .transpose()?;
        let functional = self.config().functional_currency;
        let values: BTreeMap<(String, String), Money> = self
            .valuation(query.sku.as_deref())?
            .into_iter()
            .map(|l| ((l.sku, l.location), l.value))
            .collect();
        let mut held: BTreeMap<(String, String), (String, BucketQuantities)> = BTreeMap::new();
        for id in self.sku_ids(only_sku) {
            for (key, position) in self.positions_of(id) {
                if only_loc.is_some_and(|l| l != key.location) {
                    continue;
                }
                let entry = held
                    .entry((
                        self.sku_code(id).to_owned(),
                        self.loc_code(key.location).to_owned(),
                    ))
                    .or_insert_with(|| {
                        let scope = self.location_scope(key.location);
                        (
                            self.scope_name(scope).to_owned(),
                            BucketQuantities::default(),
                        )
                    });
                entry
                    .1
                    .checked_add(&BucketQuantities::from_position(position))
                    .ok_or_else(quantity_overflow)?;
            }
        }
        let mut lines = Vec::new();
        let mut locations: BTreeMap<String, LocationStockTotal> = BTreeMap::new();
        let mut totals = BucketQuantities::default();
        let mut total_value = Money::zero(functional);
        for ((sku, location), (scope, quantities)) in held {
            let value = values
                .get(&(sku.clone(), location.clone()))
                .cloned()
                .unwrap_or_else(|| Money::zero(functional));
            if quantities == BucketQuantities::default() && value.is_zero() {
                continue;
            }
            let on_hand = quantities.checked_on_hand().ok_or_else(quantity_overflow)?;
            let total = locations
                .entry(location.clone())
                .or_insert_with(|| LocationStockTotal {
                    location: location.clone(),
                    quantities: BucketQuantities::default(),
                    on_hand: 0,
                    value: Money::zero(functional),
                });
            total
                .quantities
                .checked_add(&quantities)
                .ok_or_else(quantity_overflow)?;
            total.on_hand = total
                .on_hand
                .checked_add(on_hand)
                .ok_or_else(quantity_overflow)?;
            total.value = total.value.checked_add(&value)?;
            totals
                .checked_add(&quantities)
                .ok_or_else(quantity_overflow)?;
            total_value = total_value.checked_add(&value)?;
            lines.push(LocationStockLine {
                sku,
                location,
                scope,
                quantities,
                on_hand,
                value,
            });
        }
        Ok(StockByLocation {
            lines,
            locations: locations.into_values().collect(),
            on_hand: totals.checked_on_hand().ok_or_else(quantity_overflow)?,
            totals,
            value: total_value,
        })
    }

    /// The date of a lot's first receipt, when the event log still holds it.
    fn lot_received_on(&self, lot: LotId) -> Option<NaiveDate> {
        let seq = self.lot_info(lot)?.first_seq;
        let log = self.events();
        let at = log.partition_point(|r| r.seq < seq);
        log.get(at)
            .filter(|r| r.seq == seq)
            .map(|r| r.at.date_naive())
    }

    /// A pool's units by receipt date: FIFO layers, or for moving average
    /// the dated lots with the pool's value split over them by units; the
    /// rest undated. The parts always add up to the pool's units and value.
    fn dated_parts(&self, key: &PoolKey, pool: &Pool) -> Result<Vec<Dated>> {
        let mut parts = Vec::new();
        if self.config().valuation_method == ValuationMethod::Fifo {
            for layer in pool.layers() {
                parts.push(Dated {
                    on: Some(layer.received_at.date_naive()),
                    units: layer.quantity,
                    value: layer.value,
                });
            }
        } else if pool.quantity > 0 {
            let mut by_date: BTreeMap<NaiveDate, i64> = BTreeMap::new();
            for (pos, position) in self.positions_of(key.sku) {
                let units = position.valued();
                if pos.lot == NO_LOT || units <= 0 || self.location_scope(pos.location) != key.scope
                {
                    continue;
                }
                if let Some(on) = self.lot_received_on(pos.lot) {
                    let sum = by_date.entry(on).or_default();
                    *sum = sum.checked_add(units).ok_or_else(quantity_overflow)?;
                }
            }
            let dated = by_date
                .values()
                .try_fold(0i64, |sum, u| sum.checked_add(*u))
                .ok_or_else(quantity_overflow)?;
            // Lots holding more than the pool (never in a consistent book)
            // are not dated: the pool's units are what is aged.
            if dated > 0 && dated <= pool.quantity {
                let mut weights: Vec<Decimal> =
                    by_date.values().map(|u| Decimal::from(*u)).collect();
                weights.push(Decimal::from(pool.quantity - dated));
                let currency = self.config().functional_currency;
                let shares = allocate_minor_units(&Money::new(pool.value, currency), &weights)?;
                for ((on, units), share) in by_date.into_iter().zip(shares) {
                    parts.push(Dated {
                        on: Some(on),
                        units,
                        value: Money::from_minor_units(share, currency)?.amount,
                    });
                }
            }
        }
        let (mut units, mut value) = (pool.quantity, pool.value);
        for p in &parts {
            units = units.checked_sub(p.units).ok_or_else(quantity_overflow)?;
            value = value.checked_sub(p.value).ok_or_else(overflow)?;
        }
        if units != 0 || !value.is_zero() {
            parts.push(Dated {
                on: None,
                units,
                value,
            });
        }
        Ok(parts)
    }

    /// Every pool holding units, value or negative stock (of one SKU when
    /// given), by SKU code, then scope name.
    fn pool_views(&self, only: Option<SkuId>) -> Result<Vec<PoolView<'_>>> {
        let mut views = BTreeMap::new();
        for id in self.sku_ids(only) {
            for (key, pool) in self.pools().entries(id) {
                if pool.quantity == 0 && pool.value.is_zero() && pool.deficit_quantity() == 0 {
                    continue;
                }
                let locations: BTreeSet<String> = self
                    .positions_of(id)
                    .filter(|(pos, p)| {
                        p.valued() != 0 && self.location_scope(pos.location) == key.scope
                    })
                    .map(|(pos, _)| self.loc_code(pos.location).to_owned())
                    .collect();
                let scope = self.scope_name(key.scope).to_owned();
                let view = PoolView {
                    sku: id,
                    scope: scope.clone(),
                    pool,
                    locations: locations.into_iter().collect(),
                    parts: self.dated_parts(key, pool)?,
                };
                views.insert((self.sku_code(id).to_owned(), scope), view);
            }
        }
        Ok(views.into_values().collect())
    }

    /// Inventory aging by receipt date as of `query.as_of`, per valuation
    /// pool (a SKU in a valuation scope: the unit FIFO layers and average
    /// costs belong to; a location unless scopes are shared), in Amazon
    /// FBA's buckets: 0–90 days (day 90 included), 91–180, 181–270,
    /// 271–365 and over 365, plus `undated` for units whose receipt date
    /// the book does not know; negative stock apart. Totals per scope and
    /// overall; the overall value is the book's inventory value. Changes
    /// nothing; `UNKNOWN_SKU` for a SKU filter the book does not know.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::InventoryAgingQuery;
    /// let book = lamp_book_with(r#"{"functional_currency":"CNY","valuation_method":"fifo"}"#)?;
    /// // The lamps that went to Germany keep their Shenzhen receipt date.
    /// let aging = book.inventory_aging(&InventoryAgingQuery::new(landed::parse_date("2027-01-31")?))?;
    /// let de = &aging.by_scope["DE"];
    /// assert_eq!((de.buckets.days_0_90.units, de.buckets.days_0_90.value.to_string()), (30, "1072.50 CNY".to_string()));
    /// let aging = book.inventory_aging(&InventoryAgingQuery::new(landed::parse_date("2027-02-01")?))?;
    /// assert_eq!(aging.by_scope["DE"].buckets.days_91_180.units, 30);
    /// # Ok(()) }
    /// ```
    pub fn inventory_aging(&self, query: &InventoryAgingQuery) -> Result<InventoryAging> {
        let only = self.optional_sku(query.sku.as_deref())?;
        let functional = self.config().functional_currency;
        let mut lines = Vec::new();
        let mut by_scope: BTreeMap<String, AgingTotal> = BTreeMap::new();
        let mut totals = AgingTotal::zero(functional);
        for view in self.pool_views(only)? {
            let mut buckets = AgingBuckets::zero(functional);
            for part in &view.parts {
                let age = part.on.map(|on| (query.as_of - on).num_days());
                let bucket = buckets.bucket_mut(age);
                *bucket = bucket.checked_add(&AgingAmount {
                    units: part.units,
                    value: Money::new(part.value, functional),
                })?;
            }
            let line = AgingLine {
                sku: self.sku_code(view.sku).to_owned(),
                scope: view.scope.clone(),
                locations: view.locations,
                method: self.config().valuation_method,
                buckets,
                negative_stock: AgingAmount {
                    units: view.pool.deficit_quantity(),
                    value: Money::new(view.pool.deficit_value(), functional),
                },
                units: view.pool.book_quantity(),
                value: Money::new(view.pool.book_value(), functional),
            };
            by_scope
                .entry(view.scope)
                .or_insert_with(|| AgingTotal::zero(functional))
                .add(&line)?;
            totals.add(&line)?;
            lines.push(line);
        }
        Ok(InventoryAging {
            as_of: query.as_of,
            lines,
            by_scope,
            totals,
        })
    }

    /// Alerts as of `query.as_of` that need no demand history: lots with
    /// units on hand past their expiry (`lot_expired`: expiry before
    /// `as_of`) or expiring within `expiry_within_days` (`lot_near_expiry`,
    /// the expiry day itself included), one per lot and location; units of
    /// a pool received more than `aged_over_days` before `as_of`
    /// (`aged_stock`, one per pool, undated units never counted); transfers
    /// with units still in transit after their ETA (`transfer_late`, one per
    /// transfer and SKU). Sorted by kind, SKU, location or scope, lot,
    /// transfer. Changes nothing; a malformed query is `INVALID_COMMAND`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::InventoryAlertsQuery;
    /// let book = lamp_book_until("T-1/receive")?;
    /// // On its ETA, T-1 is not late yet.
    /// let alerts = book.inventory_alerts(&InventoryAlertsQuery::new(landed::parse_date("2026-11-25")?))?;
    /// assert!(alerts.alerts.is_empty());
    /// let alerts = book.inventory_alerts(&InventoryAlertsQuery::new(landed::parse_date("2026-11-26")?))?;
    /// assert_eq!(alerts.alerts[0].days_late, Some(1));
    /// # Ok(()) }
    /// ```
    pub fn inventory_alerts(&self, query: &InventoryAlertsQuery) -> Result<InventoryAlerts> {
        query.check()?;
        let as_of = query.as_of;
        let mut alerts = self.lot_alerts(as_of, query.expiry_within())?;
        alerts.extend(self.aged_alerts(as_of, query.aged_over())?);
        alerts.extend(self.late_transfer_alerts(as_of)?);
        alerts.sort_by(|a, b| {
            let key = |x: &InventoryAlert| {
                (
                    x.kind,
                    x.sku.clone(),
                    x.location.clone(),
                    x.scope.clone(),
                    x.lot.clone(),
                    x.transfer.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        Ok(InventoryAlerts {
            as_of,
            expiry_within_days: query.expiry_within(),
            aged_over_days: query.aged_over(),
            alerts,
        })
    }

    fn lot_alerts(&self, as_of: NaiveDate, within: i64) -> Result<Vec<InventoryAlert>> {
        let mut alerts = Vec::new();
        for id in self.sku_ids(None) {
            for (key, position) in self.positions_of(id) {
                let Some(lot) = self.lot_info(key.lot) else {
                    continue;
                };
                let (Some(expiry), units) = (lot.expiry, position.on_hand()) else {
                    continue;
                };
                let days = (expiry - as_of).num_days();
                if units <= 0 || days > within {
                    continue;
                }
                let kind = if days < 0 {
                    InventoryAlertKind::LotExpired
                } else {
                    InventoryAlertKind::LotNearExpiry
                };
                let mut alert = InventoryAlert::new(kind, self.sku_code(id), units);
                alert.location = Some(self.loc_code(key.location).to_owned());
                alert.lot = Some(lot.number.clone());
                alert.expiry = Some(expiry);
                alert.days_to_expiry = Some(days);
                alerts.push(alert);
            }
        }
        Ok(alerts)
    }

    fn aged_alerts(&self, as_of: NaiveDate, over: i64) -> Result<Vec<InventoryAlert>> {
        let functional = self.config().functional_currency;
        let mut alerts = Vec::new();
        for view in self.pool_views(None)? {
            let mut aged = AgingAmount::zero(functional);
            let mut oldest: Option<NaiveDate> = None;
            for part in &view.parts {
                let Some(on) = part.on else { continue };
                if (as_of - on).num_days() <= over || part.units <= 0 {
                    continue;
                }
                aged = aged.checked_add(&AgingAmount {
                    units: part.units,
                    value: Money::new(part.value, functional),
                })?;
                oldest = Some(oldest.map_or(on, |o| o.min(on)));
            }
            let Some(oldest) = oldest else { continue };
            let mut alert = InventoryAlert::new(
                InventoryAlertKind::AgedStock,
                self.sku_code(view.sku),
                aged.units,
            );
            alert.scope = Some(view.scope);
            alert.locations = view.locations;
            alert.received_on = Some(oldest);
            alert.age_days = Some((as_of - oldest).num_days());
            alert.value = Some(aged.value);
            alerts.push(alert);
        }
        Ok(alerts)
    }

    fn late_transfer_alerts(&self, as_of: NaiveDate) -> Result<Vec<InventoryAlert>> {
        let functional = self.config().functional_currency;
        let mut alerts = Vec::new();
        for t in self.state.trade.transfers.values() {
            let Some(eta) = t.shipment.eta.filter(|eta| *eta < as_of) else {
                continue;
            };
            let mut by_sku: BTreeMap<&str, AgingAmount> = BTreeMap::new();
            for line in &t.lines {
                let units = line.in_transit();
                if units <= 0 {
                    continue;
                }
                let sum = by_sku
                    .entry(line.sku.as_str())
                    .or_insert_with(|| AgingAmount::zero(functional));
                *sum = sum.checked_add(&AgingAmount {
                    units,
                    value: Money::new(line.in_transit_value(), functional),
                })?;
            }
            for (sku, amount) in by_sku {
                let mut alert =
                    InventoryAlert::new(InventoryAlertKind::TransferLate, sku, amount.units);
                alert.location = Some(t.destination.clone());
                alert.transfer = Some(t.transfer.clone());
                alert.from = Some(t.source.clone());
                alert.eta = Some(eta);
                alert.days_late = Some((as_of - eta).num_days());
                alert.value = Some(amount.value);
                alerts.push(alert);
            }
        }
        Ok(alerts)
    }
}
