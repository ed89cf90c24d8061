//! Channel stock reconciliation: a channel's own view of its stock (a
//! Shopify inventory level or an Amazon FBA inventory summary per SKU or
//! listing) compared with the book's buckets at one location.
//!
//! Every channel field maps onto one or more of the book's buckets (see
//! `docs/planning.md`): a Shopify level's `available`, `committed`,
//! `reserved`, `quality_control`, `safety_stock` and `damaged` are buckets
//! of the same name, `incoming` is `in_transit` and `on_hand` is the
//! book's on hand; an FBA summary's `fulfillable` is `available`,
//! `inbound_working` and `inbound_shipped` together are `in_transit`,
//! `inbound_receiving` is `receiving`, `reserved` is `committed` and
//! `reserved` together, `unfulfillable` is `damaged` and `researching` is
//! `researching`. A field the channel did not send is not compared.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::sales::ChannelStockReport;
//! let book = sales_book()?;
//! // Amazon counts 3 fulfillable lamps where the book holds 4.
//! let report = ChannelStockReport::from_json(
//!     r#"{"format":"fba","channel":"shop-us","location":"FBA-US","rows":[{"sku":"LAMP","fulfillable":3}]}"#)?;
//! let recon = book.reconcile_channel_stock(&report)?;
//! let d = &recon.differences[0];
//! assert_eq!((d.field.as_str(), d.channel_units, d.book_units, d.delta), ("fulfillable", 3, 4, -1));
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{LandedError, Result};

/// Whose vocabulary a channel stock report speaks.
///
/// ```
/// use landed::sales::ChannelStockFormat;
/// let format: ChannelStockFormat = serde_json::from_str(r#""fba""#).unwrap();
/// assert_eq!(format, ChannelStockFormat::Fba);
/// assert!(serde_json::from_str::<ChannelStockFormat>(r#""ebay""#).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChannelStockFormat {
    /// A Shopify inventory level: `available`, `committed`, `incoming`,
    /// `on_hand`, `damaged`, `quality_control`, `safety_stock`,
    /// `reserved`.
    Shopify,
    /// An Amazon FBA inventory summary: `fulfillable`, `inbound_working`,
    /// `inbound_shipped`, `inbound_receiving`, `reserved`,
    /// `unfulfillable`, `researching`.
    Fba,
}

impl ChannelStockFormat {
    /// The fields a row of this format may carry, in report order.
    ///
    /// ```
    /// use landed::sales::ChannelStockFormat;
    /// assert_eq!(ChannelStockFormat::Fba.fields()[0], "fulfillable");
    /// assert_eq!(ChannelStockFormat::Shopify.fields().len(), 8);
    /// ```
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            ChannelStockFormat::Shopify => &[
                "available",
                "committed",
                "reserved",
                "incoming",
                "quality_control",
                "safety_stock",
                "damaged",
                "on_hand",
            ],
            ChannelStockFormat::Fba => &[
                "fulfillable",
                "inbound_working",
                "inbound_shipped",
                "inbound_receiving",
                "reserved",
                "unfulfillable",
                "researching",
            ],
        }
    }
}

/// One SKU's or listing's quantities as the channel reports them. Exactly
/// one of `sku` and `listing` is given; the quantity fields are those of
/// the report's format, whole units from 0 up, and a field left out is not
/// compared.
///
/// ```
/// use landed::sales::ChannelStockRow;
/// let row: ChannelStockRow = serde_json::from_str(r#"{"listing":"lamp-black","available":5,"on_hand":7}"#).unwrap();
/// assert_eq!((row.available, row.on_hand, row.committed), (Some(5), Some(7), None));
/// assert!(serde_json::from_str::<ChannelStockRow>(r#"{"sku":"LAMP","sellable":5}"#).is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelStockRow {
    /// The book's SKU code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The channel's listing (needs the report's `channel`); its SKU is
    /// compared, its quantities counted in the listing's packs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing: Option<String>,
    /// Shopify: sellable now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<i64>,
    /// Shopify: promised to orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committed: Option<i64>,
    /// Shopify: on its way in. FBA: see `inbound_working`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incoming: Option<i64>,
    /// Shopify: every on-hand state together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_hand: Option<i64>,
    /// Shopify: not sellable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub damaged: Option<i64>,
    /// Shopify: being inspected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_control: Option<i64>,
    /// Shopify: held back from sale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_stock: Option<i64>,
    /// Shopify: set aside. FBA: every reserved unit (customer orders,
    /// transfers between centres, processing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserved: Option<i64>,
    /// FBA: sellable now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfillable: Option<i64>,
    /// FBA: in a shipment the seller is still preparing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbound_working: Option<i64>,
    /// FBA: shipped toward the fulfilment centre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbound_shipped: Option<i64>,
    /// FBA: arrived, being checked in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbound_receiving: Option<i64>,
    /// FBA: not sellable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unfulfillable: Option<i64>,
    /// FBA: missing, under investigation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub researching: Option<i64>,
}

