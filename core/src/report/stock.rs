//! Stock reports: positions, stock by SKU, valuation (a shared scope's value
//! split over its locations) and movement history.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = lamp_book()?;
//! let stock = book.stock("LAMP")?;
//! assert_eq!((stock.totals.available, stock.totals.damaged, stock.on_hand), (139, 1, 140));
//! let values: Vec<_> = book.valuation(Some("LAMP"))?.into_iter().map(|l| l.value.to_string()).collect();
//! assert_eq!(values, ["2001.00 CNY", "1072.50 CNY"]); // Shenzhen, Germany
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::Code;
use crate::book::Book;
use crate::book::event::Event;
use crate::error::Result;
use crate::inventory::{Bucket, LocId, NO_LOT, PoolKey, PosKey, Position, SkuId};
use crate::money::{Money, allocate_minor_units};

/// Units per bucket, with every bucket named.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let q = book.position("LAMP", "DE", None)?.quantities;
assert_eq!((q.available, q.damaged, q.in_transit), (29, 1, 0));
assert_eq!(q.on_hand(), 30);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BucketQuantities {
    /// Ordered, not shipped.
    pub on_order: i64,
    /// Shipped toward the location.
    pub in_transit: i64,
    /// Being checked in.
    pub receiving: i64,
    /// Sellable.
    pub available: i64,
    /// Promised to orders.
    pub committed: i64,
    /// Set aside.
    pub reserved: i64,
    /// Being inspected.
    pub quality_control: i64,
    /// Held back from channels.
    pub safety_stock: i64,
    /// Not sellable.
    pub damaged: i64,
    /// Missing, under investigation.
    pub researching: i64,
}

impl BucketQuantities {
    pub(crate) fn from_position(p: &Position) -> Self {
        Self {
            on_order: p.get(Bucket::OnOrder),
            in_transit: p.get(Bucket::InTransit),
            receiving: p.get(Bucket::Receiving),
            available: p.get(Bucket::Available),
            committed: p.get(Bucket::Committed),
            reserved: p.get(Bucket::Reserved),
            quality_control: p.get(Bucket::QualityControl),
            safety_stock: p.get(Bucket::SafetyStock),
            damaged: p.get(Bucket::Damaged),
            researching: p.get(Bucket::Researching),
        }
    }

    fn add(&mut self, other: &BucketQuantities) {
        self.on_order += other.on_order;
        self.in_transit += other.in_transit;
        self.receiving += other.receiving;
        self.available += other.available;
        self.committed += other.committed;
        self.reserved += other.reserved;
        self.quality_control += other.quality_control;
        self.safety_stock += other.safety_stock;
        self.damaged += other.damaged;
        self.researching += other.researching;
    }

    /// The units of one bucket.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// use landed::inventory::Bucket;
    /// let q = lamp_book()?.position("LAMP", "DE", None)?.quantities;
    /// assert_eq!((q.get(Bucket::Available), q.get(Bucket::Damaged)), (29, 1));
    /// # Ok(()) }
    /// ```
    pub fn get(&self, bucket: Bucket) -> i64 {
        match bucket {
            Bucket::OnOrder => self.on_order,
            Bucket::InTransit => self.in_transit,
            Bucket::Receiving => self.receiving,
            Bucket::Available => self.available,
            Bucket::Committed => self.committed,
            Bucket::Reserved => self.reserved,
            Bucket::QualityControl => self.quality_control,
            Bucket::SafetyStock => self.safety_stock,
            Bucket::Damaged => self.damaged,
            Bucket::Researching => self.researching,
        }
    }

    fn slot_mut(&mut self, bucket: Bucket) -> &mut i64 {
        match bucket {
            Bucket::OnOrder => &mut self.on_order,
            Bucket::InTransit => &mut self.in_transit,
            Bucket::Receiving => &mut self.receiving,
            Bucket::Available => &mut self.available,
            Bucket::Committed => &mut self.committed,
            Bucket::Reserved => &mut self.reserved,
            Bucket::QualityControl => &mut self.quality_control,
            Bucket::SafetyStock => &mut self.safety_stock,
            Bucket::Damaged => &mut self.damaged,
            Bucket::Researching => &mut self.researching,
        }
    }

    /// Adds `other` bucket by bucket; `None` (nothing changed) on overflow.
    pub(crate) fn checked_add(&mut self, other: &BucketQuantities) -> Option<()> {
        let mut sum = self.clone();
        for bucket in Bucket::ALL {
            *sum.slot_mut(bucket) = self.get(bucket).checked_add(other.get(bucket))?;
        }
        *self = sum;
        Some(())
    }

