//! Available to sell in the book: the listings' figures, the policies and
//! pushed quantities kept in the state, and the derived index that keeps
//! the push list cheap.
//!
//! The state holds only what commands said (each listing's policy, the
//! quantity last acknowledged as pushed). The figures themselves are
//! derived from positions, so a replayed or restored book computes the
//! same ones. To avoid recomputing every listing after each command, the
//! book keeps, outside the state, the listings each SKU feeds, the figure
//! last computed per listing, the listings whose figure differs from the
//! pushed one, and what has changed since (SKUs whose stock moved,
//! listings defined or given a policy). [`Book::stock_to_push`] computes
//! only the listings touched since; acknowledging a push folds them into
//! the index. A restored book starts with every listing to compute.
//!
//! ```
//! # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
//! # fn main() -> landed::Result<()> {
//! use landed::Command;
//! use landed::sales::StockPush;
//! let mut book = sales_book()?;
//! let pushes: Vec<StockPush> = book.stock_to_push(None)?.iter()
//!     .map(|p| StockPush::new(&p.channel, &p.listing, p.available)).collect();
//! book.execute(Command::acknowledge_stock_push(pushes), &ctx("2026-11-21", "push-1")?)?;
//! assert!(book.stock_to_push(None)?.is_empty());
//! // Three lamps sold from Shenzhen bring both listings from 8 to 5 (the
//! // desk set is bound by its lamps, not its 50 bulbs).
//! book.execute(Command::from_json(r#"{"type":"issue","sku":"LAMP","location":"SZ","quantity":3,"reason":"sale"}"#)?,
//!     &ctx("2026-11-21", "sale-3")?)?;
//! let push = book.stock_to_push(None)?;
//! let changes: Vec<(&str, Option<i64>, i64)> =
//!     push.iter().map(|p| (p.listing.as_str(), p.previous, p.available)).collect();
//! assert_eq!(changes, [("desk-set", Some(8), 5), ("lamp-black", Some(8), 5)]);
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, BTreeSet};

use crate::book::Book;
use crate::book::event::Event;
use crate::book::plan::Planner;
use crate::error::{LandedError, Result, invalid};
use crate::fast_hash::FastMap;
use crate::inventory::{Bucket, LocId, PosKey, SkuId};
use crate::limits::MAX_QUANTITY;
use crate::sales::{
    ChannelSpec, ListingAvailability, ListingSpec, ListingStockPolicy, LocationSupply, StockPush,
    StockToPush,
};

type ListingKey = (String, String);

/// The derived index of available to sell (see the module's doc); not part
/// of the state, rebuilt on restore.
#[derive(Clone, Debug, Default)]
pub(crate) struct AvailableIndex {
    /// The listings each SKU feeds (directly or as a bundle component).
    by_sku: FastMap<SkuId, Vec<ListingKey>>,
    /// The figure last computed per listing (listings not yet computed
    /// are missing, and dirty).
    values: FastMap<ListingKey, i64>,
    /// Listings whose figure, when last computed, differed from the
    /// quantity last pushed.
    pending: BTreeSet<ListingKey>,
    /// SKUs whose stock moved since the last fold.
    dirty_skus: BTreeSet<SkuId>,
    /// Listings defined, given a policy or pushed since the last fold.
    dirty_listings: BTreeSet<ListingKey>,
    /// Every listing needs computing (a restored book).
    all_dirty: bool,
}

impl AvailableIndex {
    fn file(&mut self, key: &ListingKey, skus: &[SkuId]) {
        for sku in skus {
            let listings = self.by_sku.entry(*sku).or_default();
            if !listings.contains(key) {
                listings.push(key.clone());
            }
        }
    }
}

fn broken(reason: String) -> LandedError {
    LandedError::InvalidCommand { reason }
}

/// A policy's own rules: counts from 0 to `MAX_QUANTITY`, a share from 0
/// to 1.
fn check_policy(policy: &ListingStockPolicy) -> Result<()> {
    let counts = [
        ("safety_stock", Some(policy.safety_stock)),
        ("reserve", Some(policy.reserve)),
        ("end_below", Some(policy.end_below)),
        ("max", policy.max),
    ];
    for (what, value) in counts {
        if let Some(n) = value
            && !(0..=MAX_QUANTITY).contains(&n)
        {
            return Err(invalid(format!(
                "listing {}: {what} must be between 0 and {MAX_QUANTITY}",
                policy.listing
            )));
        }
    }
    if policy.share.is_sign_negative() && !policy.share.is_zero()
        || policy.share > rust_decimal::Decimal::ONE
    {
        return Err(invalid(format!(
            "listing {}: share must be between 0 and 1",
            policy.listing
        )));
    }
    Ok(())
}

