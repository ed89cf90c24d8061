//! What replenishment planning remembers of the book's past: units sold per
//! day at each SKU and location (with their cost, for turnover), the lead
//! times of purchase receipts per supplier and destination and of transfer
//! receipts per lane, and each SKU's latest supplier.
//!
//! It is state, not history: the daily sales of a (SKU, location) keep only
//! the last [`DEMAND_DAYS_KEPT`] days, and lead times are running sums, so
//! a book of ten years holds no more than one of one year. It is built from
//! events only, by the same code live and in replay, so a replayed book
//! plans exactly as the live one.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = lamp_book()?;
//! // Ten lamps sold at DE on 2026-11-09, costing 177.50 CNY.
//! let days = book.sales_history().daily_sales("LAMP", "DE");
//! assert_eq!(days.len(), 1);
//! assert_eq!((days[0].date.to_string(), days[0].units), ("2026-11-09".to_string(), 10));
//! // PO-1 (ordered 2026-11-10, received 2026-11-12) took 2 days.
//! let lead = book.sales_history().purchase_lead_time("F1", "SZ").unwrap();
//! assert_eq!((lead.receipts, lead.sum_days), (1, 2));
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Days of sales kept per SKU and location: more than a year, the longest
/// demand window a replenishment query accepts.
///
/// ```
/// assert!(landed::sales::DEMAND_DAYS_KEPT > 365);
/// ```
pub const DEMAND_DAYS_KEPT: i64 = 400;

/// Units sold on one day at one location, and their cost of goods.
///
/// ```
/// let day = landed::sales::DailySales { date: landed::parse_date("2026-11-09")?, units: 10, cost: "177.50".parse()? };
/// assert_eq!(serde_json::to_string(&day).unwrap(), r#"["2026-11-09",10,"177.50"]"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "DayRecord", into = "DayRecord")]
pub struct DailySales {
    /// The day (UTC date of the issue).
    pub date: NaiveDate,
    /// Units issued for sale that day.
    pub units: i64,
    /// Their cost in the functional currency.
    pub cost: Decimal,
}

/// A day as stored: `[date, units, cost]`, a third of the size of an
/// object with named members.
#[derive(Serialize, Deserialize)]
struct DayRecord(
    NaiveDate,
    i64,
    #[serde(with = "crate::decimal_text::strict")] Decimal,
);

impl From<DayRecord> for DailySales {
    fn from(r: DayRecord) -> Self {
        Self {
            date: r.0,
            units: r.1,
            cost: r.2,
        }
    }
}

impl From<DailySales> for DayRecord {
    fn from(d: DailySales) -> Self {
        DayRecord(d.date, d.units, d.cost)
    }
}

/// Running sums of lead times in whole days: enough for their mean and
/// sample deviation without keeping each one.
///
/// ```
/// let mut lead = landed::sales::LeadTimeSums::default();
/// for days in [28, 30, 32] { lead.add(days); }
/// assert_eq!((lead.receipts, lead.sum_days, lead.sum_squares), (3, 90, 2708));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadTimeSums {
    /// Receipt lines counted.
    pub receipts: u64,
    /// Their lead times added up.
    pub sum_days: i64,
    /// Their squares added up.
    pub sum_squares: i64,
}

impl LeadTimeSums {
    /// Counts one lead time. Saturating: the sums feed an estimate, and a
    /// commit must not fail (36,500 days squared fits 64 bits many
    /// million times over).
    ///
    /// ```
    /// let mut lead = landed::sales::LeadTimeSums::default();
    /// lead.add(30);
    /// assert_eq!(lead.sum_squares, 900);
    /// ```
    pub fn add(&mut self, days: i64) {
        self.receipts = self.receipts.saturating_add(1);
        self.sum_days = self.sum_days.saturating_add(days);
        self.sum_squares = self.sum_squares.saturating_add(days.saturating_mul(days));
    }
}

/// Demand and lead-time history kept for replenishment (see the module).
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
/// # fn main() -> landed::Result<()> {
/// let book = lamp_book()?;
/// assert_eq!(book.sales_history().last_supplier("LAMP"), Some("F1"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalesHistory {
    /// Daily sales by (SKU, location), oldest day first.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "crate::seq_map"
    )]
    demand: BTreeMap<(String, String), Vec<DailySales>>,
    /// Purchase lead times by (supplier, destination).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "crate::seq_map"
    )]
    purchase_lead_times: BTreeMap<(String, String), LeadTimeSums>,
    /// Transfer lead times by (source, destination).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "crate::seq_map"
    )]
    transfer_lead_times: BTreeMap<(String, String), LeadTimeSums>,
    /// The supplier of each SKU's latest purchase order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    suppliers: BTreeMap<String, String>,
}