    /// [`BucketQuantities::on_hand`], `None` on overflow.
    pub(crate) fn checked_on_hand(&self) -> Option<i64> {
        Bucket::ALL
            .iter()
            .filter(|b| b.is_on_hand())
            .try_fold(0i64, |sum, b| sum.checked_add(self.get(*b)))
    }

    /// `available + committed + reserved + quality_control + safety_stock + damaged`.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book_until("T-1/ship")?;
    /// // Committed to the transfer, the 40 lamps are still on hand in Shenzhen.
    /// let q = book.position("LAMP", "SZ", None)?.quantities;
    /// assert_eq!((q.available, q.committed, q.on_hand()), (60, 40, 100));
    /// # Ok(()) }
    /// ```
    pub fn on_hand(&self) -> i64 {
        self.available
            + self.committed
            + self.reserved
            + self.quality_control
            + self.safety_stock
            + self.damaged
    }
}

/// One position: SKU at a location (and lot).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let de = book.position("LAMP", "DE", None)?;
assert_eq!(de.on_hand, 30);
assert_eq!(de.damaged_by_reason["crushed"], 1);
assert_eq!(de.lot, None);
// A lot the book does not know is refused.
assert_eq!(book.position("LAMP", "DE", Some("L-1")).unwrap_err().code(), "UNKNOWN_LOT");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PositionReport {
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// The lot, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// The lot's expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<NaiveDate>,
    /// Units per bucket.
    pub quantities: BucketQuantities,
    /// Derived on-hand total.
    pub on_hand: i64,
    /// Damaged units by reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub damaged_by_reason: BTreeMap<String, i64>,
    /// Write-down allowance held against the damaged units (books with
    /// `damage_write_down`, when not zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_down_allowance: Option<Money>,
}

/// A SKU's stock across locations.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let stock = book.stock("LAMP")?;
let by_location: Vec<_> = stock.positions.iter().map(|p| (p.location.as_str(), p.on_hand)).collect();
assert_eq!(by_location, [("SZ", 110), ("DE", 30)]);
assert_eq!(stock.on_hand, 140);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockReport {
    /// The SKU.
    pub sku: String,
    /// Each position holding or expecting units.
    pub positions: Vec<PositionReport>,
    /// Totals per bucket.
    pub totals: BucketQuantities,
    /// Total on hand.
    pub on_hand: i64,
}

/// Value of a SKU at a location.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let lines = book.valuation(Some("LAMP"))?;
let sz = &lines[0];
assert_eq!((sz.location.as_str(), sz.quantity), ("SZ", 110));
// 60 lamps at 17.75 and 50 at 18.72: a moving average at full precision.
assert_eq!(sz.value.to_string(), "2001.00 CNY");
assert_eq!(sz.unit_cost.to_string(), "18.190909090909090909090909091 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValuationLine {
    /// The SKU.
    pub sku: String,
    /// The location.
    pub location: String,
    /// Its valuation scope.
    pub scope: String,
    /// Units carrying value (on hand, receiving, researching).
    pub quantity: i64,
    /// Their value in the functional currency.
    pub value: Money,
    /// Value per unit (full precision; zero when there are no units).
    pub unit_cost: Money,
}

