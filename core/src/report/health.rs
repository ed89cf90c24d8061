//! Inventory health: read-only queries over a book's stock that need no
//! demand history. Stock by location and bucket (with the value carried
//! there), inventory aging by receipt date in the buckets Amazon FBA uses
//! (0–90, 91–180, 181–270, 271–365 and over 365 days), and alerts: lots
//! near or past their expiry, aged stock, transfers late against their ETA.
//! The queries are in `book/health.rs`; this module holds their inputs and
//! answers.
//!
//! The core has no clock: aging and alerts are counted to the `as_of` date
//! the caller gives. Age in days is `as_of − receipt date` (the UTC date of
//! the receipt), so a unit received on `as_of` is 0 days old and one
//! received 90 days before is still in 0–90.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::report::{InventoryAgingQuery, StockByLocationQuery};
//! let book = lamp_book_with(r#"{"functional_currency":"CNY","valuation_method":"fifo"}"#)?;
//! let stock = book.stock_by_location(&StockByLocationQuery::default())?;
//! assert_eq!((stock.on_hand, stock.value.to_string()), (140, "3073.50 CNY".to_string()));
//! let aging = book.inventory_aging(&InventoryAgingQuery::from_json(r#"{"as_of":"2027-02-05"}"#)?)?;
//! // Received on 2 November (95 days before) and on 12 November (85 days).
//! assert_eq!((aging.totals.buckets.days_91_180.units, aging.totals.buckets.days_0_90.units), (90, 50));
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{LandedError, Result, invalid};
use crate::inventory::ValuationMethod;
use crate::money::{Currency, Money};
use crate::report::BucketQuantities;

/// The largest number of days a query accepts (about a hundred years).
///
/// ```
/// use landed::report::{InventoryAlertsQuery, MAX_QUERY_DAYS};
/// let json = format!(r#"{{"as_of":"2026-12-01","aged_over_days":{}}}"#, MAX_QUERY_DAYS + 1);
/// assert!(InventoryAlertsQuery::from_json(&json).is_err());
/// ```
pub const MAX_QUERY_DAYS: i64 = 36_500;

/// Default of [`InventoryAlertsQuery::expiry_within_days`].
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::report::{DEFAULT_EXPIRY_WITHIN_DAYS, InventoryAlertsQuery};
/// let query = InventoryAlertsQuery::from_json(r#"{"as_of":"2026-12-01"}"#)?;
/// assert_eq!(query.expiry_within(), DEFAULT_EXPIRY_WITHIN_DAYS);
/// # Ok(()) }
/// ```
pub const DEFAULT_EXPIRY_WITHIN_DAYS: i64 = 90;

/// Default of [`InventoryAlertsQuery::aged_over_days`]: over a year, the
/// oldest of Amazon FBA's aging buckets.
///
/// ```
/// # fn main() -> landed::Result<()> {
/// use landed::report::{DEFAULT_AGED_OVER_DAYS, InventoryAlertsQuery};
/// let query = InventoryAlertsQuery::from_json(r#"{"as_of":"2026-12-01"}"#)?;
/// assert_eq!(query.aged_over(), DEFAULT_AGED_OVER_DAYS);
/// # Ok(()) }
/// ```
pub const DEFAULT_AGED_OVER_DAYS: i64 = 365;

/// Reads a query strictly: unknown keys, a missing or malformed field are
/// `INVALID_COMMAND` starting with `what`.
fn read_query<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    crate::json::decode_input(text, |reason| LandedError::InvalidCommand {
        reason: format!("{what}: {reason}"),
    })
}

/// A field's value, its error naming the field (serde's own says only
/// what it expected).
fn named<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    field: &str,
    deserializer: D,
) -> std::result::Result<T, D::Error> {
    T::deserialize(deserializer).map_err(|e| serde::de::Error::custom(format!("{field}: {e}")))
}

/// `as_of`, a `YYYY-MM-DD` date.
fn as_of_field<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<NaiveDate, D::Error> {
    let text: String = named("as_of", d)?;
    crate::parse_date(&text).map_err(|e| serde::de::Error::custom(format!("as_of: {e}")))
}