impl SalesHistory {
    /// True when nothing is remembered (kept out of snapshots).
    pub(crate) fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The remembered daily sales of a SKU at a location, oldest first.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// assert!(lamp_book()?.sales_history().daily_sales("LAMP", "SZ").is_empty());
    /// # Ok(()) }
    /// ```
    pub fn daily_sales(&self, sku: &str, location: &str) -> &[DailySales] {
        self.demand
            .get(&(sku.to_owned(), location.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    /// Every (SKU, location) with remembered sales.
    pub(crate) fn demand_keys(&self) -> impl Iterator<Item = &(String, String)> {
        self.demand.keys()
    }

    /// Lead times of purchases from `supplier` received at `location`: one
    /// per purchase order and receipt, from the order's date to the
    /// receipt's.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// assert!(lamp_book()?.sales_history().purchase_lead_time("F1", "DE").is_none());
    /// # Ok(()) }
    /// ```
    pub fn purchase_lead_time(&self, supplier: &str, location: &str) -> Option<&LeadTimeSums> {
        self.purchase_lead_times
            .get(&(supplier.to_owned(), location.to_owned()))
    }

    /// Lead times of transfers from `source` received at `destination`:
    /// one per transfer received in full, from the day it shipped to the
    /// day its last units arrived.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// // T-1 shipped 2026-11-03 and was received in full on 2026-11-08.
    /// let lead = lamp_book()?.sales_history().transfer_lead_time("SZ", "DE").cloned().unwrap();
    /// assert_eq!((lead.receipts, lead.sum_days), (1, 5));
    /// # Ok(()) }
    /// ```
    pub fn transfer_lead_time(&self, source: &str, destination: &str) -> Option<&LeadTimeSums> {
        self.transfer_lead_times
            .get(&(source.to_owned(), destination.to_owned()))
    }

    /// The lane into `destination` with the most receipts (the first by
    /// source code on a tie).
    pub(crate) fn busiest_lane_into(&self, destination: &str) -> Option<(&str, &LeadTimeSums)> {
        let mut best: Option<(&str, &LeadTimeSums)> = None;
        for ((source, dest), sums) in &self.transfer_lead_times {
            if dest == destination && best.is_none_or(|(_, b)| sums.receipts > b.receipts) {
                best = Some((source.as_str(), sums));
            }
        }
        best
    }

    /// The supplier of the SKU's latest purchase order.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// assert_eq!(lamp_book()?.sales_history().last_supplier("BULB"), None);
    /// # Ok(()) }
    /// ```
    pub fn last_supplier(&self, sku: &str) -> Option<&str> {
        self.suppliers.get(sku).map(String::as_str)
    }

    /// Adds units sold on a day, dropping days more than
    /// [`DEMAND_DAYS_KEPT`] before the newest. Infallible (a commit cannot
    /// fail): sums saturate, which no real day's sales reach.
    pub(crate) fn record_sale(
        &mut self,
        sku: &str,
        location: &str,
        date: NaiveDate,
        units: i64,
        cost: Decimal,
    ) {
        // Found without copying the key: the texts are copied only for a
        // pair's first sale.
        let days = match self.demand.get_mut(&(sku, location) as &dyn TextPair) {
            Some(days) => days,
            None => self
                .demand
                .entry((sku.to_owned(), location.to_owned()))
                .or_default(),
        };
        match days.binary_search_by(|d| d.date.cmp(&date)) {
            Ok(i) => {
                let day = &mut days[i];
                day.units = day.units.saturating_add(units);
                day.cost = day.cost.checked_add(cost).unwrap_or(Decimal::MAX);
            }
            Err(i) => days.insert(i, DailySales { date, units, cost }),
        }
        if let Some(newest) = days.last().map(|d| d.date) {
            let keep_from = newest - chrono::Days::new(DEMAND_DAYS_KEPT as u64);
            let stale = days.partition_point(|d| d.date < keep_from);
            if stale > 0 {
                days.drain(..stale);
            }
        }
    }

    pub(crate) fn record_purchase_lead_time(&mut self, supplier: &str, location: &str, days: i64) {
        self.purchase_lead_times
            .entry((supplier.to_owned(), location.to_owned()))
            .or_default()
            .add(days.max(0));
    }

    pub(crate) fn record_transfer_lead_time(&mut self, source: &str, destination: &str, days: i64) {
        self.transfer_lead_times
            .entry((source.to_owned(), destination.to_owned()))
            .or_default()
            .add(days.max(0));
    }

    pub(crate) fn record_supplier(&mut self, sku: &str, supplier: &str) {
        self.suppliers.insert(sku.to_owned(), supplier.to_owned());
    }

    /// Checks a stored history: days in order, once each, units positive.
    pub(crate) fn check(&self) -> std::result::Result<(), String> {
        for ((sku, location), days) in &self.demand {
            if days.windows(2).any(|w| w[0].date >= w[1].date) {
                return Err(format!(
                    "the sales history of {sku} at {location} is not in date order"
                ));
            }
            if days
                .iter()
                .any(|d| d.units <= 0 || d.cost.is_sign_negative())
            {
                return Err(format!(
                    "the sales history of {sku} at {location} has a day without units"
                ));
            }
        }
        Ok(())
    }
}

/// A pair of texts, owned or borrowed, ordered as the tuple `(a, b)`: lets a
/// map keyed by `(String, String)` be searched with two `&str`.
trait TextPair {
    fn texts(&self) -> (&str, &str);
}

impl TextPair for (String, String) {
    fn texts(&self) -> (&str, &str) {
        (&self.0, &self.1)
    }
}

impl TextPair for (&str, &str) {
    fn texts(&self) -> (&str, &str) {
        (self.0, self.1)
    }
}

impl<'a> std::borrow::Borrow<dyn TextPair + 'a> for (String, String) {
    fn borrow(&self) -> &(dyn TextPair + 'a) {
        self
    }
}

impl PartialEq for dyn TextPair + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.texts() == other.texts()
    }
}

impl Eq for dyn TextPair + '_ {}

impl PartialOrd for dyn TextPair + '_ {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for dyn TextPair + '_ {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.texts().cmp(&other.texts())
    }
}
