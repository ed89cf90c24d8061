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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    quantities: [i64; 10],
    /// Damaged units by reason (only non-zero entries).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    damaged_by_reason: BTreeMap<String, i64>,
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
        &self.damaged_by_reason
    }

    /// Records `delta` damaged units under `reason`, taking a decrease from
    /// the named reason first and then from the others in name order, so
    /// the breakdown always adds up to the damaged bucket.
    pub(crate) fn add_damage_reason(&mut self, reason: Option<&str>, delta: i64) {
        if delta >= 0 {
            let reason = reason.unwrap_or(UNSPECIFIED_DAMAGE);
            *self.damaged_by_reason.entry(reason.to_owned()).or_default() += delta;
            return;
        }
        let mut left = -delta;
        let named = reason.map(str::to_owned);
        let mut order: Vec<String> = named.iter().cloned().collect();
        order.extend(
            self.damaged_by_reason
                .keys()
                .filter(|k| Some(*k) != named.as_ref())
                .cloned(),
        );
        for key in order {
            if left == 0 {
                break;
            }
            if let Some(q) = self.damaged_by_reason.get_mut(&key) {
                let take = left.min(*q);
                *q -= take;
                left -= take;
            }
        }
        self.damaged_by_reason.retain(|_, q| *q != 0);
    }
}

/// Reason recorded for damaged units when none is given.
pub const UNSPECIFIED_DAMAGE: &str = "unspecified";
