//! Channel stock reconciliation in the book: a pure query comparing a
//! channel's report with the buckets of one location (see
//! [`crate::sales::ChannelStockReport`] and `docs/planning.md`).
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::sales::ChannelStockReport;
//! let book = sales_book()?;
//! let report = ChannelStockReport::from_json(
//!     r#"{"format":"shopify","channel":"shop-us","location":"SZ","rows":[{"listing":"lamp-black","available":8,"on_hand":9}]}"#)?;
//! let recon = book.reconcile_channel_stock(&report)?;
//! // Shenzhen holds 8 available and 2 committed lamps: on hand is 10.
//! let d = &recon.differences[0];
//! assert_eq!((d.field.as_str(), d.channel_units, d.book_units, d.delta), ("on_hand", 9, 10, -1));
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, BTreeSet};

use crate::book::Book;
use crate::error::{LandedError, Result, invalid};
use crate::inventory::{Bucket, LocId, SkuId};
use crate::sales::{
    ChannelStockDifference, ChannelStockFormat, ChannelStockReconciliation, ChannelStockReport,
    ChannelStockRow, ChannelStockTotal, ChannelStockUnmatched,
};

const ON_HAND: &[Bucket] = &[
    Bucket::Available,
    Bucket::Committed,
    Bucket::Reserved,
    Bucket::QualityControl,
    Bucket::SafetyStock,
    Bucket::Damaged,
];

/// One comparison: its name, the channel fields added up, the book
/// buckets added up.
type Comparison = (&'static str, &'static [&'static str], &'static [Bucket]);

/// The comparisons of a format, in report order (the mapping table of
/// `docs/planning.md`).
fn comparisons(format: ChannelStockFormat) -> &'static [Comparison] {
    match format {
        ChannelStockFormat::Shopify => &[
            ("available", &["available"], &[Bucket::Available]),
            ("committed", &["committed"], &[Bucket::Committed]),
            ("reserved", &["reserved"], &[Bucket::Reserved]),
            ("incoming", &["incoming"], &[Bucket::InTransit]),
            (
                "quality_control",
                &["quality_control"],
                &[Bucket::QualityControl],
            ),
            ("safety_stock", &["safety_stock"], &[Bucket::SafetyStock]),
            ("damaged", &["damaged"], &[Bucket::Damaged]),
            ("on_hand", &["on_hand"], ON_HAND),
        ],
        ChannelStockFormat::Fba => &[
            ("fulfillable", &["fulfillable"], &[Bucket::Available]),
            (
                "inbound_working+inbound_shipped",
                &["inbound_working", "inbound_shipped"],
                &[Bucket::InTransit],
            ),
            (
                "inbound_receiving",
                &["inbound_receiving"],
                &[Bucket::Receiving],
            ),
            (
                "reserved",
                &["reserved"],
                &[Bucket::Committed, Bucket::Reserved],
            ),
            ("unfulfillable", &["unfulfillable"], &[Bucket::Damaged]),
            ("researching", &["researching"], &[Bucket::Researching]),
        ],
    }
}

fn overflow() -> LandedError {
    LandedError::quantity_overflow("a channel stock reconciliation")
}

fn fit(n: i128) -> Result<i64> {
    i64::try_from(n).map_err(|_| overflow())
}

/// A row resolved to a book SKU: its code, the listing it named, its
/// pack.
struct Resolved<'a> {
    sku: String,
    id: SkuId,
    listing: Option<String>,
    pack: i64,
    row: &'a ChannelStockRow,
}

impl Book {
    /// The location a report is of: its own, else its channel's FBA
    /// location (FBA) or only serving location (Shopify).
    fn report_location(&self, report: &ChannelStockReport) -> Result<(String, LocId)> {
        let channel = match &report.channel {
            Some(code) => Some(self.state.sales.channels.get(code).ok_or_else(|| {
                LandedError::UnknownChannel {
                    channel: code.clone(),
                }
            })?),
            None => None,
        };
        let code = match (&report.location, channel, report.format) {
            (Some(code), _, _) => code.clone(),
            (None, Some(c), ChannelStockFormat::Fba) if c.fba_location.is_some() => {
                c.fba_location.clone().unwrap_or_default()
            }
            (None, Some(c), ChannelStockFormat::Shopify) if c.locations.len() == 1 => c
                .locations
                .first()
                .map(|r| r.location.clone())
                .unwrap_or_default(),
            _ => {
                return Err(invalid(
                    "channel stock report: name the location (the channel does not settle it)",
                ));
            }
        };
        let id = self.loc_id(&code)?;
        Ok((code, id))
    }

    /// A bucket of a SKU at a location, over every lot.
    fn held(&self, sku: SkuId, loc: LocId, buckets: &[Bucket]) -> i128 {
        self.state
            .positions
            .entries(sku)
            .iter()
            .filter(|(key, _)| key.location == loc)
            .flat_map(|(_, p)| buckets.iter().map(|b| i128::from(p.get(*b))))
            .sum()
    }