/// One movement of a SKU, with its effect on value.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let book = lamp_book()?;
let history = book.history("LAMP")?;
let sale = history.iter().find(|m| m.kind == "issued").unwrap();
assert_eq!((&*sale.command_id, &*sale.location, sale.quantity), ("order-302", "DE", -10));
assert_eq!(sale.value.to_string(), "-177.50 CNY");
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Movement {
    /// Event sequence.
    pub seq: u64,
    /// Effective time.
    pub at: DateTime<Utc>,
    /// The command.
    pub command_id: Code,
    /// Event type (`received`, `issued`, `moved`, `adjusted_up`, `adjusted_down`,
    /// `customer_return`).
    pub kind: String,
    /// Location.
    pub location: Code,
    /// Lot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// Bucket units left (for outgoing movements and moves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Bucket>,
    /// Bucket units entered (for incoming movements and moves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Bucket>,
    /// Units, signed: positive into the book, negative out of it, positive for moves.
    pub quantity: i64,
    /// Change in inventory value, signed.
    pub value: Money,
    /// Reason or reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

impl Book {
    fn position_report(&self, key: PosKey, position: &Position) -> PositionReport {
        let lot = self.lot_info(key.lot);
        PositionReport {
            sku: self.sku_code(key.sku).to_owned(),
            location: self.loc_code(key.location).to_owned(),
            lot: lot.map(|l| l.number.clone()),
            expiry: lot.and_then(|l| l.expiry),
            quantities: BucketQuantities::from_position(position),
            on_hand: position.on_hand(),
            damaged_by_reason: position.damaged_by_reason().clone(),
            write_down_allowance: self.allowances().get(&key).map(|a| self.money(a.0)),
        }
    }

    /// One position. A position never touched reports zeros.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let sz = book.position("LAMP", "SZ", None)?;
    /// assert_eq!((sz.quantities.available, sz.on_hand), (110, 110));
    /// assert_eq!(book.position("LAMP", "XX", None).unwrap_err().code(), "UNKNOWN_LOCATION");
    /// # Ok(()) }
    /// ```
    pub fn position(&self, sku: &str, location: &str, lot: Option<&str>) -> Result<PositionReport> {
        let sku_id = self.sku_id(sku)?;
        let loc = self.loc_id(location)?;
        let lot = match lot {
            Some(number) => self.lot_id(sku_id, number)?,
            None => NO_LOT,
        };
        let key = PosKey {
            sku: sku_id,
            location: loc,
            lot,
        };
        let empty = Position::default();
        Ok(self.position_report(key, self.positions().get(&key).unwrap_or(&empty)))
    }

    /// A SKU's positions across locations and lots, with totals.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// assert_eq!(book.stock("LAMP")?.totals.available, 139);
    /// assert_eq!(book.stock("BULB").unwrap_err().code(), "UNKNOWN_SKU");
    /// # Ok(()) }
    /// ```
    pub fn stock(&self, sku: &str) -> Result<StockReport> {
        let id = self.sku_id(sku)?;
        let mut totals = BucketQuantities::default();
        let mut positions = Vec::new();
        for (key, position) in self.positions_of(id) {
            if position.is_empty() {
                continue;
            }
            let report = self.position_report(*key, position);
            totals.add(&report.quantities);
            positions.push(report);
        }
        Ok(StockReport {
            sku: sku.to_owned(),
            on_hand: totals.on_hand(),
            positions,
            totals,
        })
    }

    pub(crate) fn positions_of(&self, sku: SkuId) -> impl Iterator<Item = (&PosKey, &Position)> {
        self.positions().range(
            PosKey {
                sku,
                location: 0,
                lot: 0,
            }..=PosKey {
                sku,
                location: LocId::MAX,
                lot: u32::MAX,
            },
        )
    }

    /// Quantity and value per SKU and location (all SKUs when `sku` is
    /// `None`), ordered by SKU definition then location definition.
    ///
    /// A scope shared by several locations has one cost; its value is split
    /// over the locations by units, exactly (largest remainder), so the
    /// lines of a scope always add up to the scope's value.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let lines = book.valuation(None)?;
    /// let total = lines.iter().try_fold(landed::Money::zero(book.config().functional_currency), |sum, line| sum.checked_add(&line.value))?;
    /// assert_eq!(total, book.inventory_value());
    /// assert_eq!(total.to_string(), "3073.50 CNY");
    /// # Ok(()) }
    /// ```
    pub fn valuation(&self, sku: Option<&str>) -> Result<Vec<ValuationLine>> {
        let ids: Vec<SkuId> = match sku {
            Some(code) => vec![self.sku_id(code)?],
            None => (0..self.skus().len() as SkuId).collect(),
        };
        let functional = self.config().functional_currency;
        let mut lines = Vec::new();
        for id in ids {
            // Valued units per location.
            let mut per_location: BTreeMap<LocId, i64> = BTreeMap::new();
            for (key, position) in self.positions_of(id) {
                *per_location.entry(key.location).or_default() += position.valued();
            }
            // Group locations by scope.
            let mut by_scope: BTreeMap<u32, Vec<(LocId, i64)>> = BTreeMap::new();
            for (loc, qty) in per_location {
                by_scope
                    .entry(self.location_scope(loc))
                    .or_default()
                    .push((loc, qty));
            }
            for (scope, locations) in by_scope {
                let pool = self
                    .pools()
                    .get(&PoolKey { sku: id, scope })
                    .cloned()
                    .unwrap_or_default();
                let values = split_scope_value(&pool, &locations, functional)?;
                for ((loc, qty), value) in locations.iter().zip(values) {
                    if *qty == 0 && value.is_zero() {
                        continue;
                    }
                    let unit = if *qty == 0 {
                        Decimal::ZERO
                    } else {
                        value / Decimal::from(*qty)
                    };
                    lines.push(ValuationLine {
                        sku: self.sku_code(id).to_owned(),
                        location: self.loc_code(*loc).to_owned(),
                        scope: self.scope_name(scope).to_owned(),
                        quantity: *qty,
                        value: Money::new(value, functional),
                        unit_cost: Money::new(unit, functional),
                    });
                }
            }
        }
        Ok(lines)
    }

    /// Total inventory value in the functional currency.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// // 2,001.00 in Shenzhen and 1,072.50 in Germany.
    /// assert_eq!(book.inventory_value().to_string(), "3073.50 CNY");
    /// # Ok(()) }
    /// ```
    pub fn inventory_value(&self) -> Money {
        let total: Decimal = self.pools().values().map(|p| p.book_value()).sum();
        self.money(total)
    }

    /// Every movement of a SKU with its value, oldest first.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = lamp_book()?;
    /// let kinds: Vec<_> = book.history("LAMP")?.into_iter().map(|m| (m.kind, m.quantity)).collect();
    /// assert_eq!(kinds[0], ("received".to_string(), 100));
    /// assert_eq!(kinds.last().unwrap(), &("received".to_string(), 50));
    /// # Ok(()) }
    /// ```
    pub fn history(&self, sku: &str) -> Result<Vec<Movement>> {
        self.require_history("stock history")?;
        self.sku_id(sku)?;
        let functional = self.config().functional_currency;
        let mut out = Vec::new();
        for r in self.events() {
            let movement = match &r.event {
                Event::Received(s) | Event::AdjustedUp(s) | Event::CustomerReturnReceived(s)
                    if &*s.sku == sku =>
                {
                    Movement {
                        seq: r.seq,
                        at: r.at,
                        command_id: r.command_id.clone(),
                        kind: match r.event {
                            Event::Received(_) => "received",
                            Event::CustomerReturnReceived(_) => "customer_return",
                            _ => "adjusted_up",
                        }
                        .into(),
                        location: s.location.clone(),
                        lot: s.lot.clone(),
                        from: None,
                        to: Some(s.bucket),
                        quantity: s.quantity,
                        value: s.value,
                        reference: s.reference.as_deref().map(str::to_owned),
                    }
                }
                Event::Issued(s) | Event::AdjustedDown(s) if &*s.sku == sku => Movement {
                    seq: r.seq,
                    at: r.at,
                    command_id: r.command_id.clone(),
                    kind: if matches!(r.event, Event::Issued(_)) {
                        "issued"
                    } else {
                        "adjusted_down"
                    }
                    .into(),
                    location: s.location.clone(),
                    lot: s.lot.clone(),
                    from: Some(s.bucket),
                    to: None,
                    quantity: -s.quantity,
                    value: s.value.neg(),
                    reference: s.reference.as_deref().map(str::to_owned),
                },
                Event::Moved {
                    sku: moved,
                    location,
                    lot,
                    from,
                    to,
                    quantity,
                    reason,
                    ..
                } if &**moved == sku => Movement {
                    seq: r.seq,
                    at: r.at,
                    command_id: r.command_id.clone(),
                    kind: "moved".into(),
                    location: location.clone(),
                    lot: lot.clone(),
                    from: Some(*from),
                    to: Some(*to),
                    quantity: *quantity,
                    value: Money::new(Decimal::new(0, functional.minor_units()), functional),
                    reference: reason.clone(),
                },
                _ => continue,
            };
            out.push(movement);
        }
        Ok(out)
    }
}

/// Splits a pool's book value over the locations of its scope by units:
/// stock on hand over locations with positive units, negative stock over
/// locations below zero.
fn split_scope_value(
    pool: &crate::inventory::Pool,
    locations: &[(LocId, i64)],
    currency: crate::money::Currency,
) -> Result<Vec<Decimal>> {
    if let [_] = locations {
        return Ok(vec![pool.book_value()]);
    }
    let mut values = vec![Decimal::ZERO; locations.len()];
    let parts = [
        (
            pool.value,
            locations
                .iter()
                .map(|(_, q)| (*q).max(0))
                .collect::<Vec<_>>(),
        ),
        (
            -pool.deficit_value(),
            locations
                .iter()
                .map(|(_, q)| (-*q).max(0))
                .collect::<Vec<_>>(),
        ),
    ];
    for (amount, weights) in parts {
        if amount.is_zero() {
            continue;
        }
        let weights: Vec<Decimal> = weights.into_iter().map(Decimal::from).collect();
        let shares = if weights.iter().all(|w| w.is_zero()) {
            // Value without units can only sit on the first location.
            let mut v = vec![0; locations.len()];
            v[0] = Money::new(amount, currency).to_minor_units()?;
            v
        } else {
            allocate_minor_units(&Money::new(amount, currency), &weights)?
        };
        for (value, share) in values.iter_mut().zip(shares) {
            *value += Money::from_minor_units(share, currency)?.amount;
        }
    }
    Ok(values)
}