impl ChannelStockRow {
    /// The value of a quantity field by name (`None`: not sent, or no
    /// such field).
    ///
    /// ```
    /// use landed::sales::ChannelStockRow;
    /// let row = ChannelStockRow { fulfillable: Some(4), ..Default::default() };
    /// assert_eq!((row.field("fulfillable"), row.field("researching")), (Some(4), None));
    /// ```
    pub fn field(&self, name: &str) -> Option<i64> {
        match name {
            "available" => self.available,
            "committed" => self.committed,
            "incoming" => self.incoming,
            "on_hand" => self.on_hand,
            "damaged" => self.damaged,
            "quality_control" => self.quality_control,
            "safety_stock" => self.safety_stock,
            "reserved" => self.reserved,
            "fulfillable" => self.fulfillable,
            "inbound_working" => self.inbound_working,
            "inbound_shipped" => self.inbound_shipped,
            "inbound_receiving" => self.inbound_receiving,
            "unfulfillable" => self.unfulfillable,
            "researching" => self.researching,
            _ => None,
        }
    }

    /// Every quantity field the row carries, by name.
    fn present(&self) -> impl Iterator<Item = (&'static str, i64)> + '_ {
        ALL_FIELDS
            .iter()
            .filter_map(|name| self.field(name).map(|q| (*name, q)))
    }
}

const ALL_FIELDS: [&str; 14] = [
    "available",
    "committed",
    "incoming",
    "on_hand",
    "damaged",
    "quality_control",
    "safety_stock",
    "reserved",
    "fulfillable",
    "inbound_working",
    "inbound_shipped",
    "inbound_receiving",
    "unfulfillable",
    "researching",
];

/// A channel's stock as it reports it, for one book location
/// ([`crate::Book::reconcile_channel_stock`]).
///
/// ```
/// use landed::sales::{ChannelStockFormat, ChannelStockReport};
/// let report = ChannelStockReport::from_json(r#"{"format":"shopify","location":"LA","rows":[{"sku":"LAMP","available":2}]}"#).unwrap();
/// assert_eq!((report.format, report.channel.as_deref()), (ChannelStockFormat::Shopify, None));
/// // A field of the other format is refused, by name.
/// let err = ChannelStockReport::from_json(r#"{"format":"shopify","location":"LA","rows":[{"sku":"LAMP","fulfillable":2}]}"#).unwrap_err();
/// assert_eq!(err.code(), "INVALID_COMMAND");
/// assert!(err.to_string().contains("fulfillable"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelStockReport {
    /// The report's vocabulary.
    pub format: ChannelStockFormat,
    /// The channel that sent it: needed for rows by listing, and gives
    /// the location when `location` is left out (its FBA location for an
    /// FBA summary, its only serving location otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The book location whose buckets are compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// One row per SKU or listing.
    pub rows: Vec<ChannelStockRow>,
}

impl ChannelStockReport {
    /// Reads a report strictly: unknown keys, a field of the other
    /// format, a negative or too large quantity, or a row without exactly
    /// one of `sku` and `listing` are `INVALID_COMMAND`, naming the field.
    ///
    /// ```
    /// use landed::sales::ChannelStockReport;
    /// let err = ChannelStockReport::from_json(r#"{"format":"fba","location":"FBA-US","rows":[{"sku":"LAMP","fulfillable":-1}]}"#).unwrap_err();
    /// assert!(err.to_string().contains("fulfillable"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let report: Self = crate::json::decode_input(text, |reason| LandedError::InvalidCommand {
            reason: format!("channel stock report: {reason}"),
        })?;
        report.check()?;
        Ok(report)
    }

    /// The report's own rules (see [`ChannelStockReport::from_json`]),
    /// also applied by the query to a report built in code.
    ///
    /// ```
    /// use landed::sales::{ChannelStockFormat, ChannelStockReport, ChannelStockRow};
    /// let row = ChannelStockRow { sku: Some("LAMP".into()), listing: Some("lamp".into()), ..Default::default() };
    /// let report = ChannelStockReport { format: ChannelStockFormat::Fba, channel: None, location: None, rows: vec![row] };
    /// assert_eq!(report.check().unwrap_err().code(), "INVALID_COMMAND");
    /// ```
    pub fn check(&self) -> Result<()> {
        let allowed = self.format.fields();
        let format = match self.format {
            ChannelStockFormat::Shopify => "shopify",
            ChannelStockFormat::Fba => "fba",
        };
        for (n, row) in self.rows.iter().enumerate() {
            let at = |what: String| {
                crate::error::invalid(format!("channel stock report: rows[{n}]: {what}"))
            };
            if row.sku.is_some() == row.listing.is_some() {
                return Err(at("give exactly one of sku and listing".into()));
            }
            if row.listing.is_some() && self.channel.is_none() {
                return Err(at("a row by listing needs the report's channel".into()));
            }
            for (name, quantity) in row.present() {
                if !allowed.contains(&name) {
                    return Err(at(format!("field {name} is not part of a {format} report")));
                }
                if !(0..=crate::limits::MAX_QUANTITY).contains(&quantity) {
                    return Err(at(format!(
                        "field {name} must be between 0 and {}",
                        crate::limits::MAX_QUANTITY
                    )));
                }
            }
        }
        Ok(())
    }
}