fn sku_field<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    named("sku", d)
}

fn location_field<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    named("location", d)
}

fn expiry_days_field<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<i64>, D::Error> {
    named("expiry_within_days", d)
}

fn aged_days_field<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<i64>, D::Error> {
    named("aged_over_days", d)
}

/// A number of days between 0 and [`MAX_QUERY_DAYS`], or the error naming
/// its field.
fn check_days(what: &str, field: &str, days: Option<i64>) -> Result<()> {
    match days {
        Some(d) if !(0..=MAX_QUERY_DAYS).contains(&d) => Err(invalid(format!(
            "{what}: {field} must be between 0 and {MAX_QUERY_DAYS} (got {d})"
        ))),
        _ => Ok(()),
    }
}

/// What [`crate::Book::stock_by_location`] covers: every SKU and location,
/// or one SKU, one location, or both.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::StockByLocationQuery;
let query = StockByLocationQuery::from_json(r#"{"location":"DE"}"#).unwrap();
assert_eq!((query.sku, query.location.as_deref()), (None, Some("DE")));
let err = StockByLocationQuery::from_json(r#"{"warehouse":"DE"}"#).unwrap_err();
assert_eq!(err.code(), "INVALID_COMMAND");
assert!(err.to_string().contains("warehouse"));
```
"##
)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockByLocationQuery {
    /// Only this SKU.
    #[serde(
        default,
        deserialize_with = "sku_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub sku: Option<String>,
    /// Only this location.
    #[serde(
        default,
        deserialize_with = "location_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub location: Option<String>,
}

impl StockByLocationQuery {
    /// Reads a query strictly: an unknown key is `INVALID_COMMAND` naming
    /// it.
    ///
    /// ```
    /// use landed::report::StockByLocationQuery;
    /// assert_eq!(StockByLocationQuery::from_json("{}").unwrap(), StockByLocationQuery::default());
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        read_query("stock by location query", text)
    }
}

/// One SKU at one location: its units per bucket over every lot, and the
/// value they carry there.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let stock = book.stock_by_location(&landed::report::StockByLocationQuery::default())?;
let de = &stock.lines[0]; // DE sorts before SZ
assert_eq!((de.location.as_str(), de.quantities.available, de.quantities.damaged), ("DE", 29, 1));
assert_eq!((de.on_hand, de.value.to_string()), (30, "1072.50 CNY".to_string()));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocationStockLine {
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// The location's valuation scope.
    pub scope: String,
    /// Units per bucket, every lot together.
    pub quantities: BucketQuantities,
    /// Units on hand (available, committed, reserved, quality control,
    /// safety stock, damaged).
    pub on_hand: i64,
    /// The value of the units that carry value here (every bucket but on
    /// order and in transit), in the functional currency: the location's
    /// line of `Book::valuation`. A scope shared by several locations has
    /// one cost, and its value is split over them by units.
    pub value: Money,
}

/// Every SKU at one location added up.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let stock = book.stock_by_location(&landed::report::StockByLocationQuery::default())?;
let sz = &stock.locations[1];
assert_eq!((sz.location.as_str(), sz.on_hand, sz.value.to_string()), ("SZ", 110, "2001.00 CNY".to_string()));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocationStockTotal {
    /// The location.
    pub location: String,
    /// Units per bucket, every SKU together.
    pub quantities: BucketQuantities,
    /// Units on hand.
    pub on_hand: i64,
    /// Value carried at the location.
    pub value: Money,
}

/// Stock by SKU, location and bucket ([`crate::Book::stock_by_location`]).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::report::StockByLocationQuery;
let book = lamp_book()?;
let query = StockByLocationQuery { sku: Some("LAMP".into()), location: Some("SZ".into()) };
let stock = book.stock_by_location(&query)?;
assert_eq!(stock.lines.len(), 1);
assert_eq!((stock.totals.available, stock.on_hand, stock.value.to_string()), (110, 110, "2001.00 CNY".to_string()));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockByLocation {
    /// Each (SKU, location) with a bucket that is not zero, by SKU code,
    /// then location code.
    pub lines: Vec<LocationStockLine>,
    /// Per location of those lines, by location code.
    pub locations: Vec<LocationStockTotal>,
    /// Units per bucket over every line.
    pub totals: BucketQuantities,
    /// Units on hand over every line.
    pub on_hand: i64,
    /// Value over every line.
    pub value: Money,
}

