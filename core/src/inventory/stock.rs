//! Quantity buckets and positions.
//!
//! A position is keyed by (SKU, location, lot) and holds whole units in
//! buckets named after what warehouses and marketplaces report (Shopify's
//! and Amazon FBA's inventory states). `on_hand` is derived, never stored, so it can never
//! disagree with its parts.
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::inventory::Bucket;
//! let on_hand: Vec<_> = Bucket::ALL.iter().filter(|b| b.is_on_hand()).map(|b| b.name()).collect();
//! assert_eq!(on_hand, ["available", "committed", "reserved", "quality_control", "safety_stock", "damaged"]);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Where units of a position are.
///
/// | bucket | Shopify | Amazon FBA |
/// |---|---|---|
/// | `on_order` | — | — |
/// | `in_transit` | incoming | inbound working / shipped |
/// | `receiving` | — | inbound receiving |
/// | `available` | available | fulfillable |
/// | `committed` | committed | reserved: customer order |
/// | `reserved` | reserved | reserved: FC transfer / processing |
/// | `quality_control` | quality_control | — |
/// | `safety_stock` | safety_stock | — |
/// | `damaged` | damaged | unfulfillable |
/// | `researching` | — | researching |
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::inventory::Bucket;
let bucket: Bucket = serde_json::from_str(r#""quality_control""#).unwrap();
assert_eq!(bucket, Bucket::QualityControl);
assert!(bucket.is_on_hand() && bucket.is_valued());
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Ordered from a supplier, not shipped.
    OnOrder,
    /// Shipped toward this location, not received.
    InTransit,
    /// Arrived, being checked in.
    Receiving,
    /// Sellable now.
    Available,
    /// Promised to an order, not yet shipped.
    Committed,
    /// Set aside by hand or by a rule.
    Reserved,
    /// On hand, being inspected.
    QualityControl,
    /// On hand, held back from channels.
    SafetyStock,
    /// On hand, not sellable.
    Damaged,
    /// Missing, under investigation.
    Researching,
}

impl Bucket {
    /// Every bucket, in report order.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::inventory::Bucket;
    /// assert_eq!(Bucket::ALL.len(), 10);
    /// assert_eq!(Bucket::ALL[0], Bucket::OnOrder);
    /// # Ok(()) }
    /// ```
    pub const ALL: [Bucket; 10] = [
        Bucket::OnOrder,
        Bucket::InTransit,
        Bucket::Receiving,
        Bucket::Available,
        Bucket::Committed,
        Bucket::Reserved,
        Bucket::QualityControl,
        Bucket::SafetyStock,
        Bucket::Damaged,
        Bucket::Researching,
    ];

    /// Counted in `on_hand`.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::inventory::Bucket;
    /// assert!(Bucket::Committed.is_on_hand());
    /// assert!(!Bucket::OnOrder.is_on_hand() && !Bucket::Researching.is_on_hand());
    /// # Ok(()) }
    /// ```
    pub fn is_on_hand(self) -> bool {
        matches!(
            self,
            Bucket::Available
                | Bucket::Committed
                | Bucket::Reserved
                | Bucket::QualityControl
                | Bucket::SafetyStock
                | Bucket::Damaged
        )
    }

    /// Carries inventory value at this location. Units on order belong to
    /// the supplier and units in transit are valued in Goods in Transit;
    /// everything else, including units still being checked in and units
    /// under research, is the location's stock until it is written off.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::inventory::Bucket;
    /// // Units being checked in or looked for still carry their cost.
    /// assert!(Bucket::Receiving.is_valued() && Bucket::Researching.is_valued());
    /// assert!(!Bucket::InTransit.is_valued());
    /// # Ok(()) }
    /// ```
    pub fn is_valued(self) -> bool {
        !matches!(self, Bucket::OnOrder | Bucket::InTransit)
    }

    /// The snake_case name.
    ///
    /// ```
    /// # fn main() -> landed::Result<()> {
    /// use landed::inventory::Bucket;
    /// assert_eq!(Bucket::SafetyStock.name(), "safety_stock");
    /// # Ok(()) }
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Bucket::OnOrder => "on_order",
            Bucket::InTransit => "in_transit",
            Bucket::Receiving => "receiving",
            Bucket::Available => "available",
            Bucket::Committed => "committed",
            Bucket::Reserved => "reserved",
            Bucket::QualityControl => "quality_control",
            Bucket::SafetyStock => "safety_stock",
            Bucket::Damaged => "damaged",
            Bucket::Researching => "researching",
        }
    }
}