/// What one acknowledged push may hold: a figure from 0 up, each listing
/// once.
fn check_pushes(pushes: &[StockPush]) -> Result<()> {
    if pushes.is_empty() {
        return Err(invalid("a stock push acknowledges at least one listing"));
    }
    let mut seen = BTreeSet::new();
    for p in pushes {
        if p.available < 0 {
            return Err(invalid(format!(
                "listing {}: a pushed quantity is never negative",
                p.listing
            )));
        }
        if !seen.insert((p.channel.as_str(), p.listing.as_str())) {
            return Err(invalid(format!(
                "listing {} of channel {} is acknowledged twice",
                p.listing, p.channel
            )));
        }
    }
    Ok(())
}

impl Planner<'_> {
    /// `SetListingStockPolicy`: the listing exists and the policy is in
    /// range.
    pub(crate) fn plan_listing_stock_policy(&mut self, policy: &ListingStockPolicy) -> Result<()> {
        self.book.listing_spec(&policy.channel, &policy.listing)?;
        check_policy(policy)?;
        self.events
            .push(Event::ListingStockPolicySet(policy.clone()));
        Ok(())
    }

    /// `AcknowledgeStockPush`: every listing exists, once, with a
    /// quantity from 0 up.
    pub(crate) fn plan_stock_push(&mut self, pushes: &[StockPush]) -> Result<()> {
        check_pushes(pushes)?;
        for p in pushes {
            self.book.listing_spec(&p.channel, &p.listing)?;
        }
        self.events.push(Event::StockPushAcknowledged {
            pushes: pushes.to_vec(),
        });
        Ok(())
    }
}

impl Book {
    /// The listing, `UNKNOWN_CHANNEL` or `INVALID_COMMAND` if the book does
    /// not know it.
    fn listing_spec(&self, channel: &str, listing: &str) -> Result<&ListingSpec> {
        if !self.state.sales.channels.contains_key(channel) {
            return Err(LandedError::UnknownChannel {
                channel: channel.to_owned(),
            });
        }
        self.state
            .sales
            .listings
            .get(channel, listing)
            .ok_or_else(|| {
                invalid(format!(
                    "unknown listing {listing:?} of channel {channel:?}"
                ))
            })
    }

    /// The SKUs a listing draws on, each with its units per bundle (1 for
    /// a SKU listing); SKUs the book does not know are left out.
    fn listing_skus(&self, spec: &ListingSpec) -> Vec<(SkuId, i64)> {
        match (&spec.sku, &spec.bundle) {
            (Some(sku), _) => self.sku_id(sku).map(|id| vec![(id, 1)]).unwrap_or_default(),
            (None, Some(bundle)) => self
                .bundle(bundle)
                .map(|b| {
                    b.components
                        .iter()
                        .filter_map(|c| self.sku_id(&c.sku).ok().map(|id| (id, c.quantity)))
                        .collect()
                })
                .unwrap_or_default(),
            (None, None) => Vec::new(),
        }
    }

    /// The locations serving a channel: its routing entries in order, then
    /// its FBA location, each once.
    fn serving_locations(&self, channel: &ChannelSpec) -> Vec<LocId> {
        let mut out = Vec::new();
        let codes = channel
            .locations
            .iter()
            .map(|r| r.location.as_str())
            .chain(channel.fba_location.as_deref());
        for code in codes {
            if let Ok(id) = self.loc_id(code)
                && !out.contains(&id)
            {
                out.push(id);
            }
        }
        out
    }

    /// Free units of a SKU at a location: its `available` bucket over
    /// every lot, never below 0.
    fn free_units(&self, sku: SkuId, loc: LocId) -> i64 {
        let from = PosKey {
            sku,
            location: loc,
            lot: 0,
        };
        let to = PosKey {
            sku,
            location: loc,
            lot: u32::MAX,
        };
        let total: i128 = self
            .state
            .positions
            .range(from..=to)
            .map(|(_, p)| i128::from(p.get(Bucket::Available).max(0)))
            .sum();
        i64::try_from(total).unwrap_or(i64::MAX)
    }

    /// Per serving location, what it can supply of the listing in SKU or
    /// bundle units, and the whole packs all of them supply together.
    fn supply_of(&self, channel: &ChannelSpec, spec: &ListingSpec) -> (Vec<(LocId, i64)>, i64) {
        let skus = self.listing_skus(spec);
        let mut total: i128 = 0;
        let per_location: Vec<(LocId, i64)> = self
            .serving_locations(channel)
            .into_iter()
            .map(|loc| {
                let units = skus
                    .iter()
                    .map(|(sku, per)| match *per {
                        per if per >= 1 => self.free_units(*sku, loc) / per,
                        _ => 0,
                    })
                    .min()
                    .unwrap_or(0);
                total += i128::from(units);
                (loc, units)
            })
            .collect();
        let packs = total / i128::from(spec.pack.max(1));
        (per_location, i64::try_from(packs).unwrap_or(i64::MAX))
    }

