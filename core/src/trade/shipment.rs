//! Carrier details of a shipment, supplier or transfer, and its tracking
//! milestones.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
//! # fn main() -> landed::Result<()> {
//! let book = lamp_book()?;
//! let shipment = &book.transfer("T-1")?.shipment;
//! assert_eq!((shipment.carrier.as_deref(), shipment.tracking.as_deref()), (Some("COSCO"), Some("CSLU7")));
//! assert_eq!(shipment.shipped_on, Some(landed::parse_date("2026-11-03")?));
//! # Ok(()) }
//! ```

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Carrier details of a shipment.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
let mut book = lamp_book_until("T-1/receive")?;
let departed = r#"{"type":"record_milestone","document":"T-1","eta":"2026-11-27",
    "milestone":{"event_id":"CSLU7-1","milestone":"departed","at":"2026-11-04T12:00:00Z","place":"Yantian"}}"#;
book.execute(landed::Command::from_json(departed)?, &ctx("2026-11-04", "CSLU7-1")?)?;
let shipment = &book.transfer("T-1")?.shipment;
assert_eq!(shipment.eta, Some(landed::parse_date("2026-11-27")?)); // the carrier's new estimate
assert_eq!(shipment.milestones.len(), 1);
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Shipment {
    /// Carrier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    /// Tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<String>,
    /// Estimated arrival.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta: Option<NaiveDate>,
    /// Date shipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped_on: Option<NaiveDate>,
    /// Carrier milestones, in the order reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<MilestoneRecord>,
}

/// A tracking milestone of a shipment.
#[cfg_attr(
    doc,
    doc = r##"

```
# fn main() -> landed::Result<()> {
use landed::trade::Milestone;
let milestone: Milestone = serde_json::from_str(r#""customs_cleared""#).unwrap();
assert_eq!(milestone, Milestone::CustomsCleared);
# Ok(()) }
```
"##
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// Picked up by the carrier.
    Collected,
    /// Left the origin port or airport.
    Departed,
    /// Arrived at the destination port or airport.
    ArrivedPort,
    /// Released by customs.
    CustomsCleared,
    /// On the last-mile vehicle.
    OutForDelivery,
    /// Handed over at the destination.
    Delivered,
}

/// A milestone as recorded.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/lamp_book.rs"));
# fn main() -> landed::Result<()> {
use landed::trade::Milestone;
let mut book = lamp_book_until("T-1/receive")?;
let departed = r#"{"type":"record_milestone","document":"T-1",
    "milestone":{"event_id":"CSLU7-1","milestone":"departed","at":"2026-11-04T12:00:00Z","place":"Yantian"}}"#;
book.execute(landed::Command::from_json(departed)?, &ctx("2026-11-04", "CSLU7-1")?)?;
// A carrier that repeats its event id changes nothing.
book.execute(landed::Command::from_json(departed)?, &ctx("2026-11-04", "CSLU7-1-again")?)?;
let record = &book.transfer("T-1")?.shipment.milestones[..];
assert_eq!(record.len(), 1);
assert_eq!((record[0].milestone, record[0].place.as_deref()), (Milestone::Departed, Some("Yantian")));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MilestoneRecord {
    /// The carrier's event id (a repeat is ignored).
    pub event_id: String,
    /// What happened.
    pub milestone: Milestone,
    /// When, by the carrier's clock.
    pub at: DateTime<Utc>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}