impl fmt::Display for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Units per bucket of one position.
///
/// Held in two parts: the three buckets nearly every movement touches
/// (available, committed, reserved) inline, and the other seven with the
/// damage reasons in a box that exists only while one of them is non-zero.
/// Goods on order, in transit, in inspection or damaged pass through a
/// position; a book of tens of thousands of positions mostly holds sellable
/// and promised stock, at 32 bytes a position instead of 88. Equality and
/// the serialized form (ten quantities, then the reasons) do not depend on
/// which part holds a bucket.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PositionRecord", into = "PositionRecord")]
pub struct Position {
    common: [i64; 3],
    rare: Option<Box<RareBuckets>>,
}

/// The buckets kept in the box (see [`slot`]), and the damage reasons.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RareBuckets {
    quantities: [i64; 7],
    /// Damaged units by reason (only non-zero entries).
    damaged_by_reason: BTreeMap<String, i64>,
}

impl RareBuckets {
    fn is_empty(&self) -> bool {
        self.quantities.iter().all(|q| *q == 0) && self.damaged_by_reason.is_empty()
    }
}

/// Where a bucket lives: `Ok(i)` in the inline part, `Err(i)` in the box.
fn slot(bucket: Bucket) -> Result<usize, usize> {
    match bucket {
        Bucket::Available => Ok(0),
        Bucket::Committed => Ok(1),
        Bucket::Reserved => Ok(2),
        Bucket::OnOrder => Err(0),
        Bucket::InTransit => Err(1),
        Bucket::Receiving => Err(2),
        Bucket::QualityControl => Err(3),
        Bucket::SafetyStock => Err(4),
        Bucket::Damaged => Err(5),
        Bucket::Researching => Err(6),
    }
}

/// A position as stored: every bucket in [`Bucket::ALL`] order, then the
/// damage reasons when there are any.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionRecord {
    quantities: [i64; 10],
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    damaged_by_reason: BTreeMap<String, i64>,
}

impl TryFrom<PositionRecord> for Position {
    type Error = crate::LandedError;

    /// Refuses a stored position whose buckets overflow when added up, or
    /// whose damage reasons do not add up to its damaged bucket.
    fn try_from(record: PositionRecord) -> crate::Result<Self> {
        let mut position = Position::default();
        for (bucket, quantity) in Bucket::ALL.iter().zip(record.quantities) {
            position.add(*bucket, quantity)?;
        }
        let reasons = record.damaged_by_reason.values().try_fold(0i64, |sum, q| {
            if *q > 0 { sum.checked_add(*q) } else { None }
        });
        if !record.damaged_by_reason.is_empty() && reasons != Some(position.get(Bucket::Damaged)) {
            return Err(crate::LandedError::InvalidCommand {
                reason: "a position's damage reasons do not add up to its damaged units".into(),
            });
        }
        if !record.damaged_by_reason.is_empty() {
            position.rare_mut().damaged_by_reason = record.damaged_by_reason;
        }
        position.drop_empty_rare();
        Ok(position)
    }
}

impl From<Position> for PositionRecord {
    fn from(position: Position) -> Self {
        PositionRecord {
            quantities: Bucket::ALL.map(|b| position.get(b)),
            damaged_by_reason: position
                .rare
                .map(|r| r.damaged_by_reason)
                .unwrap_or_default(),
        }
    }
}

static NO_REASONS: BTreeMap<String, i64> = BTreeMap::new();

impl fmt::Debug for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Position")
            .field("quantities", &Bucket::ALL.map(|b| self.get(b)))
            .field("damaged_by_reason", self.damaged_by_reason())
            .finish()
    }
}

impl Position {
    /// Units in `bucket`.
    pub fn get(&self, bucket: Bucket) -> i64 {
        match slot(bucket) {
            Ok(i) => self.common.get(i).copied().unwrap_or(0),
            Err(i) => self
                .rare
                .as_ref()
                .and_then(|r| r.quantities.get(i).copied())
                .unwrap_or(0),
        }
    }