    /// The figure to offer for a listing (`None`: the book does not know
    /// it).
    fn listing_figure(&self, channel: &str, listing: &str) -> Option<i64> {
        let channel_spec = self.state.sales.channels.get(channel)?;
        let spec = self.state.sales.listings.get(channel, listing)?;
        let (_, supply) = self.supply_of(channel_spec, spec);
        Some(
            match self.state.sales.stock.policies.get(channel, listing) {
                Some(policy) => policy.offer(supply),
                None => supply,
            },
        )
    }

    /// A listing's available-to-sell figure: what each serving location
    /// can supply, the whole packs together, and the figure after the
    /// listing's policy (`UNKNOWN_CHANNEL`, or `INVALID_COMMAND` for a
    /// listing the channel does not have).
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let book = sales_book()?;
    /// assert_eq!(book.available_to_sell("shop-us", "desk-set")?.available, 8);
    /// assert_eq!(book.available_to_sell("shop-us", "mug").unwrap_err().code(), "INVALID_COMMAND");
    /// # Ok(()) }
    /// ```
    pub fn available_to_sell(&self, channel: &str, listing: &str) -> Result<ListingAvailability> {
        let spec = self.listing_spec(channel, listing)?;
        let channel_spec =
            self.state
                .sales
                .channels
                .get(channel)
                .ok_or_else(|| LandedError::UnknownChannel {
                    channel: channel.to_owned(),
                })?;
        let (per_location, supply) = self.supply_of(channel_spec, spec);
        let policy = self.state.sales.stock.policies.get(channel, listing);
        Ok(ListingAvailability {
            channel: channel.to_owned(),
            listing: listing.to_owned(),
            sku: spec.sku.clone(),
            bundle: spec.bundle.clone(),
            pack: spec.pack,
            locations: per_location
                .into_iter()
                .map(|(loc, units)| LocationSupply {
                    location: self.index.location_codes[loc as usize].to_string(),
                    units,
                })
                .collect(),
            supply,
            available: policy.map_or(supply, |p| p.offer(supply)),
            pushed: self.state.sales.stock.pushed.get(channel, listing).copied(),
            policy: policy.cloned(),
        })
    }

    /// Every listing's figure, computed from scratch, by channel and
    /// listing (one channel's only when `channel` is given;
    /// `UNKNOWN_CHANNEL` if the book does not know it). The reference the
    /// incremental [`Book::stock_to_push`] is checked against.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let all = sales_book()?.listings_available(Some("shop-us"))?;
    /// let figures: Vec<(&str, i64)> = all.iter().map(|a| (a.listing.as_str(), a.available)).collect();
    /// assert_eq!(figures, [("desk-set", 8), ("lamp-black", 8)]);
    /// # Ok(()) }
    /// ```
    pub fn listings_available(&self, channel: Option<&str>) -> Result<Vec<ListingAvailability>> {
        self.known_channel(channel)?;
        self.state
            .sales
            .listings
            .iter()
            .filter(|((c, _), _)| channel.is_none_or(|wanted| c == wanted))
            .map(|((c, l), _)| self.available_to_sell(c, l))
            .collect()
    }

    fn known_channel(&self, channel: Option<&str>) -> Result<()> {
        match channel {
            Some(c) if !self.state.sales.channels.contains_key(c) => {
                Err(LandedError::UnknownChannel {
                    channel: c.to_owned(),
                })
            }
            _ => Ok(()),
        }
    }

    /// The quantities to push: every listing (of `channel`, when given)
    /// whose figure differs from the quantity last acknowledged with
    /// `AcknowledgeStockPush` (or that was never pushed), by channel and
    /// listing, with the previous quantity for connectors that compare and
    /// set. Only listings whose stock, definition, policy or push changed
    /// since the last acknowledgement are computed; the others are read
    /// from the index.
    ///
    /// ```
    /// # include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sales_book.rs"));
    /// # fn main() -> landed::Result<()> {
    /// let push = sales_book()?.stock_to_push(Some("shop-us"))?;
    /// assert_eq!(push.iter().map(|p| p.available).collect::<Vec<_>>(), [8, 8]);
    /// # Ok(()) }
    /// ```
    pub fn stock_to_push(&self, channel: Option<&str>) -> Result<Vec<StockToPush>> {
        self.known_channel(channel)?;
        let index = &self.index.available;
        let wanted = |key: &ListingKey| channel.is_none_or(|c| key.0 == c);
        // Each candidate, with whether its figure must be computed.
        let mut candidates: BTreeMap<&ListingKey, bool> = BTreeMap::new();
        if index.all_dirty {
            for (key, _) in &self.state.sales.listings {
                candidates.insert(key, true);
            }
        } else {
            for key in &index.pending {
                candidates.insert(key, false);
            }
            for key in &index.dirty_listings {
                candidates.insert(key, true);
            }
            for sku in &index.dirty_skus {
                for key in index.by_sku.get(sku).into_iter().flatten() {
                    candidates.insert(key, true);
                }
            }
        }
        let mut out = Vec::new();
        for (key, dirty) in candidates {
            if !wanted(key) {
                continue;
            }
            let figure = if dirty {
                self.listing_figure(&key.0, &key.1)
            } else {
                index.values.get(key).copied()
            };
            let Some(available) = figure else { continue };
            let previous = self.state.sales.stock.pushed.get(&key.0, &key.1).copied();
            if previous == Some(available) {
                continue;
            }
            let spec = self.state.sales.listings.get(&key.0, &key.1);
            out.push(StockToPush {
                channel: key.0.clone(),
                listing: key.1.clone(),
                sku: spec.and_then(|s| s.sku.clone()),
                bundle: spec.and_then(|s| s.bundle.clone()),
                previous,
                available,
            });
        }
        Ok(out)
    }