/// What [`crate::Book::inventory_aging`] covers: the date ages are counted
/// to, and optionally one SKU.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::InventoryAgingQuery;
let query = InventoryAgingQuery::from_json(r#"{"as_of":"2026-12-01","sku":"LAMP"}"#).unwrap();
assert_eq!(query.as_of.to_string(), "2026-12-01");
let err = InventoryAgingQuery::from_json(r#"{"as_of":"2026-13-01"}"#).unwrap_err();
assert_eq!(err.code(), "INVALID_COMMAND");
assert!(err.to_string().contains("as_of"));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InventoryAgingQuery {
    /// The date ages are counted to (`YYYY-MM-DD`).
    #[serde(deserialize_with = "as_of_field")]
    pub as_of: NaiveDate,
    /// Only this SKU.
    #[serde(
        default,
        deserialize_with = "sku_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub sku: Option<String>,
}

impl InventoryAgingQuery {
    /// Every SKU, aged to `as_of`.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::InventoryAgingQuery;
    /// let query = InventoryAgingQuery::new(landed::parse_date("2026-12-01")?);
    /// assert_eq!(query.sku, None);
    /// # Ok(()) }
    /// ```
    pub fn new(as_of: NaiveDate) -> Self {
        Self { as_of, sku: None }
    }

    /// Reads a query strictly: an unknown key, a missing or malformed
    /// `as_of` is `INVALID_COMMAND` naming the field.
    ///
    /// ```
    /// use landed::report::InventoryAgingQuery;
    /// let err = InventoryAgingQuery::from_json(r#"{"as_of":"2026-12-01","days":30}"#).unwrap_err();
    /// assert!(err.to_string().contains("days"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        read_query("inventory aging query", text)
    }
}

/// Units and their value.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::AgingAmount;
let a: AgingAmount = serde_json::from_str(r#"{"units":5,"value":{"amount":"15.00","currency":"USD"}}"#).unwrap();
assert_eq!((a.units, a.value.to_string()), (5, "15.00 USD".to_string()));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgingAmount {
    /// Units.
    pub units: i64,
    /// Their value in the functional currency.
    pub value: Money,
}

impl AgingAmount {
    /// No units, no value.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::AgingAmount;
    /// let zero = AgingAmount::zero(landed::Currency::from_code("USD")?);
    /// assert_eq!((zero.units, zero.value.to_string()), (0, "0.00 USD".to_string()));
    /// # Ok(()) }
    /// ```
    pub fn zero(currency: Currency) -> Self {
        Self {
            units: 0,
            value: Money::zero(currency),
        }
    }

    /// `self + other`; `QUANTITY_OVERFLOW` or `DECIMAL_OVERFLOW` past the
    /// limits.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::Money;
    /// use landed::report::AgingAmount;
    /// let a = AgingAmount { units: 2, value: Money::parse("4.00", "USD")? };
    /// let b = a.checked_add(&a)?;
    /// assert_eq!((b.units, b.value.to_string()), (4, "8.00 USD".to_string()));
    /// # Ok(()) }
    /// ```
    pub fn checked_add(&self, other: &Self) -> Result<Self> {
        Ok(Self {
            units: self
                .units
                .checked_add(other.units)
                .ok_or_else(|| LandedError::quantity_overflow("inventory aging"))?,
            value: self.value.checked_add(&other.value)?,
        })
    }
}

/// Units and value by age, in Amazon FBA's buckets, and those the book
/// cannot date.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
// Under moving average without lots, the book keeps no receipt dates.
let book = lamp_book()?;
let aging = book.inventory_aging(&landed::report::InventoryAgingQuery::new(landed::parse_date("2026-12-01")?))?;
let b = &aging.totals.buckets;
assert_eq!((b.undated.units, b.days_0_90.units), (140, 0));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgingBuckets {
    /// 0 to 90 days old, both included (and receipts dated after `as_of`).
    pub days_0_90: AgingAmount,
    /// 91 to 180 days.
    pub days_91_180: AgingAmount,
    /// 181 to 270 days.
    pub days_181_270: AgingAmount,
    /// 271 to 365 days.
    pub days_271_365: AgingAmount,
    /// More than 365 days.
    pub days_over_365: AgingAmount,
    /// Units whose receipt date the book does not know (moving average
    /// without a dated lot); no age is assumed for them.
    pub undated: AgingAmount,
}

impl AgingBuckets {
    /// Every bucket empty.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::AgingBuckets;
    /// let b = AgingBuckets::zero(landed::Currency::from_code("EUR")?);
    /// assert_eq!(b.days_over_365.units, 0);
    /// # Ok(()) }
    /// ```
    pub fn zero(currency: Currency) -> Self {
        let z = AgingAmount::zero(currency);
        Self {
            days_0_90: z.clone(),
            days_91_180: z.clone(),
            days_181_270: z.clone(),
            days_271_365: z.clone(),
            days_over_365: z.clone(),
            undated: z,
        }
    }

    /// The bucket of an age in days (`None`: undated). Day 90 is in 0–90,
    /// day 91 in 91–180; a negative age (received after `as_of`) in 0–90.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::AgingBuckets;
    /// let mut b = AgingBuckets::zero(landed::Currency::from_code("EUR")?);
    /// b.bucket_mut(Some(90)).units = 1;
    /// b.bucket_mut(Some(91)).units = 2;
    /// b.bucket_mut(None).units = 3;
    /// assert_eq!((b.days_0_90.units, b.days_91_180.units, b.undated.units), (1, 2, 3));
    /// # Ok(()) }
    /// ```
    pub fn bucket_mut(&mut self, age_days: Option<i64>) -> &mut AgingAmount {
        match age_days {
            None => &mut self.undated,
            Some(d) if d <= 90 => &mut self.days_0_90,
            Some(d) if d <= 180 => &mut self.days_91_180,
            Some(d) if d <= 270 => &mut self.days_181_270,
            Some(d) if d <= 365 => &mut self.days_271_365,
            Some(_) => &mut self.days_over_365,
        }
    }

    /// The buckets in report order, undated last.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::AgingBuckets;
    /// assert_eq!(AgingBuckets::zero(landed::Currency::from_code("EUR")?).all().len(), 6);
    /// # Ok(()) }
    /// ```
    pub fn all(&self) -> [&AgingAmount; 6] {
        [
            &self.days_0_90,
            &self.days_91_180,
            &self.days_181_270,
            &self.days_271_365,
            &self.days_over_365,
            &self.undated,
        ]
    }

    /// Bucket by bucket `self + other`, checked.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::AgingBuckets;
    /// let mut b = AgingBuckets::zero(landed::Currency::from_code("EUR")?);
    /// b.undated.units = 3;
    /// assert_eq!(b.checked_add(&b)?.undated.units, 6);
    /// # Ok(()) }
    /// ```
    pub fn checked_add(&self, other: &Self) -> Result<Self> {
        Ok(Self {
            days_0_90: self.days_0_90.checked_add(&other.days_0_90)?,
            days_91_180: self.days_91_180.checked_add(&other.days_91_180)?,
            days_181_270: self.days_181_270.checked_add(&other.days_181_270)?,
            days_271_365: self.days_271_365.checked_add(&other.days_271_365)?,
            days_over_365: self.days_over_365.checked_add(&other.days_over_365)?,
            undated: self.undated.checked_add(&other.undated)?,
        })
    }
}

/// The aging of one valuation pool: a SKU in one valuation scope.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book_with(r#"{"functional_currency":"CNY","valuation_method":"fifo"}"#)?;
let aging = book.inventory_aging(&landed::report::InventoryAgingQuery::new(landed::parse_date("2027-02-05")?))?;
let sz = &aging.lines[1];
assert_eq!((sz.scope.as_str(), &sz.locations[..]), ("SZ", &["SZ".to_string()][..]));
// 60 lamps of 2 November at 17.75, 50 of 12 November at 18.72.
assert_eq!(sz.buckets.days_91_180.value.to_string(), "1065.00 CNY");
assert_eq!(sz.buckets.days_0_90.value.to_string(), "936.00 CNY");
assert_eq!((sz.units, sz.value.to_string()), (110, "2001.00 CNY".to_string()));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgingLine {
    /// The SKU.
    pub sku: String,
    /// The valuation scope: one pool of cost, and of FIFO layers, for
    /// every location in it (by default each location is its own scope,
    /// named after it).
    pub scope: String,
    /// The scope's locations holding units of the SKU that carry value, by
    /// code.
    pub locations: Vec<String>,
    /// How the pool is valued: FIFO dates units by their layers, moving
    /// average by their lots.
    pub method: ValuationMethod,
    /// Units and value by age.
    pub buckets: AgingBuckets,
    /// Units issued beyond stock (negative stock) and their provisional
    /// value, waiting for a receipt: they have no age.
    pub negative_stock: AgingAmount,
    /// Units of the pool: the buckets less `negative_stock`.
    pub units: i64,
    /// Book value of the pool: the buckets' value less `negative_stock`'s.
    pub value: Money,
}

/// Several pools added up.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let aging = book.inventory_aging(&landed::report::InventoryAgingQuery::new(landed::parse_date("2026-12-01")?))?;
assert_eq!(aging.totals.value, book.inventory_value());
assert_eq!(aging.by_scope["DE"].units, 30);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgingTotal {
    /// Units and value by age.
    pub buckets: AgingBuckets,
    /// Negative stock.
    pub negative_stock: AgingAmount,
    /// Units: the buckets less negative stock.
    pub units: i64,
    /// Value: the buckets' less negative stock's.
    pub value: Money,
}

impl AgingTotal {
    /// Nothing.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::AgingTotal;
    /// assert_eq!(AgingTotal::zero(landed::Currency::from_code("USD")?).units, 0);
    /// # Ok(()) }
    /// ```
    pub fn zero(currency: Currency) -> Self {
        Self {
            buckets: AgingBuckets::zero(currency),
            negative_stock: AgingAmount::zero(currency),
            units: 0,
            value: Money::zero(currency),
        }
    }

    /// Adds a pool's line, checked.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::{AgingTotal, InventoryAgingQuery};
    /// let book = lamp_book()?;
    /// let aging = book.inventory_aging(&InventoryAgingQuery::new(landed::parse_date("2026-12-01")?))?;
    /// let mut total = AgingTotal::zero(book.config().functional_currency);
    /// for line in &aging.lines { total.add(line)?; }
    /// assert_eq!(total, aging.totals);
    /// # Ok(()) }
    /// ```
    pub fn add(&mut self, line: &AgingLine) -> Result<()> {
        self.buckets = self.buckets.checked_add(&line.buckets)?;
        self.negative_stock = self.negative_stock.checked_add(&line.negative_stock)?;
        self.units = self
            .units
            .checked_add(line.units)
            .ok_or_else(|| LandedError::quantity_overflow("inventory aging"))?;
        self.value = self.value.checked_add(&line.value)?;
        Ok(())
    }
}

/// Inventory aging by receipt date ([`crate::Book::inventory_aging`]).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book_with(r#"{"functional_currency":"CNY","valuation_method":"fifo"}"#)?;
let aging = book.inventory_aging(&landed::report::InventoryAgingQuery::new(landed::parse_date("2027-02-05")?))?;
let b = &aging.totals.buckets;
assert_eq!((b.days_0_90.units, b.days_91_180.units, b.undated.units), (50, 90, 0));
assert_eq!(aging.totals.value.to_string(), "3073.50 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InventoryAging {
    /// The date ages are counted to.
    pub as_of: NaiveDate,
    /// One line per pool holding units or value, by SKU code, then scope.
    pub lines: Vec<AgingLine>,
    /// Per valuation scope, by name.
    pub by_scope: BTreeMap<String, AgingTotal>,
    /// Every line: its value is the book's inventory value.
    pub totals: AgingTotal,
}

/// What [`crate::Book::inventory_alerts`] looks for, as of a date.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::InventoryAlertsQuery;
let query = InventoryAlertsQuery::from_json(r#"{"as_of":"2026-12-01","expiry_within_days":30}"#).unwrap();
assert_eq!((query.expiry_within(), query.aged_over()), (30, 365));
let err = InventoryAlertsQuery::from_json(r#"{"as_of":"2026-12-01","aged_over_days":-1}"#).unwrap_err();
assert_eq!(err.code(), "INVALID_COMMAND");
assert!(err.to_string().contains("aged_over_days"));
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InventoryAlertsQuery {
    /// The date of the alerts (`YYYY-MM-DD`).
    #[serde(deserialize_with = "as_of_field")]
    pub as_of: NaiveDate,
    /// Flag lots expiring within this many days of `as_of` (0 to 36,500;
    /// default 90).
    #[serde(
        default,
        deserialize_with = "expiry_days_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_within_days: Option<i64>,
    /// Flag units received more than this many days before `as_of` (0 to
    /// 36,500; default 365; 270 flags Amazon's long-term storage risk,
    /// the 271–365 and over-365 buckets together).
    #[serde(
        default,
        deserialize_with = "aged_days_field",
        skip_serializing_if = "Option::is_none"
    )]
    pub aged_over_days: Option<i64>,
}

impl InventoryAlertsQuery {
    /// Alerts as of `as_of` with the default windows.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::InventoryAlertsQuery;
    /// let query = InventoryAlertsQuery::new(landed::parse_date("2026-12-01")?);
    /// assert_eq!((query.expiry_within(), query.aged_over()), (90, 365));
    /// # Ok(()) }
    /// ```
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            expiry_within_days: None,
            aged_over_days: None,
        }
    }

    /// Reads a query strictly: an unknown key, a malformed `as_of`, or a
    /// number of days outside 0 to 36,500 is `INVALID_COMMAND` naming the
    /// field.
    ///
    /// ```
    /// use landed::report::InventoryAlertsQuery;
    /// let err = InventoryAlertsQuery::from_json(r#"{"as_of":"2026-12-01","expiry_within_days":-5}"#).unwrap_err();
    /// assert!(err.to_string().contains("expiry_within_days"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let query: Self = read_query("inventory alerts query", text)?;
        query.check()?;
        Ok(query)
    }

    /// The query's own rules (see [`InventoryAlertsQuery::from_json`]),
    /// also applied by the query to one built in code.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::InventoryAlertsQuery;
    /// let mut query = InventoryAlertsQuery::new(landed::parse_date("2026-12-01")?);
    /// query.aged_over_days = Some(40_000);
    /// assert_eq!(query.check().unwrap_err().code(), "INVALID_COMMAND");
    /// # Ok(()) }
    /// ```
    pub fn check(&self) -> Result<()> {
        let what = "inventory alerts query";
        check_days(what, "expiry_within_days", self.expiry_within_days)?;
        check_days(what, "aged_over_days", self.aged_over_days)
    }

    /// The expiry window in days, default applied.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::InventoryAlertsQuery;
    /// assert_eq!(InventoryAlertsQuery::new(landed::parse_date("2026-12-01")?).expiry_within(), 90);
    /// # Ok(()) }
    /// ```
    pub fn expiry_within(&self) -> i64 {
        self.expiry_within_days
            .unwrap_or(DEFAULT_EXPIRY_WITHIN_DAYS)
    }

    /// The age threshold in days, default applied.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::report::InventoryAlertsQuery;
    /// assert_eq!(InventoryAlertsQuery::new(landed::parse_date("2026-12-01")?).aged_over(), 365);
    /// # Ok(()) }
    /// ```
    pub fn aged_over(&self) -> i64 {
        self.aged_over_days.unwrap_or(DEFAULT_AGED_OVER_DAYS)
    }
}

