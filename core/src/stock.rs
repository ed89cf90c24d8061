//! Quantity buckets and positions.
//!
//! A position is keyed by (SKU, location, lot) and holds whole units in
//! buckets named after what warehouses and marketplaces report
//! (`domain.md` §3). `on_hand` is derived, never stored, so it can never
//! disagree with its parts.

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
    pub fn is_valued(self) -> bool {
        !matches!(self, Bucket::OnOrder | Bucket::InTransit)
    }

    /// The snake_case name.
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

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Units per bucket of one position.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    quantities: [i64; 10],
    /// Damaged units by reason (only non-zero entries). Boxed, and `None`
    /// exactly when empty: most positions never hold damaged units, and
    /// inline the map would add 16 bytes to each.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_reasons",
        deserialize_with = "deserialize_reasons"
    )]
    damaged_by_reason: Reasons,
}

/// Damage reasons, boxed on purpose despite clippy's `box_collection`: most
/// positions hold none, and `None` takes 8 bytes where an empty map takes 24.
#[allow(clippy::box_collection)]
type Reasons = Option<Box<BTreeMap<String, i64>>>;

static NO_REASONS: BTreeMap<String, i64> = BTreeMap::new();

// Only called for `Some` (`None` is skipped): the map itself, as before.
fn serialize_reasons<S: serde::Serializer>(
    reasons: &Reasons,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    reasons
        .as_deref()
        .unwrap_or(&NO_REASONS)
        .serialize(serializer)
}

fn deserialize_reasons<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Reasons, D::Error> {
    let reasons = BTreeMap::<String, i64>::deserialize(deserializer)?;
    Ok((!reasons.is_empty()).then(|| Box::new(reasons)))
}

impl fmt::Debug for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Position")
            .field("quantities", &self.quantities)
            .field("damaged_by_reason", self.damaged_by_reason())
            .finish()
    }
}

impl Position {
    /// Units in `bucket`.
    pub fn get(&self, bucket: Bucket) -> i64 {
        self.quantities[bucket.index()]
    }

    pub(crate) fn add(&mut self, bucket: Bucket, delta: i64) {
        self.quantities[bucket.index()] += delta;
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
        self.quantities.iter().sum()
    }

    /// True when every bucket is zero.
    pub fn is_empty(&self) -> bool {
        self.quantities.iter().all(|q| *q == 0)
    }

    /// Damaged units by reason.
    pub fn damaged_by_reason(&self) -> &BTreeMap<String, i64> {
        self.damaged_by_reason.as_deref().unwrap_or(&NO_REASONS)
    }

    /// Records `delta` damaged units under `reason`, taking a decrease from
    /// the named reason first and then from the others in name order, so
    /// the breakdown always adds up to the damaged bucket.
    pub(crate) fn add_damage_reason(&mut self, reason: Option<&str>, delta: i64) {
        if delta >= 0 {
            let reason = reason.unwrap_or(UNSPECIFIED_DAMAGE);
            *self
                .damaged_by_reason
                .get_or_insert_with(Box::default)
                .entry(reason.to_owned())
                .or_default() += delta;
            return;
        }
        let Some(reasons) = self.damaged_by_reason.as_deref_mut() else {
            return;
        };
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
        if reasons.is_empty() {
            self.damaged_by_reason = None;
        }
    }
}

/// Reason recorded for damaged units when none is given.
pub const UNSPECIFIED_DAMAGE: &str = "unspecified";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_reasons_are_boxed_only_while_held_and_serialize_as_before() {
        assert!(std::mem::size_of::<Position>() <= 88);
        let mut p = Position::default();
        let empty = r#"{"quantities":[0,0,0,0,0,0,0,0,0,0]}"#;
        assert_eq!(serde_json::to_string(&p).unwrap(), empty);
        p.add(Bucket::Damaged, 3);
        p.add_damage_reason(Some("crushed"), 2);
        p.add_damage_reason(None, 1);
        let held = r#"{"quantities":[0,0,0,0,0,0,0,0,3,0],"damaged_by_reason":{"crushed":2,"unspecified":1}}"#;
        assert_eq!(serde_json::to_string(&p).unwrap(), held);
        assert_eq!(serde_json::from_str::<Position>(held).unwrap(), p);
        p.add(Bucket::Damaged, -3);
        p.add_damage_reason(Some("unspecified"), -3);
        assert!(p.damaged_by_reason.is_none() && p.damaged_by_reason().is_empty());
        assert_eq!(p, Position::default());
        assert_eq!(serde_json::to_string(&p).unwrap(), empty);
        // An explicit empty map on input is dropped too.
        let explicit = r#"{"quantities":[0,0,0,0,0,0,0,0,0,0],"damaged_by_reason":{}}"#;
        let back: Position = serde_json::from_str(explicit).unwrap();
        assert!(back.damaged_by_reason.is_none());
    }
}