    /// Applies the available-to-sell side of an event, at commit and in
    /// replay alike: the two events of its own (checked against the
    /// state, so a log that does not fit is refused), and what other
    /// events change for the index.
    pub(crate) fn apply_available(&mut self, event: &Event) -> Result<()> {
        match event {
            Event::ListingStockPolicySet(policy) => {
                self.listing_spec(&policy.channel, &policy.listing)?;
                check_policy(policy).map_err(|e| broken(e.to_string()))?;
                let key = (policy.channel.clone(), policy.listing.clone());
                self.state
                    .sales
                    .stock
                    .policies
                    .insert(key.clone(), policy.clone());
                self.index.available.dirty_listings.insert(key);
            }
            Event::StockPushAcknowledged { pushes } => {
                check_pushes(pushes).map_err(|e| broken(e.to_string()))?;
                for p in pushes {
                    self.listing_spec(&p.channel, &p.listing)?;
                }
                for p in pushes {
                    let key = (p.channel.clone(), p.listing.clone());
                    self.state
                        .sales
                        .stock
                        .pushed
                        .insert(key.clone(), p.available);
                    self.index.available.dirty_listings.insert(key);
                }
                self.fold_available();
            }
            Event::ListingDefined(spec) => {
                let key = (spec.channel.clone(), spec.listing.clone());
                let skus: Vec<SkuId> = self.listing_skus(spec).into_iter().map(|s| s.0).collect();
                let index = &mut self.index.available;
                index.file(&key, &skus);
                index.dirty_listings.insert(key);
            }
            other => {
                if !self.index.available.by_sku.is_empty()
                    && let Some((sku, _)) = other.stock_codes()
                {
                    let code = match sku {
                        Ok(shared) => &**shared,
                        Err(text) => text,
                    };
                    if let Ok(id) = self.sku_id(code)
                        && self.index.available.by_sku.contains_key(&id)
                    {
                        self.index.available.dirty_skus.insert(id);
                    }
                }
            }
        }
        Ok(())
    }

    /// Computes every listing changed since the last fold and records its
    /// figure and whether it differs from the pushed quantity.
    fn fold_available(&mut self) {
        let index = std::mem::take(&mut self.index.available);
        let mut index = index;
        let keys: BTreeSet<ListingKey> = if index.all_dirty {
            self.state
                .sales
                .listings
                .iter()
                .map(|(k, _)| k.clone())
                .collect()
        } else {
            let mut keys = std::mem::take(&mut index.dirty_listings);
            for sku in &index.dirty_skus {
                keys.extend(index.by_sku.get(sku).into_iter().flatten().cloned());
            }
            keys
        };
        for key in keys {
            match self.listing_figure(&key.0, &key.1) {
                Some(figure) => {
                    let pushed = self.state.sales.stock.pushed.get(&key.0, &key.1);
                    if pushed == Some(&figure) {
                        index.pending.remove(&key);
                    } else {
                        index.pending.insert(key.clone());
                    }
                    index.values.insert(key, figure);
                }
                None => {
                    index.pending.remove(&key);
                    index.values.remove(&key);
                }
            }
        }
        index.dirty_skus.clear();
        index.dirty_listings.clear();
        index.all_dirty = false;
        self.index.available = index;
    }

    /// Rebuilds the index from the state (on restore): every listing filed
    /// under its SKUs, all of them to compute.
    pub(crate) fn rebuild_available_index(&mut self) {
        let mut index = AvailableIndex {
            all_dirty: true,
            ..AvailableIndex::default()
        };
        for (key, spec) in &self.state.sales.listings {
            let skus: Vec<SkuId> = self.listing_skus(spec).into_iter().map(|s| s.0).collect();
            index.file(key, &skus);
        }
        self.index.available = index;
    }
}