/// What an alert is about; alerts are sorted in this order first.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::report::InventoryAlertKind;
let kind: InventoryAlertKind = serde_json::from_str(r#""transfer_late""#).unwrap();
assert_eq!(kind, InventoryAlertKind::TransferLate);
assert!(InventoryAlertKind::LotExpired < InventoryAlertKind::LotNearExpiry);
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InventoryAlertKind {
    /// Units on hand of a lot whose expiry is before `as_of`.
    LotExpired,
    /// Units on hand of a lot expiring on `as_of` or within the window.
    LotNearExpiry,
    /// Units of a pool received more than `aged_over_days` before `as_of`.
    AgedStock,
    /// Units of a transfer still in transit after its ETA.
    TransferLate,
}

/// One alert. `kind` says which fields it carries: lot alerts `sku`,
/// `location`, `lot`, `expiry`, `days_to_expiry`, `units`; aged stock
/// `sku`, `scope`, `locations`, `received_on` (the oldest receipt),
/// `age_days`, `units`, `value`; a late transfer `transfer`, `sku`,
/// `from`, `location` (its destination), `eta`, `days_late`, `units`,
/// `value`.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::report::{InventoryAlertKind, InventoryAlertsQuery};
let book = lamp_book_until("T-1/receive")?;
let alerts = book.inventory_alerts(&InventoryAlertsQuery::new(landed::parse_date("2026-11-30")?))?;
let late = &alerts.alerts[0];
assert_eq!((late.kind, late.transfer.as_deref(), late.days_late), (InventoryAlertKind::TransferLate, Some("T-1"), Some(5)));
assert_eq!((late.units, late.value.as_ref().map(|v| v.to_string())), (40, Some("710.00 CNY".to_string())));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InventoryAlert {
    /// `lot_expired`, `lot_near_expiry`, `aged_stock` or `transfer_late`.
    pub kind: InventoryAlertKind,
    /// The SKU.
    pub sku: String,
    /// The location (a lot's; a transfer's destination).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The valuation scope (aged stock).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The scope's locations holding units (aged stock).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<String>,
    /// The lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// The lot's expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<NaiveDate>,
    /// `expiry − as_of` in days: negative once expired, 0 on the day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_to_expiry: Option<i64>,
    /// The oldest receipt among the aged units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
    /// Its age in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_days: Option<i64>,
    /// The transfer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<String>,
    /// The transfer's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The transfer's estimated arrival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta: Option<NaiveDate>,
    /// `as_of − eta` in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_late: Option<i64>,
    /// Units concerned (lots: on hand at the location).
    pub units: i64,
    /// Their value in the functional currency (aged stock, transfers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
}

impl InventoryAlert {
    /// An alert of `kind` about `units` of `sku`, every other field empty.
    ///
    /// ```
    /// use landed::report::{InventoryAlert, InventoryAlertKind};
    /// let alert = InventoryAlert::new(InventoryAlertKind::LotExpired, "SERUM", 4);
    /// assert_eq!((alert.lot, alert.units), (None, 4));
    /// ```
    pub fn new(kind: InventoryAlertKind, sku: &str, units: i64) -> Self {
        Self {
            kind,
            sku: sku.to_owned(),
            location: None,
            scope: None,
            locations: Vec::new(),
            lot: None,
            expiry: None,
            days_to_expiry: None,
            received_on: None,
            age_days: None,
            transfer: None,
            from: None,
            eta: None,
            days_late: None,
            units,
            value: None,
        }
    }
}

/// Alerts as of a date ([`crate::Book::inventory_alerts`]).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let alerts = book.inventory_alerts(&landed::report::InventoryAlertsQuery::new(landed::parse_date("2026-12-01")?))?;
// T-1 has arrived, the lamps have no lots and no receipt dates.
assert!(alerts.alerts.is_empty());
assert_eq!((alerts.expiry_within_days, alerts.aged_over_days), (90, 365));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InventoryAlerts {
    /// The date of the alerts.
    pub as_of: NaiveDate,
    /// The expiry window used.
    pub expiry_within_days: i64,
    /// The age threshold used.
    pub aged_over_days: i64,
    /// By kind (in [`InventoryAlertKind`] order), then SKU, location or
    /// scope, lot, transfer.
    pub alerts: Vec<InventoryAlert>,
}