    /// Compares a channel's stock report (a Shopify inventory level or an
    /// Amazon FBA inventory summary per SKU or listing) with the book's
    /// buckets at the report's location, field by field (the mapping of
    /// `docs/planning.md`). Changes nothing. Rows whose SKU or listing the
    /// book does not know, and bundle listings, are listed as unmatched;
    /// a channel or location it does not know is `UNKNOWN_CHANNEL` or
    /// `UNKNOWN_LOCATION`; a report that breaks its own rules or names a
    /// SKU twice is `INVALID_COMMAND`; a sum past 64 bits is
    /// `QUANTITY_OVERFLOW`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::sales::ChannelStockReport;
    /// let book = sales_book()?;
    /// let report = ChannelStockReport::from_json(
    ///     r#"{"format":"fba","location":"FBA-US","rows":[{"sku":"LAMP","fulfillable":4,"researching":1}]}"#)?;
    /// let recon = book.reconcile_channel_stock(&report)?;
    /// let d = &recon.differences[0];
    /// assert_eq!((d.field.as_str(), d.delta), ("researching", 1));
    /// assert_eq!(recon.totals["fulfillable"].delta, 0);
    /// # Ok(()) }
    /// ```
    pub fn reconcile_channel_stock(
        &self,
        report: &ChannelStockReport,
    ) -> Result<ChannelStockReconciliation> {
        report.check()?;
        let (location, loc) = self.report_location(report)?;
        let mut unmatched = Vec::new();
        let mut resolved = Vec::new();
        for row in &report.rows {
            let miss = |reason: &str| ChannelStockUnmatched {
                sku: row.sku.clone(),
                listing: row.listing.clone(),
                reason: reason.to_owned(),
            };
            let (sku, pack) = match (&row.sku, &row.listing, &report.channel) {
                (Some(sku), _, _) => (sku.clone(), 1),
                (None, Some(listing), Some(channel)) => {
                    match self.state.sales.listings.get(channel, listing) {
                        None => {
                            unmatched.push(miss("unknown_listing"));
                            continue;
                        }
                        Some(spec) => match &spec.sku {
                            Some(sku) => (sku.clone(), spec.pack.max(1)),
                            None => {
                                unmatched.push(miss("bundle_listing"));
                                continue;
                            }
                        },
                    }
                }
                // `check` refuses a row with neither, or a listing without
                // a channel.
                _ => continue,
            };
            let Ok(id) = self.sku_id(&sku) else {
                unmatched.push(miss("unknown_sku"));
                continue;
            };
            resolved.push(Resolved {
                sku,
                id,
                listing: row.listing.clone(),
                pack,
                row,
            });
        }
        resolved.sort_by(|a, b| a.sku.cmp(&b.sku));
        let mut seen = BTreeSet::new();
        for r in &resolved {
            if !seen.insert(r.sku.as_str()) {
                return Err(invalid(format!(
                    "channel stock report: SKU {} is reported twice",
                    r.sku
                )));
            }
        }
        let mut differences = Vec::new();
        let mut sums: BTreeMap<&'static str, (i128, i128)> = BTreeMap::new();
        for r in &resolved {
            for (name, fields, buckets) in comparisons(report.format) {
                let sent: Vec<i64> = fields.iter().filter_map(|f| r.row.field(f)).collect();
                if sent.is_empty() {
                    continue;
                }
                let units: i128 = sent.iter().map(|q| i128::from(*q)).sum();
                let channel = fit(units * i128::from(r.pack))?;
                let book = fit(self.held(r.id, loc, buckets))?;
                let delta = fit(i128::from(channel) - i128::from(book))?;
                let sum = sums.entry(name).or_default();
                *sum = (sum.0 + i128::from(channel), sum.1 + i128::from(book));
                if delta != 0 {
                    differences.push(ChannelStockDifference {
                        sku: r.sku.clone(),
                        listing: r.listing.clone(),
                        location: location.clone(),
                        field: (*name).to_owned(),
                        buckets: buckets.iter().map(|b| b.name().to_owned()).collect(),
                        channel_units: channel,
                        book_units: book,
                        delta,
                    });
                }
            }
        }
        let mut totals = BTreeMap::new();
        for (name, (channel, book)) in sums {
            totals.insert(
                name.to_owned(),
                ChannelStockTotal {
                    channel_units: fit(channel)?,
                    book_units: fit(book)?,
                    delta: fit(channel - book)?,
                },
            );
        }
        Ok(ChannelStockReconciliation {
            format: report.format,
            channel: report.channel.clone(),
            location,
            compared: resolved.len() as i64,
            differences,
            unmatched,
            totals,
        })
    }
}
