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

use crate::fast_hash::FastMap;
use crate::short_text::ShortText;

/// Daily sales by (SKU, location) (see [`SalesHistory`]).
type Demand = FastMap<(ShortText, ShortText), Vec<DailySales>>;

/// The key of a pair: codes of up to 22 bytes (nearly all) are copied
/// inline, without allocating.
fn pair(sku: &str, location: &str) -> (ShortText, ShortText) {
    (ShortText::from(sku), ShortText::from(location))
}

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
    /// Daily sales by (SKU, location), oldest day first. Hashed, with the
    /// codes inline in the key: every sale looks its pair up, and in a tree
    /// of tens of thousands of pairs that was a score of comparisons, each
    /// reading a text from elsewhere in memory (a fifth of replaying a book
    /// that sells). Stored in key order all the same.
    #[serde(
        default,
        skip_serializing_if = "FastMap::is_empty",
        with = "demand_pairs"
    )]
    demand: Demand,
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
            .get(&pair(sku, location))
            .map_or(&[], Vec::as_slice)
    }

    /// Every (SKU, location) with remembered sales, in no particular order.
    pub(crate) fn demand_keys(&self) -> impl Iterator<Item = (&str, &str)> {
        self.demand
            .keys()
            .map(|(sku, location)| (sku.as_str(), location.as_str()))
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
        let days = self.demand.entry(pair(sku, location)).or_default();
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
        for (sku, location, days) in demand_pairs::sorted(&self.demand) {
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

/// The demand map stored as `[[sku, location], days]` pairs in key order
/// (the layout of an ordered map of pairs, so stored books read back
/// unchanged); a pair given twice is refused.
mod demand_pairs {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::{DailySales, Demand, pair};

    /// Every pair with its days, in (SKU, location) order.
    pub(super) fn sorted(demand: &Demand) -> Vec<(&str, &str, &[DailySales])> {
        let mut pairs: Vec<_> = demand
            .iter()
            .map(|((sku, location), days)| (sku.as_str(), location.as_str(), days.as_slice()))
            .collect();
        pairs.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        pairs
    }

    pub(super) fn serialize<S: Serializer>(
        demand: &Demand,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            sorted(demand)
                .into_iter()
                .map(|(sku, location, days)| ((sku, location), days)),
        )
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Demand, D::Error> {
        let pairs: Vec<((String, String), Vec<DailySales>)> = Vec::deserialize(deserializer)?;
        let mut demand = Demand::default();
        for ((sku, location), days) in pairs {
            if demand.insert(pair(&sku, &location), days).is_some() {
                return Err(D::Error::custom(format!(
                    "the sales history names {sku} at {location} twice"
                )));
            }
        }
        Ok(demand)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn demand_is_stored_in_key_order_and_read_back() {
        let mut history = SalesHistory::default();
        // Sold in an order unlike the key order; one code too long to be
        // kept inline.
        let long = "A-SKU-CODE-LONGER-THAN-22-BYTES";
        for (sku, location, date, units) in [
            ("LAMP", "SZ", "2026-11-02", 3),
            ("BULB", "SZ", "2026-11-01", 5),
            (long, "DE", "2026-11-03", 1),
            ("LAMP", "DE", "2026-11-01", 2),
            ("LAMP", "SZ", "2026-11-01", 4),
            ("LAMP", "SZ", "2026-11-02", 1),
        ] {
            history.record_sale(sku, location, day(date), units, Decimal::from(units * 7));
        }
        let text = serde_json::to_string(&history).unwrap_or_default();
        assert_eq!(
            text,
            format!(
                r#"{{"demand":[[["{long}","DE"],[["2026-11-03",1,"7"]]],[["BULB","SZ"],[["2026-11-01",5,"35"]]],[["LAMP","DE"],[["2026-11-01",2,"14"]]],[["LAMP","SZ"],[["2026-11-01",4,"28"],["2026-11-02",4,"28"]]]]}}"#
            )
        );
        let read: SalesHistory = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(read, history);
        assert_eq!(read.daily_sales("LAMP", "SZ").len(), 2);
        assert_eq!(read.daily_sales(long, "DE")[0].units, 1);
        assert!(read.daily_sales("LAMP", "XX").is_empty());
        assert!(read.check().is_ok());
    }

    #[test]
    fn a_pair_stored_twice_is_refused() {
        let text = r#"{"demand":[[["LAMP","SZ"],[["2026-11-01",4,"28"]]],[["LAMP","SZ"],[["2026-11-02",1,"7"]]]]}"#;
        let error = serde_json::from_str::<SalesHistory>(text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("names LAMP at SZ twice"), "{error}");
    }
}