/// One field on which the channel and the book disagree.
///
/// ```
/// use landed::sales::ChannelStockDifference;
/// let d: ChannelStockDifference = serde_json::from_str(
///     r#"{"sku":"LAMP","location":"LA","field":"available","buckets":["available"],"channel_units":5,"book_units":3,"delta":2}"#).unwrap();
/// assert_eq!(d.delta, d.channel_units - d.book_units);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelStockDifference {
    /// The SKU.
    pub sku: String,
    /// The listing the row named, when it named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing: Option<String>,
    /// The book location.
    pub location: String,
    /// The channel's field (`inbound_working+inbound_shipped` for the two
    /// FBA inbound fields compared together).
    pub field: String,
    /// The book buckets it is compared with, added up.
    pub buckets: Vec<String>,
    /// The channel's figure, in SKU units.
    pub channel_units: i64,
    /// The book's figure: the buckets over every lot at the location.
    pub book_units: i64,
    /// The difference `channel_units − book_units`: what the book would
    /// have to add to agree.
    pub delta: i64,
}

/// A row the book could not compare.
///
/// ```
/// use landed::sales::ChannelStockUnmatched;
/// let row: ChannelStockUnmatched = serde_json::from_str(r#"{"sku":"MUG","reason":"unknown_sku"}"#).unwrap();
/// assert_eq!(row.reason, "unknown_sku");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelStockUnmatched {
    /// The SKU as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The listing as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing: Option<String>,
    /// `unknown_sku`, `unknown_listing` or `bundle_listing` (a bundle
    /// holds no stock of its own).
    pub reason: String,
}

/// Per field, the channel's and the book's figures over every compared
/// row, and their difference.
///
/// ```
/// use landed::sales::ChannelStockTotal;
/// let t = ChannelStockTotal { channel_units: 7, book_units: 9, delta: -2 };
/// assert_eq!(t.channel_units - t.book_units, t.delta);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelStockTotal {
    /// The channel's figures added up.
    pub channel_units: i64,
    /// The book's figures added up.
    pub book_units: i64,
    /// `channel_units − book_units`.
    pub delta: i64,
}

/// The differences between a channel's stock and the book's
/// ([`crate::Book::reconcile_channel_stock`]).
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::sales::ChannelStockReport;
/// let report = ChannelStockReport::from_json(
///     r#"{"format":"shopify","location":"LA","rows":[{"sku":"LAMP","committed":3},{"sku":"MUG","available":1}]}"#)?;
/// let recon = sales_book()?.reconcile_channel_stock(&report)?;
/// assert!(recon.differences.is_empty()); // the 3 lamps of order 1001 are committed at LA
/// assert_eq!((recon.compared, recon.unmatched[0].reason.as_str()), (1, "unknown_sku"));
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelStockReconciliation {
    /// The report's format.
    pub format: ChannelStockFormat,
    /// The channel, when the report named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The book location compared.
    pub location: String,
    /// Rows compared.
    pub compared: i64,
    /// Every field that differs, by SKU, then listing, then the format's
    /// field order.
    pub differences: Vec<ChannelStockDifference>,
    /// Rows the book could not compare, in the report's order.
    pub unmatched: Vec<ChannelStockUnmatched>,
    /// Per field compared (matching rows included), by field name.
    pub totals: BTreeMap<String, ChannelStockTotal>,
}
