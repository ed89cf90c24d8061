//! Available to sell: how many units of a listing a channel may offer, from
//! the stock of the locations that serve the channel, and the quantities a
//! host still has to push to its channels.
//!
//! A listing's figure starts from the `available` bucket (on hand less
//! committed, reserved and every bucket that cannot be sold) of each
//! location serving its channel (the channel's routing entries, then its
//! FBA location). A bundle offers, per location, the least over its
//! components of ⌊units ÷ quantity per bundle⌋, and the locations are
//! added up. The sum is divided by the listing's pack (whole packs only),
//! then the listing's [`ListingStockPolicy`] applies: safety stock and the
//! channel reserve are taken off, the rest is scaled by the share (rounded
//! down), a figure under `end_below` becomes 0, and `max` caps it. Never
//! negative.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::sales::ListingStockPolicy;
//! let mut book = sales_book()?;
//! // Shenzhen holds 8 free lamps (2 are committed to order 1001), Los
//! // Angeles none; the channel may offer 8.
//! assert_eq!(book.available_to_sell("shop-us", "lamp-black")?.available, 8);
//! // Keep 2 back and offer half of the rest: ⌊(8 − 2) × 0.5⌋ = 3.
//! let policy = ListingStockPolicy::new("shop-us", "lamp-black").safety_stock(2).share(landed::Decimal::new(5, 1));
//! book.execute(policy, &ctx("2026-11-21", "policy-lamp")?)?;
//! assert_eq!(book.available_to_sell("shop-us", "lamp-black")?.available, 3);
//! # Ok(()) }
//! ```

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::sales::pair_map::PairMap;