    /// Adds `delta` units to `bucket`. Refused with `QUANTITY_OVERFLOW`,
    /// leaving the position as it was, when the bucket or the sum of all
    /// buckets' sizes would leave `i64`: keeping the sum of absolute
    /// quantities in range means every derived total (`on_hand`, `valued`,
    /// `total`) can be added up without a check.
    pub(crate) fn add(&mut self, bucket: Bucket, delta: i64) -> crate::Result<()> {
        if delta == 0 {
            return Ok(());
        }
        // The usual case: a bucket kept inline in a position without a box,
        // every quantity below 2^59 (see below), so nothing can overflow.
        if let (Ok(i), None) = (slot(bucket), &self.rare) {
            const SMALL: u64 = 1 << 59;
            let [a, b, c] = self.common;
            if (a.unsigned_abs() | b.unsigned_abs() | c.unsigned_abs() | delta.unsigned_abs())
                < SMALL
                && let Some(q) = self.common.get_mut(i)
            {
                *q += delta;
                return Ok(());
            }
        }
        let overflow = || crate::LandedError::quantity_overflow("a stock position");
        let current = self.get(bucket);
        let next = current.checked_add(delta).ok_or_else(overflow)?;
        let buckets = || {
            self.common
                .iter()
                .chain(self.rare.iter().flat_map(|r| r.quantities.iter()))
        };
        const _: () = assert!(Bucket::ALL.len() < 16);
        // Fewer than 16 buckets each below 2^59 cannot add up past i64: one
        // OR over the buckets settles the usual case. Otherwise the sizes
        // are summed in i128, where they cannot overflow.
        let mut largest = next.unsigned_abs();
        for q in &self.common {
            largest |= q.unsigned_abs();
        }
        if let Some(rare) = &self.rare {
            for q in &rare.quantities {
                largest |= q.unsigned_abs();
            }
        }
        if largest >= 1 << 59 {
            let size: i128 = buckets().map(|q| i128::from(*q).abs()).sum::<i128>()
                - i128::from(current).abs()
                + i128::from(next).abs();
            if size > i128::from(i64::MAX) {
                return Err(overflow());
            }
        }
        match slot(bucket) {
            Ok(i) => {
                if let Some(q) = self.common.get_mut(i) {
                    *q = next;
                }
            }
            Err(i) => {
                if let Some(q) = self.rare_mut().quantities.get_mut(i) {
                    *q = next;
                }
                self.drop_empty_rare();
            }
        }
        Ok(())
    }

    fn rare_mut(&mut self) -> &mut RareBuckets {
        self.rare.get_or_insert_with(Box::default)
    }

    /// Keeps `rare` `None` exactly when it would be empty.
    fn drop_empty_rare(&mut self) {
        if self.rare.as_ref().is_some_and(|r| r.is_empty()) {
            self.rare = None;
        }
    }

    /// `available + committed + reserved + quality_control + safety_stock + damaged`.
    pub fn on_hand(&self) -> i64 {
        Bucket::ALL
            .iter()
            .filter(|b| b.is_on_hand())
            .map(|b| self.get(*b))
            .sum()
    }

    /// Units that carry value here (see [`Bucket::is_valued`]).
    pub fn valued(&self) -> i64 {
        Bucket::ALL
            .iter()
            .filter(|b| b.is_valued())
            .map(|b| self.get(*b))
            .sum()
    }

    /// Units in any bucket.
    pub fn total(&self) -> i64 {
        let rare: i64 = self.rare.as_ref().map_or(0, |r| r.quantities.iter().sum());
        self.common.iter().sum::<i64>() + rare
    }

    /// True when every bucket is zero.
    pub fn is_empty(&self) -> bool {
        self.common.iter().all(|q| *q == 0)
            && self
                .rare
                .as_ref()
                .is_none_or(|r| r.quantities.iter().all(|q| *q == 0))
    }

    /// Damaged units by reason.
    pub fn damaged_by_reason(&self) -> &BTreeMap<String, i64> {
        self.rare
            .as_ref()
            .map_or(&NO_REASONS, |r| &r.damaged_by_reason)
    }

    /// Records `delta` damaged units under `reason`, taking a decrease from
    /// the named reason first and then from the others in name order, so
    /// the breakdown always adds up to the damaged bucket.
    pub(crate) fn add_damage_reason(&mut self, reason: Option<&str>, delta: i64) {
        if delta >= 0 {
            let reason = reason.unwrap_or(UNSPECIFIED_DAMAGE);
            // The reasons add up to the damaged bucket, whose size `add`
            // keeps in range, so this cannot overflow.
            let held = self
                .rare_mut()
                .damaged_by_reason
                .entry(reason.to_owned())
                .or_default();
            *held = held.saturating_add(delta);
            self.drop_empty_rare();
            return;
        }
        let Some(rare) = self.rare.as_deref_mut() else {
            return;
        };
        let reasons = &mut rare.damaged_by_reason;
        let mut left = -delta;
        let named = reason.map(str::to_owned);
        let mut order: Vec<String> = named.iter().cloned().collect();
        order.extend(
            reasons
                .keys()
                .filter(|k| Some(*k) != named.as_ref())
                .cloned(),
        );
        for key in order {
            if left == 0 {
                break;
            }
            if let Some(q) = reasons.get_mut(&key) {
                let take = left.min(*q);
                *q -= take;
                left -= take;
            }
        }
        reasons.retain(|_, q| *q != 0);
        self.drop_empty_rare();
    }
}