/// How a listing's available-to-sell figure is derived from the stock of
/// its serving locations (`SetListingStockPolicy`). Quantities count the
/// listing's own units (packs), as the channel shows them.
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::sales::ListingStockPolicy;
let policy: ListingStockPolicy = serde_json::from_str(
    r#"{"channel":"shop-us","listing":"lamp-black","reserve":5,"share":"0.8","max":100}"#).unwrap();
assert_eq!((policy.safety_stock, policy.reserve, policy.max, policy.end_below), (0, 5, Some(100), 0));
assert_eq!(policy.offer(40), 28); // ⌊(40 − 5) × 0.8⌋
// A share is a decimal string, never a number.
assert!(serde_json::from_str::<ListingStockPolicy>(r#"{"channel":"a","listing":"b","share":0.5}"#).is_err());
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListingStockPolicy {
    /// The channel.
    pub channel: String,
    /// The channel's identifier of the item.
    pub listing: String,
    /// Units never offered, kept against miscounts and late updates
    /// (default 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub safety_stock: i64,
    /// Units held back for this channel's own needs or for other channels
    /// (default 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub reserve: i64,
    /// Fraction of what is left that this channel may offer, from 0 to 1
    /// (default 1); the result is rounded down to whole units.
    #[serde(
        default = "whole",
        with = "crate::decimal_text::strict",
        skip_serializing_if = "is_whole"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::money::DecimalString"))]
    pub share: Decimal,
    /// The most the channel is ever offered (default: no cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// A figure below this offers 0, ending the listing until stock comes
    /// back (default 0: never).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub end_below: i64,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

fn whole() -> Decimal {
    Decimal::ONE
}

fn is_whole(d: &Decimal) -> bool {
    *d == Decimal::ONE
}

impl ListingStockPolicy {
    /// The policy that changes nothing: no safety stock, no reserve, the
    /// whole share, no cap, no threshold.
    ///
    /// ```
    /// use landed::sales::ListingStockPolicy;
    /// let policy = ListingStockPolicy::new("shop-us", "lamp-black");
    /// assert_eq!(policy.offer(17), 17);
    /// ```
    pub fn new(channel: impl Into<String>, listing: impl Into<String>) -> Self {
        Self {
            channel: channel.into(),
            listing: listing.into(),
            safety_stock: 0,
            reserve: 0,
            share: Decimal::ONE,
            max: None,
            end_below: 0,
        }
    }

    crate::builder::setters! {
        /// Units never offered.
        ///
        /// ```
        /// # use landed::sales::ListingStockPolicy;
        /// assert_eq!(ListingStockPolicy::new("a", "b").safety_stock(3).offer(10), 7);
        /// ```
        safety_stock: set i64;
        /// Units held back for the channel.
        ///
        /// ```
        /// # use landed::sales::ListingStockPolicy;
        /// assert_eq!(ListingStockPolicy::new("a", "b").reserve(4).offer(3), 0);
        /// ```
        reserve: set i64;
        /// The fraction offered, rounded down to whole units.
        ///
        /// ```
        /// # use landed::sales::ListingStockPolicy;
        /// assert_eq!(ListingStockPolicy::new("a", "b").share("0.3".parse().unwrap()).offer(10), 3);
        /// ```
        share: set Decimal;
        /// The cap.
        ///
        /// ```
        /// # use landed::sales::ListingStockPolicy;
        /// assert_eq!(ListingStockPolicy::new("a", "b").max(50).offer(80), 50);
        /// ```
        max: some i64;
        /// The threshold under which nothing is offered.
        ///
        /// ```
        /// # use landed::sales::ListingStockPolicy;
        /// let policy = ListingStockPolicy::new("a", "b").end_below(3);
        /// assert_eq!((policy.offer(2), policy.offer(3)), (0, 3));
        /// ```
        end_below: set i64;
    }

    /// What the channel is offered when its serving locations can supply
    /// `units` of the listing: less safety stock and reserve, times the
    /// share rounded down, 0 under the threshold, at most the cap; never
    /// negative. The threshold is compared before the cap, so a cap below
    /// it does not end the listing.
    ///
    /// ```
    /// use landed::sales::ListingStockPolicy;
    /// let policy = ListingStockPolicy::new("a", "b").safety_stock(2).share("0.5".parse().unwrap())
    ///     .end_below(3).max(10);
    /// assert_eq!(policy.offer(7), 0); // ⌊5 × 0.5⌋ = 2, under 3
    /// assert_eq!(policy.offer(8), 3);
    /// assert_eq!(policy.offer(100), 10);
    /// assert_eq!(policy.offer(-4), 0);
    /// ```
    pub fn offer(&self, units: i64) -> i64 {
        let kept = i128::from(self.safety_stock.max(0)) + i128::from(self.reserve.max(0));
        let left = (i128::from(units) - kept).max(0);
        // `left` is at most i64::MAX, so it fits a decimal's mantissa; a
        // share of at most 1 cannot make it larger.
        let left = i64::try_from(left).unwrap_or(i64::MAX);
        let share = self.share.clamp(Decimal::ZERO, Decimal::ONE);
        let shared = if share == Decimal::ONE {
            left
        } else {
            Decimal::from(left)
                .checked_mul(share)
                .map(|d| d.floor())
                .and_then(|d| d.to_i64())
                .unwrap_or(0)
        };
        if shared < self.end_below {
            return 0;
        }
        match self.max {
            Some(max) => shared.min(max.max(0)),
            None => shared,
        }
    }
}

/// One listing's quantity as the host pushed it to the channel
/// (`AcknowledgeStockPush`).
#[cfg_attr(
    doc,
    doc = r##"

```
use landed::sales::StockPush;
let push = StockPush::new("shop-us", "lamp-black", 8);
assert_eq!(serde_json::to_string(&push).unwrap(), r#"{"channel":"shop-us","listing":"lamp-black","available":8}"#);
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockPush {
    /// The channel.
    pub channel: String,
    /// The channel's identifier of the item.
    pub listing: String,
    /// The quantity the channel now shows.
    pub available: i64,
}

impl StockPush {
    /// A quantity pushed for a listing.
    ///
    /// ```
    /// use landed::sales::StockPush;
    /// assert_eq!(StockPush::new("shop-us", "desk-set", 0).available, 0);
    /// ```
    pub fn new(channel: impl Into<String>, listing: impl Into<String>, available: i64) -> Self {
        Self {
            channel: channel.into(),
            listing: listing.into(),
            available,
        }
    }
}

/// A listing whose available-to-sell figure differs from what the host
/// last acknowledged pushing ([`crate::Book::stock_to_push`]).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
let book = sales_book()?;
let push = book.stock_to_push(None)?;
// Nothing was ever pushed: both listings are new to the channel.
assert_eq!(&*push[0].listing, "desk-set");
assert_eq!((push[0].bundle.as_deref(), push[0].previous, push[0].available), (Some("DESK-SET"), None, 8));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockToPush {
    /// The channel.
    pub channel: crate::Code,
    /// The channel's identifier of the item.
    pub listing: crate::Code,
    /// The SKU it sells, for a SKU listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<crate::Code>,
    /// The bundle it sells, for a bundle listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<crate::Code>,
    /// The quantity last acknowledged as pushed (`null`: never pushed),
    /// for connectors that compare and set.
    pub previous: Option<i64>,
    /// The quantity to push now.
    pub available: i64,
}

impl StockToPush {
    /// The acknowledgement of this row, once its quantity was pushed.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let mut book = sales_book()?;
    /// let pushed: Vec<_> = book.stock_to_push(None)?.iter().map(|p| p.acknowledged()).collect();
    /// book.execute(landed::Command::acknowledge_stock_push(pushed), &ctx("2026-11-21", "push-1")?)?;
    /// assert!(book.stock_to_push(None)?.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn acknowledged(&self) -> StockPush {
        StockPush::new(&*self.channel, &*self.listing, self.available)
    }
}

/// What one serving location can supply of a listing, in SKU or bundle
/// units (before the pack and the policy).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
let ats = sales_book()?.available_to_sell("shop-us", "desk-set")?;
let at: Vec<(&str, i64)> = ats.locations.iter().map(|l| (l.location.as_str(), l.units)).collect();
assert_eq!(at, [("LA", 0), ("SZ", 8)]); // Shenzhen: min(8 lamps, ⌊50 bulbs ÷ 2⌋)
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocationSupply {
    /// The location.
    pub location: String,
    /// Units of the SKU, or whole bundles, it can supply.
    pub units: i64,
}

/// A listing's available-to-sell figure and how it was reached
/// ([`crate::Book::available_to_sell`]).
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
let ats = sales_book()?.available_to_sell("shop-us", "lamp-black")?;
assert_eq!((ats.supply, ats.pack, ats.available, ats.pushed), (8, 1, 8, None));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListingAvailability {
    /// The channel.
    pub channel: String,
    /// The channel's identifier of the item.
    pub listing: String,
    /// The SKU it sells, for a SKU listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The bundle it sells, for a bundle listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
    /// Units of the SKU or bundle in one unit sold.
    pub pack: i64,
    /// Each serving location, in the channel's order (its FBA location
    /// last), with what it can supply.
    pub locations: Vec<LocationSupply>,
    /// Whole packs the serving locations can supply together.
    pub supply: i64,
    /// The figure to offer: `supply` after the listing's policy.
    pub available: i64,
    /// The quantity last acknowledged as pushed, if any.
    pub pushed: Option<i64>,
    /// The policy applied, if one was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<ListingStockPolicy>,
}

/// What the book keeps for available to sell: each listing's policy and
/// the quantity last acknowledged as pushed.
#[cfg_attr(
    doc,
    doc = r##"

```
# include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
# fn main() -> landed::Result<()> {
use landed::Command;
use landed::sales::StockPush;
let mut book = sales_book()?;
book.execute(Command::acknowledge_stock_push([StockPush::new("shop-us", "lamp-black", 8)]),
    &ctx("2026-11-21", "push-1")?)?;
let snapshot = serde_json::to_value(book.snapshot()).unwrap();
assert_eq!(snapshot["sales"]["stock"]["pushed"], serde_json::json!([[["shop-us", "lamp-black"], 8]]));
# Ok(()) }
```
"##
)]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListingStock {
    /// Policies by (channel, listing).
    #[serde(default, skip_serializing_if = "PairMap::is_empty")]
    pub policies: PairMap<ListingStockPolicy>,
    /// Quantities last acknowledged as pushed, by (channel, listing).
    #[serde(default, skip_serializing_if = "PairMap::is_empty")]
    pub pushed: PairMap<i64>,
}

impl ListingStock {
    /// True when nothing was set or pushed (kept out of snapshots).
    pub(crate) fn is_empty(&self) -> bool {
        self.policies.is_empty() && self.pushed.is_empty()
    }
}