/// Reason recorded for damaged units when none is given.
///
/// ```
/// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
/// # fn main() -> landed::Result<()> {
/// use landed::inventory::UNSPECIFIED_DAMAGE;
/// let mut book = lamp_book()?;
/// let damage = landed::Command::from_json(r#"{"type":"move","sku":"LAMP","location":"SZ","quantity":2,
///     "from":"available","to":"damaged"}"#)?;
/// book.execute(damage, &ctx("2026-11-21", "dmg-1")?)?;
/// assert_eq!(book.position("LAMP", "SZ", None)?.damaged_by_reason[UNSPECIFIED_DAMAGE], 2);
/// # Ok(()) }
/// ```
pub const UNSPECIFIED_DAMAGE: &str = "unspecified";

/// What happens when an issue asks for more than is available.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::inventory::NegativeStockPolicy;
let mut book = lamp_book_with(r#"{"functional_currency":"CNY","negative_stock":"allow"}"#)?;
assert_eq!(book.config().negative_stock, NegativeStockPolicy::Allow);
// 40 sold from Germany where 29 are available: available goes to -11.
let sale = landed::Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"DE","quantity":40,"reason":"sale"}"#)?;
book.execute(sale, &ctx("2026-11-21", "o-1")?)?;
assert_eq!(book.position("LAMP", "DE", None)?.quantities.available, -11);
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NegativeStockPolicy {
    /// Refuse with `INSUFFICIENT_STOCK` (the default).
    #[default]
    Refuse,
    /// Let `available` go below zero for SKUs without lots; the units go
    /// out at the current unit cost and the next receipt trues them up.
    Allow,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_refuses_sums_that_leave_i64_and_stays_as_it_was() {
        let mut p = Position::default();
        p.add(Bucket::Available, i64::MAX - 1).unwrap();
        let err = p.add(Bucket::Available, 2).unwrap_err();
        assert_eq!(err.code(), "QUANTITY_OVERFLOW");
        assert_eq!(p.get(Bucket::Available), i64::MAX - 1);
        // Each bucket fits, but on hand would not: refused too.
        assert_eq!(
            p.add(Bucket::Committed, 2).unwrap_err().code(),
            "QUANTITY_OVERFLOW"
        );
        assert_eq!(
            p.add(Bucket::Damaged, 2).unwrap_err().code(),
            "QUANTITY_OVERFLOW"
        );
        assert_eq!(p.on_hand(), i64::MAX - 1);
        p.add(Bucket::Available, -(i64::MAX - 1)).unwrap();
        assert_eq!(
            p.add(Bucket::Available, i64::MIN).unwrap_err().code(),
            "QUANTITY_OVERFLOW"
        );
        // A stored position that overflows is refused on the way in.
        let huge = format!(r#"{{"quantities":[{},{},0,0,0,0,0,0,0,0]}}"#, i64::MAX, 1);
        assert!(serde_json::from_str::<Position>(&huge).is_err());
    }

    #[test]
    fn damage_reasons_are_boxed_only_while_held_and_serialize_as_before() {
        assert!(std::mem::size_of::<Position>() <= 32);
        let mut p = Position::default();
        let empty = r#"{"quantities":[0,0,0,0,0,0,0,0,0,0]}"#;
        assert_eq!(serde_json::to_string(&p).unwrap(), empty);
        p.add(Bucket::Damaged, 3).unwrap();
        p.add_damage_reason(Some("crushed"), 2);
        p.add_damage_reason(None, 1);
        let held = r#"{"quantities":[0,0,0,0,0,0,0,0,3,0],"damaged_by_reason":{"crushed":2,"unspecified":1}}"#;
        assert_eq!(serde_json::to_string(&p).unwrap(), held);
        assert_eq!(serde_json::from_str::<Position>(held).unwrap(), p);
        p.add(Bucket::Damaged, -3).unwrap();
        p.add_damage_reason(Some("unspecified"), -3);
        assert!(p.rare.is_none() && p.damaged_by_reason().is_empty());
        assert_eq!(p, Position::default());
        assert_eq!(serde_json::to_string(&p).unwrap(), empty);
        // An explicit empty map on input is dropped too.
        let explicit = r#"{"quantities":[0,0,0,0,0,0,0,0,0,0],"damaged_by_reason":{}}"#;
        let back: Position = serde_json::from_str(explicit).unwrap();
        assert!(back.rare.is_none());
    }
}
